r"""Schelling's threat that leaves something to chance, as Dixit and Skeath's probabilistic threat.

A threat of nuclear war is too big to be believed: carrying it out would
hurt the threatener as much as the target. Schelling's answer is to threaten
not the war itself but a *risk* of it: to start a process that may get out
of hand, so that defiance ends in disaster with some probability ``q`` that
neither side fully controls (Schelling 1960, ch. 8; 1966, ch. 3). Dixit and
Skeath turn this into a small game about the Cuban missile crisis, and ask
how large ``q`` must be and how large it may be (Dixit, Skeath & Reiley 2009,
ch. 14). This module states that game, solves it with the library and
checks the chapter's two conditions against the solver.

The game
--------
The US does not know whether the Soviet leadership is *hard-line*
(probability ``p``) or *soft* (``1 - p``). It either makes no threat, and the
Soviets keep their missiles in Cuba, or it threatens with risk ``q``: the
Soviets then withdraw, or they defy, and defiance ends in mutual disaster with
probability ``q`` and with the US giving in otherwise. Payoffs (US, USSR),
with the soft-liners' payoffs ``v`` and the hard-liners' ``h``::

    no threat             (u_C, v_C)          Soviets keep the missiles
    threat, withdraw      (u_W, v_W)
    threat, defy:   prob q      (u_D, v_D)    disaster
                    prob 1 - q  (u_C, v_C)    the US gives in

Hard-liners defy whatever ``q`` (they prefer both giving in and disaster to
withdrawal: ``h_C > h_W`` and ``h_D > h_W``). Everyone ranks disaster last:
``u_D < u_C < u_W`` and ``v_D < v_W < v_C``.

*Effectiveness* (the soft-liners withdraw): ``v_W >= (1 - q) v_C + q v_D``, i.e.

.. math:: q \ge q_E = \frac{v_C - v_W}{v_C - v_D}.

*Acceptability* (the US prefers an effective threat at ``q`` to no threat):
``p [(1 - q) u_C + q u_D] + (1 - p) u_W >= u_C``, i.e.

.. math:: q \le q_A(p) = \frac{(1 - p)(u_W - u_C)}{p\,(u_C - u_D)}.

The *window* of risks that deter and are worth making is
``[q_E, min(1, q_A(p))]``; it is nonempty iff

.. math:: p \le p^* = \frac{u_W - u_C}{(u_W - u_C) + q_E (u_C - u_D)},

and the pure threat (``q = 1``) is acceptable iff
``p <= (u_W - u_C)/(u_W - u_D)``. Within the window the US's value falls as
``q`` rises (each extra unit of risk costs it ``p (u_C - u_D)``), so the
best threat is the *smallest effective* one, ``q = q_E``, whenever
``p < p^*``; above ``p^*`` the US is better off making no threat.

How the library derives it
--------------------------
* :func:`game` builds the tree above with ``p`` and ``q`` as chance
  probabilities (numbers or sympy symbols); :func:`solve` solves it with
  :func:`gametheory.solve`; with ``p`` and ``q`` symbolic the result's regimes
  cover the (p, q) square, and :func:`regions` groups them into where the
  threat deters and is made, where it is too weak (the soft-liners defy) and
  where it would deter but is not worth making.
* :func:`risk_game` lets the US *choose* ``q`` in ``[0, 1]`` (a continuous
  move, :func:`gametheory.symbolic.continuous.choose`); :func:`solve_risk`
  solves it by symbolic backward induction
  (:func:`~gametheory.symbolic.continuous.spe_continuous`) and
  :func:`optimal_risk` reads off the risk chosen: ``q_E`` below ``p^*``,
  no threat (``0``) from ``p^*`` on (at ``p = p^*`` the US is indifferent and the
  solver's tie rule picks the first action, "No threat").
* :func:`effectiveness_threshold`, :func:`acceptability_threshold`,
  :func:`window`, :func:`max_hardline_probability` and
  :func:`pure_threat_limit` are the closed forms above; the tests check them
  against both solvers.

Defaults
--------
The model is the chapter's; the default numbers are *our reading* of its
running example: US 1 if the Soviets withdraw, -2 if they keep the missiles,
-10 in disaster; soft-liners -4, 2, -8. They give ``q_E = 3/5``,
``q_A(p) = (3/8)(1 - p)/p``, ``p^* = 5/13`` (about 0.38) and a pure-threat
limit of ``3/11``. Kennedy's estimate, which in our reading the chapter
takes as ``p`` between 1/3 and 1/2, straddles ``p^*``. The hard-liners' payoffs
(-8 for withdrawal, -4 for disaster, 2 when the US gives in) are our
assumption for the probabilistic version; they matter only through the
hard-liners defying at every ``q``. The default ``p = 1/3`` is the low end of
that estimate and ``q = 2/3`` an illustrative risk inside the window there.

Sources
-------
Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard University Press, ch. 8,
"The Threat That Leaves Something to Chance".
Schelling, T. C. (1966). *Arms and Influence*. Yale University Press, ch. 3, "The Manipulation of Risk".
Dixit, A. K., Skeath, S. & Reiley, D. H. (2009). *Games of Strategy*, 3rd ed. W. W. Norton, ch. 14,
"Brinkmanship: The Cuban Missile Crisis".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sympy

import gametheory
from gametheory import ExtensiveFormGame, SolveResult, chance, decision, outcome
from gametheory.symbolic.continuous import ContinuousGame, branch, choose, continuous_game

from ._common import (
    Value,
    cached,
    check_numbers,
    check_params,
    document,
    group_regimes,
    markdown_table,
    piecewise,
    pure_actions,
    require_order,
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
    "REGIONS",
    "Params",
    "acceptability_threshold",
    "effectiveness_threshold",
    "figure_payoff",
    "figure_window",
    "game",
    "max_hardline_probability",
    "optimal_risk",
    "pure_threat_limit",
    "regime_table",
    "regions",
    "reproduce",
    "risk_game",
    "solve",
    "solve_risk",
    "threat_game",
    "window",
]

PLAYERS = ("US", "USSR")

#: What happens in each region of the (p, q) square (see :func:`regions`).
REGIONS: dict[str, str] = {
    "deters": "the threat deters the soft-liners and the US makes it",
    "ineffective": "too little risk: the soft-liners defy, so the US makes no threat",
    "unacceptable": "too much risk: the threat would deter, but the US prefers no threat",
}


# --- parameters -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Params:
    """The payoffs and probabilities of the probabilistic threat; any field may be a sympy symbol.

    Payoffs are (US, USSR) utilities as in the module docstring; the defaults
    are our reading of the running example of Dixit, Skeath & Reiley (2009,
    ch. 14), the hard-liners' payoffs our assumption.

    Attributes
    ----------
    us_withdraw, us_concede, us_disaster
        The US's payoff ``u_W``, ``u_C``, ``u_D`` when the Soviets withdraw (default 1), when they keep the
        missiles (no threat, or the US gives in: -2) and in disaster (-10).
    soft_withdraw, soft_concede, soft_disaster
        The soft-liners' ``v_W``, ``v_C``, ``v_D``: -4, 2, -8.
    hard_withdraw, hard_concede, hard_disaster
        The hard-liners' ``h_W``, ``h_C``, ``h_D``: -8, 2, -4 (they must prefer defiance at every risk).
    p
        Probability that the Soviets are hard-line (default 1/3, the low end of Kennedy's estimate as we read the chapter).
    q
        Risk of disaster that the threat carries (default 2/3, inside the window at p = 1/3). :func:`risk_game` ignores
        it: there the US chooses ``q``.

    Raises
    ------
    InvalidGameError
        A value that is not exact, a probability outside [0, 1], or an ordering of the payoffs that the model
        assumes and that is provably false (symbolic values are checked only as far as sympy can decide).

    Examples
    --------
    >>> Params().p, Params(p=Fraction(1, 2)).p
    (Fraction(1, 3), Fraction(1, 2))
    >>> Params(soft_disaster=-3)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: Params(): the model needs soft_disaster < soft_withdraw; got soft_disaster = -3, soft_withdraw = -4
    """

    us_withdraw: Value = 1
    us_concede: Value = -2
    us_disaster: Value = -10
    soft_withdraw: Value = -4
    soft_concede: Value = 2
    soft_disaster: Value = -8
    hard_withdraw: Value = -8
    hard_concede: Value = 2
    hard_disaster: Value = -4
    p: Value = Fraction(1, 3)
    q: Value = Fraction(2, 3)

    def __post_init__(self) -> None:
        v = values(self)
        require_probability(v, "p", "q")
        # the orderings the model rests on (module docstring); raise only where provably false
        require_order(
            v,
            [
                ("us_disaster", "us_concede"),
                ("us_concede", "us_withdraw"),
                ("soft_disaster", "soft_withdraw"),
                ("soft_withdraw", "soft_concede"),
                ("hard_withdraw", "hard_concede"),
                ("hard_withdraw", "hard_disaster"),
            ],
        )


# --- the games ------------------------------------------------------------------------------------
def _threat(v: dict[str, sympy.Expr], q: sympy.Expr) -> Any:
    """The Soviet types' choices after a threat with risk ``q``: chance picks the type."""

    def defy(kind: str) -> Any:
        return chance(
            {
                "Disaster": (q, outcome(v["us_disaster"], v[f"{kind}_disaster"], label=f"{kind}-liners defy: disaster")),
                "US gives in": (1 - q, outcome(v["us_concede"], v[f"{kind}_concede"], label=f"{kind}-liners defy: US gives in")),
            }
        )

    def soviets(kind: str) -> Any:
        withdraw = outcome(v["us_withdraw"], v[f"{kind}_withdraw"], label=f"{kind}-liners withdraw")
        return decision(
            "USSR", {"Withdraw": withdraw, "Defy": defy(kind)}, infoset=f"{kind.capitalize()}-liner", label=f"{kind.capitalize()}-liner"
        )

    return chance({"Hard-line": (v["p"], soviets("hard")), "Soft": (1 - v["p"], soviets("soft"))})


def _no_threat(v: dict[str, sympy.Expr]) -> Any:
    return chance(
        {
            "Hard-line": (v["p"], outcome(v["us_concede"], v["hard_concede"], label="no threat: hard-liners keep the missiles")),
            "Soft": (1 - v["p"], outcome(v["us_concede"], v["soft_concede"], label="no threat: soft-liners keep the missiles")),
        }
    )


def game(params: Params = Params()) -> ExtensiveFormGame:
    """The US's choice between no threat and a threat with risk ``params.q``, then the Soviet types' choices.

    Symbolic when any field is a sympy symbol (``p`` and ``q`` enter as chance probabilities).

    Examples
    --------
    >>> g = game()
    >>> g.players, g.infoset_labels[:3]
    (('US', 'USSR'), ('US', 'Hard-liner', 'Soft-liner'))
    """
    v = values(check_params(params, Params, "game()"))
    tree = decision("US", {"No threat": _no_threat(v), "Threaten": _threat(v, v["q"])}, infoset="US")
    return ExtensiveFormGame.from_tree(tree, players=PLAYERS, title="A threat that leaves something to chance")


def threat_game(params: Params = Params()) -> ExtensiveFormGame:
    """The subgame after the US has threatened with risk ``params.q``: only the Soviet types choose.

    Its equilibrium payoff to the US is the value of making the threat (what :func:`figure_payoff` draws).

    Examples
    --------
    >>> gametheory.solve(threat_game())[0].payoffs[0]
    Fraction(-16, 9)
    """
    v = values(check_params(params, Params, "threat_game()"))
    return ExtensiveFormGame.from_tree(_threat(v, v["q"]), players=PLAYERS, title="After a threat with risk q")


def solve(params: Params = Params()) -> SolveResult:
    """The subgame-perfect equilibria of :func:`game` (regimes over the symbolic fields, if any).

    Examples
    --------
    At the defaults the US threatens, the soft-liners withdraw and the hard-liners defy:

    >>> result = solve()
    >>> result[0].payoffs, result.outcomes(0)
    ((Fraction(-16, 9), Fraction(-10, 3)), {'soft-liners withdraw': Fraction(2, 3), 'hard-liners defy: disaster': Fraction(2, 9), ...})

    With ``p`` and ``q`` symbolic, the regimes cover the (p, q) square:

    >>> p, q = sympy.symbols("p q", nonnegative=True)
    >>> regions(solve(Params(p=p, q=q)))["deters"]
    (q > 3/5) & (8*p*q + 3*p < 3)
    """
    return cached(_solve, check_params(params, Params, "solve()"))


def _solve(params: Params) -> SolveResult:
    return gametheory.solve(game(params))


def risk_game(params: Params = Params(), *, risk: sympy.Symbol | None = None) -> ContinuousGame:
    """:func:`game` with the risk chosen by the US: after "Threaten" it picks ``q`` in ``[0, 1]``.

    ``params.q`` is ignored; the chosen risk is the symbol ``risk`` (default ``Symbol("q", real=True)``), and its
    node is labelled ``"risk"``. Threatening with ``q = 0`` is worth exactly as much as no threat.

    Examples
    --------
    >>> risk_game().actions
    (('US', 'risk'), ('Hard-liner', 'Soft-liner'))
    """
    where = "risk_game()"
    v = values(check_params(params, Params, where))
    q = symbol_argument(risk, sympy.Symbol("q", real=True), v, where)
    tree = branch("US", {"No threat": _no_threat(v), "Threaten": choose("US", q, (0, 1), _threat(v, q), label="risk")}, label="US")
    facts = [fact for fact in (sympy.Ge(v["p"], 0), sympy.Le(v["p"], 1)) if fact is not sympy.true]
    return continuous_game(tree, players=PLAYERS, assume=facts, title="A threat that leaves something to chance (risk chosen)")


def solve_risk(params: Params = Params(), *, assume: Any = ()) -> SolveResult:
    """The subgame-perfect equilibria of :func:`risk_game` by symbolic backward induction.

    ``assume`` goes to :func:`~gametheory.symbolic.continuous.spe_continuous` (facts about symbolic fields).

    Examples
    --------
    >>> result = solve_risk()
    >>> result.details["path"][0]["US"], result.details["path"][0]["risk"]
    ('Threaten', 3/5)
    """
    return spe(risk_game, check_params(params, Params, "solve_risk()"), assume)


def optimal_risk(params: Params = Params()) -> sympy.Expr:
    """The risk the US chooses in the subgame-perfect equilibrium of :func:`risk_game` (``0``: no threat).

    A number when ``params`` are numbers, a ``Piecewise`` in the symbolic fields otherwise. The tests check that it
    is the lower end of :func:`window` wherever the window has more than one point.

    Examples
    --------
    >>> optimal_risk()
    3/5
    >>> optimal_risk(Params(p=sympy.Symbol("p", nonnegative=True)))
    Piecewise((3/5, p < 5/13), (0, True))
    """
    result = solve_risk(check_params(params, Params, "optimal_risk()"))
    paths = zip(result.equilibria, result.details["path"], strict=True)
    return piecewise([(path["risk"] if path["US"] == "Threaten" else 0, eq.conditions) for eq, path in paths])


# --- closed forms ---------------------------------------------------------------------------------
def effectiveness_threshold(params: Params = Params()) -> sympy.Expr:
    """``q_E = (v_C - v_W)/(v_C - v_D)``: the smallest risk at which the soft-liners withdraw.

    Examples
    --------
    >>> effectiveness_threshold()
    3/5
    """
    v = values(check_params(params, Params, "effectiveness_threshold()"))
    return sympy.cancel((v["soft_concede"] - v["soft_withdraw"]) / (v["soft_concede"] - v["soft_disaster"]))


def acceptability_threshold(params: Params = Params()) -> sympy.Expr:
    """``q_A(p) = (1 - p)(u_W - u_C)/(p (u_C - u_D))``: the largest risk of an effective threat the US prefers to none.

    ``oo`` when ``p = 0`` (an effective threat then never fails). It may exceed 1: then every effective risk is acceptable.

    Examples
    --------
    >>> acceptability_threshold(), acceptability_threshold(Params(p=sympy.Symbol("p")))
    (3/4, (3 - 3*p)/(8*p))
    """
    v = values(check_params(params, Params, "acceptability_threshold()"))
    if v["p"] == 0:
        return sympy.oo
    return sympy.cancel((1 - v["p"]) * (v["us_withdraw"] - v["us_concede"]) / (v["p"] * (v["us_concede"] - v["us_disaster"])))


def window(params: Params = Params()) -> sympy.Set:
    """The risks that are both effective and acceptable: ``[q_E, min(1, q_A(p))]`` (``EmptySet`` when there are none).

    Examples
    --------
    >>> window(), window(Params(p=Fraction(1, 2)))
    (Interval(3/5, 3/4), EmptySet)
    """
    params = check_params(params, Params, "window()")
    return sympy.Interval(effectiveness_threshold(params), sympy.Min(1, acceptability_threshold(params)))


def max_hardline_probability(params: Params = Params()) -> sympy.Expr:
    """``p^* = (u_W - u_C)/((u_W - u_C) + q_E (u_C - u_D))``: the largest ``p`` for which the window is nonempty.

    Examples
    --------
    >>> max_hardline_probability()
    5/13
    """
    v = values(check_params(params, Params, "max_hardline_probability()"))
    gain, loss = v["us_withdraw"] - v["us_concede"], v["us_concede"] - v["us_disaster"]
    return sympy.cancel(gain / (gain + effectiveness_threshold(params) * loss))


def pure_threat_limit(params: Params = Params()) -> sympy.Expr:
    """``(u_W - u_C)/(u_W - u_D)``: the largest ``p`` for which the pure threat (``q = 1``) is acceptable.

    Between it and :func:`max_hardline_probability` only a threat that leaves something to chance works.

    Examples
    --------
    >>> pure_threat_limit()
    3/11
    """
    v = values(check_params(params, Params, "pure_threat_limit()"))
    return sympy.cancel((v["us_withdraw"] - v["us_concede"]) / (v["us_withdraw"] - v["us_disaster"]))


# --- reading the solved regimes -------------------------------------------------------------------
def _region(game: ExtensiveFormGame, regime: Any) -> str:
    if len(regime.equilibria) != 1:
        return "boundary"
    actions = pure_actions(game, regime.equilibria[0])
    if actions["Soft-liner"] == "Defy":
        return "ineffective"
    return "deters" if actions["US"] == "Threaten" else "unacceptable"


def regions(result: SolveResult) -> dict[str, sympy.Basic]:
    """The regimes of a solved symbolic :func:`game` grouped by what happens (keys of :data:`REGIONS`).

    Each value is the disjunction of the conditions of the regimes (with a single equilibrium) where the soft-liners
    defy (``"ineffective"``), where they would withdraw but the US makes no threat (``"unacceptable"``), and where the
    US threatens and the soft-liners withdraw (``"deters"``). Boundaries, where several equilibria coexist, are in
    none of them (``"boundary"`` collects them).

    Examples
    --------
    >>> p, q = sympy.symbols("p q", nonnegative=True)
    >>> found = regions(solve(Params(p=p, q=q)))
    >>> found["ineffective"], found["unacceptable"]
    ((q > 0) & (q < 3/5), (q > 3/5) & (8*p*q + 3*p > 3))
    """
    result = require_regimes(result, "regions()")
    return group_regimes(result, lambda regime: _region(result.game, regime), order=(*REGIONS, "boundary"))


def regime_table(result: SolveResult) -> str:
    """A markdown table of the regimes of a solved symbolic :func:`game`: condition, actions, region.

    Examples
    --------
    >>> p, q = sympy.symbols("p q", nonnegative=True)
    >>> print(regime_table(solve(Params(p=p, q=q))).splitlines()[2])
    | $q > 0 \\wedge q < \\frac{3}{5}$ | No threat | Defy | Defy | ineffective |
    """
    result = require_regimes(result, "regime_table()")

    def row(regime: Any) -> list[str]:
        acts = [pure_actions(result.game, eq) for eq in regime.equilibria]
        cells = [" / ".join(a[key] for a in acts) for key in ("US", "Hard-liner", "Soft-liner")]
        return [f"${sympy.latex(regime.conditions)}$", *cells, _region(result.game, regime)]

    return markdown_table(["condition", "US", "hard-liners", "soft-liners", "region"], map(row, result.regimes))


# --- figures --------------------------------------------------------------------------------------
KENNEDY = (Fraction(1, 3), Fraction(1, 2))  # Kennedy's estimate of p, as we read the chapter


def figure_window(params: Params = Params(), *, resolution: int = 300) -> Figure:
    """Dixit and Skeath's window diagram: the (p, q) square split by the solved regimes.

    The regions come from :func:`regions` of :func:`solve` with ``p`` and ``q`` symbolic (``params.p`` and
    ``params.q`` are ignored; the payoffs must be numbers). Drawn over them: the effectiveness line ``q = q_E``,
    the acceptability curve ``q = q_A(p)``, the US's best threat from :func:`optimal_risk` (a thick line), ``p^*``
    and Kennedy's estimate ``1/3 <= p <= 1/2``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_window(resolution=60)
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('$p$ (probability the Soviets are hard-line)', '$q$ (risk of disaster)')
    """
    check_numbers(params, Params, "figure_window()", free=("p", "q"))
    import matplotlib.pyplot as plt
    import numpy as np

    from gametheory.plotting import regime_map

    p, q = sympy.symbols("p q", nonnegative=True)
    symbolic = replace(params, p=p, q=q)
    found = regions(solve(symbolic))
    names = list(REGIONS)
    labels = ["the window:\nthreat made,\nsoft-liners\nwithdraw", "too little risk:\nsoft-liners defy", "too much risk:\nnot worth making"]
    fig, ax = plt.subplots(figsize=(6.4, 6.2), layout="constrained")
    regime_map([found[name] for name in names], labels, (p, 0, 1), (q, 0, 1), resolution=resolution, ax=ax)

    q_e = effectiveness_threshold(params)
    p_star = max_hardline_probability(params)
    accept = sympy.lambdify(p, acceptability_threshold(symbolic), "numpy")
    # Kennedy's estimate: a light band with its ends marked
    low, high = (float(x) for x in KENNEDY)
    ax.axvspan(low, high, color="#777777", alpha=0.13, linewidth=0, zorder=0.5)
    for end in (low, high):
        ax.axvline(end, color="#777777", linewidth=0.8, zorder=0.6)
    ax.text((low + high) / 2, 1.01, "Kennedy's estimate", ha="center", va="bottom", fontsize=9, transform=ax.get_xaxis_transform())
    ax.axhline(float(q_e), color="#0072B2", linewidth=1.8, linestyle="--", label=f"effectiveness: $q = q_E = {sympy.latex(q_e)}$")
    # the acceptability curve, solid where it bounds the window, faint where the threat fails anyway
    ps = np.linspace(1e-3, 1, 800)
    qa = accept(ps)
    above = np.where(qa >= float(q_e), qa, np.nan)
    below = np.where(qa <= float(q_e), qa, np.nan)
    ax.plot(ps, above, color="#D55E00", linewidth=1.8, linestyle="--", label=r"acceptability: $q = q_A(p)$")
    ax.plot(ps, below, color="#D55E00", linewidth=1.0, linestyle=":", alpha=0.6)
    # the US's best threat, from the continuous-choice solver (q = 0: no threat)
    best = sympy.lambdify(p, optimal_risk(replace(params, p=p)), "numpy")
    bs = np.linspace(0, 1, 801)
    chosen = np.broadcast_to(best(bs), bs.shape).astype(float)
    ax.plot(
        bs,
        np.where(chosen > 0, chosen, np.nan),
        color="black",
        linewidth=3.4,
        solid_capstyle="butt",
        label="the US's best threat (solved: smallest effective $q$)",
    )
    ax.axvline(float(p_star), color="black", linewidth=1, linestyle=":")
    ax.annotate(
        f"$p^* = {sympy.latex(p_star)} \\approx {float(p_star):.2f}$",
        (float(p_star), 0.03),
        xytext=(5, 0),
        textcoords="offset points",
        fontsize=9,
    )
    ax.set_xlabel("$p$ (probability the Soviets are hard-line)")
    ax.set_ylabel("$q$ (risk of disaster)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.11), ncol=1, frameon=False, fontsize=9)
    fig.suptitle("A threat that leaves something to chance: the window of risks")
    return fig


def figure_payoff(params: Params = Params(), *, hardline: tuple[Any, ...] = (Fraction(1, 4), *KENNEDY)) -> Figure:
    """The US's value of a threat against the risk ``q`` it carries, for several ``p``, against no threat.

    Each curve is the US's equilibrium payoff in :func:`threat_game` solved with ``q`` symbolic (swept with
    ``result.sweep``): below no threat while the soft-liners defy (too little risk), jumping up at ``q_E`` where
    they withdraw, then falling as the risk grows, below no threat again past ``q_A(p)`` (too much risk).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> fig = figure_payoff()
    >>> fig.axes[0].get_xlabel()
    '$q$ (risk of disaster)'
    """
    check_numbers(params, Params, "figure_payoff()", free=("p", "q"))
    import matplotlib.pyplot as plt
    import numpy as np

    q = sympy.Symbol("q", nonnegative=True)
    fig, ax = plt.subplots(figsize=(7.2, 4.6), layout="constrained")
    colors = ("#009E73", "#0072B2", "#CC79A7", "#E69F00", "#56B4E9")
    qs = np.linspace(0, 1, 1001)
    for k, value in enumerate(hardline):
        result = gametheory.solve(threat_game(replace(params, p=value, q=q)))
        swept = result.sweep({q: qs}, {"u": "payoff:US"}, select=0)
        u = np.array(swept.values["u"], dtype=float)
        u[1:][np.diff(swept.regime) != 0] = np.nan  # break the line where the regime (and the payoff) jumps
        ax.plot(qs, u, color=colors[k % len(colors)], linewidth=2, label=f"threat, $p = {sympy.latex(sympy.sympify(value))}$")
    ax.axhline(float(params.us_concede), color="#333333", linewidth=1.2, linestyle="-.", label="no threat")
    q_e = effectiveness_threshold(params)
    ax.axvline(float(q_e), color="#999999", linewidth=0.8, linestyle="--")
    ax.text(float(q_e), 1.01, f"$q_E = {sympy.latex(q_e)}$", ha="center", va="bottom", fontsize=9, transform=ax.get_xaxis_transform())
    ax.text(
        float(q_e) / 2, 0.97, "every type defies", ha="center", va="top", fontsize=9, color="#555555", transform=ax.get_xaxis_transform()
    )
    ax.text(
        (1 + float(q_e)) / 2,
        0.03,
        "soft-liners withdraw",
        ha="center",
        va="bottom",
        fontsize=9,
        color="#555555",
        transform=ax.get_xaxis_transform(),
    )
    ax.set_xlabel("$q$ (risk of disaster)")
    ax.set_ylabel("US expected payoff")
    ax.legend(loc="lower left", frameon=False, fontsize=9)
    ax.set_title("Too little risk fails to deter; too much is not worth making", pad=16)
    return fig


def _interval(interval: sympy.Set) -> str:
    if interval is sympy.S.EmptySet:
        return "empty"
    return f"[{interval.inf}, {interval.sup}]"


def reproduce(output: Path) -> list[Path]:
    """Write the window diagram, the payoff figure and a table of thresholds and regimes into ``output``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in reproduce(Path(folder))]
    ['threat_of_chance-window.png', 'threat_of_chance-payoff.png', 'threat_of_chance-tables.md']
    """
    return write_outputs(output, "threat_of_chance", {"window": figure_window, "payoff": figure_payoff}, _tables)


def _tables() -> str:
    params = Params()
    p, q = sympy.symbols("p q", nonnegative=True)
    quantities = [
        ("effectiveness threshold $q_E$", effectiveness_threshold(params)),
        ("acceptability threshold $q_A(p)$", f"${sympy.latex(acceptability_threshold(replace(params, p=p)))}$"),
        ("largest $p$ with a window, $p^*$", max_hardline_probability(params)),
        ("largest $p$ for the pure threat", pure_threat_limit(params)),
        (f"window at $p = {params.p}$", _interval(window(params))),
        (f"the US's best risk at $p = {params.p}$", optimal_risk(params)),
    ]
    return document(
        "A threat that leaves something to chance",
        "Defaults: our reading of the running example of Dixit, Skeath & Reiley (2009), ch. 14.",
        markdown_table(["quantity", "value"], quantities),
        "## Regimes of the game over (p, q)",
        regime_table(solve(replace(params, p=p, q=q))),
    )
