"""Hypothesis strategies that build valid games by construction (no ``.filter``)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

from gametheory import ExtensiveFormGame, NormalFormGame, decision
from gametheory import chance as chance_node

small_ints = st.integers(min_value=-9, max_value=9)
# few distinct values make ties, hence degenerate games, common
tie_ints = st.integers(min_value=0, max_value=2)
fractions = st.fractions(min_value=-10, max_value=10, max_denominator=12)


@st.composite
def payoff_array(draw, shape: tuple[int, ...], values=small_ints) -> list:
    flat = draw(st.lists(values, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
    return np.array(flat, dtype=object).reshape(shape).tolist()


@st.composite
def bimatrix_games(draw, min_actions: int = 1, max_actions: int = 4, values=None) -> NormalFormGame:
    """Two-player exact games; ``values`` defaults to a mix of generic and tie-heavy entries."""
    m = draw(st.integers(min_actions, max_actions))
    n = draw(st.integers(min_actions, max_actions))
    if values is None:
        values = draw(st.sampled_from([small_ints, tie_ints, fractions]))
    A = draw(payoff_array((m, n), values))
    B = draw(payoff_array((m, n), values))
    return NormalFormGame.from_bimatrix(A, B)


@st.composite
def degenerate_bimatrix_games(draw, max_actions: int = 4) -> NormalFormGame:
    return draw(bimatrix_games(min_actions=2, max_actions=max_actions, values=tie_ints))


@st.composite
def generic_bimatrix_games(draw, min_actions: int = 2, max_actions: int = 5) -> NormalFormGame:
    """Games whose payoffs are distinct powers-of-two-free random integers: nondegenerate with probability ~1."""
    m = draw(st.integers(min_actions, max_actions))
    n = draw(st.integers(min_actions, max_actions))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.integers(-(10**6), 10**6, (m, n)).tolist()
    B = rng.integers(-(10**6), 10**6, (m, n)).tolist()
    return NormalFormGame.from_bimatrix(A, B)


@st.composite
def nplayer_games(draw, min_players: int = 2, max_players: int = 4, max_actions: int = 3, values=small_ints) -> NormalFormGame:
    n = draw(st.integers(min_players, max_players))
    shape = tuple(draw(st.lists(st.integers(1, max_actions), min_size=n, max_size=n)))
    arrays = [draw(payoff_array(shape, values)) for _ in range(n)]
    return NormalFormGame.from_arrays(*arrays)


__all__ = ["Fraction", "bimatrix_games", "degenerate_bimatrix_games", "generic_bimatrix_games", "nplayer_games"]


@st.composite
def game_trees(
    draw, max_depth: int = 4, max_players: int = 3, chance: bool = True, imperfect: bool = True, values=None, max_actions: int = 3
) -> ExtensiveFormGame:
    """Finite trees with perfect recall by construction.

    Information sets come from simultaneous-move blocks: a player's nodes that
    are the children of one node of another player share a set (so they share
    the player's own history). ``values`` defaults to a mix of generic and
    tie-heavy payoffs; chance probabilities are exact fractions.
    """
    n_players = draw(st.integers(1 if not imperfect else 2, max_players))
    players = [f"P{p + 1}" for p in range(n_players)]
    if values is None:
        values = draw(st.sampled_from([small_ints, tie_ints, fractions]))
    counter = [0]

    def leaf():
        return tuple(draw(values) for _ in range(n_players))

    def node(depth: int):
        if depth >= max_depth or draw(st.integers(0, 3)) == 0:
            return leaf()
        width = draw(st.integers(1, max_actions))
        kinds = ["decision"] + (["chance"] if chance else []) + (["block"] if imperfect and n_players > 1 else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "chance":
            weights = [draw(st.integers(1, 4)) for _ in range(width)]
            probs = [Fraction(w, sum(weights)) for w in weights]
            return chance_node({f"c{a}": (probs[a], node(depth + 1)) for a in range(width)})
        mover = draw(st.sampled_from(players))
        if kind == "decision":
            return decision(mover, {f"a{a}": node(depth + 1) for a in range(width)})
        # a simultaneous block: the second mover cannot see the first's action
        second = draw(st.sampled_from([p for p in players if p != mover]))
        counter[0] += 1
        name = f"block{counter[0]}"
        second_width = draw(st.integers(1, max_actions))
        return decision(
            mover,
            {f"a{a}": decision(second, {f"b{b}": node(depth + 2) for b in range(second_width)}, infoset=name) for a in range(width)},
        )

    root = node(0)
    if isinstance(root, tuple):
        root = decision(players[0], {"only": root})
    return ExtensiveFormGame.from_tree(root, players=players)


@st.composite
def perfect_information_trees(draw, max_depth: int = 5, max_players: int = 3, values=None) -> ExtensiveFormGame:
    return draw(game_trees(max_depth=max_depth, max_players=max_players, chance=False, imperfect=False, values=values))


@st.composite
def edited_text(draw, text: str, letters: str = "") -> str:
    """``text`` with one to four random edits: characters deleted, inserted or replaced, whitespace tokens dropped, duplicated or swapped.

    Inserted text draws from the characters of game files plus ``letters``.
    """
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["delete", "insert", "replace", "drop token", "duplicate token", "swap tokens"]))
        position = draw(st.integers(0, len(text)))
        if edit == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 5)) :]
        elif edit == "insert":
            text = text[:position] + draw(st.text(alphabet='{}",\\ 0123456789./-eE\n' + letters, min_size=1, max_size=4)) + text[position:]
        elif edit == "replace":
            text = text[:position] + draw(st.characters()) + text[position + 1 :]
        else:
            tokens = text.split(" ")
            i = draw(st.integers(0, len(tokens) - 1))
            j = draw(st.integers(0, len(tokens) - 1))
            if edit == "drop token":
                del tokens[i]
            elif edit == "duplicate token":
                tokens.insert(i, tokens[i])
            else:
                tokens[i], tokens[j] = tokens[j], tokens[i]
            text = " ".join(tokens)
    return text
