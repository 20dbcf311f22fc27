"""Vectorized sweeps of regimes and quantities: agreement with exact substitution point by point, boundaries, mesh and points,
executors (threads, processes, a real dask cluster), the progress bar, the tidy table and the errors."""

from __future__ import annotations

import concurrent.futures as cf
import pickle
import sys
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory import InvalidGameError, UnsupportedGameError
from gametheory.symbolic.sweep import Sweep, _blocks, sweep

a, b = sympy.symbols("a b", real=True)
c = sympy.Symbol("c", positive=True)

# --- random linear conditions with integer coefficients: exact in floats at dyadic points ---------------------------------
coefficients = st.integers(-3, 3)
RELATIONS = (sympy.Gt, sympy.Ge, sympy.Lt, sympy.Le, sympy.Eq, sympy.Ne)


@st.composite
def linear_forms(draw):  # type: ignore[no-untyped-def]
    return draw(coefficients) * a + draw(coefficients) * b + draw(coefficients)


@st.composite
def atoms(draw):  # type: ignore[no-untyped-def]
    return draw(st.sampled_from(RELATIONS))(draw(linear_forms()), 0)


def booleans(depth: int = 2):  # type: ignore[no-untyped-def]
    leaf = atoms() | st.just(sympy.true)
    if depth == 0:
        return leaf
    inner = booleans(depth - 1)
    return st.one_of(
        leaf,
        st.lists(inner, min_size=2, max_size=3).map(lambda args: sympy.And(*args)),
        st.lists(inner, min_size=2, max_size=3).map(lambda args: sympy.Or(*args)),
        inner.map(sympy.Not),
    )


@st.composite
def partitions(draw):  # type: ignore[no-untyped-def]
    """Regimes cut out by the sign patterns of two lines, boundaries included, in random order (a partition of the plane)."""
    g, h = draw(linear_forms()), draw(linear_forms())
    pieces = [sympy.And(rg(g, 0), rh(h, 0)) for rg in (sympy.Gt, sympy.Eq, sympy.Lt) for rh in (sympy.Gt, sympy.Eq, sympy.Lt)]
    start = draw(st.integers(0, 8))  # a rotation, maybe reversed: the order must not matter for a partition
    pieces = pieces[start:] + pieces[:start]
    return pieces[::-1] if draw(st.booleans()) else pieces


dyadic = st.integers(-8, 8).map(lambda k: F(k, 4))  # the square [-2, 2] in steps of 1/4
axis_values = st.lists(dyadic, min_size=1, max_size=4, unique=True)


def exact_regime(conditions, point) -> int:  # type: ignore[no-untyped-def]
    """The index of the first condition that holds at ``point``, decided by exact substitution (-1: none)."""
    values = {s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()}
    for k, condition in enumerate(conditions):
        truth = condition.xreplace(values)  # subs without its pattern matching: the same exact evaluation, much faster
        assert truth in (sympy.true, sympy.false)
        if truth is sympy.true:
            return k
    return -1


def exact_value(expr, point) -> float:  # type: ignore[no-untyped-def]
    if expr is None:
        return float("nan")
    value = sympy.sympify(expr).xreplace({s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()})
    return float(value) if value.is_finite else float("nan")


def check_against_subs(conditions, quantities, xs, ys, *, rational: str | None = None) -> None:  # type: ignore[no-untyped-def]
    result = sweep(conditions, {a: [float(v) for v in xs], b: [float(v) for v in ys]}, quantities)
    assert result.shape == (len(xs), len(ys))
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            point = {a: x, b: y}
            k = exact_regime(conditions, point)
            assert result.regime[i, j] == k, (x, y, k)
            for name, exprs in quantities.items():
                want = exact_value(exprs[k], point) if k >= 0 else float("nan")
                got = result.values[name][i, j]
                if name == rational:  # floats round each operation
                    assert got == pytest.approx(want, rel=1e-12, abs=1e-12, nan_ok=True)
                else:
                    assert got == want or (np.isnan(got) and np.isnan(want)), (name, x, y)


@given(st.lists(booleans(), min_size=1, max_size=4), axis_values, axis_values, st.data())
def test_random_conditions_agree_with_exact_substitution(conditions, xs, ys, data) -> None:  # type: ignore[no-untyped-def]
    linear = [data.draw(st.none() | linear_forms()) for _ in conditions]
    check_against_subs(conditions, {"linear": linear}, xs, ys)


