"""Iterated elimination of strictly dominated strategies, by pure and mixed strategies, decided exactly.

An action ``s`` of player ``p`` is *strictly dominated* (in the current,
partly reduced game) when some mixed strategy ``sigma`` over the player's
other remaining actions earns strictly more against every remaining profile
``o`` of the opponents. That is a linear program:

    maximize eps   subject to   sum_t sigma_t u(t, o) >= u(s, o) + eps   (every o),
                                sum_t sigma_t = 1,  sigma >= 0,

and ``s`` is strictly dominated exactly when the optimum is ``eps > 0``. The
LP is solved exactly (:mod:`gametheory._lp`); a positive optimum comes with
its dominating ``sigma``, which is checked again in integer arithmetic, and
a non-positive one with an exact dual certificate (a belief over the
opponents' profiles against which ``s`` is a best response).

Iterated *strict* elimination keeps every Nash equilibrium (a strictly
dominated action is never a best response) and its end result does not
depend on the order of elimination. Weak dominance is not offered: it can
remove equilibria and its outcome depends on the order.
"""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from .._lp import solve_lp
from .._numbers import format_number
from ..errors import InvalidGameError, SolverError
from ..games.normal_form import NormalFormGame
from ..results import Equilibrium, SolveResult
from ._common import FLOAT_TOL, checked_equilibrium
from ._registry import register, require

__all__ = ["dominance", "dominated_by"]


def _utility_rows(array: np.ndarray, player: int, kept: list[list[int]]) -> np.ndarray:
    """Player's payoffs on the kept actions as a matrix: one row per own action, one column per opponent profile."""
    sub = array[np.ix_(*kept)]
    return np.moveaxis(sub, player, 0).reshape(len(kept[player]), -1)


def _mixed_dominator(rows: np.ndarray, s: int, exact: bool, tol: float) -> tuple[dict[int, Any] | None, tuple[int, ...]]:
    """A mixed strategy over the rows other than ``s`` strictly better than row ``s`` on every column.

    Returns ``(mix, ())``, or ``(None, witness)`` where ``witness`` is the
    support of a belief over the columns (from the LP's dual) against which
    ``s`` is a best response: ``s`` stays undominated while those columns remain.
    """
    others = [t for t in range(rows.shape[0]) if t != s]
    k, n_cols = len(others), rows.shape[1]
    spread = rows.max() - rows.min()
    # eps = e - spread with e >= 0: every sigma reaches eps >= -spread, so the LP is feasible and bounded
    A_ub = [[-rows[t, o] for t in others] + [1] for o in range(n_cols)]
    b_ub = [spread - rows[s, o] for o in range(n_cols)]
    solution = solve_lp([0] * k + [1], A_ub, b_ub, [[1] * k + [0]], [1], method="auto" if exact else "highs")
    if not solution.optimal:
        raise SolverError(f"dominance(): internal error: the dominance LP is {solution.status}, but it is always feasible and bounded")
    eps = solution.objective - spread
    if (eps <= 0) if exact else (eps <= tol):
        # the dual multipliers y are a belief (up to scale) to which s is a best response
        return None, tuple(o for o, y in enumerate(solution.y_ub) if y > 0)
    sigma = solution.x[:k]
    if not exact:
        clipped = [max(0.0, float(v)) for v in sigma]
        sigma = tuple(v / sum(clipped) for v in clipped)
    mix = {t: w for t, w in zip(others, sigma, strict=True) if w != 0}
    # an independent check of the dominating strategy (exact games: in rational arithmetic)
    payoff = sum((w * rows[t] for t, w in mix.items()), np.zeros(n_cols, dtype=object if exact else float))
    if not all((p > u) if exact else (p > u + tol / 2) for p, u in zip(payoff, rows[s], strict=True)):
        raise SolverError(f"dominance(): internal error: the LP's dominating strategy {mix} does not dominate action {s}")
    return mix, ()


def _describe(mix: dict[int, Any], labels: tuple[str, ...]) -> str:
    if len(mix) == 1:
        return labels[next(iter(mix))]
    return " + ".join(f"{format_number(w)} {labels[t]}" for t, w in sorted(mix.items()))


def _check(rows: np.ndarray, s: int, mixed: bool, exact: bool, tol: float) -> tuple[dict[int, Any] | None, tuple[int, ...]]:
    """``(dominator, ())`` or ``(None, witness columns)``; see :func:`dominated_by`."""
    target = rows[s] if exact else rows[s] + tol  # exact: no float may touch the (possibly huge) integers
    better = rows > target  # better[t, o]: t beats s strictly against o
    better[s] = False
    beats_everywhere = better.all(axis=1)
    if beats_everywhere.any():
        return {int(np.argmax(beats_everywhere)): Fraction(1) if exact else 1.0}, ()
    best_somewhere = ~better.any(axis=0)
    if best_somewhere.any():  # s is a best response to some column: no strategy dominates it
        return None, (int(np.argmax(best_somewhere)),)
    if not mixed:
        # each other action t fails to beat s at some column: those columns keep s undominated by pure strategies
        return None, tuple(sorted({int(np.argmin(better[t])) for t in range(rows.shape[0]) if t != s}))
    return _mixed_dominator(rows, s, exact, tol)


