"""Continuous choices: symbolic backward induction on the cells engine, regimes, stationary equilibria, the numeric
fallback, and their errors."""

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
from gametheory.symbolic.regimes import regime_labels

x, y, r, b, c = sympy.symbols("x y r b c")
G, D, C, L = sympy.symbols("G D C L", positive=True)
p = sympy.Symbol("p", nonnegative=True)
q = sympy.Symbol("q", real=True)


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


def regime_of(result: Any, point: dict[Any, Any]) -> Any:
    """The one regime that contains ``point`` (checking that it is the only one)."""
    inside = [regime for regime in result.regimes if regime.contains(point)]
    assert len(inside) == 1, (point, [regime.conditions for regime in result.regimes])
    return inside[0]


def path_of(result: Any, point: dict[Any, Any]) -> dict[str, Any]:
    """The play of the equilibrium that holds at ``point``."""
    eq = regime_of(result, point).equilibria[0]
    return result.details["path"][next(k for k, other in enumerate(result.equilibria) if other is eq)]


def chosen(rule: dict[str, Any], point: dict[Any, Any]) -> str:
    """The action a discrete rule (action -> condition) picks at ``point``."""
    actions = [action for action, condition in rule.items() if bool(sympy.sympify(condition).subs(point))]
    assert len(actions) == 1, (rule, point)
    return actions[0]


fractions = st.builds(F, st.integers(-24, 48), st.sampled_from([1, 2, 3, 4, 6, 8, 12])).map(lambda v: v / 2)
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
    assert eq.conditions == sympy.true and eq.concept == "spe"
    assert eq.payoffs == (1 - r, r)
    assert result.details["path"][0] == {"x": r, "Responder@x": "Accept"}
    assert result.details["rules"]["Responder@x"] == {"Accept": x >= r, "Reject": x < r}
    assert result.strategy(0, 0) == {"x": r}
    assert [regime.conditions for regime in result.regimes] == [sympy.true]
    # without assumptions: below r = 0 the offer 0 is accepted, from r = 1 on no offer is accepted
    for value, payoffs, offer, reply in [
        (-1, (1, 0), 0, "Accept"),
        (0, (1, 0), 0, "Accept"),
        (F(1, 2), (F(1, 2), F(1, 2)), F(1, 2), "Accept"),
        (1, (0, 1), 0, "Reject"),
        (2, (0, 2), 0, "Reject"),
    ]:
        at = ultimatum.at({r: value})
        assert at[0].payoffs == payoffs and at.details["path"][0] == {"x": offer, "Responder@x": reply}
        assert at[0].max_regret == 0
    assert len(ultimatum.regimes) == len(ultimatum) == 3


def test_ultimatum_without_outside_options_gives_the_proposer_everything() -> None:
    # Osborne (2004), section 6.1.1: the unique SPE of the ultimatum game with a continuous offer: offer 0, accepted
    result = spe_continuous(take_it_or_leave_it())
    assert [eq.payoffs for eq in result] == [(1, 0)]
    assert result.details["path"] == ({"x": 0, "Responder@x": "Accept"},)
    assert result.strategy(0, 0) == {"x": 0}  # a chosen 0 is part of the strategy


@settings(max_examples=15, deadline=None)
@given(fractions)
def test_ultimatum_symbolic_solution_at_a_point_is_the_numeric_solution(ultimatum: Any, value: F) -> None:
    numeric = spe_continuous(take_it_or_leave_it(value))
    at = ultimatum.at({r: value})
    assert numeric.equilibria[0].payoffs == tuple(sympy.sympify(u) for u in at[0].payoffs)
    assert numeric.details["path"][0]["x"] == at.details["path"][0]["x"]
    assert at[0].max_regret == 0
    # the regime's witness lies in the regime
    regime = regime_of(ultimatum, {r: value})
    assert regime.witness is not None and regime.contains(regime.witness)


