"""Every Nash equilibrium of a two-player game: extreme equilibria by vertex enumeration, then maximal Nash subsets.

The method (Avis, Rosenberg, Savani and von Stengel, 2010, "Enumeration of
Nash equilibria for two-player games", *Economic Theory* 42:9-37):

* shift payoffs to be positive; the best-response polytopes are
  ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``;
* a point is labelled by the constraints it makes tight; the extreme Nash
  equilibria are exactly the completely labelled pairs of nonzero vertices
  ``(x, y)``, degenerate games included;
* every equilibrium is a convex combination inside some maximal *clique*
  (a maximal complete bipartite subgraph of the graph of extreme equilibria).

Vertices are enumerated in floating point through Qhull (the polar of each
polytope is a convex hull); each tight set is then solved again *exactly* in
integers and every equilibrium passes an exact zero-regret certificate, so
answers are exact at close to float speed. Degenerate vertices (more tight
constraints than dimensions) keep all their labels, which is where
QuantEcon-style enumeration loses equilibria.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.spatial import ConvexHull, QhullError

from .._linalg import solve_integer_system
from ..errors import InvalidGameError, SolverError
from ..games.normal_form import NormalFormGame
from ..results import Equilibrium, SolveResult
from ._common import equilibrium, sort_key
from ._registry import register, require

__all__ = ["enumerate_equilibria", "extreme_equilibria", "polytope_vertices", "vertex_enumeration"]

_TOL = 1e-9
#: Up to this many bases, solving them all in one numpy batch beats Qhull's set-up cost.
_MAX_BATCHED_BASES = 64
#: Default work bound: the most vertices (by the upper bound theorem) a best-response polytope may have.
MAX_VERTICES = 1_000_000
#: Integer payoff spans past this may blur labels in the float stage; such games are enumerated exactly instead.
FLOAT_SAFE_SPAN = 10**9
#: A slack between _TOL and this is ambiguous in floats; an exact game with one is enumerated exactly instead.
_AMBIGUOUS = 1e-7
#: The exact enumeration tries every basis; past this many bases it is too slow and the float stage is used.
MAX_EXACT_BASES = 20_000


def vertex_bound(d: int, k: int) -> int:
    """Upper bound theorem (McMullen 1970): the most vertices a d-polytope with d + k facets can have.

    Examples
    --------
    >>> vertex_bound(10, 10)
    4004
    """
    facets = d + k
    if d <= 1:
        return 2
    half, ceil_half = d // 2, (d + 1) // 2
    return math.comb(facets - ceil_half, half) + math.comb(facets - half - 1, ceil_half - 1)


def _positive_matrices(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray, Any, Any]:
    """Float matrices with entries in [1, 2] and the positive integer (or float) matrices they scale."""
    if game.kind == "exact":
        A, B = game.integer_payoffs()[0]
    else:
        A, B = (np.asarray(a, dtype=float) for a in game.payoffs)
    out = []
    for M in (A, B):
        low = M.min()
        shifted = M - low + 1  # entries >= 1
        span = float(shifted.max()) - 1.0
        scaled = np.ones(M.shape) if span == 0 else 1.0 + (np.asarray(shifted, dtype=float) - 1.0) / span
        out.append((scaled, shifted))
    return out[0][0], out[1][0], out[0][1], out[1][1]


def _labels(C: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """Labels of the points ``Z`` (rows) of ``{z >= 0, C z <= 1}``: first z_i = 0, then (C z)_j = 1."""
    return np.hstack([Z <= _TOL, (C @ Z.T).T >= 1 - _TOL])


def _vertices_by_bases(C: np.ndarray) -> np.ndarray:
    """Every vertex of ``{z >= 0, C z <= 1}`` by solving every set of d tight constraints at once (small games)."""
    k, d = C.shape
    G = np.vstack([-np.eye(d), C])
    h = np.concatenate([np.zeros(d), np.ones(k)])
    bases = np.array(list(itertools.combinations(range(d + k), d)))
    systems = G[bases]
    regular = np.abs(np.linalg.det(systems)) > 1e-12
    Z = np.linalg.solve(systems[regular], h[bases[regular]][..., None])[..., 0]
    feasible = np.all(Z >= -_TOL, axis=1) & np.all(Z @ C.T <= 1 + _TOL, axis=1)
    return Z[feasible]


def _vertices_by_hull(C: np.ndarray) -> np.ndarray:
    """Vertices of ``{z >= 0, C z <= 1}`` (C > 0) from the facets of the polar's convex hull."""
    d = C.shape[1]
    t = 1.0 / (4.0 * d * float(C.max()))  # c = t*1 is strictly inside
    points = np.vstack([-np.eye(d) / t, C / (1.0 - C.sum(axis=1, keepdims=True) * t)])
    try:
        hull = ConvexHull(points)
    except QhullError:
        hull = ConvexHull(points, qhull_options="QJ")
    # facet n.p + o = 0  <=>  p.w = 1 with w = -n/o = z - c
    normals, offsets = hull.equations[:, :-1], hull.equations[:, -1]
    return t - normals / offsets[:, None]


