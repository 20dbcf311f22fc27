"""Vectorized sweeps: which regime holds, and what a quantity is worth, at every point of a grid of parameter values.

A parametric result is a list of regimes, each a sympy condition on the
parameters (``And(a > b, c <= 1)``) with its equilibria. :func:`sweep`
compiles every relation and every quantity once with
:func:`sympy.lambdify` (a relation that several regimes share, such as
``Eq(c, 1)``, is evaluated once per sweep), combines
the relations with numpy's logical operations, and evaluates everything on
whole arrays. Over a mesh the parameters' axes are broadcast against each
other rather than copied out, so a relation in one parameter costs one
evaluation per value of that parameter. A grid of a million points takes
10-30 ms for a game's handful of regimes (``benchmarks/bench_sweep.py``).
Long sweeps can be split into chunks and spread over any
:class:`concurrent.futures.Executor` (threads, processes, or a
``dask.distributed`` client for many machines), with a progress bar on
stderr.

Everything here is floating point: a point that lies exactly on a boundary is
placed by evaluating the condition in floats, which is exact for conditions
with integer coefficients at dyadic points (``0.25``, ``3.5``) of moderate
size, and otherwise decided by rounding.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import inspect
import itertools
import math
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
import sympy
from numpy.typing import ArrayLike
from sympy.core.relational import Relational
from sympy.logic.boolalg import Boolean, BooleanAtom

from .._numbers import describe, to_symbolic
from ..errors import InvalidGameError, UnsupportedGameError

if TYPE_CHECKING:
    import pandas

__all__ = ["DEFAULT_CHUNK_SIZE", "Sweep", "sweep"]

#: Points per chunk when an executor or a progress bar splits a sweep and no ``chunk_size`` is given:
#: about 1 MB per parameter array, large enough that the per-task overhead of a process or dask worker is small.
DEFAULT_CHUNK_SIZE = 2**17

_WHERE = "sweep()"
#: Without executor, grids up to this many points are evaluated in one piece; larger ones in chunks of a quarter of it,
#: which bounds the memory of the temporaries (a few arrays of the chunk's size per condition) at no cost in speed.
_WHOLE = 2**22


# --- the result -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, repr=False)
class Sweep:
    """Regimes and quantities evaluated over a grid of parameter values (the result of :func:`sweep`).

    Attributes
    ----------
    parameters
        The names of the swept parameters, in the order of the grid.
    grid
        Parameter name -> float array of the result ``shape``: the parameter's
        value at each point (for a mesh these are broadcast views, not copies).
    regime
        Integer array of the result ``shape``: the index of the first regime
        whose condition holds at each point, ``-1`` where none does. Its
        dtype is the smallest signed integer type that holds the indices.
    values
        Quantity name -> float array of the result ``shape``; ``nan`` where
        no regime holds or the regime that holds has no expression for it.
    shape
        The shape of the result: the lengths of the grid arrays in grid order
        for a mesh, the common shape of the arrays for ``points=True``.

    The arrays are read-only and the mappings cannot be changed.
    """

    parameters: tuple[str, ...]
    grid: Mapping[str, np.ndarray]
    regime: np.ndarray
    values: Mapping[str, np.ndarray]
    shape: tuple[int, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "grid", MappingProxyType({k: _read_only(v) for k, v in self.grid.items()}))
        object.__setattr__(self, "regime", _read_only(self.regime))
        object.__setattr__(self, "values", MappingProxyType({k: _read_only(v) for k, v in self.values.items()}))

    def __reduce__(self) -> tuple[Any, ...]:
        # mappingproxy does not pickle: rebuild from plain dicts (``__post_init__`` freezes them again)
        return (Sweep, (self.parameters, dict(self.grid), np.asarray(self.regime), dict(self.values), self.shape))

    def __repr__(self) -> str:
        return f"Sweep(parameters={self.parameters!r}, shape={self.shape!r}, values={list(self.values)!r})"

    @property
    def size(self) -> int:
        """The number of points."""
        return math.prod(self.shape)

    def to_frame(self) -> pandas.DataFrame:
        """A tidy :class:`pandas.DataFrame`: one row per point, one column per parameter, ``regime``, one column per quantity.

        Rows are in C order over :attr:`shape`. pandas is not a dependency of
        this library; this method needs it installed.

        Examples
        --------
        >>> import pytest, sympy
        >>> _ = pytest.importorskip("pandas")  # skipped where pandas is not installed
        >>> a = sympy.Symbol("a")
        >>> frame = sweep([a < 1, a >= 1], {a: [0.5, 1.5]}, {"double": [2 * a, None]}).to_frame()
        >>> frame.columns.tolist()
        ['a', 'regime', 'double']
        >>> frame.to_dict("list")
        {'a': [0.5, 1.5], 'regime': [0, 1], 'double': [1.0, nan]}
        """
        try:
            import pandas
        except ImportError as error:
            raise ImportError(
                "Sweep.to_frame() needs pandas, which is an optional package this library does not install; install it with `pip install pandas`"
            ) from error
        columns: dict[str, np.ndarray] = {name: np.ravel(array) for name, array in self.grid.items()}
        columns["regime"] = np.ravel(self.regime)
        columns.update((name, np.ravel(array)) for name, array in self.values.items())
        return pandas.DataFrame(columns)


def _read_only(array: Any) -> np.ndarray:
    view = np.asarray(array).view()
    view.flags.writeable = False
    return view


# --- the sweep --------------------------------------------------------------------------------------------------------
def sweep(
    conditions: Sequence[sympy.Basic],
    grid: Mapping[sympy.Symbol, ArrayLike],
    quantities: Mapping[str, Sequence[sympy.Expr | None]] | None = None,
    *,
    fixed: Mapping[sympy.Symbol, Any] | None = None,
    points: bool = False,
    executor: cf.Executor | Any | None = None,
    chunk_size: int | None = None,
    progress: bool = False,
) -> Sweep:
    """Evaluate regimes and quantities over a grid of parameter values, vectorized with numpy.

    Each relation and each distinct expression is compiled once with
    :func:`sympy.lambdify` (and cached) and evaluated on whole arrays.

    Parameters
    ----------
    conditions
        ``conditions[k]`` is regime ``k``'s condition: a sympy Boolean
        (relations combined with ``And``/``Or``/``Not``, ``Eq``/``Ne``, or
        ``sympy.true``). At each point the first condition that holds wins.
    grid
        Swept parameter -> 1-D array of its values. Keys are sympy symbols
        (the ones the conditions use) or their names. By default the sweep
        covers the Cartesian product (``indexing="ij"``: the result's shape is
        the arrays' lengths in grid order).
    quantities
        Quantity name -> one expression per regime (``None`` where the
        quantity is undefined in that regime, giving ``nan``); each sequence
        has ``len(conditions)`` entries.
    fixed
        Values of the remaining parameters (numbers; exact values are
        substituted exactly before compiling). A parameter that is in neither
        ``grid`` nor ``fixed`` is an error.
    points
        Evaluate element-wise at the points ``(grid[p][i], grid[q][i], ...)``
        instead of over the product; the arrays must then have one shape,
        which is the result's.
    executor
        A :class:`concurrent.futures.Executor` (thread or process pool) or a
        ``dask.distributed.Client``: the points are split into chunks, each
        evaluated by a worker that compiles the expressions itself (they
        travel as sympy expressions), and reassembled in order. The results
        are identical to a sweep without executor.
    chunk_size
        Points per chunk (default :data:`DEFAULT_CHUNK_SIZE`). A chunk of a
        mesh is a block of it: consecutive values of one axis with every
        value of the later axes (larger than ``chunk_size`` only when the
        last axis alone is). Without executor, giving it evaluates chunk by
        chunk in this process (less memory for huge grids).
    progress
        Show a progress bar on stderr as chunks complete (the sweep is then
        chunked even without executor).

    Returns
    -------
    Sweep
        ``regime`` and ``values`` arrays over the grid.

    Raises
    ------
    InvalidGameError
        A malformed argument: a condition that is not a Boolean, a grid array
        that is not 1-D (or shapes that differ with ``points=True``), a
        parameter with no value, quantities whose length differs from the
        number of conditions.
    UnsupportedGameError
        ``executor`` is neither an Executor nor a dask Client.

    Examples
    --------
    >>> import sympy
    >>> a, b = sympy.symbols("a b", positive=True)
    >>> result = sweep([a > b, sympy.Eq(a, b), a < b], {a: [1, 2, 3], b: [1, 2]}, {"gap": [a - b, 0, None]})
    >>> result.shape
    (3, 2)
    >>> result.regime.tolist()
    [[1, 2], [0, 1], [0, 0]]
    >>> result.values["gap"].tolist()
    [[0.0, nan], [1.0, 0.0], [2.0, 1.0]]

    Element-wise at given points, with a fixed parameter:

    >>> c = sympy.Symbol("c")
    >>> sweep([a * c > b, sympy.true], {a: [1, 2], b: [3, 3]}, fixed={c: 2}, points=True).regime.tolist()
    [1, 0]
    """
    conds, quants, values_of, free, by_name = _prepared(conditions, quantities, fixed)
    symbols, arrays = _grid(grid, free, by_name, points)
    if set(symbols) & set(values_of):
        both = sorted(s.name for s in set(symbols) & set(values_of))
        raise InvalidGameError(f"{_WHERE}: a parameter is either swept or fixed, not both; got {both} in grid and in fixed")
    clashes = {"regime", *(s.name for s in symbols)} & set(quants)
    if clashes:
        raise InvalidGameError(f"{_WHERE}: quantity names must differ from the parameter names and 'regime'; got {sorted(clashes)}")

    remaining = set().union(*(_symbols_of(e) for e in (*conds, *(e for exprs in quants.values() for e in exprs if e is not None))))
    missing = remaining - set(symbols)
    if missing:
        raise InvalidGameError(
            f"{_WHERE}: parameter {', '.join(sorted(str(s) for s in missing))} appears in the conditions or quantities but is neither in grid "
            f"nor in fixed; grid has {[s.name for s in symbols]}, fixed has {sorted(s.name for s in values_of)}"
        )
    if chunk_size is not None and (not isinstance(chunk_size, int | np.integer) or isinstance(chunk_size, bool) or chunk_size < 1):
        raise InvalidGameError(f"{_WHERE}: chunk_size must be a positive int or None; got {describe(chunk_size)}")
    pool = _as_executor(executor)

    shape = arrays[0].shape if points else tuple(len(a) for a in arrays)
    exprs = tuple(quants.values())
    symbols_t = tuple(symbols)
    if pool is None and not progress and chunk_size is None and math.prod(shape) <= _WHOLE:
        regime, stacked = _evaluate_chunk(conds, exprs, symbols_t, tuple(arrays) if points else _mesh_columns(arrays), shape)
    else:
        size = chunk_size or (DEFAULT_CHUNK_SIZE if pool is not None or progress else _WHOLE // 4)
        regime, stacked = _chunked(conds, exprs, symbols_t, arrays, points, shape, pool, size, progress)
    if points:
        grid_out = dict(zip((s.name for s in symbols), arrays))
    else:
        grid_out = {s.name: np.broadcast_to(column, shape) for s, column in zip(symbols, _mesh_columns(arrays))}
    return Sweep(
        parameters=tuple(s.name for s in symbols), grid=grid_out, regime=regime, values=dict(zip(quants, stacked)), shape=tuple(shape)
    )


def _mesh_columns(arrays: Sequence[np.ndarray]) -> tuple[np.ndarray, ...]:
    """The axes of a mesh as views shaped to broadcast against each other (``(n, 1)`` and ``(1, m)``), not copied out:
    a relation in one parameter is then evaluated once per value of that parameter, not once per point."""
    return tuple(a.reshape([-1 if i == axis else 1 for i in range(len(arrays))]) for axis, a in enumerate(arrays))


# --- validation -------------------------------------------------------------------------------------------------------
Prepared = tuple[
    tuple[sympy.Basic, ...],
    dict[str, tuple[sympy.Expr | None, ...]],
    dict[sympy.Symbol, sympy.Expr],
    set[sympy.Symbol],
    dict[str, list[sympy.Symbol]],
]


def _prepared(conditions: Any, quantities: Any, fixed: Any) -> Prepared:
    """Validated conditions and quantities with the ``fixed`` values substituted (exactly), the substitution, and the
    symbols of the expressions as given (all of them, and by name)."""
    conds = _conditions(conditions)
    quants = _quantities(quantities, len(conds))
    free: set[sympy.Symbol] = set()
    for expr in (*conds, *(e for exprs in quants.values() for e in exprs if e is not None)):
        free |= _symbols_of(expr)
    by_name: dict[str, list[sympy.Symbol]] = {}
    for symbol in free:
        by_name.setdefault(symbol.name, []).append(symbol)
    values_of = _fixed(fixed, free, by_name)
    if values_of:
        conds = tuple(c.xreplace(values_of) for c in conds)
        quants = {name: tuple(None if e is None else e.xreplace(values_of) for e in exprs) for name, exprs in quants.items()}
    return conds, quants, values_of, free, by_name


def _conditions(conditions: Any) -> tuple[sympy.Basic, ...]:
    if isinstance(conditions, sympy.Basic | str) or not isinstance(conditions, Iterable):
        raise InvalidGameError(f"{_WHERE}: conditions must be a sequence of sympy Booleans, one per regime; got {describe(conditions)}")
    result = []
    for k, condition in enumerate(conditions):
        value = sympy.true if condition is True else sympy.false if condition is False else condition
        if not isinstance(value, Boolean) or isinstance(value, sympy.Symbol):
            raise InvalidGameError(
                f"{_WHERE}: conditions[{k}] must be a sympy Boolean (a relation, And/Or/Not, or sympy.true); got {describe(condition)}"
            )
        result.append(value)
    return tuple(result)


def _quantities(quantities: Any, n: int) -> dict[str, tuple[sympy.Expr | None, ...]]:
    if quantities is None:
        return {}
    if not isinstance(quantities, Mapping):
        raise InvalidGameError(f"{_WHERE}: quantities must map names to one expression per regime; got {describe(quantities)}")
    result: dict[str, tuple[sympy.Expr | None, ...]] = {}
    for name, exprs in quantities.items():
        if not isinstance(name, str):
            raise InvalidGameError(f"{_WHERE}: quantity names must be strings; got {describe(name)}")
        if isinstance(exprs, sympy.Basic | str) or not isinstance(exprs, Sequence):
            raise InvalidGameError(
                f"{_WHERE}: quantities[{name!r}] must be a sequence of {n} expressions (one per regime, None where undefined); got {describe(exprs)}"
            )
        if len(exprs) != n:
            raise InvalidGameError(f"{_WHERE}: quantities[{name!r}] must have one entry per condition ({n}); got {len(exprs)}")
        result[name] = tuple(None if e is None else to_symbolic(e, f"{_WHERE}: quantities[{name!r}][{k}]") for k, e in enumerate(exprs))
    return result


@functools.lru_cache(maxsize=4096)
def _symbols_of(expr: sympy.Basic) -> frozenset[sympy.Symbol]:
    # sympy recomputes free_symbols on every access; sweeps of the same regimes ask again and again
    return frozenset(s for s in expr.free_symbols if isinstance(s, sympy.Symbol))


def _resolve(key: Any, role: str, free: set[sympy.Symbol], by_name: dict[str, list[sympy.Symbol]]) -> sympy.Symbol:
    """The symbol of the conditions that ``key`` (a symbol or a name) stands for; an unused one stands for itself."""
    if isinstance(key, sympy.Symbol):
        if key in free:
            return key
        namesakes = by_name.get(key.name, [])
        if namesakes:
            raise InvalidGameError(
                f"{_WHERE}: {role} has the symbol {key.name} with assumptions {key.assumptions0}, but the conditions use a different symbol "
                f"of that name (assumptions {namesakes[0].assumptions0}); pass the conditions' symbol or the name {key.name!r}"
            )
        return key
    if isinstance(key, str):
        namesakes = by_name.get(key, [])
        if len(namesakes) > 1:
            raise InvalidGameError(
                f"{_WHERE}: {role} key {key!r} is ambiguous: the conditions use {len(namesakes)} symbols of that name; pass the symbol"
            )
        return namesakes[0] if namesakes else sympy.Symbol(key)
    raise InvalidGameError(f"{_WHERE}: {role} keys must be sympy symbols or their names; got {describe(key)}")


def _fixed(fixed: Any, free: set[sympy.Symbol], by_name: dict[str, list[sympy.Symbol]]) -> dict[sympy.Symbol, sympy.Expr]:
    if fixed is None:
        return {}
    if not isinstance(fixed, Mapping):
        raise InvalidGameError(f"{_WHERE}: fixed must map parameters to numbers; got {describe(fixed)}")
    result: dict[sympy.Symbol, sympy.Expr] = {}
    for key, value in fixed.items():
        symbol = _resolve(key, "fixed", free, by_name)
        if symbol in result:
            raise InvalidGameError(f"{_WHERE}: fixed gives {symbol.name} twice")
        number = to_symbolic(value, f"{_WHERE}: fixed value of {symbol.name}")
        if number.free_symbols:
            raise InvalidGameError(f"{_WHERE}: fixed must give numbers; got {symbol.name}: {describe(value)}")
        result[symbol] = number
    return result


def _grid(
    grid: Any, free: set[sympy.Symbol], by_name: dict[str, list[sympy.Symbol]], points: bool
) -> tuple[list[sympy.Symbol], list[np.ndarray]]:
    if not isinstance(grid, Mapping) or not grid:
        raise InvalidGameError(f"{_WHERE}: grid must map sympy symbols to 1-D arrays (at least one); got {describe(grid)}")
    symbols: list[sympy.Symbol] = []
    arrays: list[np.ndarray] = []
    for key, value in grid.items():
        symbol = _resolve(key, "grid", free, by_name)
        if symbol in symbols:
            raise InvalidGameError(f"{_WHERE}: grid gives {symbol.name} twice")
        try:
            array = np.array(value, dtype=float)  # a copy: the caller's array may change later
        except (TypeError, ValueError) as error:
            raise InvalidGameError(
                f"{_WHERE}: grid must map sympy symbols to arrays of real numbers; got {symbol.name!r}: {describe(value)}"
            ) from error
        if not points and array.ndim != 1:
            raise InvalidGameError(
                f"{_WHERE}: grid must map sympy symbols to 1-D arrays; got {symbol.name!r}: array of shape {array.shape}"
            )
        symbols.append(symbol)
        arrays.append(array)
    if points and len({a.shape for a in arrays}) > 1:
        shapes = ", ".join(f"{s.name!r}: {a.shape}" for s, a in zip(symbols, arrays))
        raise InvalidGameError(f"{_WHERE}: with points=True the grid arrays must have one shape; got {shapes}")
    return symbols, arrays


def _as_executor(executor: Any) -> cf.Executor | None:
    if executor is None or isinstance(executor, cf.Executor):
        return executor
    get_executor = getattr(executor, "get_executor", None)
    if callable(get_executor):  # a dask.distributed.Client: its Executor view returns concurrent.futures futures
        try:
            pool = get_executor(pure=False)  # chunks are distinct: skip hashing their arguments
        except TypeError:
            pool = get_executor()
        if isinstance(pool, cf.Executor):
            return pool
    raise UnsupportedGameError(
        f"{_WHERE}: executor must be a concurrent.futures.Executor or a dask.distributed.Client; got {describe(executor)}"
    )


# --- evaluation (runs in workers too: everything it needs arrives as arguments) ----------------------------------------
#: lambdify's docstring prints the expression again: skip it where sympy allows (1.13+)
_LAMBDIFY_OPTIONS: dict[str, Any] = {"docstring_limit": 0} if "docstring_limit" in inspect.signature(sympy.lambdify).parameters else {}


@functools.lru_cache(maxsize=4096)
def _compiled(expr: sympy.Basic, symbols: tuple[sympy.Symbol, ...]) -> Callable[..., Any]:
    # Parameters named "exp", "lambda" or "x^*" would clash with numpy's names, Python's keywords or syntax: rename them all.
    # Renaming without evaluation keeps the tree as it is (and costs a tenth of lambdify's own dummify=True).
    safe = tuple(sympy.Symbol(f"_x{i}") for i in range(len(symbols)))
    with sympy.evaluate(False):
        renamed = expr.xreplace(dict(zip(symbols, safe)))
    return sympy.lambdify(safe, renamed, "numpy", **_LAMBDIFY_OPTIONS)


def _regime_dtype(n: int) -> type[np.signedinteger[Any]]:
    return np.int8 if n < 2**7 else np.int16 if n < 2**15 else np.int32


def _numbers(expr: sympy.Expr, symbols: tuple[sympy.Symbol, ...], columns: tuple[np.ndarray, ...]) -> np.ndarray | float:
    """The expression's real values at the points (an array that broadcasts to them, or one float); nan where not real."""
    if not _symbols_of(expr):
        return _constant(expr)
    result = np.asarray(_compiled(expr, symbols)(*columns))
    if np.iscomplexobj(result):
        result = np.where(result.imag == 0, result.real, np.nan)
    return result.astype(float, copy=False)


@functools.lru_cache(maxsize=4096)
def _constant(expr: sympy.Expr) -> float:
    try:
        number = complex(expr)
    except (TypeError, ValueError):  # nan, zoo
        return math.nan
    return number.real if number.imag == 0 else math.nan


def _evaluate_chunk(
    conditions: tuple[sympy.Basic, ...],
    quantities: tuple[tuple[sympy.Expr | None, ...], ...],
    symbols: tuple[sympy.Symbol, ...],
    columns: tuple[np.ndarray, ...],
    shape: tuple[int, ...],
) -> tuple[np.ndarray, np.ndarray]:
    """Regime index (``-1``: none) and quantity values (stacked on a first axis) at the points ``columns``.

    ``columns`` broadcast to ``shape`` (for a mesh they are its axes). A
    module-level function of picklable arguments, so that a process pool or
    a dask worker can run it; it compiles through its own process's cache.
    """
    regime = np.full(shape, -1, dtype=_regime_dtype(len(conditions)))
    values = np.full((len(quantities), *shape), np.nan)
    relations: dict[sympy.Basic, np.ndarray] = {}  # regimes share relations (c < 1 and Eq(c, 1) in several): each once
    computed: dict[sympy.Expr, np.ndarray | float] = {}

    def truth(condition: sympy.Basic) -> np.ndarray | bool:
        if isinstance(condition, BooleanAtom):
            return bool(condition)
        if isinstance(condition, Relational):
            if condition not in relations:
                relations[condition] = np.asarray(_compiled(condition, symbols)(*columns), dtype=bool)
            return relations[condition]
        if isinstance(condition, sympy.And | sympy.Or):
            combine = np.logical_and if isinstance(condition, sympy.And) else np.logical_or
            return functools.reduce(combine, (truth(arg) for arg in condition.args))
        if isinstance(condition, sympy.Not):
            return np.logical_not(truth(condition.args[0]))
        return np.asarray(_compiled(condition, symbols)(*columns), dtype=bool)  # Xor, Implies, ...: compiled whole

    # a condition that is always true hides every later regime: no need to evaluate them
    last = next((k for k, c in enumerate(conditions) if c is sympy.true), len(conditions) - 1)
    with np.errstate(all="ignore"):  # divisions by zero and the like outside the regime where an expression is used
        for k in range(last, -1, -1):  # backwards: where several conditions hold, the first one's writes come last
            holds = truth(conditions[k])
            if not np.any(holds):
                continue
            np.copyto(regime, k, where=holds)
            for out, exprs in zip(values, quantities):
                expr = exprs[k]
                if expr is not None and expr not in computed:
                    computed[expr] = _numbers(expr, symbols, columns)
                np.copyto(out, math.nan if expr is None else computed[expr], where=holds)
    return regime, values


# --- chunks, executors and the progress bar ---------------------------------------------------------------------------
def _chunked(
    conditions: tuple[sympy.Basic, ...],
    quantities: tuple[tuple[sympy.Expr | None, ...], ...],
    symbols: tuple[sympy.Symbol, ...],
    arrays: list[np.ndarray],
    points: bool,
    shape: tuple[int, ...],
    pool: cf.Executor | None,
    chunk_size: int,
    progress: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Regime and values arrays of ``shape``, evaluated chunk by chunk (in this process, or on ``pool``).

    A chunk of a mesh is a block of it (consecutive values of one axis, every
    value of the later axes), itself a mesh: only its axes travel to workers.
    """
    regime = np.empty(shape, dtype=_regime_dtype(len(conditions)))
    values = np.empty((len(quantities), *shape))
    tasks: list[tuple[tuple[slice, ...], tuple[np.ndarray, ...]]]
    flat_regime: np.ndarray
    flat_values: np.ndarray
    if points:
        flat = [a.reshape(-1) for a in arrays]
        total = math.prod(shape)
        tasks = [
            ((np.s_[start : start + chunk_size],), tuple(a[start : start + chunk_size] for a in flat))
            for start in range(0, total, chunk_size)
        ]
        flat_regime, flat_values = regime.reshape(-1), values.reshape(len(quantities), -1)  # views: writes land in regime, values
    else:
        tasks = [(block, _mesh_columns([a[index] for a, index in zip(arrays, block)])) for block in _blocks(shape, chunk_size)]
        flat_regime, flat_values = regime, values

    def store(block: tuple[slice, ...], result: tuple[np.ndarray, np.ndarray]) -> None:
        flat_regime[block], flat_values[(slice(None), *block)] = result

    def size(block: tuple[slice, ...]) -> int:
        return math.prod(len(range(*b.indices(n))) for b, n in zip(block, flat_regime.shape))

    bar = _ProgressBar(len(tasks), math.prod(shape), sys.stderr) if progress else None
    try:
        if pool is None:
            for block, columns in tasks:
                store(block, _evaluate_chunk(conditions, quantities, symbols, columns, _shape_of(columns)))
                if bar is not None:
                    bar.advance(size(block))
        else:
            futures = {
                pool.submit(_evaluate_chunk, conditions, quantities, symbols, columns, _shape_of(columns)): block
                for block, columns in tasks
            }
            try:
                for future in cf.as_completed(futures):
                    block = futures[future]
                    store(block, future.result())
                    if bar is not None:
                        bar.advance(size(block))
            finally:
                for future in futures:
                    future.cancel()  # after a failure, do not leave the rest running
    finally:
        if bar is not None:
            bar.close()
    return regime, values


def _shape_of(columns: tuple[np.ndarray, ...]) -> tuple[int, ...]:
    return tuple(np.broadcast_shapes(*(c.shape for c in columns)))


def _blocks(shape: tuple[int, ...], chunk_size: int) -> list[tuple[slice, ...]]:
    """Blocks of about ``chunk_size`` points covering a mesh of ``shape``, in C order.

    A block takes one value of each axis before ``d``, a run of values of axis
    ``d`` and every value of the axes after it, where ``d`` is the first axis
    whose later axes hold at most ``chunk_size`` points together (a block is
    larger than ``chunk_size`` only when the last axis alone is).
    """
    if math.prod(shape) == 0:
        return []
    d = 0
    while d < len(shape) - 1 and math.prod(shape[d + 1 :]) > chunk_size:
        d += 1
    step = max(1, chunk_size // math.prod(shape[d + 1 :]))
    blocks = []
    for outer in itertools.product(*(range(n) for n in shape[:d])):
        for start in range(0, shape[d], step):
            blocks.append(
                (*(slice(i, i + 1) for i in outer), slice(start, min(start + step, shape[d])), *(slice(0, n) for n in shape[d + 1 :]))
            )
    return blocks


class _ProgressBar:
    """A one-line text progress bar redrawn in place (``\\r``), at most ten times a second."""

    WIDTH = 30

    def __init__(self, chunks: int, points: int, stream: TextIO) -> None:
        self.chunks, self.points, self.stream = chunks, points, stream
        self.done_chunks = self.done_points = 0
        self.start = self.last = time.perf_counter()
        self.draw()

    def advance(self, points: int) -> None:
        self.done_chunks += 1
        self.done_points += points
        now = time.perf_counter()
        if now - self.last >= 0.1 or self.done_chunks == self.chunks:
            self.last = now
            self.draw()

    def draw(self) -> None:
        fraction = self.done_points / self.points if self.points else 1.0
        filled = round(fraction * self.WIDTH)
        elapsed = time.perf_counter() - self.start
        self.stream.write(
            f"\rsweep [{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction:4.0%}  "
            f"{self.done_chunks}/{self.chunks} chunks, {self.done_points:,}/{self.points:,} points, {elapsed:.1f} s"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
