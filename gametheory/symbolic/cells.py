"""Exact case splitting on the signs of polynomials in a game's parameters.

A parametric solver is ordinary solver code that asks ``context.sign(expr)``
wherever a numeric solver would compare two numbers. :func:`explore` runs
that code once per *cell* of parameter space: the first time a sign cannot be
decided from what the cell already says, the run takes the first possible
sign and remembers the others; the next run replays the same answers up to
that point and takes the next one (depth-first over the tree of choices, so a
deterministic solver needs no rewriting into callbacks). Each finished run is
a *leaf*: a conjunction of sign conditions and what the solver returned there.

Signs are decided on irreducible factors. An expression is brought over a
common denominator and both sides are factored into irreducible integer
polynomials, each normalised (primitive, positive leading coefficient) so that
``a - b`` and ``2*b - 2*a`` are the same *atom*. A cell maps atoms to signs
(-1, 0, +1). Whether a sign is possible in a cell is decided

* exactly, when every atom is linear, by Fourier–Motzkin elimination in
  Fractions (up to ``FOURIER_MOTZKIN_MAX`` parameters; it also gives the
  simplest rational point inside) or an exact LP beyond,
* exactly by real-root isolation when one parameter is left (after linear
  equalities with constant coefficients have been used to eliminate parameters),
* exactly, for strict nonlinear conditions in several parameters, by the
  sample points of an open cylindrical algebraic decomposition (Strzeboński
  2000), within size budgets,
* otherwise by searching for a rational point. A sign for which no point is
  found and which is not proved impossible is *kept* (nothing possible is
  dropped) and the leaf is reported without a witness.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeAlias

import sympy

from .._lp import solve_lp
from ..errors import InvalidGameError, SolverError

__all__ = ["Cell", "Context", "Domain", "Leaf", "explore"]

Atom: TypeAlias = sympy.Expr  # an irreducible, primitive integer polynomial with positive leading coefficient
Signs: TypeAlias = tuple[tuple[Atom, int], ...]

#: Runs (leaves) allowed before a parametric solver gives up.
MAX_LEAVES = 20_000


@dataclass(frozen=True, slots=True)
class Cell:
    """A conjunction of sign conditions ``atom < 0``, ``atom == 0`` or ``atom > 0``."""

    signs: Signs


@dataclass(frozen=True, slots=True)
class Leaf:
    """One finished run: the cell it ran in, a point inside (``None`` if none was found) and the run's output."""

    cell: Cell
    witness: Mapping[sympy.Symbol, Any] | None
    output: Any


def relation(atom: sympy.Expr, signs: Iterable[int]) -> sympy.Basic:
    """``atom`` restricted to the given signs as a readable relation (``a > b`` rather than ``a - b > 0``)."""
    allowed = frozenset(signs)
    if allowed == {-1, 0, 1}:
        return sympy.true
    if not allowed:
        return sympy.false
    lhs, rhs = _sides(atom)
    operator = {
        frozenset({1}): sympy.StrictGreaterThan,
        frozenset({-1}): sympy.StrictLessThan,
        frozenset({0}): sympy.Eq,
        frozenset({0, 1}): sympy.GreaterThan,
        frozenset({-1, 0}): sympy.LessThan,
        frozenset({-1, 1}): sympy.Ne,
    }[allowed]
    return operator(lhs, rhs, evaluate=False)


