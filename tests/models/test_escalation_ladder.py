"""Escalate to de-escalate on a short escalation ladder: the closed forms against the PBE solver, and the model's claims.

The model is our synthesis (after Powell 1987; 1990, ch. 2-3); there are no published values to pin, so the
defaults' values are pinned as the module docstring derives them.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametheory import BeliefSet, InvalidGameError, SolveResult, check_assessment
from models import MODELS, escalation_ladder
from models.escalation_ladder import (
    REGIONS,
    Params,
    answer_deters,
    answer_probability,
    belief_threshold,
    escalation_probability,
    game,
    irresolute_escalation,
    regime_table,
    region,
    region_of,
    regions,
    reproduce,
    response_risk_limit,
    risk_threshold,
    safer_answer_limit,
    solve,
    war_probability,
)

RHO, R1, R2 = sympy.symbols("rho r1 r2", nonnegative=True)
WAR = ("limited use escalates", "the answer escalates", "Russia goes strategic", "the US goes strategic")
fractions = st.fractions(min_value=0, max_value=1, max_denominator=12)
open_unit = fractions.filter(lambda x: 0 < x < 1)


@st.composite
def params(draw: st.DrawFn, low_yield: Any = None, small: bool = False) -> Params:
    """Parameters in the orders the model assumes, by construction; ``0 < rho < 1`` and ``r1 < 1`` (the US's set reached).

    ``small``: ``rho``, ``r1`` and ``r2`` are scaled into ``(0, 1/3]``, where the answer deters more often.
    """
    scale = Fraction(1, 3) if small else Fraction(1)
    l_r = draw(st.integers(1, 4))
    c_res = l_r + draw(st.integers(1, 4))
    s_r = c_res + draw(st.integers(1, 4))
    s_u, l_u = draw(st.integers(1, 6)), draw(st.integers(0, 4))
    return Params(
        rho=scale * draw(open_unit),
        r1=scale * draw(fractions.filter(lambda x: x < 1)),
        r2=scale * draw(fractions),
        s_R=s_r,
        l_R=l_r,
        c_R_res=c_res,
        c_R_irr=s_r + l_r + draw(st.integers(1, 12)),
        s_U=s_u,
        l_U=l_u,
        c_U=s_u + l_u + draw(st.integers(1, 12)),
        low_yield=draw(st.booleans()) if low_yield is None else low_yield,
    )


def _play(result: SolveResult, i: int = 0) -> dict[str, dict[str, Any]]:
    return {**result.strategy(i, 0), **result.strategy(i, 1)}


def _war(result: SolveResult, i: int = 0) -> Any:
    return sum((p for label, p in result.outcomes(i).items() if label.endswith(WAR)), Fraction(0))


def _use(result: SolveResult, i: int = 0) -> Any:
    return sum((p for label, p in result.outcomes(i).items() if "accepts defeat" not in label), Fraction(0))


# --- the defaults -----------------------------------------------------------------------------------
def test_defaults_values() -> None:
    """The default numbers of the module docstring (our synthesis: no published values)."""
    p = Params()
    assert (risk_threshold(p), response_risk_limit(p), belief_threshold(p)) == (Fraction(1, 3), Fraction(1, 4), Fraction(1, 6))
    assert (irresolute_escalation(p), answer_probability(p)) == (Fraction(5, 9), Fraction(14, 27))
    assert (escalation_probability(p), war_probability(p), safer_answer_limit(p)) == (Fraction(3, 5), Fraction(13, 100), Fraction(1, 13))
    result = solve(p)
    assert len(result) == 1 and result[0].max_regret == 0
    assert result[0].beliefs["US"]["Resolved: US"] == Fraction(1, 6)
    assert region(p) == "answer_deters" and region(replace(p, low_yield=False)) == "escalation_works"


def test_game_shape() -> None:
    with_answer, without = game(), game(Params(low_yield=False))
    assert (with_answer.n_nodes, without.n_nodes) == (25, 15)
    assert without.infoset_actions[without.infoset_labels.index("US")] == ("Stop", "Go strategic")
    assert with_answer.players == ("US", "Russia")


# --- every equilibrium is a PBE ----------------------------------------------------------------------
@settings(max_examples=20)
@given(params())
def test_every_pbe_is_certified(p: Params) -> None:
    """Zero regret, and the reported beliefs pass check_assessment: Bayes' rule on the path, sequential rationality."""
    result = solve(p)
    assert len(result) >= 1
    for i, eq in enumerate(result):
        assert eq.max_regret == 0
        belief = eq.beliefs["US"]
        # off the path the solver reports every supporting belief: check each extreme one
        off_path = isinstance(belief, BeliefSet)
        chosen = [dict(zip(belief.nodes, v, strict=True)) for v in belief.vertices] if off_path else [dict(belief)]
        for b in chosen:
            report = check_assessment(result.game, eq.profile, {"US": b})
            assert report.bayes_consistent and report.sequentially_rational, report.failures
        assert _play(result, i)["Resolved"]["Limited use"] == 1  # the Resolved type always escalates


# --- the closed forms against the solver -------------------------------------------------------------
@settings(max_examples=20)
@given(st.one_of(params(), params(small=True)))
def test_closed_forms_match_solver(p: Params) -> None:
    """Off the boundaries the PBE is unique, in the region the closed forms name, with their probabilities."""
    kind = region(p)
    assume(kind != "boundary")
    result = solve(p)
    assert len(result) == 1
    play = _play(result)
    assert region_of(result.game, result[0]) == kind
    assert play["Irresolute"]["Limited use"] == irresolute_escalation(p)
    assert play["US"].get("Low-yield", 0) == answer_probability(p)
    assert play["US"]["Go strategic"] == 0
    assert _use(result) == escalation_probability(p)
    assert _war(result) == war_probability(p)
    if kind == "answer_deters":  # the US's belief after limited use is exactly mu^*
        assert result[0].beliefs["US"]["Resolved: US"] == belief_threshold(p)


@settings(max_examples=15)
@given(st.one_of(params(low_yield=True), params(low_yield=True, small=True)))
def test_answer_deters_exactly_where_closed_form_says(p: Params) -> None:
    """The low-yield option changes the PBE iff r1 < r1^*, r2 < q^* and rho < mu^*(r2); it lowers nuclear use there."""
    assume(region(p) != "boundary" and region(replace(p, low_yield=False)) != "boundary")
    with_answer, without = solve(p), solve(replace(p, low_yield=False))
    use_with = _play(with_answer)["Irresolute"]["Limited use"]
    use_without = _play(without)["Irresolute"]["Limited use"]
    assert (use_with != use_without) == bool(answer_deters(p))
    assert use_with <= use_without
    if p.r2 >= response_risk_limit(p):  # the answer is too risky to make: the claim fails
        assert not answer_deters(p)
    if answer_deters(p):
        assert 0 < use_with < 1 and _use(with_answer) == p.rho / belief_threshold(p)
        # the answer lowers the chance of general war iff rho is below the safer-answer limit
        assert (_war(with_answer) < _war(without)) == (p.rho < safer_answer_limit(p))


@settings(max_examples=15)
@given(params(), fractions.filter(lambda x: x < 1))
def test_more_risk_never_makes_limited_use_more_likely(p: Params, r1: Fraction) -> None:
    """Brinkmanship: in the unique PBE (off the boundaries), raising r1 never raises the chance of nuclear use."""
    low, high = sorted((p.r1, r1))
    a, b = replace(p, r1=low), replace(p, r1=high)
    assume(region(a) != "boundary" and region(b) != "boundary")
    ra, rb = solve(a), solve(b)
    assert _play(rb)["Irresolute"]["Limited use"] <= _play(ra)["Irresolute"]["Limited use"]
    assert _use(rb) <= _use(ra)
    if high > risk_threshold(p):  # enough risk deters the Irresolute type outright
        assert _play(rb)["Irresolute"]["Limited use"] == 0


@settings(max_examples=15)
@given(params(low_yield=False))
def test_without_low_yield_the_us_always_stops(p: Params) -> None:
    """Without the answer, the strategic threat is not credible: in every PBE the US stops."""
    for i in range(len(solve(p))):
        assert _play(solve(p), i)["US"]["Stop"] == 1


# --- symbolic == numeric -------------------------------------------------------------------------------
SYMBOLIC = {
    ("rho", "r1"): solve(Params(rho=RHO, r1=R1), assume=[RHO > 0, RHO < 1, R1 > 0, R1 < 1]),
    ("rho", "r2"): solve(Params(rho=RHO, r2=R2), assume=[RHO > 0, RHO < 1, R2 > 0, R2 < 1]),
}


@settings(max_examples=15)
@given(st.sampled_from(sorted(SYMBOLIC)), open_unit, open_unit)
def test_symbolic_regions_match_numeric(axes: tuple[str, str], x: Fraction, y: Fraction) -> None:
    """At random points, the symbolic regions name the region of the numeric solve (no pure PBE = the mixed one)."""
    changes: dict[str, Any] = dict(zip(axes, (x, y), strict=True))
    p = replace(Params(), **changes)
    assume(region(p) != "boundary")
    point = dict(zip((RHO, R1 if axes[1] == "r1" else R2), (x, y), strict=True))
    found = regions(SYMBOLIC[axes])
    holding = [name for name, condition in found.items() if condition.subs(point) is sympy.true]
    assert holding == [region(p)]
    numeric = solve(p)
    assert region_of(numeric.game, numeric[0]) == region(p)


@settings(max_examples=5)
@given(params(), open_unit, open_unit)
def test_symbolic_matches_numeric_for_other_payoffs(p: Params, x: Fraction, y: Fraction) -> None:
    """The same with the payoffs drawn too: one symbolic solve over (rho, r1) per draw, checked at a random point."""
    point = replace(p, rho=x, r1=y)
    assume(region(point) != "boundary")
    found = regions(solve(replace(p, rho=RHO, r1=R1), assume=[RHO > 0, RHO < 1, R1 > 0, R1 < 1]))
    holding = [name for name, condition in found.items() if condition.subs({RHO: x, R1: y}) is sympy.true]
    assert holding == [region(point)]


@pytest.mark.parametrize(
    "p",
    [
        Params(rho=Fraction(1, 6)),
        Params(rho=0),
        Params(r1=Fraction(1, 3)),
        Params(r1=1),
        Params(rho=0, r2=Fraction(1, 4)),
    ],
)
def test_boundaries_have_several_equilibria(p: Params) -> None:
    assert region(p) == "boundary" and len(solve(p)) > 1


def test_symbolic_regions_are_the_closed_forms() -> None:
    found = regions(SYMBOLIC[("rho", "r2")])
    closed = answer_deters(Params(rho=RHO, r2=R2))
    for point in [(Fraction(1, 10), Fraction(1, 10)), (Fraction(1, 5), Fraction(1, 20)), (Fraction(1, 20), Fraction(3, 10))]:
        values = dict(zip((RHO, R2), point, strict=True))
        assert (found["answer_deters"].subs(values) is sympy.true) == bool(closed.subs(values))


def test_regime_table() -> None:
    table = regime_table(SYMBOLIC[("rho", "r1")])
    assert "escalation_works" in table and "no pure PBE (mixed)" in table
    assert set(REGIONS) <= set(regions(SYMBOLIC[("rho", "r1")]))


# --- parameters and errors ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rho": Fraction(3, 2)}, "rho must be a probability"),
        ({"r1": 0.1}, "r1 must be an int, a Fraction"),
        ({"c_R_res": 5}, "c_R_res < s_R"),
        ({"c_R_irr": 5}, "s_R + l_R < c_R_irr"),
        ({"c_U": 3}, "s_U + l_U < c_U"),
        ({"low_yield": 1}, "low_yield must be True or False"),
    ],
)
def test_params_errors(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidGameError, match=message.replace("(", r"\(").replace("+", r"\+")):
        Params(**kwargs)


def test_errors() -> None:
    with pytest.raises(InvalidGameError, match="solve\\(\\): params must be"):
        solve("defaults")  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="region\\(\\): params must be numbers"):
        region(Params(rho=RHO))
    with pytest.raises(InvalidGameError, match="off the boundaries"):
        irresolute_escalation(Params(r1=Fraction(1, 3)))
    with pytest.raises(InvalidGameError, match="regions\\(\\): result must be"):
        regions(solve())


# --- outputs -------------------------------------------------------------------------------------------
def test_reproduce_writes_files(tmp_path: Any) -> None:
    written = reproduce(tmp_path)
    assert [path.name for path in written] == [
        "escalation_ladder-regimes.png",
        "escalation_ladder-answer.png",
        "escalation_ladder-risks.png",
        "escalation_ladder-tables.md",
    ]
    assert all(path.stat().st_size > 0 for path in written)
    assert "answer_deters" in written[-1].read_text()


def test_registered() -> None:
    assert MODELS["escalation_ladder"] is escalation_ladder