def dominated_by(rows: Any, s: int, *, mixed: bool = True, exact: bool = True, tol: float = 0.0) -> dict[int, Any] | None:
    """A strategy that strictly dominates row ``s`` of a payoff matrix, or None.

    ``rows[t, o]`` is the payoff of own action ``t`` against opponent profile
    ``o``. Pure dominators are tried first, in row order; with ``mixed`` a
    mixed one is then sought by an exact LP (floats with margin ``tol`` when
    ``exact=False``). Returns ``{row: probability}``.

    Examples
    --------
    >>> import numpy as np
    >>> rows = np.array([[3, 0], [0, 3], [1, 1]], dtype=object)
    >>> dominated_by(rows, 2, mixed=False) is None
    True
    >>> dominated_by(rows, 2)
    {0: Fraction(1, 2), 1: Fraction(1, 2)}
    """
    rows = np.asarray(rows)
    if rows.ndim != 2 or not 0 <= s < rows.shape[0]:
        raise InvalidGameError(f"dominated_by(): expected a matrix and one of its row indices; got shape {rows.shape} and row {s}")
    return _check(rows, s, mixed, exact, tol)[0]


@register(
    "dominance",
    players=None,
    kinds=("exact", "float"),
    summary="iterated elimination of strictly dominated strategies (by pure and mixed strategies), exact",
)
def dominance(game: NormalFormGame, *, mixed: bool = True) -> SolveResult:
    """Iterated elimination of strictly dominated actions, for any number of players.

    Rounds repeat until nothing changes. In each round every player in turn
    (in player order) has its remaining actions checked in action order;
    a dominated action is removed at once, so later checks in the same round
    see the smaller game. Within a check, pure dominators are tried first (the
    first in action order wins), then, with ``mixed=True``, a mixed strategy
    found by an exact linear program. The end result is the same for every
    elimination order.

    Parameters
    ----------
    game
        An exact or float game with any number of players. For float games
        an action counts as dominated only by a margin above
        ``1e-9 * max(1, max |payoff|)``.
    mixed
        Also eliminate actions dominated only by mixed strategies (default).

    Returns
    -------
    SolveResult
        ``details["eliminated"]``: a tuple of read-only records with keys
        ``"player"``, ``"action"`` (labels), ``"dominated_by"`` (an action
        label or a mix such as ``"1/2 U + 1/2 D"``) and ``"round"`` (from 1),
        in the order of elimination. ``details["reduced_game"]``: the game
        restricted to the surviving actions.

        If a single profile survives it is the game's unique Nash equilibrium,
        returned (certified) with ``complete=True``. Otherwise no equilibria
        are returned: iterated strict elimination keeps every equilibrium, so
        solve ``details["reduced_game"]`` (e.g. with ``enumerate``) and extend
        its equilibria by zeros on the eliminated actions.

    Examples
    --------
    The Prisoner's Dilemma (C, D for both): D strictly dominates C.

    >>> from gametheory import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=[("C", "D"), ("C", "D")])
    >>> result = dominance(pd)
    >>> [(e["player"], e["action"], e["dominated_by"]) for e in result.details["eliminated"]]
    [('Player 1', 'C', 'D'), ('Player 2', 'C', 'D')]
    >>> result[0].profile
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    require(game, "dominance", kinds=("exact", "float"))
    if not isinstance(mixed, bool):
        raise InvalidGameError(f"dominance(): mixed must be True or False; got {mixed!r}")
    exact = game.kind == "exact"
    if exact:
        arrays: tuple[np.ndarray, ...] = game.integer_payoffs()[0]  # positive scaling per player changes no dominance
        tol = 0.0
    else:
        arrays = game.float_payoffs()
        tol = FLOAT_TOL * max(1.0, *(float(np.max(np.abs(a))) for a in arrays))
    kept = [list(range(size)) for size in game.shape]
    # witness[p][a]: opponent profiles (original indices) to a belief over which a is a best response;
    # a stays undominated while they all survive, so most re-checks are skipped
    witness: list[dict[int, list[tuple[int, ...]]]] = [{} for _ in game.shape]
    eliminated: list[MappingProxyType[str, Any]] = []
    round_number = 0
    changed = True
    while changed:
        changed = False
        round_number += 1
        for p in range(game.n_players):
            opponents = [q for q in range(game.n_players) if q != p]
            alive = [set(k) for k in kept]
            position = 0
            rows = None
            while position < len(kept[p]) and len(kept[p]) > 1:
                action = kept[p][position]
                known = witness[p].get(action)
                if known is not None and all(all(o[i] in alive[q] for i, q in enumerate(opponents)) for o in known):
                    position += 1
                    continue
                if rows is None:
                    rows = _utility_rows(arrays[p], p, kept)
                mix, columns = _check(rows, position, mixed, exact, tol)
                if mix is None:
                    shape = tuple(len(kept[q]) for q in opponents)
                    witness[p][action] = [
                        tuple(kept[q][i] for q, i in zip(opponents, np.unravel_index(c, shape), strict=True)) for c in columns
                    ]
                    position += 1
                    continue
                labels = tuple(game.actions[p][a] for a in kept[p])
                eliminated.append(
                    MappingProxyType(
                        {
                            "player": game.players[p],
                            "action": labels[position],
                            "dominated_by": _describe(mix, labels),
                            "round": round_number,
                        }
                    )
                )
                del kept[p][position]
                rows = np.delete(rows, position, axis=0)
                changed = True
    reduced = game.restrict(kept)
    equilibria: tuple[Equilibrium, ...] = ()
    if all(len(k) == 1 for k in kept):
        one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
        profile = tuple(tuple(one if a == k[0] else zero for a in range(size)) for k, size in zip(kept, game.shape, strict=True))
        equilibria = (checked_equilibrium(game, profile, method="dominance"),)
    return SolveResult(
        game,
        "dominance",
        exact,
        equilibria,
        options=MappingProxyType({"mixed": mixed}),
        details=MappingProxyType({"eliminated": tuple(eliminated), "reduced_game": reduced}),
        complete=bool(equilibria),
    )
