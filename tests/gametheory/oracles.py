"""Independent oracles for two-player Nash equilibria: lrsnash, nashpy and pygambit.

Each helper turns a :class:`~gametheory.NormalFormGame` into the oracle's
input, runs it and reads its answer back into plain Python values (profiles
as tuples of tuples, exact ones as :class:`~fractions.Fraction`), so tests can
compare sets of equilibria without trusting any of our own solver code.

* ``lrsnash`` (lrslib, Avis et al.) enumerates the extreme equilibria of any
  bimatrix game exactly, degenerate games included, and prints them grouped
  by the vertex ``x`` of player 1: each group is ``{x} x Y(x)``.
* ``nashpy`` works in floating point and can miss equilibria of degenerate
  games, so it is only an oracle for generic games.
* ``pygambit`` (optional) enumerates extreme equilibria exactly with
  ``enummixed_solve(game, rational=True)``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from gametheory import NormalFormGame

__all__ = [
    "Profile",
    "close_profile_sets",
    "exact_profiles",
    "lrsnash_graph",
    "lrsnash_input",
    "lrsnash_path",
    "maximal_bicliques",
    "nashpy_equilibria",
    "parse_lrsnash",
    "pygambit_equilibria",
    "pygambit_game",
]

#: One mixed profile of a two-player game: (x, y).
Profile = tuple[tuple[Any, ...], tuple[Any, ...]]
#: The bipartite graph of extreme equilibria: each x-vertex mapped to the y-vertices it pairs with.
Graph = Mapping[tuple[Fraction, ...], frozenset[tuple[Fraction, ...]]]


def exact_profiles(result: Any) -> frozenset[Profile]:
    """The equilibria of a :class:`~gametheory.SolveResult` as a set of profiles.

    Examples
    --------
    >>> from gametheory import NormalFormGame, solve
    >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> sorted(exact_profiles(solve(g, "enumerate")))[0]
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    return frozenset((tuple(eq.profile[0]), tuple(eq.profile[1])) for eq in result.equilibria)


# --------------------------------------------------------------------------- lrsnash


def lrsnash_path() -> str | None:
    """The ``lrsnash`` executable on ``PATH``, or ``None`` when lrslib is not installed.

    Examples
    --------
    >>> lrsnash_path() is None or lrsnash_path().endswith("lrsnash")
    True
    """
    return shutil.which("lrsnash")


def lrsnash_input(game: NormalFormGame) -> str:
    """The lrsnash input file for a two-player exact game: ``m n``, then ``A`` and ``B`` row by row.

    Payoffs are written as integers (each player's payoffs scaled by a
    positive integer, which changes no equilibrium), so nothing depends on how
    lrsnash parses fractions.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[Fraction(1, 2), 1]], [[3, -1]])
    >>> print(lrsnash_input(g))
    1 2
    <BLANKLINE>
    1 2
    <BLANKLINE>
    3 -1
    <BLANKLINE>
    """
    (A, B), _ = game.integer_payoffs()
    m, n = game.shape
    blocks = ["\n".join(" ".join(str(int(v)) for v in row) for row in M) for M in (A, B)]
    return f"{m} {n}\n\n" + "\n\n".join(blocks) + "\n"


def parse_lrsnash(text: str, m: int, n: int) -> tuple[tuple[tuple[Fraction, ...], tuple[tuple[Fraction, ...], ...]], ...]:
    """The groups lrsnash prints: ``(x, (y_1, y_2, ...))`` for each vertex ``x`` of player 1.

    A group is one or more lines ``2 y_1 .. y_n payoff1`` followed by one line
    ``1 x_1 .. x_m payoff2``; every ``(x, y_k)`` is an extreme equilibrium.
    Lines starting with ``*`` are comments.

    Examples
    --------
    >>> out = "*lrsnash: v7\\n2  1  0  0\\n2  0  1  0\\n1  1  0  0\\n\\n*Number of equilibria found: 2\\n"
    >>> parse_lrsnash(out, 2, 2)  # doctest: +NORMALIZE_WHITESPACE
    (((Fraction(1, 1), Fraction(0, 1)),
      ((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))),)
    """
    groups = []
    ys: list[tuple[Fraction, ...]] = []
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("*"):
            continue
        values = tuple(Fraction(v) for v in fields[1:])
        if fields[0] == "2" and len(values) == n + 1:
            ys.append(values[:n])
        elif fields[0] == "1" and len(values) == m + 1:
            if not ys:
                raise ValueError(f"parse_lrsnash(): a player-1 line with no player-2 line before it: {line!r}")
            groups.append((values[:m], tuple(ys)))
            ys = []
        else:
            raise ValueError(f"parse_lrsnash(): unexpected line for a {m}x{n} game: {line!r}")
    if ys:
        raise ValueError("parse_lrsnash(): output ended with player-2 lines and no player-1 line")
    return tuple(groups)


def lrsnash_graph(game: NormalFormGame, executable: str | None = None, timeout: float = 60.0) -> Graph:
    """Run lrsnash on ``game``: the graph of its extreme equilibria, x-vertex -> set of y-vertices.

    The set of extreme equilibria is ``{(x, y) for x, ys in graph.items() for y in ys}``.
    Raises ``FileNotFoundError`` when lrsnash is not installed.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    >>> lrsnash_path() is None or len(lrsnash_graph(g)) == 2
    True
    """
    executable = executable or lrsnash_path()
    if executable is None:
        raise FileNotFoundError("lrsnash_graph(): lrsnash is not installed (Debian/Ubuntu: apt-get install lrslib)")
    m, n = game.shape
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.txt"
        path.write_text(lrsnash_input(game))
        done = subprocess.run([executable, str(path)], capture_output=True, text=True, timeout=timeout, check=True)
    graph: dict[tuple[Fraction, ...], frozenset[tuple[Fraction, ...]]] = {}
    for x, ys in parse_lrsnash(done.stdout, m, n):
        graph[x] = graph.get(x, frozenset()) | frozenset(ys)
    return graph


