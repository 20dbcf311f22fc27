"""Signaling and Bayesian games: the builders, signaling_structure, and every PBE of a signaling game against oracles.

The oracles here are written from the definitions (Fudenberg and Tirole 1991, section 8.2; Gibbons 1992,
section 4.2) and share no code with ``gametheory.solvers.pbe``: pure PBE by brute force, Bayes' rule by hand,
supporting off-path beliefs as the vertices of a small polytope in the simplex (exact Fractions).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import (
    BeliefSet,
    InvalidGameError,
    bayesian_game,
    check_assessment,
    max_regret,
    signaling_game,
    signaling_structure,
    solve,
)
from gametheory.io import parse_efg, write_efg

# few distinct values make ties (degenerate games, continua of PBE) common
_VALUES = [st.integers(0, 2), st.integers(-3, 3), st.fractions(min_value=-3, max_value=3, max_denominator=4)]
# the symbolic property solves symbolically (0.02-3 s a game beyond 2x2x2) and then per point; keep its share small
_FEW = settings(max_examples=max(5, settings().max_examples // 4))


# --- generated signaling games ------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    """A signaling game as plain data: ``payoffs[t][m][r] = (u_sender, u_receiver)``, indices into the label tuples."""

    types: tuple[str, ...]
    prior: tuple[Fraction, ...]
    messages: tuple[str, ...]
    responses: tuple[str, ...]
    payoffs: tuple[tuple[tuple[tuple[Any, Any], ...], ...], ...]

    def game(self):  # type: ignore[no-untyped-def]
        def payoff(t: str, m: str, r: str) -> tuple[Any, Any]:
            return self.payoffs[self.types.index(t)][self.messages.index(m)][self.responses.index(r)]

        return signaling_game(self.types, self.prior, self.messages, self.responses, payoff)


@st.composite
def priors(draw, n: int) -> tuple[Fraction, ...]:  # type: ignore[no-untyped-def]
    """Exact priors: generic ones, ones with a zero, and lopsided ones such as (1/100, 99/100)."""
    kind = draw(st.sampled_from(["generic", "zero", "lopsided"]))
    if kind == "lopsided":
        heavy = draw(st.integers(0, n - 1))
        weights = [99 if t == heavy else 1 for t in range(n)]
    else:
        weights = draw(st.lists(st.integers(1 if kind == "generic" else 0, 5), min_size=n, max_size=n))
        weights[draw(st.integers(0, n - 1))] += 1  # at least one type is possible
    total = sum(weights)
    return tuple(Fraction(w, total) for w in weights)


@st.composite
def signaling_specs(draw, max_types: int = 3, max_messages: int = 3, max_responses: int = 3) -> Spec:  # type: ignore[no-untyped-def]
    """Small signaling games. Up to 12 outcomes the payoffs come from hypothesis (ties, all zeros); larger games
    get pseudo-random payoffs in -9..9 from a drawn seed, since very degenerate 3x3x3 games take the exact
    solver seconds (every support pair is a polytope) and would blow the CI budget."""
    n_t = draw(st.integers(2, max_types))
    n_m = draw(st.integers(2, max_messages))
    n_r = draw(st.integers(2, max_responses))
    if n_t * n_m * n_r <= 12:
        values = draw(st.sampled_from(_VALUES))
        flat = draw(st.lists(st.tuples(values, values), min_size=n_t * n_m * n_r, max_size=n_t * n_m * n_r))
    else:
        rng = random.Random(draw(st.integers(0, 2**32 - 1)))
        flat = [(rng.randint(-9, 9), rng.randint(-9, 9)) for _ in range(n_t * n_m * n_r)]
    cells = iter(flat)
    payoffs = tuple(tuple(tuple(next(cells) for _ in range(n_r)) for _ in range(n_m)) for _ in range(n_t))
    return Spec(
        tuple(f"t{i}" for i in range(n_t)),
        draw(priors(n_t)),
        tuple(f"m{i}" for i in range(n_m)),
        tuple(f"r{i}" for i in range(n_r)),
        payoffs,
    )


# --- independent oracles --------------------------------------------------------------------------------
def _solve_linear(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system by Gauss-Jordan elimination in Fractions, or None."""
    n = len(rows)
    a = [[Fraction(x) for x in row] + [Fraction(b)] for row, b in zip(rows, rhs, strict=True)]
    for col in range(n):
        pivot = next((i for i in range(col, n) if a[i][col] != 0), None)
        if pivot is None:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for i in range(n):
            if i != col and a[i][col] != 0:
                f = a[i][col] / a[col][col]
                a[i] = [x - f * y for x, y in zip(a[i], a[col], strict=True)]
    return [a[i][n] / a[i][i] for i in range(n)]


