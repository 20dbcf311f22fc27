"""Brinkmanship from minimal to maximal (our synthesis): the claims as properties, closed forms against the solvers."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory
from gametheory import InvalidGameError
from gametheory.symbolic import threshold
from models import MODELS, brinkmanship
from models.brinkmanship import (
    LEVELS,
    TYPES,
    Params,
    attacks,
    crisis_game,
    defender_value,
    denial_threshold,
    game,
    greedy_critical_risk,
    indifference_prior,
    levels,
    optimal_levels,
    optimal_risk,
    powell_critical_risk,
    regime_table,
    regions,
    security_critical_risk,
    solve,
)

g_, d_ = sympy.symbols("g d", positive=True)


def fractions(low: object, high: object, denominator: int = 40) -> st.SearchStrategy[Fraction]:
    return st.fractions(min_value=Fraction(str(low)), max_value=Fraction(str(high)), max_denominator=denominator)


@st.composite
def params(draw: st.DrawFn, *, disaster_worst: bool = False, **fixed: object) -> Params:
    """Valid parameters by construction: D > c, 0 <= b <= c, increasing risks in [0, 1].

    ``disaster_worst``: also ``D >= v + c`` (disaster is worse than losing the territory in a war).
    """
    c = draw(fractions("1/10", 3, 20))
    v = draw(fractions("1/10", 10, 20))
    r_minimal = draw(fractions(0, "1/3", 30))
    r_moderate = r_minimal + draw(fractions("1/30", "1/3", 30))
    values = {
        "g": draw(fractions(0, 1)),
        "d": draw(fractions(0, 1)),
        "v": v,
        "c": c,
        "D": c + (v if disaster_worst else 0) + draw(fractions("1/10", 30, 10)),
        "s": draw(fractions(0, 60, 10)),
        "b": c * draw(fractions(0, 1, 10)),
        "e": draw(fractions(0, 3, 20)),
        "r_minimal": r_minimal,
        "r_moderate": r_moderate,
        "r_maximal": r_moderate + draw(fractions("1/30", "1/3", 30)),
    }
    values.update(fixed)
    return Params(**values)  # type: ignore[arg-type]


def solver_choices(result: gametheory.SolveResult) -> dict[str, set[str]]:
    """Information set label -> the actions taken there across the solver's (pure) subgame-perfect equilibria."""
    tree = result.game
    out: dict[str, set[str]] = {}
    for eq in result.equilibria:
        for player, profile in enumerate(eq.profile):
            for h, probs in zip(tree.infosets_of(player), profile, strict=True):
                out.setdefault(tree.infoset_labels[h], set()).update(
                    a for a, p in zip(tree.infoset_actions[h], probs, strict=True) if p == 1
                )
    return out


def strictly_attacks(p: Params, risk: Fraction) -> dict[str, bool]:
    """Per type, whether every subgame-perfect equilibrium of the crisis at ``risk`` has it attack (the solver decides)."""
    choices = solver_choices(gametheory.solve(crisis_game(p, risk)))
    return {kind: choices[kind] == {"Attack"} for kind in TYPES}


def solver_levels(p: Params) -> set[str]:
    return solver_choices(solve(p))["Defender"]


def tied(p: Params) -> bool:
    """Some type is indifferent at some posture (then the solver keeps both choices)."""
    choices = solver_choices(solve(p))
    return any(len(choices[f"{kind} | {level}"]) > 1 for kind in TYPES for level in LEVELS)


# --- parameters and errors ------------------------------------------------------------------------
def test_params_validation() -> None:
    with pytest.raises(InvalidGameError, match="g must be a probability"):
        Params(g=Fraction(3, 2))
    with pytest.raises(InvalidGameError, match="c < D"):
        Params(D=1)
    with pytest.raises(InvalidGameError, match="b <= c"):
        Params(b=2)
    with pytest.raises(InvalidGameError, match="risks must increase"):
        Params(r_moderate=Fraction(3, 4))
    with pytest.raises(InvalidGameError, match="exact"):
        Params(d=0.25)  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="must be positive"):
        Params(v=0)
    # symbolic fields are checked only as far as sympy can decide
    assert Params(g=g_, d=d_).g == g_
    with pytest.raises(InvalidGameError, match=r"brinkmanship\.Params"):
        game("defaults")  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="level must be one of"):
        defender_value(Params(), "Extreme")
    with pytest.raises(InvalidGameError, match="must be numbers"):
        attacks(Params(g=g_))
    with pytest.raises(InvalidGameError, match="risk must be in"):
        crisis_game(risk=2)
    with pytest.raises(InvalidGameError, match="parametric result"):
        regions(solve())


