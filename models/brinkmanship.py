r"""Brinkmanship from minimal to maximal against an adversary whose intentions are unknown (our synthesis).

Bowen (2022) treats brinkmanship as a scale. *Minimal* brinkmanship keeps the
risk of nuclear war low but, without conventional denial, may leave an
adversary an incentive to attack; *maximal* brinkmanship restrains an
aggressive adversary but can make one that was not planning to attack anxious
enough to strike first; where a state belongs on the scale depends on the
adversary's intentions and capabilities, and he recommends *moderate*
brinkmanship. This module states that argument as a game, solves it with the
library and checks its closed forms against the solver.

**This is our own synthesis, not a published model.** It combines two
published ideas: Powell's *critical risk*, the largest risk of disaster a
state will run rather than back down (Powell 1987, 1988, 1990; Ellsberg's
1959 measure of resolve), with conflict as a lottery between a conventional
outcome and disaster (Powell 2015); and the distinction between *greedy*
adversaries and *security seekers* whose fear can be raised by the other
side's threats (Glaser 2010; Kydd 1997, 2005; the spiral model of Jervis
1976). No cited author solves this game; the payoffs below are our modelling
choices.

The game
--------
1. The Defender (NATO) chooses a posture ``k`` in {Minimal, Moderate,
   Maximal}. Posture ``k`` carries the risk ``r_k`` (``r_minimal < r_moderate
   < r_maximal``): the probability that a war, once started, escalates to
   nuclear disaster. This is Schelling's threat that leaves something to
   chance: forward tactical nuclear weapons, alerts and exercises make a war
   harder to keep conventional.
2. Chance makes the Adversary *greedy* with probability ``g`` (it wants the
   territory) or a *security seeker* with probability ``1 - g`` (it wants
   safety); the Defender does not observe which.
3. The Adversary sees the posture and its own type, and attacks or refrains.

A war is a lottery (Powell 2015): with probability ``r`` it ends in disaster,
costing each side ``D``; otherwise it stays conventional, costs each side
``c``, and the attack fails with probability ``d`` (conventional *denial*) and
succeeds otherwise. Payoffs (Defender, Adversary) at risk ``r``::

    greedy attacks                  (-e r - L(r),  (1 - r)((1 - d) v - c) - r D)
    greedy refrains                 (-e r,          0)
    security seeker attacks         (-e r - L(r),  (1 - r)((1 - d) b - c) - r D)
    security seeker refrains        (-e r,         -s r)

    L(r) = (1 - r)((1 - d) v + c) + r D      the Defender's expected loss from a war

* ``v``: the territory's value (to the greedy Adversary, and to the Defender);
* ``b``: what a successful pre-emptive strike gains the security seeker
  (``b <= c``: it does not want war for its own sake);
* ``s``: the security seeker's *insecurity*: sitting still under the
  Defender's posture costs it ``s r`` (it reads nuclear signalling as
  preparation for attack; the fear grows with the risk: Kydd's spiral);
* ``e``: the Defender's peacetime cost per unit of risk (alerts, exercises,
  accidents: the risk is shared).

Critical risks
--------------
Powell's critical risk of a state that can prevail (value ``P``), back down
(``B``) or run a risk ``r`` of disaster (``X``) is the largest ``r`` at which
``(1 - r) P + r X >= B``:

.. math:: \rho = \frac{P - B}{P - X}.

*Greedy type*: ``P = W_G = (1 - d) v - c`` (the war if it stays
conventional), ``B = 0``, ``X = -D``, so it attacks iff ``r < r_G`` with

.. math:: r_G = \frac{W_G}{W_G + D} = \frac{(1 - d) v - c}{(1 - d) v - c + D}

(``r_G <= 0``: denial alone deters it). *Security seeker*: its status quo
worsens with the risk, ``B(r) = -s r``; it is indifferent where ``r`` equals its
critical risk at that status quo, ``r = (W_S - B(r))/(W_S + D)`` with
``W_S = (1 - d) b - c <= 0``, i.e. at

.. math:: r_S = \frac{c - (1 - d) b}{s - D + c - (1 - d) b},

and attacks iff ``r > r_S`` (never, when ``s <= D - c + (1 - d) b``).

The claims, as regimes
----------------------
(i) Minimal brinkmanship invites the greedy attack when denial is weak: the
    greedy type attacks at ``r_minimal`` iff ``d < d_minimal``, where posture
    ``k`` deters it from denial ``d_k = 1 - (c (1 - r_k) + r_k D)/((1 - r_k) v)``
    on (:func:`denial_threshold`); above ``d_minimal`` denial alone suffices.
(ii) Maximal brinkmanship provokes the security seeker iff
     ``r_maximal > r_S``: only an adversary insecure enough
     (``s > D + (c - (1 - d) b)(1 - r_maximal)/r_maximal``) is provoked; the
     claim fails for a calmer one.
(iii) The Defender's value of posture ``k`` is
      ``U_k = -e r_k - [g A_G(r_k) + (1 - g) A_S(r_k)] L(r_k)`` (``A`` = 1 if
      that type attacks); moderate brinkmanship is optimal where it deters
      the greedy type without provoking the security seeker and ``g`` is not
      so small that accepting the greedy attack is cheaper
      (:func:`indifference_prior`); the solver finds these regions.
(iv) Denial lowers ``r_G`` (so lower postures suffice) and, where the maximal
     posture deters the greedy type and ``b = 0``, more denial never moves
     the Defender from minimal or moderate to maximal brinkmanship. With
     ``b > 0`` denial also calms the security seeker, which can make
     maximal brinkmanship safe; where no posture deters the greedy type,
     denial can make the maximal one worth adopting.

With the risk chosen from the whole interval ``[0, 1]`` (:func:`risk_game`),
the Defender's best risk is ``r_G``, just enough to deter the greedy type,
when that is worth its cost, and ``0`` otherwise: never more than ``r_G``. In
this model a maximal posture is chosen only because the menu is coarse: when
the moderate posture falls short of ``r_G``.

How the library derives it
--------------------------
:func:`game` builds the tree; :func:`solve` solves it with
:func:`gametheory.solve` (the ``parametric`` method when fields are sympy
symbols: regimes over them); :func:`regions` and :func:`levels` group the
regimes by the Defender's posture and who attacks. :func:`crisis_game` is the
subgame after a posture of any risk (for the attack curves);
:func:`risk_game`, :func:`solve_risk` and :func:`optimal_risk` let the
Defender choose the risk continuously
(:func:`gametheory.symbolic.continuous.spe_continuous`). The closed forms
(:func:`powell_critical_risk`, :func:`greedy_critical_risk`,
:func:`security_critical_risk`, :func:`attacks`, :func:`defender_value`,
:func:`optimal_levels`, :func:`denial_threshold`,
:func:`indifference_prior`) are checked against both solvers in the tests.

Defaults
--------
Illustrative, not calibrated: a conventional war costs 1, the territory is
worth 3, disaster 10; the security seeker's insecurity is ``s = 13`` (so
``r_S = 1/4``: the maximal posture provokes it, the moderate one does not),
``b = 0``, ``e = 1``; the postures carry risks 1/50, 1/8 and 1/2; denial is
weak (``d = 1/4``: Bowen's "window of vulnerability") and the two types
equally likely. Then ``r_G = 1/9``: the moderate posture (1/8) just deters
the greedy type without provoking the security seeker, and the Defender
chooses it. The minimal posture deters the greedy type only from
``d = 88/147`` (about 0.6), the moderate one from ``d = 4/21`` (about 0.19).

Limits
------
One round: no escalation ladder, no bargaining, no learning about the type
from the posture (the Defender does not signal; the security seeker's fear is
a reduced form, ``s r``, of Kydd's updating about the Defender's type).
Denial ``d`` and risk ``r`` are separate levers; in Powell (2015) bringing
more conventional power to bear *raises* the risk. The Defender's posture is
common knowledge and commits it (no question of whether it would carry out
the threat: the risk is the posture's, not a decision taken later).

Sources
-------
Bowen, T. (2022). Russia's invasion of Ukraine and NATO's crisis of nuclear credibility. *War on the Rocks*, 20 April 2022.
Ellsberg, D. (1959). The theory and practice of blackmail. Lecture, Lowell Institute, Boston; in O. R. Young (ed.),
*Bargaining: Formal Theories of Negotiation*, University of Illinois Press, 1975.
Glaser, C. L. (2010). *Rational Theory of International Politics: The Logic of Competition and Cooperation*. Princeton University Press.
Jervis, R. (1976). *Perception and Misperception in International Politics*. Princeton University Press, ch. 3.
Kydd, A. (1997). Game theory and the spiral model. *World Politics* 49(3), 371-400.
Kydd, A. H. (2005). *Trust and Mistrust in International Relations*. Princeton University Press.
Powell, R. (1987). Crisis bargaining, escalation, and MAD. *American Political Science Review* 81(3), 717-735.
Powell, R. (1988). Nuclear brinkmanship with two-sided incomplete information. *American Political Science Review* 82(1), 155-178.
Powell, R. (1990). *Nuclear Deterrence Theory: The Search for Credibility*. Cambridge University Press.
Powell, R. (2015). Nuclear brinkmanship, limited war, and military power. *International Organization* 69(3), 589-626.
Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University Press, ch. 8.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sympy

import gametheory
from gametheory import Equilibrium, ExtensiveFormGame, InvalidGameError, SolveResult, chance, decision, outcome
from gametheory.symbolic.continuous import ContinuousGame, choose, continuous_game

from ._common import (
    Value,
    cached,
    check_numbers,
    check_params,
    document,
    exact,
    field_list,
    group_conditions,
    markdown_table,
    piecewise,
    pure_actions,
    require_nonnegative,
    require_order,
    require_positive,
    require_probability,
    require_regimes,
    spe,
    symbol_argument,
    values,
    write_outputs,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "LEVELS",
    "PLAYERS",
    "TYPES",
    "Params",
    "attacks",
    "crisis_game",
    "defender_value",
    "denial_threshold",
    "figure_attack",
    "figure_optimal_risk",
    "figure_regimes",
    "game",
    "greedy_critical_risk",
    "indifference_prior",
    "levels",
    "optimal_levels",
    "optimal_risk",
    "powell_critical_risk",
    "regime_table",
    "regions",
    "reproduce",
    "risk_game",
    "security_critical_risk",
    "solve",
    "solve_risk",
]

PLAYERS = ("Defender", "Adversary")
#: The Defender's postures, from the least to the most risky.
LEVELS = ("Minimal", "Moderate", "Maximal")
#: The Adversary's types.
TYPES = ("Greedy", "Security seeker")
_RISK_FIELD = {"Minimal": "r_minimal", "Moderate": "r_moderate", "Maximal": "r_maximal"}


# --- parameters -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Params:
    """The parameters of the brinkmanship game; any field may be a sympy symbol.

    The defaults are illustrative (module docstring, "Defaults"); the names follow the module docstring.

    Attributes
    ----------
    g
        Prior probability that the Adversary is greedy (default 1/2).
    d
        Conventional denial: the probability that an attack fails if the war stays conventional (default 1/4).
    v
        Value of the territory, to the greedy Adversary and to the Defender (default 3).
    c
        Cost of a conventional war, to each side (default 1).
    D
        Cost of nuclear disaster, to each side (default 10; must exceed ``c``).
    s
        The security seeker's insecurity: sitting still under a posture of risk ``r`` costs it ``s r`` (default 13).
    b
        What a successful pre-emptive attack gains the security seeker, at most ``c`` (default 0).
    e
        The Defender's peacetime cost per unit of risk (default 1).
    r_minimal, r_moderate, r_maximal
        The risk of disaster in a war under each posture (defaults 1/50, 1/8, 1/2), increasing.

    Raises
    ------
    InvalidGameError
        A value that is not exact, a probability outside [0, 1], or an assumption of the model
        (``v, c > 0``, ``D > c``, ``s, e >= 0``, ``0 <= b <= c``, increasing risks) that is provably false;
        symbolic values are checked only as far as sympy can decide.

    Examples
    --------
    >>> Params().d, Params(d=Fraction(1, 2)).d
    (Fraction(1, 4), Fraction(1, 2))
    >>> Params(b=2)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: Params(): the model needs b <= c (a security seeker does not want war for its own sake); got b = 2, c = 1
    """

    g: Value = Fraction(1, 2)
    d: Value = Fraction(1, 4)
    v: Value = 3
    c: Value = 1
    D: Value = 10
    s: Value = 13
    b: Value = 0
    e: Value = 1
    r_minimal: Value = Fraction(1, 50)
    r_moderate: Value = Fraction(1, 8)
    r_maximal: Value = Fraction(1, 2)

    def __post_init__(self) -> None:
        x = values(self)
        require_probability(x, "g", "d", "r_minimal", "r_moderate", "r_maximal")
        require_positive(x, "v", "c")
        require_nonnegative(x, "s", "e", "b")
        require_order(x, [("c", "D")], why=" (disaster is worse than a conventional war)")
        require_order(x, [("b", "c")], strict=False, why=" (a security seeker does not want war for its own sake)")
        require_order(x, [("r_minimal", "r_moderate"), ("r_moderate", "r_maximal")], why=" (the risks must increase)")


def _level(level: Any, where: str, argument: str = "level") -> str:
    if level not in LEVELS:
        raise InvalidGameError(f"{where}: {argument} must be one of {list(LEVELS)}; got {level!r}")
    return str(level)


def _risk(x: dict[str, sympy.Expr], level: str) -> sympy.Expr:
    return x[_RISK_FIELD[level]]


def _assumptions(params: Params) -> list[Any]:
    """The model's ranges for the symbolic fields (strict where the model allows, so the solver decides cells exactly)."""
    x = values(params)
    facts: list[Any] = []
    for name in ("g", "d"):
        facts += [sympy.Gt(x[name], 0), sympy.Lt(x[name], 1)]
    for name in ("v", "c", "s", "e"):
        facts.append(sympy.Gt(x[name], 0))
    facts += [sympy.Gt(x["D"], x["c"]), sympy.Ge(x["b"], 0), sympy.Le(x["b"], x["c"])]
    facts += [sympy.Ge(x["r_minimal"], 0), sympy.Lt(x["r_minimal"], x["r_moderate"])]
    facts += [sympy.Lt(x["r_moderate"], x["r_maximal"]), sympy.Le(x["r_maximal"], 1)]
    return [fact for fact in facts if fact.free_symbols]  # facts about numbers were checked by Params


