"""Gambit's strategic-form ``.nfg`` files: read both versions, write the payoff version.

The format (Gambit's manual, "Game representation formats"; its reader is
``src/games/file.cc`` in gambitproject/gambit) is a stream of tokens separated
by whitespace:

* the prologue ``NFG 1 R "title" { "Player 1" "Player 2" }`` (``D`` instead of
  ``R`` is an obsolete data-type flag, read the same way);
* the strategies, either as counts ``{ 3 2 }`` (labelled ``"1"``, ``"2"``, ...,
  as Gambit does) or as label lists ``{ { "U" "D" } { "L" "R" } }``;
* an optional quoted comment;
* the body, either the *payoff version*, a flat list of numbers, one payoff per
  player for each strategy profile, the first player's strategy changing
  fastest; or the *outcome version*, a list of outcomes
  ``{ { "name" 3, 3 } ... }`` (commas optional) followed by one outcome index per
  profile in the same order, ``0`` being the null outcome that pays zero.

Either strategy form goes with either body: the payoff-version files that
Gambit writes today carry strategy labels. Numbers are integers, decimals
(``.5``, ``1.25e-3``), or rationals (``3/5``); they are read from their text,
exactly, so ``0.1`` is ``1/10``. Inside a quoted string ``\\"`` is a quote and
``\\\\`` a backslash, as Gambit writes them (C++ ``std::quoted``); a backslash
before any other character is kept as it is, as Gambit's reader does.
"""

from __future__ import annotations

import bisect
import math
import numbers
import os
import re
from collections.abc import Callable
from fractions import Fraction
from functools import partial
from typing import Any

import numpy as np

from ..errors import GameFileError, InvalidGameError, UnsupportedGameError
from ..games.extensive_form import ExtensiveFormGame
from ..games.normal_form import NormalFormGame

__all__ = ["MAX_EXPONENT", "SUPPORTED_FORMATS", "parse_nfg", "read_game", "write_nfg"]

#: File extensions :func:`read_game` understands, with what they hold.
SUPPORTED_FORMATS: dict[str, str] = {
    ".nfg": "Gambit strategic-form game (payoff or outcome version)",
    ".efg": "Gambit extensive-form game tree",
}

#: Largest decimal exponent accepted in a number (``1e1000``); bigger ones would
#: build integers too large to print back.
MAX_EXPONENT = 1000

# Gambit's lexer splits on C's isspace(): these six ASCII characters and no others.
_SPACE = " \t\n\r\x0b\x0c"
_SPACE_RE = re.compile(f"[{_SPACE}]*+")
# a quoted string: any character but a quote or a backslash, or a backslash and the character it escapes
_STRING_RE = re.compile(r'"((?:[^"\\]++|\\[\s\S])*+)"')
_ESCAPE_RE = re.compile(r'\\([\\"])')
# a bare word runs to the next whitespace, brace, comma or quote
_WORD_RE = re.compile(f'[^{_SPACE}{{}},"]++')
_DECIMAL_RE = re.compile(r"([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?")
_RATIONAL_RE = re.compile(r"([+-]?\d+)/(\d+)")
_COUNT_RE = re.compile(r"\+?\d+")
_INTEGER_RE = re.compile(r"[+-]?\d+")

_NUMBER_START = frozenset("0123456789+-.")
_PUNCTUATION = frozenset("{},")


# --- tokens -----------------------------------------------------------------


class _Token:
    """One token: ``kind`` is ``number``, ``text``, ``symbol``, ``{``, ``}``, ``,`` or ``eof``."""

    __slots__ = ("kind", "offset", "raw", "text")

    def __init__(self, kind: str, text: str, offset: int, raw: str) -> None:
        self.kind = kind
        self.text = text  # the unescaped contents for quoted strings, else the characters themselves
        self.offset = offset
        self.raw = raw

    def describe(self) -> str:
        if self.kind == "eof":
            return "end of file"
        if self.kind in _PUNCTUATION:
            return repr(self.kind)
        shown = self.raw if len(self.raw) <= 40 else self.raw[:37] + "..."
        name = {"text": "the string", "number": "the number", "symbol": "the word"}[self.kind]
        return f"{name} {shown}" if self.kind == "text" else f"{name} {shown!r}"


