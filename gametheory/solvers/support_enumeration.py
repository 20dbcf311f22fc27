"""Nash equilibria by support enumeration: batched and certified for two players, algebraic for more.

Two players (Dickhaut and Kaplan, 1991; von Stengel, 2007, "Equilibrium
computation for two-player games in strategic and extensive form", in
*Algorithmic Game Theory*, ch. 3, section 3.3):

* strictly dominated pure strategies are removed first (iterated; no
  equilibrium uses them);
* for every pair of supports ``(I, J)`` of *equal* size ``k`` the column
  player's ``y`` on ``J`` must make the rows ``I`` indifferent and the row
  player's ``x`` on ``I`` must make the columns ``J`` indifferent. All pairs
  of one size are solved at once as a stack of bordered ``(k+1) x (k+1)``
  systems (``np.linalg.solve`` over the stack), filtered in float for
  singularity, negative probabilities and profitable deviations;
* every surviving candidate is solved again exactly in integers and kept
  only if its exact regret is zero, so answers are exact at close to float
  speed (a few microseconds per support pair where nashpy spends ~150).

In a nondegenerate game every equilibrium has supports of equal size and a
nonsingular system, so this finds them all. The same stacked solutions also
decide whether the game is degenerate: it is exactly when some mixed
strategy ``x`` solving a nonsingular system (a vertex of the best-response
polytope) has more pure best responses than its support size, which each
batch tests (confirmed exactly for exact games). When it is, equilibria with
unequal supports or in continua can be missed; the result says so and
:func:`~gametheory.solvers.enumeration.enumerate_equilibria` is the complete
method.

Three or more players (McKelvey and McLennan, 1996, "Computation of
equilibria in finite games", *Handbook of Computational Economics* I,
section 6): for every support profile the indifference conditions are a
square system of multilinear polynomial equations, solved exactly with a
Groebner basis (sympy). Real solutions with positive probabilities and no
profitable deviation are equilibria. Irrational equilibria are kept as sympy
algebraic numbers (``sqrt``, ``CRootOf``); positive-dimensional solution sets
are reported in ``details["continua"]``.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterator, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy

from .._linalg import solve_integer_system
from ..errors import InvalidGameError, SolverError
from ..games.normal_form import NormalFormGame
from ..profiles import _contract
from ..results import Equilibrium, SolveResult
from ._common import equilibrium, sort_key
from ._registry import register, require

__all__ = ["MAX_SUPPORT_PAIRS", "MAX_SUPPORT_PROFILES", "support_count", "support_enumeration"]

#: Default bound on support pairs for two players (about 1-2 microseconds each).
MAX_SUPPORT_PAIRS = 3_000_000
#: Default bound on support profiles for three or more players (sympy: milliseconds each).
MAX_SUPPORT_PROFILES = 2_000

_PROB_TOL = 1e-9  # probabilities and payoffs (payoffs relative to their range)
_RELIABLE = 1e-8  # |det| / Hadamard bound above which the float solution is trusted
_LARGE = 1e3  # a solution entry this large (true ones are in [-tol, 1]) means a nearly singular system
_CHUNK = 40_000  # support pairs per numpy batch


# --------------------------------------------------------------------------- helpers shared by both parts


def _fail(method: str, message: str) -> SolverError:
    return SolverError(f"{method}(): {message}")


def _undominated(arrays: Sequence[np.ndarray]) -> list[list[int]]:
    """Action indices that survive iterated strict dominance by pure strategies (any number of players)."""
    kept = [list(range(size)) for size in arrays[0].shape]
    changed = True
    while changed:
        changed = False
        for p, payoff in enumerate(arrays):
            if len(kept[p]) < 2:
                continue
            sub = np.moveaxis(payoff[np.ix_(*kept)], p, 0).reshape(len(kept[p]), -1)
            dominated = set()
            for a in range(len(kept[p])):
                for b in range(len(kept[p])):
                    if a != b and b not in dominated and bool(np.all(sub[b] > sub[a])):
                        dominated.add(a)
                        break
            if dominated:
                kept[p] = [action for i, action in enumerate(kept[p]) if i not in dominated]
                changed = True
    return kept


def _comparable(game: NormalFormGame) -> tuple[np.ndarray, ...]:
    """Payoff arrays on which ``>`` is exact: integers (as float when small enough), or the float payoffs."""
    if game.kind != "exact":
        return game.float_payoffs()
    arrays, _ = game.integer_payoffs()
    if all(abs(int(v)) < 2**52 for a in arrays for v in a.ravel()):
        return tuple(np.asarray(a, dtype=float) for a in arrays)
    return arrays


def support_count(shape: Sequence[int]) -> int:
    """Support pairs (2 players, equal sizes) or support profiles (3 or more players) to examine.

    Two players with ``m`` and ``n`` actions: ``sum_k C(m, k) C(n, k) = C(m + n, m) - 1``
    pairs of nonempty supports of equal size. More players: every nonempty
    support of every player, ``prod (2^n_i - 1)``.

    Examples
    --------
    >>> support_count((10, 10)), support_count((3, 3, 3))
    (184755, 343)
    """
    if len(shape) == 2:
        return math.comb(shape[0] + shape[1], shape[0]) - 1
    return math.prod(2**size - 1 for size in shape)


# --------------------------------------------------------------------------- two players


def _bordered(sub: np.ndarray) -> np.ndarray:
    """Stack of ``[[S, -1], [1, 0]]``: ``S z = v 1``, ``sum z = 1`` for each ``k x k`` block ``S``."""
    count, k, _ = sub.shape
    M = np.zeros((count, k + 1, k + 1))
    M[:, :k, :k] = sub
    M[:, :k, k] = -1.0
    M[:, k, :k] = 1.0
    return M


def _solve_stack(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solutions of the stacked bordered systems and a mask of those whose float solution is trusted.

    One LAPACK solve over the whole stack (no determinant first: that would
    double the cost). A genuine solution is a probability vector and a
    payoff in [0, 1], so a huge or non-finite one marks a nearly singular
    system. Only when some system is exactly singular in float (LAPACK
    refuses the whole stack) are determinants computed to set those aside.
    """
    count, size, _ = M.shape
    rhs = np.zeros(size)
    rhs[-1] = 1.0
    try:
        solution = np.linalg.solve(M, rhs)
        reliable = np.ones(count, dtype=bool)
    except np.linalg.LinAlgError:
        ratio = np.abs(np.linalg.det(M)) / np.sqrt(np.einsum("pij,pij->pi", M, M)).prod(axis=1)
        reliable = ratio > _RELIABLE
        solution = np.full((count, size), np.nan)
        if reliable.any():
            solution[reliable] = np.linalg.solve(M[reliable], rhs)
    with np.errstate(invalid="ignore"):
        reliable &= np.all(np.abs(solution) < _LARGE, axis=1)
    return solution, reliable


