"""Pictures of parametric results: a map of the regimes over two parameters, and a quantity's curve over one parameter.

:func:`regime_map` fills each regime's region in its colour, draws the
boundaries, labels each region inside it where the label fits (in the legend
otherwise), and draws regimes that occupy no area (their condition contains
an ``Eq``: indifference lines and points) as lines and markers. The regions
are filled by contouring, for each regime, a function that is positive
exactly where its condition holds (``lhs - rhs`` for a relation, the minimum
over an ``And``, the maximum over an ``Or``), so boundaries given by linear
conditions are drawn exactly, not as the staircase of the pixels.

:func:`regime_curve` draws a quantity over one parameter, piece by piece
with the regime that holds, with a dashed vertical line at every change of
regime (located by bisection to float precision).

Both evaluate the conditions with :func:`gametheory.symbolic.sweep.sweep`;
matplotlib is imported only when they run.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy
from sympy.logic.boolalg import BooleanAtom, to_dnf

from .._numbers import describe
from ..errors import InvalidGameError
from ..symbolic.sweep import _prepared, _resolve, sweep

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["REGIME_COLORS", "regime_curve", "regime_map"]

#: Default colours of the regimes, in order (repeating after the eighth): the Okabe-Ito palette, told apart also by
#: colour-blind readers; regions are filled with them at ``FILL_ALPHA``, lines and points drawn with them as they are.
REGIME_COLORS: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
FILL_ALPHA = 0.35
BOUNDARY_COLOR = "#333333"


# --- the map over two parameters ----------------------------------------------------------------------------------------
def regime_map(
    conditions: Sequence[sympy.Basic],
    labels: Sequence[str],
    x: tuple[sympy.Symbol, float, float],
    y: tuple[sympy.Symbol, float, float],
    *,
    fixed: Any = None,
    resolution: int = 400,
    ax: Axes | None = None,
    colors: Sequence[Any] | None = None,
    title: str | None = None,
) -> Axes:
    """Draw the regimes over two parameters: filled, labelled regions with their boundaries.

    Parameters
    ----------
    conditions
        One sympy Boolean per regime (as for :func:`~gametheory.symbolic.sweep.sweep`:
        where several hold, the first wins).
    labels
        One label per regime (matplotlib mathtext such as ``"$p < 1/2$"`` works).
    x, y
        ``(symbol, low, high)``: the parameter on each axis and its range.
    fixed
        Values of the other parameters.
    resolution
        Grid points along each axis.
    ax
        Axes to draw on (default: a new figure with a constrained layout). A
        legend, when needed, sits outside the axes on the right: with your
        own axes use a constrained layout or ``savefig(bbox_inches="tight")``.
    colors
        One matplotlib colour per regime (default :data:`REGIME_COLORS`);
        regions are filled with them at alpha ``FILL_ALPHA``.
    title
        Title of the axes.

    Returns
    -------
    matplotlib.axes.Axes
        The axes. Artists carry gids: ``regime-fill-k`` (the region of regime
        ``k``), ``regime-line-k`` and ``regime-point-k`` (a regime with no
        area), ``regime-boundary`` and ``regime-label``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import sympy
    >>> a, b = sympy.symbols("a b", positive=True)
    >>> ax = regime_map([a > b, sympy.Eq(a, b), a < b], ["attack", "indifferent", "hold"], (a, 0, 1), (b, 0, 1), resolution=50)
    >>> sorted(t.get_text() for t in ax.texts)
    ['attack', 'hold']
    >>> ax.get_legend().get_texts()[0].get_text()
    'indifferent'
    """
    where = "regime_map()"
    conds, _, _, free, by_name = _prepared(conditions, None, fixed)
    names = _labels(labels, len(conds), where)
    palette = _colors(colors, len(conds), where)
    xs, x_symbol = _axis(x, "x", free, by_name, resolution, where)
    ys, y_symbol = _axis(y, "y", free, by_name, resolution, where)
    if x_symbol == y_symbol:
        raise InvalidGameError(f"{where}: x and y must be different parameters; got {x_symbol} twice")
    _check_all_given(conds, {x_symbol, y_symbol}, where)

    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 4.8), layout="constrained")
    grid = {x_symbol: xs, y_symbol: ys}
    regime = sweep(conds, grid).regime  # [i, j] at (xs[i], ys[j])
    fields = _fields(conds, grid)

    handles: dict[int, Any] = {}  # legend entries of regimes not labelled inside their region
    areas: list[int] = []
    drawn_over = np.zeros(regime.shape, dtype=bool)  # grid points next to the lines and points drawn: no labels there
    shown = np.full(regime.shape, -np.inf)  # the running maximum of the fields of earlier regimes
    for k, field in enumerate(fields):
        # where several conditions hold the first wins: take the earlier regions out of this one
        region = _finite(np.fmin(field, -shown))
        shown = np.fmax(shown, field)
        top = np.nanmax(region, initial=-np.inf)
        if top > 0 and (regime == k).any():
            contours = ax.contourf(xs, ys, region.T, levels=[_tiny(top), top * 2], colors=[palette[k]], alpha=FILL_ALPHA)
            contours.set_gid(f"regime-fill-{k}")
            outline = ax.contour(xs, ys, region.T, levels=[0], colors=[BOUNDARY_COLOR], linewidths=0.9)
            outline.set_gid("regime-boundary")
            areas.append(k)
        elif _has_equation(conds[k]):
            drawn, near = _draw_lower_dimensional(ax, conds[k], x_symbol, y_symbol, xs, ys, palette[k], k)
            drawn_over |= near
            if drawn == "line":
                handles[k] = Line2D([], [], color=palette[k], linewidth=2.2)
            elif drawn == "point":
                handles[k] = Line2D([], [], color=palette[k], marker="o", linestyle="none", markersize=7)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(ys[0], ys[-1])
    ax.set_xlabel(f"${sympy.latex(x_symbol)}$")
    ax.set_ylabel(f"${sympy.latex(y_symbol)}$")
    if title is not None:
        ax.set_title(title)

    # labels inside their regions where they fit; the legend takes the others. A legend outside the axes shrinks
    # them (constrained layout), so place the labels again after laying out, until nothing moves.
    masks = {k: (regime == k) & ~drawn_over for k in areas}
    texts: dict[int, list[Any]] = {}
    for _ in range(4):
        for k in areas:
            for text in texts.get(k, []):
                text.remove()
            texts[k] = _place_labels(ax, masks[k], xs, ys, names[k])
            if texts[k]:
                handles.pop(k, None)
            else:
                handles[k] = Patch(facecolor=palette[k], edgecolor=BOUNDARY_COLOR, alpha=FILL_ALPHA + 0.15)
        _legend(ax, handles, names)
        ax.figure.canvas.figure.draw_without_rendering()  # the root figure, also when ax is in a subfigure
        if all(_fits(ax, text, masks[k], xs, ys) for k in areas for text in texts[k]):
            break
    else:
        for k in areas:
            for text in [t for t in texts[k] if not _fits(ax, t, masks[k], xs, ys)]:
                text.remove()
                texts[k].remove(text)
            if not texts[k]:
                handles[k] = Patch(facecolor=palette[k], edgecolor=BOUNDARY_COLOR, alpha=FILL_ALPHA + 0.15)
        _legend(ax, handles, names)
    return ax


def _legend(ax: Axes, handles: dict[int, Any], names: list[str]) -> None:
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    if handles:
        order = sorted(handles)
        ax.legend(
            [handles[k] for k in order],
            [names[k] for k in order],
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0.0,
            frameon=False,
        )


def _fields(conds: tuple[sympy.Basic, ...], grid: dict[sympy.Symbol, np.ndarray]) -> list[np.ndarray]:
    """For each condition, an array over the grid that is positive exactly where it holds (up to its boundary)."""
    atoms: dict[sympy.Basic, sympy.Expr] = {}
    for condition in conds:
        for atom in condition.atoms(sympy.core.relational.Relational):
            atoms.setdefault(atom, atom.lhs - atom.rhs)
    keys = list(atoms)
    values = sweep([sympy.true], grid, {f"g{i}": [atoms[key]] for i, key in enumerate(keys)}).values if keys else {}
    arrays = {key: np.asarray(values[f"g{i}"]) for i, key in enumerate(keys)}
    shape = tuple(len(v) for v in grid.values())

    def field(expr: sympy.Basic) -> np.ndarray:
        if isinstance(expr, BooleanAtom):
            return np.full(shape, 1.0 if expr is sympy.true else -1.0)
        if isinstance(expr, sympy.core.relational.Relational):
            g = arrays[expr]
            if isinstance(expr, sympy.Eq):
                return -np.abs(g)
            if isinstance(expr, sympy.Ne):
                return np.abs(g)
            return g if isinstance(expr, sympy.Gt | sympy.Ge) else -g
        if isinstance(expr, sympy.And):
            return np.minimum.reduce([field(arg) for arg in expr.args])
        if isinstance(expr, sympy.Or):
            return np.maximum.reduce([field(arg) for arg in expr.args])
        if isinstance(expr, sympy.Not):
            return -field(expr.args[0])
        # anything else (Xor, Implies, ...): its truth, which fills pixel by pixel
        return np.where(sweep([expr], grid).regime == 0, 1.0, -1.0)

    return [field(condition) for condition in conds]


def _finite(field: np.ndarray) -> np.ndarray:
    # poles of rational conditions give infinities, which contouring cannot use: make them large instead
    finite = np.abs(field[np.isfinite(field)])
    big = 10 * max(float(finite.max()) if finite.size else 1.0, 1.0)
    return np.nan_to_num(field, nan=np.nan, posinf=big, neginf=-big)


def _tiny(top: float) -> float:
    # fill strictly positive values only: an Eq holds at isolated grid points with field exactly 0
    return min(top / 2, 1e-12 * max(1.0, top))


def _has_equation(condition: sympy.Basic) -> bool:
    return bool(condition.atoms(sympy.Eq))


def _draw_lower_dimensional(
    ax: Axes, condition: sympy.Basic, x_symbol: sympy.Symbol, y_symbol: sympy.Symbol, xs: np.ndarray, ys: np.ndarray, color: Any, k: int
) -> tuple[str | None, np.ndarray]:
    """Draw a regime with no area: what was drawn (``"line"``, ``"point"`` or ``None``: nothing of it in the window),
    and the grid points next to it."""
    grid = {x_symbol: xs, y_symbol: ys}
    drawn: str | None = None
    near = np.zeros((len(xs), len(ys)), dtype=bool)
    for term in to_dnf(condition).args if isinstance(to_dnf(condition), sympy.Or) else (to_dnf(condition),):
        literals = term.args if isinstance(term, sympy.And) else (term,)
        equations = [lit for lit in literals if isinstance(lit, sympy.Eq)]
        rest = sympy.And(*(lit for lit in literals if not isinstance(lit, sympy.Eq)))
        if len(equations) == 1:
            g = equations[0].lhs - equations[0].rhs
            values = sweep([rest], grid, {"g": [g]}).values["g"]  # nan where the rest of the condition fails
            if np.isfinite(values).any() and np.nanmin(values) <= 0 <= np.nanmax(values):
                lines = ax.contour(xs, ys, np.ma.masked_invalid(values).T, levels=[0], colors=[color], linewidths=2.2, zorder=3)
                if any(np.asarray(path.vertices).size for path in lines.get_paths()):
                    lines.set_gid(f"regime-line-{k}")
                    drawn = "line"
                    near |= _crossings(values)
                else:
                    lines.remove()
        elif len(equations) > 1:
            found = _solutions(equations, rest, x_symbol, y_symbol, xs, ys)
            if found:
                ax.plot(
                    *zip(*found), linestyle="none", marker="o", markersize=7, color=color, gid=f"regime-point-{k}", clip_on=False, zorder=3
                )
                drawn = drawn or "point"
                for x_value, y_value in found:
                    i, j = int(np.abs(xs - x_value).argmin()), int(np.abs(ys - y_value).argmin())
                    near[max(i - 2, 0) : i + 3, max(j - 2, 0) : j + 3] = True
    return drawn, near


def _crossings(values: np.ndarray) -> np.ndarray:
    """Grid points with a neighbour across the zero of ``values`` (or on it)."""
    sign = np.sign(values)  # nan where undefined: compares unequal, so no crossing is found there
    near = sign == 0
    for axis in (0, 1):
        change = np.diff(sign, axis=axis) != 0
        change &= np.isfinite(np.diff(values, axis=axis))
        lower = [slice(None)] * 2
        upper = [slice(None)] * 2
        lower[axis], upper[axis] = slice(None, -1), slice(1, None)
        near[tuple(lower)] |= change
        near[tuple(upper)] |= change
    return near


def _solutions(
    equations: list[sympy.Basic], rest: sympy.Basic, x_symbol: sympy.Symbol, y_symbol: sympy.Symbol, xs: np.ndarray, ys: np.ndarray
) -> list[tuple[float, float]]:
    """The points of the window where all ``equations`` and ``rest`` hold (exactly, where sympy can solve them)."""
    try:
        solutions = sympy.solve(equations, [x_symbol, y_symbol], dict=True)
    except (NotImplementedError, ValueError):
        return []
    found = []
    for solution in solutions:
        if set(solution) != {x_symbol, y_symbol} or any(v.free_symbols for v in solution.values()):
            continue  # a curve of solutions or an unresolved one: nothing to mark
        if not all(v.is_real is not False for v in solution.values()) or rest.xreplace(solution) is sympy.false:
            continue
        try:
            point = (float(solution[x_symbol]), float(solution[y_symbol]))
        except TypeError:
            continue
        if xs[0] <= point[0] <= xs[-1] and ys[0] <= point[1] <= ys[-1]:
            found.append(point)
    return found


def _place_labels(ax: Axes, mask: np.ndarray, xs: np.ndarray, ys: np.ndarray, label: str, pad: float = 4.0, most: int = 3) -> list[Any]:
    """Texts labelling the region ``mask``: one in each of its (at most ``most``, largest first) connected pieces where
    the text's box, with a margin of ``pad`` pixels, fits inside; at the fitting point farthest from the region's edges."""
    from scipy.ndimage import distance_transform_edt
    from scipy.ndimage import label as components

    text = ax.text(0, 0, label, ha="center", va="center", fontsize=10, gid="regime-label", clip_on=True)
    box, axes_box = text.get_window_extent(), ax.get_window_extent()
    nx, ny = mask.shape
    step_x, step_y = axes_box.width / max(nx - 1, 1), axes_box.height / max(ny - 1, 1)
    # half the box in grid steps, rounded up, plus one step for a boundary that passes between two grid points
    hx = math.ceil((box.width / 2 + pad) / step_x) + 1 if step_x > 0 else nx
    hy = math.ceil((box.height / 2 + pad) / step_y) + 1 if step_y > 0 else ny
    wx, wy = 2 * hx + 1, 2 * hy + 1
    if not mask.any() or wx > nx or wy > ny:
        text.remove()
        return []
    # the number of region points in the window around each possible centre, from a summed-area table
    table = np.pad(mask.astype(np.int64).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    inside = np.zeros_like(mask)
    inside[hx : nx - hx, hy : ny - hy] = (table[wx:, wy:] - table[:-wx, wy:] - table[wx:, :-wy] + table[:-wx, :-wy]) == wx * wy
    if not inside.any():
        text.remove()
        return []
    # the plot's edges bound the region too: pad with outside points
    distance = distance_transform_edt(np.pad(mask, 1), sampling=(step_x or 1.0, step_y or 1.0))[1:-1, 1:-1]
    pieces, count = components(mask)
    sizes = np.bincount(pieces.ravel(), minlength=count + 1)
    placed: list[Any] = []
    for piece in sorted(range(1, count + 1), key=lambda p: -sizes[p]):
        here = inside & (pieces == piece)
        if not here.any():
            continue
        # farthest from the edges; among (nearly) equally far points, the one nearest the piece's centre
        ii, jj = np.nonzero(pieces == piece)
        offset = np.hypot((np.arange(nx)[:, None] - ii.mean()) * step_x, (np.arange(ny)[None, :] - jj.mean()) * step_y)
        score = np.where(here, np.round(distance / max(step_x, step_y, 1e-9)) - 1e-6 * offset, -np.inf)
        i, j = np.unravel_index(np.argmax(score), score.shape)
        if placed:
            text = ax.text(0, 0, label, ha="center", va="center", fontsize=10, gid="regime-label", clip_on=True)
        text.set_position((xs[i], ys[j]))
        placed.append(text)
        if len(placed) == most:
            break
    return placed


def _fits(ax: Axes, text: Any, mask: np.ndarray, xs: np.ndarray, ys: np.ndarray, pad: float = 4.0) -> bool:
    """Whether the text, with a margin of ``pad`` pixels, lies inside its region (and the axes)."""
    box = text.get_window_extent().padded(pad)
    axes_box = ax.get_window_extent()
    if box.x0 < axes_box.x0 or box.x1 > axes_box.x1 or box.y0 < axes_box.y0 or box.y1 > axes_box.y1:
        return False
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([[box.x0, box.y0], [box.x1, box.y1]])
    # the grid points covering the box and one beyond on each side: a boundary between two of them may cross the box
    i0, i1 = max(int(np.searchsorted(xs, min(x0, x1))) - 1, 0), min(int(np.searchsorted(xs, max(x0, x1), "right")) + 1, len(xs))
    j0, j1 = max(int(np.searchsorted(ys, min(y0, y1))) - 1, 0), min(int(np.searchsorted(ys, max(y0, y1), "right")) + 1, len(ys))
    return bool(mask[i0:i1, j0:j1].all())


# --- the curve over one parameter ---------------------------------------------------------------------------------------
def regime_curve(
    conditions: Sequence[sympy.Basic],
    values: Sequence[sympy.Expr | None],
    x: tuple[sympy.Symbol, float, float],
    *,
    fixed: Any = None,
    labels: Sequence[str] | None = None,
    resolution: int = 1000,
    ax: Axes | None = None,
    ylabel: str | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a quantity over one parameter, piece by piece with its regimes, and mark where the regime changes.

    Parameters
    ----------
    conditions
        One sympy Boolean per regime (where several hold, the first wins).
    values
        The quantity in each regime (``None`` where it is undefined: a gap).
    x
        ``(symbol, low, high)``: the parameter and its range.
    fixed
        Values of the other parameters.
    labels
        One label per regime: the pieces are then coloured by regime and
        listed in a legend. Without labels the curve has one colour.
    resolution
        Points along the axis (the changes of regime are then located by
        bisection to float precision, and each piece is drawn up to them).
    ax
        Axes to draw on (default: a new figure).
    ylabel, title
        The label of the y axis and the title.

    Returns
    -------
    matplotlib.axes.Axes
        The axes. Artists carry gids: ``regime-curve-k`` (each piece in
        regime ``k``), ``regime-point-k`` (a regime that holds at isolated
        points only) and ``regime-change`` (the dashed lines).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import sympy
    >>> p = sympy.Symbol("p")
    >>> ax = regime_curve([p < sympy.Rational(1, 3), sympy.Eq(3 * p, 1), p > sympy.Rational(1, 3)], [1 - p, None, p], (p, 0, 1), labels=["war", "edge", "peace"])
    >>> [round(float(line.get_xdata()[0]), 6) for line in ax.lines if line.get_gid() == "regime-change"]
    [0.333333]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['war', 'peace']
    """
    where = "regime_curve()"
    conds, quants, _, free, by_name = _prepared(conditions, {"value": values}, fixed)
    exprs = quants["value"]
    names = None if labels is None else _labels(labels, len(conds), where)
    xs, x_symbol = _axis(x, "x", free, by_name, resolution, where)
    _check_all_given((*conds, *(e for e in exprs if e is not None)), {x_symbol}, where)

    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 4.0), layout="constrained")
    result = sweep(conds, {x_symbol: xs}, {"value": exprs})
    regime, ys = np.asarray(result.regime), np.asarray(result.values["value"])
    changes = np.flatnonzero(regime[1:] != regime[:-1])
    edges = _bisect(conds, x_symbol, xs[changes], xs[changes + 1], regime[changes])
    starts = np.concatenate([[0], changes + 1])
    stops = np.concatenate([changes + 1, [len(xs)]])
    left = np.concatenate([[np.nan], edges])
    right = np.concatenate([edges, [np.nan]])

    colored = names is not None
    handles: dict[int, Any] = {}  # one legend entry per regime drawn, in regime order
    for start, stop, x_left, x_right in zip(starts, stops, left, right):
        k = int(regime[start])
        if k < 0 or exprs[k] is None or (stop - start == 1 and _has_equation(conds[k])):
            continue  # a regime of isolated points that a grid point happens to hit: drawn as a marker below
        # extend the piece to the exact changes of regime, with this regime's own expression there
        ends = [v for v in (x_left, x_right) if not np.isnan(v)]
        at_ends: Any = sweep([sympy.true], {x_symbol: np.array(ends)}, {"v": [exprs[k]]}, points=True).values["v"] if ends else []
        px = np.concatenate([[x_left] if not np.isnan(x_left) else [], xs[start:stop], [x_right] if not np.isnan(x_right) else []])
        py = np.concatenate([at_ends[:1] if not np.isnan(x_left) else [], ys[start:stop], at_ends[-1:] if not np.isnan(x_right) else []])
        color = REGIME_COLORS[k % len(REGIME_COLORS)] if colored else REGIME_COLORS[0]
        (line,) = ax.plot(px, py, color=color, linewidth=2, gid=f"regime-curve-{k}")
        handles.setdefault(k, line)
    for k, condition in enumerate(conds):
        if k in handles or not _has_equation(condition):
            continue
        points = _curve_points(conds, exprs, k, x_symbol, xs)
        if points:
            color = REGIME_COLORS[k % len(REGIME_COLORS)] if colored else REGIME_COLORS[0]
            (line,) = ax.plot(*zip(*points), linestyle="none", marker="o", markersize=6, color=color, gid=f"regime-point-{k}")
            handles[k] = line
    # a regime of isolated points between two others makes two changes a rounding error apart: one line for both
    marked: list[float] = []
    for edge in edges:
        if not marked or edge - marked[-1] > 1e-9 * (xs[-1] - xs[0]):
            marked.append(float(edge))
            ax.axvline(edge, linestyle="--", color="0.45", linewidth=0.9, gid="regime-change")
    ax.set_xlim(xs[0], xs[-1])
    ax.set_xlabel(f"${sympy.latex(x_symbol)}$")
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if title is not None:
        ax.set_title(title)
    if names is not None and handles:
        _legend(ax, handles, names)
    return ax


