"""Gambit .efg files: Gambit's sample files read, exact round trips, the format's rules, and no crash on bad input."""

from __future__ import annotations

import io
import os
import pathlib
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import ExtensiveFormGame, GameFileError, InvalidGameError, UnsupportedGameError, catalog, chance, decision, outcome
from gametheory.games.extensive_form import CHANCE, TERMINAL
from gametheory.io import parse_efg, read_game, write_efg
from tests.strategies import edited_text, game_trees

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"

# Sample files copied unchanged from gambitproject/gambit (GPL; data only), kept under their original names:
#   poker.efg                  doc/poker.efg                        chance, imperfect information, outcomes shared by terminals
#   bayes1a.efg                contrib/games/bayes1a.efg            three chance nodes, named information sets, a terminal named "ROOT"
#   cent2.efg                  contrib/games/cent2.efg              decimals (.80), 19/20, one-action sets, an outcome restated
#   montyhal.efg               contrib/games/montyhal.efg           probabilities 1/3, information-set names unlike their numbers
#   fig1.efg                   catalog/journals/ijgt/selten1975/fig1.efg   Selten's horse: 3 players, a multi-line comment with \"
#   e10.efg                    contrib/games/e10.efg                node names that repeat (Gambit itself now refuses the file)
#   2_player_chance_nonterm_outcomes_and_missing_term_outcomes.efg   tests/test_games/   outcomes at decision nodes, terminals without one
#   3_player_with_nonterm_outcomes.efg                               tests/test_games/   the same with 3 players
#   chance_in_middle_with_nonterm_outcomes.efg                       tests/test_games/   chance below a decision, an outcome above it
#   AM-driver-one-infoset.efg                                        tests/test_games/   absent-mindedness, which we refuse
SAMPLES = [
    "poker.efg",
    "bayes1a.efg",
    "cent2.efg",
    "montyhal.efg",
    "fig1.efg",
    "e10.efg",
    "2_player_chance_nonterm_outcomes_and_missing_term_outcomes.efg",
    "3_player_with_nonterm_outcomes.efg",
    "chance_in_middle_with_nonterm_outcomes.efg",
]


def preorder(game: ExtensiveFormGame) -> list[int]:
    return np.argsort(game.preorder).tolist()


def terminal_payoffs(game: ExtensiveFormGame) -> list[tuple]:
    """Payoffs of the terminals in the order of the file (depth-first preorder)."""
    return [game.terminal_payoffs(n) for n in preorder(game) if game.mover[n] == TERMINAL]


def named(game: ExtensiveFormGame) -> list[str]:
    return [game.node_labels[n] for n in preorder(game) if game.node_labels and game.node_labels[n]]


# --- Gambit's sample files ------------------------------------------------------


def test_poker():
    game = read_game(DATA / "poker.efg")
    assert isinstance(game, ExtensiveFormGame)
    assert game.title == "One card poker game, after Myerson (1991)"
    assert game.players == ("Alice", "Bob")
    assert game.kind == "exact"
    assert game.n_nodes == 11
    assert game.infoset_labels == ("Alice:1", "Alice:2", "Bob:1", "chance:1")
    assert game.infoset_actions == (("Raise", "Fold"), ("Raise", "Fold"), ("Meet", "Pass"), ("King", "Queen"))
    assert game.chance_probs[3] == (Fraction(1, 2), Fraction(1, 2))
    assert len(game.nodes_of(2)) == 2  # Bob does not see the card
    assert terminal_payoffs(game) == [(2, -2), (1, -1), (-1, 1), (-2, 2), (1, -1), (-1, 1)]
    # outcome names label unnamed terminals when no other terminal shares them
    assert named(game) == ["Alice wins big", "Bob wins big"]
    assert game.properties.perfect_recall and not game.properties.perfect_information


def test_bayes_game_names():
    game = read_game(DATA / "bayes1a.efg")
    assert game.title == "General Bayes game, one stage"
    assert game.infoset_labels == ("(1,1)", "(1,2)", "(2,1)", "(2,2)", "(0,1)", "(0,2)", "(0,3)")
    assert [len(game.nodes_of(h)) for h in range(4)] == [2, 2, 4, 4]
    labels = named(game)
    assert "ROOT" in labels  # a terminal's own name
    assert "Outcome 12" not in labels  # ... wins over its outcome's
    assert labels[0] == "Outcome 1" and len(labels) == 16
    assert terminal_payoffs(game)[:4] == [(10, 2), (0, 10), (2, 4), (4, 0)]


