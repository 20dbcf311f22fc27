r"""Perfect Bayesian equilibria of finite game trees with perfect recall (other than signaling games).

Definition
----------
An *assessment* is a behaviour profile :math:`\sigma` with beliefs :math:`\mu`
(a probability distribution over the nodes of each information set). It is a
*perfect Bayesian equilibrium* (PBE) here when

1. **sequential rationality**: at every information set :math:`h`, the mover's
   behaviour from :math:`h` on is a best reply, given the beliefs
   :math:`\mu_h` and the others' behaviour, against *every* continuation
   strategy (deviations at :math:`h` and at the mover's later sets together,
   Mas-Colell, Whinston and Green 1995, section 9.C; with beliefs that
   are not consistent across sets this is stronger than having no profitable
   one-shot deviation, Hendon, Jacobsen and Sloth 1996);
2. **Bayes' rule on the path**: at every set that :math:`\sigma` reaches with
   positive probability, :math:`\mu_h` is the conditional probability of its
   nodes;
3. **in every subgame**: the same holds in every proper subgame, Bayes' rule
   applied from the subgame's root wherever the subgame's play reaches: a
   weak PBE (Mas-Colell et al. 1995, section 9.C) in every subgame
   (Gibbons 1992, section 4.1, requirements 1-3 applied to every subgame).
   A set is then *determined* when :math:`\sigma` reaches it from the root of
   the smallest subgame containing it; Bayes' rule from any larger subgame
   that reaches it gives the same beliefs.

Every PBE is a subgame-perfect (hence Nash) equilibrium. At a set that no
subgame's play reaches Bayes' rule says nothing, and the solver reports
*every* belief that supports the equilibrium there: the polytope
:math:`\{\mu_h : \text{condition 1 holds at } h\}`, given the continuation
play, as a :class:`~gametheory.profiles.BeliefSet` (its vertices). These
belief sets are independent of each other: with this definition, Bayes'
consistency *across* several off-path sets (Gibbons's requirement 4, "Bayes'
rule where possible", the stronger conditions of Fudenberg and Tirole 1991,
or Kreps and Wilson's sequential equilibrium) is not imposed;
:func:`gametheory.assessments.is_consistent` checks sequential consistency of
a given assessment.

``Equilibrium.beliefs`` maps the label of every player's information set with
two or more nodes to ``{node label: probability}`` where the set is
determined, else to its :class:`~gametheory.profiles.BeliefSet` (singletons
have the trivial belief and are left out).

Algorithm
---------
*Pure PBE* (exact and symbolic games): backtracking over the pure actions of
the information sets, deepest first. As soon as everything below a set is
chosen, the set's supporting beliefs are computed (a polytope in the simplex:
the value of the chosen continuation minus the value of each pure
continuation strategy of the mover, weighted by the beliefs, must be
nonnegative; vertices by :func:`gametheory.solvers._beliefs.belief_vertices`)
and the branch is cut when it is empty. This is exactly right for any set:
whatever is chosen above, the set's beliefs must lie in that polytope. At
singletons it is backward induction. At the end the determined sets' Bayes
beliefs are checked against their polytopes. Every comparison goes through a
``sign`` function, so the same code runs for exact numbers and, through
:func:`gametheory.symbolic.cells.explore`, for symbolic payoffs (one run per
cell of parameter space; the results are regimes as for ``parametric``).

*Mixed and hybrid PBE* (exact games): support enumeration over information
sets, a nonempty support per set. On a support profile the unknowns are the
probabilities on the supports and, at off-path sets where the mover mixes,
the beliefs. Which sets are determined follows from the supports. The
equations are the movers' indifference between the actions in their support
(at determined sets weighted by the reach probabilities, polynomials in the
unknowns; off the path by the unknown beliefs, linearly). Linear systems are
solved in exact rationals; others with a Groebner basis (sympy), keeping
the real solutions. Every candidate is then checked exactly against the
definition (probabilities in range, conditions 1-3, belief polytopes of the
off-path sets nonempty) and against :func:`gametheory.profiles.max_regret`.
When a support's solutions form a continuum and every condition is linear in
its parameters, its extreme points are computed (exact vertex enumeration)
and reported, and ``details["continua"]`` lists which equilibria span it;
otherwise the result says it may be incomplete (``complete=False``,
``details["incomplete"]``). ``complete=True`` means every PBE's profile is
listed or lies in the convex hull of the extreme points of a listed
continuum (its beliefs then follow from the same conditions).

Sources
-------
D. Fudenberg and J. Tirole, "Perfect Bayesian equilibrium and sequential
equilibrium", *Journal of Economic Theory* 53 (1991) 236-260.
R. Gibbons, *Game Theory for Applied Economists*, Princeton University Press
(1992), chapter 4.
A. Mas-Colell, M. D. Whinston and J. R. Green, *Microeconomic Theory*, Oxford
University Press (1995), section 9.C.
E. Hendon, H. J. Jacobsen and B. Sloth, "The one-shot-deviation principle for
sequential rationality", *Games and Economic Behavior* 12 (1996) 274-282.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import sympy

from ..errors import SolverError
from ..games.extensive_form import CHANCE, TERMINAL, ExtensiveFormGame
from ..profiles import BeliefSet, max_regret
from ..results import Equilibrium, SolveResult
from ._beliefs import Sign, belief_vertices, exact_sign, polytope_vertices
from ._registry import require_tree
from .support_enumeration import _is_real, _shape_position, _sign

__all__ = ["MAX_SUPPORT_PROFILES", "tree_pbe"]

#: Default bound on the support profiles (one support per information set) that the mixed search examines.
MAX_SUPPORT_PROFILES = 20_000
#: Largest number of constraint subsets tried when enumerating the extreme points of a continuum.
_MAX_BASES = 200_000


# --- the tree, read once -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Tree:
    """The game as plain Python structures: what the evaluations below walk over."""

    game: ExtensiveFormGame
    sets: tuple[int, ...]  # the players' information sets
    owner: Mapping[int, int]
    nodes: Mapping[int, tuple[int, ...]]
    width: Mapping[int, int]
    children: tuple[tuple[int, ...], ...]
    mover: tuple[int, ...]
    infoset: tuple[int, ...]
    chance: Mapping[int, tuple[Any, ...]]  # chance node -> move probabilities
    payoffs: Mapping[int, tuple[Any, ...]]  # terminal node -> payoffs
    index: Mapping[int, int]  # node -> its position in its set
    root_of: Mapping[int, int]  # set -> root of the smallest subgame containing it
    below: Mapping[int, frozenset[int]]  # set -> the players' sets with a node strictly below one of its nodes


def _tree(game: ExtensiveFormGame) -> _Tree:
    n = game.n_nodes
    children = tuple(tuple(game.children(v)) for v in range(n))
    mover = tuple(int(m) for m in game.mover)
    infoset = tuple(int(h) for h in game.infoset)
    sets = tuple(h for h in range(game.n_infosets) if game.infoset_player[h] >= 0)
    nodes = {h: tuple(int(v) for v in game.nodes_of(h)) for h in range(game.n_infosets)}
    # exact values as Fractions, so that every quotient below stays exact
    exact: Callable[[Any], Any] = Fraction if game.kind == "exact" else sympy.sympify
    chance = {v: tuple(map(exact, game.chance_probs[infoset[v]] or ())) for v in range(n) if mover[v] == CHANCE}
    payoffs = {v: tuple(map(exact, game.terminal_payoffs(v))) for v in range(n) if mover[v] == TERMINAL}
    index = {v: k for h in sets for k, v in enumerate(nodes[h])}
    pre, size = game.preorder, game.size
    roots = sorted((int(r) for r in game.subgame_roots()), key=lambda r: -int(game.depth[r]))
    root_of = {}
    for h in sets:
        inside = [r for r in roots if all(pre[r] <= pre[v] < pre[r] + size[r] for v in nodes[h])]
        root_of[h] = inside[0]
    below: dict[int, frozenset[int]] = {}
    for h in sets:
        found: set[int] = set()
        stack = [c for v in nodes[h] for c in children[v]]
        while stack:
            v = stack.pop()
            if mover[v] >= 0:
                found.add(infoset[v])
            stack.extend(children[v])
        below[h] = frozenset(found)
    return _Tree(
        game,
        sets,
        {h: int(game.infoset_player[h]) for h in sets},
        nodes,
        {h: len(game.infoset_actions[h]) for h in sets},
        children,
        mover,
        infoset,
        chance,
        payoffs,
        index,
        root_of,
        below,
    )


def _order(tree: _Tree) -> list[int]:
    """The players' sets, each after every set below it where possible (topological; cycles broken by depth)."""
    depth = tree.game.depth
    deepest = {h: max(int(depth[v]) for v in tree.nodes[h]) for h in tree.sets}
    remaining = set(tree.sets)
    order: list[int] = []
    while remaining:
        ready = [h for h in remaining if not (tree.below[h] & remaining) - {h}]
        pick = max(ready or remaining, key=lambda h: (deepest[h], -h))
        order.append(pick)
        remaining.discard(pick)
    return order


