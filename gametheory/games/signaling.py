"""Games of incomplete information as trees: signaling games and Bayesian games (Harsanyi's transformation).

A *signaling game* (Spence 1973; Cho and Kreps 1987): chance draws the
sender's type from a prior; the sender, knowing it, sends a message; the
receiver sees the message but not the type and responds. As a tree: a chance
root with one move per type, one sender information set per type, and one
receiver information set per message holding one node per type.

A *Bayesian game* (Harsanyi 1967-68): chance draws a profile of types from a
joint prior, each player learns their own type and all choose actions at the
same time. As a tree: a chance root over type profiles, then the players
move one after another, each player's information sets being their own types
(so nobody sees the others' types or moves).

:func:`signaling_structure` recognises the signaling form in any tree (also
one read from a ``.efg`` file), so solvers need not know how a game was built.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._numbers import describe, is_symbolic, probabilities
from ..errors import InvalidGameError
from .extensive_form import CHANCE, TERMINAL, ExtensiveFormGame, chance, decision, label_tuple, outcome

__all__ = ["SignalingStructure", "bayesian_game", "signaling_game", "signaling_structure"]


# --- validation helpers ---------------------------------------------------------------------------
def _distribution(given: Any, labels: tuple[str, ...], name: str, where: str) -> tuple[Any, ...]:
    """A probability per label, from a sequence in label order or a mapping label -> probability."""
    if isinstance(given, Mapping):
        unknown = sorted(map(str, set(given) - set(labels)))
        if unknown:
            raise InvalidGameError(f"{where}: {name} gives probabilities to unknown labels {unknown}; the labels are {list(labels)}")
        probs = tuple(given.get(label, 0) for label in labels)
    elif isinstance(given, str) or not isinstance(given, Sequence) or len(given) != len(labels):
        raise InvalidGameError(f"{where}: {name} must give one probability per label {list(labels)}; got {describe(given)}")
    else:
        probs = tuple(given)
    return _checked(probs, name, where)


def _checked(probs: tuple[Any, ...], name: str, where: str) -> tuple[Any, ...]:
    """``probs`` if they are a distribution: checked here so that the error names the argument, not the tree's chance node."""
    kind = "symbolic" if any(is_symbolic(p) for p in probs) else "float" if any(isinstance(p, float) for p in probs) else "exact"
    probabilities(probs, kind, name, where)
    return probs


