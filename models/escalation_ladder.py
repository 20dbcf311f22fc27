r"""Escalate to de-escalate: a short escalation ladder with risks left to chance and private resolve.

Fred Kaplan (Slate, 2022) describes the Russian doctrine the Pentagon calls
"escalate to de-escalate": losing a conventional war against NATO, Russia
fires a few low-yield nuclear weapons, betting that the US president stops
the war rather than answer and risk more Russian nuclear use. The Pentagon's
answer was to buy low-yield warheads (some now on Trident missiles), so that
the US can answer in kind without going strategic. The claim behind the
purchase: a *proportionate* option makes the US threat to answer credible,
and a credible answer deters the limited use. This module states that
argument as a small game, solves it with the library's perfect Bayesian
equilibrium solver and says exactly when the claim holds.

What is ours, and what is Powell's
----------------------------------
The game is **our synthesis**: a simplified, discrete version of Powell's
models of escalation and brinkmanship (Powell 1987; 1990, ch. 2-3). From
Powell it keeps four features: the sides move in turn up an escalation
ladder; every step up carries an exogenous risk that events escape control
and end in general nuclear war (the "threat that leaves something to
chance"); one side is privately informed about its resolve; and quitting
ends the crisis with the other side prevailing. Powell's escalation games
let the crisis run for many rounds, with the risk rising as it escalates;
here the ladder has three rungs, only Russia's resolve is private, and the
two risks ``r1`` and ``r2`` are fixed parameters. The payoff numbers and
their names are ours.

The game
--------
Chance draws Russia's type: *Resolved* with prior ``rho``, *Irresolute* with
``1 - rho``. The types differ only in the cost of general nuclear war
(``c_R_res < c_R_irr``). Payoffs (US, Russia) are measured from each side's
best outcome; ``c(t)`` is the type's cost of general war::

    Russia accepts defeat                          (0, -s_R)
    limited use; with prob r1 it escalates         (-c_U, -c(t))    general war
      otherwise the US
        stops                                      (-s_U - l_U, -l_R)   Russia prevails
        goes strategic                             (-c_U, -c(t))
        answers with low-yield weapons (only if low_yield); with prob r2 it escalates  (-c_U, -c(t))
          otherwise Russia
            backs down                             (-l_U, -s_R - l_R)   the US prevails
            goes strategic                         (-c_U, -c(t))

``s_R`` and ``s_U`` are the stakes (what each side loses when the other
prevails), ``l_R`` and ``l_U`` the costs of a limited nuclear war (paid
once nuclear weapons are used and general war is avoided), ``c_U`` and
``c(t)`` the costs of general nuclear war. The US sees the limited use,
not Russia's type: its one information set after limited use holds a
belief ``mu`` that Russia is Resolved. The model assumes

* ``0 < l_R < s_R``: a limited use that works beats defeat for Russia;
* ``l_R < c_R_res < s_R``: the Resolved type prefers general war to defeat
  (the doctrine's "threat to the existence of the state"): it is never
  deterred, and it goes strategic if the US answers;
* ``s_R + l_R < c_R_irr``: the Irresolute type backs down if answered;
* ``0 < s_U``, ``0 <= l_U`` and ``s_U + l_U < c_U``: the US prefers losing the
  stake to general war, so its strategic threat is not credible.

Results (derived by hand; the tests check them against the solver)
---------------------------------------------------------------------
*The risk of limited use deters* (brinkmanship). If the US would stop, the
Irresolute type uses limited weapons iff ``r1 (-c_R_irr) + (1 - r1)(-l_R) >=
-s_R``, i.e. iff

.. math:: r_1 \le r_1^* = \frac{s_R - l_R}{c_{R,irr} - l_R}.

Above ``r1^*`` only the Resolved type escalates and the US stops.

*When the US answers.* An answer ends in general war with probability ``r2
+ (1 - r2) mu`` (the Resolved type goes strategic); the US prefers it to
stopping iff that probability is below

.. math:: q^* = \frac{s_U}{c_U - l_U} < 1,

i.e. iff ``mu < mu^* = (q^* - r2)/(1 - r2)`` (:func:`belief_threshold`;
``mu^* = 0``, never, when ``r2 >= q^*`` or there are no low-yield weapons).
Going strategic is never better than stopping (``s_U + l_U < c_U``) nor
than the low-yield answer.

*The equilibria.* Off the boundaries (``r1 = r1^*``, ``rho = mu^*``, and the
edges ``r1 = 1``, ``rho = 0`` where the US's answer is off the path; see
:func:`region`) the PBE is unique:

* ``r1 > r1^*``: **risk deters** the Irresolute type; the Resolved type
  escalates and the US, sure it faces the Resolved type, stops;
* ``r1 < r1^*`` and ``rho > mu^*``: **escalation works**: both types use
  limited weapons and the US stops: the "escalate to de-escalate" bet pays;
* ``r1 < r1^*`` and ``rho < mu^*`` (possible only with low-yield weapons and
  ``r2 < q^*``): **the answer deters**, partly: the Irresolute type escalates
  with probability

  .. math:: \sigma = \frac{\rho (1 - \mu^*)}{(1 - \rho) \mu^*},

  so that the US's belief after limited use is exactly ``mu^*``, and the US
  answers in kind with the probability ``x`` that leaves the Irresolute type
  indifferent (:func:`answer_probability`):

  .. math:: x = \frac{s_R - r_1 c_{R,irr} - (1 - r_1) l_R}{(1 - r_1)\,[r_2 c_{R,irr} + (1 - r_2)(s_R + l_R) - l_R]}.

So the Kaplan/Pentagon claim holds exactly where ``r1 < r1^*``, ``r2 < q^*`` and
``rho < mu^*(r2)``: there the low-yield option lowers the probability of
nuclear use from 1 to ``rho/mu^*``. It fails where the answer is itself too
risky (``r2 >= q^*``), where Russia is likely Resolved (``rho > mu^*``), and
where limited use is deterred anyway (``r1 > r1^*``). Even where it holds, the
deterrence is partial (``sigma > 0``) and the US must sometimes answer: the
probability of general nuclear war (:func:`war_probability`) is
``(rho/mu^*)(r1 + (1 - r1) x q^*)`` against ``r1`` without the answer, lower
only for ``rho < mu^* r1/(r1 + (1 - r1) x q^*)`` (:func:`safer_answer_limit`).

How the library derives it
--------------------------
:func:`game` builds the tree (25 nodes; 15 without low-yield weapons) and
:func:`solve` solves it with ``gametheory.solve(game, method="pbe")``: with
numbers, every PBE, mixed ones included, with the US's beliefs; with
``rho``, ``r1`` or ``r2`` as sympy symbols, the pure PBE in every regime of
the parameters (a regime with none is where the mixed one is the only one).
:func:`regions` and :func:`regime_table` read the regimes;
:func:`region_of` reads one equilibrium. :func:`risk_threshold`,
:func:`response_risk_limit`, :func:`belief_threshold`,
:func:`answer_deters`, :func:`region`, :func:`irresolute_escalation`,
:func:`answer_probability`, :func:`escalation_probability`,
:func:`war_probability` and :func:`safer_answer_limit` are the closed forms
above; the tests check each against the solver. :func:`figure_regimes`,
:func:`figure_answer` and :func:`figure_risks` draw them.

Defaults
--------
``s_R = 4``, ``l_R = 1``, ``c_R_res = 3``, ``c_R_irr = 10``, ``s_U = 2``,
``l_U = 1``, ``c_U = 9``, ``rho = 1/10``, ``r1 = 1/10``, ``r2 = 1/10``,
``low_yield = True``: ``r1^* = 1/3``, ``q^* = 1/4``, ``mu^* = 1/6``; the answer
deters in part: the Irresolute type escalates with probability ``5/9``, the US
answers with probability ``14/27``.

Sources
-------
Kaplan, F. (2022). "Escalate to de-escalate" (on Russian nuclear doctrine and the US low-yield warheads). *Slate*,
10 March 2022 (via Newsweek Japan).
Powell, R. (1987). "Crisis Bargaining, Escalation, and MAD". *American Political Science Review* 81(3), 717-735.
Powell, R. (1990). *Nuclear Deterrence Theory: The Search for Credibility*. Cambridge University Press, ch. 2-3.
Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University Press, ch. 8.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sympy

import gametheory
from gametheory import Equilibrium, ExtensiveFormGame, InvalidGameError, SolveResult, chance, decision, outcome

from ._common import (
    Value,
    check_params,
    exact,
    markdown_table,
    require_numbers,
    require_order,
    require_probability,
    require_regimes,
    write_outputs,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "REGIONS",
    "Params",
    "answer_deters",
    "answer_probability",
    "belief_threshold",
    "escalation_probability",
    "figure_answer",
    "figure_regimes",
    "figure_risks",
    "game",
    "irresolute_escalation",
    "regime_table",
    "region",
    "region_of",
    "regions",
    "reproduce",
    "response_risk_limit",
    "risk_threshold",
    "safer_answer_limit",
    "solve",
    "war_probability",
]

PLAYERS = ("US", "Russia")
TYPES = ("Resolved", "Irresolute")

#: What happens in each region (see :func:`regions` and :func:`region`).
REGIONS: dict[str, str] = {
    "risk_deters": "the risk of limited use deters the Irresolute type; only the Resolved type escalates, and the US stops",
    "escalation_works": "both types use limited nuclear weapons and the US stops: escalate to de-escalate works",
    "answer_deters": "the low-yield answer deters in part: the Irresolute type escalates sometimes, the US answers sometimes",
}


# --- parameters -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Params:
    """The probabilities and payoffs of the escalation ladder; any field but ``low_yield`` may be a sympy symbol.

    The names are ours (module docstring): ``s`` stakes, ``l`` costs of limited nuclear war, ``c`` costs of
    general nuclear war, ``_R`` Russia, ``_U`` the US.

    Attributes
    ----------
    rho
        Prior probability that Russia is Resolved (default 1/10).
    r1
        Risk that Russia's limited use escalates, out of anyone's control, to general nuclear war (default 1/10).
    r2
        Risk that a US low-yield answer escalates to general nuclear war (default 1/10).
    s_R
        Russia's stake: what it loses by accepting defeat or backing down (default 4).
    l_R
        Russia's cost of a limited nuclear war (default 1; ``0 < l_R < s_R``).
    c_R_res, c_R_irr
        The cost of general nuclear war to the Resolved type (default 3, in ``(l_R, s_R)``: it prefers general war to
        defeat) and to the Irresolute type (default 10, above ``s_R + l_R``: it backs down when answered).
    s_U
        The US's stake: what it loses when Russia prevails (default 2).
    l_U
        The US's (and its allies') cost of a limited nuclear war (default 1).
    c_U
        The US's cost of general nuclear war (default 9, above ``s_U + l_U``: its strategic threat is not credible).
    low_yield
        Whether the US has low-yield weapons to answer in kind (default True; False removes the answer).

    Raises
    ------
    InvalidGameError
        A value that is not exact, a probability outside [0, 1], ``low_yield`` not a bool, or an ordering the model
        assumes (module docstring) that is provably false.

    Examples
    --------
    >>> Params().rho, Params(low_yield=False).low_yield
    (Fraction(1, 10), False)
    >>> Params(c_R_irr=5)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: Params(): the model needs s_R + l_R < c_R_irr (the Irresolute type backs down when answered); got s_R + l_R = 5, c_R_irr = 5
    """

    rho: Value = Fraction(1, 10)
    r1: Value = Fraction(1, 10)
    r2: Value = Fraction(1, 10)
    s_R: Value = 4
    l_R: Value = 1
    c_R_res: Value = 3
    c_R_irr: Value = 10
    s_U: Value = 2
    l_U: Value = 1
    c_U: Value = 9
    low_yield: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.low_yield, bool):
            raise InvalidGameError(f"Params(): low_yield must be True or False; got {self.low_yield!r}")
        x = _values(self)
        require_probability(x, "rho", "r1", "r2")
        x = {**x, "zero": sympy.S.Zero, "s_R + l_R": x["s_R"] + x["l_R"], "s_U + l_U": x["s_U"] + x["l_U"]}
        require_order(x, [("zero", "l_R"), ("l_R", "s_R")], why=" (a limited use that works beats defeat)")
        require_order(x, [("l_R", "c_R_res"), ("c_R_res", "s_R")], why=" (the Resolved type prefers general war to defeat)")
        require_order(x, [("s_R + l_R", "c_R_irr")], why=" (the Irresolute type backs down when answered)")
        require_order(x, [("zero", "s_U")], why=" (the US has a stake)")
        require_order(x, [("zero", "l_U")], strict=False, why=" (a limited nuclear war costs the US something or nothing)")
        require_order(x, [("s_U + l_U", "c_U")], why=" (the US prefers losing the stake to general war)")


def _values(params: Params) -> dict[str, sympy.Expr]:
    """The numeric fields as sympy values (``low_yield`` is a flag, not a value)."""
    return {f.name: exact(getattr(params, f.name), f.name) for f in fields(params) if f.name != "low_yield"}


def _check(params: Any, where: str) -> Params:
    return check_params(params, Params, where)


# --- the game -------------------------------------------------------------------------------------
def _russia(v: Mapping[str, sympy.Expr], t: str, low_yield: bool) -> Any:
    """Type ``t``'s ladder: accept or use limited weapons; the US's answer; Russia's last move."""
    cost = v["c_R_res"] if t == "Resolved" else v["c_R_irr"]

    def war(how: str) -> Any:
        return outcome(-v["c_U"], -cost, label=f"{t}: {how}")

    us: dict[str, Any] = {"Stop": outcome(-v["s_U"] - v["l_U"], -v["l_R"], label=f"{t}: the US stops")}
    if low_yield:
        last = decision(
            "Russia",
            {
                "Back down": outcome(-v["l_U"], -v["s_R"] - v["l_R"], label=f"{t}: Russia backs down"),
                "Go strategic": war("Russia goes strategic"),
            },
            infoset=f"{t}, answered",
            label=f"{t}, answered",
        )
        us["Low-yield"] = chance({"Escalates": (v["r2"], war("the answer escalates")), "Contained": (1 - v["r2"], last)})
    us["Go strategic"] = war("the US goes strategic")
    limited = chance(
        {
            "Escalates": (v["r1"], war("limited use escalates")),
            "Contained": (1 - v["r1"], decision("US", us, infoset="US", label=f"{t}: US")),
        }
    )
    return decision(
        "Russia", {"Accept defeat": outcome(0, -v["s_R"], label=f"{t}: Russia accepts defeat"), "Limited use": limited}, infoset=t, label=t
    )


