"""Continuous choices: symbolic backward induction, stationary equilibria, the numeric fallback, and their errors."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import InvalidGameError, SolverError, UnsupportedGameError, chance, decision
from gametheory.symbolic.continuous import (
    ContinuousGame,
    branch,
    choice_of_risk,
    choose,
    continuous_game,
    rubinstein,
    spe_continuous,
    stationary_game,
    stationary_spe,
    take_it_or_leave_it,
)

x, y, r, b, c = sympy.symbols("x y r b c")
G, D, C, L = sympy.symbols("G D C L", positive=True)
p = sympy.Symbol("p", nonnegative=True)


# --- shared solutions (solved once) ----------------------------------------------------------------
@pytest.fixture(scope="module")
def ultimatum() -> Any:
    return spe_continuous(take_it_or_leave_it(r))


@pytest.fixture(scope="module")
def risk() -> Any:
    return spe_continuous(choice_of_risk())


@pytest.fixture(scope="module")
def bargaining() -> Any:
    return stationary_spe(rubinstein())


def regime_of(result: Any, point: dict[Any, Any]) -> int:
    """The index of the one regime that contains ``point`` (and check that it is the only one)."""
    inside = [k for k, regime in enumerate(result.regimes) if regime.contains(point)]
    assert len(inside) == 1, (point, [regime.conditions for regime in result.regimes])
    return inside[0]


def same(a: Any, b: Any) -> bool:
    """Equal as expressions (or as dicts of expressions)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0


def chosen(rule: dict[str, Any], point: dict[Any, Any]) -> str:
    """The action a discrete rule (action -> condition) picks at ``point``."""
    actions = [action for action, condition in rule.items() if bool(sympy.sympify(condition).subs(point))]
    assert len(actions) == 1, (rule, point)
    return actions[0]


fractions = st.builds(F, st.integers(-24, 48), st.sampled_from([1, 2, 3, 4, 6, 8, 12])).map(lambda q: q / 2)
unit = st.builds(F, st.integers(0, 12), st.just(12))
positive = st.builds(F, st.integers(1, 30), st.sampled_from([1, 2, 3, 5, 10]))
discount = st.builds(F, st.integers(1, 19), st.just(20))


# --- the take-it-or-leave-it offer ---------------------------------------------------------------
def test_ultimatum_proposer_keeps_everything_above_the_outside_option(ultimatum: Any) -> None:
    # Osborne (2004), An Introduction to Game Theory, section 6.1.1 (ultimatum game), with an outside option r for
    # the responder: she accepts iff x >= r, and the proposer offers exactly r and keeps 1 - r (when 0 <= r < 1)
    result = spe_continuous(take_it_or_leave_it(r), assume=[r >= 0, r < 1])
    assert len(result) == 1 and result.method == "continuous_spe" and result.exact
    eq = result.equilibria[0]
    assert eq.conditions == (sympy.true,) and eq.concept == "spe"
    assert eq.payoffs == (1 - r, r)
    assert result.details["path"][0] == {"x": r, "Responder@x": "Accept"}
    assert result.details["rules"]["Responder@x"] == {"Accept": x >= r, "Reject": x < r}
    assert result.strategy(0, 0) == {"x": r}
    # without assumptions: offers below 0 are not needed (r < 0), and no offer is accepted when r >= 1
    summary = {eq.conditions[0]: (eq.payoffs, path["x"]) for eq, path in zip(ultimatum, ultimatum.details["path"], strict=True)}
    assert summary == {
        r < 0: ((1, 0), 0),
        sympy.And(r >= 0, r < 1): ((1 - r, r), r),
        r >= 1: ((0, r), 0),
    }


def test_ultimatum_without_outside_options_gives_the_proposer_everything() -> None:
    # Osborne (2004), section 6.1.1: the unique SPE of the ultimatum game with a continuous offer: offer 0, accepted
    result = spe_continuous(take_it_or_leave_it())
    assert [eq.payoffs for eq in result] == [(1, 0)]
    assert result.details["path"] == ({"x": 0, "Responder@x": "Accept"},)


