"""The parametric solver: regimes of symbolic games agree with the numeric solvers at every parameter point."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import ExtensiveFormGame, InvalidGameError, NormalFormGame, UnsupportedGameError, chance, decision, outcome, solve
from gametheory.symbolic.regimes import regime_at

a, b = sympy.symbols("a b")
PARAMETERS = (a, b)


def _profiles(result):  # type: ignore[no-untyped-def]
    return {tuple(tuple(Fraction(str(sympy.nsimplify(x))) for x in s) for s in eq.profile) for eq in result.equilibria}


def _tree_profiles(result):  # type: ignore[no-untyped-def]
    return {tuple(tuple(tuple(int(x) for x in h) for h in s) for s in eq.profile) for eq in result.equilibria}


def _points(result, rng: random.Random, n: int) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every regime's witness and random rational points (some on the lines a = b, a = 0, ... where boundaries sit)."""
    points = [dict(r.witness) for r in result.regimes if r.witness and all(sympy.sympify(v).is_Rational for v in r.witness.values())]
    params = result.game.parameters
    for _ in range(n):
        points.append({p: sympy.Rational(rng.randint(-12, 12), rng.choice([1, 2, 3])) for p in params})
    return points


@st.composite
def symbolic_bimatrix(draw, max_actions: int = 3):  # type: ignore[no-untyped-def]
    m, n = draw(st.integers(1, max_actions)), draw(st.integers(2, max_actions))
    k = 1 if m * n > 4 else draw(st.integers(1, 2))  # two parameters in a 3x3 game can take seconds: keep CI quick

    def entry():  # type: ignore[no-untyped-def]
        return draw(st.integers(-3, 3)) + sum(draw(st.integers(-1, 1)) * p for p in PARAMETERS[:k])

    A = [[entry() for _ in range(n)] for _ in range(m)]
    B = [[entry() for _ in range(n)] for _ in range(m)]
    return NormalFormGame.from_bimatrix(A, B)


@settings(max_examples=12)
@given(symbolic_bimatrix(), st.randoms(use_true_random=False))
def test_regimes_of_normal_forms_match_enumerate_at_every_point(game, rng) -> None:  # type: ignore[no-untyped-def]
    if game.kind != "symbolic":
        return
    result = solve(game)
    for point in _points(result, rng, 6):
        containing = [i for i, r in enumerate(result.regimes) if r.contains(point)]
        assert len(containing) == 1, (point, [r.conditions for r in result.regimes])  # regimes partition the space
        numeric = solve(game.subs(point), method="enumerate")
        assert _profiles(result.at(point)) == _profiles(numeric)
        assert all(eq.max_regret == 0 for eq in result.at(point))


@st.composite
def symbolic_trees(draw, depth: int = 3):  # type: ignore[no-untyped-def]
    def payoff():  # type: ignore[no-untyped-def]
        return draw(st.integers(-3, 3)) + draw(st.integers(-1, 1)) * a + draw(st.integers(-1, 1)) * b

    def node(d):  # type: ignore[no-untyped-def]
        if d == 0 or (draw(st.booleans()) and d < depth):
            return outcome(payoff(), payoff())
        if draw(st.integers(0, 4)) == 0:
            return chance({"h": (sympy.Rational(1, 3), node(d - 1)), "t": (sympy.Rational(2, 3), node(d - 1))})
        return decision(draw(st.sampled_from(["P1", "P2"])), {f"x{k}": node(d - 1) for k in range(draw(st.integers(2, 3)))})

    return ExtensiveFormGame.from_tree(decision("P1", {"L": node(depth - 1), "R": node(depth - 1)}), players=["P1", "P2"])


@settings(max_examples=12)
@given(symbolic_trees(), st.randoms(use_true_random=False))
def test_regimes_of_trees_match_backward_induction_at_every_point(game, rng) -> None:  # type: ignore[no-untyped-def]
    if game.kind != "symbolic":
        return
    result = solve(game)
    for point in _points(result, rng, 6):
        assert sum(r.contains(point) for r in result.regimes) == 1
        numeric = solve(game.subs(point), method="spe")
        at = result.at(point)
        assert _tree_profiles(at) == _tree_profiles(numeric)
        assert all(eq.max_regret == 0 for eq in at)


def _fractions(result):  # type: ignore[no-untyped-def]
    return {tuple(tuple(tuple(Fraction(str(x)) for x in h) for h in s) for s in eq.profile) for eq in result.equilibria}