def _bisect(
    conds: tuple[sympy.Basic, ...], x_symbol: sympy.Symbol, low: np.ndarray, high: np.ndarray, low_regime: np.ndarray
) -> np.ndarray:
    """Where the regime changes between ``low`` and ``high`` (element-wise), to float precision."""
    low, high = low.astype(float), high.astype(float)
    for _ in range(64):
        middle = (low + high) / 2
        stuck = (middle == low) | (middle == high)
        if stuck.all():
            break
        same = sweep(conds, {x_symbol: middle}, points=True).regime == low_regime
        low, high = np.where(same & ~stuck, middle, low), np.where(~same & ~stuck, middle, high)
    return (low + high) / 2


def _curve_points(
    conds: tuple[sympy.Basic, ...], exprs: tuple[sympy.Expr | None, ...], k: int, x_symbol: sympy.Symbol, xs: np.ndarray
) -> list[tuple[float, float]]:
    """The points of the window where regime ``k`` (an equation in x) is the first to hold and its quantity is defined, with its value."""
    found = []
    dnf = to_dnf(conds[k])
    for term in dnf.args if isinstance(dnf, sympy.Or) else (dnf,):
        literals = term.args if isinstance(term, sympy.And) else (term,)
        for equation in (lit for lit in literals if isinstance(lit, sympy.Eq)):
            try:
                roots = sympy.solve(equation.lhs - equation.rhs, x_symbol)
            except (NotImplementedError, ValueError):
                continue
            for root in roots:
                if root.free_symbols or root.is_real is False:
                    continue
                truths = [c.xreplace({x_symbol: root}) for c in conds]
                first = next((j for j, t in enumerate(truths) if t is not sympy.false), None)
                if first != k or truths[k] is not sympy.true or not xs[0] <= float(root) <= xs[-1]:
                    continue
                expr = exprs[k]
                value = expr.xreplace({x_symbol: root}) if expr is not None else sympy.nan
                if value.is_real and value.is_finite:  # where the quantity is undefined there is nothing to mark
                    found.append((float(root), float(value)))
    return sorted(set(found))


