"""Perfect Bayesian equilibria of game trees (gametheory.solvers.pbe_trees).

The checks below recompute everything from the definition by brute force
(values node by node, every pure strategy of a mover as a deviation, an exact
LP for the existence of supporting beliefs) without the solver's code.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F
from typing import Any

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gametheory import BeliefSet, ExtensiveFormGame, catalog, chance, decision, max_regret, solve
from gametheory._lp import solve_lp
from gametheory.errors import SolverError, UnsupportedGameError
from gametheory.games.extensive_form import CHANCE, TERMINAL
from gametheory.solvers.pbe_trees import tree_pbe


# --- brute force from the definition ---------------------------------------------------------------
def _sigma(game: ExtensiveFormGame, profile: Any) -> dict[int, tuple[Any, ...]]:
    return {h: tuple(probs) for p in range(game.n_players) for h, probs in zip(game.infosets_of(p), profile[p], strict=True)}


def _values(game: ExtensiveFormGame, sigma: dict[int, tuple[Any, ...]], node: int) -> tuple[Any, ...]:
    mover = int(game.mover[node])
    if mover == TERMINAL:
        return game.terminal_payoffs(node)
    h = int(game.infoset[node])
    probs = game.chance_probs[h] if mover == CHANCE else sigma[h]
    total = [F(0)] * game.n_players
    for p, child in zip(probs, game.children(node), strict=True):
        if p != 0:
            total = [t + p * v for t, v in zip(total, _values(game, sigma, child), strict=True)]
    return tuple(total)


def _reach(game: ExtensiveFormGame, sigma: dict[int, tuple[Any, ...]], root: int) -> dict[int, Any]:
    out = {root: F(1)}
    stack = [root]
    while stack:
        node = stack.pop()
        mover = int(game.mover[node])
        if mover == TERMINAL:
            continue
        h = int(game.infoset[node])
        probs = game.chance_probs[h] if mover == CHANCE else sigma[h]
        for p, child in zip(probs, game.children(node), strict=True):
            out[child] = out[node] * p
            stack.append(child)
    return out


def _innermost_root(game: ExtensiveFormGame, h: int) -> int:
    nodes = game.nodes_of(h)
    inside = [
        int(r) for r in game.subgame_roots() if all(game.preorder[r] <= game.preorder[x] < game.preorder[r] + game.size[r] for x in nodes)
    ]
    return max(inside, key=lambda r: int(game.depth[r]))


def _deviation_values(game: ExtensiveFormGame, sigma: dict[int, tuple[Any, ...]], h: int) -> list[list[Any]]:
    """For each pure strategy of the mover at ``h`` (all their sets): their values at the nodes of ``h``."""
    p = int(game.infoset_player[h])
    sets = game.infosets_of(p)
    out = []
    for strategy in game.pure_strategies(p, reduced=False):
        changed = dict(sigma)
        for g, a in zip(sets, strategy, strict=True):
            changed[g] = tuple(F(int(b == a)) for b in range(len(game.infoset_actions[g])))
        out.append([_values(game, changed, int(x))[p] for x in game.nodes_of(h)])
    return out


def _gain(game: ExtensiveFormGame, sigma: dict[int, tuple[Any, ...]], h: int, mu: list[Any]) -> Any:
    """The most the mover at ``h`` gains, with beliefs ``mu``, by any change of their continuation strategy."""
    p = int(game.infoset_player[h])
    current = sum(m * _values(game, sigma, int(x))[p] for m, x in zip(mu, game.nodes_of(h), strict=True))
    best = max(sum(m * v for m, v in zip(mu, values, strict=True)) for values in _deviation_values(game, sigma, h))
    return best - current


def _supportable(game: ExtensiveFormGame, sigma: dict[int, tuple[Any, ...]], h: int) -> bool:
    """Whether some belief at ``h`` makes the mover's behaviour there sequentially rational (an exact LP)."""
    p = int(game.infoset_player[h])
    current = [_values(game, sigma, int(x))[p] for x in game.nodes_of(h)]
    rows = [[v - c for v, c in zip(values, current, strict=True)] for values in _deviation_values(game, sigma, h)]
    size = len(current)
    return solve_lp([0] * size, rows, [0] * len(rows), [[1] * size], [1], method="simplex").optimal


