"""Properties of `lemke_howson`: exact certificates, ends at extreme equilibria, agreement with nashpy and lrsnash."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory import InvalidGameError, NormalFormGame, SolverError, UnsupportedGameError, solve
from gametheory.profiles import certify
from gametheory.solvers import lemke_howson as lh_module
from gametheory.solvers.enumeration import vertex_enumeration
from gametheory.solvers.lemke_howson import lemke_howson
from tests.gametheory.oracles import lrsnash_graph, lrsnash_path
from tests.strategies import bimatrix_games, degenerate_bimatrix_games, generic_bimatrix_games

F = Fraction


def profiles(result) -> set:
    return {eq.profile for eq in result}


def check_result(game: NormalFormGame, result) -> None:
    """What every exact Lemke–Howson result must satisfy."""
    m, n = game.shape
    assert result.method == "lemke_howson" and result.exact and result.complete is False
    assert result.degenerate in (True, None)
    for eq in result:
        assert eq.max_regret == 0
        assert certify(game, eq.profile)[0] == 0
        for strategy in eq.profile:
            assert all(isinstance(p, Fraction) and p >= 0 for p in strategy) and sum(strategy) == 1
    mapping = result.details["label_to_equilibrium"]
    assert set(mapping.values()) == set(range(len(result)))  # every equilibrium returned was reached from some label
    assert all(0 <= label < m + n for label in mapping)
    assert all(count >= 1 for count in result.details["pivots"].values())
    assert len(profiles(result)) == len(result)  # no duplicates


# --- textbook example -------------------------------------------------------


def test_von_stengel_3x2_example():
    # von Stengel (2002), "Computing equilibria for two-person games", Handbook of Game Theory vol. 3,
    # the 3 x 2 running example; also von Stengel's chapter 3 of Nisan et al. (2007), "Algorithmic
    # Game Theory". Its equilibria: ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3)), ((0,1/3,2/3),(1/3,2/3)).
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    game = NormalFormGame.from_bimatrix(A, B)
    pure = ((F(1), F(0), F(0)), (F(1), F(0)))
    mixed = ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))
    negative_index = ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3)))
    assert profiles(vertex_enumeration(game)) == {pure, mixed, negative_index}
    result = lemke_howson(game)
    check_result(game, result)
    # the equilibrium of index -1 is never reached from the artificial equilibrium (Shapley 1974)
    assert [eq.profile for eq in result] == [pure, mixed]
    assert dict(result.details["label_to_equilibrium"]) == {0: 0, 1: 1, 2: 0, 3: 0, 4: 1}
    assert lemke_howson(game, initial_label=1)[0].profile == mixed
    assert result[1].payoffs == (F(4), F(8, 3))


def test_details_are_read_only_and_options_recorded():
    game = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    result = lemke_howson(game, initial_label=2)
    assert dict(result.details["label_to_equilibrium"]) == {2: 0}
    assert result.options["initial_label"] == 2
    with pytest.raises(TypeError):
        result.details["label_to_equilibrium"][0] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        result.details["pivots"][2] = 0  # type: ignore[index]


def test_solve_dispatch():
    game = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    result = solve(game, "lemke_howson", initial_label=3)
    assert result[0].profile == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))


def test_degenerate_example_terminates_at_extreme_equilibria():
    # Row player indifferent against column L: a continuum of equilibria; ties in the ratio test.
    game = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 0], [1, 0]])
    result = lemke_howson(game)
    check_result(game, result)
    assert profiles(result) <= profiles(vertex_enumeration(game))


def test_all_zero_game():
    game = NormalFormGame.from_bimatrix([[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]])
    result = lemke_howson(game)
    check_result(game, result)
    assert result.degenerate is True
    assert profiles(result) <= profiles(vertex_enumeration(game))


def test_one_action_games():
    game = NormalFormGame.from_bimatrix([[1, 5, 2]], [[0, 3, 3]])
    result = lemke_howson(game)
    check_result(game, result)
    assert profiles(result) <= profiles(vertex_enumeration(game))
    single = NormalFormGame.from_bimatrix([[7]], [[-2]])
    assert lemke_howson(single)[0].profile == ((F(1),), (F(1),))


# --- errors -----------------------------------------------------------------


def test_three_players_rejected():
    game = NormalFormGame.from_arrays(np.zeros((2, 2, 2), dtype=int), np.zeros((2, 2, 2), dtype=int), np.zeros((2, 2, 2), dtype=int))
    with pytest.raises(UnsupportedGameError, match=r"lemke_howson\(\): game must have 2 players; got 3"):
        lemke_howson(game)


@pytest.mark.parametrize("label", [-1, 5, 100])
def test_label_out_of_range(label):
    game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    with pytest.raises(InvalidGameError, match=r"initial_label must be in 0\.\.4 .*got " + str(label)):
        lemke_howson(game, initial_label=label)


@pytest.mark.parametrize("label", [1.0, "0", True])
def test_label_wrong_type(label):
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidGameError, match=r"lemke_howson\(\): initial_label must be an int in 0\.\.3 or None"):
        lemke_howson(game, initial_label=label)


@pytest.mark.parametrize("bound", [0, -3, 2.5, None])
def test_bad_max_pivots(bound):
    game = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidGameError, match=r"max_pivots must be a positive int"):
        lemke_howson(game, max_pivots=bound)


def test_max_pivots_exceeded():
    game = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    with pytest.raises(SolverError, match=r"path from initial_label=1 did not end within max_pivots=2 pivots"):
        lemke_howson(game, initial_label=1, max_pivots=2)
    assert len(lemke_howson(game, initial_label=1, max_pivots=4)) == 1  # the path takes exactly 4 pivots


def test_symbolic_game_rejected():
    import sympy

    a = sympy.Symbol("a", positive=True)
    game = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[1, 0], [0, a]])
    with pytest.raises(UnsupportedGameError, match=r"lemke_howson\(\): game payoffs must be exact or float; got symbolic"):
        lemke_howson(game)


# --- properties ---------------------------------------------------------------


@given(bimatrix_games(max_actions=4))
def test_exact_zero_regret_and_extreme(game):
    result = lemke_howson(game)
    check_result(game, result)
    assert profiles(result) <= profiles(vertex_enumeration(game))


@given(degenerate_bimatrix_games(max_actions=5))
def test_degenerate_games_never_cycle(game):
    result = lemke_howson(game)
    check_result(game, result)
    assert profiles(result) <= profiles(vertex_enumeration(game))


@given(st.one_of(degenerate_bimatrix_games(max_actions=5), bimatrix_games(max_actions=5)), st.data())
def test_float_first_path_equals_integer_path(game, data):
    """The fast route (float path, exact end basis) ends where pure integer pivoting ends, ties or not."""
    m, n = game.shape
    label = data.draw(st.integers(0, m + n - 1))
    integers = lh_module._integer_matrices(game.integer_payoffs()[0])
    quick = lh_module._exact_by_floats(game, *integers, lh_module._scaled_floats(integers), label, 10_000)
    profile, pivots, tied = lh_module._exact_path(*integers, label, 10_000)
    assert quick is not None
    assert quick[0].profile == profile and quick[1] == pivots and quick[2] == tied


@given(generic_bimatrix_games(max_actions=5))
def test_nondegenerate_index_bound(game):
    """In a nondegenerate game the number of equilibria is odd and (N + 1) / 2 of them have index +1;
    only those are reached from the artificial equilibrium (Shapley 1974)."""
    every = vertex_enumeration(game)
    result = lemke_howson(game)
    check_result(game, result)
    assert profiles(result) <= profiles(every)
    if every.degenerate is False:
        assert len(every) % 2 == 1
        assert len(result) <= (len(every) + 1) // 2
        assert result.degenerate is None  # no tie can occur in a nondegenerate game


@given(generic_bimatrix_games(max_actions=4), st.data())
def test_relabelling_actions(game, data):
    """On nondegenerate games the path depends only on the polytopes and labels: permuting actions permutes the result."""
    if vertex_enumeration(game).degenerate:
        return
    m, n = game.shape
    rows = data.draw(st.permutations(range(m)))
    cols = data.draw(st.permutations(range(n)))
    A, B = (np.asarray(a)[np.ix_(rows, cols)].tolist() for a in game.payoffs)
    permuted = NormalFormGame.from_bimatrix(A, B)
    label = data.draw(st.integers(0, m + n - 1))
    new_label = rows.index(label) if label < m else m + cols.index(label - m)
    x, y = lemke_howson(game, initial_label=label)[0].profile
    px, py = lemke_howson(permuted, initial_label=new_label)[0].profile
    assert px == tuple(x[i] for i in rows) and py == tuple(y[j] for j in cols)


@given(generic_bimatrix_games(max_actions=4), st.integers(1, 50), st.integers(-100, 100))
def test_positive_affine_transform(game, scale, shift):
    if vertex_enumeration(game).degenerate:
        return
    A, B = (np.asarray(a) for a in game.payoffs)
    transformed = NormalFormGame.from_bimatrix((A * scale + shift).tolist(), B.tolist())
    ours, theirs = lemke_howson(game), lemke_howson(transformed)
    assert [eq.profile for eq in ours] == [eq.profile for eq in theirs]
    assert dict(ours.details["label_to_equilibrium"]) == dict(theirs.details["label_to_equilibrium"])


class _NashpyTimeout(Exception):
    pass


def _nashpy_lemke_howson(A: np.ndarray, B: np.ndarray, label: int, seconds: int = 2):
    """nashpy's answer, or None when it raises or runs too long (its unbounded tableau entries overflow to NaN and it can loop forever)."""
    import signal

    import nashpy

    def timeout(signum, frame):
        raise _NashpyTimeout

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return nashpy.Game(A, B).lemke_howson(initial_dropped_label=label)
    except Exception:  # nashpy failing is not what this test is about
        return None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def moderate_generic_games(draw, max_actions: int = 4) -> NormalFormGame:
    """Random games with entries in -50..50: usually nondegenerate, and small enough for nashpy's float tableaux."""
    m, n = draw(st.integers(2, max_actions)), draw(st.integers(2, max_actions))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return NormalFormGame.from_bimatrix(rng.integers(-50, 51, (m, n)).tolist(), rng.integers(-50, 51, (m, n)).tolist())


