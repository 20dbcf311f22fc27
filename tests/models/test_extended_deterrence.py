"""Extended deterrence with a tripwire: the hand-derived thresholds against the PBE solver, and the model's claims."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametheory import InvalidGameError, SolveResult
from models import MODELS, extended_deterrence
from models.extended_deterrence import (
    FAMILIES,
    Params,
    attack_region,
    belief_threshold,
    bluff_probability,
    called_bluff_cost,
    challenge_probabilities,
    challenge_probability,
    commitment_threshold,
    escalation_threshold,
    family,
    least_challenge,
    probe_probability,
    regime_table,
    regions,
    reproduce,
    solve,
)

P, R = sympy.symbols("p r", positive=True)
INTERIOR = (P > 0, P < 1, R > 0, R < 1)
probabilities = st.fractions(min_value=0, max_value=1, max_denominator=24)
interior = st.fractions(min_value=0, max_value=1, max_denominator=24).filter(lambda x: 0 < x < 1)


@st.composite
def params(draw: st.DrawFn) -> Params:
    """Parameters in the orders the model assumes (c_H < s, s + k <= c_S, g, w > 0), by construction."""
    c_h = draw(st.integers(1, 8))
    s = c_h + draw(st.integers(1, 8))
    k = draw(st.integers(0, 6))
    c_s = s + k + draw(st.integers(0, 10))
    return Params(
        p=draw(probabilities), s=s, g=draw(st.integers(1, 10)), w=draw(st.integers(1, 10)), c_H=c_h, c_S=c_s, k=k, r=draw(probabilities)
    )


def _strategies(result: SolveResult, i: int) -> dict[str, dict[str, Fraction]]:
    return {**result.strategy(i, 0), **result.strategy(i, 1)}


def _type_payoffs(result: SolveResult, i: int) -> dict[str, Fraction]:
    """Each Defender type's expected payoff in equilibrium ``i``."""
    game, s = result.game, _strategies(result, i)

    def u(t: str, m: str, a: str) -> Fraction:
        return Fraction(game.terminal_payoffs(game.node_labels.index(f"{t},{m},{a}"))[0])

    messages, answers = ("Commit", "Stay silent"), ("Challenge", "Not challenge")
    return {t: sum((s[t][m] * s[m][a] * u(t, m, a) for m in messages for a in answers), start=Fraction(0)) for t in ("Hard", "Soft")}


def _has(result: SolveResult, hard: Fraction, soft: Fraction, on_commit: Fraction | None, on_silence: Fraction | None) -> bool:
    """Whether some equilibrium has these commit probabilities and challenge probabilities (None: any)."""
    for i in range(len(result)):
        s = _strategies(result, i)
        if s["Hard"]["Commit"] != hard or s["Soft"]["Commit"] != soft:
            continue
        if on_commit is not None and s["Commit"]["Challenge"] != on_commit:
            continue
        if on_silence is not None and s["Stay silent"]["Challenge"] != on_silence:
            continue
        return True
    return False


# --- published / pinned values ----------------------------------------------------------------------
def test_defaults() -> None:
    # our parametrization (module docstring): mu* = r_bar = 3/8, mu_C = 11/36, L = 23/5, x_C = 10/23
    params = Params()
    assert belief_threshold(params) == escalation_threshold(params) == sympy.Rational(3, 8)
    assert commitment_threshold(params) == sympy.Rational(11, 36)
    assert called_bluff_cost(params) == sympy.Rational(23, 5)
    assert probe_probability(params) == sympy.Rational(10, 23)
    assert family(params) == "bluff"
    assert challenge_probabilities(solve(params)) == (0, 0, 0, 0, 1)


def test_registered() -> None:
    assert MODELS["extended_deterrence"] is extended_deterrence


# --- the solver's certificates -------------------------------------------------------------------
@settings(max_examples=40)
@given(params())
def test_every_equilibrium_is_certified_and_bayes_consistent(params: Params) -> None:
    result = solve(params)
    assert len(result) > 0 and result.complete
    prior = {"Hard": Fraction(params.p), "Soft": 1 - Fraction(params.p)}
    for i, eq in enumerate(result):
        assert eq.max_regret == 0
        s = _strategies(result, i)
        for m in ("Commit", "Stay silent"):
            weight = {t: prior[t] * s[t][m] for t in prior}
            total = sum(weight.values())
            if total > 0:  # on the path: Bayes' rule
                assert {t: eq.beliefs[m][f"{t},{m}"] for t in prior} == {t: weight[t] / total for t in prior}