def game(params: Params = Params()) -> ExtensiveFormGame:
    """The escalation ladder: chance draws Russia's type, Russia accepts defeat or uses limited weapons, the US answers.

    25 nodes with low-yield weapons, 15 without. The US's information set ``"US"`` holds one node per type
    (labels ``"Resolved: US"``, ``"Irresolute: US"``); Russia's sets are ``"Resolved"``, ``"Irresolute"`` and,
    with low-yield weapons, ``"Resolved, answered"`` and ``"Irresolute, answered"``. Symbolic when any field is a
    sympy symbol.

    Examples
    --------
    >>> g = game()
    >>> g.n_nodes, g.infoset_actions[g.infoset_labels.index("US")]
    (25, ('Stop', 'Low-yield', 'Go strategic'))
    >>> game(Params(low_yield=False)).n_nodes
    15
    """
    params = _check(params, "game()")
    v = _values(params)
    tree = chance({t: (prior, _russia(v, t, params.low_yield)) for t, prior in zip(TYPES, (v["rho"], 1 - v["rho"]), strict=True)})
    title = "Escalate to de-escalate" + (" (with low-yield weapons)" if params.low_yield else " (no low-yield weapons)")
    return ExtensiveFormGame.from_tree(tree, players=PLAYERS, title=title)


