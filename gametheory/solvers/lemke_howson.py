"""One equilibrium per starting label: the Lemke–Howson algorithm with integer pivoting and a lexicographic rule.

The method (Lemke and Howson 1964; presented as in von Stengel, "Computing
equilibria for two-person games", *Handbook of Game Theory* vol. 3, 2002,
sections 3 and 6, and Shapley 1974):

* shift payoffs to be positive; the best-response polytopes are
  ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``; label ``i``
  (``0 <= i < m``) means "row ``i`` unplayed or a best response", label
  ``m + j`` the same for column ``j``;
* start at the artificial equilibrium ``(0, 0)``, drop the chosen label ``k``
  and follow the unique path of ``k``-almost completely labelled vertex pairs,
  pivoting alternately in the tableaux of ``P`` and ``Q`` (complementary
  pivoting), until label ``k`` is picked up again: that pair is an equilibrium;
* *integer pivoting*: each tableau is kept as integers, updated as
  ``(a * pivot - b * c) // previous_pivot``; every division is exact and every
  entry is a minor of the payoff matrix, so the numbers stay bounded (nashpy's
  variant never divides and its entries grow without bound);
* the *lexicographic* minimum-ratio rule (a symbolic perturbation of the
  right-hand side by ``(eps, eps**2, ...)``) makes every pivot unique, so the
  path cannot cycle in degenerate games and ends at a vertex pair, i.e. at an
  extreme equilibrium.

Small exact games pivot in Python integers. Larger exact games follow the
same path in floating point (about 100x faster at 100 x 100), deciding every
pivot that floats cannot call with certainty (near ties, degenerate bases)
exactly from the current basis, and solve the final basis exactly: the pivots,
and so the equilibrium, are those of integer pivoting, and every result has
an exact zero-regret certificate (should floats fail, the path is redone in
integers). Float games run the float path with the lexicographic rule under a
tolerance and certify the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from .._linalg import float_pivot, integer_pivot, solve_integer_system
from ..errors import InvalidGameError, SolverError
from ..games.normal_form import NormalFormGame
from ..results import Equilibrium, SolveResult
from ._common import checked_equilibrium, equilibrium, sort_key
from ._registry import register, require

__all__ = ["MAX_PIVOTS", "lemke_howson"]

#: Default bound on the pivots of one path (a Lemke–Howson path can be exponentially long: Savani and von Stengel 2006).
MAX_PIVOTS = 100_000
_FLOAT_TOL = 1e-9
#: Exact games with more payoff entries than this follow the path in floats first (measured crossover: about 12 x 12).
_FLOATS_FROM = 144
#: In exact games a float pivot is decided exactly when ratios (or a basic value) are this close (payoffs scaled into (0, 1]).
_MARGIN = 1e-7


class _FloatTrouble(Exception):
    """The float path failed (no pivot row, a singular basis); the caller redoes the path in integers."""


def _positions(z_labels: Sequence[int], w_labels: Sequence[int]) -> tuple[list[int], list[int]]:
    """Row of each basic label and column of each nonbasic label (-1 where it has none), at the start basis."""
    size = len(w_labels) + len(z_labels)
    row_of, col_of = [-1] * size, [-1] * size
    for i, label in enumerate(w_labels):
        row_of[label] = i
    for j, label in enumerate(z_labels):
        col_of[label] = j
    return row_of, col_of


class _IntTableau:
    """The condensed tableau of ``M z + w = 1`` (``M`` a positive integer matrix, k x d), pivoted in integers.

    ``rows[i]`` holds the coefficients of the nonbasic variables and, last, the
    right-hand side of the equation of the basic variable ``basic[i]``, all
    multiplied by ``det`` (the previous pivot, a positive minor of ``M``).
    Variables are named by their global labels.
    """

    __slots__ = ("basic", "col_of", "det", "nonbasic", "row_of", "rows", "slacks", "ties")

    def __init__(self, M: Sequence[Sequence[int]], z_labels: Sequence[int], w_labels: Sequence[int]):
        self.rows = [[*M[i], 1] for i in range(len(w_labels))]
        self.basic = list(w_labels)
        self.nonbasic = list(z_labels)
        self.det = 1
        self.slacks = tuple(w_labels)  # columns of det * B^-1, in the order of the lexicographic perturbation
        self.row_of, self.col_of = _positions(z_labels, w_labels)
        self.ties = False  # a tied minimum ratio: only a degenerate game has one

    def _leaving_row(self, c: int) -> int:
        """The row of the lexicographic minimum ratio for entering column ``c``."""
        rows = self.rows
        best: list[int] = []
        br = bc = 0
        for i, row in enumerate(rows):
            a = row[c]
            if a > 0:
                r = row[-1]
                diff = r * bc - br * a  # compares r / a with br / bc (both denominators positive)
                if not best or diff < 0:
                    best, br, bc = [i], r, a
                elif diff == 0:
                    best.append(i)
        if not best:
            raise SolverError("lemke_howson(): internal error: unbounded pivot column (payoffs not positive)")
        if len(best) > 1:
            self.ties = True
            # the rows of B^-1 are independent, so some slack column breaks every tie
            for label in self.slacks:
                col, basic_row = self.col_of[label], self.row_of[label]
                values = [(rows[i][col] if col >= 0 else (self.det if i == basic_row else 0), rows[i][c], i) for i in best]
                v0, a0 = values[0][0], values[0][1]
                for v, a, _ in values[1:]:
                    if v * a0 < v0 * a:
                        v0, a0 = v, a
                best = [i for v, a, i in values if v * a0 == v0 * a]
                if len(best) == 1:
                    break
        return best[0]

    def pivot(self, entering: int) -> int:
        """Bring ``entering`` into the basis; return the label of the variable that leaves."""
        c = self.col_of[entering]
        p = self._leaving_row(c)
        leaving = self.basic[p]
        self.det = integer_pivot(self.rows, p, c, self.det)
        self.basic[p], self.nonbasic[c] = entering, leaving
        self.row_of[entering], self.col_of[entering] = p, -1
        self.row_of[leaving], self.col_of[leaving] = -1, c
        return leaving

    def strategy(self, labels: Sequence[int]) -> tuple[Fraction, ...]:
        """The normalized values of the structural variables ``labels`` at the current basis."""
        values = [self.rows[r][-1] if (r := self.row_of[label]) >= 0 else 0 for label in labels]
        total = sum(values)
        return tuple(Fraction(v, total) for v in values)


class _FloatTableau:
    """The same tableau in floating point (numpy), normalized so the basic columns are unit vectors.

    Given ``exact_M`` (the integer matrix of which ``M`` is a scaled copy), a
    pivot too close to call in floating point (a near tie of ratios, a step of
    length about zero, or a basic variable about zero) is decided exactly by
    :meth:`_exact_leaving_row`, so the path is the one integer pivoting takes;
    exact games then solve the end basis exactly. Without it (float games),
    ties are broken by the lexicographic rule within a tolerance.
    """

    __slots__ = ("T", "basic", "col_of", "exact_M", "nonbasic", "row_of", "slacks", "ties", "w_first", "z_first")

    def __init__(self, M: np.ndarray, z_labels: range, w_labels: range, exact_M: list[list[int]] | None):
        self.T = np.hstack([np.asarray(M, dtype=float), np.ones((len(w_labels), 1))])
        self.basic = list(w_labels)
        self.nonbasic = list(z_labels)
        self.slacks = tuple(w_labels)
        self.row_of, self.col_of = _positions(z_labels, w_labels)
        self.ties = False
        self.exact_M = exact_M
        self.z_first, self.w_first = z_labels.start, w_labels.start

    def _leaving_row(self, c: int) -> int:
        T = self.T
        column, rhs = T[:, c], T[:, -1]
        ratios = np.divide(rhs, column, out=np.full(len(rhs), np.inf), where=column > _FLOAT_TOL)
        p = int(ratios.argmin())
        low = float(ratios[p])
        if low == np.inf:
            raise _FloatTrouble("no pivot row")
        if self.exact_M is not None:
            ratios[p] = np.inf
            if low <= _MARGIN or float(ratios.min()) - low <= _MARGIN * max(1.0, low) or float(rhs.min()) <= _MARGIN:
                return self._exact_leaving_row(c)
            return p
        ratios[p] = low
        tied = np.flatnonzero(ratios <= low + _FLOAT_TOL * max(1.0, abs(low)))
        if len(tied) == 1:
            return p
        self.ties = True
        for label in self.slacks:
            col, basic_row = self.col_of[label], self.row_of[label]
            values = T[tied, col] if col >= 0 else (tied == basic_row).astype(float)
            scaled = values / column[tied]
            tied = tied[scaled <= float(scaled.min()) + _FLOAT_TOL]
            if len(tied) == 1:
                break
        return int(tied[0])

    def _exact_leaving_row(self, c: int) -> int:
        """The leaving row by the exact lexicographic rule, from the current basis and the integer matrix.

        With ``S`` the basic structural variables and ``J`` the nonbasic
        slacks (the tight rows), the tableau is determined by the small
        square matrix ``G = M[J, S]``: its rows for ``S`` are ``G^-1`` applied
        to the columns of ``M[J, :]`` and of the identity, the rows of the
        basic slacks follow by substitution. Only ``G`` is inverted, in
        integers (fraction-free), and everything is scaled by ``det G``.
        """
        M = self.exact_M
        assert M is not None
        entering = self.nonbasic[c]
        support = [label - self.z_first for label in self.basic if self._is_structural(label)]
        tight = [label - self.w_first for label in self.nonbasic if not self._is_structural(label)]
        order = {j: b for b, j in enumerate(tight)}
        enters_z = self._is_structural(entering)
        size = len(support)
        rhs_columns = [[1] * size]
        if enters_z:
            rhs_columns.append([M[j][entering - self.z_first] for j in tight])
        solution, D = _solve_many([[M[j][s] for s in support] for j in tight], rhs_columns, size)  # G X = [1 | v | I] * D
        # exact (rhs, entering column) of every row, all scaled by D > 0
        rows = len(self.basic)
        where = {s: a for a, s in enumerate(support)}
        e_col = 1 if enters_z else 1 + order[entering - self.w_first]
        first_identity = 2 if enters_z else 1

        def entry(i: int, column: int) -> int:
            """Entry of row ``i`` of the tableau in the solved column ``column`` of ``X`` (for the slack rows: by substitution)."""
            label = self.basic[i]
            if self._is_structural(label):
                return solution[where[label - self.z_first]][column]
            r = label - self.w_first
            return -sum(M[r][s] * solution[a][column] for a, s in enumerate(support))

        values = []
        for i in range(rows):
            label = self.basic[i]
            rhs = entry(i, 0) + (0 if self._is_structural(label) else D)
            col = entry(i, e_col) + (
                D * M[label - self.w_first][entering - self.z_first] if enters_z and not self._is_structural(label) else 0
            )
            if col > 0:
                values.append((rhs, col, i))
        if not values:
            raise _FloatTrouble("no pivot row")
        r0, a0 = values[0][0], values[0][1]
        for r, a, _ in values[1:]:
            if r * a0 < r0 * a:
                r0, a0 = r, a
        best = [(a, i) for r, a, i in values if r * a0 == r0 * a]
        if len(best) > 1:
            self.ties = True
            for label in self.slacks:
                t = label - self.w_first
                if t in order:
                    slack = [(entry(i, first_identity + order[t]), a, i) for a, i in best]
                else:
                    slack = [(D if self.basic[i] == label else 0, a, i) for a, i in best]
                v0, a0 = slack[0][0], slack[0][1]
                for v, a, _ in slack[1:]:
                    if v * a0 < v0 * a:
                        v0, a0 = v, a
                best = [(a, i) for v, a, i in slack if v * a0 == v0 * a]
                if len(best) == 1:
                    break
        return best[0][1]

    def _is_structural(self, label: int) -> bool:
        return (label >= self.z_first) if self.z_first > self.w_first else (label < self.w_first)

    def pivot(self, entering: int) -> int:
        c = self.col_of[entering]
        p = self._leaving_row(c)
        leaving = self.basic[p]
        float_pivot(self.T, p, c)
        self.basic[p], self.nonbasic[c] = entering, leaving
        self.row_of[entering], self.col_of[entering] = p, -1
        self.row_of[leaving], self.col_of[leaving] = -1, c
        return leaving

    def strategy(self, labels: Sequence[int]) -> tuple[float, ...]:
        values = [max(float(self.T[r, -1]), 0.0) if (r := self.row_of[label]) >= 0 else 0.0 for label in labels]
        total = sum(values)
        if total <= 0:
            raise _FloatTrouble("the path ended at a zero vertex")
        return tuple(v / total for v in values)


def _solve_many(G: list[list[int]], columns: list[list[int]], size: int) -> tuple[list[list[int]], int]:
    """``(X, D)`` with ``G @ (X / D) = [columns | identity]`` and ``D > 0``, by fraction-free Gauss–Jordan elimination.

    ``X`` has one row per unknown: its entries for each given column, then
    for each identity column (so ``X[:, -size:] / D`` is the inverse of ``G``).
    """
    table = [[*(col[i] for col in columns), *(int(i == j) for j in range(size)), *G[i]] for i in range(size)]
    width = len(columns) + size
    prev = 1
    for k in range(size):
        pivot_row = next((i for i in range(k, size) if table[i][width + k] != 0), None)
        if pivot_row is None:
            raise _FloatTrouble("singular basis")
        table[k], table[pivot_row] = table[pivot_row], table[k]
        pivot = table[k]
        pv = pivot[width + k]
        for i in range(size):
            if i != k:
                row = table[i]
                f = row[width + k]
                table[i] = [(pv * a - f * b) // prev for a, b in zip(row, pivot)]
        prev = pv
    sign = 1 if prev > 0 else -1  # after elimination every diagonal entry equals prev
    return [[sign * v for v in row[:width]] for row in table], sign * prev


def _integer_matrices(arrays: Sequence[np.ndarray]) -> tuple[list[list[int]], list[list[int]]]:
    """Integer payoff matrices shifted to have entries >= 1 (equilibria are unchanged)."""
    out = []
    for M in arrays:
        low = min(M.flat)
        out.append([[int(v) - low + 1 for v in row] for row in M.tolist()])
    return out[0], out[1]


def _scaled_floats(integers: tuple[list[list[int]], list[list[int]]]) -> tuple[np.ndarray, np.ndarray]:
    """The positive integer matrices as floats divided by their largest entry (a scaled copy of each polytope)."""
    out = []
    for M in integers:
        top = max(max(row) for row in M)
        out.append(np.array([[v / top for v in row] for row in M], dtype=float))
    return out[0], out[1]


def _float_matrices(arrays: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Payoff matrices scaled into [1, 2] (a positive affine map per player leaves the path unchanged)."""
    out = []
    for M in arrays:
        M = np.asarray(M, dtype=float)
        low, span = float(M.min()), float(M.max() - M.min())
        out.append((M - low) / (span if span > 0 else 1.0) + 1.0)
    return out[0], out[1]