# --- payoffs --------------------------------------------------------------------------------------
def _loss(x: dict[str, sympy.Expr], r: sympy.Expr) -> sympy.Expr:
    """``L(r)``: the Defender's expected loss from a war at risk ``r``."""
    return (1 - r) * ((1 - x["d"]) * x["v"] + x["c"]) + r * x["D"]


def _war(x: dict[str, sympy.Expr], r: sympy.Expr, kind: str) -> sympy.Expr:
    """The Adversary's expected payoff from attacking at risk ``r``."""
    gain = x["v"] if kind == "Greedy" else x["b"]
    return (1 - r) * ((1 - x["d"]) * gain - x["c"]) - r * x["D"]


def _status_quo(x: dict[str, sympy.Expr], r: sympy.Expr, kind: str) -> sympy.Expr:
    return sympy.S.Zero if kind == "Greedy" else -x["s"] * r


def _crisis(x: dict[str, sympy.Expr], r: sympy.Expr, level: str | None) -> Any:
    """Chance draws the type, which attacks or refrains, at risk ``r``."""

    def adversary(kind: str) -> Any:
        name = kind.lower()
        where = f"{level}: " if level else ""
        defender_peace = -x["e"] * r
        return decision(
            "Adversary",
            {
                "Attack": outcome(defender_peace - _loss(x, r), _war(x, r, kind), label=f"{where}{name} attacks"),
                "Refrain": outcome(defender_peace, _status_quo(x, r, kind), label=f"{where}{name} refrains"),
            },
            infoset=f"{kind} | {level}" if level else kind,
        )

    return chance({"Greedy": (x["g"], adversary("Greedy")), "Security seeker": (1 - x["g"], adversary("Security seeker"))})