@settings(max_examples=25, deadline=None)
@given(fractions, st.lists(unit, min_size=1, max_size=8))
def test_no_other_offer_pays_the_proposer_more(ultimatum: Any, value: F, offers: list[F]) -> None:
    # certificate: given the responder's rule, the equilibrium offer is a best reply of the proposer
    best = sympy.sympify(regime_of(ultimatum, {r: value}).equilibria[0].payoffs[0]).subs(r, value)
    rule = ultimatum.details["rules"]["Responder@x"]
    for offer in offers:
        action = chosen(rule, {x: offer, r: value})
        assert (1 - offer if action == "Accept" else 0) <= best
        # and the responder's rule is a best reply to every offer
        assert (offer >= value) == (action == "Accept")


def test_continuous_results_are_parametric_results(ultimatum: Any) -> None:
    piecewise = ultimatum.as_piecewise("payoff:Proposer")
    assert [piecewise.subs(r, v) for v in (-1, F(1, 4), 3)] == [1, sympy.Rational(3, 4), 0]
    swept = ultimatum.sweep({r: [-0.5, 0.25, 2.0]}, {"u": "payoff:Responder"})
    assert swept.values["u"].tolist() == [0.0, 0.25, 2.0]
    assert [ultimatum.regimes.index(regime_of(ultimatum, {r: v})) for v in (-0.5, 0.25, 2.0)] == swept.regime.tolist()
    assert regime_labels(ultimatum) == ["x = 0, Accept", "x = r, Accept", "x = 0, Reject"]
    at = ultimatum.at({"r": F(1, 4)})
    assert at.details["regime"] == 1 and at.game.parameters == ()
    assert at[0].profile == ((F(1, 4),), ({"Accept": x >= F(1, 4), "Reject": x < F(1, 4)},))
    with pytest.raises(InvalidGameError, match="missing"):
        ultimatum.at({})


# --- a choice of risk ------------------------------------------------------------------------------
def test_minimal_effective_risk_and_when_the_threatener_prefers_it(risk: Any) -> None:
    # Schelling (1960), The Strategy of Conflict, ch. 8; Dixit, Skeath & McAdams (2021), Games of Strategy, brinkmanship chapter:
    # the target complies iff q*D >= G, so the smallest effective risk is G/D (effectiveness: G <= D); the threatener
    # prefers it to no threat iff p*C*G <= (1 - p)*L*D (acceptability), i.e. p < D*L/(C*G + D*L) with ties to q = 0
    assert [path["q"] for path in risk.details["path"]] == [0, G / D]
    assert [path["Target@q/Soft"] for path in risk.details["path"]] == ["Defy", "Comply"]
    assert risk.equilibria[0].payoffs == (-L, G)
    assert sympy.simplify(risk.equilibria[1].payoffs[0] + p * (L + C * G / D)) == 0
    assert risk.details["rules"]["Target@q/Soft"] == {"Defy": q < G / D, "Comply": q >= G / D}
    threshold = D * L / (C * G + D * L)
    for gain, cost, hardline, effective in [(2, 1, 0, False), (1, 2, 0, True), (1, 2, F(9, 10), False), (1, 1, 0, True)]:
        point = {G: gain, D: cost, C: 1, L: 1, p: hardline}
        assert (path_of(risk, point)["q"] != 0) == effective == (cost >= gain and hardline < threshold.subs(point))
    # with no hard-liners the threat is always worth making when it can work
    sure = spe_continuous(choice_of_risk(hardline=0))
    assert [(eq.conditions, path["q"]) for eq, path in zip(sure, sure.details["path"], strict=True)] == [(D < G, 0), (D >= G, G / D)]


@settings(max_examples=12, deadline=None)
@given(positive, positive, positive, positive, unit, st.lists(unit, min_size=1, max_size=6))
def test_risk_symbolic_solution_at_a_point_is_the_numeric_solution(
    risk: Any, gain: F, cost: F, threatener_cost: F, loss: F, hardline: F, risks: list[F]
) -> None:
    point = {G: gain, D: cost, C: threatener_cost, L: loss, p: hardline}
    numeric = spe_continuous(choice_of_risk(gain, cost, threatener_cost, loss, hardline))
    at = risk.at(point)
    assert numeric.equilibria[0].payoffs == tuple(sympy.sympify(u) for u in at[0].payoffs)
    assert numeric.details["path"][0] == {k: sympy.sympify(v) if k == "q" else v for k, v in at.details["path"][0].items()}
    assert at[0].max_regret == 0
    # certificate: no sampled risk pays the threatener more, given the target's rule
    best = numeric.equilibria[0].payoffs[0]
    for risk_level in risks:
        complies = risk_level * cost >= gain
        payoff = hardline * (-loss - risk_level * threatener_cost) + (1 - hardline) * (
            0 if complies else -loss - risk_level * threatener_cost
        )
        assert payoff <= best


