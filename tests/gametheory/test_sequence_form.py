"""Properties of `sequence_form`: the sequence form itself, exact certificates, agreement with the reduced normal form and pygambit."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import ExtensiveFormGame, InvalidGameError, UnsupportedGameError, catalog, chance, decision, solve
from gametheory.games.extensive_form import CHANCE, TERMINAL
from gametheory.profiles import behaviour_to_mixed, expected_payoffs, max_regret
from gametheory.solvers import sequence_form as sf_module
from gametheory.solvers.sequence_form import behaviour_from_plans, realization_plans, sequence_form_of
from tests.strategies import bimatrix_games, game_trees

F = Fraction


# --- games ----------------------------------------------------------------------------------------
def kuhn_poker() -> ExtensiveFormGame:
    """Kuhn's three-card poker: H. W. Kuhn, "A simplified two-person poker", *Contributions to the Theory of Games* I (1950).

    Each player antes 1 and gets one of J < Q < K; player 1 checks or bets 1;
    after a check player 2 checks (showdown) or bets, and player 1 then folds
    or calls; after a bet player 2 folds or calls. The value for player 1 is
    -1/18. Player 2's optimal strategy is unique: with K always bet and call;
    with Q check, and call a bet with probability 1/3; with J bet after a
    check with probability 1/3 and fold to a bet. Player 1's optimal
    strategies form one family, ``alpha`` in [0, 1/3]: bet J with ``alpha``,
    K with ``3 alpha``, never Q; after check and bet fold J, call Q with
    ``alpha + 1/3``, call K.
    """
    cards = ("J", "Q", "K")

    def showdown(c1: str, c2: str, stake: int) -> tuple[int, int]:
        return (stake, -stake) if cards.index(c1) > cards.index(c2) else (-stake, stake)

    deals = {}
    for c1 in cards:
        for c2 in cards:
            if c1 != c2:
                after_check = decision(
                    "Player 2",
                    {
                        "Check": showdown(c1, c2, 1),
                        "Bet": decision("Player 1", {"Fold": (-1, 1), "Call": showdown(c1, c2, 2)}, infoset=f"P1 {c1} check-bet"),
                    },
                    infoset=f"P2 {c2} check",
                )
                after_bet = decision("Player 2", {"Fold": (1, -1), "Call": showdown(c1, c2, 2)}, infoset=f"P2 {c2} bet")
                deals[f"{c1}{c2}"] = (F(1, 6), decision("Player 1", {"Check": after_check, "Bet": after_bet}, infoset=f"P1 {c1}"))
    return ExtensiveFormGame.from_tree(chance(deals), players=["Player 1", "Player 2"], title="Kuhn poker")


def simultaneous_tree(A, B) -> ExtensiveFormGame:
    """A bimatrix game as a tree: the column player moves without seeing the row."""
    m, n = len(A), len(A[0])
    return ExtensiveFormGame.from_tree(
        decision("Row", {f"r{i}": decision("Column", {f"c{j}": (A[i][j], B[i][j]) for j in range(n)}, infoset="col") for i in range(m)}),
        players=["Row", "Column"],
    )


def random_tree(size: int, seed: int, zero_sum: bool = False) -> ExtensiveFormGame:
    """A random two-player tree with chance, simultaneous-move blocks and about ``1.5 * size`` nodes."""
    rng = np.random.default_rng(seed)
    players = ["P1", "P2"]
    blocks = [0]

    def leaf() -> tuple[int, int]:
        a = int(rng.integers(-20, 21))
        return (a, -a) if zero_sum else (a, int(rng.integers(-20, 21)))

    def node(budget: int):
        if budget <= 1:
            return leaf()
        kind = rng.choice(["decision", "block", "chance"], p=[0.45, 0.45, 0.1])
        width = int(rng.integers(2, 4))
        shares = rng.multinomial(max(0, budget - 1 - width), np.ones(width) / width)
        if kind == "chance":
            w = rng.integers(1, 5, width)
            return chance({f"c{a}": (F(int(w[a]), int(w.sum())), node(int(shares[a]))) for a in range(width)})
        mover = players[int(rng.integers(2))]
        if kind == "decision":
            return decision(mover, {f"a{a}": node(int(shares[a])) for a in range(width)})
        other = players[1 - players.index(mover)]
        blocks[0] += 1
        name, width2 = f"block{blocks[0]}", int(rng.integers(2, 4))
        return decision(
            mover,
            {
                f"a{a}": decision(other, {f"b{b}": node(int(shares[a]) // width2) for b in range(width2)}, infoset=name)
                for a in range(width)
            },
        )

    return ExtensiveFormGame.from_tree(node(size), players=players)


# --- checks ---------------------------------------------------------------------------------------
def check_result(game: ExtensiveFormGame, result, *, normal_form: bool = True) -> None:
    """Zero regret on the tree (exactly for exact games), Nash in the reduced normal form, consistent details."""
    exact = game.kind == "exact"
    assert result.method == "sequence_form" and result.exact is exact and result.complete is False
    assert len(result) >= 1
    assert len(result.details["unreached"]) == len(result)
    # the reduced normal form can be exponentially larger than the tree: check against it when it is small
    small = normal_form and int(np.prod([len(game.pure_strategies(p)) for p in range(2)])) <= 2000
    nf = game.to_normal_form() if small else None
    for eq, free in zip(result, result.details["unreached"], strict=True):
        assert eq.concept == "nash"
        if exact:
            assert eq.max_regret == 0 and max_regret(game, eq.profile) == 0
            assert all(isinstance(v, Fraction) for strategy in eq.profile for probs in strategy for v in probs)
            assert eq.payoffs == expected_payoffs(game, eq.profile)
        else:
            assert eq.max_regret <= 1e-6
        labels = {game.infoset_labels[h] for p in range(2) for h in game.infosets_of(p)}
        assert set(free) <= labels
        if nf is not None and exact:
            assert max_regret(nf, behaviour_to_mixed(game, eq.profile)) == 0
    if result.details["algorithm"] == "lcp":
        mapping = result.details["start_to_equilibrium"]
        assert set(mapping.values()) == set(range(len(result)))
        assert len(mapping) == len(result.details["starts"]) == len(result.details["pivots"])
    profiles = [eq.profile for eq in result]
    if exact:
        assert len(set(profiles)) == len(profiles)


def zero_sum_value(game: ExtensiveFormGame):
    return solve(game.to_normal_form(), "zero_sum").details["value"]


# --- the sequence form ----------------------------------------------------------------------------
@st.composite
def trees_with_profiles(draw):
    game = draw(game_trees(max_players=2))
    profile = []
    for p in range(2):
        strategy = []
        for h in game.infosets_of(p):
            weights = draw(st.lists(st.integers(0, 3), min_size=len(game.infoset_actions[h]), max_size=len(game.infoset_actions[h])))
            if sum(weights) == 0:
                weights = [1] * len(weights)
            strategy.append([F(w, sum(weights)) for w in weights])
        profile.append(strategy)
    return game, profile


@given(trees_with_profiles())
def test_realization_plans_satisfy_constraints_and_give_the_payoffs(case):
    game, profile = case
    sf = sequence_form_of(game)
    x, y = realization_plans(game, profile)
    assert (len(x), len(y)) == sf.n_sequences
    assert list(sf.E.dot(np.array(x, dtype=object))) == list(sf.e)
    assert list(sf.F.dot(np.array(y, dtype=object))) == list(sf.f)
    X, Y = np.array(x, dtype=object), np.array(y, dtype=object)
    assert (X.dot(sf.A).dot(Y), X.dot(sf.B).dot(Y)) == expected_payoffs(game, profile)
    # and back: where a set is reached by its player's own plan, behaviour is recovered
    back, free = behaviour_from_plans(game, (x, y))
    for p in range(2):
        for k, h in enumerate(game.infosets_of(p)):
            if game.infoset_labels[h] not in free:
                assert back[p][k] == tuple(profile[p][k])
            else:
                assert (x, y)[p][int(sf.parent_sequence[p][k])] == 0


def test_sequence_form_is_linear_in_the_tree():
    game = kuhn_poker()
    sf = sequence_form_of(game)
    # player 1: empty + 2 actions at each of 6 sets; the reduced normal form has 27 strategies
    assert sf.n_sequences == (13, 13)
    assert sf.E.shape == (7, 13) and sf.F.shape == (7, 13)
    assert len(game.pure_strategies(0)) == 27
    assert sf.sequence_labels(0)[:3] == ("∅", "P1 J:Check", "P1 J:Bet")
    assert sum(sf.A.flat) == 0  # zero-sum terminal payoffs, weighted by 1/6 each: the bets balance out
    assert (sf.A + sf.B == 0).all()


# --- examples -------------------------------------------------------------------------------------
def test_kuhn_poker_value_and_optimal_strategies():
    # Kuhn (1950): value -1/18; player 2's optimal strategy is unique; player 1's a one-parameter family
    game = kuhn_poker()
    assert game.properties.zero_sum
    for algorithm in ("lp", "lcp"):
        result = solve(game, "sequence_form", algorithm=algorithm)
        check_result(game, result)
        assert result.details["algorithm"] == algorithm
        if algorithm == "lp":
            assert result.details["value"] == F(-1, 18)
        for i, eq in enumerate(result):
            assert eq.payoffs == (F(-1, 18), F(1, 18))
            s2 = result.strategy(i, 1)
            assert s2["P2 K check"]["Bet"] == 1 and s2["P2 K bet"]["Call"] == 1
            assert s2["P2 Q check"]["Check"] == 1 and s2["P2 Q bet"]["Call"] == F(1, 3)
            assert s2["P2 J check"]["Bet"] == F(1, 3) and s2["P2 J bet"]["Fold"] == 1
            s1 = result.strategy(i, 0)
            alpha = s1["P1 J"]["Bet"]
            assert 0 <= alpha <= F(1, 3)
            assert s1["P1 Q"]["Bet"] == 0 and s1["P1 J check-bet"]["Call"] == 0
            assert s1["P1 Q check-bet"]["Call"] == alpha + F(1, 3)
            if alpha == F(1, 3):  # K always bets: K's check-bet set is never reached by player 1's own play
                assert "P1 K check-bet" in result.details["unreached"][i]
            else:
                assert s1["P1 K"]["Bet"] == 3 * alpha and s1["P1 K check-bet"]["Call"] == 1


def test_kuhn_poker_in_floats():
    game = kuhn_poker().as_float()
    for algorithm in ("lp", "lcp"):
        result = solve(game, "sequence_form", algorithm=algorithm)
        check_result(game, result, normal_form=False)
        assert result.exact is False
        assert all(abs(eq.payoffs[0] + 1 / 18) < 1e-9 for eq in result)
    assert abs(solve(game, "sequence_form").details["value"] + 1 / 18) < 1e-9


def test_entry_deterrence():
    # Nash equilibria: (In, Accommodate), and Out with Fight played with probability >= 1/2 (Selten 1978)
    game = catalog.entry_deterrence()
    result = solve(game, "sequence_form")
    check_result(game, result)
    for i in range(len(result)):
        entrant, incumbent = result.strategy(i, 0)["Entrant:1"], result.strategy(i, 1)["Incumbent:1"]
        assert (entrant["In"], incumbent["Accommodate"]) == (1, 1) or (entrant["Out"] == 1 and incumbent["Fight"] >= F(1, 2))
    first = solve(game, "sequence_form", max_starts=1)
    assert len(first) == 1 and first.details["starts"] == ("centroid",)
    assert first.outcomes(0) == {"In/Accommodate": 1}


def test_other_catalog_trees():
    for game in (catalog.centipede(4), catalog.ultimatum(3)):
        result = solve(game, "sequence_form")
        check_result(game, result)
        # the unreached sets are exactly those the player's own equilibrium moves exclude
        for eq, free in zip(result, result.details["unreached"], strict=True):
            x, y = realization_plans(game, eq.profile)
            sf = sequence_form_of(game)
            for p, plan in enumerate((x, y)):
                for k, h in enumerate(game.infosets_of(p)):
                    assert (game.infoset_labels[h] in free) == (plan[int(sf.parent_sequence[p][k])] == 0)


def test_different_starting_points_can_find_different_equilibria():
    # the battle of the sexes as a tree: the centroid and pure starts reach more than one of its equilibria
    bos = catalog.battle_of_the_sexes()
    game = simultaneous_tree(bos.payoffs[0].tolist(), bos.payoffs[1].tolist())
    result = solve(game, "sequence_form", max_starts=9)
    check_result(game, result)
    assert len(result) >= 2
    assert len(solve(game, "sequence_form", max_starts=1)) == 1


def test_seltens_horse_has_three_players():
    with pytest.raises(UnsupportedGameError, match="2 players; got 3"):
        solve(catalog.seltens_horse(), "sequence_form")


def test_refusals():
    with pytest.raises(UnsupportedGameError, match="ExtensiveFormGame"):
        solve(catalog.chicken(), "sequence_form")
    forgetful = ExtensiveFormGame.from_tree(
        decision(
            "A",
            {
                "L": decision("B", {"l": decision("A", {"x": (1, 0), "y": (0, 1)}, infoset="forgot")}),
                "R": decision("B", {"r": decision("A", {"x": (0, 1), "y": (1, 0)}, infoset="forgot")}),
            },
        )
    )
    assert not forgetful.perfect_recall
    with pytest.raises(UnsupportedGameError, match="perfect recall"):
        solve(forgetful, "sequence_form")
    with pytest.raises(UnsupportedGameError, match="zero-sum"):
        solve(catalog.entry_deterrence(), "sequence_form", algorithm="lp")
    import sympy

    t = sympy.Symbol("t")
    symbolic = ExtensiveFormGame.from_tree(decision("A", {"L": (t, 0), "R": decision("B", {"l": (0, 1), "r": (1, 0)})}))
    with pytest.raises(UnsupportedGameError, match="symbolic"):
        solve(symbolic, "sequence_form")


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"max_starts": 0}, "max_starts"),
        ({"max_starts": True}, "max_starts"),
        ({"algorithm": "simplex"}, "algorithm"),
        ({"max_pivots": 0}, "max_pivots"),
        ({"starts": 3}, "unknown option"),
    ],
)
def test_invalid_options(options, match):
    with pytest.raises(InvalidGameError, match=match):
        solve(catalog.entry_deterrence(), "sequence_form", **options)


def test_max_pivots_bound():
    from gametheory import SolverError

    with pytest.raises(SolverError, match="max_pivots=2"):
        solve(kuhn_poker(), "sequence_form", algorithm="lcp", max_pivots=2)


# --- properties -----------------------------------------------------------------------------------
@given(game_trees(max_players=2))
def test_lemke_finds_nash_equilibria_of_the_reduced_normal_form(game):
    result = solve(game, "sequence_form", algorithm="lcp")
    check_result(game, result)
    if game.properties.zero_sum:
        value = zero_sum_value(game)
        assert all(eq.payoffs[0] == value for eq in result)


@given(game_trees(max_players=2, values=st.integers(-9, 9)))
def test_zero_sum_value_matches_the_normal_form(game):
    # make the tree zero-sum: player 2 gets minus player 1's payoff
    rows = [[game.payoffs[0][t], -game.payoffs[0][t]] for t in range(len(game.terminals))]
    zs = ExtensiveFormGame.from_arrays(
        players=game.players,
        parent=game.parent,
        mover=game.mover,
        infoset=game.infoset,
        actions=game.infoset_actions,
        payoffs=rows,
        chance_probs=game.chance_probs,
        infoset_labels=game.infoset_labels,
    )
    assert zs.properties.zero_sum
    result = solve(zs, "sequence_form")
    check_result(zs, result)
    assert result.details["algorithm"] == "lp"
    assert result.details["value"] == zero_sum_value(zs) == result[0].payoffs[0]


@given(bimatrix_games(max_actions=4))
def test_simultaneous_trees_match_the_bimatrix_game(nf):
    game = simultaneous_tree(nf.payoffs[0].tolist(), nf.payoffs[1].tolist())
    result = solve(game, "sequence_form", algorithm="lcp")
    check_result(game, result)
    for eq in result:  # behaviour at the two sets is a mixed strategy of the bimatrix game
        assert max_regret(nf, (eq.profile[0][0], eq.profile[1][0])) == 0


@pytest.mark.parametrize("threshold", [0, 10**9], ids=["float-route", "integer-route"])
@settings(max_examples=25)
@given(game=game_trees(max_players=2))
def test_both_routes(threshold, game):
    # every tree by the large-game route (float pivots, exact solve of the final basis), or by integer pivoting
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sf_module, "_FLOATS_FROM", threshold)
        result = solve(game, "sequence_form", algorithm="lcp", max_starts=2)
    check_result(game, result)


@settings(max_examples=20)
@given(game_trees(max_players=2, values=st.integers(-9, 9)))
def test_float_trees(game):
    floats = game.as_float()
    result = solve(floats, "sequence_form", max_starts=2)
    check_result(floats, result, normal_form=False)
    exact = solve(game, "sequence_form", max_starts=1)
    if game.properties.zero_sum:
        assert abs(result.details["value"] - float(exact.details["value"])) < 1e-7


def test_medium_random_tree_takes_the_float_route():
    game = random_tree(150, seed=3)
    sf = sequence_form_of(game)
    assert sum(sf.n_sequences) + 2 * (sf.E.shape[0] + sf.F.shape[0]) > sf_module._FLOATS_FROM
    result = solve(game, "sequence_form", max_starts=1)
    check_result(game, result, normal_form=False)
    # should the exact solve of the final basis fail, the path is redone in integers
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sf_module, "_exact_basis", lambda lcp, tableau: None)
        again = solve(game, "sequence_form", max_starts=1)
    check_result(game, again, normal_form=False)


def test_zero_sum_random_tree_lp_and_lcp_agree():
    game = random_tree(150, seed=4, zero_sum=True)
    lp = solve(game, "sequence_form")
    lcp = solve(game, "sequence_form", algorithm="lcp", max_starts=1)
    check_result(game, lp, normal_form=False)
    check_result(game, lcp, normal_form=False)
    assert lcp[0].payoffs[0] == lp.details["value"]


# --- pygambit -------------------------------------------------------------------------------------
def to_gambit(game: ExtensiveFormGame):
    """The tree in pygambit, and our set number -> pygambit information set."""
    gbt = pytest.importorskip("pygambit")
    g = gbt.Game.new_tree(players=list(game.players))
    where = {0: g.root}
    sets = {}
    for n in range(game.n_nodes):
        node = where[n]
        if game.mover[n] == TERMINAL:
            g.set_outcome(node, g.add_outcome(label=f"t{n}", payoffs=[Fraction(v) for v in game.terminal_payoffs(n)]))
            continue
        h = int(game.infoset[n])
        if h in sets:
            g.append_infoset(node, sets[h])
        else:
            player = g.players.chance if game.mover[n] == CHANCE else g.players[game.players[int(game.mover[n])]]
            g.append_move(node, player, list(game.infoset_actions[h]))
            sets[h] = node.infoset
            if game.mover[n] == CHANCE:
                g.set_chance_probs(node.infoset, [Fraction(p) for p in game.chance_probs[h]])
        for child, gambit_child in zip(game.children(n), node.children, strict=True):
            where[child] = gambit_child
    return g, sets


def from_gambit(game: ExtensiveFormGame, sets, profile):
    """pygambit's behaviour profile in our format; a set it leaves all zero (unreached) becomes uniform."""

    def probs(h: int) -> tuple[Fraction, ...]:
        values = tuple(Fraction(str(profile[a])) for a in sets[h].actions)
        return values if sum(values) == 1 else tuple(F(1, len(values)) for _ in values)

    return tuple(tuple(probs(h) for h in game.infosets_of(p)) for p in range(2))


