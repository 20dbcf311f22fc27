"""Every pure-strategy Nash equilibrium of an n-player game, vectorized over the payoff tensors."""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from ..games.normal_form import NormalFormGame
from ..results import Equilibrium, SolveResult
from ._registry import register, require

__all__ = ["pure_equilibria"]

_INT64_SAFE = 2**62


def _comparable_arrays(game: NormalFormGame) -> list[np.ndarray]:
    """Per-player arrays whose order equals the payoff order: int64 when the exact values fit, else exact objects."""
    if game.kind == "float":
        return [np.asarray(a, dtype=float) for a in game.payoffs]
    arrays, _ = game.integer_payoffs()
    out = []
    for array in arrays:
        fits = all(-_INT64_SAFE < v < _INT64_SAFE for v in (array.min(), array.max()))
        out.append(array.astype(np.int64) if fits else array)
    return out


@register("pure", players=None, kinds=("exact", "float"), summary="every pure-strategy Nash equilibrium of an n-player game")
def pure_equilibria(game: NormalFormGame) -> SolveResult:
    """Every pure-strategy Nash equilibrium.

    A profile is an equilibrium when each player's payoff equals the maximum
    over their own actions (the maximum along that player's axis of the payoff
    tensor), so the whole check is one vectorized pass per player. Exact
    payoffs are compared as scaled integers (int64 when they fit).

    ``details["weak"]`` lists the indices of equilibria at which some player
    has another best response (ties), where a small payoff change can remove
    the equilibrium.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> chicken = NormalFormGame.from_bimatrix([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
    ...                                        actions=[("Swerve", "Straight")] * 2)
    >>> r = pure_equilibria(chicken)
    >>> [r.strategy(i, 0) for i in range(len(r))]  # doctest: +NORMALIZE_WHITESPACE
    [{'Swerve': Fraction(1, 1), 'Straight': Fraction(0, 1)},
     {'Swerve': Fraction(0, 1), 'Straight': Fraction(1, 1)}]
    """
    require(game, "pure", kinds=("exact", "float"))
    arrays = _comparable_arrays(game)
    stable = np.ones(game.shape, dtype=bool)
    ties = np.zeros(game.shape, dtype=bool)
    for p, array in enumerate(arrays):
        best = array.max(axis=p, keepdims=True)
        is_best = array == best
        stable &= is_best
        ties |= is_best.sum(axis=p, keepdims=True) > 1
    one, zero = (Fraction(1), Fraction(0)) if game.kind == "exact" else (1.0, 0.0)
    equilibria: list[Equilibrium] = []
    weak: list[int] = []
    for index in np.argwhere(stable):
        profile = tuple(tuple(one if a == i else zero for a in range(size)) for i, size in zip(index, game.shape, strict=True))
        payoffs: tuple[Any, ...] = tuple(game.payoffs[p][tuple(index)] for p in range(game.n_players))
        if game.kind == "float":
            payoffs = tuple(float(v) for v in payoffs)
        if ties[tuple(index)]:
            weak.append(len(equilibria))
        equilibria.append(Equilibrium(profile=profile, payoffs=payoffs, max_regret=zero, concept="nash"))
    return SolveResult(
        game,
        "pure",
        game.kind == "exact",
        tuple(equilibria),
        details=MappingProxyType({"weak": tuple(weak)}),
        complete=True,
    )
