"""Subgame-perfect equilibria of game trees: backward induction over arrays, and subgame decomposition.

Perfect-information trees (chance allowed) are solved by backward induction
level by level over the breadth-first node arrays: each level is a few
vectorized numpy operations whatever its width. Exact payoffs are compared
as integers (int64 when they fit, after scaling each player's payoffs to a
common denominator) unless chance moves make values fractional. Where a mover
is indifferent, every resulting pure subgame-perfect equilibrium is
enumerated and the indifference is reported.

Trees with imperfect information are solved subgame by subgame, deepest
first: each proper subgame, with the subgames inside it replaced by the
values of their equilibria, is put in reduced normal form and solved by the
normal-form solvers (all extreme equilibria), and the results are combined.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy

from ..errors import SolverError
from ..games.extensive_form import CHANCE, TERMINAL, ExtensiveFormGame, chance_moves
from ..profiles import BehaviourProfile, _tree_payoffs, mixed_to_behaviour, subgame_regrets
from ..results import Equilibrium, SolveResult
from ._common import FLOAT_TOL
from ._registry import register, require_tree

__all__ = ["BackwardInduction", "backward_induction", "spe"]


@dataclass(frozen=True, slots=True)
class BackwardInduction:
    """The arrays of one backward-induction pass over a perfect-information tree.

    Attributes
    ----------
    values
        ``values[p, n]``: player ``p``'s continuation payoff at node ``n``
        (scaled by ``scales[p]`` for exact games: the true value is
        ``values[p, n] / scales[p]``).
    scales
        One positive integer per player (1 for float games).
    choice
        ``choice[n]``: the action index chosen at decision node ``n`` (the
        first best one), ``-1`` at chance and terminal nodes.
    ties
        The decision nodes where the mover has more than one best action.
    """

    values: np.ndarray
    scales: tuple[int, ...]
    choice: np.ndarray
    ties: np.ndarray


def _terminal_values(game: ExtensiveFormGame) -> tuple[np.ndarray, tuple[int, ...]]:
    """Per-player terminal payoffs in a form whose order and sums are exact: int64, Python ints, Fractions or floats.

    Computed once per game (the conversion is the only per-terminal Python loop).
    """
    if "terminal_values" not in game._cache:
        game._cache["terminal_values"] = _convert_terminal_values(game)
    return game._cache["terminal_values"]


def _convert_terminal_values(game: ExtensiveFormGame) -> tuple[np.ndarray, tuple[int, ...]]:
    if game.kind == "float":
        return np.array([np.asarray(a, dtype=float) for a in game.payoffs]), (1,) * game.n_players
    if game.has_chance:  # expectations make fractions: exact objects
        return np.array([np.asarray(a, dtype=object) for a in game.payoffs], dtype=object).reshape(game.n_players, -1), (
            1,
        ) * game.n_players
    arrays, scales = game.integer_payoffs()
    common = np.int64 if all(a.dtype == np.int64 for a in arrays) else object
    return np.array([a.astype(common) for a in arrays], dtype=common).reshape(game.n_players, -1), scales


def _chance_weights(game: ExtensiveFormGame, dtype: Any) -> np.ndarray:
    """The probability of the move into each child of a chance node (1 elsewhere), in ``dtype``."""
    return chance_moves(game).astype(dtype, copy=False)


def backward_induction(game: ExtensiveFormGame) -> BackwardInduction:
    """One pass of backward induction over a perfect-information tree, level by level.

    Ties are resolved to the first best action and listed in ``ties``;
    :func:`spe` enumerates all the resulting equilibria.

    Examples
    --------
    >>> from gametheory import catalog
    >>> run = backward_induction(catalog.centipede(4))
    >>> run.values[:, 0].tolist(), run.choice[0]
    ([40, 10], np.int64(0))
    """
    require_tree(game, "backward_induction", kinds=("exact", "float"))
    if not game.perfect_information:
        raise SolverError("backward_induction(): the game must have perfect information; use solve(game, 'spe') for subgame decomposition")
    terminal_values, scales = _terminal_values(game)
    plan, initial = _plan(game)
    values = initial.copy()  # (nodes, players): a node's values are one contiguous row
    flat = values.reshape(-1)
    # numeric rows viewed as single opaque items: copying whole rows is then one 1-d gather
    rows = values.view(np.dtype((np.void, values.itemsize * game.n_players))).reshape(-1) if values.dtype != object else values
    choice = np.full(game.n_nodes, -1, dtype=np.int64)
    tie_nodes: list[np.ndarray] = []
    tolerance = _tolerance(game, terminal_values)
    for step in plan:
        kind, nodes = step[0], step[1]
        if kind == "narrow":
            # nodes with the same small number of children: compare the children column by column
            first, own_index = step[2], step[3]
            if len(own_index) == 1:
                rows[nodes] = rows[first]
                choice[nodes] = 0
                continue
            columns = [flat[index] for index in own_index]
            best, arg = columns[0], np.zeros(len(nodes), dtype=np.int64)
            for k, column in enumerate(columns[1:], start=1):
                better = column > best + tolerance if tolerance else column > best
                best = np.maximum(best, column) if not tolerance else np.where(better, column, best)
                if len(columns) == 2:
                    arg = better.view(np.int8)  # 0 or 1, without a write per node
                else:
                    np.copyto(arg, k, where=better)
            if len(columns) == 2 and not tolerance:
                tied = columns[0] == columns[1]
            else:  # a second best column after the first
                seen = columns[0] >= best - tolerance if tolerance else columns[0] == best
                tied = np.zeros(len(nodes), dtype=bool)
                for column in columns[1:]:
                    is_best = column >= best - tolerance if tolerance else column == best
                    tied |= seen & is_best
                    seen |= is_best
            rows[nodes] = rows[first + arg]
            choice[nodes] = arg
            tie_nodes.append(nodes[tied])
        elif kind == "wide":
            children, starts, own_index, group = step[2], step[3], step[4], step[5]
            own = flat[own_index]
            best = np.maximum.reduceat(own, starts)
            target = best[group]
            hits = np.flatnonzero(own >= target - tolerance if tolerance else own == target)
            hit_groups = group[hits]
            firsts = np.flatnonzero(np.concatenate(([True], hit_groups[1:] != hit_groups[:-1])))
            chosen = children[hits[firsts]]
            rows[nodes] = rows[chosen]
            choice[nodes] = chosen - game.first_child[nodes]
            tie_nodes.append(nodes[np.diff(np.append(firsts, len(hits))) > 1])
        else:  # chance nodes: expected values
            children, starts, weights = step[2], step[3], step[4]
            values[nodes] = np.add.reduceat(values[children] * weights[:, None], starts, axis=0)
    ties = np.sort(np.concatenate(tie_nodes)) if tie_nodes else np.zeros(0, dtype=np.int64)
    for array in (values, choice, ties):
        array.flags.writeable = False
    return BackwardInduction(values.T, scales, choice, ties)


_NARROW = 8  # nodes with at most this many children are compared column by column


def _plan(game: ExtensiveFormGame) -> tuple[list[tuple[Any, ...]], np.ndarray]:
    """The index arrays of backward induction, level by level from the bottom, and the initial values; computed once per game.

    Decision nodes of a level are grouped by their number of children: up to
    ``_NARROW`` children, the k-th children of a group form one column and a
    few element-wise operations pick each node's best; wider nodes share one
    segmented reduction. Chance nodes take expectations.
    """
    if "backward_induction_plan" not in game._cache:
        terminal_values, _ = _terminal_values(game)
        players = game.n_players
        initial = np.zeros((game.n_nodes, players), dtype=terminal_values.dtype)
        terminals = game.terminal >= 0
        initial[terminals] = terminal_values[:, game.terminal[terminals]].T
        weights = _chance_weights(game, initial.dtype) if game.has_chance else None
        plan: list[tuple[Any, ...]] = []
        levels = game._levels()
        for start, stop in reversed(levels[:-1]):
            inner = np.flatnonzero(game.mover[start:stop] != TERMINAL) + start
            deciding = inner[game.mover[inner] >= 0]
            widths = game.n_children[deciding]
            for width in np.unique(widths[widths <= _NARROW]).tolist():
                nodes = deciding[widths == width]
                first = game.first_child[nodes]
                own_index = [(first + k) * players + game.mover[nodes] for k in range(width)]
                plan.append(("narrow", nodes, first, own_index))
            for kind, nodes in (("wide", deciding[widths > _NARROW]), ("chance", inner[game.mover[inner] == CHANCE])):
                if not len(nodes):
                    continue
                counts = game.n_children[nodes]
                starts = np.cumsum(counts) - counts
                group = np.repeat(np.arange(len(nodes)), counts)
                children = game.first_child[nodes][group] + np.arange(int(counts.sum())) - starts[group]
                if kind == "wide":
                    plan.append((kind, nodes, children, starts, children * players + game.mover[nodes][group], group))
                else:
                    assert weights is not None
                    plan.append((kind, nodes, children, starts, weights[children]))
        initial.flags.writeable = False
        game._cache["backward_induction_plan"] = (plan, initial)
    return game._cache["backward_induction_plan"]


def _tolerance(game: ExtensiveFormGame, values: np.ndarray) -> float:
    if game.kind != "float" or not values.size:
        return 0.0
    return FLOAT_TOL * max(1.0, float(np.max(np.abs(values))))


@register(
    "spe",
    players=None,
    kinds=("exact", "float"),
    summary="every subgame-perfect equilibrium of a game tree (backward induction, subgame decomposition)",
)
def spe(game: ExtensiveFormGame, *, max_equilibria: int = 10_000) -> SolveResult:
    """Every subgame-perfect equilibrium of a game tree.

    Perfect information (chance allowed): backward induction; where a mover is
    indifferent, every resulting pure subgame-perfect equilibrium is listed
    and ``details["ties"]`` names the indifferent nodes (mixing between their
    best actions is subgame perfect too). Imperfect information: each proper
    subgame, deepest first, is solved in reduced normal form with the
    normal-form solvers (``enumerate`` for two players with moves,
    ``support_enumeration`` for more), for every combination of the
    equilibria of the subgames inside it; all its extreme equilibria are kept.
    Where a player's own equilibrium strategy never reaches one of their sets
    inside a subgame, the reduced normal form leaves the behaviour there
    undetermined (any behaviour is part of an equilibrium of that subgame): it
    is reported uniform and the set's label is listed, per equilibrium, in
    ``details["unreached"]``. Continua that ``support_enumeration`` finds (with three or more players)
    are described in ``details["continua"]`` and make ``complete`` False.

    Every equilibrium is certified: in perfect-information trees by exact
    one-shot deviations at every node (zero gain at every node is subgame
    perfection), otherwise by the exact regret in every subgame
    (:func:`~gametheory.subgame_regrets`). ``max_regret`` is the largest of these.

    Parameters
    ----------
    game
        An exact or float :class:`~gametheory.ExtensiveFormGame` with perfect recall.
    max_equilibria
        Stop enumerating beyond this many equilibria (then ``complete`` is False).

    Examples
    --------
    >>> from gametheory import catalog, solve
    >>> result = solve(catalog.entry_deterrence(), "spe")
    >>> len(result), result.outcomes(0)
    (1, {'In/Accommodate': Fraction(1, 1)})
    >>> result = solve(catalog.ultimatum(4), "spe")
    >>> [result.strategy(i, 0) for i in range(len(result))]  # doctest: +ELLIPSIS
    [{'Proposer:1': {'Offer 0': Fraction(1, 1), ...}}, {'Proposer:1': {'Offer 0': Fraction(0, 1), 'Offer 1': Fraction(1, 1), ...}}]
    """
    require_tree(game, "spe", kinds=("exact", "float"))
    if not isinstance(max_equilibria, int) or isinstance(max_equilibria, bool) or max_equilibria < 1:
        raise SolverError(f"spe(): max_equilibria must be a positive int; got {max_equilibria!r}")
    if game.perfect_information:
        return _perfect_information(game, max_equilibria)
    return _decomposition(game, max_equilibria)


# --- perfect information ------------------------------------------------------------------------
def _perfect_information(game: ExtensiveFormGame, max_equilibria: int) -> SolveResult:
    run = backward_induction(game)
    choices = [run.choice]
    complete = True
    if len(run.ties):
        choices, complete = _tied_choices(game, run, max_equilibria)
    equilibria = tuple(_pure_equilibrium(game, run, choice) for choice in choices)
    ties = tuple(
        {
            "node": game.node_label(int(n)),
            "player": game.players[int(game.mover[n])],
            "actions": tuple(game.infoset_actions[game.infoset[n]][a] for a in _best_actions(game, run, int(n))),
        }
        for n in run.ties
    )
    return SolveResult(
        game,
        "spe",
        game.kind == "exact",
        equilibria,
        degenerate=bool(len(run.ties)),
        details=MappingProxyType({"ties": ties, "subgames": len(game.subgame_roots())}),
        complete=complete,
    )


def _best_actions(game: ExtensiveFormGame, run: BackwardInduction, node: int) -> list[int]:
    player = int(game.mover[node])
    children = game.children(node)
    own = [run.values[player, c] for c in children]
    top = max(own)
    tolerance = _tolerance(game, run.values)
    return [a for a, v in enumerate(own) if (v >= top - tolerance if tolerance else v == top)]


def _tied_choices(game: ExtensiveFormGame, run: BackwardInduction, max_equilibria: int) -> tuple[list[np.ndarray], bool]:
    """Every pure SPE when some movers are indifferent: enumerate the choices at the tied nodes and their ancestors.

    Nodes with no tie below keep their single value; at the others a list of
    (value vector, choices) options is built bottom-up, each a consistent
    choice of best actions.
    """
    affected = np.zeros(game.n_nodes, dtype=bool)
    for node in run.ties:
        node = int(node)
        while node >= 0 and not affected[node]:
            affected[node] = True
            node = int(game.parent[node])
    weights = _chance_weights(game, run.values.dtype) if game.has_chance else None
    tolerance = _tolerance(game, run.values)
    options: dict[int, list[tuple[tuple[Any, ...], dict[int, int]]]] = {}
    complete = True
    for node in sorted(np.flatnonzero(affected).tolist(), key=lambda n: -int(game.depth[n])):
        child_options: list[list[tuple[tuple[Any, ...], dict[int, int]]]] = [
            options.pop(c) if affected[c] else [(tuple(run.values[:, c]), {})] for c in game.children(node)
        ]
        found: list[tuple[tuple[Any, ...], dict[int, int]]] = []
        player = int(game.mover[node])
        for combination in itertools.product(*child_options):
            merged: dict[int, int] = {}
            for _, chosen in combination:
                merged.update(chosen)
            if player == CHANCE:
                assert weights is not None
                value = tuple(
                    sum(weights[c] * combination[a][0][p] for a, c in enumerate(game.children(node))) for p in range(game.n_players)
                )
                found.append((value, merged))
            else:
                own = [option[0][player] for option in combination]
                top = max(own)
                for a, v in enumerate(own):
                    if v >= top - tolerance if tolerance else v == top:
                        found.append((combination[a][0], {**merged, node: a}))
            if len(found) >= max_equilibria:
                complete = False
                break
        options[node] = found[:max_equilibria]
    choices = []
    for _, chosen in options[0]:
        choice = np.array(run.choice)
        for node, a in chosen.items():
            choice[node] = a
        choices.append(choice)
    return choices, complete


def _pure_equilibrium(game: ExtensiveFormGame, run: BackwardInduction, choice: np.ndarray) -> Equilibrium:
    """The equilibrium that plays ``choice`` at every decision node, certified by one-shot deviations."""
    values = _values_under(game, run, choice)
    regret = _one_shot_regret(game, values, choice, run.scales)
    scale = [Fraction(1, s) for s in run.scales]
    payoffs: tuple[Any, ...]
    if game.kind == "float":
        payoffs = tuple(float(v) for v in values[:, 0])
        regret = float(regret)
        onehot = _onehots(1.0, 0.0)
    else:
        payoffs = tuple(Fraction(values[p, 0]) * scale[p] for p in range(game.n_players))
        if regret != 0:
            raise SolverError(f"spe(): internal error: a backward-induction profile has a one-shot deviation gain of {regret}")
        onehot = _onehots(Fraction(1), Fraction(0))
    widths = np.array([len(a) for a in game.infoset_actions], dtype=np.int64)
    decision_nodes = game.members[game.member_start[:-1]]  # perfect information: one node per set
    profile = tuple(
        tuple(onehot(int(widths[h]), int(choice[decision_nodes[h]])) for h in game.infosets_of(p)) for p in range(game.n_players)
    )
    return Equilibrium(profile=profile, payoffs=payoffs, max_regret=regret, concept="spe")


def _onehots(one: Any, zero: Any) -> Any:
    cache: dict[tuple[int, int], tuple[Any, ...]] = {}

    def onehot(width: int, index: int) -> tuple[Any, ...]:
        key = (width, index)
        if key not in cache:
            cache[key] = tuple(one if a == index else zero for a in range(width))
        return cache[key]

    return onehot


def _values_under(game: ExtensiveFormGame, run: BackwardInduction, choice: np.ndarray) -> np.ndarray:
    """Continuation values when every decision node plays ``choice``, recomputed level by level."""
    terminal_values, _ = _terminal_values(game)
    values = np.zeros((game.n_players, game.n_nodes), dtype=terminal_values.dtype)
    terminals = game.terminal >= 0
    values[:, terminals] = terminal_values[:, game.terminal[terminals]]
    weights = _chance_weights(game, values.dtype) if game.has_chance else None
    levels = game._levels()
    for (start, stop), (below, end) in zip(reversed(levels[:-1]), reversed(levels[1:]), strict=True):
        inner = np.flatnonzero(game.mover[start:stop] != TERMINAL) + start
        if not len(inner):
            continue
        deciding = inner[game.mover[inner] >= 0]
        values[:, deciding] = values[:, game.first_child[deciding] + choice[deciding]]
        chance_nodes = inner[game.mover[inner] == CHANCE]
        if len(chance_nodes):
            assert weights is not None
            starts = game.first_child[inner] - below
            expected = np.add.reduceat(values[:, below:end] * weights[below:end], starts, axis=1)
            values[:, chance_nodes] = expected[:, game.mover[inner] == CHANCE]
    return values


def _one_shot_regret(game: ExtensiveFormGame, values: np.ndarray, choice: np.ndarray, scales: Sequence[int]) -> Any:
    """The largest gain any mover gets by changing only their own move at one node (exact for exact games).

    ``values`` are in each player's scaled units; gains are divided by the mover's scale.
    """
    deciding = np.flatnonzero(game.mover >= 0)
    if not len(deciding):
        return 0.0 if game.kind == "float" else Fraction(0)
    counts = game.n_children[deciding]
    group = np.repeat(np.arange(len(deciding)), counts)
    children = np.repeat(game.first_child[deciding], counts) + (
        np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    )
    own = values[game.mover[deciding][group], children]
    starts = np.cumsum(counts) - counts
    best = np.maximum.reduceat(own, starts)
    current = values[game.mover[deciding], game.first_child[deciding] + choice[deciding]]
    gains = best - current
    if game.kind == "float":
        return max(0.0, float(gains.max()))
    movers = game.mover[deciding]
    return max(Fraction(0), *(Fraction(gains[movers == p].max()) / scales[p] for p in np.unique(movers).tolist()))


# --- imperfect information: subgame decomposition ------------------------------------------------
Option = tuple[dict[int, tuple[Any, ...]], tuple[Any, ...], frozenset[str]]  # (behaviour at sets, value vector, undetermined sets)


def subgame_nesting(game: ExtensiveFormGame) -> tuple[list[int], dict[int, list[int]]]:
    """The subgame roots (root first) and, for each, the roots of the subgames directly inside it."""
    roots = [int(r) for r in game.subgame_roots()]
    root_set = set(roots)
    inner: dict[int, list[int]] = {r: [] for r in roots}
    for r in roots[1:]:
        up = int(game.parent[r])
        while up not in root_set:
            up = int(game.parent[up])
        inner[up].append(r)
    return roots, inner


def _decomposition(game: ExtensiveFormGame, max_equilibria: int) -> SolveResult:
    roots, inner = subgame_nesting(game)
    solutions: dict[int, list[Option]] = {}
    continua: list[dict[str, Any]] = []
    complete = True
    for r in sorted(roots, key=lambda n: -int(game.depth[n])):
        found: list[Option] = []
        child_roots = inner[r]
        for combination in itertools.product(*(solutions[c] for c in child_roots)):
            values = {c: option[1] for c, option in zip(child_roots, combination, strict=True)}
            merged: dict[int, tuple[Any, ...]] = {}
            unreached: frozenset[str] = frozenset()
            for option in combination:
                merged.update(option[0])
                unreached |= option[2]
            for behaviour, value, free in _solve_truncated(game, r, values, continua):
                found.append(({**merged, **behaviour}, value, unreached | free))
                if len(found) >= max_equilibria:
                    break
            if len(found) >= max_equilibria:
                complete = False
                break
        solutions[r] = found
        for c in child_roots:
            del solutions[c]
    equilibria = []
    unreached_sets: dict[Any, tuple[str, ...]] = {}
    for behaviour, _, free in solutions[0]:
        profile: BehaviourProfile = tuple(tuple(behaviour[h] for h in game.infosets_of(p)) for p in range(game.n_players))
        regrets = subgame_regrets(game, profile)
        regret = max(regrets.values())
        if game.kind == "exact" and regret != 0:
            raise SolverError(f"spe(): internal error: a combined profile has regret {regret} in a subgame: {regrets}")
        if game.kind == "float" and regret > _tolerance(game, np.array([float(v) for a in game.payoffs for v in a])) * 10:
            raise SolverError(f"spe(): internal error: a combined profile has regret {regret} in a subgame")
        equilibria.append(Equilibrium(profile=profile, payoffs=_tree_payoffs(game, profile), max_regret=regret, concept="spe"))
        unreached_sets.setdefault(profile, tuple(sorted(free)))
    unique = list({eq.profile: eq for eq in equilibria}.values())
    return SolveResult(
        game,
        "spe",
        game.kind == "exact",
        tuple(unique),
        details=MappingProxyType(
            {
                "subgames": len(roots),
                "unreached": tuple(unreached_sets[eq.profile] for eq in unique),
                **({"continua": tuple(continua)} if continua else {}),
            }
        ),
        complete=complete and not continua,
    )


def _solve_truncated(
    game: ExtensiveFormGame, root: int, child_values: dict[int, tuple[Any, ...]], continua: list[dict[str, Any]]
) -> list[Option]:
    """Equilibria of the subgame at ``root`` with the subgames at ``child_values`` replaced by those payoffs.

    Continua of equilibria that the n-player normal-form solver reports
    (and does not list) are appended to ``continua``.
    """
    truncated, set_of = _truncate(game, root, child_values)
    nf = truncated.to_normal_form()
    mixed_profiles, found_continua = _normal_form_equilibria(nf)
    for continuum in found_continua:
        continua.append({"subgame": game.node_label(root), "normal_form": nf, **continuum})
    options: list[Option] = []
    seen = set()
    for mixed in mixed_profiles:
        profile, free = mixed_to_behaviour(truncated, mixed)
        if profile in seen:
            continue
        seen.add(profile)
        behaviour = {}
        for p in range(truncated.n_players):
            for k, h in enumerate(truncated.infosets_of(p)):
                behaviour[set_of[h]] = profile[p][k]
        options.append((behaviour, _tree_payoffs(truncated, profile), frozenset(free)))
    return options


def strategic_game(nf: Any) -> tuple[list[int], Any, tuple[tuple[Any, ...], ...]]:
    """The players of ``nf`` with more than one strategy, the game among them, and everyone's one-strategy profile."""
    one: Any = {"exact": Fraction(1), "float": 1.0}.get(nf.kind, sympy.Integer(1))
    strategic = [p for p in range(nf.n_players) if nf.shape[p] > 1]
    fixed: tuple[tuple[Any, ...], ...] = tuple((one,) for _ in range(nf.n_players))  # non-strategic players have one strategy
    index = [slice(None) if p in strategic else 0 for p in range(nf.n_players)]
    reduced = (
        type(nf).from_arrays(
            *(nf.payoffs[p][tuple(index)] for p in strategic),
            players=[nf.players[p] for p in strategic],
            actions=[nf.actions[p] for p in strategic],
            kind=nf.kind,
        )
        if strategic
        else None
    )
    return strategic, reduced, fixed


