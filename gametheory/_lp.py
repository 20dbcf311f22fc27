"""Exact linear programming over the rationals: solve in floating point, certify exactly.

The problem is always

    maximize    c . x
    subject to  A_ub x <= b_ub,   A_eq x = b_eq,   x >= 0

and its dual

    minimize    b_ub . y + b_eq . z
    subject to  A_ub^T y + A_eq^T z >= c,   y >= 0,   z free.

:func:`solve_lp` first asks HiGHS (``scipy.optimize.linprog``) for an optimal
basic solution in floating point. From it we read which variables are
positive and which constraints are tight, solve those two small systems
again *exactly* in integers (fraction-free elimination), and check primal
feasibility, dual feasibility and equality of the two objective values in
exact arithmetic. That triple is a proof of optimality (weak duality), so a
returned solution is exactly optimal whatever rounding HiGHS did. When the
certificate fails (rounding put a variable on the wrong side of a
tolerance, or HiGHS reports infeasible/unbounded, which we do not take on
trust) an exact two-phase simplex with Bland's rule in Fractions decides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ._linalg import solve_integer_system
from ._numbers import to_exact, to_float
from .errors import InvalidGameError, SolverError

__all__ = ["LPSolution", "is_optimal", "solve_lp"]

_METHODS = ("auto", "simplex", "highs")
#: Tolerances tried in turn when reading the active set off the float solution.
_TOLERANCES = (1e-9, 1e-7, 1e-11, 1e-5)


@dataclass(frozen=True, slots=True)
class LPSolution:
    """The outcome of :func:`solve_lp`.

    Attributes
    ----------
    status
        ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.
    x
        An optimal primal solution (empty unless optimal).
    objective
        ``c . x`` (``None`` unless optimal).
    y_ub, y_eq
        An optimal dual solution: one multiplier per inequality (``>= 0``)
        and per equation (free); ``b_ub . y_ub + b_eq . y_eq == objective``.
    certified_by
        ``"highs"`` (float basis certified exactly), ``"simplex"`` (exact
        simplex) or ``"float"`` (method ``"highs"``: floats, not certified).
    """

    status: str
    x: tuple[Any, ...] = ()
    objective: Any = None
    y_ub: tuple[Any, ...] = ()
    y_eq: tuple[Any, ...] = ()
    certified_by: str = ""

    @property
    def optimal(self) -> bool:
        return self.status == "optimal"


# --- input ------------------------------------------------------------------


def _matrix(value: Any, name: str, n: int, exact: bool) -> list[list[Any]]:
    where = f"solve_lp(): {name}"
    if value is None:
        return []
    rows = value.tolist() if isinstance(value, np.ndarray) else value
    if isinstance(rows, str) or not isinstance(rows, Sequence):
        raise InvalidGameError(f"{where} must be a matrix (a sequence of rows); got {type(value).__name__}")
    out = []
    for i, row in enumerate(rows):
        if isinstance(row, str) or not isinstance(row, Sequence) or len(row) != n:
            got = f"{len(row)} entries" if isinstance(row, Sequence) else type(row).__name__
            raise InvalidGameError(f"{where}: row {i} must have {n} entries (one per variable); got {got}")
        out.append([_number(v, exact, where, i, j) for j, v in enumerate(row)])
    return out


def _vector(value: Any, name: str, size: int, exact: bool) -> list[Any]:
    where = f"solve_lp(): {name}"
    if value is None:
        value = []
    items = value.tolist() if isinstance(value, np.ndarray) else value
    if isinstance(items, str) or not isinstance(items, Sequence):
        raise InvalidGameError(f"{where} must be a sequence of numbers; got {type(value).__name__}")
    if len(items) != size:
        raise InvalidGameError(f"{where} must have {size} entries; got {len(items)}")
    return [_number(v, exact, where, i) for i, v in enumerate(items)]


def _number(value: Any, exact: bool, where: str, *index: int) -> Any:
    """An int or Fraction (or a float), with fast paths for the common types; the error message is built only on failure."""
    kind = type(value)
    if exact:
        if kind is Fraction or kind is int:  # ints stay ints: cheaper, and they have numerator/denominator too
            return value
        return to_exact(value, where + "".join(f"[{i}]" for i in index))
    if kind is float:
        return value
    return to_float(value, where + "".join(f"[{i}]" for i in index))


def _supported_solution(equations: list[list[int]], rhs: list[int], support: list[int], size: int) -> list[Fraction] | None:
    """The unique z in Q^size, zero off ``support``, with ``equations @ z = rhs``; None if there is none or many."""
    values: list[Fraction] | None = []
    if support:
        if len(equations) < len(support):
            return None
        values = solve_integer_system([[row[j] for j in support] for row in equations], rhs)
    elif any(b != 0 for b in rhs):
        return None
    if values is None:
        return None
    z = [Fraction(0)] * size
    for j, v in zip(support, values, strict=True):
        z[j] = v
    return z


def _lcm_scale(values: Sequence[Fraction]) -> int:
    return math.lcm(*(v.denominator for v in values)) if values else 1


# --- certificate ------------------------------------------------------------


def is_optimal(
    c: Sequence[Any],
    A_ub: Sequence[Sequence[Any]],
    b_ub: Sequence[Any],
    A_eq: Sequence[Sequence[Any]],
    b_eq: Sequence[Any],
    x: Sequence[Any],
    y_ub: Sequence[Any],
    y_eq: Sequence[Any],
) -> bool:
    """True when ``x`` and ``(y_ub, y_eq)`` are exactly primal and dual feasible with equal objectives.

    Weak duality then proves both optimal. All arguments are exact numbers
    (int or Fraction); the check is done in integer arithmetic.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> is_optimal([1, 1], [[1, 2], [3, 1]], [4, 6], [], [], [F(8, 5), F(6, 5)], [F(2, 5), F(1, 5)], [])
    True
    >>> is_optimal([1, 1], [[1, 2], [3, 1]], [4, 6], [], [], [1, 1], [F(2, 5), F(1, 5)], [])
    False
    """
    n = len(c)
    c_ = _vector(c, "c", n, True)
    A_ub_ = _matrix(A_ub, "A_ub", n, True)
    A_eq_ = _matrix(A_eq, "A_eq", n, True)
    problem = _IntegerLP(c_, A_ub_, _vector(b_ub, "b_ub", len(A_ub_), True), A_eq_, _vector(b_eq, "b_eq", len(A_eq_), True))
    x_ = _vector(x, "x", n, True)
    y = [*_vector(y_ub, "y_ub", len(A_ub_), True), *_vector(y_eq, "y_eq", len(A_eq_), True)]
    return problem.check(x_, problem.scale_dual(y))


def _integers(values: Sequence[Fraction], scale: int) -> list[int]:
    """``values * scale`` as ints (``scale`` a common multiple of the denominators)."""
    if scale == 1:
        return [v.numerator for v in values]
    return [v.numerator * (scale // v.denominator) for v in values]


def _common(values: Sequence[Fraction]) -> tuple[np.ndarray, int]:
    """``(numerators, d)`` with ``values == numerators / d``, numerators Python ints in an object array."""
    d = _lcm_scale(values)
    return np.array(_integers(values, d), dtype=object), d


# --- exact re-solve of the float active set ---------------------------------


class _IntegerLP:
    """The problem with every row (and c) scaled to integers, for fraction-free solves."""

    def __init__(
        self, c: list[Fraction], A_ub: list[list[Fraction]], b_ub: list[Fraction], A_eq: list[list[Fraction]], b_eq: list[Fraction]
    ):
        self.n = len(c)
        self.m_ub = len(A_ub)
        rows = [*A_ub, *A_eq]
        rhs = [*b_ub, *b_eq]
        self.row_scale = [_lcm_scale([*row, b]) for row, b in zip(rows, rhs, strict=True)]
        self.rows = [_integers(row, s) for row, s in zip(rows, self.row_scale, strict=True)]
        self.rhs = [b.numerator * (s // b.denominator) for b, s in zip(rhs, self.row_scale, strict=True)]
        self.c_scale = _lcm_scale(c)
        self.c = _integers(c, self.c_scale)
        self.matrix = np.array(self.rows, dtype=object).reshape(len(self.rows), self.n)

    def check(self, x: list[Fraction], w: list[Fraction]) -> bool:
        """The exact optimality certificate for ``x`` and scaled-row multipliers ``w``, in integers."""
        X, D = _common(x)
        W, E = _common(w)
        if any(v < 0 for v in X) or any(v < 0 for v in W[: self.m_ub]):
            return False
        activity = self.matrix.dot(X) if len(self.rows) else []
        for i, (a, b) in enumerate(zip(activity, self.rhs, strict=True)):
            if (a > b * D) if i < self.m_ub else (a != b * D):
                return False
        reduced = self.matrix.T.dot(W) if len(self.rows) else [0] * self.n
        if any(r < cj * E for r, cj in zip(reduced, self.c, strict=True)):
            return False
        primal = sum(cj * v for cj, v in zip(self.c, X, strict=True))
        dual = sum(b * v for b, v in zip(self.rhs, W, strict=True))
        return bool(primal * E == dual * D)

    def scale_dual(self, y: list[Fraction]) -> list[Fraction]:
        """Multipliers of the scaled rows from those of the original rows."""
        return [Fraction(v) * self.c_scale / s for v, s in zip(y, self.row_scale, strict=True)]

    def primal(self, support: list[int], tight: list[int]) -> list[Fraction] | None:
        """x with x_j = 0 off ``support`` and rows ``tight`` (and every equation) holding with equality."""
        equations = sorted(set(tight) | set(range(self.m_ub, len(self.rows))))
        return _supported_solution([self.rows[i] for i in equations], [self.rhs[i] for i in equations], support, self.n)

    def dual(self, support: list[int], tight: list[int]) -> list[Fraction] | None:
        """Multipliers (scaled rows) zero off ``support`` with the dual constraints of ``tight`` columns equal."""
        columns = [[row[j] for row in self.rows] for j in tight]
        return _supported_solution(columns, [self.c[j] for j in tight], support, len(self.rows))

    def unscale_dual(self, w: list[Fraction]) -> tuple[list[Fraction], list[Fraction]]:
        y = [Fraction(v) * s / self.c_scale for v, s in zip(w, self.row_scale, strict=True)]
        return y[: self.m_ub], y[self.m_ub :]


def _highs(c: Any, A_ub: Any, b_ub: Any, A_eq: Any, b_eq: Any) -> Any:
    from scipy.optimize import linprog

    n = len(c)
    kwargs: dict[str, Any] = {"bounds": (0, None), "method": "highs"}
    if len(A_ub):
        kwargs["A_ub"] = np.array(A_ub, dtype=float).reshape(-1, n)
        kwargs["b_ub"] = np.array(b_ub, dtype=float)
    if len(A_eq):
        kwargs["A_eq"] = np.array(A_eq, dtype=float).reshape(-1, n)
        kwargs["b_eq"] = np.array(b_eq, dtype=float)
    return linprog(-np.array(c, dtype=float), **kwargs)


def _certify_float(problem: _IntegerLP, c: list[Fraction], res: Any) -> LPSolution | None:
    """Solve the active sets of HiGHS's solution exactly and check the optimality certificate."""
    x_f = np.asarray(res.x, dtype=float)
    # HiGHS ran on the integer (scaled) rows, so its duals are the multipliers w of those rows
    w_f = -np.concatenate(
        [
            np.asarray(res.ineqlin.marginals, dtype=float) if problem.m_ub else np.zeros(0),
            np.asarray(res.eqlin.marginals, dtype=float) if len(problem.rows) > problem.m_ub else np.zeros(0),
        ]
    )
    # float activity of each (scaled) row and reduced costs, measured relative to the data
    rows_f = np.array(problem.rows, dtype=float).reshape(-1, problem.n)
    rhs_f = np.array(problem.rhs, dtype=float)
    row_norm = np.maximum(1.0, np.abs(np.hstack([rows_f, rhs_f[:, None]])).max(axis=1)) if len(rhs_f) else np.zeros(0)
    slack = (rhs_f - rows_f @ x_f) / row_norm if len(rhs_f) else np.zeros(0)
    c_f = np.array(problem.c, dtype=float)
    col_norm = np.maximum(1.0, np.abs(np.vstack([rows_f, c_f[None, :]])).max(axis=0))
    reduced = (rows_f.T @ w_f - c_f) / col_norm if len(rhs_f) else -c_f / col_norm
    x_scale = max(1.0, float(np.abs(x_f).max(initial=0.0)))
    w_scale = max(1.0, float(np.abs(w_f).max(initial=0.0)))
    tried = set()
    for tol in _TOLERANCES:
        primal_support = [j for j in range(problem.n) if x_f[j] > tol * x_scale]
        tight_rows = [i for i in range(problem.m_ub) if abs(slack[i]) <= tol * x_scale]
        dual_support = [i for i in range(len(problem.rows)) if abs(w_f[i]) > tol * w_scale and (i >= problem.m_ub or w_f[i] > 0)]
        tight_cols = sorted(set(primal_support) | {j for j in range(problem.n) if abs(reduced[j]) <= tol * w_scale})
        key = (tuple(primal_support), tuple(tight_rows), tuple(dual_support), tuple(tight_cols))
        if key in tried:
            continue
        tried.add(key)
        x = problem.primal(primal_support, tight_rows)
        w = problem.dual(dual_support, tight_cols)
        if x is None or w is None:
            continue
        if problem.check(x, w):
            y_ub, y_eq = problem.unscale_dual(w)
            objective = sum((a * v for a, v in zip(c, x, strict=True)), Fraction(0))
            return LPSolution("optimal", tuple(x), objective, tuple(y_ub), tuple(y_eq), "highs")
    return None