def _unit(M: np.ndarray) -> np.ndarray:
    """``M`` mapped affinely onto [0, 1] (all zeros when constant)."""
    low, span = float(M.min()), float(M.max() - M.min())
    return (M - low) / span if span > 0 else np.zeros(M.shape)


def _side(P: np.ndarray, rows: np.ndarray, cols: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One player's side for a batch: ``z`` on ``rows`` making ``cols`` of ``P`` (z's payoff to the opponent) tie.

    ``P`` is ``(own actions) x (opponent actions)`` giving the *opponent's*
    payoff; returns masks ``ok`` (z >= 0 and the tied columns are best
    responses), ``witness`` (ok, and z has a zero on its support or more
    than k best responses: the game is degenerate) and ``reliable``.
    """
    count = len(rows)
    M = np.empty((count, k + 1, k + 1))
    M[:, :k, :k] = P.T[cols[:, :, None], rows[:, None, :]]  # equation j, unknown z_i: P[i, j]
    M[:, :k, k] = -1.0
    M[:, k, :k] = 1.0
    M[:, k, k] = 0.0
    solution, reliable = _solve_stack(M)
    z, value = solution[:, :k], solution[:, k]
    tol = _PROB_TOL
    ok = np.zeros(count, dtype=bool)
    witness = np.zeros(count, dtype=bool)
    with np.errstate(invalid="ignore"):
        nonnegative = np.flatnonzero(reliable & (z.min(axis=1) >= -tol))  # usually a small fraction
    if len(nonnegative):
        full = np.zeros((len(nonnegative), P.shape[0]))
        np.put_along_axis(full, rows[nonnegative], z[nonnegative], axis=1)
        payoffs = full @ P  # (candidates, opponent actions)
        v = value[nonnegative, None]
        best = payoffs.max(axis=1) <= v[:, 0] + tol
        ok[nonnegative] = best
        extra = np.sum(payoffs >= v - tol, axis=1) > k
        witness[nonnegative] = best & ((z[nonnegative].min(axis=1) <= tol) | extra)
    return ok, witness, reliable


def _exact_side(P: Any, rows: Sequence[int], cols: Sequence[int]) -> tuple[list[Fraction], Fraction] | None:
    """Exact ``z`` on ``rows`` (and the tied value) making ``cols`` of the integer matrix ``P`` tie, or None."""
    k = len(rows)
    system = [[int(P[i, j]) for i in rows] + [-1] for j in cols] + [[1] * k + [0]]
    solution = solve_integer_system(system, [0] * k + [1])
    if solution is None:
        return None
    return solution[:k], solution[k]


def _exact_status(P: Any, rows: Sequence[int], cols: Sequence[int]) -> tuple[bool, bool]:
    """Exact ``(ok, witness)`` for one side (see :func:`_side`)."""
    solved = _exact_side(P, rows, cols)
    if solved is None:
        return False, False
    z, value = solved
    if any(v < 0 for v in z):
        return False, False
    payoffs = [sum((z[a] * int(P[i, j]) for a, i in enumerate(rows)), Fraction(0)) for j in range(P.shape[1])]
    if any(v > value for v in payoffs):
        return False, False
    witness = any(v == 0 for v in z) or sum(1 for v in payoffs if v == value) > len(rows)
    return True, witness


def _pairs(m: int, n: int, k: int, chunk: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """All (rows, cols) support pairs of size k, in batches: two int arrays of shape (batch, k)."""
    R = np.array(list(itertools.combinations(range(m), k)), dtype=np.intp)
    C = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
    total = len(R) * len(C)
    for start in range(0, total, chunk):
        flat = np.arange(start, min(start + chunk, total))
        yield R[flat // len(C)], C[flat % len(C)]


def _two_players(game: NormalFormGame, *, max_supports: int, max_time: float | None, prune: bool, started: float) -> SolveResult:
    method = "support_enumeration"
    exact = game.kind == "exact"
    m0, n0 = game.shape
    kept = _undominated(_comparable(game)) if prune else [list(range(m0)), list(range(n0))]
    reduced = game.restrict(kept) if (len(kept[0]), len(kept[1])) != game.shape else game
    m, n = reduced.shape
    estimate = support_count((m, n))
    if estimate > max_supports:
        raise _fail(
            method,
            f"max_supports={max_supports} is below the estimated {estimate} support pairs of equal size "
            f"for this {m}x{n} game{' (after removing strictly dominated strategies)' if reduced is not game else ''}; "
            "raise max_supports, or use method='enumerate' (vertex enumeration, complete and faster on large games)",
        )
    A_int: Any = None
    B_int: Any = None
    if exact:
        A_int, B_int = reduced.integer_payoffs()[0]
        A = np.asarray(A_int, dtype=float)
        B = np.asarray(B_int, dtype=float)
    else:
        A, B = reduced.float_payoffs()
    # rescale each player's payoffs to [0, 1] (a positive affine map: same ties, same equilibria) so that
    # the float tolerances are relative and the determinant test below is scale free
    A, B = (_unit(M) for M in (A, B))

    candidates: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    witnesses: list[tuple[int, tuple[int, ...], tuple[int, ...]]] = []
    unresolved = 0
    confirmed_witness: tuple[int, tuple[int, ...], tuple[int, ...]] | None = None
    for k in range(1, min(m, n) + 1):
        for rows, cols in _pairs(m, n, k, _CHUNK):
            if max_time is not None and time.perf_counter() - started > max_time:
                raise _fail(method, f"max_time={max_time} seconds exceeded at supports of size {k}; use method='enumerate'")
            ok_y, wit_y, rel_y = _side(A.T, cols, rows, k)  # y on cols makes rows tie (row player's payoffs)
            ok_x, wit_x, rel_x = _side(B, rows, cols, k)  # x on rows makes cols tie (column player's payoffs)
            unreliable = np.flatnonzero(~(rel_x & rel_y))
            if len(unreliable):
                if exact:
                    for i in unreliable.tolist():
                        row_set, col_set = tuple(rows[i].tolist()), tuple(cols[i].tolist())
                        if not rel_y[i]:
                            ok_y[i], wit_y[i] = _exact_status(A_int.T, col_set, row_set)
                            if wit_y[i] and confirmed_witness is None:
                                confirmed_witness = (1, col_set, row_set)
                        if not rel_x[i]:
                            ok_x[i], wit_x[i] = _exact_status(B_int, row_set, col_set)
                            if wit_x[i] and confirmed_witness is None:
                                confirmed_witness = (0, row_set, col_set)
                else:
                    unresolved += len(unreliable)
            for i in np.flatnonzero(ok_x & ok_y).tolist():
                candidates.append((tuple(rows[i].tolist()), tuple(cols[i].tolist())))
            if confirmed_witness is None:
                for i in np.flatnonzero(wit_x & rel_x).tolist()[:64]:
                    witnesses.append((0, tuple(rows[i].tolist()), tuple(cols[i].tolist())))
                for i in np.flatnonzero(wit_y & rel_y).tolist()[:64]:
                    witnesses.append((1, tuple(cols[i].tolist()), tuple(rows[i].tolist())))
            if confirmed_witness is None and witnesses:
                confirmed_witness = _confirm(witnesses, A_int, B_int, exact)
                witnesses.clear()

    found: dict[Any, Equilibrium] = {}
    for row_set, col_set in candidates:
        profile = _certify_pair(reduced, row_set, col_set, A_int, B_int, exact)
        if profile is None:
            continue
        full = tuple(_expand(profile[p], kept[p], game.shape[p], exact) for p in range(2))
        eq = equilibrium(game, full, method=method)
        if eq is None:
            continue
        key = eq.profile if exact else tuple(round(float(v), 9) for s in eq.profile for v in s)
        found.setdefault(key, eq)
    equilibria = tuple(sorted(found.values(), key=sort_key))

    removed = (m0 - m, n0 - n)
    details: dict[str, Any] = {
        "support_pairs": estimate,
        "candidates": len(candidates),
        "removed_dominated": removed,
    }
    if confirmed_witness is not None:
        player, support, _ = confirmed_witness
        label = game.players[player]
        names = [reduced.actions[player][i] for i in support]
        details["note"] = (
            f"degenerate game: a strategy of {label!r} on support {names} has more pure best responses than "
            "its support size, so equilibria with unequal supports or continua may be missing from this list; "
            "method='enumerate' is complete"
        )
        degenerate: bool | None = True
        complete = False
    elif unresolved:
        details["unresolved_systems"] = unresolved
        details["note"] = (
            f"{unresolved} nearly singular float systems were skipped, so the list may be incomplete; "
            "use exact payoffs or method='enumerate'"
        )
        degenerate, complete = None, False
    elif removed != (0, 0):
        details["note"] = (
            "the game left after removing strictly dominated strategies is nondegenerate, so the list is complete; "
            "whether the full game is degenerate was not decided"
        )
        degenerate, complete = None, True
    else:
        degenerate, complete = False, True
    return SolveResult(
        game,
        method,
        exact,
        equilibria,
        options=MappingProxyType({"max_supports": max_supports, "max_time": max_time, "prune": prune}),
        degenerate=degenerate,
        details=MappingProxyType(details),
        complete=complete,
    )


def _confirm(
    witnesses: list[tuple[int, tuple[int, ...], tuple[int, ...]]], A_int: Any, B_int: Any, exact: bool
) -> tuple[int, tuple[int, ...], tuple[int, ...]] | None:
    """The first float degeneracy witness that holds exactly (float games: the first one)."""
    if not exact:
        return witnesses[0]
    for player, support, ties in witnesses:
        matrix = B_int if player == 0 else A_int.T
        ok, witness = _exact_status(matrix, support, ties)
        if ok and witness:
            return player, support, ties
    return None


def _certify_pair(
    game: NormalFormGame, rows: tuple[int, ...], cols: tuple[int, ...], A_int: Any, B_int: Any, exact: bool
) -> tuple[Any, Any] | None:
    """The strategies ``(x on rows, y on cols)`` of a candidate, exact for exact games, or None when singular."""
    if exact:
        sx = _exact_side(B_int, rows, cols)
        sy = _exact_side(A_int.T, cols, rows)
        if sx is None or sy is None:
            return None
        return (rows, sx[0]), (cols, sy[0])
    A, B = game.float_payoffs()
    k = len(rows)
    out = []
    for P, own, other in ((B, rows, cols), (A.T, cols, rows)):
        M = _bordered(P[np.ix_(own, other)].T[None])[0]
        rhs = np.zeros(k + 1)
        rhs[-1] = 1.0
        z = np.linalg.lstsq(M, rhs, rcond=None)[0][:k]
        out.append((own, [max(float(v), 0.0) for v in z]))
    return out[0], out[1]


def _expand(part: tuple[tuple[int, ...], Sequence[Any]], kept: Sequence[int], size: int, exact: bool) -> tuple[Any, ...]:
    """A full strategy from its values on support indices of the reduced game."""
    support, values = part
    zero: Any = Fraction(0) if exact else 0.0
    strategy = [zero] * size
    for i, v in zip(support, values, strict=True):
        strategy[kept[i]] = v
    if not exact:
        total = sum(strategy)
        strategy = [v / total for v in strategy]
    return tuple(strategy)


# --------------------------------------------------------------------------- three or more players


def _rational(value: Any) -> sympy.Rational:
    fraction = Fraction(value)  # exact for Fractions and for floats (their binary value)
    return sympy.Rational(fraction.numerator, fraction.denominator)


def _sign(value: sympy.Expr) -> int:
    """The exact sign of a real algebraic number (zero decided by its minimal polynomial)."""
    if value.is_Rational:
        return int(sympy.sign(value))
    t = sympy.Dummy("t")
    roots = value.atoms(sympy.CRootOf)
    if len(roots) == 1:
        # value = h(r) for the real root r of an irreducible q: h(r) = 0 exactly when q divides h's numerator
        root = roots.pop()
        numerator, _ = sympy.fraction(sympy.together(value.xreplace({root: t})))
        if numerator.free_symbols <= {t} and sympy.rem(numerator, root.poly.as_expr(t), t) == 0:
            return 0
        if numerator.free_symbols <= {t}:
            return 1 if sympy.N(value, 60) > 0 else -1
    if sympy.minimal_polynomial(value, t) == t:
        return 0
    return 1 if sympy.N(value, 60) > 0 else -1


def _is_real(value: sympy.Expr) -> bool:
    if value.is_real:
        return True
    if value.is_real is False:
        return False
    return _sign(sympy.im(value)) == 0


def _payoff_polys(arrays: Sequence[np.ndarray], profile: Sequence[Sequence[Any]]) -> list[list[sympy.Expr]]:
    """``U[p][a]``: player p's expected payoff from action a against the others' (symbolic) strategies."""
    out = []
    vectors = [np.array(strategy, dtype=object) for strategy in profile]
    for p, array in enumerate(arrays):
        out.append([sympy.expand(v) for v in _contract(array, vectors, p).ravel()])
    return out


def _n_players(game: NormalFormGame, *, max_supports: int, max_time: float | None, prune: bool, started: float) -> SolveResult:
    method = "support_enumeration"
    exact = game.kind == "exact"
    shape0 = game.shape
    kept = _undominated(_comparable(game)) if prune else [list(range(s)) for s in shape0]
    reduced = game.restrict(kept) if tuple(map(len, kept)) != shape0 else game
    shape = reduced.shape
    estimate = support_count(shape)
    if estimate > max_supports:
        raise _fail(
            method,
            f"max_supports={max_supports} is below the estimated {estimate} support profiles "
            f"for this {'x'.join(map(str, shape))} game{' (after removing strictly dominated strategies)' if reduced is not game else ''}; "
            "raise max_supports, or use method='pure' for the pure equilibria of a large n-player game",
        )
    arrays = [np.array([_rational(v) for v in a.ravel()], dtype=object).reshape(shape) for a in reduced.payoffs]
    symbols = [[sympy.Symbol(f"s{p}_{a}", real=True) for a in range(size)] for p, size in enumerate(shape)]

    found: list[tuple[tuple[tuple[Any, ...], ...], bool]] = []
    continua: list[dict[str, Any]] = []
    supports_per_player = [[s for r in range(1, size + 1) for s in itertools.combinations(range(size), r)] for size in shape]
    for supports in itertools.product(*supports_per_player):
        if max_time is not None and time.perf_counter() - started > max_time:
            raise _fail(method, f"max_time={max_time} seconds exceeded after {len(found)} equilibria; use method='pure' or a smaller game")
        for solution, free in _solve_support(arrays, supports, symbols):
            if free:
                continuum = _continuum(reduced, arrays, supports, symbols, solution, free)
                if continuum is not None:
                    continua.append(continuum)
                continue
            checked = _check(arrays, supports, symbols, solution)
            if checked is not None:
                found.append(checked)

    equilibria = []
    quasi_strict = True
    for profile, strict in found:
        quasi_strict &= strict
        full = tuple(_expand_n(profile[p], kept[p], shape0[p]) for p in range(game.n_players))
        eq = _equilibrium_n(game, full, exact, method)
        equilibria.append(eq)
    details: dict[str, Any] = {
        "support_profiles": estimate,
        "removed_dominated": tuple(s0 - s for s0, s in zip(shape0, shape, strict=True)),
    }
    if continua:
        details["continua"] = tuple(continua)
        details["note"] = (
            "some support profiles have a positive-dimensional set of solutions (a continuum of candidate "
            "equilibria, see details['continua']); their equilibria are not in the list"
        )
    return SolveResult(
        game,
        method,
        exact,
        tuple(sorted(equilibria, key=sort_key)),
        options=MappingProxyType({"max_supports": max_supports, "max_time": max_time, "prune": prune}),
        degenerate=True if continua or not quasi_strict else None,
        details=MappingProxyType(details),
        complete=not continua,
    )


def _support_profile(
    supports: Sequence[Sequence[int]], symbols: Sequence[Sequence[sympy.Symbol]], shape: Sequence[int]
) -> tuple[list[list[Any]], list[sympy.Symbol]]:
    """Symbolic strategies on the supports (last supported probability = 1 - the others) and their unknowns."""
    profile, unknowns = [], []
    for p, support in enumerate(supports):
        strategy: list[Any] = [sympy.Integer(0)] * shape[p]
        free = [symbols[p][a] for a in support[:-1]]
        for a, s in zip(support[:-1], free, strict=True):
            strategy[a] = s
        strategy[support[-1]] = 1 - sum(free, sympy.Integer(0))
        profile.append(strategy)
        unknowns += free
    return profile, unknowns


def _solve_support(
    arrays: Sequence[np.ndarray], supports: Sequence[Sequence[int]], symbols: Any
) -> Iterator[tuple[dict[sympy.Symbol, Any], list[sympy.Symbol]]]:
    """Solutions of the indifference system of one support profile: ``(values, free unknowns)``."""
    shape = arrays[0].shape
    profile, unknowns = _support_profile(supports, symbols, shape)
    payoffs = _payoff_polys(arrays, profile)
    equations = []
    for p, support in enumerate(supports):
        equations += [payoffs[p][a] - payoffs[p][support[0]] for a in support[1:]]
    equations = [e for e in equations if e != 0]
    if any(e.is_number for e in equations):
        return  # a nonzero constant: some player cannot be indifferent
    if not unknowns:
        yield {}, []
        return
    if not equations:
        yield {}, list(unknowns)
        return
    # grevlex then FGLM to lex is far faster than a direct lex basis
    basis = sympy.groebner(equations, *unknowns, order="grevlex")
    if list(basis.exprs) == [1]:
        return
    if basis.is_zero_dimensional:
        lex = list(basis.fglm("lex").exprs)
        triangular = _shape_position(lex, unknowns)
        if triangular is not None:
            yield from ((values, []) for values in triangular)
            return
        for values in sympy.solve_poly_system(lex, *unknowns) or []:
            yield dict(zip(unknowns, values, strict=True)), []
        return
    for solution in sympy.solve(list(basis.exprs), unknowns, dict=True):
        free = [u for u in unknowns if u not in solution]
        yield solution, free


def _shape_position(lex: list[sympy.Expr], unknowns: list[sympy.Symbol]) -> list[dict[sympy.Symbol, Any]] | None:
    """The REAL solutions of a lex basis in shape position ``x_i - g_i(x_n)``, ``f(x_n)``; None if not in that shape.

    Only real roots can be probabilities, so the univariate ``f`` is solved
    for its real roots alone (exact: rationals or ``CRootOf``), and every other
    unknown is the polynomial ``g_i`` at that root, reduced modulo the root's
    minimal polynomial. This avoids the radical formulas of all complex roots
    that sympy's general polynomial solver builds (minutes for a quartic).
    """
    last = unknowns[-1]
    univariate = [p for p in lex if p.free_symbols <= {last}]
    if len(univariate) != 1 or len(lex) != len(unknowns):
        return None
    images: dict[sympy.Symbol, Any] = {}
    for p in lex:
        if p is univariate[0]:
            continue
        leading = [u for u in unknowns[:-1] if u in p.free_symbols]
        if len(leading) != 1:
            return None
        poly = sympy.Poly(p, leading[0])
        if poly.degree() != 1 or not poly.coeffs()[0].is_number:
            return None
        images[leading[0]] = sympy.expand(-poly.coeffs()[1] / poly.coeffs()[0]) if len(poly.coeffs()) == 2 else sympy.Integer(0)
        if not images[leading[0]].free_symbols <= {last}:
            return None
    if len(images) != len(unknowns) - 1:
        return None
    solutions = []
    for root in dict.fromkeys(sympy.Poly(univariate[0], last).real_roots()):
        values = {last: root}
        for u, g in images.items():
            if root.is_Rational:
                values[u] = g.subs(last, root)
            else:  # reduce modulo the minimal polynomial, then evaluate at the root
                minimal = root.poly.as_expr(last) if isinstance(root, sympy.CRootOf) else sympy.minimal_polynomial(root, last)
                values[u] = sympy.rem(g, minimal, last).subs(last, root)
        solutions.append(values)
    return solutions


def _strategies(
    supports: Sequence[Sequence[int]], arrays: Sequence[np.ndarray], symbols: Any, solution: dict[sympy.Symbol, Any]
) -> list[list[Any]]:
    profile, _ = _support_profile(supports, symbols, arrays[0].shape)
    return [[sympy.radsimp(sympy.sympify(v).subs(solution)) for v in strategy] for strategy in profile]


def _check(
    arrays: Sequence[np.ndarray], supports: Sequence[Sequence[int]], symbols: Any, solution: dict[sympy.Symbol, Any]
) -> tuple[tuple[tuple[Any, ...], ...], bool] | None:
    """The profile of an isolated solution if it is an equilibrium (and whether it is quasi-strict), else None."""
    if not all(_is_real(v) for v in solution.values()):
        return None
    profile = _strategies(supports, arrays, symbols, solution)
    for p, support in enumerate(supports):
        if any(_sign(profile[p][a]) <= 0 for a in support):
            return None
    payoffs = _payoff_polys(arrays, profile)
    strict = True
    for p, support in enumerate(supports):
        value = payoffs[p][support[0]]
        for a in range(len(payoffs[p])):
            if a in support:
                continue
            sign = _sign(payoffs[p][a] - value)
            if sign > 0:
                return None
            strict &= sign < 0
    return tuple(tuple(s) for s in profile), strict


def _continuum(
    game: NormalFormGame,
    arrays: Sequence[np.ndarray],
    supports: Sequence[Sequence[int]],
    symbols: Any,
    solution: dict[sympy.Symbol, Any],
    free: list[sympy.Symbol],
) -> dict[str, Any] | None:
    """A record of a positive-dimensional solution set: supports, parametrised strategies, conditions.

    None when the conditions provably have no solution. With one parameter
    they are reduced to the parameter's interval (``"region"``); with more
    they are kept as they are, and the set may still be empty.
    """
    profile = [[sympy.sympify(v).subs(solution) for v in strategy] for strategy in _support_profile(supports, symbols, arrays[0].shape)[0]]
    payoffs = _payoff_polys(arrays, profile)
    conditions = [profile[p][a] > 0 for p, support in enumerate(supports) for a in support]
    for p, support in enumerate(supports):
        value = payoffs[p][support[0]]
        conditions += [sympy.expand(payoffs[p][a] - value) <= 0 for a in range(len(payoffs[p])) if a not in support]
    conditions = [c for c in conditions if c is not sympy.true]
    if any(c is sympy.false for c in conditions):
        return None
    record: dict[str, Any] = {
        "support": tuple(tuple(game.actions[p][a] for a in support) for p, support in enumerate(supports)),
        "profile": tuple(tuple(s) for s in profile),
        "parameters": tuple(free),
        "conditions": tuple(conditions),
    }
    if len(free) == 1:
        try:
            region = sympy.reduce_inequalities(conditions, free) if conditions else sympy.true
        except (NotImplementedError, TypeError, ValueError):  # sympy cannot reduce these conditions: keep them
            return record
        if region is sympy.false:
            return None
        record["region"] = region
    return record


def _expand_n(values: Sequence[Any], kept: Sequence[int], size: int) -> tuple[Any, ...]:
    strategy: list[Any] = [sympy.Integer(0)] * size
    for i, v in enumerate(values):
        strategy[kept[i]] = v
    return tuple(strategy)


def _equilibrium_n(game: NormalFormGame, profile: tuple[tuple[Any, ...], ...], exact: bool, method: str) -> Equilibrium:
    """The certified Equilibrium: Fractions when rational, else sympy algebraic numbers with an exact zero regret."""
    if not exact:
        floats = tuple(tuple(float(v) for v in s) for s in profile)
        eq = equilibrium(game, floats, method=method)
    elif all(sympy.sympify(v).is_Rational for s in profile for v in s):
        fractions = tuple(tuple(Fraction(int(v.p), int(v.q)) for v in s) for s in profile)
        eq = equilibrium(game, fractions, method=method)
    else:
        arrays = [np.array([_rational(v) for v in a.ravel()], dtype=object).reshape(game.shape) for a in game.payoffs]
        payoffs = _payoff_polys(arrays, profile)
        values, regret = [], sympy.Integer(0)
        for p, strategy in enumerate(profile):
            value = sympy.radsimp(sympy.expand(sum((x * u for x, u in zip(strategy, payoffs[p], strict=True)), sympy.Integer(0))))
            gaps = [_sign(u - value) for u in payoffs[p]]
            if max(gaps) != 0:
                eq = None
                break
            values.append(value)
        else:
            eq = Equilibrium(profile=profile, payoffs=tuple(values), max_regret=regret, concept="nash")
    if eq is None:
        raise _fail(method, f"internal error: a computed profile failed its equilibrium certificate: {profile}")
    return eq


# --------------------------------------------------------------------------- the solver


@register(
    "support_enumeration",
    players=None,
    kinds=("exact", "float"),
    summary="equilibria by support enumeration: batched and exactly certified for 2 players (complete when nondegenerate), algebraic (sympy) for 3+",
)
def support_enumeration(
    game: NormalFormGame, *, max_supports: int | None = None, max_time: float | None = None, prune: bool = True
) -> SolveResult:
    """Nash equilibria by enumerating supports.

    Two players: every pair of supports of equal size, solved in batches in
    floating point and certified exactly; complete for nondegenerate games
    (``result.complete``), and a degenerate game is detected and flagged
    (``result.degenerate``; ``details["note"]``): then use ``enumerate``.
    Three or more players: every support profile, its indifference equations
    solved exactly with sympy; equilibria are Fractions when rational and
    sympy algebraic numbers (e.g. containing ``sqrt``) otherwise, with an
    exact ``max_regret`` of 0. Positive-dimensional solution sets are listed
    in ``details["continua"]`` (support, profile in terms of free parameters,
    the inequalities its equilibria satisfy) and make the result incomplete.

    Parameters
    ----------
    game
        A normal-form game with exact or float payoffs.
    max_supports
        Refuse (:class:`~gametheory.errors.SolverError`) when more support
        pairs (2 players) or support profiles (3+) than this would be
        examined, counted after removing dominated strategies (see
        :func:`support_count`). Default: ``MAX_SUPPORT_PAIRS`` = 3,000,000
        for two players (about ten seconds), ``MAX_SUPPORT_PROFILES`` = 2,000
        for more (sympy needs milliseconds per profile).
    max_time
        Seconds after which to stop with a SolverError; ``None`` for no limit.
    prune
        Remove strictly dominated pure strategies (iteratively) first.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> r = support_enumeration(g)
    >>> [eq.profile[0] for eq in r], r.complete
    ([(Fraction(1, 1), Fraction(0, 1)), (Fraction(3, 5), Fraction(2, 5)), (Fraction(0, 1), Fraction(1, 1))], True)

    Three-player matching pennies (Jordan, 1993): one equilibrium, everyone mixes evenly.

    >>> g3 = NormalFormGame.from_arrays(
    ...     [[[int(a == b) for c in (0, 1)] for b in (0, 1)] for a in (0, 1)],  # 1 matches 2
    ...     [[[int(b == c) for c in (0, 1)] for b in (0, 1)] for a in (0, 1)],  # 2 matches 3
    ...     [[[int(c != a) for c in (0, 1)] for b in (0, 1)] for a in (0, 1)],  # 3 mismatches 1
    ... )
    >>> [str(x) for s in support_enumeration(g3)[0].profile for x in s]
    ['1/2', '1/2', '1/2', '1/2', '1/2', '1/2']
    """
    started = time.perf_counter()
    method = "support_enumeration"
    require(game, method, kinds=("exact", "float"))
    if max_supports is not None and (isinstance(max_supports, bool) or not isinstance(max_supports, int) or max_supports < 1):
        raise InvalidGameError(f"{method}(): max_supports must be a positive integer or None; got {max_supports!r}")
    if max_time is not None and (isinstance(max_time, bool) or not isinstance(max_time, int | float) or not max_time > 0):
        raise InvalidGameError(f"{method}(): max_time must be a positive number of seconds or None; got {max_time!r}")
    if not isinstance(prune, bool):
        raise InvalidGameError(f"{method}(): prune must be True or False; got {prune!r}")
    if game.n_players == 2:
        bound = MAX_SUPPORT_PAIRS if max_supports is None else max_supports
        return _two_players(game, max_supports=bound, max_time=max_time, prune=prune, started=started)
    bound = MAX_SUPPORT_PROFILES if max_supports is None else max_supports
    return _n_players(game, max_supports=bound, max_time=max_time, prune=prune, started=started)
