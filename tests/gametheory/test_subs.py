"""Substituting numbers for the parameters of symbolic games: games.subs() equals the game built from the numbers."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory import ExtensiveFormGame, InvalidGameError, NormalFormGame, chance, decision, solve
from tests.strategies import fractions, payoff_array

x, y = sympy.symbols("x y", real=True)


@given(st.data(), st.integers(1, 3), st.integers(1, 3), fractions, fractions)
def test_normal_form_subs_equals_the_numeric_game(data, m, n, vx, vy) -> None:  # type: ignore[no-untyped-def]
    a = np.array(data.draw(payoff_array((m, n))), dtype=object)
    b = np.array(data.draw(payoff_array((m, n))), dtype=object)
    c = np.array(data.draw(payoff_array((m, n))), dtype=object)
    symbolic = NormalFormGame.from_bimatrix(a * x + b, c * y - a)
    numeric = NormalFormGame.from_bimatrix(a * vx + b, c * vy - a)
    assert symbolic.kind == "symbolic" or not (a.any() or c.any())
    values = {p: v for p, v in (("x", vx), (y, vy)) if sympy.Symbol(str(p), real=True) in symbolic.parameters}  # a parameter may drop out
    substituted = symbolic.subs(values) if symbolic.kind == "symbolic" else symbolic
    assert substituted == numeric
    assert [eq.profile for eq in solve(substituted)] == [eq.profile for eq in solve(numeric)]


def test_partial_substitution_keeps_the_game_symbolic() -> None:
    game = NormalFormGame.from_bimatrix([[x, y], [0, 1]], [[1, 0], [y, x]])
    assert game.parameters == (x, y)
    half = game.subs({x: 2})
    assert half.kind == "symbolic" and half.parameters == (y,)
    assert half.subs({"y": F(1, 2)}).payoffs[0].tolist() == [[2, F(1, 2)], [0, 1]]


def test_substitution_errors_are_clear() -> None:
    game = NormalFormGame.from_bimatrix([[x, 0], [0, 1]])
    with pytest.raises(InvalidGameError, match="no parameter 'z'; its parameters are \\['x'\\]"):
        game.subs({"z": 1})
    with pytest.raises(InvalidGameError, match=r"not rational .*kind='float'"):
        game.subs({x: sympy.sqrt(2)})
    assert game.subs({x: sympy.sqrt(2)}, kind="float").kind == "float"
    with pytest.raises(InvalidGameError, match="mapping"):
        game.subs([1])  # type: ignore[arg-type]
    assert NormalFormGame.from_bimatrix([[1, 0]]).parameters == ()


def test_tree_subs_in_payoffs_and_chance_probabilities() -> None:
    p, cost = sympy.Symbol("p", positive=True), sympy.Symbol("cost", positive=True)
    tree = ExtensiveFormGame.from_tree(
        chance(
            {
                "Resolved": (p, decision("Challenger", {"Back down": (0, 1), "Press": (-cost, 2)}, infoset="C")),
                "Bluffing": (1 - p, decision("Challenger", {"Back down": (0, 1), "Press": (1, -1)}, infoset="C")),
            }
        ),
        players=["Challenger", "Defender"],
    )
    assert tree.parameters == (cost, p)
    numeric = tree.subs({p: F(1, 4), "cost": 3})
    expected = ExtensiveFormGame.from_tree(
        chance(
            {
                "Resolved": (F(1, 4), decision("Challenger", {"Back down": (0, 1), "Press": (-3, 2)}, infoset="C")),
                "Bluffing": (F(3, 4), decision("Challenger", {"Back down": (0, 1), "Press": (1, -1)}, infoset="C")),
            }
        ),
        players=["Challenger", "Defender"],
    )
    assert numeric == expected
    # pressing pays 1/4 * (-3) + 3/4 * 1 = 0: the challenger is indifferent
    result = solve(numeric, "spe")
    assert {eq.payoffs for eq in result} == {(0, F(1, 4) * 2 + F(3, 4) * -1), (0, 1)}
    with pytest.raises(InvalidGameError, match=r"subs\(\): with these values .*non-negative"):
        tree.subs({p: 2, cost: 1})  # 1 - p < 0 is not a probability


def test_values_that_make_a_payoff_infinite_are_refused() -> None:
    game = NormalFormGame.from_bimatrix([[1 / x, 0], [0, 1]])
    with pytest.raises(InvalidGameError, match=r"subs\(\): with these values some payoffs or probabilities are not finite"):
        game.subs({x: 0})
    assert game.subs({x: 3}).payoffs[0].tolist() == [[F(1, 3), 0], [0, 1]]
