"""Equilibria as functions of parameters: the ``parametric`` solver and its regimes.

A *regime* is a region of parameter space, given by exact conditions, together
with the equilibria the game has throughout it. The solver runs an exact
equilibrium algorithm once per cell of parameter space (see
:mod:`gametheory.symbolic.cells`): wherever the algorithm compares two payoffs
whose order depends on the parameters, the cell splits into the cases
``<``, ``==`` and ``>`` that are possible. Cells with the same equilibria are
merged back (two cells that differ only in the sign of one polynomial become
one), and conditions implied by the others are dropped, so the regimes are the
coarsest such partition that this case analysis finds. Boundaries are kept: a
boundary where the equilibria differ (an indifference) is a regime of its own.

Covered: two-player normal forms (every extreme equilibrium, by enumerating
the vertices of both players' best-response polyhedra with symbolic entries),
perfect-information trees with chance (every pure subgame-perfect
equilibrium, by backward induction that splits on each comparison it cannot
decide) and trees with information sets (subgame by subgame, each in reduced
normal form with the two-player algorithm). Within a regime the equilibria are exact sympy expressions; on a
boundary ``Eq(a*p + ..., 0)`` with a constant coefficient the parameter ``p``
is eliminated from them.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import sympy

from ..errors import InvalidGameError, UnsupportedGameError
from ..games.extensive_form import CHANCE, TERMINAL, ExtensiveFormGame
from ..games.normal_form import NormalFormGame
from ..profiles import BeliefSet
from ..results import Equilibrium, SolveResult
from ..solvers._registry import register
from .cells import MAX_LEAVES, Atom, Context, Domain, Leaf, explore, relation, solve_linear

__all__ = ["Regime", "parametric"]

ALL_SIGNS = frozenset({-1, 0, 1})


@dataclass(frozen=True, slots=True)
class Regime:
    """A region of parameter space and the equilibria the game has throughout it.

    Unpacks as ``conditions, equilibria = regime``.

    Attributes
    ----------
    conditions
        A sympy Boolean in the parameters (``sympy.true`` when the regime is everything the assumptions allow).
    equilibria
        The equilibria, with sympy expressions in the parameters as probabilities and payoffs.
    witness
        An exact parameter point inside the regime (``None`` when the search for one failed; the regime is then
        kept because it was not proved empty).
    """

    conditions: sympy.Basic
    equilibria: tuple[Equilibrium, ...]
    witness: Mapping[sympy.Symbol, Any] | None = field(default=None, compare=False)

    def __iter__(self) -> Iterator[Any]:
        return iter((self.conditions, self.equilibria))

    def contains(self, values: Mapping[sympy.Symbol, Any]) -> bool:
        """Whether the point ``values`` (every parameter a number) satisfies the conditions."""
        held = self.conditions.subs(values) if isinstance(self.conditions, sympy.Basic) else self.conditions
        if held not in (sympy.true, sympy.false):
            held = sympy.simplify(held)
        return bool(held == sympy.true)


# -- the solver ---------------------------------------------------------------------------------------------
@register(
    "parametric",
    players=None,
    kinds=("symbolic",),
    summary="every equilibrium of a symbolic game with the exact conditions on the parameters (regimes)",
)
def parametric(game: Any, *, assume: Iterable[Any] = (), max_cases: int = MAX_LEAVES) -> SolveResult:
    """Every equilibrium of a game with symbolic payoffs, with the conditions under which it holds.

    Two-player normal forms give every extreme Nash equilibrium in every
    regime; perfect-information trees (chance allowed) give every pure
    subgame-perfect equilibrium; trees with information sets give the
    subgame-perfect equilibria that ``spe`` finds (every combination of the
    extreme equilibria of the subgames, each solved in reduced normal form;
    at most two players with choices per subgame).

    Parameters
    ----------
    game
        A :class:`NormalFormGame` with two players or an :class:`ExtensiveFormGame` with perfect recall,
        whose payoffs (and chance probabilities) are sympy expressions in the parameters.
    assume
        Relations the parameters satisfy (``[p < 1, c > b]``), on top of the symbols' own assumptions
        (``Symbol("p", positive=True)``). Chance probabilities are assumed to lie in [0, 1].
    max_cases
        Give up (with an error) after this many cases of the parameters.

    Returns
    -------
    SolveResult
        ``result.regimes``: the regimes, pairwise disjoint and covering the parameter points the assumptions
        allow; ``result.equilibria``: each distinct equilibrium once, its ``conditions`` the union of its regimes.

    Examples
    --------
    Chicken with a cost ``c`` of a crash: below ``c = 1`` crashing is cheap and both go straight; from
    ``c = 1`` on there are the two pure equilibria and a mixed one (at ``c = 1`` it is (Straight, Straight)).

    >>> import sympy
    >>> from gametheory import NormalFormGame, solve
    >>> c = sympy.Symbol("c", positive=True)
    >>> chicken = NormalFormGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    >>> result = solve(chicken)
    >>> [(regime.conditions, len(regime.equilibria)) for regime in result.regimes]
    [(c < 1, 1), (c >= 1, 3)]
    >>> result.equilibria[3].profile, result.equilibria[3].conditions
    ((((c - 1)/c, 1/c), ((c - 1)/c, 1/c)), c >= 1)
    >>> result.at({c: 2})[2].profile
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> result.as_piecewise("payoff:Player 1", select=0)
    Piecewise((-c, c < 1), (1, c >= 1), (nan, True))
    """
    if isinstance(game, NormalFormGame):
        if game.n_players != 2:
            raise UnsupportedGameError(f"parametric(): normal-form games must have 2 players; got {game.n_players}")
        run: Callable[[Context], Any] = _bimatrix_solver(game)
        concept = "nash"
    elif isinstance(game, ExtensiveFormGame):
        if not game.perfect_recall:
            raise UnsupportedGameError(
                "parametric(): the game must have perfect recall; this one does not (a player forgets what they knew or did)"
            )
        run = _tree_solver(game) if game.perfect_information else _subgame_solver(game)
        concept = "spe"
    else:
        raise UnsupportedGameError(f"parametric(): game must be a NormalFormGame or an ExtensiveFormGame; got {type(game).__name__}")
    if game.kind != "symbolic":
        raise UnsupportedGameError(f"parametric(): game payoffs must be symbolic (sympy expressions); got {game.kind}")
    if isinstance(assume, sympy.Basic) or not isinstance(assume, Iterable):
        assume = [assume]
    assumptions = list(assume)
    if isinstance(game, ExtensiveFormGame):
        for probs in filter(None, game.chance_probs):
            for q in probs:
                if sympy.sympify(q).free_symbols:
                    assumptions += [sympy.sympify(q) >= 0, sympy.sympify(q) <= 1]
            excess = sympy.factor(sympy.Add(*map(sympy.sympify, probs)) - 1)
            if excess != 0:  # probabilities such as p and q: only points where they sum to 1 count
                assumptions.append(sympy.Eq(excess, 0))
    domain = Domain(game.parameters, assumptions, where="parametric()")
    leaves = explore(run, domain, max_leaves=max_cases)
    regimes, equilibria = _assemble(leaves, domain, concept)
    return SolveResult(
        game,
        "parametric",
        True,
        equilibria,
        options=MappingProxyType({"assume": tuple(assumptions), "max_cases": max_cases}),
        regimes=regimes,
        details=MappingProxyType({"cases": len(leaves), "assumptions": tuple(assumptions)}),
        complete=True,
    )


# -- two-player normal forms: vertices of the best-response polyhedra ---------------------------------------
def _bimatrix_solver(game: NormalFormGame) -> Callable[[Context], list[tuple[Any, ...]]]:
    A = sympy.Matrix(game.payoffs[0].tolist())
    B = sympy.Matrix(game.payoffs[1].tolist())
    m, n = A.shape
    # player 1: x >= 0 (labels 0..m-1), (B^T x)_j <= u (labels m..m+n-1); player 2: A y <= v (labels 0..m-1), y >= 0
    first = _Polyhedron(B.T, own=range(m), other=range(m, m + n))
    second = _Polyhedron(A, own=range(m, m + n), other=range(m))
    everything = frozenset(range(m + n))

    def solver(context: Context) -> list[tuple[Any, ...]]:
        xs = first.vertices(context)
        ys = second.vertices(context)
        found = []
        for (x, u, x_labels), (y, v, y_labels) in itertools.product(xs, ys):
            if x_labels | y_labels == everything:
                found.append(((tuple(x), tuple(y)), (v, u)))
        return found

    return solver


class _Polyhedron:
    """``{(z, w): z >= 0, sum(z) = 1, M z <= w}`` with the labels of its constraints; vertices by bases, solved once."""

    def __init__(self, M: sympy.Matrix, own: Iterable[int], other: Iterable[int]):
        self.M = M
        self.own = tuple(own)  # labels of z_k >= 0
        self.other = tuple(other)  # labels of (M z)_r <= w
        self._bases: dict[tuple[int, ...], Any] = {}

    def _solve(self, basis: tuple[int, ...]) -> Any:
        cached = self._bases.get(basis, 0)
        if cached != 0:
            return cached
        k = len(self.own)
        rows, rhs = [], []
        for label in basis:
            if label in self.own:
                rows.append([1 if j == self.own.index(label) else 0 for j in range(k)] + [0])
            else:
                r = self.other.index(label)
                rows.append([*self.M.row(r), -1])
            rhs.append(0)
        rows.append([1] * k + [0])
        rhs.append(1)
        system = sympy.Matrix(rows)
        det = sympy.expand(system.det(method="berkowitz"))
        if det == 0:
            solution = None
        else:
            # Cramer's rule keeps every numerator a polynomial, so each quotient cancels quickly
            numerators = []
            for i in range(k + 1):
                replaced = system.copy()
                replaced[:, i] = sympy.Matrix(rhs)
                numerators.append(sympy.expand(replaced.det(method="berkowitz")))
            values = [sympy.factor(sympy.cancel(n / det)) for n in numerators]
            z, w = values[:k], values[k]
            slacks = [
                sympy.factor(sympy.cancel(sympy.expand(numerators[k] - sum(self.M[r, j] * numerators[j] for j in range(k))) / det))
                for r in range(len(self.other))
            ]
            solution = (sympy.factor(det), z, w, slacks)
        self._bases[basis] = solution
        return solution

    def vertices(self, context: Context) -> list[tuple[list[Any], Any, frozenset[int]]]:
        found: dict[frozenset[int], tuple[list[Any], Any, frozenset[int]]] = {}
        labels = self.own + self.other
        for basis in itertools.combinations(labels, len(self.own)):
            solution = self._solve(basis)
            if solution is None or context.sign(solution[0]) == 0:
                continue
            _, z, w, slacks = solution
            values = [(label, z[j]) for j, label in enumerate(self.own) if label not in basis]
            values += [(label, slacks[r]) for r, label in enumerate(self.other) if label not in basis]
            signs = []
            for label, value in values:
                s = context.sign(value)
                if s < 0:
                    break
                signs.append((label, s))
            else:
                tight = frozenset(basis) | {label for label, s in signs if s == 0}
                if tight not in found:  # a degenerate vertex comes from several bases; its tight set identifies it
                    found[tight] = (z, w, tight)
        return list(found.values())


# -- perfect-information trees: backward induction with every tie kept -------------------------------------
def _tree_solver(game: ExtensiveFormGame) -> Callable[[Context], list[tuple[Any, ...]]]:
    order = sorted(range(game.n_nodes), key=lambda node: -int(game.depth[node]))
    probabilities = {h: tuple(sympy.sympify(q) for q in game.chance_probs[h] or ()) for h in range(game.n_infosets) if game.chance_probs[h]}

    def solver(context: Context) -> list[tuple[Any, ...]]:
        options: dict[int, list[tuple[tuple[Any, ...], dict[int, int]]]] = {}
        for node in order:
            mover = int(game.mover[node])
            if mover == TERMINAL:
                options[node] = [(tuple(sympy.sympify(v) for v in game.terminal_payoffs(node)), {})]
                continue
            children = list(game.children(node))
            combined = []
            for choice in itertools.product(*(options[c] for c in children)):
                if mover == CHANCE:
                    weights = probabilities[int(game.infoset[node])]
                    value = tuple(
                        sympy.Add(*(q * opt[0][p] for q, opt in zip(weights, choice, strict=True))) for p in range(game.n_players)
                    )
                    combined.append((value, _merge(opt[1] for opt in choice)))
                    continue
                best = [0]
                for k in range(1, len(children)):
                    s = context.sign(choice[k][0][mover] - choice[best[0]][0][mover])
                    if s > 0:
                        best = [k]
                    elif s == 0:
                        best.append(k)
                plans = _merge(opt[1] for opt in choice)
                combined.extend((choice[k][0], {**plans, node: k}) for k in best)
            for c in children:
                del options[c]
            options[node] = combined
        return [(_behaviour(game, plan), value) for value, plan in options[0]]

    return solver


# -- imperfect information: subgames deepest first, each in reduced normal form --------------------------------
def _subgame_solver(game: ExtensiveFormGame) -> Callable[[Context], list[tuple[Any, ...]]]:
    """Subgame-perfect equilibria by the same decomposition as ``spe`` (one subgame at a time, its inner subgames
    replaced by their equilibrium values), each truncated subgame solved in reduced normal form with the symbolic
    two-player solver (or a symbolic argmax when one player has choices)."""
    from ..profiles import _tree_payoffs, mixed_to_behaviour
    from ..solvers.spe import _truncate, embed, strategic_game, subgame_nesting

    roots, inner = subgame_nesting(game)
    prepared: dict[Any, Any] = {}  # per (subgame, values of its inner subgames): built once, replayed in every cell

    def prepare(root: int, values: dict[int, tuple[Any, ...]]) -> Any:
        key = (root, tuple(sorted(values.items())))
        if key not in prepared:
            truncated, set_of = _truncate(game, root, values)
            strategic, reduced, fixed = strategic_game(truncated.to_normal_form())
            if len(strategic) > 2:
                raise UnsupportedGameError(
                    f"parametric(): the subgame at {game.node_label(root)!r} has {len(strategic)} players with choices; "
                    "symbolic subgames are solved for at most 2"
                )
            solver = _bimatrix_solver(reduced) if len(strategic) == 2 else None
            prepared[key] = (truncated, set_of, strategic, reduced, fixed, solver)
        return prepared[key]

    def equilibria(context: Context, root: int, values: dict[int, tuple[Any, ...]]) -> list[tuple[dict[int, Any], tuple[Any, ...]]]:
        truncated, set_of, strategic, reduced, fixed, solver = prepare(root, values)
        if not strategic:
            chosen: list[Any] = [()]
        elif solver is None:  # one player with choices: every best pure strategy
            column = [sympy.sympify(v) for v in reduced.payoffs[0]]
            best = [0]
            for i in range(1, len(column)):
                s = context.sign(column[i] - column[best[0]])
                if s > 0:
                    best = [i]
                elif s == 0:
                    best.append(i)
            chosen = [(tuple(sympy.Integer(int(j == i)) for j in range(len(column))),) for i in best]
        else:
            # a probability that is 0 in this cell must be 0 exactly, so that the behaviour at sets it cuts off is free
            chosen = [
                tuple(tuple(x if context.sign(x) else sympy.Integer(0) for x in s) for s in profile) for profile, _ in solver(context)
            ]
        found = []
        for strategies in chosen:
            profile, _ = mixed_to_behaviour(truncated, embed(fixed, strategic, strategies))
            behaviour = {set_of[h]: profile[p][k] for p in range(truncated.n_players) for k, h in enumerate(truncated.infosets_of(p))}
            found.append((behaviour, tuple(sympy.factor(v) for v in _tree_payoffs(truncated, profile))))
        return found

    def solver(context: Context) -> list[tuple[Any, ...]]:
        solutions: dict[int, list[tuple[dict[int, Any], tuple[Any, ...]]]] = {}
        for r in sorted(roots, key=lambda n: -int(game.depth[n])):
            found: list[tuple[dict[int, Any], tuple[Any, ...]]] = []
            for combination in itertools.product(*(solutions[c] for c in inner[r])):
                values = {c: option[1] for c, option in zip(inner[r], combination, strict=True)}
                merged = {h: probs for option in combination for h, probs in option[0].items()}
                found.extend(({**merged, **behaviour}, value) for behaviour, value in equilibria(context, r, values))
            solutions[r] = found
        return [
            (tuple(tuple(behaviour[h] for h in game.infosets_of(p)) for p in range(game.n_players)), value)
            for behaviour, value in solutions[0]
        ]

    return solver


def _merge(plans: Iterable[dict[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = {}
    for plan in plans:
        merged.update(plan)
    return merged


def _behaviour(game: ExtensiveFormGame, plan: Mapping[int, int]) -> tuple[tuple[tuple[Any, ...], ...], ...]:
    """A pure behaviour profile from the action chosen at each decision node (one node per set)."""
    node_of = {int(game.infoset[node]): node for node in plan}
    one, zero = sympy.Integer(1), sympy.Integer(0)
    return tuple(
        tuple(tuple(one if a == plan[node_of[h]] else zero for a in range(len(game.infoset_actions[h]))) for h in game.infosets_of(p))
        for p in range(game.n_players)
    )


# -- from leaves to regimes -----------------------------------------------------------------------------------
def _eliminations(cell: Mapping[Atom, frozenset[int]]) -> dict[sympy.Symbol, sympy.Expr]:
    """Parameters fixed by equalities ``a*p + rest == 0`` with a constant ``a`` (used to write boundary results simply)."""
    values: dict[sympy.Symbol, sympy.Expr] = {}
    for atom, signs in sorted(cell.items(), key=lambda item: sympy.default_sort_key(item[0])):
        if signs != {0}:
            continue
        atom = sympy.expand(atom.subs(values))
        for p in sorted(atom.free_symbols, key=lambda s: s.name):
            poly = sympy.Poly(atom, p)
            if poly.degree() == 1 and not poly.all_coeffs()[0].free_symbols:
                value = solve_linear(atom, p)
                values = {q: v.subs(p, value) for q, v in values.items()}
                values[p] = value
                break
    return values


def _canonical(expr: Any, values: Mapping[sympy.Symbol, sympy.Expr]) -> Any:
    """One normal form per value (nested tuples of a tree profile kept as tuples)."""
    if isinstance(expr, tuple):
        return tuple(_canonical(x, values) for x in expr)
    return _normal_form(sympy.sympify(expr), tuple(values.items()))


@functools.lru_cache(maxsize=65536)
def _normal_form(expr: sympy.Expr, values: tuple[tuple[sympy.Symbol, sympy.Expr], ...]) -> sympy.Expr:
    if values:
        expr = expr.subs(dict(values))
    return expr if expr.is_Number else sympy.factor(sympy.cancel(expr))


def _assemble(leaves: list[Leaf], domain: Domain, concept: str) -> tuple[tuple[Regime, ...], tuple[Equilibrium, ...]]:
    atoms = set().union(*({atom for atom, _ in leaf.cell.signs} for leaf in leaves))
    pieces: list[_Piece] = []
    for leaf in leaves:
        cell = {atom: frozenset({sign}) for atom, sign in leaf.cell.signs}
        values = _eliminations(cell)
        content = frozenset((_canonical(profile, values), _canonical(payoffs, values)) for profile, payoffs in leaf.output)
        pieces.append(_Piece(_saturate(cell, atoms, domain), content, leaf.witness))
    # each region twice: as merged (saturated, for uniting the regions of one equilibrium) and simplified
    merged = [(replace(piece, cell=_drop_implied(piece.cell, domain)), piece.cell) for piece in _merge_pieces(pieces)]
    order: dict[Any, int] = {}
    for leaf in leaves:  # equilibria numbered in the order the solver found them
        for profile, payoffs in leaf.output:
            order.setdefault((_canonical(profile, {}), _canonical(payoffs, {})), len(order))
    # keys only seen on boundaries (reduced there) come after, in a fixed order rather than by hash
    rank = {key: (order.get(key, len(order)), str(key)) for piece, _ in merged for key in piece.content}
    merged.sort(key=lambda pair: (min((rank[k] for k in pair[0].content), default=(len(order), "")), _on_boundary(pair[0].cell)))
    keys = sorted({key for piece, _ in merged for key in piece.content}, key=lambda key: rank[key])
    where: dict[Any, list[tuple[dict[Atom, frozenset[int]], dict[Atom, frozenset[int]]]]] = {key: [] for key in keys}
    for piece, saturated in merged:
        for key in piece.content:
            where[key].append((saturated, piece.cell))
    equilibria = {
        key: Equilibrium(
            profile=key[0],
            payoffs=key[1],
            max_regret=sympy.Integer(0),
            concept=concept,
            conditions=_union(where[key], domain) if len(where[key]) < len(merged) else sympy.true,
        )
        for key in keys
    }
    regimes = tuple(
        Regime(_condition(piece.cell), tuple(equilibria[key] for key in sorted(piece.content, key=rank.__getitem__)), piece.witness)
        for piece, _ in merged
    )
    return regimes, tuple(equilibria[key] for key in keys)


def _condition(cell: Mapping[Atom, frozenset[int]]) -> sympy.Basic:
    return sympy.And(*(relation(atom, signs) for atom, signs in _sorted(cell)))


def _union(regions: list[tuple[dict[Atom, frozenset[int]], dict[Atom, frozenset[int]]]], domain: Domain) -> sympy.Basic:
    """The union of regions (each saturated and simplified) as a condition: intervals when one parameter enters
    linearly; otherwise regions that differ in the signs of one atom united, implied conditions dropped from those."""
    cells = [saturated for saturated, _ in regions]
    atoms = set().union(*cells, domain.base)
    if len(domain.parameters) == 1 and all(sympy.Poly(atom, *domain.parameters).degree() == 1 for atom in atoms):
        return _intervals(cells, domain, atoms)
    simplified = {frozenset(saturated.items()): cell for saturated, cell in regions}
    united = _merge_pieces([_Piece(cell, frozenset(), None) for cell in cells])
    return sympy.Or(*(_condition(simplified.get(frozenset(piece.cell.items())) or _drop_implied(piece.cell, domain)) for piece in united))


def _intervals(cells: list[dict[Atom, frozenset[int]]], domain: Domain, atoms: set[Atom]) -> sympy.Basic:
    """The union of one-parameter regions (linear atoms) as intervals, read off at the roots and between them.

    Points the assumptions exclude may go either way, so that ``c < 1`` is written rather than ``(c > 0) & (c < 1)``.
    """
    (x,) = domain.parameters
    roots = sorted({solve_linear(atom, x) for atom in atoms})
    samples: list[tuple[Any, bool]] = []  # (point, is a root), left to right
    for i, root in enumerate(roots):
        samples.append((root - 1 if i == 0 else (roots[i - 1] + root) / 2, False))
        samples.append((root, True))
    samples.append(((roots[-1] + 1) if roots else sympy.Integer(0), False))

    def inside(cell: Mapping[Atom, Iterable[int]], point: Any) -> bool:
        return all(_sign_at(atom, x, point) in signs for atom, signs in cell.items())

    member = [any(inside(cell, point) for cell in cells) for point, _ in samples]
    free = [not inside(domain.base, point) for point, _ in samples]  # outside the assumptions: either way
    pieces = []
    i = 0
    while i < len(samples):
        if not member[i]:
            i += 1
            continue
        first = i
        while first > 0 and free[first - 1]:
            first -= 1
        last = i
        while last + 1 < len(samples) and (member[last + 1] or free[last + 1]):
            last += 1
        while free[last] and not member[last]:
            last -= 1
        i = last + 1
        low, high = samples[first], samples[last]
        if first == last and low[1]:
            pieces.append(sympy.Eq(x, low[0]))
            continue
        parts = []
        if first > 0:
            parts.append(x >= low[0] if low[1] else x > samples[first - 1][0])
        if last < len(samples) - 1:
            parts.append(x <= high[0] if high[1] else x < samples[last + 1][0])
        pieces.append(sympy.And(*parts))
    return sympy.Or(*pieces)


def _sign_at(atom: Atom, x: sympy.Symbol, point: Any) -> int:
    value = atom.subs(x, point)
    return 1 if value > 0 else (-1 if value < 0 else 0)


def _sorted(cell: Mapping[Atom, frozenset[int]]) -> list[tuple[Atom, frozenset[int]]]:
    return sorted(cell.items(), key=lambda item: (len(item[0].free_symbols), sympy.default_sort_key(item[0])))


@dataclass(frozen=True, slots=True)
class _Piece:
    """A region (atom -> allowed signs), its equilibria (in normal form for the region) and a point inside."""

    cell: dict[Atom, frozenset[int]]
    content: frozenset[Any]
    witness: Any


def _merge_pieces(pieces: list[_Piece]) -> list[_Piece]:
    """Unite regions that differ in the signs of one atom and have the same equilibria on their union, until none do.

    Equilibria are compared after both are reduced by the equalities that hold on the smaller region, so a
    boundary whose equilibria are the limits of its neighbour's joins it; the union keeps the neighbour's
    expressions (valid on the boundary too, as the comparison showed).
    """
    pieces = list(pieces)
    changed = True
    while changed:
        changed = False
        for atom in sorted(set().union(*(piece.cell for piece in pieces)), key=sympy.default_sort_key):
            # pieces that agree on everything but this atom
            buckets: dict[frozenset[Any], list[_Piece]] = {}
            for piece in pieces:
                buckets.setdefault(frozenset((a, s) for a, s in piece.cell.items() if a != atom), []).append(piece)
            pieces = []
            for bucket in buckets.values():
                united = _unite(bucket, atom)
                changed |= len(united) < len(bucket)
                pieces.extend(united)
    return pieces


def _unite(bucket: list[_Piece], atom: Atom) -> list[_Piece]:
    """Merge pieces that differ only in the signs of ``atom`` where their equilibria agree."""
    out = list(bucket)
    i = 0
    while i < len(out):
        j = i + 1
        while j < len(out):
            first, second = out[i], out[j]
            signs1, signs2 = first.cell.get(atom, ALL_SIGNS), second.cell.get(atom, ALL_SIGNS)
            common = {a: s for a, s in first.cell.items() if a != atom}
            general, special = (second, first) if signs1 == {0} else (first, second)
            values = _eliminations({**common, atom: frozenset({0})} if {0} in (signs1, signs2) else common)
            if signs1 & signs2 or {_canonical(k, values) for k in general.content} != {_canonical(k, values) for k in special.content}:
                j += 1
                continue
            union = {**common, atom: signs1 | signs2}
            if union[atom] == ALL_SIGNS:
                del union[atom]
            witness = general.witness if general.witness is not None else special.witness
            out[i] = _Piece(union, general.content, witness)
            del out[j]
            j = i + 1
        i += 1
    return out


def _saturate(cell: dict[Atom, frozenset[int]], atoms: Iterable[Atom], domain: Domain) -> dict[Atom, frozenset[int]]:
    """``cell`` with the sign of each of ``atoms`` that it implies written out (so equal regions look equal when merging)."""
    signs = tuple(sorted(((a, next(iter(s))) for a, s in cell.items()), key=lambda pair: sympy.default_sort_key(pair[0])))
    out = dict(cell)
    for atom in atoms:
        if atom not in out and domain.cheap([*cell, atom]):
            options = domain.options(signs, atom)
            if len(options) == 1:
                out[atom] = frozenset(options)
    return out


def _on_boundary(cell: Mapping[Atom, frozenset[int]]) -> bool:
    return any(0 in signs for signs in cell.values())


def _drop_implied(cell: dict[Atom, frozenset[int]], domain: Domain) -> dict[Atom, frozenset[int]]:
    """Remove each condition that the others (and the assumptions) imply."""
    cell = dict(cell)
    if not domain.cheap(cell):
        return cell  # a redundant condition is harmless; proving it redundant here would cost nonlinear decisions
    # try the most complicated conditions first, so the simple ones are what remains
    for atom in sorted(cell, key=lambda a: (-len(a.free_symbols), -sympy.count_ops(a), sympy.default_sort_key(a))):
        rest = {a: s for a, s in cell.items() if a != atom}
        if all(domain.point({**rest, atom: frozenset({s})}) is False for s in ALL_SIGNS - cell[atom]):
            cell = rest
    return cell


# -- using a parametric result ----------------------------------------------------------------------------------
def _numbers(result: SolveResult, values: Mapping[Any, Any], where: str) -> dict[sympy.Symbol, Any]:
    from .._numbers import substitution

    parameters = set(result.game.parameters)
    point = substitution(values, parameters, where)
    missing = sorted(p.name for p in parameters - set(point))
    if missing:
        raise InvalidGameError(f"{where}: values must give every parameter a number; missing {missing}")
    for symbol, value in point.items():
        for test, holds in (("positive", value > 0), ("negative", value < 0), ("nonnegative", value >= 0), ("nonpositive", value <= 0)):
            if getattr(symbol, f"is_{test}") and holds is sympy.false:
                raise InvalidGameError(f"{where}: {symbol} is {test} by its assumptions; got {value}")
    for condition in result.details.get("assumptions", ()):
        if sympy.sympify(condition).subs(point) is sympy.false:
            raise InvalidGameError(f"{where}: the point {values} breaks the assumption {condition}")
    return point


def regime_at(result: SolveResult, values: Mapping[Any, Any]) -> int:
    """The index of the regime that contains the parameter point ``values``."""
    point = _numbers(result, values, "regime_at()")
    for index, regime in enumerate(result.regimes):
        if regime.contains(point):
            return index
    raise InvalidGameError(
        f"regime_at(): the point {values} is outside every regime (the assumptions {result.details['assumptions']} exclude it)"
    )


def at(result: SolveResult, values: Mapping[Any, Any]) -> SolveResult:
    """The numeric result at one parameter point: that regime's equilibria with the numbers put in, certified."""
    from ..profiles import max_regret, subgame_regrets

    point = _numbers(result, values, "at()")
    index = regime_at(result, point)
    if not isinstance(result.game, NormalFormGame | ExtensiveFormGame):  # continuous choices certify themselves
        from .continuous import at_point

        return at_point(result, point, index)
    game = result.game.subs(point, kind="symbolic" if any(not sympy.sympify(v).is_Rational for v in point.values()) else None)
    equilibria = []
    for eq in result.regimes[index].equilibria:
        profile = _substituted(eq.profile, point)
        regret = max(subgame_regrets(game, profile).values()) if isinstance(game, ExtensiveFormGame) else max_regret(game, profile)
        payoffs = _substituted(eq.payoffs, point)
        beliefs = MappingProxyType({label: _substituted_belief(belief, point) for label, belief in eq.beliefs.items()})
        equilibria.append(Equilibrium(profile=profile, payoffs=payoffs, max_regret=regret, concept=eq.concept, beliefs=beliefs))
    details: dict[str, Any] = {"regime": index, "conditions": result.regimes[index].conditions}
    if "kinds" in result.details:  # pbe: each equilibrium's kind (pooling, separating, hybrid), in the regime's order
        position = {id(eq): i for i, eq in enumerate(result.equilibria)}
        details["kinds"] = tuple(result.details["kinds"][position[id(eq)]] for eq in result.regimes[index].equilibria)
    return SolveResult(game, result.method, True, tuple(equilibria), details=MappingProxyType(details), complete=result.complete)


