"""Refinements of perfect Bayesian equilibria of signaling games (gametheory.refinements).

Pinned examples: Cho and Kreps's (1987) beer-quiche game, and two discrete
Spence (1973) job-market games constructed here and verified by hand in the
comments. Properties on random signaling games: the criteria are filters,
nested (D2 within D1 within the intuitive criterion), trivial when every
message is on the path, and agree with an independent brute-force oracle on
two-type games (beliefs on a segment, mixed responses on a segment).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from gametheory import (
    Equilibrium,
    InvalidGameError,
    RefinementResult,
    UnsupportedGameError,
    catalog,
    d1,
    d2,
    intuitive_criterion,
    signaling_game,
    signaling_structure,
    solve,
)

CRITERIA = (intuitive_criterion, d1, d2)


# --- games ----------------------------------------------------------------------------------------
def beer_quiche() -> Any:
    """Cho and Kreps (1987), section II: the weak type (prior 1/10) prefers quiche, the strong one beer.

    Breakfast worth 1 to the sender if preferred, 2 more if not dueled; the receiver gets 1 for dueling
    the weak type or not dueling the strong one, else 0.
    """

    def payoffs(t: str, m: str, r: str) -> tuple[int, int]:
        sender = (1 if (t, m) in {("weak", "quiche"), ("strong", "beer")} else 0) + (2 if r == "don't" else 0)
        return sender, 1 if (r == "duel") == (t == "weak") else 0

    return signaling_game(["weak", "strong"], [F(1, 10), F(9, 10)], ["beer", "quiche"], ["duel", "don't"], payoffs)


def spence_two_types() -> Any:
    """A discrete Spence job market with two types (constructed here; verified by hand below).

    Workers of ability 1 ("low") or 2 ("high"), prior 1/2 each, choose education 0, 1, 2 or 3 at cost
    3e/4 (low) or e/8 (high); the employer pays 1, 3/2 or 2 and loses (wage - ability)^2. With
    mu = P(high), the losses are mu, 1/4 and 1 - mu: wage 1 is optimal for mu <= 1/4, 3/2 for
    1/4 <= mu <= 3/4, 2 for mu >= 3/4.

    * Separating: low takes 0 and gets 1. High at e is not mimicked iff 2 - 3e/4 <= 1, i.e. e >= 4/3:
      e = 2 is the least-cost separating (Riley) education, high gets 7/4; at e = 3 it gets 13/8.
    * Pooling at 0 pays 3/2 to both. At e = 2 the low type can get at most 2 - 3/2 = 1/2 < 3/2
      (equilibrium-dominated); with beliefs on {high} the wage is 2 and high gets 7/4 > 3/2: fails the
      intuitive criterion. The same deviation (7/4 > 13/8) kills separation at e = 3, and the hybrid
      equilibria (high gets 13/8 at e = 1) as well.
    * Riley survives: after e = 1, low could get 2 - 3/4 = 5/4 > 1 and high 15/8 > 7/4, so no type is
      equilibrium-dominated; after e = 3, low gets at most 2 - 9/4 < 1 and high 13/8 < 7/4: all are.
    * D1 after e = 1: high weakly gains iff the expected wage is >= 15/8, and then low gets >= 9/8 > 1,
      so high is deleted: beliefs on {low}, wage 1. After e = 3 every type is deleted (no restriction).
    """
    cost = {"low": [F(3 * e, 4) for e in range(4)], "high": [F(e, 8) for e in range(4)]}
    ability = {"low": 1, "high": 2}
    wages = {"1": F(1), "3/2": F(3, 2), "2": F(2)}

    def payoffs(t: str, e: str, w: str) -> tuple[Any, Any]:
        return wages[w] - cost[t][int(e)], -((wages[w] - ability[t]) ** 2)

    return signaling_game(["low", "high"], [F(1, 2), F(1, 2)], ["0", "1", "2", "3"], list(wages), payoffs)


def spence_three_types() -> Any:
    """Three abilities 1, 2, 3 (prior 1/3 each), education e0, e1, e2 costing k/ability, wages 1, 2, 3.

    The employer loses (wage - ability)^2. Pooling at e0 pays 2 (mean ability 2) to every type.

    * Intuitive criterion: after e1 type 1 can get at most 3 - 1 = 2, not more than 2, so no type is
      equilibrium-dominated; after e2 only type 1 is (3 - 2 = 1 < 2), and the belief "type 2" makes
      wage 2 a best response, which gives types 2 and 3 only 1 and 4/3: the pool survives.
    * D1 after e2: type 2 weakly gains iff the expected wage is 3 (3 - 1 >= 2), and then type 3 gets
      3 - 2/3 > 2; type 1 never gains: both are deleted, the belief is "type 3" and the wage 3, and
      wage 1 (the pool's response there) is not a best response. After e1 likewise type 1 (needs
      wage 3; then type 2 gets 5/2 > 2) and type 2 (needs expected wage >= 5/2; then type 3 gets
      more than 7/3 > 2) are deleted. D1 (the usual story: it is stronger than the intuitive criterion
      with more than two types) kills the pool.
    """
    ability = {"1": 1, "2": 2, "3": 3}

    def payoffs(t: str, e: str, w: str) -> tuple[Any, Any]:
        return int(w) - F(int(e[1]), ability[t]), -((int(w) - ability[t]) ** 2)

    return signaling_game(["1", "2", "3"], [F(1, 3)] * 3, ["e0", "e1", "e2"], ["1", "2", "3"], payoffs)


def profile(game: Any, sender: dict[str, dict[str, Any]], receiver: dict[str, dict[str, Any]]) -> Equilibrium:
    """A hand-made equilibrium: each type's message probabilities, the receiver's response probabilities."""
    s = signaling_structure(game)
    assert s is not None
    send = tuple(tuple(sender[t].get(m, 0) for m in s.messages) for t in s.types)
    answer = tuple(tuple(receiver[m].get(r, 0) for r in s.responses[k]) for k, m in enumerate(s.messages))
    return Equilibrium(profile=(send, answer), payoffs=(0, 0), max_regret=0, concept="pbe")


@pytest.fixture(scope="module")
def beer_quiche_result() -> Any:
    return solve(beer_quiche(), method="pbe")


@pytest.fixture(scope="module")
def spence_result() -> Any:
    return solve(spence_two_types(), method="pbe")


def _path(result: Any, i: int) -> dict[str, str]:
    """Which message each type sends in equilibrium ``i`` (pure senders)."""
    s = signaling_structure(result.game)
    return {t: max(probs, key=lambda m: probs[m]) for t, probs in result.strategy(i, 0).items() if t in s.types}


# --- beer-quiche ----------------------------------------------------------------------------------
def test_beer_quiche_intuitive_criterion(beer_quiche_result: Any) -> None:
    # Cho and Kreps (1987), section II: the pool on quiche fails (the strong type would switch to beer);
    # the pool on beer survives.
    result = beer_quiche_result
    refined = intuitive_criterion(result)
    assert isinstance(refined, RefinementResult)
    beer = [i for i in range(len(result)) if set(_path(result, i).values()) == {"beer"}]
    quiche = [i for i in range(len(result)) if set(_path(result, i).values()) == {"quiche"}]
    assert beer and quiche and sorted(beer + quiche) == list(range(len(result)))
    assert refined.survivors == tuple(beer)
    assert refined.equilibria == tuple(result[i] for i in beer)
    for i in quiche:
        verdict = refined[i]
        assert not verdict.survives and verdict.off_path == ("beer",)
        assert dict(verdict.payoffs) == {"weak": 3, "strong": 2}
        (test,) = verdict.tests
        assert test.deleted == ("weak",) and dict(test.deviators) == {"strong": 3} and test.responses == ("don't",)
        assert verdict.explanation.startswith(
            "type 'strong' would send 'beer': every best response to beliefs on {'strong'} (\"don't\") "
            "gives it more than its equilibrium payoff 2"
        )
    for i in beer:
        (test,) = refined[i].tests
        assert test.passed and test.deleted == ("strong",) and test.responses == ("duel",)


def test_beer_quiche_d1(beer_quiche_result: Any) -> None:
    # The beer pool with a sure duel after quiche passes D1 (the strong type can never gain from quiche,
    # so beliefs go to the weak one); with a duel of probability 1/2 the receiver would have to be
    # indifferent, which no belief on {weak} allows. The quiche pool fails.
    result = beer_quiche_result
    for criterion in (d1, d2):
        refined = criterion(result)
        assert len(refined.survivors) == 1
        (i,) = refined.survivors
        assert set(_path(result, i).values()) == {"beer"} and result.strategy(i, 1)["quiche"]["duel"] == 1
        (test,) = refined[i].tests
        assert test.deleted == ("strong",)
    tests = {i: d1(result)[i].tests[0] for i in range(len(result))}
    assert {dict(t.deleted_by).get("strong") for t in tests.values() if t.message == "quiche"} == {("weak",)}
    assert {dict(t.deleted_by).get("weak") for t in tests.values() if t.message == "beer"} == {("strong",)}


def test_hand_made_equilibria_without_a_solver() -> None:
    game = beer_quiche()
    quiche = profile(game, {"weak": {"quiche": 1}, "strong": {"quiche": 1}}, {"beer": {"duel": 1}, "quiche": {"don't": 1}})
    beer = profile(game, {"weak": {"beer": 1}, "strong": {"beer": 1}}, {"beer": {"don't": 1}, "quiche": {"duel": 1}})
    refined = intuitive_criterion(game, [quiche, beer])
    assert refined.result is None and refined.survivors == (1,)
    assert "0 of" not in str(refined) and str(refined).startswith("intuitive criterion: 1 of 2 equilibria survive")
    # indices into a result select equilibria and keep their numbers
    result = solve(game, method="pbe")
    assert [v.index for v in d1(result, [3, 0]).verdicts] == [3, 0]


# --- Spence -------------------------------------------------------------------------------------
def test_spence_riley_outcome(spence_result: Any) -> None:
    # Hand-verified in spence_two_types: the intuitive criterion leaves only the least-cost separating
    # (Riley) outcome, low at 0 and high at 2; D1 keeps those of its equilibria that answer education 1
    # with wage 1 (one per response to education 3, where every type is deleted).
    result = spence_result
    kinds = result.details["kinds"]
    riley = {"low": "0", "high": "2"}
    refined = intuitive_criterion(result)
    assert refined.survivors and all(_path(result, i) == riley and kinds[i] == "separating" for i in refined.survivors)
    assert all(_path(result, i) != riley or i in refined.survivors for i in range(len(result)) if kinds[i] != "hybrid")
    assert all(not v.survives for v, kind in zip(refined.verdicts, kinds, strict=True) if kind in ("pooling", "hybrid"))
    strict = d1(result)
    assert len(strict.survivors) == 3 and set(strict.survivors) <= set(refined.survivors)
    for i in strict.survivors:
        assert result.strategy(i, 1)["1"]["1"] == 1
        by_message = {t.message: t for t in strict[i].tests}
        assert by_message["1"].deleted == ("high",) and dict(by_message["1"].deleted_by) == {"high": ("low",)}
        assert by_message["3"].passed and by_message["3"].deleted == ("low", "high")
        assert "by convention beliefs there are unrestricted" in by_message["3"].explanation
    pool = next(i for i, kind in enumerate(kinds) if kind == "pooling")
    assert "type 'high' would send '2'" in refined[pool].explanation


def test_three_types_d1_is_stronger() -> None:
    # Hand-verified in spence_three_types: the pool at e0 passes the intuitive criterion and fails D1.
    game = spence_three_types()
    pool = profile(game, {t: {"e0": 1} for t in ("1", "2", "3")}, {"e0": {"2": 1}, "e1": {"1": 1}, "e2": {"1": 1}})
    verdict = intuitive_criterion(game, [pool])[0]
    assert verdict.survives and dict(verdict.payoffs) == {"1": 2, "2": 2, "3": 2}
    assert [t.deleted for t in verdict.tests] == [(), ("1",)]
    for criterion in (d1, d2):
        verdict = criterion(game, [pool])[0]
        assert not verdict.survives
        assert [t.deleted for t in verdict.tests] == [("1", "2"), ("1", "2")]
    tests = d1(game, [pool])[0].tests
    assert dict(tests[1].deleted_by) == {"1": ("2", "3"), "2": ("3",)}
    assert tests[1].explanation.endswith("no belief on {'3'} makes '1' a best response")


# --- edge cases and errors ---------------------------------------------------------------------------
def test_every_message_on_the_path_passes() -> None:
    game = beer_quiche()
    # the weak type has prior 0 here: quiche is off the path though the weak type sends it
    zero = signaling_game(["weak", "strong"], [0, 1], ["beer", "quiche"], ["duel", "don't"], lambda t, m, r: (1, 0))
    assert intuitive_criterion(
        zero, [profile(zero, {"weak": {"quiche": 1}, "strong": {"beer": 1}}, {"beer": {"duel": 1}, "quiche": {"duel": 1}})]
    )[0].off_path == ("quiche",)
    separating = signaling_game(
        ["a", "b"], [F(1, 2), F(1, 2)], ["x", "y"], ["u", "v"], lambda t, m, r: (1 if (t == "a") == (m == "x") else 0, 0)
    )
    eq = profile(separating, {"a": {"x": 1}, "b": {"y": 1}}, {"x": {"u": 1}, "y": {"u": 1}})
    for criterion in CRITERIA:
        verdict = criterion(separating, [eq])[0]
        assert verdict.survives and verdict.tests == () and verdict.explanation == "every message is on the path; nothing to test"
    del game


def test_errors() -> None:
    game = beer_quiche()
    with pytest.raises(UnsupportedGameError, match="signaling game"):
        intuitive_criterion(catalog.entry_deterrence())
    with pytest.raises(UnsupportedGameError, match="pbe SolveResult or a signaling game"):
        d1("beer")
    p = sympy.Symbol("p", positive=True)
    symbolic = signaling_game(["a", "b"], [F(1, 2), F(1, 2)], ["x", "y"], ["u", "v"], lambda t, m, r: (p, 0))
    with pytest.raises(UnsupportedGameError, match="must be exact; got symbolic"):
        d1(symbolic, [])
    # the weak type would rather have quiche when nobody duels after it
    wrong = profile(game, {"weak": {"beer": 1}, "strong": {"beer": 1}}, {"beer": {"don't": 1}, "quiche": {"don't": 1}})
    with pytest.raises(
        InvalidGameError, match=r"equilibria\[0\] is not a perfect Bayesian equilibrium.*'weak' gains by sending 'quiche' \(3 > 2\)"
    ):
        intuitive_criterion(game, [wrong])
    # not dueling after quiche is wrong when only the weak type eats it
    split = profile(game, {"weak": {"quiche": 1}, "strong": {"beer": 1}}, {"beer": {"don't": 1}, "quiche": {"don't": 1}})
    with pytest.raises(InvalidGameError, match="not a best response to Bayes' beliefs"):
        d2(game, [split])
    with pytest.raises(InvalidGameError, match="not an index into the result"):
        d1(game, [0])
    with pytest.raises(InvalidGameError, match="sequence of Equilibrium values or indices"):
        d1(game, wrong)  # type: ignore[arg-type]


# --- random signaling games: an independent oracle for two types ----------------------------------------
@st.composite
def signaling_games(draw: Any, max_types: int = 3, max_messages: int = 3, max_responses: int = 3) -> Any:
    n_types = draw(st.integers(2, max_types))
    n_messages = draw(st.integers(2, max_messages))
    widths = [draw(st.integers(2, max_responses)) for _ in range(n_messages)]
    weights = draw(st.lists(st.integers(0, 3), min_size=n_types, max_size=n_types))
    if sum(weights) == 0:
        weights[0] = 1
    prior = [F(w, sum(weights)) for w in weights]
    values = st.integers(0, 3)
    types = [f"t{i}" for i in range(n_types)]
    messages = [f"m{j}" for j in range(n_messages)]
    responses = {m: [f"r{k}" for k in range(w)] for m, w in zip(messages, widths, strict=True)}
    table = {(t, m, r): (draw(values), draw(values)) for t in types for m in messages for r in responses[m]}
    return signaling_game(types, prior, messages, responses, lambda t, m, r: table[(t, m, r)])


def _oracle_best(receiver: list[list[Any]], types: list[int]) -> set[int]:
    """Pure best responses to beliefs on ``types`` (one or two types): test at the ends and at every tie."""
    width = len(receiver[0])
    if len(types) == 1:
        top = max(receiver[types[0]])
        return {r for r in range(width) if receiver[types[0]][r] == top}
    a, b = types
    points = {F(0), F(1)}
    for r, q in itertools.combinations(range(width), 2):
        slope = (receiver[b][r] - receiver[a][r]) - (receiver[b][q] - receiver[a][q])
        if slope != 0:
            x = F(receiver[a][q] - receiver[a][r], slope)
            if 0 <= x <= 1:
                points.add(x)
    found: set[int] = set()
    for x in points:
        expected = [(1 - x) * receiver[a][r] + x * receiver[b][r] for r in range(width)]
        found |= {r for r in range(width) if expected[r] == max(expected)}
    return found


def _oracle(result: Any, i: int) -> tuple[bool, bool | None]:
    """(intuitive criterion, D1 when every off-path message has two responses else None) for two types."""
    s = signaling_structure(result.game)
    eq = result[i]
    sender = [[eq.profile[0][t][s.message_actions[t][m]] for m in range(len(s.messages))] for t in range(2)]
    receiver = eq.profile[1]

    def gain(t: int, m: int, mix: Any) -> Any:
        return sum(p * s.sender_payoffs[t][m][r] for r, p in enumerate(mix))

    values = [sum(sender[t][m] * gain(t, m, receiver[m]) for m in range(len(s.messages))) for t in range(2)]
    ic, d = True, True
    for m in range(len(s.messages)):
        if any(s.prior[t] * sender[t][m] != 0 for t in range(2)):
            continue
        u = [s.sender_payoffs[t][m] for t in range(2)]
        v = [list(s.receiver_payoffs[t][m]) for t in range(2)]
        every = _oracle_best(v, [0, 1])
        dominated = [t for t in range(2) if values[t] > max(u[t][r] for r in every)]
        if len(dominated) < 2:
            rest = [t for t in range(2) if t not in dominated]
            answers = _oracle_best(v, rest)
            if any(values[t] < min(u[t][r] for r in answers) for t in rest):
                ic = False
        if len(s.responses[m]) != 2 or d is None:
            d = None
            continue
        # mixed responses: q = probability of response 1, on [0, 1] if both are best responses somewhere
        qs = (F(0), F(1)) if every == {0, 1} else ((F(0),) if every == {0} else (F(1),))

        def worth(t: int, q: Any, u: Any = u) -> Any:
            return (1 - q) * u[t][0] + q * u[t][1]

        deleted = []
        for t in range(2):
            other = 1 - t
            ends = [q for q in qs if worth(t, q) >= values[t]]
            if len(qs) == 2 and ends:
                # {q : worth(t, q) >= u*} is an interval; its ends are a segment end or the crossing
                slope = u[t][1] - u[t][0]
                if slope != 0:
                    cross = F(values[t] - u[t][0], slope)
                    if 0 <= cross <= 1:
                        ends.append(cross)
            if all(worth(other, q) > values[other] for q in ends):
                deleted.append(t)
        kept = [t for t in range(2) if t not in deleted] or [0, 1]
        support = [r for r in range(2) if receiver[m][r] != 0]
        if len(support) == 1:
            ok = support[0] in _oracle_best(v, kept)
        else:
            diffs = [v[t][0] - v[t][1] for t in kept]
            ok = min(diffs) <= 0 <= max(diffs)
        d = d and ok
    return ic, d


@given(signaling_games(max_types=2, max_messages=3, max_responses=2))
def test_two_types_match_the_oracle(game: Any) -> None:
    result = solve(game, method="pbe")
    ic, first, second = (criterion(result) for criterion in CRITERIA)
    for i in range(len(result)):
        want_ic, want_d1 = _oracle(result, i)
        assert ic[i].survives == want_ic, ic[i].explanation
        if want_d1 is not None:
            assert first[i].survives == want_d1, first[i].explanation
        assert first[i].survives == second[i].survives  # D1 and D2 coincide with two types


@given(signaling_games())
def test_criteria_are_nested_filters(game: Any) -> None:
    result = solve(game, method="pbe")
    ic, first, second = (criterion(result) for criterion in CRITERIA)
    for refined in (ic, first, second):
        assert len(refined) == len(result) and [v.index for v in refined.verdicts] == list(range(len(result)))
        assert set(refined.survivors) <= set(range(len(result)))
        assert refined.equilibria == tuple(result[i] for i in refined.survivors)
        for verdict in refined.verdicts:
            assert verdict.survives == all(t.passed for t in verdict.tests)
            assert tuple(t.message for t in verdict.tests) == verdict.off_path
            if not verdict.off_path:
                assert verdict.survives
    assert set(second.survivors) <= set(first.survivors) <= set(ic.survivors)
    # D2 deletes every type D1 deletes; the intuitive criterion depends only on the equilibrium payoffs
    for a, b in zip(first.verdicts, second.verdicts, strict=True):
        for x, y in zip(a.tests, b.tests, strict=True):
            assert set(x.deleted) <= set(y.deleted)
    by_payoffs: dict[Any, bool] = {}
    for verdict in ic.verdicts:
        key = (tuple(verdict.payoffs.values()), verdict.off_path)
        assert by_payoffs.setdefault(key, verdict.survives) == verdict.survives
