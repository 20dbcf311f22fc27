"""LaTeX export: istgame trees and sgame tables, checked for structure (and compiled when a TeX installation has both packages)."""

from __future__ import annotations

import re
import shutil
import subprocess
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, settings

from gametheory import (
    Equilibrium,
    ExtensiveFormGame,
    InvalidGameError,
    NormalFormGame,
    UnsupportedGameError,
    catalog,
    chance,
    decision,
)
from gametheory.games.extensive_form import CHANCE, TERMINAL
from gametheory.io import to_istgame, to_sgame
from gametheory.io.latex import escape_latex, latex_number
from tests.strategies import bimatrix_games, game_trees


def _balanced(text: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += char == "{"
        depth -= char == "}"
        if depth < 0:
            return False
    return depth == 0


def _shared_sets(game):
    sizes = np.diff(game.member_start)
    return [h for h in range(game.n_infosets) if game.infoset_player[h] >= 0 and sizes[h] > 1]


def _check_istgame(game, text, profile=None):
    assert _balanced(text)
    assert text.count(r"\begin{tikzpicture}") == 1 and text.count(r"\end{tikzpicture}") == 1
    inner = int(np.sum(game.mover != TERMINAL))
    assert len(re.findall(r"\\istb(?![a-zA-Z])", text)) == game.n_nodes - 1  # one branch per edge
    assert len(re.findall(r"\\istroot(?![a-zA-Z])", text)) == inner
    assert len(re.findall(r"\\endist(?![a-zA-Z])", text)) == inner
    assert text.count(r"\xtdistance") == inner
    assert text.count(r"\xtInfoset") == sum(len(game.nodes_of(h)) - 1 for h in _shared_sets(game))
    # every simple tree hangs from a branch of a simple tree written before it
    seen: dict[str, int] = {}
    for name, parent, k in re.findall(r"\\istroot\((n\d+)\)(?:\((n\d+)-(\d+)\))?", text):
        if parent:
            assert parent in seen and 1 <= int(k) <= seen[parent]
        seen[name] = int(game.n_children[int(name[1:])])
    # payoffs at every terminal node
    assert text.count(r"{\ensuremath{(") == int(np.sum(game.mover == TERMINAL))
    if profile is None:
        assert "[gt played]{" not in text
    else:
        played = 0
        flat = {h: profile[p][k] for p in range(game.n_players) for k, h in enumerate(game.infosets_of(p))}
        for node in range(1, game.n_nodes):
            up = int(game.parent[node])
            if game.mover[up] == CHANCE or F(flat[int(game.infoset[up])][int(game.action[node])]) > 0:
                played += 1
        assert text.count(r"\istb[gt played]") == played


# --- istgame ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(catalog.TREES))
def test_every_catalog_tree_exports(name):
    game = catalog.TREES[name]()
    _check_istgame(game, to_istgame(game))
    first = [[[int(a == 0) for a in range(len(game.infoset_actions[h]))] for h in game.infosets_of(p)] for p in range(game.n_players)]
    _check_istgame(game, to_istgame(game, first), first)


@settings(max_examples=40, deadline=None)
@given(game_trees(max_depth=4))
def test_generated_trees_export(game):
    uniform = [
        [[F(1, len(game.infoset_actions[h]))] * len(game.infoset_actions[h]) for h in game.infosets_of(p)] for p in range(game.n_players)
    ]
    _check_istgame(game, to_istgame(game))
    _check_istgame(game, to_istgame(game, uniform), uniform)


def test_chance_probabilities_mixed_probabilities_and_information_sets():
    game = ExtensiveFormGame.from_tree(
        chance(
            {
                "Hard": (F(1, 4), decision("Target", {"Comply": (1, -1), "Defy": (-5, -5)}, infoset="T")),
                "Soft": (F(3, 4), decision("Target", {"Comply": (1, -1), "Defy": (-5, F(1, 2))}, infoset="T")),
            }
        ),
        players=["Threatener", "Target"],
    )
    text = to_istgame(game, [[], [[F(1, 3), F(2, 3)]]])
    assert r"\mbox{Hard (\ensuremath{\frac{1}{4}})}" in text
    assert r"\mbox{Soft (\ensuremath{\frac{3}{4}})}" in text
    assert r"\mbox{Comply (\ensuremath{\frac{1}{3}})}" in text
    assert r"\ensuremath{(-5, \frac{1}{2})}" in text
    assert r"\istroot(n0)[gt chance]{\mbox{Chance}}" in text
    assert re.search(r"\\xtInfoset\(n1\)\(n2\)\{\\mbox\{Target\}\}\[above\]", text)
    # the set's nodes carry no owner of their own
    assert r"\istroot(n1)(n0-1)[gt decision]" + "\n" in text


def test_an_equilibrium_is_highlighted():
    game = catalog.entry_deterrence()
    eq = Equilibrium(profile=(((0, 1),), ((0, 1),)), payoffs=(2, 2), max_regret=0)
    text = to_istgame(game, eq)
    assert text.count(r"\istb[gt played]") == 2
    assert r"\istb[gt played]{\mbox{In}}" in text and r"\istb[gt played]{\mbox{Accommodate}}" in text
    assert r"gt played/.style={very thick}" in text


def test_subtrees_get_room():
    text = to_istgame(catalog.seltens_horse(), leaf_distance=10)
    distances = [float(v) for v in re.findall(r"\\xtdistance\{15mm\}\{([\d.]+)mm\}", text)]
    # the root's children carry subtrees of widths 2 and 3 leaves: their centres need 2.75 units
    assert distances == [27.5, 10.0, 15.0, 10.0]


def test_labels_are_escaped():
    game = ExtensiveFormGame.from_tree(
        decision("R&D_1", {"50% #1": (1, 2), "pay $5 {now}": decision("B~^", {"a\\b": (0, 0), "x": (-1, 1)})}), title="100% & more"
    )
    text = to_istgame(game)
    assert _balanced(text)
    assert r"\mbox{R\&D\_1}" in text
    assert r"\mbox{50\% \#1}" in text
    assert r"\mbox{pay \$5 \{now\}}" in text
    assert r"\mbox{a\textbackslash{}b}" in text
    assert r"\textasciitilde{}\textasciicircum{}" in text
    body = [line for line in text.splitlines() if not line.startswith("%")]
    for line in body:
        assert not re.search(r"(?<!\\)[&%#_$]", line.replace(r"\ensuremath", "")), line


def test_istgame_errors():
    with pytest.raises(UnsupportedGameError, match=r"to_istgame\(\): game must be an ExtensiveFormGame"):
        to_istgame(catalog.chicken())
    with pytest.raises(InvalidGameError, match=r"to_istgame\(\)"):
        to_istgame(catalog.entry_deterrence(), [[[1, 1]], [[0, 1]]])
    with pytest.raises(InvalidGameError, match="level_distance"):
        to_istgame(catalog.entry_deterrence(), level_distance=0)


# --- sgame --------------------------------------------------------------------------------------
def _rows(text):
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(r"\begin{game}"))
    end = lines.index(r"\end{game}")
    return lines[start], lines[start + 1 : end]


