"""Perfect Bayesian equilibria of signaling games: pinned to beer–quiche, with beliefs and their printing."""

from __future__ import annotations

import json
from fractions import Fraction

from gametheory import signaling_game, solve
from gametheory.profiles import BeliefSet, max_regret


def _beer_quiche():  # type: ignore[no-untyped-def]
    # Cho & Kreps (1987), QJE 102(2): the sender is weak (1/10) or strong (9/10); each gets 1 for its preferred
    # breakfast (weak: quiche, strong: beer) and 2 if not dueled; the receiver gains 1 by dueling the weak type
    # and loses 1 by dueling the strong one.
    def payoffs(t: str, m: str, r: str) -> tuple[int, int]:
        sender = (1 if (t == "strong") == (m == "beer") else 0) + (0 if r == "duel" else 2)
        return sender, ((1 if t == "weak" else -1) if r == "duel" else 0)

    return signaling_game(["weak", "strong"], [Fraction(1, 10), Fraction(9, 10)], ["beer", "quiche"], ["duel", "not"], payoffs)


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
