"""Regime maps and regime curves: what is drawn (regions, boundaries, lines, points, labels), that the filled regions are
where the conditions hold, that labels sit inside their regions without overlapping, and the errors."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
import sympy

from gametheory import InvalidGameError
from gametheory.plotting import regime_curve, regime_map
from gametheory.symbolic.sweep import sweep

a, b = sympy.symbols("a b", positive=True)
c = sympy.Symbol("c")
p = sympy.Symbol("p")
half, third = sympy.Rational(1, 2), sympy.Rational(1, 3)


@pytest.fixture(autouse=True)
def _close_figures():  # type: ignore[no-untyped-def]
    yield
    plt.close("all")


def gids(ax, prefix: str) -> list[str]:  # type: ignore[no-untyped-def]
    artists = [*ax.collections, *ax.lines, *ax.texts]
    return sorted(g for g in (artist.get_gid() for artist in artists) if g and g.startswith(prefix))


def legend_texts(ax) -> list[str]:  # type: ignore[no-untyped-def]
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def label_texts(ax) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(t.get_text() for t in ax.texts if t.get_gid() == "regime-label")


# a Chicken-like split of the square: two areas, the indifference line between them, a corner point, a strip
CONDITIONS = [
    sympy.And(a > b, b < 3),
    sympy.And(sympy.Eq(a, b), b < 3),
    sympy.And(a < b, b < 3),
    sympy.And(b >= 3, sympy.Ne(a, 1)),
    sympy.And(sympy.Eq(a, 1), sympy.Eq(b, 4)),
]
LABELS = ["hawk", "indifferent", "dove", "peace", "corner"]


def test_regime_map_draws_regions_boundaries_lines_points_and_labels() -> None:
    ax = regime_map(CONDITIONS, LABELS, (a, 0, 5), (b, 0, 5), resolution=120, title="Chicken")
    assert isinstance(ax, matplotlib.axes.Axes)
    assert gids(ax, "regime-fill") == ["regime-fill-0", "regime-fill-2", "regime-fill-3"]
    assert gids(ax, "regime-line") == ["regime-line-1"]
    assert gids(ax, "regime-point") == ["regime-point-4"]
    assert len(gids(ax, "regime-boundary")) == 3  # one outline per filled region
    (point,) = [line for line in ax.lines if line.get_gid() == "regime-point-4"]
    assert (point.get_xdata()[0], point.get_ydata()[0]) == (1.0, 4.0)
    # every regime is named once: inside its region, or in the legend
    assert sorted(set(label_texts(ax)) | set(legend_texts(ax))) == sorted(LABELS)
    assert {"indifferent", "corner"} <= set(legend_texts(ax)) and set(label_texts(ax)) == {"hawk", "dove", "peace"}
    assert ax.get_xlabel() == "$a$" and ax.get_ylabel() == "$b$" and ax.get_title() == "Chicken"
    assert ax.get_xlim() == (0.0, 5.0) and ax.get_ylim() == (0.0, 5.0)


def test_labels_sit_inside_their_regions_and_do_not_overlap() -> None:
    ax = regime_map(CONDITIONS, LABELS, (a, 0, 5), (b, 0, 5), resolution=150)
    ax.figure.draw_without_rendering()
    texts = [t for t in ax.texts if t.get_gid() == "regime-label"]
    boxes = [t.get_window_extent() for t in texts]
    axes_box = ax.get_window_extent()
    for box in boxes:
        assert axes_box.x0 <= box.x0 and box.x1 <= axes_box.x1 and axes_box.y0 <= box.y0 and box.y1 <= axes_box.y1
    for one, other in itertools.combinations(boxes, 2):
        assert not one.overlaps(other)
    for text in texts:  # the label's anchor is a point of its own regime
        k = LABELS.index(text.get_text())
        x, y = text.get_position()
        assert sweep(CONDITIONS, {a: [x], b: [y]}).regime[0, 0] == k


def test_filled_regions_are_where_the_conditions_hold_first() -> None:
    # overlapping conditions: where several hold the first wins, so regime 1 is a band and regime 2 the rest
    conditions = [a + b < 2, a + b < 6, sympy.true]
    ax = regime_map(conditions, ["low", "middle", "high"], (a, 0, 5), (b, 0, 5), resolution=101)
    fills = {k: next(col for col in ax.collections if col.get_gid() == f"regime-fill-{k}") for k in range(3)}
    rng = np.random.default_rng(0)
    xy = rng.uniform(0, 5, size=(300, 2))
    xy = xy[np.abs(xy.sum(axis=1) - 2) > 0.1]
    xy = xy[np.abs(xy.sum(axis=1) - 6) > 0.1]
    regime = sweep(conditions, {a: xy[:, 0], b: xy[:, 1]}, points=True).regime
    for k, fill in fills.items():
        inside = np.array([any(path.contains_point(point) for path in fill.get_paths()) for point in xy])
        assert np.array_equal(inside, regime == k), k


def test_labels_that_do_not_fit_go_to_the_legend_with_custom_colours() -> None:
    long = "a label far too long to fit inside this thin region of the map"
    ax = regime_map([a < b / 20, sympy.true], [long, "rest"], (a, 0, 1), (b, 0, 1), resolution=80, colors=["red", (0.1, 0.2, 0.3)])
    assert legend_texts(ax) == [long] and label_texts(ax) == ["rest"]
    fill = next(col for col in ax.collections if col.get_gid() == "regime-fill-0")
    assert tuple(fill.get_facecolor()[0][:3]) == (1.0, 0.0, 0.0)


def test_regime_map_with_fixed_parameters_and_a_given_axes() -> None:
    _, ax = plt.subplots()
    out = regime_map(
        [a * c > b, sympy.Eq(a * c, b), a * c < b], ["up", "edge", "down"], (a, 0, 1), (b, 0, 1), fixed={c: 2}, ax=ax, resolution=60
    )
    assert out is ax
    assert gids(ax, "regime-fill") == ["regime-fill-0", "regime-fill-2"] and gids(ax, "regime-line") == ["regime-line-1"]
    # a fixed value can make a regime vanish or cover everything
    ax = regime_map([sympy.Eq(c, 1), sympy.true], ["never", "always"], (a, 0, 1), (b, 0, 1), fixed={c: 2}, resolution=40)
    assert gids(ax, "regime-fill") == ["regime-fill-1"] and gids(ax, "regime-line") == [] and legend_texts(ax) == []


def test_regime_curve_pieces_changes_and_points() -> None:
    conditions = [p < third, sympy.Eq(3 * p, 1), sympy.And(p > third, p < half), p >= half]
    values = [1 - p, sympy.Rational(1, 5), p**2, None]
    ax = regime_curve(conditions, values, (p, 0, 1), labels=["war", "edge", "bluff", "peace"], ylabel="war", title="t", resolution=200)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert gids(ax, "regime-curve") == ["regime-curve-0", "regime-curve-2"]
    assert gids(ax, "regime-point") == ["regime-point-1"]
    changes = sorted(float(line.get_xdata()[0]) for line in ax.lines if line.get_gid() == "regime-change")
    assert changes == pytest.approx([1 / 3, 1 / 2], abs=1e-12)
    assert legend_texts(ax) == ["war", "edge", "bluff"]  # "peace" has no value: nothing drawn, nothing listed
    # each piece runs up to the change of regime, with its own expression there
    war = next(line for line in ax.lines if line.get_gid() == "regime-curve-0")
    assert war.get_xdata()[-1] == pytest.approx(1 / 3, abs=1e-12) and war.get_ydata()[-1] == pytest.approx(2 / 3)
    bluff = next(line for line in ax.lines if line.get_gid() == "regime-curve-2")
    assert bluff.get_xdata()[0] == pytest.approx(1 / 3, abs=1e-12) and bluff.get_ydata()[0] == pytest.approx(1 / 9)
    (point,) = [line for line in ax.lines if line.get_gid() == "regime-point-1"]
    assert (point.get_xdata()[0], point.get_ydata()[0]) == (pytest.approx(1 / 3), 0.2)
    assert ax.get_xlabel() == "$p$" and ax.get_ylabel() == "war" and ax.get_title() == "t"


def test_regime_curve_without_labels_is_one_colour_with_fixed_values() -> None:
    ax = regime_curve([p < c, p >= c], [p, 2 * p], (p, 0, 1), fixed={c: 0.25}, resolution=50)
    pieces = [line for line in ax.lines if line.get_gid() and line.get_gid().startswith("regime-curve")]
    assert len(pieces) == 2 and len({line.get_color() for line in pieces}) == 1
    assert ax.get_legend() is None
    (change,) = [line for line in ax.lines if line.get_gid() == "regime-change"]
    assert change.get_xdata()[0] == pytest.approx(0.25, abs=1e-12)


def test_regime_curve_gaps_where_no_regime_holds() -> None:
    ax = regime_curve([p < 0.25, p > 0.75], [p, p], (p, 0, 1), labels=["low", "high"], resolution=101)
    assert len(gids(ax, "regime-change")) == 2 and gids(ax, "regime-curve") == ["regime-curve-0", "regime-curve-1"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: regime_map([a > b], ["x", "y"], (a, 0, 1), (b, 0, 1)), r"labels must be a sequence of 1 strings.*got 2 labels"),
        (lambda: regime_map([a > b], "x", (a, 0, 1), (b, 0, 1)), r"labels must be a sequence"),
        (lambda: regime_map([a > b], ["x"], (a, 1, 0), (b, 0, 1)), r"x must have finite low < high"),
        (lambda: regime_map([a > b], ["x"], (a, 0, 1), (a, 0, 1)), r"x and y must be different parameters"),
        (lambda: regime_map([a > b], ["x"], (a, 0), (b, 0, 1)), r"x must be a tuple \(symbol, low, high\)"),
        (lambda: regime_map([a > c], ["x"], (a, 0, 1), (b, 0, 1)), r"parameter c is neither on an axis nor in fixed"),
        (lambda: regime_map([a > b], ["x"], (a, 0, 1), (b, 0, 1), colors=["nocolour"]), r"colors must be matplotlib colours"),
        (lambda: regime_map([a > b], ["x"], (a, 0, 1), (b, 0, 1), resolution=1), r"resolution must be an int >= 2"),
        (lambda: regime_curve([p > 0], [p, p], (p, 0, 1)), r"quantities\['value'\] must have one entry per condition"),
        (lambda: regime_curve([p > c], [p], (p, 0, 1)), r"parameter c is neither on an axis nor in fixed"),
        (lambda: regime_curve([p > 0], [p], (p, 0, 1), labels=["a", "b"]), r"labels must be a sequence of 1 strings"),
        (lambda: regime_curve([p > 0], [p], (p, 0, float("inf"))), r"finite low < high"),
    ],
)
def test_errors(call, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidGameError, match=message):
        call()