@given(st.one_of(moderate_generic_games(), generic_bimatrix_games(max_actions=4)))
def test_agrees_with_nashpy_on_generic_games(game):
    """Label by label, the same end as nashpy's Lemke–Howson whenever nashpy's float answer is an equilibrium."""
    if vertex_enumeration(game).degenerate:
        return
    m, n = game.shape
    A, B = game.float_payoffs()
    ours = lemke_howson(game)
    for label in range(m + n):
        answer = _nashpy_lemke_howson(A, B, label)
        if answer is None:
            continue
        x, y = (np.asarray(s, dtype=float) for s in answer)
        if x.shape != (m,) or y.shape != (n,) or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
            continue
        if (
            abs(x.sum() - 1) > 1e-6
            or abs(y.sum() - 1) > 1e-6
            or certify(game.as_float(), (x, y))[0] > 1e-6 * float(np.abs(A).max() + np.abs(B).max())
        ):
            continue
        mine = ours[ours.details["label_to_equilibrium"][label]].profile
        assert np.allclose(np.asarray(mine[0], dtype=float), x, atol=1e-6)
        assert np.allclose(np.asarray(mine[1], dtype=float), y, atol=1e-6)


@given(bimatrix_games(max_actions=4))
def test_float_games_match_exact(game):
    floats = lemke_howson(game.as_float())
    assert floats.exact is False
    for eq in floats:
        assert all(isinstance(p, float) for s in eq.profile for p in s)
        assert eq.max_regret <= 1e-9 * max(1.0, *(float(np.abs(np.asarray(a, dtype=float)).max()) for a in game.payoffs))
    if vertex_enumeration(game).degenerate is False:
        exact = lemke_howson(game)
        assert len(floats) == len(exact)
        for a, b in zip(floats, exact):
            assert np.allclose(np.concatenate(a.profile), np.asarray(np.concatenate(b.profile), dtype=float), atol=1e-9)
        assert dict(floats.details["label_to_equilibrium"]) == dict(exact.details["label_to_equilibrium"])


