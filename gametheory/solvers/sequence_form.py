"""Equilibria of two-player game trees through the sequence form, without the exponential normal form.

The sequence form (Romanovskii 1962; Koller, Megiddo and von Stengel 1994,
1996; von Stengel, "Efficient computation of behavior strategies", *Games and
Economic Behavior* 14, 1996) describes a mixed strategy of a player with
perfect recall by its *realization plan*: the probability ``x_s`` with which
the player's own choices play each *sequence* ``s`` (the empty sequence, or
an information set of the player with one of its actions, which stands for
the player's whole history of own moves up to there). Realization plans are
the solutions of ``E x = e, x >= 0``: ``x_empty = 1`` and, at every set ``h``
entered by the sequence ``sigma(h)``, ``sum_a x_(h, a) = x_sigma(h)``. The
payoff is bilinear, ``x^T A y``, where ``A[s, t]`` sums, over the terminal
nodes whose paths carry the sequences ``s`` of player 1 and ``t`` of player 2,
the product of the chance probabilities on the path and player 1's payoff
there (``B`` likewise for player 2). Everything is linear in the size of the
tree.

Zero-sum trees are one linear program (von Stengel 1996, section 4;
Koller, Megiddo and von Stengel 1994): player 1 maximizes ``q_empty`` over
``E x = e, x >= 0, F^T q <= A^T x``; the multipliers of the inequalities are
an optimal realization plan ``y`` of player 2 and the optimum is the value.

General-sum trees are the linear complementarity problem of Koller, Megiddo
and von Stengel, "Efficient computation of equilibria for extensive
two-person games", *Games and Economic Behavior* 14 (1996): ``x`` is a best
response to ``y`` exactly when ``E^T p - A y >= 0`` is tight wherever
``x > 0`` (LP duality, ``p`` free), and likewise for ``y``. With the free
variables split into ``p' - p''`` and every equation written as two
inequalities the problem is a standard LCP ``w = q0 + M z >= 0, z >= 0,
z^T w = 0``, which Lemke's algorithm solves from the artificial variable
``z0`` and a covering vector ``d > 0``. Payoffs are first shifted to be
negative, so that ``z^T M z = -x^T (A + B) y >= 0`` on ``z >= 0``; then the
path cannot end in a secondary ray (a ray would need ``E x* = 0``, hence
``x* = y* = 0``, and a direction ``delta`` of ``p`` with ``E^T delta >= 0``
and ``e^T delta < 0``, which no realization plan allows), and Lemke's
algorithm stops at an equilibrium.

The covering vector comes from a *starting point*, a pair of realization
plans ``(xs, ys)``: on the rows of player 1's best-response conditions it is
``-A ys`` (so, while ``z0`` is large, player 1 answers ``ys``, as in the
tracing procedure of von Stengel, van den Elzen and Talman, *Econometrica*
70, 2002) plus ``E^T lambda >= 1``, a term that adds the same constant to the
payoff of every realization plan and keeps ``d`` positive; on the rows of the
equations it is a small constant. Different starting points (the centroid,
pure strategy pairs) may end at different equilibria.

Exact games pivot in Python integers (fraction-free Bareiss updates, every
entry a minor of the data, as in :mod:`gametheory.solvers.lemke_howson`) with
the lexicographic ratio test, which makes every step unique although the
sequence-form LCP is degenerate for every tree (``z0`` leaves as soon as it
ties). Large exact games follow the same path in floating point (a near tie
misjudged by the floats can change it), solve the final basis exactly
(sparse elimination) and certify it; should that fail, the path is redone in
integers. Every equilibrium has an exact zero-regret certificate on the tree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from .._linalg import float_pivot, integer_pivot
from .._lp import solve_lp
from ..errors import InvalidGameError, SolverError, UnsupportedGameError
from ..games.extensive_form import ExtensiveFormGame, chance_reach
from ..profiles import behaviour_profile, expected_payoffs, max_regret
from ..results import Equilibrium, SolveResult
from ._common import FLOAT_TOL
from ._registry import register, require_tree

__all__ = ["MAX_PIVOTS", "SequenceForm", "behaviour_from_plans", "realization_plans", "sequence_form", "sequence_form_of"]

#: Default bound on the pivots of one Lemke path.
MAX_PIVOTS = 100_000
#: Starting points tried when ``max_starts`` is None: the centroid and four pure strategy pairs.
DEFAULT_STARTS = 5
#: Exact LCPs with more rows than this follow the path in floats first and solve the final basis exactly
#: (measured: floats win from about 40 rows, by 2x at 60 and 6x at 130; below, integer pivoting takes milliseconds).
_FLOATS_FROM = 60
_FLOAT_TOL = 1e-9
#: The covering vector's entries on the equation rows, against payoff rows scaled into [-1, 0]: small weights give
#: short paths (measured on random trees of 300 to 800 nodes) and well-conditioned float tableaux.
_EQUATION_WEIGHT = Fraction(1, 100)
#: The float tableau is recomputed from the data (a dense solve, about N / 4 pivots' work) after
#: ``max(_REFACTOR_EVERY, N // 4)`` pivots, and when a pivot looks doubtful.
_REFACTOR_EVERY = 50
_ALGORITHMS = ("auto", "lcp", "lp")


# --- the sequence form ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, eq=False)
class SequenceForm:
    """The sequence form of a two-player tree with perfect recall.

    Attributes
    ----------
    game
        The tree.
    n_sequences
        ``(n1, n2)``: the number of sequences of each player (the empty one is 0).
    offsets
        Per player, the sequence number of the first action at each of their
        information sets (``game.infosets_of(p)`` order); action ``a`` at the
        ``k``-th set is sequence ``offsets[p][k] + a``.
    parent_sequence
        Per player, the sequence ``sigma(h)`` that leads to each of their sets.
    node_sequence
        ``node_sequence[p, n]``: player ``p``'s sequence on the path to node ``n``.
    E, F
        The constraint matrices (``int64``): ``E x = e`` and ``F y = f``, with
        ``e = f = (1, 0, ..., 0)``; row 0 is ``x_empty = 1``, row ``1 + k``
        the ``k``-th set.
    A, B
        The sequence-form payoff matrices, ``n1 x n2``, in the game's kind
        (object arrays of ints and Fractions, or floats).
    """

    game: ExtensiveFormGame
    n_sequences: tuple[int, int]
    offsets: tuple[np.ndarray, np.ndarray]
    parent_sequence: tuple[np.ndarray, np.ndarray]
    node_sequence: np.ndarray
    E: np.ndarray
    F: np.ndarray
    A: np.ndarray
    B: np.ndarray

    @property
    def e(self) -> np.ndarray:
        """The right-hand side of ``E x = e``: ``(1, 0, ..., 0)``."""
        return _unit(self.E.shape[0])

    @property
    def f(self) -> np.ndarray:
        """The right-hand side of ``F y = f``: ``(1, 0, ..., 0)``."""
        return _unit(self.F.shape[0])

    def sequence_labels(self, player: int) -> tuple[str, ...]:
        """Names of ``player``'s sequences: ``"∅"``, then ``"<set label>:<action>"``.

        Examples
        --------
        >>> from gametheory import catalog
        >>> sequence_form_of(catalog.entry_deterrence()).sequence_labels(1)
        ('∅', 'Incumbent:1:Fight', 'Incumbent:1:Accommodate')
        """
        game = self.game
        labels = ["∅"]
        for h in game.infosets_of(player):
            labels.extend(f"{game.infoset_labels[h]}:{a}" for a in game.infoset_actions[h])
        return tuple(labels)


def _unit(size: int) -> np.ndarray:
    out = np.zeros(size, dtype=np.int64)
    out[0] = 1
    return out


def _structure(game: ExtensiveFormGame) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray, list[int]]:
    """Per player the sequence offsets and parent sequences of their sets, the sequence at every node, and the sequence counts."""
    widths = np.array([len(a) for a in game.infoset_actions], dtype=np.int64)
    first_node = game.members[game.member_start[:-1]]
    global_offset = np.full(game.n_infosets, -1, dtype=np.int64)
    offsets, counts = [], []
    for p in range(2):
        sets = game.infosets_of(p)
        w = widths[sets.start : sets.stop]
        global_offset[sets.start : sets.stop] = 1 + np.cumsum(w) - w
        offsets.append(global_offset[sets.start : sets.stop].copy())
        counts.append(1 + int(w.sum()))
    node_sequence = np.zeros((2, game.n_nodes), dtype=np.int64)
    for start, stop in game._levels()[1:]:
        ups = game.parent[start:stop]
        who = game.mover[ups]
        moves = global_offset[game.infoset[ups]] + game.action[start:stop]
        for p in range(2):
            node_sequence[p, start:stop] = np.where(who == p, moves, node_sequence[p, ups])
    parents = []
    for p in range(2):
        sets = game.infosets_of(p)
        parents.append(node_sequence[p, first_node[sets.start : sets.stop]].copy())
    return offsets, parents, node_sequence, counts


def _constraints(offsets: np.ndarray, parents: np.ndarray, widths: np.ndarray, n_seq: int) -> np.ndarray:
    """The matrix ``E`` of ``E x = e``: row 0 is the empty sequence, row ``1 + k`` set ``k``."""
    E = np.zeros((1 + len(offsets), n_seq), dtype=np.int64)
    E[0, 0] = 1
    rows = 1 + np.arange(len(offsets))
    E[rows, parents] = -1
    action_rows = np.repeat(rows, widths)
    action_cols = np.repeat(offsets, widths) + (np.arange(int(widths.sum())) - np.repeat(np.cumsum(widths) - widths, widths))
    E[action_rows, action_cols] = 1
    return E


def _terminal_data(game: ExtensiveFormGame, exact: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Chance probability of each terminal and both players' payoffs there, exact (Fractions, floats read exactly) or float."""
    terminals = game.terminals
    weights = chance_reach(game)[terminals]
    pay = [np.asarray(game.payoffs[p]) for p in range(2)]
    if exact:
        if game.kind == "float":  # a float is a dyadic rational: read it exactly
            weights = np.array([Fraction(float(v)) for v in weights], dtype=object)
            pay = [np.array([Fraction(float(v)) for v in a], dtype=object) for a in pay]
        return np.asarray(weights, dtype=object), pay[0].astype(object), pay[1].astype(object)
    return np.asarray(weights, dtype=float), pay[0].astype(float), pay[1].astype(float)