def _bayes(game: ExtensiveFormGame, sigma: dict[int, tuple[Any, ...]], h: int) -> list[Any] | None:
    """Bayes' beliefs from the smallest subgame containing ``h``, or None when that subgame's play misses ``h``."""
    reach = _reach(game, sigma, _innermost_root(game, h))
    weights = [reach[int(x)] for x in game.nodes_of(h)]
    total = sum(weights)
    return None if total == 0 else [w / total for w in weights]


def _is_pbe(game: ExtensiveFormGame, sigma: dict[int, tuple[Any, ...]]) -> bool:
    for h in range(game.n_infosets):
        if game.infoset_player[h] < 0:
            continue
        mu = _bayes(game, sigma, h)
        if mu is not None:
            if _gain(game, sigma, h, mu) > 0:
                return False
        elif not _supportable(game, sigma, h):
            return False
    return True


def _check(game: ExtensiveFormGame, eq: Any, rng: random.Random) -> None:
    """Everything an equilibrium of the solver must satisfy, recomputed."""
    assert eq.concept == "pbe"
    assert max_regret(game, eq.profile) == 0
    sigma = _sigma(game, eq.profile)
    assert tuple(eq.payoffs) == _values(game, sigma, 0)
    multi = [h for h in range(game.n_infosets) if game.infoset_player[h] >= 0 and len(game.nodes_of(h)) > 1]
    assert set(eq.beliefs) == {game.infoset_labels[h] for h in multi}
    for h in range(game.n_infosets):
        if game.infoset_player[h] < 0:
            continue
        labels = [game.node_label(int(x)) for x in game.nodes_of(h)]
        mu = _bayes(game, sigma, h)
        if mu is not None:  # on the path of the smallest subgame containing h: Bayes' rule, then best replies
            assert _gain(game, sigma, h, mu) <= 0
            if h in multi:
                assert not isinstance(eq.beliefs[game.infoset_labels[h]], BeliefSet)
                assert dict(eq.beliefs[game.infoset_labels[h]]) == dict(zip(labels, mu, strict=True))
            continue
        if h not in multi:
            assert _gain(game, sigma, h, [F(1)]) <= 0
            continue
        beliefs = eq.beliefs[game.infoset_labels[h]]
        assert isinstance(beliefs, BeliefSet) and beliefs.nodes == tuple(labels)
        for vertex in beliefs.vertices:  # each extreme belief supports the behaviour there
            assert sum(vertex) == 1 and min(vertex) >= 0
            assert _gain(game, sigma, h, list(vertex)) <= 0
        for _ in range(3):  # and the set is exactly the supporting beliefs
            weights = [rng.randint(0, 4) for _ in labels]
            if not any(weights):
                continue
            mu = [F(w, sum(weights)) for w in weights]
            assert beliefs.contains(dict(zip(labels, mu, strict=True))) == (_gain(game, sigma, h, mu) <= 0)


def _pure_profiles(game: ExtensiveFormGame) -> set[tuple[Any, ...]]:
    """Every pure PBE profile, by enumerating all pure behaviour profiles."""
    sets = [h for h in range(game.n_infosets) if game.infoset_player[h] >= 0]
    found = set()
    for choice in itertools.product(*(range(len(game.infoset_actions[h])) for h in sets)):
        sigma = {h: tuple(F(int(b == a)) for b in range(len(game.infoset_actions[h]))) for h, a in zip(sets, choice, strict=True)}
        if _is_pbe(game, sigma):
            found.add(_key(game, sigma))
    return found


def _key(game: ExtensiveFormGame, sigma: dict[int, tuple[Any, ...]]) -> tuple[Any, ...]:
    return tuple(sigma[h] for h in range(game.n_infosets) if game.infoset_player[h] >= 0)


def _pure(eq: Any) -> bool:
    return all(sum(1 for x in probs if x != 0) == 1 for strategy in eq.profile for probs in strategy)


