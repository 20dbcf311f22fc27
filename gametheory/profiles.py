"""Mixed strategy profiles: validation, expected payoffs and the regret certificate."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ._numbers import describe, probabilities
from .errors import InvalidGameError, UnsupportedGameError
from .games.extensive_form import TERMINAL, ExtensiveFormGame
from .games.normal_form import NormalFormGame

__all__ = [
    "BehaviourProfile",
    "BeliefSet",
    "MixedProfile",
    "behaviour_profile",
    "behaviour_to_mixed",
    "certify",
    "expected_payoffs",
    "max_regret",
    "mixed_profile",
    "mixed_to_behaviour",
    "outcome_distribution",
    "reach_probabilities",
    "subgame_regrets",
]

MixedProfile = tuple[tuple[Any, ...], ...]


@dataclass(frozen=True, slots=True)
class BeliefSet(Mapping[str, Any]):
    """A convex set of beliefs over the nodes of one information set, given by its extreme points.

    Off the equilibrium path Bayes' rule says nothing; a perfect Bayesian
    equilibrium reports there *every* belief that supports it. As a mapping,
    ``beliefs[node]`` is the interval of probabilities that node gets over the
    set (for two nodes the intervals say everything; for more, ``vertices`` does).

    Examples
    --------
    >>> from fractions import Fraction
    >>> beliefs = BeliefSet(("weak", "strong"), ((Fraction(1, 2), Fraction(1, 2)), (1, 0)))
    >>> beliefs["weak"]
    Interval(1/2, 1)
    >>> beliefs.contains({"weak": Fraction(3, 4), "strong": Fraction(1, 4)}), beliefs.contains({"weak": 0, "strong": 1})
    (True, False)
    """

    nodes: tuple[str, ...]
    vertices: tuple[tuple[Any, ...], ...]

    def __post_init__(self) -> None:
        if not self.vertices or any(len(v) != len(self.nodes) for v in self.vertices):
            raise InvalidGameError(
                f"BeliefSet(): vertices must be a nonempty tuple of beliefs over the {len(self.nodes)} nodes {self.nodes}; got {self.vertices}"
            )

    def __getitem__(self, node: str) -> sympy.Interval:
        k = self.nodes.index(node)
        values = [sympy.nsimplify(v[k]) if isinstance(v[k], float) else sympy.sympify(v[k]) for v in self.vertices]
        return sympy.Interval(sympy.Min(*values), sympy.Max(*values))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def contains(self, belief: Mapping[str, Any]) -> bool:
        """Whether ``belief`` (node -> probability) lies in the set: an exact convex-hull test."""
        from ._lp import solve_lp

        target = [Fraction(belief[node]) for node in self.nodes]
        # weights w >= 0 on the vertices with sum 1 and sum_k w_k vertex_k = target
        rows = [[Fraction(v[i]) for v in self.vertices] for i in range(len(self.nodes))]
        rows.append([Fraction(1)] * len(self.vertices))
        return solve_lp([0] * len(self.vertices), A_eq=rows, b_eq=[*target, Fraction(1)], method="simplex").status == "optimal"


def mixed_profile(game: NormalFormGame, profile: Sequence[Sequence[Any]], *, where: str = "mixed_profile()") -> MixedProfile:
    """Validate a mixed profile (one probability vector per player) and convert it to the game's kind.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from fractions import Fraction as F
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> mixed_profile(g, [[F(1, 2), F(1, 2)], [1, 0]])
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 1), Fraction(0, 1)))
    """
    if isinstance(profile, str) or not isinstance(profile, Sequence) or len(profile) != game.n_players:
        raise InvalidGameError(f"{where}: profile must have one probability vector per player ({game.n_players}); got {describe(profile)}")
    result = []
    for p, strategy in enumerate(profile):
        size = game.shape[p]
        if isinstance(strategy, np.ndarray):
            strategy = list(strategy)
        if not isinstance(strategy, Sequence) or len(strategy) != size:
            raise InvalidGameError(f"{where}: strategy of {game.players[p]!r} must have {size} probabilities; got {describe(strategy)}")
        result.append(probabilities(strategy, game.kind, repr(game.players[p]), where))
    return tuple(result)


def _contract(array: np.ndarray, vectors: Sequence[np.ndarray], keep: int) -> np.ndarray:
    """Contract ``array`` with every vector except the one of player ``keep``."""
    result = array
    for q in reversed(range(len(vectors))):
        if q != keep:
            result = np.tensordot(result, vectors[q], axes=([q], [0]))
    return np.asarray(result)


def certify(game: NormalFormGame, profile: Sequence[Sequence[Any]]) -> tuple[Any, tuple[Any, ...]]:
    """Max regret and payoffs of a profile given in the game's kind.

    Exact games are certified in integer arithmetic: each strategy is put
    over a common denominator and the integer payoff arrays are contracted
    with the numerators, so no Fraction is built until the final quotients.
    The profile is not validated; :func:`max_regret` is the checked entry point.

    Examples
    --------
    >>> from gametheory import catalog
    >>> from fractions import Fraction as F
    >>> certify(catalog.chicken(), [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]])
    (Fraction(0, 1), (Fraction(5, 2), Fraction(5, 2)))
    """
    if game.kind != "exact":
        vectors = [np.asarray(s, dtype=float) for s in profile]
        float_payoffs: list[float] = []
        float_worst = 0.0
        for p in range(game.n_players):
            values = _contract(np.asarray(game.payoffs[p], dtype=float), vectors, p)
            current = float(values @ vectors[p])
            float_worst = max(float_worst, float(values.max()) - current)
            float_payoffs.append(current)
        return float_worst, tuple(float_payoffs)
    arrays, scales = game.integer_payoffs()
    denominators = [math.lcm(*(Fraction(x).denominator for x in s)) for s in profile]
    numerators = [np.array([int(Fraction(x) * d) for x in s], dtype=object) for s, d in zip(profile, denominators, strict=True)]
    total = math.prod(denominators)
    payoffs: list[Fraction] = []
    worst = Fraction(0)
    for p in range(game.n_players):
        values = _contract(arrays[p], numerators, p)
        current = int(values.dot(numerators[p]))
        scale = total * scales[p]
        worst = max(worst, Fraction(int(values.max()) * denominators[p] - current, scale))
        payoffs.append(Fraction(current, scale))
    return worst, tuple(payoffs)


def _symbolic_certificate(game: NormalFormGame, profile: MixedProfile) -> tuple[Any, tuple[Any, ...]]:
    """Max regret and payoffs of a symbolic game, simplified with sympy."""
    vectors = [np.array(s, dtype=object) for s in profile]
    payoffs, gaps = [], []
    for p in range(game.n_players):
        values = _contract(game.payoffs[p], vectors, p)
        current = sympy.simplify(sum(v * prob for v, prob in zip(values, profile[p], strict=True)))
        payoffs.append(current)
        gaps += [sympy.simplify(v - current) for v in values]
    return sympy.simplify(sympy.Max(0, *gaps)), tuple(payoffs)


def expected_payoffs(game: NormalFormGame | ExtensiveFormGame, profile: Any) -> tuple[Any, ...]:
    """Each player's expected payoff under a mixed ``profile`` (a behaviour profile on a tree).

    Examples
    --------
    >>> from gametheory import catalog
    >>> from fractions import Fraction as F
    >>> expected_payoffs(catalog.chicken(), [[F(1, 2), F(1, 2)], [1, 0]])
    (Fraction(7, 2), Fraction(5, 2))
    """
    if isinstance(game, ExtensiveFormGame):
        return _tree_payoffs(game, behaviour_profile(game, profile, where="expected_payoffs()"))
    checked = mixed_profile(game, profile, where="expected_payoffs()")
    if game.kind == "symbolic":
        return _symbolic_certificate(game, checked)[1]
    return certify(game, checked)[1]


def max_regret(game: NormalFormGame | ExtensiveFormGame, profile: Any) -> Any:
    """The equilibrium certificate: the largest gain any player gets from a pure deviation.

    It is exactly ``0`` for a Nash equilibrium of an exact game. On a tree
    the profile is a behaviour profile and the deviations are those of the
    whole game; :func:`subgame_regrets` checks every subgame.

    Examples
    --------
    >>> from gametheory import NormalFormGame
    >>> from fractions import Fraction as F
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> max_regret(g, [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]])
    Fraction(0, 1)
    >>> max_regret(g, [[1, 0], [1, 0]])
    Fraction(2, 1)
    """
    if isinstance(game, ExtensiveFormGame):
        tree_profile = behaviour_profile(game, profile, where="max_regret()")
        if not game.perfect_recall:
            raise UnsupportedGameError("max_regret(): the game must have perfect recall; best responses are defined through it")
        return _subgame_regret(game, tree_profile, 0)
    checked = mixed_profile(game, profile, where="max_regret()")
    if game.kind == "symbolic":
        return _symbolic_certificate(game, checked)[0]
    return certify(game, checked)[0]


# --- behaviour strategies on trees ----------------------------------------------------------------
BehaviourProfile = tuple[tuple[tuple[Any, ...], ...], ...]


def behaviour_profile(game: ExtensiveFormGame, profile: Any, *, where: str = "behaviour_profile()") -> BehaviourProfile:
    """Validate a behaviour profile and convert it to the game's kind.

    ``profile[p][k]`` is the probability vector of player ``p`` at their
    ``k``-th information set (``game.infosets_of(p)``). A nested mapping
    ``{player: {infoset label: {action: probability}}}`` is accepted too;
    every set of every player must be given.

    Examples
    --------
    >>> from gametheory import catalog
    >>> game = catalog.entry_deterrence()
    >>> behaviour_profile(game, {"Entrant": {"Entrant:1": {"Out": 0, "In": 1}},
    ...                          "Incumbent": {"Incumbent:1": {"Fight": 0, "Accommodate": 1}}})
    (((Fraction(0, 1), Fraction(1, 1)),), ((Fraction(0, 1), Fraction(1, 1)),))
    """
    if isinstance(profile, Mapping):
        unknown = sorted(set(profile) - set(game.players))
        if unknown or len(profile) != game.n_players:
            raise InvalidGameError(
                f"{where}: profile must map each player {list(game.players)} to its strategy; got {sorted(map(str, profile))}"
            )
        nested = []
        for p, player in enumerate(game.players):
            given = profile[player]
            sets = game.infosets_of(p)
            if not isinstance(given, Mapping) or set(given) != {game.infoset_labels[h] for h in sets}:
                expected = [game.infoset_labels[h] for h in sets]
                raise InvalidGameError(
                    f"{where}: the strategy of {player!r} must map each of its information sets {expected} to probabilities; got {describe(given)}"
                )
            given_rows = []
            for h in sets:
                probs = given[game.infoset_labels[h]]
                actions = game.infoset_actions[h]
                if not isinstance(probs, Mapping) or set(probs) != set(actions):
                    raise InvalidGameError(
                        f"{where}: {player!r} at {game.infoset_labels[h]!r} must give a probability to each action {list(actions)}; got {describe(probs)}"
                    )
                given_rows.append([probs[a] for a in actions])
            nested.append(given_rows)
        profile = nested
    if isinstance(profile, str) or not isinstance(profile, Sequence) or len(profile) != game.n_players:
        raise InvalidGameError(f"{where}: profile must have one behaviour strategy per player ({game.n_players}); got {describe(profile)}")
    result: list[tuple[tuple[Any, ...], ...]] = []
    for p, strategy in enumerate(profile):
        sets = game.infosets_of(p)
        if isinstance(strategy, str) or not isinstance(strategy, Sequence) or len(strategy) != len(sets):
            raise InvalidGameError(
                f"{where}: strategy of {game.players[p]!r} must have one probability vector per information set ({len(sets)}); got {describe(strategy)}"
            )
        rows: list[tuple[Any, ...]] = []
        for h, probs in zip(sets, strategy, strict=True):
            label = f"{game.players[p]!r} at {game.infoset_labels[h]!r}"
            width = len(game.infoset_actions[h])
            if isinstance(probs, np.ndarray):
                probs = list(probs)
            if isinstance(probs, str) or not isinstance(probs, Sequence) or len(probs) != width:
                raise InvalidGameError(f"{where}: {label} needs {width} probabilities; got {describe(probs)}")
            rows.append(probabilities(probs, game.kind, label, where))
        result.append(tuple(rows))
    return tuple(result)


def _move_probabilities(game: ExtensiveFormGame, profile: BehaviourProfile) -> np.ndarray:
    """The probability of the move into each node (1 at the root)."""
    flat: list[Any] = [x for strategy in profile for probs in strategy for x in probs]
    for probs in game.chance_probs:
        if probs is not None:
            flat.extend(probs)
    widths = np.array([len(a) for a in game.infoset_actions], dtype=np.int64)
    offsets = np.cumsum(widths) - widths
    table = np.array(flat, dtype=float if game.kind == "float" else object)
    moves = np.ones(game.n_nodes, dtype=table.dtype)
    ups = game.parent[1:]
    moves[1:] = table[offsets[game.infoset[ups]] + game.action[1:]]
    return moves


def reach_probabilities(game: ExtensiveFormGame, profile: Any) -> np.ndarray:
    """The probability that play reaches each node under a behaviour ``profile``."""
    checked = behaviour_profile(game, profile, where="reach_probabilities()")
    return _reach(game, checked)


def _reach(game: ExtensiveFormGame, profile: BehaviourProfile, root: int = 0, moves: np.ndarray | None = None) -> np.ndarray:
    """Reach probabilities from ``root`` (``moves``: the profile's move probabilities, when already computed)."""
    if moves is None:
        moves = _move_probabilities(game, profile)
    reach = np.zeros(game.n_nodes, dtype=moves.dtype)
    reach[root] = 1
    for start, stop in game._levels()[int(game.depth[root]) + 1 :]:
        reach[start:stop] = reach[game.parent[start:stop]] * moves[start:stop]
    return reach


def outcome_distribution(game: ExtensiveFormGame, profile: Any) -> dict[str, Any]:
    """The probability of each terminal node (by :attr:`~ExtensiveFormGame.outcome_labels`) under ``profile``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory import catalog
    >>> outcome_distribution(catalog.entry_deterrence(), [[[F(1, 2), F(1, 2)]], [[F(1, 3), F(2, 3)]]])
    {'Out': Fraction(1, 2), 'In/Fight': Fraction(1, 6), 'In/Accommodate': Fraction(1, 3)}
    """
    checked = behaviour_profile(game, profile, where="outcome_distribution()")
    reach = _reach(game, checked)[game.terminals]
    return dict(zip(game.outcome_labels, (_simplified(game, v) for v in reach), strict=True))


def _simplified(game: ExtensiveFormGame, value: Any) -> Any:
    if game.kind == "exact":
        return Fraction(value)
    if game.kind == "symbolic":
        return sympy.simplify(value)
    return float(value)


def _tree_payoffs(game: ExtensiveFormGame, profile: BehaviourProfile, root: int = 0, moves: np.ndarray | None = None) -> tuple[Any, ...]:
    reach = _reach(game, profile, root, moves)[game.terminals]
    return tuple(_simplified(game, np.dot(reach, np.asarray(array))) for array in game.payoffs)


def _best_response_value(game: ExtensiveFormGame, moves: np.ndarray, player: int, root: int) -> Any:
    """The most ``player`` can get in the subgame at ``root`` against the others' behaviour (perfect recall).

    The weight of a node is the probability of the others' and chance's
    moves from ``root`` to it; the player's choice at a set maximizes the
    weighted sum over its nodes. Sets are decided deepest own history first,
    so every later choice of the player is known when a set is decided.
    ``moves`` are the profile's move probabilities (:func:`_move_probabilities`).
    """
    mine = np.zeros(game.n_nodes, dtype=bool)
    mine[1:] = game.mover[game.parent[1:]] == player
    weights = np.where(mine, 1, moves).astype(moves.dtype)
    inside = (game.preorder >= game.preorder[root]) & (game.preorder < game.preorder[root] + game.size[root])
    weight = np.zeros(game.n_nodes, dtype=moves.dtype)
    weight[root] = 1
    levels = game._levels()
    for start, stop in levels[int(game.depth[root]) + 1 :]:
        weight[start:stop] = np.where(inside[start:stop], weight[game.parent[start:stop]] * weights[start:stop], 0)
    # the player's own depth (moves of theirs above a node) orders their sets
    own = np.zeros(game.n_nodes, dtype=np.int64)
    for start, stop in levels[1:]:
        own[start:stop] = own[game.parent[start:stop]] + mine[start:stop]
    sets = [h for h in game.infosets_of(player) if inside[game.nodes_of(h)[0]]]
    choice: dict[int, int] = {}
    terminal_values = np.asarray(game.payoffs[player])

    def value(node: int) -> Any:
        # iterative post-order evaluation of one subtree under the choices made so far
        total: Any = 0
        stack = [node]
        while stack:
            n = stack.pop()
            if game.mover[n] == TERMINAL:
                total += weight[n] * terminal_values[game.terminal[n]]
            elif game.mover[n] == player:
                stack.append(int(game.first_child[n]) + choice[int(game.infoset[n])])
            else:
                stack.extend(game.children(n))
        return total

    for h in sorted(sets, key=lambda h: -int(own[game.nodes_of(h)[0]])):
        nodes = game.nodes_of(h)
        gains = [sum((value(int(game.first_child[m]) + a) for m in nodes), start=0) for a in range(len(game.infoset_actions[h]))]
        choice[h] = max(range(len(gains)), key=lambda a: (gains[a], -a))
    return _simplified(game, value(root))


def subgame_regrets(game: ExtensiveFormGame, profile: Any) -> dict[int, Any]:
    """Each subgame's root (node number) mapped to the largest gain a player gets there by deviating.

    All are exactly ``0`` for a subgame-perfect equilibrium of an exact game.

    Examples
    --------
    >>> from gametheory import catalog
    >>> game = catalog.entry_deterrence()
    >>> subgame_regrets(game, [[[1, 0]], [[1, 0]]])  # Out, and Fight if entered: Nash but not subgame perfect
    {0: Fraction(0, 1), 2: Fraction(2, 1)}
    """
    checked = behaviour_profile(game, profile, where="subgame_regrets()")
    if not game.perfect_recall:
        raise UnsupportedGameError("subgame_regrets(): the game must have perfect recall; best responses are defined through it")
    moves = _move_probabilities(game, checked)
    return {int(root): _subgame_regret(game, checked, int(root), moves) for root in game.subgame_roots()}


def _subgame_regret(game: ExtensiveFormGame, profile: BehaviourProfile, root: int, moves: np.ndarray | None = None) -> Any:
    if moves is None:
        moves = _move_probabilities(game, profile)
    current = _tree_payoffs(game, profile, root, moves)
    gaps = [_best_response_value(game, moves, p, root) - current[p] for p in range(game.n_players)]
    if game.kind == "symbolic":
        return sympy.simplify(sympy.Max(0, *gaps))
    return max(0, *gaps) if game.kind == "float" else Fraction(max(0, *gaps))


def behaviour_to_mixed(game: ExtensiveFormGame, profile: Any, *, reduced: bool = True) -> MixedProfile:
    """Kuhn's map: the mixed profile (over ``game.pure_strategies``) equivalent to a behaviour profile.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory import catalog
    >>> behaviour_to_mixed(catalog.entry_deterrence(), [[[F(1, 2), F(1, 2)]], [[0, 1]]])
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(0, 1), Fraction(1, 1)))
    """
    checked = behaviour_profile(game, profile, where="behaviour_to_mixed()")
    mixed = []
    for p, strategy in enumerate(checked):
        probs = []
        for pure in game.pure_strategies(p, reduced=reduced):
            weight: Any = 1
            for k, a in enumerate(pure):
                if a >= 0:
                    weight = weight * strategy[k][a]
            probs.append(weight)
        mixed.append(tuple(probs))
    return tuple(mixed)


def mixed_to_behaviour(
    game: ExtensiveFormGame, profile: Sequence[Sequence[Any]], *, reduced: bool = True
) -> tuple[BehaviourProfile, tuple[str, ...]]:
    """Kuhn's map back: the behaviour profile realization-equivalent to a mixed profile over ``game.pure_strategies``.

    Returns the profile and the labels of the sets the mixed profile never
    reaches through its own player's choices, where behaviour is not
    determined; there it is uniform.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory import catalog
    >>> game = catalog.centipede(4)
    >>> profile, free = mixed_to_behaviour(game, [[1, 0, 0], [1, 0, 0]])
    >>> profile[0], free
    (((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(1, 2))), ('Player 1:2', 'Player 2:2'))
    """
    nf = game.to_normal_form(reduced=reduced)
    checked = mixed_profile(nf, profile, where="mixed_to_behaviour()")
    result, free = [], []
    for p, strategy in enumerate(checked):
        pures = game.pure_strategies(p, reduced=reduced)
        rows = []
        for k, h in enumerate(game.infosets_of(p)):
            width = len(game.infoset_actions[h])
            node = int(game.nodes_of(h)[0])
            reaching = [i for i, s in enumerate(pures) if _reaches_own(game, p, s, node)]
            total = sum((strategy[i] for i in reaching), start=0 * strategy[0])
            if total == 0:
                free.append(game.infoset_labels[h])
                uniform = (
                    Fraction(1, width) if game.kind == "exact" else (sympy.Rational(1, width) if game.kind == "symbolic" else 1 / width)
                )
                rows.append(tuple(uniform for _ in range(width)))
                continue
            rows.append(tuple(sum((strategy[i] for i in reaching if pures[i][k] == a), start=0 * total) / total for a in range(width)))
        result.append(tuple(rows))
    return tuple(result), tuple(free)


def _reaches_own(game: ExtensiveFormGame, player: int, strategy: Sequence[int], node: int) -> bool:
    """Whether the player's own moves on the path to ``node`` agree with ``strategy``."""
    sets = game.infosets_of(player)
    while game.parent[node] >= 0:
        up = int(game.parent[node])
        if game.mover[up] == player and strategy[int(game.infoset[up]) - sets.start] != game.action[node]:
            return False
        node = up
    return True