def _follow(P: Any, Q: Any, m: int, label: int, max_pivots: int) -> int:
    """Follow the path that drops ``label`` from the artificial equilibrium; return the number of pivots."""
    tableau, other = (P, Q) if label < m else (Q, P)
    entering, pivots = label, 0
    while True:
        if pivots >= max_pivots:
            raise SolverError(
                f"lemke_howson(): the path from initial_label={label} did not end within max_pivots={max_pivots} pivots; "
                "raise max_pivots (paths can be exponentially long) or try another initial_label"
            )
        leaving = tableau.pivot(entering)
        pivots += 1
        if leaving == label:
            return pivots
        entering = leaving
        tableau, other = other, tableau


def _exact_path(A: list[list[int]], B: list[list[int]], label: int, max_pivots: int) -> tuple[tuple[Any, ...], int, bool]:
    """``((x, y), pivots, tied)`` of the path in integer arithmetic."""
    m, n = len(A), len(A[0])
    P = _IntTableau([list(c) for c in zip(*B)], range(m), range(m, m + n))  # B^T x + s = 1
    Q = _IntTableau(A, range(m, m + n), range(m))  # A y + r = 1
    pivots = _follow(P, Q, m, label, max_pivots)
    return (P.strategy(range(m)), Q.strategy(range(m, m + n))), pivots, P.ties or Q.ties


