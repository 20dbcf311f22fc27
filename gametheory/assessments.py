r"""Assessments on game trees: beliefs with a behaviour profile, checked for Bayes' rule, sequential rationality and consistency.

An *assessment* is a behaviour profile (``profile[p][k]``: player ``p``'s
probability vector at their ``k``-th information set, as in
:func:`~gametheory.profiles.behaviour_profile`) with *beliefs*: information-set
label -> node label -> probability, for every set of a player with several
nodes (a singleton's belief is implicit; nodes left out of a set's mapping get 0).

* :func:`check_assessment` checks, set by set, whether the beliefs follow
  Bayes' rule where the profile reaches the set, and the mover's regret there:
  the most a continuation strategy gains over the profile's, given the beliefs
  at the set and the profile elsewhere (sequential rationality in the sense of
  Kreps and Wilson 1982). Both together make a weak perfect Bayesian
  equilibrium (Mas-Colell, Whinston and Green 1995, section 9.C). The regret
  optimizes the whole continuation, not just the action at the set: with
  beliefs that are not consistent a profile can pass every one-shot test and
  still not be sequentially rational (Hendon, Jacobsen and Sloth 1996); the
  one-shot gain is reported too, as ``local_regret``.
* :func:`is_consistent` decides Kreps and Wilson's consistency exactly and
  :func:`is_sequential_equilibrium` combines the two.

Consistency, exactly
--------------------
An assessment :math:`(\pi, \mu)` is consistent when totally mixed profiles
:math:`\pi^n \to \pi` have Bayes beliefs :math:`\mu^n \to \mu` (chance moves
have positive probability). The set of such limits is the closure of a
semialgebraic set, so by the curve selection lemma (Bochnak, Coste and Roy
1998, Theorem 2.5.5; the argument of Blume and Zame 1994) a point of it is
the limit along a semialgebraic curve :math:`\pi^t`, :math:`t \downarrow 0`, and
each coordinate of a semialgebraic curve has a Puiseux expansion at 0. So an
action :math:`a` with :math:`\pi(a) = 0` has
:math:`\pi^t(a) = c_a t^{k_a}(1 + o(1))` with :math:`c_a, k_a > 0`, and actions
with :math:`\pi(a) > 0` keep limits :math:`\pi(a)`. The probability of reaching a
node :math:`x` is then :math:`\rho(x) C(x) t^{K(x)} (1 + o(1))`, where
:math:`\rho(x)` is the product of the positive probabilities (chance's and the
profile's) on the path to :math:`x`, :math:`K(x) = \sum k_a` and
:math:`C(x) = \prod c_a` over the zero-probability actions on it (each at most
once: a set meets a path at most once). The limit belief at a set is therefore
concentrated on its nodes of least :math:`K`, in proportion to
:math:`\rho\,C`. Conversely, for any :math:`k_a, c_a > 0`, the curve
:math:`\pi^t(a) = c_a t^{k_a}` for zero-probability actions, with the others
scaled by :math:`1 - \sum c_b t^{k_b}` (over the set's zero-probability
actions :math:`b`), is totally mixed for small :math:`t` and has exactly these
limit beliefs. Hence, with :math:`S_h` the support of :math:`\mu` at set
:math:`h`, the assessment is consistent if and only if there are
:math:`k_a > 0` and :math:`\ell_a = \log c_a` with, at every set :math:`h`:

1. :math:`K(x) = K(y)` for :math:`x, y \in S_h` and :math:`K(z) > K(x)` for
   :math:`z \notin S_h`, :math:`x \in S_h`;
2. :math:`L(x) - L(y) = \log \frac{\mu(x) \rho(y)}{\mu(y) \rho(x)}` for
   :math:`x, y \in S_h`, where :math:`L(x) = \sum \ell_a` over the
   zero-probability actions on the path to :math:`x`.

The supports fix which nodes are minimal, so the two systems share no
variable and are decided separately. (1) is homogeneous, so its strict
inequalities may be written ``>= 1`` (scale :math:`k`); it is an exact linear
program (:func:`gametheory._lp.solve_lp`). (2) is a linear system
:math:`A\ell = \log r` over the reals with an integer matrix: it is solvable
if and only if :math:`y^\top \log r = 0`, that is
:math:`\prod_i r_i^{y_i} = 1`, for every :math:`y` of a basis of the left
kernel of :math:`A`, which is computed exactly in rationals; a solution then
has :math:`c_a` equal to products of rational powers of the ratios
:math:`r_i`. Kreps and Wilson (1982, appendix), Kohlberg and Reny (1997) and
Perea, Jansen and Peters (1997) characterize consistency in related terms
(orders of trembles, relative probabilities); the test here is the direct
one above. When the assessment is consistent the report gives the witness:
the orders :math:`k_a` (integers) and coefficients :math:`c_a`.

References
----------
- D. M. Kreps and R. Wilson, "Sequential equilibria", *Econometrica* 50 (1982) 863-894.
- E. Kohlberg and P. J. Reny, "Independence on relative probability spaces and consistent assessments in game trees",
  *Journal of Economic Theory* 75 (1997) 280-313.
- A. Perea y Monsuwé, M. Jansen and H. Peters, "Characterization of consistent assessments in extensive form games",
  *Games and Economic Behavior* 21 (1997) 238-252.
- E. Hendon, H. J. Jacobsen and B. Sloth, "The one-shot-deviation principle for sequential rationality",
  *Games and Economic Behavior* 12 (1996) 274-282.
- L. E. Blume and W. R. Zame, "The algebraic geometry of perfect and sequential equilibrium", *Econometrica* 62 (1994) 783-794.
- J. Bochnak, M. Coste and M.-F. Roy, *Real Algebraic Geometry*, Springer (1998).
- A. Mas-Colell, M. D. Whinston and J. R. Green, *Microeconomic Theory*, Oxford University Press (1995).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy

from ._numbers import convert, describe, format_number
from .errors import InvalidGameError, UnsupportedGameError
from .games.extensive_form import CHANCE, TERMINAL, ExtensiveFormGame
from .profiles import BehaviourProfile, BeliefSet, _move_probabilities, _reach, behaviour_profile

__all__ = [
    "AssessmentReport",
    "ConsistencyReport",
    "InfosetCheck",
    "SequentialReport",
    "Tremble",
    "check_assessment",
    "is_consistent",
    "is_sequential_equilibrium",
]


# --- reports --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InfosetCheck:
    """What :func:`check_assessment` found at one information set of a player.

    Attributes
    ----------
    label, player
        The set's label and its mover.
    beliefs
        Node label -> the belief that was checked (1 at a singleton).
    reach
        The probability that the profile reaches the set.
    bayes
        Node label -> the belief Bayes' rule gives, or ``None`` when ``reach`` is 0.
    bayes_consistent
        The beliefs equal ``bayes`` (True when the set is not reached).
    action_values
        Action label -> the mover's expected payoff from taking it, given the
        beliefs and the profile afterwards.
    value
        The mover's expected payoff under the profile, given the beliefs.
    local_regret
        ``max(action_values) - value``: the gain of the best one-shot deviation.
    regret
        The gain of the best continuation strategy (a choice here and at the
        mover's later sets) over the profile, given the beliefs here: ``0``
        exactly when the mover is sequentially rational at the set.
    best_response
        A best continuation strategy: set label -> action label, for this set
        and the mover's later sets.
    """

    label: str
    player: str
    beliefs: Mapping[str, Any]
    reach: Any
    bayes: Mapping[str, Any] | None
    bayes_consistent: bool
    action_values: Mapping[str, Any]
    value: Any
    local_regret: Any
    regret: Any
    best_response: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class AssessmentReport:
    """The result of :func:`check_assessment`.

    Attributes
    ----------
    infosets
        One :class:`InfosetCheck` per information set of a player, in the game's order.
    sequentially_rational
        Every set's ``regret`` is 0 (at most ``tol`` in a float game).
    bayes_consistent
        Beliefs follow Bayes' rule at every set the profile reaches.
    rationality_failures, bayes_failures
        A readable reason for each failed check of either kind.
    """

    infosets: tuple[InfosetCheck, ...]
    sequentially_rational: bool
    bayes_consistent: bool
    rationality_failures: tuple[str, ...]
    bayes_failures: tuple[str, ...]

    @property
    def failures(self) -> tuple[str, ...]:
        """Every reason, Bayes' rule first (empty for a weak perfect Bayesian equilibrium)."""
        return self.bayes_failures + self.rationality_failures

    @property
    def is_weak_pbe(self) -> bool:
        """Sequentially rational and Bayes-consistent: a weak perfect Bayesian equilibrium."""
        return self.sequentially_rational and self.bayes_consistent

    def infoset(self, label: str) -> InfosetCheck:
        """The check of the set labelled ``label``."""
        for check in self.infosets:
            if check.label == label:
                return check
        raise InvalidGameError(f"AssessmentReport.infoset(): no information set {label!r}; the sets are {[c.label for c in self.infosets]}")


@dataclass(frozen=True, slots=True)
class Tremble:
    """One zero-probability action of a witness sequence: it gets ``coefficient * eps**order``."""

    player: str
    infoset: str
    action: str
    order: int
    coefficient: Any


@dataclass(frozen=True, slots=True)
class ConsistencyReport:
    """The result of :func:`is_consistent`; true in a boolean context when the assessment is consistent.

    Attributes
    ----------
    consistent
        Whether the beliefs are limits of Bayes beliefs along totally mixed profiles converging to the profile.
    trembles
        When consistent, a witness: every zero-probability action of the
        profile with its order and coefficient (see :meth:`perturbed_profile`).
    failures
        When not, the reasons.
    """

    consistent: bool
    trembles: tuple[Tremble, ...]
    failures: tuple[str, ...]
    game: ExtensiveFormGame = field(repr=False)
    profile: BehaviourProfile = field(repr=False)

    def __bool__(self) -> bool:
        return self.consistent

    def perturbed_profile(self, eps: Any) -> BehaviourProfile:
        """The witness profile at ``eps``: each tremble ``coefficient * eps**order``, the set's other actions scaled down.

        It is totally mixed for small ``eps > 0``, tends to the profile, and
        its Bayes beliefs tend to the assessment's beliefs. ``eps`` may be a
        number or a sympy symbol; the values are whatever that arithmetic gives.
        """
        if not self.consistent:
            raise InvalidGameError("ConsistencyReport.perturbed_profile(): the assessment is not consistent, so there is no witness")
        trembles = {(t.player, t.infoset, t.action): t for t in self.trembles}
        result = []
        for p, strategy in enumerate(self.profile):
            rows = []
            for h, probs in zip(self.game.infosets_of(p), strategy, strict=True):
                actions = self.game.infoset_actions[h]
                small = [trembles.get((self.game.players[p], self.game.infoset_labels[h], a)) for a in actions]
                total = sum((t.coefficient * eps**t.order for t in small if t is not None), start=0)
                rows.append(
                    tuple(q * (1 - total) if t is None else t.coefficient * eps**t.order for q, t in zip(probs, small, strict=True))
                )
            result.append(tuple(rows))
        return tuple(result)


@dataclass(frozen=True, slots=True)
class SequentialReport:
    """The result of :func:`is_sequential_equilibrium`; true in a boolean context when the assessment is a sequential equilibrium."""

    sequential: bool
    assessment: AssessmentReport
    consistency: ConsistencyReport
    failures: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.sequential


# --- arithmetic per kind --------------------------------------------------------------------------
def _sign(value: Any, kind: str, tol: float, where: str, what: str | Callable[[], str]) -> int:
    """-1, 0 or +1; floats within ``tol`` of 0 count as 0; symbolic values must be decidable (``what`` names the value)."""
    if kind == "float":
        return 0 if abs(value) <= tol else (1 if value > 0 else -1)
    if kind == "exact":
        return (value > 0) - (value < 0)
    expr = sympy.simplify(value)
    if expr.is_zero:
        return 0
    if expr.is_positive:
        return 1
    if expr.is_negative:
        return -1
    name = what if isinstance(what, str) else what()
    raise UnsupportedGameError(
        f"{where}: cannot decide the sign of {name} = {expr}; substitute numbers for the parameters (game.subs) first"
    )


def _clean(value: Any, kind: str) -> Any:
    if kind == "exact":
        return Fraction(value)
    if kind == "symbolic":
        return sympy.simplify(value)
    return float(value)


# --- validation -----------------------------------------------------------------------------------
def _player_set(game: ExtensiveFormGame, label: Any, where: str) -> int:
    matches = [h for h, name in enumerate(game.infoset_labels) if name == label and game.infoset_player[h] >= 0]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        owners = [game.players[int(game.infoset_player[h])] for h in matches]
        raise UnsupportedGameError(
            f"{where}: beliefs name the set {label!r}, a label that {owners} all use; relabel the sets to tell them apart"
        )
    needed = [game.infoset_labels[h] for h in range(game.n_infosets) if game.infoset_player[h] >= 0 and len(game.nodes_of(h)) > 1]
    if any(name == label for name in game.infoset_labels):
        raise InvalidGameError(f"{where}: beliefs must be about players' information sets; {label!r} is a chance node")
    raise InvalidGameError(f"{where}: beliefs name an unknown information set {label!r}; the sets that need beliefs are {needed}")


def _beliefs(game: ExtensiveFormGame, beliefs: Any, tol: float, where: str) -> dict[int, dict[int, Any]]:
    """Player set -> node -> belief, for every player's set (singletons get 1), in the game's kind."""
    if beliefs is None:
        beliefs = {}
    if not isinstance(beliefs, Mapping):
        raise InvalidGameError(f"{where}: beliefs must map information-set labels to {{node label: probability}}; got {describe(beliefs)}")
    kind = game.kind
    result: dict[int, dict[int, Any]] = {}
    for label, given in beliefs.items():
        h = _player_set(game, label, where)
        nodes = [int(n) for n in game.nodes_of(h)]
        names = {game.node_label(n): n for n in nodes}
        if len(names) != len(nodes):
            raise UnsupportedGameError(f"{where}: two nodes of the set {label!r} have the same label; give the nodes distinct labels")
        if isinstance(given, BeliefSet):
            raise InvalidGameError(f"{where}: beliefs at {label!r} are a BeliefSet (a set of beliefs); pick one belief from it")
        if not isinstance(given, Mapping):
            raise InvalidGameError(
                f"{where}: beliefs at {label!r} must map node labels {list(names)} to probabilities; got {describe(given)}"
            )
        unknown = [name for name in given if name not in names]
        if unknown:
            raise InvalidGameError(f"{where}: beliefs at {label!r} name unknown nodes {unknown}; the set's nodes are {list(names)}")
        belief = {n: convert(0, kind, where) for n in nodes}
        for name, value in given.items():
            number = convert(value, kind, f"{where}: belief in node {name!r} at {label!r}")
            number = Fraction(number) if kind == "exact" else number
            if (number < 0) is sympy.true or (kind != "symbolic" and number < 0):
                raise InvalidGameError(f"{where}: beliefs at {label!r} must be non-negative; got {format_number(number)} for {name!r}")
            belief[names[name]] = number
        total = sum(belief.values(), start=0)
        if kind == "symbolic":
            wrong = sympy.simplify(total - 1).is_zero is False
        else:
            wrong = total != 1 if kind == "exact" else abs(total - 1) > tol
        if wrong:
            raise InvalidGameError(f"{where}: beliefs at {label!r} must sum to 1; they sum to {format_number(_clean(total, kind))}")
        result[h] = belief
    missing = []
    for h in range(game.n_infosets):
        if game.infoset_player[h] < 0 or h in result:
            continue
        nodes = [int(n) for n in game.nodes_of(h)]
        if len(nodes) > 1:
            missing.append(game.infoset_labels[h])
        else:
            result[h] = {nodes[0]: convert(1, kind, where)}
    if missing:
        raise InvalidGameError(f"{where}: beliefs are missing at the sets {missing}, which have several nodes")
    return result


def _require_tree(game: Any, tol: Any, where: str) -> None:
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"{where}: game must be an ExtensiveFormGame; got {describe(game)}")
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not 0 <= tol < 1:
        raise InvalidGameError(f"{where}: tol must be a number from 0 to 1 (used by float games); got {describe(tol)}")


