"""Gambit .nfg files: both versions read, the payoff version written, exact round trips, and no crash on bad input."""

from __future__ import annotations

import os
import pathlib
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import GameFileError, InvalidGameError, NormalFormGame, UnsupportedGameError
from gametheory.io import parse_nfg, read_game, write_nfg
from gametheory.io.nfg import MAX_EXPONENT
from tests.strategies import bimatrix_games, edited_text, nplayer_games

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"


def as_lists(game: NormalFormGame) -> list[list]:
    return [array.tolist() for array in game.payoffs]


# --- examples ---------------------------------------------------------------


def test_prisoners_dilemma_outcome_version():
    game = read_game(DATA / "prisoners_dilemma.nfg")
    assert game.title == "Prisoner's Dilemma"
    assert game.players == ("Row", "Column")
    assert game.actions == (("Cooperate", "Defect"), ("Cooperate", "Defect"))
    assert game.kind == "exact"
    assert as_lists(game) == [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]


def test_three_player_payoff_version_first_player_fastest():
    game = read_game(DATA / "three_player.nfg")
    assert game.players == ("Alice", "Bob", "Carol")
    assert game.shape == (2, 2, 3)
    assert game.actions == (("1", "2"), ("1", "2"), ("1", "2", "3"))
    assert game.payoff((0, 0, 0)) == (1, 0, 2)
    assert game.payoff((1, 0, 0)) == (0, 1, Fraction(1, 2))
    assert game.payoff((0, 1, 0)) == (-1, Fraction(1, 4), 0)
    assert game.payoff((1, 0, 1)) == (10, 2, 3)
    assert game.payoff((0, 1, 1)) == (4, 4, 4)
    assert game.payoff((1, 1, 2)) == (9, 9, 9)


def test_decimal_data_type_comment_and_escaped_title():
    game = read_game(DATA / "chicken_decimal.nfg")
    assert game.title == 'Chicken, a "game of nerve"'
    assert game.actions == (("Swerve", "Straight"), ("Swerve", "Straight"))
    assert as_lists(game) == [[[0, Fraction(-3, 2)], [Fraction(3, 2), -10]], [[0, Fraction(3, 2)], [Fraction(-3, 2), -10]]]