@given(partitions(), axis_values, axis_values, st.data())
def test_partitions_of_the_square_agree_with_exact_substitution(conditions, xs, ys, data) -> None:  # type: ignore[no-untyped-def]
    forms = (data.draw(linear_forms()), data.draw(linear_forms()), None)
    linear = [forms[data.draw(st.integers(0, 2))] for _ in conditions]
    rational = [None if form is None else form / (a * a + b * b + 1) for form in linear]
    check_against_subs(conditions, {"linear": linear, "rational": rational}, xs, ys, rational="rational")
    # a partition: some regime holds everywhere
    assert (sweep(conditions, {a: [float(x) for x in xs], b: [float(y) for y in ys]}).regime >= 0).all()


def test_points_exactly_on_boundaries() -> None:
    values = np.arange(-8, 9) / 4  # dyadic: every diagonal point is exactly on a = b and 2a = b + 1 is hit exactly
    conditions = [a > b, sympy.Eq(a, b), sympy.And(a < b, sympy.Eq(2 * a, b + 1)), sympy.And(a < b, sympy.Ne(2 * a, b + 1))]
    result = sweep(conditions, {a: values, b: values}, {"gap": [a - b, 0, None, b - a]})
    A, B = np.meshgrid(values, values, indexing="ij")
    expected = np.select([A > B, A == B, 2 * A == B + 1], [0, 1, 2], default=3)
    assert (result.regime == expected).all()
    assert (result.regime == 1).sum() == len(values)
    assert (result.regime == 2).sum() == 2  # b = 2a - 1 > a within the square: (1.25, 1.5) and (1.5, 2)
    assert np.array_equal(result.values["gap"], np.where(expected == 2, np.nan, np.abs(A - B)), equal_nan=True)


def test_a_single_point_on_a_rational_boundary_is_decided_exactly_when_fixed() -> None:
    # fixed values are substituted exactly: 3 * (1/3) == 1 holds although 3 * 0.333... need not in floats
    result = sweep([sympy.Eq(3 * c, a), sympy.true], {a: [1.0, 2.0]}, fixed={c: F(1, 3)})
    assert result.regime.tolist() == [0, 1]


def test_mesh_equals_points() -> None:
    xs, ys = np.linspace(-2, 2, 7), np.linspace(-1, 3, 5)
    conditions = [sympy.And(a > b, b > 0), a <= b, sympy.true]
    quantities = {"q": [a / (b + 2), a * b, None]}
    mesh = sweep(conditions, {a: xs, b: ys}, quantities)
    A, B = np.meshgrid(xs, ys, indexing="ij")
    pts = sweep(conditions, {a: A, b: B}, quantities, points=True)
    assert mesh.shape == pts.shape == (7, 5)
    assert np.array_equal(mesh.regime, pts.regime)
    assert np.array_equal(mesh.values["q"], pts.values["q"], equal_nan=True)
    assert np.array_equal(mesh.grid["a"], A) and np.array_equal(mesh.grid["b"], B)
    flat = sweep(conditions, {"a": A.ravel(), "b": B.ravel()}, quantities, points=True)
    assert flat.shape == (35,) and np.array_equal(flat.regime, mesh.regime.ravel())


def test_three_axes_in_grid_order_and_constants_broadcast() -> None:
    result = sweep([sympy.true], {b: [0, 1], c: [1, 2, 3], a: [5]}, {"one": [1], "sum": [a + b + c]})
    assert result.parameters == ("b", "c", "a") and result.shape == (2, 3, 1)
    assert (result.regime == 0).all() and result.regime.shape == (2, 3, 1)
    assert (result.values["one"] == 1).all() and result.values["one"].shape == (2, 3, 1)
    assert result.values["sum"][1, 2, 0] == 9
    assert result.grid["c"].tolist() == [[[1], [2], [3]]] * 2


def test_constant_conditions_later_regimes_and_undefined_quantities() -> None:
    result = sweep([sympy.false, a > 0, sympy.true, a < 0], {a: [-1, 0, 1]}, {"q": [1, None, sympy.sqrt(a - 2), 4]})
    assert result.regime.tolist() == [2, 2, 1]
    assert np.isnan(result.values["q"]).all()  # sqrt of a negative number is not real
    assert sweep([a > 5], {a: [0, 1]}).regime.tolist() == [-1, -1]


def test_empty_grid_and_no_quantities() -> None:
    result = sweep([a > 0], {a: [], b: [1, 2]})
    assert result.shape == (0, 2) and result.regime.shape == (0, 2) and result.values == {}