def _require_recall(game: ExtensiveFormGame, tol: Any, where: str) -> None:
    _require_tree(game, tol, where)
    if not game.perfect_recall:
        raise UnsupportedGameError(f"{where}: the game must have perfect recall; sequential rationality is defined through it")


# --- Bayes' rule and sequential rationality -------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Lists:
    """The tree's arrays and the profile's move probabilities as Python lists: element access in loops is several times faster."""

    mover: list[int]
    first: list[int]
    count: list[int]
    infoset: list[int]
    terminal: list[int]
    payoffs: list[list[Any]]
    moves: list[Any]

    @classmethod
    def of(cls, game: ExtensiveFormGame, moves: np.ndarray) -> _Lists:
        return cls(
            game.mover.tolist(),
            game.first_child.tolist(),
            game.n_children.tolist(),
            game.infoset.tolist(),
            game.terminal.tolist(),
            [array.tolist() for array in game.payoffs],
            moves.tolist(),
        )


def _node_values(tree: _Lists, player: int) -> list[Any]:
    """``values[n]``: the player's expected payoff from node ``n`` on under the profile."""
    values: list[Any] = [0] * len(tree.mover)
    payoffs, moves = tree.payoffs[player], tree.moves
    for n in reversed(range(len(values))):  # breadth-first order: children come after their parent
        if tree.mover[n] == TERMINAL:
            values[n] = payoffs[tree.terminal[n]]
        else:
            first = tree.first[n]
            values[n] = sum((moves[c] * values[c] for c in range(first, first + tree.count[n])), start=0)
    return values


