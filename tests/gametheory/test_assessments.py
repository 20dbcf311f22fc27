"""Assessments: Bayes' rule, sequential rationality and Kreps-Wilson consistency, on textbook trees and generated ones."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory import (
    ExtensiveFormGame,
    InvalidGameError,
    UnsupportedGameError,
    catalog,
    chance,
    check_assessment,
    decision,
    is_consistent,
    is_sequential_equilibrium,
    max_regret,
    reach_probabilities,
    solve,
    subgame_regrets,
)
from gametheory.profiles import BeliefSet
from tests.strategies import game_trees, perfect_information_trees

# --- helpers: independent oracles -------------------------------------------------------------------


def player_sets(game: ExtensiveFormGame) -> list[int]:
    return [h for h in range(game.n_infosets) if game.infoset_player[h] >= 0]


def multi_node_sets(game: ExtensiveFormGame) -> list[int]:
    return [h for h in player_sets(game) if len(game.nodes_of(h)) > 1]


def probability(game: ExtensiveFormGame, profile: Any, node: int) -> Any:
    """The probability of the move into ``node`` under ``profile``."""
    up = int(game.parent[node])
    h, a = int(game.infoset[up]), int(game.action[node])
    p = int(game.mover[up])
    if p == -1:
        probs = game.chance_probs[h]
        assert probs is not None
        return probs[a]
    return profile[p][h - game.infosets_of(p).start][a]


def limit_beliefs(game: ExtensiveFormGame, profile: Any, trembles: dict[tuple[int, int], tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
    """Limits of Bayes beliefs when each ``(set, action)`` in ``trembles`` gets ``c * eps**k``, read off the leading terms.

    Every reach probability is a product of factors whose lowest-order terms
    are positive, so the leading term of a node's reach is the product of
    the factors' leading terms and no cancellation occurs in the sums.
    """
    beliefs = {}
    for h in multi_node_sets(game):
        leading = {}
        for x in game.nodes_of(h):
            order, coefficient, n = 0, sympy.Integer(1), int(x)
            while game.parent[n] >= 0:
                up = int(game.parent[n])
                key = (int(game.infoset[up]), int(game.action[n]))
                if key in trembles:
                    k, c = trembles[key]
                    order, coefficient = order + k, coefficient * sympy.sympify(c)
                else:
                    coefficient *= sympy.sympify(probability(game, profile, n))
                n = up
            leading[game.node_label(int(x))] = (sympy.Rational(order), coefficient)
        least = min(k for k, _ in leading.values())
        total = sum(c for k, c in leading.values() if k == least)
        beliefs[game.infoset_labels[h]] = {name: sympy.simplify(c / total) if k == least else 0 for name, (k, c) in leading.items()}
    return beliefs


def as_fractions(beliefs: dict[str, dict[str, Any]]) -> dict[str, dict[str, F]]:
    return {h: {x: F(int(sympy.Rational(v).p), int(sympy.Rational(v).q)) for x, v in b.items()} for h, b in beliefs.items()}


def uniform_trembles(game: ExtensiveFormGame, profile: Any) -> dict[tuple[int, int], tuple[Any, Any]]:
    return {
        (h, a): (1, 1)
        for h in player_sets(game)
        for a, q in enumerate(profile[int(game.infoset_player[h])][h - game.infosets_of(int(game.infoset_player[h])).start])
        if q == 0
    }


def witness_trembles(game: ExtensiveFormGame, report: Any) -> dict[tuple[int, int], tuple[Any, Any]]:
    """A consistency witness as ``(set, action) -> (order, coefficient)``."""
    out = {}
    for t in report.trembles:
        (h,) = [
            h for h in player_sets(game) if game.infoset_labels[h] == t.infoset and game.players[int(game.infoset_player[h])] == t.player
        ]
        out[(h, game.infoset_actions[h].index(t.action))] = (t.order, t.coefficient)
    return out


def brute_force_regret(game: ExtensiveFormGame, profile: Any, h: int, beliefs: dict[str, Any]) -> F:
    """The best continuation payoff over all pure strategies of the mover, minus the profile's, given beliefs at ``h``."""
    p = int(game.infoset_player[h])
    start = game.infosets_of(p).start
    by_label = {game.node_label(int(x)): int(x) for x in game.nodes_of(h)}

    def value(n: int, pure: tuple[int, ...] | None) -> F:
        if game.mover[n] == -2:
            return F(game.payoffs[p][int(game.terminal[n])])
        kids = list(game.children(n))
        if game.mover[n] == p and pure is not None:
            return value(kids[pure[int(game.infoset[n]) - start]], pure)
        return sum((F(probability(game, profile, c)) * value(c, pure) for c in kids), F(0))

    def total(pure: tuple[int, ...] | None) -> F:
        return sum((F(b) * value(by_label[x], pure) for x, b in beliefs.items()), F(0))

    return max(total(s) for s in game.pure_strategies(p, reduced=False)) - total(None)