def test_result_is_read_only_and_pickles() -> None:
    result = sweep([a > 0, sympy.true], {a: [-1.0, 1.0]}, {"q": [a, 2 * a]})
    with pytest.raises(ValueError):
        result.regime[0] = 3
    with pytest.raises(TypeError):
        result.values["r"] = result.values["q"]  # type: ignore[index]
    again = pickle.loads(pickle.dumps(result))
    assert isinstance(again, Sweep) and again.regime.tolist() == [1, 0] and again.values["q"].tolist() == [-2.0, 1.0]
    assert repr(result) == "Sweep(parameters=('a',), shape=(2,), values=['q'])"


def test_the_callers_arrays_are_not_frozen_or_shared() -> None:
    xs = np.array([0.0, 1.0])
    result = sweep([a > 0], {a: xs}, points=True)
    xs[0] = 5.0
    assert xs.flags.writeable and result.grid["a"].tolist() == [0.0, 1.0]


# --- chunks and executors ----------------------------------------------------------------------------------------------
CONDITIONS = [sympy.And(a > b, a < 2 * b + 1), sympy.And(a <= b, a > b / 2), sympy.Or(b >= 1, sympy.Eq(a, b))]
QUANTITIES = {
    "rational": [(a - b) / (a + 2 * b + 1), None, a * b],
    "transcendental": [sympy.exp(a) - sympy.log(b + 3), 2, sympy.sqrt(a + 2)],
}
XS, YS = np.linspace(-2, 2, 41), np.linspace(-2, 2, 37)


def assert_same(one: Sweep, other: Sweep) -> None:
    assert one.shape == other.shape and one.parameters == other.parameters
    assert one.regime.dtype == other.regime.dtype and np.array_equal(one.regime, other.regime)
    for name in one.values:
        assert np.array_equal(one.values[name], other.values[name], equal_nan=True), name


@pytest.fixture(scope="module")
def serial() -> Sweep:
    return sweep(CONDITIONS, {a: XS, b: YS}, QUANTITIES)


def test_local_chunks_equal_one_piece(serial: Sweep, capsys: pytest.CaptureFixture[str]) -> None:
    assert_same(sweep(CONDITIONS, {a: XS, b: YS}, QUANTITIES, chunk_size=100), serial)
    assert_same(sweep(CONDITIONS, {a: XS, b: YS}, QUANTITIES, progress=True), serial)
    bar = capsys.readouterr().err
    assert "100%" in bar and f"{41 * 37:,}/{41 * 37:,} points" in bar and bar.endswith("\n")


@pytest.mark.parametrize("make", [lambda: cf.ThreadPoolExecutor(3), lambda: cf.ProcessPoolExecutor(2)], ids=["threads", "processes"])
def test_executors_equal_serial(make, serial: Sweep, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    with make() as pool:
        assert_same(sweep(CONDITIONS, {a: XS, b: YS}, QUANTITIES, executor=pool, chunk_size=97, progress=True), serial)
        A, B = np.meshgrid(XS, YS, indexing="ij")
        points = sweep(CONDITIONS, {a: A, b: B}, QUANTITIES, points=True, executor=pool, chunk_size=200)
        assert_same(points, serial)
    assert "21/21 chunks" in capsys.readouterr().err  # blocks of whole rows: 2 rows of 37 points (<= 97) each, for 41 rows


@given(st.lists(st.integers(0, 6), min_size=1, max_size=4), st.integers(1, 40))
def test_mesh_blocks_cover_every_point_once(shape, chunk_size) -> None:  # type: ignore[no-untyped-def]
    shape = tuple(shape)
    count = np.zeros(shape, dtype=int)
    blocks = _blocks(shape, chunk_size)
    for block in blocks:
        count[block] += 1
        assert count[block].size <= max(chunk_size, shape[-1])
    assert (count == 1).all()
    assert [b[: len(shape)] for b in blocks] == sorted(blocks, key=lambda b: [s.start for s in b])  # in C order


def test_chunks_of_a_three_axis_mesh_equal_one_piece() -> None:
    grid = {a: np.linspace(-2, 2, 5), b: np.linspace(-1, 1, 4), c: np.linspace(0.5, 3, 7)}
    conditions = [sympy.And(a * c > b, c < 2), sympy.Eq(a, 0), sympy.true]
    quantities = {"q": [a * b / c, c, sympy.exp(b)]}
    whole = sweep(conditions, grid, quantities)
    for size in (1, 3, 7, 20, 1000):
        assert_same(sweep(conditions, grid, quantities, chunk_size=size), whole)


def test_worker_errors_reach_the_caller() -> None:
    f = sympy.Function("f")  # an undefined function: the worker cannot compile it
    with cf.ThreadPoolExecutor(2) as pool, pytest.raises(NameError):
        sweep([a > 0], {a: XS}, {"q": [f(a)]}, executor=pool, chunk_size=10)


def test_a_real_dask_cluster_equals_serial(serial: Sweep) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert_same(sweep(CONDITIONS, {a: XS, b: YS}, QUANTITIES, executor=client, chunk_size=300), serial)
        assert_same(sweep(CONDITIONS, {a: XS, b: YS}, QUANTITIES, executor=client.get_executor(), chunk_size=500), serial)


# --- the tidy table ----------------------------------------------------------------------------------------------------
def test_to_frame() -> None:
    pandas = pytest.importorskip("pandas")
    result = sweep([a > b, sympy.true], {a: [0, 1, 2], b: [1, 0.5]}, {"q": [a - b, None]})
    frame = result.to_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert frame.columns.tolist() == ["a", "b", "regime", "q"] and len(frame) == 6
    assert frame.iloc[3].tolist() == [1.0, 0.5, 0, 0.5]
    assert frame["a"].tolist() == [0, 0, 1, 1, 2, 2] and frame["b"].tolist() == [1, 0.5] * 3


def test_to_frame_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r"needs pandas.*pip install pandas"):
        sweep([a > 0], {a: [1]}).to_frame()