# --- the games ------------------------------------------------------------------------------------
def game(params: Params = Params()) -> ExtensiveFormGame:
    """The Defender's posture, then chance draws the Adversary's type, which attacks or refrains.

    Symbolic when any field is a sympy symbol (``g`` enters as a chance probability).

    Examples
    --------
    >>> tree = game()
    >>> tree.players, tree.infoset_labels[:3]
    (('Defender', 'Adversary'), ('Defender', 'Greedy | Minimal', 'Security seeker | Minimal'))
    """
    x = values(check_params(params, Params, "game()"))
    tree = decision("Defender", {level: _crisis(x, _risk(x, level), level) for level in LEVELS}, infoset="Defender")
    return ExtensiveFormGame.from_tree(tree, players=PLAYERS, title="Brinkmanship from minimal to maximal")


def crisis_game(params: Params = Params(), risk: Any = None) -> ExtensiveFormGame:
    """The subgame after a posture of risk ``risk``: chance draws the type, which attacks or refrains.

    ``risk`` is a number in [0, 1] or a sympy symbol (default ``params.r_moderate``). Solved with the risk
    symbolic, its regimes say which type attacks at which risk (what :func:`figure_attack` draws).

    Examples
    --------
    >>> result = gametheory.solve(crisis_game(risk=Fraction(1, 20)))
    >>> result.outcomes(0)
    {'greedy attacks': Fraction(1, 2), 'security seeker refrains': Fraction(1, 2)}
    """
    where = "crisis_game()"
    x = values(check_params(params, Params, where))
    r = x["r_moderate"] if risk is None else exact(risk, "risk")
    if sympy.Ge(r, 0) is sympy.false or sympy.Le(r, 1) is sympy.false:
        raise InvalidGameError(f"{where}: risk must be in [0, 1]; got {r}")
    return ExtensiveFormGame.from_tree(_crisis(x, r, None), players=PLAYERS, title=f"The crisis at risk {r}")


