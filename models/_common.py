"""Parts every model module shares: exact parameters, their checks, regime grouping, and writing the outputs.

Models use only :mod:`gametheory`'s public API; this module is the models' own scaffolding, so that
each model states its game and its results, not the plumbing around them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import sympy

from gametheory import InvalidGameError, SolveResult

if TYPE_CHECKING:
    from gametheory.symbolic import Regime

P = TypeVar("P")

__all__ = [
    "check_params",
    "exact",
    "group_regimes",
    "markdown_table",
    "require_numbers",
    "require_order",
    "require_probability",
    "require_regimes",
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


def require_regimes(result: Any, where: str) -> SolveResult:
    """``result`` if it is a parametric result (it has regimes); an error naming ``where`` otherwise."""
    if not isinstance(result, SolveResult) or not result.regimes:
        raise InvalidGameError(
            f"{where}: result must be the parametric result of solve(Params(...)) with symbolic fields; got {result!r:.80}"
        )
    return result


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
    grouped: dict[str, list[sympy.Basic]] = {name: [] for name in order}
    for regime in result.regimes:
        grouped.setdefault(classify(regime), []).append(regime.conditions)
    return {name: sympy.Or(*conditions) for name, conditions in grouped.items()}


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
