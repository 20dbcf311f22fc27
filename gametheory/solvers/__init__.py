"""Solvers, each a plain function registered by name, and :func:`solve` which dispatches."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from ..errors import InvalidGameError, UnsupportedGameError
from ..results import SolveResult
from ..symbolic import continuous as _continuous
from ..symbolic import regimes as _parametric
from . import dominance, enumeration, lemke_howson, pbe, pure, sequence_form, spe, support_enumeration, tree_nash, zero_sum
from ._registry import REGISTRY, SolverSpec

__all__ = ["REGISTRY", "SolverSpec", "solve", "solvers"]

_MODULES = (
    dominance,
    enumeration,
    lemke_howson,
    pbe,
    pure,
    sequence_form,
    spe,
    support_enumeration,
    tree_nash,
    zero_sum,
    _parametric,
    _continuous,
)  # importing them registers the solvers


def solvers() -> dict[str, str]:
    """The registered solver names with a one-line summary of each.

    Examples
    --------
    >>> "enumerate" in solvers()
    True
    """
    return {name: spec.summary for name, spec in sorted(REGISTRY.items())}


def _auto(game: Any) -> str:
    from ..games.extensive_form import ExtensiveFormGame
    from ..games.normal_form import NormalFormGame

    if isinstance(game, NormalFormGame | ExtensiveFormGame) and game.kind == "symbolic":
        return "parametric"
    if isinstance(game, NormalFormGame):
        return "enumerate" if game.n_players == 2 else "support_enumeration"
    if isinstance(game, ExtensiveFormGame):
        return "spe"
    if isinstance(game, _continuous.ContinuousGame):
        return "continuous_spe"
    if isinstance(game, _continuous.StationaryGame):
        return "stationary_spe"
    raise UnsupportedGameError(f"solve(): game must be a game of this library; got {type(game).__name__}")


def solve(game: Any, method: str = "auto", **options: Any) -> SolveResult:
    """Solve ``game`` with the registered solver ``method``.

    ``method="auto"`` picks ``parametric`` for symbolic games, ``enumerate`` for two players and
    ``support_enumeration`` for more, ``spe`` for game trees, ``continuous_spe`` for trees with
    continuous choices and ``stationary_spe`` for stationary games. Options go to the solver; an unknown
    method or option raises an error that lists the valid ones.

    Examples
    --------
    >>> from gametheory import NormalFormGame, solve
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> result = solve(pd)
    >>> result.method, len(result), result[0].profile
    ('enumerate', 1, ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))))
    """
    if not isinstance(method, str):
        raise InvalidGameError(f"solve(): method must be a string; got {type(method).__name__}")
    name = _auto(game) if method == "auto" else method
    if name not in REGISTRY:
        raise InvalidGameError(f"solve(): unknown method {method!r}; valid methods are {['auto', *sorted(REGISTRY)]}")
    spec = REGISTRY[name]
    unknown = sorted(set(options) - set(spec.options))
    if unknown:
        valid = list(spec.options) or "none"
        raise InvalidGameError(
            f"solve(): unknown option{'s' if len(unknown) > 1 else ''} {unknown} for method {name!r}; valid options are {valid}"
        )
    result: SolveResult = spec.function(game, **options)
    if options and not result.options:
        from dataclasses import replace

        result = replace(result, options=MappingProxyType(dict(options)))
    return result
