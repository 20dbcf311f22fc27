"""Helpers shared by the solvers: certified equilibria."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import SolverError
from ..games.normal_form import NormalFormGame
from ..profiles import certify
from ..results import Equilibrium

FLOAT_TOL = 1e-9


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