def test_registered() -> None:
    assert MODELS["brinkmanship"] is brinkmanship


# --- Powell's critical risk -----------------------------------------------------------------------
@given(fractions(-10, 10), fractions(0, 10), fractions(0, 10), fractions(0, 1))
def test_powell_critical_risk_is_the_largest_acceptable_risk(back_down: Fraction, up: Fraction, down: Fraction, r: Fraction) -> None:
    # Powell (1987, 1990): the critical risk rho makes a state indifferent between running risk rho of disaster
    # (otherwise prevailing) and backing down; it prefers the lottery at any smaller risk
    assume(up > 0 and down > 0)
    prevail, disaster = back_down + up, back_down - down
    rho = powell_critical_risk(prevail, back_down, disaster)
    assert 0 < rho < 1
    assert (1 - rho) * prevail + rho * disaster == back_down
    lottery = (1 - r) * prevail + r * disaster
    assert (lottery > back_down) == (r < rho)


def test_powell_critical_risk_errors() -> None:
    with pytest.raises(InvalidGameError, match="prevail must exceed disaster"):
        powell_critical_risk(-5, 0, 1)


@given(params())
def test_critical_risks_are_where_each_type_is_indifferent(p: Params) -> None:
    x = {name: sympy.sympify(getattr(p, name)) for name in ("d", "v", "c", "D", "s", "b")}
    r_g = greedy_critical_risk(p)
    assert r_g == powell_critical_risk((1 - x["d"]) * x["v"] - x["c"], 0, -x["D"])
    if 0 < r_g < 1:
        assert attacks(p, r_g)["Greedy"] is False  # indifferent: not a strict preference
        assert (1 - r_g) * ((1 - x["d"]) * x["v"] - x["c"]) - r_g * x["D"] == 0
        assert solver_choices(gametheory.solve(crisis_game(p, r_g)))["Greedy"] == {"Attack", "Refrain"}
    r_s = security_critical_risk(p)
    if r_s.is_finite and 0 < r_s < 1:
        assert (1 - r_s) * ((1 - x["d"]) * x["b"] - x["c"]) - r_s * x["D"] == -x["s"] * r_s
        assert solver_choices(gametheory.solve(crisis_game(p, r_s)))["Security seeker"] == {"Attack", "Refrain"}
    if not r_s.is_finite:
        assert not attacks(p, 1)["Security seeker"]


@given(params(), fractions(0, 1))
def test_attacks_match_the_solver(p: Params, r: Fraction) -> None:
    closed = attacks(p, r)
    assert strictly_attacks(p, r) == closed
    r_g, r_s = greedy_critical_risk(p), security_critical_risk(p)
    assert closed["Greedy"] == (r < r_g)
    assert closed["Security seeker"] == (r > r_s)


# --- the claims as properties ---------------------------------------------------------------------
@given(params(), fractions(0, 1), fractions(0, 1), fractions(0, 1))
def test_more_denial_never_makes_an_attack_more_likely(p: Params, r: Fraction, d1: Fraction, d2: Fraction) -> None:
    low, high = sorted((d1, d2))
    at_high, at_low = strictly_attacks(replace(p, d=high), r), strictly_attacks(replace(p, d=low), r)
    for kind in TYPES:
        assert not at_high[kind] or at_low[kind]


@given(params(), fractions(0, 1), fractions(0, 1))
def test_more_risk_deters_the_greedy_type_and_provokes_the_security_seeker(p: Params, r1: Fraction, r2: Fraction) -> None:
    low, high = sorted((r1, r2))
    at_low, at_high = strictly_attacks(p, low), strictly_attacks(p, high)
    assert not at_high["Greedy"] or at_low["Greedy"]  # more brinkmanship never makes the greedy type attack more
    assert not at_low["Security seeker"] or at_high["Security seeker"]  # ... nor the security seeker attack less


@given(params())
def test_claim_i_minimal_brinkmanship_invites_the_greedy_attack_below_a_denial_threshold(p: Params) -> None:
    greedy = strictly_attacks(p, p.r_minimal)["Greedy"]
    assert greedy == (p.d < denial_threshold(p, "Minimal"))


def test_claim_i_holds_with_weak_denial_and_fails_with_strong_denial() -> None:
    assert denial_threshold(Params(), "Minimal") == Fraction(88, 147)
    assert strictly_attacks(Params(d=0), Fraction(1, 50))["Greedy"]
    assert not strictly_attacks(Params(d=Fraction(9, 10)), Fraction(1, 50))["Greedy"]


