"""The command line: ``gametheory solve FILE``, ``gametheory reproduce``, ``gametheory solvers``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import GameTheoryError, InvalidGameError

__all__ = ["main", "reproduce"]


def _solve(args: argparse.Namespace) -> int:
    from .io import read_game
    from .solvers import solve

    game = read_game(args.file)
    method = "pbe" if args.refine and args.method == "auto" else args.method
    if args.refine and method != "pbe":
        raise InvalidGameError(
            f"gametheory solve: --refine {args.refine} filters perfect Bayesian equilibria; it needs --method pbe, got {method!r}"
        )
    result = solve(game, method)
    refined = None
    if args.refine:
        from . import refinements

        refined = getattr(refinements, _REFINEMENTS[args.refine])(result)
    if args.json:
        data = result.to_dict()
        if refined is not None:
            data["refinement"] = {
                "criterion": refined.criterion,
                "survivors": list(refined.survivors),
                "verdicts": [{"index": v.index, "survives": v.survives, "explanation": v.explanation} for v in refined.verdicts],
            }
        print(json.dumps(data, indent=2 if args.indent else None))
    else:
        print(result.table())
        if refined is not None:
            print(refined.explain())
    return 0


#: ``--refine`` choices -> functions of :mod:`gametheory.refinements`
_REFINEMENTS = {"intuitive": "intuitive_criterion", "d1": "d1", "d2": "d2"}


def _solvers(args: argparse.Namespace) -> int:
    from .solvers import REGISTRY

    for name, spec in sorted(REGISTRY.items()):
        players = "any number of" if spec.players is None else str(spec.players)
        options = ", ".join(spec.options) or "none"
        print(f"{name:22s} {spec.summary} [{players} players; {'/'.join(spec.kinds)} payoffs; options: {options}]")
    return 0


def reproduce(output: str | Path = "output") -> list[Path]:
    """Write every figure and equilibrium table the library can produce into ``output``; return the files written.

    For each normal-form game of :mod:`gametheory.catalog` (``CATALOG``): its
    ``.nfg`` file, its equilibria as a text table and as JSON, and its table
    for LaTeX's ``sgame``. For each game tree (``TREES``): its ``.efg`` file,
    its subgame-perfect equilibria as text and JSON, a picture with the first
    equilibrium's path highlighted (``figures/<name>.png``) and the tree for
    LaTeX's ``istgame``. For each model of :mod:`models` (``MODELS``): its
    figures and tables, from the model's ``reproduce`` (``models/<name>/``).
    And ``equilibria.md``, a summary.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = reproduce(tmp)
    >>> any(f.name == "equilibria.md" for f in files), any(f.name == "entry_deterrence.png" for f in files)
    (True, True)
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from .catalog import CATALOG, TREES
    from .io.latex import to_istgame, to_sgame
    from .plotting import draw_tree
    from .solvers import solve

    root = Path(output)
    tables, figures, latex = root / "tables", root / "figures", root / "latex"
    for folder in (tables, figures, latex):
        folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        written.append(path)

    summary = [
        "# Equilibria of the catalog games",
        "",
        "Written by `gametheory reproduce`; every equilibrium is exact and has max regret 0.",
        "",
    ]
    for name, build in sorted(CATALOG.items()):
        game = build()
        result = solve(game)
        write(tables / f"{name}.nfg", game.to_nfg())
        write(tables / f"{name}.txt", result.table() + "\n")
        write(tables / f"{name}.json", result.to_json(indent=2) + "\n")
        if game.n_players == 2:
            write(latex / f"{name}.tex", to_sgame(game) + "\n")
        summary += [f"## {game.title or name}", "", "```", result.table(), "```", ""]
    summary += ["# Subgame-perfect equilibria of the catalog trees", ""]
    for name, build_tree in sorted(TREES.items()):
        tree = build_tree()
        result = solve(tree, "spe")
        write(tables / f"{name}.efg", tree.to_efg())
        write(tables / f"{name}.txt", result.table() + "\n")
        write(tables / f"{name}.json", result.to_json(indent=2) + "\n")
        write(latex / f"{name}.tex", to_istgame(tree, result[0].profile) + "\n")
        figure = draw_tree(tree, result[0], title=f"{tree.title}: a subgame-perfect equilibrium").figure
        assert isinstance(figure, Figure)
        figure.savefig(figures / f"{name}.png", dpi=120, bbox_inches="tight")
        written.append(figures / f"{name}.png")
        plt.close(figure)
        summary += [f"## {tree.title or name}", "", f"![{tree.title}](figures/{name}.png)", "", "```", result.table(), "```", ""]
    # the deterrence models (a separate package of the same distribution; imported here only)
    from models import MODELS

    summary += ["# The deterrence models", ""]
    for name, module in sorted(MODELS.items()):
        files = module.reproduce(root / "models" / name)
        written.extend(files)
        summary += [f"## {name}", "", *(f"- [{f.name}]({f.relative_to(root).as_posix()})" for f in files), ""]
    write(root / "equilibria.md", "\n".join(summary))
    return written


def _reproduce(args: argparse.Namespace) -> int:
    files = reproduce(args.output)
    print(f"wrote {len(files)} files into {args.output}/")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gametheory", description="Exact equilibria of games for crisis bargaining and deterrence.")
    sub = parser.add_subparsers(dest="command", required=True)
    solve = sub.add_parser("solve", help="solve a game file (.nfg or .efg)")
    solve.add_argument("file", help="a Gambit .nfg (strategic form) or .efg (extensive form) file")
    solve.add_argument("--method", default="auto", help="a solver name (see `gametheory solvers`); default: auto")
    solve.add_argument("--json", action="store_true", help="print JSON instead of a table")
    solve.add_argument("--indent", action="store_true", help="indent the JSON")
    solve.add_argument(
        "--refine",
        choices=sorted(_REFINEMENTS),
        help="signaling games: test each perfect Bayesian equilibrium with the intuitive criterion, D1 or D2, and say which pass and why the others fail",
    )
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
    except BrokenPipeError:  # the reader (e.g. `head`) stopped early: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
