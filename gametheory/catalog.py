"""Classic games with their sources: the examples every text on crises and deterrence starts from.

Each function returns an exact :class:`~gametheory.NormalFormGame`;
``CATALOG`` maps a short name to the function, and
``gametheory reproduce`` writes the equilibrium table of every entry.

Examples
--------
>>> from gametheory import catalog, solve
>>> sorted(catalog.CATALOG)[:3]
['battle_of_the_sexes', 'chicken', 'degenerate']
>>> solve(catalog.prisoners_dilemma())[0].payoffs
(Fraction(1, 1), Fraction(1, 1))
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ._numbers import to_exact
from .games.normal_form import NormalFormGame

__all__ = [
    "CATALOG",
    "battle_of_the_sexes",
    "chicken",
    "degenerate",
    "hawk_dove",
    "matching_pennies",
    "prisoners_dilemma",
    "rock_paper_scissors",
    "stag_hunt",
    "volunteers_dilemma",
]


def prisoners_dilemma() -> NormalFormGame:
    """The Prisoner's Dilemma with Axelrod's payoffs T=5 > R=3 > P=1 > S=0.

    Source: A. Rapoport and A. M. Chammah, *Prisoner's Dilemma* (1965);
    R. Axelrod, *The Evolution of Cooperation* (1984), payoffs of his tournaments.
    Unique equilibrium: both defect, payoffs (1, 1).
    """
    return NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Column"), actions=[("Cooperate", "Defect")] * 2, title="Prisoner's Dilemma"
    )


def chicken() -> NormalFormGame:
    """Chicken, the canonical crisis-bargaining game, with ordinal payoffs 4 > 3 > 2 > 1.

    Source: G. H. Snyder, "'Prisoner's Dilemma' and 'Chicken' models in
    international politics", *International Studies Quarterly* 15 (1971);
    G. H. Snyder and P. Diesing, *Conflict Among Nations* (1977).
    Equilibria: either side stands firm while the other backs down, and a
    mixed one where each stands firm with probability 1/2 (war, both firm,
    with probability 1/4).
    """
    return NormalFormGame.from_bimatrix(
        [[3, 2], [4, 1]], [[3, 4], [2, 1]], players=("State A", "State B"), actions=[("Back down", "Stand firm")] * 2, title="Chicken"
    )


def stag_hunt() -> NormalFormGame:
    """The Stag Hunt (assurance game).

    Source: B. Skyrms, *The Stag Hunt and the Evolution of Social Structure*
    (2004), after Rousseau's *Discourse on Inequality* (1755). Equilibria: (Stag, Stag),
    (Hare, Hare) and a mixed one with Stag played with probability 3/4.
    """
    return NormalFormGame.from_bimatrix(
        [[4, 0], [3, 3]], [[4, 3], [0, 3]], players=("Hunter 1", "Hunter 2"), actions=[("Stag", "Hare")] * 2, title="Stag Hunt"
    )


def battle_of_the_sexes() -> NormalFormGame:
    """Battle of the Sexes.

    Source: R. D. Luce and H. Raiffa, *Games and Decisions* (1957), section 5.3.
    Equilibria: the two pure coordination outcomes and a mixed one in which
    each player takes their favourite with probability 2/3, payoffs (2/3, 2/3).
    """
    return NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Row", "Column"), actions=[("Opera", "Football")] * 2, title="Battle of the Sexes"
    )


def matching_pennies() -> NormalFormGame:
    """Matching Pennies, zero-sum; unique equilibrium (1/2, 1/2) for both, value 0.

    Source: J. von Neumann and O. Morgenstern, *Theory of Games and Economic Behavior* (1944), section 14.7.
    """
    return NormalFormGame.from_bimatrix(
        [[1, -1], [-1, 1]], players=("Matcher", "Mismatcher"), actions=[("Heads", "Tails")] * 2, title="Matching Pennies"
    )


def rock_paper_scissors() -> NormalFormGame:
    """Rock-Paper-Scissors, zero-sum; unique equilibrium (1/3, 1/3, 1/3) for both, value 0.

    Source: J. von Neumann and O. Morgenstern (1944); any game-theory text.
    """
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    return NormalFormGame.from_bimatrix(
        rps, players=("Row", "Column"), actions=[("Rock", "Paper", "Scissors")] * 2, title="Rock-Paper-Scissors"
    )


def hawk_dove(value: int | Fraction = 2, cost: int | Fraction = 4) -> NormalFormGame:
    """Hawk-Dove with resource ``value`` V and fighting ``cost`` C (C > V gives Chicken's structure).

    Source: J. Maynard Smith and G. R. Price, "The logic of animal conflict",
    *Nature* 246 (1973). Hawk against Hawk earns (V - C)/2 each; Hawk against Dove
    V and 0; Dove against Dove V/2. With C > V the mixed equilibrium plays Hawk
    with probability V/C.
    """
    v, c = to_exact(value, "hawk_dove(): value"), to_exact(cost, "hawk_dove(): cost")
    A = [[Fraction(v - c, 2), v], [0, Fraction(v, 2)]]
    B = [[Fraction(v - c, 2), 0], [v, Fraction(v, 2)]]
    return NormalFormGame.from_bimatrix(A, B, players=("Animal 1", "Animal 2"), actions=[("Hawk", "Dove")] * 2, title="Hawk-Dove")


def degenerate() -> NormalFormGame:
    """A degenerate 3x2 game with an infinite set of equilibria.

    The 3x2 example of B. von Stengel, "Computing equilibria for two-person
    games", *Handbook of Game Theory* vol. 3 (2002), section 3, with the column
    player's payoffs in the first row made equal (3, 3), his device for showing
    degeneracy: the pure strategy Top then has two best responses. Besides two
    isolated equilibria there is a segment of equilibria in which Row plays
    Top and Column mixes; nashpy's support enumeration finds only one of that
    segment's endpoints.
    """
    return NormalFormGame.from_bimatrix(
        [[3, 3], [2, 5], [0, 6]],
        [[3, 3], [2, 6], [3, 1]],
        players=("Row", "Column"),
        actions=[("Top", "Middle", "Bottom"), ("Left", "Right")],
        title="Degenerate game",
    )


def volunteers_dilemma(n: int = 3, benefit: int | Fraction = 2, cost: int | Fraction = 1) -> NormalFormGame:
    """The Volunteer's Dilemma: everybody gains ``benefit`` if at least one of ``n`` players volunteers at ``cost``.

    Source: A. Diekmann, "Volunteer's Dilemma", *Journal of Conflict
    Resolution* 29 (1985). In the symmetric mixed equilibrium each player
    abstains with probability ``(cost / benefit) ** (1 / (n - 1))``: for the
    defaults, ``sqrt(1/2)``, an irrational equilibrium of a rational game.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 2:
        raise ValueError(f"volunteers_dilemma(): n must be an int >= 2; got {n!r}")
    b, c = to_exact(benefit, "volunteers_dilemma(): benefit"), to_exact(cost, "volunteers_dilemma(): cost")
    import itertools

    import numpy as np

    shape = (2,) * n
    arrays = [np.zeros(shape, dtype=object) for _ in range(n)]
    for profile in itertools.product((0, 1), repeat=n):  # 0 = volunteer, 1 = abstain
        someone = 0 in profile
        for p in range(n):
            arrays[p][profile] = (b if someone else 0) - (c if profile[p] == 0 else 0)
    return NormalFormGame.from_arrays(
        *arrays, players=[f"Player {p + 1}" for p in range(n)], actions=[("Volunteer", "Abstain")] * n, title="Volunteer's Dilemma"
    )


CATALOG: dict[str, Callable[[], NormalFormGame]] = {
    "battle_of_the_sexes": battle_of_the_sexes,
    "chicken": chicken,
    "degenerate": degenerate,
    "hawk_dove": hawk_dove,
    "matching_pennies": matching_pennies,
    "prisoners_dilemma": prisoners_dilemma,
    "rock_paper_scissors": rock_paper_scissors,
    "stag_hunt": stag_hunt,
    "volunteers_dilemma": volunteers_dilemma,
}
