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

* exactly by linear programming when every atom is linear (maximizing a common
  slack, which also gives a rational point well inside the cell),
* exactly by real-root isolation when one parameter is left (after linear
  equalities with constant coefficients have been used to eliminate parameters),
* otherwise by searching for a rational point (random and local search). A sign
  for which no point is found is *kept* (nothing provably possible is dropped)
  and the leaf is reported without a witness.
"""

from __future__ import annotations

import itertools
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

    def condition(self) -> sympy.Basic:
        """The cell as a sympy Boolean."""
        return sympy.And(*(relation(atom, {sign}) for atom, sign in self.signs))


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
            cached = tuple(s for s in (-1, 0, 1) if self.witness(_add(signs, atom, s)) is not False)
            self._options[key] = cached
        return cached

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
    variables = sorted(set().union(*(e.free_symbols for e, _ in remaining)) if remaining else set(), key=lambda s: s.name)
    if not variables:
        found: Mapping[sympy.Symbol, Any] | bool | None = {}
    elif all(sympy.Poly(e, *variables).total_degree() <= 1 for e, _ in remaining):
        found = _linear_point(remaining, variables)
    elif len(variables) == 1:
        found = _univariate_point(remaining, variables[0])
    else:
        found = _search_point(remaining, variables)
    if not isinstance(found, Mapping):
        return found
    point.update(found)
    # parameters no condition mentions are free in the cell: give them 1, then resolve the eliminations (last first)
    for p in parameters:
        point.setdefault(p, sympy.Integer(1))
    for p in reversed(list(point)):
        point[p] = sympy.sympify(point[p]).subs(point)
    return {p: point[p] for p in parameters}


def _linear_point(conditions: list[tuple[sympy.Expr, frozenset[int]]], variables: list[sympy.Symbol]) -> Mapping[sympy.Symbol, Any] | bool:
    """Exact LP: maximize a common slack t <= 1 of the strict conditions; feasible iff t > 0 (or nothing is strict)."""
    n = len(variables)
    rows_ub: list[list[Fraction]] = []
    rhs_ub: list[Fraction] = []
    rows_eq: list[list[Fraction]] = []
    rhs_eq: list[Fraction] = []
    strict = False
    for expr, signs in conditions:
        poly = sympy.Poly(expr, *variables)
        a = [Fraction(str(poly.coeff_monomial(v))) for v in variables]
        k = Fraction(str(poly.coeff_monomial(1)))
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
    rows_ub.append([Fraction(0)] * (2 * n) + [Fraction(1)])
    rhs_ub.append(Fraction(1))
    solution = solve_lp([Fraction(0)] * (2 * n) + [Fraction(1)], rows_ub, rhs_ub, rows_eq or None, rhs_eq or None)
    if solution.status != "optimal" or (strict and solution.objective <= 0):
        return False
    x = solution.x
    return {v: sympy.Rational(x[i] - x[n + i]) for i, v in enumerate(variables)}


def _univariate_point(conditions: list[tuple[sympy.Expr, frozenset[int]]], p: sympy.Symbol) -> Mapping[sympy.Symbol, Any] | bool:
    """Exact: test every real root of every polynomial and a rational point between consecutive roots."""
    polys = [sympy.Poly(e, p) for e, _ in conditions]
    roots = sorted({r for poly in polys for r in poly.real_roots(radicals=False)}, key=lambda r: float(r.evalf(30)))
    candidates: list[Any] = []
    if not roots:
        candidates.append(sympy.Integer(0))
    else:
        low = sympy.floor(roots[0].evalf(30)) - 1
        candidates.append(sympy.Integer(low))
        for left, right in itertools.pairwise(roots):
            candidates.append(_rational_between(left, right))
        candidates.append(sympy.Integer(sympy.ceiling(roots[-1].evalf(30)) + 1))
        candidates.extend(roots)
    for value in candidates:
        if all(_sign_at(poly, value) in signs for poly, (_, signs) in zip(polys, conditions, strict=True)):
            return {p: value}
    return False


def _rational_between(left: Any, right: Any) -> sympy.Rational:
    """A simple rational strictly between two distinct real algebraic numbers."""
    lo, hi = left.evalf(60), right.evalf(60)
    for denominator in itertools.count(1):
        candidate = sympy.Rational(sympy.floor(lo * denominator) + 1, denominator)
        if candidate < hi:
            return candidate
    raise AssertionError  # pragma: no cover


def _sign_at(poly: sympy.Poly, value: Any) -> int:
    """The exact sign of ``poly`` at a rational or real algebraic number."""
    if isinstance(value, sympy.Rational):
        return _sign_of_number(poly.eval(value))
    # value is a root of an irreducible polynomial: poly vanishes there iff that polynomial divides it
    minimal = sympy.Poly(value.poly.as_expr().subs(value.poly.gen, poly.gen), poly.gen)
    if poly.rem(minimal).is_zero:
        return 0
    return _sign_of_number(poly.as_expr().subs(poly.gen, value).evalf(60))


def _search_point(
    conditions: list[tuple[sympy.Expr, frozenset[int]]], variables: list[sympy.Symbol]
) -> Mapping[sympy.Symbol, Any] | bool | None:
    """A rational point by search (nonlinear conditions in several parameters); ``None`` when none is found.

    Equalities are dealt with by solving for a variable that appears linearly;
    the linear conditions alone being infeasible proves the cell empty.
    """
    linear = [(e, s) for e, s in conditions if sympy.Poly(e, *variables).total_degree() <= 1]
    if linear and _linear_point(linear, variables) is False:
        return False
    # each equality solved for a variable of degree 1 in it; the others are sampled
    dependent: list[tuple[sympy.Symbol, sympy.Expr]] = []
    for expr, signs in conditions:
        if signs != {0}:
            continue
        expr = sympy.expand(expr.subs(dict(dependent)))
        choices = [v for v in variables if v not in dict(dependent) and sympy.Poly(expr, v).degree() == 1]
        if not choices:
            return None
        v = choices[0]
        dependent.append((v, solve_linear(expr, v)))
    free = [v for v in variables if v not in dict(dependent)]
    strict = [(sympy.lambdify(variables, e, "math"), variables, s) for e, s in conditions if 0 not in s]
    rng = random.Random(0)
    start = _linear_point(linear, variables) if linear else {}
    centre = [float(start.get(v, 0)) if isinstance(start, Mapping) else 0.0 for v in free]
    for scale in (1.0, 0.1, 10.0, 0.01, 100.0):
        for _ in range(200):
            sample = [c + rng.uniform(-scale, scale) for c in centre]
            if not _roughly(strict, free, sample, dependent):
                continue
            exact = _simple_rationals(conditions, free, sample, dependent)
            if exact is not None:
                return exact
    return None


def _roughly(
    strict: list[Any], free: list[sympy.Symbol], sample: list[float], dependent: Sequence[tuple[sympy.Symbol, sympy.Expr]]
) -> bool:
    """A float pre-check of the strict conditions at a sample (exact checking is costly)."""
    point = dict(zip(free, sample, strict=True))
    try:
        for v, expr in reversed(dependent):
            point[v] = float(sympy.sympify(expr).subs(point))
        return all((1 if (x := f(*(point[v] for v in variables))) > 0 else -1 if x < 0 else 0) in signs for f, variables, signs in strict)
    except (ZeroDivisionError, TypeError, ValueError, OverflowError):
        return False


def _simple_rationals(
    conditions: list[tuple[sympy.Expr, frozenset[int]]],
    free: list[sympy.Symbol],
    values: list[float],
    dependent: Sequence[tuple[sympy.Symbol, sympy.Expr]] = (),
) -> dict[sympy.Symbol, Any] | None:
    """The point with the smallest denominators near ``values`` (dependent variables computed) that satisfies the conditions."""
    for denominator in (1, 2, 4, 10, 100, 10**4, 10**8):
        exact = {v: sympy.Rational(Fraction(x).limit_denominator(denominator)) for v, x in zip(free, values, strict=True)}
        try:
            for v, expr in reversed(dependent):
                exact[v] = sympy.sympify(expr).subs(exact)
        except ZeroDivisionError:  # pragma: no cover - sympy returns zoo rather than raising
            continue
        if any(not x.is_finite for x in exact.values()):
            continue
        if all(_sign_of_number(e.subs(exact)) in s for e, s in conditions):
            return exact
    return None


# -- running a solver in every cell ---------------------------------------------------------------------
class Context:
    """What a parametric solver sees during one run: signs (which may branch) and choices (which enumerate)."""

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

    def choose(self, n: int) -> int:
        """Enumerate: the runs take every ``k < n`` in turn (for ties between equally good choices)."""
        if n < 1:
            raise SolverError(f"{self.domain.where}: internal error: a choice among {n} options")
        return self._branch(n) if n > 1 else 0

    def atom_sign(self, atom: Atom) -> int:
        known = self._known.get(atom)
        if known is not None:
            return known
        options = self.domain.options(self._signs, atom)
        if not options:
            raise SolverError(f"{self.domain.where}: internal error: an empty cell")
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

    def nonzero(self, expr: Any) -> bool:
        return self.sign(expr) != 0

    @property
    def cell(self) -> Cell:
        return Cell(self._signs)


def explore(solver: Callable[[Context], Any], domain: Domain, *, max_leaves: int = MAX_LEAVES) -> list[Leaf]:
    """Run ``solver`` in every cell it distinguishes (and for every choice it enumerates); one leaf per run."""
    leaves: list[Leaf] = []
    script: list[int] = []
    while True:
        context = Context(domain, script)
        output = solver(context)
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