# --- exact simplex ----------------------------------------------------------


def _pivot(table: list[list[Fraction]], r: int, j: int) -> None:
    row = table[r]
    p = row[j]
    if p != 1:
        row = table[r] = [v / p for v in row]
    for i, other in enumerate(table):
        if i != r:
            f = other[j]
            if f:
                table[i] = [a - f * b if b else a for a, b in zip(other, row, strict=True)]


def _run_simplex(table: list[list[Fraction]], basis: list[int], allowed: int) -> bool:
    """Maximize with Bland's rule; the last row holds reduced costs (and -objective). False when unbounded."""
    obj = table[-1]
    m = len(table) - 1
    while True:
        obj = table[-1]
        entering = next((j for j in range(allowed) if obj[j] > 0), None)
        if entering is None:
            return True
        best: tuple[Fraction, int, int] | None = None
        for i in range(m):
            a = table[i][entering]
            if a > 0:
                candidate = (table[i][-1] / a, basis[i], i)
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
        if best is None:
            return False
        _pivot(table, best[2], entering)
        basis[best[2]] = entering


def _simplex(
    c: list[Fraction], A_ub: list[list[Fraction]], b_ub: list[Fraction], A_eq: list[list[Fraction]], b_eq: list[Fraction]
) -> LPSolution:
    """Two-phase simplex in Fractions with Bland's rule (terminates; exact)."""
    n, m_ub = len(c), len(A_ub)
    m = m_ub + len(A_eq)
    width = n + m_ub + m  # x, slacks, artificials
    table: list[list[Fraction]] = []
    signs = []
    zero = Fraction(0)
    for i, (row, b) in enumerate([*zip(A_ub, b_ub, strict=True), *zip(A_eq, b_eq, strict=True)]):
        sign = -1 if b < 0 else 1
        signs.append(sign)
        line = [Fraction(sign * a) for a in row] + [zero] * (m_ub + m) + [Fraction(sign * b)]
        if i < m_ub:
            line[n + i] = Fraction(sign)
        line[n + m_ub + i] = Fraction(1)
        table.append(line)
    basis = [n + m_ub + i for i in range(m)]
    # phase 1: maximize -sum(artificials); reduced costs d_j = sum_i T[i][j] off the artificials
    phase1 = (
        [sum((table[i][j] for i in range(m)), zero) for j in range(n + m_ub)] + [zero] * m + [sum((table[i][-1] for i in range(m)), zero)]
    )
    table.append(phase1)
    _run_simplex(table, basis, n + m_ub)
    if table[-1][-1] != 0:
        return LPSolution("infeasible", certified_by="simplex")
    # drive the artificials (at level zero) out of the basis; rows where that is impossible are redundant
    for i in range(m):
        if basis[i] >= n + m_ub:
            j = next((j for j in range(n + m_ub) if table[i][j] != 0), None)
            if j is not None:
                _pivot(table, i, j)
                basis[i] = j
    # phase 2: reduced costs of c (artificials cost 0 and may never re-enter)
    costs = [*c, *([zero] * (m_ub + m))]
    objective_row = []
    for j in range(width):
        objective_row.append(costs[j] - sum((costs[basis[i]] * table[i][j] for i in range(m) if table[i][j]), zero))
    objective_row.append(-sum((costs[basis[i]] * table[i][-1] for i in range(m)), zero))
    table[-1] = objective_row
    if not _run_simplex(table, basis, n + m_ub):
        return LPSolution("unbounded", certified_by="simplex")
    x = [zero] * width
    for i in range(m):
        x[basis[i]] = table[i][-1]
    # multipliers of the sign-adjusted rows are minus the reduced costs of the artificials
    duals = [-signs[i] * table[-1][n + m_ub + i] for i in range(m)]
    objective = sum((a * v for a, v in zip(c, x, strict=False)), zero)
    return LPSolution("optimal", tuple(x[:n]), objective, tuple(duals[:m_ub]), tuple(duals[m_ub:]), "simplex")