# --- published examples ----------------------------------------------------------------------------
def gibbons_4_1_1() -> ExtensiveFormGame:
    # Gibbons (1992), Figure 4.1.1: player 2 cannot tell L from M
    return ExtensiveFormGame.from_tree(
        decision(
            "1",
            {
                "L": decision("2", {"L'": (2, 1), "R'": (0, 0)}, infoset="2"),
                "M": decision("2", {"L'": (0, 2), "R'": (0, 1)}, infoset="2"),
                "R": (1, 3),
            },
        )
    )


def test_gibbons_figure_4_1_1_spe_that_is_not_pbe() -> None:
    # Gibbons (1992), section 4.1: (L, L') and (R, R') are the Nash (and subgame-perfect) equilibria;
    # only (L, L') with belief p = 1 on L is perfect Bayesian, since R' is strictly worse than L' whatever 2 believes
    game = gibbons_4_1_1()
    spe = solve(game, "spe")
    assert any(eq.profile[0][0] == (0, 0, 1) and eq.profile[1][0] == (0, 1) for eq in spe)
    result = tree_pbe(game)
    assert result.complete and result.method == "pbe"
    assert len(result) == 1
    (eq,) = result
    assert eq.profile == (((1, 0, 0),), ((1, 0),))
    assert dict(eq.beliefs["2"]) == {"L": 1, "M": 0}
    assert eq.payoffs == (2, 1)


def test_seltens_horse() -> None:
    # Selten (1975); payoffs of Fudenberg and Tirole (1991, figure 8.5) as in catalog.seltens_horse(): the PBE are
    # (Across, Across, Right w.p. r) for r in [3/4, 1]; at r = 1 player 3 may believe Down w.p. in [0, 1/3], for r < 1 exactly 1/3.
    # The Nash equilibria (Down, Across w.p. >= 1/3, Left) fail: player 2's Across is not a best reply.
    game = catalog.seltens_horse()
    result = tree_pbe(game)
    assert result.complete
    profiles = [eq.profile for eq in result]
    assert profiles == [(((0, 1),), ((0, 1),), ((0, 1),)), (((0, 1),), ((0, 1),), ((F(1, 4), F(3, 4)),))]
    assert result[0].beliefs["Player 3"]["Down"] == sympy.Interval(0, sympy.Rational(1, 3))
    assert result[1].beliefs["Player 3"].vertices == ((F(1, 3), F(2, 3)),)
    (continuum,) = result.details["continua"]
    assert continuum["extreme_points"] == (0, 1) and continuum["support"]["Player 3"] == ("Left", "Right")
    rng = random.Random(1)
    for eq in result:
        _check(game, eq, rng)


def hybrid_game() -> ExtensiveFormGame:
    # Two equally likely types of a sender; only the receiver's move after "m" is a decision. Type t1 always
    # sends m; in the hybrid (partially pooling, Gibbons 1992, section 4.2.B) PBE t2 sends m w.p. 1/2, so the receiver
    # believes t1 w.p. 2/3 after m, is indifferent and mixes evenly, which keeps t2 indifferent (payoffs ours).
    receiver = {"t1": {"a": (2, 1), "b": (1, 0)}, "t2": {"a": (2, 0), "b": (0, 2)}}
    stay = {"t1": (0, 0), "t2": (1, 1)}
    return ExtensiveFormGame.from_tree(
        chance(
            {
                t: (F(1, 2), decision("Sender", {"m": decision("Receiver", receiver[t], infoset="after m"), "n": stay[t]}, infoset=t))
                for t in ("t1", "t2")
            }
        ),
        players=["Sender", "Receiver"],
    )


def test_hybrid_pbe() -> None:
    game = hybrid_game()
    result = tree_pbe(game)
    assert result.complete
    assert len(result) == 1
    (eq,) = result
    assert eq.profile == (((1, 0), (F(1, 2), F(1, 2))), ((F(1, 2), F(1, 2)),))
    assert dict(eq.beliefs["after m"]) == {"t1/m": F(2, 3), "t2/m": F(1, 3)}
    _check(game, eq, random.Random(2))


