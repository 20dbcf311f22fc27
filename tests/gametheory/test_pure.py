"""`pure`: every pure equilibrium, checked by brute force and against `enumerate`."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given

from gametheory import NormalFormGame, catalog, solve
from tests.strategies import bimatrix_games, nplayer_games


def brute_force_pure(game: NormalFormGame) -> set:
    found = set()
    for profile in itertools.product(*map(range, game.shape)):
        if all(
            game.payoffs[p][profile] >= max(game.payoffs[p][(*profile[:p], a, *profile[p + 1 :])] for a in range(game.shape[p]))
            for p in range(game.n_players)
        ):
            found.add(profile)
    return found


def as_indices(result) -> set:
    return {tuple(s.index(1) for s in eq.profile) for eq in result}


@given(nplayer_games(max_players=4, max_actions=3))
def test_pure_equals_brute_force(game):
    result = solve(game, "pure")
    assert as_indices(result) == brute_force_pure(game)
    assert all(eq.max_regret == 0 and eq.is_pure for eq in result)
    for i, eq in enumerate(result):
        assert eq.payoffs == game.payoff(tuple(s.index(1) for s in eq.profile))
        ties = any(
            sum(1 for a in range(game.shape[p]) if game.payoffs[p][(*idx[:p], a, *idx[p + 1 :])] == game.payoffs[p][idx]) > 1
            for idx in [tuple(s.index(1) for s in eq.profile)]
            for p in range(game.n_players)
        )
        assert (i in result.details["weak"]) == ties


@given(bimatrix_games(max_actions=4))
def test_pure_equilibria_are_the_pure_extreme_equilibria(game):
    assert {eq.profile for eq in solve(game, "pure")} == {eq.profile for eq in solve(game, "enumerate") if eq.is_pure}


def test_float_game():
    result = solve(catalog.prisoners_dilemma().as_float(), "pure")
    assert len(result) == 1 and result[0].payoffs == (1.0, 1.0) and not result.exact


def test_large_four_player_game():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_arrays(*(rng.integers(-5, 5, (20,) * 4) for _ in range(4)))
    result = solve(game, "pure")
    assert all(eq.max_regret == 0 for eq in result)
    # spot-check each found profile by hand
    for eq in result:
        idx = tuple(s.index(1) for s in eq.profile)
        for p in range(4):
            line = game.payoffs[p][(*idx[:p], slice(None), *idx[p + 1 :])]
            assert game.payoffs[p][idx] == max(line)