@pytest.mark.skipif(lrsnash_path() is None, reason="lrsnash is not installed")
@given(bimatrix_games(max_actions=4))
def test_ends_are_lrsnash_extreme_equilibria(game):
    graph = lrsnash_graph(game)
    extreme = {(x, y) for x, ys in graph.items() for y in ys}
    assert profiles(lemke_howson(game)) <= extreme


# --- size -----------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "values"), [(0, 1000), (1, 1000), (2, 3)])
def test_large_random_game_is_exact_and_follows_the_integer_path(seed, values):
    rng = np.random.default_rng(seed)
    n = 40
    game = NormalFormGame.from_bimatrix(rng.integers(0, values, (n, n)).tolist(), rng.integers(0, values, (n, n)).tolist())
    result = lemke_howson(game, initial_label=seed)
    assert result[0].max_regret == 0 and result.exact
    profile, pivots, _ = lh_module._exact_path(*lh_module._integer_matrices(game.integer_payoffs()[0]), seed, 100_000)
    assert result[0].profile == profile and result.details["pivots"][seed] == pivots


def test_huge_integer_payoffs():
    # payoffs beyond float precision: floats cannot tell the entries apart, so every doubtful pivot is decided exactly
    big = 10**30
    A = [[big, big + 1, 0], [big + 2, 0, big], [0, big, big + 3]]
    B = [[big + 1, 0, big], [0, big, big + 2], [big, big + 3, 0]]
    game = NormalFormGame.from_bimatrix(A, B)
    result = lemke_howson(game)
    check_result(game, result)
    assert profiles(result) <= profiles(vertex_enumeration(game))
    integers = lh_module._integer_matrices(game.integer_payoffs()[0])
    for label in range(6):
        quick = lh_module._exact_by_floats(game, *integers, lh_module._scaled_floats(integers), label, 1000)
        expected = result[result.details["label_to_equilibrium"][label]].profile
        assert quick is None or quick[0].profile == expected


def test_exact_binary_values_of_floats():
    (M,) = lh_module._exact_binary([np.array([[0.5, 0.25], [1.0, -3.0]])])
    assert M.tolist() == [[2, 1], [4, -12]]
