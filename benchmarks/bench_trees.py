"""Backward induction on large perfect-information trees: ours (arrays) against plain recursive Python and Gambit.

Run ``python benchmarks/bench_trees.py`` (``--sizes 10000 100000 1000000``).
Random trees: every node has 0 to 3 children (at least one at the root
level), two players, integer payoffs uniform in [-1000, 1000]. Times are the
median of ``--repeats`` runs on one core; "first call" includes converting the
exact payoffs to int64 once per game. Gambit (pygambit, where installed) has
no subgame-perfect solver (it was removed, gambit issues #523, #567, #639), so
its sequence-form LCP (``lcp_solve``, floating point; on a tree it returns one equilibrium) on the
same tree is the nearest comparison; it runs only up to ``--gambit-max`` nodes and is
stopped after ``--gambit-timeout`` seconds.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np
from _tables import median_time

from gametheory import ExtensiveFormGame
from gametheory.solvers.spe import backward_induction


def random_tree(nodes: int, *, players: int = 2, max_width: int = 3, seed: int = 0) -> ExtensiveFormGame:
    """A random perfect-information tree with exactly ``nodes`` nodes, built level by level."""
    rng = np.random.default_rng(seed)
    parents = [np.array([-1])]
    level = np.array([0])
    count = 1
    while count < nodes:
        widths = rng.integers(0, max_width + 1, size=len(level))
        if widths.sum() == 0:
            widths[0] = 2
        cumulative = np.minimum(np.cumsum(widths), nodes - count)
        widths = np.diff(np.concatenate(([0], cumulative)))
        total = int(widths.sum())
        parents.append(np.repeat(level, widths))
        level = np.arange(count, count + total)
        count += total
    parent = np.concatenate(parents)
    n_children = np.bincount(parent[1:], minlength=len(parent))
    inner = n_children > 0
    mover = np.where(inner, rng.integers(0, players, len(parent)), -2)
    infoset = np.full(len(parent), -1)
    infoset[inner] = np.arange(int(inner.sum()))
    labels = (("a",), ("a", "b"), ("a", "b", "c"))
    actions = [labels[w - 1] for w in n_children[inner]]
    payoffs = rng.integers(-1000, 1001, size=(int((~inner).sum()), players))
    return ExtensiveFormGame.from_arrays(
        players=[f"P{p + 1}" for p in range(players)], parent=parent, mover=mover, infoset=infoset, actions=actions, payoffs=payoffs
    )


def recursive_backward_induction(game: ExtensiveFormGame):  # type: ignore[no-untyped-def]
    """The textbook recursion over Python lists, with the same output as ours: every node's values and choice.

    The lists are built before timing; ties are not detected (ours detects them).
    """
    children = [list(game.children(n)) for n in range(game.n_nodes)]
    mover = game.mover.tolist()
    payoff = {int(t): tuple(int(a[game.terminal[t]]) for a in game.payoffs) for t in game.terminals}
    sys.setrecursionlimit(max(10_000, 10 * int(game.depth[-1])))

    def run() -> tuple[int, ...]:
        values: list[tuple[int, ...] | None] = [None] * len(children)
        choice = [-1] * len(children)

        def value(node: int) -> tuple[int, ...]:
            if not children[node]:
                result = payoff[node]
            else:
                who = mover[node]
                best, result = 0, value(children[node][0])
                for a, child in enumerate(children[node][1:], start=1):
                    candidate = value(child)
                    if candidate[who] > result[who]:
                        best, result = a, candidate
                choice[node] = best
            values[node] = result
            return result

        return value(0)

    return run


def _gambit_run(text: str, queue) -> None:  # type: ignore[no-untyped-def]
    import io

    import pygambit

    loaded = pygambit.read_efg(io.StringIO(text))
    start = time.perf_counter()
    pygambit.nash.lcp_solve(loaded, rational=False, use_strategic=False)
    queue.put(time.perf_counter() - start)


def gambit_time(game: ExtensiveFormGame, timeout: float) -> str:
    """Gambit's sequence-form LCP on the tree, in a child process stopped after ``timeout`` seconds."""
    try:
        import pygambit  # noqa: F401
    except ImportError:
        return "-"
    import multiprocessing

    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=_gambit_run, args=(game.to_efg(), queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.terminate()
        return f"> {timeout:.0f}"
    return f"{queue.get():.3f}" if not queue.empty() else "failed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 10_000, 100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--gambit-max", type=int, default=10_000)
    parser.add_argument("--gambit-timeout", type=float, default=60.0)
    args = parser.parse_args()
    print(
        "| nodes | build (ms) | ours, first call (ms) | ours (ms) | recursive Python (ms) | speed-up | Gambit lcp_solve (s) | peak RSS (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        start = time.perf_counter()
        game = random_tree(size)
        build = time.perf_counter() - start
        start = time.perf_counter()
        ours_values = backward_induction(game).values[:, 0]
        first = time.perf_counter() - start
        ours = median_time(lambda g=game: backward_induction(g), args.repeats)
        recursive = recursive_backward_induction(game)
        assert tuple(int(v) for v in ours_values) == recursive()  # type: ignore[operator]
        plain = median_time(recursive, max(1, args.repeats // 2))  # type: ignore[arg-type]
        gambit_text = gambit_time(game, args.gambit_timeout) if size <= args.gambit_max else "-"
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ms = [f"{1e3 * t:.3g}" for t in (build, first, ours, plain)]
        print(f"| {size:,} | {' | '.join(ms)} | {plain / ours:.1f}x | {gambit_text} | {rss:.0f} |")


if __name__ == "__main__":
    main()
