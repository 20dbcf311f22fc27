"""Speed of our Nash solvers against nashpy, QuantEcon and pygambit, printed as markdown tables.

Usage::

    python benchmarks/bench_nash.py [--quick] [--sizes 4 6 8] [--repeats R] [--games G] [--cap SECONDS]

Every solver runs on the same seeded random games (integer payoffs uniform in
[-1000, 1000]; the seeds are printed). Each (solver, game) runs in a forked
child process with a hard time limit ``--cap``: a cell whose game exceeds it
shows ``>cap`` and the solver is skipped at larger sizes, so the script ends
in minutes. A time is the median over the games of each game's median over
``--repeats`` runs; building the games is not timed. Peers that are not
installed (QuantEcon, pygambit) or solvers not registered yet show ``n/a``.

Nothing here is a test: no time is asserted anywhere.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from _tables import markdown

import gametheory
from gametheory import NormalFormGame

LOW, HIGH = -1000, 1000
BASE_SEED = 20240601
#: Solutions within this distance (max norm) of one of ours count as the same equilibrium.
MATCH_TOL = 1e-6


def optional(name: str) -> Any:
    """The module ``name`` or ``None`` when it is not installed."""
    try:
        return __import__(name)
    except ImportError:
        return None


nashpy = optional("nashpy")
pygambit = optional("pygambit")
quantecon = optional("quantecon")


def registered(method: str) -> bool:
    return method in gametheory.solvers()


# --------------------------------------------------------------------------- games


def random_bimatrix(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.integers(LOW, HIGH + 1, (n, n)), rng.integers(LOW, HIGH + 1, (n, n))


def seeds_for(section: int, n: int, games: int) -> list[int]:
    return [BASE_SEED + 100_000 * section + 1000 * n + k for k in range(games)]


def gambit_game(*arrays: np.ndarray) -> Any:
    return pygambit.Game.from_arrays(*(np.vectorize(str, otypes=[object])(a) for a in arrays))


# --------------------------------------------------------------------------- solvers: setup (untimed) and run (timed)


@dataclass(frozen=True)
class Solver:
    """One column of a table: how to prepare a game (untimed) and solve it (timed), and whether it can run."""

    name: str
    setup: Callable[[tuple[np.ndarray, ...]], Any]
    run: Callable[[Any], list[tuple[np.ndarray, ...]]]
    available: bool


def _ours(method: str, **options: Any) -> Solver:
    def run(game: NormalFormGame) -> list[tuple[np.ndarray, ...]]:
        result = gametheory.solve(game, method, **options)
        return [tuple(np.array([float(p) for p in s]) for s in eq.profile) for eq in result.equilibria]

    label = f"ours {method}" + ("".join(f" {k}={v}" for k, v in options.items()) if options else "")
    return Solver(label, lambda arrays: NormalFormGame.from_arrays(*(a.tolist() for a in arrays)), run, registered(method))


def _nashpy(method: str, **options: Any) -> Solver:
    def run(game: Any) -> list[tuple[np.ndarray, ...]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = getattr(game, method)(**options)
            found = [found] if method == "lemke_howson" else list(found)
        return [(np.asarray(x, dtype=float), np.asarray(y, dtype=float)) for x, y in found]

    return Solver(f"nashpy {method}", lambda arrays: nashpy.Game(*arrays), run, nashpy is not None)


def _quantecon_vertex() -> Solver:
    def setup(arrays: tuple[np.ndarray, ...]) -> Any:
        A, B = arrays
        gt = quantecon.game_theory
        return gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))  # each player's own actions first

    def run(game: Any) -> list[tuple[np.ndarray, ...]]:
        return [(np.asarray(x, dtype=float), np.asarray(y, dtype=float)) for x, y in quantecon.game_theory.vertex_enumeration(game)]

    return Solver("quantecon vertex_enumeration", setup, run, quantecon is not None)


def _gambit(kind: str, rational: bool) -> Solver:
    def run(game: Any) -> list[tuple[np.ndarray, ...]]:
        if kind == "enummixed":
            result = pygambit.nash.enummixed_solve(game, rational=rational)
        elif kind == "lcp":
            result = pygambit.nash.lcp_solve(game, rational=rational, stop_after=1)
        else:
            result = pygambit.nash.enumpure_solve(game)
        return [tuple(np.array([float(eq[s]) for s in player.strategies]) for player in game.players) for eq in result.equilibria]

    label = f"gambit {kind}" + ("" if kind == "enumpure" else (" rational" if rational else " float"))
    return Solver(label, lambda arrays: gambit_game(*arrays), run, pygambit is not None)


# --------------------------------------------------------------------------- measuring, in a child process with a time cap


#: Fast solvers run until this much time is spent (at most MAX_RUNS runs), so their medians are stable.
MIN_TOTAL, MAX_RUNS = 0.2, 50


def _child(solver: Solver, arrays: tuple[np.ndarray, ...], repeats: int, pipe: Any) -> None:
    """Run ``solver`` on one game ``repeats`` times or more; send each run's time and answer, then ``done``."""
    total, runs = 0.0, 0
    while runs < repeats or (total < MIN_TOTAL and runs < MAX_RUNS):
        game = solver.setup(arrays)
        start = time.perf_counter()
        try:
            found = solver.run(game)
        except Exception as error:  # a peer that crashes is reported, not fatal
            pipe.send(("error", f"{type(error).__name__}: {error}"[:80]))
            return
        seconds = time.perf_counter() - start
        pipe.send(("run", (seconds, found)))
        total, runs = total + seconds, runs + 1
        if seconds > 1.0:  # slow cells: one run is precise enough
            break
    pipe.send(("done", None))


