"""Pictures of game trees: a tidy layout computed over the tree's arrays, drawn with matplotlib.

The layout puts the terminal nodes one unit apart, left to right in the
order the tree is read, and every other node midway between its first and
last child; the root is at the top and each move goes one level down. Nodes
of one information set are put on one level (their subtrees move down with
them) so the dashed line joining them is level, as textbooks draw it.

Everything is computed level by level over the breadth-first arrays of
:class:`~gametheory.ExtensiveFormGame`, so trees of thousands of nodes lay out
in milliseconds; matplotlib is imported only when :func:`draw_tree` runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from .._numbers import describe, format_number
from ..errors import InvalidGameError, UnsupportedGameError
from ..games.extensive_form import CHANCE, TERMINAL, ExtensiveFormGame
from ..profiles import _move_probabilities, _reach, behaviour_profile
from ..results import Equilibrium

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["CHANCE_COLOR", "HIGHLIGHT_COLOR", "PLAYER_COLORS", "draw_tree", "tree_layout"]

#: Colours of the players' nodes and labels, in player order (repeating after the eighth).
PLAYER_COLORS: tuple[str, ...] = ("#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2", "#bcbd22")
#: Colour of the moves a profile plays with positive probability.
HIGHLIGHT_COLOR = "#d62728"
#: Colour of chance nodes' labels.
CHANCE_COLOR = "#555555"

_EPS = 1e-9


# --- layout ---------------------------------------------------------------------------------------
def tree_layout(game: ExtensiveFormGame, *, align_infosets: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the nodes of a tree: ``x`` in units of the gap between terminal nodes, and the level of each node.

    Terminal nodes sit at ``x = 0, 1, 2, ...`` in the order the tree is read
    (depth first, left to right); every other node sits midway between its
    first and last child. The root is at level 0 and each move goes down at
    least one level; with ``align_infosets`` the nodes of an information set
    share a level (the deepest of them), their subtrees moving down with them.

    Parameters
    ----------
    game
        The tree.
    align_infosets
        Put the nodes of each information set on one level (default ``True``);
        ``False`` uses the plain depths.

    Returns
    -------
    x, level
        Two arrays over the nodes (in the game's breadth-first order): float
        positions and integer levels.

    Examples
    --------
    >>> from gametheory import catalog
    >>> x, level = tree_layout(catalog.entry_deterrence())
    >>> x.tolist(), level.tolist()
    ([0.75, 0.0, 1.5, 1.0, 2.0], [0, 1, 1, 2, 2])

    In Selten's horse the third player's two nodes are put on one level:

    >>> tree_layout(catalog.seltens_horse())[1].tolist()
    [0, 2, 1, 3, 3, 2, 2, 3, 3]
    """
    if not isinstance(game, ExtensiveFormGame):
        raise UnsupportedGameError(f"tree_layout(): game must be an ExtensiveFormGame; got {describe(game)}")
    n = game.n_nodes
    x = np.zeros(n, dtype=float)
    leaves = np.flatnonzero(game.mover == TERMINAL)
    rank = np.empty(len(leaves), dtype=np.int64)
    rank[np.argsort(game.preorder[leaves], kind="stable")] = np.arange(len(leaves))
    x[leaves] = rank
    slices = game._levels()
    for start, stop in reversed(slices):
        inner = start + np.flatnonzero(game.n_children[start:stop] > 0)
        if len(inner):
            first = game.first_child[inner]
            x[inner] = (x[first] + x[first + game.n_children[inner] - 1]) / 2
    level = _aligned_levels(game, slices) if align_infosets else np.array(game.depth, dtype=np.int64)
    return x, level