def _sides(atom: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """Split ``atom`` (compared with 0) into two sides with positive coefficients; ``c*p + k`` becomes ``p`` vs ``-k/c``."""
    free = atom.free_symbols
    if len(free) == 1:
        (p,) = free
        poly = sympy.Poly(atom, p)
        if poly.degree() == 1:
            c, k = poly.all_coeffs()
            return p, -k / c  # c > 0 by normalisation, so the direction is kept
    positive: list[sympy.Expr] = []
    negative: list[sympy.Expr] = []
    for term in sympy.Add.make_args(sympy.expand(atom)):
        (negative if term.could_extract_minus_sign() else positive).append(term)
    return sympy.Add(*positive), -sympy.Add(*negative)


class Domain:
    """The parameters, the conditions every point satisfies, and the decision procedures with their caches."""

    def __init__(self, parameters: Sequence[sympy.Symbol], assumptions: Iterable[sympy.Basic] = (), *, where: str = "solve()"):
        self.parameters = tuple(parameters)
        self.where = where
        self._factors: dict[sympy.Expr, tuple[int, tuple[tuple[Atom, int], ...]]] = {}
        self._options: dict[tuple[Signs, Atom], tuple[int, ...]] = {}
        self._witness: dict[Signs, Mapping[sympy.Symbol, Any] | bool | None] = {}
        self._points: dict[Any, Any] = {}
        base: dict[Atom, set[int]] = {}
        for symbol in self.parameters:
            for test, signs in (("positive", {1}), ("negative", {-1}), ("nonnegative", {0, 1}), ("nonpositive", {-1, 0}), ("zero", {0})):
                if getattr(symbol, f"is_{test}"):
                    base.setdefault(symbol, {-1, 0, 1}).intersection_update(signs)
        for condition in assumptions:
            for atom, signs in self._relation_atoms(condition):
                base.setdefault(atom, {-1, 0, 1}).intersection_update(signs)
        self.base = base

    # -- factoring -----------------------------------------------------------------------------------------
    def factors(self, expr: Any) -> tuple[int, tuple[tuple[Atom, int], ...]]:
        """``expr`` as ``sign * prod(atom**k)`` (negative ``k`` for denominator factors): (sign of the constant, atoms)."""
        expr = sympy.sympify(expr)
        cached = self._factors.get(expr)
        if cached is not None:
            return cached
        unknown = expr.free_symbols - set(self.parameters)
        if unknown:
            raise SolverError(f"{self.where}: internal error: {expr} has symbols {sorted(map(str, unknown))} that are not parameters")
        numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(expr)))
        constant = 1
        atoms: list[tuple[Atom, int]] = []
        for part, power in ((numerator, 1), (denominator, -1)):
            if part.is_zero:
                constant = 0
                continue
            coefficient, factor_list = sympy.factor_list(sympy.expand(part), *self.parameters) if self.parameters else (part, [])
            constant *= _sign_of_number(coefficient)
            for factor, k in factor_list:
                atom, flip = _normalise(factor, self.parameters)
                constant *= flip**k
                atoms.append((atom, power * k))
        result = (constant, tuple(atoms))
        self._factors[expr] = result
        return result

    def _relation_atoms(self, condition: Any) -> list[tuple[Atom, set[int]]]:
        """The atoms and allowed signs of an assumption (a relation or a conjunction of relations)."""
        condition = sympy.sympify(condition)
        if condition is sympy.true:  # e.g. p >= 0 for a positive symbol p
            return []
        if condition is sympy.false:
            raise InvalidGameError(f"{self.where}: an assumption is false for every value of the parameters")
        if isinstance(condition, sympy.And):
            return [pair for arg in condition.args for pair in self._relation_atoms(arg)]
        allowed = {
            sympy.StrictGreaterThan: {1},
            sympy.StrictLessThan: {-1},
            sympy.GreaterThan: {0, 1},
            sympy.LessThan: {-1, 0},
            sympy.Eq: {0},
        }
        kind = type(condition)
        if kind not in allowed or condition.free_symbols - set(self.parameters):
            raise InvalidGameError(
                f"{self.where}: assume must be relations (<, <=, >, >=, Eq) between the game's parameters "
                f"{[s.name for s in self.parameters]}; got {condition}"
            )
        constant, atoms = self.factors(condition.lhs - condition.rhs)
        if len(atoms) != 1 or abs(atoms[0][1]) != 1:
            raise InvalidGameError(f"{self.where}: each assumption must compare an irreducible polynomial with 0; got {condition}")
        atom = atoms[0][0]
        return [(atom, {s * constant for s in allowed[kind]} if constant else set())]

    # -- feasibility -------------------------------------------------------------------------------------
    def options(self, signs: Signs, atom: Atom) -> tuple[int, ...]:
        """The signs ``atom`` can take in the cell ``signs`` (never empty for a non-empty cell)."""
        key = (signs, atom)
        cached = self._options.get(key)
        if cached is None:
            cached = self._decide(signs, atom)
            self._options[key] = cached
        return cached

    def _decide(self, signs: Signs, atom: Atom) -> tuple[int, ...]:
        inside = self.witness(signs)
        if not isinstance(inside, Mapping) or linear_form(atom) is None:
            return tuple(s for s in (-1, 0, 1) if self.witness(_add(signs, atom, s)) is not False)
        # a point of the cell shows one sign possible without a test
        here = _sign_of_number(atom.subs(inside))
        linear = all(linear_form(a) is not None for a in self.base) and all(linear_form(a) is not None for a, _ in signs)
        relatively_open = linear and all(len(allowed) == 1 for allowed in self.base.values())
        if here != 0 and relatively_open:
            # in a relatively open convex cell a linear function that is nonzero somewhere and vanishes
            # somewhere also takes the opposite sign (continue the segment past the zero): one test decides
            return (-1, 0, 1) if self.witness(_add(signs, atom, 0)) is not False else (here,)
        return tuple(s for s in (-1, 0, 1) if s == here or self.witness(_add(signs, atom, s)) is not False)

    def cheap(self, atoms: Iterable[Atom]) -> bool:
        """Whether cells over these atoms are decided quickly (all linear, or one parameter): worth asking optional questions."""
        atoms = [*atoms, *self.base]
        return all(linear_form(a) is not None for a in atoms) or len(set().union(*(a.free_symbols for a in atoms))) <= 1

    def point(self, allowed: Mapping[Atom, frozenset[int]]) -> Mapping[sympy.Symbol, Any] | bool | None:
        """A point where each atom has one of its allowed signs (``False``: provably none; ``None``: unknown)."""
        key = tuple(sorted(allowed.items(), key=lambda pair: sympy.default_sort_key(pair[0])))
        cached = self._points.get(key, 0)
        if cached == 0:
            combined: dict[Atom, set[int]] = {atom: set(s) for atom, s in self.base.items()}
            for atom, signs in allowed.items():
                combined.setdefault(atom, {-1, 0, 1}).intersection_update(signs)
            cached = self._points[key] = _find_point(combined, self.parameters)
        return cached  # type: ignore[return-value]

    def witness(self, signs: Signs) -> Mapping[sympy.Symbol, Any] | bool | None:
        """A point of the cell (with the domain's assumptions), ``False`` when it is provably empty, ``None`` when unknown."""
        cached = self._witness.get(signs, 0)
        if cached != 0:
            return cached  # type: ignore[return-value]
        allowed: dict[Atom, set[int]] = {atom: set(s) for atom, s in self.base.items()}
        for atom, sign in signs:
            allowed.setdefault(atom, {-1, 0, 1}).intersection_update({sign})
        result = _find_point(allowed, self.parameters)
        self._witness[signs] = result
        return result


