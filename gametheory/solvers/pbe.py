r"""Perfect Bayesian equilibria: every one of a signaling game, exactly; other trees through :mod:`.pbe_trees`.

Definition (signaling games)
----------------------------
Chance draws type :math:`t` with prior :math:`\pi_t`; the sender sends
:math:`m` with probability :math:`\sigma(m \mid t)`; the receiver answers
:math:`r` with probability :math:`\rho(r \mid m)` holding beliefs
:math:`\mu(\cdot \mid m)` over the types. :math:`(\sigma, \rho, \mu)` is a
perfect Bayesian equilibrium when every type's messages are best replies to
:math:`\rho`, every response the receiver uses after :math:`m` is a best reply
to :math:`\mu(\cdot \mid m)`, and :math:`\mu(t \mid m) \propto \pi_t
\sigma(m \mid t)` wherever some type sends :math:`m` (Fudenberg and Tirole
1991, section 8.2; Gibbons 1992, section 4.2). Off the path any belief will
do; every equilibrium reports *all* beliefs that support it there, as a
:class:`~gametheory.profiles.BeliefSet`.

Algorithm
---------
Fix the supports: the messages :math:`S_t` of each type and the responses
:math:`R_m` after each message. The conditions then separate into two
polytopes:

* the sender's strategies :math:`\sigma` (support in :math:`S_t`) under which
  at every on-path message every response in :math:`R_m` is optimal for the
  Bayes belief: linear in :math:`\sigma` once the belief's denominator is
  multiplied out (:math:`\sum_t \pi_t \sigma(m \mid t) (u_R(t, m, r) -
  u_R(t, m, r')) \ge 0`, equality inside :math:`R_m`);
* the receiver's strategies :math:`\rho` (support in :math:`R_m`) under which
  each type is indifferent on :math:`S_t` and weakly prefers it: linear in
  :math:`\rho`;

and at each off-path message :math:`R_m` must be optimal for *some* belief
(a polytope of beliefs, which must be nonempty). When both polytopes have
points with the full supports, all their points are PBE (the closure of the
set with exactly these supports: at a point where a message drops off the
path, a limit of the Bayes beliefs supports the responses), and every PBE
lies in such a piece. A piece is the product of the two polytopes, so its
extreme points are pairs of their vertices (:func:`._beliefs.polytope_vertices`).
Where one piece lies inside another it is a face of it, so the reported
equilibria are the extreme points of the maximal pieces, and ``cliques``
lists the maximal pieces (each a convex set of PBE, the hull of its members).

Supports are pruned before any polytope is built: for each message and each
set of types, which response sets are optimal at some belief with exactly
that support (off the path: at any belief) is computed once; and a type's
message set must be consistent with the range of payoffs each message can
give against the responses' supports. Every comparison goes through a
``sign`` function, so the same code runs for exact numbers and, through
:func:`gametheory.symbolic.cells.explore`, for payoffs and priors with
parameters, whose results are regimes as for ``parametric``.

Sources
-------
I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
*Quarterly Journal of Economics* 102 (1987) 179-221.
D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991), chapter 8.
R. Gibbons, *Game Theory for Applied Economists*, Princeton University Press (1992), section 4.2.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import sympy

from ..errors import SolverError
from ..games.extensive_form import ExtensiveFormGame
from ..games.signaling import SignalingStructure, signaling_structure
from ..profiles import BeliefSet, max_regret
from ..results import Equilibrium, SolveResult
from ._beliefs import Sign, belief_vertices, exact_sign, polytope_vertices
from ._registry import register, require_tree
from .pbe_trees import check_options

__all__ = ["MAX_SUPPORT_PAIRS", "pbe", "signaling_pbe"]

#: Default bound on the support pairs (sender's message sets, receiver's response sets) examined.
MAX_SUPPORT_PAIRS = 1_000_000


# --- the enumeration, written against sign ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Found:
    """One extreme PBE: ``sigma[t][m]``, ``rho[m][r]``, and the indices of the pieces it is an extreme point of."""

    sigma: tuple[tuple[Any, ...], ...]
    rho: tuple[tuple[Any, ...], ...]


def _subsets(n: int, mixed: bool) -> list[tuple[int, ...]]:
    sizes = range(1, n + 1) if mixed else (1,)
    return [s for k in sizes for s in itertools.combinations(range(n), k)]


class _Signaling:
    """Every extreme PBE of one signaling game (numbers or, with a symbolic ``sign``, sympy values)."""

    def __init__(self, st: SignalingStructure, values: Callable[[Any], Any], sign: Sign, mixed: bool):
        self.sign = sign
        self.mixed = mixed
        self.n_types = len(st.types)
        self.n_messages = len(st.messages)
        self.widths = [len(r) for r in st.responses]
        self.prior = [values(p) for p in st.prior]
        self.uS = [[[values(v) for v in row] for row in by_m] for by_m in st.sender_payoffs]
        self.uR = [[[values(v) for v in row] for row in by_m] for by_m in st.receiver_payoffs]
        self.positive = tuple(t for t in range(self.n_types) if sign(self.prior[t]) > 0)
        self._feasible: dict[tuple[int, tuple[int, ...]], list[tuple[int, ...]]] = {}
        self._off: dict[tuple[int, tuple[int, ...]], list[tuple[Any, ...]]] = {}
        self._bounds: dict[tuple[int, int, tuple[int, ...]], tuple[Any, Any]] = {}
        self._above: dict[tuple[Any, ...], bool] = {}
        self._sender: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], ...]]] = {}
        self.examined = 0

    # -- beliefs ---------------------------------------------------------------------------------------
    def _belief_rows(self, m: int, types: Sequence[int], responses: Sequence[int]) -> tuple[list[list[Any]], list[list[Any]]]:
        """Rows over ``types`` of 'every response in ``responses`` is optimal after ``m``'."""
        r0 = responses[0]
        u = self.uR
        rows = [[u[t][m][r0] - u[t][m][r] for t in types] for r in range(self.widths[m]) if r not in responses]
        equalities = [[u[t][m][r] - u[t][m][r0] for t in types] for r in responses[1:]]
        return rows, equalities

    def supported(self, m: int, types: tuple[int, ...]) -> list[tuple[int, ...]]:
        """The response sets optimal after ``m`` at some belief whose support is exactly ``types``."""
        key = (m, types)
        if key not in self._feasible:
            out = []
            for responses in _subsets(self.widths[m], self.mixed):
                rows, equalities = self._belief_rows(m, types, responses)
                vertices = belief_vertices(rows, equalities, self.sign, n=len(types))
                covered = {i for v in vertices for i, x in enumerate(v) if self.sign(x) > 0}
                if len(covered) == len(types):
                    out.append(responses)
            self._feasible[key] = out
        return self._feasible[key]

    def off_path(self, m: int, responses: tuple[int, ...]) -> list[tuple[Any, ...]]:
        """The vertices of the beliefs (over all types) under which every response in ``responses`` is optimal after ``m``."""
        key = (m, responses)
        if key not in self._off:
            rows, equalities = self._belief_rows(m, range(self.n_types), responses)  # type: ignore[arg-type]
            self._off[key] = belief_vertices(rows, equalities, self.sign, n=self.n_types)
        return self._off[key]

    # -- the sender's payoff ranges ---------------------------------------------------------------------
    def bounds(self, t: int, m: int, responses: tuple[int, ...]) -> tuple[Any, Any]:
        """The least and the largest payoff of type ``t`` from ``m`` against responses in ``responses``."""
        key = (t, m, responses)
        if key not in self._bounds:
            values = [self.uS[t][m][r] for r in responses]
            low = high = values[0]
            for v in values[1:]:
                if self.sign(v - low) < 0:
                    low = v
                if self.sign(v - high) > 0:
                    high = v
            self._bounds[key] = (low, high)
        return self._bounds[key]

    def can_reach(self, t: int, m: int, rm: tuple[int, ...], n: int, rn: tuple[int, ...]) -> bool:
        """Whether ``m`` (against ``rm``) can pay type ``t`` at least as much as ``n`` (against ``rn``) can at least pay."""
        key = (t, m, rm, n, rn)
        if key not in self._above:
            self._above[key] = self.sign(self.bounds(t, m, rm)[1] - self.bounds(t, n, rn)[0]) >= 0
        return self._above[key]

    def message_sets(self, t: int, R: tuple[tuple[int, ...], ...]) -> list[tuple[int, ...]]:
        """The message sets type ``t`` may use against response supports ``R`` (a necessary condition)."""
        out = []
        for S in _subsets(self.n_messages, self.mixed):
            if all(self.can_reach(t, m, R[m], n, R[n]) for m in S for n in range(self.n_messages) if n != m):
                out.append(S)
        return out

    # -- the two polytopes ------------------------------------------------------------------------------
    def sender_polytope(
        self, S: tuple[tuple[int, ...], ...], R_on: tuple[tuple[int, ...] | None, ...]
    ) -> list[tuple[tuple[Any, ...], ...]]:
        """Vertices (``sigma[t][m]``) of the sender's strategies with support in ``S`` making ``R_on`` optimal on the path.

        ``[]`` when no such strategy has the full support ``S``.
        """
        cache_key = (S, R_on)
        if cache_key in self._sender:
            return self._sender[cache_key]
        pairs = [(t, m) for t in range(self.n_types) for m in S[t]]
        index = {pair: i for i, pair in enumerate(pairs)}
        n = len(pairs)
        equalities: list[tuple[list[Any], Any]] = [([1 if pair[0] == t else 0 for pair in pairs], 1) for t in range(self.n_types)]
        inequalities: list[tuple[list[Any], Any]] = [([1 if j == i else 0 for j in range(n)], 0) for i in range(n)]
        for m, responses in enumerate(R_on):
            if responses is None:
                continue
            senders = [t for t in self.positive if m in S[t]]

            def row(r: int, other: int) -> list[Any]:
                coefficients: list[Any] = [0] * n
                for t in senders:  # noqa: B023 - called at once
                    coefficients[index[(t, m)]] = self.prior[t] * (self.uR[t][m][r] - self.uR[t][m][other])  # noqa: B023
                return coefficients

            equalities += [(row(r, responses[0]), 0) for r in responses[1:]]
            inequalities += [(row(responses[0], r), 0) for r in range(self.widths[m]) if r not in responses]
        vertices = polytope_vertices(n, equalities, inequalities, self.sign)
        found = []
        if _full(vertices, n, self.sign):
            found = [
                tuple(tuple(v[index[(t, m)]] if (t, m) in index else 0 for m in range(self.n_messages)) for t in range(self.n_types))
                for v, _ in vertices
            ]
        self._sender[cache_key] = found
        return found

    def receiver_polytope(self, S: tuple[tuple[int, ...], ...], R: tuple[tuple[int, ...], ...]) -> list[tuple[tuple[Any, ...], ...]]:
        """Vertices of the receiver's strategies with support in ``R`` under which every type's ``S_t`` is optimal."""
        index = {(m, r): i for i, (m, r) in enumerate((m, r) for m in range(self.n_messages) for r in R[m])}
        n = len(index)
        equalities: list[tuple[list[Any], Any]] = []
        inequalities: list[tuple[list[Any], Any]] = []
        for m in range(self.n_messages):
            equalities.append(([1 if key[0] == m else 0 for key in index], 1))
        for i in range(n):
            inequalities.append(([1 if j == i else 0 for j in range(n)], 0))
        for t in range(self.n_types):
            u = self.uS[t]

            def row(m: int, other: int) -> list[Any]:
                coefficients: list[Any] = [0] * n
                for r in R[m]:
                    coefficients[index[(m, r)]] += u[m][r]  # noqa: B023
                for r in R[other]:
                    coefficients[index[(other, r)]] -= u[other][r]  # noqa: B023
                return coefficients

            m0 = S[t][0]
            equalities += [(row(m, m0), 0) for m in S[t][1:]]
            inequalities += [(row(m0, m), 0) for m in range(self.n_messages) if m not in S[t]]
        vertices = polytope_vertices(n, equalities, inequalities, self.sign)
        if not _full(vertices, n, self.sign):
            return []
        return [
            tuple(tuple(v[index[(m, r)]] if (m, r) in index else 0 for r in range(self.widths[m])) for m in range(self.n_messages))
            for v, _ in vertices
        ]

    # -- everything ---------------------------------------------------------------------------------------
    def solve(self, limit: int, max_pairs: int) -> tuple[list[_Found], list[frozenset[int]], bool]:
        """The extreme PBE, the pieces (sets of their indices) and whether the search finished."""
        type_sets = [s for k in range(1, len(self.positive) + 1) for s in itertools.combinations(self.positive, k)]
        candidates = []
        for m in range(self.n_messages):
            usable = {R for types in type_sets for R in self.supported(m, types)}
            usable |= {R for R in _subsets(self.widths[m], self.mixed) if self.off_path(m, R)}
            candidates.append(sorted(usable, key=lambda R: (len(R), R)))
        found: dict[Any, int] = {}
        order: list[_Found] = []
        pieces: list[frozenset[int]] = []
        for R in itertools.product(*candidates):
            options = [self.message_sets(t, R) for t in range(self.n_types)]
            for S in itertools.product(*options):
                self.examined += 1
                if self.examined > max_pairs:
                    raise SolverError(
                        f"pbe(): more than {max_pairs} support pairs to examine (a very degenerate game); raise max_supports to go on"
                    )
                R_on: list[tuple[int, ...] | None] = []
                ok = True
                for m in range(self.n_messages):
                    senders = tuple(t for t in self.positive if m in S[t])
                    if senders:
                        ok = R[m] in self.supported(m, senders)
                        R_on.append(R[m])
                    else:
                        ok = bool(self.off_path(m, R[m]))
                        R_on.append(None)
                    if not ok:
                        break
                if not ok:
                    continue
                sigmas = self.sender_polytope(S, tuple(R_on))
                if not sigmas:
                    continue
                rhos = self.receiver_polytope(S, R)
                if not rhos:
                    continue
                members = set()
                for sigma, rho in itertools.product(sigmas, rhos):
                    key = (sigma, rho)
                    if key not in found:
                        found[key] = len(order)
                        order.append(_Found(sigma, rho))
                    members.add(found[key])
                pieces.append(frozenset(members))
                if len(order) >= limit:
                    return order[:limit], pieces, False
        return order, pieces, True


def _full(vertices: list[tuple[tuple[Any, ...], frozenset[int]]], n: int, sign: Sign) -> bool:
    """Whether some point of the polytope has every coordinate positive (the vertices' supports cover all)."""
    covered = {i for v, _ in vertices for i, x in enumerate(v) if sign(x) > 0}
    return len(covered) == n


def _maximal(pieces: list[frozenset[int]]) -> list[frozenset[int]]:
    unique = sorted(set(pieces), key=lambda p: (-len(p), sorted(p)))
    out: list[frozenset[int]] = []
    for piece in unique:
        if not any(piece <= other for other in out):
            out.append(piece)
    return out


def _components(cliques: Sequence[Iterable[int]], n: int) -> list[tuple[int, ...]]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for clique in cliques:
        members = list(clique)
        for i in members[1:]:
            parent[root(i)] = root(members[0])
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return sorted(tuple(g) for g in groups.values())


# --- from the enumeration to equilibria ---------------------------------------------------------------
def _kind(sigma: Sequence[Sequence[Any]], positive: Sequence[int], sign: Sign) -> str:
    """``pooling`` (the possible types send one message), ``separating`` (pure, distinct messages) or ``hybrid`` (the rest)."""
    sent = []
    for t in positive:
        used = [m for m, x in enumerate(sigma[t]) if sign(x) != 0]
        if len(used) != 1:
            return "hybrid"
        sent.append(used[0])
    if len(set(sent)) == 1:
        return "pooling"
    return "separating" if len(set(sent)) == len(sent) else "hybrid"


def _behaviour(
    game: ExtensiveFormGame, st: SignalingStructure, sigma: Sequence[Sequence[Any]], rho: Sequence[Sequence[Any]], zero: Any
) -> tuple[Any, ...]:
    """The behaviour profile (game's player and set order) of sender strategy ``sigma[t][m]`` and receiver strategy ``rho[m][r]``."""
    by_set: dict[int, tuple[Any, ...]] = {}
    for t, h in enumerate(st.sender_sets):
        probs = [zero] * len(st.messages)
        for m, a in enumerate(st.message_actions[t]):
            probs[a] = sigma[t][m]
        by_set[h] = tuple(probs)
    for m, h in enumerate(st.receiver_sets):
        by_set[h] = tuple(rho[m])
    return tuple(tuple(by_set[h] for h in game.infosets_of(p)) for p in range(game.n_players))


def _payoffs(solver: _Signaling, sigma: Sequence[Sequence[Any]], rho: Sequence[Sequence[Any]]) -> tuple[Any, Any]:
    """Expected payoffs (sender, receiver)."""
    u_s: Any = 0
    u_r: Any = 0
    for t in range(solver.n_types):
        for m in range(solver.n_messages):
            if sigma[t][m] == 0:
                continue
            weight = solver.prior[t] * sigma[t][m]
            u_s += weight * sum((rho[m][r] * solver.uS[t][m][r] for r in range(solver.widths[m])), start=0)
            u_r += weight * sum((rho[m][r] * solver.uR[t][m][r] for r in range(solver.widths[m])), start=0)
    return u_s, u_r


def _beliefs_code(
    solver: _Signaling, sigma: Sequence[Sequence[Any]], rho: Sequence[Sequence[Any]], simplify: Callable[[Any], Any]
) -> tuple[Any, ...]:
    """Per message: the Bayes beliefs over the types (a tuple of numbers), or off the path the belief vertices (a tuple of tuples)."""
    code: list[Any] = []
    for m in range(solver.n_messages):
        weights = [solver.prior[t] * sigma[t][m] if t in solver.positive else 0 for t in range(solver.n_types)]
        total = sum(weights, start=0)
        if solver.sign(total) > 0:
            code.append(tuple(simplify(w / total) for w in weights))
            continue
        support = tuple(r for r, x in enumerate(rho[m]) if solver.sign(x) > 0)
        vertices = solver.off_path(m, support)
        if not vertices:
            raise SolverError(f"pbe(): internal error: no belief supports the responses {support} after message {m}")
        code.append(tuple(tuple(simplify(x) for x in v) for v in vertices))
    return tuple(code)


def _beliefs(
    game: ExtensiveFormGame, st: SignalingStructure, code: Sequence[Any], convert: Callable[[Any], Any]
) -> Mapping[str, Mapping[str, Any]]:
    """``Equilibrium.beliefs``: receiver set label -> node label -> probability, or a BeliefSet off the path."""
    if len(st.types) < 2:
        return MappingProxyType({})
    labels = [game.infoset_labels[h] for h in range(game.n_infosets) if game.infoset_player[h] >= 0]
    out: dict[str, Mapping[str, Any]] = {}
    for m, h in enumerate(st.receiver_sets):
        label = game.infoset_labels[h]
        key = label if labels.count(label) == 1 else f"{game.players[st.receiver]}:{label}"
        nodes = tuple(game.node_label(st.receiver_nodes[t][m]) for t in range(len(st.types)))
        entry = code[m]
        if entry and isinstance(entry[0], tuple):
            out[key] = BeliefSet(nodes, tuple(tuple(convert(x) for x in v) for v in entry))
        else:
            out[key] = MappingProxyType({node: convert(x) for node, x in zip(nodes, entry, strict=True)})
    return MappingProxyType(out)


def _as_fraction(value: Any) -> Fraction:
    return Fraction(value)


def _numeric(game: ExtensiveFormGame, st: SignalingStructure, max_equilibria: int, mixed: bool, max_pairs: int) -> SolveResult:
    float_game = game if game.kind == "float" else None
    solver = _Signaling(st, _as_fraction, exact_sign, mixed)
    found, pieces, finished = solver.solve(max_equilibria, max_pairs)
    keys = sorted(range(len(found)), key=lambda i: tuple(-x for row in (*found[i].sigma, *found[i].rho) for x in row))
    position = {old: new for new, old in enumerate(keys)}
    equilibria = []
    kinds = []
    zero = Fraction(0)
    for i in keys:
        sigma = tuple(tuple(Fraction(x) for x in row) for row in found[i].sigma)
        rho = tuple(tuple(Fraction(x) for x in row) for row in found[i].rho)
        profile = _behaviour(game, st, sigma, rho, zero)
        code = _beliefs_code(solver, sigma, rho, Fraction)
        u_s, u_r = _payoffs(solver, sigma, rho)
        payoffs = [zero, zero]
        payoffs[st.sender], payoffs[st.receiver] = Fraction(u_s), Fraction(u_r)
        if float_game is None:
            regret = max_regret(game, profile)
            values: tuple[Any, ...] = tuple(payoffs)
            convert: Callable[[Any], Any] = Fraction
        else:
            profile = tuple(tuple(tuple(float(x) for x in probs) for probs in s) for s in profile)
            regret = max_regret(float_game, profile)
            values = tuple(float(v) for v in payoffs)
            convert = float
        if float_game is None and regret != 0:
            raise SolverError(f"pbe(): internal error: a perfect Bayesian equilibrium has max_regret {regret}: {profile}")
        kinds.append(_kind(sigma, solver.positive, exact_sign))
        equilibria.append(
            Equilibrium(profile=profile, payoffs=values, max_regret=regret, concept="pbe", beliefs=_beliefs(game, st, code, convert))
        )
    cliques = [tuple(sorted(position[i] for i in piece if i in position)) for piece in _maximal(pieces)]
    cliques = sorted({c for c in cliques if c})
    details: dict[str, Any] = {"kinds": tuple(kinds), "support_pairs": solver.examined, "signaling": st}
    reasons = []
    if not finished:
        reasons.append(f"stopped at max_equilibria={max_equilibria}")
    if not mixed:
        reasons.append("mixed=False: only pure PBE were searched for")
    if reasons:
        details["incomplete"] = "; ".join(reasons)
    return SolveResult(
        game,
        "pbe",
        float_game is None,
        tuple(equilibria),
        options=MappingProxyType({"max_equilibria": max_equilibria, "mixed": mixed, "max_supports": max_pairs}),
        components=tuple(_components(cliques, len(equilibria))),
        cliques=tuple(cliques),
        details=MappingProxyType(details),
        complete=not reasons,
    )


def _symbolic(
    game: ExtensiveFormGame, st: SignalingStructure, max_equilibria: int, mixed: bool, max_pairs: int, assume: Any, max_cases: int | None
) -> SolveResult:
    from ..symbolic.cells import MAX_LEAVES, Context, Domain, explore
    from ..symbolic.regimes import _assemble

    zero = sympy.Integer(0)

    def simplify(value: Any) -> Any:
        return sympy.factor(sympy.cancel(sympy.sympify(value)))

    def run(context: Context) -> list[tuple[Any, ...]]:
        solver = _Signaling(st, sympy.sympify, context.sign, mixed)
        found, _, _ = solver.solve(max_equilibria, max_pairs)
        out = []
        for eq in found:
            sigma = tuple(tuple(simplify(x) for x in row) for row in eq.sigma)
            rho = tuple(tuple(simplify(x) for x in row) for row in eq.rho)
            u_s, u_r = _payoffs(solver, sigma, rho)
            payoffs = [zero, zero]
            payoffs[st.sender], payoffs[st.receiver] = simplify(u_s), simplify(u_r)
            code = _beliefs_code(solver, sigma, rho, simplify)
            # the kind is decided in the cell: a type may be impossible there (prior 0), a probability may vanish
            kind = _kind(sigma, solver.positive, context.sign)
            out.append(((_behaviour(game, st, sigma, rho, zero), code, kind), tuple(payoffs)))
        return out

    if isinstance(assume, sympy.Basic) or not isinstance(assume, Iterable):
        assume = [assume]
    assumptions = list(assume)
    for q in st.prior:
        if sympy.sympify(q).free_symbols:
            assumptions += [sympy.sympify(q) >= 0, sympy.sympify(q) <= 1]
    excess = sympy.factor(sympy.Add(*map(sympy.sympify, st.prior)) - 1)
    if excess != 0:  # probabilities such as p and q: only points where they sum to 1 count
        assumptions.append(sympy.Eq(excess, 0))
    domain = Domain(game.parameters, assumptions, where="pbe()")
    leaves = explore(run, domain, max_leaves=MAX_LEAVES if max_cases is None else max_cases)
    regimes, equilibria = _assemble(leaves, domain, "pbe")
    decoded: dict[int, Equilibrium] = {}
    kinds = []
    for eq in equilibria:
        profile, code, kind = eq.profile
        decoded[id(eq)] = replace(eq, profile=profile, beliefs=_beliefs(game, st, code, lambda x: x))
        kinds.append(str(kind))  # carried through the regimes' assembly as a sympy symbol
    regimes = tuple(replace(regime, equilibria=tuple(decoded[id(eq)] for eq in regime.equilibria)) for regime in regimes)
    return SolveResult(
        game,
        "pbe",
        True,
        tuple(decoded[id(eq)] for eq in equilibria),
        options=MappingProxyType({"max_equilibria": max_equilibria, "mixed": mixed, "assume": tuple(assumptions)}),
        regimes=regimes,
        details=MappingProxyType({"cases": len(leaves), "assumptions": tuple(assumptions), "kinds": tuple(kinds), "signaling": st}),
        complete=mixed,
    )


def _local(game: ExtensiveFormGame, player: int, sets: Sequence[int]) -> list[int]:
    """The positions of ``sets`` among ``player``'s information sets."""
    start = game.infosets_of(player).start
    return [h - start for h in sets]


def signaling_pbe(
    game: ExtensiveFormGame,
    *,
    max_equilibria: int = 10_000,
    mixed: bool = True,
    max_supports: int = MAX_SUPPORT_PAIRS,
    assume: Iterable[Any] = (),
    max_cases: int | None = None,
) -> SolveResult:
    """Every perfect Bayesian equilibrium of a signaling game (see the module docstring); :func:`pbe` for any tree."""
    require_tree(game, "pbe", kinds=("exact", "float", "symbolic"))
    check_options(max_equilibria, max_supports, mixed)
    st = signaling_structure(game)
    if st is None:
        raise SolverError("pbe(): the game is not a signaling game (chance, then the sender, then the receiver); use pbe() for other trees")
    if game.kind == "symbolic":
        return _symbolic(game, st, max_equilibria, mixed, max_supports, assume, max_cases)
    return _numeric(game, st, max_equilibria, mixed, max_supports)


@register(
    "pbe",
    players=None,
    kinds=("exact", "float", "symbolic"),
    summary="every perfect Bayesian equilibrium with its beliefs (signaling games: all pooling, separating and hybrid ones)",
)
def pbe(
    game: ExtensiveFormGame,
    *,
    max_equilibria: int = 10_000,
    mixed: bool = True,
    max_supports: int | None = None,
    assume: Iterable[Any] = (),
    max_cases: int | None = None,
) -> SolveResult:
    """Every perfect Bayesian equilibrium of a game tree, with the beliefs that support it.

    Signaling games (recognised by :func:`~gametheory.signaling_structure`, however the tree was built)
    are solved completely and exactly: every pooling, separating and hybrid PBE, continua by their extreme
    points (``cliques`` lists the maximal convex sets). Other trees go to
    :func:`gametheory.solvers.pbe_trees.tree_pbe`.

    Parameters
    ----------
    game
        An :class:`~gametheory.ExtensiveFormGame` with perfect recall.
    max_equilibria
        Stop after this many equilibria (``complete`` is then False).
    mixed
        Also search for mixed (hybrid) equilibria; ``False`` lists the pure ones only.
    max_supports
        Refuse (:class:`~gametheory.errors.SolverError`) to examine more support profiles than this (default:
        :data:`MAX_SUPPORT_PAIRS` support pairs for signaling games, ``pbe_trees.MAX_SUPPORT_PROFILES`` otherwise).
    assume, max_cases
        Symbolic games: relations the parameters satisfy and the bound on cases of the parameters (see
        :func:`~gametheory.symbolic.regimes.parametric`); the result has ``regimes``.

    Returns
    -------
    SolveResult
        Every equilibrium's ``concept`` is ``"pbe"`` and ``beliefs`` maps each receiver set's label to
        ``{node label: probability}`` on the path and to a :class:`~gametheory.profiles.BeliefSet` (every
        belief that supports the equilibrium) off it. For signaling games ``details["kinds"]`` says for each
        equilibrium whether it is ``"pooling"``, ``"separating"`` or ``"hybrid"``.

    Examples
    --------
    Beer-quiche (Cho and Kreps 1987): two families of pooling equilibria, each with two extreme points
    (the receiver duels after the unused breakfast for sure, or with probability 1/2).

    >>> from fractions import Fraction
    >>> from gametheory import signaling_game, solve
    >>> def payoffs(t, m, r):
    ...     sender = (1 if (t, m) in {("weak", "quiche"), ("strong", "beer")} else 0) + (2 if r == "don't" else 0)
    ...     return sender, 1 if (r == "duel") == (t == "weak") else 0
    >>> game = signaling_game(["weak", "strong"], [Fraction(1, 10), Fraction(9, 10)], ["beer", "quiche"], ["duel", "don't"], payoffs)
    >>> result = solve(game, method="pbe")
    >>> result.details["kinds"]
    ('pooling', 'pooling', 'pooling', 'pooling')
    >>> result.strategy(0, 0), result.strategy(0, 1)["quiche"]
    ({'weak': {'beer': Fraction(1, 1), 'quiche': Fraction(0, 1)}, 'strong': {'beer': Fraction(1, 1), 'quiche': Fraction(0, 1)}}, {'duel': Fraction(1, 1), "don't": Fraction(0, 1)})
    >>> result[0].beliefs["beer"]["weak,beer"], result[0].beliefs["quiche"]["weak,quiche"]
    (Fraction(1, 10), Interval(1/2, 1))
    >>> result.cliques
    ((0, 1), (2, 3))
    """
    options: dict[str, Any] = {"max_equilibria": max_equilibria, "mixed": mixed, "assume": assume, "max_cases": max_cases}
    if max_supports is not None:
        options["max_supports"] = max_supports
    if signaling_structure(game) is not None:
        return signaling_pbe(game, **options)
    from . import pbe_trees

    require_tree(game, "pbe", kinds=("exact", "float", "symbolic"))
    return pbe_trees.tree_pbe(game, **options)