def _float_path(
    A: np.ndarray, B: np.ndarray, label: int, max_pivots: int, integers: tuple[list[list[int]], list[list[int]]] | None
) -> tuple[_FloatTableau, _FloatTableau, int]:
    """Follow the path in floats; with ``integers`` (the exact matrices), doubtful pivots are decided exactly."""
    m, n = A.shape
    BT = None if integers is None else [list(c) for c in zip(*integers[1])]
    P = _FloatTableau(B.T, range(m), range(m, m + n), BT)
    Q = _FloatTableau(A, range(m, m + n), range(m), None if integers is None else integers[0])
    pivots = _follow(P, Q, m, label, max_pivots)
    return P, Q, pivots


def _vertex_of_basis(M: list[list[int]], tableau: _FloatTableau, z_labels: range, w_labels: range) -> tuple[Fraction, ...] | None:
    """The exact normalized vertex of ``M z + w = 1`` whose basis ``tableau`` ended at, or None if infeasible."""
    support = [label for label in z_labels if tableau.row_of[label] >= 0]
    tight = [label - w_labels.start for label in w_labels if tableau.col_of[label] >= 0]
    first = z_labels.start
    rows = [[M[j][i - first] for i in support] for j in tight]
    values = solve_integer_system(rows, [1] * len(tight)) if rows and support else None
    if values is None or any(v < 0 for v in values) or sum(values) <= 0:
        return None
    total = sum(values)
    z = dict(zip(support, values))
    return tuple(z.get(label, Fraction(0)) / total for label in z_labels)