def solve(params: Params = Params()) -> SolveResult:
    """The subgame-perfect equilibria of :func:`game`; with symbolic fields, regimes over them.

    Symbolic fields are assumed in the model's ranges (``0 < g, d < 1``, ``v, c, s, e > 0``, ``c < D``,
    ``0 <= b <= c``, increasing risks). Declare symbols ``positive=True``: the solver then decides every cell
    exactly.

    Examples
    --------
    At the defaults the moderate posture deters the greedy type without provoking the security seeker:

    >>> result = solve()
    >>> len(result), result.outcomes(0)
    (1, {'Moderate: greedy refrains': Fraction(1, 2), 'Moderate: security seeker refrains': Fraction(1, 2)})

    Over the prior ``g`` of a greedy adversary and denial ``d``:

    >>> g, d = sympy.symbols("g d", positive=True)
    >>> levels(solve(Params(g=g, d=d)))["Moderate"]
    (d > 4/21) & (d < 88/147) & (588*d*g + 21 < 824*g)
    """
    return cached(_solve, check_params(params, Params, "solve()"))


def _solve(params: Params) -> SolveResult:
    tree = game(params)
    if tree.kind == "symbolic":
        return gametheory.solve(tree, assume=_assumptions(params))
    return gametheory.solve(tree)


def risk_game(params: Params = Params(), *, risk: sympy.Symbol | None = None) -> ContinuousGame:
    """:func:`game` with the risk chosen from ``[0, 1]`` instead of from the three postures.

    The chosen risk is the symbol ``risk`` (default ``Symbol("r", real=True)``); the posture fields are ignored.

    Examples
    --------
    >>> risk_game().actions
    (('r',), ('Adversary@r/Greedy', 'Adversary@r/Security seeker'))
    """
    where = "risk_game()"
    x = values(check_params(params, Params, where))
    r = symbol_argument(risk, sympy.Symbol("r", real=True), x, where)
    postures = set().union(*(x[name].free_symbols for name in _RISK_FIELD.values()))  # not used here: the risk is chosen
    facts = [fact for fact in _assumptions(params) if not fact.free_symbols & postures]
    tree = choose("Defender", r, (0, 1), _crisis(x, r, None))
    return continuous_game(tree, players=PLAYERS, assume=facts, title="Brinkmanship with the risk chosen")


def solve_risk(params: Params = Params(), *, assume: Any = ()) -> SolveResult:
    """The subgame-perfect equilibria of :func:`risk_game`, by symbolic backward induction.

    Examples
    --------
    >>> solve_risk().details["path"][0]
    {'r': 1/9, 'Adversary@r/Greedy': 'Refrain', 'Adversary@r/Security seeker': 'Refrain'}
    """
    return spe(risk_game, check_params(params, Params, "solve_risk()"), assume)


def optimal_risk(params: Params = Params()) -> sympy.Expr:
    """The risk the Defender chooses in :func:`risk_game`: a number, or a ``Piecewise`` in the symbolic fields.

    It is :func:`greedy_critical_risk` where deterring the greedy type is worth its cost, and 0 otherwise.

    Examples
    --------
    >>> optimal_risk()
    1/9
    >>> optimal_risk(Params(g=sympy.Symbol("g", positive=True)))
    Piecewise((0, g <= 4/117), (1/9, True))
    """
    result = solve_risk(check_params(params, Params, "optimal_risk()"))
    return piecewise(
        [(sympy.sympify(path["r"]), _condition(eq)) for eq, path in zip(result.equilibria, result.details["path"], strict=True)]
    )


def _condition(equilibrium: Equilibrium) -> Any:
    """The condition of a continuous-choice equilibrium (a Boolean, or a 1-tuple holding one)."""
    condition = equilibrium.conditions
    return condition[0] if isinstance(condition, tuple) else condition


# --- closed forms ---------------------------------------------------------------------------------
def powell_critical_risk(prevail: Any, back_down: Any, disaster: Any) -> sympy.Expr:
    """Powell's critical risk ``(P - B)/(P - X)``: the largest risk of disaster a state runs rather than back down.

    A state that prevails with value ``P`` unless disaster (value ``X``) strikes, with probability ``r``,
    prefers that lottery to backing down (value ``B``) iff ``r <= (P - B)/(P - X)`` (for ``P > X``);
    Powell (1987, 1990) after Ellsberg (1959).

    Examples
    --------
    >>> powell_critical_risk(2, 0, -10)
    1/6
    """
    p, b, x = (exact(v, name) for v, name in ((prevail, "prevail"), (back_down, "back_down"), (disaster, "disaster")))
    if sympy.Gt(p, x) is sympy.false:
        raise InvalidGameError(f"powell_critical_risk(): prevail must exceed disaster; got {p} and {x}")
    return sympy.cancel((p - b) / (p - x))


