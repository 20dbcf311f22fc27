"""Parts every model module shares: exact parameters, their checks, regime grouping, and writing the outputs.

Models use only :mod:`gametheory`'s public API; this module is the models' own scaffolding, so that
each model states its game and its results, not the plumbing around them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import fields
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

import sympy

from gametheory import InvalidGameError, SolveResult
from gametheory.symbolic.continuous import spe_continuous

if TYPE_CHECKING:
    from gametheory import Equilibrium, ExtensiveFormGame
    from gametheory.symbolic import Regime

P = TypeVar("P")
R = TypeVar("R")

#: What a model's ``Params`` field holds: an exact number or a sympy expression.
Value: TypeAlias = int | Fraction | sympy.Expr

__all__ = [
    "Value",
    "cached",
    "check_numbers",
    "check_params",
    "document",
    "exact",
    "field_list",
    "group_conditions",
    "group_regimes",
    "markdown_table",
    "piecewise",
    "pure_actions",
    "require_free_of",
    "require_nonnegative",
    "require_numbers",
    "require_order",
    "require_positive",
    "require_probability",
    "require_regimes",
    "spe",
    "symbol_argument",
    "values",
    "write_outputs",
]


def exact(value: Any, name: str) -> sympy.Expr:
    """``value`` as a sympy expression, if it is exact (int, Fraction or sympy); ``Params()`` errors otherwise.

    Examples
    --------
    >>> exact(Fraction(1, 3), "p")
    1/3
    >>> exact(0.3, "p")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: Params(): p must be an int, a Fraction or a sympy expression (exact; use Fraction for decimals); got 0.3
    """
    if isinstance(value, bool) or not isinstance(value, int | Fraction | sympy.Expr):
        raise InvalidGameError(
            f"Params(): {name} must be an int, a Fraction or a sympy expression (exact; use Fraction for decimals); got {value!r}"
        )
    return sympy.sympify(value)


def values(params: Any) -> dict[str, sympy.Expr]:
    """The fields of a model's ``Params`` as sympy expressions, by name (checked exact by :func:`exact`)."""
    return {f.name: exact(getattr(params, f.name), f.name) for f in fields(params)}


def check_params(params: Any, kind: type[P], where: str) -> P:
    """``params`` if it is a ``kind``; an error naming ``where`` otherwise."""
    if not isinstance(params, kind):
        raise InvalidGameError(
            f"{where}: params must be a {kind.__module__.rsplit('.', 1)[-1]}.{kind.__name__}; got {type(params).__name__}"
        )
    return params


def require_probability(x: Mapping[str, sympy.Expr], *names: str) -> None:
    """Raise unless each named value can be a probability (symbols pass unless provably outside [0, 1])."""
    for name in names:
        if sympy.Ge(x[name], 0) is sympy.false or sympy.Le(x[name], 1) is sympy.false:
            raise InvalidGameError(f"Params(): {name} must be a probability in [0, 1]; got {x[name]}")


def require_positive(x: Mapping[str, sympy.Expr], *names: str) -> None:
    """Raise unless each named value can be positive (symbols pass unless provably ``<= 0``)."""
    _require_sign(x, names, strict=True)


def require_nonnegative(x: Mapping[str, sympy.Expr], *names: str) -> None:
    """Raise unless each named value can be nonnegative (symbols pass unless provably ``< 0``).

    Examples
    --------
    >>> require_nonnegative({"c": sympy.Integer(-1)}, "c")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: Params(): c must be nonnegative; got -1
    """
    _require_sign(x, names, strict=False)


def _require_sign(x: Mapping[str, sympy.Expr], names: Iterable[str], *, strict: bool) -> None:
    for name in names:
        if (sympy.Gt(x[name], 0) if strict else sympy.Ge(x[name], 0)) is sympy.false:
            raise InvalidGameError(f"Params(): {name} must be {'positive' if strict else 'nonnegative'}; got {x[name]}")


def require_order(x: Mapping[str, sympy.Expr], pairs: Iterable[tuple[str, str]], *, strict: bool = True, why: str = "") -> None:
    """Raise where ``low < high`` (``<=`` unless ``strict``) is provably false for a pair of named values."""
    for low, high in pairs:
        holds = sympy.Lt(x[low], x[high]) if strict else sympy.Le(x[low], x[high])
        if holds is sympy.false:
            sign = "<" if strict else "<="
            raise InvalidGameError(f"Params(): the model needs {low} {sign} {high}{why}; got {low} = {x[low]}, {high} = {x[high]}")