def _pair(value: Any, n: int, what: str, where: str) -> tuple[Any, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != n:
        raise InvalidGameError(f"{where}: {what} must be {n} payoffs (one per player); got {describe(value)}")
    return tuple(value)


def _lookup(table: Any, keys: Sequence[Any], name: str, where: str) -> Any:
    value = table
    for depth, key in enumerate(keys):
        if not isinstance(value, Mapping) or key not in value:
            path = "".join(f"[{k!r}]" for k in keys[: depth + 1])
            raise InvalidGameError(f"{where}: {name}{path} is missing; {name} must be a callable or a nested mapping with every entry")
        value = value[key]
    return value


def _unique_labels(labels: list[str], where: str) -> None:
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    if duplicates:
        raise InvalidGameError(f"{where}: the node labels {duplicates} clash; use labels without commas for types, messages and responses")


# --- signaling games ------------------------------------------------------------------------------
def signaling_game(
    types: Sequence[str],
    prior: Sequence[Any] | Mapping[str, Any],
    messages: Sequence[str],
    responses: Sequence[str] | Mapping[str, Sequence[str]],
    payoffs: Callable[[str, str, str], Sequence[Any]] | Mapping[str, Any],
    *,
    players: Sequence[str] = ("Sender", "Receiver"),
    title: str = "",
    kind: str | None = None,
) -> ExtensiveFormGame:
    """A signaling game as a tree: chance draws a type, the sender sends a message, the receiver responds.

    Parameters
    ----------
    types
        The sender's type labels.
    prior
        The probability of each type: a sequence in the order of ``types`` or a mapping type -> probability
        (numbers or sympy expressions).
    messages
        The sender's message labels.
    responses
        The receiver's responses: one sequence of labels for every message, or a mapping message -> labels.
    payoffs
        ``payoffs(type, message, response) -> (u_sender, u_receiver)``, or the nested mapping
        ``payoffs[type][message][response]``; numbers or sympy expressions.
    players
        The sender's and the receiver's labels.
    title, kind
        As for :meth:`ExtensiveFormGame.from_tree`.

    Returns
    -------
    ExtensiveFormGame
        The sender's information sets are labelled by the types, the receiver's by the messages; the node
        where type ``t`` sent ``m`` is labelled ``"t,m"`` and the terminal after response ``r`` ``"t,m,r"``.

    Examples
    --------
    Cho and Kreps's (1987) beer-quiche game:

    >>> from fractions import Fraction
    >>> def payoffs(t, m, r):
    ...     sender = (1 if (t, m) in {("weak", "quiche"), ("strong", "beer")} else 0) + (2 if r == "don't" else 0)
    ...     return sender, 1 if (r == "duel") == (t == "weak") else 0
    >>> game = signaling_game(["weak", "strong"], [Fraction(1, 10), Fraction(9, 10)], ["beer", "quiche"], ["duel", "don't"], payoffs)
    >>> game.infoset_labels
    ('weak', 'strong', 'beer', 'quiche', 'chance:1')
    >>> game.node_label(int(game.nodes_of(2)[0])), game.terminal_payoffs(game.node_labels.index("strong,beer,don't"))
    ('weak,beer', (3, 1))
    """
    where = "signaling_game()"
    players = label_tuple(players, "players", where)
    if len(players) != 2:
        raise InvalidGameError(f"{where}: players must be two labels (sender, receiver); got {list(players)}")
    type_labels = label_tuple(types, "types", where)
    message_labels = label_tuple(messages, "messages", where)
    probs = _distribution(prior, type_labels, "prior", where)
    if isinstance(responses, Mapping):
        unknown = sorted(map(str, set(responses) - set(message_labels)))
        missing = [m for m in message_labels if m not in responses]
        if unknown or missing:
            raise InvalidGameError(
                f"{where}: responses must map each message {list(message_labels)} to its responses; got keys {sorted(map(str, responses))}"
            )
        answers = {m: label_tuple(responses[m], f"the responses to {m!r}", where) for m in message_labels}
    else:
        shared = label_tuple(responses, "responses", where)
        answers = dict.fromkeys(message_labels, shared)
    if not callable(payoffs) and not isinstance(payoffs, Mapping):
        raise InvalidGameError(
            f"{where}: payoffs must be a callable (type, message, response) -> (u_S, u_R) or a nested mapping; got {describe(payoffs)}"
        )

    def value(t: str, m: str, r: str) -> tuple[Any, ...]:
        raw = payoffs(t, m, r) if callable(payoffs) else _lookup(payoffs, (t, m, r), "payoffs", where)
        return _pair(raw, 2, f"payoffs({t!r}, {m!r}, {r!r})", where)

    labels = list(type_labels)
    branches = {}
    for t, p in zip(type_labels, probs, strict=True):
        sends = {}
        for m in message_labels:
            node = f"{t},{m}"
            labels.append(node)
            outcomes = {}
            for r in answers[m]:
                labels.append(f"{node},{r}")
                outcomes[r] = outcome(*value(t, m, r), label=f"{node},{r}")
            sends[m] = decision(players[1], outcomes, infoset=m, label=node)
        branches[t] = (p, decision(players[0], sends, infoset=t, label=t))
    _unique_labels(labels, where)
    try:
        return ExtensiveFormGame.from_tree(chance(branches), players=players, kind=kind, title=title)
    except InvalidGameError as error:  # e.g. a prior that does not sum to 1
        raise InvalidGameError(f"{where}: {error}") from None


@dataclass(frozen=True, slots=True)
class SignalingStructure:
    """The signaling-game form of a tree: who sends, who responds, and where everything is.

    Attributes
    ----------
    sender, receiver
        Player indices.
    types, prior
        The type labels (chance's moves at the root) and their probabilities.
    messages
        The message labels (the sender's action labels at the first type).
    responses
        ``responses[m]``: the receiver's action labels after message ``m``.
    sender_sets
        ``sender_sets[t]``: the sender's information set (a set number of the game) of type ``t``.
    receiver_sets
        ``receiver_sets[m]``: the receiver's information set after message ``m``.
    receiver_nodes
        ``receiver_nodes[t][m]``: the node where type ``t`` has sent message ``m``.
    message_actions
        ``message_actions[t][m]``: the index of message ``m`` among the actions of ``sender_sets[t]``
        (the same ``m`` for every type in games built by :func:`signaling_game`).
    sender_payoffs, receiver_payoffs
        ``[t][m][r]``: the payoffs when type ``t`` sends ``m`` and the receiver answers ``r``.
    """

    sender: int
    receiver: int
    types: tuple[str, ...]
    prior: tuple[Any, ...]
    messages: tuple[str, ...]
    responses: tuple[tuple[str, ...], ...]
    sender_sets: tuple[int, ...]
    receiver_sets: tuple[int, ...]
    receiver_nodes: tuple[tuple[int, ...], ...]
    message_actions: tuple[tuple[int, ...], ...]
    sender_payoffs: tuple[tuple[tuple[Any, ...], ...], ...]
    receiver_payoffs: tuple[tuple[tuple[Any, ...], ...], ...]


def signaling_structure(game: Any) -> SignalingStructure | None:
    """The :class:`SignalingStructure` of ``game`` when it is a signaling game, else ``None``.

    A tree is a signaling game when: two players; the root is a chance move;
    each of its children is a one-node information set of the same player
    (the sender); every child of those is a node of the other player (the
    receiver) whose moves all end the game; and the receiver's information
    sets pair up with the sender's messages: each holds exactly one node per
    type, reached by one of that type's actions.

    Examples
    --------
    >>> from gametheory import signaling_game
    >>> game = signaling_game(["L", "H"], [1, 0], ["a", "b"], ["x"], lambda t, m, r: (0, 0))
    >>> structure = signaling_structure(game)
    >>> structure.types, structure.messages, structure.receiver_nodes
    (('L', 'H'), ('a', 'b'), ((3, 4), (5, 6)))
    >>> from gametheory import catalog
    >>> signaling_structure(catalog.entry_deterrence()) is None
    True
    """
    if not isinstance(game, ExtensiveFormGame) or game.n_players != 2 or game.mover[0] != CHANCE:
        return None
    type_nodes = list(game.children(0))
    movers = {int(game.mover[n]) for n in type_nodes}
    if len(movers) != 1 or min(movers) < 0:
        return None
    sender = movers.pop()
    receiver = 1 - sender
    sender_sets = tuple(int(game.infoset[n]) for n in type_nodes)
    if len(set(sender_sets)) != len(sender_sets) or any(len(game.nodes_of(h)) != 1 for h in sender_sets):
        return None
    first = list(game.children(type_nodes[0]))
    if any(game.mover[n] != receiver for n in first):
        return None
    receiver_sets = tuple(int(game.infoset[n]) for n in first)
    if len(set(receiver_sets)) != len(receiver_sets):
        return None
    position = {h: m for m, h in enumerate(receiver_sets)}
    nodes: list[tuple[int, ...]] = []
    actions: list[tuple[int, ...]] = []
    for n in type_nodes:
        children = list(game.children(n))
        if len(children) != len(receiver_sets) or any(game.mover[c] != receiver for c in children):
            return None
        by_message: list[int] = [-1] * len(receiver_sets)
        action_of: list[int] = [-1] * len(receiver_sets)
        for a, c in enumerate(children):
            m = position.get(int(game.infoset[c]), -1)
            if m < 0 or by_message[m] >= 0:
                return None
            by_message[m], action_of[m] = c, a
        nodes.append(tuple(by_message))
        actions.append(tuple(action_of))
    for h in receiver_sets:
        if len(game.nodes_of(h)) != len(type_nodes):
            return None
    for row in nodes:
        for c in row:
            if any(game.mover[x] != TERMINAL for x in game.children(c)):
                return None
    probs = game.chance_probs[int(game.infoset[0])]
    assert probs is not None

    def table(player: int) -> tuple[tuple[tuple[Any, ...], ...], ...]:
        values = game.payoffs[player]
        return tuple(tuple(tuple(values[game.terminal[x]] for x in game.children(c)) for c in row) for row in nodes)

    return SignalingStructure(
        sender=sender,
        receiver=receiver,
        types=game.infoset_actions[int(game.infoset[0])],
        prior=tuple(probs),
        messages=tuple(game.infoset_actions[sender_sets[0]][a] for a in actions[0]),
        responses=tuple(game.infoset_actions[h] for h in receiver_sets),
        sender_sets=sender_sets,
        receiver_sets=receiver_sets,
        receiver_nodes=tuple(nodes),
        message_actions=tuple(actions),
        sender_payoffs=table(sender),
        receiver_payoffs=table(receiver),
    )


# --- Bayesian games -------------------------------------------------------------------------------
def bayesian_game(
    players: Sequence[str],
    types: Sequence[Sequence[str]] | Mapping[str, Sequence[str]],
    prior: Mapping[tuple[str, ...], Any] | Callable[[tuple[str, ...]], Any] | Sequence[Any],
    actions: Sequence[Sequence[str]] | Mapping[str, Sequence[str]],
    payoffs: Callable[[tuple[str, ...], tuple[str, ...]], Sequence[Any]] | Mapping[tuple[str, ...], Any],
    *,
    title: str = "",
    kind: str | None = None,
) -> ExtensiveFormGame:
    """A Bayesian game as a tree (Harsanyi's transformation): chance draws the types, then all move unseen.

    Parameters
    ----------
    players
        The player labels.
    types
        Each player's type labels (a sequence in player order, or a mapping player -> labels). A player with
        one type has complete information about themself, as usual.
    prior
        The joint prior over type profiles: a mapping ``(t_1, ..., t_n) -> probability`` (missing profiles
        get 0), a callable of the type profile, or one distribution per player (a sequence of sequences or
        of mappings type -> probability) for independent types.
    actions
        Each player's action labels (the same for all their types).
    payoffs
        ``payoffs(type_profile, action_profile) -> (u_1, ..., u_n)``, or the nested mapping
        ``payoffs[type_profile][action_profile]``.
    title, kind
        As for :meth:`ExtensiveFormGame.from_tree`.

    Returns
    -------
    ExtensiveFormGame
        Chance's moves are labelled by the type profiles (``"t1,t2"``); each player's information sets are
        their types, and every node of a set is one of the other players' type profiles and earlier moves.

    Examples
    --------
    A challenger who is resolute with probability 1/3 against a defender who is always the same:

    >>> from fractions import Fraction
    >>> game = bayesian_game(
    ...     ["Challenger", "Defender"], [["resolute", "bluffer"], ["normal"]],
    ...     [[Fraction(1, 3), Fraction(2, 3)], [1]],
    ...     [["fight", "fold"], ["resist", "yield"]],
    ...     lambda t, a: (1 if a == ("fight", "yield") else (-1 if t[0] == "bluffer" and a == ("fight", "resist") else 0), 0))
    >>> game.infoset_labels
    ('resolute', 'bluffer', 'normal', 'chance:1')
    >>> game.chance_probs[-1]
    (Fraction(1, 3), Fraction(2, 3))
    """
    where = "bayesian_game()"
    names = label_tuple(players, "players", where)
    n = len(names)

    def per_player(given: Any, what: str) -> list[tuple[str, ...]]:
        if isinstance(given, Mapping):
            if set(given) != set(names):
                raise InvalidGameError(f"{where}: {what} must map each player {list(names)} to labels; got keys {sorted(map(str, given))}")
            given = [given[name] for name in names]
        if isinstance(given, str) or not isinstance(given, Sequence) or len(given) != n:
            raise InvalidGameError(f"{where}: {what} must give labels for each of the {n} players; got {describe(given)}")
        return [label_tuple(g, f"the {what} of {name!r}", where) for g, name in zip(given, names, strict=True)]

    type_labels = per_player(types, "types")
    action_labels = per_player(actions, "actions")
    profiles = list(itertools.product(*type_labels))
    if isinstance(prior, Mapping):
        bad = [key for key in prior if key not in set(profiles)]
        if bad:
            raise InvalidGameError(
                f"{where}: prior has keys that are not type profiles: {bad[:3]}; type profiles are tuples such as {profiles[0]}"
            )
        probs = [prior.get(tp, 0) for tp in profiles]
    elif callable(prior):
        probs = [prior(tp) for tp in profiles]
    elif isinstance(prior, Sequence) and not isinstance(prior, str) and len(prior) == n:
        marginals = [
            _distribution(g, labels, f"prior[{i}] (the distribution of {names[i]!r}'s types)", where)
            for i, (g, labels) in enumerate(zip(prior, type_labels, strict=True))
        ]
        probs = []
        for tp in profiles:
            weight: Any = 1
            for i, t in enumerate(tp):
                weight = weight * marginals[i][type_labels[i].index(t)]
            probs.append(weight)
    else:
        raise InvalidGameError(
            f"{where}: prior must be a mapping from type profiles to probabilities, a callable, or one distribution per player; got {describe(prior)}"
        )
    _checked(tuple(probs), "prior", where)
    if not callable(payoffs) and not isinstance(payoffs, Mapping):
        raise InvalidGameError(
            f"{where}: payoffs must be a callable (types, actions) -> payoffs or a nested mapping; got {describe(payoffs)}"
        )
    move_labels = [",".join(tp) for tp in profiles]
    if len(set(move_labels)) != len(move_labels):
        raise InvalidGameError(f"{where}: type profiles {profiles} give clashing labels; use type labels without commas")

    def value(tp: tuple[str, ...], ap: tuple[str, ...]) -> tuple[Any, ...]:
        raw = payoffs(tp, ap) if callable(payoffs) else _lookup(payoffs, (tp, ap), "payoffs", where)
        return _pair(raw, n, f"payoffs({tp}, {ap})", where)

    def subtree(tp: tuple[str, ...], i: int, chosen: tuple[str, ...]) -> Any:
        if i == n:
            return outcome(*value(tp, chosen))
        return decision(names[i], {a: subtree(tp, i + 1, (*chosen, a)) for a in action_labels[i]}, infoset=tp[i])

    root = chance({label: (p, subtree(tp, 0, ())) for label, p, tp in zip(move_labels, probs, profiles, strict=True)})
    try:
        return ExtensiveFormGame.from_tree(root, players=names, kind=kind, title=title)
    except InvalidGameError as error:
        raise InvalidGameError(f"{where}: {error}") from None