def _exact_by_floats(
    game: NormalFormGame, A: list[list[int]], B: list[list[int]], floats: tuple[np.ndarray, np.ndarray], label: int, max_pivots: int
) -> tuple[Equilibrium, int, bool] | None:
    """Follow the path in floats (doubtful pivots decided exactly) and solve its end basis exactly; None on numerical failure."""
    m, n = len(A), len(A[0])
    try:
        P, Q, pivots = _float_path(*floats, label, max_pivots, (A, B))
    except _FloatTrouble:
        return None
    x = _vertex_of_basis([list(c) for c in zip(*B)], P, range(m), range(m, m + n))
    y = _vertex_of_basis(A, Q, range(m, m + n), range(m))
    if x is None or y is None:
        return None
    eq = equilibrium(game, (x, y), method="lemke_howson")
    return None if eq is None else (eq, pivots, P.ties or Q.ties)


def _solve_from(
    game: NormalFormGame,
    floats: tuple[np.ndarray, np.ndarray],
    integers: tuple[list[list[int]], list[list[int]]] | None,
    label: int,
    max_pivots: int,
) -> tuple[Equilibrium, int, bool]:
    """The equilibrium at the end of the path from ``label``, its pivot count and whether a tie was met.

    Small exact games pivot in integers. Larger ones follow the path in
    floats, deciding every doubtful pivot exactly, and solve the end basis
    exactly, so they take the same pivots as integer pivoting at a fraction
    of the cost; should floats fail (or the result fail its certificate),
    the path is redone in integers. Float games follow the float path; should its
    result fail the certificate, the exact path on the exact binary values
    of the payoffs decides.
    """
    if integers is not None:
        m, n = game.shape
        if m * n > _FLOATS_FROM:
            quick = _exact_by_floats(game, *integers, floats, label, max_pivots)
            if quick is not None:
                return quick
        profile, count, tied = _exact_path(*integers, label, max_pivots)
        return checked_equilibrium(game, profile, method="lemke_howson"), count, tied
    m, n = game.shape
    try:
        P, Q, count = _float_path(*floats, label, max_pivots, None)
        eq = equilibrium(game, (P.strategy(range(m)), Q.strategy(range(m, m + n))), method="lemke_howson")
        if eq is not None:
            return eq, count, P.ties or Q.ties
    except _FloatTrouble:
        pass
    exact_ints = _integer_matrices(_exact_binary(game.float_payoffs()))
    (x, y), count, tied = _exact_path(*exact_ints, label, max_pivots)
    eq = equilibrium(game, (tuple(map(float, x)), tuple(map(float, y))), method="lemke_howson")
    if eq is None:
        raise SolverError(f"lemke_howson(): numerical failure: the float result from initial_label={label} fails its certificate")
    return eq, count, tied


