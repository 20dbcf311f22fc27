"""Classic games with their sources: the examples every text on crises and deterrence starts from.

``CATALOG`` maps a short name to a function returning an exact
:class:`~gametheory.NormalFormGame`, ``TREES`` to one returning an
:class:`~gametheory.ExtensiveFormGame`; ``gametheory reproduce`` writes the
equilibrium table of every entry.

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
from .errors import InvalidGameError
from .games.extensive_form import ExtensiveFormGame, decision, outcome
from .games.normal_form import NormalFormGame

__all__ = [
    "CATALOG",
    "TREES",
    "battle_of_the_sexes",
    "centipede",
    "chain_store",
    "chicken",
    "degenerate",
    "entry_deterrence",
    "hawk_dove",
    "matching_pennies",
    "prisoners_dilemma",
    "rock_paper_scissors",
    "seltens_horse",
    "stag_hunt",
    "ultimatum",
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


# --- game trees -----------------------------------------------------------------------------------
def entry_deterrence() -> ExtensiveFormGame:
    """Entry deterrence, one market of Selten's chain store: the entrant stays out or enters, the incumbent fights or accommodates.

    Source: R. Selten, "The chain store paradox", *Theory and Decision* 9
    (1978); the one-market game as in R. Gibbons, *Game Theory for Applied
    Economists* (1992), section 2.1 (payoffs: out (1, 5); in and fight
    (0, 0); in and accommodate (2, 2)). The threat to fight is not credible:
    the unique subgame-perfect equilibrium is (In, Accommodate); (Out, Fight)
    is a Nash equilibrium that is not subgame perfect.
    """
    return ExtensiveFormGame.from_tree(
        decision("Entrant", {"Out": (1, 5), "In": decision("Incumbent", {"Fight": (0, 0), "Accommodate": (2, 2)})}),
        title="Entry deterrence",
    )


def chain_store(markets: int = 2) -> ExtensiveFormGame:
    """Selten's chain store with ``markets`` entrants in turn, each seeing what happened before.

    Each market is :func:`entry_deterrence` with its own entrant; the
    incumbent's payoff is the sum over markets. Source: R. Selten, "The chain
    store paradox", *Theory and Decision* 9 (1978). By backward induction the
    unique subgame-perfect equilibrium is that every entrant enters and the
    incumbent always accommodates: the paradox.
    """
    if not isinstance(markets, int) or isinstance(markets, bool) or not 1 <= markets <= 6:
        raise InvalidGameError(f"chain_store(): markets must be an int from 1 to 6; got {markets!r}")
    players = ["Incumbent", *(f"Entrant {k + 1}" for k in range(markets))]

    def stage(k: int, incumbent: int, entrants: tuple[int, ...]) -> object:
        if k == markets:
            return outcome(incumbent, *entrants)
        return decision(
            f"Entrant {k + 1}",
            {
                "Out": stage(k + 1, incumbent + 5, (*entrants, 1)),
                "In": decision(
                    "Incumbent",
                    {"Fight": stage(k + 1, incumbent, (*entrants, 0)), "Accommodate": stage(k + 1, incumbent + 2, (*entrants, 2))},
                ),
            },
        )

    return ExtensiveFormGame.from_tree(stage(0, 0, ()), players=players, title=f"Chain store ({markets} markets)")  # type: ignore[arg-type]


def centipede(stages: int = 4) -> ExtensiveFormGame:
    """Rosenthal's centipede game in McKelvey and Palfrey's version, payoffs in cents.

    Two players alternate; at stage ``k`` (from 0) the mover can take the
    larger pile (``40 * 2**k`` cents, the other getting ``10 * 2**k``) or pass,
    which doubles both piles. If every stage passes, player 1 gets
    ``40 * 2**stages`` and player 2 ``10 * 2**stages``.

    Sources: R. W. Rosenthal, "Games of perfect information, predatory pricing
    and the chain-store paradox", *Journal of Economic Theory* 25 (1981);
    R. D. McKelvey and T. R. Palfrey, "An experimental study of the centipede
    game", *Econometrica* 60 (1992) (the four-move game: 0.40/0.10, ...,
    6.40/1.60). The unique subgame-perfect equilibrium takes at every stage.
    """
    if not isinstance(stages, int) or isinstance(stages, bool) or not 1 <= stages <= 1000:
        raise InvalidGameError(f"centipede(): stages must be an int from 1 to 1000; got {stages!r}")
    players = ("Player 1", "Player 2")
    node: object = (40 * 2**stages, 10 * 2**stages) if stages % 2 == 0 else (10 * 2**stages, 40 * 2**stages)
    for k in reversed(range(stages)):
        mover = k % 2
        large, small = 40 * 2**k, 10 * 2**k
        node = decision(players[mover], {"Take": (large, small) if mover == 0 else (small, large), "Pass": node})
    return ExtensiveFormGame.from_tree(node, players=players, title=f"Centipede ({stages} stages)")  # type: ignore[arg-type]


def ultimatum(pie: int = 4) -> ExtensiveFormGame:
    """The ultimatum game with whole-unit offers: the proposer offers ``k`` of ``pie`` units, the responder accepts or rejects.

    Source: W. Güth, R. Schmittberger and B. Schwarze, "An experimental
    analysis of ultimatum bargaining", *Journal of Economic Behavior and
    Organization* 3 (1982); the discrete version as in M. J. Osborne,
    *An Introduction to Game Theory* (2004), section 6.1.1. The responder is
    indifferent at the offer 0, so there are exactly two subgame-perfect
    equilibria: offer 0 with everything accepted, and offer 1 with only 0
    rejected.
    """
    if not isinstance(pie, int) or isinstance(pie, bool) or not 1 <= pie <= 100:
        raise InvalidGameError(f"ultimatum(): pie must be an int from 1 to 100; got {pie!r}")
    offers = {f"Offer {k}": decision("Responder", {"Accept": (pie - k, k), "Reject": (0, 0)}, infoset=f"after {k}") for k in range(pie + 1)}
    return ExtensiveFormGame.from_tree(decision("Proposer", offers), title=f"Ultimatum game (pie {pie})")


def seltens_horse() -> ExtensiveFormGame:
    """Selten's horse: three players; the third cannot tell whether the first or the second moved down.

    Source: R. Selten, "Reexamination of the perfectness concept for
    equilibrium points in extensive games", *International Journal of Game
    Theory* 4 (1975); payoffs as in D. Fudenberg and J. Tirole, *Game Theory*
    (1991), figure 8.5. It has no proper subgame, so its subgame-perfect
    equilibria are its Nash equilibria: two components, (Down, Across with
    any probability >= 1/3, Left) and (Across, Across, Right with probability
    >= 3/4); only the second is sequential.
    """
    return ExtensiveFormGame.from_tree(
        decision(
            "Player 1",
            {
                "Down": decision("Player 3", {"Left": (3, 3, 2), "Right": (0, 0, 0)}, infoset="Player 3"),
                "Across": decision(
                    "Player 2",
                    {
                        "Down": decision("Player 3", {"Left": (4, 4, 0), "Right": (0, 0, 1)}, infoset="Player 3"),
                        "Across": (1, 1, 1),
                    },
                ),
            },
        ),
        players=["Player 1", "Player 2", "Player 3"],
        title="Selten's horse",
    )


TREES: dict[str, Callable[[], ExtensiveFormGame]] = {
    "centipede": centipede,
    "chain_store": chain_store,
    "entry_deterrence": entry_deterrence,
    "seltens_horse": seltens_horse,
    "ultimatum": ultimatum,
}