def entry_game() -> ExtensiveFormGame:
    # A weak PBE need not be subgame perfect (Mas-Colell, Whinston and Green 1995, section 9.C; payoffs ours): after
    # entry the entrant's A strictly dominates F in the simultaneous subgame. (Out; A; f) with the off-path belief
    # "F" is a weak PBE; Bayes' rule from the subgame's root forces the belief "A" and the reply a.
    incumbent = {"F": {"f": (-3, -1), "a": (1, -2)}, "A": {"f": (-2, -1), "a": (3, 1)}}
    return ExtensiveFormGame.from_tree(
        decision(
            "E",
            {
                "Out": (0, 2),
                "In": decision("E", {m: decision("I", incumbent[m], infoset="I") for m in ("F", "A")}, infoset="after entry"),
            },
        )
    )


def test_subgame_condition() -> None:
    game = entry_game()
    result = tree_pbe(game)
    assert result.complete
    assert [eq.profile for eq in result] == [(((0, 1), (0, 1)), ((0, 1),))]
    assert dict(result[0].beliefs["I"]) == {"In/F": 0, "In/A": 1}
    # the weak PBE (Out; A; f) passes at every set reached from the root, with belief F at I
    weak = _sigma(game, (((1, 0), (0, 1)), ((1, 0),)))
    assert _gain(game, weak, int(game.infoset_labels.index("I")), [F(1), F(0)]) <= 0


def test_off_path_belief_sets_and_their_continuum() -> None:
    # Player 1 takes R for sure, so player 2's beliefs are free: L' is a best reply iff mu(L) >= 2/3, R' iff <= 2/3,
    # and mixing needs mu(L) = 2/3 exactly: a continuum of PBE between the two pure ones.
    game = ExtensiveFormGame.from_tree(
        decision(
            "1",
            {
                "L": decision("2", {"L'": (2, 1), "R'": (0, 0)}, infoset="2"),
                "M": decision("2", {"L'": (0, 0), "R'": (0, 2)}, infoset="2"),
                "R": (3, 0),
            },
        )
    )
    result = tree_pbe(game)
    assert result.complete
    assert [eq.profile[1] for eq in result] == [((1, 0),), ((0, 1),)]
    assert result[0].beliefs["2"]["L"] == sympy.Interval(sympy.Rational(2, 3), 1)
    assert result[1].beliefs["2"]["L"] == sympy.Interval(0, sympy.Rational(2, 3))
    assert [c["extreme_points"] for c in result.details["continua"]] == [(0, 1)]
    pure = tree_pbe(game, mixed=False)
    assert [eq.profile for eq in pure] == [eq.profile for eq in result] and not pure.complete
    assert "mixed=False" in pure.details["incomplete"]


def test_float_game_is_solved_at_its_binary_values() -> None:
    result = tree_pbe(hybrid_game().as_float())
    assert not result.exact and len(result) == 1
    assert result[0].profile[0][1] == (0.5, 0.5) and result[0].max_regret <= 1e-12
    assert result[0].beliefs["after m"]["t1/m"] == pytest.approx(2 / 3)


def test_symbolic_threshold() -> None:
    # the off-path game above with player 2's payoff c at (M, R'): L' is supported iff mu(L) >= c / (1 + c)
    c = sympy.Symbol("c", positive=True)
    game = ExtensiveFormGame.from_tree(
        decision(
            "1",
            {
                "L": decision("2", {"L'": (2, 1), "R'": (0, 0)}, infoset="2"),
                "M": decision("2", {"L'": (0, 0), "R'": (0, c)}, infoset="2"),
                "R": (3, 0),
            },
        )
    )
    result = tree_pbe(game)
    assert result.method == "pbe" and not result.complete and "symbolic" in result.details["incomplete"]
    assert len(result.regimes) == 1
    first = result.regimes[0].equilibria[0]
    assert sympy.simplify(first.beliefs["2"]["L"].start - c / (1 + c)) == 0
    at = result.at({c: 2})
    assert [eq.profile for eq in at] == [eq.profile for eq in tree_pbe(game.subs({c: 2}), mixed=False)]


def test_errors() -> None:
    with pytest.raises(SolverError, match="max_supports"):
        tree_pbe(catalog.seltens_horse(), max_supports=3)
    with pytest.raises(SolverError, match="max_equilibria"):
        tree_pbe(gibbons_4_1_1(), max_equilibria=0)
    with pytest.raises(SolverError, match="mixed"):
        tree_pbe(gibbons_4_1_1(), mixed="yes")  # type: ignore[arg-type]
    forgetful = ExtensiveFormGame.from_tree(
        decision(
            "A", {"x": decision("A", {"u": (1,), "v": (0,)}, infoset="late"), "y": decision("A", {"u": (0,), "v": (1,)}, infoset="late")}
        )
    )
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        tree_pbe(forgetful)
    with pytest.raises(UnsupportedGameError, match="ExtensiveFormGame"):
        tree_pbe(catalog.chicken())  # type: ignore[arg-type]


