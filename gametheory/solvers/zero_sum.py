"""Value and optimal strategies of a two-player zero-sum (or constant-sum) game by linear programming.

With the row player's payoff matrix ``A`` shifted so that every entry is at
least 1 (``A' = A - min A + 1``; the value moves by the same constant and
stays positive), the row player's maximin problem is the LP

    maximize v   subject to   v <= sum_i x_i A'_ij  (every column j),   sum_i x_i = 1,   x, v >= 0,

and its LP dual is the column player's minimax problem: the multipliers of
the column constraints are an optimal strategy ``y`` of the column player
(von Neumann's minimax theorem is LP duality). One exact LP (see
:mod:`gametheory._lp`) therefore gives the value and an optimal strategy
for each player.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import numpy as np

from .._lp import solve_lp
from ..errors import SolverError, UnsupportedGameError
from ..games.normal_form import NormalFormGame
from ..results import SolveResult
from ._common import checked_equilibrium
from ._registry import register, require

__all__ = ["zero_sum"]

_FLOAT_TOL = 1e-12  # the tolerance NormalFormGame uses to call a float game zero-sum


def _constant_sum(game: NormalFormGame) -> Any:
    """The constant ``c`` with ``A + B == c`` everywhere, or None."""
    total = np.asarray(game.payoffs[0]) + np.asarray(game.payoffs[1])
    first = total.flat[0]
    if game.kind == "float":
        return float(first) if bool(np.all(np.abs(total - first) <= _FLOAT_TOL * max(1.0, abs(float(first))))) else None
    return first if all(v == first for v in total.flat) else None


@register(
    "zero_sum",
    players=2,
    kinds=("exact", "float"),
    summary="value and optimal (maximin/minimax) strategies of a 2-player zero-sum or constant-sum game, by linear programming",
)
def zero_sum(game: NormalFormGame) -> SolveResult:
    """Value and one pair of optimal strategies of a two-player zero-sum game.

    Solves the row player's maximin linear program; its dual gives the column
    player's minimax strategy. Exact games are solved exactly (the LP optimum
    is certified in rational arithmetic) and the strategy pair is certified
    as a Nash equilibrium with zero regret.

    Constant-sum games (``A + B == c`` everywhere) are accepted too: they are
    strategically the zero-sum game ``(A, -A)``. ``details["value"]`` is
    always the *row* player's value ``v``; the column player gets ``c - v``.

    The result holds *one* optimal strategy pair, so ``complete`` is False:
    a player may have a whole polytope of optimal strategies (the equilibria
    of a zero-sum game are the product of the two sets of optimal strategies,
    all with payoff ``v``). Use ``enumerate`` to list every extreme one.

    Parameters
    ----------
    game
        A two-player exact or float game with ``A + B`` constant.

    Returns
    -------
    SolveResult
        One equilibrium and ``details={"value": v}``.

    Raises
    ------
    UnsupportedGameError
        If the game does not have two players, is symbolic, or is not constant-sum.

    Examples
    --------
    Matching Pennies has value 0 and the uniform strategies are optimal:

    >>> from gametheory import NormalFormGame
    >>> pennies = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> result = zero_sum(pennies)
    >>> result.details["value"], result[0].profile
    (Fraction(0, 1), ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))))
    """
    require(game, "zero_sum", players=2, kinds=("exact", "float"))
    constant = _constant_sum(game)
    if constant is None:
        raise UnsupportedGameError(
            "zero_sum(): game must be zero-sum or constant-sum (A + B the same in every cell); "
            f"got payoff sums ranging over {_sum_range(game)}; use 'enumerate' or 'lemke_howson' for general games"
        )
    exact = game.kind == "exact"
    m, n = game.shape
    if exact:
        arrays, scales = game.integer_payoffs()  # the row payoffs are A / scale with integer A
        A, scale = arrays[0], scales[0]
    else:
        A, scale = np.asarray(game.payoffs[0]), 1
    shift = 1 - A.min()  # A + shift >= 1, so the value is positive and v >= 0 costs nothing
    shifted = A + shift
    # variables (x_1..x_m, v): v - sum_i x_i A'_ij <= 0 for each column j; sum x = 1
    A_ub = [[-shifted[i, j] for i in range(m)] + [1] for j in range(n)]
    A_eq = [[1] * m + [0]]
    c = [0] * m + [1]
    solution = solve_lp(c, A_ub, [0] * n, A_eq, [1], method="auto" if exact else "highs")
    if not solution.optimal:
        raise SolverError(f"zero_sum(): internal error: the maximin LP is {solution.status}, but it is always feasible and bounded")
    x = list(solution.x[:m])
    y = list(solution.y_ub)
    if not exact:
        # floats from HiGHS: clip rounding noise and renormalize before the float certificate
        x = _normalized(x)
        y = _normalized(y)
    value = (solution.objective - shift) / scale if exact else solution.objective - shift
    eq = checked_equilibrium(game, (tuple(x), tuple(y)), method="zero_sum")
    return SolveResult(
        game,
        "zero_sum",
        exact,
        (eq,),
        details=MappingProxyType({"value": value}),
        complete=False,
    )


def _normalized(values: list[float]) -> list[float]:
    clipped = [max(0.0, float(v)) for v in values]
    total = sum(clipped)
    return [v / total for v in clipped]


def _sum_range(game: NormalFormGame) -> str:
    total = np.asarray(game.payoffs[0]) + np.asarray(game.payoffs[1])
    return f"[{min(total.flat)}, {max(total.flat)}]"
