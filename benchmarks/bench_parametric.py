"""Speed of the parametric solver: symbolic games solved into regimes, printed as a markdown table.

Usage::

    python benchmarks/bench_parametric.py [--repeats R]

Each game is solved ``--repeats`` times in fresh processes' worth of state (the
solver's caches are module-level, so every run after the first rebuilds the game
with new symbols); the median wall time is reported with the number of cases the
solver ran and the regimes it returned. Nothing here is a test: no time is asserted.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sympy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from gametheory import ExtensiveFormGame, NormalFormGame, decision, outcome, solve


def chicken(tag: int) -> tuple[Any, dict[str, Any]]:
    c = sympy.Symbol(f"c{tag}", positive=True)
    return NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]]), {}


def generic_two_by_two(tag: int) -> tuple[Any, dict[str, Any]]:
    s = sympy.symbols(f"a1:5_{tag} b1:5_{tag}")
    return NormalFormGame.from_bimatrix([[s[0], s[1]], [s[2], s[3]]], [[s[4], s[5]], [s[6], s[7]]]), {}


def rock_paper_scissors(tag: int) -> tuple[Any, dict[str, Any]]:
    a, b, c = sympy.symbols(f"a{tag} b{tag} c{tag}")
    A = [[0, -a, 1], [1, 0, -b], [-1, c, 0]]
    B = [[0, 1, -1], [-a, 0, c], [1, -b, 0]]
    return NormalFormGame.from_bimatrix(A, B), {"assume": [a > 0, b > 0, c > 0]}


def random_three_by_three(tag: int) -> tuple[Any, dict[str, Any]]:
    a = sympy.Symbol(f"a{tag}")
    rng = random.Random(3)
    A = [[rng.randint(-3, 3) + rng.choice([0, a, -a]) for _ in range(3)] for _ in range(3)]
    B = [[rng.randint(-3, 3) + rng.choice([0, a, -a]) for _ in range(3)] for _ in range(3)]
    return NormalFormGame.from_bimatrix(A, B), {}


def centipede(tag: int, n: int = 100) -> tuple[Any, dict[str, Any]]:
    """A centipede of ``n`` decision nodes: the pot grows by g per stage, taking it costs the other d."""
    g, d = sympy.symbols(f"g{tag} d{tag}", positive=True)

    def node(k: int) -> Any:
        if k == n:
            return outcome(k * g, k * g)
        take = (k * g + 2, k * g - d) if k % 2 == 0 else (k * g - d, k * g + 2)
        return decision(["P1", "P2"][k % 2], {"take": outcome(*take), "pass": node(k + 1)})

    return ExtensiveFormGame.from_tree(node(0), players=["P1", "P2"]), {}


def random_tree(tag: int, depth: int = 5) -> tuple[Any, dict[str, Any]]:
    """A complete binary tree (2^depth - 1 decision nodes) whose payoffs each add a random multiple of a or b."""
    a, b = sympy.symbols(f"a{tag} b{tag}")
    rng = random.Random(5)

    def node(k: int) -> Any:
        if k == 0:
            return outcome(rng.randint(-5, 5) + rng.choice([0, a, -a]), rng.randint(-5, 5) + rng.choice([0, b, -b]))
        return decision(["P1", "P2"][k % 2], {"L": node(k - 1), "R": node(k - 1)})

    return ExtensiveFormGame.from_tree(node(depth), players=["P1", "P2"]), {"assume": [a > 0, a < 10, b > 0, b < 10]}


GAMES: list[tuple[str, Callable[[int], tuple[Any, dict[str, Any]]]]] = [
    ("2x2 Chicken, 1 parameter", chicken),
    ("2x2, every payoff a parameter (8)", generic_two_by_two),
    ("3x3 cyclic, 3 parameters (positive)", rock_paper_scissors),
    ("3x3 random, 1 parameter", random_three_by_three),
    ("tree: centipede, 100 decision nodes, 2 parameters", centipede),
    ("tree: random binary, 31 decision nodes, 2 parameters", random_tree),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, sympy {sympy.__version__}, {platform.machine()}")
    print()
    print("| game | time (s, median) | cases | regimes |")
    print("|---|---:|---:|---:|")
    tag = 0
    for name, build in GAMES:
        times = []
        for _ in range(args.repeats):
            tag += 1
            game, options = build(tag)
            start = time.perf_counter()
            result = solve(game, **options)
            times.append(time.perf_counter() - start)
        print(f"| {name} | {statistics.median(times):.2f} | {result.details['cases']} | {len(result.regimes)} |", flush=True)


if __name__ == "__main__":
    main()