def measure(solver: Solver, arrays: tuple[np.ndarray, ...], repeats: int, cap: float, setup_allowance: float = 5.0) -> tuple[str, Any]:
    """``("ok", (median seconds, equilibria))``, ``("cap", None)`` or ``("error", message)``.

    The solver runs in a forked child; each run gets ``cap`` seconds plus
    ``setup_allowance`` for building the game, after which the child is killed.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(solver, arrays, repeats, send))
    process.start()
    send.close()
    times, found, outcome = [], [], ("cap", None)
    try:
        while receive.poll(cap + setup_allowance):
            kind, value = receive.recv()
            if kind == "run":
                times.append(value[0])
                found = value[1]
            elif kind == "done":
                outcome = ("ok", (statistics.median(times), found))
                break
            else:
                outcome = (kind, value)
                break
        else:
            if times:  # a later repeat was slow: keep the runs that finished
                outcome = ("ok", (statistics.median(times), found))
    except EOFError:
        outcome = ("error", "the child process died")
    process.kill()
    process.join()
    return outcome


def warm_up(solvers: list[Solver], arrays: tuple[np.ndarray, ...]) -> None:
    """Run each solver once in this process, so forked children inherit lazy imports and JIT-compiled code (QuantEcon's numba)."""
    for solver in solvers:
        if solver.available:
            try:
                solver.run(solver.setup(arrays))
            except Exception as error:  # reported again, per game, by measure()
                print(f"<!-- warm-up of {solver.name} failed: {type(error).__name__}: {error} -->", file=sys.stderr)


def ratio(peer: float, ours: float) -> str:
    value = peer / ours
    return f"{value:.2g}×" if value < 10 else f"{value:.0f}×"


def regret(arrays: tuple[np.ndarray, ...], profile: tuple[np.ndarray, ...]) -> float:
    """Largest gain from a pure deviation in a 2-player game, relative to the payoff range."""
    A, B = (np.asarray(a, dtype=float) for a in arrays)
    x, y = profile
    if (
        x.shape != (A.shape[0],)
        or y.shape != (A.shape[1],)
        or abs(x.sum() - 1) > 1e-6
        or abs(y.sum() - 1) > 1e-6
        or min(x.min(), y.min()) < -1e-9
    ):
        return float("inf")
    gain = max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y)
    return float(gain) / (HIGH - LOW)


def compare(reference: list[tuple[np.ndarray, ...]], found: list[tuple[np.ndarray, ...]]) -> tuple[int, int]:
    """(missed, extra): reference equilibria with no match in ``found`` and found ones with no match in the reference."""

    def flat(profile: tuple[np.ndarray, ...]) -> np.ndarray:
        return np.concatenate([np.asarray(s, dtype=float) for s in profile])

    ref, got = [flat(p) for p in reference], [flat(p) for p in found]
    close = [[u.shape == v.shape and float(np.abs(u - v).max()) <= MATCH_TOL for v in got] for u in ref]
    missed = sum(1 for row in close if not any(row))
    extra = sum(1 for j in range(len(got)) if not any(close[i][j] for i in range(len(ref))))
    return missed, extra


