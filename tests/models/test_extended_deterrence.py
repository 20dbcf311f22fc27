"""Extended deterrence with a tripwire and sinking costs: the hand-derived thresholds against the PBE solver, and the model's claims."""

from __future__ import annotations

import functools
from dataclasses import replace
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametheory import InvalidGameError, SolveResult, signaling_game
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
    game,
    hybrid_cost_limit,
    least_challenge,
    pooling_cost_limit,
    probe_probability,
    regime_table,
    regions,
    reproduce,
    separating_window,
    silence_probe_probability,
    solve,
)

P, R, M = sympy.symbols("p r m", positive=True)
INTERIOR = (P > 0, P < 1, R > 0, R < 1)
probabilities = st.fractions(min_value=0, max_value=1, max_denominator=24)
interior = st.fractions(min_value=0, max_value=1, max_denominator=24).filter(lambda x: 0 < x < 1)


@st.composite
def params(draw: st.DrawFn) -> Params:
    """Parameters in the orders the model assumes (s + k <= c_S, s, g, w, c_H > 0, k, m >= 0), by construction.

    The sinking cost ``m`` is drawn often at and around the thresholds ``s`` and ``c_H``, where the families change.
    """
    c_h, s = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    k = draw(st.integers(0, 6))
    c_s = s + k + draw(st.integers(0, 10))
    m = draw(st.one_of(st.just(0), st.sampled_from([s, c_h]), st.fractions(min_value=0, max_value=10, max_denominator=4)))
    return Params(
        p=draw(probabilities),
        s=s,
        g=draw(st.integers(1, 10)),
        w=draw(st.integers(1, 10)),
        c_H=c_h,
        c_S=c_s,
        k=k,
        r=draw(probabilities),
        m=m,
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
    # our parametrization (module docstring): mu* = r_bar = 3/8, mu_C = 11/36, L = 23/5, x_C = 5/23, m_hat = 2
    params = Params()
    assert belief_threshold(params) == escalation_threshold(params) == sympy.Rational(3, 8)
    assert commitment_threshold(params) == sympy.Rational(11, 36)
    assert called_bluff_cost(params) == sympy.Rational(23, 5)
    assert probe_probability(params) == sympy.Rational(5, 23)
    assert pooling_cost_limit(params) == hybrid_cost_limit(params) == 2
    assert separating_window(params) == (2, 4)
    assert family(params) == "bluff"
    assert challenge_probabilities(solve(params)) == (0, 0, 1, 1)
    assert [family(replace(params, m=m)) for m in (0, 2, 3, 4, 5)] == ["bluff", "bluff", "separating", "separating", "attack"]


def _first_version(params: Params):  # type: ignore[no-untyped-def]
    """The game of the module's first version (no sinking cost), written out again."""
    lost = params.r * params.c_S + (1 - params.r) * (params.s + params.k)

    def payoffs(t: str, m: str, a: str):  # type: ignore[no-untyped-def]
        if a == "Not challenge":
            return 0, 0
        if t == "Hard":
            return -params.c_H, -params.w
        if m == "Stay silent":
            return -params.s, params.g
        return -lost, (1 - params.r) * params.g - params.r * params.w

    return signaling_game(
        ("Hard", "Soft"),
        [params.p, 1 - params.p],
        ("Commit", "Stay silent"),
        ("Challenge", "Not challenge"),
        payoffs,
        players=("US", "Russia"),
    )


def test_no_sinking_cost_reproduces_the_first_version() -> None:
    # m = 0 with the first version's defaults (c_H = 1): the same game, equilibria and numbers as before
    first = Params(c_H=1, m=0)
    ours, before = game(first), _first_version(first)
    assert [ours.terminal_payoffs(n) for n in ours.terminals] == [before.terminal_payoffs(n) for n in before.terminals]
    assert challenge_probabilities(solve(first)) == (0, 0, 0, 0, 1)
    assert probe_probability(first) == sympy.Rational(10, 23)
    assert challenge_probability(replace(first, p=Fraction(1, 5))) == least_challenge(solve(replace(first, p=Fraction(1, 5))))
    assert challenge_probability(replace(first, p=Fraction(1, 5))) == sympy.Rational(797, 1265)
    p = sympy.Symbol("p", nonnegative=True)
    assert {name: c.as_set() for name, c in regions(solve(replace(first, p=p))).items()} == {
        "deterrence": sympy.Interval(sympy.Rational(3, 8), 1),
        "bluff": sympy.Interval.Ropen(sympy.Rational(11, 36), sympy.Rational(3, 8)),
        "separating": sympy.EmptySet,
        "hybrid": sympy.Interval.open(0, sympy.Rational(11, 36)),
        "attack": sympy.FiniteSet(0),
    }


@settings(max_examples=20)
@given(params())
def test_no_sinking_cost_any_payoffs(params: Params) -> None:
    # m = 0: the game is the first version's whatever the payoffs (c_H and s now in either order)
    params = replace(params, m=0)
    ours, before = game(params), _first_version(params)
    assert [ours.terminal_payoffs(n) for n in ours.terminals] == [before.terminal_payoffs(n) for n in before.terminals]


def test_registered() -> None:
    assert MODELS["extended_deterrence"] is extended_deterrence


# --- the solver's certificates -------------------------------------------------------------------
@settings(max_examples=30)
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
def _q(x: sympy.Expr) -> Fraction:
    return Fraction(str(x))


@settings(max_examples=60)
@given(params())
def test_closed_forms_match_the_solver(params: Params) -> None:
    result = solve(params)
    p, r, m, s, c_h = (Fraction(params.p), Fraction(params.r), Fraction(params.m), params.s, params.c_H)
    mu_star, mu_c, r_bar = belief_threshold(params), commitment_threshold(params), escalation_threshold(params)
    one, zero = Fraction(1), Fraction(0)
    # the least-challenge equilibrium's probability of challenge, and its family
    assert least_challenge(result) == challenge_probability(params)
    # deterrence: nobody commits, nobody challenges, iff p >= mu*
    assert _has(result, zero, zero, None, zero) == (p >= mu_star)
    # the attack equilibrium: nobody commits, Russia challenges; iff p <= mu* and (r <= r_bar or m >= max(c_H, s))
    assert _has(result, zero, zero, None, one) == (p <= mu_star and (r <= r_bar or m >= max(c_h, s)))
    if 0 < p < 1:
        # the bluff: both commit unchallenged, iff p >= mu_C and m <= min(c_H, s)
        assert _has(result, one, one, zero, None) == (p >= mu_c and m <= pooling_cost_limit(params))
        # separating: only the Hard type commits, iff s <= m <= c_H (whatever p, r, k)
        low, high = separating_window(params)
        assert _has(result, one, zero, zero, one) == (low <= m <= high)
    # the hybrid: Hard commits, Soft with sigma, commitments probed with x_C = (s - m)/L, silence challenged
    x_c = probe_probability(params)
    if 0 < p < mu_c and m <= hybrid_cost_limit(params) and 0 < x_c < 1:
        assert _has(result, one, _q(bluff_probability(params)), _q(x_c), one)
    # the second hybrid: Hard silent, Soft commits with 1 - p(1 - mu*)/((1 - p) mu*), silence challenged with m/s
    if r >= r_bar and c_h <= s and 0 < m < s and 0 < p < mu_star:
        soft = 1 - p * (1 - _q(mu_star)) / ((1 - p) * _q(mu_star))
        assert _has(result, zero, soft, zero, _q(silence_probe_probability(params)))
    # deterrence's companion: Hard commits sometimes, silence challenged with m/c_H (p > mu*, s <= c_H, 0 < m < c_H)
    if p > mu_star and s <= c_h and 0 < m < c_h and p < 1:
        hard = 1 - (1 - p) * _q(mu_star) / (p * (1 - _q(mu_star)))
        assert _has(result, hard, zero, zero, m / c_h)


def test_hybrid_cost_limit_when_a_hard_us_fights_cheaply() -> None:
    # c_H < s: the hybrid ends at m_hat = c_H (L - s)/(L - c_H) = 13/18 (L = 23/5), below c_H = 1
    params = Params(c_H=1, p=Fraction(1, 5))
    limit = hybrid_cost_limit(params)
    assert limit == sympy.Rational(13, 18)
    assert family(replace(params, m=limit)) == "hybrid" and family(replace(params, m=Fraction(3, 4))) == "attack"
    assert least_challenge(solve(replace(params, m=limit))) < 1 == least_challenge(solve(replace(params, m=Fraction(3, 4))))


@settings(max_examples=40)
@given(params())
def test_family_by_closed_forms(params: Params) -> None:
    chance = challenge_probability(params)
    name = family(params)
    assert name in FAMILIES
    assert (name == "attack") == (chance == 1)
    assert (name in ("hybrid", "separating")) == (0 < chance < 1)
    assert (name in ("deterrence", "bluff")) == (chance == 0)
    if name == "separating":
        assert chance == 1 - params.p


# --- the article's claims, in the least-challenge equilibrium -------------------------------------
# Selection: among all PBE, the one with the least probability of challenge (the minimum over each convex set of
# PBE is at an extreme point, all of which the solver reports); among those, one that each Defender type likes best.
def _bluff_and_second_hybrid(params: Params) -> bool:
    """Where the bluff and the second hybrid coexist: the Hard US prefers the second (module docstring)."""
    return (
        params.r >= escalation_threshold(params)
        and params.c_H < params.s
        and 0 < params.m <= params.c_H
        and 0 < params.p < belief_threshold(params)
    )


@settings(max_examples=30)
@given(params())
def test_least_challenge_is_what_the_defender_prefers(params: Params) -> None:
    assume(not _bluff_and_second_hybrid(params))
    result = solve(params)
    chances = challenge_probabilities(result)
    payoffs = [_type_payoffs(result, i) for i in range(len(result))]
    # a type with prior 0 never plays: its payoff is not at stake
    types = [t for t, prior in (("Hard", params.p), ("Soft", 1 - params.p)) if prior > 0]
    best = {t: max(u[t] for u in payoffs) for t in types}
    assert any({t: payoffs[i][t] for t in types} == best for i, chance in enumerate(chances) if chance == min(chances))


def test_where_the_hard_us_prefers_more_challenges() -> None:
    # r = 1 >= r_bar, c_H = 1 < s = 2, m = 1: the bluff (no challenge; the Hard US pays m = 1) and the second hybrid
    # (the Hard US stays silent, challenged with m/s = 1/2: it loses 1/2) coexist; the Soft US loses 1 in both
    result = solve(Params(p=Fraction(1, 5), c_H=1, r=1))
    assert sorted(challenge_probabilities(result)) == [0, sympy.Rational(4, 15)]  # (p/mu*)(m/s) = (8/15)(1/2)
    assert {(u["Hard"], u["Soft"]) for u in (_type_payoffs(result, i) for i in range(len(result)))} == {(-1, -1), (Fraction(-1, 2), -1)}


def _second_hybrid(params: Params) -> bool:
    """Where the tripwire deters by itself and only the Soft US finds the sinking cost worth paying."""
    return params.r >= escalation_threshold(params) and params.c_H < params.m <= params.s


@settings(max_examples=25)
@given(params(), probabilities)
def test_more_credibility_never_makes_a_challenge_more_likely(params: Params, other: Fraction) -> None:
    # except in the second hybrid (module docstring; a counterexample below)
    assume(not _second_hybrid(params))
    low, high = sorted((Fraction(params.p), other))
    assert least_challenge(solve(replace(params, p=low))) >= least_challenge(solve(replace(params, p=high)))


def test_in_the_second_hybrid_more_credibility_invites_challenges() -> None:
    # r = 1/2 >= r_bar = 3/8 and c_H = 1 < m = 3/2 <= s = 2: Pr(challenge) = (p/mu*)(m/s) rises with p up to mu*
    params = Params(c_H=1, m=Fraction(3, 2), r=Fraction(1, 2))
    chances = [least_challenge(solve(replace(params, p=p))) for p in (Fraction(1, 10), Fraction(3, 10), Fraction(1, 2))]
    assert chances == [sympy.Rational(1, 5), sympy.Rational(3, 5), 0]
    assert [family(replace(params, p=p)) for p in (Fraction(1, 10), Fraction(1, 2))] == ["hybrid", "deterrence"]


@settings(max_examples=25)
@given(params(), st.integers(0, 6))
def test_a_costlier_tripwire_never_makes_a_challenge_more_likely(params: Params, extra: int) -> None:
    # raise k by `extra` (and c_S with it, so the Soft type still concedes after committing)
    costlier = replace(params, k=params.k + extra, c_S=params.c_S + extra)
    same = replace(params, c_S=params.c_S + extra)
    assert least_challenge(solve(same)) >= least_challenge(solve(costlier))


@settings(max_examples=25)
@given(params(), probabilities)
def test_more_chance_escalation_never_makes_a_challenge_more_likely(params: Params, other: Fraction) -> None:
    low, high = sorted((Fraction(params.r), other))
    assert least_challenge(solve(replace(params, r=low))) >= least_challenge(solve(replace(params, r=high)))


costs = st.fractions(min_value=0, max_value=10, max_denominator=4)


@settings(max_examples=40)
@given(params(), costs, costs)
def test_the_sinking_cost_that_deters_best(params: Params, one: Fraction, two: Fraction) -> None:
    # the least-challenge probability falls (weakly) as m rises to m_hat and rises (weakly) past it
    low, high = sorted((one, two))
    best = hybrid_cost_limit(params)
    at_low, at_high = (least_challenge(solve(replace(params, m=m))) for m in (low, high))
    if high <= best:
        assert at_low >= at_high
    if low >= best:
        assert at_low <= at_high
    assert least_challenge(solve(replace(params, m=_q(best)))) <= min(at_low, at_high)


@settings(max_examples=40)
@given(params(), st.integers(1, 6), st.fractions(min_value=0, max_value=1, max_denominator=12), probabilities)
def test_a_costlier_commitment_separates_the_types_at_a_price(params: Params, gap: int, where: Fraction, credibility: Fraction) -> None:
    # with s < c_H, raising m past s makes commitments informative: only the Hard US commits, Russia challenges
    # exactly the silent (Soft) US, with probability 1 - p, more than at m = s, where the Soft US still bluffs
    c_h = params.s + gap
    m = params.s + max(where, Fraction(1, 12)) * gap  # in (s, c_H]
    p = _q(belief_threshold(params)) * (1 + 10 * credibility) / 12  # in (0, mu*)
    separated = replace(params, c_H=c_h, m=m, p=p)
    bluffing = replace(separated, m=params.s)
    result = solve(separated)
    assert family(separated) == "separating" and family(bluffing) in ("bluff", "hybrid")
    assert _has(result, Fraction(1), Fraction(0), Fraction(0), Fraction(1))
    assert least_challenge(result) == 1 - separated.p > least_challenge(solve(bluffing))


# --- symbolic against numeric ---------------------------------------------------------------------------
@functools.cache
def _families(over: str) -> tuple[SolveResult, dict[str, sympy.Basic], sympy.Basic]:
    """The figures' solves (over (p, r) or (p, m)), their families and attack regions, computed once."""
    result = solve(Params(p=P, r=R), assume=INTERIOR) if over == "pr" else solve(Params(p=P, m=M), assume=(P < 1, M < 5))
    return result, regions(result), attack_region(result)


def _profiles(result: SolveResult) -> set:
    return {tuple(tuple(tuple(Fraction(str(x)) for x in probs) for probs in player) for player in eq.profile) for eq in result}


@settings(max_examples=10)
@given(interior, interior)
def test_symbolic_equals_numeric(p: Fraction, r: Fraction) -> None:
    symbolic = solve(Params(p=P, r=R), assume=INTERIOR)
    numeric = solve(Params(p=p, r=r))
    assert _profiles(symbolic.at({P: p, R: r})) == _profiles(numeric)


@settings(max_examples=20)
@given(interior, interior)
def test_regions_match_the_closed_forms(p: Fraction, r: Fraction) -> None:
    _, found, attack_found = _families("pr")
    here = [name for name, condition in found.items() if bool(condition.subs({P: p, R: r}))]
    assert here == [family(Params(p=p, r=r))]
    attack = bool(attack_found.subs({P: p, R: r}))
    assert attack == (p <= belief_threshold(Params()) and r <= escalation_threshold(Params()))


@settings(max_examples=25)
@given(interior, st.fractions(min_value=0, max_value=5, max_denominator=8).filter(lambda m: 0 < m < 5))
def test_regions_over_credibility_and_sinking_cost(p: Fraction, m: Fraction) -> None:
    # the figures' solve: p and m symbolic over 0 < p < 1, 0 < m < 5
    result, found, attack = _families("pm")
    point = {P: p, M: m}
    assert _profiles(result.at(point)) == _profiles(solve(Params(p=p, m=m)))
    here = [name for name, condition in found.items() if bool(condition.subs(point))]
    assert here == [family(Params(p=p, m=m))]
    assert bool(attack.subs(point)) == (p <= belief_threshold(Params()))


def test_regions_over_credibility() -> None:
    p = sympy.Symbol("p", nonnegative=True)
    found = regions(solve(Params(p=p)))
    mu_c, mu_star = commitment_threshold(Params()), belief_threshold(Params())
    expected = {
        "attack": sympy.Eq(p, 0),  # only where the US is surely Soft
        "hybrid": sympy.And(p > 0, p < mu_c),
        "bluff": sympy.And(p >= mu_c, p < mu_star),
        "deterrence": sympy.And(p >= mu_star, p <= 1),
        "separating": sympy.false,
    }
    assert {name: condition.as_set() for name, condition in found.items()} == {name: c.as_set() for name, c in expected.items()}
    assert attack_region(solve(Params(p=p))).as_set().intersect(sympy.Interval(0, 1)) == sympy.Interval(0, mu_star)
    assert "| hybrid |" in regime_table(solve(Params(p=p)))
    separating = regions(solve(Params(p=p, m=3)))
    assert separating["separating"].as_set() == sympy.Interval.open(0, mu_star)


@settings(max_examples=2)
@given(params())
def test_symbolic_regions_for_any_payoffs(params: Params) -> None:
    p = sympy.Symbol("p", nonnegative=True)
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
        ({"s": 0}, "zero < s"),
        ({"k": 9}, "s \\+ k <= c_S"),
        ({"k": -1}, "zero <= k"),
        ({"m": -1}, "zero <= m"),
        ({"w": 0}, "zero < w"),
    ],
)
def test_params_errors(changes: dict, message: str) -> None:
    with pytest.raises(InvalidGameError, match=message):
        Params(**changes)


