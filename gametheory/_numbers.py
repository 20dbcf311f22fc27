"""Exact, float and symbolic scalars: validation, conversion and formatting."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import sympy

from .errors import InvalidGameError

Kind = Literal["exact", "float", "symbolic"]
KINDS: tuple[str, ...] = ("exact", "float", "symbolic")


def describe(value: Any) -> str:
    """A short description of ``value`` for error messages."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def is_symbolic(value: Any) -> bool:
    """True for sympy expressions with free symbols."""
    return isinstance(value, sympy.Basic) and bool(getattr(value, "free_symbols", ()))


def to_exact(value: Any, where: str) -> int | Fraction:
    """Convert ``value`` to an int or Fraction without loss, or raise.

    Integral values become Python ints (cheaper than Fractions in every
    later operation), others Fractions.

    Integers, Fractions, numpy integers, sympy rationals and integral floats
    are accepted; a non-integral float is refused because its binary value is
    rarely what the user meant (``0.1`` is not ``1/10``).
    """
    if isinstance(value, bool | np.bool_):
        raise InvalidGameError(f"{where}: expected a number; got the boolean {value!r}")
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, sympy.Basic):
        if value.is_Rational:
            return _exact(Fraction(int(value.p), int(value.q)))  # type: ignore[attr-defined]
        if is_symbolic(value):
            raise InvalidGameError(f"{where}: expected an exact number; got the symbolic {describe(value)}; pass kind='symbolic'")
        raise InvalidGameError(f"{where}: expected an exact rational number; got {describe(value)}")
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            raise InvalidGameError(f"{where}: expected a finite number; got {describe(value)}")
        if number.is_integer():
            return int(number)
        raise InvalidGameError(
            f"{where}: expected an exact number (int or Fraction); got the float {describe(value)}; "
            "write it as a Fraction (e.g. Fraction(1, 10)), or make the game a float game (kind='float')"
        )
    raise InvalidGameError(f"{where}: expected a number; got {describe(value)}")


def _exact(value: Fraction) -> int | Fraction:
    return value.numerator if value.denominator == 1 else value


