"""Backward induction with continuous choices: offers, shares and levels of risk chosen from an interval.

A *continuous move* lets a player pick a number ``x`` from an interval
``[low, high]`` (an offer, a share of a pie, a probability of disaster); the
rest of the game, built with the library's :func:`~gametheory.decision`,
:func:`~gametheory.chance` and :func:`~gametheory.outcome` (or further
continuous moves), may depend on ``x`` and on parameters. :func:`choose`
builds such a move, :func:`continuous_game` checks a tree and
:func:`spe_continuous` solves it.

How it is solved
----------------
Backward induction, with every earlier choice fixed: at a decision the mover
takes her best action; at a continuous move the mover's payoff is piecewise in
``x`` (later movers switch where their payoffs cross), so its maximum is at one
of finitely many *candidates*: the ends of the interval, the roots of each
piece's first-order condition and the points where the play below switches,
all found with sympy from the payoffs the subtree can give. The best feasible
candidate wins. Each comparison of two expressions in the parameters is a sign
question answered by :mod:`gametheory.symbolic.cells`, which runs the
induction once per cell of parameter space (factors whose sign the bounds on
single parameters fix, such as ``d*w - 1`` for ``0 < d < 1`` and
``0 <= w <= 1``, are decided first by interval arithmetic, and on a boundary
of a cell a factor is asked with the boundary's equation put in); the result
has exact regimes like
the ``parametric`` solver's, so :meth:`~gametheory.SolveResult.at`,
:meth:`~gametheory.SolveResult.as_piecewise`, ``sweep`` and ``regime_map``
work on it. A player's *rule* at a node ("accept iff x >= r") is the same
induction with the earlier choices taken as parameters too.

Ties
----
Where a later mover is indifferent, the rule picks the continuation that the
earlier continuous mover prefers (the latest one whose choice enters the
later mover's payoffs). This is the tie-break that makes that mover's
supremum attained: in the ultimatum game, if the responder rejected the offer
that exactly matches her outside option ``r``, the proposer's payoff ``1 - x``
over accepted offers ``x > r`` would approach ``1 - r`` without reaching it,
the proposer would have no best offer, and no subgame-perfect equilibrium
would exist; accepting at indifference gives the unique SPE (Osborne 2004,
*An Introduction to Game Theory*, §6.1.1). Which earlier mover that is is read
from the tree as built (:attr:`ContinuousGame.ties`, kept when numbers are put
in), so a game solved symbolically and the same game at numbers break ties
alike. Where the earlier mover is indifferent as well, or there is no earlier
continuous mover, the first action wins at a decision and the smallest number
at a continuous move; on such boundaries other subgame-perfect equilibria
exist too.

Stationary equilibria of infinite games
---------------------------------------
:func:`stationary_spe` solves games that repeat a few *stages* (e.g.
"player 1 proposes", "player 2 proposes"), each a tree whose payoffs contain
the unknown continuation values of the stages: it solves every stage with the
values as parameters, then solves the fixed-point equations "each stage's
value equals its SPE payoff" for every combination of the stages' regimes and
keeps each combination where its conditions hold at its solution.
:func:`rubinstein` builds alternating offers (Rubinstein 1982): player 1 gets
``(1 - d2)/(1 - d1*d2)``.

Limits
------
* Perfect information only (no information sets across nodes).
* Candidates need closed forms: first-order conditions and switching points
  polynomial in the choice (all real roots) or solved by ``solveset`` into a
  finite set, and the compared expressions rational functions of the
  parameters (radicals of parameters are not ordered). Otherwise
  :func:`spe_continuous` solves at the numbers given in ``numeric`` with
  scipy's bounded search at the moves without closed form, or raises. That
  search handles a move whose play below depends on its own choice only.
* The value of a continuous move is its best candidate; the tie rule makes the
  supremum attained where a later mover's indifference is what creates the
  jump, but a payoff that jumps down at a boundary for other reasons could
  have an unattained supremum that the symbolic path does not detect (the
  numeric path does, and raises).

References
----------
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50(1), 97-109.
Osborne, M. J. & Rubinstein, A. (1990). *Bargaining and Markets*. Academic Press, ch. 3.
Osborne, M. J. (2004). *An Introduction to Game Theory*. Oxford University Press, §6.1 and ch. 16.
Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University Press, ch. 8.
Dixit, A., Skeath, S. & McAdams, D. (2021). *Games of Strategy*, 5th ed., Norton, the brinkmanship chapter
("Brinkmanship: The Cuban Missile Crisis").
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy

from .._numbers import describe, probabilities, substitution, to_symbolic
from ..errors import InvalidGameError, SolverError, UnsupportedGameError
from ..games.extensive_form import Chance, Decision, Outcome, _pairs, chance, decision
from ..results import Equilibrium, SolveResult
from ..solvers._registry import register
from .cells import MAX_LEAVES, Context, Domain, explore, linear_form, relation
from .regimes import Regime, _assemble

__all__ = [
    "Choose",
    "ContinuousGame",
    "StationaryGame",
    "branch",
    "choice_of_risk",
    "choose",
    "continuous_game",
    "lottery",
    "rubinstein",
    "spe_continuous",
    "stationary_game",
    "stationary_spe",
    "take_it_or_leave_it",
]

#: Runs of the case analysis (cells of parameter space) before :func:`spe_continuous` gives up.
MAX_CASES = 2_000


# --- the tree -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Choose:
    """A continuous move: ``player`` picks ``symbol`` from ``[low, high]``; ``subtree`` follows."""

    player: str
    symbol: sympy.Symbol
    low: sympy.Expr
    high: sympy.Expr
    subtree: Tree
    label: str = ""


Tree = Decision | Chance | Outcome | Choose


def _as_tree(value: Any, where: str) -> Tree:
    if isinstance(value, Decision | Chance | Outcome | Choose):
        return value
    if isinstance(value, tuple | list):
        return Outcome(tuple(value))
    raise InvalidGameError(
        f"{where}: expected a subtree (choose(), decision(), chance(), outcome() or a tuple of payoffs); got {describe(value)}"
    )


def choose(player: str, symbol: sympy.Symbol, interval: tuple[Any, Any], subtree: Any, *, label: str = "") -> Choose:
    """A continuous move: ``player`` chooses the number ``symbol`` in ``interval = (low, high)``.

    ``subtree`` is what follows: a tree built with :func:`~gametheory.decision`,
    :func:`~gametheory.chance`, :func:`~gametheory.outcome` (or a tuple of
    payoffs) or another :func:`choose`; its payoffs and probabilities may
    depend on ``symbol``, on earlier choices and on parameters. The bounds may
    depend on parameters and earlier choices, and must be finite.

    Parameters
    ----------
    player
        Who chooses.
    symbol
        The chosen number, a real sympy Symbol used by nothing else in the game.
    interval
        ``(low, high)``: numbers or expressions in parameters and earlier choices.
    subtree
        What follows the choice.
    label
        The node's label (default: the symbol's name).

    Returns
    -------
    Choose
        The node; check a whole tree with :func:`continuous_game`.

    Raises
    ------
    InvalidGameError
        A bad player, symbol, interval (``low > high``, or outside the symbol's sign assumptions) or subtree.

    Examples
    --------
    >>> import sympy
    >>> from gametheory import decision
    >>> x = sympy.Symbol("x")
    >>> move = choose("Proposer", x, (0, 1), decision("Responder", {"Accept": (1 - x, x), "Reject": (0, 0)}))
    >>> move.low, move.high
    (0, 1)
    """
    where = "choose()"
    if not isinstance(player, str) or not player:
        raise InvalidGameError(f"{where}: player must be a non-empty string; got {describe(player)}")
    if not isinstance(symbol, sympy.Symbol):
        raise InvalidGameError(f"{where}: symbol must be a sympy Symbol (the chosen number); got {describe(symbol)}")
    if symbol.is_real is False:
        raise InvalidGameError(f"{where}: symbol {symbol} must be real; it is declared non-real")
    if isinstance(interval, str) or not isinstance(interval, Sequence) or len(interval) != 2:
        raise InvalidGameError(f"{where}: interval must be a pair (low, high); got {describe(interval)}")
    low = to_symbolic(interval[0], f"{where}: lower bound of {symbol}")
    high = to_symbolic(interval[1], f"{where}: upper bound of {symbol}")
    for bound in (low, high):
        if symbol in bound.free_symbols:
            raise InvalidGameError(f"{where}: the bounds of {symbol} cannot depend on {symbol} itself; got [{low}, {high}]")
    if (low > high) is sympy.true:
        raise InvalidGameError(f"{where}: interval of {symbol} must have low <= high; got [{low}, {high}]")
    # the symbol's own sign assumptions must allow the whole interval
    if (symbol.is_nonnegative and (low < 0) is sympy.true) or (symbol.is_positive and (low <= 0) is sympy.true):
        raise InvalidGameError(
            f"{where}: {symbol} is declared {'positive' if symbol.is_positive else 'nonnegative'} but its interval starts at {low}"
        )
    if (symbol.is_nonpositive and (high > 0) is sympy.true) or (symbol.is_negative and (high >= 0) is sympy.true):
        raise InvalidGameError(
            f"{where}: {symbol} is declared {'negative' if symbol.is_negative else 'nonpositive'} but its interval ends at {high}"
        )
    if not isinstance(label, str):
        raise InvalidGameError(f"{where}: label must be a string; got {describe(label)}")
    return Choose(player, symbol, low, high, _as_tree(subtree, f"{where}: subtree"), label)


def branch(player: str, moves: Mapping[str, Any] | Sequence[tuple[str, Any]], *, label: str = "") -> Decision:
    """A discrete decision whose moves may lead to continuous moves.

    The library's :func:`~gametheory.decision` accepts only finite subtrees;
    use :func:`branch` for a decision taken *before* a continuous move (e.g.
    "challenge, then choose a level of risk").

    Parameters
    ----------
    player
        Who decides.
    moves
        Action label -> subtree (a mapping, or a sequence of pairs).
    label
        The node's label (default ``"<player>@<path>"``).

    Returns
    -------
    Decision
        An ordinary :class:`~gametheory.games.extensive_form.Decision` node.

    Raises
    ------
    InvalidGameError
        A bad player or moves.

    Examples
    --------
    >>> import sympy
    >>> q = sympy.Symbol("q")
    >>> node = branch("Challenger", {"Stay": (0, 0), "Challenge": choose("Challenger", q, (0, 1), (q, -q))})
    >>> [action for action, _ in node.moves]
    ['Stay', 'Challenge']
    """
    where = "branch()"
    if not isinstance(player, str) or not player:
        raise InvalidGameError(f"{where}: player must be a non-empty string; got {describe(player)}")
    pairs = _pairs(moves, where)
    built: Any = tuple((action, _as_tree(sub, f"{where}: move {action!r}")) for action, sub in pairs)
    return Decision(player, built, None, label)


def lottery(moves: Mapping[str, tuple[Any, Any]] | Sequence[tuple[str, tuple[Any, Any]]], *, label: str = "") -> Chance:
    """A chance move whose branches may lead to continuous moves: ``moves`` maps labels to ``(probability, subtree)``.

    The counterpart of :func:`branch` for chance: :func:`~gametheory.chance` accepts only finite
    subtrees. The probabilities are checked when the whole tree is (:func:`continuous_game`).

    Examples
    --------
    >>> import sympy
    >>> x, q = sympy.symbols("x q", nonnegative=True)
    >>> node = lottery({"R offers": (1 - q, choose("R", x, (0, 1), (x, 1 - x))), "Stalemate": (q, (0, 0))})
    >>> [(name, p) for name, p, _ in node.moves]
    [('R offers', 1 - q), ('Stalemate', q)]
    """
    where = "lottery()"
    triples: list[Any] = []
    for name, value in _pairs(moves, where):
        if not isinstance(value, tuple | list) or len(value) != 2:
            raise InvalidGameError(f"{where}: move {name!r} must be a (probability, subtree) pair; got {describe(value)}")
        triples.append((name, value[0], _as_tree(value[1], f"{where}: move {name!r}")))
    return Chance(tuple(triples), label)


# --- the game -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, eq=False)
class ContinuousGame:
    """A checked game tree with continuous moves; build it with :func:`continuous_game`.

    Attributes
    ----------
    root
        The tree, with payoffs and probabilities as sympy expressions and
        every decision, chance and continuous node labelled (defaults:
        ``"<player>@<path>"`` for decisions, ``"chance@<path>"`` for chance
        nodes, the symbol's name for continuous moves; ``<path>`` lists the
        moves from the root, a continuous move by its symbol).
    players
        Player labels; payoff tuples are in this order.
    parameters
        The free symbols that are not chosen in the game, sorted by name.
    choices
        The chosen symbols, depth first.
    assume
        Facts about the parameters (sympy relationals) that hold in the model.
    nodes
        ``(label, player, kind)`` of each decision (``"decision"``), chance
        (``"chance"``, player ``None``) and continuous (``"continuous"``) node, depth first.
    ties
        For each decision and continuous node, the index of the player whose
        preference breaks the mover's ties (the mover of the latest earlier
        continuous move whose symbol appears in the mover's payoffs below the
        node), or ``None``. Read from the tree as built and kept by
        :meth:`subs`, so a game with numbers put in breaks ties like the symbolic one.
    """

    root: Tree
    players: tuple[str, ...]
    parameters: tuple[sympy.Symbol, ...]
    choices: tuple[sympy.Symbol, ...]
    assume: tuple[Any, ...]
    nodes: tuple[tuple[str, str | None, str], ...]
    title: str = ""
    ties: Mapping[str, int | None] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """For each player, the labels of the nodes where they move (a strategy assigns a rule to each).

        With :func:`spe_continuous`, ``equilibrium.profile[p]`` lists player
        ``p``'s rules in this order, so :meth:`~gametheory.SolveResult.strategy`
        maps these labels to rules.
        """
        return tuple(tuple(label for label, who, _ in self.nodes if who == player) for player in self.players)

    def subs(self, values: Mapping[Any, Any]) -> ContinuousGame:
        """The game with numbers (or expressions) put in for some parameters.

        Examples
        --------
        >>> import sympy
        >>> game = take_it_or_leave_it(sympy.Symbol("r"))
        >>> game.subs({"r": sympy.Rational(1, 4)}).parameters
        ()
        """
        where = "ContinuousGame.subs()"
        mapping = substitution(values, set(self.parameters), where)
        root = _map_tree(self.root, lambda e: e.xreplace(mapping))
        facts = []
        for fact in self.assume:
            new = fact.xreplace(mapping)
            if new is sympy.false:
                raise InvalidGameError(f"{where}: the values violate the game's assumption {fact}")
            if new is not sympy.true:
                facts.append(new)
        return replace(continuous_game(root, players=self.players, assume=facts, title=self.title), ties=self.ties)

    def __repr__(self) -> str:
        kinds = [kind for _, _, kind in self.nodes]
        return (
            f"<ContinuousGame{': ' + self.title if self.title else ''}: {self.n_players} players, "
            f"{kinds.count('continuous')} continuous and {kinds.count('decision')} discrete moves, "
            f"parameters {[s.name for s in self.parameters]}>"
        )


def _map_tree(node: Tree, f: Any) -> Tree:
    if isinstance(node, Outcome):
        return Outcome(tuple(f(sympy.sympify(v)) for v in node.payoffs), node.label)
    moves: Any
    if isinstance(node, Decision):
        moves = tuple((a, _map_tree(sub, f)) for a, sub in node.moves)
        return Decision(node.player, moves, node.infoset, node.label)
    if isinstance(node, Chance):
        moves = tuple((a, f(sympy.sympify(p)), _map_tree(sub, f)) for a, p, sub in node.moves)
        return Chance(moves, node.label)
    return Choose(node.player, node.symbol, f(node.low), f(node.high), _map_tree(node.subtree, f), node.label)


def _relations(assume: Any, where: str, argument: str = "assume") -> tuple[Any, ...]:
    """``assume`` as a tuple of sympy relationals (a relational, an And of them, or an iterable of either)."""
    items = [assume] if isinstance(assume, sympy.Basic) else list(assume) if isinstance(assume, Iterable) else None
    if items is None:
        raise InvalidGameError(f"{where}: {argument} must be a sympy relational or a sequence of them; got {describe(assume)}")
    out: list[Any] = []
    for item in items:
        if item is sympy.true or item is True:
            continue
        if item is sympy.false or item is False:
            raise InvalidGameError(f"{where}: {argument} contains a false statement; got {describe(item)}")
        if isinstance(item, sympy.And):
            out.extend(_relations(item.args, where, argument))
        elif isinstance(item, sympy.core.relational.Relational):
            out.append(item)
        else:
            raise InvalidGameError(f"{where}: {argument} must hold sympy relationals (e.g. r < 1) or And of them; got {describe(item)}")
    return tuple(out)


@dataclass
class _Walk:
    where: str
    players: tuple[str, ...]
    choices: dict[sympy.Symbol, str]
    nodes: list[tuple[str, str | None, str]]
    infosets: set[tuple[str, str]]
    symbols: set[sympy.Symbol]


def _collect(node: Any, order: list[str], choices: dict[sympy.Symbol, str], where: str, path: str) -> None:
    """First pass: movers in depth-first order and the chosen symbols (each chosen once)."""
    node = _as_tree(node, f"{where}: node at {path or 'the root'}")
    if isinstance(node, Outcome):
        return
    if isinstance(node, Decision | Choose) and node.player not in order:
        order.append(node.player)
    if isinstance(node, Choose):
        if node.symbol in choices:
            raise InvalidGameError(
                f"{where}: symbol {node.symbol} is chosen at two nodes ({choices[node.symbol] or 'the root'} and {path or 'the root'});"
                " each continuous move needs its own symbol"
            )
        choices[node.symbol] = path
        _collect(node.subtree, order, choices, where, _join(path, node.symbol.name))
    elif isinstance(node, Decision):
        for action, sub in node.moves:
            _collect(sub, order, choices, where, _join(path, str(action)))
    else:
        for action, _, sub in node.moves:
            _collect(sub, order, choices, where, _join(path, str(action)))


def _join(path: str, step: str) -> str:
    return f"{path}/{step}" if path else step


def _check_scope(values: Iterable[sympy.Expr], scope: tuple[sympy.Symbol, ...], walk: _Walk, what: str) -> None:
    for value in values:
        free = value.free_symbols
        walk.symbols |= free
        outside = [s for s in free if s in walk.choices and s not in scope]
        if outside:
            raise InvalidGameError(
                f"{walk.where}: {what} depends on {outside[0]}, which is chosen at {walk.choices[outside[0]] or 'the root'},"
                " not before this point; a payoff may depend only on the choices made on its path"
            )


def _normalize(node: Any, path: str, scope: tuple[sympy.Symbol, ...], walk: _Walk) -> Tree:
    where, players = walk.where, walk.players
    node = _as_tree(node, f"{where}: node at {path or 'the root'}")
    at = f"at {path}" if path else "at the root"
    if isinstance(node, Outcome):
        if len(node.payoffs) != len(players):
            raise InvalidGameError(
                f"{where}: the outcome {at} has {len(node.payoffs)} payoffs; expected {len(players)} (one per player of {list(players)})"
            )
        payoffs = tuple(to_symbolic(v, f"{where}: payoff of {players[p]!r} {at}") for p, v in enumerate(node.payoffs))
        _check_scope(payoffs, scope, walk, f"the outcome {at}")
        return Outcome(payoffs, node.label)
    if not isinstance(node.label, str):
        raise InvalidGameError(f"{where}: node labels must be strings; got {describe(node.label)} {at}")
    slot = len(walk.nodes)
    walk.nodes.append(("", None, ""))
    if isinstance(node, Chance):
        label = node.label or f"chance@{path or 'root'}"
        walk.nodes[slot] = (label, None, "chance")
        if not node.moves:
            raise InvalidGameError(f"{where}: chance node {label!r} has no moves")
        probs = probabilities([p for _, p, _ in node.moves], "symbolic", f"chance node {label!r}", where)
        _check_scope(probs, scope, walk, f"a probability of chance node {label!r}")
        triples: Any = tuple(
            (name, p, _normalize(sub, _join(path, str(name)), scope, walk)) for (name, _, sub), p in zip(node.moves, probs, strict=True)
        )
        return Chance(triples, label)
    if node.player not in players:
        raise InvalidGameError(f"{where}: the tree has a move of {node.player!r} {at}, who is not among players={list(players)}")
    if isinstance(node, Choose):
        label = node.label or node.symbol.name
        walk.nodes[slot] = (label, node.player, "continuous")
        _check_scope((node.low, node.high), scope, walk, f"the interval of {node.symbol}")
        sub = _normalize(node.subtree, _join(path, node.symbol.name), (*scope, node.symbol), walk)
        return Choose(node.player, node.symbol, node.low, node.high, sub, label)
    label = node.label or f"{node.player}@{path or 'root'}"
    walk.nodes[slot] = (label, node.player, "decision")
    if node.infoset is not None:
        if (node.player, node.infoset) in walk.infosets:
            raise UnsupportedGameError(
                f"{where}: information set {node.infoset!r} of {node.player!r} has several nodes; continuous games must have perfect information"
            )
        walk.infosets.add((node.player, node.infoset))
    actions = [action for action, _ in node.moves]
    if not actions:
        raise InvalidGameError(f"{where}: decision node {label!r} has no moves")
    if any(not isinstance(a, str) or not a for a in actions) or len(set(actions)) != len(actions):
        raise InvalidGameError(f"{where}: the actions of {label!r} must be unique non-empty strings; got {actions}")
    pairs: Any = tuple((action, _normalize(sub, _join(path, action), scope, walk)) for action, sub in node.moves)
    return Decision(node.player, pairs, node.infoset, label)


def continuous_game(root: Any, *, players: Sequence[str] | None = None, assume: Any = (), title: str = "") -> ContinuousGame:
    """Check a tree with continuous moves and return it as a :class:`ContinuousGame`.

    Parameters
    ----------
    root
        The root: a :func:`choose` node, or a :func:`branch` /
        :func:`~gametheory.decision` / :func:`~gametheory.chance` node.
    players
        Player labels in payoff order; default: in the order they first move.
    assume
        Facts about the parameters that hold in the model (sympy relationals,
        e.g. ``[r >= 0, r <= 1]``); :func:`spe_continuous` uses them.
    title
        A name for the game.

    Raises
    ------
    InvalidGameError
        A payoff tuple of the wrong length, a mover not among ``players``, a
        symbol chosen at two nodes, a payoff depending on a choice not made
        before it, an interval with ``low > high``, bad probabilities.
    UnsupportedGameError
        An information set with several nodes.

    Examples
    --------
    >>> import sympy
    >>> from gametheory import decision
    >>> x = sympy.Symbol("x")
    >>> game = continuous_game(choose("Proposer", x, (0, 1), decision("Responder", {"Accept": (1 - x, x), "Reject": (0, 0)})))
    >>> game.players, game.choices, [label for label, _, _ in game.nodes]
    (('Proposer', 'Responder'), (x,), ['x', 'Responder@x'])
    """
    where = "continuous_game()"
    order: list[str] = []
    chosen: dict[sympy.Symbol, str] = {}
    _collect(root, order, chosen, where, "")
    if players is None:
        names = tuple(order)
    else:
        if isinstance(players, str) or not isinstance(players, Sequence) or not all(isinstance(p, str) and p for p in players):
            raise InvalidGameError(f"{where}: players must be a sequence of non-empty strings; got {describe(players)}")
        names = tuple(players)
        if len(set(names)) != len(names):
            raise InvalidGameError(f"{where}: player labels must be unique; got {list(names)}")
    if not names:
        raise InvalidGameError(f"{where}: the game needs at least one player; the tree has no moves and players were not given")
    walk = _Walk(where, names, chosen, [], set(), set())
    tree = _normalize(root, "", (), walk)
    labels = [label for label, _, _ in walk.nodes]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise InvalidGameError(f"{where}: node labels must be unique; got duplicates {duplicates}")
    facts = _relations(assume, where)
    for fact in facts:
        walk.symbols |= fact.free_symbols
        used = [s for s in fact.free_symbols if s in chosen]
        if used:
            raise InvalidGameError(f"{where}: assumptions are about parameters; {fact} involves the choice {used[0]}")
    parameters = tuple(sorted((s for s in walk.symbols if s not in chosen and isinstance(s, sympy.Symbol)), key=lambda s: s.name))
    game = ContinuousGame(tree, names, parameters, tuple(chosen), facts, tuple(walk.nodes), title)
    return replace(game, ties=MappingProxyType(_breakers(game)))


def _facts(game: ContinuousGame, assume: Any, where: str) -> tuple[Any, ...]:
    extra = _relations(assume, where)
    for fact in extra:
        used = [s for s in fact.free_symbols if s in game.choices]
        if used:
            raise InvalidGameError(f"{where}: assume is about parameters; {fact} involves the choice {used[0]}")
    return (*game.assume, *extra)


def _breakers(game: ContinuousGame) -> dict[str, int | None]:
    """For each decision and continuous node: the player whose preference breaks the mover's ties, from the tree as written.

    That is the mover of the latest earlier continuous move whose symbol
    appears in the mover's payoffs (or in the probabilities or bounds) below
    the node; ``None`` when there is none. Read from the tree before any
    numbers are put in, so the symbolic and the numeric solutions break ties alike.
    """
    index = {p: i for i, p in enumerate(game.players)}
    out: dict[str, int | None] = {}

    def below(node: Tree, mover: int) -> set[sympy.Basic]:
        if isinstance(node, Outcome):
            return set(sympy.sympify(node.payoffs[mover]).free_symbols)
        if isinstance(node, Decision):
            return set().union(*(below(sub, mover) for _, sub in node.moves))
        if isinstance(node, Chance):
            return set().union(*(below(sub, mover) | set(sympy.sympify(q).free_symbols) for _, q, sub in node.moves))
        return below(node.subtree, mover) | node.low.free_symbols | node.high.free_symbols

    def walk(node: Tree, choosers: tuple[tuple[sympy.Symbol, int], ...]) -> None:
        if isinstance(node, Outcome):
            return
        if isinstance(node, Decision | Choose):
            mover = index[node.player]
            used = below(node, mover)
            out[node.label] = next((player for symbol, player in reversed(choosers) if symbol in used), None)
        if isinstance(node, Choose):
            walk(node.subtree, (*choosers, (node.symbol, index[node.player])))
        elif isinstance(node, Decision):
            for _, sub in node.moves:
                walk(sub, choosers)
        else:
            for _, _, sub in node.moves:
                walk(sub, choosers)

    walk(game.root, ())
    return out


# --- backward induction at a point ----------------------------------------------------------------
Sign = Callable[[Any], int]
Plan = tuple[tuple[str, Any], ...]
_ALL = frozenset({-1, 0, 1})
_RELATIONS: dict[type, frozenset[int]] = {
    sympy.StrictGreaterThan: frozenset({1}),
    sympy.StrictLessThan: frozenset({-1}),
    sympy.GreaterThan: frozenset({0, 1}),
    sympy.LessThan: frozenset({-1, 0}),
    sympy.Eq: frozenset({0}),
    sympy.Ne: frozenset({-1, 1}),
}
_FLIPPED: dict[type, type] = {
    sympy.StrictGreaterThan: sympy.StrictLessThan,
    sympy.StrictLessThan: sympy.StrictGreaterThan,
    sympy.GreaterThan: sympy.LessThan,
    sympy.LessThan: sympy.GreaterThan,
    sympy.Eq: sympy.Eq,
    sympy.Ne: sympy.Ne,
}


class _NoClosedForm(Exception):
    """sympy finds no closed form for the candidates of a continuous move, or cannot order them."""


class _TooManyCases(_NoClosedForm):
    """The case analysis ran past :data:`MAX_CASES` cells."""


def _number_sign(value: Any) -> int:
    """The exact sign of a real number (radicals and algebraic roots included)."""
    value = sympy.sympify(value)
    if value.is_zero:
        return 0
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    real, imag = sympy.N(value, 50).as_real_imag()
    if abs(imag) > 1e-40:
        raise SolverError(f"spe_continuous(): a compared value is not real: {value}")
    if abs(real) < 1e-45:
        return 0 if value.equals(0) else (1 if real > 0 else -1)
    return 1 if real > 0 else -1


def _float_sign(value: Any) -> int:
    """The sign of a number in floating point, with a tolerance (used by the numeric search only)."""
    number = float(value)
    return 0 if abs(number) <= 1e-9 else (1 if number > 0 else -1)


def _signer(context: Context) -> Sign:
    """``sign`` for expressions in the cell's parameters: numbers exactly; each irreducible factor by the bounds on
    single parameters when they fix its sign, on a boundary of the cell (an equality solved for one parameter) by
    the factor with that parameter put in, else by the cell (splitting it)."""
    domain = context.domain

    def sign(expr: Any, reduce: bool = True) -> int:
        expr = sympy.sympify(expr)
        if not expr.free_symbols:
            return _number_sign(expr)
        if not expr.is_rational_function():
            raise _NoClosedForm(f"cannot order {expr}: only rational functions of the parameters are compared")
        constant, atoms = domain.factors(expr)
        for atom, power in atoms:
            if constant == 0:
                break
            s = _box_sign(domain, atom)
            if s is None and reduce:
                reduced = _on_boundary(context, atom)
                s = None if reduced is None else sign(reduced, reduce=False)
            s = context.atom_sign(atom) if s is None else s
            if s == 0 and power < 0:
                raise SolverError(f"{domain.where}: internal error: {expr} is undefined where {atom} = 0")
            constant *= s ** abs(power)
        return constant

    return sign


def _on_boundary(context: Context, atom: sympy.Expr) -> sympy.Expr | None:
    """``atom`` with the cell's equalities put in, each solved for a parameter whose coefficient has a sign fixed by the
    bounds (``None`` when none applies). On ties the question then needs no new equality in the cell."""
    domain, expr = context.domain, atom
    for equality, sign in context.cell.signs:
        if sign != 0:
            continue
        for v in sorted(equality.free_symbols & expr.free_symbols, key=lambda s: s.name):
            if sympy.degree(equality, v) != 1:
                continue
            a, b = sympy.Poly(equality, v).all_coeffs()
            if _fixed_sign(a, domain, box=True):
                expr = sympy.together(expr.xreplace({v: -b / a}))
                break
    return None if expr is atom else expr


# an interval: (low, low attained, high, high attained), infinite ends as -inf / inf
Interval = tuple[Any, bool, Any, bool]


@functools.lru_cache(maxsize=64)
def _boxes(domain: Domain) -> dict[sympy.Symbol, Interval]:
    """The interval each parameter lies in by the domain's assumptions on it alone (``0 < d < 1``, ``v >= 0``...)."""
    boxes: dict[sympy.Symbol, Interval] = {}
    for atom, signs in domain.base.items():
        form = linear_form(atom)
        if form is None or len(form[0]) != 1 or not signs or signs == _ALL or signs == {-1, 1}:
            continue
        (((v, a),), k) = form
        bound = -k / a
        lo, lo_in, hi, hi_in = boxes.get(v, (-math.inf, False, math.inf, False))
        above = {s * (1 if a > 0 else -1) for s in signs}  # the signs of v - bound that are allowed
        closed = 0 in above
        # a bound is tighter when further in, or as far and open
        if -1 not in above and (bound, not closed) > (lo, not lo_in):
            lo, lo_in = bound, closed
        if 1 not in above and (-bound, not closed) > (-hi, not hi_in):
            hi, hi_in = bound, closed
        boxes[v] = (lo, lo_in, hi, hi_in)
    return boxes