def greedy_critical_risk(params: Params = Params()) -> sympy.Expr:
    """``r_G = W_G/(W_G + D)`` with ``W_G = (1 - d) v - c``: the greedy type attacks iff the risk is below it.

    :func:`powell_critical_risk` with prevail ``W_G`` (the war if it stays conventional), back down 0 and
    disaster ``-D``. At most 0 when denial alone deters (``(1 - d) v <= c``).

    Examples
    --------
    >>> greedy_critical_risk(), greedy_critical_risk(Params(d=0))
    (1/9, 1/6)
    """
    x = values(check_params(params, Params, "greedy_critical_risk()"))
    return powell_critical_risk((1 - x["d"]) * x["v"] - x["c"], 0, -x["D"])


def security_critical_risk(params: Params = Params()) -> sympy.Expr:
    """``r_S = (c - (1 - d) b)/(s - D + c - (1 - d) b)``: the security seeker attacks iff the risk is above it.

    The risk at which it is indifferent: the risk equals its critical risk when backing down is worth
    ``-s r``. ``oo`` when ``s <= D - c + (1 - d) b`` (it is never provoked); a ``Piecewise`` when that
    depends on symbolic fields.

    Examples
    --------
    >>> security_critical_risk(), security_critical_risk(Params(s=5))
    (1/4, oo)
    """
    x = values(check_params(params, Params, "security_critical_risk()"))
    loss = x["c"] - (1 - x["d"]) * x["b"]  # what a war costs it if it stays conventional: -W_S >= 0
    denominator = x["s"] - x["D"] + loss
    positive = sympy.Gt(denominator, 0)
    if positive is sympy.true:
        return sympy.cancel(loss / denominator)
    if positive is sympy.false:
        return sympy.oo
    return sympy.Piecewise((sympy.cancel(loss / denominator), positive), (sympy.oo, True))


def _numbers(params: Params, where: str) -> dict[str, sympy.Expr]:
    return values(check_numbers(params, Params, where))


def attacks(params: Params = Params(), risk: Any = None) -> dict[str, bool]:
    """Whether each type strictly prefers to attack at ``risk`` (default ``params.r_moderate``); numbers only.

    At indifference (``risk`` equal to a critical risk) the type is reported as refraining; the solver then
    lists both choices.

    Examples
    --------
    >>> attacks(risk=Fraction(1, 50)), attacks(risk=Fraction(1, 2))
    ({'Greedy': True, 'Security seeker': False}, {'Greedy': False, 'Security seeker': True})
    """
    where = "attacks()"
    x = _numbers(params, where)
    r = x["r_moderate"] if risk is None else exact(risk, "risk")
    if r.free_symbols or not (0 <= r <= 1):
        raise InvalidGameError(f"{where}: risk must be a number in [0, 1]; got {r}")
    return {kind: bool(_war(x, r, kind) > _status_quo(x, r, kind)) for kind in TYPES}


def defender_value(params: Params = Params(), level: str = "Moderate") -> sympy.Expr:
    """``U_k = -e r_k - [g A_G + (1 - g) A_S] L(r_k)``: the Defender's expected payoff from posture ``level``.

    ``A`` is 1 for a type that attacks at ``r_k`` (:func:`attacks`); numbers only.

    Examples
    --------
    >>> [defender_value(level=k) for k in LEVELS]
    [-137/80, -1/8, -61/16]
    """
    where = "defender_value()"
    x = _numbers(params, where)
    r = _risk(x, _level(level, where))
    attack = attacks(params, r)
    probability = x["g"] * int(attack["Greedy"]) + (1 - x["g"]) * int(attack["Security seeker"])
    return sympy.expand(-x["e"] * r - probability * _loss(x, r))


def optimal_levels(params: Params = Params()) -> tuple[str, ...]:
    """The postures with the highest :func:`defender_value` (several when the Defender is indifferent); numbers only.

    Examples
    --------
    >>> optimal_levels(), optimal_levels(Params(d=Fraction(1, 2)))
    (('Moderate',), ('Moderate',))
    """
    values = {level: defender_value(params, level) for level in LEVELS}
    best = max(values.values())
    return tuple(level for level in LEVELS if values[level] == best)


def denial_threshold(params: Params = Params(), level: str = "Minimal") -> sympy.Expr:
    """``d_k = 1 - (c (1 - r_k) + r_k D)/((1 - r_k) v)``: from this denial on, posture ``level`` deters the greedy type.

    Below it the greedy type attacks under that posture; at most 0 when the posture deters at any denial
    (``-oo`` for a risk of 1).

    Examples
    --------
    >>> denial_threshold(level="Minimal"), denial_threshold(level="Moderate")
    (88/147, 4/21)
    """
    where = "denial_threshold()"
    x = values(check_params(params, Params, where))
    r = _risk(x, _level(level, where))
    if r == 1:
        return -sympy.oo
    return sympy.cancel(1 - (x["c"] * (1 - r) + r * x["D"]) / ((1 - r) * x["v"]))