@functools.lru_cache(maxsize=65536)
def linear_form(atom: sympy.Expr) -> tuple[tuple[tuple[sympy.Symbol, Fraction], ...], Fraction] | None:
    """``atom`` as ((parameter, coefficient), ...), constant when it is linear; ``None`` otherwise."""
    terms: dict[sympy.Symbol, Fraction] = {}
    constant = Fraction(0)
    for term in sympy.Add.make_args(sympy.expand(atom)):
        coefficient, rest = term.as_coeff_Mul()
        if rest == 1:
            constant += Fraction(int(coefficient.p), int(coefficient.q))
        elif rest.is_Symbol:
            terms[rest] = terms.get(rest, Fraction(0)) + Fraction(int(coefficient.p), int(coefficient.q))
        else:
            return None
    return tuple(sorted(terms.items(), key=lambda pair: pair[0].name)), constant


def solve_linear(expr: sympy.Expr, p: sympy.Symbol) -> sympy.Expr:
    """The root of ``expr`` (of degree 1 in ``p``) in ``p``, ignoring the symbol's assumptions (which the caller checks)."""
    coefficient, rest = sympy.Poly(expr, p).all_coeffs()
    return sympy.cancel(-rest / coefficient)


def _sign_of_number(value: Any) -> int:
    value = sympy.sympify(value)
    return 1 if value > 0 else (-1 if value < 0 else 0)


def _normalise(factor: sympy.Expr, parameters: Sequence[sympy.Symbol]) -> tuple[Atom, int]:
    """The primitive integer polynomial with positive leading coefficient, and the sign that was divided out."""
    content, primitive = sympy.Poly(factor, *parameters).primitive()
    flip = 1 if content > 0 else -1
    if primitive.LC() < 0:
        primitive, flip = -primitive, -flip
    return primitive.as_expr(), flip


def _add(signs: Signs, atom: Atom, sign: int) -> Signs:
    return tuple(sorted((*signs, (atom, sign)), key=lambda pair: sympy.default_sort_key(pair[0])))


# -- deciding whether a cell has a point --------------------------------------------------------------------
def _find_point(allowed: dict[Atom, set[int]], parameters: Sequence[sympy.Symbol]) -> Mapping[sympy.Symbol, Any] | bool | None:
    if any(not s for s in allowed.values()):
        return False
    conditions = [(atom, frozenset(s)) for atom, s in allowed.items() if s != {-1, 0, 1}]
    if all(linear_form(atom) is not None for atom, _ in conditions):
        variables = sorted(set().union(*(atom.free_symbols for atom, _ in conditions)), key=lambda s: s.name) if conditions else []
        linear = _linear_point(conditions, variables) if variables else {}
        return linear if linear is False else _complete(dict(linear), parameters)  # type: ignore[arg-type]
    point: dict[sympy.Symbol, Any] = {}
    # use equalities a*p + rest == 0 with a constant to eliminate p
    changed = True
    while changed:
        changed = False
        for index, (atom, signs) in enumerate(conditions):
            if signs != {0}:
                continue
            for p in sorted(atom.free_symbols, key=lambda s: s.name):
                poly = sympy.Poly(atom, p)
                if poly.degree() == 1 and not poly.all_coeffs()[0].free_symbols:
                    value = solve_linear(atom, p)
                    point[p] = value
                    conditions = [(sympy.expand(a.subs(p, value)), s) for i, (a, s) in enumerate(conditions) if i != index]
                    changed = True
                    break
            if changed:
                break
    remaining: list[tuple[sympy.Expr, frozenset[int]]] = []
    for expr, signs in conditions:
        if not expr.free_symbols:
            if _sign_of_number(expr) not in signs:
                return False
        else:
            remaining.append((expr, signs))
    # conditions that share no parameter are independent: each group decided alone (a bound p <= 1 elsewhere
    # must not keep a strict nonlinear group from its exact decision)
    unknown = False
    for group in _independent(remaining):
        found = _group_point(group)
        if found is False:
            return False
        if found is None:
            unknown = True
        else:
            point.update(found)  # type: ignore[arg-type]
    return None if unknown else _complete(point, parameters)


def _independent(conditions: list[tuple[sympy.Expr, frozenset[int]]]) -> list[list[tuple[sympy.Expr, frozenset[int]]]]:
    """The conditions in groups connected by shared parameters."""
    groups: list[tuple[set[sympy.Symbol], list[tuple[sympy.Expr, frozenset[int]]]]] = []
    for condition in conditions:
        symbols, members = set(condition[0].free_symbols), [condition]
        for group in [g for g in groups if g[0] & symbols]:
            groups.remove(group)
            symbols |= group[0]
            members = group[1] + members
        groups.append((symbols, members))
    return [members for _, members in groups]