def _substituted(value: Any, point: Mapping[sympy.Symbol, Any]) -> Any:
    if isinstance(value, tuple):
        return tuple(_substituted(x, point) for x in value)
    return _number(sympy.sympify(value).subs(point))


def _substituted_belief(belief: Mapping[str, Any], point: Mapping[sympy.Symbol, Any]) -> Mapping[str, Any]:
    if isinstance(belief, BeliefSet):  # off the path: the supporting set's extreme points, evaluated
        return BeliefSet(belief.nodes, tuple(_substituted(vertex, point) for vertex in belief.vertices))
    return MappingProxyType({node: _substituted(p, point) for node, p in belief.items()})


def _number(value: sympy.Expr) -> Any:
    from fractions import Fraction

    if value.is_Integer:
        return int(value)
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return value


def quantity_function(result: SolveResult, quantity: Any, where: str) -> Callable[[Equilibrium], sympy.Expr]:
    """``quantity`` as a function of an equilibrium: a callable, ``"payoff:<player>"`` or (trees) ``"outcome:<terminal>"``."""
    if callable(quantity):
        return quantity  # type: ignore[no-any-return]
    game = result.game
    if isinstance(quantity, str) and quantity.startswith("payoff:"):
        player = quantity.removeprefix("payoff:")
        if player not in game.players:
            raise InvalidGameError(f"{where}: quantity {quantity!r} names no player; players are {list(game.players)}")
        p = game.players.index(player)
        return lambda eq: sympy.sympify(eq.payoffs[p])
    if isinstance(quantity, str) and quantity.startswith("outcome:") and isinstance(game, ExtensiveFormGame):
        label = quantity.removeprefix("outcome:")
        if label not in game.outcome_labels:
            raise InvalidGameError(f"{where}: quantity {quantity!r} names no terminal node; they are {list(game.outcome_labels)}")
        from ..profiles import outcome_distribution

        return lambda eq: sympy.factor(sympy.sympify(outcome_distribution(game, eq.profile)[label]))
    raise InvalidGameError(
        f"{where}: quantity must be a function of an Equilibrium, 'payoff:<player>' or, for trees, 'outcome:<terminal label>'; got {quantity!r}"
    )