@st.composite
def symbolic_trees_with_subgames(draw):  # type: ignore[no-untyped-def]
    """A first move, then simultaneous-move subgames (P2 does not see P1's choice) or outcomes; one parameter."""

    def payoff():  # type: ignore[no-untyped-def]
        return draw(st.integers(-3, 3)) + draw(st.integers(-1, 1)) * a

    def subgame(k):  # type: ignore[no-untyped-def]
        if draw(st.booleans()):
            return outcome(payoff(), payoff())
        p2 = [f"y{j}" for j in range(draw(st.integers(1, 2)))]
        return decision("P1", {f"x{k}{i}": decision("P2", {y: outcome(payoff(), payoff()) for y in p2}, infoset=f"S{k}") for i in range(2)})

    first = {f"m{k}": subgame(k) for k in range(2)}
    return ExtensiveFormGame.from_tree(decision(draw(st.sampled_from(["P1", "P2"])), first), players=["P1", "P2"])


@settings(max_examples=10)
@given(symbolic_trees_with_subgames(), st.randoms(use_true_random=False))
def test_regimes_of_trees_with_information_sets_match_spe_at_every_point(game, rng) -> None:  # type: ignore[no-untyped-def]
    if game.kind != "symbolic":
        return
    result = solve(game)
    for point in _points(result, rng, 5):
        assert sum(r.contains(point) for r in result.regimes) == 1
        at = result.at(point)
        assert _fractions(at) == _fractions(solve(game.subs(point), method="spe"))
        assert all(eq.max_regret == 0 for eq in at)


def test_chicken_mixed_equilibrium_and_its_regimes() -> None:
    # Chicken with crash cost c: swerving against a swerver 0, against a straight driver -1; straight wins 1,
    # a crash costs c. Indifference gives P(swerve) = (c - 1)/c (Dixit, Skeath & Reiley, Games of Strategy, ch. 7).
    c = sympy.Symbol("c", positive=True)
    chicken = NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]], actions=[["Swerve", "Straight"]] * 2)
    result = solve(chicken)
    # at c = 1 the mixed equilibrium is (Straight, Straight), so the boundary joins the regime above
    assert [str(r.conditions) for r in result.regimes] == ["c < 1", "c >= 1"]
    below, above = result.regimes
    assert [eq.profile for eq in below.equilibria] == [((0, 1), (0, 1))]  # crashing is cheap: both go straight
    assert len(above.equilibria) == 3
    mixed = [eq for eq in above.equilibria if not eq.is_pure]
    assert sympy.simplify(mixed[0].profile[0][0] - (c - 1) / c) == 0
    assert sympy.simplify(mixed[0].payoffs[0] - (-1 / c)) == 0
    at = result.at({c: 4})
    assert at.details["regime"] == 1 and {eq.profile[0] for eq in at} == {(0, 1), (1, 0), (Fraction(3, 4), Fraction(1, 4))}
    piecewise = result.as_piecewise("payoff:Player 1", select=0)
    assert piecewise.subs(c, sympy.Rational(1, 2)) == sympy.Rational(-1, 2)


def _deterrence(c: sympy.Symbol, p: sympy.Symbol) -> ExtensiveFormGame:
    """The defender is resolved (and fights, costing the challenger c) with probability p."""
    resolved = decision("Defender", {"fight": outcome(-c, 1), "yield": outcome(1, 0)})
    tree = decision("Challenger", {"stay out": outcome(0, 1), "attack": chance({"resolved": (p, resolved), "not": (1 - p, outcome(1, 0))})})
    return ExtensiveFormGame.from_tree(tree, players=["Challenger", "Defender"])


def test_entry_deterrence_threshold_on_the_probability_of_a_resolved_defender() -> None:
    # The challenger attacks unless the chance p that the defender is resolved (and fights, cost c) makes
    # attack worth less than staying out: 1 - p - c*p < 0, i.e. p > 1/(1 + c).
    c, p = sympy.symbols("c p", positive=True)
    result = solve(_deterrence(c, p))
    conditions = [str(r.conditions) for r in result.regimes]
    assert conditions == ["c*p + p < 1", "Eq(c*p + p, 1)", "c*p + p > 1"]
    war = result.as_piecewise("outcome:attack/resolved/fight", select=0)
    assert war.subs({c: 1, p: sympy.Rational(1, 3)}) == sympy.Rational(1, 3)
    assert war.subs({c: 1, p: sympy.Rational(2, 3)}) == 0
    assert regime_at(result, {c: 1, p: sympy.Rational(1, 2)}) == 1