# --- evaluating a behaviour profile ------------------------------------------------------------------
class _Evaluator:
    """Values, reach probabilities and continuation strategies under one behaviour profile ``sigma``.

    ``sigma`` maps a set to its probability vector; the numbers may be exact,
    sympy expressions or :class:`_Poly` polynomials in unknowns. Only the sets
    that an evaluation walks over need to be given.
    """

    def __init__(self, tree: _Tree, sigma: Mapping[int, Sequence[Any]]):
        self.tree = tree
        self.sigma = sigma
        self._values: dict[int, tuple[Any, ...]] = {}
        self._walks: dict[tuple[int, int], tuple[Any, dict[int, Any]]] = {}
        self._options: dict[int, list[tuple[Any, ...]]] = {}
        self.symbolic = tree.game.kind == "symbolic"

    def move(self, node: int, a: int) -> Any:
        if self.tree.mover[node] == CHANCE:
            return self.tree.chance[node][a]
        return self.sigma[self.tree.infoset[node]][a]

    def value(self, node: int) -> tuple[Any, ...]:
        """Every player's expected payoff from ``node`` on."""
        cached = self._values.get(node)
        if cached is not None:
            return cached
        tree = self.tree
        if tree.mover[node] == TERMINAL:
            result = tree.payoffs[node]
        else:
            total: list[Any] = [0] * tree.game.n_players
            for a, child in enumerate(tree.children[node]):
                p = self.move(node, a)
                if _is_zero(p):
                    continue
                total = [t + p * v for t, v in zip(total, self.value(child), strict=True)]
            result = tuple(total)
        self._values[node] = result
        return result

    def walk(self, node: int, player: int) -> tuple[Any, dict[int, Any]]:
        """``player``'s payoff from ``node`` up to their own next nodes: (expected terminal part, own node -> weight)."""
        key = (node, player)
        cached = self._walks.get(key)
        if cached is not None:
            return cached
        tree = self.tree
        mover = tree.mover[node]
        if mover == TERMINAL:
            result: tuple[Any, dict[int, Any]] = (tree.payoffs[node][player], {})
        elif mover == player:
            result = (0, {node: 1})
        else:
            constant: Any = 0
            frontier: dict[int, Any] = {}
            for a, child in enumerate(tree.children[node]):
                p = self.move(node, a)
                if _is_zero(p):
                    continue
                c, f = self.walk(child, player)
                constant = constant + p * c
                for z, w in f.items():
                    frontier[z] = frontier.get(z, 0) + p * w
            result = (constant, frontier)
        self._walks[key] = result
        return result

    def options(self, h: int) -> list[tuple[Any, ...]]:
        """The value vectors (over the nodes of ``h``) of the mover's pure continuation strategies from ``h``.

        Perfect recall makes the mover's next sets after different actions (and
        different next sets after one action) disjoint, so the strategies are
        built set by set.
        """
        cached = self._options.get(h)
        if cached is not None:
            return cached
        tree = self.tree
        player = tree.owner[h]
        found: dict[tuple[Any, ...], None] = {}
        for a in range(tree.width[h]):
            parts = [self.walk(tree.children[x][a], player) for x in tree.nodes[h]]
            following = sorted({tree.infoset[z] for _, f in parts for z in f})
            for combination in itertools.product(*(self.options(g) for g in following)):
                chosen = dict(zip(following, combination, strict=True))
                vector = tuple(c + sum((w * chosen[tree.infoset[z]][tree.index[z]] for z, w in f.items()), start=0) for c, f in parts)
                found.setdefault(vector, None)
        result = list(found)
        self._options[h] = result
        return result

    def rows(self, h: int) -> list[tuple[Any, ...]]:
        """``row . mu >= 0`` for every row: the beliefs ``mu`` at ``h`` under which the profile is a best reply there."""
        player = self.tree.owner[h]
        current = [self.value(x)[player] for x in self.tree.nodes[h]]
        out: dict[tuple[Any, ...], None] = {}
        for vector in self.options(h):
            row = tuple(c - v for c, v in zip(current, vector, strict=True))
            if self.symbolic:  # expanded polynomials compare equal when equal, and keep later eliminations cheap
                row = tuple(sympy.expand(x) for x in row)
            if not all(_is_zero(x) for x in row):
                out.setdefault(row, None)
        return list(out)

    def reach(self, root: int, skip: int | None = None) -> dict[int, Any]:
        """The probability of reaching each node of the subtree of ``root`` from ``root``.

        With ``skip`` a player, that player's own moves count 1 (0 when off their support): the
        reach of the nodes of one of their sets then drops a factor common to all of them (perfect recall).
        """
        tree = self.tree
        out: dict[int, Any] = {root: 1}
        stack = [root]
        while stack:
            v = stack.pop()
            for a, child in enumerate(tree.children[v]):
                p = self.move(v, a)
                if _is_zero(p):
                    continue
                out[child] = out[v] if tree.mover[v] == skip else out[v] * p
                stack.append(child)
        return out