def _payoff_matrix(node_sequence: np.ndarray, terminals: np.ndarray, values: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    out = np.zeros(shape, dtype=values.dtype)
    if values.dtype == object:
        out[...] = 0
    np.add.at(out, (node_sequence[0, terminals], node_sequence[1, terminals]), values)
    return out


def sequence_form_of(game: ExtensiveFormGame) -> SequenceForm:
    """The sequence form of a two-player tree with perfect recall (von Stengel 1996).

    Parameters
    ----------
    game
        A two-player exact or float tree with perfect recall.

    Returns
    -------
    SequenceForm
        Sequences, constraint matrices ``E, F`` and payoff matrices ``A, B``.

    Raises
    ------
    UnsupportedGameError
        If the game is not a two-player tree with perfect recall and exact or float payoffs.

    Examples
    --------
    In entry deterrence the entrant has the sequences ∅, Out, In and the
    incumbent ∅, Fight, Accommodate; ``A[Out, ∅]`` is the payoff of Out:

    >>> from gametheory import catalog
    >>> sf = sequence_form_of(catalog.entry_deterrence())
    >>> sf.n_sequences
    (3, 3)
    >>> sf.E.tolist()
    [[1, 0, 0], [-1, 1, 1]]
    >>> sf.A.tolist()
    [[0, 0, 0], [1, 0, 0], [0, 0, 2]]
    """
    require_tree(game, "sequence_form_of", players=2, kinds=("exact", "float"))
    offsets, parents, node_sequence, counts = _structure(game)
    widths = np.array([len(a) for a in game.infoset_actions], dtype=np.int64)
    matrices = []
    for p in range(2):
        sets = game.infosets_of(p)
        matrices.append(_constraints(offsets[p], parents[p], widths[sets.start : sets.stop], counts[p]))
    exact = game.kind == "exact"
    weights, a, b = _terminal_data(game, exact)
    terminals = game.terminals
    shape = (counts[0], counts[1])
    A = _payoff_matrix(node_sequence, terminals, weights * a, shape)
    B = _payoff_matrix(node_sequence, terminals, weights * b, shape)
    for array in (A, B, node_sequence, *matrices, *offsets, *parents):
        array.flags.writeable = False
    return SequenceForm(
        game, (counts[0], counts[1]), (offsets[0], offsets[1]), (parents[0], parents[1]), node_sequence, matrices[0], matrices[1], A, B
    )


def realization_plans(game: ExtensiveFormGame, profile: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The realization plans of a behaviour profile: each sequence's probability under its player's own choices.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory import catalog
    >>> x, y = realization_plans(catalog.entry_deterrence(), [[[F(1, 4), F(3, 4)]], [[1, 0]]])
    >>> [str(v) for v in x], [str(v) for v in y]
    (['1', '1/4', '3/4'], ['1', '1', '0'])
    """
    require_tree(game, "realization_plans", players=2, kinds=("exact", "float"))
    checked = behaviour_profile(game, profile, where="realization_plans()")
    offsets, parents, _, counts = _structure(game)
    plans = []
    for p in range(2):
        plan: list[Any] = [Fraction(1) if game.kind == "exact" else 1.0] + [None] * (counts[p] - 1)
        for k, probs in enumerate(checked[p]):  # a set's parent sequence belongs to an earlier set
            before = plan[int(parents[p][k])]
            for a, prob in enumerate(probs):
                plan[int(offsets[p][k]) + a] = before * prob
        plans.append(tuple(plan))
    return plans[0], plans[1]


def behaviour_from_plans(
    game: ExtensiveFormGame, plans: Sequence[Sequence[Any]]
) -> tuple[tuple[tuple[tuple[Any, ...], ...], ...], tuple[str, ...]]:
    """The behaviour profile of a pair of realization plans, and the labels of the sets where it is undetermined.

    Behaviour at set ``h`` is ``x_(h, a) / x_sigma(h)``; where the player's
    own earlier choices never reach ``h`` (``x_sigma(h) = 0``) it is not
    determined and set uniform.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory import catalog
    >>> profile, free = behaviour_from_plans(catalog.entry_deterrence(), [[1, 1, 0], [1, F(1, 2), F(1, 2)]])
    >>> profile[0], free
    (((Fraction(1, 1), Fraction(0, 1)),), ())
    """
    require_tree(game, "behaviour_from_plans", players=2, kinds=("exact", "float"))
    offsets, parents, _, counts = _structure(game)
    exact = game.kind == "exact"
    profile, free = [], []
    for p in range(2):
        plan = plans[p]
        if len(plan) != counts[p]:
            raise InvalidGameError(
                f"behaviour_from_plans(): the plan of {game.players[p]!r} must have {counts[p]} entries; got {len(plan)}"
            )
        rows = []
        for k, h in enumerate(game.infosets_of(p)):
            width = len(game.infoset_actions[h])
            values = [plan[int(offsets[p][k]) + a] for a in range(width)]
            if exact:
                values = [Fraction(v) for v in values]
                total: Any = Fraction(plan[int(parents[p][k])])
            else:
                values = [max(0.0, float(v)) for v in values]
                total = sum(values)  # renormalize rounding noise away
            if total == 0 or (not exact and total <= _FLOAT_TOL):
                free.append(game.infoset_labels[h])
                rows.append(tuple(Fraction(1, width) if exact else 1.0 / width for _ in range(width)))
            else:
                rows.append(tuple(v / total for v in values))
        profile.append(tuple(rows))
    return (profile[0], profile[1]), tuple(free)


# --- Lemke's algorithm ----------------------------------------------------------------------------
class _Lcp:
    """The LCP ``w = q + M z + d z0``, ``z = (x, y, p', p'', q', q'')``, in integers (payoffs shifted to be negative)."""

    def __init__(self, sf_structure: tuple[Any, ...], A: np.ndarray, B: np.ndarray, E: np.ndarray, F: np.ndarray):
        n1, n2 = A.shape
        k1, k2 = E.shape[0], F.shape[0]
        self.n1, self.n2, self.k1, self.k2 = n1, n2, k1, k2
        N = n1 + n2 + 2 * k1 + 2 * k2
        self.size = N
        M = np.zeros((N, N), dtype=object)
        M[...] = 0
        x0, y0, p1, p2 = 0, n1, n1 + n2, n1 + n2 + k1
        q1, q2 = p2 + k1, p2 + k1 + k2
        M[x0:y0, y0:p1] = -A
        M[x0:y0, p1:p2] = E.T
        M[x0:y0, p2:q1] = -E.T
        M[y0:p1, x0:y0] = -B.T
        M[y0:p1, q1:q2] = F.T
        M[y0:p1, q2:] = -F.T
        M[p1:p2, x0:y0] = -E
        M[p2:q1, x0:y0] = E
        M[q1:q2, y0:p1] = -F
        M[q2:, y0:p1] = F
        q = [0] * N
        q[p1], q[p2], q[q1], q[q2] = 1, -1, 1, -1
        self.M = M
        self.q = q
        self.A, self.B, self.E, self.F = A, B, E, F
        self.structure = sf_structure

    def covering(self, xs: Sequence[Fraction], ys: Sequence[Fraction]) -> list[int]:
        """The covering vector of the starting point ``(xs, ys)``, as positive integers.

        With the payoffs scaled into [-1, 0] (``A / a``, ``a = max |A|``)
        its blocks are ``-A ys / a + E^T lambda``, ``-B^T xs / b + F^T mu``
        and ``_EQUATION_WEIGHT`` on the equation rows; on the unscaled rows
        the first block is multiplied by ``a`` and the second by ``b``
        (see :func:`_float_problem`), and everything by
        ``D / _EQUATION_WEIGHT``, ``D`` the common denominator of the plans
        (a positive multiple of ``d`` gives the same path).
        """
        D = math.lcm(*(Fraction(v).denominator for v in (*xs, *ys)))
        X = np.array([int(Fraction(v) * D) for v in xs], dtype=object)
        Y = np.array([int(Fraction(v) * D) for v in ys], dtype=object)
        a = max(1, *(-int(v) for v in self.A.flat))
        b = max(1, *(-int(v) for v in self.B.flat))
        weight = _EQUATION_WEIGHT.denominator
        du = weight * (-self.A.dot(Y) + a * D * _neutral(self.E, *self.structure[0]))
        dv = weight * (-self.B.T.dot(X) + b * D * _neutral(self.F, *self.structure[1]))
        out = [int(v) for v in (*du, *dv)] + [D * _EQUATION_WEIGHT.numerator] * (2 * self.k1 + 2 * self.k2)
        if any(v <= 0 for v in out):
            raise SolverError("sequence_form(): internal error: the covering vector is not positive")
        return out


def _neutral(E: np.ndarray, offsets: np.ndarray, parents: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """``E^T lambda`` with every entry >= 1: it adds the constant ``lambda_0`` to the payoff of every realization plan."""
    k = len(offsets)
    lam = [0] * (1 + k)
    below: dict[int, int] = {}  # sequence -> sum of lambda over the sets it leads to
    for i in reversed(range(k)):  # a set's followers come later in the numbering
        lam[1 + i] = 1 + max(below.get(int(offsets[i]) + a, 0) for a in range(int(widths[i])))
        parent = int(parents[i])
        below[parent] = below.get(parent, 0) + lam[1 + i]
    lam[0] = 1 + below.get(0, 0)
    return np.asarray(E.T.dot(np.array(lam, dtype=object)), dtype=object)


class _IntTableau:
    """Lemke's algorithm on ``w - M z - d z0 = q`` in integers: ``det * basic_i + sum_j rows[i][j] * nonbasic_j = rows[i][-1]``.

    Variables: ``w_i`` is ``i``, ``z_j`` is ``N + j``, ``z0`` is ``2 N``.
    Entries are minors of the data times the sign of ``det``, updated by
    exact divisions (Bareiss); the lexicographic ratio test perturbs ``q`` by
    ``(eps, eps**2, ...)`` in the order of the ``w`` variables.
    """

    __slots__ = ("N", "basic", "col_of", "det", "nonbasic", "row_of", "rows")

    def __init__(self, M: list[list[int]], q: list[int], d: list[int]):
        N = len(q)
        self.N = N
        self.rows = [[-v for v in M[i]] + [-d[i], q[i]] for i in range(N)]
        self.det = 1
        self.basic = list(range(N))
        self.nonbasic = list(range(N, 2 * N + 1))
        self.row_of = list(range(N)) + [-1] * (N + 1)
        self.col_of = [-1] * N + list(range(N + 1))

    def _choose(self, c: int, candidates: list[int], sign: int) -> int:
        """The candidate row of the lexicographically smallest (``sign=1``) or largest (``sign=-1``) ratio."""
        rows = self.rows

        def better(v: int, a: int, v0: int, a0: int) -> int:
            # sign of (v/a - v0/a0) * sign; a and a0 have the same sign
            diff = (v * a0 - v0 * a) * (1 if a * a0 > 0 else -1)
            return diff * sign

        best = [candidates[0]]
        for i in candidates[1:]:
            cmp = better(rows[i][-1], rows[i][c], rows[best[0]][-1], rows[best[0]][c])
            if cmp < 0:
                best = [i]
            elif cmp == 0:
                best.append(i)
        if len(best) > 1:
            z0_row = self.row_of[2 * self.N]
            if z0_row in best:  # z0 can drop to 0 now: the path ends (the usual rule for Lemke's algorithm)
                return z0_row
            for label in range(self.N):  # columns of det * B^-1: independent, so some column breaks every tie
                col, basic_row = self.col_of[label], self.row_of[label]
                values = [(rows[i][col] if col >= 0 else (self.det if i == basic_row else 0), rows[i][c], i) for i in best]
                v0, a0, _ = values[0]
                keep = [values[0]]
                for v, a, i in values[1:]:
                    cmp = better(v, a, v0, a0)
                    if cmp < 0:
                        v0, a0, keep = v, a, [(v, a, i)]
                    elif cmp == 0:
                        keep.append((v, a, i))
                best = [i for _, _, i in keep]
                if len(best) == 1:
                    break
        return best[0]

    def start(self) -> int:
        """The first pivot: ``z0`` enters where ``q + d z0 >= 0`` first holds; returns the leaving variable."""
        c = self.col_of[2 * self.N]
        r = self._choose(c, list(range(self.N)), -1)
        leaving = self._pivot(c, r)
        # the pivot element -d_r was negative: negate every row to keep det > 0 (all divisions stay exact)
        self.rows = [[-v for v in row] for row in self.rows]
        self.det = -self.det
        return leaving

    def pivot(self, entering: int) -> int:
        c = self.col_of[entering]
        candidates = [i for i, row in enumerate(self.rows) if row[c] > 0]
        if not candidates:
            raise SolverError("sequence_form(): internal error: Lemke's path reached a secondary ray, which negative payoffs rule out")
        return self._pivot(c, self._choose(c, candidates, 1))

    def _pivot(self, c: int, p: int) -> int:
        entering, leaving = self.nonbasic[c], self.basic[p]
        self.det = integer_pivot(self.rows, p, c, self.det)
        self.basic[p], self.nonbasic[c] = entering, leaving
        self.row_of[entering], self.col_of[entering] = p, -1
        self.row_of[leaving], self.col_of[leaving] = -1, c
        return leaving

    def values(self, labels: range) -> list[Fraction]:
        return [Fraction(self.rows[r][-1], self.det) if (r := self.row_of[v]) >= 0 else Fraction(0) for v in labels]


class _FloatTrouble(Exception):
    """The float path failed; the caller redoes it in integers."""


class _FloatTableau:
    """The same path in floating point (basic columns kept as unit vectors), lexicographic under a tolerance."""

    __slots__ = ("N", "T", "basic", "col_of", "data", "nonbasic", "row_of", "since")

    def __init__(self, M: np.ndarray, q: np.ndarray, d: np.ndarray):
        N = len(q)
        self.N = N
        # the columns of every variable (w, z, z0) and the right-hand side, to refactor from
        self.data = np.hstack([np.eye(N), -M, -d[:, None], q[:, None]]).astype(float)
        # column-major: a pivot updates the few columns where the pivot row is nonzero
        self.T = np.asfortranarray(self.data[:, N:])
        self.basic = list(range(N))
        self.nonbasic = list(range(N, 2 * N + 1))
        self.row_of = list(range(N)) + [-1] * (N + 1)
        self.col_of = [-1] * N + list(range(N + 1))
        self.since = 0

    def refactor(self) -> None:
        """Recompute the tableau from the original data and the current basis, clearing accumulated rounding."""
        try:
            solved = np.linalg.solve(self.data[:, self.basic], self.data[:, [*self.nonbasic, -1]])
        except np.linalg.LinAlgError as error:
            raise _FloatTrouble("singular basis") from error
        self.T = np.asfortranarray(solved)
        self.since = 0

    def _choose(self, c: int, candidates: np.ndarray, sign: int) -> int:
        if self.since >= max(_REFACTOR_EVERY, self.N // 4):
            self.refactor()
        try:
            return self._choose_row(c, candidates, sign)
        except _FloatTrouble:
            if self.since == 0:
                raise
            self.refactor()
            return self._choose_row(c, candidates, sign)

    def _choose_row(self, c: int, candidates: np.ndarray, sign: int) -> int:
        T = self.T
        column = T[candidates, c]
        rhs = T[candidates, -1] if sign < 0 else np.maximum(T[candidates, -1], 0.0)  # a basic value is never negative
        ratios = sign * rhs / column
        low = float(ratios.min())
        tied = candidates[ratios <= low + _FLOAT_TOL * max(1.0, abs(low))]
        if len(tied) == 1:
            return int(tied[0])
        z0_row = self.row_of[2 * self.N]
        if z0_row in tied:  # z0 can drop to 0 now: the path ends
            return z0_row
        # the rows of B^-1 (perturbation columns, in the order of the w variables) divided by the pivot column
        cols = np.array(self.col_of[: self.N])
        basic_rows = np.array(self.row_of[: self.N])
        values = np.where(cols >= 0, T[np.ix_(tied, np.maximum(cols, 0))], (tied[:, None] == basic_rows[None, :]).astype(float))
        scaled = sign * values / T[tied, c][:, None]
        while len(tied) > 1:
            low, high = scaled.min(axis=0), scaled.max(axis=0)
            differ = np.flatnonzero(high - low > _FLOAT_TOL)
            if len(differ) == 0:
                raise _FloatTrouble("a lexicographic tie that floats cannot break")
            j = int(differ[0])
            keep = scaled[:, j] <= low[j] + _FLOAT_TOL
            tied, scaled = tied[keep], scaled[keep]
        return int(tied[0])

    def start(self) -> int:
        c = self.col_of[2 * self.N]
        return self._pivot(c, self._choose(c, np.arange(self.N), -1))

    def pivot(self, entering: int) -> int:
        c = self.col_of[entering]
        candidates = np.flatnonzero(self.T[:, c] > _FLOAT_TOL)
        if len(candidates) == 0:
            if self.since == 0:
                raise _FloatTrouble("no pivot row")
            self.refactor()
            return self.pivot(entering)
        return self._pivot(c, self._choose(c, candidates, 1))

    def _pivot(self, c: int, p: int) -> int:
        entering, leaving = self.nonbasic[c], self.basic[p]
        self.since += 1
        float_pivot(self.T, p, c)
        self.basic[p], self.nonbasic[c] = entering, leaving
        self.row_of[entering], self.col_of[entering] = p, -1
        self.row_of[leaving], self.col_of[leaving] = -1, c
        return leaving

    def values(self, labels: range) -> list[float]:
        return [max(0.0, float(self.T[r, -1])) if (r := self.row_of[v]) >= 0 else 0.0 for v in labels]


def _follow(tableau: _IntTableau | _FloatTableau, max_pivots: int, start_name: str) -> int:
    """Run Lemke's path to its end (``z0`` leaves); return the number of pivots."""
    N = tableau.N
    leaving = tableau.start()
    pivots = 1
    floats = isinstance(tableau, _FloatTableau)
    seen: set[int] = set()
    while leaving != 2 * N:
        if floats:
            # exact lexicographic pivoting never repeats a basis; floats that misjudge a near tie might
            key = hash(frozenset(tableau.basic))
            if key in seen:
                raise _FloatTrouble("the float path cycled")
            seen.add(key)
        if pivots >= max_pivots:
            raise SolverError(
                f"sequence_form(): the Lemke path from the starting point {start_name} did not end within max_pivots={max_pivots} pivots; "
                "raise max_pivots or lower max_starts"
            )
        entering = leaving + N if leaving < N else leaving - N
        leaving = tableau.pivot(entering)
        pivots += 1
    return pivots


def _sparse_solve(equations: list[dict[int, int]], rhs: list[int]) -> dict[int, Fraction] | None:
    """The unique solution of a square sparse system over the rationals (Markowitz-ordered elimination), or None."""
    rows = [{j: Fraction(v) for j, v in row.items()} for row in equations]
    b = [Fraction(v) for v in rhs]
    col_rows: dict[int, set[int]] = {}
    for i, row in enumerate(rows):
        for j in row:
            col_rows.setdefault(j, set()).add(i)
    if len(col_rows) != len(rows):
        return None
    remaining = set(range(len(rows)))
    order: list[tuple[int, int]] = []
    while remaining:
        r = min(remaining, key=lambda i: (len(rows[i]), i))
        row = rows[r]
        if not row:
            return None
        c = min(row, key=lambda j: (len(col_rows[j]), j))
        remaining.discard(r)
        order.append((r, c))
        for j in row:
            col_rows[j].discard(r)
        pv = row[c]
        for k in list(col_rows[c]):
            other = rows[k]
            factor = other[c] / pv
            for j, v in row.items():
                new = other.get(j, 0) - factor * v
                if new:
                    if j not in other:
                        col_rows[j].add(k)
                    other[j] = new
                elif j in other:
                    del other[j]
                    col_rows[j].discard(k)
            b[k] -= factor * b[r]
    solution: dict[int, Fraction] = {}
    for r, c in reversed(order):
        row = rows[r]
        solution[c] = (b[r] - sum((v * solution[j] for j, v in row.items() if j != c), Fraction(0))) / row[c]
    return solution


def _exact_basis(lcp: _Lcp, tableau: _FloatTableau) -> tuple[list[Fraction], list[Fraction]] | None:
    """Solve the complementary basis the float path ended at exactly; None unless it is a feasible solution of the LCP."""
    N = lcp.size
    tight = [i for i in range(N) if tableau.row_of[i] < 0]  # w_i nonbasic: w_i = 0
    support = [j for j in range(N) if tableau.row_of[N + j] >= 0]
    if len(tight) != len(support):
        return None
    where = set(support)
    M = lcp.M
    rows = [{j: int(M[i, j]) for j in support if M[i, j] != 0} for i in tight]
    solution = _sparse_solve(rows, [-lcp.q[i] for i in tight])
    if solution is None or any(v < 0 for v in solution.values()):
        return None
    z = [solution.get(j, Fraction(0)) if j in where else Fraction(0) for j in range(N)]
    nonzero = [j for j in support if z[j] != 0]
    # w = q + M z >= 0, in integers over the common denominator D of z
    D = math.lcm(*(z[j].denominator for j in nonzero)) if nonzero else 1
    Z = np.array([z[j].numerator * (D // z[j].denominator) for j in nonzero], dtype=object)
    basic_rows = [i for i in range(N) if tableau.row_of[i] >= 0]
    w = M[np.ix_(basic_rows, nonzero)].dot(Z) if nonzero and basic_rows else np.zeros(len(basic_rows), dtype=object)
    if any(lcp.q[i] * D + int(v) < 0 for i, v in zip(basic_rows, w)):
        return None
    n1, n2 = lcp.n1, lcp.n2
    return z[:n1], z[n1 : n1 + n2]


# --- starting points ------------------------------------------------------------------------------
def _plan_of_choice(offsets: np.ndarray, parents: np.ndarray, widths: np.ndarray, n_seq: int, choice: Sequence[Any]) -> list[Fraction]:
    """The realization plan of behaviour ``choice[k]`` (a tuple of probabilities per set)."""
    plan = [Fraction(1)] + [Fraction(0)] * (n_seq - 1)
    for k in range(len(offsets)):
        before = plan[int(parents[k])]
        for a in range(int(widths[k])):
            plan[int(offsets[k]) + a] = before * choice[k][a]
    return plan


def _starts(game: ExtensiveFormGame, structure: Any, counts: list[int], limit: int) -> list[tuple[str, list[Fraction], list[Fraction]]]:
    """Starting points: the centroid (uniform behaviour), then pure pairs "action i everywhere" x "action j everywhere"."""
    plans: list[list[tuple[str, list[Fraction]]]] = []
    for p in range(2):
        offsets, parents, widths = structure[p]
        uniform = [tuple(Fraction(1, int(w)) for _ in range(int(w))) for w in widths]
        options = [("centroid", _plan_of_choice(offsets, parents, widths, counts[p], uniform))]
        for i in range(int(widths.max(initial=1))):
            pure = [tuple(Fraction(int(a == min(i, int(w) - 1))) for a in range(int(w))) for w in widths]
            options.append((f"action {i}", _plan_of_choice(offsets, parents, widths, counts[p], pure)))
        plans.append(options)
    out = [("centroid", plans[0][0][1], plans[1][0][1])]
    seen = {(tuple(plans[0][0][1]), tuple(plans[1][0][1]))}
    pairs = sorted(((i, j) for i in range(1, len(plans[0])) for j in range(1, len(plans[1]))), key=lambda ij: (max(ij), ij))
    for i, j in pairs:
        (name1, x), (name2, y) = plans[0][i], plans[1][j]
        key = (tuple(x), tuple(y))
        if key not in seen:
            seen.add(key)
            out.append((f"({game.players[0]}: {name1}, {game.players[1]}: {name2})", x, y))
        if len(out) >= limit:
            break
    return out[:limit]


# --- certificates ---------------------------------------------------------------------------------
def _certified(game: ExtensiveFormGame, profile: Any) -> Equilibrium | None:
    regret = max_regret(game, profile)
    if game.kind == "exact":
        if regret != 0:
            return None
    else:
        scale = max(1.0, *(float(np.max(np.abs(np.asarray(a, dtype=float)))) for a in game.payoffs))
        if regret > FLOAT_TOL * scale:
            return None
    checked = behaviour_profile(game, profile, where="sequence_form()")
    return Equilibrium(profile=checked, payoffs=expected_payoffs(game, checked), max_regret=regret, concept="nash")


def _key(game: ExtensiveFormGame, eq: Equilibrium) -> tuple[Any, ...]:
    if game.kind == "exact":
        return eq.profile
    return tuple(round(float(v), 9) + 0.0 for strategy in eq.profile for probs in strategy for v in probs)


def _sort_key(eq: Equilibrium) -> tuple[float, ...]:
    return tuple(-float(v) for strategy in eq.profile for probs in strategy for v in probs)


# --- the two algorithms ---------------------------------------------------------------------------
def _integer_lcp(game: ExtensiveFormGame, sf: SequenceForm, structure: Any) -> _Lcp:
    """The LCP with payoffs shifted to be <= -1 at every terminal and scaled to integers (equilibria unchanged)."""
    weights, a, b = _terminal_data(game, exact=True)
    matrices = []
    for values in (a, b):
        top = max(values)
        terms = [Fraction(w) * (Fraction(v) - top - 1) for w, v in zip(weights, values)]  # each < 0
        scale = math.lcm(*(t.denominator for t in terms))  # a common denominator of every sum of terms
        integers = np.array([t.numerator * (scale // t.denominator) for t in terms], dtype=object)
        matrices.append(_payoff_matrix(sf.node_sequence, game.terminals, integers, sf.n_sequences))
    E = np.asarray(sf.E).astype(object)
    F = np.asarray(sf.F).astype(object)
    return _Lcp(structure, matrices[0], matrices[1], E, F)


def _float_problem(lcp: _Lcp, d: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Float copies of ``M, q, d``, each player's payoffs scaled into [-1, 0], without changing the path.

    Dividing player 1's payoff block ``-A`` and ``d`` on the same rows by
    ``s`` is the substitution ``p -> p / s``, ``u -> u / s``: every basis and
    every lexicographic comparison stays the same (likewise for player 2,
    and for scaling all of ``d``, which rescales ``z0``).
    """
    M = np.array(lcp.M, dtype=float)
    d_f = np.array([float(v) for v in d], dtype=float)
    n1, n2 = lcp.n1, lcp.n2
    for rows, cols in ((slice(0, n1), slice(n1, n1 + n2)), (slice(n1, n1 + n2), slice(0, n1))):
        top = float(np.abs(M[rows, cols]).max(initial=0.0))
        if top > 0:
            M[rows, cols] /= top
            d_f[rows] /= top
    return M, np.array(lcp.q, dtype=float), d_f / d_f.max()


def _lcp_equilibria(
    game: ExtensiveFormGame, sf: SequenceForm, max_starts: int, max_pivots: int
) -> tuple[list[Equilibrium], list[tuple[str, ...]], dict[str, Any]]:
    structure_full = _structure(game)
    widths_all = np.array([len(a) for a in game.infoset_actions], dtype=np.int64)
    structure = []
    for p in range(2):
        sets = game.infosets_of(p)
        structure.append((structure_full[0][p], structure_full[1][p], widths_all[sets.start : sets.stop]))
    lcp = _integer_lcp(game, sf, structure)
    starts = _starts(game, structure, list(sf.n_sequences), max_starts)
    n1, n2 = lcp.n1, lcp.n2
    found: dict[Any, tuple[Equilibrium, tuple[str, ...]]] = {}
    reached: dict[int, Any] = {}
    pivots: dict[int, int] = {}
    M_int: list[list[int]] | None = None
    for index, (name, xs, ys) in enumerate(starts):
        d = lcp.covering(xs, ys)
        result = None
        if lcp.size > _FLOATS_FROM or game.kind == "float":
            try:
                tableau = _FloatTableau(*_float_problem(lcp, d))
                count = _follow(tableau, max_pivots, name)
                if game.kind == "exact":
                    solved = _exact_basis(lcp, tableau)
                    if solved is not None:
                        result = _from_plans(game, solved)
                else:
                    N = lcp.size
                    result = _from_plans(game, (tableau.values(range(N, N + n1)), tableau.values(range(N + n1, N + n1 + n2))))
            except _FloatTrouble:
                result = None
        if result is None:
            if M_int is None:
                M_int = [[int(v) for v in row] for row in lcp.M.tolist()]
            int_tableau = _IntTableau(M_int, lcp.q, d)
            count = _follow(int_tableau, max_pivots, name)
            N = lcp.size
            x, y = int_tableau.values(range(N, N + n1)), int_tableau.values(range(N + n1, N + n1 + n2))
            plans: tuple[list[Any], list[Any]] = (x, y) if game.kind == "exact" else ([float(v) for v in x], [float(v) for v in y])
            result = _from_plans(game, plans)
            if result is None:
                raise SolverError(
                    f"sequence_form(): internal error: the Lemke path from {name} ended at a profile that fails its certificate"
                )
        eq, free = result
        key = _key(game, eq)
        found.setdefault(key, (eq, free))
        reached[index] = key
        pivots[index] = count
    ordered = sorted(found.items(), key=lambda item: _sort_key(item[1][0]))
    position = {key: i for i, (key, _) in enumerate(ordered)}
    details = {
        "starts": tuple(name for name, _, _ in starts),
        "start_to_equilibrium": MappingProxyType({i: position[key] for i, key in reached.items()}),
        "pivots": MappingProxyType(pivots),
    }
    return [eq for _, (eq, _) in ordered], [free for _, (_, free) in ordered], details


def _from_plans(game: ExtensiveFormGame, plans: tuple[Sequence[Any], Sequence[Any]]) -> tuple[Equilibrium, tuple[str, ...]] | None:
    profile, free = behaviour_from_plans(game, plans)
    eq = _certified(game, profile)
    return None if eq is None else (eq, free)


def _lp_equilibrium(game: ExtensiveFormGame, sf: SequenceForm) -> tuple[Equilibrium, tuple[str, ...], Any]:
    """Player 1's maximin LP over realization plans; its multipliers are player 2's minimax plan."""
    exact = game.kind == "exact"
    A = sf.A
    n1, n2 = sf.n_sequences
    E, F = sf.E.tolist(), sf.F.tolist()
    k1, k2 = len(E), len(F)
    # variables (x, q+, q-): F^T (q+ - q-) - A^T x <= 0, E x = e; maximize q_empty
    AT = A.T.tolist()
    A_ub = [[-v for v in AT[t]] + [F[h][t] for h in range(k2)] + [-F[h][t] for h in range(k2)] for t in range(n2)]
    A_eq = [list(E[h]) + [0] * (2 * k2) for h in range(k1)]
    c = [0] * n1 + [1] + [0] * (k2 - 1) + [-1] + [0] * (k2 - 1)
    b_eq = [1] + [0] * (k1 - 1)
    solution = solve_lp(c, A_ub, [0] * n2, A_eq, b_eq, method="auto" if exact else "highs")
    if not solution.optimal:
        raise SolverError(
            f"sequence_form(): internal error: the sequence-form LP is {solution.status}, but it is always feasible and bounded"
        )
    x = list(solution.x[:n1])
    y = list(solution.y_ub)
    result = _from_plans(game, (x, y))
    if result is None:
        raise SolverError("sequence_form(): internal error: the sequence-form LP solution fails its equilibrium certificate")
    eq, free = result
    value = solution.objective if not exact else Fraction(solution.objective)
    return eq, free, value


@register(
    "sequence_form",
    players=2,
    kinds=("exact", "float"),
    summary="equilibria of a 2-player tree with perfect recall via the sequence form: an LP if zero-sum, else Lemke's algorithm (not all)",
)
def sequence_form(
    game: ExtensiveFormGame, *, max_starts: int | None = None, algorithm: str = "auto", max_pivots: int = MAX_PIVOTS
) -> SolveResult:
    """Nash equilibria of a two-player tree with perfect recall, computed on its sequence form.

    The sequence form is linear in the size of the tree (the reduced normal
    form can be exponential). Zero-sum trees are solved by one linear
    program (von Stengel 1996), which gives the value and a pair of optimal
    behaviour strategies. Other trees are solved by Lemke's algorithm on the
    linear complementarity problem of Koller, Megiddo and von Stengel (1996),
    once per starting point (the centroid, then pure strategy pairs); the
    distinct equilibria found are returned. Exact games are solved exactly
    (integer pivoting with the lexicographic rule) and every equilibrium is
    certified on the tree. Neither method finds every equilibrium
    (``complete`` is False); use ``enumerate`` on ``game.to_normal_form()``
    for that.

    Parameters
    ----------
    game
        A two-player tree with perfect recall, exact or float.
    max_starts
        How many starting points (covering vectors of Lemke's algorithm) to
        try: the centroid, then "action i everywhere" for player 1 against
        "action j everywhere" for player 2. ``None`` means
        ``DEFAULT_STARTS`` (5). Ignored by the LP.
    algorithm
        ``"auto"`` (the LP for zero-sum trees, Lemke otherwise), ``"lcp"``
        or ``"lp"`` (zero-sum trees only).
    max_pivots
        The most pivots one Lemke path may take.

    Returns
    -------
    SolveResult
        Behaviour profiles (``profile[p][k]``: player ``p``'s probabilities at
        their ``k``-th set). ``details["unreached"][i]`` lists the sets
        where equilibrium ``i``'s behaviour is undetermined (the player's own
        moves never reach them; uniform there). The LP adds
        ``details["value"]`` (player 1's payoff); Lemke adds
        ``details["starts"]``, ``details["start_to_equilibrium"]`` and
        ``details["pivots"]``; ``details["algorithm"]`` says which ran.
        ``degenerate`` is None: ties in the ratio test are the rule in a
        sequence-form LCP, whatever the game.

    Raises
    ------
    UnsupportedGameError
        If the game is not a two-player tree with perfect recall and exact
        or float payoffs, or ``algorithm="lp"`` on a tree that is not zero-sum.
    InvalidGameError
        If an option is not valid.
    SolverError
        If a Lemke path takes more than ``max_pivots`` pivots.

    Examples
    --------
    Entry deterrence: from the centroid, Lemke's path ends at the
    subgame-perfect equilibrium (In, Accommodate):

    >>> from gametheory import catalog, solve
    >>> result = solve(catalog.entry_deterrence(), "sequence_form", max_starts=1)
    >>> result.strategy(0, 0), result.strategy(0, 1)
    ({'Entrant:1': {'Out': Fraction(0, 1), 'In': Fraction(1, 1)}}, {'Incumbent:1': {'Fight': Fraction(0, 1), 'Accommodate': Fraction(1, 1)}})

    Matching pennies played in sequence, the second mover not seeing the
    first, is zero-sum: one LP gives the value.

    >>> from gametheory import ExtensiveFormGame, decision
    >>> pennies = ExtensiveFormGame.from_tree(decision("Even", {
    ...     "Heads": decision("Odd", {"Heads": (1, -1), "Tails": (-1, 1)}, infoset="guess"),
    ...     "Tails": decision("Odd", {"Heads": (-1, 1), "Tails": (1, -1)}, infoset="guess")}))
    >>> result = solve(pennies, "sequence_form")
    >>> result.details["value"], result[0].profile
    (Fraction(0, 1), (((Fraction(1, 2), Fraction(1, 2)),), ((Fraction(1, 2), Fraction(1, 2)),)))
    """
    require_tree(game, "sequence_form", players=2, kinds=("exact", "float"))
    if max_starts is not None and (isinstance(max_starts, bool) or not isinstance(max_starts, int | np.integer) or max_starts < 1):
        raise InvalidGameError(f"sequence_form(): max_starts must be a positive int or None; got {max_starts!r}")
    if algorithm not in _ALGORITHMS:
        raise InvalidGameError(f"sequence_form(): algorithm must be one of {list(_ALGORITHMS)}; got {algorithm!r}")
    if isinstance(max_pivots, bool) or not isinstance(max_pivots, int | np.integer) or max_pivots < 1:
        raise InvalidGameError(f"sequence_form(): max_pivots must be a positive int; got {max_pivots!r}")
    zero_sum = bool(game.properties.zero_sum)
    if algorithm == "lp" and not zero_sum:
        raise UnsupportedGameError(
            "sequence_form(): algorithm='lp' needs a zero-sum tree (payoffs summing to 0 at every terminal); use 'lcp'"
        )
    sf = sequence_form_of(game)
    exact = game.kind == "exact"
    options = MappingProxyType({"max_starts": max_starts, "algorithm": algorithm, "max_pivots": max_pivots})
    if algorithm == "lp" or (algorithm == "auto" and zero_sum):
        eq, free, value = _lp_equilibrium(game, sf)
        return SolveResult(
            game,
            "sequence_form",
            exact,
            (eq,),
            options=options,
            details=MappingProxyType({"value": value, "unreached": (free,), "algorithm": "lp"}),
            complete=False,
        )
    limit = DEFAULT_STARTS if max_starts is None else int(max_starts)
    equilibria, free_sets, details = _lcp_equilibria(game, sf, limit, int(max_pivots))
    return SolveResult(
        game,
        "sequence_form",
        exact,
        tuple(equilibria),
        options=options,
        details=MappingProxyType({**details, "unreached": tuple(free_sets), "algorithm": "lcp"}),
        complete=False,
    )
