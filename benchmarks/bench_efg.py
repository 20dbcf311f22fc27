"""Speed of reading and writing Gambit ``.efg`` files: ours against pygambit's reader, as a markdown table.

Usage::

    python benchmarks/bench_efg.py [--sizes 100000 1000000] [--repeats R] [--seed S]

For each size it builds a random game tree of about that many nodes (seeded;
two players and chance, branching 2 to 4, information sets of several nodes
at the same depth, integer payoffs in [-99, 99], chance probabilities
fractions), writes it with :func:`gametheory.io.write_efg` to a temporary
file, then times

* ``gametheory.read_game(path)`` (read, tokenize, parse, build the game),
* ``gametheory.io.write_efg(game)``,
* ``pygambit.read_efg(path)`` when pygambit is installed (else ``n/a``), up
  to ``--gambit-max`` nodes (else ``skipped``; it takes tens of seconds per
  10^5 nodes).

A cell is the best of ``--repeats`` runs. Nothing here is a test: no time is
asserted anywhere.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from gametheory import ExtensiveFormGame, read_game
from gametheory.games.extensive_form import CHANCE, TERMINAL
from gametheory.io import write_efg

try:
    import pygambit
except ImportError:  # pragma: no cover - optional peer
    pygambit = None


def random_tree(n_nodes: int, seed: int) -> ExtensiveFormGame:
    """A random tree of about ``n_nodes`` nodes, grown breadth first.

    Nodes of one player at one depth are grouped at random into information
    sets of about four nodes (a set's nodes all lie at one depth, so no set
    meets a path twice); a set's width is the one drawn for its first node.
    """
    rng = np.random.default_rng(seed)
    parent = [-1]
    mover: list[int] = []
    infoset: list[int] = []
    actions: list[list[str]] = []
    probs: list[list[Fraction] | None] = []
    payoffs: list[list[int]] = []
    set_ids: dict[tuple[int, int, int], int] = {}
    depth = [0]
    node = 0
    while node < len(parent):
        d = depth[node]
        room = n_nodes - len(parent)
        if room < 4 or (node > 0 and rng.random() < 0.25):
            mover.append(TERMINAL)
            infoset.append(-1)
            payoffs.append(rng.integers(-99, 100, 2).tolist())
            node += 1
            continue
        if rng.random() < 0.1:
            width = int(rng.integers(2, 5))
            weights = rng.integers(1, 10, width).tolist()
            mover.append(CHANCE)
            infoset.append(len(actions))
            actions.append([f"c{k}" for k in range(width)])
            probs.append([Fraction(w, sum(weights)) for w in weights])
        else:
            player = int(rng.integers(0, 2))
            key = (player, d, int(rng.integers(0, max(1, 2**d // 4))))
            h = set_ids.get(key)
            if h is None:
                h = set_ids[key] = len(actions)
                width = int(rng.integers(2, 5))
                actions.append([f"a{k}" for k in range(width)])
                probs.append(None)
            width = len(actions[h])
            mover.append(player)
            infoset.append(h)
        for _ in range(width):
            parent.append(node)
            depth.append(d + 1)
        node += 1
    return ExtensiveFormGame.from_arrays(
        players=["Alice", "Bob"],
        parent=parent,
        mover=mover,
        infoset=infoset,
        actions=actions,
        payoffs=np.array(payoffs, dtype=np.int64),
        chance_probs=probs,
        title=f"random tree, seed {seed}",
    )


def best(function: Callable[[], Any], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="numbers of nodes (about)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per cell (the best is shown)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--gambit-max", type=int, default=200_000, help="time pygambit only up to this many nodes (it is slow on big files)"
    )
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, numpy {np.__version__}, pygambit {getattr(pygambit, '__version__', 'n/a')}")
    print()
    print("| nodes | file size | gametheory read_game | gametheory write_efg | pygambit read_efg |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            print(f"building a random tree of about {size} nodes ...", file=sys.stderr)
            game = random_tree(size, args.seed + size)
            text = write_efg(game)
            path = Path(folder) / f"random_{size}.efg"
            path.write_text(text, encoding="utf-8")
            read = best(partial(read_game, path), args.repeats)
            assert read_game(path) == game
            write = best(partial(write_efg, game), args.repeats)
            theirs = "n/a"
            if pygambit is not None and game.n_nodes > args.gambit_max:
                theirs = "skipped"
            elif pygambit is not None:
                theirs = f"{best(partial(pygambit.read_efg, str(path)), args.repeats):.3f} s"
            print(f"| {game.n_nodes:,} | {len(text) / 1e6:.1f} MB | {read:.3f} s | {write:.3f} s | {theirs} |", flush=True)


if __name__ == "__main__":
    main()