@st.composite
def profiles(draw: Any, game: ExtensiveFormGame, zeros: bool = True) -> list[list[list[F]]]:
    """Behaviour profiles with small denominators; with ``zeros``, some actions get probability 0."""
    low = 0 if zeros else 1
    result = []
    for p in range(game.n_players):
        rows = []
        for h in game.infosets_of(p):
            weights = draw(st.lists(st.integers(low, 3), min_size=len(game.infoset_actions[h]), max_size=len(game.infoset_actions[h])))
            if sum(weights) == 0:
                weights[0] = 1
            rows.append([F(w, sum(weights)) for w in weights])
        result.append(rows)
    return result


@st.composite
def trees_with_profiles(draw: Any, zeros: bool = True, **options: Any) -> tuple[ExtensiveFormGame, list[list[list[F]]]]:
    game = draw(game_trees(**options))
    return game, draw(profiles(game, zeros))


def bayes_beliefs(game: ExtensiveFormGame, profile: Any) -> dict[str, dict[str, F]]:
    reach = reach_probabilities(game, profile)
    out = {}
    for h in multi_node_sets(game):
        nodes = [int(x) for x in game.nodes_of(h)]
        total = sum(reach[x] for x in nodes)
        out[game.infoset_labels[h]] = {game.node_label(x): F(reach[x]) / total for x in nodes}
    return out


# --- textbook examples ------------------------------------------------------------------------------


def test_seltens_horse() -> None:
    # Selten (1975); payoffs as in Fudenberg and Tirole (1991), figure 8.5. (Down, Across, Left) is a Nash
    # equilibrium with Bayes beliefs, but Player 2 would go Down if reached (4 > 1): not sequentially rational.
    horse = catalog.seltens_horse()
    profile = [[[1, 0]], [[0, 1]], [[1, 0]]]
    assert max_regret(horse, profile) == 0
    report = check_assessment(horse, profile, {"Player 3": {"Down": 1, "Across/Down": 0}})
    assert report.bayes_consistent and not report.sequentially_rational and not report.is_weak_pbe
    second = report.infoset("Player 2:1")
    assert second.reach == 0 and second.bayes is None
    assert second.regret == 3 and second.local_regret == 3 and dict(second.action_values) == {"Down": 4, "Across": 1}
    assert report.failures == ("'Player 2' at 'Player 2:1' gains 3 by playing 'Down' there (4 against the profile's 1)",)
    assert is_consistent(horse, profile, {"Player 3": {"Down": 1}})
    assert not is_sequential_equilibrium(horse, profile, {"Player 3": {"Down": 1}})
    # (Across, Across, Right with probability r >= 3/4) is sequential with Player 3's belief in Down at most 1/3
    # (indifferent at exactly 1/3, so r < 1 needs it); any belief there is consistent: two players tremble independently
    for r, belief in [(1, F(0)), (1, F(1, 3)), (F(3, 4), F(1, 3)), (F(4, 5), F(1, 3))]:
        profile = [[[0, 1]], [[0, 1]], [[1 - r, r]]]
        beliefs = {"Player 3": {"Down": belief, "Across/Down": 1 - belief}}
        report = is_sequential_equilibrium(horse, profile, beliefs)
        assert report and report.consistency and report.assessment.is_weak_pbe
        assert max_regret(horse, profile) == 0
    not_sequential = is_sequential_equilibrium(
        horse, [[[0, 1]], [[0, 1]], [[0, 1]]], {"Player 3": {"Down": F(1, 2), "Across/Down": F(1, 2)}}
    )
    assert not not_sequential and not_sequential.consistency
    assert not_sequential.assessment.infoset("Player 3").regret == F(1, 2)
    # r < 3/4 is not even Nash: Player 2 prefers Down
    assert not is_sequential_equilibrium(
        horse, [[[0, 1]], [[0, 1]], [[F(1, 3), F(2, 3)]]], {"Player 3": {"Down": F(1, 3), "Across/Down": F(2, 3)}}
    )