def embed(fixed: tuple[tuple[Any, ...], ...], strategic: Sequence[int], chosen: Sequence[Sequence[Any]]) -> tuple[tuple[Any, ...], ...]:
    """A full mixed profile from the strategies of the strategic players."""
    profile = list(fixed)
    for p, strategy in zip(strategic, chosen, strict=True):
        profile[p] = tuple(strategy)
    return tuple(profile)


def _normal_form_equilibria(nf: Any) -> tuple[list[tuple[tuple[Any, ...], ...]], tuple[Any, ...]]:
    """The extreme equilibria of ``nf`` as full mixed profiles, solving only among the players who have choices.

    Also returns the continua the n-player solver reports (their strategies
    are over the strategic players only).
    """
    from . import REGISTRY

    strategic, reduced, fixed = strategic_game(nf)
    if not strategic:
        return [fixed], ()
    continua: tuple[Any, ...] = ()
    if len(strategic) == 1:
        one, zero = (Fraction(1), Fraction(0)) if nf.kind == "exact" else (1.0, 0.0)
        values = reduced.payoffs[0]
        top = values.max()
        tolerance = FLOAT_TOL * max(1.0, float(abs(top))) if nf.kind == "float" else 0
        strategies = [
            (tuple(one if j == i else zero for j in range(len(values))),) for i in range(len(values)) if values[i] >= top - tolerance
        ]
    else:
        method = "enumerate" if len(strategic) == 2 else "support_enumeration"
        result = REGISTRY[method].function(reduced)
        strategies = [eq.profile for eq in result.equilibria]
        continua = tuple(result.details.get("continua", ()))
    return [embed(fixed, strategic, chosen) for chosen in strategies], continua


