"""Normal-form (strategic-form) games with n players, exact, float or symbolic payoffs."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import sympy

from .._numbers import KINDS, convert, describe, is_symbolic, substituted_kind, substitution
from ..errors import InvalidGameError

__all__ = ["GameProperties", "NormalFormGame"]


@dataclass(frozen=True, slots=True)
class GameProperties:
    """What a game is: sizes, payoff kind and structural facts.

    ``zero_sum`` and ``symmetric`` are ``None`` for symbolic games where sympy
    cannot decide them.
    """

    n_players: int
    n_actions: tuple[int, ...]
    kind: str
    zero_sum: bool | None
    symmetric: bool | None

    @property
    def symbolic(self) -> bool:
        return self.kind == "symbolic"

    @property
    def exact(self) -> bool:
        return self.kind in ("exact", "symbolic")


def _shape_of(value: Any, where: str) -> tuple[int, ...]:
    """Shape of a nested sequence, refusing ragged ones."""
    if isinstance(value, np.ndarray):
        return value.shape
    if isinstance(value, list | tuple):
        if not value:
            raise InvalidGameError(f"{where}: expected a non-empty array; got an empty {type(value).__name__}")
        shapes = {_shape_of(item, where) for item in value}
        if len(shapes) != 1:
            raise InvalidGameError(f"{where}: ragged array; its rows have the shapes {sorted(shapes)}")
        return (len(value), *shapes.pop())
    return ()


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, np.ndarray):
        return list(value.ravel())
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in _flatten(item)]
    return [value]


def _labels(given: Any, count: int, default: Sequence[str], what: str, where: str) -> tuple[str, ...]:
    if given is None:
        return tuple(default)
    if isinstance(given, str) or not isinstance(given, Sequence):
        raise InvalidGameError(f"{where}: expected a sequence of {count} {what} labels; got {describe(given)}")
    labels = tuple(given)
    if len(labels) != count:
        raise InvalidGameError(f"{where}: expected {count} {what} labels; got {len(labels)}: {list(labels)!r}")
    for label in labels:
        if not isinstance(label, str) or not label:
            raise InvalidGameError(f"{where}: {what} labels must be non-empty strings; got {describe(label)}")
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise InvalidGameError(f"{where}: {what} labels must be unique; got duplicates {duplicates}")
    return labels


def _fast_convert(given: Any, kind: str) -> np.ndarray | None:
    """Vectorized conversion of a numpy array of plain numbers, or None to take the checked path."""
    if not isinstance(given, np.ndarray) or given.dtype.kind not in "iuf" or given.size == 0:
        return None
    if given.dtype.kind == "f":
        if not np.all(np.isfinite(given)):
            return None  # the element-wise path names the bad entry
        if kind == "float":
            return np.array(given, dtype=float)
        if kind == "exact" and np.all(given == np.round(given)) and np.all(np.abs(given) < 2**53):
            return given.astype(np.int64).astype(object)
        return None
    if kind == "float":
        return np.array(given, dtype=float)
    if kind == "exact":
        return given.astype(object)  # Python ints
    return None


@dataclass(frozen=True, slots=True, eq=False)
class NormalFormGame:
    """An n-player game in normal form.

    Build it with :meth:`from_arrays` or :meth:`from_bimatrix`; the value is
    immutable (its arrays are read-only). ``payoffs[p][a_1, ..., a_n]`` is
    player ``p``'s payoff when player ``i`` plays action ``a_i``.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                    players=("Row", "Column"))
    >>> game.properties.n_actions
    (2, 2)
    >>> game.payoff((1, 0))
    (5, 0)
    """

    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    payoffs: tuple[np.ndarray, ...] = field(repr=False)
    kind: str = "exact"
    title: str = ""
    # derived arrays (integer payoffs, float payoffs) computed once on demand; not part of the value
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    # --- construction -----------------------------------------------------
    @classmethod
    def from_arrays(
        cls,
        *payoff_arrays: Any,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        kind: str | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """Build a game from one payoff array per player.

        Parameters
        ----------
        *payoff_arrays
            One array per player, all of shape ``(n_1, ..., n_N)`` where ``N``
            is the number of arrays (nested lists or numpy arrays).
        players, actions
            Labels; default ``"Player 1"``, ... and ``"1"``, ``"2"``, ...
        kind
            ``"exact"`` (int/Fraction; the default for numbers), ``"float"``,
            or ``"symbolic"`` (sympy expressions; the default when any payoff
            has free symbols). Nothing is coerced silently: a non-integral
            float in an exact game is an error.
        title
            A name for the game.

        Examples
        --------
        >>> from fractions import Fraction
        >>> g = NormalFormGame.from_arrays([[1, 0], [0, 1]], [[0, 1], [1, 0]], actions=[("H", "T"), ("H", "T")])
        >>> g.properties.zero_sum
        False
        """
        where = "NormalFormGame.from_arrays()"
        if not payoff_arrays:
            raise InvalidGameError(f"{where}: expected one payoff array per player; got none")
        n = len(payoff_arrays)
        shapes = [_shape_of(array, f"{where}: payoff array {p}") for p, array in enumerate(payoff_arrays)]
        for p, shape in enumerate(shapes):
            if len(shape) != n:
                raise InvalidGameError(
                    f"{where}: payoff array {p} must have {n} dimensions (one per player, as {n} arrays were given); got shape {shape}"
                )
            if any(size == 0 for size in shape):
                raise InvalidGameError(f"{where}: every player needs at least one action; payoff array {p} has shape {shape}")
        if len(set(shapes)) != 1:
            raise InvalidGameError(f"{where}: payoff arrays must all have the same shape; got {shapes}")
        shape = shapes[0]
        flats = [_flatten(array) for array in payoff_arrays]
        if kind is None:
            kind = "symbolic" if any(is_symbolic(v) for flat in flats for v in flat) else "exact"
        elif kind not in KINDS:
            raise InvalidGameError(f"{where}: kind must be one of {list(KINDS)}; got {kind!r}")
        arrays = []
        for p, (given, flat) in enumerate(zip(payoff_arrays, flats, strict=True)):
            array = _fast_convert(given, kind)
            if array is None:
                values = [
                    convert(value, kind, f"{where}: payoff of player {p} at {index}")
                    for index, value in zip(itertools.product(*map(range, shape)), flat, strict=True)
                ]
                array = np.array(values, dtype=float if kind == "float" else object).reshape(shape)
            array.flags.writeable = False
            arrays.append(array)
        player_labels = _labels(players, n, [f"Player {p + 1}" for p in range(n)], "player", f"{where}: players")
        if actions is None:
            action_labels = tuple(tuple(str(a + 1) for a in range(size)) for size in shape)
        else:
            if isinstance(actions, str) or not isinstance(actions, Sequence) or len(actions) != n:
                raise InvalidGameError(f"{where}: actions must be {n} sequences of labels, one per player; got {describe(actions)}")
            action_labels = tuple(
                _labels(actions[p], shape[p], (), "action", f"{where}: actions of {player_labels[p]!r}") for p in range(n)
            )
        return cls(player_labels, action_labels, tuple(arrays), kind, title)

    @classmethod
    def from_bimatrix(
        cls,
        A: Any,
        B: Any = None,
        *,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        kind: str | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """Build a two-player game from the row player's matrix ``A`` and the column player's ``B``.

        ``B=None`` builds the zero-sum game ``B = -A``.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
        >>> g.properties.zero_sum
        True
        """
        where = "NormalFormGame.from_bimatrix()"
        for name, matrix in (("A", A), ("B", B)):
            if matrix is not None and len(_shape_of(matrix, f"{where}: {name}")) != 2:
                raise InvalidGameError(f"{where}: {name} must be a matrix; got shape {_shape_of(matrix, where)}")
        if B is None:
            # validate A as both players' payoffs, then negate the column player's
            game = cls.from_arrays(A, A, players=players, actions=actions, kind=kind, title=title)
            negated = -game.payoffs[0]
            negated.flags.writeable = False
            return replace(game, payoffs=(game.payoffs[0], negated))
        return cls.from_arrays(A, B, players=players, actions=actions, kind=kind, title=title)

    # --- structure --------------------------------------------------------
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.payoffs[0].shape

    @property
    def properties(self) -> GameProperties:
        """Players, actions per player, payoff kind, zero-sum and symmetry."""
        return GameProperties(self.n_players, self.shape, self.kind, self._zero_sum(), self._symmetric())

    def _is_zero(self, value: Any) -> bool | None:
        if self.kind == "symbolic":
            simplified = sympy.simplify(value)
            return True if simplified == 0 else (False if simplified.is_zero is False else None)
        if self.kind == "float":
            return bool(abs(value) <= 1e-12)
        return bool(value == 0)

    def _all_zero(self, values: np.ndarray) -> bool | None:
        if self.kind == "exact":
            return bool(np.all(values == 0))
        if self.kind == "float":
            return bool(np.all(np.abs(np.asarray(values, dtype=float)) <= 1e-12))
        answers = [self._is_zero(v) for v in values.ravel()]
        if all(a is True for a in answers):
            return True
        if any(a is False for a in answers):
            return False
        return None

    def _zero_sum(self) -> bool | None:
        total = sum(self.payoffs[1:], self.payoffs[0])
        return self._all_zero(np.asarray(total))

    def _symmetric(self) -> bool | None:
        """Invariant under every swap of two adjacent players (these generate all permutations)."""
        if len(set(self.shape)) != 1:
            return False
        verdicts = []
        for p in range(self.n_players - 1):
            axes = list(range(self.n_players))
            axes[p], axes[p + 1] = axes[p + 1], axes[p]
            for q in range(self.n_players):
                image = axes[q]  # player q's payoff after swapping p and p+1
                diff = np.asarray(self.payoffs[q]) - np.transpose(self.payoffs[image], axes)
                verdicts.append(self._all_zero(diff))
        if all(v is True for v in verdicts):
            return True
        if any(v is False for v in verdicts):
            return False
        return None

    def payoff(self, profile: Sequence[int]) -> tuple[Any, ...]:
        """Payoffs of a pure profile given as action indices."""
        index = tuple(profile)
        if len(index) != self.n_players:
            raise InvalidGameError(f"payoff(): profile must have {self.n_players} action indices; got {len(index)}")
        return tuple(array[index] for array in self.payoffs)

    def action_index(self, player: int, action: str) -> int:
        """Index of an action given by label."""
        try:
            return self.actions[player].index(action)
        except ValueError:
            raise InvalidGameError(
                f"action_index(): player {self.players[player]!r} has no action {action!r}; actions are {list(self.actions[player])}"
            ) from None

    def restrict(self, kept: Sequence[Sequence[int]]) -> NormalFormGame:
        """The subgame where player ``p`` keeps only the actions ``kept[p]`` (indices, in order)."""
        if len(kept) != self.n_players or any(not k for k in kept):
            raise InvalidGameError(
                f"restrict(): expected a non-empty list of action indices for each of {self.n_players} players; got {kept!r}"
            )
        grid = np.ix_(*[list(k) for k in kept])
        arrays = []
        for array in self.payoffs:
            sub = np.array(array[grid])
            sub.flags.writeable = False
            arrays.append(sub)
        actions = tuple(tuple(self.actions[p][a] for a in k) for p, k in enumerate(kept))
        return NormalFormGame(self.players, actions, tuple(arrays), self.kind, self.title)

    def integer_payoffs(self) -> tuple[tuple[np.ndarray, ...], tuple[int, ...]]:
        """``(arrays, scales)``: player ``p``'s payoffs are ``arrays[p] / scales[p]`` with integer ``arrays[p]``.

        A positive scaling per player leaves every equilibrium unchanged, so
        solvers work on the integers. Entries are Python ints in object
        arrays, so nothing overflows; the result is computed once per game.

        Examples
        --------
        >>> from fractions import Fraction
        >>> arrays, scales = NormalFormGame.from_bimatrix([[Fraction(1, 2), 1]], [[2, Fraction(1, 3)]]).integer_payoffs()
        >>> arrays[0].tolist(), arrays[1].tolist(), scales
        ([[1, 2]], [[6, 1]], (2, 3))
        """
        if self.kind != "exact":
            raise InvalidGameError(f"integer_payoffs(): the game must be exact; got kind={self.kind!r}")
        if "integer" not in self._cache:
            arrays, scales = [], []
            for array in self.payoffs:
                if all(type(v) is int for v in array.flat):
                    arrays.append(array)
                    scales.append(1)
                    continue
                lcm = math.lcm(*(v.denominator for v in array.ravel()))
                ints = np.array([v.numerator * (lcm // v.denominator) for v in array.ravel()], dtype=object).reshape(array.shape)
                ints.flags.writeable = False
                arrays.append(ints)
                scales.append(lcm)
            self._cache["integer"] = (tuple(arrays), tuple(scales))
        return self._cache["integer"]

    @property
    def parameters(self) -> tuple[sympy.Symbol, ...]:
        """The free symbols of a symbolic game's payoffs, sorted by name (``()`` for numeric games)."""
        if self.kind != "symbolic":
            return ()
        symbols = set().union(*(v.free_symbols for array in self.payoffs for v in array.flat))
        return tuple(sorted(symbols, key=lambda s: s.name))

    def subs(self, values: Mapping[Any, Any], *, kind: str | None = None) -> NormalFormGame:
        """The game with numbers (or expressions) substituted for parameters.

        ``values`` maps parameters (symbols or their names) to values. The
        result is exact when every payoff becomes rational, symbolic while
        parameters remain; irrational payoffs need ``kind="float"`` (or
        ``"symbolic"``), as nothing is rounded silently.

        Examples
        --------
        >>> import sympy
        >>> from fractions import Fraction
        >>> c = sympy.Symbol("c", positive=True)
        >>> game = NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
        >>> game.parameters
        (c,)
        >>> game.subs({"c": Fraction(10)}).payoffs[0].tolist()
        [[0, -1], [1, -10]]
        """
        where = "NormalFormGame.subs()"
        mapping = substitution(values, set(self.parameters), where)
        new = [np.array([sympy.sympify(v).subs(mapping) for v in array.flat], dtype=object).reshape(array.shape) for array in self.payoffs]
        result_kind = substituted_kind([v for array in new for v in array.flat], kind, where)
        try:
            return NormalFormGame.from_arrays(*new, players=self.players, actions=self.actions, kind=result_kind, title=self.title)
        except InvalidGameError as error:  # e.g. a value that makes a payoff infinite
            raise InvalidGameError(f"{where}: with these values the game is not valid: {error}") from None

    def as_float(self) -> NormalFormGame:
        """The same game with float payoffs (numeric games only)."""
        if self.kind == "symbolic":
            raise InvalidGameError("as_float(): a symbolic game has no float payoffs; substitute its parameters first")
        arrays = []
        for array in self.payoffs:
            floats = np.array(array, dtype=float)
            floats.flags.writeable = False
            arrays.append(floats)
        return NormalFormGame(self.players, self.actions, tuple(arrays), "float", self.title)

    def float_payoffs(self) -> tuple[np.ndarray, ...]:
        """Payoffs as float arrays (for the floating-point stage of solvers)."""
        return tuple(np.asarray(array, dtype=float) for array in self.payoffs)

    # --- value semantics --------------------------------------------------
    def _key(self) -> tuple[Any, ...]:
        return (self.players, self.actions, self.kind, tuple(tuple(a.ravel().tolist()) for a in self.payoffs))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        sizes = "x".join(map(str, self.shape))
        name = f" {self.title!r}" if self.title else ""
        return f"<NormalFormGame{name}: {self.n_players} players, {sizes}, {self.kind}>"

    def to_nfg(self) -> str:
        """This game in Gambit's ``.nfg`` payoff format."""
        from ..io.nfg import write_nfg

        return write_nfg(self)
