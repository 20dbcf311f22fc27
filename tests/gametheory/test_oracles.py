"""Cross-checks of our two-player solvers against independent oracles: lrsnash, nashpy, pygambit.

* lrsnash (exact, complete, degenerate games included): the set of extreme
  equilibria of ``enumerate`` must equal lrsnash's exactly, and our maximal
  cliques must equal the maximal bicliques of lrsnash's equilibrium graph.
* nashpy, generic games only: ``vertex_enumeration`` must give the same
  equilibria to 1e-8. nashpy's ``support_enumeration`` tests best responses
  with exact float equality and so drops true equilibria over rounding
  noise; we only require that what it returns is one of ours.
* pygambit (optional): ``enummixed_solve(rational=True)`` must give exactly
  our extreme equilibria on every game.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory
from gametheory import NormalFormGame, solve
from tests.gametheory.oracles import (
    close_profile_sets,
    exact_profiles,
    lrsnash_graph,
    lrsnash_input,
    lrsnash_path,
    maximal_bicliques,
    nashpy_equilibria,
    parse_lrsnash,
    pygambit_equilibria,
)
from tests.strategies import (
    bimatrix_games,
    degenerate_bimatrix_games,
    fractions,
    generic_bimatrix_games,
    payoff_array,
    small_ints,
    tie_ints,
)

needs_lrsnash = pytest.mark.skipif(lrsnash_path() is None, reason="lrsnash not installed (apt-get install lrslib)")


def _registered(method: str) -> None:
    if method not in gametheory.solvers():
        pytest.skip(f"solver {method!r} is not registered yet")


@st.composite
def one_row_games(draw) -> NormalFormGame:
    """1 x n and n x 1 games: one player has a single action."""
    n = draw(st.integers(1, 6))
    values = draw(st.sampled_from([small_ints, tie_ints, fractions]))
    A, B = draw(payoff_array((1, n), values)), draw(payoff_array((1, n), values))
    if draw(st.booleans()):
        A, B = np.array(A, dtype=object).T.tolist(), np.array(B, dtype=object).T.tolist()
    return NormalFormGame.from_bimatrix(A, B)


def _profiles_of_cliques(result) -> frozenset[frozenset]:
    return frozenset(frozenset((tuple(result[i].profile[0]), tuple(result[i].profile[1])) for i in clique) for clique in result.cliques)


def _assert_matches_lrsnash(game: NormalFormGame) -> None:
    graph = lrsnash_graph(game)
    theirs = frozenset((x, y) for x, ys in graph.items() for y in ys)
    result = solve(game, "enumerate")
    ours = exact_profiles(result)
    assert ours == theirs, (
        f"enumerate vs lrsnash on A={game.payoffs[0].tolist()}, B={game.payoffs[1].tolist()}: only ours {ours - theirs}; only lrsnash {theirs - ours}"
    )
    assert _profiles_of_cliques(result) == maximal_bicliques(graph), (
        f"maximal cliques differ on A={game.payoffs[0].tolist()}, B={game.payoffs[1].tolist()}"
    )


# --------------------------------------------------------------------------- the parser and helpers


def test_parse_lrsnash_pairs_each_player1_line_with_the_player2_lines_before_it():
    out = "*header\n2  1/3  2/3  4\n1  2/3  1/3  0  2/3\n\n2  1  0  3\n2  0  1  3\n1  0  0  1  4\n\n*Number of equilibria found: 3\n"
    third, zero, one = Fraction(1, 3), Fraction(0), Fraction(1)
    assert parse_lrsnash(out, 3, 2) == (
        ((2 * third, third, zero), ((third, 2 * third),)),
        ((zero, zero, one), ((one, zero), (zero, one))),
    )


@pytest.mark.parametrize("text", ["2 1 0 0\n", "1 1 0 0\n", "3 1 0 0\n", "2 1 0\n1 1 0 0\n"])
def test_parse_lrsnash_rejects_malformed_output(text):
    with pytest.raises(ValueError, match="parse_lrsnash"):
        parse_lrsnash(text, 2, 2)


def test_lrsnash_input_scales_fractions_to_integers():
    g = NormalFormGame.from_bimatrix([[Fraction(1, 2), Fraction(-1, 3)]], [[2, 0]])
    assert lrsnash_input(g) == "1 2\n\n3 -2\n\n2 0\n"


def test_maximal_bicliques_of_a_path_and_a_complete_graph():
    path = {(0,): frozenset({("a",)}), (1,): frozenset({("a",), ("b",)})}
    assert maximal_bicliques(path) == {frozenset({((0,), ("a",)), ((1,), ("a",))}), frozenset({((1,), ("a",)), ((1,), ("b",))})}
    complete = {(x,): frozenset({("a",), ("b",)}) for x in range(3)}
    assert maximal_bicliques(complete) == {frozenset(((x,), (y,)) for x in range(3) for y in ("a", "b"))}


# --------------------------------------------------------------------------- lrsnash


@needs_lrsnash
def test_lrsnash_manual_example():
    # the 3x2 game of the lrsnash(1) manual page, three equilibria
    g = NormalFormGame.from_bimatrix([[0, 6], [2, 5], [3, 3]], [[1, 0], [0, 2], [4, 3]])
    _assert_matches_lrsnash(g)
    assert len(solve(g, "enumerate")) == 3


@needs_lrsnash
def test_lrsnash_all_zero_game_is_one_clique_of_four():
    g = NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    _assert_matches_lrsnash(g)
    assert solve(g, "enumerate").cliques == ((0, 1, 2, 3),)


@needs_lrsnash
@given(bimatrix_games(min_actions=1, max_actions=5))
def test_enumerate_equals_lrsnash(game):
    _assert_matches_lrsnash(game)


@needs_lrsnash
@given(degenerate_bimatrix_games(max_actions=5))
def test_enumerate_equals_lrsnash_on_degenerate_games(game):
    _assert_matches_lrsnash(game)


@needs_lrsnash
@given(bimatrix_games(min_actions=2, max_actions=4, values=fractions))
def test_enumerate_equals_lrsnash_on_fraction_payoffs(game):
    _assert_matches_lrsnash(game)


@needs_lrsnash
@given(one_row_games())
def test_enumerate_equals_lrsnash_when_one_player_has_one_action(game):
    _assert_matches_lrsnash(game)


@needs_lrsnash
@given(generic_bimatrix_games(min_actions=2, max_actions=6))
def test_enumerate_equals_lrsnash_on_generic_games(game):
    _assert_matches_lrsnash(game)


@needs_lrsnash
@pytest.mark.parametrize("method", ["vertex_enumeration", "support_enumeration"])
@given(game=generic_bimatrix_games(min_actions=2, max_actions=5))
def test_complete_solvers_equal_lrsnash_on_generic_games(method, game):
    _registered(method)
    graph = lrsnash_graph(game)
    theirs = frozenset((x, y) for x, ys in graph.items() for y in ys)
    result = solve(game, method)
    if result.exact:
        assert exact_profiles(result) == theirs
    else:
        assert close_profile_sets(exact_profiles(result), theirs, tol=1e-8)


@needs_lrsnash
@given(generic_bimatrix_games(min_actions=2, max_actions=5))
def test_lemke_howson_finds_an_lrsnash_equilibrium_from_every_label(game):
    _registered("lemke_howson")
    graph = lrsnash_graph(game)
    theirs = frozenset((x, y) for x, ys in graph.items() for y in ys)
    for label in range(sum(game.shape)):
        found = exact_profiles(solve(game, "lemke_howson", initial_label=label))
        assert len(found) == 1
        assert any(close_profile_sets(found, [p], tol=1e-8) for p in theirs), (
            f"lemke_howson(initial_label={label}) found {found}, not an extreme equilibrium of lrsnash {theirs}"
        )


# --------------------------------------------------------------------------- nashpy (generic games only)


def _normalised(game: NormalFormGame) -> NormalFormGame:
    """The same game with payoffs scaled into [-1, 1]: nashpy's absolute tolerances assume payoffs of order 1."""
    arrays = []
    for array in game.payoffs:
        top = max(abs(v) for v in array.flat) or 1
        arrays.append([[Fraction(v) / top for v in row] for row in array.tolist()])
    return NormalFormGame.from_bimatrix(*arrays)