# --- closed forms against the solver ---------------------------------------------------------------
@settings(max_examples=40)
@given(params())
def test_closed_forms_match_the_solver(params: Params) -> None:
    result = solve(params)
    p, r = Fraction(params.p), Fraction(params.r)
    mu_star, mu_c, r_bar = belief_threshold(params), commitment_threshold(params), escalation_threshold(params)
    # the least-challenge equilibrium's probability of challenge
    assert least_challenge(result) == challenge_probability(params)
    # deterrence without a commitment exists iff p >= mu*; by a commitment iff p >= mu_C
    assert _has(result, Fraction(0), Fraction(0), None, Fraction(0)) == (p >= mu_star)
    assert _has(result, Fraction(1), Fraction(1), Fraction(0), None) == (p >= mu_c)
    # the attack equilibrium: nobody commits, Russia challenges; iff p <= mu* and r <= r_bar
    assert _has(result, Fraction(0), Fraction(0), Fraction(1), Fraction(1)) == (p <= mu_star and r <= r_bar)
    # the hybrid: Hard commits, Soft bluffs with probability sigma, commitments probed with s/L, silence challenged
    hybrid = 0 < p < mu_c and called_bluff_cost(params) > params.s
    sigma, x_c = bluff_probability(params), probe_probability(params)
    if hybrid:
        assert _has(result, Fraction(1), Fraction(str(sigma)), Fraction(str(x_c)), Fraction(1))
    # no pure separating equilibrium in which only the Hard type commits (module docstring)
    if 0 < p < 1:
        assert not _has(result, Fraction(1), Fraction(0), None, None)


@settings(max_examples=40)
@given(params())
def test_family_by_closed_forms(params: Params) -> None:
    chance = challenge_probability(params)
    name = family(params)
    assert name in FAMILIES
    assert (name == "attack") == (chance == 1)
    assert (name == "hybrid") == (0 < chance < 1)
    assert (name in ("deterrence", "bluff")) == (chance == 0)


# --- the article's claims, in the least-challenge equilibrium -------------------------------------
# Selection: among all PBE, the one with the least probability of challenge (the minimum over each convex set of
# PBE is at an extreme point, all of which the solver reports). It is also the one both Defender types like best.
@settings(max_examples=40)
@given(params())
def test_least_challenge_is_what_the_defender_prefers(params: Params) -> None:
    result = solve(params)
    chances = challenge_probabilities(result)
    payoffs = [_type_payoffs(result, i) for i in range(len(result))]
    # a type with prior 0 never plays: its payoff is not at stake
    types = [t for t, prior in (("Hard", params.p), ("Soft", 1 - params.p)) if prior > 0]
    best = {t: max(u[t] for u in payoffs) for t in types}
    for i, chance in enumerate(chances):
        if chance == min(chances):
            assert {t: payoffs[i][t] for t in types} == best


@settings(max_examples=30)
@given(params(), probabilities)
def test_more_credibility_never_makes_a_challenge_more_likely(params: Params, other: Fraction) -> None:
    low, high = sorted((Fraction(params.p), other))
    assert least_challenge(solve(replace(params, p=low))) >= least_challenge(solve(replace(params, p=high)))


@settings(max_examples=30)
@given(params(), st.integers(0, 6))
def test_a_costlier_tripwire_never_makes_a_challenge_more_likely(params: Params, extra: int) -> None:
    # raise k by `extra` (and c_S with it, so the Soft type still concedes after committing)
    costlier = replace(params, k=params.k + extra, c_S=params.c_S + extra)
    same = replace(params, c_S=params.c_S + extra)
    assert least_challenge(solve(same)) >= least_challenge(solve(costlier))


@settings(max_examples=30)
@given(params(), probabilities)
def test_more_chance_escalation_never_makes_a_challenge_more_likely(params: Params, other: Fraction) -> None:
    low, high = sorted((Fraction(params.r), other))
    assert least_challenge(solve(replace(params, r=low))) >= least_challenge(solve(replace(params, r=high)))