def test_gambit_manual_example_in_both_versions():
    # Selten (IJGT 1975), Figure 2, normal form: the sample file of Gambit's manual in both versions
    payoff = 'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n{ "Player 1" "Player 2" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n'
    outcome = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

    {
    { "1" "2" "3" }
    { "1" "2" }
    }

    {
    { "" 1, 1 }
    { "" 0, 2 }
    { "" 0, 2 }
    { "" 1, 1 }
    { "" 0, 3 }
    { "" 2, 0 }
    }
    1 2 3 4 5 6
    """
    a, b = parse_nfg(payoff), parse_nfg(outcome)
    assert a == b
    assert a.title == b.title == "Selten (IJGT, 75), Figure 2, normal form"
    assert as_lists(a) == [[[1, 1], [0, 0], [0, 2]], [[1, 1], [2, 3], [2, 0]]]


def test_strategy_labels_with_payoff_body_and_counts_with_outcome_body():
    # the two strategy forms and the two bodies combine freely (Gambit writes labels + payoffs today)
    labels_payoffs = 'NFG 1 R "" { "A" "B" } { { "1" "2" } { "1" "2" } } "" 1 2 3 4 5 6 7 8'
    counts_outcomes = 'NFG 1 R "" { "A" "B" } { 2 2 } { { "" 1 2 } { "" 3 4 } { "" 5 6 } { "" 7 8 } } 1 2 3 4'
    assert parse_nfg(labels_payoffs) == parse_nfg(counts_outcomes)


def test_null_outcome_pays_zero_and_outcomes_repeat():
    game = parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 } { { "x" 7 -7 } } 0 1 1 0')
    assert as_lists(game) == [[[0, 7], [7, 0]], [[0, -7], [-7, 0]]]


def test_empty_outcome_list_with_all_null_outcomes():
    game = parse_nfg('NFG 1 R "" { "A" } { 2 } { } 0 0')
    assert as_lists(game) == [[0, 0]]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.1", Fraction(1, 10)),
        ("3/5", Fraction(3, 5)),
        ("-3/5", Fraction(-3, 5)),
        ("+4/6", Fraction(2, 3)),
        ("1e3", 1000),
        ("1E-2", Fraction(1, 100)),
        ("1.5e2", 150),
        ("2.5E+1", 25),
        (".5", Fraction(1, 2)),
        ("-.25", Fraction(-1, 4)),
        ("5.", 5),
        ("+2", 2),
        ("007", 7),
        ("-0", 0),
        ("0.333333333333333333333", Fraction(333333333333333333333, 10**21)),
        ("123456789012345678901234567890", 123456789012345678901234567890),
        (f"1e{MAX_EXPONENT}", 10**MAX_EXPONENT),
    ],
)
def test_numbers_are_read_exactly_from_their_text(text, value):
    game = parse_nfg(f'NFG 1 R "" {{ "A" }} {{ 1 }} {text}')
    assert game.payoffs[0][0] == value
    assert type(game.payoffs[0][0]) is (int if Fraction(value).denominator == 1 else Fraction)


def test_quoted_strings():
    text = r'NFG 1 R "a \"quoted\" title" { "back\\slash" "tab\there" } { { "x\"" "multi' + "\nline" + r'" } { "\\" } } 1 2 3 4'
    game = parse_nfg(text)
    assert game.title == 'a "quoted" title'
    # \\ is a backslash, \" a quote (as C++ std::quoted writes them); a backslash before anything else stays
    assert game.players == ("back\\slash", "tab\\there")
    assert game.actions == (('x"', "multi\nline"), ("\\",))


def test_layout_is_free():
    compact = 'NFG 1 R"t"{"A""B"}{{"x""y"}{"z"}}{{"o"1,2,}{"p"3 4}}1 2'
    spaced = '\ufeff  NFG\n1\tR\r\n "t"\n{ "A"\n"B" }\x0c{ { "x" "y" } { "z" } }\x0b{ { "o" 1 , 2 , } { "p" 3 4 } }\n1\n2\n\n'
    game = parse_nfg(compact)
    assert game == parse_nfg(spaced)
    assert as_lists(game) == [[[1], [3]], [[2], [4]]]


@pytest.mark.parametrize(
    ("players", "strategies", "expected_players", "expected_strategies"),
    [
        ('"" ""', '{ "" "" } { "a" "" }', ("Player 1", "Player 2"), (("1", "2"), ("a", "2"))),
        ('"P" "P"', '{ "x" "x" } { "x" "x_1" }', ("P_1", "P_2"), (("x_1", "x_2"), ("x", "x_1"))),
        # Gambit's own example: a repeated "x" skips the "x_1" already taken
        ('"A" "B"', '{ "x" "x" "x_1" } { "" "1" }', ("A", "B"), (("x_2", "x_3", "x_1"), ("1_1", "1_2"))),
    ],
)
def test_empty_and_repeated_labels_are_made_unique(players, strategies, expected_players, expected_strategies):
    sizes = [strategies.count('"') // 2 for strategies in strategies.split("}")[:2]]
    payoffs = " ".join(["0"] * (2 * sizes[0] * sizes[1]))
    game = parse_nfg(f'NFG 1 R "" {{ {players} }} {{ {strategies} }} {payoffs}')
    assert game.players == expected_players
    assert game.actions == expected_strategies


# --- errors -----------------------------------------------------------------

HEAD = 'NFG 1 R "t" { "A" "B" } { 2 2 }'
OUT = 'NFG 1 R "t" { "A" "B" } { 2 2 }\n{ { "o" 1 2 } }\n'


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("", 1, 1, "expected the file type 'NFG'"),
        ("EFG 2 R", 1, 1, "an extensive-form game"),
        ("NFG 2 R", 1, 5, "expected the format version 1 after 'NFG'; got the number '2'"),
        ("NFG 1 X", 1, 7, "expected the data type 'R'"),
        ("NFG 1 R title", 1, 9, "expected the game's title (a quoted string); got the word 'title'"),
        ('NFG 1 R "t', 1, 9, "expected a closing '\"'"),
        ('NFG 1 R "t\\"', 1, 9, "expected a closing '\"'"),
        ('NFG 1 R "t" "A"', 1, 13, "expected '{' opening the list of player names; got the string \"A\""),
        ('NFG 1 R "t" { }', 1, 15, "expected at least one player name"),
        ('NFG 1 R "t" { "A" 3 }', 1, 19, "expected a player name (a quoted string) or '}'"),
        ('NFG 1 R "t" { "A" }', 1, 20, "expected '{' opening the list of strategies; got end of file"),
        (
            'NFG 1 R "t" { "A" } { 0 }',
            1,
            23,
            "expected the number of strategies of player 1 ('A') (a positive whole number); got the number '0'",
        ),
        ('NFG 1 R "t" { "A" } { 1.5 }', 1, 23, "(a positive whole number); got the number '1.5'"),
        ('NFG 1 R "t" { "A" } { 99 } 1', 1, 23, "more strategies than a file of"),
        ('NFG 1 R "t" { "A" "B" } { 2 }', 1, 29, "number of strategies of player 2 ('B')"),
        ('NFG 1 R "t" { "A" "B" } { 2 2 2 }', 1, 31, "expected '}' closing the list of strategies of the 2 players"),
        ('NFG 1 R "t" { "A" "B" } { { "x" } }', 1, 35, "expected '{' opening the strategy names of player 2 ('B')"),
        ('NFG 1 R "t" { "A" } { { } }', 1, 25, "expected at least one strategy name for player 1 ('A')"),
        ('NFG 1 R "t" { "A" } { { "x" 2 } }', 1, 29, "a strategy name of player 1 ('A')"),
        (HEAD, 1, 32, "expected the payoffs (numbers) or '{' opening the list of outcomes; got end of file"),
        (HEAD + " x", 1, 33, "got the word 'x'"),
        (
            HEAD + "\n1 2 3 4 5 6 7",
            2,
            14,
            "expected the payoff of player 2 ('B') at strategy profile (2, 2) (number 4 of 4); got end of file",
        ),
        (HEAD + "\n1 2 3 4 5 6 7 8 9", 2, 17, "expected end of file after the 8 payoffs; got the number '9'"),
        (HEAD + "\n1 2 3 4 5 6 7 8,", 2, 16, "expected end of file after the 8 payoffs; got ','"),
        (HEAD + "\n1 2 3 { 5 6 7 8", 2, 7, "expected the payoff of player 2 ('B') at strategy profile (2, 1)"),
        (HEAD + "\n1 2 3 1.2.3", 2, 7, "expected a number (like 3, -0.25, 1e3 or 3/5); got the malformed '1.2.3'"),
        (HEAD + "\n1 2 3 2x2", 2, 7, "malformed '2x2'"),
        (HEAD + "\n1 2 3 -", 2, 7, "malformed '-'"),
        (HEAD + "\n1 2 3 1e", 2, 7, "malformed '1e'"),
        (HEAD + "\n1 2 3 1/0", 2, 7, "whose denominator is zero"),
        (HEAD + "\n1 2 3 1/2.5", 2, 7, "malformed '1/2.5'"),
        (HEAD + f"\n1 2 3 1e{MAX_EXPONENT + 1}", 2, 7, f"an exponent of at most {MAX_EXPONENT}"),
        (HEAD + "\n1 2 3 1e99999999999999999999", 2, 7, f"an exponent of at most {MAX_EXPONENT}"),
        (HEAD + "\n1 2 3 " + "9" * 5000, 2, 7, "a number of at most a few thousand digits"),
        (HEAD + " { { 1 1 } }", 1, 37, "expected the name of outcome 1 (a quoted string); got the number '1'"),
        (HEAD + ' { { "o" 1 } }', 1, 43, "expected the payoff of player 2 ('B') in outcome 1"),
        (HEAD + ' { { "o" 1 2 3 } }', 1, 45, "expected '}' closing outcome 1 after its 2 payoffs; got the number '3'"),
        (
            HEAD + ' { { "o" 1,, 2 } }',
            1,
            43,
            "expected the payoff of player 2 ('B') in outcome 1 (a number; the file names 2 players); got ','",
        ),
        (HEAD + ' { { "o" 1 2 }', 1, 46, "expected '{' opening an outcome or '}' closing the list of outcomes; got end of file"),
        (
            OUT + "1 1 1",
            3,
            6,
            "expected the outcome index (a whole number from 0 to 1) of strategy profile (2, 2) (number 4 of 4); got end of file",
        ),
        (OUT + "1 1 1 2", 3, 7, "got the number '2', but the file defines 1 outcome"),
        (OUT + "1 1 1 -1", 3, 7, "got the number '-1'"),
        (OUT + "1 1 1 1.0", 3, 7, "got the number '1.0'"),
        (OUT + "1 1 1 1 1", 3, 9, "expected end of file after the 4 outcome indices"),
        (OUT + '1 1 1 1 ""', 3, 9, 'expected end of file after the 4 outcome indices; got the string ""'),
        (
            'NFG 1 R "t" { "A" } { 3 } "c"\n\n  1 2 "3"',
            3,
            7,
            "expected the payoff of player 1 ('A') at strategy profile (3) (number 3 of 3); got the string \"3\"",
        ),
    ],
)
def test_errors_locate_the_offending_token(text, line, column, fragment):
    with pytest.raises(GameFileError) as caught:
        parse_nfg(text, path="game.nfg")
    error = caught.value
    assert fragment in str(error)
    assert (error.line, error.column) == (line, column), str(error)
    assert error.path == "game.nfg"
    assert str(error).startswith(f"game.nfg:{line}:{column}: parse_nfg(): ")


def test_header_too_large_for_the_file_is_refused_without_allocating():
    players = " ".join(['""'] * 60)
    counts = " ".join(["9"] * 60)
    with pytest.raises(GameFileError, match="more profiles than its"):
        parse_nfg(f'NFG 1 R "" {{ {players} }} {{ {counts} }} 1')
    labels = " ".join(['{ "a" "b" "c" }'] * 60)
    with pytest.raises(GameFileError, match="more profiles than its"):
        parse_nfg(f'NFG 1 R "" {{ {players} }} {{ {labels} }} 1')


def test_parse_nfg_refuses_non_text():
    with pytest.raises(InvalidGameError, match=r"parse_nfg\(\): text must be a str; got bytes"):
        parse_nfg(b"NFG 1 R")  # type: ignore[arg-type]


# --- read_game ----------------------------------------------------------------


def test_read_game_accepts_str_and_paths_and_a_format_override(tmp_path):
    text = (DATA / "prisoners_dilemma.nfg").read_text(encoding="utf-8")
    other = tmp_path / "game.txt"
    other.write_text(text, encoding="utf-8")
    expected = read_game(DATA / "prisoners_dilemma.nfg")
    assert read_game(str(DATA / "prisoners_dilemma.nfg")) == expected
    assert read_game(other, format="nfg") == expected
    assert read_game(other, format=".NFG") == expected
    upper = tmp_path / "GAME.NFG"
    upper.write_bytes(b"\xef\xbb\xbf" + text.encode())  # with a byte-order mark
    assert read_game(upper) == expected


def test_read_game_unreadable_files(tmp_path):
    missing = tmp_path / "missing.nfg"
    with pytest.raises(GameFileError, match=r"read_game\(\): cannot read .*missing\.nfg.*No such file") as caught:
        read_game(missing)
    assert caught.value.path == os.fspath(missing)
    folder = tmp_path / "folder.nfg"
    folder.mkdir()
    with pytest.raises(GameFileError, match=r"cannot read .*folder\.nfg"):
        read_game(folder)
    latin = tmp_path / "latin.nfg"
    latin.write_bytes('NFG 1 R "t" { "A" }\n{ { "caf\xe9" } } 1'.encode("latin-1"))
    with pytest.raises(GameFileError, match="expected UTF-8 text; got the byte 0xe9") as caught:
        read_game(latin)
    assert (caught.value.line, caught.value.column, caught.value.path) == (2, 9, os.fspath(latin))


def test_read_game_reports_the_path_of_a_malformed_file(tmp_path):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "t" { "A" } { 2 }\n1 x\n', encoding="utf-8")
    with pytest.raises(GameFileError) as caught:
        read_game(bad)
    assert str(caught.value).startswith(f"{bad}:2:3: parse_nfg(): ")


def test_read_game_formats(tmp_path):
    with pytest.raises(GameFileError, match=r"read_game\(\): cannot read .*tree\.efg"):  # .efg files are read (tests in test_efg.py)
        read_game(tmp_path / "tree.efg")
    with pytest.raises(GameFileError, match=r"cannot tell the format of .* from the extension '\.txt'; supported formats: \.nfg .*, \.efg"):
        read_game(tmp_path / "game.txt")
    with pytest.raises(GameFileError, match="from no extension"):
        read_game(tmp_path / "game")
    with pytest.raises(GameFileError, match="from the format 'gbt'"):
        read_game(tmp_path / "game.nfg", format="gbt")
    with pytest.raises(InvalidGameError, match=r"read_game\(\): path must be a str or os.PathLike; got int"):
        read_game(3)  # type: ignore[arg-type]


# --- writing ------------------------------------------------------------------


def test_write_nfg_layout_and_to_nfg():
    game = NormalFormGame.from_arrays(
        [[[1, 2]]],
        [[[Fraction(-3, 5), 0]]],
        [[[7, 8]]],
        players=("A", 'say "hi"', "back\\slash"),
        actions=[("only",), ("one",), ("x", "y")],
        title="three",
    )
    text = write_nfg(game)
    assert text == (
        'NFG 1 R "three" { "A" "say \\"hi\\"" "back\\slash" }\n\n{ { "only" }\n{ "one" }\n{ "x" "y" }\n}\n""\n\n1 -3/5 7\n2 0 8\n'
    )
    assert game.to_nfg() == text
    back = parse_nfg(text)
    assert back == game and back.title == "three"


def test_write_float_game_with_repr():
    game = NormalFormGame.from_bimatrix([[0.1, 2.0]], [[1e-20, -3.5]], kind="float")
    text = write_nfg(game)
    assert text.endswith("0.1 1e-20\n2.0 -3.5\n")
    back = parse_nfg(text)  # decimals are read exactly
    assert back.kind == "exact"
    assert as_lists(back) == [[[Fraction(1, 10), 2]], [[Fraction(1, 10**20), Fraction(-7, 2)]]]
    assert back.as_float() == game


def test_write_refuses_symbolic_games_and_non_games():
    x = sympy.Symbol("x", positive=True)
    game = NormalFormGame.from_bimatrix([[x, 0], [0, 1]])
    with pytest.raises(UnsupportedGameError, match=r"write_nfg\(\): game must have numeric payoffs; got a symbolic game"):
        write_nfg(game)
    with pytest.raises(InvalidGameError, match=r"write_nfg\(\): game must be a NormalFormGame; got list"):
        write_nfg([[1, 2]])  # type: ignore[arg-type]


def test_data_files_round_trip():
    for path in sorted(DATA.glob("*.nfg")):
        game = read_game(path)
        back = parse_nfg(write_nfg(game))
        assert back == game and back.title == game.title, path


# --- properties ---------------------------------------------------------------

labels = st.text(min_size=1, max_size=8)
titles = st.text(max_size=20)
exact_values = st.one_of(
    st.integers(-(10**30), 10**30),
    st.fractions(max_denominator=10**6),
)


@st.composite
def labelled_games(draw, labels=labels, titles=titles):
    """Games of 1 to 4 players with random payoffs, labels (quotes, backslashes, newlines, unicode...) and titles."""
    base = draw(st.one_of(nplayer_games(min_players=1, max_players=4, max_actions=3, values=exact_values), bimatrix_games()))
    players = draw(st.lists(labels, min_size=base.n_players, max_size=base.n_players, unique=True))
    actions = [draw(st.lists(labels, min_size=size, max_size=size, unique=True)) for size in base.shape]
    return NormalFormGame.from_arrays(*base.payoffs, players=players, actions=actions, title=draw(titles))


@given(labelled_games())
def test_round_trip_is_exact(game):
    back = parse_nfg(write_nfg(game))
    assert back == game
    assert back.title == game.title
    assert [[type(v) for v in a.flat] for a in back.payoffs] == [[type(v) for v in a.flat] for a in game.payoffs]


@given(labelled_games())
def test_outcome_version_of_a_game_reads_the_same(game):
    # write the outcome version ourselves, one outcome per distinct payoff vector, as Gambit does
    quote = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    profiles = list(np.ndindex(*reversed(game.shape)))
    vectors, indices = [], []
    for reversed_index in profiles:
        vector = game.payoff(tuple(reversed(reversed_index)))
        if all(v == 0 for v in vector):
            indices.append(0)
            continue
        if vector not in vectors:
            vectors.append(vector)
        indices.append(vectors.index(vector) + 1)
    text = (
        f"NFG 1 R {quote(game.title)} {{ {' '.join(map(quote, game.players))} }}\n"
        + "{ "
        + " ".join("{ " + " ".join(map(quote, names)) + " }" for names in game.actions)
        + " }\n{\n"
        + "".join(f'{{ "" {", ".join(map(str, vector))} }}\n' for vector in vectors)
        + "}\n"
        + " ".join(map(str, indices))
    )
    back = parse_nfg(text)
    assert back == game and back.title == game.title


# --- fuzzing: never anything but GameFileError ----------------------------------


def parse_or_file_error(text: str) -> None:
    try:
        game = parse_nfg(text)
    except GameFileError as error:
        assert error.line is not None and error.column is not None
        assert 1 <= error.line <= text.count("\n") + 1
        assert error.column >= 1
    else:
        assert isinstance(game, NormalFormGame)
        assert parse_nfg(write_nfg(game)) == game


@given(st.text(max_size=300))
def test_fuzz_random_text(text):
    parse_or_file_error(text)


@given(st.text(alphabet='NFGRD1 2.5-/e{}",\\\n\t0x', max_size=120))
def test_fuzz_random_text_over_the_format_alphabet(text):
    parse_or_file_error("NFG 1 R " + text)


TOKENS = [
    "NFG",
    "1",
    "R",
    "D",
    '"t"',
    '""',
    '"a\\"b"',
    "{",
    "}",
    ",",
    "0",
    "2",
    "3/5",
    "-0.5",
    "1e3",
    ".5",
    "x",
    '"',
    "\\",
    "1/0",
    "\n",
    "EFG",
]


@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_fuzz_token_soup(tokens):
    parse_or_file_error(" ".join(tokens))
    parse_or_file_error("NFG 1 R " + " ".join(tokens))


@st.composite
def mutated_files(draw):
    """A valid file (either version) with a few random edits of characters or tokens."""
    game = draw(labelled_games())
    text = write_nfg(game)
    if draw(st.booleans()):
        text = (DATA / draw(st.sampled_from(["prisoners_dilemma.nfg", "three_player.nfg", "chicken_decimal.nfg"]))).read_text(
            encoding="utf-8"
        )
    return draw(edited_text(text, "x"))


@given(mutated_files())
def test_fuzz_mutated_valid_files(text):
    parse_or_file_error(text)


# --- pygambit (optional) --------------------------------------------------------


def test_pygambit_files_parse_to_the_same_payoffs():
    gbt = pytest.importorskip("pygambit")
    game = gbt.Game.from_arrays([[3, 0], [Fraction(5, 2), 1]], [[3, 5], [0, 1]], title='Gambit "PD"')
    row = next(iter(game.players))
    row.label = "Row"
    next(iter(row.strategies)).label = 'Co\\operate "C"'
    ours = parse_nfg(game.to_nfg())  # the outcome version
    assert ours.title == 'Gambit "PD"'
    assert ours.players == ("Row", "2")
    assert ours.actions == (('Co\\operate "C"', "2"), ("1", "2"))
    assert as_lists(ours) == [[[3, 0], [Fraction(5, 2), 1]], [[3, 5], [0, 1]]]


# pygambit 16.7 accepts only printable ASCII labels, without leading, trailing or double spaces
# and its reader keeps an escaped backslash as two, so no backslash here comes before another, a quote or the end
gambit_words = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=4)
gambit_labels = st.lists(gambit_words, min_size=1, max_size=3).map(lambda words: " ".join(words).replace("\\", "\\x"))


@settings(max_examples=25)
@given(labelled_games(labels=gambit_labels, titles=gambit_labels))
def test_pygambit_writes_what_we_read(game):
    gbt = pytest.importorskip("pygambit")
    arrays = [np.array(a, dtype=object) for a in game.payoffs]
    theirs = gbt.Game.from_arrays(*arrays, title=game.title)
    # pygambit wants labels unique at every step: clear its defaults first, then set ours
    for p, player in enumerate(theirs.players):
        player.label = f"tmp player {p} ~~"
        for a, strategy in enumerate(player.strategies):
            strategy.label = f"tmp strategy {a} ~~"
    for p, player in enumerate(theirs.players):
        player.label = game.players[p]
        for a, strategy in enumerate(player.strategies):
            strategy.label = game.actions[p][a]
    back = parse_nfg(theirs.to_nfg())
    assert back == game and back.title == game.title


@settings(max_examples=25)
@given(labelled_games(labels=gambit_labels, titles=gambit_labels))
def test_pygambit_reads_what_we_write(game):
    gbt = pytest.importorskip("pygambit")
    import io

    theirs = gbt.read_nfg(io.StringIO(write_nfg(game)))
    assert theirs.title == game.title
    assert [p.label for p in theirs.players] == list(game.players)
    for p, player in enumerate(theirs.players):
        assert [s.label for s in player.strategies] == list(game.actions[p])
    for index in np.ndindex(*game.shape):
        profile = [list(player.strategies)[a] for player, a in zip(theirs.players, index)]
        assert [Fraction(str(theirs[profile][player])) for player in theirs.players] == list(game.payoff(index))
