"""The ranked pairing (vms.peer.pairing, issue 11): exact against brute force and staged MILPs,
both solvers, the properties, the coordinator's figures and the bad input. Pure: no app."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.peer.pairing_reference import brute_force_key, key_of, milp_key, places_of
from vms.peer import b_matching
from vms.peer.pairing import (
    PlaceGain,
    RankProfile,
    Reason,
    Unpaired,
    _encode,
    _problem,
    one_more_place,
    pair,
    rank_profile,
    unpaired_reasons,
)


def instance(rng, n_members, n_mentors, longest, places=(0, 1, 2), mentor_lists=False, full=0.0):
    """Random rankings with a popularity skew (a share ``full`` of members rank ``longest``),
    capacities as an int or a dict, and optional mentor rankings."""
    mentors = [f"p{k}" for k in range(n_mentors)]
    weights = [1 / (k + 1) ** 0.7 for k in range(n_mentors)]
    rankings = {}
    for m in range(n_members):
        wanted = min(longest if rng.random() < full else rng.randint(0, longest), n_mentors)
        ranked: list[str] = []
        while len(ranked) < wanted:
            pick = rng.choices(mentors, weights)[0]
            ranked += [pick] if pick not in ranked else []
        rankings[f"m{m}"] = ranked
    capacity = (
        {p: rng.choice(places) for p in mentors} if rng.random() < 0.7 else rng.choice(places)
    )
    mentor_rankings = None
    if mentor_lists:
        mentor_rankings = {
            p: rng.sample(sorted(rankings), rng.randint(0, min(3, len(rankings))))
            for p in mentors
            if rng.random() < 0.8
        }
    return rankings, capacity, mentor_rankings


def random_locks(rng, rankings, capacity):
    load, locks = Counter(), {}
    for member, ranked in sorted(rankings.items()):
        if ranked and rng.random() < 0.25:
            mentor = rng.choice(ranked)
            if load[mentor] < places_of(capacity, mentor):
                locks[member] = mentor
                load[mentor] += 1
    return locks


def check_feasible(rankings, capacity, pairing, locked=None):
    assert list(pairing) == sorted(rankings)
    for member, mentor in pairing.items():
        assert mentor is None or mentor in rankings[member]
    for mentor, n in Counter(p for p in pairing.values() if p is not None).items():
        assert n <= places_of(capacity, mentor)
    for member, mentor in (locked or {}).items():
        assert pairing[member] == mentor


# --- the order ---------------------------------------------------------------------------


def test_the_generous_order_avoids_a_third_choice_even_at_a_higher_rank_sum():
    # Minimising the sum of ranks gives a and b their first choice and c its third
    # (1 + 1 + 3 = 5); the order gives everyone a second choice (6).
    rankings = {"a": ["X", "Y"], "b": ["Y", "Z"], "c": ["W", "X", "Z"]}
    capacity = {"W": 0, "X": 1, "Y": 1, "Z": 1}
    for method in ("sparse", "exact"):
        pairing = pair(rankings, capacity, method=method)
        assert pairing == {"a": "Y", "b": "Z", "c": "X"}
        assert rank_profile(rankings, pairing) == RankProfile((0, 3, 0), 0)


def test_as_many_paired_as_possible_comes_before_any_choice():
    rankings = {"a": ["X", "Y"], "b": ["X"]}
    assert pair(rankings) == {"a": "Y", "b": "X"}


def test_mentor_rankings_break_ties_only():
    rankings = {"a": ["X", "Y"], "b": ["X", "Y"]}
    assert pair(rankings, mentor_rankings={"X": ["b", "a"]}) == {"a": "Y", "b": "X"}
    assert pair(rankings, mentor_rankings={"X": ["a"], "Y": ["b"]}) == {"a": "X", "b": "Y"}
    # They never cost a member a better choice: first choices beat both peer mentors' wishes.
    rankings = {"b": ["Y", "X"], "c": ["X", "Y"]}
    assert pair(rankings, mentor_rankings={"X": ["b"], "Y": ["c"]}) == {"b": "Y", "c": "X"}


def test_every_member_is_a_key_and_empty_rankings_map_to_none():
    assert pair({}) == {}
    assert pair({"b": [], "a": ["X"], "c": []}, capacity=3) == {"a": "X", "b": None, "c": None}


def test_locks_are_kept_and_use_up_places():
    rankings = {"a": ["X", "Y"], "b": ["X"], "c": ["X", "Y"]}
    pairing = pair(rankings, {"X": 1, "Y": 1}, locked={"a": "X"})
    assert pairing == {"a": "X", "b": None, "c": "Y"}
    assert pair(rankings, 2, locked={"b": "X", "c": "X"}) == {"a": "Y", "b": "X", "c": "X"}


def test_string_and_int_ids_and_input_order_give_the_same_pairing():
    rng = random.Random(7)
    rankings, capacity, mentor_rankings = instance(rng, 30, 8, 3, mentor_lists=True)
    reordered = dict(reversed(list(rankings.items())))
    first = pair(rankings, capacity, mentor_rankings)
    assert (
        pair(reordered, capacity, mentor_rankings)
        == first
        == pair(rankings, capacity, mentor_rankings)
    )
    ints = {int(m[1:]): [int(p[1:]) for p in r] for m, r in rankings.items()}
    int_capacity = (
        capacity if isinstance(capacity, int) else {int(p[1:]): c for p, c in capacity.items()}
    )
    int_pairing = pair(ints, int_capacity)
    assert key_of(ints, int_pairing) == key_of(rankings, pair(rankings, capacity))


# --- exact: brute force, staged MILPs, both solvers ---------------------------------------


@pytest.mark.parametrize("method", ["sparse", "exact"])
def test_small_cases_match_brute_force(method):
    rng = random.Random(11)
    for _ in range(300):
        rankings, capacity, mentor_rankings = instance(
            rng, rng.randint(3, 6), rng.randint(2, 4), 4, (0, 1, 1, 2), rng.random() < 0.5, 0.6
        )
        locks = random_locks(rng, rankings, capacity) if rng.random() < 0.4 else None
        pairing = pair(rankings, capacity, mentor_rankings, locked=locks, method=method)
        check_feasible(rankings, capacity, pairing, locks)
        assert key_of(rankings, pairing, mentor_rankings) == brute_force_key(
            rankings, capacity, mentor_rankings, locks
        ), (rankings, capacity, mentor_rankings, locks)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hundreds_of_members_match_the_staged_milp_on_both_solvers(seed):
    rng = random.Random(seed)
    rankings, capacity, _ = instance(rng, 300, 70, 4, places=(0, 1, 3, 5, 8), full=0.9)
    locks = random_locks(rng, rankings, capacity)
    best = milp_key(rankings, capacity, None, locks)
    for method in ("sparse", "exact"):
        pairing = pair(rankings, capacity, locked=locks, method=method)
        check_feasible(rankings, capacity, pairing, locks)
        assert key_of(rankings, pairing) == best


def test_mentor_rankings_on_hundreds_of_members_match_the_staged_milp():
    rng = random.Random(5)
    rankings, capacity, _ = instance(rng, 200, 40, 3, places=(1, 2, 4), full=0.9)
    mentors = {p for ranked in rankings.values() for p in ranked}
    wanted_by = {p: sorted(m for m, ranked in rankings.items() if p in ranked) for p in mentors}
    mentor_rankings = {p: rng.sample(ms, min(6, len(ms))) for p, ms in wanted_by.items()}
    best = milp_key(rankings, capacity, mentor_rankings)
    for method in ("auto", "exact"):
        pairing = pair(rankings, capacity, mentor_rankings, method=method)
        assert key_of(rankings, pairing, mentor_rankings) == best


def test_long_rankings_go_past_float64_and_the_exact_solver_stays_optimal():
    # 14 choices for 150 members weigh up to about 150**13: far past 2**53.
    rng = random.Random(3)
    rankings, capacity, _ = instance(rng, 150, 25, 14, places=(2, 3, 6, 9), full=0.9)
    problem = _problem(rankings, capacity, None, None)
    costs, _ = _encode(problem)
    assert not b_matching.fits_float64(costs)
    assert max(cost for row in costs for _, cost in row) > 2**53
    with pytest.raises(ValueError, match="too large for exact float64"):
        pair(rankings, capacity, method="sparse")
    pairing = pair(rankings, capacity)
    check_feasible(rankings, capacity, pairing)
    assert pairing == pair(rankings, capacity, method="exact")
    assert key_of(rankings, pairing) == milp_key(rankings, capacity)


def test_just_inside_the_float64_bound_the_sparse_solver_is_still_exact():
    rng = random.Random(9)
    closest = 0  # the largest rows * (U + 1) that still fits
    for n_members in (12, 20, 30, 45, 60, 90):
        for longest in range(3, 14):
            rankings, capacity, _ = instance(rng, n_members, 14, longest, (1, 3, 6), full=0.9)
            costs, _ = _encode(_problem(rankings, capacity, None, None))
            if b_matching.fits_float64(costs):
                rows = sum(1 for row in costs if row)
                closest = max(closest, rows * (b_matching.unmatched_cost(costs) + 1))
                sparse = pair(rankings, capacity, method="sparse")
                exact = pair(rankings, capacity, method="exact")
                assert key_of(rankings, sparse) == key_of(rankings, exact)
    assert 2**50 < closest < 2**53


def test_the_float64_bound_is_checked_at_the_edge():
    # Two rows: the bound is max(3, rows) * (U + 1) < 2**53, U = 1 + each row's dearest edge.
    edge = 2**53 // 3 - 2
    assert b_matching.fits_float64([[(0, edge)], [(0, 0)]])
    assert not b_matching.fits_float64([[(0, edge + 1)], [(0, 0)]])


# --- properties ----------------------------------------------------------------------------


@st.composite
def instances(draw):
    as_text = draw(st.booleans())
    names = [f"id-{k}" if as_text else k for k in range(12)]
    mentors = names[: draw(st.integers(1, 5))]
    members = names[: draw(st.integers(0, 7))]
    rankings = {}
    for member in members:
        order = draw(st.permutations(mentors))
        rankings[member] = order[: draw(st.integers(0, len(mentors)))]
    places = st.integers(0, 2)
    capacity = draw(places | st.fixed_dictionaries({p: places for p in mentors}))
    firsts = st.permutations(members).map(lambda order: order[:2])
    mentor_rankings = draw(st.none() | st.fixed_dictionaries({p: firsts for p in mentors}))
    locks, load = {}, Counter()
    for member in draw(st.lists(st.sampled_from(members), unique=True)) if members else []:
        if rankings[member]:
            mentor = draw(st.sampled_from(rankings[member]))
            if load[mentor] < places_of(capacity, mentor):
                locks[member] = mentor
                load[mentor] += 1
    return rankings, capacity, mentor_rankings, locks


@settings(max_examples=200, deadline=None)
@given(instances())
def test_properties(case):
    rankings, capacity, mentor_rankings, locks = case
    pairing = pair(rankings, capacity, mentor_rankings, locked=locks)
    check_feasible(rankings, capacity, pairing, locks)
    assert pair(rankings, capacity, mentor_rankings, locked=locks) == pairing
    exact = pair(rankings, capacity, mentor_rankings, locked=locks, method="exact")
    assert key_of(rankings, exact, mentor_rankings) == key_of(rankings, pairing, mentor_rankings)
    profile = rank_profile(rankings, pairing)
    assert profile.paired + profile.unpaired == len(rankings)
    reasons = unpaired_reasons(rankings, pairing, capacity)
    assert set(reasons) == {m for m, p in pairing.items() if p is None}
    assert Reason.PLACES_LEFT not in {r.reason for r in reasons.values()}


# --- one more place ------------------------------------------------------------------------


def with_one_more(capacity, mentors, mentor):
    places = {p: places_of(capacity, p) for p in mentors}
    places[mentor] += 1
    return places


def check_one_more_place(rankings, capacity, mentor_rankings, locks):
    now = rank_profile(rankings, pair(rankings, capacity, mentor_rankings, locked=locks))
    gains = one_more_place(rankings, capacity, mentor_rankings, locked=locks)
    assert [g.profile.key() for g in gains.values()] == sorted(
        g.profile.key() for g in gains.values()
    )
    for mentor, gain in gains.items():
        more = with_one_more(capacity, gains, mentor)
        again = rank_profile(
            rankings, pair(rankings, more, mentor_rankings, locked=locks, method="exact")
        )
        assert gain == PlaceGain(now.unpaired - again.unpaired, again), mentor


def test_one_more_place_matches_rerunning_pair_on_small_cases():
    rng = random.Random(23)
    for _ in range(80):
        rankings, capacity, mentor_rankings = instance(
            rng, rng.randint(1, 9), rng.randint(1, 5), 4, mentor_lists=rng.random() < 0.4
        )
        locks = random_locks(rng, rankings, capacity) if rng.random() < 0.4 else None
        check_one_more_place(rankings, capacity, mentor_rankings, locks)


def test_one_more_place_on_a_scarce_cohort_names_who_pairs_one_more():
    rng = random.Random(4)
    rankings, capacity, _ = instance(rng, 120, 25, 3, places=(0, 1, 2, 3), full=0.9)
    check_one_more_place(rankings, capacity, None, None)
    gains = one_more_place(rankings, capacity)
    assert any(g.more_paired == 1 for g in gains.values())
    assert set(g.more_paired for g in gains.values()) <= {0, 1}


def test_one_more_place_for_the_only_wanted_peer_mentor():
    gains = one_more_place({"a": ["X"], "b": ["X"], "c": ["Y", "X"]})
    assert gains == {
        "X": PlaceGain(1, RankProfile((3, 0), 0)),
        "Y": PlaceGain(0, RankProfile((2, 0), 1)),
    }


# --- why someone is unpaired ---------------------------------------------------------------


def test_reason_codes():
    rankings = {"a": [], "b": ["X", "Y"], "c": ["Z"], "d": ["X"], "e": ["Y"], "f": ["Y", "Z"]}
    capacity = {"X": 1, "Y": 1, "Z": 0}
    pairing = pair(rankings, capacity)
    reasons = unpaired_reasons(rankings, pairing, capacity)
    assert reasons.pop("a") == Unpaired(Reason.RANKED_NOBODY, ())
    assert reasons.pop("c") == Unpaired(Reason.NO_PLACES, ("Z",))
    # X and Y are full; two of b, d, e, f are left, each having ranked only full peer mentors.
    assert len(reasons) == 2
    for member, why in reasons.items():
        assert why == Unpaired(Reason.ALL_FULL, tuple(rankings[member]))
    by_hand = {"a": None, "b": None, "c": None, "d": None, "e": "Y", "f": None}
    assert unpaired_reasons(rankings, by_hand, capacity)["b"] == Unpaired(
        Reason.PLACES_LEFT, ("X",)
    )
    assert unpaired_reasons(rankings, by_hand, capacity)["f"] == Unpaired(
        Reason.ALL_FULL, ("Y", "Z")
    )


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rankings": {"a": ["X", "Y", "X"]}}, "member 'a' ranks 'X' twice"),
        ({"rankings": {"a": "XY"}}, "not a string"),
        ({"rankings": {"a": ["X"]}, "capacity": -1}, "capacity of 'X' is -1"),
        ({"rankings": {"a": ["X"]}, "capacity": {"X": -2}}, "capacity of 'X' is -2"),
        ({"rankings": {"a": ["X"]}, "capacity": 1.5}, "must be an int >= 0"),
        ({"rankings": {"a": ["X", "Y"]}, "capacity": {"X": 1}}, "'Y', ranked by 'a', is not in"),
        ({"rankings": {"a": ["X"]}, "locked": {"a": "Y"}}, "whom they did not rank"),
        ({"rankings": {"a": ["X"]}, "locked": {"z": "X"}}, "'z' is locked but is not a member"),
        ({"rankings": {"a": ["X"], "b": ["X"]}, "locked": {"a": "X", "b": "X"}}, "2 members"),
        ({"rankings": {"a": ["X"]}, "capacity": {"X": 0}, "locked": {"a": "X"}}, "who has 0"),
        ({"rankings": {"a": ["X"]}, "mentor_rankings": {"X": ["a", "a"]}}, "'X' ranks 'a' twice"),
        ({"rankings": {"a": ["X"]}, "mentor_rankings": {"X": ["q"]}}, "'q', who is not a member"),
        ({"rankings": {"a": ["X"]}, "method": "fast"}, "unknown method 'fast'"),
    ],
)
def test_bad_input_raises_a_clear_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        pair(**kwargs)


def test_a_profile_of_an_unranked_pair_is_refused():
    with pytest.raises(ValueError, match="whom they did not rank"):
        rank_profile({"a": ["X"]}, {"a": "Y"})
    with pytest.raises(ValueError, match="not a member"):
        unpaired_reasons({"a": ["X"]}, {"b": "X"})