def indifference_prior(params: Params = Params(), first: str = "Minimal", second: str = "Moderate") -> sympy.Expr | None:
    """The prior ``g`` of a greedy adversary at which the Defender values postures ``first`` and ``second`` equally.

    The types' choices are those at ``params`` (``params.g`` is ignored; the other fields must be numbers);
    :func:`defender_value` is linear in ``g``, so there is one such ``g`` or none (``None``: the difference
    does not depend on ``g``). It may lie outside [0, 1].

    Examples
    --------
    >>> indifference_prior(Params(d=Fraction(1, 2)), "Minimal", "Moderate")
    21/530
    """
    where = "indifference_prior()"
    first, second = _level(first, where, "first"), _level(second, where, "second")
    g = sympy.Symbol("g")
    x = _numbers(replace(params, g=0), where)

    def value(level: str) -> sympy.Expr:
        r = _risk(x, level)
        attack = attacks(replace(params, g=0), r)
        return -x["e"] * r - (g * int(attack["Greedy"]) + (1 - g) * int(attack["Security seeker"])) * _loss(x, r)

    difference = sympy.expand(value(first) - value(second))
    if g not in difference.free_symbols:
        return None
    return sympy.solve(difference, g)[0]


# --- reading the solved regimes -------------------------------------------------------------------
def _describe(tree: ExtensiveFormGame, equilibrium: Equilibrium) -> tuple[str, str]:
    """(the Defender's posture, who attacks under it) in a pure equilibrium."""
    actions = pure_actions(tree, equilibrium)
    level = actions["Defender"]
    attackers = [kind for kind in TYPES if actions.get(f"{kind} | {level}") == "Attack"]
    who = {0: "no attack", 2: "both attack"}.get(len(attackers), f"{attackers[0].lower()} attacks" if attackers else "")
    return level, who


def _require(result: Any, where: str) -> SolveResult:
    result = require_regimes(result, where)
    if not isinstance(result.game, ExtensiveFormGame) or result.game.infoset_labels[0] != "Defender":
        raise InvalidGameError(f"{where}: result must come from brinkmanship.solve(); got a result of {result.game.title!r}")
    return result


def _tidy(condition: sympy.Basic) -> sympy.Basic:
    """A conjunction with its linear bounds on one parameter merged (``d < 8/27 & d < 2/3`` -> ``d < 8/27``)."""
    if not isinstance(condition, sympy.And):
        return condition
    bounds: dict[sympy.Symbol, dict[str, Any]] = {}
    rest: list[sympy.Basic] = []
    for arg in condition.args:
        bound = _bound(arg)
        if bound is None:
            rest.append(arg)
            continue
        x, kind, value, strict = bound
        held = bounds.setdefault(x, {})
        if kind == "eq":
            held["eq"] = value
        elif kind not in held or _tighter(kind, (value, strict), held[kind]):
            held[kind] = (value, strict)
    merged = []
    for x, held in sorted(bounds.items(), key=lambda item: item[0].name):
        if "eq" in held:
            merged.append(sympy.Eq(x, held["eq"]))
            continue
        if "lower" in held:
            merged.append(x > held["lower"][0] if held["lower"][1] else x >= held["lower"][0])
        if "upper" in held:
            merged.append(x < held["upper"][0] if held["upper"][1] else x <= held["upper"][0])
    return sympy.And(*merged, *rest)


def _tighter(kind: str, new: tuple[sympy.Expr, bool], old: tuple[sympy.Expr, bool]) -> bool:
    """Whether the bound ``new`` (value, strict) cuts more than ``old``: a larger lower or smaller upper bound, or strict."""
    (value, strict), (before, was_strict) = new, old
    if value != before:
        return bool(value > before) if kind == "lower" else bool(value < before)
    return strict and not was_strict


def _bound(relation: sympy.Basic) -> tuple[sympy.Symbol, str, sympy.Expr, bool] | None:
    """``(x, "lower" | "upper" | "eq", value, strict)`` for a relation linear in one parameter with numbers, else None."""
    if not isinstance(relation, sympy.core.relational.Relational) or isinstance(relation, sympy.Ne) or len(relation.free_symbols) != 1:
        return None
    (x,) = relation.free_symbols
    expr = sympy.expand(relation.lhs - relation.rhs)
    a, b = expr.coeff(x, 1), expr.coeff(x, 0)
    if sympy.expand(expr - a * x - b) != 0 or not a.is_number or a == 0:
        return None
    value = -b / a
    if isinstance(relation, sympy.Eq):
        return x, "eq", value, False
    greater = isinstance(relation, sympy.StrictGreaterThan | sympy.GreaterThan) == bool(a > 0)  # lhs - rhs > 0 flips when a < 0
    strict = isinstance(relation, sympy.StrictGreaterThan | sympy.StrictLessThan)
    return x, "lower" if greater else "upper", value, strict


def regions(result: SolveResult) -> dict[str, sympy.Basic]:
    """The regimes of a solved symbolic :func:`game` grouped by the Defender's posture and who attacks under it.

    Keys read ``"<posture>: <who attacks>"`` (``"Moderate: no attack"``, ``"Maximal: security seeker attacks"``),
    in the order of :data:`LEVELS`; each value is the disjunction of the conditions of the regimes with one
    equilibrium that end so. Boundaries, where several equilibria coexist, are collected under ``"boundary"``.

    Examples
    --------
    >>> g, d = sympy.symbols("g d", positive=True)
    >>> list(regions(solve(Params(g=g, d=d))))  # doctest: +NORMALIZE_WHITESPACE
    ['Minimal: greedy attacks', 'Minimal: no attack', 'Moderate: no attack', 'Maximal: security seeker attacks', 'boundary']
    """
    result = _require(result, "regions()")

    def name(regime: Any) -> str:
        return "boundary" if len(regime.equilibria) != 1 else ": ".join(_describe(result.game, regime.equilibria[0]))

    found = group_conditions(((name(regime), _tidy(regime.conditions)) for regime in result.regimes), order=("boundary",))
    boundary = found.pop("boundary")
    ordered = sorted(found, key=lambda key: (LEVELS.index(key.split(": ")[0]), key))  # by posture, then by who attacks
    return {**{key: found[key] for key in ordered}, "boundary": boundary}