# --------------------------------------------------------------------------- tables


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def run_section(
    title: str,
    solvers: list[Solver],
    sizes: list[int],
    make: Callable[[int, int], tuple[np.ndarray, ...]],
    section: int,
    games: int,
    repeats: int,
    cap: float,
    quality: str,
) -> None:
    """Time every solver on every size; print the times, the equilibria found and the speed-ups of the first solver.

    ``quality`` is ``"all"`` (count equilibria, missed/extra against the first
    solver) or ``"one"`` (count the games where the answer is an equilibrium).
    """
    print(f"\n## {title}\n")
    header = ["n", *(s.name for s in solvers)]
    time_rows, count_rows, medians = [], [], {}
    capped: set[str] = set()
    for n in sizes:
        seeds = seeds_for(section, n, games)
        print(f"<!-- n={n}: seeds {seeds[0]}..{seeds[-1]} -->", file=sys.stderr, flush=True)
        instances = [make(n, seed) for seed in seeds]
        reference: list[list[tuple[np.ndarray, ...]]] = []
        time_row, count_row = [str(n)], [str(n)]
        for index, solver in enumerate(solvers):
            if not solver.available:
                time_row.append("n/a")
                count_row.append("n/a")
                continue
            if solver.name in capped:
                time_row.append(f">{cap:g} s")
                count_row.append("—")
                continue
            times, counts, missed, extra, good, status = [], 0, 0, 0, 0, "ok"
            for k, arrays in enumerate(instances):
                outcome, value = measure(solver, arrays, repeats, cap)
                if outcome == "cap" and quality == "one":
                    times.append(float("inf"))  # Lemke-Howson that cycles: this game failed; go on with the others
                    if 2 * times.count(float("inf")) > len(instances):
                        break  # the median is already >cap
                    continue
                if outcome != "ok":
                    status = value if outcome == "error" else "cap"
                    break
                seconds, found = value
                times.append(seconds)
                counts += len(found)
                if quality == "all":
                    if index == 0:
                        reference.append(found)
                    elif reference:
                        m, e = compare(reference[k], found)
                        missed, extra = missed + m, extra + e
                else:
                    good += sum(1 for p in found[:1] if regret(arrays, p) <= 1e-6)
            if status == "cap":
                capped.add(solver.name)
                time_row.append(f">{cap:g} s")
                count_row.append("—")
                continue
            if status != "ok":
                time_row.append(f"error ({status})")
                count_row.append("—")
                continue
            median = statistics.median(times)
            if median == float("inf"):
                capped.add(solver.name)
                time_row.append(f">{cap:g} s")
                count_row.append(f"0/{len(instances)}")
                continue
            medians[(n, solver.name)] = median
            time_row.append(fmt_time(median) + (f" ({sum(t == float('inf') for t in times)} >cap)" if float("inf") in times else ""))
            if quality == "all":
                note = "" if index == 0 or (missed == 0 and extra == 0) else f" (−{missed}/+{extra})"
                count_row.append(f"{counts}{note}")
            else:
                count_row.append(f"{good}/{len(instances)}")
        time_rows.append(time_row)
        count_rows.append(count_row)
        print(f"<!-- n={n} done -->", file=sys.stderr, flush=True)
    print(f"Median time per game ({games} games per size):\n")
    print(markdown(header, time_rows))
    if quality == "all":
        print(f"\nEquilibria found, total over the {games} games (−missed/+extra against `{solvers[0].name}`, to {MATCH_TOL:g}):\n")
    else:
        print(f"\nGames where the answer is an equilibrium (relative regret <= 1e-6), of {games}:\n")
    print(markdown(header, count_rows))
    ours = solvers[0].name
    speed_rows = []
    for n in sizes:
        row = [str(n)]
        for solver in solvers[1:]:
            if (n, ours) in medians and (n, solver.name) in medians:
                row.append(ratio(medians[(n, solver.name)], medians[(n, ours)]))
            elif (n, ours) in medians and solver.available and solver.name in capped:
                row.append(f">{cap / medians[(n, ours)]:.0f}×")
            else:
                row.append("n/a")
        speed_rows.append(row)
    print(f"\nSpeed-up of `{ours}` (peer time / our time; >1 means ours is faster):\n")
    print(markdown(["n", *(s.name for s in solvers[1:])], speed_rows))