class _Lexer:
    """Tokens of an ``.nfg`` text on demand, so that the first error in the file is the one reported."""

    def __init__(self, text: str, path: str | None) -> None:
        self.text = text
        self.path = path
        self.position = 1 if text.startswith("\ufeff") else 0  # a byte-order mark is not content
        self.peeked: _Token | None = None
        self.values: dict[str, int | Fraction] = {}  # payoffs repeat: convert each text once
        self._line_starts: list[int] | None = None

    # error reporting
    def where(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def error(self, message: str, offset: int) -> GameFileError:
        line, column = self.where(offset)
        return GameFileError(f"parse_nfg(): {message}", path=self.path, line=line, column=column)

    def expected(self, what: str, token: _Token) -> GameFileError:
        return self.error(f"expected {what}; got {token.describe()}", token.offset)

    # scanning
    def _scan(self) -> _Token:
        text = self.text
        start = _SPACE_RE.match(text, self.position).end()  # type: ignore[union-attr]
        if start >= len(text):
            self.position = start
            return _Token("eof", "", start, "")
        char = text[start]
        if char in _PUNCTUATION:
            self.position = start + 1
            return _Token(char, char, start, char)
        if char == '"':
            match = _STRING_RE.match(text, start)
            if match is None:
                raise self.error("expected a closing '\"' for the string that starts here; got end of file", start)
            self.position = match.end()
            return _Token("text", _ESCAPE_RE.sub(r"\1", match.group(1)), start, match.group(0))
        match = _WORD_RE.match(text, start)
        assert match is not None  # any other character starts a word
        self.position = match.end()
        word = match.group(0)
        if char in _NUMBER_START:
            if _DECIMAL_RE.fullmatch(word) is None and _RATIONAL_RE.fullmatch(word) is None:
                raise self.error(f"expected a number (like 3, -0.25, 1e3 or 3/5); got the malformed {word!r}", start)
            return _Token("number", word, start, word)
        return _Token("symbol", word, start, word)

    def peek(self) -> _Token:
        if self.peeked is None:
            self.peeked = self._scan()
        return self.peeked

    def take(self) -> _Token:
        token = self.peek()
        self.peeked = None
        return token

    def expect(self, kind: str, what: str) -> _Token:
        token = self.take()
        if token.kind != kind:
            raise self.expected(what, token)
        return token

    # values
    def number(self, token: _Token) -> int | Fraction:
        """The exact value of a number token: an int when it is whole, else a Fraction."""
        word = token.text
        value = self.values.get(word)
        if value is None:
            value = self.values[word] = self._value(token)
        return value

    def _value(self, token: _Token) -> int | Fraction:
        word = token.text

        def integer(digits: str) -> int:
            try:
                return int(digits)
            except ValueError:  # Python refuses integers of more than sys.get_int_max_str_digits() digits
                raise self.error(
                    f"expected a number of at most a few thousand digits; got one of {len(word)} characters", token.offset
                ) from None

        if _INTEGER_RE.fullmatch(word):
            return integer(word)
        rational = _RATIONAL_RE.fullmatch(word)
        if rational is not None:
            denominator = integer(rational.group(2))
            if denominator == 0:
                raise self.error(f"expected a number; got {word!r}, whose denominator is zero", token.offset)
            value = Fraction(integer(rational.group(1)), denominator)
        else:
            decimal = _DECIMAL_RE.fullmatch(word)
            assert decimal is not None  # the lexer only makes number tokens of these two forms
            sign, whole, fraction, only_fraction, exponent = decimal.groups()
            if exponent is not None and (len(exponent) > 8 or abs(int(exponent)) > MAX_EXPONENT):
                raise self.error(f"expected a number with an exponent of at most {MAX_EXPONENT} in size; got {word!r}", token.offset)
            decimals = fraction or only_fraction or ""
            mantissa = integer((whole or "") + decimals)
            power = int(exponent or 0) - len(decimals)
            value = Fraction(mantissa * 10**power) if power >= 0 else Fraction(mantissa, 10**-power)
            if sign == "-":
                value = -value
        return value.numerator if value.denominator == 1 else value

    def count(self, token: _Token, what: str | Callable[[], str], low: int, high: int, too_big: str) -> int:
        """The value of a number token that must be a whole number in ``[low, high]``.

        ``what`` may be a function, so that a message is only built for an error.
        """
        if token.kind == "number" and _COUNT_RE.fullmatch(token.text) is not None:
            value = int(token.text) if len(token.text) < 30 else high + 1  # longer ones are out of range anyway
            if low <= value <= high:
                return value
        expected = what() if callable(what) else what
        if token.kind == "number" and _COUNT_RE.fullmatch(token.text) is not None and value > high:
            raise self.error(f"expected {expected}; got {token.describe()}, {too_big}", token.offset)
        raise self.expected(expected, token)


# --- labels -----------------------------------------------------------------


def _normalise(labels: list[str], default: Callable[[int], str]) -> tuple[str, ...]:
    """Non-empty, unique labels: empty ones get ``default(position)``, repeated ones a suffix ``_1``, ``_2``, ...

    The suffix rule is Gambit's own (``NormalizeLabels`` in ``src/games/file.cc``):
    every occurrence of a repeated label ``L`` becomes ``L_1``, ``L_2``, ...,
    skipping names already in the list.
    """
    filled = [label if label else default(i + 1) for i, label in enumerate(labels)]
    counts: dict[str, int] = {}
    for label in filled:
        counts[label] = counts.get(label, 0) + 1
    used = set(filled)
    visited: dict[str, int] = {}
    result = []
    for label in filled:
        if counts[label] > 1:
            while True:
                visited[label] = visited.get(label, 0) + 1
                candidate = f"{label}_{visited[label]}"
                if candidate not in used:
                    break
            used.add(candidate)
            label = candidate
        result.append(label)
    return tuple(result)


# --- reading ----------------------------------------------------------------


def _profile(index: int, shape: tuple[int, ...]) -> str:
    """The 1-based strategy profile at position ``index`` of the file's order (first player fastest)."""
    numbers = []
    for size in shape:
        index, strategy = divmod(index, size)
        numbers.append(str(strategy + 1))
    return "(" + ", ".join(numbers) + ")"


def _check_size(sizes: list[int], lexer: _Lexer, token: _Token) -> None:
    """Refuse tables that the text is too short to list (each profile takes at least one character).

    This bounds memory and time by the length of the text whatever the header claims.
    """
    total = 1
    for size in sizes:
        total *= size
        if total > len(lexer.text):
            raise lexer.error(
                f"expected strategy counts whose product (the number of strategy profiles) fits in the file; "
                f"got more profiles than its {len(lexer.text)} characters can list",
                token.offset,
            )


def _dtype(values: list[int | Fraction]) -> type:
    """int64 when every value is a small int (the game then converts the array at numpy speed), else object."""
    small = all(type(v) is int and -(2**62) <= v <= 2**62 for v in values)  # type: ignore[operator]
    return np.int64 if small else object


def _player(players: list[str], p: int) -> str:
    return f"player {p + 1}" + (f" ({players[p]!r})" if players[p] else "")


def parse_nfg(text: str, *, path: str | None = None) -> NormalFormGame:
    """Read a game in Gambit's ``.nfg`` format, payoff or outcome version.

    Payoffs become exact numbers read from their text (``0.1`` is
    ``Fraction(1, 10)``, ``1e3`` is ``1000``); the game has ``kind="exact"``
    and keeps the file's title, player names and strategy names (a
    strategy-count header such as ``{ 3 2 }`` names strategies ``"1"``,
    ``"2"``, ... as Gambit does). The optional comment after the strategies is
    not kept.

    Labels are made non-empty and unique, since a game needs them so: an empty
    player name becomes ``"Player k"`` and an empty strategy name ``"k"``
    (``k`` its 1-based position); then, as Gambit does, every occurrence of a
    name that appears more than once in the same list gets a suffix ``_1``,
    ``_2``, ... in order (``"x" "x"`` becomes ``"x_1" "x_2"``), skipping names
    already taken.

    Parameters
    ----------
    text
        The contents of the file.
    path
        Where the text came from, only to name it in error messages.

    Returns
    -------
    NormalFormGame
        The exact game.

    Raises
    ------
    GameFileError
        For any malformed input, with the 1-based ``line`` and ``column`` of
        the offending token and what was expected there.

    Examples
    --------
    >>> game = parse_nfg('NFG 1 R "Matching pennies" { "Row" "Column" } { 2 2 }\\n'
    ...                  '1 -1  -1 1  -1 1  1 -1')
    >>> game.players, game.actions
    (('Row', 'Column'), (('1', '2'), ('1', '2')))
    >>> game.payoff((1, 0))
    (-1, 1)
    >>> game = parse_nfg('''NFG 1 R "PD" { "A" "B" }
    ... { { "C" "D" } { "C" "D" } } ""
    ... { { "" 3, 3 } { "" 0, 0.5 } { "" 1/2, 0 } }
    ... 1 3 2 0''')
    >>> game.payoff((0, 1)), game.payoff((1, 1))
    ((0, Fraction(1, 2)), (0, 0))
    >>> parse_nfg('NFG 1 R "" { "A" } { 2 }\\n1')
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFileError: 2:2: parse_nfg(): expected the payoff of player 1 ('A') at strategy profile (2) (number 2 of 2); got end of file
    """
    if not isinstance(text, str):
        raise InvalidGameError(f"parse_nfg(): text must be a str; got {type(text).__name__}")
    lexer = _Lexer(text, path)

    # prologue
    token = lexer.take()
    if token.kind != "symbol" or token.text != "NFG":
        hint = " (an extensive-form game, which parse_nfg() does not read)" if token.text == "EFG" else ""
        raise lexer.expected(f"the file type 'NFG' at the start of a Gambit strategic-form file{hint}", token)
    token = lexer.take()
    if token.kind != "number" or token.text != "1":
        raise lexer.expected("the format version 1 after 'NFG'", token)
    token = lexer.take()
    if token.kind != "symbol" or token.text not in ("R", "D"):
        raise lexer.expected("the data type 'R' (or the obsolete 'D') after 'NFG 1'", token)
    title = lexer.expect("text", "the game's title (a quoted string)").text

    lexer.expect("{", "'{' opening the list of player names")
    players: list[str] = []
    while (token := lexer.take()).kind == "text":
        players.append(token.text)
    if token.kind != "}":
        raise lexer.expected("a player name (a quoted string) or '}' closing the list of players", token)
    if not players:
        raise lexer.error("expected at least one player name before '}'; got an empty list of players", token.offset)
    n = len(players)

    # strategies: labels or counts
    lexer.expect("{", "'{' opening the list of strategies")
    strategies: list[list[str]] = []
    if lexer.peek().kind == "{":
        for p in range(n):
            lexer.expect("{", f"'{{' opening the strategy names of {_player(players, p)} (the file names {n} players)")
            names: list[str] = []
            while (token := lexer.take()).kind == "text":
                names.append(token.text)
            if token.kind != "}":
                raise lexer.expected(f"a strategy name of {_player(players, p)} (a quoted string) or '}}'", token)
            if not names:
                raise lexer.error(f"expected at least one strategy name for {_player(players, p)}; got an empty list", token.offset)
            strategies.append(names)
    else:
        for p in range(n):
            token = lexer.take()
            what = f"the number of strategies of {_player(players, p)} (a positive whole number)"
            size = lexer.count(token, what, 1, len(text), f"more strategies than a file of {len(text)} characters can list payoffs for")
            strategies.append([str(k + 1) for k in range(size)])
            _check_size([len(names) for names in strategies], lexer, token)
    token = lexer.expect("}", f"'}}' closing the list of strategies of the {n} players")
    _check_size([len(names) for names in strategies], lexer, token)
    if lexer.peek().kind == "text":
        lexer.take()  # the optional comment

    shape = tuple(len(names) for names in strategies)
    profiles = math.prod(shape)
    arrays: list[list[int | Fraction]] = [[] for _ in range(n)]
    token = lexer.peek()
    if token.kind == "{":
        lexer.take()
        outcomes: list[tuple[int | Fraction, ...]] = [(0,) * n]  # 0 is the null outcome
        while (token := lexer.take()).kind == "{":
            k = len(outcomes)
            lexer.expect("text", f"the name of outcome {k} (a quoted string)")
            payoffs = []
            for p in range(n):
                token = lexer.take()
                if token.kind != "number":
                    raise lexer.expected(
                        f"the payoff of {_player(players, p)} in outcome {k} (a number; the file names {n} players)", token
                    )
                payoffs.append(lexer.number(token))
                if lexer.peek().kind == ",":
                    lexer.take()
            lexer.expect("}", f"'}}' closing outcome {k} after its {n} payoffs")
            outcomes.append(tuple(payoffs))
        if token.kind != "}":
            raise lexer.expected("'{' opening an outcome or '}' closing the list of outcomes", token)
        last = len(outcomes) - 1
        too_big = f"but the file defines {last} outcome{'s' if last != 1 else ''}"

        def index_wanted(index: int) -> str:
            where = f"strategy profile {_profile(index, shape)} (number {index + 1} of {profiles})"
            return f"the outcome index (a whole number from 0 to {last}) of {where}"

        for index in range(profiles):
            token = lexer.take()
            outcome = outcomes[lexer.count(token, partial(index_wanted, index), 0, last, too_big)]
            for p in range(n):
                arrays[p].append(outcome[p])
        things = f"the {profiles} outcome indices"
    elif token.kind == "number":
        for index in range(profiles):
            for p in range(n):
                token = lexer.take()
                if token.kind != "number":
                    where = f"strategy profile {_profile(index, shape)} (number {index + 1} of {profiles})"
                    raise lexer.expected(f"the payoff of {_player(players, p)} at {where}", token)
                arrays[p].append(lexer.number(token))
        things = f"the {profiles * n} payoffs"
    else:
        raise lexer.expected("the payoffs (numbers) or '{' opening the list of outcomes", token)
    token = lexer.take()
    if token.kind != "eof":
        raise lexer.expected(f"end of file after {things}", token)

    # the file lists profiles with the first player's strategy changing fastest: Fortran order
    tables: list[np.ndarray] = [np.array(values, dtype=_dtype(values)).reshape(shape, order="F") for values in arrays]
    try:
        return NormalFormGame.from_arrays(
            *tables,
            players=_normalise(players, lambda k: f"Player {k}"),
            actions=[_normalise(names, str) for names in strategies],
            kind="exact",
            title=title,
        )
    except InvalidGameError as error:  # not expected: everything was checked above
        raise GameFileError(f"parse_nfg(): {error}", path=path) from None


def read_game(path: str | os.PathLike[str], *, format: str | None = None) -> NormalFormGame | ExtensiveFormGame:
    """Read a game file, its format chosen by its extension (or by ``format``).

    Supported: ``.nfg`` (Gambit's strategic form, both versions; see
    :func:`parse_nfg`), read as a :class:`NormalFormGame`, and ``.efg``
    (Gambit's extensive form; see :func:`~gametheory.io.efg.parse_efg`), read
    as an :class:`~gametheory.games.extensive_form.ExtensiveFormGame`. The
    file must be UTF-8 (a byte-order mark is allowed).

    Parameters
    ----------
    path
        The file to read.
    format
        ``"nfg"`` or ``"efg"`` to read the file in that format whatever its
        extension.

    Raises
    ------
    GameFileError
        If the file cannot be read (missing, a directory, not UTF-8, no
        permission), its format is unknown, or it is malformed; the message
        names the path.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "coordination.nfg").write_text('NFG 1 R "Coordination" { "A" "B" } { 2 2 } 1 1 0 0 0 0 1 1')
    >>> read_game(folder / "coordination.nfg")
    <NormalFormGame 'Coordination': 2 players, 2x2, exact>
    >>> _ = (folder / "tree.efg").write_text('EFG 2 R "Tree" { "A" } p "" 1 1 "" { "L" "R" } 0 t "" 1 "" { 1 } t "" 0')
    >>> read_game(folder / "tree.efg")
    <ExtensiveFormGame 'Tree': 1 players, 3 nodes, 2 terminals, exact>
    """
    if not isinstance(path, str | os.PathLike):
        raise InvalidGameError(f"read_game(): path must be a str or os.PathLike; got {type(path).__name__}")
    name = os.fsdecode(path)
    known = ", ".join(f"{ext} ({what})" for ext, what in SUPPORTED_FORMATS.items())
    if format is None:
        extension = os.path.splitext(name)[1].lower()
    elif isinstance(format, str):
        extension = "." + format.lower().lstrip(".")
    else:
        raise InvalidGameError(f"read_game(): format must be a str such as 'nfg' or 'efg', or None; got {type(format).__name__}")
    if extension not in SUPPORTED_FORMATS:
        given = f"the format {format!r}" if format is not None else (f"the extension {extension!r}" if extension else "no extension")
        raise GameFileError(
            f"read_game(): cannot tell the format of {name!r} from {given}; supported formats: {known} (or pass format='nfg' or 'efg')",
            path=name,
        )
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise GameFileError(f"read_game(): cannot read {name!r}: {reason}", path=name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise GameFileError(
            f"read_game(): expected UTF-8 text; got the byte {data[error.start]:#04x}, which is not UTF-8 here",
            path=name,
            line=line,
            column=column,
        ) from None
    if extension == ".efg":
        from .efg import parse_efg  # efg builds on this module

        return parse_efg(text, path=name)
    return parse_nfg(text, path=name)


# --- writing ----------------------------------------------------------------


_WRITE_ESCAPED_RE = re.compile(r'\\(?=[\\"]|\Z)')


def _quote(label: str) -> str:
    """A quoted string that :func:`parse_nfg` reads back exactly and Gambit reads as well as it can.

    Quotes become ``\\"``; a backslash is doubled only before another
    backslash, a quote or the end, where it would otherwise be taken for an
    escape. Gambit writes every backslash doubled (C++ ``std::quoted``) but its
    reader keeps ``\\\\`` as two backslashes, so a lone backslash (``$\\sigma$``)
    is written as it is to stay readable by both.
    """
    return '"' + _WRITE_ESCAPED_RE.sub(r"\\\\", label).replace('"', '\\"') + '"'


def _number(value: Any) -> str:
    if type(value) is int or isinstance(value, Fraction):
        try:
            return str(value)
        except ValueError:  # more digits than Python will print (sys.get_int_max_str_digits())
            raise InvalidGameError("it has too many digits to write") from None
    if isinstance(value, float | np.floating):
        return repr(float(value))
    if isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_):
        return _number(int(value))
    raise InvalidGameError(f"expected a number; got {value!r}")


def write_nfg(game: NormalFormGame) -> str:
    """The game as a Gambit ``.nfg`` file, payoff version, with its title and labels.

    The layout is the one Gambit writes: the prologue, strategy names, an empty
    comment, then one line per strategy profile (the first player's strategy
    changing fastest) listing every player's payoff. Exact payoffs are written
    as integers (``3``) or fractions (``3/5``), float payoffs with ``repr``
    (``0.1``; read back as the exact decimal ``1/10``). Reading the text back
    with :func:`parse_nfg` gives back an equal exact game with the same title.

    Raises
    ------
    UnsupportedGameError
        For a symbolic game (substitute its parameters first).

    Examples
    --------
    >>> from fractions import Fraction
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, Fraction(1, 2)]],
    ...                                    players=("Row", "Col"), actions=[("C", "D"), ("C", "D")], title="PD")
    >>> print(write_nfg(game), end="")
    NFG 1 R "PD" { "Row" "Col" }
    <BLANKLINE>
    { { "C" "D" }
    { "C" "D" }
    }
    ""
    <BLANKLINE>
    3 3
    5 0
    0 5
    1 1/2
    >>> parse_nfg(write_nfg(game)) == game
    True
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"write_nfg(): game must be a NormalFormGame; got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError("write_nfg(): game must have numeric payoffs; got a symbolic game (substitute its parameters first)")
    lines = [
        f"NFG 1 R {_quote(game.title)} {{ {' '.join(map(_quote, game.players))} }}",
        "",
        "{ " + "\n".join("{ " + " ".join(map(_quote, names)) + " }" for names in game.actions),
        "}",
        '""',
        "",
    ]
    # the file lists profiles with the first player's strategy changing fastest: Fortran order
    columns = [array.ravel(order="F").tolist() for array in game.payoffs]
    for position, entries in enumerate(zip(*columns)):
        try:
            lines.append(" ".join(map(_number, entries)))
        except InvalidGameError as error:
            index = np.unravel_index(position, game.shape, order="F")
            raise InvalidGameError(f"write_nfg(): the payoff at strategy profile {tuple(map(int, index))}: {error}") from None
    return "\n".join(lines) + "\n"