def maximal_bicliques(graph: Graph) -> frozenset[frozenset[Profile]]:
    """The maximal complete bipartite subgraphs of ``graph``, each as its set of (x, y) profiles.

    Brute force over the subsets of the smaller side that still have a common
    neighbour (an independent check of the solver's own clique algorithm, fine
    for the small graphs of tests): every
    maximal biclique ``X x Y`` has ``Y`` equal to the common neighbours of ``X``
    and ``X`` equal to the common neighbours of ``Y``.

    Examples
    --------
    >>> graph = {(1,): frozenset({(0,), (1,)}), (2,): frozenset({(1,)})}
    >>> sorted(sorted(c) for c in maximal_bicliques(graph))
    [[((1,), (0,)), ((1,), (1,))], [((1,), (1,)), ((2,), (1,))]]
    """
    edges = {(x, y) for x, ys in graph.items() for y in ys}
    xs = sorted(graph)
    ys = sorted({y for _, y in edges})
    swap = len(ys) < len(xs)
    left, right = (ys, xs) if swap else (xs, ys)

    def linked(a: Any, b: Any) -> bool:
        return ((b, a) if swap else (a, b)) in edges

    neighbours = {a: frozenset(b for b in right if linked(a, b)) for a in left}
    closed = set()
    # depth-first over subsets of `left` in index order, pruned once no common neighbour is left
    stack: list[tuple[int, frozenset[Any]]] = [(i + 1, neighbours[a]) for i, a in enumerate(left) if neighbours[a]]
    while stack:
        start, common = stack.pop()
        closure = frozenset(a for a in left if common <= neighbours[a])
        closed.add((closure, common))
        stack.extend((j + 1, common & neighbours[left[j]]) for j in range(start, len(left)) if common & neighbours[left[j]])
    maximal = [(a, b) for a, b in closed if not any(a <= a2 and b <= b2 and (a, b) != (a2, b2) for a2, b2 in closed)]
    return frozenset(frozenset(((b, a) if swap else (a, b)) for a in sa for b in sb) for sa, sb in maximal)


# --------------------------------------------------------------------------- nashpy


def nashpy_equilibria(game: NormalFormGame, method: str = "vertex_enumeration") -> list[tuple[np.ndarray, np.ndarray]]:
    """nashpy's equilibria of a two-player game (floats), by ``vertex_enumeration`` or ``support_enumeration``.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [(x.tolist(), y.tolist()) for x, y in nashpy_equilibria(g, "support_enumeration")]
    [([0.5, 0.5], [0.5, 0.5])]
    """
    import warnings

    import nashpy

    if method not in ("vertex_enumeration", "support_enumeration"):
        raise ValueError(f"nashpy_equilibria(): method must be 'vertex_enumeration' or 'support_enumeration'; got {method!r}")
    A, B = game.float_payoffs()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns about degenerate games; the caller decides what to do
        return [(np.asarray(x, dtype=float), np.asarray(y, dtype=float)) for x, y in getattr(nashpy.Game(A, B), method)()]


def close_profile_sets(ours: Iterable[Profile], theirs: Iterable[Any], tol: float = 1e-8) -> bool:
    """True when every profile of each list is within ``tol`` (max norm) of one of the other.

    Examples
    --------
    >>> close_profile_sets([((Fraction(1, 3), Fraction(2, 3)), (1, 0))], [([0.3333333333, 0.6666666667], [1.0, 0.0])])
    True
    >>> close_profile_sets([((1, 0), (1, 0))], [])
    False
    """

    def flat(profile: Any) -> np.ndarray:
        return np.concatenate([np.asarray([float(p) for p in strategy]) for strategy in profile])

    a = [flat(p) for p in ours]
    b = [flat(p) for p in theirs]
    return all(any(np.max(np.abs(u - v)) <= tol for v in b) for u in a) and all(any(np.max(np.abs(u - v)) <= tol for u in a) for v in b)


# --------------------------------------------------------------------------- pygambit


def pygambit_game(game: NormalFormGame) -> Any:
    """The same two-player game as a ``pygambit.Game`` (integer-scaled payoffs, exact).

    Examples
    --------
    >>> import pytest
    >>> gbt = pytest.importorskip("pygambit")
    >>> len(pygambit_game(NormalFormGame.from_bimatrix([[1, 2]], [[0, 1]])).players)
    2
    """
    import pygambit

    arrays, _ = game.integer_payoffs()
    # strings keep arbitrary-size integers exact on the way in
    return pygambit.Game.from_arrays(*(np.vectorize(str, otypes=[object])(a) for a in arrays))


def pygambit_equilibria(game: NormalFormGame, rational: bool = True) -> frozenset[Profile]:
    """Gambit's ``enummixed_solve`` on ``game``: its extreme equilibria (Fractions when ``rational``).

    Examples
    --------
    >>> import pytest
    >>> gbt = pytest.importorskip("pygambit")
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> sorted(pygambit_equilibria(pd))
    [((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))]
    """
    import pygambit

    g = pygambit_game(game)
    result = pygambit.nash.enummixed_solve(g, rational=rational)
    convert = Fraction if rational else float
    out = set()
    for eq in result.equilibria:
        x, y = (tuple(convert(eq[s]) for s in player.strategies) for player in g.players)
        out.add((x, y))
    return frozenset(out)