def solve(params: Params = Params(), *, assume: Iterable[Any] = ()) -> SolveResult:
    """Every perfect Bayesian equilibrium of :func:`game` (pure ones in regimes over the symbolic fields, if any).

    Numbers: every PBE, mixed ones included (``gametheory.solve(game, method="pbe")``). Symbols: the pure PBE in
    every regime of the parameters; a regime with none is where the only PBE is mixed (the answer deters in part).
    ``assume`` goes to the solver (facts about the symbols, e.g. ``0 < rho < 1``: fewer boundary regimes).

    Examples
    --------
    At the defaults the answer deters in part: the Irresolute type escalates with probability 5/9, the US answers
    with probability 14/27 and believes Russia Resolved with probability 1/6 after limited use:

    >>> result = solve()
    >>> len(result), result.strategy(0, 1)["Irresolute"]["Limited use"], result.strategy(0, 0)["US"]["Low-yield"]
    (1, Fraction(5, 9), Fraction(14, 27))
    >>> result[0].beliefs["US"]["Resolved: US"]
    Fraction(1, 6)

    With ``rho`` and ``r1`` symbolic, the regimes split at ``rho = mu^* = 1/6`` and ``r1 = r1^* = 1/3``:

    >>> rho, r1 = sympy.symbols("rho r1", nonnegative=True)
    >>> found = regions(solve(Params(rho=rho, r1=r1), assume=[rho > 0, rho < 1, r1 > 0, r1 < 1]))
    >>> found["escalation_works"]
    (rho >= 1/6) & (r1 < 1/3)
    """
    params = _check(params, "solve()")
    return _solve(params, tuple(assume))


