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

Exact games run in Python integers; float games run the same steps in
floating point with a tolerance and their results are certified afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from ..errors import InvalidGameError, SolverError
from ..games.normal_form import NormalFormGame
from ..results import Equilibrium, SolveResult
from ._common import checked_equilibrium, equilibrium, sort_key
from ._registry import register, require

__all__ = ["lemke_howson", "MAX_PIVOTS"]

#: Default bound on the pivots of one path (a Lemke–Howson path can be exponentially long: Savani and von Stengel 2006).
MAX_PIVOTS = 100_000
_FLOAT_TOL = 1e-9


class _Tableau:
    """The condensed tableau of ``M z + w = 1`` (``M`` positive, k x d), pivoted in integers or floats.

    ``rows[i]`` holds the coefficients of the nonbasic variables and, last, the
    right-hand side, of the equation of the basic variable ``basic[i]``; all
    are scaled by ``det`` (the previous pivot, 1 in float mode). Variables are
    named by their global labels.
    """

    __slots__ = ("rows", "basic", "nonbasic", "det", "slacks", "row_of", "col_of", "exact", "ties")

    def __init__(self, M: Any, z_labels: Sequence[int], w_labels: Sequence[int], exact: bool):
        k, d = len(w_labels), len(z_labels)
        one = 1 if exact else 1.0
        self.rows = [[*M[i], one] for i in range(k)]
        self.basic = list(w_labels)
        self.nonbasic = list(z_labels)
        self.det = one
        self.slacks = tuple(w_labels)  # the columns of B^-1, in the order of the lexicographic perturbation
        size = k + d
        self.row_of = [-1] * (max(*w_labels, *z_labels) + 1 if size else 0)
        self.col_of = [-1] * len(self.row_of)
        for i, label in enumerate(w_labels):
            self.row_of[label] = i
        for j, label in enumerate(z_labels):
            self.col_of[label] = j
        self.exact = exact
        self.ties = False  # whether a minimum-ratio test ever tied (then the game is degenerate)

    def _slack_entry(self, label: int, i: int) -> Any:
        col = self.col_of[label]
        if col >= 0:
            return self.rows[i][col]
        return self.det if self.row_of[label] == i else 0

    def _leaving_row(self, c: int) -> int:
        """The row of the lexicographic minimum ratio for entering column ``c``."""
        rows = self.rows
        if self.exact:
            best: list[int] = []
            br = bc = 0
            for i, row in enumerate(rows):
                a = row[c]
                if a > 0:
                    r = row[-1]
                    if not best:
                        best, br, bc = [i], r, a
                    else:
                        diff = r * bc - br * a
                        if diff < 0:
                            best, br, bc = [i], r, a
                        elif diff == 0:
                            best.append(i)
        else:
            ratios = [(row[-1] / row[c], i) for i, row in enumerate(rows) if row[c] > _FLOAT_TOL]
            if not ratios:
                best = []
            else:
                low = min(r for r, _ in ratios)
                best = [i for r, i in ratios if r <= low + _FLOAT_TOL * max(1.0, abs(low))]
        if not best:
            raise SolverError("lemke_howson(): internal error: unbounded pivot column (the payoffs were not shifted to be positive)")
        if len(best) == 1:
            return best[0]
        self.ties = True
        for label in self.slacks:
            if len(best) == 1:
                break
            values = [(self._slack_entry(label, i), rows[i][c], i) for i in best]
            if self.exact:
                v0, a0, _ = values[0]
                low_pair = (v0, a0)
                for v, a, _ in values[1:]:
                    if v * low_pair[1] < low_pair[0] * a:
                        low_pair = (v, a)
                best = [i for v, a, i in values if v * low_pair[1] == low_pair[0] * a]
            else:
                scaled = [(v / a, i) for v, a, i in values]
                low = min(s for s, _ in scaled)
                best = [i for s, i in scaled if s <= low + _FLOAT_TOL]
        return best[0]

    def pivot(self, entering: int) -> int:
        """Bring ``entering`` into the basis; return the label of the variable that leaves."""
        c = self.col_of[entering]
        p = self._leaving_row(c)
        leaving = self.basic[p]
        rows = self.rows
        prow = rows[p]
        pv = prow[c]
        det = self.det
        if self.exact:
            for i, row in enumerate(rows):
                if i == p:
                    continue
                f = row[c]
                if f:
                    new = [(a * pv - f * b) // det for a, b in zip(row, prow)]
                else:
                    new = [a * pv // det for a in row]
                new[c] = -f
                rows[i] = new
            prow[c] = det
            self.det = pv
        else:
            inv = 1.0 / pv
            for i, row in enumerate(rows):
                if i == p:
                    continue
                f = row[c]
                if f:
                    g = f * inv
                    new = [a - g * b for a, b in zip(row, prow)]
                    new[c] = -g
                    rows[i] = new
            rows[p] = [a * inv for a in prow]
            rows[p][c] = inv
        self.basic[p] = entering
        self.nonbasic[c] = leaving
        self.row_of[entering], self.col_of[entering] = p, -1
        self.row_of[leaving], self.col_of[leaving] = -1, c
        return leaving

    def strategy(self, labels: Sequence[int]) -> tuple[Any, ...] | None:
        """The normalized values of the structural variables ``labels`` at the current basis."""
        values = []
        for label in labels:
            r = self.row_of[label]
            values.append(self.rows[r][-1] if r >= 0 else 0)
        total = sum(values)
        if total <= 0:
            return None
        if self.exact:
            return tuple(Fraction(v, total) for v in values)
        return tuple(max(float(v), 0.0) / total for v in values)


def _positive_matrices(game: NormalFormGame) -> tuple[list[list[Any]], list[list[Any]]]:
    """``A`` and ``B`` as nested lists with entries >= 1: shifted integers, or floats scaled into [1, 2]."""
    out = []
    if game.kind == "exact":
        for M in game.integer_payoffs()[0]:
            low = min(M.flat)
            out.append([[int(v) - low + 1 for v in row] for row in M.tolist()])
    else:
        for M in game.float_payoffs():
            low, span = float(M.min()), float(M.max() - M.min())
            out.append(((M - low) / (span if span > 0 else 1.0) + 1.0).tolist())
    return out[0], out[1]


def _follow(A: list[list[Any]], B: list[list[Any]], label: int, exact: bool, max_pivots: int) -> tuple[Any, Any, int, bool]:
    """Follow the path that drops ``label`` from the artificial equilibrium; return ``(x, y, pivots, tied)``."""
    m, n = len(A), len(A[0])
    row_labels, col_labels = range(m), range(m, m + n)
    BT = [list(col) for col in zip(*B)]
    P = _Tableau(BT, row_labels, col_labels, exact)  # B^T x + s = 1
    Q = _Tableau(A, col_labels, row_labels, exact)  # A y + r = 1
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
            break
        entering = leaving
        tableau, other = other, tableau
    x = P.strategy(row_labels)
    y = Q.strategy(col_labels)
    if x is None or y is None:
        raise SolverError(f"lemke_howson(): internal error: the path from initial_label={label} ended at a zero vertex")
    return x, y, pivots, P.ties or Q.ties


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
    A, B = _positive_matrices(game)
    labels = range(size) if initial_label is None else (int(initial_label),)
    found: dict[tuple[Any, ...], Equilibrium] = {}
    reached: dict[int, tuple[Any, ...]] = {}
    pivots: dict[int, int] = {}
    degenerate = False
    for label in labels:
        x, y, count, tied = _follow(A, B, label, exact, int(max_pivots))
        degenerate |= tied
        profile = (x, y)
        if profile not in found:
            if exact:
                found[profile] = checked_equilibrium(game, profile, method="lemke_howson")
            else:
                eq = equilibrium(game, profile, method="lemke_howson")
                if eq is None:
                    raise SolverError(
                        f"lemke_howson(): the float path from initial_label={label} ended at a profile that fails the "
                        "equilibrium certificate (rounding error); solve the exact game instead"
                    )
                found[profile] = eq
        reached[label] = profile
        pivots[label] = count
    ordered = sorted(found.values(), key=sort_key)
    index = {eq.profile: i for i, eq in enumerate(ordered)}
    details = {
        "label_to_equilibrium": MappingProxyType({label: index[found[p].profile] for label, p in reached.items()}),
        "pivots": MappingProxyType(dict(pivots)),
    }
    return SolveResult(
        game,
        "lemke_howson",
        exact,
        tuple(ordered),
        options=MappingProxyType({"initial_label": initial_label, "max_pivots": max_pivots}),
        degenerate=True if degenerate else None,
        details=MappingProxyType(details),
        complete=False,
    )
