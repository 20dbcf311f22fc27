"""The command line: ``gametheory solve FILE``, ``gametheory reproduce``, ``gametheory solvers``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import GameTheoryError

__all__ = ["main", "reproduce"]


def _solve(args: argparse.Namespace) -> int:
    from .io import read_game
    from .solvers import solve

    game = read_game(args.file)
    result = solve(game, args.method)
    if args.json:
        print(result.to_json(indent=2 if args.indent else None))
    else:
        print(result.table())
    return 0


def _solvers(args: argparse.Namespace) -> int:
    from .solvers import REGISTRY

    for name, spec in sorted(REGISTRY.items()):
        players = "any number of" if spec.players is None else str(spec.players)
        options = ", ".join(spec.options) or "none"
        print(f"{name:22s} {spec.summary} [{players} players; {'/'.join(spec.kinds)} payoffs; options: {options}]")
    return 0


def reproduce(output: str | Path = "output") -> list[Path]:
    """Write every equilibrium table the library can produce into ``output``; return the files written.

    For each game of :mod:`gametheory.catalog`: its ``.nfg`` file, its
    equilibria as a text table and as JSON; and ``equilibria.md``, a summary.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = reproduce(tmp)
    >>> any(f.name == "equilibria.md" for f in files)
    True
    """
    from .catalog import CATALOG
    from .solvers import solve

    root = Path(output)
    tables = root / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    summary = [
        "# Equilibria of the catalog games",
        "",
        "Written by `gametheory reproduce`; every equilibrium is exact and has max regret 0.",
        "",
    ]
    for name, build in sorted(CATALOG.items()):
        game = build()
        result = solve(game)
        for suffix, text in ((".nfg", game.to_nfg()), (".txt", result.table() + "\n"), (".json", result.to_json(indent=2) + "\n")):
            path = tables / f"{name}{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
        summary += [f"## {game.title or name}", "", "```", result.table(), "```", ""]
    path = root / "equilibria.md"
    path.write_text("\n".join(summary), encoding="utf-8")
    written.append(path)
    return written


def _reproduce(args: argparse.Namespace) -> int:
    files = reproduce(args.output)
    print(f"wrote {len(files)} files into {args.output}/")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gametheory", description="Exact equilibria of games for crisis bargaining and deterrence.")
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve a game file (.nfg)")
    solve.add_argument("file", help="a Gambit .nfg file")
    solve.add_argument("--method", default="auto", help="a solver name (see `gametheory solvers`); default: auto")
    solve.add_argument("--json", action="store_true", help="print JSON instead of a table")
    solve.add_argument("--indent", action="store_true", help="indent the JSON")
    solve.set_defaults(run=_solve)
    reproduce_parser = sub.add_parser("reproduce", help="write every figure and equilibrium table into ./output/")
    reproduce_parser.add_argument("--output", default="output", help="the output folder (default: output)")
    reproduce_parser.set_defaults(run=_reproduce)
    solvers = sub.add_parser("solvers", help="list the solvers")
    solvers.set_defaults(run=_solvers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 success, 2 bad input or failure)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except GameTheoryError as error:
        print(f"gametheory: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