@functools.lru_cache(maxsize=128)
def _solve(params: Params, assume: tuple[Any, ...]) -> SolveResult:
    # results are immutable: figures, tables and tests share the solves
    return gametheory.solve(game(params), method="pbe", assume=assume)


# --- closed forms ---------------------------------------------------------------------------------
def risk_threshold(params: Params = Params()) -> sympy.Expr:
    """``r1^* = (s_R - l_R)/(c_R_irr - l_R)``: above this risk of limited use, the Irresolute type accepts defeat.

    It would rather accept defeat than run the risk ``r1`` even when the US is sure to stop: brinkmanship by
    Russia's own weapons. (The Resolved type, which prefers general war to defeat, escalates at every ``r1``.)

    Examples
    --------
    >>> risk_threshold()
    1/3
    """
    v = _values(_check(params, "risk_threshold()"))
    return sympy.cancel((v["s_R"] - v["l_R"]) / (v["c_R_irr"] - v["l_R"]))


def response_risk_limit(params: Params = Params()) -> sympy.Expr:
    """``q^* = s_U/(c_U - l_U)``: the largest chance of general war the US accepts to answer rather than stop.

    Answering ends in general war with probability ``r2 + (1 - r2) mu``; the US answers iff that is below ``q^*``.
    So a low-yield answer whose own risk ``r2`` is at least ``q^*`` is never made: the Kaplan claim fails.

    Examples
    --------
    >>> response_risk_limit()
    1/4
    """
    v = _values(_check(params, "response_risk_limit()"))
    return sympy.cancel(v["s_U"] / (v["c_U"] - v["l_U"]))


def belief_threshold(params: Params = Params()) -> sympy.Expr:
    """``mu^* = max(0, (q^* - r2)/(1 - r2))``: the US answers limited use in kind iff it believes Russia Resolved with less.

    ``0`` (the US never answers) without low-yield weapons, and when ``r2 >= q^*``.

    Examples
    --------
    >>> belief_threshold(), belief_threshold(Params(r2=Fraction(1, 3))), belief_threshold(Params(low_yield=False))
    (1/6, 0, 0)
    >>> belief_threshold(Params(r2=sympy.Symbol("r2", nonnegative=True)))
    Max(0, (4*r2 - 1)/(4*(r2 - 1)))
    """
    params = _check(params, "belief_threshold()")
    v = _values(params)
    if not params.low_yield or v["r2"] == 1:
        return sympy.S.Zero
    return sympy.Max(0, sympy.factor(sympy.cancel((response_risk_limit(params) - v["r2"]) / (1 - v["r2"]))))


def answer_deters(params: Params = Params()) -> sympy.Basic:
    """Where the low-yield answer changes the equilibrium: ``r1 < r1^*`` and ``rho < mu^*`` (so ``r2 < q^*``).

    There, and only there (off the boundaries), the PBE differs from the one without low-yield weapons: the
    Irresolute type escalates with probability :func:`irresolute_escalation` ``< 1`` instead of for sure. Without
    low-yield weapons it is ``False``. ``True``/``False`` for numbers, a sympy condition for symbols.

    Examples
    --------
    >>> answer_deters(), answer_deters(Params(rho=Fraction(1, 5))), answer_deters(Params(r2=Fraction(1, 4)))
    (True, False, False)
    >>> rho, r2 = sympy.symbols("rho r2", nonnegative=True)
    >>> answer_deters(Params(rho=rho, r2=r2))
    (r2 < 1/4) & (rho < (4*r2 - 1)/(4*(r2 - 1)))
    """
    params = _check(params, "answer_deters()")
    if not params.low_yield:
        return sympy.false
    v = _values(params)
    q = response_risk_limit(params)
    if v["r2"] == 1:
        return sympy.false
    mu = sympy.factor(sympy.cancel((q - v["r2"]) / (1 - v["r2"])))
    return sympy.And(sympy.Lt(v["r1"], risk_threshold(params)), sympy.Lt(v["r2"], q), sympy.Lt(v["rho"], mu))