def test_max_equilibria_stops_the_pure_search() -> None:
    game = ExtensiveFormGame.from_tree(decision("A", {"x": (0, 0), "y": decision("B", {"u": (1, 1), "v": (1, 1)})}))
    result = tree_pbe(game, max_equilibria=1, mixed=False)
    assert len(result) == 1 and not result.complete and "max_equilibria" in result.details["incomplete"]


# --- properties on random trees ----------------------------------------------------------------------
@st.composite
def hidden_trees(
    draw: Any, max_depth: int = 4, values: Any = None, chance_moves: bool = True, max_supports: int = 250
) -> ExtensiveFormGame:
    """Small trees with perfect recall whose information sets hide a player's or chance's move from the next mover.

    Moves are added while the support profiles (the product over the players' sets of ``2**actions - 1``)
    stay within ``max_supports``.
    """
    n_players = draw(st.integers(2, 3))
    players = [f"P{p + 1}" for p in range(n_players)]
    if values is None:
        values = draw(st.sampled_from([st.integers(-3, 3), st.integers(0, 1)]))
    counter = [0]
    budget = [max_supports]

    def leaf() -> tuple[Any, ...]:
        return tuple(draw(values) for _ in players)

    def probabilities(width: int) -> list[F]:
        weights = [draw(st.integers(1, 3)) for _ in range(width)]
        return [F(w, sum(weights)) for w in weights]

    # "entry": an outside option, then a hidden move (Gibbons's figure 4.1.1): off-path sets are common
    hiding = ["hidden", "entry"] + (["hidden chance"] if chance_moves else [])

    def node(depth: int) -> Any:
        if depth >= max_depth or (depth > 0 and draw(st.integers(0, 3)) == 0):
            return leaf()
        # the root hides a move, so that every tree has a set with several nodes
        kinds = hiding if depth == 0 else ["decision", *hiding] + (["chance"] if chance_moves else [])
        kind = draw(st.sampled_from(kinds))
        cost = {"chance": 1, "hidden chance": 3, "decision": 3, "hidden": 9, "entry": 21}[kind]
        if cost > budget[0]:
            return leaf()
        budget[0] //= cost
        if kind == "chance":
            return chance({f"c{a}": (q, node(depth + 1)) for a, q in enumerate(probabilities(2))})
        mover = draw(st.sampled_from(players))
        if kind == "decision":
            return decision(mover, {f"a{a}": node(depth + 1) for a in range(2)})
        second = draw(st.sampled_from([p for p in players if p != mover]))
        counter[0] += 1
        name = f"S{counter[0]}"

        def hidden() -> Any:
            return decision(second, {f"b{b}": node(depth + 2) for b in range(2)}, infoset=name)

        if kind == "hidden chance":
            return chance({f"c{a}": (q, hidden()) for a, q in enumerate(probabilities(2))})
        if kind == "entry":
            return decision(mover, {"out": leaf(), **{f"a{a}": hidden() for a in range(2)}})
        return decision(mover, {f"a{a}": hidden() for a in range(2)})

    return ExtensiveFormGame.from_tree(node(0), players=players)


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(hidden_trees(), st.randoms(use_true_random=False))
def test_every_pbe_satisfies_the_definition(game: ExtensiveFormGame, rng: random.Random) -> None:
    result = tree_pbe(game)
    assert result.equilibria, "every finite game with perfect recall has a PBE (a sequential equilibrium)"
    for eq in result:
        _check(game, eq, rng)
    if not result.complete:
        assert result.details["incomplete"]


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(hidden_trees(max_depth=5, max_supports=1_000))
def test_pure_pbe_are_exactly_those_of_brute_force(game: ExtensiveFormGame) -> None:
    result = tree_pbe(game, mixed=False)
    assert {_key(game, _sigma(game, eq.profile)) for eq in result} == _pure_profiles(game)
    assert all(_pure(eq) for eq in result)