# --- validation ---------------------------------------------------------------------------------------------------------
def _labels(labels: Any, n: int, where: str) -> list[str]:
    if isinstance(labels, str) or not isinstance(labels, Sequence) or len(labels) != n:
        got = describe(labels) if isinstance(labels, str) or not isinstance(labels, Sequence) else f"{len(labels)} labels"
        raise InvalidGameError(f"{where}: labels must be a sequence of {n} strings, one per condition; got {got}")
    return [str(label) for label in labels]


def _colors(colors: Any, n: int, where: str) -> list[Any]:
    if colors is None:
        return [REGIME_COLORS[k % len(REGIME_COLORS)] for k in range(n)]
    from matplotlib.colors import is_color_like

    if isinstance(colors, str) or not isinstance(colors, Sequence) or len(colors) < n:
        raise InvalidGameError(f"{where}: colors must be a sequence of at least {n} colours, one per condition; got {describe(colors)}")
    bad = [c for c in colors if not is_color_like(c)]
    if bad:
        raise InvalidGameError(f"{where}: colors must be matplotlib colours; got {describe(bad[0])}")
    return list(colors)


def _axis(
    spec: Any, name: str, free: set[sympy.Symbol], by_name: dict[str, list[sympy.Symbol]], resolution: Any, where: str
) -> tuple[np.ndarray, sympy.Symbol]:
    if not isinstance(resolution, numbers.Integral) or isinstance(resolution, bool) or resolution < 2:
        raise InvalidGameError(f"{where}: resolution must be an int >= 2; got {describe(resolution)}")
    if not isinstance(spec, tuple | list) or len(spec) != 3 or not isinstance(spec[0], sympy.Symbol | str):
        raise InvalidGameError(f"{where}: {name} must be a tuple (symbol, low, high); got {describe(spec)}")
    symbol = _resolve(spec[0], name, free, by_name)
    try:
        low, high = float(spec[1]), float(spec[2])
    except (TypeError, ValueError) as error:
        raise InvalidGameError(f"{where}: {name} must be a tuple (symbol, low, high) of numbers; got {describe(spec)}") from error
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise InvalidGameError(f"{where}: {name} must have finite low < high; got {spec[1]!r}, {spec[2]!r}")
    return np.linspace(low, high, int(resolution)), symbol


def _check_all_given(exprs: Sequence[sympy.Basic], axes: set[sympy.Symbol], where: str) -> None:
    missing = set().union(*(e.free_symbols for e in exprs)) - axes
    if missing:
        raise InvalidGameError(
            f"{where}: parameter {', '.join(sorted(str(s) for s in missing))} is neither on an axis nor in fixed; give it a value in fixed"
        )