# --- symbolic against numeric ---------------------------------------------------------------------------
def _profiles(result: SolveResult) -> set:
    return {tuple(tuple(tuple(Fraction(str(x)) for x in probs) for probs in player) for player in eq.profile) for eq in result}


@settings(max_examples=15)
@given(interior, interior)
def test_symbolic_equals_numeric(p: Fraction, r: Fraction) -> None:
    symbolic = solve(Params(p=P, r=R), assume=INTERIOR)
    numeric = solve(Params(p=p, r=r))
    assert _profiles(symbolic.at({P: p, R: r})) == _profiles(numeric)


@settings(max_examples=25)
@given(interior, interior)
def test_regions_match_the_closed_forms(p: Fraction, r: Fraction) -> None:
    found = regions(solve(Params(p=P, r=R), assume=INTERIOR))
    here = [name for name, condition in found.items() if bool(condition.subs({P: p, R: r}))]
    assert here == [family(Params(p=p, r=r))]
    attack = bool(attack_region(solve(Params(p=P, r=R), assume=INTERIOR)).subs({P: p, R: r}))
    assert attack == (p <= belief_threshold(Params()) and r <= escalation_threshold(Params()))


def test_regions_over_credibility() -> None:
    p = sympy.Symbol("p", nonnegative=True)
    found = regions(solve(Params(p=p)))
    mu_c, mu_star = commitment_threshold(Params()), belief_threshold(Params())
    expected = {
        "attack": sympy.Eq(p, 0),  # only where the US is surely Soft
        "hybrid": sympy.And(p > 0, p < mu_c),
        "bluff": sympy.And(p >= mu_c, p < mu_star),
        "deterrence": sympy.And(p >= mu_star, p <= 1),
    }
    assert {name: condition.as_set() for name, condition in found.items()} == {name: c.as_set() for name, c in expected.items()}
    assert attack_region(solve(Params(p=p))).as_set().intersect(sympy.Interval(0, 1)) == sympy.Interval(0, mu_star)
    assert "| hybrid |" in regime_table(solve(Params(p=p)))


@settings(max_examples=3)
@given(params())
def test_symbolic_regions_for_any_payoffs(params: Params) -> None:
    p = sympy.Symbol("p", nonnegative=True)
    assume(called_bluff_cost(params) > params.s)
    found = regions(solve(replace(params, p=p)))
    for value in (Fraction(1, 7), Fraction(2, 5), Fraction(5, 7)):
        point = replace(params, p=value)
        assume(value not in (commitment_threshold(point), belief_threshold(point)))
        assert [name for name, condition in found.items() if bool(condition.subs(p, value))] == [family(point)]


# --- checks, errors, output -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"p": Fraction(3, 2)}, "p must be a probability"),
        ({"r": -1}, "r must be a probability"),
        ({"g": 0.5}, "g must be an int, a Fraction or a sympy expression"),
        ({"c_H": 2}, "c_H < s"),
        ({"k": 9}, "s \\+ k <= c_S"),
        ({"k": -1}, "zero <= k"),
        ({"w": 0}, "zero < w"),
    ],
)
def test_params_errors(changes: dict, message: str) -> None:
    with pytest.raises(InvalidGameError, match=message):
        Params(**changes)


def test_other_errors() -> None:
    g = sympy.Symbol("g", positive=True)
    assert Params(g=g).g == g
    with pytest.raises(InvalidGameError, match="params must be"):
        solve("defaults")  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="regions"):
        regions(solve())
    with pytest.raises(InvalidGameError, match="must be numbers"):
        extended_deterrence.figure_regions(Params(g=g))
    with pytest.raises(InvalidGameError, match="must be numbers"):
        family(Params(p=P))


def test_reproduce(tmp_path) -> None:  # type: ignore[no-untyped-def]
    written = reproduce(tmp_path / "out")
    assert [path.name for path in written] == [
        "extended_deterrence-regions.png",
        "extended_deterrence-challenge.png",
        "extended_deterrence-tables.md",
    ]
    assert all(path.stat().st_size > 0 for path in written)
    table = written[-1].read_text()
    assert "| credibility a commitment needs, $\\mu_C$ | 11/36 |" in table
    assert "| family at the defaults ($p = 1/3$) | bluff |" in table