def require_numbers(params: Any, where: str, *, free: Sequence[str] = ()) -> None:
    """Raise unless every field of ``params`` outside ``free`` is a number (figures draw numbers)."""
    symbolic = [f.name for f in fields(params) if f.name not in free and sympy.sympify(getattr(params, f.name)).free_symbols]
    if symbolic:
        which = f"the fields other than {list(free)}" if free else "params"
        raise InvalidGameError(f"{where}: {which} must be numbers to draw; got symbols in {symbolic}")


def check_numbers(params: Any, kind: type[P], where: str, *, free: Sequence[str] = ()) -> P:
    """``params`` if it is a ``kind`` whose fields outside ``free`` are numbers (:func:`check_params`, :func:`require_numbers`)."""
    checked = check_params(params, kind, where)
    require_numbers(checked, where, free=free)
    return checked


def symbol_argument(symbol: Any, default: sympy.Symbol, x: Mapping[str, sympy.Expr], where: str, argument: str = "risk") -> sympy.Symbol:
    """``symbol`` (``default`` when None) if it is a sympy Symbol that no value in ``x`` contains; an error naming ``where`` otherwise.

    Examples
    --------
    >>> q = sympy.Symbol("q")
    >>> symbol_argument(None, q, {"p": sympy.Integer(1)}, "risk_game()")
    q
    >>> symbol_argument(None, q, {"p": q}, "risk_game()")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: risk_game(): the risk symbol q must not appear in params; pass another one as risk=
    """
    chosen = default if symbol is None else symbol
    if not isinstance(chosen, sympy.Symbol):
        raise InvalidGameError(f"{where}: {argument} must be a sympy Symbol; got {symbol!r}")
    if chosen in set().union(*(value.free_symbols for value in x.values())):
        raise InvalidGameError(f"{where}: the {argument} symbol {chosen} must not appear in params; pass another one as {argument}=")
    return chosen


def require_free_of(x: Mapping[str, sympy.Expr], names: Sequence[str], where: str) -> None:
    """Raise if a value in ``x`` contains a symbol named in ``names`` (the game's own symbols)."""
    taken = set().union(*(value.free_symbols for value in x.values()))
    if {symbol.name for symbol in taken} & set(names):
        raise InvalidGameError(
            f"{where}: the symbols {', '.join(names)} are the game's own; name the parameters otherwise; got {sorted(map(str, taken))}"
        )


def require_regimes(result: Any, where: str) -> SolveResult:
    """``result`` if it is a parametric result (it has regimes); an error naming ``where`` otherwise."""
    if not isinstance(result, SolveResult) or not result.regimes:
        raise InvalidGameError(
            f"{where}: result must be the parametric result of solve(Params(...)) with symbolic fields; got {result!r:.80}"
        )
    return result


def group_conditions(items: Iterable[tuple[str, sympy.Basic]], order: Sequence[str] = ()) -> dict[str, sympy.Basic]:
    """The conditions of ``(name, condition)`` pairs united by name (order as in :func:`group_regimes`).

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> group_conditions([("low", x < 0), ("high", x > 1), ("low", x < -5)], order=("high", "middle"))
    {'high': x > 1, 'middle': False, 'low': (x < -5) | (x < 0)}
    """
    grouped: dict[str, list[sympy.Basic]] = {name: [] for name in order}
    for name, condition in items:
        grouped.setdefault(name, []).append(condition)
    return {name: sympy.Or(*conditions) for name, conditions in grouped.items()}


def group_regimes(result: SolveResult, classify: Callable[[Regime], str], order: Sequence[str] = ()) -> dict[str, sympy.Basic]:
    """The regimes' conditions united by the name ``classify`` gives each regime.

    Names in ``order`` come first, in that order (``False`` where no regime has them); the others
    follow in the order first met.

    Examples
    --------
    >>> import gametheory as gt
    >>> c = sympy.Symbol("c", real=True)
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, c]], [[1, 0], [0, 1]])
    >>> found = group_regimes(gt.solve(g), lambda regime: f"{len(regime.equilibria)} equilibria")
    >>> found
    {'1 equilibria': c < 0, '3 equilibria': c >= 0}
    """
    return group_conditions(((classify(regime), regime.conditions) for regime in result.regimes), order)


