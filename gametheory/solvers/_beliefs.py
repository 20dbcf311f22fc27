"""Exact vertices of small polytopes (beliefs, strategies) written against a ``sign`` function.

The perfect-Bayesian solvers need the extreme points of polytopes such as
the beliefs over an information set's nodes under which some actions are
optimal. The arithmetic here only adds, multiplies and divides the given
coefficients and compares through ``sign(value) -> -1 | 0 | +1``; with
:func:`exact_sign` it runs on ints and Fractions, with
:meth:`gametheory.symbolic.cells.Context.sign` on sympy expressions (the cell
of parameter space splits where a sign is not decided).

Vertices are found by bases: the equalities are solved once (Gauss–Jordan,
pivots chosen by sign), leaving ``k`` free coordinates; each choice of ``k``
inequalities whose system is nonsingular gives a candidate point, kept when
every inequality holds. A vertex is identified by the set of inequalities
tight at it, so a degenerate vertex reached from several bases is reported
once, and bases inside a known vertex's tight set are skipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..errors import InvalidGameError

__all__ = ["Sign", "belief_vertices", "exact_sign", "polytope_vertices"]

Sign = Callable[[Any], int]
Row = tuple[Sequence[Any], Any]  # (coefficients a, right-hand side b)


def exact_sign(value: Any) -> int:
    """The sign of an exact number (int, Fraction or a sympy number): -1, 0 or +1.

    Examples
    --------
    >>> from fractions import Fraction
    >>> exact_sign(Fraction(-1, 3)), exact_sign(0), exact_sign(2)
    (-1, 0, 1)
    """
    return (value > 0) - (value < 0)


def _tidy(value: Any) -> Any:
    """Keep symbolic values small: one cancelled quotient of polynomials."""
    if isinstance(value, sympy.Basic):
        return sympy.cancel(value) if value.free_symbols else value
    return value


def _div(a: Any, b: Any) -> Any:
    if isinstance(a, sympy.Basic) or isinstance(b, sympy.Basic):
        return _tidy(sympy.sympify(a) / b)
    if isinstance(b, int) and isinstance(a, int):
        return Fraction(a, b)
    return a / b


def _exact(value: Any) -> Any:
    """Fractions with denominator 1 as ints; sympy rationals as Fractions; expressions unchanged."""
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else value
    if isinstance(value, sympy.Basic) and value.is_Rational:
        return Fraction(int(value.p), int(value.q))  # type: ignore[attr-defined]
    return value


def _eliminate(rows: list[list[Any]], n: int, sign: Sign) -> tuple[list[int], list[list[Any]]] | None:
    """Gauss–Jordan on augmented rows ``[a_0 .. a_{n-1}, b]`` (``a x = b``): pivot columns and reduced pivot rows.

    ``None`` when the system is inconsistent. Rows without a pivot are dropped after checking that their
    right-hand side is zero.
    """
    rows = [list(r) for r in rows]
    pivots: list[int] = []
    used: list[int] = []
    for col in range(n):
        r = next((i for i in range(len(rows)) if i not in used and sign(rows[i][col]) != 0), None)
        if r is None:
            continue
        pivot = rows[r][col]
        rows[r] = [_div(x, pivot) for x in rows[r]]
        rows[r][col] = 1
        for i in range(len(rows)):
            if i != r:
                factor = rows[i][col]
                if isinstance(factor, int | Fraction) and factor == 0:
                    continue
                rows[i] = [_tidy(x - factor * y) for x, y in zip(rows[i], rows[r], strict=True)]
                rows[i][col] = 0
        pivots.append(col)
        used.append(r)
    for i in range(len(rows)):
        if i not in used and sign(rows[i][n]) != 0:
            return None
    return pivots, [rows[r] for r in used]


def polytope_vertices(
    n: int, equalities: Sequence[Row], inequalities: Sequence[Row], sign: Sign = exact_sign
) -> list[tuple[tuple[Any, ...], frozenset[int]]]:
    """The vertices of ``{x in R^n : a x = b for (a, b) in equalities, a x >= b for (a, b) in inequalities}``.

    The polytope must be bounded (include, e.g., ``x >= 0`` and ``sum(x) = 1`` among the rows). Each vertex
    comes with the indices of the inequalities tight at it; ``[]`` when the set is empty.

    Examples
    --------
    The segment ``x + y = 1``, ``x, y >= 0``, ``x <= 3/4``:

    >>> from fractions import Fraction
    >>> vertices = polytope_vertices(2, [((1, 1), 1)], [((1, 0), 0), ((0, 1), 0), ((-1, 0), Fraction(-3, 4))])
    >>> [(x, sorted(tight)) for x, tight in vertices]
    [((0, 1), [0]), ((Fraction(3, 4), Fraction(1, 4)), [2])]
    """
    solved = _eliminate([[*a, b] for a, b in equalities], n, sign)
    if solved is None:
        return []
    pivots, reduced = solved
    free = [c for c in range(n) if c not in pivots]
    k = len(free)
    # x_p = rhs_p - sum_f c_pf x_f for pivot p; an inequality a x >= b becomes g z >= h over the free coordinates z
    reduced_rows: list[tuple[list[Any], Any]] = []
    for a, b in inequalities:
        g = [_tidy(a[f] - sum((a[p] * row[f] for p, row in zip(pivots, reduced, strict=True)), start=0)) for f in free]
        h = _tidy(b - sum((a[p] * row[n] for p, row in zip(pivots, reduced, strict=True)), start=0))
        reduced_rows.append((g, h))

    def point(z: Sequence[Any]) -> tuple[Any, ...]:
        x: list[Any] = [0] * n
        for f, value in zip(free, z, strict=True):
            x[f] = value
        for p, row in zip(pivots, reduced, strict=True):
            x[p] = _tidy(row[n] - sum((row[f] * value for f, value in zip(free, z, strict=True)), start=0))
        return tuple(_exact(v) for v in x)

    # rows that no longer depend on the free coordinates are constants: satisfied everywhere (tight if 0) or nowhere
    constant_tight = set()
    active = []
    for i, (g, h) in enumerate(reduced_rows):
        if all(sign(x) == 0 for x in g):
            s = sign(h)
            if s > 0:
                return []
            if s == 0:
                constant_tight.add(i)
        else:
            active.append(i)
    found: list[tuple[tuple[Any, ...], frozenset[int]]] = []
    seen: set[frozenset[int]] = set()
    for basis in itertools.combinations(active, k):
        if any(set(basis) <= tight for tight in seen):
            continue  # a nonsingular basis inside a vertex's tight set gives that vertex again
        if k:
            system = _eliminate([[*reduced_rows[i][0], reduced_rows[i][1]] for i in basis], k, sign)
            if system is None or len(system[0]) < k:
                continue
            order, rows = system
            z: list[Any] = [0] * k
            for col, row in zip(order, rows, strict=True):
                z[col] = row[k]
        else:
            z = []
        tight = set(constant_tight)
        for i in active:
            g, h = reduced_rows[i]
            s = sign(_tidy(sum((gi * zi for gi, zi in zip(g, z, strict=True)), start=0) - h))
            if s < 0:
                break
            if s == 0:
                tight.add(i)
        else:
            key = frozenset(tight)
            if key not in seen:
                seen.add(key)
                found.append((point(z), key))
    return found


def belief_vertices(
    rows: Sequence[Sequence[Any]], equalities: Sequence[Sequence[Any]], sign: Sign = exact_sign, *, n: int | None = None
) -> list[tuple[Any, ...]]:
    """The vertices of ``{mu in the simplex over k nodes : sum_x mu_x g_x >= 0 for g in rows, = 0 for g in equalities}``.

    ``sign`` decides comparisons: :func:`exact_sign` for numbers, ``context.sign`` for symbols. ``n`` gives
    the number of nodes when both ``rows`` and ``equalities`` are empty. Returns ``[]`` when the set is empty.

    Examples
    --------
    Beliefs over (weak, strong) under which dueling (1 against weak, 0 against strong) is at least as good
    as not dueling (0 against weak, 1 against strong): ``mu_weak - mu_strong >= 0``.

    >>> belief_vertices([(1, -1)], [])
    [(1, 0), (Fraction(1, 2), Fraction(1, 2))]
    >>> belief_vertices([(1, -1)], [(1, -1)])
    [(Fraction(1, 2), Fraction(1, 2))]
    >>> belief_vertices([(-1, -1)], [])
    []
    """
    sizes = {len(g) for g in (*rows, *equalities)}
    if n is not None:
        sizes.add(n)
    if len(sizes) != 1:
        raise InvalidGameError(
            f"belief_vertices(): rows and equalities must all have one coefficient per node (and n, if given, that many); got lengths {sorted(sizes)}"
        )
    (k,) = sizes
    if k < 1:
        raise InvalidGameError("belief_vertices(): there must be at least one node; got 0")
    unit = [tuple(1 if j == i else 0 for j in range(k)) for i in range(k)]
    inequalities = [(u, 0) for u in unit] + [(tuple(g), 0) for g in rows]
    equations = [((1,) * k, 1)] + [(tuple(g), 0) for g in equalities]
    return [x for x, _ in polytope_vertices(k, equations, inequalities, sign)]
