"""The exact LP solver: float solve + exact certificate, exact simplex fallback."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linprog

import gametheory._lp as lp
from gametheory._lp import LPSolution, is_optimal, solve_lp
from gametheory.errors import InvalidGameError


@st.composite
def lps(draw, max_vars: int = 5, max_rows: int = 5, values=None):
    """Small LPs: (c, A_ub, b_ub, A_eq, b_eq) with exact entries, often degenerate (few distinct values)."""
    if values is None:
        values = draw(st.sampled_from([st.integers(-3, 3), st.integers(-20, 20), st.fractions(-5, 5, max_denominator=6)]))
    n = draw(st.integers(1, max_vars))
    m_ub = draw(st.integers(0, max_rows))
    m_eq = draw(st.integers(0, 2))
    c = draw(st.lists(values, min_size=n, max_size=n))
    A_ub = [draw(st.lists(values, min_size=n, max_size=n)) for _ in range(m_ub)]
    b_ub = draw(st.lists(values, min_size=m_ub, max_size=m_ub))
    A_eq = [draw(st.lists(values, min_size=n, max_size=n)) for _ in range(m_eq)]
    b_eq = draw(st.lists(values, min_size=m_eq, max_size=m_eq))
    if m_eq == 2 and draw(st.booleans()):  # a redundant equation
        A_eq[1] = [2 * v for v in A_eq[0]]
        b_eq[1] = 2 * b_eq[0]
    return c, A_ub, b_ub, A_eq, b_eq


def _scipy(c, A_ub, b_ub, A_eq, b_eq):
    kwargs = {}
    if A_ub:
        kwargs.update(A_ub=np.array(A_ub, dtype=float), b_ub=np.array(b_ub, dtype=float))
    if A_eq:
        kwargs.update(A_eq=np.array(A_eq, dtype=float), b_eq=np.array(b_eq, dtype=float))
    return linprog(-np.array(c, dtype=float), bounds=(0, None), method="highs", **kwargs)


def _assert_certified(problem, solution: LPSolution) -> None:
    c, A_ub, b_ub, A_eq, b_eq = problem
    assert all(isinstance(v, Fraction) for v in (*solution.x, *solution.y_ub, *solution.y_eq, solution.objective))
    assert is_optimal(c, A_ub, b_ub, A_eq, b_eq, solution.x, solution.y_ub, solution.y_eq)
    assert solution.objective == sum(a * v for a, v in zip(c, solution.x))


@given(lps())
def test_agrees_with_scipy_and_is_certified(problem):
    solution = solve_lp(*problem)
    res = _scipy(*problem)
    expected = {0: "optimal", 2: "infeasible", 3: "unbounded"}[res.status]
    c, A_ub, b_ub, A_eq, b_eq = problem
    if expected == "infeasible" and _scipy([0] * len(c), A_ub, b_ub, A_eq, b_eq).status == 0:
        # HiGHS (scipy 1.17) can call a feasible unbounded LP "infeasible", e.g.
        # max x1 s.t. -x1 + x2 + x3 <= 0, x1 - x2 - x3 <= 1, x >= 0; its own feasibility run disagrees.
        expected = "unbounded"
    assert solution.status == expected
    if solution.optimal:
        _assert_certified(problem, solution)
        assert float(solution.objective) == pytest.approx(-res.fun, rel=1e-7, abs=1e-7)
    else:
        assert solution.x == () and solution.objective is None


@given(lps(max_vars=4, max_rows=4))
def test_exact_simplex_agrees(problem):
    auto = solve_lp(*problem)
    simplex = solve_lp(*problem, method="simplex")
    assert simplex.certified_by == "simplex"
    assert simplex.status == auto.status
    if simplex.optimal:
        _assert_certified(problem, simplex)
        assert simplex.objective == auto.objective


@given(lps(max_vars=4, max_rows=4))
def test_fallback_when_the_float_certificate_fails(problem):
    # force the fallback path by making the float certificate fail
    original = lp._certify_float
    lp._certify_float = lambda *args: None
    try:
        solution = solve_lp(*problem)
    finally:
        lp._certify_float = original
    assert solution.certified_by == "simplex"
    if solution.optimal:
        _assert_certified(problem, solution)


def test_float_solutions_are_certified_by_highs():
    solution = solve_lp([3, 2], [[1, 1], [1, 3]], [4, 6])
    assert solution.certified_by == "highs"
    assert solution.x == (Fraction(4), Fraction(0))
    assert solution.objective == 12
    assert solution.y_ub == (Fraction(3), Fraction(0))


def test_exact_with_large_and_fractional_data():
    # Coefficients HiGHS rounds: the certificate still makes the answer exact.
    rng = np.random.default_rng(7)
    A = [[Fraction(int(v), 7) for v in row] for row in rng.integers(-(10**9), 10**9, (30, 8))]
    b = [Fraction(10**9, 3)] * 30
    solution = solve_lp([1] * 8, A, b, [[1] * 8], [1])
    _assert_certified(([1] * 8, A, b, [[1] * 8], [1]), solution)


def test_degenerate_vertex():
    # three constraints tight at the optimum (1, 1) in two dimensions
    problem = ([1, 1], [[1, 0], [0, 1], [1, 1]], [1, 1, 2], [], [])
    solution = solve_lp(*problem)
    assert solution.x == (1, 1) and solution.objective == 2
    _assert_certified(problem, solution)


def test_status_without_constraints():
    assert solve_lp([-1, 0]).x == (0, 0)
    assert solve_lp([1, 0]).status == "unbounded"
    assert solve_lp([1], None, None, [[1]], [-1]).status == "infeasible"


def test_float_method():
    solution = solve_lp([1.0, 1.0], [[1.0, 2.0], [3.0, 1.0]], [4.0, 6.0], method="highs")
    assert solution.certified_by == "float"
    assert solution.objective == pytest.approx(2.8)
    assert solve_lp([1.0], [[-1.0]], [0.0], method="highs").status == "unbounded"
    assert solve_lp([1.0], None, None, [[1.0]], [-1.0], method="highs").status == "infeasible"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (([1, 1], [[1, 2, 3]], [1]), {}, r"solve_lp\(\): A_ub: row 0 must have 2 entries"),
        (([1, 1], [[1, 2]], [1, 2]), {}, r"solve_lp\(\): b_ub must have 1 entries; got 2"),
        (([],), {}, r"solve_lp\(\): c must have at least one entry"),
        (("ab",), {}, r"solve_lp\(\): c must be a sequence of numbers; got str"),
        (([0.5],), {}, r"solve_lp\(\): c\[0\]: expected an exact number"),
        (([1],), {"method": "magic"}, r"solve_lp\(\): method must be one of \['auto', 'simplex', 'highs'\]; got 'magic'"),
    ],
)
def test_errors(args, kwargs, message):
    with pytest.raises(InvalidGameError, match=message):
        solve_lp(*args, **kwargs)


def test_is_optimal_rejects_each_failure():
    c, A, b = [1, 1], [[1, 2], [3, 1]], [4, 6]
    x, y = [Fraction(8, 5), Fraction(6, 5)], [Fraction(2, 5), Fraction(1, 5)]
    assert is_optimal(c, A, b, [], [], x, y, [])
    assert not is_optimal(c, A, b, [], [], [2, 2], y, [])  # primal infeasible
    assert not is_optimal(c, A, b, [], [], x, [0, 0], [])  # dual infeasible
    assert not is_optimal(c, A, b, [], [], x, [1, 1], [])  # objectives differ
    assert not is_optimal(c, A, b, [], [], [-1, 0], y, [])  # negative variable
