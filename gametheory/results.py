"""The one result type of every solver: :class:`SolveResult` holding :class:`Equilibrium` values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ._numbers import format_number, json_number

__all__ = ["Equilibrium", "SolveResult"]


@dataclass(frozen=True, slots=True)
class Equilibrium:
    """One equilibrium: a profile, its payoffs and its certificate.

    Attributes
    ----------
    profile
        One probability vector per player (action order as in the game).
    payoffs
        Each player's expected payoff.
    max_regret
        The largest gain from a unilateral pure deviation: exactly ``0`` in
        exact arithmetic, a tiny float otherwise.
    concept
        ``"nash"`` (later also ``"spe"``, ``"pbe"``).
    conditions
        For parametric games, the conditions on the parameters under which it holds.
    """

    profile: tuple[tuple[Any, ...], ...]
    payoffs: tuple[Any, ...]
    max_regret: Any
    concept: str = "nash"
    conditions: tuple[Any, ...] = ()

    @property
    def is_pure(self) -> bool:
        """True when every player puts probability 1 on one action."""
        return all(sum(1 for p in strategy if p != 0) == 1 for strategy in self.profile)

    def support(self, player: int) -> tuple[int, ...]:
        """Indices of the actions ``player`` plays with positive probability."""
        return tuple(i for i, p in enumerate(self.profile[player]) if p != 0)


@dataclass(frozen=True, slots=True)
class SolveResult:
    """What a solver found.

    Attributes
    ----------
    game
        The game that was solved.
    method
        The registered solver name.
    exact
        True when every number is exact (int/Fraction/sympy).
    equilibria
        The equilibria found (for ``enumerate``: every extreme equilibrium).
    options
        The options the solver ran with.
    degenerate
        Whether the game is degenerate (``None`` when the solver cannot tell).
    components
        Groups of equilibrium indices that are connected (share a strategy of a
        player, for 2-player games); a partition of the equilibria.
    cliques
        The maximal convex sets of equilibria (Nash subsets): each is a list
        of extreme-equilibrium indices whose convex hull is all equilibria.
    details
        Solver-specific findings (e.g. ``"reduced_game"`` and ``"eliminated"``
        for ``dominance``, ``"value"`` for ``zero_sum``).
    complete
        True when the method guarantees that every equilibrium of its kind was found.
    """

    game: Any
    method: str
    exact: bool
    equilibria: tuple[Equilibrium, ...]
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    degenerate: bool | None = None
    components: tuple[tuple[int, ...], ...] = ()
    cliques: tuple[tuple[int, ...], ...] = ()
    details: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    complete: bool = False

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> Equilibrium:
        return self.equilibria[index]

    def strategy(self, index: int, player: int) -> dict[str, Any]:
        """Equilibrium ``index``'s strategy of ``player`` as ``{action label: probability}``."""
        return dict(zip(self.game.actions[player], self.equilibria[index].profile[player], strict=True))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; exact numbers are strings such as ``"3/5"``."""
        game = self.game
        equilibria = []
        for eq in self.equilibria:
            equilibria.append(
                {
                    "concept": eq.concept,
                    "profile": {
                        player: {action: json_number(prob) for action, prob in zip(game.actions[p], eq.profile[p], strict=True)}
                        for p, player in enumerate(game.players)
                    },
                    "payoffs": {player: json_number(eq.payoffs[p]) for p, player in enumerate(game.players)},
                    "max_regret": json_number(eq.max_regret),
                }
            )
        out: dict[str, Any] = {
            "method": self.method,
            "exact": self.exact,
            "degenerate": self.degenerate,
            "complete": self.complete,
            "equilibria": equilibria,
            "components": [list(c) for c in self.components],
            "cliques": [list(c) for c in self.cliques],
        }
        for key, value in self.details.items():
            if key == "value":
                out["value"] = json_number(value)
            elif key == "eliminated":
                out["eliminated"] = [dict(step) for step in value]
        return out

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), **kwargs)

    def table(self) -> str:
        """A readable text table of the equilibria."""
        game = self.game
        lines = [
            f"{self.method}: {len(self.equilibria)} equilibri{'um' if len(self.equilibria) == 1 else 'a'}"
            + f" ({'exact' if self.exact else 'float'}"
            + ("" if self.degenerate is None else (", degenerate game" if self.degenerate else ", nondegenerate game"))
            + ")"
        ]
        for i, eq in enumerate(self.equilibria):
            lines.append(f"  [{i}] {eq.concept}")
            for p, player in enumerate(game.players):
                mix = ", ".join(f"{a}: {format_number(x)}" for a, x in zip(game.actions[p], eq.profile[p], strict=True) if x != 0)
                lines.append(f"      {player}: {mix}   payoff {format_number(eq.payoffs[p])}")
            lines.append(f"      max regret {format_number(eq.max_regret)}")
        if self.cliques and any(len(c) > 1 for c in self.cliques):
            lines.append(
                "  maximal convex sets of equilibria (cliques): " + ", ".join("{" + ", ".join(map(str, c)) + "}" for c in self.cliques)
            )
        if self.components:
            lines.append("  components: " + ", ".join("{" + ", ".join(map(str, c)) + "}" for c in self.components))
        if "value" in self.details:
            lines.append(f"  value: {format_number(self.details['value'])}")
        if "eliminated" in self.details:
            for step in self.details["eliminated"]:
                lines.append(f"  eliminated {step['player']}: {step['action']} (dominated by {step['dominated_by']})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()