def strategy_ratio_game() -> ExtensiveFormGame:
    """The entrant stays out, or enters and then picks A or B; the incumbent sees entry, not the pick.

    The incumbent's Fight is a best reply when it believes A at least as likely as B.
    """

    def respond(fight: tuple[int, int], share: tuple[int, int]) -> Any:
        return decision("Incumbent", {"Fight": fight, "Share": share}, infoset="entered")

    return ExtensiveFormGame.from_tree(
        decision("Entrant", {"Out": (1, 2), "In": decision("Entrant", {"A": respond((0, 1), (2, 0)), "B": respond((0, 0), (2, 1))})})
    )


def test_weak_pbe_whose_beliefs_are_not_consistent() -> None:
    # An off-path set reached by two of a player's own later actions: weak PBE lets the beliefs be anything
    # (Mas-Colell, Whinston and Green 1995, section 9.C), but both nodes share the tremble on In, so the only
    # consistent belief is the entrant's own ratio 1/3 : 2/3 (Kreps and Wilson 1982).
    game = strategy_ratio_game()
    profile = [[[1, 0], [F(1, 3), F(2, 3)]], [[1, 0]]]
    half = {"entered": {"In/A": F(1, 2), "In/B": F(1, 2)}}
    assert check_assessment(game, profile, half).is_weak_pbe
    report = is_consistent(game, profile, half)
    assert not report and report.trembles == ()
    assert report.failures == (
        "at 'entered', the belief ratio of 'In/B' to 'In/A' must be 2 (the same zero-probability moves lead to both), but it is 1",
    )
    consistent = {"entered": {"In/A": F(1, 3), "In/B": F(2, 3)}}
    assert is_consistent(game, profile, consistent)
    # with the consistent belief Fight is no longer a best reply (Share gives 2/3 against 1/3): no sequential equilibrium here
    sequential = is_sequential_equilibrium(game, profile, consistent)
    assert not sequential and sequential.consistency
    assert sequential.failures == ("'Incumbent' at 'entered' gains 1/3 by playing 'Share' there (2/3 against the profile's 1/3)",)
    # beliefs on the node behind the extra tremble alone are not consistent either
    pure = [[[1, 0], [1, 0]], [[1, 0]]]
    (reason,) = is_consistent(game, pure, {"entered": {"In/B": 1}}).failures
    assert "'In/A' has belief 0 but cannot be infinitely less likely than 'In/B'" in reason
    assert is_consistent(game, pure, {"entered": {"In/A": 1}})


def three_player_game() -> ExtensiveFormGame:
    """Player 1 chooses L, M or R; Player 2 sees L but not M from R; Player 3 sees Player 2's move only."""

    def third(name: str) -> Any:
        return decision("P3", {"x": (0, 0, 1), "y": (0, 0, 0)}, infoset=name)

    def second() -> Any:
        return decision("P2", {"u": third("after u"), "d": third("after d")}, infoset="P2")

    return ExtensiveFormGame.from_tree(decision("P1", {"L": (1, 1, 1), "M": second(), "R": second()}))