def _is_zero(value: Any) -> bool:
    if isinstance(value, _Poly):
        return not value.terms
    if isinstance(value, int | Fraction):
        return value == 0
    return bool(sympy.sympify(value).is_zero)


# --- the conditions at the sets ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Verdict:
    """The beliefs of an assessment that passed: set -> ("bayes", probabilities) or ("set", vertices)."""

    beliefs: Mapping[int, tuple[str, tuple[Any, ...]]]


class _Polytopes:
    """The supporting beliefs of sets, by their rows; remembered for one run of the solver (the signs stay fixed there)."""

    def __init__(self, sign: Sign):
        self.sign = sign
        self._cache: dict[tuple[Any, ...], tuple[tuple[Any, ...], ...]] = {}

    def __call__(self, rows: list[tuple[Any, ...]], size: int) -> tuple[tuple[Any, ...], ...]:
        if not rows:  # every belief supports the choice: the whole simplex
            return tuple(tuple(1 if i == k else 0 for i in range(size)) for k in range(size))
        key = tuple(rows)
        cached = self._cache.get(key)
        if cached is None:
            cached = tuple(tuple(v) for v in belief_vertices(rows, [], self.sign))
            self._cache[key] = cached
        return cached


def _assess(tree: _Tree, sigma: Mapping[int, Sequence[Any]], sign: Sign, polytopes: _Polytopes | None = None) -> _Verdict | None:
    """The PBE beliefs of the profile ``sigma`` (every set given), or None when it is not part of a PBE."""
    if polytopes is None:
        polytopes = _Polytopes(sign)
    evaluator = _Evaluator(tree, sigma)
    reaches: dict[tuple[int, int], dict[int, Any]] = {}
    beliefs: dict[int, tuple[str, tuple[Any, ...]]] = {}
    for h in tree.sets:
        nodes = tree.nodes[h]
        rows = evaluator.rows(h)
        key = (tree.root_of[h], tree.owner[h])
        if key not in reaches:
            reaches[key] = evaluator.reach(*key)
        weights = [reaches[key].get(x, 0) for x in nodes]
        total = sum(weights, start=0)
        if sign(total) > 0:
            if any(sign(sum((w * r for w, r in zip(weights, row, strict=True)), start=0)) < 0 for row in rows):
                return None
            if len(nodes) > 1:
                beliefs[h] = ("bayes", tuple(w / total for w in weights))
        elif len(nodes) == 1:
            if any(sign(row[0]) < 0 for row in rows):
                return None
        else:
            vertices = polytopes(rows, len(nodes))
            if not vertices:
                return None
            beliefs[h] = ("set", vertices)
    return _Verdict(MappingProxyType(beliefs))


# --- pure PBE: backtracking with the sets' belief polytopes -----------------------------------------
def _pure_pbe(tree: _Tree, sign: Sign, one: Any, max_equilibria: int) -> tuple[list[tuple[dict[int, int], _Verdict]], bool]:
    """Every pure PBE (as set -> action, with its beliefs) and whether the list is complete."""
    order = _order(tree)
    position = {h: k for k, h in enumerate(order)}
    checkable: list[list[int]] = [[] for _ in order]
    for h in tree.sets:
        checkable[max(position[g] for g in tree.below[h] | {h})].append(h)
    choice: dict[int, int] = {}
    found: list[tuple[dict[int, int], _Verdict]] = []
    complete = True
    polytopes = _Polytopes(sign)

    def profile() -> dict[int, tuple[Any, ...]]:
        return {h: tuple(one if b == a else 0 * one for b in range(tree.width[h])) for h, a in choice.items()}

    def fits(h: int) -> bool:
        evaluator = _Evaluator(tree, profile())
        rows = evaluator.rows(h)
        if len(tree.nodes[h]) == 1:
            return all(sign(row[0]) >= 0 for row in rows)
        return bool(polytopes(rows, len(tree.nodes[h])))

    def search(k: int) -> None:
        nonlocal complete
        if k == len(order):
            verdict = _assess(tree, profile(), sign, polytopes)
            if verdict is not None:
                found.append((dict(choice), verdict))
            return
        h = order[k]
        for a in range(tree.width[h]):
            if len(found) >= max_equilibria:
                complete = False
                return
            choice[h] = a
            if all(fits(g) for g in checkable[k]):
                search(k + 1)
        del choice[h]

    search(0)
    return found, complete


