"""Helpers shared by the solvers: certified equilibria."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import SolverError
from ..games.normal_form import NormalFormGame
from ..results import Equilibrium

FLOAT_TOL = 1e-9


def _contract(array: np.ndarray, vectors: Sequence[np.ndarray], keep: int) -> np.ndarray:
    """Contract ``array`` with every vector except the one of player ``keep``."""
    result = array
    for q in reversed(range(len(vectors))):
        if q != keep:
            result = np.tensordot(result, vectors[q], axes=([q], [0]))
    return np.asarray(result)


def certify(game: NormalFormGame, profile: Sequence[Sequence[Any]]) -> tuple[Any, tuple[Any, ...]]:
    """Max regret and payoffs of a profile given in the game's kind.

    Exact games are certified in integer arithmetic: each strategy is put
    over a common denominator and the integer payoff arrays are contracted
    with the numerators, so no Fraction is built until the final quotients.
    """
    if game.kind != "exact":
        vectors = [np.asarray(s, dtype=float) for s in profile]
        float_payoffs: list[float] = []
        float_worst = 0.0
        for p in range(game.n_players):
            values = _contract(np.asarray(game.payoffs[p], dtype=float), vectors, p)
            current = float(values @ vectors[p])
            float_worst = max(float_worst, float(values.max()) - current)
            float_payoffs.append(current)
        return float_worst, tuple(float_payoffs)
    arrays, scales = game.integer_payoffs()
    denominators = [math.lcm(*(Fraction(x).denominator for x in s)) for s in profile]
    numerators = [np.array([int(Fraction(x) * d) for x in s], dtype=object) for s, d in zip(profile, denominators, strict=True)]
    total = math.prod(denominators)
    payoffs: list[Fraction] = []
    worst = Fraction(0)
    for p in range(game.n_players):
        values = _contract(arrays[p], numerators, p)
        current = int(values.dot(numerators[p]))
        scale = total * scales[p]
        worst = max(worst, Fraction(int(values.max()) * denominators[p] - current, scale))
        payoffs.append(Fraction(current, scale))
    return worst, tuple(payoffs)


def equilibrium(game: NormalFormGame, profile: Sequence[Sequence[Any]], *, method: str) -> Equilibrium | None:
    """An Equilibrium for ``profile`` if its certificate passes, else None.

    Exact games need a regret of exactly zero; float games a regret within
    ``FLOAT_TOL`` times the payoff scale.
    """
    checked = tuple(tuple(s) for s in profile)
    regret, payoffs = certify(game, checked)
    if game.kind == "exact":
        if regret != 0:
            return None
    else:
        scale = max(1.0, *(float(np.max(np.abs(a))) for a in game.payoffs))
        if regret > FLOAT_TOL * scale:
            return None
    return Equilibrium(profile=checked, payoffs=payoffs, max_regret=regret, concept="nash")


def checked_equilibrium(game: NormalFormGame, profile: Sequence[Sequence[Any]], *, method: str) -> Equilibrium:
    """Like :func:`equilibrium`, but a failed certificate is a solver bug and raises."""
    result = equilibrium(game, profile, method=method)
    if result is None:
        raise SolverError(f"{method}(): internal error: a computed profile failed its equilibrium certificate: {profile}")
    return result


def sort_key(eq: Equilibrium) -> tuple[Any, ...]:
    """Deterministic order: by profile, larger probabilities on earlier actions first."""
    return tuple(-float(x) for strategy in eq.profile for x in strategy)
