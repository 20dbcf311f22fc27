"""Pictures of game trees: layout, what is drawn, highlighting of a profile, and that labels neither overlap nor get cut off."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from fractions import Fraction as F

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Equilibrium, ExtensiveFormGame, InvalidGameError, UnsupportedGameError, catalog, chance, decision, solve
from gametheory.games.extensive_form import CHANCE, TERMINAL
from gametheory.plotting import draw_tree, tree_layout
from tests.strategies import game_trees


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _collection(ax, gid):
    found = [c for c in ax.collections if c.get_gid() == gid]
    assert len(found) <= 1, gid
    return found[0] if found else None


def _count_paths(ax, gid):
    collection = _collection(ax, gid)
    return 0 if collection is None else len(collection.get_paths())


def _count_points(ax, gid):
    collection = _collection(ax, gid)
    return 0 if collection is None else len(collection.get_offsets())


def _texts(ax, gid):
    return [t for t in ax.texts if t.get_gid() == gid]


def _shared_sets(game):
    sizes = np.diff(game.member_start)
    return [h for h in range(game.n_infosets) if game.infoset_player[h] >= 0 and sizes[h] > 1]


def _pure_profile(game, choose=0):
    return [
        [
            [int(a == min(choose, len(game.infoset_actions[h]) - 1)) for a in range(len(game.infoset_actions[h]))]
            for h in game.infosets_of(p)
        ]
        for p in range(game.n_players)
    ]


def _uniform_profile(game):
    return [
        [[F(1, len(game.infoset_actions[h]))] * len(game.infoset_actions[h]) for h in game.infosets_of(p)] for p in range(game.n_players)
    ]


def _move_probs(game, profile):
    """Probability of the move into each node, computed independently of the library."""
    flat = {}
    for p in range(game.n_players):
        for k, h in enumerate(game.infosets_of(p)):
            flat[h] = profile[p][k]
    probs = [F(1)]
    for node in range(1, game.n_nodes):
        up = int(game.parent[node])
        h = int(game.infoset[up])
        table = game.chance_probs[h] if game.mover[up] == CHANCE else flat[h]
        probs.append(F(table[int(game.action[node])]))
    return probs


def _check_picture(game, ax, profile=None):
    n = game.n_nodes
    assert _count_points(ax, "decision-nodes") == int(np.sum(game.mover >= 0))
    assert _count_points(ax, "chance-nodes") == int(np.sum(game.mover == CHANCE))
    assert _count_points(ax, "terminal-nodes") == int(np.sum(game.mover == TERMINAL))
    assert _count_paths(ax, "edges") + _count_paths(ax, "highlighted-edges") == n - 1
    shared = _shared_sets(game)
    assert _count_paths(ax, "information-sets") == sum(len(game.nodes_of(h)) - 1 for h in shared)
    if profile is not None:
        moves = _move_probs(game, profile)
        assert _count_paths(ax, "highlighted-edges") == sum(1 for c in range(1, n) if moves[c] > 0)
    else:
        assert _collection(ax, "highlighted-edges") is None
    assert len(_texts(ax, "payoff")) == int(np.sum(game.mover == TERMINAL))
    assert len(_texts(ax, "action-label")) == n - 1
    singletons = sum(
        1 for v in range(n) if game.mover[v] != TERMINAL and (game.mover[v] == CHANCE or len(game.nodes_of(int(game.infoset[v]))) == 1)
    )
    assert len(_texts(ax, "player-label")) == singletons + len(shared)


# --- layout -------------------------------------------------------------------------------------
def test_layout_of_entry_deterrence():
    x, level = tree_layout(catalog.entry_deterrence())
    assert x.tolist() == [0.75, 0.0, 1.5, 1.0, 2.0]
    assert level.tolist() == [0, 1, 1, 2, 2]


def test_layout_puts_an_information_set_on_one_level():
    game = catalog.seltens_horse()
    _, level = tree_layout(game)
    h = _shared_sets(game)[0]
    assert len({int(level[v]) for v in game.nodes_of(h)}) == 1
    _, plain = tree_layout(game, align_infosets=False)
    assert plain.tolist() == game.depth.tolist()


@settings(max_examples=40, deadline=None)
@given(game_trees(max_depth=5))
def test_layout_invariants(game):
    x, level = tree_layout(game)
    leaves = np.flatnonzero(game.mover == TERMINAL)
    # leaves one unit apart, in the order the tree is read
    by_preorder = leaves[np.argsort(game.preorder[leaves])]
    assert x[by_preorder].tolist() == list(range(len(leaves)))
    for node in range(game.n_nodes):
        kids = game.children(node)
        if len(kids):
            assert x[node] == pytest.approx((x[kids[0]] + x[kids[-1]]) / 2)
            assert all(level[c] > level[node] for c in kids)
    for h in _shared_sets(game):
        assert len({int(level[v]) for v in game.nodes_of(h)}) == 1
    # no two nodes on one spot
    spots = set(zip(x.round(9).tolist(), level.tolist(), strict=True))
    assert len(spots) == game.n_nodes


def test_layout_of_a_few_thousand_nodes_is_fast_and_drawing_works():
    game = _complete_tree(3, 7)  # 3280 nodes
    start = time.perf_counter()
    x, level = tree_layout(game)
    assert time.perf_counter() - start < 0.5
    assert level.max() == 7 and x.max() == 3**7 - 1
    start = time.perf_counter()
    ax = draw_tree(game, _uniform_profile(game))
    elapsed = time.perf_counter() - start
    assert elapsed < 10
    assert _count_paths(ax, "highlighted-edges") == game.n_nodes - 1
    assert len(ax.texts) == 0  # too many nodes for text
    width, height = ax.figure.get_size_inches()
    assert width <= 60 and height <= 60


def _complete_tree(branching, depth):
    """A complete tree; the two players alternate by level."""
    parent, node_depth = [-1], [0]
    frontier = [0]
    for d in range(depth):
        nxt = []
        for p in frontier:
            for _ in range(branching):
                parent.append(p)
                node_depth.append(d + 1)
                nxt.append(len(parent) - 1)
        frontier = nxt
    inner = len(parent) - len(frontier)
    return ExtensiveFormGame.from_arrays(
        players=["A", "B"],
        parent=parent,
        mover=[node_depth[i] % 2 if i < inner else TERMINAL for i in range(len(parent))],
        infoset=[i if i < inner else -1 for i in range(len(parent))],
        actions=[["l", "m", "r"][:branching]] * inner,
        payoffs=np.random.default_rng(1).integers(-5, 5, (len(frontier), 2)),
    )


# --- what is drawn --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(catalog.TREES))
def test_every_catalog_tree_draws_with_and_without_a_profile(name, tmp_path):
    game = catalog.TREES[name]()
    ax = draw_tree(game)
    _check_picture(game, ax)
    ax.figure.savefig(tmp_path / f"{name}.png", dpi=60)
    assert (tmp_path / f"{name}.png").stat().st_size > 1000
    profile = _pure_profile(game, choose=1)
    ax = draw_tree(game, profile)
    _check_picture(game, ax, profile)
    ax.figure.savefig(tmp_path / f"{name}-profile.png", dpi=60)
    assert (tmp_path / f"{name}-profile.png").stat().st_size > 1000


@settings(max_examples=15, deadline=None)
@given(game_trees(max_depth=4), st.booleans())
def test_generated_trees_draw(game, uniform):
    profile = _uniform_profile(game) if uniform else _pure_profile(game)
    _check_picture(game, draw_tree(game), None)
    _check_picture(game, draw_tree(game, profile), profile)
    plt.close("all")


def test_a_profile_highlights_the_equilibrium_path():
    game = catalog.entry_deterrence()
    ax = draw_tree(game, [[[0, 1]], [[0, 1]]])
    highlighted = _collection(ax, "highlighted-edges")
    segments = [p.vertices.tolist() for p in highlighted.get_paths()]
    x, level = tree_layout(game)
    assert sorted(segments) == sorted([[[x[0], -level[0]], [x[2], -level[2]]], [[x[2], -level[2]], [x[4], -level[4]]]])
    bold = [t.get_text() for t in _texts(ax, "payoff") if t.get_fontweight() == "bold"]
    assert bold == ["(2, 2)"]


def test_mixed_probabilities_and_chance_probabilities_are_written_as_fractions():
    game = ExtensiveFormGame.from_tree(
        chance(
            {
                "Hard": (F(1, 4), decision("A", {"Stay": (1,), "Go": (0,)}, infoset="A")),
                "Soft": (F(3, 4), decision("A", {"Stay": (2,), "Go": (0,)}, infoset="A")),
            }
        )
    )
    ax = draw_tree(game, [[[F(1, 3), F(2, 3)]]])
    labels = sorted(t.get_text() for t in _texts(ax, "action-label"))
    assert labels == ["Go (2/3)", "Go (2/3)", "Hard (1/4)", "Soft (3/4)", "Stay (1/3)", "Stay (1/3)"]
    assert _count_paths(ax, "information-sets") == 1
    assert [t.get_text() for t in _texts(ax, "player-label")] == ["chance", "A"]


def test_an_equilibrium_can_be_drawn():
    game = catalog.entry_deterrence()
    eq = Equilibrium(profile=((((0, 1),)), (((0, 1),))), payoffs=(2, 2), max_regret=0)
    ax = draw_tree(game, eq)
    assert _count_paths(ax, "highlighted-edges") == 2


def test_errors_name_the_function():
    with pytest.raises(UnsupportedGameError, match=r"draw_tree\(\): game must be an ExtensiveFormGame"):
        draw_tree(catalog.chicken())
    with pytest.raises(InvalidGameError, match=r"draw_tree\(\)"):
        draw_tree(catalog.entry_deterrence(), [[[1, 1]], [[0, 1]]])
    with pytest.raises(InvalidGameError, match="pick one"):
        draw_tree(catalog.entry_deterrence(), solve(catalog.chicken()))
    with pytest.raises(InvalidGameError, match="max_labels"):
        draw_tree(catalog.entry_deterrence(), max_labels=-1)
    with pytest.raises(UnsupportedGameError, match=r"tree_layout\(\)"):
        tree_layout(catalog.chicken())


def test_labels_are_literal_even_with_dollar_signs(tmp_path):
    game = ExtensiveFormGame.from_tree(
        decision("Briber", {"$5 bribe": (5, -5), "no_bribe": (0, 0)}), players=["Briber", "Judge"], title="Cost: $5 and $x$"
    )
    ax = draw_tree(game)
    ax.figure.savefig(tmp_path / "dollars.png", dpi=60)
    assert "$5 bribe" in [t.get_text().replace("\\$", "$") for t in _texts(ax, "action-label")]


def test_options_turn_texts_off_and_axes_can_be_given():
    game = catalog.seltens_horse()
    ax = draw_tree(game, show_payoffs=False, show_actions=False, show_players=False, title="")
    assert len(ax.texts) == 0 and ax.get_title() == ""
    _fig, given_ax = plt.subplots(figsize=(6, 4))
    assert draw_tree(game, ax=given_ax) is given_ax
    ax = draw_tree(game, max_labels=3)
    assert len(ax.texts) == 0


def test_import_gametheory_does_not_import_matplotlib():
    code = "import sys, gametheory, gametheory.plotting, gametheory.io; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def _uncertain_defender():
    def defender(resist):
        return decision("Defender", {"Concede": (1, -1), "Resist": resist}, infoset="D")

    return ExtensiveFormGame.from_tree(
        chance(
            {
                "Resolute": (F(1, 3), decision("Challenger", {"Back down": (0, 1), "Challenge": defender((-2, F(1, 2)))}, infoset="C1")),
                "Irresolute": (F(2, 3), decision("Challenger", {"Back down": (0, 1), "Challenge": defender((-2, -3))}, infoset="C2")),
            }
        ),
        players=["Challenger", "Defender"],
        title="Uncertain defender",
    )


# --- legibility -----------------------------------------------------------------------------------
def _overlaps(boxes):
    return [(i, j) for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2) if a.overlaps(b)]


@pytest.mark.parametrize(
    "game",
    [
        catalog.entry_deterrence(),
        catalog.seltens_horse(),
        catalog.ultimatum(3),
        catalog.chain_store(2),
        catalog.centipede(4),
        _uncertain_defender(),
    ],
    ids=lambda g: g.title,
)
@pytest.mark.parametrize("with_profile", [False, True])
def test_labels_do_not_overlap_and_stay_inside_the_figure(game, with_profile):
    profile = _uniform_profile(game) if with_profile else None
    ax = draw_tree(game, profile)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    figure_box = fig.bbox
    texts = [t for t in ax.texts if t.get_text()]
    boxes = [t.get_window_extent(renderer).shrunk(0.97, 0.9) for t in texts]
    for text, box in zip(texts, boxes, strict=True):
        assert figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1, text.get_text()
        assert figure_box.y0 <= box.y0 and box.y1 <= figure_box.y1, text.get_text()
    clashes = [(texts[i].get_text(), texts[j].get_text()) for i, j in _overlaps(boxes)]
    assert clashes == []