# --- errors ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sweep([a > c], {a: [1]}), InvalidGameError, r"parameter c appears .* neither in grid nor in fixed"),
        (
            lambda: sweep([a > b], {a: [[1, 2], [3, 4]], b: [1]}),
            InvalidGameError,
            r"grid must map sympy symbols to 1-D arrays; got 'a': array of shape \(2, 2\)",
        ),
        (
            lambda: sweep([a > b], {a: [1, 2], b: [1]}, points=True),
            InvalidGameError,
            r"points=True .* one shape; got 'a': \(2,\), 'b': \(1,\)",
        ),
        (lambda: sweep([a > 0], {a: ["x"]}), InvalidGameError, r"arrays of real numbers"),
        (lambda: sweep([a > 0], {}), InvalidGameError, r"at least one"),
        (
            lambda: sweep([a > 0], {a: [1]}, executor=object()),
            UnsupportedGameError,
            r"executor must be a concurrent.futures.Executor or a dask",
        ),
        (
            lambda: sweep([a > 0, a < 0], {a: [1]}, {"q": [a]}),
            InvalidGameError,
            r"quantities\['q'\] must have one entry per condition \(2\); got 1",
        ),
        (lambda: sweep([a > 0], {a: [1]}, {"q": a}), InvalidGameError, r"quantities\['q'\] must be a sequence"),
        (lambda: sweep(a > 0, {a: [1]}), InvalidGameError, r"conditions must be a sequence"),
        (lambda: sweep([a + 1], {a: [1]}), InvalidGameError, r"conditions\[0\] must be a sympy Boolean"),
        (lambda: sweep([a > c], {a: [1], c: [1]}, fixed={c: 1}), InvalidGameError, r"either swept or fixed"),
        (lambda: sweep([a > c], {a: [1]}, fixed={c: b}), InvalidGameError, r"fixed must give numbers"),
        (lambda: sweep([a > c], {a: [1]}, fixed={c: float("nan")}), InvalidGameError, r"fixed value of c"),
        (lambda: sweep([a > c], {a: [1], sympy.Symbol("c"): [1]}), InvalidGameError, r"different symbol of that name"),
        (lambda: sweep([a > 0], {a: [1], "a": [2]}), InvalidGameError, r"grid gives a twice"),
        (lambda: sweep([a > 0], {a: [1]}, {"a": [a]}), InvalidGameError, r"quantity names must differ"),
        (lambda: sweep([a > 0], {a: [1]}, chunk_size=0), InvalidGameError, r"chunk_size must be a positive int"),
    ],
)
def test_errors(call, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        call()


def test_names_stand_for_the_conditions_symbols() -> None:
    result = sweep([c > 1], {"c": [0.5, 2]}, fixed={})
    assert result.regime.tolist() == [-1, 0]
    assert sweep([a > c], {"a": [0, 2]}, fixed={"c": 1}).regime.tolist() == [-1, 0]
