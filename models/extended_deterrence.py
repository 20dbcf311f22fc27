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
*credibility*: it prefers fighting for the protégé to conceding it) or
*Soft* with ``1 - p`` (it would rather concede). The US, knowing its type,
*Commits* (deploys a tripwire force or a forward nuclear posture) or *Stays
silent*. Russia sees the message, not the type, and *Challenges* or does
not. If it does not, the status quo holds (0 for both). If it challenges:

* a Hard US resists: conflict, ``-c_H`` for the US, ``-w`` for Russia;
* a Soft US that stayed silent concedes: the US loses the stake ``-s``,
  Russia gains ``g``;
* a Soft US that committed is dragged into conflict by the tripwire with
  probability ``r`` (Schelling's threat that leaves something to chance:
  ``-c_S`` for the US, ``-w`` for Russia); otherwise it concedes and pays,
  on top of the stake, the cost ``k`` of backing down from a public
  commitment (the tripwire's troops lost or withdrawn, the audience cost):
  ``-(s + k)`` for the US, ``g`` for Russia.

Payoffs (US, Russia); the Defender's response to a challenge is fixed by
its type and folded into the payoffs::

                          not challenged   challenged
    Hard, either message     (0, 0)        (-c_H, -w)
    Soft, silent             (0, 0)        (-s, g)
    Soft, committed          (0, 0)        (-L, (1 - r) g - r w),  L = r c_S + (1 - r)(s + k)

The model assumes ``c_H < s`` (the Hard type prefers fighting to
conceding), ``s + k <= c_S`` (the Soft type concedes even after committing:
the tripwire cost does not turn it Hard), ``g, w > 0``, ``k >= 0`` and
``p, r`` in ``[0, 1]``. So ``L >= s``: a commitment that is called costs the
Soft type more than silence, with equality only when ``k = r = 0`` (cheap talk).

Thresholds (derived by hand; the tests check them against the solver)
--------------------------------------------------------------------
After silence Russia believes the US Hard with probability ``mu`` and
challenges iff ``mu(-w) + (1 - mu) g > 0``, i.e. iff ``mu < mu^*``, the
*credibility that deters by itself*:

.. math:: \mu^* = \frac{g}{g + w}.

After a commitment the Soft type's concession is worth only ``(1 - r) g -
r w`` to Russia, so Russia challenges iff ``mu < mu_C``, the *credibility a
commitment needs*:

.. math:: \mu_C = \frac{(1 - r) g - r w}{(1 - r)(g + w)} \le \mu^*,

and when ``r >= \bar r = g/(g + w)`` (``mu_C <= 0``) the tripwire deters
by itself, whatever Russia believes. A Hard US loses ``c_H`` whenever it is
challenged, whatever it said, and a Soft US loses ``s`` after silence but
``L >= s`` after a commitment; the equilibria (all of them, found by the
solver) are:

* ``p >= mu^*``: no challenge whether or not the US commits (**deterrence**:
  credibility alone deters);
* ``mu_C <= p < mu^*``: both types commit and Russia does not challenge
  (**bluff**: the Soft US mimics the Hard one and the bluff is never called);
* ``0 < p < mu_C``: the Hard type commits, the Soft type commits with
  probability

  .. math:: \sigma = \frac{p (1 - \mu_C)}{(1 - p) \mu_C}

  (so that Russia's belief after a commitment is exactly ``mu_C``), Russia
  challenges a commitment with probability ``x_C = s / L`` (which makes the
  Soft type indifferent) and silence for sure (**hybrid**, semi-separating);
* ``p <= mu^*`` and ``r <= \bar r``: also an **attack** equilibrium where
  neither type commits and Russia challenges, held up by Russia reading any
  commitment as a bluff (a belief ``<= mu_C`` off the path).

A *separating* equilibrium in which only the Hard type commits does not
exist: Russia would never challenge a commitment and always challenge
silence, and a Soft US, whose commitment costs nothing unless it is
challenged, would then commit too. The separating logic survives only in the
hybrid. (The solver does find "separating" profiles where ``r >= \bar r``,
with the *Soft* type committing and nobody challenged: the tripwire then
deters by itself and the Hard type has no reason to commit.)

Which equilibrium? The games have several. We select the equilibrium with
the **least probability of challenge** (over every PBE: the probability is
bilinear in the two players' strategies, so its minimum over each convex set
of equilibria is at one of the extreme equilibria the solver reports). It is
also the one both Defender types like best (tested). In it

.. math:: \Pr(\text{challenge}) = \begin{cases} 1 - \frac{p}{\mu_C}\left(1 - \frac{s}{L}\right) & p < \mu_C \\ 0 & p \ge \mu_C \end{cases}

which never rises with ``p``, ``k`` or ``r``: more credibility, a costlier
tripwire and more chance escalation each make a challenge (weakly) less likely.

How the library derives it
--------------------------
:func:`game` builds the tree with :func:`gametheory.signaling_game`;
:func:`solve` solves it with ``gametheory.solve(game, method="pbe")``
(every PBE with its beliefs; regimes when fields are sympy symbols);
:func:`regions` groups the regimes into the families above by the selected
equilibrium, :func:`attack_region` marks where an attack equilibrium exists.
:func:`belief_threshold`, :func:`commitment_threshold`,
:func:`escalation_threshold`, :func:`bluff_probability`,
:func:`probe_probability`, :func:`challenge_probability` and :func:`family`
are the closed forms above.

What is ours
------------
The game is a simplified version of Zagare and Kilgour's games of unilateral
deterrence with incomplete information (2000, ch. 6-7): there the Defender's
resolve is also private and the Challenger's decision to challenge depends on
its beliefs about the Defender's type, but the Defender's response is a move
and the Challenger can back down; here the response is folded into the
payoffs, the signal is a costly commitment before the crisis (Fearon's "tying
hands", 1997) and the chance escalation is Schelling's. The family names
borrow Zagare and Kilgour's (deterrence, bluff, attack, separating, hybrid
equilibria); what each means here is defined above. The parametrization and
the default numbers are ours, chosen so that every family occurs over
``(p, r)``. There is no move by the protégé.

Defaults
--------
``s = 2``, ``g = 3``, ``w = 5``, ``c_H = 1``, ``c_S = 10``, ``k = 2``,
``r = 1/10``, ``p = 1/3``: ``mu^* = \bar r = 3/8``, ``mu_C = 11/36``,
``L = 23/5``, ``x_C = 10/23``. At ``p = 1/3`` the commitment deters, but only
because the Soft US bluffs (the bluff family).

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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import sympy

import gametheory
from gametheory import Equilibrium, ExtensiveFormGame, InvalidGameError, SolveResult, signaling_game

from ._common import (
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
    "least_challenge",
    "probe_probability",
    "regime_table",
    "regions",
    "reproduce",
    "solve",
]

Value: TypeAlias = int | Fraction | sympy.Expr

PLAYERS = ("US", "Russia")
TYPES = ("Hard", "Soft")
MESSAGES = ("Commit", "Stay silent")
RESPONSES = ("Challenge", "Not challenge")

#: The equilibrium families, named by the selected (least-challenge) equilibrium; see :func:`regions`.
FAMILIES: dict[str, str] = {
    "deterrence": "credibility alone deters: no challenge, with or without a commitment",
    "bluff": "both types commit and Russia does not challenge: the Soft US's bluff is never called",
    "hybrid": "the Soft US bluffs sometimes; Russia probes commitments and challenges silence",
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
        The stake: what the US loses when it concedes the protégé (default 2).
    g
        Russia's gain from a challenge the US concedes (default 3).
    w
        Russia's cost of conflict (default 5).
    c_H, c_S
        The cost of conflict to a Hard US (default 1, below ``s``) and to a Soft US (default 10, at least ``s + k``).
    k
        The tripwire cost: what a US that committed and then concedes pays on top of the stake (default 2).
    r
        Chance escalation: the probability that a committed Soft US is dragged into conflict when challenged (default 1/10).

    Raises
    ------
    InvalidGameError
        A value that is not exact, a probability outside [0, 1], or an ordering the model assumes
        (``c_H < s``, ``s + k <= c_S``, ``g, w > 0``, ``k >= 0``) that is provably false.

    Examples
    --------
    >>> Params().p, Params(p=Fraction(1, 2)).p
    (Fraction(1, 3), Fraction(1, 2))
    >>> Params(c_H=3)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: Params(): the model needs c_H < s (a Hard US prefers fighting to conceding); got c_H = 3, s = 2
    """

    p: Value = Fraction(1, 3)
    s: Value = 2
    g: Value = 3
    w: Value = 5
    c_H: Value = 1
    c_S: Value = 10
    k: Value = 2
    r: Value = Fraction(1, 10)

    def __post_init__(self) -> None:
        x = values(self)
        require_probability(x, "p", "r")
        x = {**x, "zero": sympy.S.Zero, "s + k": x["s"] + x["k"]}
        require_order(x, [("zero", "g"), ("zero", "w"), ("zero", "c_H")], why=" (gains and costs are positive)")
        require_order(x, [("zero", "k")], strict=False, why=" (the tripwire cost is not negative)")
        require_order(x, [("c_H", "s")], why=" (a Hard US prefers fighting to conceding)")
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
    """The signaling game: Nature draws the US's type, the US commits or stays silent, Russia challenges or not.

    Built with :func:`gametheory.signaling_game`; symbolic when any field is a sympy symbol.

    Examples
    --------
    >>> g = game()
    >>> g.players, g.infoset_labels
    (('US', 'Russia'), ('Hard', 'Soft', 'Commit', 'Stay silent', 'chance:1'))
    >>> g.terminal_payoffs(g.node_labels.index("Soft,Commit,Challenge"))
    (Fraction(-23, 5), Fraction(11, 5))
    """
    x = values(_check(params, "game()"))
    lost = called_bluff_cost(params)

    def payoffs(t: str, m: str, a: str) -> tuple[sympy.Expr, sympy.Expr]:
        if a == "Not challenge":
            return sympy.S.Zero, sympy.S.Zero
        if t == "Hard":
            return -x["c_H"], -x["w"]
        if m == "Stay silent":
            return -x["s"], x["g"]
        return -lost, sympy.expand((1 - x["r"]) * x["g"] - x["r"] * x["w"])

    return signaling_game(
        TYPES, [x["p"], 1 - x["p"]], MESSAGES, RESPONSES, payoffs, players=PLAYERS, title="Would the US trade New York for Vilnius?"
    )


def solve(params: Params = Params(), *, assume: Iterable[Any] = ()) -> SolveResult:
    """Every perfect Bayesian equilibrium of :func:`game` (regimes over the symbolic fields, if any).

    ``assume`` goes to the solver: facts about the symbolic fields. Open bounds such as ``0 < p < 1`` drop the
    edges of the square and make the two-symbol solve about twice as fast (the figures use them).

    Examples
    --------
    At the defaults both types commit and Russia does not challenge; Russia also stays out after silence in one
    equilibrium and challenges it in another (off the path, believing only a Soft US would stay silent):

    >>> result = solve()
    >>> len(result), result.details["kinds"][:2]
    (5, ('pooling', 'pooling'))
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


def probe_probability(params: Params = Params()) -> sympy.Expr:
    """``x_C = s/L``: how often Russia challenges a commitment in the hybrid equilibrium (the Soft US is then indifferent).

    Examples
    --------
    >>> probe_probability()
    10/23
    """
    x = values(_check(params, "probe_probability()"))
    return sympy.cancel(x["s"] / called_bluff_cost(params))


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


def challenge_probability(params: Params = Params()) -> sympy.Expr:
    """The probability of a challenge in the least-challenge equilibrium: ``1 - (p/mu_C)(1 - s/L)`` below ``mu_C``, else 0.

    A ``Piecewise`` when ``p`` or the thresholds are symbolic. The tests check it against :func:`least_challenge`.

    Examples
    --------
    >>> challenge_probability(), challenge_probability(Params(p=Fraction(1, 5)))
    (0, 797/1265)
    """
    x = values(_check(params, "challenge_probability()"))
    mu = commitment_threshold(params)
    below = 1 - x["p"] / mu * (1 - probe_probability(params)) if mu != 0 else sympy.S.One
    held = sympy.Ge(x["p"], mu)
    if held in (sympy.true, sympy.false):
        return sympy.S.Zero if held is sympy.true else sympy.factor(sympy.cancel(below))
    return sympy.Piecewise((0, held), (sympy.factor(sympy.cancel(below)), True))


def family(params: Params = Params()) -> str:
    """The family (a key of :data:`FAMILIES`) of the least-challenge equilibrium at numeric ``params``, by the closed forms.

    Examples
    --------
    >>> [family(Params(p=p)) for p in (0, Fraction(1, 5), Fraction(1, 3), Fraction(1, 2))]
    ['attack', 'hybrid', 'bluff', 'deterrence']
    """
    params = _check(params, "family()")
    require_numbers(params, "family()")
    if params.p >= belief_threshold(params):
        return "deterrence"
    chance = challenge_probability(params)
    return "bluff" if chance == 0 else "attack" if chance == 1 else "hybrid"


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
    (0, 0, 0, 0, 1)
    """
    if not isinstance(result, SolveResult) or not isinstance(result.game, ExtensiveFormGame):
        raise InvalidGameError(f"challenge_probabilities(): result must be what solve() returns; got {result!r:.80}")
    return tuple(_challenge(result.game, eq) for eq in result)


def least_challenge(result: SolveResult) -> Any:
    """The least probability of a challenge over the equilibria of a numeric solve: the selected equilibrium's.

    Examples
    --------
    >>> least_challenge(solve(Params(p=Fraction(1, 5))))
    797/1265
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
    challenge for sure, ``"hybrid"`` if it challenges with a probability strictly between 0 and 1, ``"deterrence"``
    if there is no challenge and an equilibrium without any commitment also has none, ``"bluff"`` otherwise.

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
    >>> print(regime_table(solve(Params(p=p))).splitlines()[2])
    | $p > 0 \\wedge p < \\frac{11}{36}$ | hybrid | H no, S no / C yes, Q yes; H yes, S $- \\frac{25 p}{11 \\left(p - 1\\right)}$ / C $\\frac{10}{23}$, Q yes |
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
_OPEN = "open square"  # figures solve over the open square 0 < p, r < 1 (twice as fast; edges are not drawn anyway)
_COLORS = {"deterrence": "#009E73", "bluff": "#56B4E9", "hybrid": "#E69F00", "attack": "#D55E00"}
_LABELS = {
    "deterrence": "deterrence",
    "bluff": "bluff",
    "hybrid": "hybrid",
    "attack": "attack",
}


def _interior(*symbols: sympy.Symbol) -> tuple[Any, ...]:
    return tuple(fact for x in symbols for fact in (x > 0, x < 1))


def figure_regions(params: Params = Params(), *, resolution: int = 300) -> Figure:
    """The equilibrium families over credibility ``p`` and chance escalation ``r`` (the other fields as given).

    The regions are :func:`regions` of :func:`solve` with ``p`` and ``r`` symbolic (over ``0 < p, r < 1``);
    hatched: where the attack equilibrium also exists (:func:`attack_region`). Drawn over them: the thresholds
    ``mu^*`` and ``mu_C(r)`` and the default point.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_regions(resolution=60)
    >>> fig.axes[0].get_xlabel()
    '$p$: credibility (prior that the US is Hard)'
    """
    where = "figure_regions()"
    require_numbers(_check(params, where), where, free=("p", "r"))
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Patch

    from gametheory.plotting import regime_map

    p, r = sympy.symbols("p r", positive=True)
    result = solve(replace(params, p=p, r=r), assume=_interior(p, r))
    found = regions(result)
    names = [name for name in FAMILIES if found[name] is not sympy.false]
    fig, ax = plt.subplots(figsize=(7.2, 7.0), layout="constrained")
    regime_map(
        [found[name] for name in names],
        [_LABELS[name] for name in names],
        (p, 0, 1),
        (r, 0, 1),
        resolution=resolution,
        ax=ax,
        colors=[_COLORS[name] for name in names],
    )
    # where the attack equilibrium exists too: hatched
    xs, ys = np.linspace(0, 1, resolution), np.linspace(0, 1, resolution)
    grid_p, grid_r = np.meshgrid(xs, ys)
    attack = sympy.lambdify((p, r), attack_region(result), "numpy")(grid_p, grid_r)
    ax.contourf(grid_p, grid_r, np.broadcast_to(attack, grid_p.shape).astype(float), levels=[0.5, 1.5], colors="none", hatches=["////"])
    ax.contour(grid_p, grid_r, np.broadcast_to(attack, grid_p.shape).astype(float), levels=[0.5], colors="#8B3A00", linewidths=0.8)
    # the thresholds, from the closed forms
    mu_star = float(belief_threshold(params))
    ax.axvline(mu_star, color="black", linewidth=1.2, linestyle="--")
    ax.annotate(
        f"$\\mu^* = {sympy.latex(belief_threshold(params))}$", (mu_star, 0.97), xytext=(4, 0), textcoords="offset points", fontsize=9
    )
    rs = np.linspace(0, 0.999, 400)
    mu_c = sympy.lambdify(r, commitment_threshold(replace(params, r=r)), "numpy")
    ax.plot(np.broadcast_to(mu_c(rs), rs.shape), rs, color="black", linewidth=1.2, linestyle=":")
    ax.axhline(float(escalation_threshold(params)), xmax=mu_star, color="black", linewidth=0.8, linestyle=":")
    box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    ax.annotate(
        "$p = \\mu_C(r)$: from here a\ncommitment deters",
        (float(mu_c(0.2)), 0.2),
        xytext=(0.45, 0.16),
        textcoords="data",
        fontsize=9,
        bbox=box,
        arrowprops={"arrowstyle": "->", "linewidth": 0.8},
    )
    ax.annotate(
        f"$r = \\bar r = {sympy.latex(escalation_threshold(params))}$: the tripwire deters by itself",
        (0.02, float(escalation_threshold(params))),
        xytext=(0, 5),
        textcoords="offset points",
        fontsize=9,
        bbox=box,
    )
    x = values(params)
    ax.plot([float(x["p"])], [float(x["r"])], marker="o", color="black", markersize=6, zorder=5)
    ax.annotate("defaults", (float(x["p"]), float(x["r"])), xytext=(8, 2), textcoords="offset points", fontsize=9, bbox=box)
    ax.set_xlabel("$p$: credibility (prior that the US is Hard)")
    ax.set_ylabel("$r$: chance that a tripwire drags a Soft US in")
    handles = [Patch(facecolor=_COLORS[name], alpha=0.5, label=f"{name}: {FAMILIES[name]}") for name in names]
    handles.append(
        Patch(facecolor="none", edgecolor="#8B3A00", hatch="////", label="an attack equilibrium (Russia challenges for sure) exists too")
    )
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=9, frameon=False)
    fig.suptitle("Would the US trade New York for Vilnius? Equilibrium families")
    return fig


def figure_challenge(params: Params = Params(), *, costs: Sequence[Any] = (0, 2, 8), resolution: int = 801) -> Figure:
    """The probability of a challenge against credibility ``p``, for several tripwire costs ``k``.

    Each curve is the least probability of challenge over the equilibria (the selected equilibrium) of
    :func:`solve` with ``p`` and ``k`` symbolic, swept over ``p`` at each ``k`` in ``costs``; the grey dashes are
    the worst equilibrium (the most probable challenge).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_challenge(resolution=101)
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:3]
    ['$k = 0$', '$k = 2$', '$k = 8$']
    """
    where = "figure_challenge()"
    require_numbers(_check(params, where), where, free=("p", "k"))
    for cost in costs:
        Params(**{**{name: getattr(params, name) for name in ("s", "g", "w", "c_H", "c_S", "r")}, "k": cost})  # checks each k
    import matplotlib.pyplot as plt
    import numpy as np

    from gametheory.symbolic import sweep

    p, k = sympy.symbols("p k", nonnegative=True)
    result = solve(replace(params, p=p, k=k), assume=_interior(p))
    conditions = [regime.conditions for regime in result.regimes]
    chances = [[sympy.sympify(_challenge(result.game, eq)) for eq in regime.equilibria] for regime in result.regimes]
    least = [sympy.Min(*c) for c in chances]
    most = [sympy.Max(*c) for c in chances]
    ps = np.linspace(0.0005, 0.9995, resolution)
    fig, ax = plt.subplots(figsize=(7.0, 4.6), layout="constrained")
    colors = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00")
    worst = None
    for i, cost in enumerate(costs):
        swept = sweep(conditions, {p: ps}, {"least": least, "most": most}, fixed={k: cost})
        y = np.array(swept.values["least"], dtype=float)
        y[1:][np.abs(np.diff(y)) > 0.05] = np.nan  # no vertical line at the jump to 0
        ax.plot(ps, y, color=colors[i % len(colors)], linewidth=2.2, label=f"$k = {sympy.latex(sympy.sympify(cost))}$")
        worst = np.array(swept.values["most"], dtype=float)
    if worst is not None:
        worst[1:][np.diff(worst) < -0.05] = np.nan
        ax.plot(ps, worst, color="#777777", linewidth=1.2, linestyle="--", label="worst equilibrium (attack)")
    mu_c, mu_star = commitment_threshold(params), belief_threshold(params)
    for value, name, side in ((mu_c, "\\mu_C", "right"), (mu_star, "\\mu^*", "left")):
        ax.axvline(float(value), color="#999999", linewidth=0.8, linestyle=":")
        ax.text(
            float(value), 1.01, f" ${name} = {sympy.latex(value)}$ ", ha=side, va="bottom", fontsize=9, transform=ax.get_xaxis_transform()
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.03, 1.05)
    ax.set_xlabel("$p$: credibility (prior that the US is Hard)")
    ax.set_ylabel("probability that Russia challenges")
    ax.legend(
        title=f"least-challenge equilibrium,\ntripwire cost $k$ ($r = {sympy.latex(values(params)['r'])}$)",
        loc="upper right",
        frameon=False,
        fontsize=9,
    )
    ax.set_title("More credibility and a costlier tripwire make a challenge less likely", pad=18)
    return fig


# --- outputs --------------------------------------------------------------------------------------
def _tables() -> str:
    params = Params()
    p, r = sympy.symbols("p r", positive=True)
    rows = [
        ["credibility that deters by itself, $\\mu^* = g/(g + w)$", belief_threshold(params)],
        ["credibility a commitment needs, $\\mu_C$", commitment_threshold(params)],
        ["chance escalation that deters by itself, $\\bar r$", escalation_threshold(params)],
        ["cost of a called bluff, $L = r c_S + (1 - r)(s + k)$", called_bluff_cost(params)],
        ["probe probability in the hybrid, $x_C = s/L$", probe_probability(params)],
        ["family at the defaults ($p = 1/3$)", family(params)],
        ["challenge probability at $p = 1/5$", challenge_probability(replace(params, p=Fraction(1, 5)))],
    ]
    return "\n".join(
        [
            "# Would the US trade New York for Vilnius?",
            "",
            "Defaults: s = 2, g = 3, w = 5, c_H = 1, c_S = 10, k = 2, r = 1/10, p = 1/3 (our parametrization).",
            "",
            markdown_table(["quantity", "value"], rows),
            "",
            "## Regimes over (p, r), 0 < p, r < 1",
            "",
            regime_table(solve(replace(params, p=p, r=r), assume=_interior(p, r))),
            "",
        ]
    )


def reproduce(output: Path) -> list[Path]:
    """Write the families over (p, r), the challenge curves and a table of thresholds and regimes into ``output``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in reproduce(Path(folder))]
    ['extended_deterrence-regions.png', 'extended_deterrence-challenge.png', 'extended_deterrence-tables.md']
    """
    return write_outputs(output, "extended_deterrence", {"regions": figure_regions, "challenge": figure_challenge}, _tables)
