"""Extensive-form games: finite trees with chance moves and information sets.

A game is stored as arrays over its nodes, in breadth-first order so that
the children of every node are contiguous and every level of the tree is a
slice; backward induction then runs level by level over whole arrays. The
nested builder (:func:`decision`, :func:`chance`, :func:`outcome`) reads like
the tree a paper draws and flattens into that representation.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from .._numbers import KINDS, convert, describe, is_symbolic, probabilities, substituted_kind, substitution
from ..errors import InvalidGameError, UnsupportedGameError
from .normal_form import NormalFormGame

__all__ = [
    "CHANCE",
    "TERMINAL",
    "Chance",
    "Decision",
    "ExtensiveFormGame",
    "Outcome",
    "TreeProperties",
    "chance",
    "decision",
    "outcome",
]

#: Largest number of pure strategies of one player that :meth:`ExtensiveFormGame.pure_strategies` lists.
MAX_STRATEGIES = 100_000

#: ``mover`` of a chance node.
CHANCE = -1
#: ``mover`` of a terminal node.
TERMINAL = -2


# --- the nested builder ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Outcome:
    """A terminal node: one payoff per player, and an optional label."""

    payoffs: tuple[Any, ...]
    label: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision node of ``player``; ``moves`` are (action label, subtree) pairs."""

    player: str
    moves: tuple[tuple[str, Node], ...]
    infoset: str | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class Chance:
    """A chance node; ``moves`` are (label, probability, subtree) triples."""

    moves: tuple[tuple[str, Any, Node], ...]
    label: str = ""


Node = Decision | Chance | Outcome


def _subtree(value: Any, where: str) -> Node:
    if isinstance(value, Decision | Chance | Outcome):
        return value
    if isinstance(value, tuple | list):
        return Outcome(tuple(value))
    raise InvalidGameError(f"{where}: expected a subtree (decision(), chance(), outcome() or a tuple of payoffs); got {describe(value)}")


def label_tuple(given: Any, name: str, where: str) -> tuple[str, ...]:
    """``given`` as a tuple of labels: a non-empty sequence of distinct non-empty strings, or an error naming ``name``."""
    if isinstance(given, str) or not isinstance(given, Sequence) or not given:
        raise InvalidGameError(f"{where}: {name} must be a non-empty sequence of labels; got {describe(given)}")
    labels = tuple(given)
    for label in labels:
        if not isinstance(label, str) or not label:
            raise InvalidGameError(f"{where}: {name} must be non-empty strings; got {describe(label)}")
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    if duplicates:
        raise InvalidGameError(f"{where}: {name} must be unique; got duplicates {duplicates}")
    return labels


def _pairs(moves: Any, where: str) -> list[tuple[Any, Any]]:
    if isinstance(moves, Mapping):
        return list(moves.items())
    if isinstance(moves, Sequence) and not isinstance(moves, str) and all(isinstance(m, tuple | list) and len(m) == 2 for m in moves):
        return [tuple(m) for m in moves]  # type: ignore[misc]
    raise InvalidGameError(f"{where}: moves must be a mapping from action labels to subtrees; got {describe(moves)}")


def decision(player: str, moves: Mapping[str, Any] | Sequence[tuple[str, Any]], *, infoset: str | None = None, label: str = "") -> Decision:
    """A decision node: ``player`` chooses among ``moves`` (action label -> subtree).

    Nodes of one player given the same ``infoset`` name form one information
    set: the player cannot tell them apart. A subtree is another node or a
    tuple of payoffs (one per player).

    Examples
    --------
    >>> node = decision("Defender", {"Concede": (1, -1), "Resist": (-2, -2)})
    >>> [action for action, _ in node.moves]
    ['Concede', 'Resist']
    """
    where = "decision()"
    if not isinstance(player, str) or not player:
        raise InvalidGameError(f"{where}: player must be a non-empty string; got {describe(player)}")
    pairs = _pairs(moves, where)
    return Decision(player, tuple((action, _subtree(sub, f"{where}: move {action!r}")) for action, sub in pairs), infoset, label)


def chance(moves: Mapping[str, tuple[Any, Any]] | Sequence[tuple[str, tuple[Any, Any]]], *, label: str = "") -> Chance:
    """A chance node: ``moves`` maps each label to ``(probability, subtree)``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> node = chance({"Resolute": (Fraction(1, 3), (1, 0)), "Irresolute": (Fraction(2, 3), (0, 1))})
    >>> [probability for _, probability, _ in node.moves]
    [Fraction(1, 3), Fraction(2, 3)]
    """
    where = "chance()"
    triples = []
    for name, value in _pairs(moves, where):
        if not isinstance(value, tuple | list) or len(value) != 2:
            raise InvalidGameError(f"{where}: move {name!r} must be a (probability, subtree) pair; got {describe(value)}")
        triples.append((name, value[0], _subtree(value[1], f"{where}: move {name!r}")))
    return Chance(tuple(triples), label)


def outcome(*payoffs: Any, label: str = "") -> Outcome:
    """A terminal node with one payoff per player and an optional label.

    Examples
    --------
    >>> outcome(-10, -10, label="Nuclear war")
    Outcome(payoffs=(-10, -10), label='Nuclear war')
    """
    return Outcome(tuple(payoffs), label)


# --- the game -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TreeProperties:
    """What a tree is: sizes, payoff kind and structural facts."""

    n_players: int
    n_nodes: int
    n_terminals: int
    n_infosets: tuple[int, ...]
    kind: str
    perfect_information: bool
    perfect_recall: bool
    chance: bool
    zero_sum: bool | None

    @property
    def symbolic(self) -> bool:
        return self.kind == "symbolic"


_INT64_SAFE = 2**62


def _compact(ints: np.ndarray) -> np.ndarray:
    """Python ints as int64 when they all fit, else unchanged; read-only."""
    if ints.size and max(abs(int(ints.max())), abs(int(ints.min()))) < _INT64_SAFE:
        ints = ints.astype(np.int64)
    ints.flags.writeable = False
    return ints


def _readonly(values: Any, dtype: Any = np.int64) -> np.ndarray:
    array = np.array(values, dtype=dtype)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, slots=True, eq=False)