def _best_continuation(
    tree: _Lists, player: int, belief: Mapping[int, Any], sign: Any, solved: dict[int, tuple[Any, dict[int, int]]]
) -> tuple[Any, dict[int, int]]:
    """The most ``player`` gets from a set with ``belief`` over its nodes, choosing here and at their later sets, others fixed.

    Returns that payoff and the choices (set -> action) that reach it. A
    node's weight is the belief at its ancestor in the set times the others'
    and chance's moves since. By perfect recall every later set of the player
    lies wholly below the set, and deciding the sets with the most own moves
    above them first fixes all later choices before a set is decided.
    ``solved`` maps nodes of the player's singleton sets to their own answer
    (with belief 1): such a node's subtree holds all of the player's later
    sets, so its answer is reused, scaled by its weight, without a new walk.
    """
    mover, first, count, infoset, moves = tree.mover, tree.first, tree.count, tree.infoset, tree.moves
    weight: dict[int, Any] = dict(belief)
    own: dict[int, int] = dict.fromkeys(belief, 0)
    members: dict[int, list[int]] = {}
    value: dict[int, Any] = {}
    plan: dict[int, int] = {}
    queue = list(belief)
    for m in queue:  # grows while it is read: a breadth-first walk of the subtrees
        if mover[m] == TERMINAL:
            continue
        mine = mover[m] == player
        if mine and m in solved and m not in belief:
            top, later = solved[m]
            value[m] = weight[m] * top
            plan.update(later)
            continue
        if mine:
            members.setdefault(infoset[m], []).append(m)
        for c in range(first[m], first[m] + count[m]):
            weight[c] = weight[m] if mine else weight[m] * moves[c]
            own[c] = own[m] + mine
            queue.append(c)
    payoffs, terminal = tree.payoffs[player], tree.terminal

    def evaluate(start: int) -> Any:
        stack = [start]
        while stack:
            m = stack[-1]
            if m in value:
                stack.pop()
                continue
            if mover[m] == TERMINAL:
                value[m] = weight[m] * payoffs[terminal[m]]
                stack.pop()
                continue
            kids = [first[m] + plan[infoset[m]]] if mover[m] == player else range(first[m], first[m] + count[m])
            todo = [c for c in kids if c not in value]
            if todo:
                stack.extend(todo)
                continue
            value[m] = sum((value[c] for c in kids), start=0)
            stack.pop()
        return value[start]

    for g in sorted(members, key=lambda g: -own[members[g][0]]):
        gains = [sum((evaluate(first[m] + a) for m in members[g]), start=0) for a in range(count[members[g][0]])]
        best = 0
        for a in range(1, len(gains)):
            if sign(gains[a] - gains[best]) > 0:
                best = a
        plan[g] = best
    return sum((evaluate(x) for x in belief), start=0), plan


