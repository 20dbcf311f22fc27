"""The one result type of every solver: :class:`SolveResult` holding :class:`Equilibrium` values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ._numbers import format_number, json_number
from .errors import InvalidGameError

__all__ = ["Equilibrium", "SolveResult"]


def _is_tree(game: Any) -> bool:
    from .games.extensive_form import ExtensiveFormGame

    return isinstance(game, ExtensiveFormGame)


def _mix(probs: Mapping[str, Any]) -> str:
    return ", ".join(f"{a}: {format_number(x)}" for a, x in probs.items() if x != 0)


def _continuum_json(continuum: Mapping[str, Any]) -> dict[str, Any]:
    """A reported continuum of equilibria with its sympy expressions as strings."""
    out: dict[str, Any] = {}
    for key, value in continuum.items():
        if key == "normal_form":
            continue
        if key == "support":
            out[key] = [list(s) for s in value]
        elif key == "profile":
            out[key] = [[str(x) for x in s] for s in value]
        elif isinstance(value, tuple):
            out[key] = [str(x) for x in value]
        else:
            out[key] = str(value)
    return out


def _off_path(belief: Mapping[str, Any]) -> bool:
    return hasattr(belief, "vertices")  # a BeliefSet: every belief that supports the equilibrium off the path


def _belief_text(belief: Mapping[str, Any]) -> str:
    if _off_path(belief):
        spans = (belief[node] for node in belief)  # an interval, or a point where only one belief supports the play
        return (
            ", ".join(f"{node}: {s.inf}" if s.is_FiniteSet else f"{node} in [{s.inf}, {s.sup}]" for node, s in zip(belief, spans))
            + " (off the path)"
        )
    return ", ".join(f"{node}: {format_number(p)}" for node, p in belief.items())


def _belief_json(belief: Mapping[str, Any]) -> Any:
    if _off_path(belief):
        return {
            "off_path": True,
            "intervals": {node: [str(belief[node].inf), str(belief[node].sup)] for node in belief},
            "vertices": [[json_number(x) for x in vertex] for vertex in belief.vertices],  # type: ignore[attr-defined]
        }
    return {node: json_number(p) for node, p in belief.items()}


def _nested_json(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _nested_json(v) for key, v in value.items()}
    return json_number(value)


@dataclass(frozen=True, slots=True)
class Equilibrium:
    """One equilibrium: a profile, its payoffs and its certificate.

    Attributes
    ----------
    profile
        One probability vector per player (action order as in the game); on
        a tree, a behaviour profile: ``profile[p][k]`` is player ``p``'s
        probability vector at their ``k``-th information set.
    payoffs
        Each player's expected payoff.
    max_regret
        The largest gain from a unilateral pure deviation: exactly ``0`` in
        exact arithmetic, a tiny float otherwise.
    concept
        ``"nash"``, ``"spe"`` or ``"pbe"``.
    conditions
        For parametric games, the conditions on the parameters under which it holds.
    beliefs
        For ``"pbe"``: information-set label -> node label -> probability. Off the
        equilibrium path the value is a :class:`~gametheory.profiles.BeliefSet`,
        every belief that supports the equilibrium there (a mapping node -> interval).
    """

    profile: tuple[tuple[Any, ...], ...]
    payoffs: tuple[Any, ...]
    max_regret: Any
    concept: str = "nash"
    conditions: tuple[Any, ...] = ()
    beliefs: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def is_pure(self) -> bool:
        """True when every player puts probability 1 on one action (on a tree: at each of their information sets)."""
        vectors = [
            vector for strategy in self.profile for vector in (strategy if strategy and isinstance(strategy[0], tuple) else (strategy,))
        ]
        return all(sum(1 for p in vector if p != 0) == 1 for vector in vectors)

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
    regimes
        For games with symbolic payoffs (method ``parametric``): the regimes, each a region of parameter space
        (``conditions``) with the equilibria that hold throughout it; see :meth:`at` and :meth:`as_piecewise`.
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
    regimes: tuple[Any, ...] = ()

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> Equilibrium:
        return self.equilibria[index]

    def strategy(self, index: int, player: int) -> dict[str, Any]:
        """Equilibrium ``index``'s strategy of ``player``: ``{action: probability}``, on a tree ``{set: {action: probability}}``."""
        profile = self.equilibria[index].profile[player]
        if _is_tree(self.game):
            sets = self.game.infosets_of(player)
            return {
                self.game.infoset_labels[h]: dict(zip(self.game.infoset_actions[h], probs, strict=True))
                for h, probs in zip(sets, profile, strict=True)
            }
        return dict(zip(self.game.actions[player], profile, strict=True))

    def outcomes(self, index: int) -> dict[str, Any]:
        """On a tree: the terminal nodes that equilibrium ``index`` reaches, with their probabilities."""
        if not _is_tree(self.game):
            raise InvalidGameError("outcomes(): outcomes are defined for extensive-form games; this result is of a normal-form game")
        from .profiles import outcome_distribution

        return {label: p for label, p in outcome_distribution(self.game, self.equilibria[index].profile).items() if p != 0}

    def at(self, values: Mapping[Any, Any]) -> SolveResult:
        """A parametric result at one parameter point: that regime's equilibria with the numbers put in.

        The game is ``game.subs(values)`` and every equilibrium's ``max_regret``
        is recomputed on it (exactly 0). ``details["regime"]`` is the regime's index.

        Examples
        --------
        >>> import sympy
        >>> from gametheory import NormalFormGame, solve
        >>> c = sympy.Symbol("c", positive=True)
        >>> result = solve(NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]]))
        >>> at = result.at({c: 2})
        >>> at.details["regime"], at[2].profile[0], at[2].max_regret
        (1, (Fraction(1, 2), Fraction(1, 2)), Fraction(0, 1))
        """
        from .symbolic.regimes import at

        self._require_regimes("at()")
        return at(self, values)

    def as_piecewise(self, quantity: Any, select: int | None = None) -> Any:
        """An equilibrium quantity over the parameters as a ``sympy.Piecewise``, one piece per regime.

        ``quantity`` is a function of an :class:`Equilibrium` (``lambda eq: eq.payoffs[0]``),
        ``"payoff:<player>"`` or, on trees, ``"outcome:<terminal label>"`` (its probability). Where a
        regime has several equilibria, ``select=k`` takes the k-th of each.

        Examples
        --------
        >>> import sympy
        >>> from gametheory import NormalFormGame, solve
        >>> c = sympy.Symbol("c", positive=True)
        >>> result = solve(NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]]))
        >>> result.as_piecewise("payoff:Player 2", select=0)
        Piecewise((-c, c < 1), (-1, c >= 1), (nan, True))
        """
        from .symbolic.regimes import as_piecewise

        self._require_regimes("as_piecewise()")
        return as_piecewise(self, quantity, select)

    def sweep(
        self, grid: Mapping[Any, Any], quantities: Mapping[str, Any] | None = None, *, select: int | None = None, **options: Any
    ) -> Any:
        """Evaluate the regimes (and quantities) of a parametric result over a grid of parameters, vectorized.

        ``grid`` maps parameters to 1-D arrays (the sweep covers their product); ``quantities`` maps names to
        quantities as in :meth:`as_piecewise`. Other options (``fixed``, ``points``, ``executor``,
        ``chunk_size``, ``progress``) go to :func:`gametheory.symbolic.sweep.sweep`. Returns a ``Sweep``:
        ``regime`` (index per point) and ``values`` (name -> float array).

        Examples
        --------
        >>> import sympy
        >>> from gametheory import NormalFormGame, solve
        >>> c = sympy.Symbol("c", positive=True)
        >>> result = solve(NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]]))
        >>> swept = result.sweep({c: [0.5, 2.0]}, {"u": "payoff:Player 1"}, select=0)
        >>> swept.regime.tolist(), swept.values["u"].tolist()
        ([0, 1], [-0.5, 1.0])
        """
        from .symbolic.regimes import sweep_result

        self._require_regimes("sweep()")
        return sweep_result(self, grid, quantities, select, **options)

    def regime_map(self, x: Any, y: Any, *, labels: Any = None, **options: Any) -> Any:
        """Draw the regimes over two parameters ``x = (symbol, low, high)`` and ``y``; returns the matplotlib Axes.

        Labels default to each regime's equilibria (pure actions, the outcome reached, or "mixed").
        Other options go to :func:`gametheory.plotting.regime_map` (``fixed``, ``resolution``, ``ax``, ``title``).
        """
        from .plotting import regime_map
        from .symbolic.regimes import regime_labels

        self._require_regimes("regime_map()")
        conditions = [regime.conditions for regime in self.regimes]
        return regime_map(conditions, labels if labels is not None else regime_labels(self), x, y, **options)

    def regime_curve(self, quantity: Any, x: Any, *, select: int | None = None, **options: Any) -> Any:
        """Draw an equilibrium quantity over one parameter ``x = (symbol, low, high)``, regime changes marked.

        Other options go to :func:`gametheory.plotting.regime_curve` (``fixed``, ``ylabel``, ``ax``, ``title``).
        """
        from .plotting import regime_curve
        from .symbolic.regimes import pieces, regime_labels

        self._require_regimes("regime_curve()")
        values = pieces(self, quantity, select, "regime_curve()")
        options.setdefault("labels", regime_labels(self))
        return regime_curve([regime.conditions for regime in self.regimes], values, x, **options)

    def _require_regimes(self, where: str) -> None:
        if not self.regimes:
            raise InvalidGameError(f"{where}: this result has no regimes; solve a game with symbolic payoffs (method 'parametric')")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; exact numbers are strings such as ``"3/5"``."""
        game = self.game
        equilibria = []
        for i, eq in enumerate(self.equilibria):
            entry: dict[str, Any] = {
                "concept": eq.concept,
                "profile": {player: _nested_json(self.strategy(i, p)) for p, player in enumerate(game.players)},
                "payoffs": {player: json_number(eq.payoffs[p]) for p, player in enumerate(game.players)},
                "max_regret": json_number(eq.max_regret),
            }
            if _is_tree(game):
                entry["outcomes"] = {label: json_number(p) for label, p in self.outcomes(i).items()}
            if eq.beliefs:
                entry["beliefs"] = {label: _belief_json(belief) for label, belief in eq.beliefs.items()}
            equilibria.append(entry)
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
            elif key in ("ties", "unreached"):
                out[key] = [dict(v) if isinstance(v, Mapping) else list(v) for v in value]
            elif key == "continua":
                out["continua"] = [_continuum_json(c) for c in value]
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
                strategy = self.strategy(i, p)
                mix = (
                    ("; ".join(f"{h}: " + _mix(probs) for h, probs in strategy.items()) or "no moves") if _is_tree(game) else _mix(strategy)
                )
                lines.append(f"      {player}: {mix}   payoff {format_number(eq.payoffs[p])}")
            if _is_tree(game):
                lines.append("      outcomes: " + ", ".join(f"{label}: {format_number(x)}" for label, x in self.outcomes(i).items()))
            for label, belief in eq.beliefs.items():
                lines.append(f"      beliefs at {label}: {_belief_text(belief)}")
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