@settings(max_examples=15)
@given(fractions)
def test_ultimatum_symbolic_solution_at_a_point_is_the_numeric_solution(ultimatum: Any, value: F) -> None:
    numeric = spe_continuous(take_it_or_leave_it(value))
    k = regime_of(ultimatum, {r: value})
    expected = tuple(sympy.sympify(u).subs(r, value) for u in ultimatum.equilibria[k].payoffs)
    assert numeric.equilibria[0].payoffs == expected
    assert numeric.details["path"][0]["x"] == sympy.sympify(ultimatum.details["path"][k]["x"]).subs(r, value)
    # the regime's witness lies in the regime
    assert ultimatum.regimes[k].contains(ultimatum.details["witness"][k])


@settings(max_examples=25)
@given(fractions, st.lists(unit, min_size=1, max_size=8))
def test_no_other_offer_pays_the_proposer_more(ultimatum: Any, value: F, offers: list[F]) -> None:
    # certificate: given the responder's rule, the equilibrium offer is a best reply of the proposer
    k = regime_of(ultimatum, {r: value})
    best = sympy.sympify(ultimatum.equilibria[k].payoffs[0]).subs(r, value)
    rule = ultimatum.details["rules"]["Responder@x"]
    for offer in offers:
        action = chosen(rule, {x: offer, r: value})
        payoff = 1 - offer if action == "Accept" else 0
        assert payoff <= best
        # and the responder's rule is a best reply to every offer
        assert (offer >= value) == (action == "Accept")


# --- a choice of risk ------------------------------------------------------------------------------
def test_minimal_effective_risk_and_when_the_threatener_prefers_it(risk: Any) -> None:
    # Schelling (1960), The Strategy of Conflict, ch. 8; Dixit, Skeath & McAdams (2021), Games of Strategy, brinkmanship chapter:
    # the target complies iff q*D >= G, so the smallest effective risk is G/D (effectiveness: G <= D); the threatener
    # prefers it to no threat iff p*C*G <= (1 - p)*L*D (acceptability), i.e. p < D*L/(C*G + D*L) with ties to q = 0
    summary = {eq.conditions[0]: (path["q"], eq.payoffs) for eq, path in zip(risk, risk.details["path"], strict=True)}
    threshold = D * L / (C * G + D * L)
    assert summary == {
        sympy.Or(D < G, p >= threshold): (0, (-L, G)),
        sympy.And(D >= G, p < threshold): (G / D, risk.equilibria[1].payoffs),
    }
    assert sympy.simplify(risk.equilibria[1].payoffs[0] + p * (L + C * G / D)) == 0
    assert risk.details["rules"]["Target@q/Soft"] == {
        "Defy": sympy.Symbol("q", real=True) < G / D,
        "Comply": sympy.Symbol("q", real=True) >= G / D,
    }
    # with no hard-liners the threat is always worth making when it can work
    sure = spe_continuous(choice_of_risk(hardline=0))
    assert [(eq.conditions[0], path["q"]) for eq, path in zip(sure, sure.details["path"], strict=True)] == [(D < G, 0), (D >= G, G / D)]


@settings(max_examples=12)
@given(positive, positive, positive, positive, unit, st.lists(unit, min_size=1, max_size=6))
def test_risk_symbolic_solution_at_a_point_is_the_numeric_solution(
    risk: Any, gain: F, cost: F, threatener_cost: F, loss: F, hardline: F, risks: list[F]
) -> None:
    point = {G: gain, D: cost, C: threatener_cost, L: loss, p: hardline}
    numeric = spe_continuous(choice_of_risk(gain, cost, threatener_cost, loss, hardline))
    k = regime_of(risk, point)
    assert numeric.equilibria[0].payoffs == tuple(sympy.sympify(u).subs(point) for u in risk.equilibria[k].payoffs)
    assert numeric.details["path"][0]["q"] == sympy.sympify(risk.details["path"][k]["q"]).subs(point)
    # certificate: no sampled risk pays the threatener more, given the target's rule
    best = numeric.equilibria[0].payoffs[0]
    for q in risks:
        complies = q * cost >= gain
        payoff = hardline * (-loss - q * threatener_cost) + (1 - hardline) * (0 if complies else -loss - q * threatener_cost)
        assert payoff <= best