def pure_section(players: int, actions: int, repeats: int, cap: float) -> None:
    seed = BASE_SEED + 300_000 + 100 * players + actions
    shape = (actions,) * players
    rng = np.random.default_rng(seed)
    arrays = tuple(rng.integers(LOW, HIGH + 1, shape) for _ in range(players))
    print(f"\n## Pure equilibria of a {players}-player game, {actions} actions each (seed {seed})\n")
    solvers = [_ours("pure"), _gambit("enumpure", rational=True)]
    warm_up(solvers, tuple(np.arange(2**players).reshape((2,) * players) for _ in range(players)))
    rows, medians = [], {}
    for solver in solvers:
        if not solver.available:
            rows.append([solver.name, "n/a", "n/a"])
            continue
        # building a 160,000-outcome game through pygambit's Python API takes a while: one run, untimed setup allowed
        slow_setup = solver.name.startswith("gambit")
        outcome, value = measure(solver, arrays, 1 if slow_setup else repeats, cap, setup_allowance=300.0 if slow_setup else 30.0)
        if outcome != "ok":
            rows.append([solver.name, f">{cap:g} s" if outcome == "cap" else f"error ({value})", "—"])
            continue
        medians[solver.name] = value[0]
        rows.append([solver.name, fmt_time(value[0]), str(len(value[1]))])
    print(markdown(["solver", "time", "pure equilibria"], rows))
    if len(medians) == 2:
        print(f"\nSpeed-up of `{solvers[0].name}` over `{solvers[1].name}`: {ratio(medians[solvers[1].name], medians[solvers[0].name])}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few games: a couple of minutes")
    parser.add_argument("--sizes", type=int, nargs="+", help="n for the all-equilibria table (n x n games)")
    parser.add_argument("--lh-sizes", type=int, nargs="+", help="n for the one-equilibrium table")
    parser.add_argument("--games", type=int, help="games per size")
    parser.add_argument("--repeats", type=int, help="runs per game (the median is kept)")
    parser.add_argument("--cap", type=float, help="seconds allowed per game before a cell shows >cap")
    args = parser.parse_args(argv)
    sizes = args.sizes or (list(range(4, 9)) if args.quick else list(range(4, 13)))
    lh_sizes = args.lh_sizes or ([10, 25, 50] if args.quick else [10, 25, 50, 100])
    games = args.games or (5 if args.quick else 10)
    repeats = args.repeats or (3 if args.quick else 5)
    cap = args.cap or (10.0 if args.quick else 30.0)

    print("# Nash equilibrium benchmarks\n")
    versions = {"gametheory": getattr(gametheory, "__version__", "?"), "numpy": np.__version__}
    for name, module in (("nashpy", nashpy), ("pygambit", pygambit), ("quantecon", quantecon)):
        versions[name] = getattr(module, "__version__", "?") if module else "not installed"
    print(
        f"Python {platform.python_version()} on {platform.machine()} ({platform.processor() or platform.system()}); "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
    )
    print(
        f"\nPayoffs: integers uniform in [{LOW}, {HIGH}]; seeds BASE_SEED={BASE_SEED} + 100000*section + 1000*n + k, k < {games}; repeats {repeats}; cap {cap:g} s per game."
    )

    def bimatrix(n: int, seed: int) -> tuple[np.ndarray, ...]:
        return random_bimatrix(n, seed)

    all_solvers = [
        _ours("enumerate"),
        _ours("support_enumeration"),
        _nashpy("support_enumeration"),
        _nashpy("vertex_enumeration"),
        _quantecon_vertex(),
        _gambit("enummixed", rational=False),
        _gambit("enummixed", rational=True),
    ]
    warm_up(all_solvers, random_bimatrix(3, 0))
    run_section("All equilibria of random n x n games", all_solvers, sizes, bimatrix, 1, games, repeats, cap, "all")
    one_solvers = [
        _ours("lemke_howson", initial_label=0),
        _nashpy("lemke_howson", initial_dropped_label=0),
        _gambit("lcp", rational=False),
        _gambit("lcp", rational=True),
    ]
    warm_up(one_solvers, random_bimatrix(3, 0))
    run_section("One equilibrium (Lemke–Howson from label 0)", one_solvers, lh_sizes, bimatrix, 2, games, repeats, cap, "one")
    pure_section(4, 20, repeats, cap)


if __name__ == "__main__":
    main()