def _aligned_levels(game: ExtensiveFormGame, slices: list[tuple[int, int]]) -> np.ndarray:
    """The least levels with ``level[child] > level[parent]`` and one level per information set."""
    depth = np.array(game.depth, dtype=np.int64)
    sizes = np.diff(game.member_start)
    inner = game.mover >= 0
    shared = np.flatnonzero(inner & (sizes[np.where(inner, game.infoset, 0)] > 1))
    if not len(shared):
        return depth
    sets = game.infoset[shared]
    level = depth
    # each round lifts a set to its deepest member and pushes the subtrees below down; a tree with
    # perfect recall settles in at most as many rounds as it has levels
    for _ in range(2 * len(slices) + 4):
        top = np.zeros(game.n_infosets, dtype=np.int64)
        np.maximum.at(top, sets, level[shared])
        new = level.copy()
        new[shared] = top[sets]
        for start, stop in slices[1:]:
            new[start:stop] = np.maximum(new[start:stop], new[game.parent[start:stop]] + 1)
        if np.array_equal(new, level):
            return level
        level = new
    return depth  # no common level exists (possible only without perfect recall): plain depths


# --- formatting -----------------------------------------------------------------------------------
def _number(value: Any) -> str:
    """Exact numbers as fractions (``3/5``), floats with 4 significant digits, expressions as sympy prints them."""
    if isinstance(value, float | np.floating):
        return f"{float(value):.4g}"
    return format_number(value)


def _positive(values: np.ndarray, kind: str) -> np.ndarray:
    """Which probabilities are positive (for symbolic ones: not provably zero)."""
    if kind == "float":
        return np.asarray(values, dtype=float) > _EPS
    if kind == "exact":
        return np.array([v > 0 for v in values], dtype=bool)
    return np.array([sympy.simplify(v).is_zero is not True for v in values], dtype=bool)


def _profile_of(game: ExtensiveFormGame, profile: Any, where: str) -> Any:
    if isinstance(profile, Equilibrium):
        profile = profile.profile
    elif hasattr(profile, "equilibria") and not isinstance(profile, Mapping):
        raise InvalidGameError(f"{where}: profile must be a behaviour profile or one Equilibrium; got a whole result, pick one (result[0])")
    return behaviour_profile(game, profile, where=where)


# --- drawing --------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Label:
    """A text placed at a data point, shifted by ``offset`` points and aligned by ``ha``/``va``."""

    text: str
    x: float
    y: float
    offset: tuple[float, float]
    ha: str
    va: str
    gid: str
    color: str = "black"
    weight: str = "normal"
    style: str = "normal"
    boxed: bool = False