# --- Rubinstein's alternating offers --------------------------------------------------------------
def test_rubinstein_stationary_split(bargaining: Any) -> None:
    # Rubinstein (1982), Econometrica 50(1); Osborne & Rubinstein (1990), Bargaining and Markets, ch. 3:
    # player 1 gets (1 - d2)/(1 - d1*d2) at once, and player 2 accepts exactly the offers that leave her at least that much
    d1, d2 = rubinstein().parameters
    assert len(bargaining) == 1
    eq = bargaining.equilibria[0]
    share = (1 - d2) / (1 - d1 * d2)
    assert eq.conditions == (sympy.true,)
    assert sympy.simplify(eq.payoffs[0] - share) == 0 and sympy.simplify(eq.payoffs[1] - d2 * (1 - d1) / (1 - d1 * d2)) == 0
    first, second = bargaining.game.stages[0][0], bargaining.game.stages[1][0]
    assert bargaining.details["path"][0][first]["Player 2@x"] == "Accept"
    rule = bargaining.details["rules"][0][first]["Player 2@x"]
    assert set(rule) == {"Accept", "Reject"}
    assert sympy.simplify(bargaining.details["path"][0][first]["x"] - share) == 0
    # symmetric: player 2 asks for (1 - d1)/(1 - d1*d2) when she proposes
    assert sympy.simplify(bargaining.details["path"][0][second]["y"] - (1 - d1) / (1 - d1 * d2)) == 0
    # equal patience: 1/(1 + d), which tends to an equal split as the players become patient
    d = sympy.Symbol("d", positive=True)
    equal = sympy.simplify(eq.payoffs[0].subs({d1: d, d2: d}))
    assert sympy.simplify(equal - 1 / (1 + d)) == 0
    assert sympy.limit(equal, d, 1) == sympy.Rational(1, 2)


@settings(max_examples=25)
@given(discount, discount, st.lists(unit, min_size=1, max_size=8))
def test_rubinstein_offers_are_best_replies(bargaining: Any, delta1: F, delta2: F, offers: list[F]) -> None:
    # one-shot deviations (enough for stationary strategies): no other demand pays player 1 more, and player 2's
    # rule accepts exactly the demands that leave her at least her discounted continuation value
    d1, d2 = rubinstein().parameters
    point = {d1: delta1, d2: delta2}
    first, second = bargaining.game.stages[0][0], bargaining.game.stages[1][0]
    values = bargaining.details["values"][0]
    v1 = sympy.sympify(values[first][0]).subs(point)
    w1, w2 = (sympy.sympify(u).subs(point) for u in values[second])
    assert v1 == (1 - delta2) / (1 - delta1 * delta2)
    rule = bargaining.details["rules"][0][first]["Player 2@x"]
    (demanded,) = bargaining.game.stages[0][1].choices
    for demand in offers:
        action = chosen(rule, {demanded: demand, **point})
        assert (action == "Accept") == (1 - demand >= delta2 * w2)
        payoff = demand if action == "Accept" else delta1 * w1
        assert payoff <= v1


# --- first-order conditions, corners, nested choices ----------------------------------------------
def test_interior_optimum_and_corners_split_on_one_parameter() -> None:
    result = spe_continuous(choose("A", x, (0, 1), (x * (b - x),)))
    summary = {eq.conditions[0]: (path["x"], eq.payoffs[0]) for eq, path in zip(result, result.details["path"], strict=True)}
    assert summary == {b < 0: (0, 0), sympy.And(b >= 0, b <= 2): (b / 2, b**2 / 4), b > 2: (1, b - 1)}
    assert result.as_piecewise("payoff:A").subs(b, 1) == sympy.Rational(1, 4)


