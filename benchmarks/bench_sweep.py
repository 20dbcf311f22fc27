"""Speed of parametric sweeps: regimes and an equilibrium quantity over 10^4..10^6 parameter points, against solving
each point numerically with nashpy (and with our own exact solver), printed as markdown tables.

Usage::

    python benchmarks/bench_sweep.py [--quick] [--repeats R] [--sample S]

The game is Chicken with two parameters: the value ``v`` of winning the
standoff and the cost ``c`` of a crash (payoffs ``(0, 0)`` when both swerve,
``(v, -1)``/``(-1, v)`` when one goes straight, ``(-c, -c)`` when both do).
``gametheory.solve`` on the symbolic game gives its regimes once; the sweep
then evaluates, over a grid of ``(v, c)``, which regime holds and the
probability of a crash (both go straight) in the regime's mixed equilibrium
(its first equilibrium where it has no mixed one): a rational function of
the parameters.

How times are taken: each sweep runs once untimed (compiling the conditions
with lambdify happens then, and is reported on its own), then ``--repeats``
times; the median is kept. The peers solve ``--sample`` random grid points
one by one (building the numeric game is not timed); their time per point is
extrapolated to the grid size. One core, no executor. Nothing here is a test:
no time is asserted anywhere.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import warnings
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import numpy as np
import sympy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from _tables import markdown, median_time

import gametheory
from gametheory import NormalFormGame
from gametheory.symbolic.sweep import sweep

try:
    import nashpy
except ImportError:  # the table then shows n/a
    nashpy = None

V_RANGE, C_RANGE = (-2.0, 3.0), (-1.0, 4.0)
SIZES = {10**4: (100, 100), 10**5: (250, 400), 10**6: (1000, 1000)}
SEED = 20240601


def chicken() -> tuple[NormalFormGame, sympy.Symbol, sympy.Symbol]:
    v, c = sympy.symbols("v c", real=True)
    game = NormalFormGame.from_bimatrix([[0, -1], [v, -c]], [[0, v], [-1, -c]], actions=(("swerve", "straight"), ("swerve", "straight")))
    return game, v, c


def crash_probability(regime: Any) -> sympy.Expr:
    """P(both straight) in the regime's mixed equilibrium, or in its first one when it has none."""
    mixed = [eq for eq in regime.equilibria if any(sympy.sympify(p).free_symbols for s in eq.profile for p in s)]
    eq = (mixed or list(regime.equilibria))[0]
    return sympy.together(sympy.sympify(eq.profile[0][1]) * sympy.sympify(eq.profile[1][1]))


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    if seconds < 3600:
        return f"{seconds:.2f} s"
    return f"{seconds / 3600:.1f} h"


def ratio(peer: float, ours: float) -> str:
    value = peer / ours
    return f"{value:.2g}×" if value < 10 else f"{value:,.0f}×"