def check_assessment(
    game: ExtensiveFormGame, profile: Any, beliefs: Mapping[str, Mapping[str, Any]], *, tol: float = 1e-9
) -> AssessmentReport:
    """Check an assessment set by set: Bayes' rule where the profile reaches a set, and the mover's regret there.

    Parameters
    ----------
    game
        A tree with perfect recall.
    profile
        A behaviour profile (see :func:`~gametheory.profiles.behaviour_profile`).
    beliefs
        Information-set label -> node label -> probability, for every set of
        a player with several nodes (nodes left out get 0); singletons are
        implicit. Node labels are :meth:`~gametheory.ExtensiveFormGame.node_label`.
    tol
        Float games only: the tolerance of every comparison.

    Returns
    -------
    AssessmentReport
        Per set an :class:`InfosetCheck`; ``is_weak_pbe`` when the profile is
        sequentially rational given the beliefs and the beliefs follow
        Bayes' rule on the path. Exact for exact games (and symbolic games
        whose signs sympy decides).

    Examples
    --------
    Selten's horse: (Down, Across, Left) is a Nash equilibrium, but Player 2,
    whose move it never reaches, would rather go Down:

    >>> from gametheory import catalog
    >>> horse = catalog.seltens_horse()
    >>> report = check_assessment(horse, [[[1, 0]], [[0, 1]], [[1, 0]]], {"Player 3": {"Down": 1, "Across/Down": 0}})
    >>> report.bayes_consistent, report.sequentially_rational
    (True, False)
    >>> report.failures
    ("'Player 2' at 'Player 2:1' gains 3 by playing 'Down' there (4 against the profile's 1)",)
    """
    return _check(game, profile, beliefs, tol, "check_assessment()")