def test_consistency_ties_beliefs_at_several_sets_to_the_same_trembles() -> None:
    # Player 1's trembles to M and R govern the beliefs of Player 2 and of Player 3 at both of its sets, so the three
    # beliefs must agree; weak PBE lets them differ (Kreps and Wilson 1982; Fudenberg and Tirole 1991, chapter 8).
    game = three_player_game()
    profile = [[[1, 0, 0]], [[F(1, 2), F(1, 2)]], [[1, 0], [1, 0]]]
    same = {"P2": {"M": F(1, 4), "R": F(3, 4)}, "after u": {"M/u": F(1, 4), "R/u": F(3, 4)}, "after d": {"M/d": F(1, 4), "R/d": F(3, 4)}}
    report = is_consistent(game, profile, same)
    assert report
    assert {(t.infoset, t.action): (t.order, t.coefficient) for t in report.trembles} == {
        ("P1:1", "M"): (1, F(1, 3)),
        ("P1:1", "R"): (1, 1),
        ("after u", "y"): (1, 1),
        ("after d", "y"): (1, 1),
    }
    eps = sympy.Symbol("eps", positive=True)
    assert report.perturbed_profile(eps)[0] == ((1 - 4 * eps / 3, eps / 3, eps),)
    assert check_assessment(game, profile, same).is_weak_pbe
    differ = {**same, "after d": {"M/d": F(1, 2), "R/d": F(1, 2)}}
    assert check_assessment(game, profile, differ).is_weak_pbe
    (reason,) = is_consistent(game, profile, differ).failures
    assert reason.startswith("the beliefs ask for incompatible ratios of the same trembles: at 'P2'")
    assert reason.endswith("they multiply to 1/3") or reason.endswith("they multiply to 3")
    # Player 2 playing u for sure changes nothing: M/d and R/d still differ by Player 1's trembles only
    assert not is_consistent(game, [[[1, 0, 0]], [[1, 0]], [[1, 0], [1, 0]]], differ)
    # supports must agree too: M infinitely more likely than R at one set and the reverse at another is impossible
    supports = {"P2": {"M": 1}, "after u": {"M/u": 1}, "after d": {"R/d": 1}}
    (reason,) = is_consistent(game, profile, supports).failures
    assert "cannot hold together" in reason and "'after d'" in reason and "'P2'" not in reason


def test_one_shot_deviations_are_not_enough_without_consistency() -> None:
    # Hendon, Jacobsen and Sloth (1996): with beliefs that are not consistent, a player may pass every one-shot test
    # yet gain from deviating at two sets. Here A leaves (1) or goes on to a coin and a set h: l pays (0, 1/2), r (3, 0).
    # Believing the second coin side, l is right at h; going on with r instead pays 3/2 > 1.
    game = ExtensiveFormGame.from_tree(
        decision(
            "A",
            {
                "L": (1,),
                "R": chance(
                    {
                        "c1": (F(1, 2), decision("A", {"l": (0,), "r": (3,)}, infoset="h")),
                        "c2": (F(1, 2), decision("A", {"l": (F(1, 2),), "r": (0,)}, infoset="h")),
                    }
                ),
            },
        )
    )
    profile = [[[1, 0], [1, 0]]]
    report = check_assessment(game, profile, {"h": {"R/c2": 1}})
    root = report.infoset("A:1")
    assert root.local_regret == 0 and root.regret == F(1, 2) and dict(root.best_response) == {"A:1": "R", "h": "r"}
    assert report.infoset("h").regret == 0
    assert report.failures == ("'A' at 'A:1' gains 1/2 by changing the continuation ('A:1': 'R', 'h': 'r'): 3/2 against the profile's 1",)
    assert max_regret(game, profile) == F(1, 2)
    assert not is_consistent(game, profile, {"h": {"R/c2": 1}})


def test_bayes_rule_on_the_path() -> None:
    signal = ExtensiveFormGame.from_tree(
        chance(
            {
                "high": (F(1, 4), decision("Sender", {"send": decision("Receiver", {"a": (1, 1), "b": (0, 0)}, infoset="R")})),
                "low": (F(3, 4), decision("Sender", {"send": decision("Receiver", {"a": (1, 0), "b": (0, 1)}, infoset="R")})),
            }
        )
    )
    profile = [[[1], [1]], [[0, 1]]]
    good = check_assessment(signal, profile, {"R": {"high/send": F(1, 4), "low/send": F(3, 4)}})
    assert good.is_weak_pbe and dict(good.infoset("R").bayes or {}) == {"high/send": F(1, 4), "low/send": F(3, 4)}
    bad = check_assessment(signal, profile, {"R": {"high/send": F(1, 2), "low/send": F(1, 2)}})
    assert not bad.bayes_consistent and bad.sequentially_rational and not bad.is_weak_pbe
    assert bad.failures == (
        "beliefs at 'R' are {'high/send': 1/2, 'low/send': 1/2} but the profile reaches the set with probability 1"
        " and Bayes' rule gives {'high/send': 1/4, 'low/send': 3/4}",
    )
    (reason,) = is_consistent(signal, profile, {"R": {"high/send": F(1, 2), "low/send": F(1, 2)}}).failures
    assert reason.startswith("at 'R', the belief ratio of 'low/send' to 'high/send' must be 3")


