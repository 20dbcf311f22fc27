"""ExtensiveFormGame: construction, validation, subgames, normal forms, behaviour profiles."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given

from gametheory import (
    ExtensiveFormGame,
    InvalidGameError,
    UnsupportedGameError,
    behaviour_profile,
    behaviour_to_mixed,
    catalog,
    chance,
    decision,
    expected_payoffs,
    max_regret,
    mixed_to_behaviour,
    outcome,
    outcome_distribution,
    reach_probabilities,
    solve,
    subgame_regrets,
)
from gametheory.profiles import certify
from tests.strategies import game_trees


def crisis() -> ExtensiveFormGame:
    return ExtensiveFormGame.from_tree(
        decision(
            "Challenger",
            {
                "Status quo": outcome(0, 0, label="Status quo"),
                "Challenge": decision("Defender", {"Concede": (1, -1), "Resist": outcome(-2, -1, label="War")}),
            },
        ),
        title="Crisis",
    )


def test_breadth_first_arrays() -> None:
    game = crisis()
    assert game.parent.tolist() == [-1, 0, 0, 2, 2]
    assert game.first_child.tolist() == [1, -1, 3, -1, -1]
    assert game.mover.tolist() == [0, -2, 1, -2, -2]
    assert game.depth.tolist() == [0, 1, 1, 2, 2]
    assert game.preorder.tolist() == [0, 1, 2, 3, 4]
    assert game.size.tolist() == [5, 1, 3, 1, 1]
    assert game.outcome_labels == ("Status quo", "Challenge/Concede", "War")
    assert game.terminal_payoffs(4) == (-2, -1)
    assert game.node_label(3) == "Challenge/Concede"
    assert game.action_label(2) == "Challenge"
    assert not game.parent.flags.writeable
    props = game.properties
    assert (props.n_players, props.n_nodes, props.n_terminals, props.perfect_information, props.chance) == (2, 5, 3, True, False)


def test_equality_and_hash() -> None:
    assert crisis() == crisis()
    assert hash(crisis()) == hash(crisis())
    assert crisis() != catalog.entry_deterrence()


def test_from_arrays_matches_builder_in_any_node_order() -> None:
    # the crisis tree with nodes numbered backwards
    game = ExtensiveFormGame.from_arrays(
        players=["Challenger", "Defender"],
        parent=[3, 3, 4, 4, -1],
        mover=[-2, -2, -2, 1, 0],
        infoset=[-1, -1, -1, 1, 0],
        actions=[["Status quo", "Challenge"], ["Concede", "Resist"]],
        payoffs=[[1, -1], [-2, -1], [0, 0]],
        node_labels=["", "War", "Status quo", "", ""],
        title="Crisis",
    )
    assert game == crisis()


def test_chance_and_information_sets() -> None:
    game = ExtensiveFormGame.from_tree(
        chance(
            {
                "Resolved": (F(1, 3), decision("Challenger", {"Back down": (0, 1), "Press": (-3, 2)}, infoset="C")),
                "Bluffing": (F(2, 3), decision("Challenger", {"Back down": (0, 1), "Press": (2, -1)}, infoset="C")),
            }
        ),
        players=["Challenger", "Defender"],
    )
    assert game.infoset_labels == ("C", "chance:1")
    assert game.nodes_of(0).tolist() == [1, 2]
    assert game.chance_probs[1] == (F(1, 3), F(2, 3))
    assert game.subgame_roots().tolist() == [0]
    assert not game.perfect_information and game.perfect_recall


def test_symbolic_and_float_kinds() -> None:
    p = sympy.Symbol("p", positive=True)
    game = ExtensiveFormGame.from_tree(chance({"a": (p, (1,)), "b": (1 - p, (0,))}), players=["A"])
    assert game.kind == "symbolic"
    floats = ExtensiveFormGame.from_tree(decision("A", {"x": (0.5,), "y": (1.25,)}), kind="float")
    assert floats.kind == "float" and floats.payoffs[0].dtype == float


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ExtensiveFormGame.from_tree(chance({"a": (F(1, 2), (1,)), "b": (F(1, 3), (0,))}), players=["A"]), "sum to 1"),
        (lambda: ExtensiveFormGame.from_tree(chance({"a": (F(3, 2), (1,)), "b": (F(-1, 2), (0,))}), players=["A"]), "non-negative"),
        (lambda: ExtensiveFormGame.from_tree(chance({"a": (0.5, (1,)), "b": (0.5, (0,))}), players=["A"]), "float"),
        (lambda: ExtensiveFormGame.from_tree(chance({"a": (1, (1,))})), "players"),
        (lambda: ExtensiveFormGame.from_tree(decision("A", {})), "no moves"),
        (lambda: ExtensiveFormGame.from_tree(decision("A", {"x": (1, 2)})), "1 payoffs"),
        (
            lambda: ExtensiveFormGame.from_tree(
                decision("A", {"x": decision("B", {"l": (0, 0)}, infoset="I"), "y": decision("B", {"r": (0, 0)}, infoset="I")})
            ),
            "same actions",
        ),
        (
            lambda: ExtensiveFormGame.from_tree(decision("A", {"x": outcome(0, label="end"), "y": outcome(1, label="end")})),
            "unique",
        ),
        (lambda: ExtensiveFormGame.from_tree(decision("A", {"x": (0,)}), players=["B"]), "not among players"),
        (lambda: ExtensiveFormGame.from_tree("root"), "expected a subtree"),
    ],
)
def test_invalid_trees_are_refused(build, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidGameError, match=message):
        build()


def test_from_arrays_validation() -> None:
    base = dict(
        players=["A", "B"], parent=[-1, 0, 0], mover=[0, -2, -2], infoset=[0, -1, -1], actions=[["x", "y"]], payoffs=[[1, 0], [0, 1]]
    )
    ExtensiveFormGame.from_arrays(**base)  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="exactly one root"):
        ExtensiveFormGame.from_arrays(**{**base, "parent": [-1, -1, 0]})  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="not describe a tree"):
        ExtensiveFormGame.from_arrays(
            **{**base, "parent": [-1, 2, 1], "mover": [0, 0, 0], "infoset": [0, 1, 2], "actions": [["x"], ["y"], ["z"]], "payoffs": []}
        )  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="unique"):
        ExtensiveFormGame.from_arrays(**{**base, "actions": [["x", "x"]]})  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="mover"):
        ExtensiveFormGame.from_arrays(**{**base, "mover": [5, -2, -2]})  # type: ignore[arg-type]
    with pytest.raises(InvalidGameError, match="terminal node 1 has children"):
        ExtensiveFormGame.from_arrays(**{**base, "parent": [-1, 0, 1]})  # type: ignore[arg-type]
    # one set shared by nodes of two players
    with pytest.raises(InvalidGameError, match="different players"):
        ExtensiveFormGame.from_arrays(
            players=["A", "B"],
            parent=[-1, 0, 0, 1, 2],
            mover=[0, 0, 1, -2, -2],
            infoset=[0, 1, 1, -1, -1],
            actions=[["x", "y"], ["z"]],
            payoffs=[[0, 0], [0, 0]],
        )
    # two nodes of one set on one path (absent-mindedness)
    with pytest.raises(InvalidGameError, match="absent-minded"):
        ExtensiveFormGame.from_arrays(
            players=["A"],
            parent=[-1, 0, 0, 1, 1],
            mover=[0, 0, -2, -2, -2],
            infoset=[0, 0, -1, -1, -1],
            actions=[["x", "y"]],
            payoffs=[[0], [1], [2]],
        )
    # two sets of one player with one label
    with pytest.raises(InvalidGameError, match="two information sets labelled"):
        ExtensiveFormGame.from_arrays(
            **{
                **base,
                "parent": [-1, 0, 0, 1, 1],
                "mover": [0, 0, -2, -2, -2],
                "infoset": [0, 1, -1, -1, -1],
                "actions": [["x", "y"], ["l", "r"]],
                "payoffs": [[0, 0]] * 3,
                "infoset_labels": ["S", "S"],
            }
        )  # type: ignore[arg-type]


def forgetful() -> ExtensiveFormGame:
    """The driver forgets whether they turned: imperfect recall (not absent-minded: the set's nodes are on different paths)."""
    return ExtensiveFormGame.from_tree(
        decision(
            "Driver",
            {
                "Left": decision("Driver", {"Stop": (1,), "Go": (0,)}, infoset="forgot"),
                "Right": decision("Driver", {"Stop": (0,), "Go": (2,)}, infoset="forgot"),
            },
        )
    )


def test_imperfect_recall_is_reported_and_refused() -> None:
    game = forgetful()
    assert game.perfect_recall is False and game.properties.perfect_recall is False
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        solve(game, "spe")
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        max_regret(game, [[[1, 0], [1, 0]]])
    assert len(game.pure_strategies(0)) == 4  # not reduced without perfect recall


def test_subgames() -> None:
    assert catalog.entry_deterrence().subgame_roots().tolist() == [0, 2]
    assert catalog.seltens_horse().subgame_roots().tolist() == [0]
    chain = catalog.chain_store(2)
    assert len(chain.subgame_roots()) == int(np.sum(chain.mover >= 0))  # perfect information: every decision node


def test_reduced_and_full_normal_forms() -> None:
    game = catalog.centipede(4)
    reduced = game.to_normal_form()
    full = game.to_normal_form(reduced=False)
    assert reduced.shape == (3, 3) and full.shape == (4, 4)
    assert reduced.actions[0] == ("Take/*", "Pass/Take", "Pass/Pass")
    # McKelvey & Palfrey (1992): taking at once pays (0.40, 0.10), in cents
    assert reduced.payoff((0, 0)) == (40, 10)
    assert reduced.payoff((2, 2)) == (640, 160)
    ultimatum = catalog.ultimatum(2).to_normal_form()
    assert ultimatum.shape == (3, 8)


def test_normal_form_with_chance_is_exact() -> None:
    game = ExtensiveFormGame.from_tree(
        chance(
            {
                "a": (F(1, 3), decision("A", {"x": (3,), "y": (0,)}, infoset="I")),
                "b": (F(2, 3), decision("A", {"x": (0,), "y": (3,)}, infoset="I")),
            }
        )
    )
    nf = game.to_normal_form()
    assert nf.payoffs[0].tolist() == [1, 2]


def test_profiles_on_trees() -> None:
    game = crisis()
    profile = [[[F(1, 2), F(1, 2)]], [[F(1, 4), F(3, 4)]]]
    assert outcome_distribution(game, profile) == {"Status quo": F(1, 2), "Challenge/Concede": F(1, 8), "War": F(3, 8)}
    assert reach_probabilities(game, profile).tolist() == [1, F(1, 2), F(1, 2), F(1, 8), F(3, 8)]
    assert expected_payoffs(game, profile) == (F(1, 8) - F(6, 8), F(-1, 8) - F(3, 8))
    named = {
        "Challenger": {"Challenger:1": {"Status quo": F(1, 2), "Challenge": F(1, 2)}},
        "Defender": {"Defender:1": {"Concede": F(1, 4), "Resist": F(3, 4)}},
    }
    assert behaviour_profile(game, named) == behaviour_profile(game, profile)
    with pytest.raises(InvalidGameError, match="sum to 1"):
        behaviour_profile(game, [[[1, 1]], [[1, 0]]])
    with pytest.raises(InvalidGameError, match="one behaviour strategy per player"):
        behaviour_profile(game, [[[1, 0]]])
    with pytest.raises(InvalidGameError, match="information sets"):
        behaviour_profile(game, {"Challenger": {"nope": {}}, "Defender": {}})


@given(game_trees(max_depth=3, max_players=3))
def test_kuhn_maps_preserve_the_outcome(game: ExtensiveFormGame) -> None:
    """Kuhn's theorem: behaviour -> mixed -> behaviour keeps every terminal's probability."""
    widths = [len(game.infoset_actions[h]) for h in range(game.n_infosets)]
    profile = [
        [[F(a + 1, widths[h] * (widths[h] + 1) // 2) for a in range(widths[h])] for h in game.infosets_of(p)] for p in range(game.n_players)
    ]
    mixed = behaviour_to_mixed(game, profile)
    back, free = mixed_to_behaviour(game, mixed)
    assert free == ()
    assert outcome_distribution(game, back) == outcome_distribution(game, profile)
    # the normal form's expected payoffs equal the tree's
    assert certify(game.to_normal_form(), mixed)[1] == expected_payoffs(game, profile)


@given(game_trees(max_depth=3, max_players=3))
def test_regret_on_tree_equals_regret_in_normal_form(game: ExtensiveFormGame) -> None:
    profile = [
        [tuple(F(1, len(game.infoset_actions[h])) for _ in game.infoset_actions[h]) for h in game.infosets_of(p)]
        for p in range(game.n_players)
    ]
    mixed = behaviour_to_mixed(game, profile)
    assert max_regret(game, profile) == max_regret(game.to_normal_form(), mixed)
    regrets = subgame_regrets(game, profile)
    assert regrets[0] == max_regret(game, profile)
    assert set(regrets) == set(game.subgame_roots().tolist())