def _check(game: ExtensiveFormGame, profile: Any, beliefs: Any, tol: float, where: str) -> AssessmentReport:
    _require_recall(game, tol, where)
    checked = behaviour_profile(game, profile, where=where)
    belief_of = _beliefs(game, beliefs, tol, where)
    kind = game.kind
    moves = _move_probabilities(game, checked)
    reach = _reach(game, checked, 0, moves).tolist()
    tree = _Lists.of(game, moves)
    values = [_node_values(tree, p) for p in range(game.n_players)]
    checks: dict[int, InfosetCheck] = {}
    failures: dict[int, str] = {}
    bayes_failures: dict[int, str] = {}
    solved: list[dict[int, tuple[Any, dict[int, int]]]] = [{} for _ in game.players]
    # deepest sets first, so that the answers at later singleton sets are there to reuse
    for h in sorted(belief_of, key=lambda h: -int(game.depth[game.nodes_of(h)[0]])):
        p = int(game.infoset_player[h])
        label, player = game.infoset_labels[h], game.players[p]
        belief = belief_of[h]
        nodes = list(belief)
        names = [game.node_label(n) for n in nodes]

        def sign(x: Any, what: str, label: str = label) -> int:
            return _sign(x, kind, tol, where, lambda: f"{what} at {label!r}")

        total = _clean(sum((reach[n] for n in nodes), start=0), kind)
        bayes: dict[str, Any] | None = None
        agrees = True
        if sign(total, "the probability of reaching the set") > 0:
            bayes = {name: _clean(reach[n] / total, kind) for name, n in zip(names, nodes, strict=True)}
            if any(sign(belief[n] - bayes[name], "a belief minus Bayes' rule") != 0 for name, n in zip(names, nodes, strict=True)):
                agrees = False
                given = ", ".join(f"{name!r}: {format_number(_clean(belief[n], kind))}" for name, n in zip(names, nodes, strict=True))
                wanted = ", ".join(f"{name!r}: {format_number(bayes[name])}" for name in names)
                bayes_failures[h] = (
                    f"beliefs at {label!r} are {{{given}}} but the profile reaches the set with probability {format_number(total)}"
                    f" and Bayes' rule gives {{{wanted}}}"
                )
        actions = game.infoset_actions[h]
        mine = values[p]
        action_values = [_clean(sum((belief[n] * mine[tree.first[n] + a] for n in nodes), start=0), kind) for a in range(len(actions))]
        value = _clean(sum((belief[n] * mine[n] for n in nodes), start=0), kind)
        best = 0
        for a in range(1, len(actions)):
            if sign(action_values[a] - action_values[best], "a difference of action values") > 0:
                best = a
        local = _clean(action_values[best] - value, kind)
        top, plan = _best_continuation(tree, p, belief, lambda x: sign(x, "a difference of continuation payoffs"), solved[p])
        if len(nodes) == 1:
            solved[p][nodes[0]] = (top, plan)
        regret = _clean(top - value, kind)
        if kind == "float":
            regret, local = max(regret, 0.0), max(local, 0.0)
        if sign(regret, "the regret") > 0:
            if sign(local, "the one-shot regret") > 0:
                failures[h] = (
                    f"{player!r} at {label!r} gains {format_number(local)} by playing {actions[best]!r} there"
                    f" ({format_number(action_values[best])} against the profile's {format_number(value)})"
                )
            else:
                steps = ", ".join(f"{game.infoset_labels[g]!r}: {game.infoset_actions[g][a]!r}" for g, a in sorted(plan.items()))
                failures[h] = (
                    f"{player!r} at {label!r} gains {format_number(regret)} by changing the continuation ({steps})"
                    f": {format_number(_clean(top, kind))} against the profile's {format_number(value)}"
                )
        checks[h] = InfosetCheck(
            label=label,
            player=player,
            beliefs=MappingProxyType({name: _clean(belief[n], kind) for name, n in zip(names, nodes, strict=True)}),
            reach=total,
            bayes=None if bayes is None else MappingProxyType(bayes),
            bayes_consistent=agrees,
            action_values=MappingProxyType(dict(zip(actions, action_values, strict=True))),
            value=value,
            local_regret=local,
            regret=regret,
            best_response=MappingProxyType({game.infoset_labels[g]: game.infoset_actions[g][a] for g, a in sorted(plan.items())}),
        )
    ordered = [checks[h] for h in sorted(checks)]
    rational = all(_sign(c.regret, kind, tol, where, "a regret") == 0 for c in ordered)
    return AssessmentReport(
        tuple(ordered),
        rational,
        all(c.bayes_consistent for c in ordered),
        tuple(failures[h] for h in sorted(failures)),
        tuple(bayes_failures[h] for h in sorted(bayes_failures)),
    )