@functools.lru_cache(maxsize=65536)
def _box_sign(domain: Domain, atom: sympy.Expr) -> int | None:
    """The sign of ``atom`` on the box of :func:`_boxes` by interval arithmetic (sound), or None when it is not fixed.

    Products of bounded parameters (``d*w - 1`` with ``0 < d < 1``, ``0 <= w <= 1``) are decided here at once;
    they are costly for the general procedure of :mod:`~gametheory.symbolic.cells`.
    """
    boxes = _boxes(domain)
    variables = sorted(atom.free_symbols, key=lambda v: v.name)
    if not all(v in boxes for v in variables):
        return None
    total: Interval = (Fraction(0), True, Fraction(0), True)
    for monomial, coefficient in sympy.Poly(atom, *variables).terms():
        c = Fraction(int(coefficient.p), int(coefficient.q))
        term: Interval = (c, True, c, True)
        for v, k in zip(variables, monomial, strict=True):
            for _ in range(k):
                term = _times(term, boxes[v])
        total = (total[0] + term[0], total[1] and term[1], total[2] + term[2], total[3] and term[3])
    lo, lo_in, hi, hi_in = total
    if lo > 0 or (lo == 0 and not lo_in):
        return 1
    if hi < 0 or (hi == 0 and not hi_in):
        return -1
    return 0 if lo == hi == 0 else None


