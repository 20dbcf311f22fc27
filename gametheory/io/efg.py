"""Gambit's extensive-form ``.efg`` files: read and write game trees.

The format (Gambit's manual, "Game representation formats"; its reader is
``src/games/file.cc`` in gambitproject/gambit) is a stream of tokens separated
by whitespace, tokenized as for ``.nfg`` files (see :mod:`gametheory.io.nfg`):

* the prologue ``EFG 2 R "title" { "Player 1" "Player 2" }`` (``D`` instead
  of ``R`` is an obsolete data-type flag, read the same way), then an
  optional quoted comment;
* the nodes in depth-first preorder (a node, then the subtrees of its children
  from first to last), each one of::

      p "node name" player infoset "infoset name" { "a1" "a2" } outcome "outcome name" { payoffs }
      c "node name" infoset "infoset name" { "a1" prob1 "a2" prob2 } outcome "outcome name" { payoffs }
      t "node name" outcome "outcome name" { payoffs }

  Players are numbered from 1 in the order of the prologue; information sets
  by positive numbers, per player (chance counts as one more "player"). The
  name and actions of an information set are given where it first appears and
  may be repeated (identically) or left out later. Outcome ``0`` is the null
  outcome; any other outcome number is given a name and one payoff per player
  (commas optional) where it first appears and may be reused later by its
  number alone, or restated identically.

Numbers are integers, decimals or rationals read exactly from their text
(``0.1`` is ``1/10``), and strings take ``\\"`` escapes, as in ``.nfg`` files.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameFileError, InvalidGameError, UnsupportedGameError
from ..games.extensive_form import CHANCE, TERMINAL, ExtensiveFormGame
from .nfg import _DECIMAL_RE, _ESCAPE_RE, _NUMBER_START, _RATIONAL_RE, _SPACE, _Lexer, _normalise, _number, _quote, _Token

__all__ = ["parse_efg", "write_efg"]

# a token is a quoted string, a brace or comma, a word (up to whitespace, a brace, a comma or a quote),
# or a lone quote that no closing quote follows (an unterminated string)
_TOKEN_RE = re.compile(f'"(?:[^"\\\\]++|\\\\[\\s\\S])*+"|[{{}},]|[^{_SPACE}{{}},"]++|"')
_COUNT_RE = re.compile(r"\+?[0-9]+")  # ASCII digits only
_EOF = ""  # the sentinel token that ends the list (no real token is empty)


# --- tokens -----------------------------------------------------------------


class _Tokens(_Lexer):
    """The tokens of an ``.efg`` text, as a list of strings; errors point at a token by its index.

    The whole text is split into tokens by one regular expression (fast for
    large files); the offset of a token is only computed for an error, by
    scanning again.
    """

    def __init__(self, text: str, path: str | None) -> None:
        super().__init__(text, path)
        self.tokens: list[str] = _TOKEN_RE.findall(text, self.position)
        self.unterminated = False
        try:
            lone = self.tokens.index('"')
        except ValueError:
            pass
        else:  # everything after an unterminated quote is inside the string
            del self.tokens[lone:]
            self.unterminated = True
        self.end = len(self.tokens)
        self.tokens.extend([_EOF] * 4)  # the parser looks at most a few tokens ahead of one it has not checked

    def offset(self, index: int) -> int:
        if index >= self.end:
            if not self.unterminated:
                return len(self.text)
            index = self.end  # the lone quote
        for k, match in enumerate(_TOKEN_RE.finditer(self.text, self.position)):
            if k == index:
                return match.start()
        return len(self.text)  # pragma: no cover - every index below self.end has a match

    def error(self, message: str, index: int) -> GameFileError:  # type: ignore[override]
        if index >= self.end and self.unterminated:  # the end of the tokens is an unterminated string
            message = "expected a closing '\"' for the string that starts here; got end of file"
        line, column = self.where(self.offset(index))
        return GameFileError(f"parse_efg(): {message}", path=self.path, line=line, column=column)

    def describe(self, index: int) -> str:
        token = self.tokens[index]
        if index >= self.end:
            return "end of file"
        if token in ("{", "}", ","):
            return repr(token)
        shown = token if len(token) <= 40 else token[:37] + "..."
        if token[0] == '"':
            return f"the string {shown}"
        if token[0] in _NUMBER_START:
            return f"the number {shown!r}" if _is_number(token) else f"the malformed number {shown!r}"
        return f"the word {shown!r}"

    def expected(self, what: str, index: int) -> GameFileError:  # type: ignore[override]
        return self.error(f"expected {what}; got {self.describe(index)}", index)

    def text_at(self, index: int, what: str) -> str:
        token = self.tokens[index]
        if token[:1] != '"':
            raise self.expected(what, index)
        return _unquote(token)

    def value(self, index: int, what: str) -> int | Fraction:
        """The exact value of the number at ``index`` (cached by its text)."""
        token = self.tokens[index]
        value = self.values.get(token)
        if value is None:
            if token[:1] not in _NUMBER_START or not _is_number(token):
                raise self.expected(what, index)
            value = self.values[token] = self._value(_Token("number", token, index, token))
        return value

    def whole(self, index: int, what: str, low: int) -> int:
        """The whole number (at least ``low``) at ``index``."""
        token = self.tokens[index]
        if _COUNT_RE.fullmatch(token) is None or len(token) > 30 or int(token) < low:
            raise self.expected(what, index)
        return int(token)


def _is_number(word: str) -> bool:
    return _DECIMAL_RE.fullmatch(word) is not None or _RATIONAL_RE.fullmatch(word) is not None


def _unquote(token: str) -> str:
    inner = token[1:-1]
    return _ESCAPE_RE.sub(r"\1", inner) if "\\" in inner else inner


# --- labels -----------------------------------------------------------------


def _labels(raw: tuple[str, ...]) -> tuple[str, ...]:
    """Action labels made non-empty and unique as :func:`~gametheory.io.nfg.parse_nfg` does for strategies."""
    if all(raw) and len(set(raw)) == len(raw):
        return raw
    return _normalise(list(raw), str)


def _unique(names: list[str], canonical: list[str]) -> list[str]:
    """``names[i]`` (or ``canonical[i]`` when empty), with every name that two sets share replaced by ``canonical[i]``.

    The canonical names are distinct, so repeating the replacement until
    nothing clashes ends with unique labels.
    """
    labels = [name or fallback for name, fallback in zip(names, canonical, strict=True)]
    while True:
        counts = Counter(labels)
        clashes = [i for i, label in enumerate(labels) if counts[label] > 1 and label != canonical[i]]
        if not clashes:
            return labels
        for i in clashes:
            labels[i] = canonical[i]


# --- reading ----------------------------------------------------------------


def parse_efg(text: str, *, path: str | None = None) -> ExtensiveFormGame:
    """Read a game tree in Gambit's ``.efg`` format.

    Payoffs and probabilities become exact numbers read from their text
    (``0.1`` is ``Fraction(1, 10)``); the game has ``kind="exact"`` and keeps
    the file's title. The comment after the players is not kept.

    How the file's contents map onto the game:

    * **Payoffs.** The file attaches outcomes to nodes, terminal or not; a
      game here has payoffs at its terminals only, so each terminal pays the
      sum of the outcomes on its path from the root, its own included (the
      meaning Gambit gives them). A terminal with no outcome on its path pays 0.
    * **Labels.** Empty player names become ``"Player k"`` and empty action
      names ``"k"`` (``k`` the 1-based position); a name that appears more
      than once in one list gets suffixes ``_1``, ``_2``, ... as in
      :func:`~gametheory.io.nfg.parse_nfg`.
    * **Information sets.** A player's set is labelled with its name in the
      file, or ``"<player>:<number>"`` (the file's number) when unnamed; since
      labels must be unique per player, sets that share a name (or whose name
      is another set's default) fall back to ``"<player>:<number>"``. Each
      chance node has its own set here: it is labelled with the name of the
      file's chance set or ``"chance:<number>"``; a chance set of the file
      with several nodes becomes one set per node, labelled with ``.1``,
      ``.2``, ... appended, falling back to ``"chance:<number>.<k>"`` on a clash.
    * **Node labels.** Node names become node labels. The names of a file need
      not be unique but a game's node labels must be, so a name that several
      nodes share is dropped from all of them. A terminal without a name is
      labelled with the name of its own outcome when no other node has that
      name or label, unless the name is just the node's path of actions
      (``"Challenge/Resist"``, which :meth:`~ExtensiveFormGame.node_label`
      shows anyway; this makes files written by :func:`write_efg` read back
      equal).

    Parameters
    ----------
    text
        The contents of the file.
    path
        Where the text came from, only to name it in error messages.

    Returns
    -------
    ExtensiveFormGame
        The exact game.

    Raises
    ------
    GameFileError
        For any malformed input, with the 1-based ``line`` and ``column`` of
        the offending token and what was expected there. Besides the syntax,
        the file must name at least one player, chance probabilities must be
        non-negative and sum to 1, a restated information set or outcome must
        match its first statement, and no information set may meet a path twice.

    Examples
    --------
    >>> game = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
    ... p "" 1 1 "" { "Out" "In" } 0
    ... t "" 1 "Stay out" { 0, 2 }
    ... p "" 2 1 "" { "Fight" "Accommodate" } 0
    ... t "" 2 "Price war" { -1, -1 }
    ... t "" 3 "" { 1, 1 }''')
    >>> game
    <ExtensiveFormGame 'Entry': 2 players, 5 nodes, 3 terminals, exact>
    >>> game.infoset_labels, game.outcome_labels
    (('Entrant:1', 'Incumbent:1'), ('Stay out', 'Price war', 'In/Accommodate'))
    >>> [game.terminal_payoffs(int(t)) for t in game.terminals]
    [(0, 2), (-1, -1), (1, 1)]
    >>> parse_efg('EFG 2 R "" { "A" }\\nc "" 1 "" { "H" 1/2 "T" 1/3 } 0 t "" 0 t "" 0')
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFileError: 2:11: parse_efg(): expected chance probabilities that sum to 1; got ones that sum to 5/6
    """
    if not isinstance(text, str):
        raise InvalidGameError(f"parse_efg(): text must be a str; got {type(text).__name__}")
    lexer = _Tokens(text, path)
    tokens = lexer.tokens

    # prologue
    if tokens[0] != "EFG":
        hint = " (a strategic-form game: read it with parse_nfg())" if tokens[0] == "NFG" else ""
        raise lexer.expected(f"the file type 'EFG' at the start of a Gambit extensive-form file{hint}", 0)
    if tokens[1] != "2":
        raise lexer.expected("the format version 2 after 'EFG'", 1)
    if tokens[2] not in ("R", "D"):
        raise lexer.expected("the data type 'R' (or the obsolete 'D') after 'EFG 2'", 2)
    title = lexer.text_at(3, "the game's title (a quoted string)")
    if tokens[4] != "{":
        raise lexer.expected("'{' opening the list of player names", 4)
    i = 5
    raw_players: list[str] = []
    while tokens[i][:1] == '"':
        raw_players.append(_unquote(tokens[i]))
        i += 1
    if tokens[i] != "}":
        raise lexer.expected("a player name (a quoted string) or '}' closing the list of players", i)
    if not raw_players:
        raise lexer.error("expected at least one player name before '}'; got an empty list of players", i)
    i += 1
    players = _normalise(raw_players, lambda k: f"Player {k}")
    n_players = len(players)
    if tokens[i][:1] == '"':
        i += 1  # the optional comment

    # per node
    parent: list[int] = []
    mover: list[int] = []
    set_of: list[int] = []
    names: list[str] = []
    terminal_rows: list[tuple[Any, ...]] = []
    # per information set (ids in order of appearance)
    set_actions: list[tuple[str, ...]] = []
    set_tokens: dict[int, list[str]] = {}  # a player's set -> the tokens of its first statement (name and actions)
    set_owner: list[int] = []
    set_name: list[str] = []
    set_canonical: list[str] = []
    set_probs: list[tuple[Any, ...] | None] = []
    active: list[int] = []  # how many nodes of the set are on the current path
    player_sets: dict[tuple[int, int], int] = {}
    # the file's chance sets: number -> (name, actions, probabilities, set ids of its nodes)
    chance_sets: dict[int, tuple[str, tuple[str, ...], tuple[Any, ...], list[int]]] = {}
    # outcomes: number -> (name, payoffs)
    outcomes: dict[int, tuple[str, tuple[Any, ...]]] = {}
    zero = (0,) * n_players

    # the path from the root: open nodes, their remaining children, accumulated outcome payoffs (None: zero)
    open_nodes: list[int] = []
    remaining: list[int] = []
    moves: list[tuple[str, ...]] = []  # the actions of each open node
    route: list[str] = []  # the action taken at each open node towards the current node
    totals: list[tuple[Any, ...] | None] = []
    candidates: dict[int, str] = {}  # unnamed terminal -> the name of its outcome, unless that is its path of actions
    values = lexer.values

    def owner(player: int, number: int) -> str:
        if player == 0:
            return f"chance information set {number}"
        return f"information set {number} of player {player} ({players[player - 1]!r})"

    def action_list(start: int, player: int, number: int) -> tuple[int, tuple[str, ...], list[Any] | None]:
        """The actions (for chance, with probabilities) in braces at ``start`` of a set of ``player`` (0: chance); the index after them."""
        if tokens[start] != "{":
            raise lexer.expected(f"'{{' opening the actions of {owner(player, number)}", start)
        j = start + 1
        labels: list[str] = []
        probs: list[Any] | None = [] if player == 0 else None
        while tokens[j][:1] == '"':
            labels.append(_unquote(tokens[j]))
            j += 1
            if probs is not None:
                token = tokens[j]
                value = values.get(token)
                if value is None:
                    value = lexer.value(j, f"the probability of action {len(labels)} ({labels[-1]!r}) of {owner(0, number)} (a number)")
                probs.append(value)
                j += 1
        if tokens[j] != "}" or not labels:
            who = owner(player, number)
            if probs is not None and labels:
                raise lexer.expected(
                    f"an action label (a quoted string) followed by its probability, or '}}' closing the actions of {who}", j
                )
            if labels:
                raise lexer.expected(f"an action label (a quoted string) or '}}' closing the actions of {who}", j)
            raise lexer.expected(f"an action label (a quoted string) of {who}; it needs at least one action", j)
        return j + 1, tuple(labels), probs

    with_commas = [","] * (n_players - 1) + ["}"]  # the layout of payoffs "{ 1, 2 }" after each payoff
    values_get = values.get

    def outcome_at(j: int) -> tuple[int, int, tuple[Any, ...] | None, str]:
        """The outcome at ``j``: the index after it, its number, its payoffs (None for the null outcome) and its name."""
        token = tokens[j]
        if len(token) < 10 and token.isascii() and token.isdigit():
            number = int(token)
        else:
            number = lexer.whole(j, "the number of an outcome (a whole number, 0 for none)", 0)
        j += 1
        if tokens[j][:1] != '"':
            if number == 0:
                return j, 0, None, ""
            known = outcomes.get(number)
            if known is None:
                raise lexer.error(
                    f"expected the name and payoffs of outcome {number} (a quoted string and '{{'), which is not defined earlier;"
                    f" got {lexer.describe(j)}",
                    j if j >= lexer.end and lexer.unterminated else j - 1,  # at the number, unless a string is unterminated
                )
            return j, number, known[1], known[0]
        if number == 0:
            raise lexer.error("expected no name or payoffs after the null outcome 0; got a name", j)
        start = j
        name = tokens[j][1:-1]
        if "\\" in name:
            name = _unquote(tokens[j])
        if tokens[j + 1] != "{":
            raise lexer.expected(f"'{{' opening the payoffs of outcome {number}", j + 1)
        j += 2
        vector: tuple[Any, ...] | None = None
        block = tokens[j : j + 2 * n_players]
        if block[1::2] == with_commas:  # the common layouts, with commas or without, converted at once
            vector = tuple(map(values_get, block[::2]))
            j += 2 * n_players
        elif block[n_players] == "}" and "," not in block:
            vector = tuple(map(values_get, block[:n_players]))
            j += n_players + 1
        if vector is None or None in vector:
            j = start + 2
            payoffs = []
            for p in range(n_players):
                token = tokens[j]
                value = values_get(token)
                if value is None:
                    value = lexer.value(
                        j,
                        f"the payoff of player {p + 1} ({players[p]!r}) in outcome {number} (a number; the file names {n_players} players)",
                    )
                payoffs.append(value)
                j += 1
                if tokens[j] == ",":
                    j += 1
            if tokens[j] != "}":
                raise lexer.expected(f"'}}' closing outcome {number} after its {n_players} payoffs", j)
            j += 1
            vector = tuple(payoffs)
        known = outcomes.get(number)
        if known is None:
            outcomes[number] = (name, vector)
        elif known != (name, vector):
            raise lexer.error(
                f"expected outcome {number} as first defined, {known[0]!r} paying {list(map(str, known[1]))};"
                f" got {name!r} paying {list(map(str, vector))}",
                start,
            )
        return j, number, vector, name

    while True:
        node = len(parent)
        if open_nodes:
            up = open_nodes[-1]
            parent.append(up)
            left = remaining[-1]
            route[-1] = moves[-1][len(moves[-1]) - left]
            remaining[-1] = left - 1
            above = totals[-1]
        else:
            parent.append(-1)
            above = None
        kind = tokens[i]
        name_token = tokens[i + 1]
        if name_token[:1] != '"':
            if kind not in ("p", "c", "t"):
                raise lexer.expected("a node type: 'p' (a player's move), 'c' (chance) or 't' (terminal)", i)
            raise lexer.expected("the node's name (a quoted string)", i + 1)
        name = name_token[1:-1]
        names.append(_unquote(name_token) if "\\" in name else name)
        if kind == "t":
            mover.append(TERMINAL)
            set_of.append(-1)
            i, number, own, outcome_name = outcome_at(i + 2)
            if own is None:
                row = above if above is not None else zero
            elif above is None:
                row = own
            else:
                row = tuple(a + b for a, b in zip(above, own, strict=True))
            terminal_rows.append(row)
            if outcome_name and len(name_token) == 2:  # an unnamed terminal with a named outcome
                # a name that is just the path of actions adds nothing (write_efg writes those)
                trivial = outcome_name.endswith(route[-1]) and outcome_name == "/".join(route) if route else outcome_name == "root"
                if not trivial:
                    candidates[node] = outcome_name
            while open_nodes and remaining[-1] == 0:
                active[set_of[open_nodes.pop()]] -= 1
                remaining.pop()
                moves.pop()
                route.pop()
                totals.pop()
            if not open_nodes:
                break
            continue
        if kind == "p":
            token = tokens[i + 2]
            player = int(token) if len(token) < 10 and token.isascii() and token.isdigit() else -1
            if not 1 <= player <= n_players:
                raise lexer.expected(f"the number of the player who moves (1 to {n_players}, as the file names {n_players} players)", i + 2)
            token = tokens[i + 3]
            if len(token) < 10 and token.isascii() and token.isdigit() and token != "0":
                number = int(token)
            else:
                number = lexer.whole(i + 3, "the number of an information set (a positive whole number)", 1)
            key = (player, number)
            h = player_sets.get(key, -1)
            set_token = i + 3
            i += 4
            if tokens[i][:1] == '"':
                if h >= 0 and tokens[i : i + len(set_tokens[h])] == set_tokens[h]:  # restated token for token
                    i += len(set_tokens[h])
                else:
                    label = _unquote(tokens[i])
                    at = i
                    i, raw, _ = action_list(i + 1, player, number)
                    actions = _labels(raw)
                    if h < 0:
                        h = len(set_actions)
                        player_sets[key] = h
                        set_tokens[h] = tokens[at:i]
                        set_actions.append(actions)
                        set_owner.append(player - 1)
                        set_name.append(label)
                        set_canonical.append(f"{players[player - 1]}:{number}")
                        set_probs.append(None)
                        active.append(0)
                    elif (set_name[h], set_actions[h]) != (label, actions):
                        raise lexer.error(
                            f"expected information set {number} of player {player} as first defined, {set_name[h]!r} with the actions"
                            f" {list(set_actions[h])}; got {label!r} with {list(actions)}",
                            at,
                        )
            if h < 0:
                raise lexer.error(
                    f"expected the name and actions of information set {number} of player {player}, which is not defined earlier"
                    f" (a quoted string and '{{'); got {lexer.describe(i)}",
                    i,
                )
            if active[h]:
                raise lexer.error(
                    f"expected an information set that the path to this node has not met; information set {number} of player"
                    f" {player} already has a node on that path (absent-mindedness, which is not supported)",
                    set_token,
                )
            mover.append(player - 1)
        elif kind == "c":
            number = lexer.whole(i + 2, "the number of a chance information set (a positive whole number)", 1)
            i += 3
            known_chance = chance_sets.get(number)
            if tokens[i][:1] == '"':
                label = _unquote(tokens[i])
                at = i
                i, raw, probs = action_list(i + 1, 0, number)
                assert probs is not None
                actions = _labels(raw)
                vector = tuple(probs)
                if known_chance is None:
                    negative = [str(p) for p in vector if p < 0]
                    if negative:
                        raise lexer.error(f"expected non-negative chance probabilities; got {', '.join(negative)}", at + 1)
                    total = sum(vector)
                    if total != 1:
                        raise lexer.error(f"expected chance probabilities that sum to 1; got ones that sum to {total}", at + 1)
                    known_chance = chance_sets[number] = (label, actions, vector, [])
                elif known_chance[:3] != (label, actions, vector):
                    raise lexer.error(
                        f"expected chance information set {number} as first defined, {known_chance[0]!r} with the actions"
                        f" {list(known_chance[1])} and probabilities {list(map(str, known_chance[2]))}; got {label!r} with"
                        f" {list(actions)} and {list(map(str, vector))}",
                        at,
                    )
            elif known_chance is None:
                raise lexer.error(
                    f"expected the name, actions and probabilities of chance information set {number}, which is not defined earlier"
                    f" (a quoted string and '{{'); got {lexer.describe(i)}",
                    i,
                )
            h = len(set_actions)
            known_chance[3].append(h)
            set_actions.append(known_chance[1])
            set_owner.append(CHANCE)
            set_name.append(known_chance[0])
            set_canonical.append(f"chance:{number}")
            set_probs.append(known_chance[2])
            active.append(0)
            mover.append(CHANCE)
        else:
            raise lexer.expected("a node type: 'p' (a player's move), 'c' (chance) or 't' (terminal)", i)
        set_of.append(h)
        i, number, own, _ = outcome_at(i)
        if own is not None:
            above = own if above is None else tuple(a + b for a, b in zip(above, own, strict=True))
        open_nodes.append(node)
        remaining.append(len(set_actions[h]))
        moves.append(set_actions[h])
        route.append("")
        totals.append(above)
        active[h] += 1
    if i != lexer.end or lexer.unterminated:
        raise lexer.expected("end of file after the last node of the tree", i)

    # labels of information sets: unique per player, chance sets one per node
    for numbered in chance_sets.values():
        if len(numbered[3]) > 1:
            for k, h in enumerate(numbered[3]):
                set_name[h] = f"{numbered[0]}.{k + 1}" if numbered[0] else ""
                set_canonical[h] = f"{set_canonical[h]}.{k + 1}"
    set_labels = [""] * len(set_actions)
    for who in {*set_owner}:
        members = [h for h in range(len(set_actions)) if set_owner[h] == who]
        for h, label in zip(members, _unique([set_name[h] for h in members], [set_canonical[h] for h in members]), strict=True):
            set_labels[h] = label

    # node labels: names no other node shares; unnamed terminals may take their outcome's name
    counts = Counter(names)
    labels = [name if counts[name] == 1 else "" for name in names]
    repeats = Counter(candidates.values())
    for node, name in candidates.items():
        if repeats[name] == 1 and name not in counts:
            labels[node] = name

    table: Any = terminal_rows
    if all(type(v) is int for vector in outcomes.values() for v in vector[1]):
        with contextlib.suppress(OverflowError):  # sums of ints are ints: int64 when they fit, which the game converts fast
            table = np.array(terminal_rows, dtype=np.int64).reshape(-1, n_players)
    try:
        return ExtensiveFormGame.from_arrays(
            players=players,
            parent=parent,
            mover=mover,
            infoset=set_of,
            actions=set_actions,
            payoffs=table,
            chance_probs=set_probs,
            infoset_labels=set_labels,
            node_labels=labels,
            kind="exact",
            title=title,
        )
    except InvalidGameError as error:  # not expected: everything was checked above
        raise GameFileError(f"parse_efg(): {error}", path=path) from None


# --- writing ----------------------------------------------------------------


def _decimal(value: Fraction) -> str:
    """A fraction whose denominator divides a power of ten, as a decimal (``Fraction(1, 8)`` is ``0.125``)."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    places = 0
    while value.denominator != 1:
        value *= 10
        places += 1
    digits = str(value.numerator).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def _probabilities(probs: tuple[Any, ...], kind: str) -> list[str]:
    """The chance probabilities as written: exact ones as they are; for floats, decimals that sum to exactly 1.

    Float probabilities (``repr``) need not sum to 1 as decimals (three times
    ``0.3333333333333333``), so the largest is written as 1 minus the others.
    """
    if kind != "float":
        return [_number(p) for p in probs]
    texts = [repr(float(p)) for p in probs]
    exact = [Fraction(text) for text in texts]
    largest = max(range(len(exact)), key=exact.__getitem__)
    rest = sum(exact[:largest] + exact[largest + 1 :], Fraction(0))
    texts[largest] = _decimal(1 - rest)
    return texts


def write_efg(game: ExtensiveFormGame) -> str:
    """The game as a Gambit ``.efg`` file, with its title and labels.

    The layout is the one Gambit writes: the prologue, an empty comment, then
    one line per node in depth-first preorder. Each information set has its
    number per player (from 1, in the game's order of sets) and its name and
    actions at every node (an information set labelled with the default
    ``"<player>:<k>"`` is written unnamed); each chance node has its own
    set. Each terminal has its own outcome (numbered 1, 2, ... in the order of
    the file), named with :attr:`~ExtensiveFormGame.outcome_labels` (the
    node's label, or its path of actions). Exact numbers are written as
    integers (``3``) or fractions (``3/5``), float ones with ``repr``
    (``0.1``; read back as the exact decimal ``1/10``), except that the
    largest float probability of a chance node is written as 1 minus the
    others so the decimals sum to exactly 1.

    Reading the text back with :func:`parse_efg` gives an equal game (with the
    same title) for exact games; a float game reads back as the exact game of
    its decimals.

    Raises
    ------
    UnsupportedGameError
        For a symbolic game (substitute its parameters first).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory import ExtensiveFormGame, chance, decision, outcome
    >>> game = ExtensiveFormGame.from_tree(chance({
    ...     "Tough": (Fraction(1, 3), decision("Defender", {"Resist": outcome(-1, 1, label="War"), "Yield": (1, 0)}, infoset="D")),
    ...     "Weak": (Fraction(2, 3), decision("Defender", {"Resist": (-2, -3), "Yield": (1, 0)}, infoset="D")),
    ... }), players=["Challenger", "Defender"], title="Signals")
    >>> print(write_efg(game), end="")
    EFG 2 R "Signals" { "Challenger" "Defender" }
    ""
    <BLANKLINE>
    c "" 1 "" { "Tough" 1/3 "Weak" 2/3 } 0
    p "" 2 1 "D" { "Resist" "Yield" } 0
    t "War" 1 "War" { -1, 1 }
    t "" 2 "Tough/Yield" { 1, 0 }
    p "" 2 1 "D" { "Resist" "Yield" } 0
    t "" 3 "Weak/Resist" { -2, -3 }
    t "" 4 "Weak/Yield" { 1, 0 }
    >>> parse_efg(write_efg(game)) == game
    True
    """
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"write_efg(): game must be an ExtensiveFormGame; got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError("write_efg(): game must have numeric payoffs; got a symbolic game (substitute its parameters first)")
    quote = _quote
    players = game.players
    # the file's set numbers: per player from 1 in our order, chance sets likewise
    owners = game.infoset_player.tolist()
    seen: Counter[int] = Counter()
    numbers = []
    for who in owners:
        seen[who] += 1
        numbers.append(seen[who])
    heads = []  # the text after the node name, per information set
    for h, who in enumerate(owners):
        owner = "chance" if who == CHANCE else players[who]
        label = game.infoset_labels[h]
        name = quote("" if label == f"{owner}:{numbers[h]}" else label)
        actions = game.infoset_actions[h]
        if who == CHANCE:
            probs = game.chance_probs[h]
            assert probs is not None
            moves = " ".join(f"{quote(a)} {p}" for a, p in zip(actions, _probabilities(probs, game.kind), strict=True))
            heads.append(f"{numbers[h]} {name} {{ {moves} }} 0")
        else:
            heads.append(f"{who + 1} {numbers[h]} {name} {{ {' '.join(map(quote, actions))} }} 0")
    columns = [array.tolist() for array in game.payoffs]
    try:
        rows = [", ".join(map(_number, entries)) for entries in zip(*columns)]
    except InvalidGameError as error:
        raise InvalidGameError(f"write_efg(): a payoff: {error}") from None

    node_labels = game.node_labels
    mover = game.mover.tolist()
    infoset = game.infoset.tolist()
    terminal = game.terminal.tolist()
    depth = game.depth.tolist()
    parent = game.parent.tolist()
    action = game.action.tolist()
    lines = [f"EFG 2 R {quote(game.title)} {{ {' '.join(map(quote, players))} }}", '""', ""]
    path: list[str] = []  # action labels from the root
    count = 0
    for node in np.argsort(game.preorder).tolist():
        label = node_labels[node] if node_labels is not None else ""
        d = depth[node]
        if d:
            del path[d - 1 :]
            path.append(game.infoset_actions[infoset[parent[node]]][action[node]])
        who = mover[node]
        if who == TERMINAL:
            count += 1
            name = label or "/".join(path) or "root"
            lines.append(f"t {quote(label)} {count} {quote(name)} {{ {rows[terminal[node]]} }}")
        else:
            lines.append(f"{'c' if who == CHANCE else 'p'} {quote(label)} {heads[infoset[node]]}")
    return "\n".join(lines) + "\n"