# --- entry point ------------------------------------------------------------


def solve_lp(
    c: Sequence[Any],
    A_ub: Any = None,
    b_ub: Any = None,
    A_eq: Any = None,
    b_eq: Any = None,
    *,
    method: str = "auto",
) -> LPSolution:
    """Maximize ``c . x`` subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq``, ``x >= 0``, exactly.

    Parameters
    ----------
    c
        Objective coefficients, one per variable (int, Fraction, integral float).
    A_ub, b_ub, A_eq, b_eq
        Inequality and equality constraints (``None`` or empty for none).
    method
        ``"auto"`` (default): HiGHS in floats, then its active sets solved and
        certified exactly, with the exact simplex as fallback. ``"simplex"``:
        exact two-phase simplex (Bland's rule) only. ``"highs"``: float data
        and float answers from HiGHS, not certified (for float games).

    Returns
    -------
    LPSolution
        Status, primal solution, objective value and dual multipliers, exact
        Fractions unless ``method="highs"``. An optimal exact solution always
        satisfies :func:`is_optimal`.

    Examples
    --------
    >>> sol = solve_lp([1, 1], [[1, 2], [3, 1]], [4, 6])
    >>> sol.status, sol.x, sol.objective
    ('optimal', (Fraction(8, 5), Fraction(6, 5)), Fraction(14, 5))
    >>> sol.y_ub
    (Fraction(2, 5), Fraction(1, 5))
    >>> solve_lp([1], [[-1]], [0]).status
    'unbounded'
    """
    if method not in _METHODS:
        raise InvalidGameError(f"solve_lp(): method must be one of {list(_METHODS)}; got {method!r}")
    exact = method != "highs"
    if isinstance(c, str) or not isinstance(c, Sequence | np.ndarray):
        raise InvalidGameError(f"solve_lp(): c must be a sequence of numbers; got {type(c).__name__}")
    n = len(c)
    if n == 0:
        raise InvalidGameError("solve_lp(): c must have at least one entry (one per variable); got 0")
    c_ = _vector(c, "c", n, exact)
    A_ub_ = _matrix(A_ub, "A_ub", n, exact)
    b_ub_ = _vector(b_ub, "b_ub", len(A_ub_), exact)
    A_eq_ = _matrix(A_eq, "A_eq", n, exact)
    b_eq_ = _vector(b_eq, "b_eq", len(A_eq_), exact)
    if not exact:
        res = _highs(c_, A_ub_, b_ub_, A_eq_, b_eq_)
        if res.status == 2:
            return LPSolution("infeasible", certified_by="float")
        if res.status == 3:
            return LPSolution("unbounded", certified_by="float")
        if res.status != 0:
            raise SolverError(f"solve_lp(): HiGHS failed: {res.message}")
        y_ub = tuple(float(-v) for v in res.ineqlin.marginals) if A_ub_ else ()
        y_eq = tuple(float(-v) for v in res.eqlin.marginals) if A_eq_ else ()
        return LPSolution("optimal", tuple(float(v) for v in res.x), float(-res.fun), y_ub, y_eq, "float")
    problem = _IntegerLP(c_, A_ub_, b_ub_, A_eq_, b_eq_)
    if method == "auto":
        m_ub = problem.m_ub
        res = _highs(problem.c, problem.rows[:m_ub], problem.rhs[:m_ub], problem.rows[m_ub:], problem.rhs[m_ub:])
        if res.status == 0:
            solution = _certify_float(problem, c_, res)
            if solution is not None:
                return solution
    solution = _simplex(c_, A_ub_, b_ub_, A_eq_, b_eq_)
    if solution.optimal and not problem.check(list(solution.x), problem.scale_dual([*solution.y_ub, *solution.y_eq])):
        raise SolverError("solve_lp(): internal error: the exact simplex returned a solution that fails its optimality certificate")
    return solution
