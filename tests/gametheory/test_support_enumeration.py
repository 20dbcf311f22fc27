"""Tests of support_enumeration: exact certificates, agreement with vertex enumeration and nashpy, n-player games."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings

from gametheory import NormalFormGame, SolverError, UnsupportedGameError, solve
from gametheory.errors import InvalidGameError
from gametheory.solvers.enumeration import vertex_enumeration
from gametheory.solvers.support_enumeration import support_count, support_enumeration
from tests.strategies import bimatrix_games, degenerate_bimatrix_games, generic_bimatrix_games, nplayer_games

F = Fraction


def profiles(result):
    return {eq.profile for eq in result}


# --------------------------------------------------------------------------- two players: properties


@given(bimatrix_games())
def test_every_equilibrium_has_exact_zero_regret(game):
    result = support_enumeration(game)
    assert result.exact
    for eq in result:
        assert eq.max_regret == 0
        assert all(sum(s) == 1 and min(s) >= 0 for s in eq.profile)


@given(generic_bimatrix_games(max_actions=6))
def test_generic_games_agree_with_vertex_enumeration(game):
    result = support_enumeration(game)
    expected = vertex_enumeration(game)
    assert profiles(result) == profiles(expected)
    if not expected.degenerate:
        assert result.complete
        assert len(result) % 2 == 1  # nondegenerate games have an odd number of equilibria


@given(bimatrix_games(max_actions=4))
def test_degeneracy_is_detected_exactly(game):
    """Without pruning the degeneracy flag is decided exactly and agrees with vertex enumeration."""
    result = support_enumeration(game, prune=False)
    expected = vertex_enumeration(game)
    assert result.degenerate is expected.degenerate
    assert result.complete is (not expected.degenerate)
    # every equilibrium found is an extreme one (its supports give a nonsingular system)
    assert profiles(result) <= profiles(expected)
    if result.complete:
        assert profiles(result) == profiles(expected)


@given(degenerate_bimatrix_games())
def test_degenerate_games_say_the_list_may_be_incomplete(game):
    result = support_enumeration(game)
    if result.degenerate:
        assert not result.complete
        assert "enumerate" in result.details["note"]
    if result.complete:
        assert profiles(result) == profiles(vertex_enumeration(game))


@settings(max_examples=20)
@given(generic_bimatrix_games(max_actions=4))
def test_agrees_with_nashpy(game):
    """Every equilibrium nashpy finds is one of ours (nashpy also loses some to rounding noise, which we keep)."""
    nashpy = pytest.importorskip("nashpy")
    A, B = (np.array(a, dtype=float) for a in game.float_payoffs())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).support_enumeration())
    ours = [np.concatenate([np.array(s, dtype=float) for s in eq.profile]) for eq in support_enumeration(game)]
    for x, y in theirs:
        assert any(np.allclose(np.concatenate([x, y]), mine, atol=1e-7) for mine in ours)


@given(generic_bimatrix_games(max_actions=4))
def test_float_games_match_exact_games(game):
    exact = support_enumeration(game)
    floats = support_enumeration(game.as_float())
    assert not floats.exact
    assert len(floats) == len(exact)
    for a, b in zip(floats, exact, strict=True):
        assert np.allclose([float(x) for s in a.profile for x in s], [float(x) for s in b.profile for x in s], atol=1e-9)


def test_von_stengel_3x2_example():
    # von Stengel (2007), "Equilibrium computation for two-player games in strategic and
    # extensive form", Algorithmic Game Theory ch. 3, the 3x2 game (3.3): three equilibria.
    g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    result = support_enumeration(g)
    assert result.complete and result.degenerate is False
    assert profiles(result) == {
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }


def test_dominated_strategies_are_pruned_and_equilibria_mapped_back():
    # the prisoners' dilemma: defection strictly dominates
    pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    result = support_enumeration(pd)
    assert profiles(result) == {((F(0), F(1)), (F(0), F(1)))}
    assert result.details["removed_dominated"] == (1, 1)
    assert result.complete and result.degenerate is None


def test_degenerate_game_is_flagged():
    # the row player is indifferent whenever the column player plays L: a continuum of equilibria
    g = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 0], [1, 0]])
    result = support_enumeration(g)
    assert result.degenerate is True and not result.complete
    assert "enumerate" in result.details["note"]
    assert profiles(result) <= profiles(vertex_enumeration(g))


def test_random_10x10_is_fast_and_complete():
    rng = np.random.default_rng(0)
    g = NormalFormGame.from_bimatrix(rng.integers(-(10**6), 10**6, (10, 10)).tolist(), rng.integers(-(10**6), 10**6, (10, 10)).tolist())
    result = support_enumeration(g, prune=False)
    assert result.details["support_pairs"] == 184755
    assert profiles(result) == profiles(vertex_enumeration(g))


def test_solve_dispatches_options():
    g = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    result = solve(g, "support_enumeration", max_supports=10)
    assert result.method == "support_enumeration" and len(result) == 3


# --------------------------------------------------------------------------- n players


def brute_force_pure(game):
    out = set()
    for cell in itertools.product(*map(range, game.shape)):
        best = True
        for p in range(game.n_players):
            for a in range(game.shape[p]):
                other = list(cell)
                other[p] = a
                if game.payoffs[p][tuple(other)] > game.payoffs[p][cell]:
                    best = False
        if best:
            out.add(tuple(tuple(F(int(a == c)) for a in range(size)) for c, size in zip(cell, game.shape, strict=True)))
    return out


@settings(max_examples=15)
@given(nplayer_games(min_players=3, max_players=3, max_actions=2))
def test_nplayer_pure_equilibria_are_found_and_all_have_zero_regret(game):
    result = support_enumeration(game)
    found = profiles(result)
    assert brute_force_pure(game) <= found
    for eq in result:
        assert eq.max_regret == 0
        for s in eq.profile:
            assert sympy.simplify(sum(s) - 1) == 0
    if not result.complete:
        assert result.details["continua"]


def test_jordan_three_player_matching_pennies():
    # Jordan (1993), "Three problems in learning mixed-strategy Nash equilibria", GEB 5:368-386:
    # player 1 matches 2, 2 matches 3, 3 mismatches 1; the unique equilibrium has everyone mix 1/2.
    g = NormalFormGame.from_arrays(
        [[[int(a == b) for c in (0, 1)] for b in (0, 1)] for a in (0, 1)],
        [[[int(b == c) for c in (0, 1)] for b in (0, 1)] for a in (0, 1)],
        [[[int(c != a) for c in (0, 1)] for b in (0, 1)] for a in (0, 1)],
    )
    result = support_enumeration(g)
    assert result.complete
    assert profiles(result) == {((F(1, 2), F(1, 2)),) * 3}
    assert result[0].payoffs == (F(1, 2), F(1, 2), F(1, 2))


def test_irrational_equilibrium_is_exact():
    # A 2x2x2 game with integer payoffs (constructed for this test, not from the literature) whose
    # totally mixed equilibrium involves sqrt(51753); the values below were checked by substituting
    # them into the indifference equations, which this test repeats.
    arrays = [
        [[[7, -6], [7, 1]], [[-1, -2], [-4, -3]]],
        [[[3, 4], [-3, 9]], [[6, 9], [4, 3]]],
        [[[1, 6], [8, -1]], [[2, -3], [7, 1]]],
    ]
    g = NormalFormGame.from_arrays(*arrays)
    result = support_enumeration(g)
    assert result.complete and len(result) == 3
    r = sympy.sqrt(51753)
    expected = (
        (sympy.Rational(77, 244) + 5 * r / 3172, sympy.Rational(167, 244) - 5 * r / 3172),
        (sympy.Rational(99, 14) - 5 * r / 182, sympy.Rational(-85, 14) + 5 * r / 182),
        (sympy.Rational(1591, 1958) - 5 * r / 1958, sympy.Rational(367, 1958) + 5 * r / 1958),
    )
    irrational = [eq for eq in result if not all(isinstance(x, Fraction) for s in eq.profile for x in s)]
    assert len(irrational) == 1
    eq = irrational[0]
    assert all(sympy.simplify(a - b) == 0 for s, t in zip(eq.profile, expected, strict=True) for a, b in zip(s, t, strict=True))
    assert eq.max_regret == 0
    # independent check: each player is indifferent between their two actions
    P = [np.array(a, dtype=object) for a in arrays]
    x, y, z = expected
    for p, payoff in enumerate(P):
        values = []
        for own in (0, 1):
            total = 0
            for a, b, c in itertools.product((0, 1), repeat=3):
                cell = (a, b, c)
                if cell[p] != own:
                    continue
                weight = sympy.Integer(1)
                for q, strat in enumerate((x, y, z)):
                    if q != p:
                        weight *= strat[cell[q]]
                total += weight * payoff[cell]
            values.append(total)
        assert sympy.simplify(values[0] - values[1]) == 0
        assert sympy.simplify(values[0] - eq.payoffs[p]) == 0


def test_continuum_is_reported_not_dropped():
    # player 3 is indifferent everywhere: every strategy of player 3 completes (U, L) below
    zeros = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    p1 = [[[2, 2], [2, 2]], [[0, 0], [0, 0]]]  # U strictly dominant
    p2 = [[[2, 2], [0, 0]], [[2, 2], [0, 0]]]  # L strictly dominant
    g = NormalFormGame.from_arrays(p1, p2, zeros)
    result = support_enumeration(g)
    assert result.degenerate is True and not result.complete
    (continuum,) = result.details["continua"]
    assert continuum["support"] == (("1",), ("1",), ("1", "2"))
    assert len(continuum["parameters"]) == 1
    assert "continua" in result.details["note"] or "continuum" in result.details["note"]


@settings(max_examples=10)
@given(nplayer_games(min_players=3, max_players=3, max_actions=2))
def test_nplayer_float_games_match_exact(game):
    exact = support_enumeration(game)
    floats = support_enumeration(game.as_float())
    assert len(exact) == len(floats)


# --------------------------------------------------------------------------- errors and bounds


def test_symbolic_game_is_refused():
    a = sympy.Symbol("a", positive=True)
    g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[1, 0], [0, a]])
    with pytest.raises(UnsupportedGameError, match=r"support_enumeration\(\): game payoffs must be exact or float; got symbolic"):
        support_enumeration(g)


def test_bound_exceeded_two_players():
    rng = np.random.default_rng(1)
    g = NormalFormGame.from_bimatrix(rng.integers(0, 100, (6, 6)).tolist(), rng.integers(0, 100, (6, 6)).tolist())
    with pytest.raises(SolverError, match=r"max_supports=100 is below the estimated \d+ support pairs.*method='enumerate'"):
        support_enumeration(g, max_supports=100, prune=False)


def test_bound_exceeded_n_players():
    g = NormalFormGame.from_arrays(*[np.zeros((3, 3, 3), dtype=int).tolist()] * 3)
    with pytest.raises(SolverError, match=r"estimated 343 support profiles.*method='pure'"):
        support_enumeration(g, max_supports=50)


def test_time_limit():
    rng = np.random.default_rng(2)
    g = NormalFormGame.from_bimatrix(rng.integers(0, 10**6, (9, 9)).tolist(), rng.integers(0, 10**6, (9, 9)).tolist())
    with pytest.raises(SolverError, match=r"max_time=1e-09 seconds exceeded"):
        support_enumeration(g, max_time=1e-9)


@pytest.mark.parametrize("options", [{"max_supports": 0}, {"max_supports": 1.5}, {"max_time": -1}, {"prune": 1}])
def test_bad_options(options):
    g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(InvalidGameError, match=r"support_enumeration\(\): "):
        support_enumeration(g, **options)


def test_support_count():
    assert support_count((10, 10)) == sum(len(list(itertools.combinations(range(10), k))) ** 2 for k in range(1, 11))
    assert support_count((2, 3, 2)) == 3 * 7 * 3


@pytest.mark.parametrize("seed", range(6))
def test_n_player_agrees_with_gambit_enumpoly(seed):
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(seed)
    shape = [(2, 2, 2), (3, 2, 2), (2, 3, 2)][seed % 3]
    arrays = [rng.integers(-99, 99, shape) for _ in shape]
    ours = solve(NormalFormGame.from_arrays(*arrays), "support_enumeration")
    assert ours.complete
    mine = sorted(tuple(round(float(sympy.N(v)), 6) for s in eq.profile for v in s) for eq in ours)
    game = gbt.Game.from_arrays(*[a.astype(int) for a in arrays])
    theirs = sorted(
        tuple(round(float(eq[st]), 6) for p in game.players for st in p.strategies) for eq in gbt.nash.enumpoly_solve(game).equilibria
    )
    assert mine == theirs