def region(params: Params = Params()) -> str:
    """The region (a key of :data:`REGIONS`) of numeric ``params``, by the closed forms; ``"boundary"`` on a boundary.

    Elsewhere the PBE is unique. The boundaries, where several PBE coexist, are ``r1 = r1^*`` (the Irresolute type
    is indifferent), ``r1 = 1`` (the US never moves, so its answer is off the path), and, for ``r1 < r1^*`` with
    low-yield weapons and ``r2 <= q^*``, ``rho = mu^*`` (the US is indifferent) and ``rho = 0`` (nobody escalates and
    the US's answer is off the path).

    Examples
    --------
    >>> region(), region(Params(low_yield=False)), region(Params(r1=Fraction(1, 2))), region(Params(r1=Fraction(1, 3)))
    ('answer_deters', 'escalation_works', 'risk_deters', 'boundary')
    >>> region(Params(rho=Fraction(1, 6))), region(Params(rho=0)), region(Params(rho=0, low_yield=False))
    ('boundary', 'boundary', 'escalation_works')
    """
    where = "region()"
    params = _check(params, where)
    require_numbers(params, where)
    v = _values(params)
    r1_star, q = risk_threshold(params), response_risk_limit(params)
    if v["r1"] == r1_star or v["r1"] == 1:
        return "boundary"
    if v["r1"] > r1_star:
        return "risk_deters"
    if params.low_yield and v["r2"] <= q:
        mu = (q - v["r2"]) / (1 - v["r2"])  # r2 <= q^* < 1
        if v["rho"] in (mu, 0):
            return "boundary"
        return "answer_deters" if v["rho"] < mu else "escalation_works"
    return "escalation_works"


def _hybrid(params: Params) -> bool:
    return bool(answer_deters(params))


def irresolute_escalation(params: Params = Params()) -> sympy.Expr:
    """The probability that the Irresolute type uses limited weapons in the PBE (numeric ``params``, off the boundaries).

    ``0`` where the risk deters (``r1 > r1^*``), ``1`` where escalation works, and
    ``sigma = rho (1 - mu^*)/((1 - rho) mu^*)`` where the answer deters (then the US's belief after limited use is
    exactly ``mu^*``).

    Examples
    --------
    >>> irresolute_escalation(), irresolute_escalation(Params(low_yield=False))
    (5/9, 1)
    """
    where = "irresolute_escalation()"
    params = _check(params, where)
    kind = region(params)
    if kind == "boundary":
        raise InvalidGameError(f"{where}: params must be off the boundaries r1 = r1^* and rho = mu^*; got {params!r}")
    if kind == "risk_deters":
        return sympy.S.Zero
    if kind == "escalation_works":
        return sympy.S.One
    v, mu = _values(params), belief_threshold(params)
    return sympy.cancel(v["rho"] * (1 - mu) / ((1 - v["rho"]) * mu))


def answer_probability(params: Params = Params()) -> sympy.Expr:
    """``x``: the probability that the US answers limited use in kind where the answer deters; 0 elsewhere.

    It leaves the Irresolute type indifferent between accepting defeat and limited use:
    ``x = (s_R - r1 c_R_irr - (1 - r1) l_R)/((1 - r1)(r2 c_R_irr + (1 - r2)(s_R + l_R) - l_R))``. Numeric ``params``,
    off the boundaries.

    Examples
    --------
    >>> answer_probability(), answer_probability(Params(rho=Fraction(1, 2)))
    (14/27, 0)
    """
    where = "answer_probability()"
    params = _check(params, where)
    irresolute_escalation(params)  # raises on a boundary
    if not _hybrid(params):
        return sympy.S.Zero
    v = _values(params)
    c = v["c_R_irr"]
    gain = v["s_R"] - v["r1"] * c - (1 - v["r1"]) * v["l_R"]
    return sympy.cancel(gain / ((1 - v["r1"]) * (v["r2"] * c + (1 - v["r2"]) * (v["s_R"] + v["l_R"]) - v["l_R"])))


def escalation_probability(params: Params = Params()) -> sympy.Expr:
    """The probability that Russia uses nuclear weapons at all: ``rho + (1 - rho) sigma`` (``rho/mu^*`` where the answer deters).

    Examples
    --------
    >>> escalation_probability(), escalation_probability(Params(low_yield=False))
    (3/5, 1)
    """
    params = _check(params, "escalation_probability()")
    v = _values(params)
    return sympy.cancel(v["rho"] + (1 - v["rho"]) * irresolute_escalation(params))


def war_probability(params: Params = Params()) -> sympy.Expr:
    """The probability of general nuclear war in the PBE (numeric ``params``, off the boundaries).

    Each type that escalates risks ``r1``; then the US answers with probability ``x`` (:func:`answer_probability`),
    which escalates with probability ``r2``, after which the Resolved type goes strategic and the Irresolute
    type backs down.

    Examples
    --------
    With the low-yield answer, Russia escalates less often (3/5 instead of 1) but general war is more likely:

    >>> war_probability(), war_probability(Params(low_yield=False))
    (13/100, 1/10)
    """
    params = _check(params, "war_probability()")
    v = _values(params)
    x = answer_probability(params)
    r1, r2 = v["r1"], v["r2"]
    resolved = r1 + (1 - r1) * x  # answered, the Resolved type goes strategic
    irresolute = irresolute_escalation(params) * (r1 + (1 - r1) * x * r2)
    return sympy.cancel(v["rho"] * resolved + (1 - v["rho"]) * irresolute)


def safer_answer_limit(params: Params = Params()) -> sympy.Expr:
    """The prior ``rho`` below which low-yield weapons make general nuclear war less likely (``r1 < r1^*``, ``mu^* > 0``).

    Where the answer deters, Russia escalates with probability ``rho/mu^*`` and each escalation ends in general war
    with probability ``r1 + (1 - r1) x q^*`` (answered, war follows with probability ``r2 + (1 - r2) mu^* = q^*``);
    without the answer, with probability ``r1``. So the answer lowers the risk of general war iff

    ``rho < mu^* r1/(r1 + (1 - r1) x q^*)``,

    and raises it between that bound and ``mu^*``. ``0`` where the answer never deters (``r1 >= r1^*`` or
    ``mu^* = 0``). Numeric ``params`` (``rho`` is not used).

    Examples
    --------
    >>> safer_answer_limit()
    1/13
    """
    where = "safer_answer_limit()"
    params = replace(_check(params, where), low_yield=True)
    require_numbers(params, where, free=("rho",))
    v = _values(params)
    mu = belief_threshold(params)
    if not (v["r1"] < risk_threshold(params) and mu > 0):
        return sympy.S.Zero
    x = answer_probability(replace(params, rho=mu / 2))  # x does not depend on rho
    return sympy.cancel(mu * v["r1"] / (v["r1"] + (1 - v["r1"]) * x * response_risk_limit(params)))