def _group_point(conditions: list[tuple[sympy.Expr, frozenset[int]]]) -> Mapping[sympy.Symbol, Any] | bool | None:
    variables = sorted(set().union(*(e.free_symbols for e, _ in conditions)), key=lambda s: s.name)
    if all(sympy.Poly(e, *variables).total_degree() <= 1 for e, _ in conditions):
        return _linear_point(conditions, variables)
    if len(variables) == 1:
        return _univariate_point(conditions, variables[0])
    return _search_point(conditions, variables)


def _complete(point: dict[sympy.Symbol, Any], parameters: Sequence[sympy.Symbol]) -> dict[sympy.Symbol, Any]:
    """Every parameter a number: the ones no condition mentions get 1, eliminated ones are resolved (last first)."""
    for p in parameters:
        point.setdefault(p, sympy.Integer(1))
    for p in reversed(list(point)):
        value = sympy.sympify(point[p])
        point[p] = value.subs(point) if value.free_symbols else value
    return {p: point[p] for p in parameters}


class _TooLarge(Exception):
    """Fourier-Motzkin elimination produced too many constraints; the LP decides instead."""


#: Fourier-Motzkin elimination beyond this many constraints at one step gives way to the LP.
FOURIER_MOTZKIN_MAX_ROWS = 400
#: Up to this many parameters a linear cell is decided by Fourier-Motzkin elimination, beyond it by an LP.
FOURIER_MOTZKIN_MAX = 8

# a linear constraint: (coefficients, constant, strict) meaning coefficients . x + constant > 0 (strict) or >= 0
Constraint: TypeAlias = tuple[tuple[Fraction, ...], Fraction, bool]


def _fourier_motzkin_point(rows: list[Constraint], equations: list[tuple[tuple[Fraction, ...], Fraction]], n: int) -> list[Fraction] | None:
    """A simple rational point of ``{x : rows hold, equations a.x + k = 0}`` in exact arithmetic, ``None`` if empty.

    Equations eliminate a variable each; the inequalities are then eliminated one variable at a time
    (Fourier-Motzkin: every lower bound combined with every upper bound; strict if either was), and the
    point is built back from the last variable, each coordinate the simplest rational in its interval.
    """
    if equations:
        (a, k), rest = equations[0], equations[1:]
        nonzero = [i for i, c in enumerate(a) if c != 0]
        if not nonzero:
            return None if k != 0 else _fourier_motzkin_point(rows, rest, n)
        j = nonzero[0]

        def substitute(b: tuple[Fraction, ...], m: Fraction) -> tuple[tuple[Fraction, ...], Fraction]:
            # x_j = -(k + sum_{i != j} a_i x_i) / a_j
            f = b[j] / a[j]
            return tuple(Fraction(0) if i == j else b[i] - f * a[i] for i in range(n)), m - f * k

        reduced_rows = [(*substitute(b, m), strict) for b, m, strict in rows]
        reduced_equations = [substitute(b, m) for b, m in rest]
        point = _fourier_motzkin_point(reduced_rows, reduced_equations, n)  # type: ignore[arg-type]
        if point is None:
            return None
        point[j] = -(k + sum(a[i] * point[i] for i in range(n) if i != j)) / a[j]
        return point
    levels = [list(dict.fromkeys(_normalised_row(r) for r in rows))]
    for j in range(n):
        current = levels[-1]
        lower = [r for r in current if r[0][j] > 0]
        upper = [r for r in current if r[0][j] < 0]
        nxt = [r for r in current if r[0][j] == 0]
        for (a, k, s), (b, m, t) in itertools.product(lower, upper):
            f, g = -b[j], a[j]
            nxt.append(_normalised_row((tuple(f * x + g * y for x, y in zip(a, b, strict=True)), f * k + g * m, s or t)))
        levels.append(list(dict.fromkeys(nxt)))
        if len(levels[-1]) > FOURIER_MOTZKIN_MAX_ROWS:
            raise _TooLarge
    for _, k, strict in levels[-1]:
        if k < 0 or (strict and k == 0):
            return None
    point = [Fraction(0)] * n
    for j in reversed(range(n)):
        low: tuple[Fraction, bool] | None = None
        high: tuple[Fraction, bool] | None = None
        for a, k, strict in levels[j]:
            if a[j] == 0:
                continue
            bound = -(k + sum(a[i] * point[i] for i in range(j + 1, n))) / a[j]
            if a[j] > 0 and (low is None or bound > low[0] or (bound == low[0] and strict)):
                low = (bound, strict)
            if a[j] < 0 and (high is None or bound < high[0] or (bound == high[0] and strict)):
                high = (bound, strict)
        point[j] = _simplest_in(low, high)
    return point


def _normalised_row(row: Constraint) -> Constraint:
    """Scale a constraint so its largest coefficient (or constant) is 1 in absolute value (so duplicates coincide)."""
    a, k, strict = row
    scale = max((abs(x) for x in (*a, k) if x), default=Fraction(1))
    return tuple(x / scale for x in a), k / scale, strict