def supporting_vertices(utility: Sequence[Sequence[Any]], support: Sequence[int]) -> set[tuple[Fraction, ...]]:
    """Vertices of the beliefs over types under which every response in ``support`` is a best reply.

    ``utility[t][r]`` is the receiver's payoff. A vertex of {mu >= 0, sum mu = 1, indifference on the
    support, the support weakly better than the rest} is the unique solution of sum mu = 1 and n - 1
    of the constraints held with equality; try them all (n <= 3 types, so few).
    """
    n = len(utility)
    r0 = support[0]
    equal = [[Fraction(utility[t][r]) - utility[t][r0] for t in range(n)] for r in support[1:]]
    weak = [[Fraction(utility[t][r0]) - utility[t][r] for t in range(n)] for r in range(len(utility[0])) if r not in support]
    weak += [[Fraction(int(t == k)) for t in range(n)] for k in range(n)]
    found = set()
    for tight in itertools.combinations(equal + weak, n - 1):
        mu = _solve_linear([*map(list, tight), [Fraction(1)] * n], [Fraction(0)] * (n - 1) + [Fraction(1)])
        if mu is None:
            continue
        dot = [sum((c * x for c, x in zip(row, mu, strict=True)), Fraction(0)) for row in equal + weak]
        if all(d == 0 for d in dot[: len(equal)]) and all(d >= 0 for d in dot[len(equal) :]):
            found.add(tuple(mu))
    return found


def pure_pbe(spec: Spec) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Every pure PBE by brute force: (message of each type, response to each message)."""
    n_t, n_m, n_r = len(spec.types), len(spec.messages), len(spec.responses)
    u = spec.payoffs
    found = set()
    for sends in itertools.product(range(n_m), repeat=n_t):
        for answers in itertools.product(range(n_r), repeat=n_m):
            # every type (also one of prior 0: its set must be played rationally too) sends a best message
            if any(u[t][sends[t]][answers[sends[t]]][0] < u[t][m][answers[m]][0] for t in range(n_t) for m in range(n_m)):
                continue
            ok = True
            for m in range(n_m):
                senders = [t for t in range(n_t) if spec.prior[t] > 0 and sends[t] == m]
                if senders:  # Bayes' rule: the belief is the prior restricted to the senders, so compare prior-weighted sums
                    value = [sum(spec.prior[t] * u[t][m][r][1] for t in senders) for r in range(n_r)]
                    ok = value[answers[m]] == max(value)
                else:  # off the path: some belief must support the response
                    ok = bool(supporting_vertices([[u[t][m][r][1] for r in range(n_r)] for t in range(n_t)], [answers[m]]))
                if not ok:
                    break
            if ok:
                found.add((sends, answers))
    return found


def decoded(result, spec: Spec, index: int) -> tuple[list[list[Any]], list[list[Any]]]:  # type: ignore[no-untyped-def]
    """``sigma[t][m]`` and ``rho[m][r]`` of equilibrium ``index`` in the spec's label order."""
    sender, receiver = result.strategy(index, 0), result.strategy(index, 1)
    sigma = [[sender[t][m] for m in spec.messages] for t in spec.types]
    rho = [[receiver[m][r] for r in spec.responses] for m in spec.messages]
    return sigma, rho