# --- reading the solved equilibria ----------------------------------------------------------------
def _actions(game: ExtensiveFormGame, equilibrium: Equilibrium) -> dict[str, dict[str, Any]]:
    """Information set label -> action -> probability, for both players."""
    out: dict[str, dict[str, Any]] = {}
    for player, profile in enumerate(equilibrium.profile):
        for h, probs in zip(game.infosets_of(player), profile, strict=True):
            out[game.infoset_labels[h]] = dict(zip(game.infoset_actions[h], probs, strict=True))
    return out


def region_of(game: ExtensiveFormGame, equilibrium: Equilibrium) -> str:
    """The region (a key of :data:`REGIONS`) an equilibrium of :func:`game` belongs to, by what it plays.

    ``"risk_deters"`` when the Irresolute type accepts defeat and the US would stop; ``"escalation_works"`` when
    it escalates for sure and the US stops for sure; ``"answer_deters"`` otherwise (it mixes, or the US answers).
    Numeric equilibria, or symbolic pure ones.

    Examples
    --------
    >>> result = solve(Params(rho=Fraction(1, 2)))
    >>> region_of(result.game, result[0])
    'escalation_works'
    """
    acts = _actions(game, equilibrium)
    use = sympy.sympify(acts["Irresolute"]["Limited use"])
    stop = sympy.sympify(acts["US"]["Stop"])
    if use == 0 and stop == 1:
        return "risk_deters"
    if use == 1 and stop == 1:
        return "escalation_works"
    return "answer_deters"


def _regime_region(game: ExtensiveFormGame, regime: Any) -> str:
    if not regime.equilibria:
        return "answer_deters"  # no pure PBE: the only one is mixed
    if len(regime.equilibria) > 1:
        return "boundary"
    return region_of(game, regime.equilibria[0])


def regions(result: SolveResult) -> dict[str, sympy.Basic]:
    """The regimes of a symbolic :func:`solve` grouped by what happens (keys of :data:`REGIONS`, and ``"boundary"``).

    The symbolic search lists pure PBE only: a regime with none is where the unique PBE is mixed
    (``"answer_deters"``; the tests check this against the numeric solver). Regimes with several PBE go to
    ``"boundary"``.

    Examples
    --------
    >>> rho, r1 = sympy.symbols("rho r1", nonnegative=True)
    >>> found = regions(solve(Params(rho=rho, r1=r1), assume=[rho > 0, rho < 1, r1 > 0, r1 < 1]))
    >>> found["risk_deters"], found["answer_deters"]
    ((r1 > 1/3) | (Eq(r1, 1/3) & (rho < 1/6)), (r1 < 1/3) & (rho < 1/6))
    """
    result = require_regimes(result, "regions()")
    grouped: dict[str, list[sympy.Basic]] = {name: [] for name in (*REGIONS, "boundary")}
    for regime in result.regimes:
        grouped[_regime_region(result.game, regime)].append(regime.conditions)
    return {name: sympy.Or(*conditions) for name, conditions in grouped.items()}


def _play(game: ExtensiveFormGame, equilibrium: Equilibrium) -> list[str]:
    acts = _actions(game, equilibrium)

    def pure(label: str) -> str:
        chosen = [a for a, x in acts[label].items() if sympy.sympify(x) == 1]
        return chosen[0] if chosen else "mixed"

    return [pure(label) for label in ("Resolved", "Irresolute", "US")]


def regime_table(result: SolveResult) -> str:
    """A markdown table of the regimes of a symbolic :func:`solve`: condition, each side's play, region.

    Examples
    --------
    >>> rho, r1 = sympy.symbols("rho r1", nonnegative=True)
    >>> print(regime_table(solve(Params(rho=rho, r1=r1), assume=[rho > 0, rho < 1, r1 > 0, r1 < 1])).splitlines()[2])
    | $\\rho \\geq \\frac{1}{6} \\wedge r_{1} < \\frac{1}{3}$ | Limited use | Limited use | Stop | escalation_works |
    """
    result = require_regimes(result, "regime_table()")
    rows = []
    for regime in result.regimes:
        plays = [_play(result.game, eq) for eq in regime.equilibria] or [["no pure PBE (mixed)"] * 3]
        cells = [" / ".join(p[k] for p in plays) for k in range(3)]
        rows.append([f"${sympy.latex(regime.conditions)}$", *cells, _regime_region(result.game, regime)])
    return markdown_table(["condition", "Resolved Russia", "Irresolute Russia", "US after limited use", "region"], rows)


# --- figures --------------------------------------------------------------------------------------
COLORS = {"risk_deters": "#56B4E9", "escalation_works": "#D55E00", "answer_deters": "#009E73"}
LABELS = {
    "risk_deters": "risk $r_1$ deters:\nIrresolute Russia\naccepts defeat",
    "escalation_works": "escalate to de-escalate\nworks: Russia\nescalates, US stops",
    "answer_deters": "answer\ndeters\nin part\n(mixed)",
}


def _symbols() -> tuple[sympy.Symbol, sympy.Symbol, sympy.Symbol]:
    return sympy.symbols("rho r1 r2", nonnegative=True)  # type: ignore[no-any-return]


def _interior(*symbols: sympy.Symbol) -> tuple[Any, ...]:
    return tuple(fact for s in symbols for fact in (s > 0, s < 1))