def test_centipede_decimals_and_restated_outcomes():
    game = read_game(DATA / "cent2.efg")
    assert game.title == "Centipede game. Two inning, with probability of altruists.  "
    assert game.chance_probs[-1] == (Fraction(19, 20), Fraction(1, 20))
    payoffs = terminal_payoffs(game)
    assert payoffs[0] == (Fraction(4, 5), Fraction(1, 5))
    assert payoffs[4] == (Fraction(64, 5), Fraction(16, 5))  # outcome 5 is stated five times, identically
    assert payoffs.count((Fraction(64, 5), Fraction(16, 5))) == 4
    assert ("p",) in game.infoset_actions  # one-action sets


def test_monty_hall_numbers_and_names():
    game = read_game(DATA / "montyhal.efg")
    assert game.chance_probs[-1] == (Fraction(1, 3),) * 3
    # the second set of player 2 in the file is named "(2,4)": names are kept whatever the numbers
    assert game.infoset_labels[game.infosets_of(1).start : game.infosets_of(1).start + 2] == ("(2,1)", "(2,4)")
    assert game.properties.n_infosets == (7, 9)
    assert game.properties.perfect_recall


def test_seltens_horse():
    game = read_game(DATA / "fig1.efg")
    assert game.title == "Selten's horse (Selten IJGT 1975, Figure 1)"  # the comment after the players is skipped
    assert game.players == ("Player 1", "Player 2", "Player 3")
    assert game.infoset_labels == ("Player 1:1", "Player 2:1", "Player 3:1")
    assert len(game.nodes_of(2)) == 2
    assert terminal_payoffs(game) == [(1, 1, 1), (4, 4, 0), (0, 0, 1), (3, 2, 2), (0, 0, 0)]
    assert not game.perfect_information


def test_repeated_node_names_are_dropped():
    game = read_game(DATA / "e10.efg")
    assert game.title == "Nim with 5 stones"
    # "3 left", "2 left", "1 left" and "0 left" name several nodes; "Red Win" and "Blue Win" several outcomes
    assert named(game) == ["5 left", "4 left"]
    assert game.node_label(0) == "5 left"
    assert terminal_payoffs(game) == [(1, -1), (-1, 1), (-1, 1), (-1, 1), (1, -1), (-1, 1), (1, -1), (1, -1)]


def test_outcomes_at_decision_nodes_add_up():
    game = read_game(DATA / "2_player_chance_nonterm_outcomes_and_missing_term_outcomes.efg")
    # p "" 2 1 "" { "X" "Y" } 1 "1" { 1, -1 } above t "" 0 and t "" 4 "-2" { -2, 2 }; a terminal with no outcome on its path pays 0
    assert terminal_payoffs(game) == [
        (1, -1),
        (-1, 1),
        (-1, 1),
        (1, -1),
        (1, -1),
        (0, 0),
        (0, 0),
        (1, -1),
        (1, -1),
        (-1, 1),
        (-1, 1),
        (1, -1),
    ]
    assert named(game) == ["-2", "2"]  # the outcome names used once
    game = read_game(DATA / "3_player_with_nonterm_outcomes.efg")
    payoffs = terminal_payoffs(game)
    assert payoffs[:5] == [(3, 1, 4), (4, 0, 1), (0, 0, 0), (0, 0, 0), (1, 3, 2)]
    assert payoffs[7:] == [(2, 2, 4), (3, 1, 1), (0, 4, 2), (1, 2, 3)]  # under outcome 6 { 1, 2, 3 }
    game = read_game(DATA / "chance_in_middle_with_nonterm_outcomes.efg")
    assert terminal_payoffs(game)[:2] == [(0, 0), (-2, 2)]  # outcome 8 { -1, 1 } at player 2's node


def test_absent_mindedness_is_refused():
    with pytest.raises(GameFileError, match="absent-mindedness, which is not supported") as caught:
        read_game(DATA / "AM-driver-one-infoset.efg")
    assert (caught.value.line, caught.value.column) == (5, 8)
    assert caught.value.path == os.fspath(DATA / "AM-driver-one-infoset.efg")


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_files_round_trip(name):
    game = read_game(DATA / name)
    text = write_efg(game)
    assert game.to_efg() == text
    back = parse_efg(text)
    assert back == game and back.title == game.title
    assert write_efg(back) == text


@pytest.mark.parametrize("name", sorted(catalog.TREES))
def test_catalog_trees_round_trip(name):
    game = catalog.TREES[name](5) if name in ("centipede", "chain_store") else catalog.TREES[name]()
    back = parse_efg(write_efg(game))
    assert back == game and back.title == game.title