@given(generic_bimatrix_games(min_actions=2, max_actions=4))
def test_nashpy_vertex_enumeration_agrees_on_generic_games(game):
    ours = exact_profiles(solve(game, "enumerate"))
    theirs = nashpy_equilibria(_normalised(game), "vertex_enumeration")
    assert close_profile_sets(ours, theirs, tol=1e-8), (
        f"A={game.payoffs[0].tolist()}, B={game.payoffs[1].tolist()}: ours {sorted(ours)}, nashpy {theirs}"
    )


@given(generic_bimatrix_games(min_actions=1, max_actions=5))
def test_nashpy_support_enumeration_finds_only_our_equilibria(game):
    ours = exact_profiles(solve(game, "enumerate"))
    for eq in nashpy_equilibria(_normalised(game), "support_enumeration"):
        assert any(close_profile_sets([p], [eq], tol=1e-8) for p in ours), f"nashpy found {eq}, not among ours {sorted(ours)}"


def test_nashpy_support_enumeration_misses_an_equilibrium_we_find():
    # nashpy compares best-response payoffs with ==; rounding noise rejects this true equilibrium
    g = NormalFormGame.from_bimatrix([[-576036, 331638, 127747, -62514, 238048], [-979158, -229653, 919403, 698951, -571169]],
                                     [[56461, 318560, 563333, 420850, 496547], [283432, -817953, 10913, 941393, 972239]])  # fmt: skip
    ours = solve(g, "enumerate")
    assert len(ours) == 1 and ours[0].max_regret == 0
    assert ours[0].profile[0] == (Fraction(160221, 171352), Fraction(11131, 171352))
    assert close_profile_sets(exact_profiles(ours), nashpy_equilibria(g, "vertex_enumeration"), tol=1e-8)
    assert len(nashpy_equilibria(g, "support_enumeration")) <= 1  # nashpy 0.0.43 finds none


# --------------------------------------------------------------------------- pygambit (optional)


@given(bimatrix_games(min_actions=1, max_actions=5))
def test_pygambit_enummixed_rational_equals_enumerate(game):
    pytest.importorskip("pygambit")
    ours = exact_profiles(solve(game, "enumerate"))
    theirs = pygambit_equilibria(game, rational=True)
    assert ours == theirs, (
        f"A={game.payoffs[0].tolist()}, B={game.payoffs[1].tolist()}: only ours {ours - theirs}; only gambit {theirs - ours}"
    )


@given(generic_bimatrix_games(min_actions=2, max_actions=5))
def test_pygambit_enummixed_float_agrees_on_generic_games(game):
    pytest.importorskip("pygambit")
    ours = exact_profiles(solve(game, "enumerate"))
    assert close_profile_sets(ours, pygambit_equilibria(game, rational=False), tol=1e-8)