def test_stackelberg_leader_and_follower() -> None:
    # Stackelberg (1934); Gibbons (1992), A Primer in Game Theory, section 2.1.B: q1 = (a - c)/2, q2 = (a - c)/4
    a, cost = sympy.symbols("a c", positive=True)
    q1, q2 = sympy.symbols("q1 q2")
    tree = choose("Leader", q1, (0, a), choose("Follower", q2, (0, a), (q1 * (a - q1 - q2 - cost), q2 * (a - q1 - q2 - cost))))
    result = spe_continuous(tree, assume=[a > cost])
    assert len(result) == 1
    assert same(result.details["path"][0], {"q1": (a - cost) / 2, "q2": (a - cost) / 4})
    assert sympy.simplify(result.equilibria[0].payoffs[0] - (a - cost) ** 2 / 8) == 0
    follower = result.details["rules"]["q2"]  # the follower's reply to any quantity of the leader
    assert follower.subs({q1: 0, a: 3, cost: 1}) == 1


def test_piecewise_payoffs_and_ties_go_to_the_smallest_choice() -> None:
    # max(x, 1 - x) - x^2/4 on [0, 2] is 1 at x = 0 and at x = 2
    result = spe_continuous(choose("A", x, (0, 2), (sympy.Max(x, 1 - x) - x**2 / 4,)))
    assert result.details["path"] == ({"x": 0},) and result.equilibria[0].payoffs == (1,)


def test_a_discrete_decision_before_a_continuous_choice() -> None:
    q = sympy.Symbol("q")
    tree = branch("Challenger", {"Stay": (0, 0), "Challenge": choose("Challenger", q, (0, 1), (q * (c - q), -q))})
    result = spe_continuous(continuous_game(tree, players=["Challenger", "Defender"]), assume=[c > 0, c < 2])
    assert result.details["path"] == ({"Challenger@root": "Challenge", "q": c / 2},)
    assert result.equilibria[0].payoffs == (c**2 / 4, -c / 2)


def test_chance_after_a_choice() -> None:
    # a posted price x accepted with probability 1 - x: revenue x(1 - x) peaks at 1/2
    tree = choose("Seller", x, (0, 1), chance({"Buy": (1 - x, (x, 1 - x)), "Walk": (x, (0, 0))}))
    result = spe_continuous(continuous_game(tree, players=["Seller", "Buyer"]))
    assert result.details["path"] == ({"x": sympy.Rational(1, 2)},)
    assert result.equilibria[0].payoffs == (sympy.Rational(1, 4), sympy.Rational(1, 4))


# --- the numeric fallback -------------------------------------------------------------------------
def test_transcendental_first_order_condition_falls_back_to_scipy() -> None:
    # sin(x) - x^2/2 is highest where cos(x) = x: the Dottie number 0.7390851332151607
    game = continuous_game(choose("A", x, (0, 1), (sympy.sin(x) - c * x**2,)))
    with pytest.raises(SolverError, match=r"no closed form.*numeric="):
        spe_continuous(game)
    result = spe_continuous(game, numeric={"c": F(1, 2)})
    assert not result.exact and "cos(x)" in result.details["fallback"]
    assert abs(float(result.details["path"][0]["x"]) - 0.7390851332151607) < 1e-12


@settings(max_examples=8)
@given(positive, positive, positive, positive, unit)
def test_numeric_maximization_agrees_with_the_closed_form(risk: Any, gain: F, cost: F, threatener_cost: F, loss: F, hardline: F) -> None:
    point = {G: gain, D: cost, C: threatener_cost, L: loss, p: hardline}
    numeric = spe_continuous(choice_of_risk(), numeric=point, closed_form=False)
    assert not numeric.exact
    k = regime_of(risk, point)
    exact = [float(sympy.sympify(u).subs(point)) for u in risk.equilibria[k].payoffs]
    assert numeric.equilibria[0].payoffs == pytest.approx(exact, abs=1e-9)
    assert float(numeric.details["path"][0]["q"]) == pytest.approx(float(sympy.sympify(risk.details["path"][k]["q"]).subs(point)), abs=1e-9)


coefficient = st.builds(F, st.integers(-4, 4), st.sampled_from([1, 2]))


