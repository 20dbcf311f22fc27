"""zero_sum: value and optimal strategies of two-player zero-sum games by exact LP."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory import NormalFormGame, UnsupportedGameError, solve
from gametheory.solvers.enumeration import enumerate_equilibria
from gametheory.solvers.zero_sum import zero_sum
from tests.strategies import fractions, payoff_array, small_ints, tie_ints

F = Fraction


@st.composite
def zero_sum_games(draw, max_actions: int = 4):
    m = draw(st.integers(1, max_actions))
    n = draw(st.integers(1, max_actions))
    values = draw(st.sampled_from([small_ints, tie_ints, fractions]))
    return NormalFormGame.from_bimatrix(draw(payoff_array((m, n), values)))


def _row_value(game, x, y):
    A = game.payoffs[0]
    return sum(x[i] * A[i, j] * y[j] for i in range(len(x)) for j in range(len(y)))


@given(zero_sum_games())
def test_value_agrees_with_enumeration(game):
    result = zero_sum(game)
    v = result.details["value"]
    assert isinstance(v, Fraction)
    (eq,) = result.equilibria
    assert eq.max_regret == 0
    assert eq.payoffs == (v, -v)
    assert all(sum(s) == 1 and min(s) >= 0 for s in eq.profile)
    everything = enumerate_equilibria(game)
    assert everything.equilibria
    # every equilibrium of a zero-sum game pays the value
    assert all(other.payoffs == (v, -v) for other in everything)
    # optimal strategies are interchangeable: ours against any equilibrium strategy still pays v
    for other in everything:
        assert _row_value(game, eq.profile[0], other.profile[1]) == v
        assert _row_value(game, other.profile[0], eq.profile[1]) == v


@given(zero_sum_games(), st.integers(1, 5), st.integers(-7, 7))
def test_positive_affine_transform(game, scale, shift):
    v = zero_sum(game).details["value"]
    A = [[scale * a + shift for a in row] for row in game.payoffs[0].tolist()]
    assert zero_sum(NormalFormGame.from_bimatrix(A)).details["value"] == scale * v + shift


def test_matching_pennies():
    result = zero_sum(NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]))
    assert result.details["value"] == 0
    assert result[0].profile == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    assert result.exact and not result.complete and result.method == "zero_sum"


def test_rock_paper_scissors():
    rps = NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    result = zero_sum(rps)
    assert result.details["value"] == 0
    assert result[0].profile == ((F(1, 3),) * 3, (F(1, 3),) * 3)


def test_odd_or_even():
    # Odd-or-Even (T. S. Ferguson, "Game Theory", Part II, the Odd-or-Even example): each player shows one or two
    # fingers; Player I (odd) wins the total if it is odd, loses it if even. Published value 1/12,
    # both players' optimal strategy (7/12, 5/12).
    result = zero_sum(NormalFormGame.from_bimatrix([[-2, 3], [3, -4]]))
    assert result.details["value"] == F(1, 12)
    assert result[0].profile == ((F(7, 12), F(5, 12)), (F(7, 12), F(5, 12)))


def test_two_finger_morra():
    # Two-finger Morra with guesses (Dresher, "Games of Strategy", 1961; also Ferguson, "Game Theory",
    # Part II): strategies (fingers shown, guess); a lone correct guesser wins the total shown.
    # Published: value 0; optimal strategies play (1,2) with probability p and (2,1) with 1 - p,
    # for any 4/7 <= p <= 3/5.
    morra = [[0, 2, -3, 0], [-2, 0, 0, 3], [3, 0, 0, -4], [0, -3, 4, 0]]
    game = NormalFormGame.from_bimatrix(morra, actions=[("1-1", "1-2", "2-1", "2-2")] * 2)
    result = zero_sum(game)
    assert result.details["value"] == 0
    for strategy in result[0].profile:
        assert strategy[0] == strategy[3] == 0
        assert F(4, 7) <= strategy[1] <= F(3, 5)
    # the extreme optimal strategies are exactly p = 4/7 and p = 3/5
    rows = {eq.profile[0] for eq in enumerate_equilibria(game)}
    assert rows == {(0, F(4, 7), F(3, 7), 0), (0, F(3, 5), F(2, 5), 0)}


def test_constant_sum_game():
    # A + B == 10 everywhere: strategically Matching Pennies shifted; the row value is 5
    game = NormalFormGame.from_bimatrix([[6, 4], [4, 6]], [[4, 6], [6, 4]])
    assert game.properties.zero_sum is False
    result = zero_sum(game)
    assert result.details["value"] == 5
    assert result[0].payoffs == (5, 5)


def test_float_game():
    game = NormalFormGame.from_bimatrix([[-2.0, 3.0], [3.0, -4.0]], kind="float")
    result = zero_sum(game)
    assert not result.exact
    assert result.details["value"] == pytest.approx(1 / 12)
    assert result[0].profile[0] == pytest.approx((7 / 12, 5 / 12))


def test_dispatch_and_serialisation():
    result = solve(NormalFormGame.from_bimatrix([[-2, 3], [3, -4]]), "zero_sum")
    assert result.method == "zero_sum"
    assert json.loads(result.to_json())["value"] == "1/12"
    assert "value: 1/12" in result.table()


def test_details_are_read_only():
    result = zero_sum(NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]))
    with pytest.raises(TypeError):
        result.details["value"] = 1  # type: ignore[index]


def test_refuses_general_sum_games():
    pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(
        UnsupportedGameError, match=r"zero_sum\(\): game must be zero-sum or constant-sum .*got payoff sums ranging over \[2, 6\]"
    ):
        zero_sum(pd)


def test_refuses_other_games():
    three = NormalFormGame.from_arrays(*[[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]] * 3)
    with pytest.raises(UnsupportedGameError, match=r"zero_sum\(\): game must have 2 players; got 3"):
        zero_sum(three)
    import sympy

    a = sympy.Symbol("a", positive=True)
    with pytest.raises(UnsupportedGameError, match=r"zero_sum\(\): game payoffs must be exact or float; got symbolic"):
        zero_sum(NormalFormGame.from_bimatrix([[a, -1], [-1, 1]]))
    with pytest.raises(UnsupportedGameError, match=r"zero_sum\(\): game must be a NormalFormGame; got list"):
        zero_sum([[1, -1], [-1, 1]])  # type: ignore[arg-type]


def test_exact_at_scales_floats_cannot_resolve():
    # Odd-or-Even shifted by 10**20: the value shifts exactly, the strategies do not move
    big = 10**20
    result = zero_sum(NormalFormGame.from_bimatrix([[big - 2, big + 3], [big + 3, big - 4]]))
    assert result.details["value"] == big + F(1, 12)
    assert result[0].profile == ((F(7, 12), F(5, 12)), (F(7, 12), F(5, 12)))
