"""Properties of `enumerate` / `vertex_enumeration`, checked against an exact brute-force oracle."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory import InvalidGameError, NormalFormGame, SolverError, UnsupportedGameError, catalog, max_regret, solve
from gametheory._linalg import solve_integer_system
from tests.strategies import bimatrix_games, degenerate_bimatrix_games, generic_bimatrix_games


def brute_force_extreme_equilibria(game: NormalFormGame) -> set:
    """Every extreme equilibrium by exact enumeration of all bases of both polytopes (small games only)."""
    (A, B), _ = game.integer_payoffs()
    m, n = game.shape

    def vertices(C):  # {z >= 0, C z <= 1}, C positive k x d; returns {normalized z: label set}
        k, d = C.shape
        out = {}
        rows = [[-int(i == j) for j in range(d)] for i in range(d)] + [list(map(int, C[j])) for j in range(k)]
        rhs = [0] * d + [1] * k
        for basis in itertools.combinations(range(d + k), d):
            z = solve_integer_system([rows[i] for i in basis], [rhs[i] for i in basis])
            if z is None or any(v < 0 for v in z) or sum(z) == 0:
                continue
            slack = [1 - sum(Fraction(c) * v for c, v in zip(C[j], z)) for j in range(k)]
            if any(s < 0 for s in slack):
                continue
            labels = frozenset([i for i in range(d) if z[i] == 0] + [d + j for j in range(k) if slack[j] == 0])
            out[tuple(v / sum(z) for v in z)] = labels
        return out

    shift = lambda M: np.array(M - M.min() + 1, dtype=object)  # noqa: E731
    xs = vertices(shift(B).T)  # labels: i < m row i unused, m + j column j best response
    ys = vertices(shift(A))  # labels: j < n column j unused, n + i row i best response
    result = set()
    for x, lx in xs.items():
        for y, ly in ys.items():
            global_y = {m + j for j in ly if j < n} | {j - n for j in ly if j >= n}
            if set(lx) | global_y == set(range(m + n)):
                result.add((x, y))
    return result


@given(bimatrix_games(max_actions=4))
def test_enumerate_equals_exact_brute_force(game):
    result = solve(game, "enumerate")
    found = {eq.profile for eq in result}
    assert found == brute_force_extreme_equilibria(game)
    assert len(found) == len(result.equilibria)


@given(bimatrix_games(max_actions=5))
def test_every_equilibrium_is_certified_exactly(game):
    result = solve(game, "enumerate")
    assert result.exact and result.complete and len(result) >= 1  # Nash (1951): at least one
    for eq in result:
        assert eq.max_regret == 0
        assert max_regret(game, eq.profile) == 0
        for strategy in eq.profile:
            assert all(isinstance(p, Fraction) and p >= 0 for p in strategy)
            assert sum(strategy) == 1


@given(generic_bimatrix_games(max_actions=6))
def test_nondegenerate_games_have_an_odd_number_of_equilibria(game):
    result = solve(game, "enumerate")
    if not result.degenerate:
        assert len(result) % 2 == 1
        assert all(len(c) == 1 for c in result.cliques)


@given(bimatrix_games(max_actions=4), st.integers(1, 5), st.integers(-5, 5), st.integers(1, 5), st.integers(-5, 5))
def test_positive_affine_transforms_keep_the_equilibria(game, a, b, c, d):
    A, B = game.payoffs
    transformed = NormalFormGame.from_bimatrix((A * a + b).tolist(), (B * c + d).tolist())
    assert {eq.profile for eq in solve(game)} == {eq.profile for eq in solve(transformed)}


@given(bimatrix_games(max_actions=4), st.randoms(use_true_random=False))
def test_relabelling_actions_and_players_permutes_the_equilibria(game, random):
    A, B = (np.array(a) for a in game.payoffs)
    m, n = game.shape
    rows, cols = list(range(m)), list(range(n))
    random.shuffle(rows)
    random.shuffle(cols)
    permuted = NormalFormGame.from_bimatrix(A[np.ix_(rows, cols)].tolist(), B[np.ix_(rows, cols)].tolist())
    swapped = NormalFormGame.from_bimatrix(B.T.tolist(), A.T.tolist())
    original = {eq.profile for eq in solve(game)}
    assert {(tuple(x[r] for r in rows), tuple(y[c] for c in cols)) for x, y in original} == {eq.profile for eq in solve(permuted)}
    assert {(y, x) for x, y in original} == {eq.profile for eq in solve(swapped)}


@given(degenerate_bimatrix_games())
def test_cliques_are_convex_sets_of_equilibria(game):
    result = solve(game, "enumerate")
    covered = set()
    for clique in result.cliques:
        covered |= set(clique)
        xs = {result[i].profile[0] for i in clique}
        ys = {result[i].profile[1] for i in clique}
        assert {result[i].profile for i in clique} == {(x, y) for x in xs for y in ys}  # a product set
        # the barycentre of the clique is an equilibrium as well
        x = tuple(sum(c) / len(xs) for c in zip(*xs))
        y = tuple(sum(c) / len(ys) for c in zip(*ys))
        assert max_regret(game, [x, y]) == 0
    assert covered == set(range(len(result)))
    assert sorted(i for comp in result.components for i in comp) == list(range(len(result)))


@given(bimatrix_games(max_actions=4))
def test_vertex_enumeration_gives_the_same_extreme_equilibria(game):
    assert [eq.profile for eq in solve(game, "vertex_enumeration")] == [eq.profile for eq in solve(game, "enumerate")]


def test_float_games_are_solved_in_floats():
    game = catalog.battle_of_the_sexes().as_float()
    result = solve(game, "enumerate")
    assert not result.exact and len(result) == 3
    assert all(abs(eq.max_regret) < 1e-9 for eq in result)
    assert result[1].profile[0] == pytest.approx((2 / 3, 1 / 3))


def test_published_degenerate_game():
    # von Stengel (2002), Handbook of Game Theory vol. 3, section 3: the 3x2 example made degenerate;
    # equilibria: (Top, Left) - (Top, 2/3 Left + 1/3 Right) is a segment, plus ((0, 1/3, 2/3), (1/3, 2/3)).
    result = solve(catalog.degenerate())
    F = Fraction
    assert [eq.profile for eq in result] == [
        ((1, 0, 0), (1, 0)),
        ((1, 0, 0), (F(2, 3), F(1, 3))),
        ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    ]
    assert result.degenerate and result.cliques == ((0, 1), (2,)) and result.components == ((0, 1), (2,))


def test_nondegenerate_3x2_example_of_von_stengel():
    # von Stengel (2002), Handbook of Game Theory vol. 3, ch. 45, the 3x2 example: three equilibria
    # ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3)) and ((0,1/3,2/3),(1/3,2/3)).
    game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    F = Fraction
    assert {eq.profile for eq in solve(game)} == {
        ((1, 0, 0), (1, 0)),
        ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
        ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert solve(game).degenerate is False


def test_all_ties_game_is_one_big_clique():
    game = NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    result = solve(game)
    assert len(result) == 4 and result.cliques == ((0, 1, 2, 3),) and result.degenerate


def test_one_action_players():
    game = NormalFormGame.from_bimatrix([[1, 5, 5]], [[1, 5, 5]])
    assert {eq.profile for eq in solve(game)} == {((1,), (0, 1, 0)), ((1,), (0, 0, 1))}


def test_three_players_refused():
    game = catalog.volunteers_dilemma(3)
    with pytest.raises(UnsupportedGameError, match=r"enumerate\(\): game must have 2 players; got 3"):
        solve(game, "enumerate")


@given(bimatrix_games(max_actions=4))
def test_huge_payoff_spans_take_the_exact_path_and_agree(game):
    (A, B), _ = game.integer_payoffs()
    big = NormalFormGame.from_bimatrix((A * 10**9 + 1).tolist(), (B * 10**9 - 7).tolist())
    assert {eq.profile for eq in solve(big)} == {eq.profile for eq in solve(game)}


def test_work_bound_is_estimated_before_starting():
    game = NormalFormGame.from_bimatrix(np.zeros((20, 20), dtype=int), np.zeros((20, 20), dtype=int))
    with pytest.raises(SolverError, match=r"up to 40,060,020 vertices.*max_vertices=1,000,000.*lemke_howson"):
        solve(game, "enumerate")
    with pytest.raises(InvalidGameError, match=r"max_vertices must be a positive int; got 0"):
        solve(catalog.chicken(), "enumerate", max_vertices=0)
    with pytest.raises(
        InvalidGameError, match=r"unknown option \['max_vertex'\] for method 'enumerate'; valid options are \['max_vertices'\]"
    ):
        solve(catalog.chicken(), "enumerate", max_vertex=5)
    with pytest.raises(InvalidGameError, match=r"unknown method 'enum'; valid methods are \['auto', .*'enumerate'"):
        solve(catalog.chicken(), "enum")
