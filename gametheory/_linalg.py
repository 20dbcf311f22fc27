"""Exact linear algebra on Python integers (fraction-free elimination)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np


def solve_integer_system(rows: Sequence[Sequence[int]], rhs: Sequence[int]) -> list[Fraction] | None:
    """The unique solution of ``rows @ x = rhs`` over the rationals, or None.

    ``rows`` is r x k with r >= k allowed (an over-determined but consistent
    system, as at a degenerate vertex). Returns None when the solution is not
    unique or the system is inconsistent. Uses fraction-free Gauss-Jordan
    elimination (Bareiss): every division is exact, entries stay minors of the
    input, so Python ints never blow up the way naive integer pivoting does.

    Examples
    --------
    >>> solve_integer_system([[2, 1], [1, 3]], [3, 5])
    [Fraction(4, 5), Fraction(7, 5)]
    """
    r = len(rows)
    k = len(rows[0]) if r else 0
    if r < k:
        return None
    table = [[int(v) for v in row] + [int(b)] for row, b in zip(rows, rhs, strict=True)]
    prev = 1
    for col in range(k):
        pivot_row = next((i for i in range(col, r) if table[i][col] != 0), None)
        if pivot_row is None:
            return None
        table[col], table[pivot_row] = table[pivot_row], table[col]
        pivot = table[col]
        pv = pivot[col]
        for i in range(r):
            if i == col:
                continue
            row = table[i]
            f = row[col]
            table[i] = [(pv * a - f * b) // prev for a, b in zip(row, pivot, strict=True)]
        prev = pv
    if any(table[i][k] != 0 for i in range(k, r)):
        return None
    return [Fraction(table[i][k], prev) for i in range(k)]


def integer_pivot(rows: list[list[int]], p: int, c: int, det: int) -> int:
    """One fraction-free (Bareiss) pivot on ``rows[p][c]`` in place, for tableaux of Python ints; returns the new determinant.

    Every other row ``r`` becomes ``(r * pivot - r[c] * rows[p]) / det``, an
    exact division, so entries stay minors of the data (von Stengel 2002,
    section 6); column ``c`` then holds the leaving variable's column.

    Examples
    --------
    >>> rows = [[2, 1, 4], [1, 3, 5]]
    >>> integer_pivot(rows, 0, 0, 1), rows
    (2, [[1, 1, 4], [-1, 5, 6]])
    """
    prow = rows[p]
    pivot = prow[c]
    for i, row in enumerate(rows):
        if i == p:
            continue
        f = row[c]
        new = [(a * pivot - f * b) // det for a, b in zip(row, prow, strict=True)] if f else [a * pivot // det for a in row]
        new[c] = -f
        rows[i] = new
    prow[c] = det
    return pivot


def float_pivot(T: np.ndarray, p: int, c: int) -> None:
    """One pivot on ``T[p, c]`` in place, for tableaux whose basic columns are kept as unit vectors (floats).

    Only the columns where the pivot row is non-zero change, so sparse rows
    cost little; column ``c`` then holds the leaving variable's column.

    Examples
    --------
    >>> T = np.array([[2.0, 1.0, 4.0], [1.0, 3.0, 5.0]])
    >>> float_pivot(T, 0, 0)
    >>> T.tolist()
    [[0.5, 0.5, 2.0], [-0.5, 2.5, 3.0]]
    """
    column = T[:, c].copy()
    prow = T[p] / column[p]
    cols = np.flatnonzero(prow)
    T[:, cols] -= np.outer(column, prow[cols])
    T[p] = prow
    T[:, c] = -column / column[p]
    T[p, c] = 1.0 / column[p]
