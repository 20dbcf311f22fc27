"""Perfect Bayesian equilibria of signaling games: pinned to beer–quiche, with beliefs and their printing."""

from __future__ import annotations

import json
from fractions import Fraction

import sympy

from gametheory import signaling_game, solve
from gametheory.profiles import BeliefSet, max_regret


def _beer_quiche_payoffs(t: str, m: str, r: str) -> tuple[int, int]:
    # Cho & Kreps (1987), QJE 102(2): each type gets 1 for its preferred breakfast (weak: quiche, strong: beer)
    # and 2 if not dueled; the receiver gains 1 by dueling the weak type and loses 1 by dueling the strong one.
    sender = (1 if (t == "strong") == (m == "beer") else 0) + (0 if r == "duel" else 2)
    return sender, ((1 if t == "weak" else -1) if r == "duel" else 0)


def _beer_quiche():  # type: ignore[no-untyped-def]
    # the sender is weak with probability 1/10, strong with 9/10
    return signaling_game(["weak", "strong"], [Fraction(1, 10), Fraction(9, 10)], ["beer", "quiche"], ["duel", "not"], _beer_quiche_payoffs)


def test_beer_quiche_has_the_two_pooling_families_with_their_off_path_beliefs() -> None:
    game = _beer_quiche()
    result = solve(game, method="pbe")
    assert result.complete and all(eq.max_regret == 0 and max_regret(game, eq.profile) == 0 for eq in result)
    outcomes = [set(result.outcomes(i)) for i in range(len(result))]
    beer, quiche = {"weak,beer,not", "strong,beer,not"}, {"weak,quiche,not", "strong,quiche,not"}
    assert sorted(map(sorted, outcomes)) == sorted(map(sorted, [beer, beer, quiche, quiche]))
    for eq in result:
        on, off = ("beer", "quiche") if "beer" in {k for k, v in eq.beliefs.items() if not isinstance(v, BeliefSet)} else ("quiche", "beer")
        assert eq.beliefs[on] == {f"weak,{on}": Fraction(1, 10), f"strong,{on}": Fraction(9, 10)}  # Bayes: the prior
        # dueling off the path needs the weak type to be at least as likely as the strong one
        assert eq.beliefs[off][f"weak,{off}"].inf == Fraction(1, 2)


def test_beliefs_are_printed_and_serialised() -> None:
    result = solve(_beer_quiche(), method="pbe")
    assert "beliefs at quiche: weak,quiche in [1/2, 1], strong,quiche in [0, 1/2] (off the path)" in result.table()
    entry = json.loads(result.to_json())["equilibria"][0]["beliefs"]
    assert entry["beer"] == {"weak,beer": "1/10", "strong,beer": "9/10"}
    assert entry["quiche"]["off_path"] is True and entry["quiche"]["intervals"]["weak,quiche"] == ["1/2", "1"]


def test_a_symbolic_prior_gives_regimes_whose_points_carry_the_numeric_beliefs() -> None:
    # beer–quiche with the strong type's prior p free: for p > 1/2 the pooling families; for p < 1/2 the hybrid
    # equilibrium (Gibbons 1992, §4.2; Cho & Kreps 1987); at() must keep each equilibrium's beliefs
    p = sympy.Symbol("p", positive=True)
    game = _beer_quiche()
    symbolic = signaling_game(["weak", "strong"], [1 - p, p], ["beer", "quiche"], ["duel", "not"], _beer_quiche_payoffs)
    result = solve(symbolic, method="pbe", assume=[p < 1])
    assert [str(regime.conditions) for regime in result.regimes] == ["p < 1/2", "p > 1/2", "Eq(p, 1/2)"]
    at = result.at({p: Fraction(9, 10)})
    numeric = solve(game, method="pbe")

    def key(eq):  # type: ignore[no-untyped-def]
        beliefs = tuple(
            sorted((label, tuple(b.vertices) if isinstance(b, BeliefSet) else tuple(b.items())) for label, b in eq.beliefs.items())
        )
        return eq.profile, beliefs

    assert sorted(map(key, at), key=str) == sorted(map(key, numeric), key=str)
    assert [eq.is_pure for eq in at].count(True) == 2  # the two pure pooling PBE; the others mix off the path


def test_kinds_are_decided_in_each_regime_and_kept_at_a_point() -> None:
    # at p = 1 only the weak type is possible: its equilibria are not "separating" (the kind is decided in the cell)
    p = sympy.Symbol("p", nonnegative=True)
    game = signaling_game(["weak", "strong"], [1 - p, p], ["beer", "quiche"], ["duel", "not"], _beer_quiche_payoffs)
    result = solve(game, method="pbe")
    position = {id(eq): i for i, eq in enumerate(result)}
    for regime in result.regimes:
        kinds = {result.details["kinds"][position[id(eq)]] for eq in regime.equilibria}
        assert kinds <= ({"pooling"} if regime.conditions in (sympy.Eq(p, 0), sympy.Eq(p, 1)) else {"pooling", "separating", "hybrid"})
    assert result.at({p: Fraction(1, 4)}).details["kinds"] == ("hybrid",)  # Cho & Kreps (1987): the strong type is unlikely