def test_three_by_three_generalised_rock_paper_scissors_has_one_regime() -> None:
    # Zero-sum, cyclic, win a, lose b: for a, b > 0 the unique equilibrium is uniform.
    x, y = sympy.symbols("x y", positive=True)
    A = [[0, -y, x], [x, 0, -y], [-y, x, 0]]
    result = solve(NormalFormGame.from_bimatrix(A, [[-v for v in row] for row in A]))
    assert len(result.regimes) == 1 and result.regimes[0].conditions == sympy.true
    (eq,) = result.regimes[0].equilibria
    assert eq.profile == ((sympy.Rational(1, 3),) * 3,) * 2


def test_assumptions_restrict_the_regimes() -> None:
    c = sympy.Symbol("c")
    chicken = NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    assert [str(r.conditions) for r in solve(chicken, assume=[c > 2]).regimes] == ["True"]
    with pytest.raises(InvalidGameError, match="assume must be relations"):
        solve(chicken, assume=[sympy.Symbol("z") > 0])


def test_errors_name_the_problem() -> None:
    with pytest.raises(UnsupportedGameError, match="must be symbolic"):
        solve(NormalFormGame.from_bimatrix([[1]], [[1]]), method="parametric")
    three = NormalFormGame.from_arrays([[[a]]], [[[0]]], [[[0]]])
    with pytest.raises(UnsupportedGameError, match="2 players"):
        solve(three)
    chicken = solve(NormalFormGame.from_bimatrix([[0, -1], [1, -a]], [[0, 1], [-1, -a]]))
    with pytest.raises(InvalidGameError, match="select=k"):
        chicken.as_piecewise("payoff:Player 1")
    with pytest.raises(InvalidGameError, match="missing"):
        solve(NormalFormGame.from_bimatrix([[a, b]], [[0, 0]])).at({a: 1})
    with pytest.raises(InvalidGameError, match="no regimes"):
        solve(NormalFormGame.from_bimatrix([[1]], [[1]])).at({a: 1})
    with pytest.raises(InvalidGameError, match="names no player"):
        chicken.as_piecewise("payoff:Nobody", select=0)


def test_sweep_of_a_parametric_result_agrees_with_at() -> None:
    import numpy as np

    c = sympy.Symbol("c", positive=True)
    chicken = NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    result = solve(chicken)
    grid = np.array([0.5, 1.0, 2.0, 4.0])
    swept = result.sweep({c: grid}, {"u": "payoff:Player 1"}, select=0)
    for value, regime, u in zip(grid, swept.regime, swept.values["u"], strict=True):
        exact = result.at({c: sympy.nsimplify(value)})
        assert regime == exact.details["regime"]
        assert u == pytest.approx(float(exact[0].payoffs[0]))


def test_thresholds_and_comparative_statics_of_the_deterrence_tree() -> None:
    from gametheory.symbolic import boundaries, comparative_statics, threshold

    c, p = sympy.symbols("c p", positive=True)
    result = solve(_deterrence(c, p))
    (boundary,) = boundaries(result)
    assert threshold(boundary, p) == (1 / (c + 1),)  # deterrence holds iff p > 1/(1 + c)
    war = {s.regime: s for s in comparative_statics(result, "outcome:attack/resolved/fight", p, select=0)}
    assert war[0].derivative == 1 and war[0].signs == ((sympy.true, 1),)  # more resolve, more war while attacked
    challenger = {s.regime: s for s in comparative_statics(result, "payoff:Challenger", c, select=0)}
    assert challenger[0].signs == ((sympy.true, -1),)
    with pytest.raises(InvalidGameError, match="parameter must be one of"):
        comparative_statics(result, "payoff:Challenger", sympy.Symbol("z"), select=0)


@settings(max_examples=10)
@given(symbolic_bimatrix(max_actions=2))
def test_derivative_signs_agree_with_finite_differences(game) -> None:  # type: ignore[no-untyped-def]
    from gametheory.symbolic import comparative_statics

    if game.kind != "symbolic" or a not in game.parameters:
        return
    result = solve(game)
    for static in comparative_statics(result, "payoff:Player 1", a, select=0):
        regime = result.regimes[static.regime]
        if regime.witness is None:
            continue
        point = dict(regime.witness)
        value = result.as_piecewise("payoff:Player 1", select=0)
        h = sympy.Rational(1, 10**6)
        up, down = {**point, a: point[a] + h}, {**point, a: point[a] - h}
        if not (regime.contains(up) and regime.contains(down)):
            continue
        difference = value.subs(up) - value.subs(down)
        (sign,) = [s for condition, s in static.signs if sympy.sympify(condition).subs(point) == sympy.true]
        assert int(sympy.sign(difference)) == sign