def draw_tree(
    game: ExtensiveFormGame,
    profile: Any = None,
    *,
    ax: Axes | None = None,
    highlight: bool = True,
    show_payoffs: bool = True,
    show_actions: bool = True,
    show_players: bool = True,
    align_infosets: bool = True,
    max_labels: int = 400,
    fontsize: float = 9.0,
    title: str | None = None,
) -> Axes:
    """Draw a game tree, and optionally a behaviour profile on it, with matplotlib.

    Decision nodes are filled dots in their player's colour, labelled with
    the player; chance nodes are hollow circles and their branches carry the
    probabilities; terminal nodes are small dots with the payoff vector
    below. Nodes of one information set are joined by a dashed line in the
    player's colour (bowed when another node lies on the straight line),
    labelled once with the player. Exact numbers are printed as fractions.

    With a ``profile``, the moves played with positive probability are drawn
    thick in :data:`HIGHLIGHT_COLOR` (faded where play does not reach them),
    the others thin and grey; mixed probabilities are written on the branches
    and the payoffs of the outcomes reached are in bold, so the equilibrium
    path stands out.

    A new figure is sized so that no two labels overlap; in given axes the
    limits are widened so that every label shows.

    Parameters
    ----------
    game
        The tree.
    profile
        A behaviour profile (``profile[p][k]``: player ``p``'s probabilities at
        their ``k``-th information set, or the nested mapping
        :func:`~gametheory.behaviour_profile` accepts) or an
        :class:`~gametheory.Equilibrium` of the game.
    ax
        The axes to draw in; by default a new figure sized to the tree.
    highlight
        Emphasise the moves the profile plays (default ``True``).
    show_payoffs, show_actions, show_players
        Write the payoff vectors, the action labels (with probabilities) and
        the players' names.
    align_infosets
        Put the nodes of an information set on one level (see :func:`tree_layout`).
    max_labels
        Trees with more nodes than this are drawn without text (only nodes,
        branches and information sets): thousands of labels cannot be read.
    fontsize
        Size of the labels in points.
    title
        The axes title; default the game's title (``""`` for none).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn in. Its artists carry gids: ``"edges"`` and
        ``"highlighted-edges"`` (line collections), ``"decision-nodes"``,
        ``"chance-nodes"``, ``"terminal-nodes"`` (scatter collections),
        ``"information-sets"`` (a line collection, one line per link) and
        ``"player-label"``, ``"action-label"``, ``"payoff"`` (texts).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gametheory import catalog
    >>> from gametheory.plotting import draw_tree
    >>> game = catalog.entry_deterrence()
    >>> ax = draw_tree(game, [[[0, 1]], [[0, 1]]])   # (In, Accommodate), the subgame-perfect equilibrium
    >>> [len(c.get_paths()) for c in ax.collections if c.get_gid() == "highlighted-edges"]
    [2]
    >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "payoff")
    ['(0, 0)', '(1, 5)', '(2, 2)']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    where = "draw_tree()"
    if not isinstance(game, ExtensiveFormGame):
        raise UnsupportedGameError(f"{where}: game must be an ExtensiveFormGame; got {describe(game)}")
    if not isinstance(max_labels, int) or isinstance(max_labels, bool) or max_labels < 0:
        raise InvalidGameError(f"{where}: max_labels must be a non-negative int; got {describe(max_labels)}")
    if not isinstance(fontsize, int | float) or isinstance(fontsize, bool) or not fontsize > 0:
        raise InvalidGameError(f"{where}: fontsize must be a positive number; got {describe(fontsize)}")
    moves = reach = None
    if profile is not None:
        checked = _profile_of(game, profile, where)
        moves = _move_probabilities(game, checked)
        reach = _reach(game, checked)

    n = game.n_nodes
    x, level = tree_layout(game, align_infosets=align_infosets)
    y = -level.astype(float)
    leaves = np.flatnonzero(game.mover == TERMINAL)
    positive = on_path = None
    if moves is not None and reach is not None:
        positive = _positive(moves, game.kind)
        on_path = _positive(reach, game.kind) & positive
    links, owners = _infoset_links(game, x, level)
    with_text = n <= max_labels
    labels: list[_Label] = []
    if with_text:
        labels = _labels(game, x, y, moves, positive, on_path if highlight else None, owners, show_players, show_actions, show_payoffs)
    extents = _extents(labels, fontsize)

    # scale: points per unit of x (one gap between terminal nodes) and per level
    if ax is None:
        need = _required_scale(labels, extents)
        per_unit = max(need, 60.0 if with_text else 14.0)
        per_level = 72.0 if with_text else 36.0
        for _ in range(5):  # shrink very large trees to the largest figure (the margins of labels do not shrink: repeat)
            width, height = _span(x, y, labels, extents, per_unit, per_level)
            if width <= _MAX_INCHES * 72 and height <= _MAX_INCHES * 72:
                break
            per_unit *= min(1.0, 0.98 * _MAX_INCHES * 72 / width)
            per_level *= min(1.0, 0.98 * _MAX_INCHES * 72 / height)
        (left, right), (bottom, top) = _limits(x, y, labels, extents, per_unit, per_level)
        heading = game.title if title is None else title
        head = (fontsize + 2) * 1.3 + 8 if heading else 0.0
        width_pt, height_pt = (right - left) * per_unit, (top - bottom) * per_level
        fig = plt.figure(figsize=(width_pt / 72, (height_pt + head) / 72))
        ax = fig.add_axes((0.0, 0.0, 1.0, height_pt / (height_pt + head)))
    else:
        box = ax.get_window_extent()
        width_pt, height_pt = box.width / ax.figure.dpi * 72, box.height / ax.figure.dpi * 72
        (left, right), (bottom, top) = (float(x.min()) - 0.6, float(x.max()) + 0.6), (float(y.min()) - 0.5, 0.3)
        for _ in range(4):  # the scale depends on the limits and the limits on the scale: a few rounds settle
            (left, right), (bottom, top) = _limits(x, y, labels, extents, width_pt / (right - left), height_pt / (top - bottom))
        per_unit = width_pt / (right - left)
    assert ax is not None
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()
    heading = game.title if title is None else title
    if heading:
        ax.set_title(heading, fontsize=fontsize + 2)

    diameter = float(np.clip(0.45 * per_unit, 1.5, 7.0))
    line_width = float(np.clip(0.22 * diameter, 0.4, 1.3))

    # branches
    children = np.arange(1, n)
    ups = game.parent[1:]
    segments = np.stack([np.column_stack([x[ups], y[ups]]), np.column_stack([x[children], y[children]])], axis=1)
    if positive is not None and on_path is not None and highlight:
        played = positive[1:]
        ax.add_collection(LineCollection(segments[~played], colors="#b5b5b5", linewidths=line_width, gid="edges", zorder=1))
        colors = np.where(on_path[1:][played], HIGHLIGHT_COLOR, _FADED_HIGHLIGHT)
        ax.add_collection(
            LineCollection(
                segments[played], colors=list(colors), linewidths=2.6 * line_width, capstyle="round", gid="highlighted-edges", zorder=2
            )
        )
    else:
        ax.add_collection(LineCollection(list(segments), colors="#333333", linewidths=line_width, gid="edges", zorder=1))

    # nodes
    decision = np.flatnonzero(game.mover >= 0)
    chance = np.flatnonzero(game.mover == CHANCE)
    area = diameter**2
    ax.scatter(
        x[decision],
        y[decision],
        s=area,
        c=[_player_color(int(p)) for p in game.mover[decision]],
        zorder=4,
        linewidths=0,
        gid="decision-nodes",
    )
    ax.scatter(
        x[chance], y[chance], s=2.0 * area, facecolors="white", edgecolors="black", linewidths=line_width, zorder=4, gid="chance-nodes"
    )
    ax.scatter(x[leaves], y[leaves], s=0.3 * area, c="#333333", linewidths=0, zorder=4, gid="terminal-nodes")

    # information sets
    ax.add_collection(
        LineCollection(
            [line for line, _ in links],
            colors=[_player_color(int(game.infoset_player[h])) for _, h in links],
            linewidths=line_width,
            linestyles=(0, (4, 3)),
            gid="information-sets",
            zorder=3,
        )
    )

    for label in labels:
        ax.annotate(
            _escape_mathtext(label.text),
            (label.x, label.y),
            xytext=label.offset,
            textcoords="offset points",
            ha=label.ha,
            va=label.va,
            color=label.color,
            fontweight=label.weight,
            fontstyle=label.style,
            fontsize=fontsize,
            linespacing=_LINESPACING,
            annotation_clip=False,
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85} if label.boxed else None,
            gid=label.gid,
            zorder=5,
        )
    return ax


_MAX_INCHES = 60.0
_LINESPACING = 1.15
_FADED_HIGHLIGHT = "#eda3a3"
_GAP = 2.0  # points between a node and its labels


def _labels(
    game: ExtensiveFormGame,
    x: np.ndarray,
    y: np.ndarray,
    moves: np.ndarray | None,
    positive: np.ndarray | None,
    on_path: np.ndarray | None,
    owners: list[tuple[tuple[float, float], int]],
    show_players: bool,
    show_actions: bool,
    show_payoffs: bool,
) -> list[_Label]:
    """Every text of the picture, placed relative to its node or branch."""
    labels: list[_Label] = []
    mover, parent = game.mover, game.parent
    side = 6.0 + _GAP
    if show_players:
        sizes = np.diff(game.member_start)
        for node in np.flatnonzero(mover != TERMINAL).tolist():
            if mover[node] >= 0 and sizes[game.infoset[node]] > 1:
                continue  # written once for the whole set
            if mover[node] == CHANCE:
                name, color, style = "chance", CHANCE_COLOR, "italic"
            else:
                name, color, style = game.players[mover[node]], _player_color(int(mover[node])), "normal"
            if node == 0:
                offset, ha, va = (0.0, side), "center", "bottom"
            elif x[node] < x[parent[node]] - _EPS:
                offset, ha, va = (-side, 0.0), "right", "center"
            else:
                offset, ha, va = (side, 0.0), "left", "center"
            labels.append(_Label(name, float(x[node]), float(y[node]), offset, ha, va, "player-label", color, style=style))
        for (ox, oy), h in owners:
            p = int(game.infoset_player[h])
            labels.append(_Label(game.players[p], ox, oy, (0.0, 2.0), "center", "bottom", "player-label", _player_color(p), boxed=True))
    if show_actions:
        for child in range(1, game.n_nodes):
            up = int(parent[child])
            text = game.action_label(child)
            weight, color = "normal", "black"
            if mover[up] == CHANCE:
                probs = game.chance_probs[game.infoset[up]]
                assert probs is not None
                text += f" ({_number(probs[game.action[child]])})"
            elif moves is not None and positive is not None:
                if not positive[child]:
                    color = "#8a8a8a"
                elif not _is_one(moves[child]):
                    text += f" ({_number(moves[child])})"
            if on_path is not None and on_path[child]:
                weight = "bold"
            dx = x[child] - x[up]
            # beside the middle of the branch, on the outer side and just above the middle, clear of the line
            dx = x[child] - x[up]
            if dx < -_EPS:
                offset, ha, va = (-3.0, 0.0), "right", "bottom"
            elif dx > _EPS:
                offset, ha, va = (3.0, 0.0), "left", "bottom"
            else:
                offset, ha, va = (5.0, 0.0), "left", "center"
            mid = (float(x[up] + x[child]) / 2, float(y[up] + y[child]) / 2)
            labels.append(_Label(text, mid[0], mid[1], offset, ha, va, "action-label", color, weight))
    if show_payoffs:
        for leaf in np.flatnonzero(mover == TERMINAL):
            bold = on_path is not None and bool(on_path[leaf])
            labels.append(
                _Label(
                    _payoff_text(game, int(leaf)),
                    float(x[leaf]),
                    float(y[leaf]),
                    (0.0, -(4.0 + _GAP)),
                    "center",
                    "top",
                    "payoff",
                    weight="bold" if bold else "normal",
                )
            )
    return labels


def _is_one(value: Any) -> bool:
    if isinstance(value, float | np.floating):
        return abs(float(value) - 1.0) <= _EPS
    return bool(value == 1)


def _escape_mathtext(text: str) -> str:
    """matplotlib reads text between dollar signs as mathematics: keep labels literal."""
    return text.replace("$", r"\$")


def _extents(labels: list[_Label], fontsize: float) -> np.ndarray:
    """Each label's box relative to its anchor, in points: columns left, right, bottom, top."""
    if not labels:
        return np.zeros((0, 4))
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    cache: dict[tuple[str, str, str], float] = {}
    boxes = np.empty((len(labels), 4))
    line_height = fontsize * 1.2 * _LINESPACING
    for i, label in enumerate(labels):
        lines = label.text.split("\n")
        width = 0.0
        for line in lines:
            key = (line, label.weight, label.style)
            if key not in cache:
                prop = FontProperties(size=fontsize, weight=label.weight, style=label.style)  # type: ignore[arg-type]
                cache[key] = text_to_path.get_text_width_height_descent(_escape_mathtext(line), prop, ismath=False)[0] * 1.06
            width = max(width, cache[key])
        height = line_height * len(lines)
        dx, dy = label.offset
        left = dx if label.ha == "left" else (dx - width if label.ha == "right" else dx - width / 2)
        bottom = dy if label.va == "bottom" else (dy - height if label.va == "top" else dy - height / 2)
        boxes[i] = (left, left + width, bottom, bottom + height)
    return boxes