def _simplest_in(low: tuple[Fraction, bool] | None, high: tuple[Fraction, bool] | None) -> Fraction:
    """The simplest rational between the bounds (each ``(value, strict)``; ``None`` for unbounded)."""
    if low is not None and high is not None and low[0] == high[0]:
        return low[0]
    if low is None and high is None:
        return Fraction(0)
    if high is None:
        assert low is not None
        return Fraction(0) if low[0] < 0 else Fraction(math.floor(low[0]) + 1)
    if low is None:
        return Fraction(0) if high[0] > 0 else Fraction(math.ceil(high[0]) - 1)
    if low[0] < 0 < high[0]:
        return Fraction(0)
    return _simplest_between(low[0], high[0])


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator strictly between ``lo < hi`` (Stern-Brocot descent)."""
    if lo < 0 and hi <= 0:
        return -_simplest_between(-hi, -lo)
    floor = math.floor(lo)
    if floor + 1 < hi:
        return Fraction(floor + 1)
    # lo and hi share the integer part: recurse on the reciprocals of the fractional parts
    f_lo, f_hi = lo - floor, hi - floor
    if f_lo == 0:
        return floor + Fraction(1, math.floor(1 / f_hi) + 1)
    return floor + 1 / _simplest_between(1 / f_hi, 1 / f_lo)


def _linear_point(conditions: list[tuple[sympy.Expr, frozenset[int]]], variables: list[sympy.Symbol]) -> Mapping[sympy.Symbol, Any] | bool:
    """Exact LP: maximize a common slack t <= 1 of the strict conditions; feasible iff t > 0 (or nothing is strict)."""
    n = len(variables)
    rows_ub: list[list[Fraction]] = []
    rhs_ub: list[Fraction] = []
    rows_eq: list[list[Fraction]] = []
    rhs_eq: list[Fraction] = []
    strict = False
    for expr, signs in conditions:
        form = linear_form(expr)
        if form is None:
            raise SolverError(f"internal error: {expr} is not linear")
        coefficients, k = dict(form[0]), form[1]
        a = [coefficients.get(v, Fraction(0)) for v in variables]
        # a.x + k compared with 0; variables are x = x_plus - x_minus, then t
        row = a + [-c for c in a]
        if signs == {0}:
            rows_eq.append([*row, Fraction(0)])
            rhs_eq.append(-k)
        elif signs in ({1}, {0, 1}):  # a.x + k >= t (or >= 0)
            rows_ub.append([-c for c in row] + [Fraction(1 if signs == {1} else 0)])
            rhs_ub.append(k)
            strict |= signs == {1}
        elif signs in ({-1}, {-1, 0}):  # a.x + k <= -t
            rows_ub.append([*row, Fraction(1 if signs == {-1} else 0)])
            rhs_ub.append(-k)
            strict |= signs == {-1}
        else:  # != 0: either side; decided by trying both
            for side in ({1}, {-1}):
                rest = [(e, s) for e, s in conditions if (e, s) != (expr, signs)]
                found = _linear_point([*rest, (expr, frozenset(side))], variables)
                if found is not False:
                    return found
            return False
    if n <= FOURIER_MOTZKIN_MAX:
        rows: list[Constraint] = []
        for row, rhs in zip(rows_ub, rhs_ub, strict=True):  # back from  -(a.x + k) + t <= ...  to  a.x + k >(=) 0
            a, t = row[:n], row[-1]
            rows.append((tuple(-c for c in a), rhs, t == 1))
        equations = [(tuple(row[:n]), -rhs) for row, rhs in zip(rows_eq, rhs_eq, strict=True)]
        try:
            point = _fourier_motzkin_point(rows, equations, n)
        except _TooLarge:
            pass
        else:
            return (
                False if point is None else {v: sympy.Rational(point[i].numerator, point[i].denominator) for i, v in enumerate(variables)}
            )
    rows_ub.append([Fraction(0)] * (2 * n) + [Fraction(1)])
    rhs_ub.append(Fraction(1))
    solution = solve_lp([Fraction(0)] * (2 * n) + [Fraction(1)], rows_ub, rhs_ub, rows_eq or None, rhs_eq or None, method="simplex")
    if solution.status != "optimal" or (strict and solution.objective <= 0):
        return False
    x = solution.x
    return {v: sympy.Rational(x[i] - x[n + i]) for i, v in enumerate(variables)}


def _univariate_point(conditions: list[tuple[sympy.Expr, frozenset[int]]], p: sympy.Symbol) -> Mapping[sympy.Symbol, Any] | bool:
    """Exact, in rational arithmetic: test a rational point between consecutive real roots and every root.

    Roots of linear conditions are rational; the others (irreducible, so irrational) are isolated together
    in disjoint rational intervals that exclude the rational roots. A polynomial vanishes at an irrational
    root exactly when it changes sign across that root's interval, and otherwise has the sign of either end.
    """
    coefficients = [_coefficients(e, p) for e, _ in conditions]
    roots: list[tuple[Fraction, Fraction]] = sorted({(-c[1] / c[0],) * 2 for c in coefficients if len(c) == 2})  # type: ignore[misc]
    nonlinear = [sympy.Poly(e, p, domain="QQ") for (e, _), c in zip(conditions, coefficients, strict=True) if len(c) > 2]
    if nonlinear:
        product = functools.reduce(lambda f, g: f * g, nonlinear).sqf_part()
        rational = {r for r, _ in roots}
        eps = None
        while True:  # shrink the intervals until none holds a rational root of the linear conditions
            isolated = _isolate(product, eps)
            if not any(lo < hi and lo <= r <= hi for lo, hi in isolated for r in rational):
                break
            eps = min(hi - lo for lo, hi in isolated if lo < hi) / 8
        roots += [(lo, hi) for lo, hi in isolated if lo < hi or lo not in rational]  # equal ends: a rational root
        roots.sort()
    candidates = [(x, x) for x in _open_points(roots)] + roots
    for lo, hi in candidates:
        if all(_sign_near(c, lo, hi) in allowed for c, (_, allowed) in zip(coefficients, conditions, strict=True)):
            if lo == hi:
                return {p: sympy.Rational(lo.numerator, lo.denominator)}
            polys = [sympy.Poly(e, p) for e, _ in conditions]
            vanishing = next((f for f, c in zip(polys, coefficients, strict=True) if _sign_near(c, lo, hi) == 0), polys[0])
            root = next(r for r in vanishing.real_roots(radicals=False) if lo < r.evalf(50) < hi)
            return {p: root}
    return False


@functools.lru_cache(maxsize=65536)
def _coefficients(expr: sympy.Expr, p: sympy.Symbol) -> tuple[Fraction, ...]:
    """The coefficients of a polynomial in ``p`` with rational coefficients, highest degree first."""
    return tuple(Fraction(int(c.p), int(c.q)) for c in sympy.Poly(expr, p).all_coeffs())


def _horner(coefficients: tuple[Fraction, ...], x: Fraction) -> Fraction:
    value = Fraction(0)
    for c in coefficients:
        value = value * x + c
    return value


def _isolate(product: sympy.Poly, eps: Fraction | None = None) -> list[tuple[Fraction, Fraction]]:
    """Disjoint rational isolating intervals (narrower than ``eps``) of the real roots of a square-free polynomial."""
    while True:
        width = None if eps is None else sympy.Rational(eps.numerator, eps.denominator)
        isolated = [(Fraction(str(lo)), Fraction(str(hi))) for (lo, hi), _ in product.intervals(eps=width)]
        if all(left[1] < right[0] for left, right in itertools.pairwise(isolated)):
            return isolated
        eps = Fraction(1, 10**6) if eps is None else eps / 1000


def _open_points(isolated: list[tuple[Fraction, Fraction]]) -> list[Fraction]:
    """A simple rational below, between each pair of, and above the isolated roots (0 when there are none)."""
    if not isolated:
        return [Fraction(0)]
    points = [Fraction(math.floor(isolated[0][0]) - 1)]
    points += [_simplest_between(left[1], right[0]) for left, right in itertools.pairwise(isolated)]
    points.append(Fraction(math.ceil(isolated[-1][1]) + 1))
    return points


def _sign_near(coefficients: tuple[Fraction, ...], lo: Fraction, hi: Fraction) -> int:
    """The sign of a polynomial at ``lo`` (when ``lo == hi``) or at the one root of the isolating interval ``(lo, hi)``."""
    at_lo = _fraction_sign(_horner(coefficients, lo))
    if lo == hi:
        return at_lo
    at_hi = _fraction_sign(_horner(coefficients, hi))
    return 0 if at_lo * at_hi < 0 else at_lo


def _fraction_sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def _search_point(
    conditions: list[tuple[sympy.Expr, frozenset[int]]], variables: list[sympy.Symbol]
) -> Mapping[sympy.Symbol, Any] | bool | None:
    """A rational point for nonlinear conditions in several parameters; ``False`` if provably none, ``None`` if unknown.

    Cells of strict conditions are open sets, decided exactly by an open cylindrical algebraic decomposition
    (:func:`_open_samples`). Otherwise equalities are solved for a variable that appears linearly and the
    rest is searched at random; the linear conditions alone being infeasible proves the cell empty.
    """
    linear = [(e, s) for e, s in conditions if linear_form(e) is not None]
    if linear and _linear_point(linear, variables) is False:
        return False
    if all(0 not in s for _, s in conditions):
        samples = _open_samples([e for e, _ in conditions], variables, [0])
        if samples is not None:
            for point in samples:
                if all(_sign_of_number(e.subs(point)) in s for e, s in conditions):
                    return point
            return False
    elif all(s != {0} for _, s in conditions):
        # non-strict conditions: a point of the open part is a point; failing that, we do not know
        opened = [(e, s - {0} if len(s) > 1 else s) for e, s in conditions]
        found = _search_point(opened, variables)
        return found if isinstance(found, Mapping) else None
    equalities = [e for e, s in conditions if s == {0}]
    others = [(e, s) for e, s in conditions if s != {0}]
    if len(equalities) == 1 and all(0 not in s for _, s in others) and _empty_level_set(equalities[0], others, variables):
        return False
    return _random_point(conditions, variables, linear)


def _empty_level_set(f: sympy.Expr, others: list[tuple[sympy.Expr, frozenset[int]]], variables: list[sympy.Symbol]) -> bool:
    """True when ``f == 0`` provably has no point in the open set the ``others`` define.

    If ``f`` takes only one sign there, a zero in the open set would be a local extremum: a point where ``f``
    and its gradient vanish. When those points are finitely many, checking each decides.
    """
    above = _search_point([*others, (f, frozenset({1}))], variables)
    below = _search_point([*others, (f, frozenset({-1}))], variables)
    if above is False and below is False:
        return True  # a nonzero polynomial cannot vanish on a whole non-empty open set; so the set is empty
    if above is not False and below is not False:
        return False
    try:
        critical = sympy.solve([f, *(sympy.diff(f, v) for v in variables)], variables, dict=True)
    except (NotImplementedError, ValueError):  # pragma: no cover - sympy cannot solve the system
        return False
    if any(len(point) < len(variables) or any(value.free_symbols for value in point.values()) for point in critical):
        return False  # infinitely many critical points: undecided
    return not any(
        all(_sign_of_number(e.subs(point)) in s for e, s in others) for point in critical if all(v.is_real for v in point.values())
    )


#: Limits of the open cylindrical decomposition (beyond them a cell is searched at random instead).
CAD_MAX_POLYNOMIALS = 40
CAD_MAX_DEGREE = 24
CAD_MAX_SAMPLES = 4000


def _open_samples(polys: list[sympy.Expr], variables: list[sympy.Symbol], budget: list[int]) -> list[dict[sympy.Symbol, Any]] | None:
    """Rational points, at least one in every open cell where no polynomial of ``polys`` vanishes; ``None`` over budget.

    The projection onto the first variables keeps leading coefficients, discriminants and pairwise
    resultants in the last variable: over an open cell of the projection the real roots of the
    polynomials in the last variable do not change in number or order (Strzebonski 2000, "Solving systems
    of strict polynomial inequalities"), so rationals between consecutive roots over one sample point of
    each projected cell reach every open cell.
    """
    y = variables[-1]
    polys = [sympy.Poly(p, *variables) for p in polys]
    polys = [p for p in polys if not p.is_ground]
    if len(variables) == 1:
        base: list[dict[sympy.Symbol, Any]] = [{}]
    else:
        projection: set[sympy.Expr] = set()
        in_y = [p for p in polys if p.degree(y) >= 1]
        for p in polys:
            if p.degree(y) == 0:
                projection.add(p.as_expr())
        for p in in_y:
            q = sympy.Poly(p.as_expr(), y)
            projection.add(sympy.expand(q.LC()))
            if q.degree() >= 2:
                projection.add(sympy.expand(sympy.discriminant(q.as_expr(), y)))
        for p, q in itertools.combinations(in_y, 2):
            projection.add(sympy.expand(sympy.resultant(p.as_expr(), q.as_expr(), y)))
        factors: set[sympy.Expr] = set()
        for expr in projection:
            if expr.free_symbols:
                for factor, _ in sympy.factor_list(expr, *variables[:-1])[1]:
                    if factor.free_symbols:
                        factors.add(factor)
        if len(factors) > CAD_MAX_POLYNOMIALS or any(sympy.Poly(f, *variables[:-1]).total_degree() > CAD_MAX_DEGREE for f in factors):
            return None
        lower = _open_samples(sorted(factors, key=sympy.default_sort_key), variables[:-1], budget)
        if lower is None:
            return None
        base = lower
    points = []
    for point in base:
        values = [sympy.Poly(p.as_expr().subs(point), y, domain="QQ") for p in polys if p.degree(y) >= 1]
        values = [v for v in values if not v.is_ground]
        isolated = _isolate(functools.reduce(lambda f, g: f * g, values).sqf_part()) if values else []
        for value in _open_points(isolated):
            points.append({**point, y: sympy.Rational(value.numerator, value.denominator)})
        budget[0] += len(isolated) + 1
        if budget[0] > CAD_MAX_SAMPLES:
            return None
    return points


def _random_point(
    conditions: list[tuple[sympy.Expr, frozenset[int]]], variables: list[sympy.Symbol], linear: list[tuple[sympy.Expr, frozenset[int]]]
) -> Mapping[sympy.Symbol, Any] | None:
    """Search at random (each equality solved for a variable of degree 1 in it); ``None`` when nothing is found."""
    dependent: list[tuple[sympy.Symbol, sympy.Expr]] = []
    for expr, signs in conditions:
        if signs != {0}:
            continue
        # earlier equalities solved by quotients: the equation's numerator is the polynomial to solve
        expr = sympy.expand(sympy.numer(sympy.together(expr.subs(dict(dependent)))))
        choices = [v for v in variables if v not in dict(dependent) and sympy.Poly(expr, v).degree() == 1]
        if not choices:
            return None
        v = choices[0]
        dependent.append((v, solve_linear(expr, v)))
    free = [v for v in variables if v not in dict(dependent)]
    resolved: dict[sympy.Symbol, sympy.Expr] = {}
    for v, expr in reversed(dependent):
        resolved[v] = sympy.cancel(expr.subs(resolved))
    computed = [(v, sympy.lambdify(free, e, "math")) for v, e in resolved.items()]
    strict = [(sympy.lambdify(variables, e, "math"), s) for e, s in conditions if 0 not in s]
    rng = random.Random(0)
    start = _linear_point(linear, variables) if linear else {}
    centre = [float(start.get(v, 0)) if isinstance(start, Mapping) else 0.0 for v in free]
    for scale in (1.0, 0.1, 10.0, 0.01, 100.0):
        for _ in range(60):
            sample = [c + rng.uniform(-scale, scale) for c in centre]
            try:
                point = dict(zip(free, sample, strict=True))
                point.update((v, f(*sample)) for v, f in computed)
                if not all(_float_sign(f(*(point[v] for v in variables))) in s for f, s in strict):
                    continue
            except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                continue
            exact = _simple_rationals(conditions, free, sample, resolved)
            if exact is not None:
                return exact
    return None


def _float_sign(value: float) -> int:
    return 1 if value > 0 else (-1 if value < 0 else 0)


def _simple_rationals(
    conditions: list[tuple[sympy.Expr, frozenset[int]]],
    free: list[sympy.Symbol],
    values: list[float],
    dependent: Mapping[sympy.Symbol, sympy.Expr] | None = None,
) -> dict[sympy.Symbol, Any] | None:
    """The point with the smallest denominators near ``values`` (dependent variables computed) that satisfies the conditions."""
    for denominator in (1, 2, 4, 10, 100, 10**4, 10**8):
        exact = {v: sympy.Rational(Fraction(x).limit_denominator(denominator)) for v, x in zip(free, values, strict=True)}
        try:
            for v, expr in (dependent or {}).items():
                exact[v] = expr.subs(exact)
        except ZeroDivisionError:  # pragma: no cover - sympy returns zoo rather than raising
            continue
        if any(not x.is_finite for x in exact.values()):
            continue
        if all(_sign_of_number(e.subs(exact)) in s for e, s in conditions):
            return exact
    return None


# -- running a solver in every cell ---------------------------------------------------------------------
class _EmptyCell(Exception):
    """Raised inside a run whose cell turned out to be empty; the run is dropped."""


class Context:
    """What a parametric solver sees during one run: the signs of expressions, which may split the cell."""

    def __init__(self, domain: Domain, script: Sequence[int]):
        self.domain = domain
        self._script = script
        self._trace: list[int] = []
        self._signs: Signs = ()
        self._known: dict[Atom, int] = {}

    def _branch(self, n: int) -> int:
        position = len(self._trace)
        self._trace.append(n)
        return self._script[position] if position < len(self._script) else 0

    def atom_sign(self, atom: Atom) -> int:
        known = self._known.get(atom)
        if known is not None:
            return known
        options = self.domain.options(self._signs, atom)
        if not options:
            # possible only in a cell kept as "not proved empty": this atom's three signs prove it empty
            if isinstance(self.domain.witness(self._signs), Mapping):
                raise SolverError(
                    f"{self.domain.where}: internal error: the cell {self._signs} with the point "
                    f"{self.domain.witness(self._signs)} has no sign for {atom}; base {self.domain.base}"
                )
            raise _EmptyCell
        if len(options) == 1:
            sign = options[0]
        else:
            sign = options[self._branch(len(options))]
            self._signs = _add(self._signs, atom, sign)
        self._known[atom] = sign
        return sign

    def sign(self, expr: Any) -> int:
        """The sign (-1, 0 or +1) of ``expr`` in this run's cell, splitting the cell where it is not decided."""
        constant, atoms = self.domain.factors(expr)
        sign = constant
        for atom, power in atoms:
            if sign == 0:
                break
            s = self.atom_sign(atom)
            if s == 0 and power < 0:
                raise SolverError(f"{self.domain.where}: internal error: {expr} is undefined where {atom} = 0")
            sign *= s ** abs(power)
        return sign

    @property
    def cell(self) -> Cell:
        return Cell(self._signs)


def explore(solver: Callable[[Context], Any], domain: Domain, *, max_leaves: int = MAX_LEAVES) -> list[Leaf]:
    """Run ``solver`` in every cell it distinguishes (and for every choice it enumerates); one leaf per run."""
    leaves: list[Leaf] = []
    script: list[int] = []
    while True:
        context = Context(domain, script)
        try:
            output = solver(context)
        except _EmptyCell:
            pass
        else:
            witness = domain.witness(context._signs)
            leaves.append(Leaf(context.cell, witness if isinstance(witness, Mapping) else None, output))
        trace = context._trace
        taken = list(script) + [0] * (len(trace) - len(script))
        position = len(trace) - 1
        while position >= 0 and taken[position] + 1 >= trace[position]:
            position -= 1
        if position < 0:
            return leaves
        if len(leaves) >= max_leaves:
            raise SolverError(
                f"{domain.where}: more than {max_leaves} cases of the parameters; fix some parameters or add assumptions (assume=...)"
            )
        script = [*taken[:position], taken[position] + 1]