def _truncate(game: ExtensiveFormGame, root: int, child_values: dict[int, tuple[Any, ...]]) -> tuple[ExtensiveFormGame, list[int]]:
    """The subtree at ``root`` with each node of ``child_values`` made a terminal with those payoffs.

    Returns the truncated game and, for each of its information sets, the
    number of the same set in ``game``.
    """
    keep: list[int] = []
    stack = [root]
    while stack:
        node = stack.pop()
        keep.append(node)
        if node not in child_values and game.mover[node] != TERMINAL:
            stack.extend(reversed(game.children(node)))
    new_of = {node: i for i, node in enumerate(keep)}
    parent = [new_of[int(game.parent[n])] if n != root else -1 for n in keep]
    mover = [TERMINAL if n in child_values else int(game.mover[n]) for n in keep]
    set_ids: dict[int, int] = {}
    infoset = [-1 if m == TERMINAL else set_ids.setdefault(int(game.infoset[n]), len(set_ids)) for n, m in zip(keep, mover, strict=True)]
    original = list(set_ids)
    payoffs = [
        child_values[n] if n in child_values else game.terminal_payoffs(n) for n, m in zip(keep, mover, strict=True) if m == TERMINAL
    ]
    truncated = ExtensiveFormGame.from_arrays(
        players=game.players,
        parent=parent,
        mover=mover,
        infoset=infoset,
        actions=[game.infoset_actions[h] for h in original],
        payoffs=payoffs,
        chance_probs=[game.chance_probs[h] for h in original],
        infoset_labels=[game.infoset_labels[h] for h in original],
        kind=game.kind,
    )
    # match the truncated game's sets to the original ones by owner and label (labels are unique per owner)
    by_label = {(int(game.infoset_player[h]), game.infoset_labels[h]): h for h in original}
    set_of = [by_label[(int(truncated.infoset_player[h]), truncated.infoset_labels[h])] for h in range(truncated.n_infosets)]
    return truncated, set_of