def test_zero_probability_chance_moves() -> None:
    def game(p: F) -> ExtensiveFormGame:
        return ExtensiveFormGame.from_tree(
            decision(
                "A",
                {
                    "out": (0, 0),
                    "in": chance(
                        {
                            "x": (p, decision("B", {"l": (1, 1), "r": (0, 0)}, infoset="B")),
                            "y": (1 - p, decision("B", {"l": (0, 0), "r": (1, 1)}, infoset="B")),
                        }
                    ),
                },
            )
        )

    profile = [[[1, 0]], [[0, 1]]]
    assert is_consistent(game(F(0)), profile, {"B": {"in/y": 1}})
    (reason,) = is_consistent(game(F(0)), profile, {"B": {"in/x": 1}}).failures
    assert "follows a chance move of probability 0" in reason
    assert is_consistent(game(F(1, 2)), profile, {"B": {"in/x": F(1, 2), "in/y": F(1, 2)}})
    assert not is_consistent(game(F(1, 2)), profile, {"B": {"in/x": F(1, 3), "in/y": F(2, 3)}})


def test_float_and_symbolic_games() -> None:
    horse = catalog.seltens_horse().as_float()
    across = [[[0.0, 1.0]], [[0.0, 1.0]], [[0.0, 1.0]]]
    report = is_sequential_equilibrium(horse, across, {"Player 3": {"Down": 0.3, "Across/Down": 0.7}})
    assert report and report.consistency.trembles[0].coefficient == pytest.approx(3 / 7)
    # within the tolerance a belief of exactly 1/3 keeps Player 3 indifferent
    assert is_sequential_equilibrium(horse, across, {"Player 3": {"Down": 1 / 3, "Across/Down": 2 / 3}})
    assert not is_sequential_equilibrium(horse, across, {"Player 3": {"Down": 0.34, "Across/Down": 0.66}})

    root = sympy.sqrt(2) / 2
    t = sympy.Symbol("t", real=True)
    game = ExtensiveFormGame.from_tree(
        decision(
            "P1",
            {
                "L": (1, 1),
                "R": chance(
                    {
                        "a": (root, decision("P2", {"x": (2, t), "y": (0, 0)}, infoset="s")),
                        "b": (1 - root, decision("P2", {"x": (0, 0), "y": (0, 1)}, infoset="s")),
                    }
                ),
            },
        )
    )
    beliefs = {"s": {"R/a": root, "R/b": 1 - root}}
    numeric = game.subs({t: 3}, kind="symbolic")
    report = is_sequential_equilibrium(numeric, [[[0, 1]], [[1, 0]]], beliefs)
    assert report and report.assessment.infoset("P1:1").value == root * 2
    assert not is_consistent(numeric, [[[0, 1]], [[1, 0]]], {"s": {"R/a": F(1, 2), "R/b": F(1, 2)}})
    # off the path (P1 plays L) any belief is consistent: the witness coefficient is irrational
    off = is_consistent(numeric, [[[1, 0]], [[1, 0]]], beliefs)
    assert off and sympy.simplify(off.trembles[0].coefficient - 1) == 0
    # with the parameter left free, whether x beats y at s depends on t: the check says so instead of guessing
    with pytest.raises(UnsupportedGameError, match=r"check_assessment\(\): cannot decide the sign"):
        check_assessment(game, [[[0, 1]], [[0, 1]]], {"s": {"R/a": 1}})