class ExtensiveFormGame:
    """A finite game tree with chance moves and information sets.

    Build it with :meth:`from_tree` (nested :func:`decision`, :func:`chance`
    and :func:`outcome` nodes) or :meth:`from_arrays`. The value is immutable.

    Nodes are numbered in breadth-first order (the root is 0; the children of
    a node are ``first_child[n] ... first_child[n] + n_children[n] - 1``, in
    action order). ``mover[n]`` is a player index, :data:`CHANCE` or
    :data:`TERMINAL`. Information sets are numbered player by player (each
    player's in the order the tree is read, depth first, left to right), the
    chance nodes' after them; ``infoset[n]`` is that number (-1 at terminals).
    ``payoffs[p][terminal[n]]`` is player ``p``'s payoff at terminal ``n``.

    Examples
    --------
    >>> from gametheory import ExtensiveFormGame, decision
    >>> game = ExtensiveFormGame.from_tree(
    ...     decision("Challenger", {
    ...         "Status quo": (0, 0),
    ...         "Challenge": decision("Defender", {"Concede": (1, -1), "Resist": (-2, -1)}),
    ...     }))
    >>> game
    <ExtensiveFormGame: 2 players, 5 nodes, 3 terminals, exact>
    >>> game.properties.perfect_information
    True
    """

    players: tuple[str, ...]
    parent: np.ndarray = field(repr=False)
    first_child: np.ndarray = field(repr=False)
    n_children: np.ndarray = field(repr=False)
    mover: np.ndarray = field(repr=False)
    infoset: np.ndarray = field(repr=False)
    action: np.ndarray = field(repr=False)
    depth: np.ndarray = field(repr=False)
    terminal: np.ndarray = field(repr=False)
    preorder: np.ndarray = field(repr=False)
    size: np.ndarray = field(repr=False)
    infoset_player: np.ndarray = field(repr=False)
    infoset_actions: tuple[tuple[str, ...], ...] = field(repr=False)
    infoset_labels: tuple[str, ...] = field(repr=False)
    chance_probs: tuple[tuple[Any, ...] | None, ...] = field(repr=False)
    members: np.ndarray = field(repr=False)
    member_start: np.ndarray = field(repr=False)
    payoffs: tuple[np.ndarray, ...] = field(repr=False)
    node_labels: tuple[str, ...] | None = field(repr=False)
    perfect_recall: bool = True
    kind: str = "exact"
    title: str = ""
    _cache: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    # --- construction -----------------------------------------------------
    @classmethod
    def from_tree(cls, root: Node, *, players: Sequence[str] | None = None, kind: str | None = None, title: str = "") -> ExtensiveFormGame:
        """Build a game from nested :func:`decision`, :func:`chance` and :func:`outcome` nodes.

        Parameters
        ----------
        root
            The root node.
        players
            The players in order; default: in the order they first move
            (depth first).
        kind
            ``"exact"`` (the default for numbers), ``"float"`` or
            ``"symbolic"`` (the default when a payoff or probability has
            free symbols).
        title
            A name for the game.

        Examples
        --------
        >>> from fractions import Fraction
        >>> from gametheory import ExtensiveFormGame, chance, decision
        >>> game = ExtensiveFormGame.from_tree(chance({
        ...     "Hard-line": (Fraction(1, 4), decision("Target", {"Comply": (1, -1), "Defy": (-5, -5)}, infoset="T")),
        ...     "Soft": (Fraction(3, 4), decision("Target", {"Comply": (1, -1), "Defy": (-5, 0)}, infoset="T")),
        ... }), players=["Threatener", "Target"])
        >>> game.infoset_labels
        ('T', 'chance:1')
        """
        where = "ExtensiveFormGame.from_tree()"
        root = _subtree(root, where)
        parent: list[int] = []
        mover_names: list[Any] = []
        infoset_keys: list[Any] = []
        labels: list[str] = []
        terminal_payoffs: list[tuple[Any, ...]] = []
        moves_of: dict[Any, tuple[str, ...]] = {}
        probs_of: dict[Any, tuple[Any, ...]] = {}
        names_of: dict[Any, str | None] = {}
        order: list[str] = []
        stack: list[tuple[Node, int]] = [(root, -1)]
        while stack:
            node, up = stack.pop()
            index = len(parent)
            parent.append(up)
            labels.append(node.label)
            if isinstance(node, Outcome):
                mover_names.append(TERMINAL)
                infoset_keys.append(None)
                terminal_payoffs.append(node.payoffs)
                continue
            if not node.moves:
                raise InvalidGameError(
                    f"{where}: node {node.label or index!r} has no moves; every decision or chance node needs at least one"
                )
            if isinstance(node, Decision):
                if node.player not in order:
                    order.append(node.player)
                mover_names.append(node.player)
                key: Any = ("set", node.player, node.infoset) if node.infoset is not None else ("node", index)
                actions = tuple(action for action, _ in node.moves)
                if key in moves_of and moves_of[key] != actions:
                    raise InvalidGameError(
                        f"{where}: the nodes of information set {node.infoset!r} of {node.player!r} must offer the same actions;"
                        f" got {list(moves_of[key])} and {list(actions)}"
                    )
                moves_of[key] = actions
                names_of[key] = node.infoset
                children = [sub for _, sub in node.moves]
            else:
                mover_names.append(CHANCE)
                key = ("node", index)
                moves_of[key] = tuple(name for name, _, _ in node.moves)
                probs_of[key] = tuple(p for _, p, _ in node.moves)
                names_of[key] = None
                children = [sub for _, _, sub in node.moves]
            infoset_keys.append(key)
            # depth first, children pushed in reverse so they are numbered left to right
            stack.extend((sub, index) for sub in reversed(children))
        if players is None:
            players = order
        else:
            players = tuple(players)
            missing = [p for p in order if p not in players]
            if missing:
                raise InvalidGameError(f"{where}: the tree has moves of {missing}, who are not among players={list(players)}")
        player_index = {name: p for p, name in enumerate(players)}
        key_ids: dict[Any, int] = {}
        infoset = [-1 if key is None else key_ids.setdefault(key, len(key_ids)) for key in infoset_keys]
        keys = list(key_ids)
        mover = [m if m in (TERMINAL, CHANCE) else player_index[m] for m in mover_names]
        return cls.from_arrays(
            players=players,
            parent=parent,
            mover=mover,
            infoset=infoset,
            actions=[moves_of[k] for k in keys],
            payoffs=terminal_payoffs,
            chance_probs=[probs_of.get(k) for k in keys],
            infoset_labels=[names_of[k] for k in keys],
            node_labels=labels,
            kind=kind,
            title=title,
        )

    @classmethod
    def from_arrays(
        cls,
        *,
        players: Sequence[str],
        parent: Any,
        mover: Any,
        infoset: Any,
        actions: Sequence[Sequence[str]],
        payoffs: Any,
        chance_probs: Sequence[Sequence[Any] | None] | None = None,
        infoset_labels: Sequence[str | None] | None = None,
        node_labels: Sequence[str] | None = None,
        kind: str | None = None,
        title: str = "",
    ) -> ExtensiveFormGame:
        """Build a game from flat arrays over its nodes (for large or generated trees).

        Parameters
        ----------
        players
            Player labels.
        parent
            ``parent[n]``: the parent of node ``n`` (``-1`` for the root). The
            children of a node are its moves in the order of their node numbers.
        mover
            ``mover[n]``: a player index, :data:`CHANCE` (-1) or :data:`TERMINAL` (-2).
        infoset
            ``infoset[n]``: for decision and chance nodes an information-set id
            (nodes sharing an id form one information set; each chance node
            has its own), ``-1`` at terminals. Ids run from 0.
        actions
            ``actions[h]``: the action labels of information set ``h``.
        payoffs
            One row of payoffs (one per player) per terminal node, in the
            order of their node numbers.
        chance_probs
            ``chance_probs[h]``: the move probabilities of chance set ``h``
            (``None`` for players' sets).
        infoset_labels
            ``infoset_labels[h]`` or ``None`` for the default
            ``"<player>:<k>"`` (``k`` counting that player's sets from 1).
        node_labels
            Optional labels of the nodes (``""`` for none).
        kind, title
            As for :meth:`from_tree`.

        Examples
        --------
        >>> game = ExtensiveFormGame.from_arrays(
        ...     players=["A"], parent=[-1, 0, 0], mover=[0, -2, -2], infoset=[0, -1, -1],
        ...     actions=[["Left", "Right"]], payoffs=[[1], [2]])
        >>> game.infoset_labels
        ('A:1',)
        """
        return _assemble(
            "ExtensiveFormGame.from_arrays()",
            players,
            parent,
            mover,
            infoset,
            actions,
            payoffs,
            chance_probs,
            infoset_labels,
            node_labels,
            kind,
            title,
        )

    # --- structure --------------------------------------------------------
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def n_nodes(self) -> int:
        return len(self.parent)

    @property
    def n_infosets(self) -> int:
        return len(self.infoset_player)

    def infosets_of(self, player: int) -> range:
        """The information sets of ``player`` (a range of set numbers)."""
        counts = np.bincount(self.infoset_player[self.infoset_player >= 0], minlength=self.n_players)
        start = int(counts[:player].sum())
        return range(start, start + int(counts[player]))

    def nodes_of(self, infoset: int) -> np.ndarray:
        """The nodes of information set ``infoset``, in breadth-first order."""
        return self.members[self.member_start[infoset] : self.member_start[infoset + 1]]

    def children(self, node: int) -> range:
        """The children of ``node`` in action order."""
        start = int(self.first_child[node])
        return range(start, start + int(self.n_children[node]))

    @property
    def terminals(self) -> np.ndarray:
        """The terminal nodes, in breadth-first order (the order of payoff rows)."""
        return np.flatnonzero(self.mover == TERMINAL)

    @property
    def perfect_information(self) -> bool:
        """Every player's information set has one node."""
        if "perfect_information" not in self._cache:
            counts = np.diff(self.member_start)
            self._cache["perfect_information"] = bool(np.all(counts[self.infoset_player >= 0] == 1))
        return self._cache["perfect_information"]

    @property
    def has_chance(self) -> bool:
        """Some node is a chance node."""
        return bool(np.any(self.infoset_player == CHANCE))

    @property
    def properties(self) -> TreeProperties:
        """Sizes, payoff kind and structure (perfect information and recall, chance, zero-sum)."""
        return TreeProperties(
            self.n_players,
            self.n_nodes,
            len(self.terminals),
            tuple(len(self.infosets_of(p)) for p in range(self.n_players)),
            self.kind,
            self.perfect_information,
            self.perfect_recall,
            self.has_chance,
            self._zero_sum(),
        )

    def _zero_sum(self) -> bool | None:
        total = sum(self.payoffs[1:], self.payoffs[0])
        if self.kind == "exact":
            return bool(np.all(total == 0))
        if self.kind == "float":
            return bool(np.all(np.abs(np.asarray(total, dtype=float)) <= 1e-12))
        verdicts = [sympy.simplify(v).is_zero for v in np.asarray(total).ravel()]
        return True if all(v is True for v in verdicts) else (False if any(v is False for v in verdicts) else None)

    def node_label(self, node: int) -> str:
        """The label of ``node``, or its path of action labels from the root (``"Challenge/Resist"``)."""
        if self.node_labels is not None and self.node_labels[node]:
            return self.node_labels[node]
        return self.path_label(node)

    def path_label(self, node: int) -> str:
        """The action labels on the path from the root to ``node``, joined by ``/`` (``"root"`` for the root)."""
        path = []
        while self.parent[node] >= 0:
            up = int(self.parent[node])
            path.append(self.infoset_actions[self.infoset[up]][self.action[node]])
            node = up
        return "/".join(reversed(path)) or "root"

    @property
    def outcome_labels(self) -> tuple[str, ...]:
        """A unique name for each terminal: its label when that is unique among terminals, else its path of actions."""
        if "outcome_labels" not in self._cache:
            terminals = self.terminals
            given = [self.node_labels[t] if self.node_labels is not None else "" for t in terminals]
            counts: dict[str, int] = {}
            for name in given:
                counts[name] = counts.get(name, 0) + 1
            names = [name if name and counts[name] == 1 else self.path_label(int(t)) for name, t in zip(given, terminals, strict=True)]
            self._cache["outcome_labels"] = tuple(names)
        return self._cache["outcome_labels"]

    def action_label(self, node: int) -> str:
        """The label of the move that leads into ``node``."""
        up = int(self.parent[node])
        if up < 0:
            raise InvalidGameError("action_label(): the root has no incoming move")
        return self.infoset_actions[self.infoset[up]][self.action[node]]

    def terminal_payoffs(self, node: int) -> tuple[Any, ...]:
        """The payoffs at terminal ``node``."""
        row = int(self.terminal[node])
        if row < 0:
            raise InvalidGameError(f"terminal_payoffs(): node {node} is not a terminal node")
        return tuple(array[row] for array in self.payoffs)

    def integer_payoffs(self) -> tuple[tuple[np.ndarray, ...], tuple[int, ...]]:
        """``(arrays, scales)``: player ``p``'s payoffs are ``arrays[p] / scales[p]`` with integer ``arrays[p]``.

        The arrays are int64 when the integers fit, else Python ints in object
        arrays; computed once per game (at construction when the payoffs were
        given as an integer numpy array).

        Examples
        --------
        >>> from fractions import Fraction
        >>> from gametheory import ExtensiveFormGame, decision
        >>> game = ExtensiveFormGame.from_tree(decision("A", {"x": (Fraction(1, 2),), "y": (2,)}))
        >>> arrays, scales = game.integer_payoffs()
        >>> arrays[0].tolist(), scales
        ([1, 4], (2,))
        """
        if self.kind != "exact":
            raise InvalidGameError(f"integer_payoffs(): the game must be exact; got kind={self.kind!r}")
        if "integer_payoffs" not in self._cache:
            arrays, scales = [], []
            for array in self.payoffs:
                denominators = [v.denominator for v in array if type(v) is not int]
                lcm = math.lcm(*denominators) if denominators else 1
                ints = [v * lcm if type(v) is int else v.numerator * (lcm // v.denominator) for v in array]
                arrays.append(_compact(np.array(ints, dtype=object)))
                scales.append(lcm)
            self._cache["integer_payoffs"] = (tuple(arrays), tuple(scales))
        return self._cache["integer_payoffs"]

    # --- subgames ---------------------------------------------------------
    def subgame_roots(self) -> np.ndarray:
        """The roots of the proper subgames (and of the whole game, node 0), in breadth-first order.

        A node roots a subgame when every information set that meets its
        subtree lies inside it.

        Examples
        --------
        >>> from gametheory import catalog
        >>> catalog.entry_deterrence().subgame_roots().tolist()
        [0, 2]
        """
        if "subgame_roots" not in self._cache:
            n = self.n_nodes
            inner = self.mover != TERMINAL
            lo = np.full(self.n_infosets, n, dtype=np.int64)
            hi = np.full(self.n_infosets, -1, dtype=np.int64)
            np.minimum.at(lo, self.infoset[inner], self.preorder[inner])
            np.maximum.at(hi, self.infoset[inner], self.preorder[inner])
            low = np.append(lo, n)[self.infoset]  # terminals (-1) read the neutral last entry
            high = np.append(hi, -1)[self.infoset]
            # fold the extremes of every subtree up to its root, deepest level first
            for start, stop in reversed(self._levels()[1:]):
                ups = self.parent[start:stop]
                np.minimum.at(low, ups, low[start:stop])
                np.maximum.at(high, ups, high[start:stop])
            roots = inner & (low >= self.preorder) & (high < self.preorder + self.size)
            self._cache["subgame_roots"] = _readonly(np.flatnonzero(roots))
        return self._cache["subgame_roots"]

    def _levels(self) -> list[tuple[int, int]]:
        """``(start, stop)`` of each depth's slice of nodes."""
        if "levels" not in self._cache:
            bounds = np.searchsorted(self.depth, np.arange(int(self.depth[-1]) + 2))
            self._cache["levels"] = [(int(a), int(b)) for a, b in itertools.pairwise(bounds)]
        return self._cache["levels"]

    # --- strategies and normal forms --------------------------------------
    def pure_strategies(self, player: int, *, reduced: bool = True) -> tuple[tuple[int, ...], ...]:
        """The pure strategies of ``player``: one action index per information set.

        In the reduced normal form (the default), sets that the player's own
        earlier moves exclude get ``-1`` ("any"), and strategies that differ
        only there are one. Games without perfect recall are not reduced.

        Examples
        --------
        >>> from gametheory import catalog
        >>> catalog.centipede(4).pure_strategies(0)
        ((0, -1), (1, 0), (1, 1))
        """
        key = ("strategies", player, reduced)
        if key not in self._cache:
            sets = self.infosets_of(player)
            if not reduced or not self.perfect_recall:
                total = math.prod(len(self.infoset_actions[h]) for h in sets)
                if total > MAX_STRATEGIES:
                    raise UnsupportedGameError(
                        f"pure_strategies(): {self.players[player]!r} has {total} pure strategies, more than {MAX_STRATEGIES}"
                    )
                self._cache[key] = tuple(itertools.product(*(range(len(self.infoset_actions[h])) for h in sets)))
            else:
                self._cache[key] = _reduced_strategies(self, player)
        return self._cache[key]

    def strategy_label(self, player: int, strategy: Sequence[int]) -> str:
        """A pure strategy's label: its actions joined by ``/``, ``*`` where it does not choose."""
        sets = self.infosets_of(player)
        if not len(sets):
            return "-"
        return "/".join("*" if a < 0 else self.infoset_actions[h][a] for h, a in zip(sets, strategy, strict=True))

    def to_normal_form(self, *, reduced: bool = True) -> NormalFormGame:
        """The game in normal form (reduced by default: strategies that differ only at excluded sets merged).

        Examples
        --------
        >>> from gametheory import catalog
        >>> nf = catalog.entry_deterrence().to_normal_form()
        >>> nf.actions
        (('Out', 'In'), ('Fight', 'Accommodate'))
        >>> nf.payoffs[0].tolist()
        [[1, 1], [0, 2]]
        """
        key = ("normal_form", reduced)
        if key not in self._cache:
            self._cache[key] = _normal_form(self, reduced)
        return self._cache[key]

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The free symbols of a symbolic game's payoffs and chance probabilities, sorted by name."""
        if self.kind != "symbolic":
            return ()
        values = [v for array in self.payoffs for v in array] + [p for probs in self.chance_probs if probs is not None for p in probs]
        symbols = set().union(*(sympy.sympify(v).free_symbols for v in values))
        return tuple(sorted(symbols, key=lambda s: s.name))

    def subs(self, values: Mapping[Any, Any], *, kind: str | None = None) -> ExtensiveFormGame:
        """The tree with numbers (or expressions) substituted for parameters in payoffs and chance probabilities.

        As :meth:`NormalFormGame.subs`: exact when everything becomes
        rational, symbolic while parameters remain, ``kind="float"`` needed
        for irrational values.

        Examples
        --------
        >>> import sympy
        >>> from fractions import Fraction
        >>> from gametheory import ExtensiveFormGame, chance, decision
        >>> p = sympy.Symbol("p", positive=True)
        >>> game = ExtensiveFormGame.from_tree(chance({
        ...     "Resolved": (p, decision("Challenger", {"Back down": (0,), "Press": (-5,)})),
        ...     "Bluffing": (1 - p, decision("Challenger", {"Back down": (0,), "Press": (1,)}))}))
        >>> game.parameters
        (p,)
        >>> game.subs({p: Fraction(1, 3)}).chance_probs[-1]
        (Fraction(1, 3), Fraction(2, 3))
        """
        where = "ExtensiveFormGame.subs()"
        mapping = substitution(values, set(self.parameters), where)

        def put(value: Any) -> Any:
            return sympy.sympify(value).subs(mapping)

        rows = [[put(array[t]) for array in self.payoffs] for t in range(len(self.terminals))]
        probs = [None if given is None else [put(v) for v in given] for given in self.chance_probs]
        flat = [v for row in rows for v in row] + [v for given in probs if given is not None for v in given]
        try:
            return self._with_values(rows, probs, substituted_kind(flat, kind, where))
        except InvalidGameError as error:  # e.g. a probability that the values make negative
            raise InvalidGameError(f"{where}: with these values the game is not valid: {error}") from None

    def as_float(self) -> ExtensiveFormGame:
        """The same tree with float payoffs and chance probabilities (numeric games only).

        Examples
        --------
        >>> from gametheory import catalog
        >>> catalog.entry_deterrence().as_float().payoffs[0].tolist()
        [1.0, 0.0, 2.0]
        """
        if self.kind == "symbolic":
            raise InvalidGameError("as_float(): a symbolic game has no float payoffs; substitute its parameters first (subs)")
        rows = np.array([np.asarray(array, dtype=float) for array in self.payoffs]).T.reshape(-1, self.n_players)
        probs = [None if given is None else [float(v) for v in given] for given in self.chance_probs]
        return self._with_values(rows, probs, "float")

    def _with_values(self, rows: Any, probs: Sequence[Sequence[Any] | None], kind: str) -> ExtensiveFormGame:
        """The same tree with other terminal payoff rows and chance probabilities."""
        return ExtensiveFormGame.from_arrays(
            players=self.players,
            parent=self.parent,
            mover=self.mover,
            infoset=self.infoset,
            actions=self.infoset_actions,
            payoffs=rows,
            chance_probs=probs,
            infoset_labels=self.infoset_labels,
            node_labels=self.node_labels,
            kind=kind,
            title=self.title,
        )

    def to_efg(self) -> str:
        """This game in Gambit's ``.efg`` format (see :func:`~gametheory.io.efg.write_efg`)."""
        from ..io.efg import write_efg

        return write_efg(self)

    # --- value semantics --------------------------------------------------
    def _key(self) -> tuple[Any, ...]:
        return (
            self.players,
            self.kind,
            self.parent.tobytes(),
            self.mover.tobytes(),
            self.infoset.tobytes(),
            self.infoset_actions,
            self.infoset_labels,
            self.chance_probs,
            tuple(tuple(a.tolist()) for a in self.payoffs),
            self.node_labels,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveFormGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        name = f" {self.title!r}" if self.title else ""
        return f"<ExtensiveFormGame{name}: {self.n_players} players, {self.n_nodes} nodes, {len(self.terminals)} terminals, {self.kind}>"


# --- assembly and validation ----------------------------------------------------------------------
def _int_array(values: Any, n: int | None, name: str, where: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1 or (array.dtype.kind not in "iu" and array.size > 0):
        raise InvalidGameError(f"{where}: {name} must be a one-dimensional sequence of integers; got {describe(values)}")
    if n is not None and len(array) != n:
        raise InvalidGameError(f"{where}: {name} must have one entry per node ({n}); got {len(array)}")
    return array.astype(np.int64)


def _assemble(
    where: str,
    players: Sequence[str],
    parent: Any,
    mover: Any,
    infoset: Any,
    actions: Sequence[Sequence[str]],
    payoffs: Any,
    chance_probs: Sequence[Sequence[Any] | None] | None,
    infoset_labels: Sequence[str | None] | None,
    node_labels: Sequence[str] | None,
    kind: str | None,
    title: str,
) -> ExtensiveFormGame:
    players = label_tuple(players, "players", where)
    n_players = len(players)
    up = _int_array(parent, None, "parent", where)
    n = len(up)
    if n == 0:
        raise InvalidGameError(f"{where}: a game needs at least one node; got none")
    move = _int_array(mover, n, "mover", where)
    sets = _int_array(infoset, n, "infoset", where)
    roots = np.flatnonzero(up == -1)
    if len(roots) != 1:
        raise InvalidGameError(f"{where}: parent must have exactly one root (-1); got {len(roots)}")
    if np.any((up < -1) | (up >= n)):
        raise InvalidGameError(f"{where}: parent entries must be -1 or node numbers below {n}")
    if np.any((move < TERMINAL) | (move >= n_players)):
        bad = int(np.flatnonzero((move < TERMINAL) | (move >= n_players))[0])
        raise InvalidGameError(
            f"{where}: mover[{bad}] must be a player index below {n_players}, -1 (chance) or -2 (terminal); got {move[bad]}"
        )
    if np.any(up >= 0) and np.any(move[up[up >= 0]] == TERMINAL):
        bad = int(up[up >= 0][np.flatnonzero(move[up[up >= 0]] == TERMINAL)[0]])
        raise InvalidGameError(f"{where}: terminal node {bad} has children")

    # breadth-first order, children of a node contiguous and in their given order
    by_parent = np.argsort(up, kind="stable")[1:]  # drops the root (parent -1 sorts first)
    counts = np.bincount(up[up >= 0], minlength=n)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    order = [roots]
    level = roots
    seen = 1
    while True:
        level_counts = counts[level]
        total = int(level_counts.sum())
        if total == 0:
            break
        starts = np.repeat(offsets[level], level_counts)
        within = np.arange(total) - np.repeat(np.cumsum(level_counts) - level_counts, level_counts)
        level = by_parent[starts + within]
        order.append(level)
        seen += total
        if seen > n:
            break
    bfs = np.concatenate(order)
    if len(bfs) != n or seen != n:
        raise InvalidGameError(
            f"{where}: parent does not describe a tree (some nodes are not reachable from the root, or there is a cycle)"
        )
    new_of = np.empty(n, dtype=np.int64)
    new_of[bfs] = np.arange(n)
    depth = np.concatenate([np.full(len(level), d, dtype=np.int64) for d, level in enumerate(order)])
    parent_new = np.where(up[bfs] >= 0, new_of[np.maximum(up[bfs], 0)], -1)
    mover_new = move[bfs]
    n_children = counts[bfs]
    first_child = 1 + np.cumsum(n_children) - n_children  # children come in the order of their parents
    first_child[n_children == 0] = -1
    position = np.arange(n) - np.where(parent_new >= 0, first_child[np.maximum(parent_new, 0)], 0)
    position[0] = -1
    inner = mover_new != TERMINAL
    if np.any(inner & (n_children == 0)):
        bad = int(bfs[np.flatnonzero(inner & (n_children == 0))[0]])
        raise InvalidGameError(f"{where}: node {bad} is a decision or chance node without moves (an empty action set)")

    # subtree sizes and preorder numbers (depth first, left to right)
    levels = np.searchsorted(depth, np.arange(int(depth[-1]) + 2))
    size = np.ones(n, dtype=np.int64)
    for start, stop in reversed(list(itertools.pairwise(levels))[1:]):
        np.add.at(size, parent_new[start:stop], size[start:stop])
    before = np.zeros(n, dtype=np.int64)  # sizes of earlier siblings
    if n > 1:
        cumulative = np.cumsum(size[1:]) - size[1:]
        firsts = first_child[parent_new[1:]]
        before[1:] = cumulative - cumulative[firsts - 1]
    preorder = np.zeros(n, dtype=np.int64)
    for start, stop in list(itertools.pairwise(levels))[1:]:
        preorder[start:stop] = preorder[parent_new[start:stop]] + 1 + before[start:stop]

    # information sets
    sets_new = sets[bfs]
    if np.any(inner & (sets_new < 0)) or np.any(~inner & (sets_new != -1)):
        raise InvalidGameError(f"{where}: infoset must be a set id (>= 0) at decision and chance nodes and -1 at terminals")
    n_sets = int(sets_new.max()) + 1 if np.any(inner) else 0
    if isinstance(actions, str) or not isinstance(actions, Sequence) or len(actions) != n_sets:
        raise InvalidGameError(
            f"{where}: actions must give the action labels of each of the {n_sets} information sets; got {describe(actions)}"
        )
    used = np.zeros(n_sets, dtype=bool)
    used[sets_new[inner]] = True
    if not np.all(used):
        raise InvalidGameError(f"{where}: information-set ids must run from 0 without gaps; id {int(np.flatnonzero(~used)[0])} has no node")
    owner = np.full(n_sets, -3, dtype=np.int64)
    owner[sets_new[inner]] = mover_new[inner]
    if np.any(owner[sets_new[inner]] != mover_new[inner]):
        bad = int(sets_new[inner][np.flatnonzero(owner[sets_new[inner]] != mover_new[inner])[0]])
        raise InvalidGameError(f"{where}: the nodes of information set {bad} belong to different players (or mix chance and players)")
    set_size = np.bincount(sets_new[inner], minlength=n_sets)
    if np.any((owner == CHANCE) & (set_size > 1)):
        raise InvalidGameError(f"{where}: each chance node must have its own information set")
    # distinct label lists are validated once (large trees share a few)
    checked: dict[Any, tuple[str, ...]] = {}
    action_lists: list[tuple[str, ...]] = []
    for h, given_actions in enumerate(actions):
        key = given_actions if isinstance(given_actions, tuple) else id(given_actions)
        if key not in checked:
            checked[key] = _action_labels(given_actions, f"{where}: the actions of information set {h}")
        action_lists.append(checked[key])
    width = np.fromiter(map(len, action_lists), dtype=np.int64, count=len(action_lists))
    mismatch = inner & (n_children != np.append(width, 0)[np.where(inner, sets_new, -1)])
    if np.any(mismatch):
        bad = int(np.flatnonzero(mismatch)[0])
        h = int(sets_new[bad])
        raise InvalidGameError(
            f"{where}: node {int(bfs[bad])} has {int(n_children[bad])} moves but its information set {h} has the actions {describe(actions[h])}"
        )
    # one set must not meet a path twice (absent-mindedness): a member may not lie in another's subtree
    set_order = np.lexsort((preorder, np.where(inner, sets_new, n_sets)))[: int(inner.sum())]
    sorted_sets = sets_new[set_order]
    same = sorted_sets[1:] == sorted_sets[:-1]
    if np.any(same):
        a, b = set_order[:-1][same], set_order[1:][same]
        nested = preorder[b] < preorder[a] + size[a]
        if np.any(nested):
            bad = int(sorted_sets[:-1][same][np.flatnonzero(nested)[0]])
            raise InvalidGameError(f"{where}: information set {bad} has two nodes on one path (absent-mindedness), which is not supported")

    # canonical set numbers: players' sets player by player in preorder of their first node, chance sets last
    first_pre = np.full(n_sets, n, dtype=np.int64)
    np.minimum.at(first_pre, sets_new[inner], preorder[inner])
    canonical = np.lexsort((first_pre, np.where(owner == CHANCE, n_players, owner)))
    set_new_of = np.empty(n_sets, dtype=np.int64)
    set_new_of[canonical] = np.arange(n_sets)
    infoset_new = np.append(set_new_of, -1)[sets_new]  # terminals keep -1
    infoset_player = owner[canonical]

    labelled = [None] * n_sets if infoset_labels is None else list(infoset_labels)
    if len(labelled) != n_sets:
        raise InvalidGameError(f"{where}: infoset_labels must have one entry per information set ({n_sets}); got {len(labelled)}")
    given_probs = [None] * n_sets if chance_probs is None else list(chance_probs)
    if len(given_probs) != n_sets:
        raise InvalidGameError(f"{where}: chance_probs must have one entry per information set ({n_sets}); got {len(given_probs)}")
    kind = _kind(kind, payoffs, given_probs, where)
    order_list = canonical.tolist()
    owners = infoset_player.tolist()
    # each owner's sets are contiguous in the canonical order: count them from 1 for the default labels
    block = np.where(infoset_player == CHANCE, n_players, infoset_player)
    rank = np.arange(n_sets) - np.searchsorted(block, block, side="left") + 1
    owner_names = {**{p: name for p, name in enumerate(players)}, CHANCE: "chance"}
    set_labels: list[str] = []
    for h, who, k in zip(order_list, owners, rank.tolist(), strict=True):
        given_name = labelled[h]
        if given_name is None or given_name == "":
            set_labels.append(f"{owner_names[who]}:{k}")
        elif isinstance(given_name, str):
            set_labels.append(given_name)
        else:
            raise InvalidGameError(f"{where}: information-set labels must be strings; got {describe(given_name)}")
    pairs = list(zip(owners, set_labels, strict=True))
    if len(set(pairs)) != len(pairs):
        labelled_pairs: set[tuple[int, str]] = set()
        for who, name in pairs:
            if (who, name) in labelled_pairs:
                raise InvalidGameError(
                    f"{where}: {owner_names[who]!r} has two information sets labelled {name!r}; labels must be unique per player"
                )
            labelled_pairs.add((who, name))
    action_labels = [action_lists[h] for h in order_list]
    probs_out: list[tuple[Any, ...] | None] = [None] * n_sets
    for i in np.flatnonzero(infoset_player == CHANCE).tolist():
        probs_out[i] = _chance_probs(given_probs[order_list[i]], len(action_labels[i]), kind, f"{where}: chance node {set_labels[i]!r}")
    if chance_probs is not None:
        for i in np.flatnonzero(infoset_player != CHANCE).tolist():
            if given_probs[order_list[i]] is not None:
                raise InvalidGameError(
                    f"{where}: information set {set_labels[i]!r} belongs to {owner_names[owners[i]]!r}, not chance, and cannot have chance_probs"
                )

    members = np.lexsort((np.arange(n), np.where(inner, infoset_new, n_sets)))[: int(inner.sum())]
    member_start = np.searchsorted(infoset_new[members], np.arange(n_sets + 1))

    terminal_rows = np.full(n, -1, dtype=np.int64)
    is_terminal = mover_new == TERMINAL
    terminal_rows[is_terminal] = np.arange(int(is_terminal.sum()))
    payoff_arrays, exact_integers = _payoffs(payoffs, bfs, move, n_players, kind, where)

    labels_out: tuple[str, ...] | None = None
    if node_labels is not None:
        if isinstance(node_labels, str) or len(node_labels) != n:
            raise InvalidGameError(f"{where}: node_labels must have one label per node ({n}); got {describe(node_labels)}")
        labels_out = tuple(node_labels[int(i)] or "" for i in bfs)
        for label in labels_out:
            if not isinstance(label, str):
                raise InvalidGameError(f"{where}: node labels must be strings; got {describe(label)}")
        named = [label for label in labels_out if label]
        if len(set(named)) != len(named):
            dup = sorted({label for label in named if named.count(label) > 1})
            raise InvalidGameError(f"{where}: node labels must be unique; got duplicates {dup}")
        if not named:
            labels_out = None

    game = ExtensiveFormGame(
        players=players,
        parent=_readonly(parent_new),
        first_child=_readonly(first_child),
        n_children=_readonly(n_children),
        mover=_readonly(mover_new),
        infoset=_readonly(infoset_new),
        action=_readonly(position),
        depth=_readonly(depth),
        terminal=_readonly(terminal_rows),
        preorder=_readonly(preorder),
        size=_readonly(size),
        infoset_player=_readonly(infoset_player),
        infoset_actions=tuple(action_labels),
        infoset_labels=tuple(set_labels),
        chance_probs=tuple(probs_out),
        members=_readonly(members),
        member_start=_readonly(member_start),
        payoffs=payoff_arrays,
        node_labels=labels_out,
        perfect_recall=True,
        kind=kind,
        title=title,
    )
    object.__setattr__(game, "perfect_recall", _perfect_recall(game))
    if exact_integers is not None:
        game._cache["integer_payoffs"] = (exact_integers, (1,) * n_players)
    return game


def _action_labels(given: Any, where: str) -> tuple[str, ...]:
    if isinstance(given, str) or not isinstance(given, Sequence):
        raise InvalidGameError(f"{where}: expected a sequence of action labels; got {describe(given)}")
    labels = tuple(given)
    for label in labels:
        if not isinstance(label, str) or not label:
            raise InvalidGameError(f"{where}: action labels must be non-empty strings; got {describe(label)}")
    if len(set(labels)) != len(labels):
        raise InvalidGameError(f"{where}: action labels must be unique; got {list(labels)}")
    return labels


def _kind(kind: str | None, payoffs: Any, probs: list[Any], where: str) -> str:
    if kind is not None:
        if kind not in KINDS:
            raise InvalidGameError(f"{where}: kind must be one of {list(KINDS)}; got {kind!r}")
        return kind
    if isinstance(payoffs, np.ndarray) and payoffs.dtype.kind in "iuf":
        values: Any = ()
    else:
        values = (v for row in payoffs for v in (row if isinstance(row, Sequence | np.ndarray) else (row,)))
    symbolic = any(is_symbolic(v) for v in values) or any(is_symbolic(v) for p in probs if p is not None for v in p)
    return "symbolic" if symbolic else "exact"


def _chance_probs(given: Any, width: int, kind: str, where: str) -> tuple[Any, ...]:
    if given is None or isinstance(given, str) or not isinstance(given, Sequence | np.ndarray) or len(given) != width:
        raise InvalidGameError(f"{where}: expected {width} move probabilities; got {describe(given)}")
    return probabilities(given, kind, "the moves", where)


def _payoffs(
    payoffs: Any, bfs: np.ndarray, move: np.ndarray, n_players: int, kind: str, where: str
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...] | None]:
    """Payoff rows (given in node-number order of the terminals) as one array per player in breadth-first order.

    Also returns the same as int64 arrays when they were given as an integer numpy array (else None).
    """
    integers = None
    given_terminals = np.flatnonzero(move == TERMINAL)
    n_terminals = len(given_terminals)
    if isinstance(payoffs, np.ndarray) and payoffs.dtype.kind in "iuf":
        if payoffs.shape != (n_terminals, n_players):
            raise InvalidGameError(f"{where}: payoffs must have shape ({n_terminals}, {n_players}); got {payoffs.shape}")
        if payoffs.dtype.kind == "f" and not np.all(np.isfinite(payoffs)):
            raise InvalidGameError(f"{where}: payoffs must be finite numbers")
        if kind == "float":
            table = payoffs.astype(float)
        elif kind == "exact" and (payoffs.dtype.kind in "iu" or np.all(payoffs == np.round(payoffs))):
            integers = payoffs.astype(np.int64)
            table = integers.astype(object)
        else:
            table = np.array([[convert(v, kind, f"{where}: payoff") for v in row] for row in payoffs.tolist()], dtype=object)
    else:
        rows = list(payoffs)
        if len(rows) != n_terminals:
            raise InvalidGameError(f"{where}: expected {n_terminals} payoff rows (one per terminal node); got {len(rows)}")
        converted = []
        for t, row in enumerate(rows):
            if isinstance(row, str) or not isinstance(row, Sequence | np.ndarray) or len(row) != n_players:
                raise InvalidGameError(
                    f"{where}: terminal node {int(given_terminals[t])} must have {n_players} payoffs (one per player); got {describe(row)}"
                )
            converted.append(
                [convert(v, kind, f"{where}: payoff {p} at terminal node {int(given_terminals[t])}") for p, v in enumerate(row)]
            )
        table = np.array(converted, dtype=float if kind == "float" else object).reshape(n_terminals, n_players)
    # terminal rows follow the breadth-first order
    rank = np.empty(len(move), dtype=np.int64)
    rank[given_terminals] = np.arange(n_terminals)
    in_bfs = rank[bfs[move[bfs] == TERMINAL]]
    arrays = []
    for p in range(n_players):
        column = np.array(table[in_bfs, p])
        column.flags.writeable = False
        arrays.append(column)
    exact_integers = None
    if integers is not None:
        exact_integers = tuple(_compact(np.array(integers[in_bfs, p])) for p in range(n_players))
    return tuple(arrays), exact_integers


def _perfect_recall(game: ExtensiveFormGame) -> bool:
    """Every set's nodes share the player's last own (set, action) on the path: then they share the whole own history."""
    n = game.n_nodes
    last = np.full((game.n_players, n), -1, dtype=np.int64)  # encoded set * width + action, per player
    width = max((len(a) for a in game.infoset_actions), default=1)
    for start, stop in game._levels()[1:]:
        ups = game.parent[start:stop]
        last[:, start:stop] = last[:, ups]
        who = game.mover[ups]
        own = who >= 0
        cols = np.arange(start, stop)[own]
        last[who[own], cols] = game.infoset[ups[own]] * width + game.action[start:stop][own]
    inner = game.mover >= 0
    nodes = np.flatnonzero(inner)
    history = last[game.mover[nodes], nodes]
    sets = game.infoset[nodes]
    reference = np.full(game.n_infosets, -2, dtype=np.int64)
    reference[sets] = history
    return bool(np.all(reference[sets] == history))


# --- normal forms ---------------------------------------------------------------------------------
def _reduced_strategies(game: ExtensiveFormGame, player: int) -> tuple[tuple[int, ...], ...]:
    """Reduced pure strategies: choices only at the sets the player's own choices do not exclude."""
    sets = list(game.infosets_of(player))
    position = {h: i for i, h in enumerate(sets)}
    # for each of the player's sets, the sets reached next after each of its actions (the player's own next moves)
    following: dict[tuple[int, int], list[int]] = {}
    first: list[int] = []
    for h in sets:
        node = int(game.nodes_of(h)[0])
        key: tuple[int, int] | None = None
        walker = node
        while game.parent[walker] >= 0:
            up = int(game.parent[walker])
            if game.mover[up] == player:
                key = (int(game.infoset[up]), int(game.action[walker]))
                break
            walker = up
        if key is None:
            first.append(h)
        else:
            following.setdefault(key, []).append(h)

    counts: dict[int, int] = {}

    def count(h: int) -> int:  # reduced strategies of the part of the game that starts at set h
        if h not in counts:
            counts[h] = sum(math.prod(count(g) for g in following.get((h, a), [])) for a in range(len(game.infoset_actions[h])))
        return counts[h]

    total = math.prod(count(h) for h in first)
    if total > MAX_STRATEGIES:
        raise UnsupportedGameError(
            f"pure_strategies(): {game.players[player]!r} has {total} reduced pure strategies, more than {MAX_STRATEGIES};"
            " the normal form of this tree is too large (solve the tree itself, e.g. with 'spe' or 'sequence_form')"
        )

    def expand(todo: list[int]) -> list[dict[int, int]]:
        if not todo:
            return [{}]
        h, rest = todo[0], todo[1:]
        results = []
        for a in range(len(game.infoset_actions[h])):
            for tail in expand(following.get((h, a), []) + rest):
                results.append({h: a, **tail})
        return results

    strategies = []
    for choice in expand(first):
        row = [-1] * len(sets)
        for h, a in choice.items():
            row[position[h]] = a
        strategies.append(tuple(row))
    return tuple(sorted(strategies, key=lambda s: [(a < 0, a) for a in s]))


def consistent_terminals(game: ExtensiveFormGame, player: int, strategy: Sequence[int]) -> np.ndarray:
    """A 0/1 vector over nodes: 1 where the player's own moves on the path agree with ``strategy``."""
    sets = game.infosets_of(player)
    choice = np.full(game.n_infosets, -1, dtype=np.int64)
    choice[sets.start : sets.stop] = strategy
    ok = np.ones(game.n_nodes, dtype=bool)
    for start, stop in game._levels()[1:]:
        ups = game.parent[start:stop]
        mine = game.mover[ups] == player
        agrees = choice[game.infoset[ups]] == game.action[start:stop]
        ok[start:stop] = ok[ups] & (~mine | agrees)
    return ok


def chance_moves(game: ExtensiveFormGame) -> np.ndarray:
    """The probability of the move into each node when its parent is a chance node (1 elsewhere); computed once per game.

    Object entries (exact or symbolic) unless the game is a float game.
    """
    if "chance_moves" not in game._cache:
        exact = game.kind != "float"
        chance_sets = [h for h, probs in enumerate(game.chance_probs) if probs is not None]
        flat = [p for probs in game.chance_probs if probs is not None for p in probs]
        table = np.array(flat, dtype=object) if exact else np.array(flat, dtype=float)
        widths = np.array([len(game.infoset_actions[h]) for h in chance_sets], dtype=np.int64)
        offset = np.zeros(game.n_infosets, dtype=np.int64)
        offset[chance_sets] = np.cumsum(widths) - widths
        moves = np.ones(game.n_nodes, dtype=object if exact else float)
        children = np.flatnonzero((game.parent >= 0) & (game.mover[np.maximum(game.parent, 0)] == CHANCE))
        moves[children] = table[offset[game.infoset[game.parent[children]]] + game.action[children]]
        moves.flags.writeable = False
        game._cache["chance_moves"] = moves
    return game._cache["chance_moves"]


def chance_reach(game: ExtensiveFormGame) -> np.ndarray:
    """The probability of reaching each node through chance's moves alone (players' moves count as 1)."""
    moves = chance_moves(game)
    reach = np.empty(game.n_nodes, dtype=moves.dtype)
    reach[0] = 1
    for start, stop in game._levels()[1:]:
        reach[start:stop] = reach[game.parent[start:stop]] * moves[start:stop]
    return reach


#: Largest number of payoff entries (profiles) a normal form built from a tree may have.
MAX_PROFILES = 10_000_000


def _normal_form(game: ExtensiveFormGame, reduced: bool) -> NormalFormGame:
    strategies = [game.pure_strategies(p, reduced=reduced) for p in range(game.n_players)]
    profiles = math.prod(map(len, strategies))
    if profiles > MAX_PROFILES:
        sizes = "x".join(str(len(s)) for s in strategies)
        raise UnsupportedGameError(f"to_normal_form(): the normal form would be {sizes} = {profiles} profiles, more than {MAX_PROFILES}")
    terminals = game.terminals
    masks = [
        np.array([consistent_terminals(game, p, s)[terminals] for s in strategies[p]], dtype=np.int64).reshape(len(strategies[p]), -1)
        for p in range(game.n_players)
    ]
    weights = chance_reach(game)[terminals]
    arrays = []
    letters = "abcdefghijklmnopqrstuvwxy"
    spec = ",".join(f"{letters[p]}z" for p in range(game.n_players)) + ",z->" + letters[: game.n_players]
    for p in range(game.n_players):
        values = np.asarray(game.payoffs[p]) * weights
        dtype = float if game.kind == "float" else object
        arrays.append(np.einsum(spec, *(m.astype(dtype) for m in masks), values.astype(dtype)))
    actions = [tuple(game.strategy_label(p, s) for s in strategies[p]) for p in range(game.n_players)]
    return NormalFormGame.from_arrays(*arrays, players=game.players, actions=actions, kind=game.kind, title=game.title)
