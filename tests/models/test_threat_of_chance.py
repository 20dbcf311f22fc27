"""The threat that leaves something to chance: the closed forms against the tree solver and the continuous-choice solver."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory
from gametheory import InvalidGameError
from gametheory.symbolic.continuous import choice_of_risk, spe_continuous
from models import MODELS, threat_of_chance
from models.threat_of_chance import (
    Params,
    acceptability_threshold,
    effectiveness_threshold,
    game,
    max_hardline_probability,
    optimal_risk,
    pure_threat_limit,
    regions,
    reproduce,
    risk_game,
    solve,
    solve_risk,
    threat_game,
    window,
)

P, Q = sympy.symbols("p q", nonnegative=True)

probabilities = st.fractions(min_value=0, max_value=1, max_denominator=40)


@st.composite
def payoffs(draw: st.DrawFn) -> Params:
    """Payoffs in the orders the model assumes (disaster worst for all, hard-liners defy at every risk), by construction."""
    u_d, u_c, u_w = sorted(draw(st.lists(st.integers(-30, 30), min_size=3, max_size=3, unique=True)))
    v_d, v_w, v_c = sorted(draw(st.lists(st.integers(-30, 30), min_size=3, max_size=3, unique=True)))
    h_w = draw(st.integers(-30, 0))
    h_c = h_w + draw(st.integers(1, 20))
    h_d = h_w + draw(st.integers(1, 20))
    return Params(
        us_withdraw=u_w,
        us_concede=u_c,
        us_disaster=u_d,
        soft_withdraw=v_w,
        soft_concede=v_c,
        soft_disaster=v_d,
        hard_withdraw=h_w,
        hard_concede=h_c,
        hard_disaster=h_d,
    )


def _profiles(result: gametheory.SolveResult) -> set:
    return {tuple(tuple(tuple(Fraction(str(x)) for x in probs) for probs in player) for player in eq.profile) for eq in result}


def _actions(result: gametheory.SolveResult) -> set[tuple[str, str, str]]:
    """(US, hard-liners, soft-liners) actions of each (pure) equilibrium."""
    out = set()
    for k in range(len(result)):
        us, ussr = result.strategy(k, 0), result.strategy(k, 1)
        pick = {label: next(a for a, x in mix.items() if x == 1) for label, mix in {**us, **ussr}.items()}
        out.add((pick["US"], pick["Hard-liner"], pick["Soft-liner"]))
    return out


def _expected(params: Params) -> set[tuple[str, str, str]]:
    """What the closed forms say the equilibria are at a numeric (p, q)."""
    q_e, q = effectiveness_threshold(params), sympy.sympify(params.q)
    soft = {"Withdraw"} if q > q_e else {"Defy"} if q < q_e else {"Withdraw", "Defy"}
    out = set()
    for s in soft:
        if s == "Defy":
            # every type defies: the threat only adds risk, so it is made only when q = 0 (then it is worth the same)
            us = {"No threat", "Threaten"} if q == 0 else {"No threat"}
        else:
            q_a = acceptability_threshold(params)
            us = {"Threaten"} if q < q_a else {"No threat"} if q > q_a else {"No threat", "Threaten"}
        out |= {(u, "Defy", s) for u in us}
    return out


# --- published values -------------------------------------------------------------------------------
def test_the_chapters_example() -> None:
    # Dixit, Skeath & Reiley (2009), Games of Strategy 3rd ed., ch. 14 (our reading of the running example):
    # effectiveness q >= 0.6, acceptability q <= 0.375 (1 - p)/p, a window iff p <= 0.38 (5/13)
    params = Params()
    assert effectiveness_threshold(params) == sympy.Rational(3, 5)
    assert sympy.simplify(acceptability_threshold(replace(params, p=P)) - sympy.Rational(3, 8) * (1 - P) / P) == 0
    assert max_hardline_probability(params) == sympy.Rational(5, 13)
    assert pure_threat_limit(params) == sympy.Rational(3, 11)
    # Kennedy's estimate, 1/3 <= p <= 1/2, straddles p* = 5/13
    assert Fraction(1, 3) < Fraction(5, 13) < Fraction(1, 2)
    assert window(replace(params, p=Fraction(1, 3))) == sympy.Interval(sympy.Rational(3, 5), sympy.Rational(3, 4))
    assert window(replace(params, p=Fraction(1, 2))) is sympy.S.EmptySet
    assert window(replace(params, p=Fraction(5, 13))) == sympy.FiniteSet(sympy.Rational(3, 5))
    assert window(replace(params, p=0)) == sympy.Interval(sympy.Rational(3, 5), 1)


def test_registered() -> None:
    assert MODELS["threat_of_chance"] is threat_of_chance


# --- the tree solver: regimes over (p, q) -----------------------------------------------------------
def test_regions_are_bounded_by_the_two_conditions() -> None:
    found = regions(solve(Params(p=P, q=Q)))
    q_e, q_a = effectiveness_threshold(Params()), acceptability_threshold(Params(p=P))
    inside = {
        "deters": sympy.And(sympy.Gt(Q, q_e), sympy.Lt(Q, q_a)),
        "ineffective": sympy.And(sympy.Gt(Q, 0), sympy.Lt(Q, q_e)),
        "unacceptable": sympy.And(sympy.Gt(Q, q_e), sympy.Gt(Q, q_a)),
    }
    for name, condition in inside.items():
        # the same sets of q on vertical lines of the square (exactly), and at a grid of points
        for p in (sympy.Rational(1, 3),):
            assert found[name].subs(P, p).as_set() == condition.subs(P, p).as_set(), (name, p)
        for p in (Fraction(1, 10), Fraction(1, 3), Fraction(5, 13), Fraction(1, 2), Fraction(9, 10)):
            for q in (Fraction(1, 5), Fraction(3, 5), Fraction(7, 10), Fraction(3, 4), Fraction(19, 20)):
                values = {P: p, Q: q}
                assert bool(found[name].subs(values)) == bool(condition.subs(values)), (name, p, q)


@given(probabilities, probabilities)
def test_symbolic_equals_numeric(p: Fraction, q: Fraction) -> None:
    symbolic = solve(Params(p=P, q=Q))
    numeric = solve(Params(p=p, q=q))
    assert _profiles(symbolic.at({P: p, Q: q})) == _profiles(numeric)
    assert _actions(numeric) == _expected(Params(p=p, q=q))


@given(payoffs(), probabilities, probabilities)
def test_conditions_match_the_solver_for_any_payoffs(params: Params, p: Fraction, q: Fraction) -> None:
    params = replace(params, p=p, q=q)
    assert _actions(solve(params)) == _expected(params)
    # an equilibrium where the threat is made and deters exists exactly on the (closed) window
    made = ("Threaten", "Defy", "Withdraw") in _actions(solve(params))
    assert made == (window(params).contains(sympy.Rational(q.numerator, q.denominator)) is sympy.true)


@given(payoffs(), probabilities)
def test_window_exists_iff_p_at_most_p_star(params: Params, p: Fraction) -> None:
    params = replace(params, p=p)
    assert (window(params) is not sympy.S.EmptySet) == (p <= max_hardline_probability(params))
    assert (acceptability_threshold(params) >= 1) == (p <= pure_threat_limit(params))
    assert pure_threat_limit(params) < max_hardline_probability(params)


@settings(max_examples=4)
@given(payoffs())
def test_symbolic_regions_for_any_payoffs(params: Params) -> None:
    found = regions(solve(replace(params, p=P, q=Q)))
    q_e = effectiveness_threshold(params)
    for p in (Fraction(1, 7), Fraction(1, 2), Fraction(6, 7)):
        q_a = acceptability_threshold(replace(params, p=p))
        for q in (Fraction(1, 11), Fraction(1, 2), Fraction(10, 11)):
            assume(q not in (q_e, q_a))
            region = next(name for name, condition in found.items() if bool(condition.subs({P: p, Q: q})))
            expected = "ineffective" if q < q_e else "deters" if q < q_a else "unacceptable"
            assert region == expected


def test_threat_game_value_is_the_threat_payoff() -> None:
    # the value of a threat at risk q: p [(1 - q) u_C + q u_D] + (1 - p) u_W once it deters
    result = gametheory.solve(threat_game(Params(p=P, q=Q)))
    value = result.at({P: Fraction(1, 3), Q: Fraction(2, 3)})[0].payoffs[0]
    assert value == Fraction(1, 3) * (Fraction(1, 3) * -2 + Fraction(2, 3) * -10) + Fraction(2, 3) * 1


# --- the continuous-choice solver: the best risk ---------------------------------------------------
def test_optimal_risk_is_the_lower_end_of_the_window() -> None:
    best = optimal_risk(Params(p=P))
    p_star = max_hardline_probability(Params())
    for p in (Fraction(0), Fraction(1, 10), Fraction(3, 11), Fraction(1, 3), Fraction(5, 13), Fraction(2, 5), Fraction(1, 2), Fraction(1)):
        chosen = best.subs(P, p)
        if p < p_star:
            assert chosen == window(Params(p=p)).inf == sympy.Rational(3, 5)
        else:  # at p* the US is indifferent; the tie rule picks "No threat"
            assert chosen == 0


def test_optimal_risk_solved_regimes() -> None:
    result = solve_risk(Params(p=P))
    paths = {str(eq.conditions): path for eq, path in zip(result.equilibria, result.details["path"], strict=True)}
    assert paths == {
        "p < 5/13": {"US": "Threaten", "risk": sympy.Rational(3, 5), "Hard-liner": "Defy", "Soft-liner": "Withdraw"},
        "p >= 5/13": {"US": "No threat"},
    }


@settings(max_examples=6)
@given(payoffs(), st.fractions(min_value=0, max_value=1, max_denominator=12))
def test_optimal_risk_for_any_payoffs(params: Params, p: Fraction) -> None:
    params = replace(params, p=p)
    p_star = max_hardline_probability(params)
    expected = window(params).inf if p < p_star else 0
    assert optimal_risk(params) == expected
    # Dixit and Skeath's normalized builder gives the same risk
    normalized = choice_of_risk(
        gain=params.soft_concede - params.soft_withdraw,
        cost=params.soft_concede - params.soft_disaster,
        threatener_cost=params.us_concede - params.us_disaster,
        loss=params.us_withdraw - params.us_concede,
        hardline=p,
    )
    path = spe_continuous(normalized).details["path"][0]
    assert path["q"] == expected


def test_risk_game_matches_the_tree_at_the_chosen_risk() -> None:
    # the continuous game's equilibrium payoffs equal the tree's at q = q_E
    params = Params(p=Fraction(1, 3), q=Fraction(3, 5))
    continuous = solve_risk(params)[0].payoffs
    tree = [eq.payoffs for eq in solve(params) if eq.profile[0][0][1] == 1]
    assert tuple(Fraction(str(x)) for x in continuous) in {tuple(x) for x in tree}


# --- checks, errors, output -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"p": Fraction(3, 2)}, "p must be a probability"),
        ({"q": -1}, "q must be a probability"),
        ({"us_withdraw": 0.5}, "us_withdraw must be an int, a Fraction or a sympy expression"),
        ({"us_disaster": -1}, "us_disaster < us_concede"),
        ({"soft_withdraw": 5}, "soft_withdraw < soft_concede"),
        ({"hard_disaster": -9}, "hard_withdraw < hard_disaster"),
    ],
)
def test_params_errors(changes: dict, message: str) -> None:
    with pytest.raises(InvalidGameError, match=message):
        Params(**changes)


def test_symbolic_params_are_accepted_and_other_errors() -> None:
    u = sympy.Symbol("u")
    assert Params(us_disaster=u).us_disaster == u
    with pytest.raises(InvalidGameError, match="params must be"):
        game("defaults")  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="risk symbol"):
        risk_game(Params(p=sympy.Symbol("q", real=True)))
    with pytest.raises(InvalidGameError, match="regions"):
        regions(solve())
    with pytest.raises(InvalidGameError, match="must be numbers"):
        threat_of_chance.figure_window(Params(us_disaster=u))


def test_reproduce(tmp_path) -> None:  # type: ignore[no-untyped-def]
    written = reproduce(tmp_path / "out")
    assert [path.name for path in written] == ["threat_of_chance-window.png", "threat_of_chance-payoff.png", "threat_of_chance-tables.md"]
    assert all(path.stat().st_size > 0 for path in written)
    table = written[-1].read_text()
    assert "| largest $p$ with a window, $p^*$ | 5/13 |" in table
    assert "| window at $p = 1/3$ | [3/5, 3/4] |" in table