# --- polynomials in the unknowns of a support profile ------------------------------------------------
class _Poly:
    """A polynomial with rational coefficients in numbered unknowns; a monomial is the sorted tuple of its unknowns."""

    __slots__ = ("terms",)

    def __init__(self, terms: dict[tuple[int, ...], Fraction]):
        self.terms = terms

    @classmethod
    def variable(cls, i: int) -> _Poly:
        return cls({(i,): Fraction(1)})

    def _terms_of(self, other: Any) -> dict[tuple[int, ...], Any]:
        if isinstance(other, _Poly):
            return other.terms
        return {(): other} if other != 0 else {}

    def __add__(self, other: Any) -> _Poly:
        terms = dict(self.terms)
        for m, c in self._terms_of(other).items():
            value = terms.get(m, 0) + c
            if value:
                terms[m] = value
            else:
                terms.pop(m, None)
        return _Poly(terms)

    __radd__ = __add__

    def __neg__(self) -> _Poly:
        return _Poly({m: -c for m, c in self.terms.items()})

    def __sub__(self, other: Any) -> _Poly:
        return self + (-other)

    def __rsub__(self, other: Any) -> _Poly:
        return (-self) + other

    def __mul__(self, other: Any) -> _Poly:
        if not isinstance(other, _Poly):
            return _Poly({m: c * other for m, c in self.terms.items()}) if other != 0 else _Poly({})
        terms: dict[tuple[int, ...], Any] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in other.terms.items():
                m = tuple(sorted(m1 + m2))
                value = terms.get(m, 0) + c1 * c2
                if value:
                    terms[m] = value
                else:
                    terms.pop(m, None)
        return _Poly(terms)

    __rmul__ = __mul__

    def __eq__(self, other: object) -> bool:
        return self.terms == self._terms_of(other)

    def __hash__(self) -> int:
        return hash(frozenset(self.terms.items()))

    def __repr__(self) -> str:
        return f"_Poly({self.terms})"

    @property
    def degree(self) -> int:
        return max((len(m) for m in self.terms), default=0)

    @property
    def unknowns(self) -> set[int]:
        return {i for m in self.terms for i in m}

    def at(self, values: Mapping[int, Any]) -> Any:
        return sum((c * math.prod((values[i] for i in m), start=1) for m, c in self.terms.items()), start=0)

    def expr(self, symbols: Sequence[sympy.Symbol]) -> sympy.Expr:
        return sympy.Add(*(sympy.Rational(c.numerator, c.denominator) * sympy.Mul(*(symbols[i] for i in m)) for m, c in self.terms.items()))


def _linear_solve(equations: Iterable[_Poly]) -> dict[int, _Poly] | None:
    """Gauss-Jordan elimination in exact rationals: pivot unknown -> its value in the free unknowns; None if inconsistent."""
    solved: dict[int, _Poly] = {}
    for equation in equations:
        rest = _substitute(equation, solved)
        if not rest.terms:
            continue
        pivots = sorted(rest.unknowns)
        if not pivots:
            return None
        pivot = pivots[0]
        coefficient = rest.terms[(pivot,)]
        value = (rest - _Poly.variable(pivot) * coefficient) * (-1 / Fraction(coefficient))
        solved = {u: _substitute(p, {pivot: value}) for u, p in solved.items()}
        solved[pivot] = value
    return solved


def _substitute(poly: _Poly, values: Mapping[int, _Poly]) -> _Poly:
    """``poly`` with unknowns replaced by polynomials."""
    if not values or not (poly.unknowns & set(values)):
        return poly
    total = _Poly({})
    for m, c in poly.terms.items():
        term: Any = _Poly({(): c})
        for i in m:
            term = term * (values[i] if i in values else _Poly.variable(i))
        total = total + term
    return total


# --- mixed PBE: support enumeration -------------------------------------------------------------------
@dataclass(slots=True)
class _Findings:
    """What the support enumeration collects."""

    profiles: list[dict[int, tuple[Any, ...]]] = field(default_factory=list)
    verdicts: list[_Verdict] = field(default_factory=list)
    continua: list[tuple[dict[int, tuple[int, ...]], list[int]]] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    keys: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def add(self, tree: _Tree, sigma: dict[int, tuple[Any, ...]], verdict: _Verdict) -> int:
        key = tuple(sigma[h] for h in tree.sets)
        if key not in self.keys:
            self.keys[key] = len(self.profiles)
            self.profiles.append(sigma)
            self.verdicts.append(verdict)
        return self.keys[key]


def _subsets(width: int) -> list[tuple[int, ...]]:
    return [s for k in range(1, width + 1) for s in itertools.combinations(range(width), k)]


def _support_profile_count(tree: _Tree) -> int:
    return math.prod(2 ** tree.width[h] - 1 for h in tree.sets)


def _mixed_pbe(tree: _Tree, findings: _Findings, max_supports: int, max_equilibria: int) -> None:
    count = _support_profile_count(tree)
    if count > max_supports:
        raise SolverError(
            f"pbe(): the game has {count} support profiles (a nonempty support at each of its {len(tree.sets)} information sets), "
            f"more than max_supports={max_supports}; raise max_supports, or pass mixed=False for the pure PBE only"
        )
    for supports in itertools.product(*(_subsets(tree.width[h]) for h in tree.sets)):
        if all(len(s) == 1 for s in supports):
            continue  # pure profiles: found by the backtracking search
        if len(findings.profiles) >= max_equilibria:
            findings.incomplete.append(f"stopped at max_equilibria={max_equilibria}")
            return
        _solve_supports(tree, dict(zip(tree.sets, supports, strict=True)), findings)


@dataclass(slots=True)
class _System:
    """One support profile's unknowns: probabilities on the supports and beliefs at off-path mixed sets."""

    tree: _Tree
    supports: dict[int, tuple[int, ...]]
    sigma: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    beliefs: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    probability_unknowns: list[int] = field(default_factory=list)
    n: int = 0

    def new(self) -> _Poly:
        self.n += 1
        return _Poly.variable(self.n - 1)