def _required_scale(labels: list[_Label], extents: np.ndarray, gap: float = 5.0) -> float:
    """Points per unit of x for which no two neighbouring labels of one kind and one height overlap."""
    groups: dict[tuple[float, str], list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault((round(label.y, 6), label.gid), []).append(i)
    need = 0.0
    for members in groups.values():
        members.sort(key=lambda i: labels[i].x)
        for i, j in itertools.pairwise(members):
            distance = labels[j].x - labels[i].x
            if distance > _EPS:
                need = max(need, (extents[i, 1] - extents[j, 0] + gap) / distance)
    return need


def _limits(
    x: np.ndarray, y: np.ndarray, labels: list[_Label], extents: np.ndarray, per_unit: float, per_level: float, pad: float = 6.0
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis limits that hold every node and every label at the given scales."""
    anchors_x = np.array([label.x for label in labels])
    anchors_y = np.array([label.y for label in labels])
    lefts = [float(x.min()) - 12.0 / per_unit]
    rights = [float(x.max()) + 12.0 / per_unit]
    bottoms = [float(y.min()) - 10.0 / per_level]
    tops = [float(y.max()) + 10.0 / per_level]
    if len(labels):
        lefts.append(float((anchors_x + extents[:, 0] / per_unit).min()))
        rights.append(float((anchors_x + extents[:, 1] / per_unit).max()))
        bottoms.append(float((anchors_y + extents[:, 2] / per_level).min()))
        tops.append(float((anchors_y + extents[:, 3] / per_level).max()))
    return (min(lefts) - pad / per_unit, max(rights) + pad / per_unit), (min(bottoms) - pad / per_level, max(tops) + pad / per_level)


def _span(
    x: np.ndarray, y: np.ndarray, labels: list[_Label], extents: np.ndarray, per_unit: float, per_level: float
) -> tuple[float, float]:
    """Width and height in points of the picture at the given scales."""
    (left, right), (bottom, top) = _limits(x, y, labels, extents, per_unit, per_level)
    return (right - left) * per_unit, (top - bottom) * per_level


def _player_color(player: int) -> str:
    return PLAYER_COLORS[player % len(PLAYER_COLORS)]


def _payoff_text(game: ExtensiveFormGame, node: int) -> str:
    values = "(" + ", ".join(_number(v) for v in game.terminal_payoffs(node)) + ")"
    name = game.node_labels[node] if game.node_labels is not None else ""
    return f"{name}\n{values}" if name else values


def _infoset_links(
    game: ExtensiveFormGame, x: np.ndarray, level: np.ndarray
) -> tuple[list[tuple[np.ndarray, int]], list[tuple[tuple[float, float], int]]]:
    """Lines joining the nodes of each players' information set (left to right), and where to write each set's owner."""
    links: list[tuple[np.ndarray, int]] = []
    owners: list[tuple[tuple[float, float], int]] = []
    sizes = np.diff(game.member_start)
    for h in np.flatnonzero((sizes > 1) & (game.infoset_player >= 0)).tolist():
        members = game.nodes_of(h)
        members = members[np.argsort(x[members], kind="stable")]
        for a, b in itertools.pairwise(members):
            start = np.array([x[a], -float(level[a])])
            stop = np.array([x[b], -float(level[b])])
            blocked = level[a] == level[b] and bool(np.any((level == level[a]) & (x > x[a] + _EPS) & (x < x[b] - _EPS)))
            if blocked:
                # bow the link upwards over the nodes in between
                t = np.linspace(0.0, 1.0, 25)[:, None]
                control = (start + stop) / 2 + np.array([0.0, 0.55])
                line = (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t**2 * stop
            else:
                line = np.stack([start, stop])
            links.append((line, h))
            if a == members[0]:
                middle = line[len(line) // 2] if len(line) > 2 else line.mean(axis=0)
                owners.append(((float(middle[0]), float(middle[1])), h))
    return links, owners