def as_pure(sigma: list[list[Any]], rho: list[list[Any]]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(row.index(1) for row in sigma), tuple(row.index(1) for row in rho)


def bayes(spec: Spec, sigma: list[list[Any]], m: int) -> dict[str, Fraction] | None:
    weights = [spec.prior[t] * Fraction(sigma[t][m]) for t in range(len(spec.types))]
    total = sum(weights)
    if total == 0:
        return None
    return {f"{t},{spec.messages[m]}": w / total for t, w in zip(spec.types, weights, strict=True)}


# --- properties of solve(method="pbe") ------------------------------------------------------------------
def check_certificates(game, spec: Spec, result) -> None:  # type: ignore[no-untyped-def]
    """Property 1: Nash (max_regret exactly 0) and sequentially rational at the Bayes beliefs and every off-path vertex."""
    assert result.complete and result.exact and len(result) >= 1  # a finite signaling game has a PBE
    for eq in result:
        assert eq.concept == "pbe" and eq.max_regret == 0 and max_regret(game, eq.profile) == 0
        on_path = {label: dict(b) for label, b in eq.beliefs.items() if not isinstance(b, BeliefSet)}
        off_path = {label: b for label, b in eq.beliefs.items() if isinstance(b, BeliefSet)}
        assert set(on_path) | set(off_path) == set(spec.messages)
        base = {label: dict(zip(b.nodes, b.vertices[0], strict=True)) for label, b in off_path.items()}
        for label, belief_set in off_path.items():
            for vertex in belief_set.vertices:
                beliefs = {**on_path, **base, label: dict(zip(belief_set.nodes, vertex, strict=True))}
                report = check_assessment(game, eq.profile, beliefs)
                assert report.is_weak_pbe, (label, vertex, report.failures)


def check_beliefs(spec: Spec, result) -> None:  # type: ignore[no-untyped-def]
    """Property 2: Bayes' rule on the path; off it, the BeliefSet holds every belief that supports the responses."""
    for i, eq in enumerate(result):
        sigma, rho = decoded(result, spec, i)
        for m, message in enumerate(spec.messages):
            expected = bayes(spec, sigma, m)
            belief = eq.beliefs[message]
            if expected is not None:
                assert not isinstance(belief, BeliefSet) and dict(belief) == expected
                continue
            assert isinstance(belief, BeliefSet)
            assert belief.nodes == tuple(f"{t},{message}" for t in spec.types)
            # the reported set is all of them: every vertex of the oracle's polytope lies in its hull
            support = [r for r, x in enumerate(rho[m]) if x != 0]
            utility = [[spec.payoffs[t][m][r][1] for r in range(len(spec.responses))] for t in range(len(spec.types))]
            for vertex in supporting_vertices(utility, support):
                assert belief.contains(dict(zip(belief.nodes, vertex, strict=True))), (message, vertex, belief.vertices)


def check_pure(spec: Spec, result) -> None:  # type: ignore[no-untyped-def]
    """Property 3: the pure PBE among the solver's are exactly those of brute force (also with mixed=False)."""
    found = {as_pure(*decoded(result, spec, i)) for i, eq in enumerate(result) if eq.is_pure}
    assert found == pure_pbe(spec)
    pure_only = solve(spec.game(), method="pbe", mixed=False)
    assert not pure_only.complete and {as_pure(*decoded(pure_only, spec, i)) for i in range(len(pure_only))} == found


@given(signaling_specs())
def test_every_pbe_is_certified_has_bayes_beliefs_and_the_pure_ones_match_brute_force(spec: Spec) -> None:
    # one solve per example for three properties keeps the file inside its CI budget
    game = spec.game()
    result = solve(game, method="pbe")
    check_certificates(game, spec, result)
    check_beliefs(spec, result)
    check_pure(spec, result)


@given(signaling_specs(), st.data())
def test_relabelling_types_messages_and_responses_maps_the_pbe_set(spec: Spec, data: st.DataObject) -> None:
    types = data.draw(st.permutations(range(len(spec.types))))
    messages = data.draw(st.permutations(range(len(spec.messages))))
    responses = data.draw(st.permutations(range(len(spec.responses))))
    # new position k holds old index types[k]; the names change too
    relabelled = Spec(
        tuple(f"type {i}" for i in types),
        tuple(spec.prior[i] for i in types),
        tuple(f"msg {j}" for j in messages),
        tuple(f"resp {k}" for k in responses),
        tuple(tuple(tuple(spec.payoffs[i][j][k] for k in responses) for j in messages) for i in types),
    )
    original, permuted = solve(spec.game(), method="pbe"), solve(relabelled.game(), method="pbe")

    def canonical(result, which: Spec, order_t, order_m, order_r) -> list[Any]:  # type: ignore[no-untyped-def]
        out = []
        for i in range(len(result)):
            sigma, rho = decoded(result, which, i)
            s = {(order_t[a], order_m[b]): x for a, row in enumerate(sigma) for b, x in enumerate(row)}
            r = {(order_m[a], order_r[b]): x for a, row in enumerate(rho) for b, x in enumerate(row)}
            out.append((tuple(sorted(s.items())), tuple(sorted(r.items())), result.details["kinds"][i]))
        return out

    identity_t, identity_m, identity_r = range(len(spec.types)), range(len(spec.messages)), range(len(spec.responses))
    before = canonical(original, spec, identity_t, identity_m, identity_r)
    after = canonical(permuted, relabelled, types, messages, responses)
    assert sorted(before, key=repr) == sorted(after, key=repr)

    def families(result, listing: list[Any]) -> set[frozenset[Any]]:  # type: ignore[no-untyped-def]
        return {frozenset(listing[i] for i in clique) for clique in result.cliques}

    assert families(original, before) == families(permuted, after)


# --- symbolic == numeric --------------------------------------------------------------------------------
def _profiles(result) -> set[Any]:  # type: ignore[no-untyped-def]
    return {eq.profile for eq in result}


@_FEW
@given(signaling_specs(max_types=2, max_messages=2, max_responses=2), st.data())
def test_a_symbolic_prior_or_payoff_gives_at_each_point_the_pbe_of_the_substituted_game(spec: Spec, data: st.DataObject) -> None:
    which = data.draw(st.sampled_from(["prior", "sender", "receiver"]))
    if which == "prior":
        x = sympy.Symbol("p", positive=True)
        game = signaling_game(
            spec.types, [x, 1 - x], spec.messages, spec.responses, lambda t, m, r: spec.payoffs[int(t[1])][int(m[1])][int(r[1])]
        )
        result = solve(game, method="pbe", assume=[x < 1])
        points = data.draw(st.lists(st.integers(2, 12).flatmap(lambda d: st.integers(1, d - 1).map(lambda k: Fraction(k, d))), max_size=3))
    else:
        x = sympy.Symbol("c")
        t0, m0, r0 = (data.draw(st.integers(0, n - 1)) for n in (len(spec.types), len(spec.messages), len(spec.responses)))

        def payoff(t: str, m: str, r: str) -> tuple[Any, Any]:
            value = spec.payoffs[int(t[1])][int(m[1])][int(r[1])]
            if (int(t[1]), int(m[1]), int(r[1])) != (t0, m0, r0):
                return value
            return (x, value[1]) if which == "sender" else (value[0], x)

        game = signaling_game(spec.types, spec.prior, spec.messages, spec.responses, payoff)
        result = solve(game, method="pbe")
        points = data.draw(st.lists(st.fractions(min_value=-4, max_value=4, max_denominator=4), max_size=3))
    assert result.regimes
    witnesses = [regime.witness for regime in result.regimes if regime.witness is not None]
    for point in [*witnesses, *({x: v} for v in points)]:
        at = result.at(point)
        numeric = solve(game.subs(point), method="pbe")
        assert all(eq.max_regret == 0 for eq in at)
        assert _profiles(at) == _profiles(numeric), point


# --- pinned examples ------------------------------------------------------------------------------------
def _gibbons_example():  # type: ignore[no-untyped-def]
    # Gibbons, A Primer in Game Theory (1992; US title Game Theory for Applied Economists), section 4.2.A: the
    # two-type, two-message, two-response example (types t1, t2 equally likely; messages L, R; responses u, d),
    # payoffs (Sender, Receiver) as in the book's figure.
    table = {
        ("t1", "L", "u"): (1, 3),
        ("t1", "L", "d"): (4, 0),
        ("t1", "R", "u"): (2, 1),
        ("t1", "R", "d"): (0, 0),
        ("t2", "L", "u"): (2, 4),
        ("t2", "L", "d"): (0, 1),
        ("t2", "R", "u"): (1, 0),
        ("t2", "R", "d"): (1, 2),
    }
    half = Fraction(1, 2)
    return signaling_game(["t1", "t2"], [half, half], ["L", "R"], ["u", "d"], lambda t, m, r: table[t, m, r])


def test_gibbons_section_4_2_example_pooling_on_L_and_separating_R_L() -> None:
    # Gibbons (1992) section 4.2.A finds: pooling on L, [(L, L), (u, d), p = 1/2, q] for q <= 2/3 (q the
    # Receiver's belief in t1 after R); no pooling on R; no separating (L, R); separating [(R, L), (u, u), p = 0, q = 1].
    # The solver also reports the mixed edge of the pooling family: after R the Receiver may mix u with
    # probability up to 1/2 (then t1 still prefers L), which needs q = 2/3 exactly.
    game = _gibbons_example()
    result = solve(game, method="pbe")
    assert result.complete and len(result) == 3
    by_strategy = {}
    for i, eq in enumerate(result):
        sender, receiver = result.strategy(i, 0), result.strategy(i, 1)
        key = (tuple(max(sender[t], key=sender[t].get) for t in ("t1", "t2")), receiver["R"]["u"])
        by_strategy[key] = (eq, result.details["kinds"][i], receiver["L"]["u"])
    assert set(by_strategy) == {(("L", "L"), 0), (("L", "L"), Fraction(1, 2)), (("R", "L"), 1)}
    eq, kind, after_l = by_strategy[("L", "L"), 0]
    assert kind == "pooling" and after_l == 1 and eq.payoffs == (Fraction(3, 2), Fraction(7, 2))
    assert eq.beliefs["L"] == {"t1,L": Fraction(1, 2), "t2,L": Fraction(1, 2)}
    assert eq.beliefs["R"]["t1,R"] == sympy.Interval(0, Fraction(2, 3))  # q <= 2/3
    eq, kind, after_l = by_strategy[("L", "L"), Fraction(1, 2)]
    assert kind == "pooling" and after_l == 1 and set(eq.beliefs["R"].vertices) == {(Fraction(2, 3), Fraction(1, 3))}
    eq, kind, after_l = by_strategy[("R", "L"), 1]
    assert kind == "separating" and after_l == 1 and eq.payoffs == (2, Fraction(5, 2))
    assert eq.beliefs["L"] == {"t1,L": 0, "t2,L": 1} and eq.beliefs["R"] == {"t1,R": 1, "t2,R": 0}  # p = 0, q = 1
    assert sorted(map(len, result.cliques)) == [1, 2]  # the pooling family is one convex set


def test_discrete_job_market_signaling_has_the_separating_and_the_pooling_family() -> None:
    # Spence (1973) job-market signaling, discretised as in the textbook treatments (Gibbons 1992, section 4.2.B;
    # Osborne 2004, chapter 10): the numbers below are built here, not copied from a book. Ability 1 (L) or 2 (H),
    # Pr(H) = 1/3; education e0 (none) or e1 costs 3/2 to L and 1/2 to H; the firm pays w1 = 1 or w2 = 2 with payoff
    # -(wage - ability)^2, so it pays w2 iff Pr(H | e) >= 1/2. Worker's payoff: wage - cost.
    # By hand (x = Pr(w2 | e0), y = Pr(w2 | e1)): L gets 1 + x from e0 > y - 1/2 from e1, so L never educates;
    # then Pr(H | e0) <= 1/3 < 1/2 and x = 0. If H educates with positive probability, e1 reveals H, y = 1 and H
    # gets 3/2 > 1: separating. Otherwise pooling on e0 needs 1/2 + y <= 1, i.e. y <= 1/2, with Pr(H | e1) <= 1/2
    # for y = 0 and = 1/2 for y > 0. So: one separating PBE and one pooling family with extreme points y = 0, 1/2.
    ability = {"L": 1, "H": 2}
    cost = {"L": Fraction(3, 2), "H": Fraction(1, 2)}
    wage = {"w1": 1, "w2": 2}

    def payoffs(t: str, e: str, w: str) -> tuple[Any, Any]:
        return wage[w] - (cost[t] if e == "e1" else 0), -((wage[w] - ability[t]) ** 2)

    game = signaling_game(["L", "H"], [Fraction(2, 3), Fraction(1, 3)], ["e0", "e1"], ["w1", "w2"], payoffs, players=("Worker", "Firm"))
    result = solve(game, method="pbe")
    summary = sorted(
        (result.details["kinds"][i], result.strategy(i, 0)["H"]["e1"], result.strategy(i, 1)["e1"]["w2"]) for i in range(len(result))
    )
    assert summary == [("pooling", 0, 0), ("pooling", 0, Fraction(1, 2)), ("separating", 1, 1)]
    for i, eq in enumerate(result):
        assert result.strategy(i, 0)["L"] == {"e0": 1, "e1": 0} and result.strategy(i, 1)["e0"] == {"w1": 1, "w2": 0}
        if result.details["kinds"][i] == "pooling":
            assert eq.payoffs[0] == Fraction(1)
            high = eq.beliefs["e1"]["H,e1"]
            assert high == (
                sympy.Interval(0, Fraction(1, 2)) if result.strategy(i, 1)["e1"]["w2"] == 0 else sympy.FiniteSet(Fraction(1, 2))
            )
        else:
            assert eq.beliefs["e1"] == {"L,e1": 0, "H,e1": 1} and eq.payoffs[0] == Fraction(2, 3) * 1 + Fraction(1, 3) * Fraction(3, 2)


def _cheap_talk(sender_payoff):  # type: ignore[no-untyped-def]
    # Crawford and Sobel (1982), discretised: state 0 or 2 equally likely, actions 0, 1, 2; the receiver's payoff
    # is -(action - state)^2, so with the prior it takes action 1. Messages cost nothing.
    def payoffs(t: str, m: str, a: str) -> tuple[Any, Any]:
        state, action = int(t[1]), int(a[1])
        return sender_payoff(state, action), -((action - state) ** 2)

    half = Fraction(1, 2)
    return signaling_game(["s0", "s2"], [half, half], ["m0", "m1"], ["a0", "a1", "a2"], payoffs)


def _babbling(result, i: int) -> bool:  # type: ignore[no-untyped-def]
    sender = result.strategy(i, 0)
    return sender["s0"] == sender["s2"] and all(
        result.strategy(i, 1)[m] == {"a0": 0, "a1": 1, "a2": 0} for m in ("m0", "m1") if sender["s0"][m] != 0
    )


def test_cheap_talk_with_aligned_interests_has_babbling_and_full_revelation() -> None:
    result = solve(_cheap_talk(lambda state, action: -((action - state) ** 2)), method="pbe")
    assert any(_babbling(result, i) for i in range(len(result)))
    assert sum(kind == "separating" for kind in result.details["kinds"]) == 2  # either message can mean state 0
    for i, eq in enumerate(result):
        if _babbling(result, i):
            on = [m for m in ("m0", "m1") if not isinstance(eq.beliefs[m], BeliefSet)]
            assert all(eq.beliefs[m] == {f"s0,{m}": Fraction(1, 2), f"s2,{m}": Fraction(1, 2)} for m in on)  # the prior


def test_cheap_talk_with_a_sender_who_always_wants_more_transmits_nothing() -> None:
    # the sender wants the highest action whatever the state (Crawford-Sobel with a large bias): no message
    # can carry information, so in every PBE the receiver takes action 1 on the path, whatever the state. The
    # babbling equilibrium (both states send one message) is there; so are mixtures that keep the beliefs
    # within [1/4, 3/4], where action 1 stays optimal and the sender is indifferent.
    result = solve(_cheap_talk(lambda state, action: action), method="pbe")
    assert any(_babbling(result, i) and kind == "pooling" for i, kind in enumerate(result.details["kinds"]))
    assert "separating" not in result.details["kinds"]
    assert {eq.payoffs for eq in result} == {(1, -1)}
    assert all(set(result.outcomes(i)) <= {f"s{s},m{m},a1" for s in (0, 2) for m in (0, 1)} for i in range(len(result)))


# --- Bayesian games -------------------------------------------------------------------------------------
@st.composite
def bayesian_specs(draw):  # type: ignore[no-untyped-def]
    n_types = [draw(st.integers(1, 2)) for _ in range(2)]
    n_actions = [draw(st.integers(2, 3)) for _ in range(2)]
    types = [[f"p{i}t{k}" for k in range(n)] for i, n in enumerate(n_types)]
    actions = [[f"p{i}a{k}" for k in range(n)] for i, n in enumerate(n_actions)]
    profiles = list(itertools.product(*types))
    if draw(st.booleans()):  # a correlated joint prior, some profiles impossible
        weights = draw(st.lists(st.integers(0, 3), min_size=len(profiles), max_size=len(profiles)))
        weights[draw(st.integers(0, len(profiles) - 1))] += 1
        prior: Any = {tp: Fraction(w, sum(weights)) for tp, w in zip(profiles, weights, strict=True) if w}
    else:  # independent types
        prior = [list(draw(priors(n))) if n > 1 else [1] for n in n_types]
    values = draw(st.sampled_from(_VALUES))
    table = {(tp, ap): tuple(draw(values) for _ in range(2)) for tp in profiles for ap in itertools.product(*actions)}
    return types, prior, actions, table


def _joint(types: list[list[str]], prior: Any) -> dict[tuple[str, ...], Fraction]:
    if isinstance(prior, Mapping):
        return {tp: Fraction(prior.get(tp, 0)) for tp in itertools.product(*types)}
    return {tp: Fraction(prior[0][types[0].index(tp[0])]) * Fraction(prior[1][types[1].index(tp[1])]) for tp in itertools.product(*types)}


def _type_value(joint: Mapping[tuple[str, ...], Fraction], table: Any, other: Mapping[str, Any], i: int, ti: str, a: str) -> Fraction:
    """Player ``i``'s payoff from action ``a`` as type ``ti``, weighted by Pr(ti) (ex ante), against the other's ``other[type][action]``."""
    total = Fraction(0)
    for tp, q in joint.items():
        if tp[i] != ti or q == 0:
            continue
        for b, y in other[tp[1 - i]].items():
            ap = (a, b) if i == 0 else (b, a)
            total += q * Fraction(y) * Fraction(table[tp, ap][i])
    return total


@given(bayesian_specs())
def test_nash_equilibria_of_the_harsanyi_tree_are_bayesian_nash_equilibria(spec: Any) -> None:
    types, prior, actions, table = spec
    game = bayesian_game(["P1", "P2"], types, prior, actions, lambda tp, ap: table[tp, ap])
    result = solve(game)  # the default for trees (spe; a Harsanyi tree has no proper subgame, so Nash)
    joint = _joint(types, prior)
    assert len(result) >= 1
    for index in range(len(result)):
        # strategy(index, i): type -> action -> probability (player i's sets are their types)
        sigma = [result.strategy(index, i) for i in range(2)]
        assert all(set(sigma[i]) == set(types[i]) for i in range(2))
        for i in range(2):
            for ti in types[i]:
                if sum(q for tp, q in joint.items() if tp[i] == ti) == 0:
                    continue  # a type that never occurs: Bayesian Nash says nothing about it
                values = {a: _type_value(joint, table, sigma[1 - i], i, ti, a) for a in actions[i]}
                best = max(values.values())
                used = [a for a, x in sigma[i][ti].items() if x != 0]
                assert all(values[a] == best for a in used), (i, ti, values, sigma[i][ti])


# --- signaling_structure ----------------------------------------------------------------------------------
def _check_structure(structure: Any, spec: Spec) -> None:
    assert structure is not None
    assert (structure.sender, structure.receiver) == (0, 1)
    assert structure.types == spec.types and tuple(structure.prior) == spec.prior
    assert structure.messages == spec.messages
    assert structure.responses == (spec.responses,) * len(spec.messages)
    sender = tuple(tuple(tuple(cell[0] for cell in row) for row in by_m) for by_m in spec.payoffs)
    receiver = tuple(tuple(tuple(cell[1] for cell in row) for row in by_m) for by_m in spec.payoffs)
    assert structure.sender_payoffs == sender and structure.receiver_payoffs == receiver


@given(signaling_specs())
def test_signaling_structure_recovers_the_game_also_after_an_efg_round_trip(spec: Spec) -> None:
    game = spec.game()
    _check_structure(signaling_structure(game), spec)
    again = parse_efg(write_efg(game))
    _check_structure(signaling_structure(again), spec)
    assert signaling_structure(again) == signaling_structure(game)


def test_signaling_structure_is_none_for_trees_that_are_not_signaling_games() -> None:
    # a Bayesian game: the second mover cannot tell the first one's action, so one set holds every node
    game = bayesian_game(
        ["A", "B"], [["x", "y"], ["z"]], [[Fraction(1, 2), Fraction(1, 2)], [1]], [["a", "b"], ["c", "d"]], lambda t, a: (0, 0)
    )
    assert signaling_structure(game) is None
    three = bayesian_game(
        ["A", "B", "C"],
        [["x", "y"], ["v"], ["w"]],
        [[Fraction(1, 2), Fraction(1, 2)], [1], [1]],
        [["a"], ["b"], ["c"]],
        lambda t, a: (0, 0, 0),
    )
    assert signaling_structure(three) is None


# --- errors ---------------------------------------------------------------------------------------------
# A prior that does not sum to 1 is caught only by ExtensiveFormGame.from_arrays, whose message the builders
# prefix with their name but which speaks of "chance node 'chance:1'", not of the argument ``prior``:
#   signaling_game(["a", "b"], [Fraction(1, 2), Fraction(1, 3)], ["m"], ["r"], lambda t, m, r: (0, 0))
#   -> InvalidGameError: signaling_game(): ExtensiveFormGame.from_arrays(): chance node 'chance:1': probabilities
#      of the moves must sum to 1; they sum to 5/6
def _ok(t: str, m: str, r: str) -> tuple[int, int]:
    return 0, 0


@pytest.mark.parametrize(
    ("call", "words"),
    [
        pytest.param(
            lambda: signaling_game(["a", "b"], [Fraction(1, 2), Fraction(1, 3)], ["m"], ["r"], _ok),
            ["signaling_game()", "prior", "sum to 1"],
        ),
        (lambda: signaling_game(["a", "b"], [1], ["m"], ["r"], _ok), ["signaling_game()", "prior"]),
        (lambda: signaling_game(["a", "b"], {"a": 1, "c": 0}, ["m"], ["r"], _ok), ["signaling_game()", "prior", "'c'"]),
        (lambda: signaling_game(["a", "b"], [1, 0], ["m"], ["r"], {"a": {"m": {"r": (0, 0)}}}), ["signaling_game()", "payoffs['b']"]),
        (lambda: signaling_game(["a", "b"], [1, 0], ["m"], ["r"], lambda t, m, r: (0,)), ["signaling_game()", "payoffs('a', 'm', 'r')"]),
        (lambda: signaling_game(["a", "b"], [1, 0], ["m"], ["r"], _ok, players=("S", "R", "X")), ["signaling_game()", "players"]),
        (lambda: signaling_game(["a", "a"], [1, 0], ["m"], ["r"], _ok), ["signaling_game()", "types", "duplicates"]),
        (lambda: signaling_game(["a", "b"], [1, 0], ["m", "n"], {"m": ["r"]}, _ok), ["signaling_game()", "responses"]),
        (lambda: signaling_game(["a", "b"], [1, 0], ["m"], ["r"], 3), ["signaling_game()", "payoffs"]),  # type: ignore[arg-type]
    ],
)
def test_signaling_game_errors_name_the_function_and_the_argument(call: Any, words: list[str]) -> None:
    with pytest.raises(InvalidGameError) as error:
        call()
    assert all(word in str(error.value) for word in words), str(error.value)


def _bayes(**changes: Any):  # type: ignore[no-untyped-def]
    arguments: dict[str, Any] = {
        "players": ["A", "B"],
        "types": [["x", "y"], ["z"]],
        "prior": [[Fraction(1, 3), Fraction(2, 3)], [1]],
        "actions": [["a", "b"], ["c", "d"]],
        "payoffs": lambda tp, ap: (0, 0),
    }
    arguments.update(changes)
    return bayesian_game(**arguments)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        pytest.param({"prior": {("x", "z"): Fraction(1, 2)}}, ["bayesian_game()", "prior", "sum to 1"]),
        ({"prior": {("x", "w"): 1}}, ["bayesian_game()", "prior", "type profiles"]),
        ({"prior": [[Fraction(1, 3)], [1]]}, ["bayesian_game()", "prior[0]"]),
        ({"payoffs": {}}, ["bayesian_game()", "payoffs[('x', 'z')]"]),
        ({"payoffs": lambda tp, ap: (0,)}, ["bayesian_game()", "payoffs(('x', 'z'), ('a', 'c'))", "2 payoffs"]),
        ({"players": ["A"]}, ["bayesian_game()", "types", "1 players"]),
        ({"players": ["A", "B", "C"]}, ["bayesian_game()", "types", "3 players"]),
        ({"actions": {"A": ["a"]}}, ["bayesian_game()", "actions"]),
    ],
)
def test_bayesian_game_errors_name_the_function_and_the_argument(changes: dict[str, Any], words: list[str]) -> None:
    with pytest.raises(InvalidGameError) as error:
        _bayes(**changes)
    assert all(word in str(error.value) for word in words), str(error.value)