# --- Rubinstein's alternating offers --------------------------------------------------------------
def test_rubinstein_stationary_split(bargaining: Any) -> None:
    # Rubinstein (1982), Econometrica 50(1); Osborne & Rubinstein (1990), Bargaining and Markets, ch. 3:
    # player 1 gets (1 - d2)/(1 - d1*d2) at once, and player 2 accepts exactly the offers that leave her at least that much
    d1, d2 = rubinstein().parameters
    assert len(bargaining) == 1
    eq = bargaining.equilibria[0]
    share = (1 - d2) / (1 - d1 * d2)
    assert eq.conditions == sympy.true
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


@settings(max_examples=25, deadline=None)
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
        assert (demand if action == "Accept" else delta1 * w1) <= v1
    # the stationary result at a point: the same numbers, certified stage by stage
    at = bargaining.at(point)
    assert at[0].payoffs[0] == v1 and at[0].max_regret == 0


# --- first-order conditions, corners, nested choices ----------------------------------------------
def test_interior_optimum_and_corners_split_on_one_parameter() -> None:
    result = spe_continuous(choose("A", x, (0, 1), (x * (b - x),)))
    summary = {eq.conditions: (path["x"], eq.payoffs[0]) for eq, path in zip(result, result.details["path"], strict=True)}
    assert summary == {b <= 0: (0, 0), sympy.And(b > 0, b <= 2): (b / 2, b**2 / 4), b > 2: (1, b - 1)}
    assert result.as_piecewise("payoff:A").subs(b, 1) == sympy.Rational(1, 4)


def test_stackelberg_leader_and_follower() -> None:
    # Stackelberg (1934); Gibbons (1992), A Primer in Game Theory, section 2.1.B: q1 = (a - c)/2, q2 = (a - c)/4
    a, cost = sympy.symbols("a c", positive=True)
    q1, q2 = sympy.symbols("q1 q2")
    tree = choose("Leader", q1, (0, a), choose("Follower", q2, (0, a), (q1 * (a - q1 - q2 - cost), q2 * (a - q1 - q2 - cost))))
    result = spe_continuous(tree, assume=[a > cost])
    assert len(result) == 1
    path = result.details["path"][0]
    assert sympy.simplify(path["q1"] - (a - cost) / 2) == 0 and sympy.simplify(path["q2"] - (a - cost) / 4) == 0
    assert sympy.simplify(result.equilibria[0].payoffs[0] - (a - cost) ** 2 / 8) == 0
    follower = result.details["rules"]["q2"]  # the follower's reply to any quantity of the leader
    assert follower.subs({q1: 0, a: 3, cost: 1}) == 1 and follower.subs({q1: 3, a: 3, cost: 1}) == 0


def test_piecewise_payoffs_and_ties_go_to_the_smallest_choice() -> None:
    # max(x, 1 - x) - x^2/4 on [0, 2] is 1 at x = 0 and at x = 2
    result = spe_continuous(choose("A", x, (0, 2), (sympy.Max(x, 1 - x) - x**2 / 4,)))
    assert result.details["path"] == ({"x": 0},) and result.equilibria[0].payoffs == (1,)


def test_a_discrete_decision_before_a_continuous_choice() -> None:
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
    assert abs(result.at({})[0].max_regret) < 1e-9


