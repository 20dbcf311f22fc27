r"""Refinements of perfect Bayesian equilibria of signaling games: the intuitive criterion, D1 and D2.

A signaling game (see :func:`~gametheory.games.signaling.signaling_game`) has
sender types :math:`T` with a prior :math:`\pi`, messages :math:`M`, and after
each message :math:`m` receiver responses :math:`R(m)`; :math:`u(t, m, r)` is
the sender's payoff and :math:`v(t, m, r)` the receiver's. A perfect Bayesian
equilibrium (PBE) says nothing about the receiver's beliefs after a message no
type sends (an *off-path* message); the criteria here ask whether those beliefs
are plausible, and each is a filter on a set of PBE that says why an
equilibrium fails: at which message, which types, which responses.

Definitions
-----------
Fix a PBE and let :math:`u^*(t)` be type :math:`t`'s equilibrium payoff. For a
nonempty set of types :math:`\Theta` and a message :math:`m`,
:math:`BR(\Theta, m)` is the set of (pure) responses that are best responses
to *some* belief concentrated on :math:`\Theta`, and :math:`MBR(\Theta, m)` the
set of mixed responses :math:`\alpha` that are best responses to some such
belief (every response :math:`\alpha` puts weight on is optimal for it).

*Intuitive criterion* (Cho and Kreps 1987, section IV). For an off-path
message :math:`m`, the types for which :math:`m` is *equilibrium-dominated* are

.. math:: J(m) = \{t : u^*(t) > \max_{r \in BR(T, m)} u(t, m, r)\}.

The equilibrium fails the criterion at :math:`m` when some type
:math:`t' \notin J(m)` has

.. math:: u^*(t') < \min_{r \in BR(T \setminus J(m), m)} u(t', m, r):

once the receiver rules out the types in :math:`J(m)`, every best response
to the remaining ones makes :math:`t'` better off than in equilibrium, so
:math:`t'` would send :math:`m`. When :math:`J(m) = T` the test is vacuous. The
maximum and minimum over mixed responses are attained at pure ones, so pure
best responses suffice. The test depends only on the equilibrium payoffs
:math:`u^*`, not on the off-path responses.

*D1 and D2* (Cho and Kreps 1987, section V, building on Banks and Sobel 1987).
For an off-path :math:`m` and a type :math:`t`, the mixed responses that make
:math:`t` strictly and exactly as well off as in equilibrium are

.. math::

   D(t, m) = \{\alpha \in MBR(T, m) : u(t, m, \alpha) > u^*(t)\}, \quad
   D^0(t, m) = \{\alpha \in MBR(T, m) : u(t, m, \alpha) = u^*(t)\}.

Type :math:`t` is *deleted* at :math:`m`

* by **D1** when some other type :math:`t'` has
  :math:`D(t, m) \cup D^0(t, m) \subseteq D(t', m)` (whenever :math:`t`
  would weakly gain from :math:`m`, :math:`t'` would strictly gain);
* by **D2** when :math:`D(t, m) \cup D^0(t, m) \subseteq \bigcup_{t' \ne t} D(t', m)`
  (whenever :math:`t` would weakly gain, some other type would strictly gain).

The equilibrium passes at :math:`m` when the receiver's response there is a
best response to some belief concentrated on the types not deleted. If every
type is deleted, beliefs at :math:`m` stay unrestricted (the convention of Cho
and Kreps, as for :math:`J(m) = T`). A type in :math:`J(m)` has
:math:`D \cup D^0 = \emptyset`, so D1 deletes it; and D2 deletes every type D1
deletes. Cho and Kreps relate D2 to Banks and Sobel's universal divinity; the
iterated versions of these tests (applied again to the game with the deleted
types and messages pruned) are not implemented.

An equilibrium survives a criterion when it passes at every off-path message;
one where every message is on the path survives trivially. For PBE these
criteria are nested: whatever survives D2 survives D1, and whatever survives
D1 survives the intuitive criterion. (If D1 deletes nothing but :math:`J(m)`
and the intuitive criterion fails through :math:`t'`, the receiver's response
would be a best response to a belief on :math:`T \setminus J(m)`, which would
give :math:`t'` more than :math:`u^*(t')`; and "every type deleted" happens
only when :math:`J(m) = T`, because :math:`MBR(T, m)` is connected and the
equilibrium response lies in no :math:`D(t, m)`.)

Exact procedure
---------------
Everything is exact (ints and Fractions; no tolerance).

1. :math:`BR(\Theta, m)`: response :math:`r` is in it when the belief polytope
   :math:`\{\mu \in \Delta(\Theta) : \sum_t \mu_t (v(t, m, r) - v(t, m, r')) \ge 0 \ \forall r'\}`
   is nonempty (vertices by :func:`gametheory.solvers._beliefs.belief_vertices`).
2. :math:`MBR(T, m)` is the union of the simplices :math:`\Delta(S)` over the
   sets :math:`S \subseteq R(m)` whose responses are best responses together to
   some belief on :math:`T` (the same polytope test with every :math:`r \in S`);
   only maximal such :math:`S` are kept, the others being faces.
3. An inclusion such as :math:`D(t) \cup D^0(t) \subseteq D(t')` fails exactly
   when some :math:`\alpha \in MBR(T, m)` has :math:`u(t, m, \alpha) \ge u^*(t)`
   and :math:`u(t', m, \alpha) \le u^*(t')`; on each :math:`\Delta(S)` these
   are linear inequalities, so the test is whether a polytope in
   :math:`\Delta(S)` is empty (exact vertex enumeration,
   :func:`gametheory.solvers._beliefs.polytope_vertices`). For D2 the
   polytope carries one inequality :math:`u(t', m, \alpha) \le u^*(t')` per
   other type :math:`t'`. The closed polytope takes care of strictness: no
   point of it means every weakly-gaining response is strictly better for
   :math:`t'`.
4. The equilibrium response :math:`\rho_m` passes when the polytope of beliefs
   on the types not deleted under which every response in its support is
   optimal is nonempty.

Equilibria are taken from a ``pbe`` :class:`~gametheory.results.SolveResult`
(each extreme point of a continuum is tested on its own) or given by hand;
either way each one is first checked to be a PBE of the signaling game
(every type's message optimal, every response a best response to Bayes'
beliefs on the path and to some belief off it).

Sources
-------
I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria", *Quarterly
Journal of Economics* 102 (1987) 179-221.
J. S. Banks and J. Sobel, "Equilibrium selection in signaling games",
*Econometrica* 55 (1987) 647-661.
D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), section 11.2.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ._numbers import describe, format_number, to_exact
from .errors import InvalidGameError, UnsupportedGameError
from .games.extensive_form import ExtensiveFormGame
from .games.signaling import SignalingStructure, signaling_structure
from .results import Equilibrium, SolveResult
from .solvers._beliefs import belief_vertices, polytope_vertices

__all__ = ["MessageTest", "RefinementResult", "Verdict", "d1", "d2", "intuitive_criterion"]

_INTUITIVE = "intuitive criterion"


# --- results --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MessageTest:
    """The test of one off-path message in one equilibrium.

    Attributes
    ----------
    message
        The off-path message.
    passed
        Whether the equilibrium passes the test at this message.
    deleted
        For the intuitive criterion, the types for which the message is equilibrium-dominated
        (:math:`J(m)`); for D1 and D2, the types deleted at the message.
    deleted_by
        For D1: each deleted type -> the other types that strictly gain whenever it weakly gains
        (empty for the other criteria).
    deviators
        For the intuitive criterion: each type that would send the message -> the least payoff it
        gets from it under a best response to beliefs on the types not in ``deleted`` (more than its
        equilibrium payoff). Empty otherwise.
    responses
        For the intuitive criterion, the best responses to beliefs on the types not in ``deleted``;
        for D1 and D2, the responses the equilibrium's receiver plays at the message.
    explanation
        The verdict in words.
    """

    message: str
    passed: bool
    deleted: tuple[str, ...]
    deleted_by: Mapping[str, tuple[str, ...]]
    deviators: Mapping[str, Any]
    responses: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a criterion says about one equilibrium.

    Attributes
    ----------
    index
        The equilibrium's index in the tested sequence (the result's equilibria unless others were given).
    equilibrium
        The equilibrium.
    survives
        Whether it passes at every off-path message.
    payoffs
        Each type's equilibrium payoff :math:`u^*(t)`.
    off_path
        The messages no type with positive prior probability sends.
    tests
        One :class:`MessageTest` per off-path message.
    explanation
        The verdict in words: why it fails (the failing tests), or why it survives.
    """

    index: int
    equilibrium: Equilibrium
    survives: bool
    payoffs: Mapping[str, Any]
    off_path: tuple[str, ...]
    tests: tuple[MessageTest, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class RefinementResult:
    """Which equilibria of a signaling game survive a refinement, and why the others fail.

    Attributes
    ----------
    criterion
        ``"intuitive criterion"``, ``"D1"`` or ``"D2"``.
    game
        The signaling game.
    verdicts
        One :class:`Verdict` per tested equilibrium, in order.
    result
        The ``pbe`` result the equilibria came from (``None`` when they were given with a game).
    """

    criterion: str
    game: ExtensiveFormGame
    verdicts: tuple[Verdict, ...]
    result: SolveResult | None = None

    @property
    def survivors(self) -> tuple[int, ...]:
        """The indices of the equilibria that survive."""
        return tuple(v.index for v in self.verdicts if v.survives)

    @property
    def equilibria(self) -> tuple[Equilibrium, ...]:
        """The equilibria that survive."""
        return tuple(v.equilibrium for v in self.verdicts if v.survives)

    @property
    def failures(self) -> tuple[Verdict, ...]:
        """The verdicts of the equilibria that fail."""
        return tuple(v for v in self.verdicts if not v.survives)

    def __len__(self) -> int:
        return len(self.verdicts)

    def __getitem__(self, index: int) -> Verdict:
        return self.verdicts[index]

    def explain(self) -> str:
        """Every verdict in words, one line per equilibrium."""
        count = len(self.survivors)
        lines = [f"{self.criterion}: {count} of {len(self.verdicts)} equilibri{'um' if len(self.verdicts) == 1 else 'a'} survive"]
        lines += [f"  [{v.index}] {'survives' if v.survives else 'fails'}: {v.explanation}" for v in self.verdicts]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()


# --- one message, read once -----------------------------------------------------------------------
class _Message:
    """One message's payoffs; the belief questions asked about it are cached (they repeat across equilibria)."""

    def __init__(self, s: SignalingStructure, m: int):
        self.label = s.messages[m]
        self.responses = s.responses[m]
        self.sender = tuple(row[m] for row in s.sender_payoffs)  # [t][r]
        self.receiver = tuple(row[m] for row in s.receiver_payoffs)  # [t][r]
        self.n_types = len(s.types)
        self._supportable: dict[tuple[tuple[int, ...], tuple[int, ...]], bool] = {}
        self._supports: tuple[tuple[int, ...], ...] | None = None

    def supportable(self, types: Sequence[int], support: Sequence[int]) -> bool:
        """Whether some belief concentrated on ``types`` makes every response in ``support`` a best response."""
        key = (tuple(types), tuple(support))
        if key not in self._supportable:
            u = self.receiver
            first = support[0]
            # first >= every response outside the support, = every other response in it
            rows = [tuple(u[t][first] - u[t][r] for t in types) for r in range(len(self.responses)) if r not in support]
            equalities = [tuple(u[t][r] - u[t][first] for t in types) for r in support[1:]]
            self._supportable[key] = bool(belief_vertices(rows, equalities, n=len(types)))
        return self._supportable[key]

    def best_responses(self, types: Sequence[int]) -> tuple[int, ...]:
        """BR(types, m): the pure responses that are best responses to some belief on ``types``."""
        return tuple(r for r in range(len(self.responses)) if self.supportable(types, (r,)))

    @property
    def supports(self) -> tuple[tuple[int, ...], ...]:
        """The maximal sets of responses that are best responses together to some belief on all types.

        MBR(T, m) is the union of the simplices over these sets.
        """
        if self._supports is None:
            found: list[tuple[int, ...]] = []
            everyone = tuple(range(self.n_types))
            for size in range(len(self.responses), 0, -1):
                for support in itertools.combinations(range(len(self.responses)), size):
                    if not any(set(support) <= set(bigger) for bigger in found) and self.supportable(everyone, support):
                        found.append(support)
            self._supports = tuple(found)
        return self._supports


def _empty(support: Sequence[int], at_least: Sequence[tuple[Sequence[Any], Any]], at_most: Sequence[tuple[Sequence[Any], Any]]) -> bool:
    """Whether no mixture alpha over ``support`` has a . alpha >= c for (a, c) in at_least and b . alpha <= d for (b, d) in at_most.

    ``a`` and ``b`` are payoff rows over all responses; only their entries on ``support`` count.
    """
    k = len(support)
    unit = [(tuple(1 if j == i else 0 for j in range(k)), 0) for i in range(k)]
    rows = [(tuple(a[r] for r in support), c) for a, c in at_least]
    rows += [(tuple(-b[r] for r in support), -d) for b, d in at_most]
    return not polytope_vertices(k, [((1,) * k, 1)], unit + rows)


# --- the equilibrium, read and checked ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Play:
    sender: tuple[tuple[Any, ...], ...]  # [t][m]: probability that type t sends m
    receiver: tuple[tuple[Any, ...], ...]  # [m][r]
    values: tuple[Any, ...]  # u*(t)
    off_path: tuple[int, ...]


def _mix(row: Sequence[Any], probs: Sequence[Any]) -> Any:
    return sum((x * p for x, p in zip(row, probs, strict=True) if p != 0), start=0)


def _read(game: ExtensiveFormGame, s: SignalingStructure, messages: Sequence[_Message], eq: Any, position: int, where: str) -> _Play:
    if not isinstance(eq, Equilibrium):
        raise InvalidGameError(f"{where}: equilibria must be Equilibrium values or indices into the result; got {describe(eq)}")
    profile = eq.profile
    if len(profile) != 2:
        raise InvalidGameError(
            f"{where}: equilibria[{position}] must have a behaviour profile for 2 players; got {len(profile)} strategies"
        )

    def strategy(player: int, infoset: int) -> tuple[Any, ...]:
        sets = list(game.infosets_of(player))
        row = profile[player][sets.index(infoset)] if len(profile[player]) == len(sets) else None
        if row is None or len(row) != len(game.infoset_actions[infoset]):
            raise InvalidGameError(
                f"{where}: equilibria[{position}] is not a behaviour profile of this game (player {game.players[player]!r} "
                f"at {game.infoset_labels[infoset]!r}); got {describe(profile[player])}"
            )
        return tuple(to_exact(p, f"{where}: equilibria[{position}]") for p in row)

    n_types, n_messages = len(s.types), len(s.messages)
    sender = []
    for t in range(n_types):
        row = strategy(s.sender, s.sender_sets[t])
        sender.append(tuple(row[s.message_actions[t][m]] for m in range(n_messages)))
    receiver = tuple(strategy(s.receiver, s.receiver_sets[m]) for m in range(n_messages))
    gains = [[_mix(s.sender_payoffs[t][m], receiver[m]) for m in range(n_messages)] for t in range(n_types)]
    values = tuple(_mix(gains[t], sender[t]) for t in range(n_types))

    def fail(reason: str) -> InvalidGameError:
        return InvalidGameError(f"{where}: equilibria[{position}] is not a perfect Bayesian equilibrium of the signaling game: {reason}")

    for t in range(n_types):
        for m in range(n_messages):
            if gains[t][m] > values[t]:
                raise fail(
                    f"type {s.types[t]!r} gains by sending {s.messages[m]!r} ({format_number(gains[t][m])} > {format_number(values[t])})"
                )
    off_path = []
    everyone = range(n_types)
    for m in range(n_messages):
        support = tuple(r for r, p in enumerate(receiver[m]) if p != 0)
        weights = [s.prior[t] * sender[t][m] for t in everyone]
        if all(w == 0 for w in weights):
            off_path.append(m)
            if not messages[m].supportable(everyone, support):
                raise fail(f"the response at the off-path message {s.messages[m]!r} is not a best response to any belief")
            continue
        expected = [_mix([s.receiver_payoffs[t][m][r] for t in everyone], weights) for r in range(len(s.responses[m]))]
        best = max(expected)
        bad = [s.responses[m][r] for r in support if expected[r] != best]
        if bad:
            raise fail(f"the receiver's response {bad[0]!r} to {s.messages[m]!r} is not a best response to Bayes' beliefs")
    return _Play(tuple(sender), receiver, values, tuple(off_path))


# --- the criteria ---------------------------------------------------------------------------------
def _names(labels: Sequence[str]) -> str:
    return "{" + ", ".join(repr(x) for x in labels) + "}"


def _responses_text(labels: Sequence[str]) -> str:
    return ", ".join(repr(x) for x in labels)


def _intuitive_test(s: SignalingStructure, message: _Message, values: Sequence[Any]) -> MessageTest:
    types = range(len(s.types))
    every = message.best_responses(types)
    dominated = [t for t in types if values[t] > max(message.sender[t][r] for r in every)]
    m = repr(message.label)
    if len(dominated) == len(s.types):
        return MessageTest(
            message.label,
            True,
            s.types,
            MappingProxyType({}),
            MappingProxyType({}),
            (),
            f"{m} is equilibrium-dominated for every type; the test is vacuous there",
        )
    rest = [t for t in types if t not in dominated]
    answers = message.best_responses(rest)
    deviators = {s.types[t]: low for t in rest if values[t] < (low := min(message.sender[t][r] for r in answers))}
    deleted = tuple(s.types[t] for t in dominated)
    labels = tuple(message.responses[r] for r in answers)
    prefix = f"{m} is equilibrium-dominated for {_names(deleted)}; " if deleted else f"{m} is equilibrium-dominated for no type; "
    if deviators:
        first, least = next(iter(deviators.items()))
        t = s.types.index(first)
        text = (
            f"type {first!r} would send {m}: every best response to beliefs on {_names([s.types[x] for x in rest])} "
            f"({_responses_text(labels)}) gives it more than its equilibrium payoff {format_number(values[t])} "
            f"(at least {format_number(least)})"
        )
        if deleted:
            text += f"; {m} is equilibrium-dominated for {_names(deleted)}"
        return MessageTest(message.label, False, deleted, MappingProxyType({}), MappingProxyType(deviators), labels, text)
    text = prefix + (
        f"no {'other ' if deleted else ''}type is sure to gain from it: for each, some best response to beliefs on {_names([s.types[x] for x in rest])} "
        f"({_responses_text(labels)}) gives it at most its equilibrium payoff"
    )
    return MessageTest(message.label, True, deleted, MappingProxyType({}), MappingProxyType({}), labels, text)


def _d_test(s: SignalingStructure, message: _Message, values: Sequence[Any], response: Sequence[Any], union: bool) -> MessageTest:
    """D1 (``union=False``) or D2 (``union=True``) at one off-path message."""
    types = range(len(s.types))
    supports = message.supports
    weakly = [(message.sender[t], values[t]) for t in types]  # (payoff row, u*): the half-spaces of D and D0
    deleted_by: dict[str, tuple[str, ...]] = {}
    deleted: list[int] = []
    for t in types:
        others = [x for x in types if x != t]
        if union:
            if all(_empty(S, [weakly[t]], [weakly[x] for x in others]) for S in supports):
                deleted.append(t)
            continue
        witnesses = tuple(s.types[x] for x in others if all(_empty(S, [weakly[t]], [weakly[x]]) for S in supports))
        if witnesses:
            deleted.append(t)
            deleted_by[s.types[t]] = witnesses
    m = repr(message.label)
    support = tuple(r for r, p in enumerate(response) if p != 0)
    played = tuple(message.responses[r] for r in support)
    names = tuple(s.types[t] for t in deleted)
    shown = (
        f"{played[0]!r} a best response"
        if len(played) == 1
        else f"each of {_responses_text(played)} (the receiver mixes them) a best response"
    )

    def reason(t: int) -> str:
        u = format_number(values[t])
        if all(_empty(S, [weakly[t]], []) for S in supports):
            return f"{s.types[t]!r} cannot get its equilibrium payoff {u} from {m}"
        if union:
            return f"whenever {s.types[t]!r} gets at least its equilibrium payoff {u} from {m}, another type strictly gains"
        witness = s.types.index(deleted_by[s.types[t]][0])
        return (
            f"whenever {s.types[t]!r} gets at least its equilibrium payoff {u} from {m}, "
            f"{s.types[witness]!r} gets more than its {format_number(values[witness])}"
        )

    if len(deleted) == len(s.types):
        text = (
            f"every type is deleted at {m} (no type can get its equilibrium payoff from it); by convention beliefs there are unrestricted"
        )
        return MessageTest(message.label, True, names, MappingProxyType(deleted_by), MappingProxyType({}), played, text)
    if not deleted:
        text = f"no type is deleted at {m}; beliefs there are unrestricted"
        return MessageTest(message.label, True, names, MappingProxyType(deleted_by), MappingProxyType({}), played, text)
    kept = [t for t in types if t not in deleted]
    passed = message.supportable(kept, support)
    kept_names = _names([s.types[t] for t in kept])
    why = "; ".join(f"{names_t!r} is deleted ({reason(t)})" for t, names_t in zip(deleted, names, strict=True))
    text = f"at {m}: {why}; {'a' if passed else 'no'} belief on {kept_names} makes {shown}"
    return MessageTest(message.label, passed, names, MappingProxyType(deleted_by), MappingProxyType({}), played, text)


def _refine(source: Any, equilibria: Sequence[Any] | None, criterion: str, where: str) -> RefinementResult:
    result: SolveResult | None
    if isinstance(source, SolveResult):
        result, game = source, source.game
    elif isinstance(source, ExtensiveFormGame):
        game = source
        result = None
    else:
        raise UnsupportedGameError(
            f"{where}: the first argument must be a pbe SolveResult or a signaling game; got {type(source).__name__}"
        )
    s = signaling_structure(game)
    if s is None:
        raise UnsupportedGameError(
            f"{where}: the game must be a signaling game (chance picks a type, the sender sends a message, the receiver responds); "
            "build it with signaling_game()"
        )
    if game.kind != "exact":
        hint = (
            "; substitute numbers for its parameters first"
            if game.kind == "symbolic"
            else "; build it with exact numbers (ints, Fractions)"
        )
        raise UnsupportedGameError(f"{where}: the game's payoffs must be exact; got {game.kind}{hint}")
    if result is None and equilibria is None:
        from .solvers import solve

        result = solve(game, method="pbe")
    if equilibria is None:
        assert result is not None
        chosen = list(enumerate(result.equilibria))
    else:
        if isinstance(equilibria, str | Equilibrium) or not isinstance(equilibria, Sequence):
            raise InvalidGameError(f"{where}: equilibria must be a sequence of Equilibrium values or indices; got {describe(equilibria)}")
        chosen = []
        for position, item in enumerate(equilibria):
            if isinstance(item, int) and not isinstance(item, bool):
                if result is None or not 0 <= item < len(result.equilibria):
                    size = "no result" if result is None else f"{len(result.equilibria)} equilibria"
                    raise InvalidGameError(f"{where}: equilibria[{position}] = {item} is not an index into the result ({size})")
                chosen.append((item, result.equilibria[item]))
            else:
                chosen.append((position, item))

    messages = [_Message(s, m) for m in range(len(s.messages))]
    done: dict[tuple[Any, ...], MessageTest] = {}  # equilibria of one continuum share payoffs and responses

    verdicts = []
    for index, eq in chosen:
        play = _read(game, s, messages, eq, index, where)
        tests = []
        for m in play.off_path:
            key = (m, play.values) if criterion == _INTUITIVE else (m, play.values, play.receiver[m])
            if key not in done:
                if criterion == _INTUITIVE:
                    done[key] = _intuitive_test(s, messages[m], play.values)
                else:
                    done[key] = _d_test(s, messages[m], play.values, play.receiver[m], union=criterion == "D2")
            tests.append(done[key])
        survives = all(t.passed for t in tests)
        if not tests:
            explanation = "every message is on the path; nothing to test"
        elif survives:
            explanation = "; ".join(t.explanation for t in tests)
        else:
            explanation = "; ".join(t.explanation for t in tests if not t.passed)
        verdicts.append(
            Verdict(
                index=index,
                equilibrium=eq,
                survives=survives,
                payoffs=MappingProxyType(dict(zip(s.types, play.values, strict=True))),
                off_path=tuple(s.messages[m] for m in play.off_path),
                tests=tuple(tests),
                explanation=explanation,
            )
        )
    return RefinementResult(criterion, game, tuple(verdicts), result)


def intuitive_criterion(result_or_game: SolveResult | ExtensiveFormGame, equilibria: Sequence[Any] | None = None) -> RefinementResult:
    r"""The equilibria of a signaling game that pass Cho and Kreps's intuitive criterion, and why the others fail.

    See the module docstring for the definition and the exact procedure.

    Parameters
    ----------
    result_or_game
        A ``pbe`` :class:`~gametheory.results.SolveResult` of a signaling game, or the game itself
        (then solved with ``method="pbe"`` unless ``equilibria`` are given).
    equilibria
        The equilibria to test: indices into the result, or :class:`~gametheory.results.Equilibrium`
        values (behaviour profiles of the game). Default: all of the result's.

    Returns
    -------
    RefinementResult
        One :class:`Verdict` per equilibrium; ``survivors`` are their indices.

    Raises
    ------
    UnsupportedGameError
        When the game is not an exact signaling game.
    InvalidGameError
        When an equilibrium is not a perfect Bayesian equilibrium of the game.

    Examples
    --------
    Beer-quiche (Cho and Kreps 1987): both types pool on quiche, and the receiver would duel after beer.

    >>> from fractions import Fraction
    >>> from gametheory import Equilibrium, signaling_game
    >>> def payoffs(t, m, r):
    ...     sender = (1 if (t, m) in {("weak", "quiche"), ("strong", "beer")} else 0) + (2 if r == "don't" else 0)
    ...     return sender, 1 if (r == "duel") == (t == "weak") else 0
    >>> game = signaling_game(["weak", "strong"], [Fraction(1, 10), Fraction(9, 10)], ["beer", "quiche"], ["duel", "don't"], payoffs)
    >>> quiche = Equilibrium(profile=(((0, 1), (0, 1)), ((1, 0), (0, 1))), payoffs=(Fraction(21, 10), Fraction(9, 10)), max_regret=0)
    >>> verdict = intuitive_criterion(game, [quiche])[0]
    >>> verdict.survives, verdict.payoffs["strong"]
    (False, 2)
    >>> print(verdict.explanation)
    type 'strong' would send 'beer': every best response to beliefs on {'strong'} ("don't") gives it more than its equilibrium payoff 2 (at least 3); 'beer' is equilibrium-dominated for {'weak'}
    """
    return _refine(result_or_game, equilibria, _INTUITIVE, "intuitive_criterion()")


def d1(result_or_game: SolveResult | ExtensiveFormGame, equilibria: Sequence[Any] | None = None) -> RefinementResult:
    r"""The equilibria of a signaling game that pass criterion D1 (Cho and Kreps 1987), and why the others fail.

    At each off-path message, type :math:`t` is deleted when another type strictly gains from the
    message under every (mixed) best response under which :math:`t` weakly gains; the equilibrium
    passes when its response there is a best response to a belief on the types not deleted. See the
    module docstring for the exact procedure. Parameters, returns and errors as for
    :func:`intuitive_criterion`.

    Examples
    --------
    Beer-quiche with both types pooling on beer: quiche can never give the strong type its equilibrium
    payoff, so the strong type is deleted there, and dueling is a best response to the belief that the
    sender is weak.

    >>> from fractions import Fraction
    >>> from gametheory import Equilibrium, signaling_game
    >>> def payoffs(t, m, r):
    ...     sender = (1 if (t, m) in {("weak", "quiche"), ("strong", "beer")} else 0) + (2 if r == "don't" else 0)
    ...     return sender, 1 if (r == "duel") == (t == "weak") else 0
    >>> game = signaling_game(["weak", "strong"], [Fraction(1, 10), Fraction(9, 10)], ["beer", "quiche"], ["duel", "don't"], payoffs)
    >>> beer = Equilibrium(profile=(((1, 0), (1, 0)), ((0, 1), (1, 0))), payoffs=(Fraction(29, 10), Fraction(9, 10)), max_regret=0)
    >>> test = d1(game, [beer])[0].tests[0]
    >>> test.passed, test.deleted, dict(test.deleted_by)
    (True, ('strong',), {'strong': ('weak',)})
    """
    return _refine(result_or_game, equilibria, "D1", "d1()")


def d2(result_or_game: SolveResult | ExtensiveFormGame, equilibria: Sequence[Any] | None = None) -> RefinementResult:
    r"""The equilibria of a signaling game that pass criterion D2 (Cho and Kreps 1987), and why the others fail.

    As :func:`d1`, except that type :math:`t` is deleted at a message when, under every (mixed) best
    response under which :math:`t` weakly gains from it, *some* other type strictly gains. D2 deletes
    every type D1 deletes (with two types they coincide). Parameters, returns and errors as for
    :func:`intuitive_criterion`.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory import Equilibrium, signaling_game
    >>> def payoffs(t, m, r):
    ...     sender = (1 if (t, m) in {("weak", "quiche"), ("strong", "beer")} else 0) + (2 if r == "don't" else 0)
    ...     return sender, 1 if (r == "duel") == (t == "weak") else 0
    >>> game = signaling_game(["weak", "strong"], [Fraction(1, 10), Fraction(9, 10)], ["beer", "quiche"], ["duel", "don't"], payoffs)
    >>> quiche = Equilibrium(profile=(((0, 1), (0, 1)), ((1, 0), (0, 1))), payoffs=(Fraction(21, 10), Fraction(9, 10)), max_regret=0)
    >>> print(d2(game, [quiche]))
    D2: 0 of 1 equilibrium survive
      [0] fails: at 'beer': 'weak' is deleted ('weak' cannot get its equilibrium payoff 3 from 'beer'); no belief on {'strong'} makes 'duel' a best response
    """
    return _refine(result_or_game, equilibria, "D2", "d2()")
