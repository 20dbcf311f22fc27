"""Mixed strategy profiles: validation, expected payoffs and the regret certificate."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ._numbers import convert, describe
from .errors import InvalidGameError
from .games.normal_form import NormalFormGame

__all__ = ["MixedProfile", "certify", "expected_payoffs", "max_regret", "mixed_profile"]

MixedProfile = tuple[tuple[Any, ...], ...]


def mixed_profile(game: NormalFormGame, profile: Sequence[Sequence[Any]], *, where: str = "mixed_profile()") -> MixedProfile:
    """Validate a mixed profile (one probability vector per player) and convert it to the game's kind.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from fractions import Fraction as F
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> mixed_profile(g, [[F(1, 2), F(1, 2)], [1, 0]])
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 1), Fraction(0, 1)))
    """
    if isinstance(profile, str) or not isinstance(profile, Sequence) or len(profile) != game.n_players:
        raise InvalidGameError(f"{where}: profile must have one probability vector per player ({game.n_players}); got {describe(profile)}")
    result = []
    for p, strategy in enumerate(profile):
        size = game.shape[p]
        if isinstance(strategy, np.ndarray):
            strategy = list(strategy)
        if not isinstance(strategy, Sequence) or len(strategy) != size:
            raise InvalidGameError(f"{where}: strategy of {game.players[p]!r} must have {size} probabilities; got {describe(strategy)}")
        probs = tuple(convert(v, game.kind, f"{where}: probability {i} of {game.players[p]!r}") for i, v in enumerate(strategy))
        if game.kind == "exact":
            probs = tuple(Fraction(v) for v in probs)
        if game.kind != "symbolic":
            if any(v < 0 for v in probs):
                raise InvalidGameError(f"{where}: probabilities of {game.players[p]!r} must be non-negative; got {list(map(str, probs))}")
            total = sum(probs)
            if (game.kind == "exact" and total != 1) or (game.kind == "float" and abs(total - 1) > 1e-9):
                raise InvalidGameError(f"{where}: probabilities of {game.players[p]!r} must sum to 1; they sum to {total}")
        result.append(probs)
    return tuple(result)


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
    The profile is not validated; :func:`max_regret` is the checked entry point.

    Examples
    --------
    >>> from gametheory import catalog
    >>> from fractions import Fraction as F
    >>> certify(catalog.chicken(), [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]])
    (Fraction(0, 1), (Fraction(5, 2), Fraction(5, 2)))
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


def _symbolic_certificate(game: NormalFormGame, profile: MixedProfile) -> tuple[Any, tuple[Any, ...]]:
    """Max regret and payoffs of a symbolic game, simplified with sympy."""
    vectors = [np.array(s, dtype=object) for s in profile]
    payoffs, gaps = [], []
    for p in range(game.n_players):
        values = _contract(game.payoffs[p], vectors, p)
        current = sympy.simplify(sum(v * prob for v, prob in zip(values, profile[p], strict=True)))
        payoffs.append(current)
        gaps += [sympy.simplify(v - current) for v in values]
    return sympy.simplify(sympy.Max(0, *gaps)), tuple(payoffs)


def expected_payoffs(game: NormalFormGame, profile: Sequence[Sequence[Any]]) -> tuple[Any, ...]:
    """Each player's expected payoff under a mixed ``profile``.

    Examples
    --------
    >>> from gametheory import catalog
    >>> from fractions import Fraction as F
    >>> expected_payoffs(catalog.chicken(), [[F(1, 2), F(1, 2)], [1, 0]])
    (Fraction(7, 2), Fraction(5, 2))
    """
    checked = mixed_profile(game, profile, where="expected_payoffs()")
    if game.kind == "symbolic":
        return _symbolic_certificate(game, checked)[1]
    return certify(game, checked)[1]


def max_regret(game: NormalFormGame, profile: Sequence[Sequence[Any]]) -> Any:
    """The equilibrium certificate: the largest gain any player gets from a pure deviation.

    It is exactly ``0`` for a Nash equilibrium of an exact game.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from fractions import Fraction as F
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> max_regret(g, [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]])
    Fraction(0, 1)
    >>> max_regret(g, [[1, 0], [1, 0]])
    Fraction(2, 1)
    """
    checked = mixed_profile(game, profile, where="max_regret()")
    if game.kind == "symbolic":
        return _symbolic_certificate(game, checked)[0]
    return certify(game, checked)[0]
