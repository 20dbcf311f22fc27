"""Mixed strategy profiles: validation, expected payoffs and the regret certificate."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ._numbers import convert, describe
from .errors import InvalidGameError
from .games.normal_form import NormalFormGame

__all__ = ["MixedProfile", "action_payoffs", "expected_payoffs", "max_regret", "mixed_profile", "regrets"]

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


def _contract(array: np.ndarray, profile: MixedProfile, keep: int | None) -> Any:
    """Contract a payoff array with every player's strategy except ``keep``."""
    result = array
    # contract from the last axis so that earlier axis numbers stay valid
    for q in reversed(range(len(profile))):
        if q == keep:
            continue
        vector = np.array(profile[q], dtype=array.dtype)
        result = np.tensordot(result, vector, axes=([q], [0]))
    return result


def action_payoffs(game: NormalFormGame, profile: MixedProfile) -> tuple[np.ndarray, ...]:
    """For each player, the payoff of each of their actions against the others' strategies."""
    return tuple(np.asarray(_contract(game.payoffs[p], profile, p)) for p in range(game.n_players))


def expected_payoffs(game: NormalFormGame, profile: MixedProfile) -> tuple[Any, ...]:
    """Each player's expected payoff under ``profile``."""
    values = action_payoffs(game, profile)
    return tuple(_simplify(game, sum(v * prob for v, prob in zip(values[p], profile[p], strict=True))) for p in range(game.n_players))


def _simplify(game: NormalFormGame, value: Any) -> Any:
    if game.kind == "symbolic":
        return sympy.nsimplify(sympy.simplify(value)) if not getattr(value, "free_symbols", None) else sympy.simplify(value)
    if game.kind == "exact":
        return Fraction(value)
    return float(value)


def regrets(game: NormalFormGame, profile: MixedProfile) -> tuple[Any, ...]:
    """Each player's regret: best pure deviation payoff minus the profile's payoff (never negative)."""
    values = action_payoffs(game, profile)
    out = []
    for p in range(game.n_players):
        current = sum(v * prob for v, prob in zip(values[p], profile[p], strict=True))
        if game.kind == "symbolic":
            gaps = [sympy.simplify(v - current) for v in values[p]]
            out.append(sympy.Max(0, *gaps))
        else:
            out.append(_simplify(game, max(v - current for v in values[p])))
    return tuple(out)


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
    values = regrets(game, checked)
    if game.kind == "symbolic":
        return sympy.simplify(sympy.Max(*values))
    return max(values)