def _times(first: Interval, second: Interval) -> Interval:
    """The product of two intervals (its ends attained when a pair of attained ends or an attained 0 gives them)."""
    ends: list[tuple[Any, bool]] = []
    for a, a_in, a_side in ((first[0], first[1], 1), (first[2], first[3], -1)):
        for b, b_in, b_side in ((second[0], second[1], 1), (second[2], second[3], -1)):
            if (a == 0 and a_in) or (b == 0 and b_in):
                ends.append((Fraction(0), True))
            elif (a == 0 and math.isinf(b)) or (b == 0 and math.isinf(a)):
                # near an open 0 times an infinite end the product takes every size, with the sign of the sides
                ends += [(Fraction(0), False), ((a_side if a == 0 else a) * (b_side if b == 0 else b) * math.inf, False)]
            else:
                ends.append((a * b, a_in and b_in))
    lo = min(value for value, _ in ends)
    hi = max(value for value, _ in ends)
    return lo, any(value == lo and attained for value, attained in ends), hi, any(value == hi and attained for value, attained in ends)


def _holds(condition: Any, sign: Sign) -> bool:
    """Whether a Boolean of relations holds, each relation decided by ``sign``."""
    if condition in (True, sympy.true):
        return True
    if condition in (False, sympy.false):
        return False
    if isinstance(condition, sympy.And):
        return all(_holds(c, sign) for c in condition.args)
    if isinstance(condition, sympy.Or):
        return any(_holds(c, sign) for c in condition.args)
    if isinstance(condition, sympy.Not):
        return not _holds(condition.args[0], sign)
    return sign(condition.lhs - condition.rhs) in _RELATIONS[type(condition)]


def _branches(value: sympy.Expr) -> list[tuple[sympy.Expr, Any]]:
    """``value`` as Piecewise branches ``(expression, condition)`` (Min, Max and Abs rewritten); one branch when plain."""
    if not value.has(sympy.Piecewise, sympy.Min, sympy.Max, sympy.Abs):
        return [(value, sympy.true)]
    folded = sympy.piecewise_fold(value.rewrite(sympy.Piecewise))
    return list(folded.args) if isinstance(folded, sympy.Piecewise) else [(folded, sympy.true)]


def _best(options: Sequence[tuple[Any, tuple[Any, ...], Plan]], mover: int, breaker: int | None, sign: Sign, *, smallest: bool) -> Any:
    """The best ``(choice, payoffs, plan)``: highest payoff of ``mover``, then of ``breaker``, then the smallest choice or the first."""
    best = options[0]
    for option in options[1:]:
        s = sign(option[1][mover] - best[1][mover])
        if s == 0 and breaker is not None:
            s = sign(option[1][breaker] - best[1][breaker])
        if s == 0 and smallest:
            s = sign(best[0] - option[0])
        if s > 0:
            best = option
    return best