@settings(max_examples=8, deadline=None)
@given(positive, positive, positive, positive, unit)
def test_numeric_maximization_agrees_with_the_closed_form(risk: Any, gain: F, cost: F, threatener_cost: F, loss: F, hardline: F) -> None:
    point = {G: gain, D: cost, C: threatener_cost, L: loss, p: hardline}
    numeric = spe_continuous(choice_of_risk(), numeric=point, closed_form=False)
    assert not numeric.exact
    at = risk.at(point)
    assert numeric.equilibria[0].payoffs == pytest.approx([float(u) for u in at[0].payoffs], abs=1e-9)
    assert float(numeric.details["path"][0]["q"]) == pytest.approx(float(at.details["path"][0]["q"]), abs=1e-9)


coefficient = st.builds(F, st.integers(-4, 4), st.sampled_from([1, 2]))


@st.composite
def offer_games(draw: Any) -> Any:
    """A number x in [0, 1], then a discrete reply, with payoffs quadratic in x (numbers only)."""

    def payoff() -> Any:
        return sum(draw(coefficient) * x**k for k in range(3))

    actions = draw(st.integers(2, 3))
    replies = {f"a{k}": (payoff(), payoff()) for k in range(actions)}
    return continuous_game(choose("A", x, (0, 1), decision("B", replies)))


@settings(max_examples=10, deadline=None)
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
    at_zero = spe_continuous(game.subs({r: 0}))
    assert at_zero.details["path"][0]["B@x"] == path_of(symbolic, {r: 0})["B@x"] == "R"
    assert at_zero.equilibria[0].payoffs == (-1, 0)


@pytest.fixture(scope="module")
def quadratic() -> Any:
    """The take-it-or-leave-it offer with outside options for both, solved symbolically."""
    game = take_it_or_leave_it(r, proposer_outside=c)
    return game, spe_continuous(game)


small = st.builds(F, st.integers(-6, 6), st.sampled_from([1, 2, 3]))


@settings(max_examples=10, deadline=None)
@given(small, small)
def test_symbolic_equals_numeric_at_random_points(quadratic: Any, first: F, second: F) -> None:
    # two parameters: the regime at a point, with the numbers put in, is the game solved at that point
    game, symbolic = quadratic
    point = {r: first, c: second}
    direct = spe_continuous(game.subs(point))
    at = symbolic.at(point)
    assert tuple(sympy.sympify(u) for u in at[0].payoffs) == direct.equilibria[0].payoffs
    assert at.details["path"][0] == {k: v if isinstance(v, str) else sympy.sympify(v) for k, v in direct.details["path"][0].items()}
    assert at[0].max_regret == 0


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
    # radicals of parameters are not ordered: no closed form (the numeric path takes over when numbers are given)
    root = continuous_game(choose("A", x, (0, 1), (b * x - x**3,)))
    with pytest.raises(SolverError, match="rational functions"):
        spe_continuous(root, assume=[b > 0])
    assert spe_continuous(root, assume=[b > 0], numeric={b: F(3, 4)}).details["path"][0]["x"] == pytest.approx(0.5)


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


def test_solve_dispatches_continuous_and_stationary_games() -> None:
    from gametheory import solve

    assert solve(take_it_or_leave_it()).method == "continuous_spe"
    result = solve(rubinstein(), method="stationary_spe")
    assert result.method == "stationary_spe" and len(result.regimes) >= 1


def test_lottery_puts_continuous_moves_below_chance() -> None:
    from gametheory.symbolic.continuous import lottery

    # with probability q the talks stall; otherwise R makes D an offer D may refuse for its war payoff 1/2
    x, q = sympy.Symbol("x", nonnegative=True), sympy.Symbol("q", positive=True)
    offer = choose("R", x, (0, 1), decision("D", {"Accept": (x, 1 - x), "Fight": (F(1, 2), F(1, 4))}))
    game = continuous_game(lottery({"offer": (1 - q, offer), "stall": (q, (0, 0))}), players=["D", "R"])
    (regime,) = spe_continuous(game, assume=[q < 1]).regimes
    assert [sympy.simplify(u - (1 - q) / 2) for u in regime.equilibria[0].payoffs] == [0, 0]
    with pytest.raises(InvalidGameError, match=r"lottery\(\): move 'stall' must be a \(probability, subtree\) pair"):
        lottery({"stall": (0, 0, 1)})