def _draw(ax: Any, found: Mapping[str, sympy.Basic], x: tuple[Any, ...], y: tuple[Any, ...], resolution: int, title: str) -> None:
    from gametheory.plotting import regime_map

    names = [name for name in REGIONS if found[name] is not sympy.false]
    regime_map(
        [found[n] for n in names],
        [LABELS[n] for n in names],
        x,
        y,
        resolution=resolution,
        ax=ax,
        colors=[COLORS[n] for n in names],
        title=title,
    )


def figure_regimes(params: Params = Params(), *, resolution: int = 300) -> Figure:
    """Two panels over (``rho``, ``r1``): what happens without and with low-yield weapons.

    Each panel is :func:`regions` of :func:`solve` with ``rho`` and ``r1`` symbolic (the other fields as given,
    numbers; ``params.low_yield`` is ignored). The dashed lines are ``r1 = r1^*`` and ``rho = mu^*``; the dot is
    ``params``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_regimes(resolution=60)
    >>> [ax.get_title() for ax in fig.axes]
    ['without low-yield weapons', 'with low-yield weapons']
    """
    where = "figure_regimes()"
    require_numbers(_check(params, where), where, free=("rho", "r1"))
    import matplotlib.pyplot as plt

    rho, r1, _ = _symbols()
    fig, axes = plt.subplots(1, 2, figsize=(11, 5.4), layout="constrained", sharey=True)
    r1_star = risk_threshold(params)
    for ax, low in zip(axes, (False, True), strict=True):
        symbolic = replace(params, rho=rho, r1=r1, low_yield=low)
        found = regions(solve(symbolic, assume=_interior(rho, r1)))
        _draw(ax, found, (rho, 0, 1), (r1, 0, 1), resolution, "with low-yield weapons" if low else "without low-yield weapons")
        ax.axhline(float(r1_star), color="black", linewidth=1, linestyle="--")
        ax.annotate(
            f"$r_1^* = {sympy.latex(r1_star)}$", (1, float(r1_star)), xytext=(-4, 4), textcoords="offset points", ha="right", fontsize=9
        )
        mu = belief_threshold(replace(params, low_yield=low))
        if low and mu > 0:
            ax.plot([float(mu)] * 2, [0, float(r1_star)], color="black", linewidth=1, linestyle="--")
            ax.annotate(f"$\\mu^* = {sympy.latex(mu)}$", (float(mu), 0), xytext=(4, 4), textcoords="offset points", fontsize=9)
            # the narrow region's label, placed away from the default point
            for text in [t for t in ax.texts if t.get_gid() == "regime-label" and t.get_text() == LABELS["answer_deters"]]:
                text.remove()
            y = float(r1_star) * (0.7 if float(params.r1) < float(r1_star) / 2 else 0.3)
            ax.text(float(mu) / 2, y, LABELS["answer_deters"], ha="center", va="center", fontsize=10)
        _defaults(ax, params.rho, params.r1)
        ax.set_xlabel(r"$\rho$: prior that Russia is Resolved")
    axes[0].set_ylabel(r"$r_1$: risk that limited use escalates to general war")
    axes[1].set_ylabel("")
    fig.suptitle(f"Escalate to de-escalate, with and without a proportionate answer ($r_2 = {sympy.latex(sympy.sympify(params.r2))}$)")
    return fig


def figure_answer(params: Params = Params(), *, resolution: int = 300) -> Figure:
    """Where the low-yield answer deters, over (``r2``, ``rho``), with low-yield weapons and ``params.r1``.

    The regions are :func:`regions` of :func:`solve` with ``rho`` and ``r2`` symbolic; the curve is
    ``rho = mu^*(r2)`` and the vertical line ``r2 = q^*``, from which the answer is too risky to make.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> figure_answer(resolution=60).axes[0].get_xlabel()
    '$r_2$: risk that a low-yield answer escalates to general war'
    """
    where = "figure_answer()"
    require_numbers(_check(params, where), where, free=("rho", "r2"))
    import matplotlib.pyplot as plt
    import numpy as np

    rho, _, r2 = _symbols()
    params = replace(params, low_yield=True)
    q = response_risk_limit(params)
    top = float(min(1, 2 * q))
    fig, ax = plt.subplots(figsize=(7.2, 5.6), layout="constrained")
    found = regions(solve(replace(params, rho=rho, r2=r2), assume=_interior(rho, r2)))
    _draw(ax, found, (r2, 0, top), (rho, 0, 1), resolution, None)  # type: ignore[arg-type]
    # our own region labels: the line r2 = q* would run through the automatic ones
    for text in [t for t in ax.texts if t.get_gid() == "regime-label"]:
        text.remove()
    mu0 = float(belief_threshold(replace(params, r2=0)))
    ax.text(float(q) / 5, mu0 / 5, "answer deters\nin part (mixed)", ha="center", va="center", fontsize=9)
    works = "escalate to de-escalate works:\n"
    ax.text(float(q) / 2, 0.6, works + "Russia is likely Resolved,\nso the US would stop", ha="center", va="center", fontsize=9)
    ax.text((float(q) + top) / 2, 0.6, works + "the answer is too risky\nto make, so the US stops", ha="center", va="center", fontsize=9)
    xs = np.linspace(0, float(q), 200)
    ax.plot(
        xs, (float(q) - xs) / (1 - xs), color="black", linewidth=1.6, linestyle="--", label=r"$\rho = \mu^*(r_2) = (q^* - r_2)/(1 - r_2)$"
    )
    ax.axvline(float(q), color="black", linewidth=1, linestyle=":", label=f"$r_2 = q^* = {sympy.latex(q)}$")
    _defaults(ax, params.r2, params.rho)
    ax.set_xlabel(r"$r_2$: risk that a low-yield answer escalates to general war")
    ax.set_ylabel(r"$\rho$: prior that Russia is Resolved")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, fontsize=9)
    ax.set_title(f"When does a proportionate answer deter? ($r_1 = {sympy.latex(sympy.sympify(params.r1))}$)")
    return fig