# --- consistency ----------------------------------------------------------------------------------
def _row_reduce(rows: list[list[int]], width: int) -> tuple[list[tuple[int, list[Fraction]]], list[list[Fraction]]]:
    """Gauss-Jordan elimination of ``rows`` in rationals, tracking the row operations.

    Returns the pivots, each ``(column, t)`` with ``t @ rows`` the reduced
    row (1 at the pivot column, 0 at the other pivot columns), and a basis of
    the left kernel: vectors ``y`` with ``y @ rows == 0``.
    """
    m = len(rows)
    table = [[Fraction(v) for v in row] + [Fraction(int(i == j)) for j in range(m)] for i, row in enumerate(rows)]
    pivots: list[int] = []
    r = 0
    for col in range(width):
        found = next((i for i in range(r, m) if table[i][col] != 0), None)
        if found is None:
            continue
        table[r], table[found] = table[found], table[r]
        lead = table[r][col]
        table[r] = [v / lead for v in table[r]]
        for i in range(m):
            if i != r and table[i][col] != 0:
                f = table[i][col]
                table[i] = [a - f * b for a, b in zip(table[i], table[r], strict=True)]
        pivots.append(col)
        r += 1
    return [(col, table[i][width:]) for i, col in enumerate(pivots)], [table[i][width:] for i in range(r, m)]


