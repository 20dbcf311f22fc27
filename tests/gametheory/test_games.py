"""NormalFormGame construction, validation, properties and immutability."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory import InvalidGameError, NormalFormGame, UnsupportedGameError, catalog, solve
from tests.strategies import nplayer_games


def test_labels_and_defaults():
    game = NormalFormGame.from_arrays([[1, 2], [3, 4]], [[0, 0], [0, 0]])
    assert game.players == ("Player 1", "Player 2")
    assert game.actions == (("1", "2"), ("1", "2"))
    assert game.properties.n_actions == (2, 2) and game.properties.kind == "exact"


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        (([[1, 2], [3]], [[1, 2], [3, 4]]), "ragged"),
        (([[1, 2], [3, 4]], [[1, 2, 3], [3, 4, 5]]), "same shape"),
        (([[1, 2], [3, 4]],), "1 dimensions"),
        (([[1, float("nan")], [3, 4]], [[1, 2], [3, 4]]), "finite"),
        (([[1, math.inf], [3, 4]], [[1, 2], [3, 4]]), "finite"),
        (([[1, 0.5], [3, 4]], [[1, 2], [3, 4]]), "kind='float'"),
        (([[1, "a"], [3, 4]], [[1, 2], [3, 4]]), "expected a number"),
        (([[1, True], [3, 4]], [[1, 2], [3, 4]]), "boolean"),
        (([], []), "non-empty"),
        ((), "none"),
    ],
)
def test_bad_payoffs_are_refused_with_a_clear_message(arrays, message):
    with pytest.raises(InvalidGameError, match=message) as info:
        NormalFormGame.from_arrays(*arrays)
    assert "from_arrays()" in str(info.value)


def test_bad_numpy_float_entry_is_named():
    with pytest.raises(InvalidGameError, match=r"payoff of player 0 at \(0, 1\).*finite"):
        NormalFormGame.from_arrays(np.array([[1.0, np.nan], [0.0, 1.0]]), np.zeros((2, 2)))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"players": ("A",)}, "expected 2 player labels; got 1"),
        ({"players": ("A", "A")}, "unique"),
        ({"players": "AB"}, "sequence of 2 player labels"),
        ({"actions": [("x", "y")]}, "2 sequences"),
        ({"actions": [("x", "x"), ("a", "b")]}, "duplicates"),
        ({"actions": [("x", ""), ("a", "b")]}, "non-empty strings"),
        ({"actions": [("x", "y", "z"), ("a", "b")]}, "expected 2 action labels; got 3"),
        ({"kind": "rational"}, "kind must be one of"),
    ],
)
def test_bad_labels_are_refused(kwargs, message):
    with pytest.raises(InvalidGameError, match=message):
        NormalFormGame.from_arrays([[1, 2], [3, 4]], [[1, 2], [3, 4]], **kwargs)


def test_exact_float_and_symbolic_kinds():
    exact = NormalFormGame.from_bimatrix([[Fraction(1, 3), 2]], [[0, sympy.Rational(1, 2)]])
    assert exact.kind == "exact" and exact.payoffs[1][0, 1] == Fraction(1, 2)
    floats = NormalFormGame.from_bimatrix([[0.1, 2]], [[0, 0.5]], kind="float")
    assert floats.payoffs[0].dtype == float and floats.payoffs[0][0, 0] == 0.1
    r = sympy.Symbol("r", positive=True)
    symbolic = NormalFormGame.from_bimatrix([[r, 0], [1, 1]], [[1, 0], [0, r]])
    assert symbolic.kind == "symbolic" and symbolic.properties.symbolic
    with pytest.raises(UnsupportedGameError, match="substitute numbers"):
        solve(symbolic, method="enumerate")
    assert solve(symbolic).regimes  # symbolic games go to the parametric solver
    with pytest.raises(InvalidGameError, match="exact rational number; got I"):
        NormalFormGame.from_bimatrix([[sympy.I, 0]], [[0, 0]])
    with pytest.raises(InvalidGameError, match="non-real"):
        NormalFormGame.from_bimatrix([[sympy.I * r, 0]], [[0, 0]])
    with pytest.raises(InvalidGameError, match="finite"):
        NormalFormGame.from_bimatrix([[sympy.oo, 0]], [[0, 0]], kind="symbolic")


def test_games_are_immutable_values():
    game = catalog.prisoners_dilemma()
    with pytest.raises(ValueError, match="read-only"):
        game.payoffs[0][0, 0] = 7
    with pytest.raises(AttributeError):
        game.players = ("a", "b")  # type: ignore[misc]
    assert game == catalog.prisoners_dilemma() and hash(game) == hash(catalog.prisoners_dilemma())
    assert game != catalog.chicken()


def test_properties():
    assert catalog.matching_pennies().properties.zero_sum is True
    assert catalog.chicken().properties.symmetric is True
    assert catalog.battle_of_the_sexes().properties.symmetric is False
    assert catalog.volunteers_dilemma(4).properties.symmetric is True
    a = sympy.Symbol("a")
    assert NormalFormGame.from_bimatrix([[a, 0]], [[-a, 0]]).properties.zero_sum is True


@given(nplayer_games())
def test_restrict_keeps_the_payoffs(game):
    kept = [list(range(0, size, 2)) for size in game.shape]
    sub = game.restrict(kept)
    for p in range(game.n_players):
        assert np.array_equal(sub.payoffs[p], game.payoffs[p][np.ix_(*kept)])
    assert sub.actions == tuple(tuple(game.actions[p][a] for a in k) for p, k in enumerate(kept))


junk = st.recursive(
    st.one_of(
        st.integers(-3, 3),
        st.floats(allow_nan=True, allow_infinity=True),
        st.fractions(max_denominator=5),
        st.text(max_size=2),
        st.none(),
        st.booleans(),
        st.complex_numbers(max_magnitude=2),
    ),
    lambda children: st.lists(children, max_size=3),
    max_leaves=12,
)


@given(st.lists(junk, max_size=3))
def test_from_arrays_accepts_or_refuses_clearly_anything(arrays):
    try:
        game = NormalFormGame.from_arrays(*arrays)
    except InvalidGameError as error:
        assert "from_arrays()" in str(error)
    else:
        assert game.n_players == len(arrays) >= 1


@given(junk)
def test_zero_sum_constructor_accepts_or_refuses_clearly_anything(matrix):
    try:
        game = NormalFormGame.from_bimatrix(matrix)
    except InvalidGameError:
        pass
    else:
        assert game.properties.zero_sum
