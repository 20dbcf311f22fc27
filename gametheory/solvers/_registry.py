"""The solver registry: each solver is a plain function registered under a name."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import UnsupportedGameError

__all__ = ["REGISTRY", "SolverSpec", "register", "require", "require_tree"]


@dataclass(frozen=True, slots=True)
class SolverSpec:
    """A registered solver: its function, what games it accepts and what it finds."""

    name: str
    function: Callable[..., Any]
    players: int | None
    kinds: tuple[str, ...]
    summary: str

    @property
    def options(self) -> tuple[str, ...]:
        params = inspect.signature(self.function).parameters.values()
        return tuple(p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY)


REGISTRY: dict[str, SolverSpec] = {}


def register(name: str, *, players: int | None, kinds: tuple[str, ...], summary: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``function`` as solver ``name``."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY[name] = SolverSpec(name, function, players, kinds, summary)
        return function

    return decorate


def require(
    game: Any, method: str, *, players: int | None = None, kinds: tuple[str, ...] | None = None, min_players: int | None = None
) -> None:
    """Raise UnsupportedGameError unless ``game`` fits the solver ``method``."""
    from ..games.normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"{method}(): game must be a NormalFormGame; got {type(game).__name__}")
    if players is not None and game.n_players != players:
        raise UnsupportedGameError(f"{method}(): game must have {players} players; got {game.n_players}")
    if min_players is not None and game.n_players < min_players:
        raise UnsupportedGameError(f"{method}(): game must have at least {min_players} players; got {game.n_players}")
    if kinds is not None and game.kind not in kinds:
        hint = "; substitute numbers for its parameters first, or solve it with method='parametric'" if game.kind == "symbolic" else ""
        raise UnsupportedGameError(f"{method}(): game payoffs must be {' or '.join(kinds)}; got {game.kind}{hint}")


def require_tree(
    game: Any, method: str, *, players: int | None = None, kinds: tuple[str, ...] | None = None, perfect_recall: bool = True
) -> None:
    """Raise UnsupportedGameError unless ``game`` is an ExtensiveFormGame that fits the solver ``method``."""
    from ..games.extensive_form import ExtensiveFormGame

    if not isinstance(game, ExtensiveFormGame):
        raise UnsupportedGameError(f"{method}(): game must be an ExtensiveFormGame; got {type(game).__name__}")
    if players is not None and game.n_players != players:
        raise UnsupportedGameError(f"{method}(): game must have {players} players; got {game.n_players}")
    if kinds is not None and game.kind not in kinds:
        hint = "; substitute numbers for its parameters first, or solve it with method='parametric'" if game.kind == "symbolic" else ""
        raise UnsupportedGameError(f"{method}(): game payoffs must be {' or '.join(kinds)}; got {game.kind}{hint}")
    if perfect_recall and not game.perfect_recall:
        raise UnsupportedGameError(
            f"{method}(): the game must have perfect recall; this one does not (a player forgets what they knew or did)"
        )