def pieces(result: SolveResult, quantity: Any, select: int | None, where: str) -> list[sympy.Expr | None]:
    """The quantity in each regime (``None`` where the regime has no equilibrium ``select``)."""
    function = quantity_function(result, quantity, where)
    out: list[sympy.Expr | None] = []
    for index, regime in enumerate(result.regimes):
        if select is None and len(regime.equilibria) > 1:
            raise InvalidGameError(
                f"{where}: regime {index} ({regime.conditions}) has {len(regime.equilibria)} equilibria; "
                "pass select=k to take the k-th equilibrium of each regime"
            )
        k = 0 if select is None else select
        out.append(sympy.sympify(function(regime.equilibria[k])) if k < len(regime.equilibria) else None)
    return out


def as_piecewise(result: SolveResult, quantity: Any, select: int | None = None) -> sympy.Piecewise:
    """``quantity`` over the whole parameter space as a ``sympy.Piecewise`` (``nan`` outside the assumptions)."""
    values = pieces(result, quantity, select, "as_piecewise()")
    pairs = [(value, regime.conditions) for value, regime in zip(values, result.regimes, strict=True) if value is not None]
    return sympy.Piecewise(*pairs, (sympy.nan, True), evaluate=False)


def describe(result: SolveResult, equilibrium: Equilibrium) -> str:
    """A short name for an equilibrium: its pure actions, or (on trees) the outcome it reaches, else "mixed"."""
    game = result.game
    if isinstance(game, ExtensiveFormGame):
        return _path(game, equilibrium.profile)
    if not isinstance(game, NormalFormGame):  # continuous choices: the play
        from .continuous import describe_play

        return describe_play(result, equilibrium)
    if not equilibrium.is_pure:
        return "mixed"
    return "(" + ", ".join(game.actions[p][strategy.index(1)] for p, strategy in enumerate(equilibrium.profile)) + ")"