def figure_risks(params: Params = Params(), *, points: int = 121) -> Figure:
    """The probability of nuclear use and of general nuclear war against ``rho``, with and without low-yield weapons.

    From the closed forms :func:`escalation_probability` and :func:`war_probability` (checked against the solver in
    the tests) at ``points`` values of ``rho`` in ``(0, 1)`` (up to ``3 mu^*`` when ``mu^* < 1/3``: beyond ``mu^*`` the
    two games agree); the lines break where the region changes.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> figure_risks(points=21).axes[0].get_ylabel()
    'probability'
    """
    where = "figure_risks()"
    require_numbers(_check(params, where), where, free=("rho",))
    import matplotlib.pyplot as plt
    import numpy as np

    mu = belief_threshold(replace(params, low_yield=True))
    right = min(Fraction(1), 3 * Fraction(str(mu))) if mu > 0 else Fraction(1)
    grid = [right * Fraction(k, points + 1) for k in range(1, points + 1)]
    fig, ax = plt.subplots(figsize=(7.2, 5.0), layout="constrained")
    # without: thick and light underneath; with: thin on top, so that where they agree both show
    styles = {False: ("#E69F00", 5.0, "no low-yield weapons"), True: ("#009E73", 2.0, "with low-yield weapons")}
    for low in (False, True):
        color, width, name = styles[low]
        points_of: list[tuple[str, float, float, float]] = []
        for rho in grid:
            p = replace(params, rho=rho, low_yield=low)
            kind = region(p)
            if kind != "boundary":
                points_of.append((kind, float(rho), float(escalation_probability(p)), float(war_probability(p))))
        xs, use, war = (np.array([pt[k] for pt in points_of]) for k in (1, 2, 3))
        breaks = [i for i in range(1, len(points_of)) if points_of[i][0] != points_of[i - 1][0]]
        xs, use, war = (np.insert(a, breaks, np.nan) for a in (xs, use, war))
        ax.plot(xs, use, color=color, linewidth=width, solid_capstyle="butt", label=f"Russia uses nuclear weapons, {name}")
        ax.plot(xs, war, color=color, linewidth=width, linestyle=(0, (4, 2)), label=f"general nuclear war, {name}")
    if mu > 0:
        ax.axvline(float(mu), color="#777777", linewidth=0.8, linestyle=":")
        ax.annotate(f"$\\mu^* = {sympy.latex(mu)}$", (float(mu), 0.5), xytext=(4, 0), textcoords="offset points", fontsize=9)
    ax.set_xlim(0, float(right))
    ax.set_ylim(0, 1.05)
    ax.set_xlabel(r"$\rho$: prior that Russia is Resolved")
    ax.set_ylabel("probability")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=1, frameon=False, fontsize=9)
    r1, r2 = (sympy.latex(sympy.sympify(x)) for x in (params.r1, params.r2))
    ax.set_title(f"Fewer nuclear uses, more general war ($r_1 = {r1}$, $r_2 = {r2}$)")
    return fig


def _defaults(ax: Any, x: Any, y: Any) -> None:
    """Mark the default point, labelled."""
    ax.plot([float(x)], [float(y)], "o", color="black", markersize=5)
    ax.annotate("defaults", (float(x), float(y)), xytext=(-4, 3), textcoords="offset points", ha="right", va="bottom", fontsize=8)


# --- outputs --------------------------------------------------------------------------------------
def reproduce(output: Path) -> list[Path]:
    """Write the two regime figures and a table of thresholds and regimes into ``output``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in reproduce(Path(folder))]
    ['escalation_ladder-regimes.png', 'escalation_ladder-answer.png', 'escalation_ladder-risks.png', 'escalation_ladder-tables.md']
    """
    figures: dict[str, Callable[[], Figure]] = {"regimes": figure_regimes, "answer": figure_answer, "risks": figure_risks}
    return write_outputs(output, "escalation_ladder", figures, _tables)


def _tables() -> str:
    params = Params()
    rho, r1, _ = _symbols()
    rows: list[Sequence[Any]] = [
        ["risk threshold $r_1^*$", risk_threshold(params)],
        ["largest risk of war the US accepts to answer, $q^*$", response_risk_limit(params)],
        [f"belief threshold $\\mu^*$ at $r_2 = {params.r2}$", belief_threshold(params)],
    ]
    for low in (False, True):
        p = replace(params, low_yield=low)
        name = "with" if low else "without"
        rows += [
            [f"region, {name} low-yield weapons", region(p)],
            [f"P(Russia uses nuclear weapons), {name}", escalation_probability(p)],
            [f"P(the US answers in kind, after contained limited use), {name}", answer_probability(p)],
            [f"P(general nuclear war), {name}", war_probability(p)],
        ]
    symbolic = replace(params, rho=rho, r1=r1)
    lines = [
        "# Escalate to de-escalate: an escalation ladder",
        "",
        "Our synthesis after Powell (1987; 1990, ch. 2-3); defaults of `Params()`.",
        "",
        markdown_table(["quantity", "value"], rows),
        "",
        "## Regimes over (rho, r1), with low-yield weapons",
        "",
        regime_table(solve(symbolic, assume=_interior(rho, r1))),
        "",
    ]
    return "\n".join(lines)