def levels(result: SolveResult) -> dict[str, sympy.Basic]:
    """Where each posture is the Defender's unique choice: :data:`LEVELS` -> condition (``False`` if nowhere).

    Examples
    --------
    >>> g, d = sympy.symbols("g d", positive=True)
    >>> levels(solve(Params(g=g, d=d)))["Minimal"]
    (d > 88/147) | ((d > 4/21) & (d < 88/147) & (588*d*g + 21 > 824*g)) | ((d < 4/21) & (222*d*g + 374 > 75*d + 556*g))
    """
    found = regions(result)
    return {level: sympy.Or(*(c for key, c in found.items() if key.startswith(f"{level}:"))) for level in LEVELS}


def regime_table(result: SolveResult) -> str:
    """A markdown table of the regimes of a solved symbolic :func:`game`: condition, posture, each type's choices.

    The last column is a parameter point inside the regime; "none found" marks a regime that the solver kept
    because it could not prove it empty (a boundary curve, or where two curves may cross).

    Examples
    --------
    >>> g, d = sympy.symbols("g d", positive=True)
    >>> print(regime_table(solve(Params(g=g, d=d))).splitlines()[0])
    | condition | Defender | greedy | security seeker | a point inside |
    """
    result = _require(result, "regime_table()")

    def row(regime: Any) -> list[str]:
        choices = []
        for eq in regime.equilibria:
            actions = pure_actions(result.game, eq)
            level = actions["Defender"]
            choices.append((level, actions[f"Greedy | {level}"], actions[f"Security seeker | {level}"]))
        point = "none found" if regime.witness is None else ", ".join(f"{k} = {v}" for k, v in sorted(regime.witness.items(), key=str))
        return [f"${sympy.latex(_tidy(regime.conditions))}$", *(" / ".join(c[i] for c in choices) for i in range(3)), point]

    return markdown_table(["condition", "Defender", "greedy", "security seeker", "a point inside"], map(row, result.regimes))


# --- figures --------------------------------------------------------------------------------------
#: Colours of the postures in the figures (Okabe-Ito).
LEVEL_COLORS = {"Minimal": "#56B4E9", "Moderate": "#009E73", "Maximal": "#D55E00"}
_TYPE_COLORS = {"Greedy": "#D55E00", "Security seeker": "#0072B2"}


def figure_regimes(params: Params = Params(), *, resolution: int = 600) -> Figure:
    """The Defender's best posture over the prior ``g`` of a greedy adversary and denial ``d`` (the solved regimes).

    ``params.g`` and ``params.d`` are ignored (they become the axes); the other fields must be numbers. Each
    region is coloured by the posture chosen and labelled with who attacks; the dotted lines are the
    :func:`denial_threshold` of the minimal and moderate postures.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_regimes(resolution=40)
    >>> fig.axes[0].get_xlabel()
    '$g$: probability the adversary is greedy'
    """
    import matplotlib.pyplot as plt

    from gametheory.plotting import regime_map

    check_numbers(params, Params, "figure_regimes()", free=("g", "d"))
    g, d = sympy.symbols("g d", positive=True)
    found = regions(solve(replace(params, g=g, d=d)))
    keys = [key for key in found if key != "boundary"]
    labels = [key.replace(": ", "\n").replace("seeker ", "seeker\n") for key in keys]
    colors = [LEVEL_COLORS[key.split(":")[0]] for key in keys]
    fig, ax = plt.subplots(figsize=(6.6, 5.4), layout="constrained")
    regime_map([found[key] for key in keys], labels, (g, 0, 1), (d, 0, 1), resolution=resolution, ax=ax, colors=colors)
    for level in ("Minimal", "Moderate"):
        threshold = denial_threshold(params, level)
        if 0 < threshold < 1:
            ax.axhline(float(threshold), color="#555555", linewidth=0.9, linestyle=":")
            ax.annotate(
                f"{level.lower()} posture deters the greedy type above $d = {sympy.latex(threshold)}$",
                (1.0, float(threshold)),
                xytext=(-4, 3),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize=8,
                color="#333333",
            )
    ax.set_xlabel("$g$: probability the adversary is greedy")
    ax.set_ylabel("$d$: conventional denial")
    risks = ", ".join(f"{sympy.latex(sympy.sympify(getattr(params, _RISK_FIELD[k])))}" for k in LEVELS)
    ax.set_title(f"The Defender's best posture (risks ${risks}$)", fontsize=11)
    return fig