def _integer_vector(vector: list[Fraction]) -> list[int]:
    scale = math.lcm(*(v.denominator for v in vector))
    ints = [int(v * scale) for v in vector]
    common = math.gcd(*ints) or 1
    return [v // common for v in ints]


def _power_product(bases: list[Any], exponents: list[Fraction], kind: str) -> Any:
    """``prod(bases[i] ** exponents[i])`` exactly: a Fraction when the powers are whole, else a sympy number."""
    pairs = [(b, e) for b, e in zip(bases, exponents, strict=True) if e != 0]
    if kind == "float":
        return math.prod(float(b) ** float(e) for b, e in pairs)
    if kind == "exact" and all(e.denominator == 1 for _, e in pairs):
        return Fraction(math.prod((Fraction(b) ** int(e) for b, e in pairs), start=Fraction(1)))
    result = sympy.Mul(*(_sympy_number(b) ** sympy.Rational(e.numerator, e.denominator) for b, e in pairs))
    return result if kind == "exact" else sympy.simplify(result)


def _sympy_number(value: Any) -> Any:
    if isinstance(value, Fraction | int):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.sympify(value)


def is_consistent(
    game: ExtensiveFormGame, profile: Any, beliefs: Mapping[str, Mapping[str, Any]], *, tol: float = 1e-9
) -> ConsistencyReport:
    """Whether an assessment is consistent (Kreps and Wilson 1982): its beliefs are limits of Bayes beliefs along trembles.

    Decided exactly by the two separate systems of the module docstring: a
    linear program in the orders of the trembles and a linear system in
    their logarithmic coefficients, solvable when the belief ratios multiply
    to 1 along every left-kernel vector.

    Parameters
    ----------
    game
        A tree (perfect recall is not needed). Chance moves into a set with
        several nodes must have positive probability.
    profile, beliefs
        As for :func:`check_assessment`.
    tol
        Float games only: probabilities and beliefs up to ``tol`` count as 0,
        and belief ratios must agree within ``tol`` (in logarithms).

    Returns
    -------
    ConsistencyReport
        True in a boolean context when consistent; then ``trembles`` is a
        witness sequence (:meth:`ConsistencyReport.perturbed_profile`), else
        ``failures`` says why not.

    Examples
    --------
    The entrant stays out; if it entered, it would pick A and B with
    probabilities 1/3 and 2/3. The incumbent, who sees entry but not the
    choice, may believe anything under weak perfect Bayesian equilibrium, but
    the only consistent belief follows the entrant's strategy:

    >>> from fractions import Fraction as F
    >>> from gametheory import ExtensiveFormGame, decision
    >>> respond = lambda fight, share: decision("Incumbent", {"Fight": fight, "Share": share}, infoset="entered")
    >>> game = ExtensiveFormGame.from_tree(decision("Entrant", {
    ...     "Out": (1, 2), "In": decision("Entrant", {"A": respond((0, 1), (2, 0)), "B": respond((0, 0), (2, 1))})}))
    >>> profile = [[[1, 0], [F(1, 3), F(2, 3)]], [[1, 0]]]
    >>> bool(is_consistent(game, profile, {"entered": {"In/A": F(1, 3), "In/B": F(2, 3)}}))
    True
    >>> is_consistent(game, profile, {"entered": {"In/A": F(1, 2), "In/B": F(1, 2)}}).failures
    ("at 'entered', the belief ratio of 'In/B' to 'In/A' must be 2 (the same zero-probability moves lead to both), but it is 1",)
    """
    return _consistency(game, profile, beliefs, tol, "is_consistent()")


def _consistency(game: ExtensiveFormGame, profile: Any, beliefs: Any, tol: float, where: str) -> ConsistencyReport:
    _require_tree(game, tol, where)
    checked = behaviour_profile(game, profile, where=where)
    belief_of = _beliefs(game, beliefs, tol, where)
    kind = game.kind
    moves = _move_probabilities(game, checked)

    def positive(value: Any, what: str) -> bool:
        return _sign(value, kind, tol, where, what) > 0

    # the profile's zero-probability actions are the unknowns
    columns: dict[tuple[int, int], int] = {}
    for h in range(game.n_infosets):
        p = int(game.infoset_player[h])
        if p >= 0:
            probs = checked[p][h - game.infosets_of(p).start]
            for a, q in enumerate(probs):
                if not positive(q, f"the probability of {game.infoset_actions[h][a]!r} at {game.infoset_labels[h]!r}"):
                    columns[(h, a)] = len(columns)
    # per node: its zero-probability actions, the product rho of the positive moves, and whether chance rules it out
    zeros: list[tuple[int, ...]] = [()] * game.n_nodes
    rho: list[Any] = [1] * game.n_nodes
    dead = [False] * game.n_nodes
    for n in range(1, game.n_nodes):
        up = int(game.parent[n])
        key = (int(game.infoset[up]), int(game.action[n]))
        zeros[n], rho[n], dead[n] = zeros[up], rho[up], dead[up]
        if key in columns:
            zeros[n] = (*zeros[up], columns[key])
        elif game.mover[up] == CHANCE and not positive(moves[n], "a chance probability"):
            dead[n] = True
        else:
            rho[n] = rho[up] * moves[n]

    failures: list[str] = []
    # per multi-node set: its support and the rows of both systems
    systems: list[_Supports] = []
    ratio_rows: list[list[int]] = []
    ratios: list[Any] = []
    row_info: list[tuple[int, int, int, Any, Any]] = []  # set, node, reference node, belief ratio, rho ratio
    for h, belief in belief_of.items():
        if len(belief) < 2:
            continue
        label = game.infoset_labels[h]
        live = [n for n in belief if not dead[n]]
        if not live:
            raise UnsupportedGameError(
                f"{where}: every node of {label!r} follows a chance move of probability 0, so no totally mixed profile reaches it"
                " and Bayes' rule never defines beliefs there"
            )
        for n in belief:
            if dead[n] and positive(belief[n], "a belief"):
                failures.append(
                    f"at {label!r}, {game.node_label(n)!r} follows a chance move of probability 0, so its belief must be 0;"
                    f" it is {format_number(_clean(belief[n], kind))}"
                )
        support = [n for n in live if positive(belief[n], f"the belief in {game.node_label(n)!r}")]
        others = [n for n in live if n not in support]
        if not support:
            continue  # every positive belief is on a dead node: reported above
        ref = support[0]

        def indicator(n: int) -> list[int]:
            row = [0] * len(columns)
            for c in zeros[n]:
                row[c] += 1
            return row

        base = indicator(ref)
        ub = [([b - v for b, v in zip(base, indicator(z), strict=True)], -1) for z in others]  # K(ref) - K(z) <= -1
        eq = [[v - b for v, b in zip(indicator(x), base, strict=True)] for x in support[1:]]
        systems.append(_Supports(h, tuple(support), tuple(others), tuple(ub), tuple(eq)))
        for x, row in zip(support[1:], eq, strict=True):
            mu_ratio = belief[x] / belief[ref]
            rho_ratio = rho[x] / rho[ref]
            ratio_rows.append(row)
            ratios.append(_clean(mu_ratio / rho_ratio, kind))
            row_info.append((h, x, ref, _clean(mu_ratio, kind), _clean(rho_ratio, kind)))

    # (1) the orders: k >= 1 and the support conditions, an exact feasibility LP
    orders = _orders(systems, len(columns))
    if orders is None:
        failures.append(_order_failure(game, systems, len(columns), belief_of, zeros, kind))
    # (2) the coefficients: A l = log r, solvable when every left-kernel vector y has prod r**y == 1
    pivots, kernel = _row_reduce(ratio_rows, len(columns))
    for y in kernel:
        ints = _integer_vector(y)
        used = [i for i, v in enumerate(ints) if v != 0]
        if kind == "float":
            off = abs(sum(ints[i] * math.log(ratios[i]) for i in used)) > tol * max(1, sum(abs(ints[i]) for i in used))
        else:
            product = _power_product([ratios[i] for i in used], [Fraction(ints[i]) for i in used], kind)
            off = _sign(product - 1, kind, tol, where, "a product of belief ratios minus 1") != 0
        if off:
            failures.append(_ratio_failure(game, [(row_info[i], ints[i]) for i in used], kind))
    if failures:
        return ConsistencyReport(False, (), tuple(failures), game, checked)
    assert orders is not None
    coefficients: list[Any] = [_power_product([], [], kind)] * len(columns)
    for col, t in pivots:
        coefficients[col] = _power_product(ratios, t, kind)
    trembles = []
    for (h, a), col in columns.items():
        p = int(game.infoset_player[h])
        trembles.append(Tremble(game.players[p], game.infoset_labels[h], game.infoset_actions[h][a], orders[col], coefficients[col]))
    return ConsistencyReport(True, tuple(trembles), (), game, checked)


@dataclass(frozen=True, slots=True)
class _Supports:
    """The conditions one set's belief support puts on the orders: ``ub`` rows ``(coefficients, rhs)`` (<=) and ``eq`` rows (= 0)."""

    infoset: int
    support: tuple[int, ...]
    others: tuple[int, ...]
    ub: tuple[tuple[list[int], int], ...]
    eq: tuple[list[int], ...]


def _orders(systems: list[_Supports], n: int) -> list[int] | None:
    """Integer orders k >= 1 meeting the support conditions of ``systems``, or None when there are none.

    Every strict inequality is relaxed by one slack ``s`` and ``s`` is
    minimized: that LP is always feasible and bounded, so HiGHS's answer
    comes back exactly certified (an infeasible LP would be left to the much
    slower exact simplex), and the system holds exactly when the optimum is 0.
    """
    from ._lp import solve_lp

    if not any(system.ub or system.eq for system in systems):
        return [1] * n
    a_ub: list[list[int]] = [[-int(i == j) for j in range(n)] + [-1] for i in range(n)]  # k_i >= 1
    b_ub: list[int] = [-1] * n
    a_eq: list[list[int]] = []
    for system in systems:
        for row, rhs in system.ub:
            a_ub.append([*row, -1])
            b_ub.append(rhs)
        a_eq.extend([*row, 0] for row in system.eq)
    solution = solve_lp([0] * n + [-1], a_ub, b_ub, a_eq or None, [0] * len(a_eq) or None)
    if solution.objective != 0:
        return None
    ks = [Fraction(v) for v in solution.x[:n]]
    scale = math.lcm(*(k.denominator for k in ks)) if ks else 1
    ints = [int(k * scale) for k in ks]
    common = math.gcd(*ints) if ints else 1
    return [k // common for k in ints]


def _order_failure(
    game: ExtensiveFormGame,
    systems: list[_Supports],
    n: int,
    belief_of: dict[int, dict[int, Any]],
    zeros: list[tuple[int, ...]],
    kind: str,
) -> str:
    """Why no orders of trembles fit the belief supports: an irreducible group of sets (deletion filter)."""
    group = list(systems)
    for item in list(group):
        rest = [s for s in group if s is not item]
        if _orders(rest, n) is None:
            group = rest
    if len(group) == 1:
        h = group[0].infoset
        belief = belief_of[h]
        label = game.infoset_labels[h]
        for z in group[0].others:
            for x in group[0].support:
                if set(zeros[z]) <= set(zeros[x]):
                    return (
                        f"at {label!r}, {game.node_label(z)!r} has belief 0 but cannot be infinitely less likely than"
                        f" {game.node_label(x)!r} (belief {format_number(_clean(belief[x], kind))}): every zero-probability move"
                        f" on the path to {game.node_label(z)!r} is on the path to {game.node_label(x)!r} too"
                    )
    parts = []
    for system in group:
        shown = ", ".join(repr(game.node_label(x)) for x in system.support)
        parts.append(f"{game.infoset_labels[system.infoset]!r} (positive belief on {shown})")
    return (
        f"the belief supports at {', '.join(parts)} cannot hold together: no orders of trembles make, at each of these sets,"
        " the nodes with positive belief equally likely to leading order and the other nodes infinitely less likely"
    )


def _ratio_failure(game: ExtensiveFormGame, rows: list[tuple[tuple[int, int, int, Any, Any], int]], kind: str) -> str:
    """Why the belief ratios cannot come from one set of tremble coefficients."""
    if len(rows) == 1:
        (h, x, ref, mu_ratio, rho_ratio), _ = rows[0]
        return (
            f"at {game.infoset_labels[h]!r}, the belief ratio of {game.node_label(x)!r} to {game.node_label(ref)!r} must be"
            f" {format_number(rho_ratio)} (the same zero-probability moves lead to both), but it is {format_number(mu_ratio)}"
        )
    parts = []
    for (h, x, ref, mu_ratio, rho_ratio), power in rows:
        parts.append(
            f"at {game.infoset_labels[h]!r} the belief ratio {format_number(mu_ratio)} of {game.node_label(x)!r} to {game.node_label(ref)!r}"
            f" needs the trembles on their paths in ratio {format_number(_clean(mu_ratio / rho_ratio, kind))} (power {power})"
        )
    product = _power_product([_clean(mu / rh, kind) for (_, _, _, mu, rh), _ in rows], [Fraction(p) for _, p in rows], kind)
    return (
        "the beliefs ask for incompatible ratios of the same trembles: "
        + "; ".join(parts)
        + f"; raised to these powers the trembles cancel, so these ratios must multiply to 1, but they multiply to {format_number(product)}"
    )


def is_sequential_equilibrium(
    game: ExtensiveFormGame, profile: Any, beliefs: Mapping[str, Mapping[str, Any]], *, tol: float = 1e-9
) -> SequentialReport:
    """Whether an assessment is a sequential equilibrium (Kreps and Wilson 1982): consistent and sequentially rational.

    Returns a :class:`SequentialReport`, true in a boolean context when it
    is, with the two reports it combines (:func:`check_assessment`,
    :func:`is_consistent`) and their failures.

    Examples
    --------
    Selten's horse: both players going Across with Player 3 going Right,
    believing Player 1 deviated with probability 1/3 at most, is sequential:

    >>> from gametheory import catalog
    >>> from fractions import Fraction as F
    >>> horse = catalog.seltens_horse()
    >>> bool(is_sequential_equilibrium(horse, [[[0, 1]], [[0, 1]], [[0, 1]]], {"Player 3": {"Down": F(1, 3), "Across/Down": F(2, 3)}}))
    True
    >>> is_sequential_equilibrium(horse, [[[0, 1]], [[0, 1]], [[0, 1]]], {"Player 3": {"Down": F(1, 2), "Across/Down": F(1, 2)}}).failures
    ("'Player 3' at 'Player 3' gains 1/2 by playing 'Left' there (1 against the profile's 1/2)",)
    """
    where = "is_sequential_equilibrium()"
    assessment = _check(game, profile, beliefs, tol, where)
    consistency = _consistency(game, profile, beliefs, tol, where)
    sequential = assessment.sequentially_rational and consistency.consistent
    # a breach of Bayes' rule is a failure of consistency too: report it once
    return SequentialReport(sequential, assessment, consistency, assessment.rationality_failures + consistency.failures)
