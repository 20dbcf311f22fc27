"""The command line: `gametheory solve`, `reproduce`, `solvers`, and `python -m gametheory`."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory import catalog
from gametheory.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def degenerate_file(tmp_path: Path) -> Path:
    path = tmp_path / "degenerate.nfg"
    path.write_text(catalog.degenerate().to_nfg(), encoding="utf-8")
    return path


def test_solve_prints_exact_json_of_every_equilibrium(degenerate_file, capsys):
    assert main(["solve", str(degenerate_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "enumerate" and out["exact"] is True and out["degenerate"] is True
    assert [eq["profile"]["Column"] for eq in out["equilibria"]] == [
        {"Left": "1", "Right": "0"},
        {"Left": "2/3", "Right": "1/3"},
        {"Left": "1/3", "Right": "2/3"},
    ]
    assert out["equilibria"][2]["payoffs"] == {"Row": "4", "Column": "8/3"}
    assert all(eq["concept"] == "nash" and eq["max_regret"] == "0" for eq in out["equilibria"])
    assert out["components"] == [[0, 1], [2]] and out["cliques"] == [[0, 1], [2]]


def test_solve_prints_a_table(capsys):
    assert main(["solve", str(DATA / "prisoners_dilemma.nfg")]) == 0
    out = capsys.readouterr().out
    assert "1 equilibrium" in out and "max regret 0" in out


def test_solve_with_a_method(degenerate_file, capsys):
    assert main(["solve", str(degenerate_file), "--method", "pure", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["method"] == "pure"


def test_errors_exit_2_with_a_message(tmp_path, capsys):
    assert main(["solve", str(tmp_path / "missing.nfg")]) == 2
    assert "missing.nfg" in capsys.readouterr().err
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3\n', encoding="utf-8")
    assert main(["solve", str(bad)]) == 2
    assert "bad.nfg:" in capsys.readouterr().err
    assert main(["solve", str(DATA / "prisoners_dilemma.nfg"), "--method", "nope"]) == 2
    assert "valid methods are" in capsys.readouterr().err


def test_reproduce_writes_the_tables(tmp_path):
    assert main(["reproduce", "--output", str(tmp_path / "out")]) == 0
    tables = tmp_path / "out" / "tables"
    for name in catalog.CATALOG:
        assert json.loads((tables / f"{name}.json").read_text())["equilibria"]
        assert (tables / f"{name}.nfg").exists() and (tables / f"{name}.txt").exists()
    assert "Chicken" in (tmp_path / "out" / "equilibria.md").read_text()


def test_python_dash_m_and_solvers_listing():
    done = subprocess.run([sys.executable, "-m", "gametheory", "solvers"], capture_output=True, text=True, check=True)
    assert "enumerate" in done.stdout and "max_vertices" in done.stdout


def test_solve_efg_gives_spe_with_profiles_by_information_set_and_outcomes(tmp_path, capsys):
    path = tmp_path / "entry.efg"
    path.write_text(catalog.entry_deterrence().to_efg(), encoding="utf-8")
    assert main(["solve", str(path), "--method", "spe", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "spe" and out["complete"] is True
    (eq,) = out["equilibria"]
    assert eq["profile"] == {
        "Entrant": {"Entrant:1": {"Out": "0", "In": "1"}},
        "Incumbent": {"Incumbent:1": {"Fight": "0", "Accommodate": "1"}},
    }
    assert eq["outcomes"] == {"In/Accommodate": "1"} and eq["payoffs"] == {"Entrant": "2", "Incumbent": "2"}


def test_solve_gambit_poker_file(capsys):
    # Myerson (1991) section 2.2 one-card poker, Gambit's poker.efg: Alice's value is 1/3,
    # she always raises with the king and bluffs with the queen with probability 1/3
    assert main(["solve", str(DATA / "poker.efg"), "--json"]) == 0
    (eq,) = json.loads(capsys.readouterr().out)["equilibria"]
    assert eq["payoffs"]["Alice"] == "1/3" and eq["max_regret"] == "0"
    assert eq["profile"]["Bob"]["Bob:1"] == {"Meet": "2/3", "Pass": "1/3"}


def test_solve_efg_with_pbe_prints_beliefs_and_refinements(tmp_path, capsys):
    # beer–quiche (Cho & Kreps 1987) read back from .efg: the signaling structure is recognised from the tree
    from gametheory import signaling_game

    def payoffs(t, m, r):
        return (1 if (t == "strong") == (m == "beer") else 0) + (0 if r == "duel" else 2), (
            (1 if t == "weak" else -1) if r == "duel" else 0
        )

    game = signaling_game(["weak", "strong"], [Fraction(1, 10), Fraction(9, 10)], ["beer", "quiche"], ["duel", "not"], payoffs)
    path = tmp_path / "beer_quiche.efg"
    path.write_text(game.to_efg(), encoding="utf-8")
    assert main(["solve", str(path), "--method", "pbe"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("pbe: 4 equilibria (exact)")
    assert "beliefs at quiche: weak,quiche in [1/2, 1], strong,quiche in [0, 1/2] (off the path)" in out
    assert "beliefs at beer: weak,beer: 1/2, strong,beer: 1/2 (off the path)" in out  # the receiver mixes: one belief
    assert main(["solve", str(path), "--method", "pbe", "--json"]) == 0
    beliefs = json.loads(capsys.readouterr().out)["equilibria"][0]["beliefs"]
    assert beliefs["beer"] == {"weak,beer": "1/10", "strong,beer": "9/10"} and beliefs["quiche"]["off_path"] is True
    # Cho & Kreps (1987): the intuitive criterion rules out pooling on quiche; D1 keeps only the pure pool on beer
    assert main(["solve", str(path), "--refine", "intuitive"]) == 0
    out = capsys.readouterr().out
    assert "intuitive criterion: 2 of 4 equilibria survive" in out and "[2] fails: type 'strong' would send 'beer'" in out
    assert main(["solve", str(path), "--refine", "d1", "--json"]) == 0
    refinement = json.loads(capsys.readouterr().out)["refinement"]
    assert refinement["criterion"] == "D1" and refinement["survivors"] == [0]
    assert main(["solve", str(path), "--method", "spe", "--refine", "d1"]) == 2
    assert "--refine d1 filters perfect Bayesian equilibria; it needs --method pbe, got 'spe'" in capsys.readouterr().err