def _simplex(system: _System, size: int, own: bool) -> tuple[Any, ...]:
    unknowns = [system.new() for _ in range(size - 1)]
    if own:
        system.probability_unknowns += [next(iter(u.unknowns)) for u in unknowns]
    return (*unknowns, 1 - sum(unknowns, start=_Poly({})))


def _solve_supports(tree: _Tree, supports: dict[int, tuple[int, ...]], findings: _Findings) -> None:
    system = _System(tree, supports)
    for h in tree.sets:
        support = supports[h]
        values: list[Any] = [0] * tree.width[h]
        for a, p in zip(support, _simplex(system, len(support), True) if len(support) > 1 else (1,), strict=True):
            values[a] = p
        system.sigma[h] = tuple(values)
    evaluator = _Evaluator(tree, system.sigma)
    determined: dict[int, list[Any]] = {}
    equations: list[_Poly] = []
    for h in tree.sets:
        nodes = tree.nodes[h]
        reach = evaluator.reach(tree.root_of[h], tree.owner[h])
        weights = [reach.get(x, 0) for x in nodes]
        if any(not _is_zero(w) for w in weights):
            determined[h] = weights
        elif len(nodes) > 1 and len(supports[h]) > 1:
            system.beliefs[h] = _simplex(system, len(nodes), False)
        support = supports[h]
        if len(support) < 2:
            continue
        mu = determined.get(h) or system.beliefs.get(h) or [1]
        player = tree.owner[h]
        for a in support[1:]:
            equation = sum(
                (
                    w * (evaluator.value(tree.children[x][a])[player] - evaluator.value(tree.children[x][support[0]])[player])
                    for w, x in zip(mu, nodes, strict=True)
                ),
                start=_Poly({}),
            )
            if equation.terms and not equation.unknowns:
                return  # a nonzero constant: the mover cannot be indifferent
            if equation.terms:
                equations.append(equation)
    belief_unknowns = {u for values in system.beliefs.values() for p in values for u in _as_poly(p).unknowns}
    own_equations = [e for e in equations if not e.unknowns & belief_unknowns]
    probability = system.probability_unknowns
    # the probabilities first: when their own equations fix them, the beliefs are left to the final check
    if not set(probability) - set().union(*(e.unknowns for e in own_equations)):
        points = _solve(own_equations, system)
        if points is not None and all(_fixed(point, probability) for point in points):
            for point in points:
                _candidate(system, point, findings)
            return
    points = _solve(equations, system)
    if points is None:
        findings.incomplete.append(f"a nonlinear system with a positive-dimensional solution set (supports {_describe(system)})")
        return
    for point in points:
        if _fixed(point, probability):
            _candidate(system, point, findings)
        else:
            _continuum(system, point, evaluator, determined, findings)


def _fixed(point: Mapping[int, Any], unknowns: Iterable[int]) -> bool:
    """Whether ``point`` gives each of ``unknowns`` a number."""
    return all(u in point and not isinstance(point[u], _Poly) for u in unknowns)


def _as_poly(value: Any) -> _Poly:
    return value if isinstance(value, _Poly) else _Poly({(): value} if value else {})


def _describe(system: _System) -> str:
    game = system.tree.game
    return ", ".join(
        f"{game.infoset_labels[h]}: {'/'.join(game.infoset_actions[h][a] for a in s)}" for h, s in system.supports.items() if len(s) > 1
    )


def _solve(equations: list[_Poly], system: _System) -> list[dict[int, Any]] | None:
    """The solutions: each maps unknowns to numbers or, where the set is positive-dimensional, to
    polynomials/expressions in the unknowns left free (those are absent from the mapping).

    None when the set is positive-dimensional and not linear (not parametrized here).
    """
    if all(e.degree <= 1 for e in equations):
        solved = _linear_solve(equations)
        if solved is None:
            return []
        return [{u: (p.terms.get((), Fraction(0)) if not p.unknowns else p) for u, p in solved.items()}]
    symbols = sympy.symbols(f"u0:{system.n}", real=True)
    exprs = [e.expr(symbols) for e in equations]
    unknowns = sorted(set().union(*(e.unknowns for e in equations)))
    variables = [symbols[u] for u in unknowns]
    basis = sympy.groebner(exprs, *variables, order="grevlex")
    if list(basis.exprs) == [1]:
        return []
    if basis.is_zero_dimensional:
        lex = list(basis.fglm("lex").exprs)
        triangular = _shape_position(lex, variables)
        solutions = (
            triangular
            if triangular is not None
            else [dict(zip(variables, v, strict=True)) for v in sympy.solve_poly_system(lex, *variables) or []]
        )
        points = []
        for solution in solutions:
            if all(_is_real(sympy.sympify(v)) for v in solution.values()):
                points.append({unknowns[variables.index(s)]: _number(v) for s, v in solution.items()})
        return points
    try:
        branches = sympy.solve(list(basis.exprs), variables, dict=True)
    except NotImplementedError:
        return None
    points = []
    for branch in branches:
        if any(not sympy.sympify(v).free_symbols and not _is_real(sympy.sympify(v)) for v in branch.values()):
            continue
        point: dict[int, Any] = {}
        for s, v in branch.items():
            v = sympy.sympify(v)
            point[unknowns[variables.index(s)]] = _number(v) if not v.free_symbols else _from_expr(v, symbols)
        if any(p is None for p in point.values()):
            return None
        points.append(point)
    return points