@settings(max_examples=40, deadline=None)
@given(bimatrix_games())
def test_sgame_cells(game):
    text = to_sgame(game)
    m, n = game.shape
    head, rows = _rows(text)
    assert head.startswith(f"\\begin{{game}}{{{m}}}{{{n}}}")
    assert len(rows) == m + 1
    for row in rows:
        assert len(re.findall(r"(?<!\\)&", row)) == n
    cells = re.findall(r"\$([^$]*)\$, \$([^$]*)\$", text)
    assert len(cells) == m * n
    assert _balanced(text)
    assert all(row.endswith(r"\\") for row in rows[:-1]) and not rows[-1].endswith(r"\\")


def test_sgame_numbers_and_labels():
    game = NormalFormGame.from_bimatrix(
        [[F(1, 2), -1], [0, 3]],
        [[F(-3, 4), 2], [1, 0]],
        players=["Row & Co", "Col_1"],
        actions=[("Up%", "Down"), ("L#", "R$")],
        title="Test",
    )
    text = to_sgame(game)
    assert r"\begin{game}{2}{2}[{Row \& Co}][{Col\_1}]" in text
    assert r" & L\# & R\$ \\" in text
    assert r"Up\% & $\frac{1}{2}$, $-\frac{3}{4}$ & $-1$, $2$ \\" in text
    assert "Down & $0$, $1$ & $3$, $0$" in text


def test_sgame_of_a_tree_uses_its_reduced_normal_form():
    text = to_sgame(catalog.entry_deterrence())
    assert r"\begin{game}{2}{2}[{Entrant}][{Incumbent}]" in text
    assert "Out & $1$, $5$ & $1$, $5$" in text


def test_sgame_refuses_other_than_two_players():
    with pytest.raises(UnsupportedGameError, match=r"to_sgame\(\): game must have 2 players .*; got 3"):
        to_sgame(catalog.volunteers_dilemma(3))
    with pytest.raises(UnsupportedGameError, match=r"to_sgame\(\)"):
        to_sgame([[1, 2], [3, 4]])


def test_numbers_and_escaping_helpers():
    assert latex_number(7) == "7"
    assert latex_number(F(6, 3)) == "2"
    assert latex_number(F(-5, 3)) == r"-\frac{5}{3}"
    assert latex_number(0.1) == "0.1"
    assert latex_number(2.5e20) == r"2.5 \times 10^{20}"
    assert latex_number(sympy.Symbol("c") / 2) == r"\frac{c}{2}"
    with pytest.raises(InvalidGameError):
        latex_number(True)
    with pytest.raises(InvalidGameError):
        latex_number(float("nan"))
    assert escape_latex("a<b>|c") == r"a\textless{}b\textgreater{}\textbar{}c"


# --- compiling ----------------------------------------------------------------------------------
def _tex_packages_available() -> bool:
    if not shutil.which("pdflatex") or not shutil.which("kpsewhich"):
        return False
    found = subprocess.run(["kpsewhich", "istgame.sty", "sgame.sty"], capture_output=True, text=True).stdout.split()
    return len(found) == 2


@pytest.mark.skipif(not _tex_packages_available(), reason="pdflatex with istgame.sty and sgame.sty is not installed")
def test_output_compiles(tmp_path):
    horse = catalog.seltens_horse()
    parts = [
        to_istgame(catalog.entry_deterrence(), [[[0, 1]], [[0, 1]]]),
        to_istgame(horse, [[[0, 1]], [[0, 1]], [[F(1, 4), F(3, 4)]]]),
        to_istgame(catalog.ultimatum(2)),
        to_sgame(catalog.chicken()),
        to_sgame(NormalFormGame.from_bimatrix([[F(1, 2), -1]], [[0, 1]], players=["A & B", "C_D"], actions=[("x%",), ("y#", "z$")])),
    ]
    document = (
        "\\documentclass{article}\n\\usepackage{istgame}\n\\usepackage{sgame}\n\\begin{document}\n"
        + "\n\n".join(parts)
        + "\\end{document}\n"
    )
    (tmp_path / "trees.tex").write_text(document)
    result = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "trees.tex"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "trees.pdf").exists()