def test_input_errors() -> None:
    horse = catalog.seltens_horse()
    profile = [[[0, 1]], [[0, 1]], [[0, 1]]]
    cases = [
        ({}, r"check_assessment\(\): beliefs are missing at the sets \['Player 3'\]"),
        ({"Player 3": {"Down": 1}, "P9": {}}, r"unknown information set 'P9'; the sets that need beliefs are \['Player 3'\]"),
        ({"Player 3": {"Up": 1}}, r"beliefs at 'Player 3' name unknown nodes \['Up'\]; the set's nodes are \['Down', 'Across/Down'\]"),
        ({"Player 3": {"Down": F(1, 2)}}, r"beliefs at 'Player 3' must sum to 1; they sum to 1/2"),
        ({"Player 3": {"Down": 2, "Across/Down": -1}}, r"must be non-negative; got -1 for 'Across/Down'"),
        ({"Player 3": [1, 0]}, r"beliefs at 'Player 3' must map node labels \['Down', 'Across/Down'\] to probabilities"),
        ({"Player 3": {"Down": 0.5, "Across/Down": 0.5}}, r"expected an exact number"),
        ({"Player 3": BeliefSet(("Down", "Across/Down"), ((0, 1), (1, 0)))}, r"a BeliefSet \(a set of beliefs\); pick one"),
        ({"Player 1:1": {"root": F(1, 2)}, "Player 3": {"Down": 1}}, r"beliefs at 'Player 1:1' must sum to 1"),
        ([1, 0], r"beliefs must map information-set labels"),
    ]
    for beliefs, message in cases:
        with pytest.raises(InvalidGameError, match=message):
            check_assessment(horse, profile, beliefs)  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match=r"is_consistent\(\): beliefs are missing"):
        is_consistent(horse, profile, {})
    with pytest.raises(InvalidGameError, match=r"is_sequential_equilibrium\(\): beliefs are missing"):
        is_sequential_equilibrium(horse, profile, {})
    with pytest.raises(InvalidGameError, match=r"check_assessment\(\): strategy of 'Player 1'"):
        check_assessment(horse, [[[1, 0], [0, 1]], [[0, 1]], [[0, 1]]], {"Player 3": {"Down": 1}})
    with pytest.raises(InvalidGameError, match=r"check_assessment\(\): game must be an ExtensiveFormGame"):
        check_assessment(catalog.chicken(), profile, {})  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match=r"is_consistent\(\): tol must be a number from 0 to 1"):
        is_consistent(horse, profile, {"Player 3": {"Down": 1}}, tol=-1)
    # a singleton's implicit belief may be given, as 1
    assert check_assessment(horse, profile, {"Player 3": {"Across/Down": 1}, "Player 1:1": {"root": 1}}).sequentially_rational
    with pytest.raises(InvalidGameError, match=r"'chance:1' is a chance node"):
        check_assessment(strategy_ratio_game_with_chance(), [[[1, 0]]], {"chance:1": {}})
    with pytest.raises(InvalidGameError, match=r"ConsistencyReport.perturbed_profile\(\): the assessment is not consistent"):
        is_consistent(strategy_ratio_game(), [[[1, 0], [1, 0]], [[1, 0]]], {"entered": {"In/B": 1}}).perturbed_profile(F(1, 10))


def strategy_ratio_game_with_chance() -> ExtensiveFormGame:
    return ExtensiveFormGame.from_tree(chance({"h": (F(1, 2), decision("A", {"x": (1,), "y": (0,)})), "t": (F(1, 2), (0,))}))


def test_imperfect_recall_is_refused() -> None:
    # the driver forgets whether they turned (not absent-minded: the set's nodes lie on different paths)
    game = ExtensiveFormGame.from_tree(
        decision(
            "D",
            {
                "turn": decision("D", {"a": (1,), "b": (0,)}, infoset="later"),
                "straight": decision("D", {"a": (0,), "b": (1,)}, infoset="later"),
            },
        )
    )
    assert not game.perfect_recall
    with pytest.raises(UnsupportedGameError, match=r"check_assessment\(\): the game must have perfect recall"):
        check_assessment(game, [[[1, 0], [1, 0]]], {"later": {"turn": 1}})
    # consistency does not need perfect recall: off the path the belief is free, on it Bayes' rule decides
    assert is_consistent(game, [[[1, 0], [1, 0]]], {"later": {"turn": 1}})
    assert not is_consistent(game, [[[1, 0], [1, 0]]], {"later": {"straight": 1}})
    assert not is_consistent(game, [[[1, 0], [1, 0]]], {"later": {"turn": F(1, 2), "straight": F(1, 2)}})