def _from_expr(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> _Poly | None:
    """A polynomial expression in the unknowns' symbols as a _Poly (None for other expressions)."""
    try:
        poly = sympy.Poly(expr, *symbols)
    except sympy.PolynomialError:
        return None
    if not all(c.is_Rational for c in poly.coeffs()):
        return None
    terms = {}
    for exponents, c in poly.terms():
        monomial = tuple(i for i, k in enumerate(exponents) for _ in range(k))
        terms[monomial] = Fraction(int(c.p), int(c.q))
    return _Poly(terms)


def _number(value: Any) -> Any:
    value = sympy.sympify(value)
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return sympy.radsimp(value)


def _exact_sign(value: Any) -> int:
    if isinstance(value, int | Fraction):
        return (value > 0) - (value < 0)
    value = sympy.sympify(value)
    if value.is_Rational:
        return int(sympy.sign(value))
    return _sign(sympy.radsimp(sympy.expand(value)))


def _candidate(system: _System, point: Mapping[int, Any], findings: _Findings) -> int | None:
    """Check the profile at an exact ``point`` of the unknowns; record it when it is a PBE (returns its index)."""
    values = {u: point[u] for u in system.probability_unknowns}
    sigma: dict[int, tuple[Any, ...]] = {}
    for h, probs in system.sigma.items():
        row = tuple(_simplified(_as_poly(p).at(values)) for p in probs)
        if any(_exact_sign(p) < 0 for p in row):
            return None
        sigma[h] = row
    verdict = _assess(system.tree, sigma, _exact_sign)
    if verdict is None:
        return None
    return findings.add(system.tree, sigma, verdict)


def _simplified(value: Any) -> Any:
    if isinstance(value, int | Fraction):
        return Fraction(value)
    return _number(value)


def _continuum(
    system: _System, point: Mapping[int, Any], evaluator: _Evaluator, determined: Mapping[int, list[Any]], findings: _Findings
) -> None:
    """The extreme points of a continuum of solutions, when every condition is linear in its parameters."""
    tree = system.tree
    params = sorted(set(range(system.n)) - set(point))
    extra = system.n  # fresh unknowns for beliefs at off-path sets, numbered after the system's
    substitution = {u: _as_poly(v) for u, v in point.items()}
    positive = [_substitute(_as_poly(p), substitution) for h in tree.sets for a, p in enumerate(system.sigma[h]) if a in system.supports[h]]
    constraints: list[_Poly] = list(positive)
    for values in system.beliefs.values():
        constraints += [_substitute(_as_poly(p), substitution) for p in values]
    for h in tree.sets:
        rows = [[_substitute(_as_poly(x), substitution) for x in row] for row in evaluator.rows(h)]
        if h in determined:
            weights = [_substitute(_as_poly(w), substitution) for w in determined[h]]
        elif len(tree.nodes[h]) == 1:
            weights = [_Poly({(): Fraction(1)})]
        elif h in system.beliefs:
            weights = [_substitute(_as_poly(w), substitution) for w in system.beliefs[h]]
        elif any(x.unknowns for row in rows for x in row):
            fresh = [_Poly.variable(extra + k) for k in range(len(tree.nodes[h]) - 1)]
            params += list(range(extra, extra + len(fresh)))
            extra += len(fresh)
            weights = [*fresh, 1 - sum(fresh, start=_Poly({}))]
            constraints += weights
        else:  # the beliefs at this set do not depend on the continuum: supportable once, or never
            constant = [tuple(x.terms.get((), Fraction(0)) for x in row) for row in rows]
            if not _Polytopes(_exact_sign)(constant, len(tree.nodes[h])):
                return
            continue
        constraints += [sum((w * x for w, x in zip(weights, row, strict=True)), start=_Poly({})) for row in rows]
    constraints = [c for c in constraints if c.terms]
    if not all(isinstance(x, int | Fraction) for c in constraints for x in c.terms.values()):
        findings.incomplete.append(f"a continuum of solutions through irrational points (supports {_describe(system)})")
        return
    if any(c.degree > 1 for c in constraints):
        findings.incomplete.append(f"a continuum of solutions with nonlinear conditions (supports {_describe(system)})")
        return
    vertices = _polytope_vertices(constraints, params)
    if vertices is None:
        findings.incomplete.append(f"a continuum of solutions with too many extreme-point candidates (supports {_describe(system)})")
        return
    if not vertices:
        return
    # The conditions hold on the closed polytope, but the supports need positive probabilities. If some point
    # of the polytope has them (then its barycenter does), the polytope is the closure of the continuum and its
    # vertices are PBE (limits of Bayes' beliefs support them). Otherwise it lies where a supported action has
    # probability 0, where the reach weights of some sets vanish and their conditions say nothing: its points
    # belong to smaller supports and are found there.
    barycenter = {u: sum((v[u] for v in vertices), start=Fraction(0)) / len(vertices) for u in params}
    if any(p.at(barycenter) <= 0 for p in positive):
        return
    members = []
    for vertex in vertices:
        full = {u: _as_poly(v).at(vertex) if isinstance(v, _Poly) else v for u, v in point.items()}
        full.update({u: vertex[u] for u in params if u < system.n})
        index = _candidate(system, full, findings)
        if index is None:
            raise SolverError(f"pbe(): internal error: an extreme point of a continuum of PBE failed its check ({_describe(system)})")
        members.append(index)
    findings.continua.append((dict(system.supports), sorted(set(members))))


def _polytope_vertices(constraints: list[_Poly], params: list[int]) -> list[dict[int, Fraction]] | None:
    """The vertices of the bounded ``{t : c(t) >= 0 for every constraint}``; None when there would be too many bases to try."""
    rows: dict[tuple[tuple[Fraction, ...], Fraction], None] = {}
    for c in constraints:
        coefficients = tuple(Fraction(c.terms.get((u,), 0)) for u in params)
        constant = Fraction(c.terms.get((), 0))
        if not any(coefficients):
            if constant < 0:
                return []
            continue
        rows.setdefault((coefficients, -constant), None)
    if math.comb(len(rows), len(params)) > _MAX_BASES:
        return None
    vertices = polytope_vertices(len(params), [], list(rows), exact_sign)
    return [{u: Fraction(x) for u, x in zip(params, vertex, strict=True)} for vertex, _ in vertices]


# --- results -------------------------------------------------------------------------------------------
def _set_keys(game: ExtensiveFormGame) -> dict[int, str]:
    """The key of each player's set in ``Equilibrium.beliefs``: its label, or ``player:label`` if two players share it."""
    labels = [game.infoset_labels[h] for h in range(game.n_infosets) if game.infoset_player[h] >= 0]
    return {
        h: game.infoset_labels[h]
        if labels.count(game.infoset_labels[h]) == 1
        else f"{game.players[game.infoset_player[h]]}:{game.infoset_labels[h]}"
        for h in range(game.n_infosets)
        if game.infoset_player[h] >= 0
    }


def _beliefs_mapping(tree: _Tree, verdict: _Verdict, convert: Callable[[Any], Any]) -> Mapping[str, Mapping[str, Any]]:
    game = tree.game
    keys = _set_keys(game)
    out: dict[str, Mapping[str, Any]] = {}
    for h in tree.sets:
        if h not in verdict.beliefs:
            continue
        labels = tuple(game.node_label(x) for x in tree.nodes[h])
        kind, values = verdict.beliefs[h]
        if kind == "bayes":
            out[keys[h]] = MappingProxyType({label: convert(v) for label, v in zip(labels, values, strict=True)})
        else:
            out[keys[h]] = BeliefSet(labels, tuple(tuple(convert(x) for x in vertex) for vertex in values))
    return MappingProxyType(out)


def _behaviour(tree: _Tree, sigma: Mapping[int, Sequence[Any]]) -> tuple[tuple[tuple[Any, ...], ...], ...]:
    game = tree.game
    return tuple(tuple(tuple(sigma[h]) for h in game.infosets_of(p)) for p in range(game.n_players))


def _equilibrium(tree: _Tree, sigma: Mapping[int, Sequence[Any]], verdict: _Verdict, float_game: ExtensiveFormGame | None) -> Equilibrium:
    """A certified Equilibrium of an exact game (or, with ``float_game``, of that float game)."""
    game = tree.game
    profile = _behaviour(tree, sigma)
    rational = all(isinstance(x, int | Fraction) for s in profile for probs in s for x in probs)
    if rational:
        regret = max_regret(game, profile)
        payoffs = tuple(Fraction(v) for v in _Evaluator(tree, sigma).value(0))
    else:  # algebraic probabilities: certified on the game with sympy values
        regret = sympy.sympify(max_regret(game.subs({}, kind="symbolic"), profile))
        if regret != 0 and (regret.has(sympy.Max) or _sign(regret) != 0):
            raise SolverError(f"pbe(): internal error: a perfect Bayesian equilibrium has max_regret {regret}: {profile}")
        regret = sympy.Integer(0)
        payoffs = tuple(_number(v) for v in _Evaluator(tree, sigma).value(0))
    if regret != 0:
        raise SolverError(f"pbe(): internal error: a perfect Bayesian equilibrium has max_regret {regret}: {profile}")
    if float_game is not None:
        floats = tuple(tuple(tuple(float(x) for x in probs) for probs in s) for s in profile)
        return Equilibrium(
            profile=floats,
            payoffs=tuple(float(v) for v in payoffs),
            max_regret=max_regret(float_game, floats),
            concept="pbe",
            beliefs=_beliefs_mapping(tree, verdict, float),
        )
    return Equilibrium(
        profile=profile, payoffs=payoffs, max_regret=regret, concept="pbe", beliefs=_beliefs_mapping(tree, verdict, _simplified)
    )


def check_options(max_equilibria: Any, max_supports: Any, mixed: Any) -> None:
    """Raise unless the options shared by the PBE solvers have their types (positive ints, a bool)."""
    for name, value in (("max_equilibria", max_equilibria), ("max_supports", max_supports)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise SolverError(f"pbe(): {name} must be a positive int; got {value!r}")
    if not isinstance(mixed, bool):
        raise SolverError(f"pbe(): mixed must be True or False; got {mixed!r}")


def tree_pbe(
    game: ExtensiveFormGame,
    *,
    max_equilibria: int = 10_000,
    mixed: bool = True,
    max_supports: int = MAX_SUPPORT_PROFILES,
    assume: Iterable[Any] = (),
    max_cases: int | None = None,
) -> SolveResult:
    """Every perfect Bayesian equilibrium of a finite game tree, with the beliefs that support it.

    See the module docstring for the definition. Exact games: every pure PBE
    and, with ``mixed=True``, the mixed and hybrid ones by support enumeration
    (continua by their extreme points). Symbolic games: every pure PBE in
    every regime of the parameters (``result.regimes``, as for ``parametric``),
    their beliefs as expressions; mixed ones are not computed there
    (``complete`` is False). Float games are solved exactly at their binary
    values and reported in floats.

    Parameters
    ----------
    game
        An :class:`~gametheory.ExtensiveFormGame` with perfect recall.
    max_equilibria
        Stop after this many equilibria (then ``complete`` is False).
    mixed
        Also search for mixed and hybrid PBE (exact and float games).
    max_supports
        Refuse (:class:`~gametheory.errors.SolverError`) when the mixed search
        would examine more support profiles than this (the product over the
        players' sets of ``2**actions - 1``).
    assume, max_cases
        Symbolic games: relations the parameters satisfy, and the bound on
        cases of the parameters (see :func:`~gametheory.symbolic.regimes.parametric`).

    Returns
    -------
    SolveResult
        ``method`` and every equilibrium's ``concept`` are ``"pbe"``; each
        equilibrium's ``beliefs`` maps the label of every set with several
        nodes to its Bayes beliefs or its :class:`~gametheory.profiles.BeliefSet`.
        ``details["continua"]``: per continuum of mixed PBE, the supports and
        the indices of its extreme points; ``details["incomplete"]``: why the
        list may miss some, when it may.

    Examples
    --------
    Gibbons (1992), figure 4.1.1: (R, R') is a subgame-perfect equilibrium but not
    perfect Bayesian: R' is worse than L' at player 2's set whatever player 2 believes.

    >>> from gametheory import ExtensiveFormGame, decision
    >>> game = ExtensiveFormGame.from_tree(decision("1", {
    ...     "L": decision("2", {"L'": (2, 1), "R'": (0, 0)}, infoset="2"),
    ...     "M": decision("2", {"L'": (0, 2), "R'": (0, 1)}, infoset="2"),
    ...     "R": (1, 3)}))
    >>> result = tree_pbe(game)
    >>> len(result), result.strategy(0, 0), dict(result[0].beliefs["2"])
    (1, {'1:1': {'L': Fraction(1, 1), 'M': Fraction(0, 1), 'R': Fraction(0, 1)}}, {'L': Fraction(1, 1), 'M': Fraction(0, 1)})
    """
    require_tree(game, "pbe", kinds=("exact", "float", "symbolic"))
    check_options(max_equilibria, max_supports, mixed)
    if game.kind == "symbolic":
        return _symbolic(game, max_equilibria, assume, max_cases)
    float_game = None
    if game.kind == "float":
        float_game = game
        rows = [[Fraction(float(a[t])) for a in game.payoffs] for t in range(len(game.terminals))]
        probs = [None if p is None else [Fraction(float(q)) for q in p] for p in game.chance_probs]
        game = game._with_values(rows, probs, "exact")
    tree = _tree(game)
    pure, complete = _pure_pbe(tree, _exact_sign, Fraction(1), max_equilibria)
    findings = _Findings()
    for choice, verdict in pure:
        findings.add(tree, {h: tuple(Fraction(int(b == a)) for b in range(tree.width[h])) for h, a in choice.items()}, verdict)
    if mixed:
        _mixed_pbe(tree, findings, max_supports, max_equilibria)
    equilibria = tuple(
        _equilibrium(tree, sigma, verdict, float_game) for sigma, verdict in zip(findings.profiles, findings.verdicts, strict=True)
    )
    details: dict[str, Any] = {"subgames": len(game.subgame_roots())}
    if mixed:
        details["support_profiles"] = _support_profile_count(tree)
    if findings.continua:
        keys = _set_keys(game)
        details["continua"] = tuple(
            MappingProxyType(
                {
                    "support": MappingProxyType({keys[h]: tuple(game.infoset_actions[h][a] for a in s) for h, s in supports.items()}),
                    "extreme_points": tuple(members),
                }
            )
            for supports, members in findings.continua
        )
    reasons = list(dict.fromkeys(findings.incomplete))
    if not mixed:
        reasons.insert(0, "mixed=False: only pure PBE were searched for")
    if not complete:
        reasons.insert(0, f"stopped at max_equilibria={max_equilibria} pure PBE")
    if reasons:
        details["incomplete"] = "; ".join(reasons)
    return SolveResult(
        float_game if float_game is not None else game,
        "pbe",
        float_game is None,
        equilibria,
        options=MappingProxyType({"max_equilibria": max_equilibria, "mixed": mixed, "max_supports": max_supports}),
        details=MappingProxyType(details),
        complete=not reasons,
    )


# --- symbolic games: pure PBE in every cell of parameter space --------------------------------------
def _symbolic(game: ExtensiveFormGame, max_equilibria: int, assume: Iterable[Any], max_cases: int | None) -> SolveResult:
    from ..symbolic.cells import MAX_LEAVES, Context, Domain, explore
    from ..symbolic.regimes import _assemble

    tree = _tree(game)
    multi = [h for h in tree.sets if len(tree.nodes[h]) > 1]
    one = sympy.Integer(1)

    truncated = []

    def solver(context: Context) -> list[tuple[Any, ...]]:
        found, complete = _pure_pbe(tree, context.sign, one, max_equilibria)
        if not complete:
            truncated.append(context.cell)
        out = []
        for choice, verdict in found:
            sigma = {h: tuple(one if b == a else sympy.Integer(0) for b in range(tree.width[h])) for h, a in choice.items()}
            code = tuple(
                (sympy.Integer(0 if verdict.beliefs[h][0] == "bayes" else 1), verdict.beliefs[h][1]) if h in verdict.beliefs else ()
                for h in multi
            )
            payoffs = tuple(sympy.sympify(v) for v in _Evaluator(tree, sigma).value(0))
            out.append(((_behaviour(tree, sigma), code), payoffs))
        return out

    if isinstance(assume, sympy.Basic) or not isinstance(assume, Iterable):
        assume = [assume]
    assumptions = list(assume)
    for probs in filter(None, game.chance_probs):
        for q in probs:
            if sympy.sympify(q).free_symbols:
                assumptions += [sympy.sympify(q) >= 0, sympy.sympify(q) <= 1]
        excess = sympy.factor(sympy.Add(*map(sympy.sympify, probs)) - 1)
        if excess != 0:
            assumptions.append(sympy.Eq(excess, 0))
    domain = Domain(game.parameters, assumptions, where="pbe()")
    leaves = explore(solver, domain, max_leaves=MAX_LEAVES if max_cases is None else max_cases)
    regimes, equilibria = _assemble(leaves, domain, "pbe")
    keys = _set_keys(game)
    decoded: dict[int, Equilibrium] = {}
    for eq in equilibria:
        profile, code = eq.profile
        beliefs: dict[str, Mapping[str, Any]] = {}
        for h, entry in zip(multi, code, strict=True):
            if not entry:
                continue
            labels = tuple(game.node_label(x) for x in tree.nodes[h])
            kind, values = entry
            if kind == 0:
                beliefs[keys[h]] = MappingProxyType(dict(zip(labels, values, strict=True)))
            else:
                beliefs[keys[h]] = BeliefSet(labels, tuple(tuple(v) for v in values))
        decoded[id(eq)] = replace(eq, profile=profile, beliefs=MappingProxyType(beliefs))
    regimes = tuple(replace(regime, equilibria=tuple(decoded[id(eq)] for eq in regime.equilibria)) for regime in regimes)
    return SolveResult(
        game,
        "pbe",
        True,
        tuple(decoded[id(eq)] for eq in equilibria),
        options=MappingProxyType({"max_equilibria": max_equilibria, "assume": tuple(assumptions)}),
        regimes=regimes,
        details=MappingProxyType(
            {
                "cases": len(leaves),
                "assumptions": tuple(assumptions),
                "incomplete": "only pure PBE are computed for symbolic games; substitute numbers (game.subs) for the mixed ones"
                + (f"; stopped at max_equilibria={max_equilibria} pure PBE in {len(truncated)} cases" if truncated else ""),
            }
        ),
        complete=False,
    )