def figure_attack(params: Params = Params()) -> Figure:
    """The probability of an attack against the risk ``r`` of the posture: each type, and overall.

    Solved with :func:`crisis_game` and the risk symbolic: the greedy type attacks below its critical risk
    ``r_G``, the security seeker above ``r_S``; the three postures are marked.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_attack()
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:2]
    ['greedy type', 'security seeker']
    """
    import matplotlib.pyplot as plt
    import numpy as np

    check_numbers(params, Params, "figure_attack()")
    r = sympy.Symbol("r", positive=True)
    result = gametheory.solve(crisis_game(params, r), assume=[r < 1])
    tree = result.game

    def attack(kind: str) -> Any:
        return lambda eq: sympy.Integer(1) if pure_actions(tree, eq)[kind] == "Attack" else sympy.Integer(0)

    rs = np.linspace(1e-6, 1 - 1e-6, 4001)
    swept = result.sweep({r: rs}, {kind: attack(kind) for kind in TYPES}, select=0)
    greedy, security = (np.asarray(swept.values[kind], dtype=float) for kind in TYPES)
    prior = float(params.g)
    fig, ax = plt.subplots(figsize=(7.0, 4.4), layout="constrained")
    ax.plot(rs, greedy, color=_TYPE_COLORS["Greedy"], linewidth=2.4, label="greedy type")
    ax.plot(rs, security, color=_TYPE_COLORS["Security seeker"], linewidth=2.4, linestyle=(0, (6, 2)), label="security seeker")
    ax.plot(
        rs,
        prior * greedy + (1 - prior) * security,
        color="#333333",
        linewidth=1.3,
        linestyle=":",
        label=f"either (prior $g = {sympy.latex(sympy.sympify(params.g))}$)",
    )
    for level in LEVELS:
        risk = float(getattr(params, _RISK_FIELD[level]))
        ax.axvline(risk, color=LEVEL_COLORS[level], linewidth=5, alpha=0.35, zorder=0)
        ax.text(risk, 1.02, level.lower(), ha="center", va="bottom", fontsize=8, transform=ax.get_xaxis_transform())
    # r_G to the left of the greedy type's step, r_S to the right of the security seeker's
    for name, value, side in (("r_G", greedy_critical_risk(params), -1), ("r_S", security_critical_risk(params), 1)):
        if value.is_finite and 0 < value < 1:
            ax.annotate(
                f"${name} = {sympy.latex(value)}$",
                (float(value), 0.75),
                xytext=(4 * side, 0),
                textcoords="offset points",
                fontsize=9,
                va="center",
                ha="left" if side > 0 else "right",
            )
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("$r$: risk that a war escalates to nuclear disaster")
    ax.set_ylabel("probability of an attack")
    ax.legend(loc="upper right", bbox_to_anchor=(1.0, 0.9), frameon=False, fontsize=9)
    ax.set_title(f"Who attacks at which risk (denial $d = {sympy.latex(sympy.sympify(params.d))}$)", fontsize=11, pad=18)
    return fig


def figure_optimal_risk(params: Params = Params()) -> Figure:
    """The Defender's best risk chosen from [0, 1] against denial ``d`` (solved), with the three postures.

    The solved best risk (a thick line, from :func:`optimal_risk` with ``d`` symbolic; ``params.d`` is
    ignored) follows the greedy type's critical risk ``r_G`` down to 0 where denial alone deters; the
    postures' risks and the security seeker's ``r_S`` are drawn as horizontal lines.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_optimal_risk()
    >>> fig.axes[0].get_xlabel()
    '$d$: conventional denial'
    """
    import matplotlib.pyplot as plt
    import numpy as np

    check_numbers(params, Params, "figure_optimal_risk()", free=("d",))
    d = sympy.Symbol("d", positive=True)
    symbolic = replace(params, d=d)
    best = sympy.lambdify(d, optimal_risk(symbolic), "numpy")
    critical = sympy.lambdify(d, greedy_critical_risk(symbolic), "numpy")
    ds = np.linspace(1e-4, 1 - 1e-4, 1001)
    chosen = np.broadcast_to(np.asarray(best(ds), dtype=float), ds.shape)
    fig, ax = plt.subplots(figsize=(7.0, 5.0), layout="constrained")
    ax.plot(ds, critical(ds), color="#333333", linewidth=1.0, linestyle="--", label="greedy type's critical risk $r_G$")
    ax.plot(ds, chosen, color="black", linewidth=3.2, solid_capstyle="butt", label="the Defender's best risk (solved)")
    for level in LEVELS:
        risk = float(getattr(params, _RISK_FIELD[level]))
        ax.axhline(risk, color=LEVEL_COLORS[level], linewidth=2, alpha=0.8, label=f"{level.lower()} posture")
    r_s = security_critical_risk(params)
    if r_s.is_finite and 0 < r_s < 1:
        ax.axhline(
            float(r_s), color=_TYPE_COLORS["Security seeker"], linewidth=1.2, linestyle="-.", label="$r_S$: provokes the security seeker"
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, min(1.0, float(params.r_maximal) * 1.15))
    ax.set_xlabel("$d$: conventional denial")
    ax.set_ylabel("$r$: risk of disaster")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False, fontsize=9)
    ax.set_title(f"Just enough risk to deter the greedy type (prior $g = {sympy.latex(sympy.sympify(params.g))}$)", fontsize=11)
    return fig


def reproduce(output: Path) -> list[Path]:
    """Write the regime map, the attack curves, the best-risk figure and a table of thresholds and regimes.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in reproduce(Path(folder))]
    ['brinkmanship-regimes.png', 'brinkmanship-attack.png', 'brinkmanship-optimal-risk.png', 'brinkmanship-tables.md']
    """
    figures = {"regimes": figure_regimes, "attack": figure_attack, "optimal-risk": figure_optimal_risk}
    return write_outputs(output, "brinkmanship", figures, _tables)


def _tables() -> str:
    params = Params()
    g, d = sympy.symbols("g d", positive=True)
    quantities = [
        ("greedy type's critical risk $r_G$", greedy_critical_risk(params)),
        ("security seeker's critical risk $r_S$", security_critical_risk(params)),
        ("denial from which the minimal posture deters", denial_threshold(params, "Minimal")),
        ("denial from which the moderate posture deters", denial_threshold(params, "Moderate")),
        ("the Defender's best posture", ", ".join(optimal_levels(params))),
        ("the Defender's best risk in [0, 1]", optimal_risk(params)),
    ]
    return document(
        "Brinkmanship from minimal to maximal (our synthesis)",
        f"Defaults: {field_list(params)}.",
        markdown_table(["quantity", "value"], quantities),
        "## Regimes over (g, d)",
        regime_table(solve(replace(params, g=g, d=d))),
    )