def pure_actions(tree: ExtensiveFormGame, equilibrium: Equilibrium) -> dict[str, str]:
    """Information set label -> the action ``equilibrium`` takes there with probability 1 (``"mixed"`` otherwise).

    Examples
    --------
    >>> import gametheory as gt
    >>> tree = gt.ExtensiveFormGame.from_tree(gt.decision("A", {"L": gt.outcome(1, 0), "R": gt.outcome(0, 1)}, infoset="A"), players=("A", "B"))
    >>> pure_actions(tree, gt.solve(tree)[0])
    {'A': 'L'}
    """
    out = {}
    for player, profile in enumerate(equilibrium.profile):
        for h, probs in zip(tree.infosets_of(player), profile, strict=True):
            played = [a for a, p in zip(tree.infoset_actions[h], probs, strict=True) if sympy.sympify(p) == 1]
            out[tree.infoset_labels[h]] = played[0] if len(played) == 1 else "mixed"
    return out


def piecewise(pieces: Sequence[tuple[Any, Any]]) -> sympy.Expr:
    """The value of a single ``(value, condition)`` piece, else a ``Piecewise`` whose last piece holds otherwise.

    Examples
    --------
    >>> p = sympy.Symbol("p")
    >>> piecewise([(1, p < 0)]), piecewise([(1, p < 0), (0, p >= 0)])
    (1, Piecewise((1, p < 0), (0, True)))
    """
    if len(pieces) == 1:
        return sympy.sympify(pieces[0][0])
    return sympy.Piecewise(*pieces[:-1], (pieces[-1][0], True))


@functools.lru_cache(maxsize=256)
def _cached(function: Callable[..., Any], *args: Hashable) -> Any:
    return function(*args)


def cached(function: Callable[..., R], *args: Hashable) -> R:
    """``function(*args)``, computed once per arguments: results are immutable, so figures, tables and tests share the solves."""
    return cast(R, _cached(function, *args))


def _spe(build: Callable[[Any], Any], params: Hashable) -> SolveResult:
    return spe_continuous(build(params))


def spe(build: Callable[[Any], Any], params: Hashable, assume: Any = ()) -> SolveResult:
    """The subgame-perfect equilibria of the continuous game ``build(params)`` (cached when there is nothing to ``assume``)."""
    if assume == ():
        return cached(_spe, build, params)
    return spe_continuous(build(params), assume=assume)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A markdown table; cells are written with ``str``.

    Examples
    --------
    >>> print(markdown_table(["quantity", "value"], [["p*", Fraction(5, 13)]]))
    | quantity | value |
    | --- | --- |
    | p* | 5/13 |
    """
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def field_list(params: Any) -> str:
    """The fields of ``params`` as ``name = value`` pairs, for a table's heading.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Params:
    ...     p: Fraction = Fraction(1, 3)
    ...     c: int = 2
    >>> field_list(Params())
    'p = 1/3, c = 2'
    """
    return ", ".join(f"{f.name} = {getattr(params, f.name)}" for f in fields(params))


def document(title: str, *blocks: str) -> str:
    """A markdown document: the heading ``# title``, then the blocks, separated by blank lines.

    Examples
    --------
    >>> print(document("Model", "Defaults: p = 1/3.", markdown_table(["a"], [[1]])))
    # Model
    <BLANKLINE>
    Defaults: p = 1/3.
    <BLANKLINE>
    | a |
    | --- |
    | 1 |
    <BLANKLINE>
    """
    return "\n\n".join([f"# {title}", *blocks]) + "\n"


def write_outputs(output: Path, stem: str, figures: Mapping[str, Callable[[], Any]], tables: Callable[[], str]) -> list[Path]:
    """Write each figure as ``<stem>-<name>.png`` (dpi 120) and the tables as ``<stem>-tables.md``; return the paths.

    ``figures`` maps a name to a function drawing a matplotlib figure; ``tables`` returns markdown.
    """
    import matplotlib.pyplot as plt

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in figures.items():
        fig = draw()
        path = output / f"{stem}-{name}.png"
        fig.savefig(path, dpi=120)
        plt.close(fig)
        written.append(path)
    path = output / f"{stem}-tables.md"
    path.write_text(tables())
    written.append(path)
    return written