def _differences(vectors: Sequence[tuple[sympy.Expr, ...]], players: Iterable[int | None]) -> list[sympy.Expr]:
    """Where two of the payoff vectors cross for one of the players: the roots of these differences."""
    return [u[p] - v[p] for u, v in itertools.combinations(vectors, 2) for p in players if p is not None]


def _polynomial(expr: sympy.Expr, x: sympy.Symbol) -> tuple[Any, ...] | None:
    """The coefficients in ``x`` of ``expr``'s numerator, ``("set", roots...)`` when solveset finds finitely many, ``None`` without ``x``."""
    numerator = sympy.fraction(sympy.together(expr))[0]
    if x not in numerator.free_symbols:
        return None
    if numerator.is_polynomial(x):
        return tuple(sympy.Poly(numerator, x).all_coeffs())
    found = sympy.solveset(numerator, x, sympy.S.Reals)
    if isinstance(found, sympy.Intersection):  # e.g. a FiniteSet intersected with the reals
        found = next((a for a in found.args if isinstance(a, sympy.FiniteSet)), found)
    if isinstance(found, sympy.FiniteSet) or found is sympy.S.EmptySet:
        return ("set", *found)
    raise _NoClosedForm(f"sympy cannot solve {numerator} = 0 for {x} in closed form")


@functools.lru_cache(maxsize=4096)
def _solved(coefficients: tuple[sympy.Expr, ...], x: sympy.Symbol) -> tuple[sympy.Expr, ...]:
    """The real roots of the polynomial with these coefficients (those sympy may write with I kept; they fail later)."""
    poly = sympy.Poly(coefficients, x)
    if not poly.free_symbols - {x}:
        return tuple(sympy.real_roots(poly))
    try:
        roots = sympy.solve(poly.as_expr(), x)
    except NotImplementedError as exc:
        raise _NoClosedForm(f"sympy cannot solve {poly.as_expr()} = 0 for {x}") from exc
    if any(r.has(sympy.CRootOf) for r in roots):
        raise _NoClosedForm(f"the roots of {poly.as_expr()} in {x} have no closed form")
    return tuple(r for r in roots if r.is_real is not False)


