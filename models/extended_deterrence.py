r"""Would the US trade New York for Vilnius? Extended deterrence as a signaling game with a tripwire.

A defender (the US) has promised to protect a protégé (Vilnius, Prague,
Tokyo). A challenger (Russia) does not know whether the promise is real:
whether the US, once the protégé is attacked, would fight for it or concede
it. Bowen (2022) asks how to make Putin believe the US would "trade New York
for Vilnius"; Bradley (2024) asks the same question of "Boston for Prague"
and adds that the *ally* wants certainty where deterrence thrives on doubt.
This module states the question as a signaling game in the tradition of
Zagare and Kilgour's perfect-deterrence models with incomplete information,
solves it with the library's perfect Bayesian equilibrium solver, and checks
the thresholds derived by hand against the solver.

The game
--------
Nature draws the US's type: *Hard* with prior probability ``p`` (the US's
*credibility*: it fights for the protégé if attacked) or *Soft* with
``1 - p`` (it concedes). The US, knowing its type, *Commits* (deploys a
tripwire force or a forward nuclear posture) or *Stays silent*. A
commitment costs ``m`` in peacetime, challenged or not (the troops, the
bases, the political capital: Fearon's "sinking costs"). Russia sees the
message, not the type, and *Challenges* or does not. If it does not, the
status quo holds (0 for both, less ``m`` for a US that committed). If it
challenges:

* a Hard US resists: conflict, ``-c_H`` for the US, ``-w`` for Russia;
* a Soft US that stayed silent concedes: the US loses ``s``, Russia gains ``g``;
* a Soft US that committed is dragged into conflict by the tripwire with
  probability ``r`` (Schelling's threat that leaves something to chance:
  ``-c_S`` for the US, ``-w`` for Russia); otherwise it concedes and pays,
  on top of ``s``, the cost ``k`` of backing down from a public commitment
  (Fearon's "tying hands", the audience cost): ``-(s + k)`` for the US,
  ``g`` for Russia.

Payoffs (US, Russia); the Defender's response to a challenge is fixed by
its type and folded into the payoffs::

                          not challenged   challenged
    Hard, silent             (0, 0)        (-c_H, -w)
    Hard, committed          (-m, 0)       (-c_H - m, -w)
    Soft, silent             (0, 0)        (-s, g)
    Soft, committed          (-m, 0)       (-L - m, (1 - r) g - r w),  L = r c_S + (1 - r)(s + k)

The model assumes ``s + k <= c_S`` (the Soft type concedes even after
committing: the tripwire cost does not turn it Hard), ``s, g, w, c_H > 0``,
``k, m >= 0`` and ``p, r`` in ``[0, 1]``. So ``L >= s``: a commitment that is
called costs the Soft type more than silence, with equality only when ``k =
r = 0``. ``s`` is what the *Soft* US loses by conceding; the Hard US never
concedes (its own stake, which exceeds ``c_H``, is implicit), so ``c_H`` and
``s`` may stand in either order. With ``m = 0`` the game is the
tying-hands-only game of the first version of this module.

Thresholds (derived by hand; the tests check them against the solver)
--------------------------------------------------------------------
After silence Russia believes the US Hard with probability ``mu`` and
challenges iff ``mu < mu^*``, the *credibility that deters by itself*:

.. math:: \mu^* = \frac{g}{g + w}.

After a commitment it challenges iff ``mu < mu_C``, the *credibility a
commitment needs*:

.. math:: \mu_C = \frac{(1 - r) g - r w}{(1 - r)(g + w)} \le \mu^*,

and when ``r >= \bar r = g/(g + w)`` (``mu_C = 0``) the tripwire deters by
itself. If Russia challenges a commitment with probability ``x_C`` and
silence with ``x_Q``, a Hard US commits iff ``m + x_C c_H <= x_Q c_H`` and a
Soft US iff ``m + x_C L <= x_Q s``. For ``0 < p < 1`` and ``m > 0`` the
equilibria (the solver finds all of them; the tests check each condition)
are:

* **deterrence** (``p >= mu^*``): nobody commits and Russia does not
  challenge; credibility alone deters. (For ``p > mu^*``, ``s <= c_H`` and
  ``m < c_H`` there is also an equilibrium in which the Hard US commits
  sometimes and silence is challenged with probability ``m/c_H``.)
* **bluff** (``p >= mu_C`` and ``m <= min(c_H, s)``): both types commit and
  Russia does not challenge; a silent US would be taken for Soft.
* **separating** (``s <= m <= c_H``, whatever ``p``, ``r`` or ``k``): the
  Hard US commits, the Soft US stays silent, Russia challenges silence and
  not commitments. The commitment is informative because it is costly: the
  Hard US would rather pay ``m`` than fight, the Soft US would rather be
  challenged and concede than pay ``m``. It needs ``s <= c_H``.
* **hybrid** (``0 < p < mu_C`` and ``m <= \hat m``): the Hard US commits,
  the Soft US commits with probability

  .. math:: \sigma = \frac{p (1 - \mu_C)}{(1 - p) \mu_C}

  (so that Russia's belief after a commitment is ``mu_C``), Russia
  challenges a commitment with probability ``x_C = (s - m)/L`` (which makes
  the Soft type indifferent) and silence for sure. The Hard US prefers this
  to being challenged iff ``m (L - c_H) <= c_H (L - s)``, so

  .. math:: \hat m = s \text{ if } c_H \ge s, \quad \hat m = \frac{c_H (L - s)}{L - c_H} < c_H \text{ if } c_H < s.

* a second **hybrid**, where the tripwire deters by itself (``r >= \bar r``,
  ``c_H <= s``, ``0 < m <= s``, ``0 < p < mu^*``): the Hard US stays silent,
  the Soft US commits with probability ``1 - p(1 - mu^*)/((1 - p) mu^*)``,
  commitments are never challenged and silence is challenged with
  probability ``x_Q = m/s``, which makes the Soft US indifferent; a Hard US
  then expects to lose ``m c_H/s <= m``, so it does not commit. It is
  selected only where ``c_H < m`` (below, the bluff has no challenge).
* **attack** (``p <= mu^*`` and either ``r <= \bar r`` or ``m >= max(c_H,
  s)``): nobody commits and Russia challenges, held up (when ``r <= \bar
  r``) by Russia reading any commitment as a bluff.

(Also, where ``c_H < s``, ``r < \bar r`` and ``mu_C < p < mu^*``, an
equilibrium in which both types mix and Russia mixes after both messages;
it exists only where the bluff does, and is never selected. With ``m = 0``
and ``r >= \bar r`` the Soft type alone may commit, for free, since the
tripwire deters by itself.)

Which equilibrium? We select the equilibrium with the **least probability of
challenge** (over every PBE: the probability is bilinear in the two players'
strategies, so its minimum over each convex set of equilibria is at one of
the extreme equilibria the solver reports); among those, the one the Defender
likes best (with ``m > 0``, "deterrence" beats "bluff", which costs ``m``).
Each Defender type likes it at least as well as any other equilibrium
(tested), except where the bluff and the second hybrid coexist (``r >= \bar
r``, ``c_H < s``, ``0 < m <= c_H``, ``0 < p < mu^*``): there a Hard US would
rather stay silent and be challenged with probability ``m/s`` than pay ``m``
for the bluff, at the price of more challenges. Its probability of challenge
is, in order of precedence,

* 0 in the deterrence and bluff families,
* ``1 - (p/mu_C)(1 - (s - m)/L)`` in the hybrid (``0 < p < mu_C``, ``m <= \hat m``),
* ``1 - p`` in the separating family (``s <= m <= c_H``): Russia challenges
  exactly the Soft US, whose silence gives it away,
* ``(p/mu^*)(m/s)`` in the second hybrid (``r >= \bar r``, ``c_H < m <= s``),
* 1 otherwise (attack).

It never rises with ``k`` or ``r``, and never with ``p`` except in the second
hybrid, where a more credible US is challenged more often: more Hard types
stay silent, so more Soft types can hide among them, and Russia challenges
silence at the rate ``m/s`` that keeps the Soft type indifferent. In ``m``,
the sinking cost, it falls (weakly) up to ``\hat m`` and rises (weakly)
after: the commitment that deters best is the costliest one a Soft US still
bluffs with. Past ``s`` (if ``s < c_H``) commitments become fully
informative, the separating family, and Russia challenges every Soft US:
``1 - p``, more than at ``m = s``. Past ``max(c_H, s)`` nobody commits.

How the library derives it
--------------------------
:func:`game` builds the tree with :func:`gametheory.signaling_game`;
:func:`solve` solves it with ``gametheory.solve(game, method="pbe")``
(every PBE with its beliefs; regimes when fields are sympy symbols);
:func:`regions` groups the regimes into the families above by the selected
equilibrium, :func:`attack_region` marks where an attack equilibrium exists.
:func:`belief_threshold`, :func:`commitment_threshold`,
:func:`escalation_threshold`, :func:`pooling_cost_limit`,
:func:`hybrid_cost_limit`, :func:`separating_window`,
:func:`bluff_probability`, :func:`probe_probability`,
:func:`silence_probe_probability`, :func:`challenge_probability` and
:func:`family` are the closed forms above.

What is ours
------------
The game is a simplified version of Zagare and Kilgour's games of unilateral
deterrence with incomplete information (2000, ch. 6-7): there the Defender's
resolve is also private and the Challenger's decision to challenge depends on
its beliefs about the Defender's type, but the Defender's response is a move
and the Challenger can back down; here the response is folded into the
payoffs, the signal is a commitment before the crisis that both ties hands
(``k``, paid only if the bluff is called) and sinks costs (``m``, paid
anyway), after Fearon (1997), and the chance escalation is Schelling's. The
family names borrow Zagare and Kilgour's (deterrence, bluff, attack,
separating, hybrid equilibria); what each means here is defined above. The
parametrization and the default numbers are ours, chosen so that every
family occurs over ``(p, r)`` and ``(p, m)``. There is no move by the
protégé.

Defaults
--------
``s = 2``, ``g = 3``, ``w = 5``, ``c_H = 4``, ``c_S = 10``, ``k = 2``,
``r = 1/10``, ``m = 1``, ``p = 1/3``: ``mu^* = \bar r = 3/8``, ``mu_C =
11/36``, ``L = 23/5``, ``x_C = 5/23``, ``\hat m = s = 2``, separating window
``[2, 4]``. At ``p = 1/3`` the commitment deters, but only because the Soft
US bluffs (the bluff family); with ``m = 3`` the commitments separate.

Sources
-------
Zagare, F. C. & Kilgour, D. M. (2000). *Perfect Deterrence*. Cambridge University Press, ch. 6-7.
Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University Press, ch. 8.
Fearon, J. D. (1997). "Signaling Foreign Policy Interests: Tying Hands versus Sinking Costs".
*Journal of Conflict Resolution* 41(1), 68-90.
Bowen, T. (2022). "Russia's Invasion of Ukraine and NATO's Crisis of Nuclear Credibility". *War on the Rocks*, 20 April 2022.
Bradley, J. (2024). Extended deterrence and the assurance gap. *Joint Force Quarterly* 112.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sympy

import gametheory
from gametheory import Equilibrium, ExtensiveFormGame, InvalidGameError, SolveResult, signaling_game

from ._common import (
    Value,
    check_params,
    markdown_table,
    require_numbers,
    require_order,
    require_probability,
    require_regimes,
    values,
    write_outputs,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FAMILIES",
    "Params",
    "attack_region",
    "belief_threshold",
    "bluff_probability",
    "called_bluff_cost",
    "challenge_probabilities",
    "challenge_probability",
    "commitment_threshold",
    "escalation_threshold",
    "family",
    "figure_challenge",
    "figure_regions",
    "game",
    "hybrid_cost_limit",
    "least_challenge",
    "pooling_cost_limit",
    "probe_probability",
    "regime_table",
    "regions",
    "reproduce",
    "separating_window",
    "silence_probe_probability",
    "solve",
]

PLAYERS = ("US", "Russia")
TYPES = ("Hard", "Soft")
MESSAGES = ("Commit", "Stay silent")
RESPONSES = ("Challenge", "Not challenge")

#: The equilibrium families, named by the selected (least-challenge) equilibrium; see :func:`regions`.
FAMILIES: dict[str, str] = {
    "deterrence": "credibility alone deters: no challenge, with or without a commitment",
    "bluff": "both types commit and Russia does not challenge: the Soft US's bluff is never called",
    "separating": "only the Hard US commits; Russia challenges silence, never a commitment",
    "hybrid": "one type commits sometimes; Russia challenges with a probability strictly between 0 and 1",
    "attack": "Russia challenges for sure",
}


# --- parameters -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Params:
    """The payoffs and probabilities of the extended-deterrence game; any field may be a sympy symbol.

    The names are ours (module docstring); the status quo is worth 0 to both sides.

    Attributes
    ----------
    p
        Credibility: the prior probability that the US is Hard (default 1/3).
    s
        The stake: what a Soft US loses when it concedes the protégé (default 2).
    g
        Russia's gain from a challenge the US concedes (default 3).
    w
        Russia's cost of conflict (default 5).
    c_H, c_S
        The cost of conflict to a Hard US (default 4, above ``s``, so that commitments can separate the types)
        and to a Soft US (default 10, at least ``s + k``).
    k
        The tripwire cost: what a US that committed and then concedes pays on top of the stake (default 2).
    r
        Chance escalation: the probability that a committed Soft US is dragged into conflict when challenged (default 1/10).
    m
        The sinking cost: what a commitment costs in peacetime, paid by either type whether or not Russia
        challenges (default 1; ``m = 0`` is the tying-hands-only game).

    Raises
    ------
    InvalidGameError
        A value that is not exact, a probability outside [0, 1], or an ordering the model assumes
        (``s + k <= c_S``, ``s, g, w, c_H > 0``, ``k, m >= 0``) that is provably false.

    Examples
    --------
    >>> Params().p, Params(p=Fraction(1, 2)).p
    (Fraction(1, 3), Fraction(1, 2))
    >>> Params(m=-1)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: Params(): the model needs zero <= m (the tripwire and sinking costs are not negative); got zero = 0, m = -1
    """

    p: Value = Fraction(1, 3)
    s: Value = 2
    g: Value = 3
    w: Value = 5
    c_H: Value = 4
    c_S: Value = 10
    k: Value = 2
    r: Value = Fraction(1, 10)
    m: Value = 1

    def __post_init__(self) -> None:
        x = values(self)
        require_probability(x, "p", "r")
        x = {**x, "zero": sympy.S.Zero, "s + k": x["s"] + x["k"]}
        require_order(x, [("zero", "s"), ("zero", "g"), ("zero", "w"), ("zero", "c_H")], why=" (gains and costs are positive)")
        require_order(x, [("zero", "k"), ("zero", "m")], strict=False, why=" (the tripwire and sinking costs are not negative)")
        require_order(x, [("s + k", "c_S")], strict=False, why=" (a Soft US concedes even after committing)")


def _check(params: Any, where: str) -> Params:
    return check_params(params, Params, where)  # type: ignore[no-any-return]


# --- the game -------------------------------------------------------------------------------------
def called_bluff_cost(params: Params = Params()) -> sympy.Expr:
    """``L = r c_S + (1 - r)(s + k)``: what a Soft US that committed loses when challenged.

    Examples
    --------
    >>> called_bluff_cost()
    23/5
    """
    x = values(_check(params, "called_bluff_cost()"))
    return sympy.expand(x["r"] * x["c_S"] + (1 - x["r"]) * (x["s"] + x["k"]))


def game(params: Params = Params()) -> ExtensiveFormGame:
    """The signaling game: Nature draws the US's type, the US commits (at cost ``m``) or stays silent, Russia challenges or not.

    Built with :func:`gametheory.signaling_game`; symbolic when any field is a sympy symbol.

    Examples
    --------
    >>> g = game()
    >>> g.players, g.infoset_labels
    (('US', 'Russia'), ('Hard', 'Soft', 'Commit', 'Stay silent', 'chance:1'))
    >>> g.terminal_payoffs(g.node_labels.index("Soft,Commit,Challenge"))
    (Fraction(-28, 5), Fraction(11, 5))
    >>> g.terminal_payoffs(g.node_labels.index("Hard,Commit,Not challenge"))
    (-1, 0)
    """
    x = values(_check(params, "game()"))
    lost = called_bluff_cost(params)

    def payoffs(t: str, message: str, a: str) -> tuple[sympy.Expr, sympy.Expr]:
        sunk = x["m"] if message == "Commit" else sympy.S.Zero  # paid whether or not Russia challenges
        if a == "Not challenge":
            return -sunk, sympy.S.Zero
        if t == "Hard":
            return -x["c_H"] - sunk, -x["w"]
        if message == "Stay silent":
            return -x["s"], x["g"]
        return -lost - sunk, sympy.expand((1 - x["r"]) * x["g"] - x["r"] * x["w"])

    return signaling_game(
        TYPES, [x["p"], 1 - x["p"]], MESSAGES, RESPONSES, payoffs, players=PLAYERS, title="Would the US trade New York for Vilnius?"
    )


def solve(params: Params = Params(), *, assume: Iterable[Any] = ()) -> SolveResult:
    """Every perfect Bayesian equilibrium of :func:`game` (regimes over the symbolic fields, if any).

    ``assume`` goes to the solver: facts about the symbolic fields. Open bounds such as ``0 < p < 1`` drop the
    edges of the square and make the two-symbol solve about twice as fast (the figures use them).

    Examples
    --------
    At the defaults either both types commit and Russia does not challenge (it would challenge silence, off the
    path, with probability 1 or 1/2), or nobody commits and Russia challenges (it would challenge a commitment,
    off the path, with probability 1 or 3/4):

    >>> result = solve()
    >>> len(result), result.details["kinds"]
    (4, ('pooling', 'pooling', 'pooling', 'pooling'))
    >>> least_challenge(result)
    0

    With ``p`` symbolic the regimes split the credibility axis at ``mu_C = 11/36`` and ``mu^* = 3/8``:

    >>> p = sympy.Symbol("p", nonnegative=True)
    >>> regions(solve(Params(p=p)))["hybrid"]
    (0 < p) & (p < 11/36)
    """
    params = _check(params, "solve()")
    return _solve(params, tuple(assume))


@functools.lru_cache(maxsize=32)
def _solve(params: Params, assume: tuple[Any, ...]) -> SolveResult:
    # results are immutable: figures, tables and tests share the (symbolic, slower) solves
    return gametheory.solve(game(params), method="pbe", assume=assume)


# --- closed forms ---------------------------------------------------------------------------------
def belief_threshold(params: Params = Params()) -> sympy.Expr:
    """``mu^* = g/(g + w)``: the belief (that the US is Hard) at which Russia is indifferent about challenging silence.

    Examples
    --------
    >>> belief_threshold()
    3/8
    """
    x = values(_check(params, "belief_threshold()"))
    return sympy.cancel(x["g"] / (x["g"] + x["w"]))


def escalation_threshold(params: Params = Params()) -> sympy.Expr:
    """``r_bar = g/(g + w)``: the chance of escalation from which a commitment deters whatever Russia believes.

    It equals :func:`belief_threshold`: a tripwire deters by itself once the chance that it drags a Soft US in
    is as large as the credibility that would deter without it.

    Examples
    --------
    >>> escalation_threshold()
    3/8
    """
    return belief_threshold(_check(params, "escalation_threshold()"))


def commitment_threshold(params: Params = Params()) -> sympy.Expr:
    """``mu_C = max(0, ((1 - r) g - r w)/((1 - r)(g + w)))``: the credibility at which a commitment deters.

    ``0`` when ``r >= r_bar`` (:func:`escalation_threshold`): the tripwire then deters by itself.

    Examples
    --------
    >>> commitment_threshold(), commitment_threshold(Params(r=Fraction(1, 2)))
    (11/36, 0)
    >>> commitment_threshold(Params(r=sympy.Symbol("r", nonnegative=True)))
    Max(0, (8*r - 3)/(8*(r - 1)))
    """
    x = values(_check(params, "commitment_threshold()"))
    if x["r"] == 1:
        return sympy.S.Zero
    value = sympy.factor(sympy.cancel(((1 - x["r"]) * x["g"] - x["r"] * x["w"]) / ((1 - x["r"]) * (x["g"] + x["w"]))))
    return sympy.Max(0, value)


def pooling_cost_limit(params: Params = Params()) -> sympy.Expr:
    """``min(c_H, s)``: the largest sinking cost ``m`` at which both types commit (the bluff family, for ``p >= mu_C``).

    Examples
    --------
    >>> pooling_cost_limit(), pooling_cost_limit(Params(c_H=1))
    (2, 1)
    """
    x = values(_check(params, "pooling_cost_limit()"))
    return sympy.Min(x["c_H"], x["s"])


def hybrid_cost_limit(params: Params = Params()) -> sympy.Expr:
    r"""``\hat m``: the largest sinking cost at which the hybrid exists, and the one that deters best.

    ``s`` when ``c_H >= s``; ``c_H (L - s)/(L - c_H)`` (below ``c_H``) when ``c_H < s``: past it a Hard US, whose
    commitments are probed with probability ``(s - m)/L``, would rather stay silent and fight. The
    least-challenge probability falls (weakly) as ``m`` rises to ``\hat m`` and rises (weakly) past it.

    Examples
    --------
    >>> hybrid_cost_limit(), hybrid_cost_limit(Params(c_H=1))
    (2, 13/18)
    """
    params = _check(params, "hybrid_cost_limit()")
    x = values(params)
    lost = called_bluff_cost(params)
    below = sympy.cancel(x["c_H"] * (lost - x["s"]) / (lost - x["c_H"])) if sympy.simplify(lost - x["c_H"]) != 0 else x["s"]
    return sympy.Piecewise((x["s"], sympy.Ge(x["c_H"], x["s"])), (below, True))


def separating_window(params: Params = Params()) -> tuple[sympy.Expr, sympy.Expr]:
    """``(s, c_H)``: a separating equilibrium (only the Hard US commits) exists iff ``s <= m <= c_H`` (for ``0 < p < 1``).

    The Soft US would rather be challenged and concede (``s``) than pay ``m``; the Hard US would rather pay ``m`` than
    fight (``c_H``). Empty when ``c_H < s``.

    Examples
    --------
    >>> separating_window()
    (2, 4)
    """
    x = values(_check(params, "separating_window()"))
    return x["s"], x["c_H"]


def probe_probability(params: Params = Params()) -> sympy.Expr:
    """``x_C = (s - m)/L``: how often Russia challenges a commitment in the hybrid (the Soft US is then indifferent).

    Meaningful for ``m <= s``, where the hybrid exists.

    Examples
    --------
    >>> probe_probability(), probe_probability(Params(m=0))
    (5/23, 10/23)
    """
    x = values(_check(params, "probe_probability()"))
    return sympy.cancel((x["s"] - x["m"]) / called_bluff_cost(params))


def silence_probe_probability(params: Params = Params()) -> sympy.Expr:
    """``x_Q = m/s``: how often Russia challenges silence in the second hybrid (``r >= r_bar``, ``c_H < m <= s``).

    The Soft US, whose commitment the tripwire makes safe, is then indifferent between paying ``m`` and risking a
    challenge it would concede.

    Examples
    --------
    >>> silence_probe_probability(Params(c_H=1, m=Fraction(3, 2), r=Fraction(1, 2)))
    3/4
    """
    x = values(_check(params, "silence_probe_probability()"))
    return sympy.cancel(x["m"] / x["s"])


def bluff_probability(params: Params = Params()) -> sympy.Expr:
    """``sigma = p (1 - mu_C)/((1 - p) mu_C)``: how often the Soft US commits in the hybrid equilibrium (``p < mu_C``).

    Russia's belief after a commitment is then exactly ``mu_C``. ``1`` from ``p >= mu_C`` on (both types commit).

    Examples
    --------
    >>> bluff_probability(Params(p=Fraction(1, 5)))
    25/44
    """
    x = values(_check(params, "bluff_probability()"))
    mu = commitment_threshold(params)
    if sympy.Ge(x["p"], mu) is sympy.true:
        return sympy.S.One
    return sympy.factor(sympy.cancel(x["p"] * (1 - mu) / ((1 - x["p"]) * mu)))


def _first(cases: Sequence[tuple[Any, Any]]) -> sympy.Expr:
    """The value of the first case whose condition holds; a ``Piecewise`` from the first undecided one on.

    ``cases`` are ``(condition, value)`` with ``value`` a function, called only if its case can hold (some values
    divide by zero where their condition is false).
    """
    undecided: list[tuple[sympy.Expr, sympy.Basic]] = []
    for condition, value in cases:
        condition = sympy.sympify(condition)
        if condition is sympy.false:
            continue
        if condition is sympy.true and not undecided:
            return sympy.factor(sympy.cancel(value()))
        undecided.append((sympy.factor(sympy.cancel(value())), condition))
        if condition is sympy.true:
            break
    return sympy.Piecewise(*undecided)


def challenge_probability(params: Params = Params()) -> sympy.Expr:
    """The probability of a challenge in the least-challenge equilibrium, by the closed forms (module docstring).

    0 (deterrence, bluff); ``1 - (p/mu_C)(1 - (s - m)/L)`` (hybrid); ``1 - p`` (separating); ``(p/mu^*)(m/s)``
    (the second hybrid); 1 (attack), in that order of precedence. A ``Piecewise`` when fields are symbolic. The
    tests check it against :func:`least_challenge`.

    Examples
    --------
    >>> challenge_probability(), challenge_probability(Params(p=Fraction(1, 5)))
    (0, 617/1265)
    >>> challenge_probability(Params(m=3)), challenge_probability(Params(m=5))
    (2/3, 1)
    """
    params = _check(params, "challenge_probability()")
    x = values(params)
    p, s, m, c_h = x["p"], x["s"], x["m"], x["c_H"]
    mu_star, mu_c, r_bar = belief_threshold(params), commitment_threshold(params), escalation_threshold(params)
    return _first(
        [
            (sympy.Or(sympy.Ge(p, mu_star), sympy.And(sympy.Ge(p, mu_c), sympy.Le(m, pooling_cost_limit(params)))), lambda: 0),
            (
                sympy.And(sympy.Gt(mu_c, 0), sympy.Gt(p, 0), sympy.Lt(p, mu_c), sympy.Le(m, hybrid_cost_limit(params))),
                lambda: 1 - p / mu_c * (1 - probe_probability(params)),
            ),
            (sympy.And(sympy.Le(s, m), sympy.Le(m, c_h)), lambda: 1 - p),
            (sympy.And(sympy.Ge(x["r"], r_bar), sympy.Lt(c_h, m), sympy.Le(m, s)), lambda: p / mu_star * m / s),
            (sympy.true, lambda: 1),
        ]
    )


def family(params: Params = Params()) -> str:
    """The family (a key of :data:`FAMILIES`) of the least-challenge equilibrium at numeric ``params``, by the closed forms.

    Examples
    --------
    >>> [family(Params(p=p)) for p in (0, Fraction(1, 5), Fraction(1, 3), Fraction(1, 2))]
    ['attack', 'hybrid', 'bluff', 'deterrence']
    >>> [family(Params(m=m)) for m in (0, 2, 3, 4, 5)]
    ['bluff', 'bluff', 'separating', 'separating', 'attack']
    """
    params = _check(params, "family()")
    require_numbers(params, "family()")
    if params.p >= belief_threshold(params):
        return "deterrence"
    chance = challenge_probability(params)
    if chance in (0, 1):
        return "bluff" if chance == 0 else "attack"
    low, high = separating_window(params)
    # at m = s the hybrid (or the bluff) challenges less than the separating equilibrium: separation is selected past s
    return "separating" if low < params.m <= high else "hybrid"


# --- reading the solver's equilibria --------------------------------------------------------------
def _strategies(game: ExtensiveFormGame, equilibrium: Equilibrium) -> dict[str, dict[str, Any]]:
    """Information set label -> {action: probability}."""
    out = {}
    for player, profile in enumerate(equilibrium.profile):
        for h, probs in zip(game.infosets_of(player), profile, strict=True):
            out[game.infoset_labels[h]] = dict(zip(game.infoset_actions[h], probs, strict=True))
    return out


def _prior(game: ExtensiveFormGame) -> dict[str, Any]:
    root = game.infoset_labels.index("chance:1")
    probs = game.chance_probs[root]
    assert probs is not None
    return dict(zip(game.infoset_actions[root], probs, strict=True))


def _challenge(game: ExtensiveFormGame, equilibrium: Equilibrium) -> Any:
    """The probability that Russia challenges on the path of ``equilibrium`` (an expression when symbolic)."""
    s = _strategies(game, equilibrium)
    prior = _prior(game)
    total = sum((prior[t] * s[t][m] * s[m]["Challenge"] for t in TYPES for m in MESSAGES), start=sympy.S.Zero)
    return sympy.factor(sympy.cancel(sympy.sympify(total)))


def challenge_probabilities(result: SolveResult) -> tuple[Any, ...]:
    """The probability of a challenge on the path of each equilibrium of a solved :func:`game`.

    Examples
    --------
    >>> challenge_probabilities(solve())
    (0, 0, 1, 1)
    """
    if not isinstance(result, SolveResult) or not isinstance(result.game, ExtensiveFormGame):
        raise InvalidGameError(f"challenge_probabilities(): result must be what solve() returns; got {result!r:.80}")
    return tuple(_challenge(result.game, eq) for eq in result)


def least_challenge(result: SolveResult) -> Any:
    """The least probability of a challenge over the equilibria of a numeric solve: the selected equilibrium's.

    Examples
    --------
    >>> least_challenge(solve(Params(p=Fraction(1, 5))))
    617/1265
    """
    return min(challenge_probabilities(result))


def _least(game: ExtensiveFormGame, equilibria: Sequence[Equilibrium], point: Mapping[Any, Any]) -> Any:
    """The least probability of challenge over ``equilibria``, compared at ``point``."""
    return min(sympy.sympify(_challenge(game, eq)).subs(point) for eq in equilibria)


def _family(game: ExtensiveFormGame, equilibria: Sequence[Equilibrium], point: Mapping[Any, Any]) -> str:
    chance = _least(game, equilibria, point)
    if chance == 1:
        return "attack"
    if chance != 0:
        for eq in equilibria:  # a least-challenge equilibrium in which only the Hard type commits
            s = _strategies(game, eq)
            commits = [sympy.sympify(s[t]["Commit"]).subs(point) for t in TYPES]
            if commits == [1, 0] and sympy.sympify(_challenge(game, eq)).subs(point) == chance:
                return "separating"
        return "hybrid"
    # no challenge: does it take a commitment? (is there an equilibrium where nobody commits and nobody challenges)
    for eq in equilibria:
        s = _strategies(game, eq)
        quiet = all(sympy.sympify(s[t]["Stay silent"]).subs(point) == 1 for t in TYPES)
        if quiet and sympy.sympify(_challenge(game, eq)).subs(point) == 0:
            return "deterrence"
    return "bluff"


def _tidy(condition: sympy.Basic) -> sympy.Basic:
    """A union of regimes in one symbol as a single interval condition where it is one (for reading)."""
    symbols = condition.free_symbols
    if len(symbols) != 1:
        return condition
    (symbol,) = symbols
    try:
        return condition.as_set().as_relational(symbol)
    except (NotImplementedError, TypeError):  # conditions sympy cannot turn into a set stay as they are
        return condition


def _witness(regime: Any, where: str) -> Mapping[Any, Any]:
    if regime.witness is None:
        raise InvalidGameError(f"{where}: a regime has no witness point to classify it by: {regime.conditions}")
    return regime.witness  # type: ignore[no-any-return]


def regions(result: SolveResult) -> dict[str, sympy.Basic]:
    """The regimes of a symbolic solve grouped by the family of the least-challenge equilibrium (keys of :data:`FAMILIES`).

    Each regime is classified at its witness point: ``"attack"`` if even the selected equilibrium has Russia
    challenge for sure; if it challenges with a probability strictly between 0 and 1, ``"separating"`` if in the
    selected equilibrium only the Hard type commits, ``"hybrid"`` otherwise; ``"deterrence"`` if there is no
    challenge and an equilibrium without any commitment also has none, ``"bluff"`` otherwise.

    Examples
    --------
    >>> p = sympy.Symbol("p", nonnegative=True)
    >>> found = regions(solve(Params(p=p)))
    >>> found["bluff"], found["deterrence"]
    ((11/36 <= p) & (p < 3/8), (3/8 <= p) & (p <= 1))
    """
    result = require_regimes(result, "regions()")
    grouped: dict[str, list[sympy.Basic]] = {name: [] for name in FAMILIES}
    for regime in result.regimes:
        grouped[_family(result.game, regime.equilibria, _witness(regime, "regions()"))].append(regime.conditions)
    return {name: _tidy(sympy.Or(*conds)) for name, conds in grouped.items()}


def _attack(game: ExtensiveFormGame, equilibria: Sequence[Equilibrium], point: Mapping[Any, Any]) -> bool:
    return any(sympy.sympify(_challenge(game, eq)).subs(point) == 1 for eq in equilibria)


def attack_region(result: SolveResult) -> sympy.Basic:
    """Where an equilibrium with a certain challenge exists (the attack equilibrium), from a symbolic solve.

    Examples
    --------
    >>> p = sympy.Symbol("p", nonnegative=True)
    >>> attack_region(solve(Params(p=p)))
    p <= 3/8
    """
    result = require_regimes(result, "attack_region()")
    found = [r.conditions for r in result.regimes if _attack(result.game, r.equilibria, _witness(r, "attack_region()"))]
    return _tidy(sympy.Or(*found))


def _describe(game: ExtensiveFormGame, equilibrium: Equilibrium) -> str:
    s = _strategies(game, equilibrium)

    def mix(probs: Mapping[str, Any], first: str) -> str:
        value = sympy.sympify(probs[first])
        return "yes" if value == 1 else "no" if value == 0 else f"${sympy.latex(value)}$"

    return (
        f"H {mix(s['Hard'], 'Commit')}, S {mix(s['Soft'], 'Commit')} / "
        f"C {mix(s['Commit'], 'Challenge')}, Q {mix(s['Stay silent'], 'Challenge')}"
    )


def regime_table(result: SolveResult) -> str:
    """A markdown table of a symbolic solve's regimes: condition, family, and each equilibrium in short.

    An equilibrium reads ``H <Hard commits?>, S <Soft commits?> / C <challenge a commitment?>, Q <challenge silence?>``.

    Examples
    --------
    >>> p = sympy.Symbol("p", nonnegative=True)
    >>> print(regime_table(solve(Params(p=p))).splitlines()[2])  # doctest: +NORMALIZE_WHITESPACE
    | $p > 0 \\wedge p < \\frac{11}{36}$ | hybrid | H no, S no / C yes, Q yes; H yes, S $- \\frac{25 p}{11 \\left(p - 1\\right)}$ /
    C $\\frac{5}{23}$, Q yes; H no, S no / C $\\frac{3}{4}$, Q yes |
    """
    result = require_regimes(result, "regime_table()")
    rows = []
    for regime in result.regimes:
        point = _witness(regime, "regime_table()")
        rows.append(
            [
                f"${sympy.latex(regime.conditions)}$",
                _family(result.game, regime.equilibria, point),
                "; ".join(_describe(result.game, eq) for eq in regime.equilibria),
            ]
        )
    return markdown_table(["condition", "family", "equilibria (H/S: commit; C/Q: challenge after commit/silence)"], rows)


# --- figures --------------------------------------------------------------------------------------
_COLORS = {"deterrence": "#009E73", "bluff": "#56B4E9", "separating": "#CC79A7", "hybrid": "#E69F00", "attack": "#D55E00"}
_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
_P_LABEL = "$p$: credibility (prior that the US is Hard)"
_M_LABEL = "$m$: peacetime cost of a commitment (sinking cost)"


def _interior(*symbols: sympy.Symbol) -> tuple[Any, ...]:
    # figures solve over open boxes: twice as fast, and the edges are not drawn anyway
    return tuple(fact for x in symbols for fact in (x > 0, x < 1))


def _m_top(params: Params) -> sympy.Expr:
    """The top of the ``m`` axis: a quarter above the last threshold, ``max(c_H, s)``."""
    x = values(params)
    return sympy.Rational(5, 4) * sympy.Max(x["c_H"], x["s"])


def _solve_pm(params: Params) -> tuple[SolveResult, sympy.Symbol, sympy.Symbol]:
    """The solve over credibility ``p`` and the sinking cost ``m`` that the figures share (cached by :func:`solve`)."""
    p, m = sympy.symbols("p m", positive=True)
    return solve(replace(params, p=p, m=m), assume=(p < 1, m < _m_top(params))), p, m


def _draw_regions(ax: Any, result: SolveResult, x: tuple[Any, float, float], y: tuple[Any, float, float], resolution: int) -> list[str]:
    """Fill the families of ``result`` over ``x`` and ``y``; hatch where the attack equilibrium exists too."""
    import numpy as np

    from gametheory.plotting import regime_map

    found = regions(result)
    names = [name for name in FAMILIES if found[name] is not sympy.false]
    regime_map([found[name] for name in names], names, x, y, resolution=resolution, ax=ax, colors=[_COLORS[name] for name in names])
    grid_x, grid_y = np.meshgrid(np.linspace(x[1], x[2], resolution), np.linspace(y[1], y[2], resolution))
    attack = np.broadcast_to(sympy.lambdify((x[0], y[0]), attack_region(result), "numpy")(grid_x, grid_y), grid_x.shape).astype(float)
    ax.contourf(grid_x, grid_y, attack, levels=[0.5, 1.5], colors="none", hatches=["////"])
    ax.contour(grid_x, grid_y, attack, levels=[0.5], colors="#8B3A00", linewidths=0.8)
    return names


def _legend(fig: Any, ax: Any, names: Sequence[str]) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=_COLORS[name], alpha=0.5, label=f"{name}: {FAMILIES[name]}") for name in names]
    handles.append(
        Patch(facecolor="none", edgecolor="#8B3A00", hatch="////", label="an attack equilibrium (Russia challenges for sure) exists too")
    )
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=9, frameon=False)


def figure_regions(params: Params = Params(), *, axes: tuple[str, str] = ("p", "r"), resolution: int = 300) -> Figure:
    """The equilibrium families over credibility ``p`` and chance escalation ``r``, or ``p`` and the sinking cost ``m``.

    The regions are :func:`regions` of :func:`solve` with the two fields of ``axes`` symbolic (``("p", "r")``
    over ``0 < p, r < 1``; ``("p", "m")`` over ``0 < p < 1`` and ``0 < m < 5/4 max(c_H, s)``), the other fields as
    given; hatched: where the attack equilibrium also exists (:func:`attack_region`). Drawn over them: the
    thresholds and the default point.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_regions(resolution=60)
    >>> fig.axes[0].get_xlabel()
    '$p$: credibility (prior that the US is Hard)'
    >>> figure_regions(resolution=60, axes=("p", "m")).axes[0].get_ylabel()
    '$m$: peacetime cost of a commitment (sinking cost)'
    """
    where = "figure_regions()"
    if tuple(axes) not in (("p", "r"), ("p", "m")):
        raise InvalidGameError(f"{where}: axes must be ('p', 'r') or ('p', 'm'); got {axes!r}")
    require_numbers(_check(params, where), where, free=axes)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.2, 7.0), layout="constrained")
    names = (_regions_pr if tuple(axes) == ("p", "r") else _regions_pm)(ax, params, resolution)
    x = values(params)
    point = (float(x["p"]), float(x[axes[1]]))
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    for text in ax.texts:  # a region's name under the default point moves up
        tx, ty = text.get_position()
        if abs(tx - point[0]) < 0.05 * (x1 - x0) and abs(ty - point[1]) < 0.05 * (y1 - y0):
            text.set_position((tx, point[1] + 0.08 * (y1 - y0)))
    ax.plot(*point, marker="o", color="black", markersize=6, zorder=5)
    ax.annotate("defaults", point, xytext=(8, 2), textcoords="offset points", fontsize=9, bbox=_BOX)
    ax.set_xlabel(_P_LABEL)
    _legend(fig, ax, names)
    return fig


def _regions_pr(ax: Any, params: Params, resolution: int) -> list[str]:
    import numpy as np

    p, r = sympy.symbols("p r", positive=True)
    names = _draw_regions(ax, solve(replace(params, p=p, r=r), assume=_interior(p, r)), (p, 0, 1), (r, 0, 1), resolution)
    mu_star = float(belief_threshold(params))
    ax.axvline(mu_star, color="black", linewidth=1.2, linestyle="--")
    ax.annotate(
        f"$\\mu^* = {sympy.latex(belief_threshold(params))}$", (mu_star, 0.97), xytext=(4, 0), textcoords="offset points", fontsize=9
    )
    rs = np.linspace(0, 0.999, 400)
    mu_c = sympy.lambdify(r, commitment_threshold(replace(params, r=r)), "numpy")
    ax.plot(np.broadcast_to(mu_c(rs), rs.shape), rs, color="black", linewidth=1.2, linestyle=":")
    r_bar = escalation_threshold(params)
    ax.axhline(float(r_bar), xmax=mu_star, color="black", linewidth=0.8, linestyle=":")
    ax.annotate(
        "$p = \\mu_C(r)$: from here a\ncommitment deters",
        (float(mu_c(0.2)), 0.2),
        xytext=(0.45, 0.16),
        textcoords="data",
        fontsize=9,
        bbox=_BOX,
        arrowprops={"arrowstyle": "->", "linewidth": 0.8},
    )
    ax.annotate(
        f"$r = \\bar r = {sympy.latex(r_bar)}$: the tripwire deters by itself",
        (0.02, float(r_bar)),
        xytext=(0, 5),
        textcoords="offset points",
        fontsize=9,
        bbox=_BOX,
    )
    ax.set_ylabel("$r$: chance that a tripwire drags a Soft US in")
    ax.figure.suptitle(f"Would the US trade New York for Vilnius? Equilibrium families ($m = {sympy.latex(values(params)['m'])}$)")
    return names


def _regions_pm(ax: Any, params: Params, resolution: int) -> list[str]:
    result, p, m = _solve_pm(params)
    top = float(_m_top(params))
    mu_star, mu_c = belief_threshold(params), commitment_threshold(params)
    right = min(1.0, 4 / 3 * float(mu_star))  # from p = mu* on nothing depends on m: show a little of it
    names = _draw_regions(ax, result, (p, 0, right), (m, 0, top), resolution)
    x = values(params)
    ax.axvline(float(mu_star), color="black", linewidth=1.2, linestyle="--")
    ax.annotate(
        f"$\\mu^* = {sympy.latex(mu_star)}$", (float(mu_star), top), xytext=(4, -14), textcoords="offset points", fontsize=9, bbox=_BOX
    )
    lines = [(x["s"], "$m = s$: a Soft US stops bluffing"), (x["c_H"], "$m = c_H$: a Hard US stops committing")]
    limit = hybrid_cost_limit(params)
    if limit != x["s"]:
        lines.append((limit, "$m = \\hat m$: the hybrid ends"))
    for value, text in lines:
        ax.axhline(float(value), xmax=float(mu_star) / right, color="black", linewidth=0.9, linestyle=":")
        ax.annotate(text, (0.005 * right, float(value)), xytext=(0, 4), textcoords="offset points", fontsize=9, bbox=_BOX)
    if mu_c > 0:
        ax.plot([float(mu_c)] * 2, [0, float(min(limit, pooling_cost_limit(params)))], color="black", linewidth=1.2, linestyle=":")
        ax.annotate(
            f"$\\mu_C = {sympy.latex(mu_c)}$",
            (float(mu_c), 0),
            xytext=(-4, 6),
            textcoords="offset points",
            ha="right",
            fontsize=9,
            bbox=_BOX,
        )
    ax.set_ylabel(_M_LABEL)
    ax.figure.suptitle(f"Sinking costs: equilibrium families over credibility and cost ($r = {sympy.latex(x['r'])}$)")
    return names


def figure_challenge(
    params: Params = Params(),
    *,
    costs: Sequence[Any] = (0, 2, 8),
    credibilities: Sequence[Any] = (Fraction(1, 5), Fraction(1, 3)),
    resolution: int = 801,
) -> Figure:
    """The probability of a challenge against credibility ``p`` for several tripwire costs ``k`` (left), and against
    the sinking cost ``m`` for several credibilities ``p`` (right).

    Each curve is the least probability of challenge over the equilibria (the selected equilibrium) of
    :func:`solve` with ``p`` and ``k`` (left) or ``p`` and ``m`` (right) symbolic, swept over the x axis; the grey
    dashes are the worst equilibrium (the most probable challenge).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_challenge(resolution=101)
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:3]
    ['$k = 0$', '$k = 2$', '$k = 8$']
    >>> [line.get_label() for line in fig.axes[1].get_lines()][:2]
    ['$p = \\\\frac{1}{5}$', '$p = \\\\frac{1}{3}$']
    """
    where = "figure_challenge()"
    require_numbers(_check(params, where), where, free=("p", "k", "m"))
    for cost in costs:
        replace(params, k=cost, p=0)  # checks each k (Params validates)
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12.0, 4.8), layout="constrained")
    p, k = sympy.symbols("p k", nonnegative=True)
    result = solve(replace(params, p=p, k=k), assume=_interior(p))
    _curves(left, result, p, {k: costs}, "k", (0, 1), resolution)
    mu_c, mu_star = commitment_threshold(params), belief_threshold(params)
    for value, name, side in ((mu_c, "\\mu_C", "right"), (mu_star, "\\mu^*", "left")):
        left.axvline(float(value), color="#999999", linewidth=0.8, linestyle=":")
        left.text(
            float(value), 1.01, f" ${name} = {sympy.latex(value)}$ ", ha=side, va="bottom", fontsize=9, transform=left.get_xaxis_transform()
        )
    left.set_xlabel(_P_LABEL)
    left.set_ylabel("probability that Russia challenges")
    x = values(params)
    left.legend(
        title=f"least-challenge equilibrium,\ntripwire cost $k$ ($m = {sympy.latex(x['m'])}$, $r = {sympy.latex(x['r'])}$)",
        loc="upper right",
        frameon=False,
        fontsize=9,
    )
    left.set_title("A costlier tripwire ($k$) makes a challenge less likely", pad=18)

    result, p, m = _solve_pm(params)
    top = float(_m_top(params))
    _curves(right, result, m, {p: credibilities}, "p", (0, top), resolution)
    marks: dict[sympy.Expr, list[str]] = {}
    for value, name in ((x["s"], "s"), (hybrid_cost_limit(params), "\\hat m"), (x["c_H"], "c_H")):
        marks.setdefault(sympy.sympify(value), []).append(name)
    for value, names in marks.items():
        right.axvline(float(value), color="#999999", linewidth=0.8, linestyle=":")
        label = " = ".join([*names, sympy.latex(value)])
        right.text(float(value), 1.01, f"${label}$", ha="center", va="bottom", fontsize=9, transform=right.get_xaxis_transform())
    # name the family of each stretch of each curve (closed forms, tested against the solver)
    edges = sorted({0.0, top, *(float(value) for value in marks)})
    for level in credibilities:
        for low, high in itertools.pairwise(edges):
            mid = sympy.Rational((low + high) / 2).limit_denominator(1000)
            point = replace(params, p=level, m=mid)
            height = float(challenge_probability(point))
            right.annotate(family(point), ((low + high) / 2, height), xytext=(0, 5), textcoords="offset points", ha="center", fontsize=8.5)
    right.set_xlabel(_M_LABEL)
    right.legend(title=f"least-challenge equilibrium ($k = {sympy.latex(x['k'])}$)", loc="lower right", frameon=False, fontsize=9)
    right.set_title("Past $s$, commitments separate the types, at a price", pad=18)
    return fig


def _curves(
    ax: Any,
    result: SolveResult,
    axis: sympy.Symbol,
    fixed: Mapping[Any, Sequence[Any]],
    name: str,
    span: tuple[float, float],
    resolution: int,
) -> None:
    """Draw the least (and, dashed, the most) probability of challenge along ``axis``, one curve per fixed value."""
    import numpy as np

    from gametheory.symbolic import sweep

    ((other, levels),) = fixed.items()
    conditions = [regime.conditions for regime in result.regimes]
    chances = [[sympy.sympify(_challenge(result.game, eq)) for eq in regime.equilibria] for regime in result.regimes]
    least, most = [sympy.Min(*c) for c in chances], [sympy.Max(*c) for c in chances]
    xs = np.linspace(*span, resolution + 2)[1:-1]  # the solves are over open intervals
    colors = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00")
    worst = None
    for i, level in enumerate(levels):
        swept = sweep(conditions, {axis: xs}, {"least": least, "most": most}, fixed={other: level})
        y = np.array(swept.values["least"], dtype=float)
        y[1:][np.abs(np.diff(y)) > 0.05] = np.nan  # no vertical line at a jump
        ax.plot(xs, y, color=colors[i % len(colors)], linewidth=2.2, label=f"${name} = {sympy.latex(sympy.sympify(level))}$")
        worst = np.array(swept.values["most"], dtype=float)
    if worst is not None:
        worst[1:][np.abs(np.diff(worst)) > 0.05] = np.nan
        ax.plot(xs, worst, color="#777777", linewidth=1.2, linestyle="--", label="worst equilibrium")
    ax.set_xlim(*span)
    ax.set_ylim(-0.03, 1.05)


# --- outputs --------------------------------------------------------------------------------------
def _tables() -> str:
    params = Params()
    p, r = sympy.symbols("p r", positive=True)
    low, high = separating_window(params)
    rows = [
        ["credibility that deters by itself, $\\mu^* = g/(g + w)$", belief_threshold(params)],
        ["credibility a commitment needs, $\\mu_C$", commitment_threshold(params)],
        ["chance escalation that deters by itself, $\\bar r$", escalation_threshold(params)],
        ["cost of a called bluff, $L = r c_S + (1 - r)(s + k)$", called_bluff_cost(params)],
        ["probe probability in the hybrid, $x_C = (s - m)/L$", probe_probability(params)],
        ["largest sinking cost of the bluff, $\\min(c_H, s)$", pooling_cost_limit(params)],
        ["largest sinking cost of the hybrid (deters best), $\\hat m$", hybrid_cost_limit(params)],
        ["sinking costs that separate the types, $[s, c_H]$", f"[{low}, {high}]"],
        ["family at the defaults ($p = 1/3$, $m = 1$)", family(params)],
        ["family at $m = 3$", family(replace(params, m=3))],
        ["challenge probability at $p = 1/5$", challenge_probability(replace(params, p=Fraction(1, 5)))],
        ["challenge probability at $m = 3$ (separating: $1 - p$)", challenge_probability(replace(params, m=3))],
    ]
    result, _, _ = _solve_pm(params)
    return "\n".join(
        [
            "# Would the US trade New York for Vilnius?",
            "",
            "Defaults: s = 2, g = 3, w = 5, c_H = 4, c_S = 10, k = 2, r = 1/10, m = 1, p = 1/3 (our parametrization).",
            "",
            markdown_table(["quantity", "value"], rows),
            "",
            "## Regimes over (p, r), 0 < p, r < 1",
            "",
            regime_table(solve(replace(params, p=p, r=r), assume=_interior(p, r))),
            "",
            f"## Regimes over (p, m), 0 < p < 1, 0 < m < {_m_top(params)}",
            "",
            regime_table(result),
            "",
        ]
    )


def reproduce(output: Path) -> list[Path]:
    """Write the families over (p, r) and over (p, m), the challenge curves and a table of thresholds and regimes.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in reproduce(Path(folder))]  # doctest: +NORMALIZE_WHITESPACE
    ['extended_deterrence-regions.png', 'extended_deterrence-sinking_costs.png', 'extended_deterrence-challenge.png',
     'extended_deterrence-tables.md']
    """
    figures: dict[str, Callable[[], Any]] = {
        "regions": figure_regions,
        "sinking_costs": functools.partial(figure_regions, axes=("p", "m")),
        "challenge": figure_challenge,
    }
    return write_outputs(output, "extended_deterrence", figures, _tables)
