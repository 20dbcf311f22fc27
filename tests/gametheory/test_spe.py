"""Subgame-perfect equilibria: properties on generated trees and the textbook games."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory import (
    ExtensiveFormGame,
    SolverError,
    UnsupportedGameError,
    behaviour_to_mixed,
    catalog,
    chance,
    decision,
    max_regret,
    mixed_to_behaviour,
    outcome_distribution,
    solve,
    subgame_regrets,
)
from gametheory.solvers.spe import backward_induction
from tests.strategies import game_trees, perfect_information_trees


def rebuild(game: ExtensiveFormGame, *, reverse: bool = False, rename: bool = False):  # type: ignore[no-untyped-def]
    """The same tree through the nested builder, optionally with every node's moves in reverse order or actions renamed."""

    def node(n: int):  # type: ignore[no-untyped-def]
        if game.mover[n] == -2:
            return game.terminal_payoffs(n)
        h = int(game.infoset[n])
        moves = [(("x" if rename else "") + game.infoset_actions[h][a], int(c)) for a, c in enumerate(game.children(n))]
        if reverse:
            moves.reverse()
        if game.mover[n] == -1:
            probs = game.chance_probs[h]
            assert probs is not None
            order = range(len(moves) - 1, -1, -1) if reverse else range(len(moves))
            return chance({label: (probs[a], node(c)) for (label, c), a in zip(moves, order, strict=True)})
        player = game.players[int(game.mover[n])]
        return decision(player, {label: node(c) for label, c in moves}, infoset=game.infoset_labels[h])

    return ExtensiveFormGame.from_tree(node(0), players=game.players)


# two players where information is imperfect: a subgame with three movers goes to n-player support enumeration (slow)
@given(st.one_of(game_trees(max_depth=3, max_players=2), game_trees(max_depth=4, max_players=4, imperfect=False)))
def test_every_spe_has_zero_regret_in_every_subgame(game: ExtensiveFormGame) -> None:
    result = solve(game, "spe")
    assert result.exact and len(result) >= 1
    nf = game.to_normal_form()
    for eq in result:
        assert eq.concept == "spe" and eq.max_regret == 0
        assert set(subgame_regrets(game, eq.profile).values()) == {0}
        # a subgame-perfect equilibrium is a Nash equilibrium of the reduced normal form
        assert max_regret(nf, behaviour_to_mixed(game, eq.profile)) == 0
        assert sum(outcome_distribution(game, eq.profile).values()) == 1


@given(perfect_information_trees(max_depth=4), st.randoms(use_true_random=False))
def test_generic_perfect_information_trees_have_one_spe(game: ExtensiveFormGame, random) -> None:  # type: ignore[no-untyped-def]
    # distinct payoffs for each player at every terminal: no mover is ever indifferent
    rows = []
    for _ in range(game.n_players):
        column = list(range(len(game.terminals)))
        random.shuffle(column)
        rows.append(column)
    generic = ExtensiveFormGame.from_arrays(
        players=game.players,
        parent=game.parent,
        mover=game.mover,
        infoset=game.infoset,
        actions=game.infoset_actions,
        payoffs=np.array(rows, dtype=np.int64).T,
    )
    result = solve(generic, "spe")
    assert len(result) == 1 and result.complete and result.details["ties"] == ()
    # SPE are among the Nash equilibria: its outcome is the outcome of a pure equilibrium of the reduced normal form
    pure = solve(generic.to_normal_form(), "pure")
    outcomes = [outcome_distribution(generic, mixed_to_behaviour(generic, eq.profile)[0]) for eq in pure]
    assert outcome_distribution(generic, result[0].profile) in outcomes


@given(st.one_of(game_trees(max_depth=3, max_players=2), game_trees(max_depth=4, max_players=4, imperfect=False)))
def test_relabelling_and_reordering_moves(game: ExtensiveFormGame) -> None:
    original = solve(game, "spe")
    renamed = solve(rebuild(game, rename=True), "spe")
    assert [eq.profile for eq in renamed] == [eq.profile for eq in original]
    reversed_game = rebuild(game, reverse=True)
    flipped = solve(reversed_game, "spe")

    # the same equilibria up to order, once each set's probabilities are read by action label
    def by_label(g, result):  # type: ignore[no-untyped-def]
        return sorted(
            str(sorted((p, s, sorted(v.items())) for p in range(g.n_players) for s, v in result.strategy(i, p).items()))
            for i in range(len(result))
        )

    if game.perfect_information:
        assert by_label(game, original) == by_label(reversed_game, flipped)
    else:
        assert len(flipped) >= 1


def recursive_values(game: ExtensiveFormGame) -> list[tuple]:  # type: ignore[type-arg]
    """An independent oracle: textbook recursion in Fractions (first best action on ties); the trees are shallow."""

    def value(n: int) -> tuple:  # type: ignore[type-arg]
        if game.mover[n] == -2:
            return tuple(F(v) for v in game.terminal_payoffs(n))
        children = [value(c) for c in game.children(n)]
        if game.mover[n] == -1:
            probs = game.chance_probs[int(game.infoset[n])]
            assert probs is not None
            return tuple(sum(p * v[i] for p, v in zip(probs, children, strict=True)) for i in range(game.n_players))
        who = int(game.mover[n])
        return max(children, key=lambda v: v[who])

    return [value(0)]


@given(game_trees(max_depth=3, chance=True, imperfect=False, max_actions=10))
def test_backward_induction_matches_recursion(game: ExtensiveFormGame) -> None:
    """Wide nodes (segmented reduction), narrow ones (columns) and chance nodes against plain recursion."""
    run = backward_induction(game)
    root = tuple(F(run.values[p, 0]) / run.scales[p] for p in range(game.n_players))
    assert [root] == recursive_values(game)