def time_each(function: Any, items: list[Any]) -> tuple[float, list[Any]]:
    """Median seconds of ``function(item)`` over the items, and its results."""
    times, results = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games
        for item in items:
            start = time.perf_counter()
            results.append(function(item))
            times.append(time.perf_counter() - start)
    return statistics.median(times), results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a smaller sample: seconds")
    parser.add_argument("--repeats", type=int, help="timed runs per sweep (the median is kept)")
    parser.add_argument("--sample", type=int, help="grid points solved one by one by each peer")
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 11)
    sample = args.sample or (50 if args.quick else 200)

    print("# Parametric sweep benchmark\n")
    versions = {"gametheory": gametheory.__version__, "numpy": np.__version__, "sympy": sympy.__version__}
    versions["nashpy"] = getattr(nashpy, "__version__", "?") if nashpy else "not installed"
    print(
        f"Python {platform.python_version()} on {platform.machine()} ({platform.processor() or platform.system()}); "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
    )

    game, v, c = chicken()
    start = time.perf_counter()
    result = gametheory.solve(game)
    solve_seconds = time.perf_counter() - start
    regimes = result.regimes
    conditions = [r.conditions for r in regimes]
    quantity = {"crash": [crash_probability(r) for r in regimes]}
    relations = sum(len(cond.atoms(sympy.core.relational.Relational)) for cond in conditions)
    print(
        f"\nChicken with parameters v in {list(V_RANGE)}, c in {list(C_RANGE)}: `gametheory.solve` found {len(regimes)} regimes "
        f"({relations} relations in all) in {fmt_time(solve_seconds)}. Quantity: P(crash), a rational function.\n"
    )
    print(
        markdown(
            ["regime", "conditions", "equilibria", "P(crash)"],
            [
                [str(k), f"`{cond}`", str(len(r.equilibria)), f"`{q}`"]
                for k, (cond, r, q) in enumerate(zip(conditions, regimes, quantity["crash"]))
            ],
        )
    )

    # --- our sweeps
    rows, ours = [], {}
    for n, (nv, nc) in SIZES.items():
        grid = {v: np.linspace(*V_RANGE, nv), c: np.linspace(*C_RANGE, nc)}
        start = time.perf_counter()
        sweep(conditions, grid, quantity)  # the first call compiles (cached afterwards)
        first = time.perf_counter() - start
        seconds = median_time(lambda grid=grid: sweep(conditions, grid, quantity), repeats)
        ours[n] = seconds
        rows.append([f"{n:,}", f"{nv} × {nc}", fmt_time(seconds), f"{seconds / n * 1e9:.0f} ns", fmt_time(first)])
    print(f"\n## Our sweep (one core; median of {repeats} runs)\n")
    print(markdown(["points", "grid", "time per call", "per point", "first call (compiles)"], rows))

    # --- peers, point by point on a sample of the grid
    rng = np.random.default_rng(SEED)
    points = np.column_stack([rng.choice(np.linspace(*V_RANGE, 1000), sample), rng.choice(np.linspace(*C_RANGE, 1000), sample)])

    def arrays(vv: float, cc: float) -> tuple[np.ndarray, np.ndarray]:
        return np.array([[0.0, -1.0], [vv, -cc]]), np.array([[0.0, vv], [-1.0, -cc]])

    peers: dict[str, float | None] = {}
    agree: dict[str, str] = {}
    counts = sweep(conditions, {v: points[:, 0], c: points[:, 1]}, {"n": [len(r.equilibria) for r in regimes]}, points=True).values["n"]

    def agreement(found: list[int]) -> str:
        return f"{sum(int(f == k) for f, k in zip(found, counts))}/{sample}"

    for method in ("support_enumeration", "vertex_enumeration"):
        name = f"nashpy {method}"
        if nashpy is None:
            peers[name] = None
            continue
        games = [nashpy.Game(np.array([[0.0, -1.0], [vv, -cc]]), np.array([[0.0, vv], [-1.0, -cc]])) for vv, cc in points]
        peers[name], found = time_each(lambda game, method=method: len(list(getattr(game, method)())), games)
        agree[name] = agreement(found)
    # the same points exactly (Fraction(float) is the float's exact value)
    exact = [NormalFormGame.from_bimatrix([[0, -1], [F(vv), -F(cc)]], [[0, F(vv)], [-1, -F(cc)]]) for vv, cc in points]
    peers["ours, exact solve per point"], found = time_each(lambda game: len(gametheory.solve(game).equilibria), exact)
    agree["ours, exact solve per point"] = agreement(found)

    print(f"\n## Solving point by point ({sample} random grid points; median time per point, extrapolated)\n")
    header = [
        "solver",
        "per point",
        *(f"{n:,} points" for n in SIZES),
        *(f"speed-up at {n:,}" for n in SIZES),
        "equilibrium counts equal to the regime's",
    ]
    rows = []
    for name, seconds in peers.items():
        if seconds is None:
            rows.append([name, "n/a", *("n/a" for _ in SIZES), *("n/a" for _ in SIZES), "n/a"])
            continue
        rows.append(
            [name, fmt_time(seconds), *(fmt_time(seconds * n) for n in SIZES), *(ratio(seconds * n, ours[n]) for n in SIZES), agree[name]]
        )
    print(markdown(header, rows))
    print("\nSpeed-up: the peer's extrapolated time for the grid / our sweep's time for it (>1: ours is faster).")
    print(f"Target: 10^6 points under 0.2 s ({'met' if ours[10**6] < 0.2 else 'NOT met'}: {fmt_time(ours[10**6])}).")


if __name__ == "__main__":
    main()