def test_other_errors() -> None:
    g = sympy.Symbol("g", positive=True)
    assert Params(g=g).g == g
    assert Params(c_H=9).c_H == 9  # a Hard US's cost of conflict may exceed the Soft US's stake
    with pytest.raises(InvalidGameError, match="params must be"):
        solve("defaults")  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="regions"):
        regions(solve())
    with pytest.raises(InvalidGameError, match="must be numbers"):
        extended_deterrence.figure_regions(Params(g=g))
    with pytest.raises(InvalidGameError, match="axes must be"):
        extended_deterrence.figure_regions(axes=("p", "k"))
    with pytest.raises(InvalidGameError, match="must be numbers"):
        family(Params(p=P))


def test_reproduce(tmp_path) -> None:  # type: ignore[no-untyped-def]
    written = reproduce(tmp_path / "out")
    assert [path.name for path in written] == [
        "extended_deterrence-regions.png",
        "extended_deterrence-sinking_costs.png",
        "extended_deterrence-challenge.png",
        "extended_deterrence-tables.md",
    ]
    assert all(path.stat().st_size > 0 for path in written)
    table = written[-1].read_text()
    assert "| credibility a commitment needs, $\\mu_C$ | 11/36 |" in table
    assert "| family at the defaults ($p = 1/3$, $m = 1$) | bluff |" in table
    assert "| family at $m = 3$ | separating |" in table