@given(params())
def test_claim_ii_maximal_brinkmanship_provokes_the_security_seeker_iff_above_its_critical_risk(p: Params) -> None:
    provoked = strictly_attacks(p, p.r_maximal)["Security seeker"]
    assert provoked == (p.r_maximal > security_critical_risk(p))
    x = {name: sympy.sympify(getattr(p, name)) for name in ("d", "c", "D", "s", "b", "r_maximal")}
    insecure = x["s"] > x["D"] + (x["c"] - (1 - x["d"]) * x["b"]) * (1 - x["r_maximal"]) / x["r_maximal"]
    assert provoked == bool(insecure)


def test_claim_ii_holds_for_an_insecure_adversary_and_fails_for_a_calm_one() -> None:
    assert security_critical_risk(Params()) == Fraction(1, 4)
    assert strictly_attacks(Params(), Fraction(1, 2))["Security seeker"]
    assert not strictly_attacks(Params(s=5), Fraction(1, 2))["Security seeker"]
    assert security_critical_risk(Params(s=5)) == sympy.oo


def test_claim_iii_each_posture_is_best_somewhere_and_moderate_in_a_region() -> None:
    result = solve(Params(g=g_, d=d_))
    found = levels(result)
    assert found["Moderate"] == (d_ > Fraction(4, 21)) & (d_ < Fraction(88, 147)) & (588 * d_ * g_ + 21 < 824 * g_)
    for level in LEVELS:
        assert found[level] is not sympy.false
    # the solver's own points inside the single-posture regimes, solved again with numbers
    for regime in result.regimes:
        if len(regime.equilibria) == 1 and regime.witness is not None:
            level = brinkmanship._describe(result.game, regime.equilibria[0])[0]
            point = replace(Params(), g=regime.witness[g_], d=regime.witness[d_])
            assert solver_levels(point) == {level}
            assert optimal_levels(point) == (level,)
    assert optimal_levels(Params()) == ("Moderate",)  # the defaults: denial 1/4, even odds of a greedy adversary


def test_regions_name_who_attacks() -> None:
    found = regions(solve(Params(g=g_, d=d_)))
    assert list(found) == [
        "Minimal: greedy attacks",
        "Minimal: no attack",
        "Moderate: no attack",
        "Maximal: security seeker attacks",
        "boundary",
    ]
    assert found["Minimal: no attack"] == (d_ > Fraction(88, 147))
    assert found["Maximal: security seeker attacks"] == (d_ < Fraction(4, 21)) & (222 * d_ * g_ + 374 < 75 * d_ + 556 * g_)


@given(params(b=0), fractions(0, 1), fractions(0, 1))
def test_claim_iv_denial_never_moves_the_defender_up_to_maximal(p: Params, d1: Fraction, d2: Fraction) -> None:
    # where the maximal posture deters the greedy type (so every posture choice is about deterring it) and the
    # security seeker gains nothing from pre-emption (b = 0), more denial never makes maximal brinkmanship the
    # Defender's only best posture when it was not one before
    low, high = sorted((d1, d2))
    before, after = replace(p, d=low), replace(p, d=high)
    assume(not strictly_attacks(before, p.r_maximal)["Greedy"])
    assume(not tied(before) and not tied(after))
    if "Maximal" not in solver_levels(before):
        assert solver_levels(after) != {"Maximal"}
    # and denial lowers the greedy type's critical risk: lower postures suffice
    assert greedy_critical_risk(after) <= greedy_critical_risk(before)


@given(params())
def test_higher_postures_deter_from_less_denial(p: Params) -> None:
    thresholds = [denial_threshold(p, level) for level in LEVELS]
    assert thresholds[0] >= thresholds[1] >= thresholds[2]


def test_claim_iv_fails_where_denial_also_calms_the_security_seeker() -> None:
    # b > 0: denial makes pre-emption less attractive, so the maximal posture stops provoking and becomes safe
    p = Params(g=Fraction(1, 10), s=11, b=Fraction(3, 4), r_minimal=Fraction(1, 50), r_moderate=Fraction(1, 10), r_maximal=Fraction(1, 4))
    before, after = replace(p, d=Fraction(1, 10)), replace(p, d=Fraction(1, 5))
    assert solver_levels(before) == {"Minimal"} and solver_levels(after) == {"Maximal"}
    assert strictly_attacks(before, p.r_maximal)["Security seeker"] and not strictly_attacks(after, p.r_maximal)["Security seeker"]


# --- the Defender's choice: closed forms against the solver ----------------------------------------
@given(params())
def test_defender_value_and_optimal_levels_match_the_solver(p: Params) -> None:
    assume(not tied(p))
    result = solve(p)
    assert solver_levels(p) == set(optimal_levels(p))
    for eq in result.equilibria:
        (level,) = [k for k, x in zip(LEVELS, eq.profile[0][0], strict=True) if x == 1]
        assert eq.payoffs[0] == defender_value(p, level)