@st.composite
def offer_games(draw: Any) -> Any:
    """A number x in [0, 1], then a discrete reply, with payoffs quadratic in x (numbers only)."""

    def payoff() -> Any:
        return sum(draw(coefficient) * x**k for k in range(3))

    actions = draw(st.integers(2, 3))
    replies = {f"a{k}": (payoff(), payoff()) for k in range(actions)}
    return continuous_game(choose("A", x, (0, 1), decision("B", replies)))


@settings(max_examples=10)
@given(offer_games())
def test_closed_form_and_scipy_agree_on_random_games(game: ContinuousGame) -> None:
    exact = spe_continuous(game)
    numeric = spe_continuous(game, numeric={}, closed_form=False)
    assert exact.exact and not numeric.exact
    assert float(exact.equilibria[0].payoffs[0]) == pytest.approx(float(numeric.equilibria[0].payoffs[0]), abs=1e-8)
    # certificate: no sampled x pays A more than the equilibrium, given B's rule
    rule = exact.details["rules"]["B@x"]
    replies = dict(game.root.subtree.moves)  # type: ignore[union-attr]
    for k in range(11):
        offer = F(k, 10)
        action = chosen(rule, {x: offer})
        assert replies[action].payoffs[0].subs(x, offer) <= exact.equilibria[0].payoffs[0]


def test_nested_numeric_fallback_is_refused() -> None:
    tree = choose("A", x, (0, 1), choose("B", y, (0, 1), (x - x**2, sympy.sin(y) - c * y**2 + x * y)))
    with pytest.raises(SolverError, match="depend on"):
        spe_continuous(tree, numeric={c: 1})


def test_too_many_cases_fall_back_to_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    from gametheory.symbolic import continuous

    monkeypatch.setattr(continuous, "MAX_CASES", 1)
    with pytest.raises(SolverError, match="more than 1 cases"):
        spe_continuous(choice_of_risk(hardline=0))
    result = spe_continuous(choice_of_risk(hardline=0), numeric={G: 1, D: 2, C: 1, L: 1})
    assert result.details["path"][0]["q"] == pytest.approx(0.5)


def test_ties_are_broken_alike_with_symbols_and_with_numbers() -> None:
    # at r = 0 the responder is indifferent whatever x: the tie goes to the proposer (whose x enters her payoff r*x)
    tree = choose("A", x, (0, 1), decision("B", {"L": (r * x - 2 * x - 4, 0), "R": (-1, r * x)}))
    game = continuous_game(tree)
    assert game.ties == {"x": None, "B@x": 0}
    symbolic = spe_continuous(game)
    k = regime_of(symbolic, {r: 0})
    at_zero = spe_continuous(game.subs({r: 0}))
    assert at_zero.details["path"][0]["B@x"] == symbolic.details["path"][k]["B@x"] == "R"
    assert at_zero.equilibria[0].payoffs == (-1, 0)


# --- stationary games ----------------------------------------------------------------------------
def test_stationary_game_of_one_stage() -> None:
    # a repeated take-it-or-leave-it offer: rejection restarts the game one period later (discount 1/2 for both)
    v1, v2 = sympy.symbols("v1 v2")
    stage = choose("P", x, (0, 1), decision("R", {"Accept": (1 - x, x), "Reject": (v1 / 2, v2 / 2)}))
    result = stationary_spe(stationary_game({"offer": (stage, (v1, v2))}, assume=[v1 >= 0, v1 <= 1, v2 >= 0, v2 <= 1]))
    assert [eq.payoffs for eq in result] == [(1, 0)]


