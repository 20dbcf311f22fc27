"""Every perfect Bayesian equilibrium of signaling games: ours (exact), with Gambit's solvers on the same tree for scale.

Usage::

    python benchmarks/bench_pbe.py [--sizes 2 3] [--seeds 5] [--repeats 3] [--gambit-timeout 10]

Games:

* random signaling games with ``n`` types, ``n`` messages and ``n`` responses
  (``--sizes``), a uniform prior and integer payoffs drawn uniformly from
  [-5, 5] by ``numpy.random.default_rng(seed)``, seeds ``0 .. --seeds - 1``
  (small integer ranges make ties, hence continua of equilibria, common);
* beer-quiche (Cho and Kreps 1987), prior 1/10 weak;
* beer-quiche with a symbolic prior ``p`` and a symbolic value ``b`` of the
  preferred breakfast: the result is regimes of ``(p, b)``.

Ours is ``solve(game, method="pbe")``: every PBE, exactly, continua by their
extreme points; the table gives the median time of ``--repeats`` runs, the
number of extreme points, how many of them are pooling / separating / hybrid,
the maximal convex sets (``cliques``) with more than one member, the support
pairs examined and the ``complete`` flag. The target of the issue: all PBE of
a 3 x 3 x 3 game in under 5 s.

Gambit (pygambit, where installed; else ``-``) has no PBE solver, so three of
its solvers run on the same ``.efg`` tree for scale, each in a child process
stopped after ``--gambit-timeout`` seconds:

* ``logit_solve``: traces the agent quantal-response correspondence to one
  limit point, an approximate *sequential* equilibrium (floating point);
* ``lcp_solve`` (sequence form, exact rationals): *one* Nash equilibrium;
* ``enummixed_solve`` (floating point): *every* extreme Nash equilibrium of the
  strategic form (n^n strategies per player), shown as seconds and the count.

Nash equilibria are a superset of the PBE (they need not be sequentially
rational off the path) and Gambit's extreme points are of the mixed strategic
form, so its counts are not comparable with ours. Building the games is not
timed. Nothing here is a test: no time is asserted anywhere.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import sympy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from _tables import markdown, median_time

from gametheory import ExtensiveFormGame, SolveResult, signaling_game, solve

try:
    import pygambit
except ImportError:  # pragma: no cover - optional peer
    pygambit = None


def random_signaling(n: int, seed: int) -> ExtensiveFormGame:
    """``n`` types, messages and responses; uniform prior; integer payoffs uniform in [-5, 5]."""
    rng = np.random.default_rng(seed)
    table = rng.integers(-5, 6, size=(n, n, n, 2))
    types, messages, responses = ([f"{x}{i}" for i in range(n)] for x in "tmr")

    def payoffs(t: str, m: str, r: str) -> tuple[int, int]:
        u = table[types.index(t), messages.index(m), responses.index(r)]
        return int(u[0]), int(u[1])

    return signaling_game(types, [Fraction(1, n)] * n, messages, responses, payoffs)


def beer_quiche(prior: Any = Fraction(1, 10), breakfast: Any = 1) -> ExtensiveFormGame:
    """Cho and Kreps (1987): the sender gets ``breakfast`` from its preferred breakfast and 2 when not dueled."""

    def payoffs(t: str, m: str, r: str) -> tuple[Any, int]:
        sender = (breakfast if (t, m) in {("weak", "quiche"), ("strong", "beer")} else 0) + (2 if r == "don't" else 0)
        return sender, 1 if (r == "duel") == (t == "weak") else 0

    return signaling_game(["weak", "strong"], [prior, 1 - prior], ["beer", "quiche"], ["duel", "don't"], payoffs)


# --- Gambit, in a child process --------------------------------------------------------------------
def _gambit_child(text: str, which: str, queue: Any) -> None:
    import io

    import pygambit

    game = pygambit.read_efg(io.StringIO(text))
    solvers: dict[str, Callable[[], Any]] = {
        "logit": lambda: pygambit.nash.logit_solve(game, use_strategic=False),
        "lcp": lambda: pygambit.nash.lcp_solve(game, rational=True, use_strategic=False),
        "enummixed": lambda: pygambit.nash.enummixed_solve(game, rational=False),
    }
    start = time.perf_counter()
    result = solvers[which]()
    queue.put((time.perf_counter() - start, len(result.equilibria)))


def gambit(game: ExtensiveFormGame, which: str, timeout: float, count: bool = False) -> str:
    """Seconds (and with ``count`` the number of equilibria) of one Gambit solver, ``> timeout`` when stopped, ``-`` without pygambit."""
    if pygambit is None or game.kind != "exact":
        return "-"
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=_gambit_child, args=(game.to_efg(), which, queue))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.terminate()
        process.join()
        return f"> {timeout:g}"
    if queue.empty():
        return "failed"
    seconds, found = queue.get()
    return f"{seconds:.3f} ({found})" if count else f"{seconds:.3f}"


# --- the table -------------------------------------------------------------------------------------
def row(name: str, shape: str, game: ExtensiveFormGame, repeats: int, timeout: float) -> list[str]:
    result: SolveResult = solve(game, method="pbe")  # warm caches and imports; then time
    seconds = median_time(lambda: solve(game, method="pbe"), repeats)
    kinds = result.details["kinds"]
    mix = "/".join(str(kinds.count(k)) for k in ("pooling", "separating", "hybrid"))
    continua = sum(1 for c in result.cliques if len(c) > 1)
    pairs = result.details.get("support_pairs", result.details.get("cases"))
    extra = f"{len(result.regimes)} regimes, {pairs} cases" if result.regimes else f"{pairs}"
    return [
        name,
        shape,
        f"{seconds:.3f}",
        str(len(result.equilibria)),
        mix,
        str(continua),
        extra,
        str(result.complete),
        gambit(game, "logit", timeout),
        gambit(game, "lcp", timeout),
        gambit(game, "enummixed", timeout, count=True),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 3], help="n for random n x n x n games")
    parser.add_argument("--seeds", type=int, default=5, help="random games per size")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of ours per game (median)")
    parser.add_argument("--gambit-timeout", type=float, default=10.0, help="seconds allowed to each Gambit solver per game")
    args = parser.parse_args()

    games: list[tuple[str, str, ExtensiveFormGame]] = []
    for n in args.sizes:
        games += [(f"random, seed {seed}", f"{n}x{n}x{n}", random_signaling(n, seed)) for seed in range(args.seeds)]
    games.append(("beer-quiche", "2x2x2", beer_quiche()))
    p, b = sympy.symbols("p b", positive=True)
    games.append(("beer-quiche, prior p, breakfast b", "2x2x2", beer_quiche(p, b)))

    rows = []
    for name, shape, game in games:
        print(f"{name} ({shape}) ...", file=sys.stderr)
        rows.append(row(name, shape, game, args.repeats, args.gambit_timeout))
    peer = f"pygambit {pygambit.__version__}" if pygambit is not None else "pygambit not installed"
    print(f"Python {platform.python_version()}, {platform.machine()}; {peer}; Gambit runs stopped after {args.gambit_timeout:g} s\n")
    header = [
        "game",
        "types x messages x responses",
        "ours pbe (s)",
        "extreme PBE",
        "pooling/separating/hybrid",
        "continua",
        "support pairs",
        "complete",
        "Gambit logit (s)",
        "Gambit lcp, tree (s)",
        "Gambit enummixed (s, Nash)",
    ]
    print(markdown(header, rows))


if __name__ == "__main__":
    main()