# --- properties on generated trees ------------------------------------------------------------------


@given(trees_with_profiles(zeros=False, max_depth=3, max_players=3))
def test_totally_mixed_profiles_have_bayes_beliefs_only(case: Any) -> None:
    game, profile = case
    beliefs = bayes_beliefs(game, profile)
    report = is_consistent(game, profile, beliefs)
    assert report and report.trembles == ()
    assert check_assessment(game, profile, beliefs).bayes_consistent
    for h in multi_node_sets(game):
        label = game.infoset_labels[h]
        first = game.node_label(int(game.nodes_of(h)[0]))
        other = {**beliefs, label: {x: (b + (x == first)) / 2 for x, b in beliefs[label].items()}}
        assert not is_consistent(game, profile, other)
        assert not check_assessment(game, profile, other).bayes_consistent


@given(trees_with_profiles(max_depth=4, max_players=3), st.data())
def test_limits_along_trembles_are_consistent_and_the_witness_reproduces_them(case: Any, data: Any) -> None:
    game, profile = case
    zero = uniform_trembles(game, profile)
    trembles = {key: (data.draw(st.integers(1, 3)), F(data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3)))) for key in zero}
    beliefs = as_fractions(limit_beliefs(game, profile, trembles))
    report = is_consistent(game, profile, beliefs)
    assert report, report.failures
    assert len(report.trembles) == len(zero) and all(t.order >= 1 for t in report.trembles)
    again = limit_beliefs(game, profile, witness_trembles(game, report))
    for label, belief in beliefs.items():
        for node, value in belief.items():
            assert sympy.simplify(sympy.sympify(again[label][node]) - sympy.Rational(value.numerator, value.denominator)) == 0


@given(trees_with_profiles(max_depth=3, max_players=2, max_actions=2), st.data())
def test_regrets_match_brute_force_over_pure_continuations(case: Any, data: Any) -> None:
    game, profile = case
    beliefs = {}
    for h in multi_node_sets(game):
        weights = [data.draw(st.integers(0, 2)) for _ in game.nodes_of(h)]
        weights[0] += sum(weights) == 0
        beliefs[game.infoset_labels[h]] = {
            game.node_label(int(x)): F(w, sum(weights)) for x, w in zip(game.nodes_of(h), weights, strict=True)
        }
    report = check_assessment(game, profile, beliefs)
    for check, h in zip(report.infosets, player_sets(game), strict=True):
        assert check.regret == brute_force_regret(game, profile, h, dict(check.beliefs))
        assert 0 <= check.local_regret <= check.regret


@given(perfect_information_trees(max_depth=3), st.data())
def test_perfect_information_sequential_rationality_is_subgame_perfection(game: ExtensiveFormGame, data: Any) -> None:
    profile = data.draw(profiles(game))
    report = check_assessment(game, profile, {})
    assert report.bayes_consistent
    assert report.sequentially_rational == all(v == 0 for v in subgame_regrets(game, profile).values())
    for eq in solve(game, method="spe"):
        assert check_assessment(game, eq.profile, {}).is_weak_pbe
        assert is_sequential_equilibrium(game, eq.profile, {})


@given(game_trees(max_depth=3, max_players=2), st.data())
def test_sequential_equilibria_are_nash_and_subgame_perfect(game: ExtensiveFormGame, data: Any) -> None:
    candidates = [eq.profile for eq in solve(game, method="spe")] + [data.draw(profiles(game))]
    for profile in candidates:
        beliefs = as_fractions(limit_beliefs(game, profile, uniform_trembles(game, profile)))
        report = is_sequential_equilibrium(game, profile, beliefs)
        assert report.consistency, report.consistency.failures
        if report:
            assert max_regret(game, profile) == 0
            assert set(subgame_regrets(game, profile).values()) == {0}