def to_float(value: Any, where: str) -> float:
    """Convert a real number to float, refusing NaN, infinities and non-numbers."""
    if isinstance(value, bool | np.bool_):
        raise InvalidGameError(f"{where}: expected a number; got the boolean {value!r}")
    if isinstance(value, sympy.Basic):
        if is_symbolic(value) or not value.is_real:
            raise InvalidGameError(f"{where}: expected a real number; got {describe(value)}")
        value = float(value)  # type: ignore[arg-type]
    if not isinstance(value, numbers.Real):
        raise InvalidGameError(f"{where}: expected a real number; got {describe(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise InvalidGameError(f"{where}: expected a finite number; got {describe(value)}")
    return number


def to_symbolic(value: Any, where: str) -> sympy.Expr:
    """Convert to a sympy expression; raise only when it is provably not a finite real."""
    if isinstance(value, bool | np.bool_):
        raise InvalidGameError(f"{where}: expected a number or expression; got the boolean {value!r}")
    if isinstance(value, sympy.Basic):
        expr = value
    elif isinstance(value, Fraction | numbers.Integral):
        expr = sympy.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else sympy.Integer(int(value))
    elif isinstance(value, numbers.Real):
        to_float(value, where)
        expr = sympy.Float(float(value))
    else:
        raise InvalidGameError(f"{where}: expected a number or sympy expression; got {describe(value)}")
    if not isinstance(expr, sympy.Expr):
        raise InvalidGameError(f"{where}: expected a sympy expression; got {describe(value)}")
    if expr.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        raise InvalidGameError(f"{where}: expected a finite value; got {describe(value)}")
    if expr.is_real is False:
        raise InvalidGameError(f"{where}: expected a real value; got the non-real {describe(value)}")
    return expr


def convert(value: Any, kind: str, where: str) -> Any:
    """Convert one scalar to the representation of ``kind``."""
    if kind == "exact":
        return to_exact(value, where)
    if kind == "float":
        return to_float(value, where)
    return to_symbolic(value, where)


def format_number(value: Any) -> str:
    """Exact values as ``"3/5"``; floats with repr; sympy with str."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def json_number(value: Any) -> Any:
    """JSON form: exact numbers and expressions as strings, floats as numbers."""
    if isinstance(value, float):
        return value
    return format_number(value)


def probabilities(given: Any, kind: str, label: str, where: str) -> tuple[Any, ...]:
    """A probability vector in the representation of ``kind`` (Fractions when exact), checked.

    Numeric vectors must be non-negative and sum to 1 (within 1e-9 for
    floats); symbolic ones are refused only when sympy proves an entry
    negative or the sum different from 1.
    """
    probs = tuple(convert(v, kind, f"{where}: probability {i} of {label}") for i, v in enumerate(given))
    if kind == "exact":
        return _checked_sum(tuple(Fraction(v) for v in probs), kind, label, where)
    if kind == "float":
        return _checked_sum(probs, kind, label, where)
    for p in probs:
        if (p < 0) is sympy.true:
            raise InvalidGameError(f"{where}: probabilities of {label} must be non-negative; got {p}")
    if sympy.simplify(sum(probs) - 1).is_zero is False:
        raise InvalidGameError(f"{where}: probabilities of {label} must sum to 1; they sum to {sympy.simplify(sum(probs))}")
    return probs


def _checked_sum(probs: tuple[Any, ...], kind: str, label: str, where: str) -> tuple[Any, ...]:
    if any(v < 0 for v in probs):
        raise InvalidGameError(f"{where}: probabilities of {label} must be non-negative; got {list(map(str, probs))}")
    total = sum(probs)
    if (kind == "exact" and total != 1) or (kind == "float" and abs(total - 1) > 1e-9):
        raise InvalidGameError(f"{where}: probabilities of {label} must sum to 1; they sum to {total}")
    return probs


def substitution(values: Any, symbols: set[sympy.Symbol], where: str) -> dict[sympy.Symbol, sympy.Expr]:
    """``values`` (a mapping from symbols or their names to numbers) keyed by the game's own symbols.

    A name or symbol the game does not have is an error, not silently ignored.
    """
    if not isinstance(values, dict | Mapping):
        raise InvalidGameError(f"{where}: values must be a mapping from parameters to numbers; got {describe(values)}")
    by_name = {s.name: s for s in symbols}
    result: dict[sympy.Symbol, sympy.Expr] = {}
    for key, value in values.items():
        symbol = by_name.get(key) if isinstance(key, str) else (key if key in symbols else None)
        if symbol is None:
            raise InvalidGameError(f"{where}: the game has no parameter {key!r}; its parameters are {sorted(by_name)}")
        result[symbol] = to_symbolic(value, f"{where}: value of {symbol.name}")
    return result


def substituted_kind(values: Any, kind: str | None, where: str) -> str:
    """The kind of a game after substitution: symbolic while parameters remain, exact when every value is rational."""
    if kind is not None:
        if kind not in KINDS:
            raise InvalidGameError(f"{where}: kind must be one of {list(KINDS)}; got {kind!r}")
        return kind
    exprs = [sympy.sympify(v) for v in values]
    infinite = [e for e in exprs if e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)]
    if infinite:
        raise InvalidGameError(f"{where}: with these values some payoffs or probabilities are not finite (e.g. {infinite[0]})")
    if any(e.free_symbols for e in exprs):
        return "symbolic"
    irrational = [e for e in exprs if not e.is_Rational]
    if irrational:
        raise InvalidGameError(
            f"{where}: after substitution some payoffs or probabilities are not rational (e.g. {irrational[0]}); "
            "pass kind='float' for a float game or kind='symbolic' to keep them exact"
        )
    return "exact"