def test_float_trees() -> None:
    game = ExtensiveFormGame.from_tree(
        decision("A", {"x": (0.5, 1.0), "y": decision("B", {"l": (1.5, 0.25), "r": (0.0, 0.5)})}), kind="float"
    )
    result = solve(game, "spe")
    assert not result.exact and result[0].payoffs == (0.5, 1.0)


# --- the textbook trees ---------------------------------------------------------------------------
def test_entry_deterrence() -> None:
    # Selten (1978); Gibbons (1992) section 2.1: the threat to fight is not credible
    game = catalog.entry_deterrence()
    result = solve(game)
    assert result.method == "spe" and len(result) == 1 and result.complete
    assert result.strategy(0, 0) == {"Entrant:1": {"Out": 0, "In": 1}}
    assert result.strategy(0, 1) == {"Incumbent:1": {"Fight": 0, "Accommodate": 1}}
    assert result[0].payoffs == (2, 2)
    # (Out, Fight) is a Nash equilibrium that fails in the subgame after entry
    nash = solve(game, "nash")
    assert any(r.outcomes(i) == {"Out": 1} for r in [nash] for i in range(len(nash)))
    assert subgame_regrets(game, [[[1, 0]], [[1, 0]]]) == {0: 0, 2: 2}


@pytest.mark.parametrize("markets", [1, 2, 3])
def test_chain_store_paradox(markets: int) -> None:
    # Selten (1978): by backward induction every entrant enters and the incumbent always accommodates
    result = solve(catalog.chain_store(markets))
    assert len(result) == 1
    assert result[0].payoffs == (2 * markets, *([2] * markets))
    ((path, probability),) = result.outcomes(0).items()
    assert probability == 1 and path == "/".join(["In", "Accommodate"] * markets)


@pytest.mark.parametrize("stages", [2, 4, 6, 11])
def test_centipede(stages: int) -> None:
    # Rosenthal (1981); McKelvey & Palfrey (1992): the first mover takes at once, (0.40, 0.10)
    result = solve(catalog.centipede(stages))
    assert len(result) == 1 and result[0].payoffs == (40, 10)
    assert all(probs == (1, 0) for strategy in result[0].profile for probs in strategy)  # Take everywhere, on and off the path


def test_ultimatum_game_with_discrete_offers() -> None:
    # Osborne (2004) section 6.1.1: two SPE, offer 0 (accepted) and offer 1 (0 rejected)
    result = solve(catalog.ultimatum(4))
    assert len(result) == 2 and result.complete and result.degenerate
    assert [r for r in result.details["ties"]] == [{"node": "Offer 0", "player": "Responder", "actions": ("Accept", "Reject")}]
    assert [result.outcomes(i) for i in range(2)] == [{"Offer 0/Accept": 1}, {"Offer 1/Accept": 1}]
    assert [eq.payoffs for eq in result] == [(4, 0), (3, 1)]
    # every other offer is accepted in both
    for i in range(2):
        responder = result.strategy(i, 1)
        assert all(responder[f"after {k}"]["Accept"] == 1 for k in range(1, 5))


def test_seltens_horse() -> None:
    # Selten (1975); Fudenberg & Tirole (1991) fig. 8.5: no proper subgame, so SPE = Nash;
    # two components, (Down, Across w.p. >= 1/3, Left) and (Across, Across, Right w.p. >= 3/4)
    game = catalog.seltens_horse()
    result = solve(game, "spe")
    outcomes = [result.outcomes(i) for i in range(len(result))]
    assert {"Down/Left": 1} in outcomes and {"Across/Across": 1} in outcomes
    assert all(eq.max_regret == 0 for eq in result)
    continua = result.details["continua"]
    assert continua and not result.complete


def test_ties_enumeration_is_bounded() -> None:
    # every mover indifferent everywhere: 2^7 pure SPE in a depth-3 binary tree, capped
    def node(depth: int):  # type: ignore[no-untyped-def]
        return (0, 0) if depth == 3 else decision("A" if depth % 2 == 0 else "B", {"l": node(depth + 1), "r": node(depth + 1)})

    game = ExtensiveFormGame.from_tree(node(0))
    assert len(solve(game, "spe")) == 2**7
    capped = solve(game, "spe", max_equilibria=10)
    assert len(capped) == 10 and not capped.complete


def test_bad_input() -> None:
    with pytest.raises(UnsupportedGameError, match="spe\\(\\): game must be an ExtensiveFormGame"):
        solve(catalog.chicken(), "spe")
    with pytest.raises(SolverError, match="max_equilibria"):
        solve(catalog.entry_deterrence(), "spe", max_equilibria=0)
    with pytest.raises(SolverError, match="perfect information"):
        backward_induction(catalog.seltens_horse())


def test_imperfect_information_subgames_are_solved_with_mixed_equilibria() -> None:
    # a first move, then matching pennies played simultaneously: the subgame's only equilibrium is mixed
    pennies = decision(
        "Row",
        {
            "H": decision("Column", {"h": (1, -1), "t": (-1, 1)}, infoset="guess"),
            "T": decision("Column", {"h": (-1, 1), "t": (1, -1)}, infoset="guess"),
        },
    )
    game = ExtensiveFormGame.from_tree(decision("Row", {"Play": pennies, "Quit": (F(-1, 2), F(1, 2))}), players=["Row", "Column"])
    result = solve(game, "spe")
    assert len(result) == 1
    assert result.strategy(0, 0)["Row:1"] == {"Play": 1, "Quit": 0}
    assert result.strategy(0, 1)["guess"] == {"h": F(1, 2), "t": F(1, 2)}
    assert result[0].payoffs == (0, 0)
