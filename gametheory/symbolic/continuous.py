"""Backward induction with continuous choices: offers, shares and levels of risk chosen from an interval.

A *continuous move* lets a player pick a number ``x`` from an interval
``[low, high]`` (an offer, a share of a pie, a probability of disaster); the
rest of the game, built with the library's :func:`~gametheory.decision`,
:func:`~gametheory.chance` and :func:`~gametheory.outcome` (or further
continuous moves), may depend on ``x`` and on parameters. :func:`choose`
builds such a move, :func:`continuous_game` checks a tree and
:func:`spe_continuous` solves it by backward induction with sympy:

* at a discrete decision the mover's choice becomes a *rule* in the earlier
  choices and the parameters ("accept iff x >= r"), with every comparison it
  cannot decide split into cases;
* at a continuous move the mover's (piecewise) payoff is maximized over the
  interval: the candidates are the interior critical points of every piece
  (roots of the first-order condition; strict minima, shown by the second
  derivative, are dropped), the boundaries between pieces and the ends of the
  interval; the best candidate is found by comparing them symbolically under
  the assumptions, splitting into cases where a comparison cannot be decided.

The result is one :class:`~gametheory.SolveResult`; each of its equilibria
is the subgame-perfect equilibrium of one *regime*: ``conditions`` holds the
regime's condition on the parameters, ``payoffs`` the SPE payoffs as sympy
expressions and ``profile`` each player's rules (see :func:`spe_continuous`).

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
the unknown continuation values of the stages: it solves every stage by the
backward induction above, with the continuation values as parameters, then
solves the fixed-point equations "each stage's value equals its SPE payoff"
for every combination of the stages' regimes and keeps the combinations whose
conditions hold at their solution. :func:`rubinstein` builds alternating
offers (Rubinstein 1982): player 1 gets ``(1 - d2)/(1 - d1*d2)``.

Limits
------
* Perfect information only (no information sets across nodes).
* Candidates come from sympy: first-order conditions and piece boundaries
  must be polynomial in the choice (all roots; degenerate leading
  coefficients handled) or solved by ``solveset`` into a finite set; otherwise
  the node has no closed form and :func:`spe_continuous` maximizes it with
  scipy at the numbers given in ``numeric`` (all parameters), or raises.
  The numeric fallback handles a continuous move whose payoffs, after
  substituting the numbers, depend on its own choice only (not on an earlier
  continuous choice).
* Comparisons are decided by a sound but incomplete procedure: sampled exact
  points show which signs occur, and a sign is proved by substituting bounds
  from the facts (each symbol eliminated between one lower and one upper
  bound, as in Fourier-Motzkin elimination) and reading the signs of the
  terms, or by exact set computations when one symbol is left. One-parameter
  case splits of rational functions are exact; with several parameters an
  undecided comparison becomes a case split whose condition may be redundant
  or, rarely, empty (its witness is then ``None``). Comparisons of radicals
  are not decided beyond sampling; past :data:`MAX_CASES` cases at one node
  the symbolic solve stops (and falls back to ``numeric`` when given).
* The value of a continuous move is the best *candidate*; the tie-break above
  makes the supremum attained in games where a later mover's indifference is
  what creates the jump, but a payoff that jumps down at a boundary for other
  reasons could have an unattained supremum that the symbolic path does not
  detect (the numeric path does, and raises).

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

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy

from .._numbers import describe, probabilities, substitution, to_symbolic
from ..errors import InvalidGameError, SolverError, UnsupportedGameError
from ..games.extensive_form import Chance, Decision, Outcome, chance, decision
from ..results import Equilibrium, SolveResult
from .regimes import Regime

__all__ = [
    "Choose",
    "ContinuousGame",
    "StationaryGame",
    "branch",
    "choice_of_risk",
    "choose",
    "continuous_game",
    "rubinstein",
    "spe_continuous",
    "stationary_game",
    "stationary_spe",
    "take_it_or_leave_it",
]


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
    "challenge, then choose a level of risk"). It returns an ordinary
    :class:`~gametheory.games.extensive_form.Decision` node.

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
    if isinstance(moves, Mapping):
        pairs = list(moves.items())
    elif isinstance(moves, Sequence) and not isinstance(moves, str) and all(isinstance(m, tuple | list) and len(m) == 2 for m in moves):
        pairs = [(m[0], m[1]) for m in moves]
    else:
        raise InvalidGameError(f"{where}: moves must be a mapping from action labels to subtrees; got {describe(moves)}")
    built: Any = tuple((action, _as_tree(sub, f"{where}: move {action!r}")) for action, sub in pairs)
    return Decision(player, built, None, label)


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


# --- signs and regions ----------------------------------------------------------------------------
_ALL = frozenset((-1, 0, 1))
#: Proofs allowed while writing a result's conditions and rules (beyond them, implied conditions are simply kept).
PRESENTATION_PROOFS = 300
#: Most regions on which :meth:`_Engine.merge` tries the merges that need proofs (the syntactic ones always run).
_SEMANTIC_MERGE = 10
#: Largest expression (in sympy operations) on which sympy's sign assumptions are queried; they can take minutes on radicals.
_ASSUMPTION_OPS = 40
_POSITIVE = frozenset((1,))
_NONNEGATIVE = frozenset((0, 1))
_ZERO = frozenset((0,))


@dataclass(frozen=True, slots=True)
class _Atom:
    """The statement ``sign(expr) in signs`` (``expr`` in the engine's canonical form)."""

    expr: sympy.Expr
    signs: frozenset[int]


Region = frozenset[_Atom]
_EMPTY_REGION: Region = frozenset()
_SORT_KEYS: dict[sympy.Expr, Any] = {}


def _ordered(atoms: Iterable[_Atom]) -> list[_Atom]:
    """Atoms in a fixed order (sets iterate in an order that changes with Python's hash seed; results must not)."""

    def key(atom: _Atom) -> Any:
        if atom.expr not in _SORT_KEYS:
            _SORT_KEYS[atom.expr] = sympy.default_sort_key(atom.expr)
        return (_SORT_KEYS[atom.expr], sorted(atom.signs))

    return sorted(atoms, key=key)


class _NoClosedForm(Exception):
    """sympy found no closed form for the candidates of a continuous move."""


class _NotReal(SolverError):
    """A number that should be compared turned out not to be real (e.g. a root of a negative number)."""


class _TooManyCases(_NoClosedForm):
    """The case analysis grew past :data:`MAX_CASES` regions."""


#: Largest number of regions one node's case analysis may hold before the symbolic solve gives up.
MAX_CASES = 400


def _number_sign(value: sympy.Expr) -> int:
    if value.is_zero:
        return 0
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    real, imag = sympy.N(value, 50).as_real_imag()
    if abs(imag) > 1e-40:
        raise _NotReal(f"spe_continuous(): a compared value is not real: {value}")
    if abs(real) < 1e-45:
        return 0 if value.equals(0) else (1 if real > 0 else -1)
    return 1 if real > 0 else -1


def _linear(expr: sympy.Expr, symbol: sympy.Symbol) -> tuple[sympy.Expr, sympy.Expr] | None:
    """``(a, b)`` with ``expr == a*symbol + b`` and neither depending on ``symbol``, else None."""
    for candidate in (expr, None):
        if candidate is None:
            candidate = sympy.expand(expr)
            if candidate == expr:
                return None
        a_terms, b_terms = [], []
        for term in sympy.Add.make_args(candidate):
            if symbol not in term.free_symbols:
                b_terms.append(term)
                continue
            coefficient, rest = term.as_independent(symbol, as_Add=False)
            if rest != symbol:
                break
            a_terms.append(coefficient)
        else:
            return sympy.Add(*a_terms), sympy.Add(*b_terms)
    return None


class _Pool:
    """Random exact points over the symbols, evaluated in floating point in bulk, to *refute* claims quickly.

    A claim "every point of these facts has sign(e) in S" is refuted by one
    point that satisfies the facts and not the claim; candidates are found
    with numpy over the whole pool and the one used is checked in exact
    arithmetic, so a refutation is always true. Nothing is ever proved here.
    """

    size = 384

    def __init__(self, boxes: Mapping[sympy.Symbol, tuple[Any, Any]]):
        self.boxes = dict(boxes)
        self.random = np.random.default_rng(20240607)
        self.exact: dict[sympy.Symbol, list[sympy.Rational]] = {}
        self.floats: dict[sympy.Symbol, np.ndarray] = {}
        self._signs: dict[sympy.Expr, np.ndarray] = {}

    def column(self, symbol: sympy.Symbol) -> np.ndarray:
        if symbol not in self.floats:
            lo, hi = self.boxes.get(symbol, (None, None))
            lo = sympy.Integer(-3) if lo is None else sympy.nsimplify(lo)
            hi = lo + 6 if hi is None else sympy.nsimplify(hi)
            if symbol.is_nonnegative and lo < 0:
                lo = sympy.Integer(0)
            if symbol.is_nonpositive and hi > 0:
                hi = sympy.Integer(0)
            if hi < lo:
                hi = lo
            denominators = self.random.choice([1, 2, 3, 4, 5, 7, 8, 10, 12], size=self.size)
            fractions = self.random.random(self.size)
            values = []
            for k, (d, f) in enumerate(zip(denominators.tolist(), fractions.tolist(), strict=True)):
                if k % 10 == 0:  # endpoints matter for closed intervals
                    values.append(lo if k % 20 == 0 else hi)
                else:
                    values.append(lo + (hi - lo) * sympy.Rational(round(f * d * 4), d * 4))
            self.exact[symbol] = values
            self.floats[symbol] = np.array([float(v) for v in values])
        return self.floats[symbol]

    def signs(self, expr: sympy.Expr) -> np.ndarray:
        """Sign of ``expr`` at every point (as int8; 2 where it cannot be evaluated)."""
        cached = self._signs.get(expr)
        if cached is not None:
            return cached
        symbols = sorted(expr.free_symbols, key=str)
        try:
            f = sympy.lambdify(symbols, expr, "numpy")
            with np.errstate(all="ignore"):
                values = np.asarray(f(*(self.column(s) for s in symbols)), dtype=float)
            values = np.broadcast_to(values, (self.size,))
            out = np.where(values > 1e-9, 1, np.where(values < -1e-9, -1, 0)).astype(np.int8)
            out[~np.isfinite(values)] = 2
        except (TypeError, ValueError, ZeroDivisionError, NameError):  # pragma: no cover - unusual functions
            out = np.full(self.size, 2, dtype=np.int8)
        self._signs[expr] = out
        return out

    def mask(self, atom: _Atom) -> np.ndarray:
        return np.isin(self.signs(atom.expr), list(atom.signs))

    def seen(self, facts: Region, expr: sympy.Expr) -> set[int]:
        """The signs of ``expr`` at exact points of the pool that satisfy ``facts`` (each checked exactly)."""
        mask = np.ones(self.size, dtype=bool)
        for atom in facts:
            mask &= self.mask(atom)
            if not mask.any():
                return set()
        values = self.signs(expr)
        out = set()
        symbols = set(expr.free_symbols).union(*(a.expr.free_symbols for a in facts))
        for sign in (-1, 1, 0):
            for index in np.flatnonzero(mask & (values == sign))[:2].tolist():
                point = {s: self.exact[s][index] for s in symbols if s in self.exact}
                if not all(_fits(s, v) for s, v in point.items()) or not all(_holds(a, point) for a in facts):
                    continue
                value = expr.xreplace(point)
                if not value.free_symbols and not value.has(sympy.zoo, sympy.nan):
                    try:
                        out.add(_number_sign(value))
                    except SolverError:
                        continue
                    break
        return out

    def inhabited(self, facts: Region) -> bool:
        """True when an exact point of the pool satisfies every fact."""
        mask = np.ones(self.size, dtype=bool)
        for atom in facts:
            mask &= self.mask(atom)
            if not mask.any():
                return False
        symbols = set().union(*(a.expr.free_symbols for a in facts))
        for index in np.flatnonzero(mask)[:3].tolist():
            point = {s: self.exact[s][index] for s in symbols if s in self.exact}
            if all(_fits(s, v) for s, v in point.items()) and all(_holds(a, point) for a in facts):
                return True
        return False

    def refutes(self, facts: Region, expr: sympy.Expr, signs: frozenset[int]) -> bool:
        """True when an exact point satisfies ``facts`` with ``sign(expr)`` outside ``signs``."""
        if signs == _ALL:
            return False
        mask = np.isin(self.signs(expr), list(_ALL - signs))
        for atom in facts:
            if not mask.any():
                return False
            mask &= self.mask(atom)
        for index in np.flatnonzero(mask)[:3].tolist():
            symbols = set(expr.free_symbols).union(*(a.expr.free_symbols for a in facts))
            point = {s: self.exact[s][index] for s in symbols if s in self.exact}
            if (
                all(_fits(s, v) for s, v in point.items())
                and all(_holds(a, point) for a in facts)
                and _holds(_Atom(expr, _ALL - signs), point)
            ):
                return True
        return False


class _Engine:
    """Decides signs of expressions over regions (conjunctions of atoms), soundly and incompletely.

    A set of facts is turned into *scenarios*: substitutions that write the
    symbols in terms of fresh positive (or nonnegative) dummies, covering every
    point where the facts hold (facts it cannot use are dropped, which only
    enlarges the covered set). The possible signs of an expression are the union
    of sympy's sign assumptions on it over the scenarios, narrowed exactly when
    a single free symbol is left.
    """

    def __init__(self, facts: Sequence[Any], priority: Sequence[sympy.Symbol], where: str):
        self.rank = {s: i for i, s in enumerate(priority)}
        self.where = where
        self._canonical: dict[Any, tuple[sympy.Expr | None, int]] = {}
        self._signs: dict[Any, frozenset[int]] = {}
        self._plain: dict[Any, frozenset[int]] = {}
        self._scenarios: dict[Any, list[tuple[tuple[sympy.Symbol, sympy.Expr], ...]] | None] = {}
        self._real: dict[sympy.Symbol, sympy.Symbol] = {}
        self._univariate: dict[Any, frozenset[int]] = {}
        self._factors: dict[Any, tuple[int, tuple[tuple[sympy.Expr, int], ...]]] = {}
        self._busy: set[Region] = set()
        self.proofs_left: int | None = None
        self._rendered: dict[_Atom, Any] = {}
        self.base: Region = _EMPTY_REGION
        atoms = []
        for fact in facts:
            atom = self.atom(fact)
            if atom is True:
                continue
            if atom is False:
                raise InvalidGameError(f"{where}: the assumption {fact} is false")
            atoms.append(atom)
        self.pool = _Pool(_boxes(frozenset(atoms)))
        base: Region = _EMPTY_REGION
        for atom in atoms:
            added = self.restrict(base, (atom,), _EMPTY_REGION)
            if added is None:
                raise InvalidGameError(f"{where}: the assumptions {list(map(str, facts))} contradict each other")
            base = added
        self.base = base

    # canonical forms
    def canonical(self, expr: Any) -> tuple[sympy.Expr | None, int]:
        """``(p, s)``: ``sign(expr) == s * sign(p)`` wherever ``expr`` is defined; ``(None, sign)`` for numbers."""
        expr = sympy.sympify(expr)
        cached = self._canonical.get(expr)
        if cached is not None:
            return cached
        if expr.is_number:
            result: tuple[sympy.Expr | None, int] = (None, _number_sign(expr))
        else:
            numerator, denominator = sympy.fraction(sympy.together(expr))
            if denominator.is_number:
                sign = _number_sign(denominator)
            else:
                signs = self.signs(denominator, self.base)
                sign = 1 if signs == _POSITIVE else -1 if signs == frozenset((-1,)) else 0
            if sign == 0:  # sign(n/d) == sign(n*d) where defined
                numerator = numerator * denominator
            elif sign < 0:
                numerator = -numerator
            numerator = sympy.expand(numerator)
            if numerator.is_number:
                result = (None, _number_sign(numerator))
            else:
                _, primitive = numerator.as_content_primitive()
                result = (sympy.expand(-primitive), -1) if primitive.could_extract_minus_sign() else (primitive, 1)
        self._canonical[expr] = result
        return result

    def atom(self, relation: Any) -> _Atom | bool:
        """A relational as an atom, or True/False when it is decided by arithmetic alone."""
        if relation is sympy.true or relation is True:
            return True
        if relation is sympy.false or relation is False:
            return False
        table = {
            sympy.StrictGreaterThan: _POSITIVE,
            sympy.GreaterThan: _NONNEGATIVE,
            sympy.StrictLessThan: frozenset((-1,)),
            sympy.LessThan: frozenset((-1, 0)),
            sympy.Equality: _ZERO,
            sympy.Unequality: frozenset((-1, 1)),
        }
        signs = table.get(type(relation))
        if signs is None:
            raise InvalidGameError(f"{self.where}: expected a relational (<, <=, >, >=, Eq, Ne); got {describe(relation)}")
        return self.make(relation.lhs - relation.rhs, signs)

    def make(self, expr: Any, signs: frozenset[int]) -> _Atom | bool:
        """The atom ``sign(expr) in signs``, or True/False when ``expr`` is a number."""
        p, s = self.canonical(expr)
        if p is None:
            return s in signs
        return _Atom(p, frozenset(s * g for g in signs))

    # signs
    def real(self, symbol: sympy.Symbol) -> sympy.Symbol:
        if symbol.is_real:
            return symbol
        if symbol not in self._real:
            self._real[symbol] = sympy.Dummy(symbol.name, real=True)
        return self._real[symbol]

    def plain(self, expr: sympy.Expr) -> frozenset[int]:
        """Possible signs of ``expr`` from the sign assumptions on its symbols alone (symbols taken as real).

        First as a ratio of polynomials whose terms all have one sign (the
        usual shape after substituting bounds), then sympy's assumptions on the
        expression and on its factored form.
        """
        if expr.is_number:
            try:
                return frozenset((_number_sign(expr),))
            except _NotReal:  # outside the expression's real domain: no information
                return _ALL
        cached = self._plain.get(expr)
        if cached is not None:
            return cached
        real = expr.xreplace({s: self.real(s) for s in expr.free_symbols if isinstance(s, sympy.Symbol) and not s.is_real})
        numerator, denominator = sympy.fraction(sympy.together(real))
        top, bottom = _polynomial_signs(numerator), _polynomial_signs(denominator)
        result = frozenset(a * b for a in top for b in bottom if b != 0)
        if len(result) > 1 and not (numerator.is_polynomial() and denominator.is_polynomial()) and sympy.count_ops(real) <= _ASSUMPTION_OPS:
            result &= _assumed_signs(real)  # exp, log, roots: sympy's assumptions know more (but are slow on large expressions)
        self._plain[expr] = result
        return result

    def signs(self, expr: Any, facts: Region) -> frozenset[int]:
        """The possible signs of ``expr`` where every atom of ``facts`` holds (empty when the facts are contradictory)."""
        expr = sympy.sympify(expr)
        if expr.is_number:
            return frozenset((_number_sign(expr),))
        facts = _relevant(expr.free_symbols, facts)
        if facts in self._busy:  # asked while building these facts' scenarios: assumptions only
            return self.plain(expr)
        key = (expr, facts)
        cached = self._signs.get(key)
        if cached is not None:
            return cached
        out: set[int] = self.pool.seen(facts, expr)
        if {-1, 1} <= out:  # both signs occur: nothing to prove (0 is kept as possible)
            self._signs[key] = _ALL
            return _ALL
        scenarios = self.scenarios(facts)
        if scenarios is not None:
            for subs in scenarios:
                out |= self.plain(_apply(expr, subs))
                if out == _ALL:
                    break
            if len(out) > 1:
                out &= self.univariate(expr, facts)
        result = frozenset(out)
        self._signs[key] = result
        return result

    def univariate(self, expr: sympy.Expr, facts: Region) -> frozenset[int]:
        """Exact possible signs when ``expr`` has one free symbol (using the facts about that symbol alone).

        For rational functions with rational coefficients: the real roots of
        every numerator and denominator involved are isolated exactly, and the
        signs are read at each root and between consecutive roots.
        """
        free = expr.free_symbols
        if len(free) != 1:
            return _ALL
        (symbol,) = free
        key = (expr, frozenset(a for a in facts if a.expr.free_symbols == free))
        cached = self._univariate.get(key)
        if cached is None:
            cached = _univariate_signs(expr, key[1], symbol)
            self._univariate[key] = cached
        return cached

    # scenarios
    def order_key(self, symbol: sympy.Symbol) -> tuple[int, int, str]:
        if isinstance(symbol, sympy.Dummy):
            return (2, 0, symbol.name)
        return (0, self.rank.get(symbol, len(self.rank)), symbol.name)

    def scenarios(self, facts: Region) -> list[tuple[tuple[sympy.Symbol, sympy.Expr], ...]] | None:
        """Substitutions covering the points where ``facts`` hold; None when they provably cannot hold."""
        if facts in self._scenarios:
            return self._scenarios[facts]
        self._busy.add(facts)
        try:
            result = self._build_scenarios(facts)
        finally:
            self._busy.discard(facts)
        self._scenarios[facts] = result
        return result

    def _build_scenarios(self, facts: Region) -> list[tuple[tuple[sympy.Symbol, sympy.Expr], ...]] | None:
        equalities = sorted((a.expr for a in facts if a.signs == _ZERO), key=sympy.default_sort_key)
        inequalities: list[tuple[sympy.Expr, bool]] = []
        for atom in sorted(facts, key=lambda a: sympy.default_sort_key(a.expr)):
            if atom.signs == _POSITIVE:
                inequalities.append((atom.expr, True))
            elif atom.signs == _NONNEGATIVE:
                inequalities.append((atom.expr, False))
            elif atom.signs == frozenset((-1,)):
                inequalities.append((-atom.expr, True))
            elif atom.signs == frozenset((-1, 0)):
                inequalities.append((-atom.expr, False))
        branches: list[tuple[tuple[sympy.Symbol, sympy.Expr], ...]] = [()]
        for equation in equalities:
            new = []
            for subs in branches:
                value = _apply(equation, subs)
                if value.is_number:
                    if _satisfied(value, False) and _satisfied(-value, False):  # zero (or not real: cannot tell)
                        new.append(subs)
                    continue
                solved = self.solve_for(value)
                if solved is None:
                    new.append(subs)
                    continue
                symbol, roots = solved
                new.extend((*subs, (symbol, root)) for root in roots)
            branches = new
        out = []
        for subs in branches:
            out.extend(self.bounded(subs, inequalities))
        return out or None

    def solve_for(self, equation: sympy.Expr) -> tuple[sympy.Symbol, list[sympy.Expr]] | None:
        """A symbol of ``equation == 0`` and all its real roots (linear with a nonzero coefficient, or a polynomial with a numeric leading coefficient)."""
        for symbol in sorted(equation.free_symbols, key=self.order_key):
            linear = _linear(equation, symbol)
            if linear is not None:
                a, b = linear
                if 0 not in (self.plain(a) if a.is_number else self.signs(a, self.base)):
                    return symbol, [sympy.expand(-b / a) if a.is_number else -b / a]
                continue
            if equation.is_polynomial(symbol):
                poly = sympy.Poly(equation, symbol)
                if poly.LC().is_number and poly.LC() != 0:
                    if equation.free_symbols == {symbol}:  # numbers only: exact real roots
                        return symbol, list(sympy.real_roots(poly))
                    try:
                        roots = sympy.solve(equation, symbol)
                    except NotImplementedError:
                        continue
                    if any(r.has(sympy.I) for r in roots):  # a real root may be written with I: use another symbol (or none)
                        continue
                    return symbol, [r for r in roots if r.is_real is not False]
        return None

    def bounded(
        self, subs: tuple[tuple[sympy.Symbol, sympy.Expr], ...], inequalities: list[tuple[sympy.Expr, bool]]
    ) -> list[tuple[tuple[sympy.Symbol, sympy.Expr], ...]]:
        """Eliminate the symbols one at a time (choices first), each between one of its lower and one of its upper bounds.

        Every pair of bounds of an eliminated symbol yields a derived fact
        (lower <= upper) about the symbols left, as in Fourier-Motzkin
        elimination; the bounds not used for the substitution are dropped,
        so each scenario covers a superset of the facts' points.
        """
        facts: list[tuple[sympy.Expr, bool]] = []
        for expr, strict in inequalities:
            value = _apply(expr, subs)
            if value.is_number:
                if not _satisfied(value, strict):
                    return []
                continue
            facts.append((value, strict))
        symbols = sorted({s for value, _ in facts for s in value.free_symbols if not isinstance(s, sympy.Dummy)}, key=self.order_key)
        branches: list[tuple[tuple[tuple[sympy.Symbol, sympy.Expr], ...], list[tuple[sympy.Expr, bool]]]] = [(subs, facts)]
        for symbol in symbols:
            branches = [step for current, known in branches for step in self.eliminate(symbol, current, known)]
            if not branches:
                return []
        return [current for current, _ in branches]

    def eliminate(
        self, symbol: sympy.Symbol, current: tuple[tuple[sympy.Symbol, sympy.Expr], ...], facts: list[tuple[sympy.Expr, bool]]
    ) -> list[tuple[tuple[tuple[sympy.Symbol, sympy.Expr], ...], list[tuple[sympy.Expr, bool]]]]:
        lower: list[tuple[sympy.Expr, bool]] = []
        upper: list[tuple[sympy.Expr, bool]] = []
        keep: list[tuple[sympy.Expr, bool]] = []
        for value, strict in facts:
            if symbol in value.free_symbols:
                linear = _linear(value, symbol)
                if linear is not None:
                    a, b = linear
                    sign = self.plain(a)
                    if sign in (_POSITIVE, frozenset((-1,))):
                        bound = sympy.expand(-b / a) if a.is_number else sympy.cancel(-b / a)
                        (lower if sign == _POSITIVE else upper).append((bound, strict))
                        continue
            keep.append((value, strict))
        zero = sympy.Integer(0)
        if symbol.is_positive or symbol.is_nonnegative:
            lower.append((zero, bool(symbol.is_positive)))
        if symbol.is_negative or symbol.is_nonpositive:
            upper.append((zero, bool(symbol.is_negative)))
        for (lo, lo_strict), (hi, hi_strict) in itertools.product(lower, upper):
            keep.append((sympy.expand(hi - lo), lo_strict or hi_strict))
        lo_pick = _pick(lower, up=False)
        hi_pick = _pick(upper, up=True)
        options: list[sympy.Expr] = []
        if lo_pick is not None and hi_pick is not None:
            t = sympy.Dummy("t", positive=True) if lo_pick[1] else sympy.Dummy("t", nonnegative=True)
            options.append(sympy.cancel(lo_pick[0] + (hi_pick[0] - lo_pick[0]) * t / (1 + t)))
            if not hi_pick[1]:
                options.append(hi_pick[0])
        elif lo_pick is not None:
            t = sympy.Dummy("t", positive=True) if lo_pick[1] else sympy.Dummy("t", nonnegative=True)
            options.append(lo_pick[0] + t)
        elif hi_pick is not None:
            t = sympy.Dummy("t", positive=True) if hi_pick[1] else sympy.Dummy("t", nonnegative=True)
            options.append(hi_pick[0] - t)
        out = []
        for option in options or [None]:
            known = []
            possible = True
            for value, strict in keep:
                if option is not None and symbol in value.free_symbols:
                    value = value.xreplace({symbol: option})
                if value.is_number:
                    if not _satisfied(value, strict):
                        possible = False
                        break
                    continue
                known.append((value, strict))
            if possible:
                out.append((current if option is None else (*current, (symbol, option)), known))
        return out

    # regions
    def restrict(self, region: Region, atoms: Iterable[_Atom], base: Region) -> Region | None:
        """``region`` with ``atoms`` added (None when provably empty); atoms implied by the rest are not added."""
        current = region
        for atom in _ordered(atoms):
            facts = base | current
            if self.pool.refutes(facts, atom.expr, atom.signs) and self.pool.refutes(facts, atom.expr, _ALL - atom.signs):
                # sampled points on both sides: the atom is neither implied nor contradicted
                existing = next((a for a in current if a.expr == atom.expr), None)
                kept = atom.signs if existing is None else atom.signs & existing.signs
                if not kept:
                    return None
                current = (current - {existing} if existing is not None else current) | {_Atom(atom.expr, kept)}
                continue
            possible = self.signs(atom.expr, facts)
            if not possible:
                return None
            kept = possible & atom.signs
            if not kept:
                return None
            if possible <= atom.signs:
                continue
            existing = next((a for a in current if a.expr == atom.expr), None)
            if existing is not None:
                kept &= existing.signs
                if not kept:
                    return None
                current = (current - {existing}) | {_Atom(atom.expr, kept)}
            else:
                current = current | {_Atom(atom.expr, kept)}
        return current

    def factors(self, p: sympy.Expr) -> tuple[int, tuple[tuple[sympy.Expr, int], ...]]:
        """``p`` as ``sign * product of factor**multiplicity`` over the factors whose sign the base facts leave open."""
        cached = self._factors.get(p)
        if cached is not None:
            return cached
        sign, out = 1, []
        constant, pairs = sympy.Integer(1), [(p, 1)]
        if p.is_polynomial():  # radicals, exponentials...: one factor
            constant, pairs = sympy.factor_list(p)
        sign *= _number_sign(constant)
        for factor, multiplicity in pairs:
            f, s = self.canonical(factor)
            if f is None:
                sign *= s**multiplicity
                continue
            known = self.signs(f, self.base)
            if known in (_POSITIVE, frozenset((-1,))):
                sign *= (s * next(iter(known))) ** multiplicity
                continue
            sign *= s**multiplicity
            out.append((f, int(multiplicity)))
        result = (sign, tuple(out))
        self._factors[p] = result
        return result

    def compare(self, region: Region, base: Region, a: sympy.Expr, b: sympy.Expr) -> list[tuple[Region, int]]:
        """Split ``region`` by the sign of ``a - b``: ``[(subregion, sign), ...]``; splits on each factor of unknown sign."""
        p, s = self.canonical(a - b)
        if p is None:
            return [(region, s)]
        possible = self.signs(p, base | region)
        if len(possible) == 1:
            return [(region, s * next(iter(possible)))]
        if not possible:
            return []
        sign, factors = self.factors(p)
        cases: list[tuple[Region, int]] = [(region, s * sign)]
        for factor, multiplicity in factors:
            new: list[tuple[Region, int]] = []
            for current, value in cases:
                if value == 0:
                    new.append((current, 0))
                    continue
                options = self.signs(factor, base | current)
                for option in sorted(options):
                    sub = current if len(options) == 1 else self.restrict(current, (_Atom(factor, frozenset((option,))),), base)
                    if sub is not None:
                        new.append((sub, value * option**multiplicity))
            cases = new
        return cases

    def negations(self, region: Region, atoms: Sequence[_Atom], base: Region) -> list[Region]:
        """Disjoint regions covering ``region`` minus the conjunction of ``atoms``."""
        out = []
        current: Region | None = region
        for atom in atoms:
            if current is None:
                break
            outside = self.restrict(current, (_Atom(atom.expr, _ALL - atom.signs),), base)
            if outside is not None:
                out.append(outside)
            current = self.restrict(current, (atom,), base)
        return out

    # output
    def render(self, atom: _Atom) -> Any:
        """An atom as a readable sympy relational: solved for a symbol when linear in it with a known-sign coefficient."""
        if atom not in self._rendered:
            self._rendered[atom] = self._render(atom)
        return self._rendered[atom]

    def _render(self, atom: _Atom) -> Any:
        p = atom.expr
        op = {
            _POSITIVE: ">",
            _NONNEGATIVE: ">=",
            _ZERO: "==",
            frozenset((-1,)): "<",
            frozenset((-1, 0)): "<=",
            frozenset((-1, 1)): "!=",
        }[atom.signs]
        flipped = {">": "<", ">=": "<=", "==": "==", "<": ">", "<=": ">=", "!=": "!="}
        for symbol in sorted(p.free_symbols, key=self.order_key):
            linear = _linear(p, symbol)
            if linear is None:
                continue
            a, b = linear
            sign = self.signs(a, self.base)
            if sign == _POSITIVE or sign == frozenset((-1,)):
                rhs = sympy.factor(sympy.cancel(-b / a))
                return _relational(symbol, rhs, op if sign == _POSITIVE else flipped[op])
        terms = sympy.Add.make_args(p)
        negative = [t for t in terms if t.could_extract_minus_sign()]
        positive = [t for t in terms if not t.could_extract_minus_sign()]
        return _relational(sympy.factor(sympy.Add(*positive)), sympy.factor(-sympy.Add(*negative)), op)

    def entails(self, facts: Region, expr: sympy.Expr, signs: frozenset[int]) -> bool:
        """True when provably ``sign(expr) in signs`` wherever ``facts`` hold (a sampled counterexample answers False fast).

        Once :attr:`proofs_left` (when set) runs out, answers False without
        trying: used where a False only leaves a condition longer than needed.
        """
        if self.pool.refutes(facts, expr, signs):
            return False
        if self.proofs_left is not None:
            if self.proofs_left <= 0:
                return False
            self.proofs_left -= 1
        return self.signs(expr, facts) <= signs

    def meets(self, region: Region, other: Region, base: Region) -> bool:
        """Whether two regions may intersect: True on a sampled common point, else as :meth:`restrict` proves
        (within :attr:`proofs_left`; past it, True)."""
        if self.pool.inhabited(base | region | other):
            return True
        if self.proofs_left is not None:
            if self.proofs_left <= 0:
                return True
            self.proofs_left -= 1
        return self.restrict(region, other, base) is not None

    def simplify(self, region: Region, base: Region) -> Region:
        """``region`` without the atoms implied by ``base`` and its other atoms."""
        current = region
        for atom in sorted(region, key=lambda a: sympy.default_sort_key(a.expr)):
            if self.entails(base | (current - {atom}), atom.expr, atom.signs):
                current = current - {atom}
        return current

    def merge(self, regions: Sequence[Region], base: Region) -> list[Region]:
        """A simpler list of regions with the same union: implied atoms dropped, regions inside others dropped, and
        pairs merged that differ only in the signs of one expression (after adding to each the atoms of the other it implies)."""
        current = _merge_syntactic(list(dict.fromkeys(regions)))
        current = _merge_syntactic(list(dict.fromkeys(self.simplify(r, base) for r in current)))
        changed = len(current) <= _SEMANTIC_MERGE  # the checks below are quadratic in the regions and each may prove things
        rounds = len(current) + 1
        implied: dict[tuple[Region, Region], bool] = {}
        aligned: dict[tuple[Region, Region], Region] = {}

        def implies(small: Region, big: Region) -> bool:
            if (small, big) not in implied:
                implied[small, big] = self.implies(small, big, base)
            return implied[small, big]

        def align(region: Region, other: Region) -> Region:
            if (region, other) not in aligned:
                aligned[region, other] = self.align(region, other, base)
            return aligned[region, other]

        while changed and rounds > 0:
            changed = False
            rounds -= 1
            for i, j in itertools.permutations(range(len(current)), 2):
                if implies(current[i], current[j]):  # i lies inside j
                    current = [r for k, r in enumerate(current) if k != i]
                    changed = True
                    break
            if changed:
                continue
            for i, j in itertools.combinations(range(len(current)), 2):
                a, b = align(current[i], current[j]), align(current[j], current[i])
                da = {x.expr: x.signs for x in a}
                db = {x.expr: x.signs for x in b}
                shared = [e for e in da if e in db and da[e] != db[e]]
                for e in shared:
                    a_rest, b_rest = a - {_Atom(e, da[e])}, b - {_Atom(e, db[e])}
                    # where a covers part of b (b's rest implies a's), b keeps only the rest: worth it when that drops atoms
                    for big, small, small_region, small_signs, big_signs in (
                        (a_rest, b_rest, j, db[e], da[e]),
                        (b_rest, a_rest, i, da[e], db[e]),
                    ):
                        left = small_signs - big_signs
                        if not left or left == small_signs or not implies(small, big):
                            continue
                        narrowed = self.simplify(small | {_Atom(e, left)}, base)
                        if len(narrowed) < len(current[small_region]):
                            current = [narrowed if k == small_region else r for k, r in enumerate(current)]
                            changed = True
                            break
                    if changed:
                        break
                    # (e in Sa and rest_a) | (e in Sb and rest_b): when rest_b implies rest_a, b may take e in Sa | Sb
                    for big, small, small_region, small_signs in ((a_rest, b_rest, j, db[e]), (b_rest, a_rest, i, da[e])):
                        union = da[e] | db[e]
                        if union == small_signs or not implies(small, big):
                            continue
                        widened = self.simplify(small | (frozenset() if union == _ALL else {_Atom(e, union)}), base)
                        if widened != current[small_region]:
                            current = [widened if k == small_region else r for k, r in enumerate(current)]
                            changed = True
                            break
                    if changed:
                        break
                if changed:
                    break
        return current

    def implies(self, small: Region, big: Region, base: Region) -> bool:
        """True when every point of ``small`` (within ``base``) lies in ``big``."""
        return all(self.entails(base | small, x.expr, x.signs) for x in big)

    def align(self, region: Region, other: Region, base: Region) -> Region:
        """``region`` written, where it can be, over the expressions of ``other``: it gains the atoms of ``other`` it
        implies and loses its atoms on other expressions that the rest implies."""
        exprs = {a.expr for a in region}
        current = region | frozenset(a for a in other if a.expr not in exprs and self.entails(base | region, a.expr, a.signs))
        theirs = {a.expr for a in other}
        for atom in sorted(current, key=lambda a: sympy.default_sort_key(a.expr)):
            if atom.expr not in theirs and self.entails(base | (current - {atom}), atom.expr, atom.signs):
                current = current - {atom}
        return current

    def condition(self, regions: Sequence[Region], base: Region | None = None) -> Any:
        """The union of ``regions`` as a sympy Boolean: merged where two differ in one atom, implied atoms dropped."""
        base = self.base if base is None else base
        merged = self.merge(regions, base)
        if not merged:
            return sympy.false
        return sympy.Or(*(sympy.And(*(self.render(a) for a in sorted(r, key=lambda a: sympy.default_sort_key(a.expr)))) for r in merged))

    def witness(self, regions: Sequence[Region], symbols: Sequence[sympy.Symbol]) -> dict[sympy.Symbol, sympy.Expr] | None:
        """An exact point (values of ``symbols``) inside one of ``regions`` and the base facts, if one is found."""
        tries = [sympy.Integer(n) for n in (1, 2, 3, 10, 100)] + [sympy.Rational(1, n) for n in (2, 3, 7, 100)]
        free_values = [sympy.Rational(1, 3), sympy.Integer(0), sympy.Integer(1), sympy.Integer(-1), sympy.Integer(2), sympy.Rational(3, 4)]
        for region in regions:
            facts = self.base | region
            for subs in self.scenarios(facts) or []:
                point_exprs = {s: _apply(s, subs) for s in symbols}
                dummies = sorted({d for e in point_exprs.values() for d in e.free_symbols if isinstance(d, sympy.Dummy)}, key=str)
                others = sorted({d for e in point_exprs.values() for d in e.free_symbols if not isinstance(d, sympy.Dummy)}, key=str)
                for k in range(len(tries) * 2):
                    values = {d: tries[(k + i) % len(tries)] for i, d in enumerate(dummies)}
                    values.update({o: free_values[(k + i) % len(free_values)] for i, o in enumerate(others)})
                    point = {s: e.xreplace(values) for s, e in point_exprs.items()}
                    if any(v.free_symbols or not v.is_real or v.has(sympy.zoo, sympy.nan) or not _fits(s, v) for s, v in point.items()):
                        continue
                    if all(_holds(a, point) for a in facts):
                        return point
        return None


def _boxes(facts: Region) -> dict[sympy.Symbol, tuple[Any, Any]]:
    """Numeric bounds on single symbols stated by ``facts`` (for sampling)."""
    boxes: dict[sympy.Symbol, list[Any]] = {}
    for atom in facts:
        free = atom.expr.free_symbols
        if len(free) != 1 or atom.signs in (_ALL, frozenset((-1, 1))):
            continue
        (symbol,) = free
        linear = _linear(atom.expr, symbol)
        if linear is None or not linear[0].is_number or linear[0] == 0:
            continue
        a, b = linear
        bound = -b / a
        box = boxes.setdefault(symbol, [None, None])
        # sign(a*s + b) in signs: a > 0 and nonnegative signs give a lower bound, etc.
        upper = (a > 0) == (atom.signs <= frozenset((-1, 0)))
        if atom.signs == _ZERO:
            box[0] = box[1] = bound
        elif upper:
            box[1] = bound if box[1] is None else min(box[1], bound)
        else:
            box[0] = bound if box[0] is None else max(box[0], bound)
    return {symbol: (lo, hi) for symbol, (lo, hi) in boxes.items()}


def _merge_syntactic(regions: list[Region]) -> list[Region]:
    """Merge regions that differ only in the signs allowed for one expression (no proofs needed)."""
    current = list(regions)
    changed = True
    while changed:
        changed = False
        seen: dict[tuple[Region, sympy.Expr], int] = {}
        for index, region in enumerate(current):
            for atom in _ordered(region):
                key = (region - {atom}, atom.expr)
                other = seen.get(key)
                if other is None:
                    seen[key] = index
                    continue
                union = atom.signs | next(a.signs for a in current[other] if a.expr == atom.expr)
                merged = key[0] if union == _ALL else key[0] | {_Atom(atom.expr, union)}
                current = [r for k, r in enumerate(current) if k not in (index, other)] + [merged]
                changed = True
                break
            if changed:
                break
    return list(dict.fromkeys(current))


def _relevant(symbols: Iterable[sympy.Basic], facts: Region) -> Region:
    """The facts connected to ``symbols`` through shared symbols (the others cannot change their possible values)."""
    reach = set(symbols)
    pending = list(facts)
    kept: list[_Atom] = []
    grew = True
    while grew:
        grew = False
        rest = []
        for atom in pending:
            free = atom.expr.free_symbols
            if free & reach:
                kept.append(atom)
                reach |= free
                grew = True
            else:
                rest.append(atom)
        pending = rest
    return facts if not pending else frozenset(kept)


def _satisfied(value: sympy.Expr, strict: bool) -> bool:
    try:
        sign = _number_sign(value)
    except _NotReal:  # cannot tell: keep the scenario (it only covers more)
        return True
    return sign > 0 or (sign == 0 and not strict)


def _pick(bounds: list[tuple[sympy.Expr, bool]], *, up: bool) -> tuple[sympy.Expr, bool] | None:
    """The bound to substitute: an expression one (it carries relations between symbols) or else the tightest number."""
    if not bounds:
        return None
    symbolic = [b for b in bounds if not b[0].is_number]
    if symbolic:
        return sorted(symbolic, key=lambda b: (sympy.default_sort_key(b[0]), not b[1]))[0]
    best = bounds[0]
    for bound in bounds[1:]:
        tighter = bound[0] < best[0] if up else bound[0] > best[0]
        if tighter or (bound[0] == best[0] and bound[1]):
            best = bound
    return best


def _fits(symbol: sympy.Symbol, value: sympy.Expr) -> bool:
    """``value`` agrees with the sign assumptions of ``symbol``."""
    checks = (
        (symbol.is_positive, value > 0),
        (symbol.is_nonnegative, value >= 0),
        (symbol.is_negative, value < 0),
        (symbol.is_nonpositive, value <= 0),
        (symbol.is_integer, value.is_integer),
    )
    return all(not required or bool(ok) for required, ok in checks)


def _holds(atom: _Atom, point: Mapping[sympy.Symbol, sympy.Expr]) -> bool:
    value = atom.expr.xreplace(dict(point))
    if value.free_symbols or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return False
    try:
        return _number_sign(value) in atom.signs
    except SolverError:
        return False


def _term_signs(expr: sympy.Expr) -> frozenset[int]:
    """Possible signs of a polynomial from its terms: when every term has a known sign and they agree.

    Coefficients may be any real numbers (radicals included); a term's
    monomial has a known sign when each symbol in it is nonnegative or
    nonpositive, or appears to an even power.
    """
    if expr.is_number:
        return frozenset((_number_sign(expr),))
    gens = sorted(expr.free_symbols, key=str)
    try:
        terms = sympy.Poly(expr, *gens).as_dict(native=False)
    except (sympy.PolynomialError, sympy.GeneratorsNeeded):
        return _ALL
    signs: set[int] = set()
    strict = False
    for monomial, coefficient in terms.items():
        try:
            sign = _number_sign(coefficient)
        except _NotReal:
            return _ALL
        if sign == 0:
            continue
        positive = True
        for base, exponent in zip(gens, monomial, strict=True):
            if exponent == 0:
                continue
            if base.is_nonnegative:
                positive = positive and bool(base.is_positive)
            elif exponent % 2 == 0 and base.is_real:
                positive = positive and bool(base.is_nonzero)
            elif base.is_nonpositive:
                sign = -sign if exponent % 2 else sign
                positive = positive and bool(base.is_negative)
            else:
                return _ALL
        signs.add(sign)
        strict = strict or positive
        if len(signs) > 1:
            return _ALL
    if not signs:
        return _ZERO
    (sign,) = signs
    return frozenset((sign,)) if strict else frozenset((0, sign))


def _polynomial_signs(expr: sympy.Expr) -> frozenset[int]:
    """Possible signs of ``expr`` from its terms, or else from the terms of each of its factors."""
    result = _term_signs(expr)
    if len(result) == 1 or expr.is_number or not expr.is_polynomial():
        return result
    try:
        constant, factors = sympy.factor_list(expr)
    except (sympy.PolynomialError, NotImplementedError):  # pragma: no cover - sympy edge cases
        return result
    if len(factors) == 1 and factors[0][1] == 1:
        return result
    product = frozenset((_number_sign(constant),))
    for factor, multiplicity in factors:
        signs = frozenset(s**multiplicity for s in _term_signs(factor))
        product = frozenset(a * b for a in product for b in signs)
    return result & product


def _assumed_signs(expr: sympy.Expr) -> frozenset[int]:
    if expr.is_zero:
        return _ZERO
    if expr.is_positive:
        return _POSITIVE
    if expr.is_negative:
        return frozenset((-1,))
    out = set(_ALL)
    if expr.is_nonnegative:
        out.discard(-1)
    if expr.is_nonpositive:
        out.discard(1)
    if expr.is_zero is False:
        out.discard(0)
    return frozenset(out)


def _univariate_signs(expr: sympy.Expr, facts: Iterable[_Atom], symbol: sympy.Symbol) -> frozenset[int]:
    """The signs ``expr`` takes where ``facts`` (and ``symbol``'s assumptions) hold; ``_ALL`` when not a rational function over QQ."""
    facts = list(facts)
    parts: list[tuple[sympy.Poly, sympy.Poly]] = []
    try:
        for e in (expr, *(a.expr for a in facts)):
            numerator, denominator = sympy.fraction(sympy.together(e))
            pair = (sympy.Poly(numerator, symbol, domain="QQ"), sympy.Poly(denominator, symbol, domain="QQ"))
            parts.append(pair)
    except (sympy.PolynomialError, sympy.CoercionFailed, sympy.GeneratorsNeeded):
        return _ALL
    identity = sympy.Poly(symbol, symbol, domain="QQ")  # its root 0 decides the symbol's own sign assumptions
    squarefree = [f for num, den in parts for poly in (num, den, identity) if poly.degree() > 0 for f, _ in poly.sqf_list()[1]]
    product = sympy.Poly(1, symbol, domain="QQ")
    for f in squarefree:
        product = product * f
    roots: list[tuple[Any, Any]] = []
    if product.degree() > 0:
        core = product.sqf_part()
        for digits in (6, 12, 24):
            found = [interval for interval, _ in core.intervals(eps=sympy.Rational(1, 10**digits))]
            # an isolating interval must not end at a (rational) root, or the signs read at its ends are wrong
            if all(a == b or (core.eval(a) != 0 and core.eval(b) != 0) for a, b in found):
                roots = found
                break
        else:  # pragma: no cover - isolation did not separate (never seen)
            return _ALL
    # test points: each root (by its isolating interval) and rationals strictly between consecutive roots and beyond
    between = [roots[0][0] - 1, roots[-1][1] + 1] if roots else [sympy.Integer(0)]
    between += [(roots[k][1] + roots[k + 1][0]) / 2 for k in range(len(roots) - 1)]
    assumed = [
        (symbol.is_positive, _POSITIVE),
        (symbol.is_nonnegative, _NONNEGATIVE),
        (symbol.is_negative, frozenset((-1,))),
        (symbol.is_nonpositive, frozenset((-1, 0))),
    ]

    def sign_at(poly: sympy.Poly, interval: tuple[Any, Any]) -> int:
        """The sign of ``poly`` at the point ``a == b``, or at the one root isolated in ``(a, b)``."""
        a, b = interval
        if a == b:
            return _number_sign(sympy.sympify(poly.eval(a)))
        coefficient, factors = poly.sqf_list()
        out = _number_sign(sympy.sympify(coefficient))
        for f, multiplicity in factors:
            fa, fb = sympy.sympify(f.eval(a)), sympy.sympify(f.eval(b))
            # a squarefree factor vanishes at the isolated root iff it changes sign across the interval
            out *= (0 if fa * fb < 0 else _number_sign(fa)) ** multiplicity
        return out

    def signs_at(interval: tuple[Any, Any]) -> int | None:
        """Sign of ``expr`` at the point (or root) given by ``interval``; None where a fact fails or it is undefined."""
        values = []
        for numerator, denominator in parts:
            top, bottom = sign_at(numerator, interval), sign_at(denominator, interval)
            if bottom == 0:
                return None
            values.append(top * bottom)
        point_sign = sign_at(identity, interval)
        if any(required and point_sign not in allowed for required, allowed in assumed):
            return None
        if any(value not in atom.signs for value, atom in zip(values[1:], facts, strict=True)):
            return None
        return values[0]

    taken: set[int] = set()
    for interval in [*roots, *((t, t) for t in between)]:
        value = signs_at(interval)
        if value is not None:
            taken.add(value)
    return frozenset(taken)


def _relational(lhs: Any, rhs: Any, op: str) -> Any:
    return {
        ">": sympy.Gt,
        ">=": sympy.Ge,
        "==": sympy.Eq,
        "<": sympy.Lt,
        "<=": sympy.Le,
        "!=": sympy.Ne,
    }[op](lhs, rhs, evaluate=False)


def _apply(expr: sympy.Expr, subs: Sequence[tuple[sympy.Symbol, sympy.Expr]]) -> sympy.Expr:
    for symbol, value in subs:
        if symbol in expr.free_symbols:
            expr = expr.xreplace({symbol: value})
    return expr


# --- backward induction ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Piece:
    """The play below a node on one region of the earlier choices and parameters."""

    region: Region
    payoffs: tuple[sympy.Expr, ...]
    plan: tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str  # "decision" or "continuous"
    player: str
    base: Region
    pieces: tuple[tuple[Region, Any], ...]


def _subs_plan(plan: tuple[tuple[str, Any], ...], mapping: Mapping[sympy.Symbol, sympy.Expr]) -> tuple[tuple[str, Any], ...]:
    return tuple((label, value if isinstance(value, str) else value.xreplace(mapping)) for label, value in plan)


def _roots(expr: sympy.Expr, x: sympy.Symbol, engine: _Engine, base: Region) -> list[sympy.Expr]:
    """Every real root of ``expr`` in ``x`` (a superset is fine), or raise :class:`_NoClosedForm`."""
    numerator = sympy.fraction(sympy.together(expr))[0]
    if x not in numerator.free_symbols:
        return []
    if numerator.is_polynomial(x):
        poly = sympy.Poly(numerator, x)
        out: list[sympy.Expr] = []
        coefficients = poly.all_coeffs()
        # generic roots, then those of the truncated polynomial while the leading coefficient may vanish
        while len(coefficients) > 1:
            current = sympy.Poly(coefficients, x)
            if not current.free_symbols - {x}:
                # numbers only: the exact real roots (rationals, radicals or CRootOf), never a complex one
                out.extend(sympy.real_roots(current))
                break
            try:
                found = sympy.solve(current.as_expr(), x)
            except NotImplementedError as exc:
                raise _NoClosedForm(f"sympy cannot solve {current.as_expr()} = 0 for {x}") from exc
            if any(isinstance(r, sympy.CRootOf) for r in found) and current.free_symbols - {x}:
                raise _NoClosedForm(f"no closed form for the roots of {current.as_expr()} in {x}")
            out.extend(r for r in found if r.is_real is not False)
            lead = coefficients[0]
            if 0 not in engine.signs(lead, base):
                break
            coefficients = coefficients[1:]
        return out
    found_set = sympy.solveset(numerator, x, sympy.S.Reals)
    if isinstance(found_set, sympy.Intersection) and any(isinstance(a, sympy.FiniteSet) for a in found_set.args):
        found_set = next(a for a in found_set.args if isinstance(a, sympy.FiniteSet))
    if found_set is sympy.S.EmptySet:
        return []
    if isinstance(found_set, sympy.FiniteSet):
        return [r for r in found_set.args if r.is_real is not False]
    raise _NoClosedForm(f"sympy cannot solve {numerator} = 0 for {x} in closed form (it returns {found_set})")


def _realness(candidate: sympy.Expr) -> list[tuple[sympy.Expr, frozenset[int]]]:
    """Conditions under which ``candidate`` is a finite real number: radicands >= 0, log arguments > 0, denominators != 0."""
    out: list[tuple[sympy.Expr, frozenset[int]]] = []
    for power in candidate.atoms(sympy.Pow):
        if power.exp.is_Rational and not power.exp.is_integer and power.base.free_symbols:
            out.append((power.base, _NONNEGATIVE))
        if power.exp.is_negative and power.base.free_symbols:
            out.append((power.base, frozenset((-1, 1))))
    for log in candidate.atoms(sympy.log):
        if log.args[0].free_symbols:
            out.append((log.args[0], _POSITIVE))
    denominator = sympy.fraction(sympy.together(candidate))[1]
    if denominator.free_symbols:
        out.append((denominator, frozenset((-1, 1))))
    return out


class _Backward:
    """One backward-induction pass over a :class:`ContinuousGame`."""

    def __init__(
        self, game: ContinuousGame, engine: _Engine, breakers: Mapping[str, int | None], *, numeric: bool, closed_form: bool, where: str
    ):
        self.game = game
        self.breakers = breakers
        self.engine = engine
        self.numeric = numeric
        self.closed_form = closed_form
        self.where = where
        self.index = {p: i for i, p in enumerate(game.players)}
        self.rules: dict[str, _Rule] = {}
        self.used_scipy = False

    def solve(self, node: Tree, base: Region, choosers: tuple[tuple[sympy.Symbol, int], ...]) -> list[_Piece]:
        if isinstance(node, Outcome):
            return self.leaf(node, base)
        if isinstance(node, Chance):
            return self.chance(node, base, choosers)
        if isinstance(node, Decision):
            return self.decision(node, base, choosers)
        return self.continuous(node, base, choosers)

    def leaf(self, node: Outcome, base: Region) -> list[_Piece]:
        """One piece, or several where payoffs contain Piecewise / Min / Max / Abs."""
        states: list[tuple[Region, tuple[sympy.Expr, ...]]] = [(_EMPTY_REGION, ())]
        for value in node.payoffs:
            if not value.has(sympy.Piecewise, sympy.Min, sympy.Max, sympy.Abs):
                states = [(r, (*pays, value)) for r, pays in states]
                continue
            folded = sympy.piecewise_fold(value.rewrite(sympy.Piecewise))
            branches = folded.args if isinstance(folded, sympy.Piecewise) else ((folded, sympy.true),)
            disjoint = []
            earlier: list[Any] = []
            for expr, cond in branches:
                disjoint.append((expr, sympy.And(cond, *(sympy.Not(c) for c in earlier))))
                earlier.append(cond)
            if sympy.Or(*earlier) is not sympy.true and earlier[-1] is not sympy.true:
                raise InvalidGameError(
                    f"{self.where}: a Piecewise payoff must be defined everywhere (end with a True condition); got {value}"
                )
            new = []
            for region, pays in states:
                for expr, cond in disjoint:
                    for part in self.disjoint(self.conjuncts(cond), base):
                        r = self.engine.restrict(region, part, base)
                        if r is not None:
                            new.append((r, (*pays, expr)))
            states = new
        return [_Piece(r, pays, ()) for r, pays in states]

    def disjoint(self, terms: list[list[_Atom]], base: Region) -> list[Region]:
        """Disjoint regions with the same union as the conjunctions ``terms`` (each term minus the earlier ones)."""
        out: list[Region] = []
        for k, term in enumerate(terms):
            first = self.engine.restrict(_EMPTY_REGION, term, base)
            parts = [] if first is None else [first]
            for earlier in terms[:k]:
                parts = [q for p in parts for q in self.engine.negations(p, earlier, base)]
            out.extend(parts)
        return out

    def conjuncts(self, cond: Any) -> list[list[_Atom]]:
        """A Boolean of relationals as a list of conjunctions of atoms (its DNF)."""
        if cond is sympy.true:
            return [[]]
        if cond is sympy.false:
            return []
        dnf = sympy.to_dnf(cond, simplify=False)
        out = []
        for term in sympy.Or.make_args(dnf):
            atoms: list[_Atom] = []
            possible = True
            for literal in sympy.And.make_args(term):
                if isinstance(literal, sympy.Not):
                    literal = literal.args[0].negated
                atom = self.engine.atom(literal)
                if atom is False:
                    possible = False
                    break
                if atom is not True:
                    atoms.append(atom)
            if possible:
                out.append(atoms)
        return out

    def chance(self, node: Chance, base: Region, choosers: tuple[tuple[sympy.Symbol, int], ...]) -> list[_Piece]:
        n = self.game.n_players
        states: list[tuple[Region, tuple[sympy.Expr, ...], tuple[tuple[str, Any], ...]]] = [(_EMPTY_REGION, (sympy.Integer(0),) * n, ())]
        for _, probability, sub in node.moves:
            pieces = self.solve(sub, base, choosers)
            new = []
            for region, pays, plan in states:
                for piece in pieces:
                    r = self.engine.restrict(region, piece.region, base)
                    if r is not None:
                        new.append((r, tuple(u + probability * v for u, v in zip(pays, piece.payoffs, strict=True)), plan + piece.plan))
            states = new
        return [_Piece(r, pays, plan) for r, pays, plan in states]

    def tournament(
        self,
        candidates: Sequence[tuple[Any, Sequence[_Atom], Sequence[_Piece]]],
        mover: int,
        breaker: int | None,
        base: Region,
        *,
        smallest: bool = False,
    ) -> list[tuple[Region, Any, _Piece]]:
        """For each region, the best candidate: highest payoff of ``mover``, then of ``breaker``, then the smallest
        (``smallest=True``, candidates are numbers) or the earliest."""
        states: list[tuple[Region, tuple[Any, _Piece] | None]] = [(_EMPTY_REGION, None)]
        for tag, feasible, pieces in candidates:
            new: list[tuple[Region, tuple[Any, _Piece] | None]] = []
            for region, best in states:
                new.extend((r, best) for r in self.engine.negations(region, feasible, base))
                inside = self.engine.restrict(region, feasible, base)
                if inside is None:
                    continue
                for piece in pieces:
                    r = self.engine.restrict(inside, piece.region, base)
                    if r is None:
                        continue
                    if best is None:
                        new.append((r, (tag, piece)))
                        continue
                    for r2, sign in self.engine.compare(r, base, piece.payoffs[mover], best[1].payoffs[mover]):
                        if sign != 0:
                            new.append((r2, (tag, piece) if sign > 0 else best))
                            continue
                        ties = (
                            [(r2, 0)]
                            if breaker is None
                            else self.engine.compare(r2, base, piece.payoffs[breaker], best[1].payoffs[breaker])
                        )
                        for r3, sign2 in ties:
                            if sign2 != 0 or not smallest:
                                new.append((r3, (tag, piece) if sign2 > 0 else best))
                                continue
                            for r4, sign3 in self.engine.compare(r3, base, best[0], tag):
                                new.append((r4, (tag, piece) if sign3 > 0 else best))
            states = new
            if len(states) > MAX_CASES and not self.numeric:  # with numbers for the parameters, only the choices split
                raise _TooManyCases(
                    f"the comparisons split into more than {MAX_CASES} cases (they involve expressions the solver cannot order,"
                    " e.g. radicals in several places); add assumptions on the parameters"
                )
        return [(region, best[0], best[1]) for region, best in states if best is not None]

    def decision(self, node: Decision, base: Region, choosers: tuple[tuple[sympy.Symbol, int], ...]) -> list[_Piece]:
        mover = self.index[node.player]
        children = [(action, (), self.solve(sub, base, choosers)) for action, sub in node.moves]
        breaker = self.breakers.get(node.label)
        try:
            best = self.tournament(children, mover, breaker, base)
        except _TooManyCases as exc:
            raise _TooManyCases(f"at node {node.label!r} ({node.player} decides): {exc}") from None
        pieces, rule = [], []
        for region, action, piece in best:
            pieces.append(_Piece(region, piece.payoffs, ((node.label, action), *piece.plan)))
            rule.append((region, action))
        self.rules[node.label] = _Rule("decision", node.player, base, tuple(rule))
        return pieces

    def continuous(self, node: Choose, base: Region, choosers: tuple[tuple[sympy.Symbol, int], ...]) -> list[_Piece]:
        engine, x, mover = self.engine, node.symbol, self.index[node.player]
        low, high = node.low, node.high
        gap = engine.signs(high - low, base) if (high - low).free_symbols else frozenset((_number_sign(high - low),))
        if -1 in gap:
            raise InvalidGameError(
                f"{self.where}: cannot show that the interval [{low}, {high}] of {x} (node {node.label!r}) is not empty;"
                f" add {sympy.Le(low, high)} to assume"
            )
        domain = [a for a in (engine.make(x - low, _NONNEGATIVE), engine.make(high - x, _NONNEGATIVE)) if isinstance(a, _Atom)]
        inner = engine.restrict(base, domain, _EMPTY_REGION)
        assert inner is not None
        pieces = self.solve(node.subtree, inner, (*choosers, (x, mover)))
        if self.numeric and not self.closed_form:
            return self.scipy(node, mover, pieces)
        where = f"at node {node.label!r} ({node.player} chooses {x})"
        try:
            candidates = self.candidates(node, mover, pieces, base, inner)
        except _NoClosedForm as exc:
            if self.numeric:
                return self.scipy(node, mover, pieces)
            raise _NoClosedForm(f"no closed form {where}: {exc}") from None
        valued = []
        for c in candidates:
            feasible: list[_Atom] = []
            possible = True
            # where c is real (radicands first), then inside the interval
            for expr, signs in [*_realness(c), (c - low, _NONNEGATIVE), (high - c, _NONNEGATIVE)]:
                atom = engine.make(expr, signs)
                if atom is False:
                    possible = False
                    break
                if atom is not True:
                    feasible.append(atom)
            if possible:
                valued.append((c, feasible, self.at(pieces, x, c, base)))
        breaker = self.breakers.get(node.label)
        try:
            best = self.tournament(valued, mover, breaker, base, smallest=True)
        except _TooManyCases as exc:
            if self.numeric:
                return self.scipy(node, mover, pieces)
            raise _TooManyCases(f"{where}: {exc}") from None
        out, rule = [], []
        for region, c, piece in best:
            out.append(_Piece(region, piece.payoffs, ((node.label, c), *piece.plan)))
            rule.append((region, c))
        self.rules[node.label] = _Rule("continuous", node.player, base, tuple(rule))
        return out

    def candidates(self, node: Choose, mover: int, pieces: Sequence[_Piece], base: Region, inner: Region) -> list[sympy.Expr]:
        """Interior critical points (minus proven strict minima), piece boundaries and the interval's ends, without repeats."""
        engine, x = self.engine, node.symbol
        found: list[sympy.Expr] = []
        payoffs = list(dict.fromkeys(p.payoffs[mover] for p in pieces))
        for payoff in payoffs:
            slope = sympy.diff(payoff, x)
            if x not in payoff.free_symbols or slope == 0:
                continue
            for root in _roots(slope, x, engine, inner):
                if x in root.free_symbols:
                    continue
                curvature = sympy.diff(payoff, x, 2).xreplace({x: root})
                if not curvature.has(sympy.zoo, sympy.nan) and engine.signs(curvature, base) == _POSITIVE:
                    continue  # a strict local minimum
                found.append(root)
        # where a piece fixes x by an equation, its other atoms in x draw no boundary: the equation's roots are the candidates
        boundaries: list[sympy.Expr] = []
        for p in pieces:
            mine = [a for a in _ordered(p.region) if x in a.expr.free_symbols]
            fixing = [a for a in mine if a.signs == _ZERO]
            boundaries.extend(a.expr for a in (fixing[:1] or mine))
        boundaries = list(dict.fromkeys(boundaries))
        for expr in boundaries:
            found.extend(r for r in _roots(expr, x, engine, inner) if x not in r.free_symbols)
        found.extend((node.low, node.high))
        unique: list[sympy.Expr] = []
        for c in found:
            if c.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
                continue
            if not any(engine.canonical(c - u)[0] is None and engine.canonical(c - u)[1] == 0 for u in unique):
                unique.append(c)
        return unique

    def at(self, pieces: Sequence[_Piece], x: sympy.Symbol, c: sympy.Expr, base: Region) -> list[_Piece]:
        """The pieces with ``x = c``: their atoms substituted (dropping pieces whose region becomes empty)."""
        mapping = {x: c}
        out = []
        for piece in pieces:
            atoms: list[_Atom] = []
            possible = True
            for atom in piece.region:
                if x not in atom.expr.free_symbols:
                    atoms.append(atom)
                    continue
                new = self.engine.make(atom.expr.xreplace(mapping), atom.signs)
                if new is False:
                    possible = False
                    break
                if new is not True:
                    atoms.append(new)
            if not possible:
                continue
            region = self.engine.restrict(_EMPTY_REGION, atoms, base)
            if region is None:
                continue
            out.append(_Piece(region, tuple(u.xreplace(mapping) for u in piece.payoffs), _subs_plan(piece.plan, mapping)))
        return out

    def scipy(self, node: Choose, mover: int, pieces: Sequence[_Piece]) -> list[_Piece]:
        """Maximize numerically (all parameters are numbers here); one piece."""
        x = node.symbol
        others = set()
        for piece in pieces:
            for u in piece.payoffs:
                others |= u.free_symbols
            for a in piece.region:
                others |= a.expr.free_symbols
        others |= node.low.free_symbols | node.high.free_symbols
        others.discard(x)
        if others:
            raise SolverError(
                f"{self.where}: the numeric fallback at node {node.label!r} needs the payoffs to depend on {x} alone once the parameters"
                f" are numbers; they also depend on {sorted(map(str, others))} (a continuous choice made earlier); no closed form exists"
                " for the nested choice"
            )
        best_x, index = _maximize(pieces, x, float(node.low), float(node.high), mover, f"{self.where}: node {node.label!r}")
        self.used_scipy = True
        value = sympy.Float(best_x, 15)
        mapping = {x: value}
        piece = pieces[index]
        payoffs = tuple(sympy.N(u.xreplace(mapping), 15) for u in piece.payoffs)
        self.rules[node.label] = _Rule("continuous", node.player, _EMPTY_REGION, ((_EMPTY_REGION, value),))
        return [_Piece(_EMPTY_REGION, payoffs, ((node.label, value), *_subs_plan(piece.plan, mapping)))]


def _maximize(pieces: Sequence[_Piece], x: sympy.Symbol, low: float, high: float, mover: int, where: str) -> tuple[float, int]:
    """The best ``x`` in ``[low, high]`` for a piecewise payoff of one variable, and the index of its piece; scipy's bounded search."""
    from scipy.optimize import brentq, minimize_scalar

    def vector(expr: sympy.Expr) -> Any:
        f = sympy.lambdify(x, expr, "numpy")
        return lambda t: np.broadcast_to(np.asarray(f(t), dtype=float), np.shape(t)) if np.ndim(t) else float(f(t))

    exprs = list(dict.fromkeys(a.expr for p in pieces for a in p.region))
    tests = {e: vector(e) for e in exprs}
    payoffs = [vector(p.payoffs[mover]) for p in pieces]
    slopes = []
    for p in pieces:
        slope = sympy.diff(p.payoffs[mover], x)
        slopes.append(vector(slope) if slope.free_symbols <= {x} else None)
    tol = 1e-9

    def member(index: int, t: float) -> bool:
        for atom in pieces[index].region:
            v = tests[atom.expr](t)
            sign = 0 if abs(v) <= tol else (1 if v > 0 else -1)
            if sign not in atom.signs:
                return False
        return True

    def active(t: float) -> int | None:
        return next((k for k in range(len(pieces)) if member(k, t)), None)

    grid = np.linspace(low, high, 2049)
    points = {low, high}
    for e in exprs:
        values = np.asarray(tests[e](grid), dtype=float)
        points.update(grid[values == 0].tolist())
        for k in np.flatnonzero(np.sign(values[:-1]) * np.sign(values[1:]) < 0).tolist():
            points.add(float(brentq(tests[e], grid[k], grid[k + 1], xtol=1e-15)))
    ordered = sorted(points)
    best: tuple[float, float, int] | None = None  # value, x, piece
    limits: list[float] = []

    def offer(value: float, t: float, k: int) -> None:
        nonlocal best
        if best is None or value > best[0] + tol * (1 + abs(best[0])):
            best = (value, t, k)

    for t in ordered:
        here = active(t)
        if here is not None:
            offer(payoffs[here](t), t, here)
    for a, b in itertools.pairwise(ordered):
        if b - a <= 0:
            continue
        inside = active((a + b) / 2)
        if inside is None:
            continue
        k = inside
        f = payoffs[k]
        sample = np.linspace(a, b, 65)
        values = np.asarray(f(sample), dtype=float)
        i = int(np.argmax(values))
        lo_b, hi_b = sample[max(i - 1, 0)], sample[min(i + 1, len(sample) - 1)]
        found = minimize_scalar(lambda t, f=f: -f(t), bounds=(lo_b, hi_b), method="bounded", options={"xatol": 1e-13})
        tries = [float(found.x), float(sample[i])]
        # the search stops near sqrt(machine epsilon) on a flat top: a root of the derivative is far sharper, so it goes first
        g = slopes[k]
        if g is not None and lo_b < hi_b and g(lo_b) > 0 > g(hi_b):
            tries.insert(0, float(brentq(g, lo_b, hi_b, xtol=1e-15)))
        within = [t for t in tries if a < t < b]
        if within:
            top = max(f(t) for t in within)
            t = next(t for t in within if f(t) >= top - tol * (1 + abs(top)))
            offer(f(t), t, k)
        limits.extend((f(a), f(b)))
    if best is None:
        raise SolverError(f"{where}: no piece of the payoff is defined on [{low}, {high}]")
    if limits and max(limits) > best[0] + 1e-7 * (1 + abs(best[0])):
        raise SolverError(
            f"{where}: the mover's payoff approaches {max(limits)} at a boundary without reaching it (best attained {best[0]});"
            " there is no best choice, so no subgame-perfect equilibrium"
        )
    return best[1], best[2]


# --- the solver -----------------------------------------------------------------------------------
def _tidy(value: Any) -> Any:
    """A short form of an expression for output (the fewest operations among a few normal forms)."""
    if isinstance(value, str) or not isinstance(value, sympy.Basic) or not value.free_symbols:
        return value
    forms = (sympy.factor(value), sympy.together(sympy.expand(value)), sympy.simplify(sympy.cancel(value)), value)
    return min(forms, key=sympy.count_ops)


def _key(value: Any) -> Any:
    if isinstance(value, str):
        return value
    return sympy.cancel(sympy.expand(value))


@dataclass(frozen=True, slots=True)
class _Regime:
    regions: tuple[Region, ...]
    payoffs: tuple[Any, ...]
    plan: tuple[tuple[str, Any], ...]


def _group(pieces: Sequence[_Piece], engine: _Engine) -> list[_Regime]:
    """Pieces with the same payoffs and play, as regimes (unions of regions), in order of first appearance.

    A regime on a boundary (its regions hold an equation) joins another regime
    whose formulas give the same payoffs and play there: ``x = 0`` where
    ``r == 0`` is the same play as ``x = r``.
    """
    groups: dict[Any, list[Any]] = {}
    for piece in pieces:
        key = (tuple(_key(u) for u in piece.payoffs), tuple((label, _key(v)) for label, v in piece.plan))
        if key not in groups:
            groups[key] = [[], piece.payoffs, piece.plan]
        groups[key][0].append(piece.region)
    regimes = [_Regime(tuple(regions), payoffs, plan) for regions, payoffs, plan in groups.values()]
    k = 0
    while k < len(regimes):
        small = regimes[k]
        if all(any(a.signs == _ZERO for a in region) for region in small.regions):
            target = next((j for j, big in enumerate(regimes) if j != k and _same_on(small, big, engine)), None)
            if target is not None:
                big = regimes[target]
                regimes[target] = _Regime(big.regions + small.regions, big.payoffs, big.plan)
                del regimes[k]
                continue
        k += 1
    return regimes


def _same_on(small: _Regime, big: _Regime, engine: _Engine) -> bool:
    """True when ``big``'s payoffs and play equal ``small``'s on every region of ``small``."""
    if [label for label, _ in small.plan] != [label for label, _ in big.plan]:
        return False
    pairs = list(zip(small.payoffs, big.payoffs, strict=True))
    for (_, u), (_, v) in zip(small.plan, big.plan, strict=True):
        if isinstance(u, str) or isinstance(v, str):
            if u != v:
                return False
        else:
            pairs.append((u, v))
    for region in small.regions:
        facts = engine.base | region
        for u, v in pairs:
            difference = sympy.sympify(u) - sympy.sympify(v)
            if difference != 0 and not engine.entails(facts, difference, _ZERO):
                return False
    return True


@dataclass(frozen=True, slots=True)
class _Merged:
    """A rule with its pieces grouped by value and each group's regions merged."""

    kind: str
    base: Region
    groups: tuple[tuple[Any, tuple[Region, ...]], ...]


def _merged(rule: _Rule, engine: _Engine, mapping: Mapping[sympy.Symbol, sympy.Expr] | None = None) -> _Merged:
    """``rule`` (with ``mapping`` put in) grouped by value, each group's regions merged."""
    base: Region = engine.base
    for atom in rule.base:
        made = engine.make(atom.expr.xreplace(dict(mapping)), atom.signs) if mapping else atom
        if isinstance(made, _Atom):
            base = base | {made}
    groups: dict[Any, tuple[Any, list[Region]]] = {}
    for rule_region, value in rule.pieces:
        if mapping:
            value = value if isinstance(value, str) else value.xreplace(mapping)
            atoms = []
            possible = True
            for atom in rule_region:
                new = engine.make(atom.expr.xreplace(dict(mapping)), atom.signs)
                if new is False:
                    possible = False
                    break
                if new is not True:
                    atoms.append(new)
            region = engine.restrict(_EMPTY_REGION, atoms, base) if possible else None
        else:
            region = rule_region
        if region is not None:
            groups.setdefault(_key(value), (value, []))[1].append(region)
    return _Merged(rule.kind, base, tuple((value, tuple(engine.merge(rs, base))) for value, rs in groups.values()))


def _rule_value(rule: _Merged, engine: _Engine, regions: Sequence[Region]) -> Any:
    """A rule restricted to ``regions``: a dict action -> condition (decisions) or an expression / Piecewise (continuous moves)."""
    base = rule.base
    regime = engine.merge(regions, engine.base)
    context = base | regime[0] if len(regime) == 1 else base
    parts: list[tuple[Any, Any]] = []
    for value, rule_regions in rule.groups:
        # the rule's own regions that meet the regime, simplified under the regime when it is one region
        found = [rr for rr in rule_regions if any(engine.meets(region, rr, base) for region in regions)]
        if found:
            parts.append((value, engine.condition(found, context)))
    if len(parts) == 1:  # one action (value) in the whole regime
        parts = [(parts[0][0], sympy.true)]
    if not parts:  # pragma: no cover - only for a regime whose emptiness the rule's regions reveal
        return {} if rule.kind == "decision" else sympy.nan
    if rule.kind == "decision":
        return dict(parts)
    parts = [(_tidy(value), condition) for value, condition in parts]
    if len(parts) == 1 and parts[0][1] is sympy.true:
        return parts[0][0]
    return sympy.Piecewise(*parts)


def _priority(game: ContinuousGame) -> list[sympy.Symbol]:
    return [*reversed(game.choices), *game.parameters]


def _facts(game: ContinuousGame, assume: Any, where: str) -> tuple[Any, ...]:
    extra = _relations(assume, where)
    for fact in extra:
        used = [s for s in fact.free_symbols if s in game.choices]
        if used:
            raise InvalidGameError(f"{where}: assume is about parameters; {fact} involves the choice {used[0]}")
    return (*game.assume, *extra)


def _backward(
    game: ContinuousGame, facts: Sequence[Any], *, numeric: bool, closed_form: bool, where: str
) -> tuple[_Backward, list[_Piece]]:
    engine = _Engine(facts, _priority(game), where)
    run = _Backward(game, engine, game.ties, numeric=numeric, closed_form=closed_form, where=where)
    return run, run.solve(game.root, engine.base, ())


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
        Facts about the parameters (sympy relationals such as ``r < 1``), in
        addition to the game's own and to the symbols' assumptions
        (``positive=True``...). Comparisons are decided under them.
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
        ``method="continuous_spe"``; one :class:`~gametheory.Equilibrium` per
        regime, with ``conditions=(condition,)`` (a sympy Boolean in the
        parameters, relative to the assumptions), ``payoffs`` (sympy) and
        ``profile[p]``: player ``p``'s rules at their nodes, in the order of
        ``game.actions[p]`` — a dict action -> condition at a decision, an
        expression (or Piecewise) in the parameters and earlier choices at a
        continuous move. ``details``: ``"rules"`` (node label -> rule over the
        whole parameter space), ``"path"`` (per equilibrium: node label ->
        action or chosen number, along the equilibrium path),
        ``"witness"`` (per equilibrium: an exact parameter point in its
        regime, or None), ``"assumptions"``, ``"numeric"`` (the numbers used,
        or None) and ``"fallback"`` (why the numeric path was taken, or None).
        Regimes are disjoint and cover the parameter space allowed by the
        assumptions; each holds one subgame-perfect equilibrium (with the tie
        rule of the module docstring; on boundaries others may exist, so
        ``complete`` is False).

    Raises
    ------
    SolverError
        sympy finds no closed form at a continuous move and ``numeric`` is
        not given; or the numeric search finds no best choice.
    InvalidGameError
        Bad assumptions, values, or an interval not provably nonempty.

    Examples
    --------
    The take-it-or-leave-it offer: the responder accepts ``x`` iff it is at
    least her outside option ``r``, the proposer offers exactly ``r``.

    >>> import sympy
    >>> r = sympy.Symbol("r")
    >>> result = spe_continuous(take_it_or_leave_it(r), assume=[r >= 0, r < 1])
    >>> eq = result.equilibria[0]
    >>> eq.payoffs, eq.conditions
    ((1 - r, r), (True,))
    >>> result.strategy(0, 1)
    {'Responder@x': {'Accept': x >= r, 'Reject': x < r}}
    >>> result.details["path"][0]
    {'x': r, 'Responder@x': 'Accept'}
    """
    where = "spe_continuous()"
    if not isinstance(game, ContinuousGame):
        game = continuous_game(game)
    facts = _facts(game, assume, where)
    options = {"assume": tuple(facts), "numeric": numeric, "closed_form": closed_form}
    fallback = None
    if closed_form:
        try:
            run, pieces = _backward(game, facts, numeric=False, closed_form=True, where=where)
            return _result(game, run, pieces, options, numeric_values=None, fallback=None)
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
    run, pieces = _backward(point, point_facts, numeric=True, closed_form=closed_form, where=where)
    return _result(point, run, pieces, options, numeric_values=values, fallback=fallback)


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
    run: _Backward,
    pieces: Sequence[_Piece],
    options: Mapping[str, Any],
    *,
    numeric_values: Mapping[sympy.Symbol, sympy.Expr] | None,
    fallback: str | None,
) -> SolveResult:
    engine = run.engine
    engine.proofs_left = PRESENTATION_PROOFS
    # a region the case analysis could not prove empty may be proved empty now, with all its atoms at hand
    pieces = [piece for piece in pieces if engine.restrict(_EMPTY_REGION, piece.region, engine.base) is not None]
    regimes = _group(pieces, engine)
    merged = {label: _merged(rule, engine) for label, rule in run.rules.items()}
    equilibria, paths, witnesses = [], [], []
    exact = not run.used_scipy
    for regime in regimes:
        condition = engine.condition(regime.regions)
        profile = tuple(tuple(_rule_value(merged[label], engine, regime.regions) for label in labels) for labels in game.actions)
        payoffs = tuple(_tidy(u) for u in regime.payoffs)
        equilibria.append(Equilibrium(profile, payoffs, 0 if exact else 0.0, "spe", (condition,)))
        paths.append({label: value if isinstance(value, str) else _tidy(value) for label, value in regime.plan})
        witnesses.append(engine.witness(regime.regions, game.parameters))
    rules = {label: _rule_value(rule, engine, [_EMPTY_REGION]) for label, rule in merged.items()}
    ordered = {label: rules[label] for label, _, _ in game.nodes if label in rules}
    details = {
        "rules": MappingProxyType(ordered),
        "path": tuple(paths),
        "witness": tuple(witnesses),
        "assumptions": tuple(engine.render(a) for a in sorted(engine.base, key=lambda a: sympy.default_sort_key(a.expr))),
        "numeric": None if numeric_values is None else MappingProxyType(dict(numeric_values)),
        "fallback": fallback,
    }
    return SolveResult(
        game=game,
        method="continuous_spe",
        exact=exact,
        equilibria=tuple(equilibria),
        options=MappingProxyType(dict(options)),
        details=MappingProxyType(details),
        complete=False,
        regimes=tuple(Regime(eq.conditions[0], (eq,), w) for eq, w in zip(equilibria, witnesses, strict=True)),
    )


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


def stationary_spe(game: StationaryGame, *, assume: Any = ()) -> SolveResult:
    """Stationary subgame-perfect equilibria of a game that repeats stages with continuation values.

    Each stage is solved by :func:`spe_continuous` with the continuation
    values as parameters (under the game's and ``assume``'s facts, which may
    bound the values); then, for every combination of one regime per stage,
    the equations "each stage's values equal its SPE payoffs" are solved with
    sympy, and the combination is kept where its conditions can hold at that
    solution (the conditions are then in the parameters alone).

    Returns
    -------
    SolveResult
        ``method="stationary_spe"``; one equilibrium per surviving
        combination: ``payoffs`` are the first stage's values, ``conditions``
        the combination's condition on the parameters and ``profile[p]`` the
        rules of player ``p`` at their nodes in every stage (order of
        ``game.actions[p]``), with the values put in. ``details``: ``"values"``
        (per equilibrium, stage name -> values), ``"rules"`` (per equilibrium,
        stage -> node label -> rule), ``"path"`` (per equilibrium, stage ->
        play in that stage), ``"stages"`` (per stage, its regimes before the
        fixed point: ``(condition, payoffs)`` in the parameters and values).

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
    extra = _relations(assume, where)
    facts = (*game.assume, *extra)
    values = set(game.values)
    parameter_facts = [f for f in facts if not (f.free_symbols & values)]
    value_facts = [f for f in facts if f.free_symbols & values]
    solved = []
    for _, stage, _ in game.stages:
        run, pieces = _backward(stage, facts, numeric=False, closed_form=True, where=where)
        solved.append((run, _group(pieces, run.engine)))
    checker = _Engine(parameter_facts, [*(c for _, stage, _ in game.stages for c in reversed(stage.choices)), *game.parameters], where)
    checker.proofs_left = PRESENTATION_PROOFS
    for run, _ in solved:
        run.engine.proofs_left = PRESENTATION_PROOFS
    stage_regimes = {
        name: tuple((run.engine.condition(g.regions), tuple(_tidy(u) for u in g.payoffs)) for g in groups)
        for (name, _, _), (run, groups) in zip(game.stages, solved, strict=True)
    }
    unknowns = list(game.values)
    equilibria, value_rows, rule_rows, path_rows, witnesses = [], [], [], [], []
    for combo in itertools.product(*(groups for _, groups in solved)):
        equations = [v - u for (_, _, vs), regime in zip(game.stages, combo, strict=True) for v, u in zip(vs, regime.payoffs, strict=True)]
        try:
            solutions = sympy.solve(equations, unknowns, dict=True)
        except NotImplementedError:
            raise SolverError(f"{where}: sympy cannot solve the fixed-point equations {equations}") from None
        for solution in solutions:
            mapping = {v: sympy.sympify(solution.get(v, v)) for v in unknowns}
            regions = _fixed_point_regions(checker, combo, value_facts, mapping)
            if not regions:
                continue
            condition = checker.condition(regions)
            stage_values = {name: tuple(_tidy(mapping[v]) for v in vs) for name, _, vs in game.stages}
            rules, paths = {}, {}
            profile: list[list[Any]] = [[] for _ in game.players]
            for (name, stage, _), (run, _), regime in zip(game.stages, solved, combo, strict=True):
                stage_rules = {}
                for label, who, kind in stage.nodes:
                    if kind == "chance":
                        continue
                    rule = _rule_value(_merged(run.rules[label], checker, mapping), checker, regions)
                    stage_rules[label] = rule
                    profile[game.players.index(who)].append(rule)  # type: ignore[arg-type]
                rules[name] = MappingProxyType(stage_rules)
                paths[name] = {label: v if isinstance(v, str) else _tidy(v.xreplace(mapping)) for label, v in regime.plan}
            first = game.stages[0][2]
            equilibria.append(Equilibrium(tuple(map(tuple, profile)), tuple(_tidy(mapping[v]) for v in first), 0, "spe", (condition,)))
            witnesses.append(checker.witness(regions, game.parameters))
            value_rows.append(MappingProxyType(stage_values))
            rule_rows.append(MappingProxyType(rules))
            path_rows.append(MappingProxyType(paths))
    details = {
        "values": tuple(value_rows),
        "rules": tuple(rule_rows),
        "path": tuple(path_rows),
        "stages": MappingProxyType(stage_regimes),
        "witness": tuple(witnesses),
        "assumptions": tuple(facts),
    }
    return SolveResult(
        game=game,
        method="stationary_spe",
        exact=True,
        equilibria=tuple(equilibria),
        options=MappingProxyType({"assume": facts}),
        details=MappingProxyType(details),
        complete=False,
        regimes=tuple(Regime(eq.conditions[0], (eq,), w) for eq, w in zip(equilibria, witnesses, strict=True)),
    )


def _fixed_point_regions(
    checker: _Engine, combo: Sequence[_Regime], value_facts: Sequence[Any], mapping: Mapping[sympy.Symbol, sympy.Expr]
) -> list[Region]:
    """The regions (in the parameters) where every stage's regime holds at the fixed point ``mapping``."""
    base_atoms: list[_Atom] = []
    for fact in value_facts:
        atom = checker.atom(fact.xreplace(dict(mapping)))
        if atom is False:
            return []
        if atom is not True:
            base_atoms.append(atom)
    start = checker.restrict(_EMPTY_REGION, base_atoms, checker.base)
    if start is None:
        return []
    current: list[Region] = [start]
    for regime in combo:
        new = []
        for region in current:
            for stage_region in regime.regions:
                atoms = []
                possible = True
                for atom in stage_region:
                    made = checker.make(atom.expr.xreplace(dict(mapping)), atom.signs)
                    if made is False:
                        possible = False
                        break
                    if made is not True:
                        atoms.append(made)
                if not possible:
                    continue
                r = checker.restrict(region, atoms, checker.base)
                if r is not None:
                    new.append(r)
        current = new
    return checker.merge(current, checker.base)


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
    (Osborne 2004, §6.1.1). Parameters may be numbers or sympy expressions.

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
    The defaults are positive symbols ``G, D, C, L`` and ``p`` in ``[0, 1]``.

    Examples
    --------
    >>> result = spe_continuous(choice_of_risk(hardline=0))
    >>> [(eq.conditions[0], path["q"]) for eq, path in zip(result.equilibria, result.details["path"])]
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