def _roots(polynomial: tuple[Any, ...] | None, x: sympy.Symbol, sign: Sign | None) -> list[sympy.Expr]:
    """Roots from :func:`_polynomial`'s output. With ``sign``, leading coefficients that vanish in the cell are dropped;
    without it (earlier choices still symbols), the roots of every truncation whose leading coefficient may vanish are added."""
    if polynomial is None:
        return []
    if polynomial[0] == "set":
        return list(polynomial[1:])
    coefficients = list(polynomial)
    out: list[sympy.Expr] = []
    while len(coefficients) > 1:
        lead = coefficients[0]
        if lead.free_symbols and sign is not None and sign(lead) == 0:
            coefficients.pop(0)
            continue
        if lead != 0:
            out += _solved(tuple(coefficients), x)
            if sign is not None or not lead.free_symbols:
                break
        coefficients.pop(0)
    return out


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a subtree can pay as a function of the choices above it, and the expressions whose signs select among them."""

    payoffs: tuple[tuple[sympy.Expr, ...], ...]
    switches: tuple[sympy.Expr, ...]


class _Induction:
    """Backward induction on a :class:`ContinuousGame` with the choices above a node fixed (``env``).

    ``mode``: ``"exact"`` (closed forms or :class:`_NoClosedForm`), ``"fallback"`` (scipy where there is no closed
    form; parameters are numbers) or ``"scipy"`` (scipy at every continuous move).
    """

    def __init__(self, game: ContinuousGame, where: str, mode: str = "exact"):
        self.game, self.where, self.mode = game, where, mode
        self.index = {p: i for i, p in enumerate(game.players)}
        self.used_scipy = False
        self.nodes: dict[str, Any] = {}
        self.above: dict[str, tuple[Choose, ...]] = {}  # the continuous moves before each node
        self._shapes: dict[int, _Shape] = {}
        self._polynomials: dict[Any, list[Any]] = {}

        def walk(node: Tree, above: tuple[Choose, ...]) -> None:
            if isinstance(node, Outcome):
                return
            self.nodes[node.label], self.above[node.label] = node, above
            if isinstance(node, Choose):
                walk(node.subtree, (*above, node))
            for move in () if isinstance(node, Choose) else node.moves:
                walk(move[-1], above)

        walk(game.root, ())

    def solve(self, node: Tree, env: Mapping[sympy.Symbol, Any], sign: Sign) -> tuple[tuple[sympy.Expr, ...], Plan]:
        """The SPE payoffs below ``node`` and the play (node label -> action or number), every comparison by ``sign``."""
        if isinstance(node, Outcome):
            return tuple(self._resolve(sympy.sympify(u).xreplace(env), sign) for u in node.payoffs), ()
        if isinstance(node, Chance):
            total: list[sympy.Expr] = [sympy.Integer(0)] * self.game.n_players
            plan: Plan = ()
            for _, probability, sub in node.moves:
                payoffs, more = self.solve(sub, env, sign)
                q = sympy.sympify(probability).xreplace(env)
                total = [t + q * u for t, u in zip(total, payoffs, strict=True)]
                plan += more
            return tuple(total), plan
        mover, breaker = self.index[node.player], self.game.ties.get(node.label)
        if isinstance(node, Decision):
            options = [(action, *self.solve(sub, env, sign)) for action, sub in node.moves]
            action, payoffs, plan = _best(options, mover, breaker, sign, smallest=False)
            return payoffs, ((node.label, action), *plan)
        x, low, high = node.symbol, node.low.xreplace(env), node.high.xreplace(env)
        if sign(high - low) < 0:
            raise InvalidGameError(
                f"{self.where}: cannot show that the interval [{low}, {high}] of {x} (node {node.label!r}) is not empty;"
                f" add {sympy.Le(low, high)} to assume"
            )
        if self.mode == "scipy":
            return self._numeric(node, env, mover)
        try:
            candidates = self._candidates(node, env, sign, mover)
        except _NoClosedForm as exc:
            if self.mode == "fallback":
                return self._numeric(node, env, mover)
            if str(exc).startswith("no closed form"):
                raise
            raise _NoClosedForm(f"no closed form at node {node.label!r} ({node.player} chooses {x}): {exc}") from None
        options = []
        for c in candidates:
            if sign(sympy.fraction(sympy.together(c))[1]) == 0 or sign(c - low) < 0 or sign(high - c) < 0:
                continue
            options.append((c, *self.solve(node.subtree, {**env, x: c}, sign)))
        # the best of each discrete play below first: candidates on one smooth piece compare without new case splits
        pieces: dict[tuple[str, ...], list[Any]] = {}
        for option in options:
            pieces.setdefault(tuple(v for _, v in option[2] if isinstance(v, str)), []).append(option)
        winners = [_best(piece, mover, breaker, sign, smallest=True) for piece in pieces.values()]
        choice, payoffs, plan = _best(winners, mover, breaker, sign, smallest=True)
        return payoffs, ((node.label, choice), *plan)

    def _resolve(self, value: sympy.Expr, sign: Sign) -> sympy.Expr:
        for expr, condition in _branches(value):
            if _holds(condition, sign):
                return expr
        raise InvalidGameError(f"{self.where}: a Piecewise payoff must be defined everywhere (end with a True condition); got {value}")

    def _candidates(self, node: Choose, env: Mapping[sympy.Symbol, Any], sign: Sign, mover: int) -> list[sympy.Expr]:
        """The critical points of every payoff the mover can get, every switching point and the ends of the interval."""
        x = node.symbol
        key = (id(node), tuple(env.items()))
        polynomials = self._polynomials.get(key)
        if polynomials is None:
            shape = self._shape(node.subtree)
            exprs = []
            for u in shape.payoffs:
                slope = sympy.diff(u[mover].xreplace(env), x)
                curvature = sympy.diff(slope, x)
                if not (curvature.is_number and curvature > 0):  # a strictly convex piece is highest at its ends
                    exprs.append(slope)
            exprs += [s.xreplace(env) for s in shape.switches]
            polynomials = self._polynomials[key] = list(dict.fromkeys(_polynomial(e, x) for e in exprs))
        # interior points first: compared with them, the ends rarely need a new case split
        found = [r for polynomial in polynomials for r in _roots(polynomial, x, sign)]
        found += [node.low.xreplace(env), node.high.xreplace(env)]
        unique = {sympy.cancel(c): c for c in reversed(found) if not c.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)}
        return list(reversed(unique.values()))

    def _shape(self, node: Tree) -> _Shape:
        """The payoff vectors ``node`` can give as functions of the choices above it, and where its play can switch."""
        cached = self._shapes.get(id(node))
        if cached is not None:
            return cached
        n = self.game.n_players
        if isinstance(node, Outcome):
            columns = [_branches(sympy.sympify(u)) for u in node.payoffs]
            vectors = [tuple(e for e, _ in combo) for combo in itertools.product(*columns)]
            switches = [
                r.lhs - r.rhs for column in columns for _, c in column for r in sympy.sympify(c).atoms(sympy.core.relational.Relational)
            ]
        elif isinstance(node, Chance):
            shapes = [self._shape(sub) for _, _, sub in node.moves]
            vectors = [
                tuple(sympy.Add(*(q * u[p] for (_, q, _), u in zip(node.moves, combo, strict=True))) for p in range(n))
                for combo in itertools.product(*(s.payoffs for s in shapes))
            ]
            switches = [s for shape in shapes for s in shape.switches]
        elif isinstance(node, Decision):
            shapes = [self._shape(sub) for _, sub in node.moves]
            vectors = [u for shape in shapes for u in shape.payoffs]
            switches = [s for shape in shapes for s in shape.switches]
            switches += _differences(vectors, (self.index[node.player], self.game.ties.get(node.label)))
        else:
            sub, x = self._shape(node.subtree), node.symbol
            slopes = [sympy.diff(u[self.index[node.player]], x) for u in sub.payoffs]
            points = [node.low, node.high] + [r for e in (*slopes, *sub.switches) for r in _roots(_polynomial(e, x), x, None)]
            vectors = [tuple(v.xreplace({x: c}) for v in u) for u in sub.payoffs for c in points]
            switches = [s.xreplace({x: c}) for s in sub.switches for c in points]
            switches += [e for c in points for e in (c - node.low, node.high - c)]
            switches += _differences(vectors, (self.index[node.player], self.game.ties.get(node.label)))
        shape = _Shape(tuple(dict.fromkeys(vectors)), tuple(dict.fromkeys(s for s in switches if s.free_symbols)))
        self._shapes[id(node)] = shape
        return shape

    def _numeric(self, node: Choose, env: Mapping[sympy.Symbol, Any], mover: int) -> tuple[tuple[sympy.Expr, ...], Plan]:
        """Maximize with scipy over the interval (every parameter is a number here): between the switching points
        the play below is fixed and the payoff one smooth function of ``x``."""
        from scipy.optimize import brentq, minimize_scalar

        x, where = node.symbol, f"{self.where}: node {node.label!r}"
        try:
            switches = [s.xreplace(env) for s in self._shape(node.subtree).switches]
            others = sorted(
                map(str, set().union(*(e.free_symbols for e in (*switches, node.low.xreplace(env), node.high.xreplace(env)))) - {x})
            )
        except _NoClosedForm:
            switches, others = [], ["a later continuous choice"]
        if others:
            raise SolverError(
                f"{where}: the numeric search needs the play below to depend on {x} alone once the parameters are numbers;"
                f" it would also depend on {others} (no closed form exists for the nested choice)"
            )
        low, high = float(node.low.xreplace(env)), float(node.high.xreplace(env))
        grid = np.linspace(low, high, 2049)
        points = {low, high}
        for s in switches:
            if x not in s.free_symbols:
                continue
            h = _vector(s, x)
            values = h(grid)
            points.update(grid[values == 0].tolist())
            for k in np.flatnonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0).tolist():
                points.add(float(brentq(h, grid[k], grid[k + 1], xtol=1e-15)))
        tol = 1e-9
        best: tuple[float, float] | None = None  # (value, x)
        limits: list[float] = []

        def offer(value: float, t: float) -> None:
            nonlocal best
            if best is None or value > best[0] + tol * (1 + abs(best[0])):
                best = (value, t)

        ordered = sorted(points)
        for t in ordered:
            offer(float(self.solve(node.subtree, {**env, x: sympy.Float(t, 17)}, _float_sign)[0][mover]), t)
        for a, b in itertools.pairwise(ordered):
            if b <= a:
                continue
            middle = (a + b) / 2

            def inside_sign(e: Any, m: float = middle) -> int:
                return _float_sign(sympy.sympify(e).xreplace({x: m}))

            payoff = self.solve(node.subtree, env, inside_sign)[0][mover]
            f, slope = _vector(payoff, x), _vector(sympy.diff(payoff, x), x)
            sample = np.linspace(a, b, 65)
            i = int(np.argmax(f(sample)))
            lo, hi = float(sample[max(i - 1, 0)]), float(sample[min(i + 1, len(sample) - 1)])
            found = minimize_scalar(lambda t, f=f: -f(t), bounds=(lo, hi), method="bounded", options={"xatol": 1e-13})
            tries = [float(found.x), float(sample[i])]
            # the bounded search stops near sqrt(machine epsilon) on a flat top; a root of the derivative is far sharper
            if slope(lo) > 0 > slope(hi):
                tries.insert(0, float(brentq(slope, lo, hi, xtol=1e-15)))
            inside = [t for t in tries if a < t < b]
            if inside:
                top = max(f(t) for t in inside)
                offer(top, next(t for t in inside if f(t) >= top - tol * (1 + abs(top))))
            limits += [f(a), f(b)]
        assert best is not None
        if limits and max(limits) > best[0] + 1e-7 * (1 + abs(best[0])):
            raise SolverError(
                f"{where}: the mover's payoff approaches {max(limits)} at a boundary without reaching it (best attained {best[0]});"
                " there is no best choice, so no subgame-perfect equilibrium"
            )
        self.used_scipy = True
        value = sympy.Float(best[1], 15)
        payoffs, plan = self.solve(node.subtree, {**env, x: value}, _float_sign)
        return tuple(sympy.N(u, 15) for u in payoffs), ((node.label, value), *plan)

    # -- plans as keys of regimes, and back --------------------------------------------------------------
    def encode(self, plan: Plan) -> tuple[Any, ...]:
        """A plan as nested tuples of sympy values (decisions by action index) for :func:`~gametheory.symbolic.regimes._assemble`."""
        labels = list(self.nodes)
        return tuple(
            (sympy.Integer(labels.index(label)), sympy.Integer(self._actions(label).index(v)) if isinstance(v, str) else v)
            for label, v in plan
        )

    def decode(self, key: Any) -> dict[str, Any]:
        labels = list(self.nodes)
        out = {}
        for i, v in key:
            label = labels[int(i)]
            out[label] = self._actions(label)[int(v)] if isinstance(self.nodes[label], Decision) else _tidy(v)
        return out

    def _actions(self, label: str) -> list[str]:
        return [action for action, _ in self.nodes[label].moves]


def _vector(expr: sympy.Expr, x: sympy.Symbol) -> Callable[[Any], Any]:
    f = sympy.lambdify(x, expr, "numpy")
    return lambda t: np.broadcast_to(np.asarray(f(t), dtype=float), np.shape(t)) if np.ndim(t) else float(f(t))


# --- regimes --------------------------------------------------------------------------------------
def _cases(
    induction: _Induction, node: Tree, parameters: Sequence[sympy.Symbol], facts: Sequence[Any], *, own: bool, limit: int
) -> tuple[tuple[Regime, ...], tuple[Equilibrium, ...], Domain, int]:
    """Run the induction below ``node`` in every cell of ``parameters``: the raw regimes and equilibria (of the play,
    or with ``own`` of the node's own choice only), the domain and the number of cells."""
    where = induction.where
    domain = Domain(parameters, facts, where=where)
    if domain.witness(()) is False:
        raise InvalidGameError(f"{where}: the assumptions {[str(f) for f in facts]} contradict each other")
    runs = 0

    def run(context: Context) -> list[tuple[Any, ...]]:
        nonlocal runs
        runs += 1
        if runs > limit:
            raise _TooManyCases(f"the comparisons split into more than {limit} cases of the parameters; add assumptions (assume=...)")
        payoffs, plan = induction.solve(node, {}, _signer(context))
        return [(induction.encode(plan[:1]), ())] if own else [(induction.encode(plan), payoffs)]

    leaves = explore(run, domain, max_leaves=limit + 1)
    return (*_assemble(leaves, domain, "spe"), domain, len(leaves))


def _signs_of(condition: Any, domain: Domain) -> dict[Any, frozenset[int]]:
    """A conjunction of relations as atom -> allowed signs (relations not about one irreducible polynomial left out)."""
    allowed: dict[Any, frozenset[int]] = {}
    for part in sympy.And.make_args(condition):
        signs = _RELATIONS.get(type(part))
        if signs is None:
            continue
        constant, atoms = domain.factors(part.lhs - part.rhs)
        if constant and len(atoms) == 1 and abs(atoms[0][1]) == 1:
            atom = atoms[0][0]
            allowed[atom] = allowed.get(atom, _ALL) & frozenset(constant * s for s in signs)
    return allowed


def _meets(first: Any, second: Any, domain: Domain) -> bool:
    """Whether two conjunctions of relations may hold together (True when deciding would need nonlinear searches)."""
    allowed = _signs_of(first, domain)
    for atom, signs in _signs_of(second, domain).items():
        allowed[atom] = allowed.get(atom, _ALL) & signs
    if not domain.cheap(allowed):
        return True
    return domain.point(allowed) is not False


def _partition(groups: Sequence[Sequence[Any]], domain: Domain) -> list[Any]:
    """The union of each group of conjunctions (the groups disjoint), written simply.

    Conditions the bounds on single parameters imply are dropped and conjunctions that differ in the signs of one
    polynomial are united (``Eq(x, r) | (x > r)`` is ``x >= r``). When every polynomial is linear (decided exactly and
    fast), each conjunction is also widened as far as it meets no conjunction of another group, and conjunctions
    inside another of their group are dropped.
    """
    cells = [
        [{a: s for a, s in _signs_of(c, domain).items() if s != _ALL and (_box_sign(domain, a) or 2) not in s} for c in group]
        for group in groups
    ]
    if domain.cheap({a for group in cells for cell in group for a in cell}):

        def meets(first: dict[Any, frozenset[int]], second: dict[Any, frozenset[int]]) -> bool:
            both = {a: first.get(a, _ALL) & second.get(a, _ALL) for a in first.keys() | second.keys()}
            return domain.point(both) is not False

        for g, group in enumerate(cells):
            others = [cell for h, other in enumerate(cells) if h != g for cell in other]
            for k, cell in enumerate(group):
                for a in sorted(cell, key=lambda a: (-len(a.free_symbols), -sympy.count_ops(a), sympy.default_sort_key(a))):
                    for wider in (_ALL, *(cell[a] | {s} for s in sorted(_ALL - cell[a]))):
                        trial = {b: t for b, t in cell.items() if b != a} | ({} if wider == _ALL else {a: wider})
                        if not any(meets(trial, other) for other in others):
                            cell = trial
                            break
                group[k] = cell
            # drop a conjunction inside another one of its group (it cannot meet the outside of that one)
            for k in reversed(range(len(group))):
                if any(j != k and all(not meets(group[k], {a: _ALL - s}) for a, s in group[j].items()) for j in range(len(group))):
                    del group[k]
    out = []
    for group in cells:
        merged = True
        while merged:
            merged = False
            for i, j in itertools.combinations(range(len(group)), 2):
                first, second = group[i], group[j]
                differ = [a for a in first.keys() | second.keys() if first.get(a, _ALL) != second.get(a, _ALL)]
                if len(differ) <= 1:
                    signs = first.get(differ[0], _ALL) | second.get(differ[0], _ALL) if differ else _ALL
                    group[i] = {a: t for a, t in first.items() if a not in differ} | ({} if signs == _ALL else {differ[0]: signs})
                    del group[j]
                    merged = True
                    break
        out.append(
            sympy.Or(
                *(
                    sympy.And(*(relation(a, t) for a, t in sorted(cell.items(), key=lambda i: sympy.default_sort_key(i[0]))))
                    for cell in group
                )
            )
        )
    return out


def _fixed_sign(expr: sympy.Expr, domain: Domain, *, box: bool = False) -> int:
    """The sign of ``expr`` wherever the domain's assumptions hold (with ``box``, by the bounds on single parameters
    alone), or 0 when it is not one sign."""
    if not expr.free_symbols:
        return _number_sign(expr)
    constant, atoms = domain.factors(expr)
    for atom, power in atoms:
        known = _box_sign(domain, atom)
        options = (known,) if known is not None else (0,) if box else domain.options((), atom)
        if len(options) != 1 or options[0] == 0:
            return 0
        constant *= options[0] ** abs(power)
    return constant


def _readable(condition: Any, domain: Domain, order: Sequence[sympy.Symbol]) -> Any:
    """``condition`` with each relation solved for the first symbol of ``order`` it is linear in with a coefficient of
    known sign (``q >= G/D`` rather than ``D*q >= G``)."""
    if isinstance(condition, sympy.And | sympy.Or):
        return condition.func(*(_readable(c, domain, order) for c in condition.args))
    kind = type(condition)
    if kind not in _RELATIONS:
        return condition
    difference = sympy.expand(condition.lhs - condition.rhs)
    constant, atoms = domain.factors(difference)
    if len(atoms) == 1 and atoms[0][1] == 1 and constant * (_box_sign(domain, atoms[0][0]) or 2) in _RELATIONS[kind]:
        return sympy.true  # implied by the bounds on single parameters (``p >= 0`` for a probability)
    for s in order:
        if s not in difference.free_symbols or not difference.is_polynomial(s) or sympy.degree(difference, s) != 1:
            continue
        a, b = sympy.Poly(difference, s).all_coeffs()
        sign = _fixed_sign(a, domain)
        if sign:
            return (kind if sign > 0 else _FLIPPED[kind])(s, sympy.factor(-b / a), evaluate=False)
    return condition


def _rule(
    pieces: Sequence[tuple[Any, Any]], decision: bool, domain: Domain, order: Sequence[sympy.Symbol], kept: Sequence[int] | None = None
) -> Any:
    """A rule from ``(condition, action or value)`` pieces: ``{action: condition}`` or an expression / Piecewise;
    with ``kept`` (indices of pieces), only the actions or values those pieces have."""
    groups: dict[Any, tuple[Any, list[Any]]] = {}
    chosen = set()
    for k, (condition, value) in enumerate(pieces):
        key = value if decision else sympy.cancel(value)
        groups.setdefault(key, (value, []))[1].append(condition)
        if kept is None or k in kept:
            chosen.add(key)
    if len(chosen) == 1:
        (value, _) = groups[next(iter(chosen))]
        return {value: sympy.true} if decision else _tidy(value)
    written = _partition([conditions for _, conditions in groups.values()], domain)
    parts = [(value, _readable(c, domain, order)) for (key, (value, _)), c in zip(groups.items(), written, strict=True) if key in chosen]
    return dict(parts) if decision else sympy.Piecewise(*((_tidy(v), c) for v, c in parts))


def _tidy(value: Any) -> Any:
    """A short form of an expression for output (the fewest operations among a few normal forms)."""
    if not isinstance(value, sympy.Basic) or not value.free_symbols:
        return value
    forms = (sympy.factor(value), sympy.together(sympy.expand(value)), sympy.simplify(sympy.cancel(value)), value)
    return min(forms, key=sympy.count_ops)


def _solve(game: ContinuousGame, facts: Sequence[Any], mode: str, where: str) -> dict[str, Any]:
    """Regimes, equilibria (profiles of rules), paths and rules of a continuous game."""
    induction = _Induction(game, where, mode)
    raw, found, domain, cases = _cases(induction, game.root, game.parameters, facts, own=False, limit=MAX_CASES)
    order = game.parameters
    root = getattr(game.root, "label", None)
    absorbed = _absorb(raw, found, induction)
    rules: dict[str, tuple[list[tuple[Any, Any]], Domain, tuple[sympy.Symbol, ...]]] = {}
    for label, node in induction.nodes.items():
        if isinstance(node, Chance):
            continue
        if label == root:
            pieces = [(c, induction.decode(eq.profile)[label]) for eq, inside, _ in absorbed for c in inside]
            rules[label] = (pieces, domain, order)
            continue
        earlier = induction.above[label]
        symbols = tuple(move.symbol for move in earlier)
        bounds = [
            b for move in earlier for b in (move.symbol >= move.low, move.symbol <= move.high) if _usable(b, (*game.parameters, *symbols))
        ]
        choices, _, rule_domain, _ = _cases(induction, node, (*game.parameters, *symbols), [*facts, *bounds], own=True, limit=MAX_LEAVES)
        pieces = [(regime.conditions, induction.decode(regime.equilibria[0].profile)[label]) for regime in choices]
        rules[label] = (pieces, rule_domain, (*reversed(symbols), *game.parameters))
    labels = [label for label, _, kind in game.nodes if kind != "chance"]
    whole = {label: _rule(rules[label][0], isinstance(induction.nodes[label], Decision), *rules[label][1:]) for label in labels}
    zero = 0 if not induction.used_scipy else 0.0
    equilibria, paths, regimes = [], [], []
    written = _partition([inside for _, inside, _ in absorbed], domain)
    for (eq, inside, witness), condition in zip(absorbed, written, strict=True):
        path = induction.decode(eq.profile)
        strategies = {}
        for label in labels:
            pieces, rule_domain, rule_order = rules[label]
            if label == root:
                strategies[label] = {path[label]: sympy.true} if isinstance(induction.nodes[label], Decision) else path[label]
                continue
            # the actions or values taken where this equilibrium holds
            kept = [k for k, (c, _) in enumerate(pieces) if any(_meets(c, r, rule_domain) for r in inside)]
            strategies[label] = _rule(pieces, isinstance(induction.nodes[label], Decision), rule_domain, rule_order, kept or None)
        profile = tuple(tuple(strategies[label] for label in own) for own in game.actions)
        condition = _readable(condition, domain, order) if len(absorbed) > 1 else sympy.true
        equilibria.append(Equilibrium(profile, tuple(_tidy(u) for u in eq.payoffs), zero, "spe", condition))
        regimes.append(Regime(condition, (equilibria[-1],), witness))
        paths.append(path)
    return {
        "regimes": tuple(regimes),
        "equilibria": tuple(equilibria),
        "rules": {label: whole[label] for label in labels},
        "path": tuple(paths),
        "cases": cases,
        "exact": not induction.used_scipy,
    }


def _absorb(raw: Sequence[Regime], found: Sequence[Equilibrium], induction: _Induction) -> list[tuple[Equilibrium, list[Any], Any]]:
    """Each equilibrium with the conditions of its regimes and a witness. A regime on a boundary (its conditions hold an
    equation) joins an equilibrium whose formulas give the same play and payoffs there (``x = 0`` where ``r = 0`` is
    the play ``x = r``), so each equilibrium is written once, by its general formulas."""
    owner = [regime.equilibria[0] for regime in raw]
    general = {id(owner[i]) for i, regime in enumerate(raw) if not regime.conditions.atoms(sympy.Eq)}
    for i, regime in enumerate(raw):
        equations = [e.lhs - e.rhs for e in sympy.And.make_args(regime.conditions) if isinstance(e, sympy.Eq)]
        solutions = sympy.solve(equations, dict=True) if equations else []
        if not solutions:
            continue
        mine = induction.decode(owner[i].profile)
        for other in found:
            theirs = induction.decode(other.profile)
            if id(other) in general and other is not owner[i] and mine.keys() == theirs.keys():
                pairs = [*zip(owner[i].payoffs, other.payoffs, strict=True), *((mine[k], theirs[k]) for k in mine)]
                if all(
                    a == b if isinstance(a, str) or isinstance(b, str) else sympy.cancel((a - b).subs(solutions[0])) == 0 for a, b in pairs
                ):
                    owner[i] = other
                    break
    groups: dict[int, tuple[Equilibrium, list[Any], list[Any]]] = {}
    for regime, eq in zip(raw, owner, strict=True):
        entry = groups.setdefault(id(eq), (eq, [], []))
        entry[1].append(regime.conditions)
        entry[2].append(regime.witness)
    ordered = [groups[id(eq)] for eq in found if id(eq) in groups]
    return [(eq, conditions, next((w for w in witnesses if w is not None), None)) for eq, conditions, witnesses in ordered]


def _usable(relation: Any, symbols: Sequence[sympy.Symbol]) -> bool:
    """Whether a bound can be an assumption of :class:`~gametheory.symbolic.cells.Domain` (one irreducible polynomial)."""
    if relation in (True, sympy.true):
        return False
    expr = sympy.together(relation.lhs - relation.rhs)
    if not expr.is_polynomial(*symbols):
        return False
    return sum(k for _, k in sympy.factor_list(expr, *symbols)[1]) == 1


# --- the solver -----------------------------------------------------------------------------------
@register(
    "continuous_spe",
    players=None,
    kinds=("symbolic",),
    summary="subgame-perfect equilibria of a tree with continuous choices (offers, risks), as regimes of the parameters",
)
def spe_continuous(
    game: ContinuousGame | Tree,
    *,
    assume: Any = (),
    numeric: Mapping[Any, Any] | None = None,
    closed_form: bool = True,
) -> SolveResult:
    """Subgame-perfect equilibria of a game with continuous moves, by symbolic backward induction.

    Parameters
    ----------
    game
        A :class:`ContinuousGame` or a tree (checked with :func:`continuous_game`).
    assume
        Facts about the parameters (sympy relationals such as ``r < 1``, each
        comparing one irreducible polynomial with 0), in addition to the
        game's own and to the symbols' assumptions (``positive=True``...).
    numeric
        Numbers for every parameter (symbols or names as keys). Used only
        where sympy finds no closed form for a continuous move's candidates:
        then the whole game is solved at these numbers, with scipy's bounded
        scalar search at the moves without closed form. Ignored otherwise.
    closed_form
        False: solve at ``numeric`` with scipy at every continuous move (to
        check closed forms against a numeric solution).

    Returns
    -------
    SolveResult
        ``method="continuous_spe"``. ``regimes``: disjoint regions of the
        parameters covering what the assumptions allow, each with its
        subgame-perfect equilibrium (pure, with the tie rule of the module
        docstring; on boundaries others may exist, so ``complete`` is False);
        ``result.at``, ``as_piecewise``, ``sweep`` and ``regime_map`` work as
        for other parametric results. ``equilibria``: each distinct
        equilibrium once, with ``conditions`` (where it holds), ``payoffs``
        and ``profile[p]``: player ``p``'s rules at their nodes in the order of
        ``game.actions[p]`` (a dict action -> condition at a decision, a
        number, expression or Piecewise in the parameters and earlier choices
        at a continuous move), restricted to where the equilibrium holds.
        ``details``: ``"rules"`` (node label -> rule over all parameters),
        ``"path"`` (per equilibrium: node label -> action or chosen number,
        along the play), ``"assumptions"``, ``"cases"`` (cells of parameter
        space the induction ran in), ``"numeric"`` (the numbers used, or
        None) and ``"fallback"`` (why the numeric path was taken, or None).

    Raises
    ------
    SolverError
        sympy finds no closed form at a continuous move and ``numeric`` is
        not given; or the numeric search finds no best choice.
    InvalidGameError
        Bad assumptions or values, or an interval not provably nonempty.

    Examples
    --------
    The take-it-or-leave-it offer: the responder accepts ``x`` iff it is at
    least her outside option ``r``, the proposer offers exactly ``r``.

    >>> import sympy
    >>> r = sympy.Symbol("r")
    >>> result = spe_continuous(take_it_or_leave_it(r), assume=[r >= 0, r < 1])
    >>> eq = result.equilibria[0]
    >>> eq.payoffs, eq.conditions
    ((1 - r, r), True)
    >>> result.strategy(0, 1)
    {'Responder@x': {'Accept': x >= r, 'Reject': x < r}}
    >>> result.details["path"][0]
    {'x': r, 'Responder@x': 'Accept'}
    >>> result.at({r: sympy.Rational(1, 4)})[0].payoffs
    (Fraction(3, 4), Fraction(1, 4))
    """
    where = "spe_continuous()"
    if not isinstance(game, ContinuousGame):
        game = continuous_game(game)
    facts = _facts(game, assume, where)
    options = {"assume": tuple(facts), "numeric": numeric, "closed_form": closed_form}
    fallback = None
    if closed_form:
        try:
            return _result(game, facts, "exact", where, options, None, None)
        except _NoClosedForm as exc:
            if numeric is None:
                names = [s.name for s in game.parameters]
                raise SolverError(
                    f"{where}: {exc}; pass numeric={{...}} with numbers for every parameter {names} to solve at that point"
                    " (with scipy where no closed form exists)"
                ) from None
            fallback = str(exc)
    elif numeric is None and game.parameters:
        raise InvalidGameError(f"{where}: closed_form=False needs numeric values for the parameters {[s.name for s in game.parameters]}")
    values = _numbers(game, numeric or {}, where)
    point = game.subs(values) if values else game
    point_facts = []
    for fact in facts:
        new = fact.xreplace(values)
        if new is sympy.false:
            raise InvalidGameError(f"{where}: the numeric values violate the assumption {fact}")
        if new is not sympy.true:
            point_facts.append(new)
    return _result(point, point_facts, "fallback" if closed_form else "scipy", where, options, values, fallback)


def _numbers(game: ContinuousGame, numeric: Mapping[Any, Any], where: str) -> dict[sympy.Symbol, sympy.Expr]:
    values = substitution(numeric, set(game.parameters), f"{where}: numeric")
    missing = [s.name for s in game.parameters if s not in values]
    if missing:
        raise InvalidGameError(f"{where}: numeric must give a number for every parameter; missing {missing}")
    for symbol, value in values.items():
        if value.free_symbols:
            raise InvalidGameError(f"{where}: numeric must give numbers; got {value} for {symbol}")
    return values


def _result(
    game: ContinuousGame,
    facts: Sequence[Any],
    mode: str,
    where: str,
    options: Mapping[str, Any],
    numeric: Mapping[sympy.Symbol, sympy.Expr] | None,
    fallback: str | None,
) -> SolveResult:
    solved = _solve(game, facts, mode, where)
    details = {
        "rules": MappingProxyType(solved["rules"]),
        "path": solved["path"],
        "assumptions": tuple(facts),
        "cases": solved["cases"],
        "numeric": None if numeric is None else MappingProxyType(dict(numeric)),
        "fallback": fallback,
    }
    return SolveResult(
        game=game,
        method="continuous_spe",
        exact=solved["exact"],
        equilibria=solved["equilibria"],
        options=MappingProxyType(dict(options)),
        details=MappingProxyType(details),
        complete=False,
        regimes=solved["regimes"],
    )


# --- results at a point ---------------------------------------------------------------------------
def at_point(result: SolveResult, point: Mapping[sympy.Symbol, Any], index: int) -> SolveResult:
    """:meth:`~gametheory.SolveResult.at` for continuous and stationary results: regime ``index``'s equilibria with
    the numbers put in. ``max_regret`` is the largest gain a mover on the path gets from choosing otherwise at her node
    (later play by the equilibrium rules), computed exactly on the game with the numbers put in."""
    game, where = result.game, "at()"
    regime = result.regimes[index]
    equilibria, paths = [], []
    for eq in regime.equilibria:
        i = next(k for k, other in enumerate(result.equilibria) if other is eq)
        path = _put(result.details["path"][i], point)
        if isinstance(game, StationaryGame):
            values = {
                v: u for (name, _, vs) in game.stages for v, u in zip(vs, _put(result.details["values"][i][name], point), strict=True)
            }
            stages = [(_subs(stage, {**point, **values}), path[name]) for name, stage, _ in game.stages]
        else:
            stages = [(_subs(game, point), path)]
        regret = max(_regret(stage, play, result.exact, where) for stage, play in stages)
        equilibria.append(Equilibrium(_put(eq.profile, point), _put(eq.payoffs, point), regret, eq.concept))
        paths.append(path)
    if isinstance(game, StationaryGame):
        game = replace(game, stages=tuple((name, _subs(stage, point), vs) for name, stage, vs in game.stages), parameters=())
    else:
        game = _subs(game, point)
    return SolveResult(
        game,
        result.method,
        result.exact,
        tuple(equilibria),
        details=MappingProxyType({"regime": index, "conditions": regime.conditions, "path": tuple(paths)}),
        complete=result.complete,
    )


def _subs(game: ContinuousGame, point: Mapping[sympy.Symbol, Any]) -> ContinuousGame:
    return game.subs({s: v for s, v in point.items() if s in game.parameters})


def _put(value: Any, point: Mapping[sympy.Symbol, Any]) -> Any:
    """``value`` (nested tuples and dicts of expressions) with the numbers put in; rationals as int or Fraction."""
    if isinstance(value, tuple):
        return tuple(_put(v, point) for v in value)
    if isinstance(value, Mapping):
        return {k: _put(v, point) for k, v in value.items()}
    if not isinstance(value, sympy.Basic):
        return value
    value = value.subs(point)
    if value.is_Integer:
        return int(value)
    return Fraction(int(value.p), int(value.q)) if value.is_Rational else value


def _regret(game: ContinuousGame, path: Mapping[str, Any], exact: bool, where: str) -> Any:
    """The largest gain a mover on ``path`` gets by choosing otherwise at her node (game and path at numbers)."""
    induction = _Induction(game, where, "exact" if exact else "fallback")
    sign = _number_sign if exact else _float_sign
    worst: Any = 0

    def follow(node: Tree, env: dict[sympy.Symbol, Any]) -> tuple[Any, ...]:
        nonlocal worst
        if isinstance(node, Outcome):
            return induction.solve(node, env, sign)[0]
        if isinstance(node, Chance):
            parts = [(sympy.sympify(q).xreplace(env), follow(sub, env)) for _, q, sub in node.moves]
            return tuple(sympy.Add(*(q * u[p] for q, u in parts)) for p in range(game.n_players))
        mover = induction.index[node.player]
        best = induction.solve(node, env, sign)[0][mover]
        if isinstance(node, Decision):
            claimed = follow(dict(node.moves)[path[node.label]], env)
        else:
            claimed = follow(node.subtree, {**env, node.symbol: sympy.sympify(path[node.label])})
        worst = max(worst, best - claimed[mover])
        return claimed

    follow(game.root, {})
    return _put(sympy.sympify(worst), {}) if exact else float(worst)


def describe_play(result: SolveResult, equilibrium: Equilibrium) -> str:
    """A short name for an equilibrium of a continuous (or stationary, its first stage) result: its play."""
    i = next(k for k, other in enumerate(result.equilibria) if other is equilibrium)
    path = result.details["path"][i]
    if isinstance(result.game, StationaryGame):
        path = path[result.game.stages[0][0]]
    return ", ".join(v if isinstance(v, str) else f"{label} = {v}" for label, v in path.items())


# --- stationary equilibria of repeated stages -----------------------------------------------------
@dataclass(frozen=True, slots=True, eq=False)
class StationaryGame:
    """Stages of an infinite game, each a :class:`ContinuousGame` whose payoffs hold continuation values.

    Attributes
    ----------
    stages
        ``(name, game, values)`` per stage: ``values[p]`` is the symbol for
        player ``p``'s payoff in the stationary SPE from the start of that
        stage. The first stage is where play starts.
    players
        Player labels.
    parameters
        The model's parameters (not the continuation values), sorted by name.
    assume
        Facts about parameters and continuation values (e.g. values lie in
        the range of feasible payoffs).
    """

    stages: tuple[tuple[str, ContinuousGame, tuple[sympy.Symbol, ...]], ...]
    players: tuple[str, ...]
    parameters: tuple[sympy.Symbol, ...]
    assume: tuple[Any, ...]
    title: str = ""

    @property
    def values(self) -> tuple[sympy.Symbol, ...]:
        """Every continuation-value symbol, stage by stage."""
        return tuple(v for _, _, values in self.stages for v in values)

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """For each player, ``"<stage>: <node label>"`` of the nodes where they move."""
        return tuple(
            tuple(f"{name}: {label}" for name, game, _ in self.stages for label in game.actions[p]) for p in range(len(self.players))
        )

    def __repr__(self) -> str:
        return f"<StationaryGame{': ' + self.title if self.title else ''}: stages {[name for name, _, _ in self.stages]}>"


def stationary_game(
    stages: Mapping[str, tuple[Any, Sequence[sympy.Symbol]]],
    *,
    players: Sequence[str] | None = None,
    assume: Any = (),
    title: str = "",
) -> StationaryGame:
    """Stages of an infinite game with continuation values; solve it with :func:`stationary_spe`.

    Parameters
    ----------
    stages
        ``{name: (tree, values)}``: each stage's tree (its payoffs may contain
        any stage's value symbols, typically discounted: ``d * v``) and the
        symbols of its own continuation values, one per player. Play starts
        at the first stage.
    players
        Player labels (default: the first stage's).
    assume
        Facts about parameters and values, e.g. ``0 <= v1, v1 <= 1``.
    title
        A name.

    Returns
    -------
    StationaryGame
        Solve it with :func:`stationary_spe`.

    Raises
    ------
    InvalidGameError
        Bad stages, players or value symbols (one per player and stage, none chosen in a stage).

    Examples
    --------
    >>> game = rubinstein()
    >>> [name for name, _, _ in game.stages], game.values
    (['Player 1 proposes', 'Player 2 proposes'], (v1, v2, w1, w2))
    """
    where = "stationary_game()"
    if not isinstance(stages, Mapping) or not stages:
        raise InvalidGameError(f"{where}: stages must be a non-empty mapping name -> (tree, value symbols); got {describe(stages)}")
    built: list[tuple[str, ContinuousGame, tuple[sympy.Symbol, ...]]] = []
    seen: set[sympy.Symbol] = set()
    for name, spec in stages.items():
        if not isinstance(name, str) or not name:
            raise InvalidGameError(f"{where}: stage names must be non-empty strings; got {describe(name)}")
        if not isinstance(spec, tuple | list) or len(spec) != 2:
            raise InvalidGameError(f"{where}: stage {name!r} must be a (tree, value symbols) pair; got {describe(spec)}")
        tree, values = spec
        game = tree if isinstance(tree, ContinuousGame) else continuous_game(tree, players=players, title=name)
        if players is None:
            players = game.players
        elif game.players != tuple(players):
            raise InvalidGameError(f"{where}: stage {name!r} has players {list(game.players)}; expected {list(players)}")
        if isinstance(values, str) or not isinstance(values, Sequence) or len(values) != len(game.players):
            raise InvalidGameError(
                f"{where}: stage {name!r} needs one continuation-value symbol per player ({len(game.players)}); got {describe(values)}"
            )
        for v in values:
            if not isinstance(v, sympy.Symbol):
                raise InvalidGameError(f"{where}: continuation values must be sympy Symbols; got {describe(v)} in stage {name!r}")
            if v in seen:
                raise InvalidGameError(f"{where}: continuation value {v} is used for two stages; each stage needs its own symbols")
            seen.add(v)
        built.append((name, game, tuple(values)))
    assert players is not None
    for name, game, _ in built:
        chosen = set(game.choices) & seen
        if chosen:
            raise InvalidGameError(f"{where}: stage {name!r} chooses {sorted(map(str, chosen))}, which are continuation values")
    facts = _relations(assume, where)
    parameters: set[sympy.Symbol] = set()
    for _, game, _ in built:
        parameters |= set(game.parameters)
    for fact in facts:
        parameters |= fact.free_symbols
    parameters -= seen
    return StationaryGame(tuple(built), tuple(players), tuple(sorted(parameters, key=lambda s: s.name)), facts, title)


@register(
    "stationary_spe",
    players=None,
    kinds=("symbolic",),
    summary="stationary subgame-perfect equilibria of an infinite game of repeated stages (Rubinstein bargaining, wars of attrition)",
)
def stationary_spe(game: StationaryGame, *, assume: Any = ()) -> SolveResult:
    """Stationary subgame-perfect equilibria of a game that repeats stages with continuation values.

    Each stage's SPE payoff is one of the finitely many payoff vectors its
    tree can give at the candidates of its continuous moves (functions of the
    continuation values). For every combination of one vector per stage the
    equations "each stage's values equal that vector" are solved with sympy;
    each solution is a stationary equilibrium where the stages, solved by
    backward induction with the values put in, pay it back (and the facts
    about the values hold): decided exactly, cell by cell, in the parameters.

    Parameters
    ----------
    game
        The stages, built with :func:`stationary_game` (or :func:`rubinstein`).
    assume
        More facts about the parameters and values (sympy relationals).

    Returns
    -------
    SolveResult
        ``method="stationary_spe"``; ``regimes`` over the parameters, each
        with its stationary equilibrium: ``payoffs`` are the first stage's
        values and ``profile[p]`` the rules of player ``p`` at their nodes in
        every stage (order of ``game.actions[p]``), with the values put in.
        ``details``: ``"values"`` (per equilibrium, stage name -> values),
        ``"rules"`` (per equilibrium, stage -> node label -> rule), ``"path"``
        (per equilibrium, stage -> play in that stage), ``"fixed_points"``
        (how many candidate fixed points were checked) and ``"assumptions"``.

    Raises
    ------
    InvalidGameError
        ``game`` is not a :class:`StationaryGame`, or bad assumptions.
    SolverError
        sympy cannot solve the fixed-point equations or a stage.

    Examples
    --------
    Rubinstein's alternating offers (1982): player 1 gets ``(1 - d2)/(1 - d1*d2)``,
    here with both discount factors ``1/2``: ``(1/2)/(3/4) = 2/3``. (With
    ``rubinstein()`` the discount factors stay symbols and the result is the formula.)

    >>> from fractions import Fraction
    >>> result = stationary_spe(rubinstein(Fraction(1, 2), Fraction(1, 2)))
    >>> [eq.payoffs for eq in result]
    [(2/3, 1/3)]
    >>> result.details["path"][0]["Player 1 proposes"]
    {'x': 2/3, 'Player 2@x': 'Accept'}
    """
    where = "stationary_spe()"
    if not isinstance(game, StationaryGame):
        raise InvalidGameError(f"{where}: game must be a StationaryGame (see stationary_game()); got {describe(game)}")
    facts = (*game.assume, *_relations(assume, where))
    values = game.values
    value_facts = [f for f in facts if f.free_symbols & set(values)]
    parameter_facts = [f for f in facts if not f.free_symbols & set(values)]
    # candidate fixed points: each stage pays one of the payoff vectors its tree can give (its shape)
    shapes = []
    for _, stage, _ in game.stages:
        try:
            shapes.append(_Induction(stage, where)._shape(stage.root).payoffs)
        except _NoClosedForm as exc:
            raise SolverError(f"{where}: {exc}") from None
    candidates: dict[Any, tuple[dict[sympy.Symbol, sympy.Expr], list[Any], list[_Induction]]] = {}
    for combo in itertools.product(*shapes):
        equations = [v - u for (_, _, vs), payoffs in zip(game.stages, combo, strict=True) for v, u in zip(vs, payoffs, strict=True)]
        try:
            solutions = sympy.solve(equations, values, dict=True)
        except NotImplementedError:
            raise SolverError(f"{where}: sympy cannot solve the fixed-point equations {equations}") from None
        for solution in solutions:
            mapping = {v: sympy.factor(solution[v]) for v in values if v in solution}
            key = tuple(mapping.get(v) for v in values)
            checks = [f.xreplace(mapping) for f in value_facts]
            # a continuum of solutions is not a stationary equilibrium this solver can state
            if len(mapping) == len(values) and key not in candidates and sympy.false not in checks:
                candidates[key] = (mapping, checks, [_Induction(_subs(stage, mapping), where) for _, stage, _ in game.stages])
    fixed_points = list(candidates.values())
    domain = Domain(game.parameters, parameter_facts, where=where)

    def run(context: Context) -> list[tuple[Any, ...]]:
        """The fixed points where every stage, solved at them, pays them back."""
        sign = _signer(context)
        found = []
        for k, (mapping, checks, inductions) in enumerate(fixed_points):
            if not all(_holds(c, sign) for c in checks):
                continue
            plays = []
            for (_, _, vs), induction in zip(game.stages, inductions, strict=True):
                payoffs, plan = induction.solve(induction.game.root, {}, sign)
                if any(sign(u - mapping[v]) for u, v in zip(payoffs, vs, strict=True)):
                    break
                plays.append(induction.encode(plan))
            else:
                found.append(((sympy.Integer(k), tuple(plays)), tuple(mapping[v] for v in game.stages[0][2])))
        return found

    try:
        raw, found = _assemble(explore(run, domain), domain, "spe")
    except _NoClosedForm as exc:
        raise SolverError(f"{where}: {exc}") from None
    equilibria: dict[int, Equilibrium] = {}
    rows: list[tuple[Any, ...]] = []
    for eq in found:
        mapping, _, inductions = fixed_points[int(eq.profile[0])]  # type: ignore[call-overload]
        conjunction = [c for c in sympy.And.make_args(eq.conditions) if type(c) in _RELATIONS and not isinstance(c, sympy.Ne)]
        rules, paths, stage_values = {}, {}, {}
        profile: list[list[Any]] = [[] for _ in game.players]
        for (name, stage, vs), induction, play in zip(game.stages, inductions, eq.profile[1], strict=True):
            # the stage at the fixed point, solved where this equilibrium holds: its rules with the values put in
            rules[name] = spe_continuous(induction.game, assume=[*parameter_facts, *conjunction]).details["rules"]
            for label, who, kind in stage.nodes:
                if kind != "chance":
                    profile[game.players.index(who)].append(rules[name][label])  # type: ignore[arg-type]
            paths[name] = induction.decode(play)
            stage_values[name] = tuple(_tidy(mapping[v]) for v in vs)
        payoffs = stage_values[game.stages[0][0]]
        equilibria[id(eq)] = Equilibrium(tuple(map(tuple, profile)), payoffs, 0, "spe", _readable(eq.conditions, domain, game.parameters))
        rows.append((MappingProxyType(stage_values), MappingProxyType(rules), MappingProxyType(paths)))
    details = {
        "values": tuple(row[0] for row in rows),
        "rules": tuple(row[1] for row in rows),
        "path": tuple(row[2] for row in rows),
        "fixed_points": len(fixed_points),
        "assumptions": facts,
    }
    return SolveResult(
        game=game,
        method="stationary_spe",
        exact=True,
        equilibria=tuple(equilibria.values()),
        options=MappingProxyType({"assume": facts}),
        details=MappingProxyType(details),
        complete=False,
        regimes=tuple(
            Regime(_readable(r.conditions, domain, game.parameters), tuple(equilibria[id(eq)] for eq in r.equilibria), r.witness)
            for r in raw
        ),
    )


# --- catalog --------------------------------------------------------------------------------------
def take_it_or_leave_it(
    outside: Any = 0,
    *,
    proposer_outside: Any = 0,
    pie: Any = 1,
    offer: sympy.Symbol | None = None,
    players: tuple[str, str] = ("Proposer", "Responder"),
) -> ContinuousGame:
    """The ultimatum game with a continuous offer: the proposer offers ``x`` in ``[0, pie]`` to the responder.

    If the responder accepts, the payoffs are ``(pie - x, x)``; if she
    rejects, the outside options ``(proposer_outside, outside)``. In the SPE
    the responder accepts iff ``x >= outside`` and, when the surplus
    ``pie - outside - proposer_outside`` is positive and ``0 <= outside``,
    the proposer offers exactly ``outside`` and keeps ``pie - outside``
    (Osborne 2004, §6.1.1).

    Parameters
    ----------
    outside, proposer_outside
        The responder's and the proposer's payoffs after a rejection (numbers or sympy expressions).
    pie
        The size of the pie (assumed positive when it is an expression).
    offer
        The symbol of the offer (default ``x``).
    players
        The proposer's and the responder's labels.

    Returns
    -------
    ContinuousGame
        Solve it with :func:`spe_continuous`.

    Examples
    --------
    >>> result = spe_continuous(take_it_or_leave_it())
    >>> result.equilibria[0].payoffs, result.details["path"][0]
    ((1, 0), {'x': 0, 'Responder@x': 'Accept'})
    """
    x = sympy.Symbol("x") if offer is None else offer
    proposer, responder = players
    tree = choose(proposer, x, (0, pie), decision(responder, {"Accept": (pie - x, x), "Reject": (proposer_outside, outside)}))
    facts = [sympy.Gt(pie, 0)] if isinstance(pie, sympy.Basic) and pie.free_symbols else []
    return continuous_game(tree, players=players, assume=facts, title="Take-it-or-leave-it offer")


def rubinstein(d1: Any = None, d2: Any = None, *, players: tuple[str, str] = ("Player 1", "Player 2")) -> StationaryGame:
    """Rubinstein's alternating-offers bargaining over a pie of size 1, as two stages.

    In stage "Player 1 proposes" player 1 asks for a share ``x``; player 2
    accepts (payoffs ``(x, 1 - x)``) or rejects, and the game moves to stage
    "Player 2 proposes" one period later (payoffs ``(d1*w1, d2*w2)``, where
    ``w`` are that stage's values); symmetrically, player 2 asks for ``y``.
    ``d1, d2`` are the discount factors (symbols by default, assumed in
    ``(0, 1)``); the continuation values are assumed in ``[0, 1]`` (they are
    feasible payoffs). The stationary SPE: player 1 asks for
    ``(1 - d2)/(1 - d1*d2)``, and player 2 accepts at once (Rubinstein 1982;
    Osborne 2004, ch. 16).

    Parameters
    ----------
    d1, d2
        The discount factors: numbers in ``(0, 1)`` or expressions (default: positive symbols ``d1``, ``d2``).
    players
        The two players' labels.

    Returns
    -------
    StationaryGame
        Solve it with :func:`stationary_spe`.

    Raises
    ------
    InvalidGameError
        A numeric discount factor outside ``(0, 1)``.

    Examples
    --------
    >>> game = rubinstein()
    >>> game.parameters
    (d1, d2)
    """
    where = "rubinstein()"
    d1 = sympy.Symbol("d1", positive=True) if d1 is None else to_symbolic(d1, f"{where}: d1")
    d2 = sympy.Symbol("d2", positive=True) if d2 is None else to_symbolic(d2, f"{where}: d2")
    facts: list[Any] = []
    for name, d in (("d1", d1), ("d2", d2)):
        if d.free_symbols:
            facts.extend([sympy.Gt(d, 0), sympy.Lt(d, 1)])
        elif not (0 < d < 1):
            raise InvalidGameError(f"{where}: {name} must be a discount factor in (0, 1); got {d}")
    first, second = players
    v1, v2, w1, w2 = sympy.symbols("v1 v2 w1 w2", real=True)
    x, y = sympy.symbols("x y", real=True)
    stage1 = choose(first, x, (0, 1), decision(second, {"Accept": (x, 1 - x), "Reject": (d1 * w1, d2 * w2)}))
    stage2 = choose(second, y, (0, 1), decision(first, {"Accept": (1 - y, y), "Reject": (d1 * v1, d2 * v2)}))
    for v in (v1, v2, w1, w2):
        facts.extend([sympy.Ge(v, 0), sympy.Le(v, 1)])
    return stationary_game(
        {f"{first} proposes": (stage1, (v1, v2)), f"{second} proposes": (stage2, (w1, w2))},
        players=players,
        assume=facts,
        title="Rubinstein alternating offers",
    )


def choice_of_risk(
    gain: Any = None,
    cost: Any = None,
    threatener_cost: Any = None,
    loss: Any = None,
    hardline: Any = None,
    *,
    risk: sympy.Symbol | None = None,
    players: tuple[str, str] = ("Threatener", "Target"),
) -> ContinuousGame:
    """A threat that leaves something to chance: the threatener picks the risk ``q`` in ``[0, 1]`` that defiance ends in disaster.

    With probability ``hardline`` the target is a hard-liner who defies
    regardless; otherwise it complies (payoffs ``(0, 0)``) or defies,
    gaining ``gain`` but facing disaster with probability ``q``, which costs
    it ``cost`` and the threatener ``threatener_cost``; defiance also costs the
    threatener ``loss``: payoffs ``(-loss - q*threatener_cost, gain - q*cost)``.
    The target complies iff ``q*cost >= gain``, so the minimal effective risk
    is ``gain/cost`` (effective only when ``gain <= cost``), and the threatener
    prefers it to making no threat iff ``hardline*threatener_cost*gain <=
    (1 - hardline)*loss*cost`` (Schelling 1960, ch. 8; Dixit, Skeath &
    McAdams 2021, brinkmanship chapter: the effectiveness and acceptability conditions).

    Parameters
    ----------
    gain, cost, threatener_cost, loss
        ``G, D, C, L``: numbers or expressions (default: positive symbols of those names).
    hardline
        ``p``, the probability of a hard-liner (default: a nonnegative symbol ``p``, assumed at most 1).
    risk
        The symbol of the chosen risk (default ``q``).
    players
        The threatener's and the target's labels.

    Returns
    -------
    ContinuousGame
        Solve it with :func:`spe_continuous`.

    Raises
    ------
    InvalidGameError
        A numeric ``hardline`` outside ``[0, 1]``.

    Examples
    --------
    >>> result = spe_continuous(choice_of_risk(hardline=0))
    >>> [(eq.conditions, path["q"]) for eq, path in zip(result.equilibria, result.details["path"])]
    [(D < G, 0), (D >= G, G/D)]
    """
    where = "choice_of_risk()"

    def parameter(value: Any, name: str) -> sympy.Expr:
        return sympy.Symbol(name, positive=True) if value is None else to_symbolic(value, f"{where}: {name}")

    G, D = parameter(gain, "G"), parameter(cost, "D")
    C, L = parameter(threatener_cost, "C"), parameter(loss, "L")
    p = sympy.Symbol("p", nonnegative=True) if hardline is None else to_symbolic(hardline, f"{where}: hardline")
    facts: list[Any] = []
    if p.free_symbols:
        facts.append(sympy.Le(p, 1))
    elif not (0 <= p <= 1):
        raise InvalidGameError(f"{where}: hardline must be a probability in [0, 1]; got {p}")
    q = sympy.Symbol("q", real=True) if risk is None else risk
    threatener, target = players
    defy = (-L - q * C, G - q * D)
    tree = choose(
        threatener,
        q,
        (0, 1),
        chance({"Hard-line": (p, defy), "Soft": (1 - p, decision(target, {"Comply": (0, 0), "Defy": defy}))}),
    )
    return continuous_game(tree, players=players, assume=facts, title="Choice of risk (brinkmanship)")