def _path(game: ExtensiveFormGame, profile: Any) -> str:
    """The actions the players take on the equilibrium path (every chance branch followed), or "mixed"."""
    position = {h: k for p in range(game.n_players) for k, h in enumerate(game.infosets_of(p))}
    actions: list[str] = []
    frontier = [0]
    while frontier:
        node = frontier.pop(0)
        mover, h = int(game.mover[node]), int(game.infoset[node])
        children = list(game.children(node))
        if mover == TERMINAL:
            continue
        if mover == CHANCE:
            frontier += [c for c, q in zip(children, game.chance_probs[h] or (), strict=True) if sympy.sympify(q) != 0]
            continue
        probs = profile[mover][position[h]]
        if sum(1 for q in probs if sympy.sympify(q) != 0) != 1:
            return "mixed"
        k = next(i for i, q in enumerate(probs) if sympy.sympify(q) != 0)
        if game.infoset_actions[h][k] not in actions:
            actions.append(game.infoset_actions[h][k])
        frontier.append(children[k])
    return ", ".join(actions)


def regime_labels(result: SolveResult) -> list[str]:
    """One label per regime: its equilibria described by :func:`describe`."""
    return ["; ".join(describe(result, eq) for eq in regime.equilibria) or "none" for regime in result.regimes]


def sweep_result(
    result: SolveResult, grid: Mapping[Any, Any], quantities: Mapping[str, Any] | None, select: int | None, **options: Any
) -> Any:
    """:func:`gametheory.symbolic.sweep.sweep` over the regimes of ``result`` with its quantities per regime."""
    from .sweep import sweep

    values = {name: pieces(result, quantity, select, "sweep()") for name, quantity in (quantities or {}).items()}
    return sweep([regime.conditions for regime in result.regimes], grid, values, **options)