def _ambiguous(C: np.ndarray, Z: np.ndarray) -> bool:
    """True when some slack is too close to zero to call tight or loose with confidence in floats."""
    slack = np.hstack([Z, 1 - (C @ Z.T).T])
    return bool(np.any((slack > _TOL) & (slack < _AMBIGUOUS)))


def polytope_vertices(C: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The nonzero vertices of ``{z >= 0, C z <= 1}`` for a positive matrix ``C`` (k x d), with their labels.

    Returns ``(Z, L)``: one vertex per row of ``Z`` and a boolean label
    matrix ``L`` with ``d + k`` columns (``z_i = 0`` first, then ``(C z)_j = 1``).
    Vertices are identified by their label sets, so the several simplicial
    facets Qhull reports for one degenerate vertex count once.

    Examples
    --------
    >>> Z, L = polytope_vertices(np.array([[1.0, 2.0], [2.0, 1.0]]))
    >>> sorted(map(tuple, np.round(Z, 6).tolist())), L.sum(axis=1).tolist()
    ([(0.0, 0.5), (0.333333, 0.333333), (0.5, 0.0)], [2, 2, 2])
    """
    k, d = C.shape
    Z = _vertices_by_bases(C) if d == 1 or math.comb(d + k, d) <= _MAX_BATCHED_BASES else _vertices_by_hull(C)
    Z = Z[np.any(Z > _TOL, axis=1)]  # drop the origin
    L = _labels(C, Z)
    _, first = np.unique(np.packbits(L, axis=1), axis=0, return_index=True)
    first.sort()
    Z = Z[first]
    Z[L[first][:, :d]] = 0.0  # tight coordinates are zero, not float noise
    return Z, L[first]


class _ExactVertices:
    """Exact coordinates of vertices of ``{z >= 0, C z <= 1}`` (C a positive integer matrix), solved from label sets."""

    def __init__(self, C: Any, exact: bool):
        self.C = C
        self.exact = exact
        self.cache: dict[bytes, Any] = {}

    def solve(self, labels: np.ndarray) -> tuple[Any, ...] | None:
        key = labels.tobytes()
        if key not in self.cache:
            self.cache[key] = self._solve(labels)
        return self.cache[key]

    def _solve(self, labels: np.ndarray) -> tuple[Any, ...] | None:
        k, d = self.C.shape
        support = [i for i in range(d) if not labels[i]]
        tight = [j for j in range(k) if labels[d + j]]
        if not support:
            return None
        if self.exact:
            rows = [[self.C[j, i] for i in support] for j in tight]
            values = solve_integer_system(rows, [1] * len(tight))
            if values is None:
                return None
            z: list[Any] = [Fraction(0)] * d
        else:
            M = np.asarray(self.C, dtype=float)[np.ix_(tight, support)]
            solution, *_ = np.linalg.lstsq(M, np.ones(len(tight)), rcond=None)
            values = list(solution)
            z = [0.0] * d
        for i, v in zip(support, values, strict=True):
            z[i] = v
        total = sum(z)
        if any(v < 0 for v in z) or total <= 0:
            return None
        return tuple(v / total for v in z)


def _complementary_pairs(LX: np.ndarray, LY: np.ndarray, m: int, n: int) -> list[tuple[int, int]]:
    """Index pairs (x, y) whose label sets together cover every label.

    A vertex of P with exactly m labels (the rule, and every vertex in a
    nondegenerate game) pairs only with the vertices of Q whose labels include
    its complement: with exactly n labels, that complement itself, found by a
    hash join. Degenerate vertices (extra labels) are few and checked against all.
    """
    full_x = LX.sum(axis=1) == m
    full_y = LY.sum(axis=1) == n
    ix, iy = np.flatnonzero(full_x), np.flatnonzero(full_y)
    keys_x, keys_y = _keys(~LX[ix]), _keys(LY[iy])  # distinct vertices have distinct label sets
    order = np.argsort(keys_y)
    where = np.searchsorted(keys_y[order], keys_x).clip(max=max(len(order) - 1, 0))
    hit = (keys_y[order][where] == keys_x) if len(order) else np.zeros(len(ix), dtype=bool)
    pairs = list(zip(ix[hit].tolist(), iy[order][where[hit]].tolist(), strict=True))
    extra_x, extra_y = np.flatnonzero(~full_x), np.flatnonzero(~full_y)
    missing_x, missing_y = (~LX).astype(np.float32), (~LY).astype(np.float32)
    if len(extra_x):
        covered = (missing_x[extra_x] @ missing_y.T) == 0
        pairs += [(int(extra_x[a]), int(b)) for a, b in np.argwhere(covered)]
    if len(extra_y):
        covered = (missing_x[ix] @ missing_y[extra_y].T) == 0
        pairs += [(int(ix[a]), int(extra_y[b])) for a, b in np.argwhere(covered)]
    return pairs


def _keys(L: np.ndarray) -> np.ndarray:
    """One sortable key per label row (a bit pattern)."""
    if L.shape[1] <= 62:
        return L.astype(np.int64) @ (np.int64(1) << np.arange(L.shape[1], dtype=np.int64))
    packed = np.packbits(L, axis=1)
    return np.array([row.tobytes() for row in packed], dtype=object)


def _span(M: Any) -> int:
    return int(M.max()) - int(M.min())


def exact_polytope_vertices(C: Any) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`polytope_vertices` for a positive *integer* matrix, exactly: every basis is solved in integers.

    Used when payoffs span so many orders of magnitude that float labels could
    blur; the cost is one exact solve per basis, ``comb(d + k, d)`` in all.
    """
    k, d = C.shape
    rows = [[-int(i == j) for j in range(d)] for i in range(d)] + [[int(v) for v in C[j]] for j in range(k)]
    rhs = [0] * d + [1] * k
    vertices: dict[tuple[bool, ...], tuple[Fraction, ...]] = {}
    for basis in itertools.combinations(range(d + k), d):
        z = solve_integer_system([rows[i] for i in basis], [rhs[i] for i in basis])
        if z is None or any(v < 0 for v in z) or not any(z):
            continue
        slack = [1 - sum(int(c) * v for c, v in zip(C[j], z, strict=True)) for j in range(k)]
        if any(v < 0 for v in slack):
            continue
        vertices[tuple(v == 0 for v in z) + tuple(v == 0 for v in slack)] = tuple(z)
    labels = np.array(list(vertices), dtype=bool).reshape(-1, d + k)
    return np.array([[float(v) for v in z] for z in vertices.values()]).reshape(-1, d), labels


def extreme_equilibria(
    game: NormalFormGame, *, method: str = "vertex_enumeration", max_vertices: int = MAX_VERTICES
) -> tuple[list[Equilibrium], list[tuple[int, int]], bool]:
    """Every extreme Nash equilibrium, the (x-vertex, y-vertex) ids of each, and whether the game is degenerate."""
    m, n = game.shape
    bound = max(vertex_bound(m, n), vertex_bound(n, m))
    if bound > max_vertices:
        raise SolverError(
            f"{method}(): a {m}x{n} game's best-response polytopes may have up to {bound:,} vertices (upper bound theorem), "
            f"past max_vertices={max_vertices:,}; pass a larger max_vertices to try anyway, or use 'lemke_howson' for some equilibria"
        )
    Af, Bf, Ai, Bi = _positive_matrices(game)
    exact_affordable = game.kind == "exact" and math.comb(m + n, m) <= MAX_EXACT_BASES
    Xf = Yf = None
    if not (exact_affordable and max(_span(Ai), _span(Bi)) > FLOAT_SAFE_SPAN):
        Xf, LX = polytope_vertices(Bf.T)
        Yf, LYlocal = polytope_vertices(Af)
        if exact_affordable and (_ambiguous(Bf.T, Xf) or _ambiguous(Af, Yf)):
            Xf = Yf = None
    if Xf is None or Yf is None:
        Xf, LX = exact_polytope_vertices(np.asarray(Bi).T)
        Yf, LYlocal = exact_polytope_vertices(np.asarray(Ai))
    LY = np.hstack([LYlocal[:, n:], LYlocal[:, :n]])  # to global labels: rows 0..m-1, columns m..m+n-1
    pairs = _complementary_pairs(LX, LY, m, n)
    exact = game.kind == "exact"
    xs = _ExactVertices(np.asarray(Bi).T, exact)
    ys = _ExactVertices(np.asarray(Ai), exact)
    degenerate = bool(LX.sum(axis=1).max(initial=0) > m or LY.sum(axis=1).max(initial=0) > n)
    found: dict[tuple[Any, ...], tuple[Equilibrium, tuple[Any, Any]]] = {}
    for a, b in pairs:
        x = xs.solve(LX[a])
        y = ys.solve(LYlocal[b])
        if x is None or y is None:
            continue
        eq = equilibrium(game, (x, y), method=method)
        if eq is not None and eq.profile not in found:
            found[eq.profile] = (eq, (x, y))
    ordered = sorted(found.values(), key=lambda item: sort_key(item[0]))
    x_ids: dict[Any, int] = {}
    y_ids: dict[Any, int] = {}
    edges = [(x_ids.setdefault(x, len(x_ids)), y_ids.setdefault(y, len(y_ids))) for _, (x, y) in ordered]
    return [eq for eq, _ in ordered], edges, degenerate


def _cliques(edges: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Maximal bicliques of the bipartite graph of extreme equilibria, as sets of equilibrium indices.

    Each maximal biclique ``X x Y`` is a maximal convex set of equilibria
    (``conv X x conv Y``). The family is generated as the closure of the
    neighbourhoods under intersection, which is small for the graphs that arise.
    """
    neighbours: dict[int, frozenset[int]] = {}
    for x, y in edges:
        neighbours[x] = neighbours.get(x, frozenset()) | {y}
    closed: set[frozenset[int]] = set(neighbours.values())
    frontier = set(closed)
    while frontier:
        new = {a & b for a in frontier for b in closed} - closed - {frozenset()}
        closed |= new
        frontier = new
    bicliques = set()
    for ys in closed:
        xs = frozenset(x for x, nb in neighbours.items() if ys <= nb)
        bicliques.add((xs, ys))
    maximal = [(xs, ys) for xs, ys in bicliques if not any(xs <= xs2 and ys <= ys2 and (xs, ys) != (xs2, ys2) for xs2, ys2 in bicliques)]
    result = [tuple(i for i, (x, y) in enumerate(edges) if x in xs and y in ys) for xs, ys in maximal]
    return sorted(result)


def _components(edges: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Connected components of the graph of extreme equilibria (two share a component if linked by shared strategies)."""
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[int, int], int] = {}
    for i, (x, y) in enumerate(edges):
        for key in ((0, x), (1, y)):
            if key in first_with:
                parent[find(i)] = find(first_with[key])
            else:
                first_with[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(edges)):
        groups.setdefault(find(i), []).append(i)
    return sorted(tuple(g) for g in groups.values())


def _check_bound(method: str, max_vertices: Any) -> None:
    if not isinstance(max_vertices, int) or isinstance(max_vertices, bool) or max_vertices < 1:
        raise InvalidGameError(f"{method}(): max_vertices must be a positive int; got {max_vertices!r}")


@register(
    "vertex_enumeration",
    players=2,
    kinds=("exact", "float"),
    summary="every extreme equilibrium of a 2-player game (vertex pairs of the best-response polytopes)",
)
def vertex_enumeration(game: NormalFormGame, *, max_vertices: int = MAX_VERTICES) -> SolveResult:
    """Every extreme Nash equilibrium of a two-player game by vertex enumeration.

    Like :func:`enumerate_equilibria` but without the maximal convex sets.
    ``max_vertices`` is the work bound explained there.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> [eq.profile for eq in vertex_enumeration(g)]  # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))),
     ((Fraction(3, 5), Fraction(2, 5)), (Fraction(2, 5), Fraction(3, 5))),
     ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))]
    """
    require(game, "vertex_enumeration", players=2, kinds=("exact", "float"))
    _check_bound("vertex_enumeration", max_vertices)
    equilibria, _, degenerate = extreme_equilibria(game, method="vertex_enumeration", max_vertices=max_vertices)
    return SolveResult(game, "vertex_enumeration", game.kind == "exact", tuple(equilibria), degenerate=degenerate, complete=True)


@register(
    "enumerate",
    players=2,
    kinds=("exact", "float"),
    summary="every Nash equilibrium of a 2-player game: extreme equilibria and the maximal convex sets they span",
)
def enumerate_equilibria(game: NormalFormGame, *, max_vertices: int = MAX_VERTICES) -> SolveResult:
    """Every Nash equilibrium of a two-player game, degenerate games included.

    Returns every extreme equilibrium; ``result.cliques`` lists the maximal
    convex sets of equilibria (each the convex hull of the listed extreme
    equilibria, the "cliques" of lrsnash and Gambit) and ``result.components``
    the connected components. Together they describe *all* equilibria.

    The work grows with the number of vertices of the best-response
    polytopes, exponential in the worst case. Before starting, the solver
    bounds it by the upper bound theorem and refuses (``SolverError``) past
    ``max_vertices`` (default 1,000,000: every game up to 15x15 passes, a 20x20
    game does not). Payoffs spanning more than nine orders of magnitude (after
    scaling to integers), or vertices with a slack too close to zero to
    classify in floats, are enumerated exactly basis by basis instead,
    when that is affordable (at most 20,000 bases).

    Examples
    --------
    A degenerate game with a continuum of equilibria (the row player is
    indifferent whenever the column player plays ``L``):

    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 0], [1, 0]])
    >>> r = enumerate_equilibria(g)
    >>> r.degenerate, len(r), r.cliques
    (True, 2, ((0, 1),))
    """
    require(game, "enumerate", players=2, kinds=("exact", "float"))
    _check_bound("enumerate", max_vertices)
    equilibria, edges, degenerate = extreme_equilibria(game, method="enumerate", max_vertices=max_vertices)
    return SolveResult(
        game,
        "enumerate",
        game.kind == "exact",
        tuple(equilibria),
        degenerate=degenerate,
        components=tuple(_components(edges)),
        cliques=tuple(_cliques(edges)),
        complete=True,
    )