def _exact_binary(arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Float payoffs as integer matrices, exactly (each float is a dyadic rational; one common scale per player)."""
    out = []
    for M in arrays:
        fractions = [Fraction(float(v)) for v in M.flat]
        scale = max(f.denominator for f in fractions)  # denominators are powers of two
        out.append(np.array([int(f * scale) for f in fractions], dtype=object).reshape(M.shape))
    return out


@register(
    "lemke_howson",
    players=2,
    kinds=("exact", "float"),
    summary="equilibria of a 2-player game reached by Lemke–Howson paths (one per starting label; not all equilibria)",
)
def lemke_howson(game: NormalFormGame, *, initial_label: int | None = None, max_pivots: int = MAX_PIVOTS) -> SolveResult:
    """Equilibria of a two-player game found by the Lemke–Howson algorithm.

    Follows the Lemke–Howson path from the artificial equilibrium for one
    starting label, or for every label ``0, ..., m + n - 1`` (labels
    ``0..m-1`` are the row player's actions, ``m..m+n-1`` the column
    player's), and returns the distinct equilibria reached. Exact games are
    solved exactly (integer pivoting); the lexicographic pivoting rule keeps
    degenerate games from cycling, and every path ends at an extreme
    equilibrium. Lemke–Howson does not find every equilibrium in general
    (``complete`` is False): use ``enumerate`` for that.

    Parameters
    ----------
    game
        A two-player game, exact or float.
    initial_label
        The label dropped first; ``None`` runs from every label.
    max_pivots
        The most pivots one path may take before :class:`SolverError` is raised.

    Returns
    -------
    SolveResult
        ``details["label_to_equilibrium"]`` maps each starting label to the
        index of the equilibrium it reached, ``details["pivots"]`` to the
        number of pivots its path took. ``degenerate`` is True when a pivot
        met a tie (which only a degenerate game allows), otherwise None.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players or is symbolic.
    InvalidGameError
        If ``initial_label`` or ``max_pivots`` is not a valid integer.
    SolverError
        If a path takes more than ``max_pivots`` pivots.

    Examples
    --------
    The 3 x 2 game of von Stengel (2002, Fig. 2; also Nisan et al. 2007, ch. 3)
    has three equilibria. The paths from the artificial equilibrium reach
    only the two of index +1 (Shapley 1974); from label 0 the pure one:

    >>> from gametheory import NormalFormGame
    >>> A = [[3, 3], [2, 5], [0, 6]]
    >>> B = [[3, 2], [2, 6], [3, 1]]
    >>> g = NormalFormGame.from_bimatrix(A, B)
    >>> r = lemke_howson(g, initial_label=0)
    >>> [tuple(map(str, s)) for s in r[0].profile]
    [('1', '0', '0'), ('1', '0')]
    >>> len(lemke_howson(g)), r.complete
    (2, False)
    """
    require(game, "lemke_howson", players=2, kinds=("exact", "float"))
    m, n = game.shape
    size = m + n
    if initial_label is not None and (isinstance(initial_label, bool) or not isinstance(initial_label, int | np.integer)):
        raise InvalidGameError(f"lemke_howson(): initial_label must be an int in 0..{size - 1} or None; got {type(initial_label).__name__}")
    if initial_label is not None and not 0 <= initial_label < size:
        raise InvalidGameError(
            f"lemke_howson(): initial_label must be in 0..{size - 1} (0..{m - 1} for the row player's actions, "
            f"{m}..{size - 1} for the column player's); got {initial_label}"
        )
    if isinstance(max_pivots, bool) or not isinstance(max_pivots, int | np.integer) or max_pivots < 1:
        raise InvalidGameError(f"lemke_howson(): max_pivots must be a positive int; got {max_pivots!r}")
    exact = game.kind == "exact"
    integers = _integer_matrices(game.integer_payoffs()[0]) if exact else None
    # for exact games the float tableaux are scaled copies of the integer ones, so both take the same pivots
    floats = _float_matrices(game.float_payoffs()) if integers is None else _scaled_floats(integers)
    labels = range(size) if initial_label is None else (int(initial_label),)
    found: dict[tuple[Any, ...], Equilibrium] = {}
    reached: dict[int, tuple[Any, ...]] = {}
    pivots: dict[int, int] = {}
    degenerate = False
    for label in labels:
        eq, count, tied = _solve_from(game, floats, integers, label, int(max_pivots))
        degenerate |= tied
        # float paths to one equilibrium may differ in the last bits
        key = eq.profile if exact else tuple(round(float(v), 9) + 0.0 for s in eq.profile for v in s)
        found.setdefault(key, eq)
        reached[label] = key
        pivots[label] = count
    ordered = sorted(found.items(), key=lambda item: sort_key(item[1]))
    index = {key: i for i, (key, _) in enumerate(ordered)}
    details = {
        "label_to_equilibrium": MappingProxyType({label: index[key] for label, key in reached.items()}),
        "pivots": MappingProxyType(dict(pivots)),
    }
    return SolveResult(
        game,
        "lemke_howson",
        exact,
        tuple(eq for _, eq in ordered),
        options=MappingProxyType({"initial_label": initial_label, "max_pivots": max_pivots}),
        degenerate=True if degenerate else None,
        details=MappingProxyType(details),
        complete=False,
    )