@settings(max_examples=20)
@given(hidden_trees(max_depth=5))
def test_mixed_search_keeps_the_pure_ones_first(game: ExtensiveFormGame) -> None:
    pure = tree_pbe(game, mixed=False)
    full = tree_pbe(game)
    assert [eq.profile for eq in full][: len(pure)] == [eq.profile for eq in pure]
    assert all(not _pure(eq) for eq in full.equilibria[len(pure) :])


@st.composite
def perfect_information(draw: Any) -> ExtensiveFormGame:
    from tests.strategies import game_trees

    return draw(game_trees(max_depth=4, imperfect=False, values=st.integers(0, 2)))


@settings(max_examples=30)
@given(perfect_information())
def test_perfect_information_pure_pbe_are_the_pure_spe(game: ExtensiveFormGame) -> None:
    spe = {eq.profile for eq in solve(game, "spe")}
    pbe = {eq.profile for eq in tree_pbe(game, mixed=False)}
    assert pbe == spe


@settings(max_examples=20)
@given(st.data())
def test_generic_perfect_information_has_one_pbe_the_spe(data: Any) -> None:
    # distinct payoffs: backward induction has no ties, so the SPE is unique and no mixed profile is a PBE
    from tests.strategies import game_trees

    game = data.draw(game_trees(max_depth=3, imperfect=False, chance=False, max_actions=2, values=st.integers(-(10**6), 10**6)))
    assume(len({v for array in game.payoffs for v in array}) == game.n_players * len(game.terminals))
    result = tree_pbe(game)
    assert result.complete and [eq.profile for eq in result] == [eq.profile for eq in solve(game, "spe")]


@st.composite
def symbolic_trees(draw: Any) -> tuple[ExtensiveFormGame, sympy.Symbol]:
    x = sympy.Symbol("x")
    base = draw(hidden_trees(max_depth=3, values=st.integers(-2, 2), max_supports=21))
    # each payoff becomes a + b x with small integers
    rows = []
    for t in range(len(base.terminals)):
        rows.append([base.payoffs[p][t] + draw(st.integers(-1, 1)) * x for p in range(base.n_players)])
    game = ExtensiveFormGame.from_arrays(
        players=base.players,
        parent=base.parent,
        mover=base.mover,
        infoset=base.infoset,
        actions=base.infoset_actions,
        payoffs=rows,
        chance_probs=base.chance_probs,
        infoset_labels=base.infoset_labels,
        node_labels=base.node_labels,
        kind="symbolic",
    )
    return game, x


def _number(value: Any, point: dict[Any, Any]) -> F:
    return F(str(sympy.sympify(value).subs(point)))


def _beliefs_at(beliefs: Any, point: dict[Any, Any]) -> frozenset[Any]:
    """Beliefs as comparable values: a set's vertices as a set, Bayes beliefs as (node, probability) pairs."""
    out = []
    for label, value in beliefs.items():
        if isinstance(value, BeliefSet):
            out.append((label, frozenset(tuple(_number(v, point) for v in vertex) for vertex in value.vertices)))
        else:
            out.append((label, tuple(sorted((k, _number(v, point)) for k, v in value.items()))))
    return frozenset(out)


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(symbolic_trees(), st.lists(st.fractions(min_value=-3, max_value=3, max_denominator=4), min_size=3, max_size=3))
def test_symbolic_equals_numeric_after_substitution(case: tuple[ExtensiveFormGame, sympy.Symbol], points: list[F]) -> None:
    game, x = case
    assume(game.parameters)
    result = tree_pbe(game)
    for value in points:
        point = {x: sympy.Rational(value.numerator, value.denominator)}
        numeric = tree_pbe(game.subs(point), mixed=False)
        index = result.at(point).details["regime"]
        symbolic = result.regimes[index].equilibria
        expected = {(eq.profile, _beliefs_at(eq.beliefs, {})) for eq in numeric}
        got = {
            (tuple(tuple(tuple(_number(q, point) for q in probs) for probs in s) for s in eq.profile), _beliefs_at(eq.beliefs, point))
            for eq in symbolic
        }
        assert got == expected