def test_kuhn_poker_against_pygambit():
    gbt = pytest.importorskip("pygambit")
    game = kuhn_poker()
    g, sets = to_gambit(game)
    theirs = gbt.nash.lp_solve(g, rational=True).equilibria[0]
    assert Fraction(str(theirs.payoff(next(iter(g.players))))) == F(-1, 18) == solve(game, "sequence_form").details["value"]
    # player 2's optimal strategy is unique, so both must return it
    assert from_gambit(game, sets, theirs)[1] == solve(game, "sequence_form")[0].profile[1]


@settings(max_examples=20)
@given(game_trees(max_players=2))
def test_against_pygambit(game):
    gbt = pytest.importorskip("pygambit")
    g, sets = to_gambit(game)
    ours = solve(game, "sequence_form", max_starts=1)
    if game.properties.zero_sum:
        theirs = gbt.nash.lp_solve(g, rational=True).equilibria[0]
        assert Fraction(str(theirs.payoff(next(iter(g.players))))) == ours.details["value"]
    else:
        theirs = gbt.nash.lcp_solve(g, rational=True).equilibria[0]
    # pygambit's equilibrium passes our certificate, and ours is one too
    assert max_regret(game, from_gambit(game, sets, theirs)) == 0
    check_result(game, ours, normal_form=False)
