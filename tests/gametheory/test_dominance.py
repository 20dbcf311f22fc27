"""dominance: iterated elimination of strictly dominated strategies, decided exactly."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory import InvalidGameError, NormalFormGame, UnsupportedGameError, solve
from gametheory._lp import solve_lp
from gametheory.solvers._common import equilibrium
from gametheory.solvers.dominance import dominance, dominated_by
from gametheory.solvers.enumeration import vertex_enumeration
from tests.strategies import bimatrix_games, nplayer_games, payoff_array, small_ints, tie_ints

F = Fraction


def _eliminated(result):
    return [(e["player"], e["action"], e["dominated_by"], e["round"]) for e in result.details["eliminated"]]


def _kept_indices(game, reduced):
    return [[game.actions[p].index(a) for a in reduced.actions[p]] for p in range(game.n_players)]


def _extend(profile, kept, shape):
    out = []
    for strategy, k, size in zip(profile, kept, shape):
        full = [Fraction(0)] * size
        for i, v in zip(k, strategy):
            full[i] = v
        out.append(tuple(full))
    return tuple(out)


# --- examples ---------------------------------------------------------------


def test_prisoners_dilemma():
    pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=[("C", "D"), ("C", "D")])
    result = dominance(pd)
    assert _eliminated(result) == [("Player 1", "C", "D", 1), ("Player 2", "C", "D", 1)]
    assert result.details["reduced_game"].actions == (("D",), ("D",))
    (eq,) = result.equilibria
    assert eq.profile == ((0, 1), (0, 1)) and eq.max_regret == 0 and eq.payoffs == (1, 1)
    assert result.complete and result.exact and result.method == "dominance"


def test_dominated_only_by_a_mixed_strategy():
    # Fudenberg & Tirole, "Game Theory" (1991), Section 1.1.2 (iterated strict dominance): M is dominated by neither U nor D,
    # but by the mixed strategy 1/2 U + 1/2 D (payoff 1/2 > 0 against both columns).
    game = NormalFormGame.from_bimatrix([[2, -1], [0, 0], [-1, 2]], [[0, 0], [0, 0], [0, 0]], actions=[("U", "M", "D"), ("L", "R")])
    result = dominance(game)
    assert _eliminated(result) == [("Player 1", "M", "1/2 U + 1/2 D", 1)]
    assert result.details["reduced_game"].actions == (("U", "D"), ("L", "R"))
    assert result.equilibria == () and not result.complete
    pure_only = dominance(game, mixed=False)
    assert _eliminated(pure_only) == []
    assert pure_only.details["reduced_game"] == game


def test_iterated_elimination_over_rounds():
    # Gibbons, "Game Theory for Applied Economists" (1992), Section 1.1.B: Right is dominated by Middle;
    # then Down by Up; then Left by Middle, leaving (Up, Middle).
    game = NormalFormGame.from_bimatrix(
        [[1, 1, 0], [0, 0, 2]],
        [[0, 2, 1], [3, 1, 0]],
        players=("1", "2"),
        actions=[("Up", "Down"), ("Left", "Middle", "Right")],
    )
    result = dominance(game)
    assert _eliminated(result) == [("2", "Right", "Middle", 1), ("1", "Down", "Up", 2), ("2", "Left", "Middle", 2)]
    assert result[0].profile == ((1, 0), (0, 1, 0))
    assert result.details["reduced_game"].actions == (("Up",), ("Middle",))


def test_three_players():
    # Player 3's A strictly dominates B; only then does U dominate D for player 1 and L dominate R for player 2.
    u1 = [[[1, 0], [1, 0]], [[0, 5], [0, 5]]]  # u1[row][col][matrix]
    u2 = [[[1, 0], [0, 0]], [[0, 0], [1, 0]]]
    u3 = [[[1, 0], [1, 0]], [[1, 0], [1, 0]]]
    game = NormalFormGame.from_arrays(u1, u2, u3, players=("P1", "P2", "P3"), actions=[("U", "D"), ("L", "R"), ("A", "B")])
    result = dominance(game)
    assert _eliminated(result) == [("P3", "B", "A", 1), ("P1", "D", "U", 2), ("P2", "R", "L", 2)]
    (eq,) = result.equilibria
    assert eq.profile == ((1, 0), (1, 0), (1, 0))
    assert eq.payoffs == (1, 1, 1)


def test_three_players_mixed_dominance():
    # Player 3's C loses to A against (U, L) and to B elsewhere, but 1/2 A + 1/2 B beats it everywhere.
    shape = (2, 2, 3)
    u3 = np.zeros(shape, dtype=object)
    u3[..., 0] = [[4, 0], [0, 0]]
    u3[..., 1] = [[0, 4], [4, 4]]
    u3[..., 2] = [[1, 1], [1, 1]]
    zeros = np.zeros(shape, dtype=object).tolist()
    game = NormalFormGame.from_arrays(zeros, zeros, u3.tolist(), actions=[("U", "D"), ("L", "R"), ("A", "B", "C")])
    result = dominance(game)
    assert _eliminated(result) == [("Player 3", "C", "1/2 A + 1/2 B", 1)]


def test_float_game():
    pd = NormalFormGame.from_bimatrix([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]], kind="float")
    result = dominance(pd)
    assert not result.exact
    assert result[0].profile == ((0.0, 1.0), (0.0, 1.0))
    game = NormalFormGame.from_bimatrix([[2.0, -1.0], [0.0, 0.0], [-1.0, 2.0]], [[0.0, 0.0]] * 3, kind="float")
    assert [e["action"] for e in dominance(game).details["eliminated"]] == ["2"]
    # a margin below the float tolerance does not count
    tiny = NormalFormGame.from_bimatrix([[1.0, 1.0], [1.0 + 1e-14, 1.0 + 1e-14]], [[0.0, 0.0]] * 2, kind="float")
    assert dominance(tiny).details["eliminated"] == ()


def test_dispatch_serialisation_and_records():
    pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=[("C", "D"), ("C", "D")])
    result = solve(pd, "dominance", mixed=False)
    assert result.options["mixed"] is False
    data = json.loads(result.to_json())
    assert data["eliminated"][0] == {"player": "Player 1", "action": "C", "dominated_by": "D", "round": 1}
    assert "eliminated Player 1: C (dominated by D)" in result.table()
    record = result.details["eliminated"][0]
    with pytest.raises(TypeError):
        record["round"] = 2  # type: ignore[index]


def test_errors():
    import sympy

    a = sympy.Symbol("a", positive=True)
    with pytest.raises(UnsupportedGameError, match=r"dominance\(\): game payoffs must be exact or float; got symbolic"):
        dominance(NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[0, 0], [0, 0]]))
    with pytest.raises(UnsupportedGameError, match=r"dominance\(\): game must be a NormalFormGame; got dict"):
        dominance({})  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match=r"dominance\(\): mixed must be True or False; got 'yes'"):
        dominance(NormalFormGame.from_bimatrix([[1]], [[1]]), mixed="yes")  # type: ignore[arg-type]
    with pytest.raises(
        InvalidGameError, match=r"dominated_by\(\): expected a matrix and one of its row indices; got shape \(2, 2\) and row 5"
    ):
        dominated_by(np.array([[1, 2], [3, 4]], dtype=object), 5)


def test_twenty_by_twenty_is_fast_enough():
    rng = np.random.default_rng(3)
    A = rng.integers(0, 1000, (20, 20))
    A[10:] = (A[:10] + A[np.r_[1:10, 0]]) // 2 - 1  # rows 10..19 dominated by 50/50 mixes of two others
    game = NormalFormGame.from_bimatrix(A.tolist(), rng.integers(0, 9, (20, 20)).tolist())
    result = dominance(game)
    assert result.details["reduced_game"].shape[0] <= 10


# --- properties -------------------------------------------------------------


@given(bimatrix_games(max_actions=4))
def test_no_equilibrium_uses_an_eliminated_action(game):
    result = dominance(game)
    kept = _kept_indices(game, result.details["reduced_game"])
    for eq in vertex_enumeration(game):
        for p in range(2):
            assert set(eq.support(p)) <= set(kept[p])


@given(bimatrix_games(max_actions=4))
def test_reduced_game_has_exactly_the_same_equilibria(game):
    result = dominance(game)
    reduced = result.details["reduced_game"]
    kept = _kept_indices(game, reduced)
    original = {eq.profile for eq in vertex_enumeration(game)}
    extended = {_extend(eq.profile, kept, game.shape) for eq in vertex_enumeration(reduced)}
    assert extended == original
    if result.equilibria:
        assert {eq.profile for eq in result.equilibria} == original


@given(nplayer_games(min_players=2, max_players=3, max_actions=3))
def test_every_pure_equilibrium_survives(game):
    result = dominance(game)
    kept = _kept_indices(game, result.details["reduced_game"])
    for profile in itertools.product(*map(range, game.shape)):
        pure = tuple(tuple(int(a == i) for a in range(size)) for i, size in zip(profile, game.shape))
        if equilibrium(game, pure, method="test") is not None:
            assert all(i in k for i, k in zip(profile, kept))
    for eq in result.equilibria:
        assert eq.max_regret == 0


@given(bimatrix_games(max_actions=4))
def test_pure_only_eliminates_a_subset(game):
    mixed = dominance(game).details["reduced_game"]
    pure = dominance(game, mixed=False).details["reduced_game"]
    for p in range(2):
        assert set(mixed.actions[p]) <= set(pure.actions[p])


@given(bimatrix_games(min_actions=2, max_actions=4), st.randoms(use_true_random=False))
def test_order_of_actions_does_not_matter(game, random):
    orders = [random.sample(range(size), size) for size in game.shape]
    permuted = game.restrict(orders)
    survivors = dominance(game).details["reduced_game"].actions
    survivors_permuted = dominance(permuted).details["reduced_game"].actions
    assert [set(a) for a in survivors] == [set(a) for a in survivors_permuted]


@st.composite
def payoff_matrices(draw):
    m = draw(st.integers(2, 5))
    n = draw(st.integers(1, 5))
    values = draw(st.sampled_from([small_ints, tie_ints]))
    return np.array(draw(payoff_array((m, n), values)), dtype=object), draw(st.integers(0, m - 1))


@given(payoff_matrices())
def test_dominance_decision_is_exact(case):
    rows, s = case
    mix = dominated_by(rows, s)
    if mix is not None:
        # the certificate: a distribution that does strictly better against every column, in exact arithmetic
        assert s not in mix and sum(mix.values()) == 1 and all(w > 0 for w in mix.values())
        assert all(sum(w * rows[t, o] for t, w in mix.items()) > rows[s, o] for o in range(rows.shape[1]))
    else:
        # an independent exact simplex agrees that no mixed strategy does strictly better everywhere
        others = [t for t in range(rows.shape[0]) if t != s]
        k = len(others)
        # maximize eps = e - 100 s.t. sum_t sigma_t rows[t, o] >= rows[s, o] + e - 100
        A_ub = [[-rows[t, o] for t in others] + [1] for o in range(rows.shape[1])]
        b_ub = [100 - rows[s, o] for o in range(rows.shape[1])]
        solution = solve_lp([0] * k + [1], A_ub, b_ub, [[1] * k + [0]], [1], method="simplex")
        assert solution.objective - 100 <= 0


def test_exact_at_scales_floats_cannot_resolve():
    # payoffs near 10**20 differ by less than a float's resolution there: the decisions must still be exact
    big = 10**20
    labels = [("U", "M", "D"), ("L", "R")]
    zeros = [[0, 0]] * 3
    mixed = NormalFormGame.from_bimatrix([[big + 2, big - 1], [big, big], [big - 1, big + 2]], zeros, actions=labels)
    assert _eliminated(dominance(mixed)) == [("Player 1", "M", "1/2 U + 1/2 D", 1)]
    tie = NormalFormGame.from_bimatrix([[big + 2, big - 1], [big + 1, big + 1], [big - 1, big + 2]], zeros, actions=labels)
    assert _eliminated(dominance(tie)) == []  # 1/2 U + 1/2 D only ties with M
    pure = NormalFormGame.from_bimatrix([[big, big], [big + 1, big + 1]], [[0, 0], [0, 0]])
    assert _eliminated(dominance(pure)) == [("Player 1", "1", "2", 1)]
