"""The documentation runs: every example in docs/ is executed, and the Sphinx build has no warnings.

Fenced blocks in the Markdown pages are run in order, page by page, in a
fresh temporary folder with one namespace per page:

* ```` ```pycon ```` blocks are doctests (``>>>`` prompts and their output);
* ```` ```console ```` blocks are ``$ gametheory ...`` commands, run as
  ``python -m gametheory ...``; the lines after a command are its expected
  output (compared as JSON when they are JSON; only the exit status is checked
  when there are none).

Other fences must be directives (``{toctree}``, ``{eval-rst}``) or be listed
in ``NOT_RUN``, so that no code example escapes the tests by accident.
"""

from __future__ import annotations

import doctest
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from gametheory.solvers import REGISTRY

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.relative_to(DOCS).parts)
NOT_RUN = {"text", "json"}  # fences that show data, not code


_FENCE = re.compile(r"^(`{3,})(.*)$")


def code_blocks(text: str) -> list[tuple[str, int, str]]:
    """``(info, line, body)`` of each fenced block; ``line`` is the 1-based line of its first body line."""
    blocks = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, info = match.group(1), match.group(2).strip()
        start = i + 1
        i = start
        while i < len(lines) and lines[i].strip() != fence:
            i += 1
        blocks.append((info, start + 1, "\n".join(lines[start:i]) + "\n"))
        i += 1
    return blocks


def _run_pycon(body: str, globs: dict, page: Path, line: int) -> None:
    name = f"{page.relative_to(DOCS)}:{line}"
    test = doctest.DocTestParser().get_doctest(body, globs, name, str(page), line - 1)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=report.append, clear_globs=False)
    globs.update(test.globs)  # DocTest works on a copy; later blocks of the page see these names
    if runner.failures:
        pytest.fail("".join(report), pytrace=False)


def _same_output(expected: str, got: str) -> bool:
    if expected.lstrip().startswith(("{", "[")):
        try:
            return json.loads(expected) == json.loads(got)
        except json.JSONDecodeError:
            return False
    return [line.rstrip() for line in expected.strip().splitlines()] == [line.rstrip() for line in got.strip().splitlines()]


def _run_console(body: str, cwd: Path, page: Path, line: int) -> None:
    commands: list[tuple[str, list[str]]] = []
    for text in body.splitlines():
        if text.startswith("$ "):
            commands.append((text[2:], []))
        elif commands:
            commands[-1][1].append(text)
        elif text.strip():
            pytest.fail(f"{page.relative_to(DOCS)}:{line}: console block must start with '$ '; got {text!r}", pytrace=False)
    for command, output in commands:
        argv = shlex.split(command)
        if argv[0] != "gametheory":
            pytest.fail(f"{page.relative_to(DOCS)}:{line}: only gametheory commands are run; got {command!r}", pytrace=False)
        done = subprocess.run([sys.executable, "-m", "gametheory", *argv[1:]], cwd=cwd, capture_output=True, text=True, timeout=300)
        where = f"{page.relative_to(DOCS)}:{line}: $ {command}"
        if done.returncode != 0:
            pytest.fail(f"{where}\nexit status {done.returncode}\n{done.stderr}", pytrace=False)
        expected = "\n".join(output)
        if expected.strip() and not _same_output(expected, done.stdout):
            pytest.fail(f"{where}\nexpected:\n{expected}\ngot:\n{done.stdout}", pytrace=False)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    globs: dict = {"__name__": "__docs__"}
    for info, line, body in code_blocks(page.read_text(encoding="utf-8")):
        if info.startswith("{") or info in NOT_RUN:
            continue
        if info == "pycon":
            _run_pycon(body, globs, page, line)
        elif info == "console":
            _run_console(body, tmp_path, page, line)
        else:
            pytest.fail(
                f"{page.relative_to(DOCS)}:{line}: code blocks must be 'pycon' or 'console' so that they run; got {info!r}", pytrace=False
            )


def test_algorithm_table_lists_every_solver() -> None:
    text = (DOCS / "explanation" / "algorithms.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", text, flags=re.MULTILINE))
    assert set(REGISTRY) <= documented, f"undocumented solvers: {sorted(set(REGISTRY) - documented)}"
    assert documented <= set(REGISTRY), f"documented but not registered: {sorted(documented - set(REGISTRY))}"


def test_code_blocks_parser() -> None:
    blocks = code_blocks("text\n```pycon\n>>> 1\n1\n```\n\n````{eval-rst}\n.. x::\n````\n")
    assert blocks == [("pycon", 3, ">>> 1\n1\n"), ("{eval-rst}", 8, ".. x::\n")]


def test_docs_build_without_warnings(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    pytest.importorskip("numpydoc")
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        "-d",
        str(tmp_path / "doctrees"),
        str(DOCS),
        str(tmp_path / "html"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