# --- errors ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: choose("", x, (0, 1), (x,)), "player must be a non-empty string"),
        (lambda: choose("A", x + 1, (0, 1), (x,)), "must be a sympy Symbol"),
        (lambda: choose("A", x, (0, 1, 2), (x,)), "interval must be a pair"),
        (lambda: choose("A", x, (1, 0), (x,)), "low <= high"),
        (lambda: choose("A", x, (0, x), (x,)), "cannot depend on x itself"),
        (lambda: choose("A", sympy.Symbol("z", positive=True), (0, 1), (1,)), "declared positive"),
        (lambda: choose("A", x, (0, 1), "payoffs"), "expected a subtree"),
        (lambda: continuous_game(choose("A", x, (0, 1), (x, 1))), "has 2 payoffs; expected 1"),
        (lambda: continuous_game(choose("A", x, (0, 1), (x,)), players=["B"]), "not among players"),
        (lambda: continuous_game(choose("A", x, (0, 1), choose("A", x, (0, 1), (x,)))), "chosen at two nodes"),
        (lambda: continuous_game(branch("A", {"L": choose("A", x, (0, 1), (x,)), "R": (x,)})), "chosen at L"),
        (lambda: continuous_game(choose("A", x, (0, 1), (x,), label="n"), assume=[x > 0]), "involves the choice x"),
        (lambda: continuous_game(choose("A", x, (0, 1), (x,)), assume=["r > 0"]), "sympy relationals"),
        (
            lambda: continuous_game(
                branch("A", {"L": choose("B", x, (0, 1), (1, x), label="n"), "R": choose("B", y, (0, 1), (1, y), label="n")})
            ),
            "duplicates",
        ),
        (lambda: rubinstein(2, F(1, 2)), "discount factor"),
        (lambda: choice_of_risk(hardline=2), "probability"),
    ],
)
def test_invalid_games(build: Any, message: str) -> None:
    with pytest.raises(InvalidGameError, match=message):
        build()


def test_imperfect_information_is_unsupported() -> None:
    tree = choose(
        "A",
        x,
        (0, 1),
        decision("B", {"L": decision("C", {"u": (x, 0, 0)}, infoset="h"), "R": decision("C", {"u": (0, 0, x)}, infoset="h")}),
    )
    with pytest.raises(UnsupportedGameError, match="perfect information"):
        continuous_game(tree)


def test_solver_errors() -> None:
    game = continuous_game(choose("A", x, (0, r), (x,)))
    with pytest.raises(InvalidGameError, match="add 0 <= r to assume"):
        spe_continuous(game)
    assert spe_continuous(game, assume=[r >= 0]).details["path"] == ({"x": r},)
    hard = continuous_game(choose("A", x, (0, 1), (sympy.sin(x) - c * x**2,)))
    with pytest.raises(InvalidGameError, match="missing"):
        spe_continuous(hard, numeric={})
    with pytest.raises(InvalidGameError, match="no parameter"):
        spe_continuous(hard, numeric={"c": 1, "k": 2})
    with pytest.raises(InvalidGameError, match="closed_form=False needs numeric"):
        spe_continuous(hard, closed_form=False)
    with pytest.raises(InvalidGameError, match="violate"):
        spe_continuous(hard, assume=[c > 1], numeric={"c": F(1, 2)})
    with pytest.raises(InvalidGameError, match="contradict"):
        spe_continuous(hard, assume=[c > 1, c < 0])
    with pytest.raises(InvalidGameError, match="StationaryGame"):
        stationary_spe(hard)  # type: ignore[arg-type]


def test_stationary_game_errors() -> None:
    v1, v2 = sympy.symbols("v1 v2")
    stage = choose("P", x, (0, 1), decision("R", {"Accept": (1 - x, x), "Reject": (v1 / 2, v2 / 2)}))
    with pytest.raises(InvalidGameError, match="one continuation-value symbol per player"):
        stationary_game({"offer": (stage, (v1,))})
    with pytest.raises(InvalidGameError, match="used for two stages"):
        stationary_game({"a": (stage, (v1, v2)), "b": (stage, (v1, v2))})
    with pytest.raises(InvalidGameError, match="non-empty mapping"):
        stationary_game({})


def test_game_values() -> None:
    game = take_it_or_leave_it(r)
    assert isinstance(game, ContinuousGame)
    assert game.parameters == (r,) and game.choices == (x,) and game.actions == (("x",), ("Responder@x",))
    assert "1 continuous and 1 discrete moves" in repr(game)
    point = game.subs({r: F(1, 3)})
    assert point.parameters == () and spe_continuous(point).details["path"] == ({"x": sympy.Rational(1, 3), "Responder@x": "Accept"},)