def test_deep_trees_round_trip():
    depth = 3000  # far beyond the recursion limit: reading and writing do not recurse
    parent = [-1] + [2 * (k // 2) for k in range(2 * depth)]
    mover = [(k // 2) % 2 if k % 2 == 0 else TERMINAL for k in range(2 * depth)] + [TERMINAL]
    game = ExtensiveFormGame.from_arrays(
        players=["A", "B"],
        parent=parent,
        mover=mover,
        infoset=[k // 2 if k % 2 == 0 else -1 for k in range(2 * depth)] + [-1],
        actions=[("stop", "go")] * depth,
        payoffs=[(k, -k) for k in range(depth + 1)],
    )
    assert game.n_nodes == 2 * depth + 1
    back = parse_efg(write_efg(game))
    assert back == game


# --- the format's rules, on small texts ---------------------------------------------

HEAD = 'EFG 2 R "t" { "A" "B" }\n'


def test_outcomes_are_defined_once_and_reused_by_number():
    game = parse_efg(HEAD + 'p "" 1 1 "" { "L" "R" } 0\nt "" 7 "win" { 1, 2 }\nt "" 7\n')
    assert terminal_payoffs(game) == [(1, 2), (1, 2)]
    assert game.node_labels is None  # "win" names two terminals
    game = parse_efg(HEAD + 'p "" 1 1 "" { "L" "R" } 0\nt "" 7 "win" { 1 2 }\nt "" 7 "win" { 1, 2, }\n')
    assert terminal_payoffs(game) == [(1, 2), (1, 2)]  # restated identically; commas optional
    with pytest.raises(
        GameFileError, match=r"expected outcome 7 as first defined, 'win' paying \['1', '2'\]; got 'win' paying \['1', '3'\]"
    ):
        parse_efg(HEAD + 'p "" 1 1 "" { "L" "R" } 0\nt "" 7 "win" { 1 2 }\nt "" 7 "win" { 1 3 }\n')
    with pytest.raises(GameFileError, match="expected the name and payoffs of outcome 3") as caught:
        parse_efg(HEAD + 'p "" 1 1 "" { "L" "R" } 0\nt "" 7 "win" { 1 2 }\nt "" 3\n')
    assert (caught.value.line, caught.value.column) == (4, 6)
    with pytest.raises(GameFileError, match="no name or payoffs after the null outcome 0"):
        parse_efg(HEAD + 't "" 0 "x" { 1 2 }')


def test_outcomes_on_the_path_are_summed():
    game = parse_efg(
        HEAD
        + 'c "" 1 "" { "h" 1/4 "t" 3/4 } 1 "entry fee" { -1, 0 }\n'
        + 'p "" 1 1 "" { "L" "R" } 2 "bonus" { 0, 1/2 }\n'
        + 't "" 3 "end" { 10, 10 }\nt "" 0\n'
        + 't "" 0\n'
    )
    assert terminal_payoffs(game) == [(9, Fraction(21, 2)), (-1, Fraction(1, 2)), (-1, 0)]
    assert named(game) == ["end"]
    assert game.kind == "exact"


def test_a_single_terminal_node():
    # legal in Gambit: a game without moves
    game = parse_efg('EFG 2 R "" { "A" } t "" 1 "only" { 5 }')
    assert game.n_nodes == 1 and game.terminal_payoffs(0) == (5,)
    assert parse_efg(game.to_efg()) == game


def test_information_sets_are_defined_once_and_reused_by_number():
    text = HEAD + 'p "" 1 1 "" { "L" "R" } 0\np "" 2 5 "" { "l" "r" } 0\nt "" 0\nt "" 0\np "" 2 5 0\nt "" 0\nt "" 0\n'
    game = parse_efg(text)
    assert game.infoset_labels == ("A:1", "B:5")  # unnamed: the file's number
    assert len(game.nodes_of(1)) == 2
    restated = text.replace('p "" 2 5 0', 'p "" 2 5 "" { "l" "r" } 0')
    assert parse_efg(restated) == game
    with pytest.raises(
        GameFileError, match=r"expected information set 5 of player 2 as first defined, '' with the actions \['l', 'r'\]"
    ) as caught:
        parse_efg(text.replace('p "" 2 5 0', 'p "" 2 5 "" { "l" "x" } 0'))
    assert (caught.value.line, caught.value.column) == (6, 10)
    with pytest.raises(GameFileError, match=r"as first defined, '' with the actions \['l', 'r'\]; got 'other' with \['l', 'r'\]"):
        parse_efg(text.replace('p "" 2 5 0', 'p "" 2 5 "other" { "l" "r" } 0'))
    assert parse_efg(text.replace('p "" 2 5 0', 'p "" 2 5 ""\n{"l"\t"r"} 0')) == game  # the same tokens, laid out otherwise
    with pytest.raises(GameFileError, match="expected the name and actions of information set 6 of player 2, which is not defined earlier"):
        parse_efg(text.replace('p "" 2 5 0', 'p "" 2 6 0'))
    with pytest.raises(GameFileError, match=r"expected the number of the player who moves \(1 to 2"):
        parse_efg(text.replace('p "" 2 5 0', 'p "" 3 5 0'))


def test_information_set_labels_are_made_unique_per_player():
    text = (
        'EFG 2 R "" { "A" "B" }\n'
        'p "" 1 1 "same" { "a" "b" } 0\n'
        'p "" 1 2 "same" { "c" } 0\n'
        'p "" 2 1 "A:3" { "x" } 0\n'
        't "" 0\n'
        'p "" 1 3 "" { "d" } 0\n'
        'p "" 2 2 "same" { "y" } 0\n'
        't "" 0\n'
    )
    game = parse_efg(text)
    # player A: "same" twice falls back to the numbers; set 3 is unnamed ("A:3"); B's "A:3" and "same" are B's own
    assert game.infoset_labels == ("A:1", "A:2", "A:3", "A:3", "same")
    clash = parse_efg('EFG 2 R "" { "A" }\np "" 1 1 "A:2" { "a" } 0\np "" 1 2 "" { "b" } 0\nt "" 0\n')
    assert clash.infoset_labels == ("A:1", "A:2")


def test_chance_sets_are_one_per_node():
    text = (
        'EFG 2 R "" { "A" }\np "" 1 1 "" { "a" "b" } 0\nc "" 4 "Nature" { "h" 1/2 "t" 1/2 } 0\nt "" 0\nt "" 0\nc "" 4 0\nt "" 0\nt "" 0\n'
    )
    game = parse_efg(text)
    assert game.infoset_labels == ("A:1", "Nature.1", "Nature.2")
    assert game.chance_probs[1:] == ((Fraction(1, 2),) * 2,) * 2
    unnamed = parse_efg(text.replace('"Nature"', '""'))
    assert unnamed.infoset_labels == ("A:1", "chance:4.1", "chance:4.2")
    one = parse_efg('EFG 2 R "" { "A" }\nc "" 9 "" { "h" 1 } 0 t "" 0')
    assert one.infoset_labels == ("chance:9",)
    with pytest.raises(
        GameFileError,
        match=r"expected chance information set 4 as first defined, 'Nature' with the actions \['h', 't'\] and probabilities \['1/2', '1/2'\]",
    ):
        parse_efg(text.replace('c "" 4 0', 'c "" 4 "Nature" { "h" 1/3 "t" 2/3 } 0'))


def test_empty_and_repeated_labels_are_made_unique():
    game = parse_efg('EFG 2 R "" { "" "X" "X" }\np "" 1 1 "" { "" "go" "go" } 0\nt "" 0\nt "" 0\nt "" 0\n')
    assert game.players == ("Player 1", "X_1", "X_2")
    assert game.infoset_actions == (("1", "go_1", "go_2"),)
    assert game.infoset_labels == ("Player 1:1",)


def test_node_labels():
    text = (
        HEAD + 'p "root" 1 1 "" { "L" "R" } 0\n'
        'p "dup" 2 1 "" { "l" "r" } 0\nt "" 1 "L/l" { 1, 1 }\nt "" 2 "L/x" { 2, 2 }\n'
        'p "dup" 2 2 "" { "l" "r" } 0\nt "" 3 "root" { 3, 3 }\nt "named" 4 "other" { 4, 4 }\n'
    )
    game = parse_efg(text)
    labels = [game.node_labels[n] for n in preorder(game)] if game.node_labels else []
    # "dup" repeats: dropped; "L/l" is the terminal's path: not kept; "L/x" is not; "root" is a node's name: not used again
    assert labels == ["root", "", "", "L/x", "", "", "named"]
    assert game.node_label(int(game.terminals[0])) == "L/l"


def test_numbers_are_exact():
    game = parse_efg(
        'EFG 2 D "" { "A" }\nc "" 1 "" { "a" 0.1 "b" .2 "c" 7/10 } 0\nt "" 1 "" { 1e3 }\nt "" 2 "" { -2.50 }\nt "" 3 "" { +3/6 }\n'
    )
    assert game.chance_probs[0] == (Fraction(1, 10), Fraction(1, 5), Fraction(7, 10))
    assert terminal_payoffs(game) == [(1000,), (Fraction(-5, 2),), (Fraction(1, 2),)]
    assert [type(v) for row in terminal_payoffs(game) for v in row] == [int, Fraction, Fraction]


def test_quoted_strings_and_free_layout():
    text = 'EFG\n2\tR "a \\"quoted\\" title" {"A\\\\B"\n"C"} "comment { with } braces"\np"n"1 1"i"{"x"}0 t "" 1 ""{1,2}'
    game = parse_efg(text)
    assert game.title == 'a "quoted" title'
    assert game.players == ("A\\B", "C")
    assert game.infoset_labels == ("i",) and game.node_labels == ("n", "")
    assert parse_efg("\ufeff" + text) == game  # a byte-order mark


# --- errors ----------------------------------------------------------------------

ERRORS = [
    ("", 1, 1, "expected the file type 'EFG' at the start of a Gambit extensive-form file; got end of file"),
    ('NFG 1 R "" { "A" } { 2 } 1 2', 1, 1, "(a strategic-form game: read it with parse_nfg())"),
    ('EFG 3 R "" { "A" }', 1, 5, "expected the format version 2 after 'EFG'; got the number '3'"),
    ('EFG 2 X "" { "A" }', 1, 7, "expected the data type 'R'"),
    ("EFG 2 R title", 1, 9, "expected the game's title (a quoted string); got the word 'title'"),
    ('EFG 2 R "" "A"', 1, 12, "expected '{' opening the list of player names"),
    ('EFG 2 R "" { }', 1, 14, "expected at least one player name before '}'"),
    ('EFG 2 R "" { "A" 1 }', 1, 18, "expected a player name (a quoted string) or '}'"),
    ('EFG 2 R "" { "A" }\nx "" 0', 2, 1, "expected a node type: 'p' (a player's move), 'c' (chance) or 't' (terminal); got the word 'x'"),
    ('EFG 2 R "" { "A" }\nt 0', 2, 3, "expected the node's name (a quoted string); got the number '0'"),
    ('EFG 2 R "" { "A" }\n', 2, 1, "expected a node type"),
    ('EFG 2 R "" { "A" }\np "" 0 1 "" { "a" } 0 t "" 0', 2, 6, "expected the number of the player who moves (1 to 1"),
    (
        'EFG 2 R "" { "A" }\np "" 1 0 "" { "a" } 0 t "" 0',
        2,
        8,
        "expected the number of an information set (a positive whole number); got the number '0'",
    ),
    (
        'EFG 2 R "" { "A" }\np "" 1 1 "" { } 0',
        2,
        15,
        "expected an action label (a quoted string) of information set 1 of player 1 ('A'); it needs at least one action",
    ),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" "a" 0', 2, 13, "expected '{' opening the actions of information set 1 of player 1"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "a" 3 } 0', 2, 19, "expected an action label (a quoted string) or '}' closing the actions"),
    (
        'EFG 2 R "" { "A" }\nc "" 1 "" { "a" "b" } 0',
        2,
        17,
        "expected the probability of action 1 ('a') of chance information set 1 (a number); got the string \"b\"",
    ),
    (
        'EFG 2 R "" { "A" }\nc "" 1 "" { "a" 1 "b" } 0',
        2,
        23,
        "expected the probability of action 2 ('b') of chance information set 1 (a number); got '}'",
    ),
    (
        'EFG 2 R "" { "A" }\nc "" 1 "" { "a" 1 2 } 0',
        2,
        19,
        "an action label (a quoted string) followed by its probability, or '}' closing the actions of chance",
    ),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "a" 3/2 "b" -1/2 } 0', 2, 11, "expected non-negative chance probabilities; got -1/2"),
    (
        'EFG 2 R "" { "A" }\nc "" 1 "" { "a" 0.3 "b" 0.6 } 0',
        2,
        11,
        "expected chance probabilities that sum to 1; got ones that sum to 9/10",
    ),
    ('EFG 2 R "" { "A" }\nc "" 0 "" { "a" 1 } 0', 2, 6, "expected the number of a chance information set (a positive whole number)"),
    ('EFG 2 R "" { "A" }\nt "" x', 2, 6, "expected the number of an outcome (a whole number, 0 for none); got the word 'x'"),
    ('EFG 2 R "" { "A" }\nt "" -1', 2, 6, "expected the number of an outcome (a whole number, 0 for none); got the number '-1'"),
    ('EFG 2 R "" { "A" }\nt "" 1 "o" 1', 2, 12, "expected '{' opening the payoffs of outcome 1"),
    (
        'EFG 2 R "" { "A" "B" }\nt "" 1 "o" { 1 }',
        2,
        16,
        "expected the payoff of player 2 ('B') in outcome 1 (a number; the file names 2 players); got '}'",
    ),
    ('EFG 2 R "" { "A" }\nt "" 1 "o" { 1 2 }', 2, 16, "expected '}' closing outcome 1 after its 1 payoffs; got the number '2'"),
    ('EFG 2 R "" { "A" }\nt "" 1 "o" { 1/0 }', 2, 14, "expected a number; got '1/0', whose denominator is zero"),
    ('EFG 2 R "" { "A" }\nt "" 1 "o" { 1x }', 2, 14, "got the malformed number '1x'"),
    ('EFG 2 R "" { "A" }\nt "" 1 "o" { 1e5000 }', 2, 14, "expected a number with an exponent of at most 1000"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "a" "b" } 0\nt "" 0\n', 4, 1, "expected a node type"),
    ('EFG 2 R "" { "A" }\nt "" 0\nt "" 0', 3, 1, "expected end of file after the last node of the tree; got the word 't'"),
    ('EFG 2 R "" { "A" }\nt "" 1 "o\n{ 1 }', 2, 8, "expected a closing '\"' for the string that starts here; got end of file"),
    ('EFG 2 R "" { "A }', 1, 14, "expected a closing '\"' for the string that starts here"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "a" } 0 t "" 0\n"tail', 3, 1, "expected a closing '\"' for the string that starts here"),
    ('EFG 2 R "unclosed { "A" }', 1, 22, "expected '{' opening the list of player names; got the word 'A'"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "a" } 0\np "" 1 1 0\nt "" 0', 3, 8, "already has a node on that path (absent-mindedness"),
]


@pytest.mark.parametrize(("text", "line", "column", "fragment"), ERRORS)
def test_errors_locate_the_offending_token(text, line, column, fragment):
    with pytest.raises(GameFileError) as caught:
        parse_efg(text, path="game.efg")
    message = str(caught.value)
    assert fragment in message, message
    assert "parse_efg(): " in message
    assert (caught.value.line, caught.value.column, caught.value.path) == (line, column, "game.efg"), message
    assert message.startswith(f"game.efg:{line}:{column}: parse_efg(): ")


def test_parse_efg_refuses_non_text():
    with pytest.raises(InvalidGameError, match=r"parse_efg\(\): text must be a str; got bytes"):
        parse_efg(b"EFG 2 R")  # type: ignore[arg-type]


def test_huge_whole_numbers_are_refused_not_crashed_on():
    digits = "9" * 5000
    for text in (
        f'EFG 2 R "" {{ "A" }}\np "" {digits} 1 "" {{ "a" }} 0 t "" 0',
        f'EFG 2 R "" {{ "A" }}\np "" 1 {digits} "" {{ "a" }} 0 t "" 0',
        f'EFG 2 R "" {{ "A" }}\nt "" {digits}',
        f'EFG 2 R "" {{ "A" }}\nt "" 1 "" {{ {digits} }}',
    ):
        with pytest.raises(GameFileError) as caught:
            parse_efg(text)
        assert caught.value.line == 2


# --- read_game ----------------------------------------------------------------------


def test_read_game_dispatches_on_the_extension_or_format(tmp_path):
    expected = parse_efg((DATA / "poker.efg").read_text(encoding="utf-8"))
    assert read_game(DATA / "poker.efg") == expected
    assert read_game(str(DATA / "poker.efg")) == expected
    other = tmp_path / "poker.txt"
    other.write_bytes(b"\xef\xbb\xbf" + (DATA / "poker.efg").read_bytes())
    assert read_game(other, format="efg") == expected
    assert read_game(other, format=".EFG") == expected
    upper = tmp_path / "POKER.EFG"
    upper.write_bytes((DATA / "poker.efg").read_bytes())
    assert read_game(upper) == expected
    with pytest.raises(GameFileError, match=r"\(a strategic-form game: read it with parse_nfg\(\)\)"):
        read_game(DATA / "prisoners_dilemma.nfg", format="efg")


def test_read_game_reports_the_path_of_a_malformed_file(tmp_path):
    bad = tmp_path / "bad.efg"
    bad.write_text('EFG 2 R "t" { "A" }\np "" 1 1 "" { "a" } 0\nt "" 1 "" { x }\n', encoding="utf-8")
    with pytest.raises(GameFileError) as caught:
        read_game(bad)
    assert str(caught.value).startswith(f"{bad}:3:13: parse_efg(): expected the payoff of player 1")


# --- writing ----------------------------------------------------------------------


def test_write_efg_layout():
    game = ExtensiveFormGame.from_tree(
        decision(
            "A",
            {
                "go": chance({"h": (Fraction(1, 3), outcome(1, Fraction(-1, 2), label="heads")), "t": (Fraction(2, 3), (0, 0))}),
                "stop": decision("B", {'say "hi"': (2, 3)}, infoset="B's set", label="stopped"),
            },
        ),
        players=["A", "B"],
        title="a\\b",
    )
    assert write_efg(game) == (
        'EFG 2 R "a\\b" { "A" "B" }\n""\n\n'
        'p "" 1 1 "" { "go" "stop" } 0\n'
        'c "" 1 "" { "h" 1/3 "t" 2/3 } 0\n'
        't "heads" 1 "heads" { 1, -1/2 }\n'
        't "" 2 "go/t" { 0, 0 }\n'
        'p "stopped" 2 1 "B\'s set" { "say \\"hi\\"" } 0\n'
        't "" 3 "stop/say \\"hi\\"" { 2, 3 }\n'
    )
    back = parse_efg(write_efg(game))
    assert back == game and back.title == "a\\b"


def test_write_float_game():
    third = 1 / 3
    game = ExtensiveFormGame.from_tree(
        chance({"a": (third, (0.1,)), "b": (third, (2.0,)), "c": (third, (1e-20,))}), players=["A"], kind="float"
    )
    text = write_efg(game)
    # the decimals of the probabilities must sum to exactly 1 for the file to be read back
    assert '{ "a" 0.3333333333333334 "b" 0.3333333333333333 "c" 0.3333333333333333 }' in text
    back = parse_efg(text)
    assert back.kind == "exact"
    assert terminal_payoffs(back) == [(Fraction(1, 10),), (2,), (Fraction(1, 10**20),)]
    assert sum(back.chance_probs[0]) == 1
    assert [float(p) for p in back.chance_probs[0]] == pytest.approx([third] * 3)


def test_write_refuses_symbolic_games_and_non_games():
    x = sympy.Symbol("x", positive=True)
    game = ExtensiveFormGame.from_tree(decision("A", {"a": (x,), "b": (0,)}))
    with pytest.raises(UnsupportedGameError, match=r"write_efg\(\): game must have numeric payoffs; got a symbolic game"):
        write_efg(game)
    with pytest.raises(InvalidGameError, match=r"write_efg\(\): game must be an ExtensiveFormGame; got NormalFormGame"):
        write_efg(game.to_normal_form())  # type: ignore[arg-type]


# --- properties ---------------------------------------------------------------------

labels = st.text(min_size=1, max_size=6)
titles = st.text(max_size=12)


@st.composite
def labelled_trees(draw, labels=labels, titles=titles):
    """Trees of ``game_trees()`` with random player, action, information-set and node labels (quotes, backslashes, unicode...)."""
    base = draw(game_trees())
    players = draw(st.lists(labels, min_size=base.n_players, max_size=base.n_players, unique=True))
    actions = [draw(st.lists(labels, min_size=len(a), max_size=len(a), unique=True)) for a in base.infoset_actions]
    set_labels: list[str | None] = []
    for who in base.infoset_player.tolist():
        used = {label for h, label in enumerate(set_labels) if label is not None and base.infoset_player[h] == who}
        label = draw(st.one_of(st.none(), labels))
        set_labels.append(None if label in used else label)
    node_labels = draw(st.lists(st.one_of(st.just(""), labels), min_size=base.n_nodes, max_size=base.n_nodes))
    seen: set[str] = set()
    for n, label in enumerate(node_labels):
        if label in seen:
            node_labels[n] = ""
        seen.add(label)
    try:
        return ExtensiveFormGame.from_arrays(
            players=players,
            parent=base.parent,
            mover=base.mover,
            infoset=base.infoset,
            actions=actions,
            payoffs=[base.terminal_payoffs(int(t)) for t in base.terminals],
            chance_probs=base.chance_probs,
            infoset_labels=set_labels,
            node_labels=node_labels,
            title=draw(titles),
        )
    except InvalidGameError:  # a drawn label equal to another set's default "<player>:<k>"
        return base


@given(game_trees())
def test_round_trip_is_exact(game):
    back = parse_efg(write_efg(game))
    assert back == game


@given(labelled_trees())
def test_round_trip_keeps_every_label(game):
    text = write_efg(game)
    back = parse_efg(text)
    assert back == game and back.title == game.title
    assert write_efg(back) == text


# --- fuzzing: never anything but GameFileError ----------------------------------------


def parse_or_file_error(text: str) -> None:
    try:
        game = parse_efg(text)
    except GameFileError as error:
        assert error.line is not None and error.column is not None
        assert 1 <= error.line <= text.count("\n") + 1
        assert error.column >= 1
    else:
        assert isinstance(game, ExtensiveFormGame)
        assert parse_efg(write_efg(game)) == game


@given(st.text(max_size=300))
def test_fuzz_random_text(text):
    parse_or_file_error(text)


@given(st.text(alphabet='EFGRDpct12 0.5-/e{}",\\\n\t', max_size=150))
def test_fuzz_random_text_over_the_format_alphabet(text):
    parse_or_file_error('EFG 2 R "" { "A" "B" } ' + text)


TOKENS = [
    "EFG",
    "2",
    "R",
    '"t"',
    '""',
    '"a\\"b"',
    "{",
    "}",
    ",",
    "0",
    "1",
    "2",
    "3",
    "1/2",
    "-0.5",
    "1e3",
    ".5",
    "p",
    "c",
    "t",
    "x",
    '"',
    "\\",
    "1/0",
    "\n",
]


@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_fuzz_token_soup(tokens):
    parse_or_file_error(" ".join(tokens))
    parse_or_file_error('EFG 2 R "" { "A" "B" } ' + " ".join(tokens))


@st.composite
def mutated_files(draw):
    """A valid file (written by us or one of Gambit's samples) with a few random edits of characters or tokens."""
    if draw(st.booleans()):
        text = write_efg(draw(game_trees(max_depth=3)))
    else:
        text = (DATA / draw(st.sampled_from(SAMPLES))).read_text(encoding="utf-8")
    return draw(edited_text(text, "pct"))


@given(mutated_files())
def test_fuzz_mutated_valid_files(text):
    parse_or_file_error(text)


# --- pygambit (optional) ----------------------------------------------------------------


def gambit_view(game) -> tuple:
    """Players, node count, information sets per player, chance nodes and terminal payoffs (preorder) of a pygambit game."""
    players = list(game.players)
    terminals = []
    chance_nodes = nodes = 0
    stack = [(game.root, (Fraction(0),) * len(players))]
    while stack:
        node, total = stack.pop()
        nodes += 1
        if node.outcome:
            total = tuple(t + Fraction(str(node.outcome[p])) for t, p in zip(total, players))
        if node.is_terminal:
            terminals.append(total)
        else:
            chance_nodes += node.infoset.is_chance
            stack.extend((child, total) for child in reversed(list(node.children)))
    return [p.label for p in players], nodes, [len(list(p.infosets)) for p in players], chance_nodes, terminals


def our_view(game: ExtensiveFormGame) -> tuple:
    return (
        list(game.players),
        game.n_nodes,
        [len(game.infosets_of(p)) for p in range(game.n_players)],
        int(np.sum(game.mover == CHANCE)),
        terminal_payoffs(game),
    )


@pytest.mark.parametrize("name", [name for name in SAMPLES if name != "e10.efg"])  # pygambit 16.7 refuses e10's repeated node names
def test_pygambit_reads_the_sample_files_alike(name):
    gbt = pytest.importorskip("pygambit")
    ours = read_game(DATA / name)
    assert our_view(ours) == gambit_view(gbt.read_efg(str(DATA / name)))
    assert gambit_view(gbt.read_efg(io.StringIO(write_efg(ours)))) == our_view(ours)


# pygambit 16.7 accepts only printable ASCII labels, without leading, trailing or double spaces
gambit_words = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="\\"), min_size=1, max_size=4)
gambit_labels = st.lists(gambit_words, min_size=1, max_size=2).map(" ".join)


@settings(max_examples=25)
@given(labelled_trees(labels=gambit_labels, titles=gambit_labels))
def test_pygambit_reads_what_we_write(game):
    gbt = pytest.importorskip("pygambit")
    theirs = gbt.read_efg(io.StringIO(write_efg(game)))
    assert theirs.title == game.title
    assert gambit_view(theirs) == our_view(game)
    for player, p in zip(theirs.players, range(game.n_players)):
        sets = game.infosets_of(p)
        assert [[a.label for a in h.actions] for h in player.infosets] == [list(game.infoset_actions[h]) for h in sets]
        written = [game.infoset_labels[h] for h in sets]
        assert [h.label or f"{game.players[p]}:{k + 1}" for k, h in enumerate(player.infosets)] == written
    nodes = list(theirs.nodes)
    if len(nodes) == game.n_nodes:  # pygambit lists nodes depth first, as the file does
        assert [n.label for n in nodes] == [game.node_labels[n] if game.node_labels else "" for n in preorder(game)]
