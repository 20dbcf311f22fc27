"""Thresholds and comparative statics of a parametric result.

A *threshold* is where a regime boundary crosses: the boundary polynomial of a
regime condition solved for one parameter ("the challenger attacks iff
p < 1/(1 + c)": the threshold of ``c*p + p - 1`` in ``p``). *Comparative
statics* differentiate an equilibrium quantity with respect to a parameter
within each regime and decide the sign of the derivative with the same exact
case splitting as the solver, so each sign comes with the conditions under
which it holds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sympy

from ..errors import InvalidGameError
from ..results import SolveResult
from .cells import Context, Domain, explore, relation
from .regimes import _drop_implied, _merge_pieces, _Piece, _sorted, pieces

__all__ = ["Static", "boundaries", "comparative_statics", "threshold"]


def boundaries(result: SolveResult) -> tuple[sympy.Expr, ...]:
    """The polynomials whose signs separate the regimes of ``result`` (each compared with 0 in some condition).

    Examples
    --------
    >>> import sympy
    >>> from gametheory import NormalFormGame, solve
    >>> c = sympy.Symbol("c", positive=True)
    >>> boundaries(solve(NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])))
    (c - 1,)
    """
    found: dict[sympy.Expr, None] = {}
    for regime in result.regimes:
        for rel in _relations(regime.conditions):
            found.setdefault(sympy.factor(rel.lhs - rel.rhs), None)
    return tuple(found)


def _relations(condition: Any) -> Iterable[sympy.Basic]:
    if isinstance(condition, sympy.And | sympy.Or):
        for arg in condition.args:
            yield from _relations(arg)
    elif isinstance(condition, sympy.core.relational.Relational):
        yield condition


def threshold(boundary: Any, parameter: sympy.Symbol) -> tuple[sympy.Expr, ...]:
    """The values of ``parameter`` at which ``boundary`` (an expression, or a relation such as ``c*p + p > 1``) is zero.

    Examples
    --------
    >>> import sympy
    >>> c, p = sympy.symbols("c p", positive=True)
    >>> threshold(c * p + p > 1, p)
    (1/(c + 1),)
    """
    expr = sympy.sympify(boundary)
    if isinstance(expr, sympy.core.relational.Relational):
        expr = expr.lhs - expr.rhs
    if not isinstance(parameter, sympy.Symbol) or parameter not in expr.free_symbols:
        raise InvalidGameError(f"threshold(): parameter must be a symbol of the boundary {expr}; got {parameter!r}")
    return tuple(sympy.factor(s) for s in sympy.solve(expr, parameter))


@dataclass(frozen=True, slots=True)
class Static:
    """The comparative statics of a quantity in one regime.

    Attributes
    ----------
    regime
        The regime's index in ``result.regimes``.
    derivative
        The derivative of the quantity with respect to the parameter, in that regime.
    signs
        ``(conditions, sign)`` pairs: within the regime, the derivative has ``sign`` (-1, 0, +1) where ``conditions`` hold.
    """

    regime: int
    derivative: sympy.Expr
    signs: tuple[tuple[sympy.Basic, int], ...]


def _sign_of(expr: sympy.Expr, context: Context) -> int:
    return context.sign(expr)


def comparative_statics(result: SolveResult, quantity: Any, parameter: sympy.Symbol, *, select: int | None = None) -> tuple[Static, ...]:
    """How an equilibrium quantity moves with ``parameter`` in each regime: the derivative and its sign, with conditions.

    ``quantity`` and ``select`` are as in :meth:`SolveResult.as_piecewise`. Regimes where the parameter is
    fixed (a boundary ``Eq(parameter, ...)``) have no derivative with respect to it and are left out.

    Examples
    --------
    The probability of swerving in Chicken's mixed equilibrium rises with the cost of a crash:

    >>> import sympy
    >>> from gametheory import NormalFormGame, solve
    >>> c = sympy.Symbol("c", positive=True)
    >>> result = solve(NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]]))
    >>> [(s.regime, s.derivative, s.signs) for s in comparative_statics(result, lambda eq: eq.profile[0][0], c, select=2)]
    [(1, c**(-2), ((True, 1),))]
    """
    if not isinstance(parameter, sympy.Symbol) or parameter not in result.game.parameters:
        raise InvalidGameError(
            f"comparative_statics(): parameter must be one of the game's parameters {list(result.game.parameters)}; got {parameter!r}"
        )
    values = pieces(result, quantity, select, "comparative_statics()")
    assumptions = list(result.details.get("assumptions", ()))
    statics = []
    for index, (regime, value) in enumerate(zip(result.regimes, values, strict=True)):
        conditions = [rel for rel in _relations(regime.conditions) if not isinstance(rel, sympy.Ne)]
        if value is None or any(isinstance(rel, sympy.Eq) and parameter in rel.free_symbols for rel in conditions):
            continue
        derivative = sympy.factor(sympy.cancel(sympy.diff(value, parameter)))
        domain = Domain(result.game.parameters, [*assumptions, *conditions], where="comparative_statics()")
        leaves = explore(functools.partial(_sign_of, derivative), domain)
        merged = _merge_pieces(
            [_Piece({a: frozenset({s}) for a, s in leaf.cell.signs}, frozenset({leaf.output}), leaf.witness) for leaf in leaves]
        )
        signs = tuple(
            (
                sympy.And(*(relation(atom, allowed) for atom, allowed in _sorted(_drop_implied(piece.cell, domain)))),
                next(iter(piece.content)),
            )
            for piece in merged
        )
        statics.append(Static(index, derivative, signs))
    return tuple(statics)