@pytest.mark.parametrize(
    ("d", "first", "second"),
    [(Fraction(1, 2), "Minimal", "Moderate"), (Fraction(1, 3), "Minimal", "Moderate"), (Fraction(1, 10), "Minimal", "Maximal")],
)
def test_indifference_prior_is_the_solvers_boundary(d: Fraction, first: str, second: str) -> None:
    g = sympy.Symbol("g", positive=True)
    result = solve(Params(g=g, d=d))
    points = {value for b in gametheory.symbolic.boundaries(result) for value in threshold(b, g)}
    expected = indifference_prior(Params(d=d), first, second)
    assert expected in points
    # on either side the Defender's choice flips between the two postures
    below, above = (Params(g=expected + step, d=d) for step in (-Fraction(1, 1000), Fraction(1, 1000)))
    assert {optimal_levels(below)[0], optimal_levels(above)[0]} == {first, second}


def test_indifference_prior_pinned() -> None:
    # minimal vs moderate where only the moderate posture deters: g = e (r_moderate - r_minimal)/L(r_minimal)
    assert indifference_prior(Params(d=Fraction(1, 2))) == Fraction(21, 530)
    assert indifference_prior(Params(d=Fraction(1, 2)), "Moderate", "Moderate") is None


@given(fractions(0, 1, 30), fractions(0, 1, 30))
@settings(max_examples=15)
def test_symbolic_equals_numeric(g: Fraction, d: Fraction) -> None:
    assume(0 < g < 1 and 0 < d < 1)
    symbolic = solve(Params(g=g_, d=d_)).at({g_: g, d_: d})
    numeric = solve(Params(g=g, d=d))

    def profiles(result: gametheory.SolveResult) -> set[object]:
        return {tuple(tuple(tuple(Fraction(x) for x in probs) for probs in player) for player in eq.profile) for eq in result}

    assert profiles(symbolic) == profiles(numeric)
    assert all(eq.max_regret == 0 for eq in symbolic)


def test_regime_table_lists_every_regime() -> None:
    result = solve(Params(g=g_, d=d_))
    table = regime_table(result)
    assert len(table.splitlines()) == 2 + len(result.regimes)
    assert "| Moderate | Refrain | Refrain |" in table


# --- the risk chosen from [0, 1] ------------------------------------------------------------------
def best_risk(p: Params) -> sympy.Expr:
    """The closed form: ``r_G`` when deterring the greedy type that way beats running no risk, else 0."""
    r_g = greedy_critical_risk(p)
    if r_g <= 0:
        return sympy.S.Zero
    x = {name: sympy.sympify(getattr(p, name)) for name in ("g", "d", "v", "c", "D", "e")}

    def loss(r: sympy.Expr) -> sympy.Expr:
        return (1 - r) * ((1 - x["d"]) * x["v"] + x["c"]) + r * x["D"]

    at_zero = -x["g"] * loss(0)
    at_r_g = -x["e"] * r_g - (1 - x["g"]) * int(bool(r_g > security_critical_risk(p))) * loss(r_g)
    return r_g if at_r_g > at_zero else sympy.S.Zero


@given(params(disaster_worst=True))
@settings(max_examples=10)
def test_the_best_continuous_risk_is_the_greedy_critical_risk_or_none(p: Params) -> None:
    # when disaster is worse than a lost war, more risk than r_G only adds cost: the best risk is r_G or 0
    assert optimal_risk(p) == best_risk(p)


def test_optimal_risk_pinned() -> None:
    assert optimal_risk() == Fraction(1, 9) == greedy_critical_risk()
    g = sympy.Symbol("g", positive=True)
    cut = Fraction(1, 9) / Fraction(13, 4)  # e r_G / L(0) at d = 1/4: below it the Defender runs no risk
    assert optimal_risk(Params(g=g)) == sympy.Piecewise((0, g <= cut), (Fraction(1, 9), True))
    assert optimal_risk(Params(d=Fraction(9, 10))) == 0  # denial alone deters


def test_reproduce_writes_its_files(tmp_path: object) -> None:
    import matplotlib

    matplotlib.use("Agg")
    written = brinkmanship.reproduce(tmp_path / "out")  # type: ignore[operator]
    assert [path.name for path in written] == [
        "brinkmanship-regimes.png",
        "brinkmanship-attack.png",
        "brinkmanship-optimal-risk.png",
        "brinkmanship-tables.md",
    ]
    assert all(path.stat().st_size > 0 for path in written)
    assert "Moderate" in written[-1].read_text()
