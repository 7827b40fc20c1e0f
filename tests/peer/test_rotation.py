"""The speed-dating rotation, without an app: every pair meets once, in the fewest rounds.

The fewest rounds are computed here from the issue's formula, independently of the module, and
an exhaustive search on tiny events shows that no schedule has one round fewer.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vms.peer.rotation import (
    BUSIEST_MENTOR,
    BUSIEST_POD,
    MENTOR_MEETS_EVERY_POD,
    NO_MEETINGS,
    POD_MEETS_EVERY_MENTOR,
    TABLES,
    FewestRounds,
    build_rotation,
    fewest_rounds,
    form_pods,
    pairs_met,
)

ROOT = Path(__file__).resolve().parents[2]


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def pods_of(members: list, g: int) -> list[tuple]:
    """The issue's pods, cut here without the module: ⌈m/g⌉ runs of consecutive members whose
    sizes differ by at most one, larger first."""
    if not members:
        return []
    count = ceil_div(len(members), g)
    pods, rest = [], list(members)
    for left in range(count, 0, -1):
        size = ceil_div(len(rest), left)
        pods.append(tuple(rest[:size]))
        rest = rest[size:]
    return pods


def meetings_to_hold(members, mentors, g, skip) -> dict[tuple[int, int], tuple]:
    """(pod index, mentor index) -> the pod's members who still need that mentor."""
    out = {}
    for p, pod in enumerate(pods_of(members, g)):
        for j, mentor in enumerate(mentors):
            needing = tuple(x for x in pod if (x, mentor) not in skip)
            if needing:
                out[p, j] = needing
    return out


def lower_bound(members, mentors, tables, g, skip=frozenset()) -> int:
    """max(the most meetings any pod or mentor has, ⌈meetings / usable tables⌉); without skip
    also the issue's max(n, p, ⌈n·p / min(T, n)⌉, ⌈m·n / min(m, T·g)⌉)."""
    edges = meetings_to_hold(members, mentors, g, skip)
    if not edges:
        return 0
    m, n = len(members), len(mentors)
    t = n if tables is None else tables
    loads = [sum(1 for e in edges if e[0] == p) for p in range(ceil_div(m, g))]
    loads += [sum(1 for e in edges if e[1] == j) for j in range(n)]
    bound = max(max(loads), ceil_div(len(edges), min(t, n)))
    if not skip:
        p = ceil_div(m, g)
        issue = max(n, p, ceil_div(n * p, min(t, n)), ceil_div(m * n, min(m, t * g)))
        assert bound == issue
    return bound


def check_schedule(rounds, members, mentors, tables=None, g=1, skip=frozenset()) -> None:
    """Everything the issue promises of a schedule, the number of rounds included."""
    t = len(mentors) if tables is None else tables
    to_hold = meetings_to_hold(members, mentors, g, skip)
    pod_of = {x: p for p, pod in enumerate(pods_of(members, g)) for x in pod}
    held: list[tuple[int, int]] = []
    for round_ in rounds:
        tables_used = [meeting.table for meeting in round_]
        assert tables_used == sorted(set(tables_used)), "tables repeat or are out of order"
        assert all(1 <= table <= t for table in tables_used)
        assert len({meeting.mentor for meeting in round_}) == len(round_), "a mentor twice"
        seated = [x for meeting in round_ for x in meeting.members]
        assert len(set(seated)) == len(seated), "a member in two places"
        for table, mentor, seated_here in round_:
            key = (pod_of[seated_here[0]], mentors.index(mentor))
            assert to_hold.get(key) == seated_here  # the pod's members who need this mentor
            held.append(key)
            if t >= len(mentors):
                assert table == mentors.index(mentor) + 1, "the mentor left their table"
    assert sorted(held) == sorted(to_hold), "a meeting missing, repeated or not needed"
    assert len(rounds) == lower_bound(members, mentors, tables, g, skip)
    sizes = [len(round_) for round_ in rounds]
    assert not sizes or max(sizes) - min(sizes) <= 1
    for before, after in zip(rounds, rounds[1:], strict=False):
        at = {meeting.mentor: meeting.table for meeting in before}
        assert all(at.get(mentor, table) == table for table, mentor, _ in after), "moved"


@st.composite
def events(draw):
    strings = draw(st.booleans())
    m, n = draw(st.integers(0, 40)), draw(st.integers(0, 15))
    members = [f"member {i}" if strings else i for i in range(m)]
    mentors = [f"mentor {j}" if strings else 100 + j for j in range(n)]
    draw(st.randoms(use_true_random=False)).shuffle(members)
    tables = draw(st.none() | st.integers(1, 20))
    g = draw(st.integers(1, max(1, min(4, m))))
    rate = draw(st.sampled_from([0.0, 0.0, 0.05, 0.3, 0.7, 0.95, 1.0]))
    rng = draw(st.randoms(use_true_random=False))
    skip = frozenset((x, y) for x in members for y in mentors if rng.random() < rate)
    return members, mentors, tables, g, skip


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_every_needed_pair_meets_once_in_the_fewest_even_rounds(event):
    members, mentors, tables, g, skip = event
    rounds = build_rotation(members, mentors, tables, g, skip)
    check_schedule(rounds, members, mentors, tables, g, skip)
    assert fewest_rounds(members, mentors, tables, g, skip).rounds == len(rounds)
    assert build_rotation(list(members), list(mentors), tables, g, set(skip)) == rounds


def test_the_same_input_gives_the_same_rounds_whatever_the_hash_seed():
    """String hashes change between processes: sets of ids must not order the output."""
    script = (
        "import json, random; from vms.peer.rotation import build_rotation\n"
        "rng = random.Random(7)\n"
        "ms, ps = [f'm{i}' for i in range(30)], [f'p{j}' for j in range(9)]\n"
        "skip = {(x, y) for x in ms for y in ps if rng.random() < 0.2}\n"
        "print(json.dumps(build_rotation(ms, ps, 5, 2, skip)))"
    )  # fmt: skip
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        outputs.add(done.stdout)
    assert len(outputs) == 1 and json.loads(outputs.pop())


def test_thirteen_pods_take_thirteen_rounds_each_mentor_at_one_table():
    members, mentors = [f"m{i}" for i in range(39)], ["Ana", "Bo", "Cy", "Di", "Ed"]
    rounds = build_rotation(members, mentors, group_size=3)
    check_schedule(rounds, members, mentors, g=3)
    assert len(rounds) == 13 and all(len(round_) == 5 for round_ in rounds)
    assert fewest_rounds(members, mentors, group_size=3) == FewestRounds(
        13, MENTOR_MEETS_EVERY_POD, meetings=13, tables=5
    )
    assert {m.table for r in rounds for m in r if m.mentor == "Cy"} == {3}


def test_forty_members_meet_twelve_mentors_one_to_one_in_forty_rounds():
    members, mentors = list(range(40)), list(range(100, 112))
    rounds = build_rotation(members, mentors)
    check_schedule(rounds, members, mentors)
    assert len(rounds) == 40 and {len(r) for r in rounds} == {12}


def test_more_mentors_than_pods_every_pod_meets_every_mentor():
    bound = fewest_rounds(["a", "b", "c", "d"], list(range(6)))
    assert bound == FewestRounds(6, POD_MEETS_EVERY_MENTOR, meetings=6, tables=6)
    rounds = build_rotation(["a", "b", "c", "d"], list(range(6)))
    assert [len(r) for r in rounds] == [4] * 6


def test_few_tables_bind_and_rounds_are_even():
    members, mentors = list(range(20)), list(range(100, 110))
    bound = fewest_rounds(members, mentors, tables=4)
    assert bound == FewestRounds(50, TABLES, meetings=200, tables=4)
    rounds = build_rotation(members, mentors, tables=4)
    check_schedule(rounds, members, mentors, tables=4)
    assert {len(r) for r in rounds} == {4}
    seven = build_rotation(members, mentors, tables=7)  # 200 meetings in 29 rounds: 26×7, 3×6
    assert sorted(len(r) for r in seven) == [6] * 3 + [7] * 26


def test_pods_are_as_even_as_possible_and_keep_the_given_order():
    assert form_pods(list(range(10)), 3) == [(0, 1, 2), (3, 4, 5), (6, 7), (8, 9)]
    assert form_pods(list("abcdefg"), 7) == [tuple("abcdefg")]
    assert form_pods([], 1) == []


def test_a_pod_meets_a_mentor_when_one_of_its_members_still_needs_them():
    members, mentors = ["a", "b", "c", "d"], ["X", "Y"]
    skip = {("a", "X"), ("b", "X"), ("c", "Y")}
    rounds = build_rotation(members, mentors, group_size=2, skip=skip)
    check_schedule(rounds, members, mentors, g=2, skip=frozenset(skip))
    meetings = sorted((m.mentor, m.members) for r in rounds for m in r)
    assert meetings == [("X", ("c", "d")), ("Y", ("a", "b")), ("Y", ("d",))]


def test_skip_names_the_busiest_person_who_sets_the_rounds():
    members, mentors = ["a", "b", "c"], ["X", "Y", "Z"]
    skip = {("a", "X"), ("b", "X"), ("a", "Y"), ("b", "Z")}
    assert fewest_rounds(members, mentors, skip=skip) == FewestRounds(
        3, BUSIEST_POD, meetings=3, tables=3, who=("c",)
    )
    assert fewest_rounds(members, ["X", "Y"], skip={("a", "X")}) == FewestRounds(
        3, BUSIEST_MENTOR, meetings=3, tables=2, who="Y"
    )
    all_pairs = {(x, y) for x in members for y in mentors}
    assert build_rotation(members, mentors, skip=all_pairs) == []
    assert fewest_rounds(members, mentors, skip=all_pairs).reason == NO_MEETINGS


def test_replanning_keeps_the_rounds_held_pods_and_tables():
    members, mentors = [f"m{i}" for i in range(12)], ["P", "Q", "R", "S"]
    held = build_rotation(members, mentors, group_size=2)[:2]
    # One who met someone leaves; m12 and peer mentor T arrive: lists stay, newcomers last.
    leaver = held[0][0].members[0]
    now_members, now_mentors = members + ["m12"], mentors + ["T"]
    skip = pairs_met(held, now_members, now_mentors) | {(leaver, y) for y in now_mentors}
    rest = build_rotation(now_members, now_mentors, group_size=2, skip=skip)
    check_schedule(rest, now_members, now_mentors, g=2, skip=frozenset(skip))
    assert pods_of(now_members, 2)[:6] == pods_of(members, 2)  # nobody changed pod
    left_met = {pair for pair in pairs_met(held, members, mentors) if pair[0] == leaver}
    everyone = {(x, y) for x in now_members if x != leaver for y in now_mentors}
    assert pairs_met(held + rest, now_members, now_mentors) == everyone | left_met
    tables = {(m.mentor, m.table) for r in held + rest for m in r}
    assert tables == {("P", 1), ("Q", 2), ("R", 3), ("S", 4), ("T", 5)}


def test_an_empty_side_gives_no_rounds():
    assert build_rotation([], ["X"]) == []
    assert build_rotation(["a"], []) == []
    assert build_rotation([], []) == []
    assert fewest_rounds([], ["X"]).reason == NO_MEETINGS


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tables": 0}, "tables must be a whole number of at least 1, not 0"),
        ({"tables": -2}, "tables must be"),
        ({"tables": 2.5}, "tables must be"),
        ({"group_size": 0}, "group_size must be a whole number of at least 1"),
        ({"group_size": 4}, r"group_size 4 is larger than the number of members \(3\)"),
        ({"members": ["a", "b", "a"]}, "each member must be listed once: 'a' is listed twice"),
        ({"mentors": ["X", "X"]}, "each peer mentor must be listed once: 'X'"),
        ({"skip": [("z", "X")]}, r"skip pair \('z', 'X'\) names 'z', who is not a member"),
        ({"skip": [("a", "W")]}, "names 'W', who is not a peer mentor"),
        ({"skip": ["aX"]}, r"skip holds \(member, peer mentor\) pairs, not 'aX'"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(kwargs, message):
    arguments = {"members": ["a", "b", "c"], "mentors": ["X", "Y"], **kwargs}
    with pytest.raises(ValueError, match=message):
        build_rotation(**arguments)
    with pytest.raises(ValueError, match=message):
        fewest_rounds(**arguments)


def schedulable(edges: frozenset, rounds: int, tables: int) -> bool:
    """Exhaustive search: can these (pod, mentor) meetings be held in `rounds` rounds of at
    most `tables` meetings each, with nobody twice in a round?"""

    @cache
    def fits(left: frozenset, rounds: int) -> bool:
        if not left:
            return True
        if rounds == 0:
            return False
        first = min(left)  # some round holds it: make it the next one
        others = sorted(e for e in left - {first} if e[0] != first[0] and e[1] != first[1])
        for size in range(min(tables, len(others) + 1)):
            for extra in combinations(others, size):
                pods, mentors = [e[0] for e in extra], [e[1] for e in extra]
                apart = len(set(pods)) == size and len(set(mentors)) == size
                if apart and fits(left - {first, *extra}, rounds - 1):
                    return True
        return False

    return fits(edges, rounds)


def tiny_events():
    rng = random.Random(11)
    for m in range(1, 5):
        for n in range(1, 5):
            for tables in (None, 1, 2, 3):
                for g in range(1, m + 1):
                    yield m, n, tables, g, frozenset()
                for _ in range(2):
                    pairs = [(x, y) for x in range(m) for y in range(n)]
                    yield m, n, tables, 1, frozenset(p for p in pairs if rng.random() < 0.3)


def test_on_tiny_events_no_schedule_has_one_round_fewer():
    for m, n, tables, g, skip in tiny_events():
        members, mentors = list(range(m)), list(range(n))
        bound = lower_bound(members, mentors, tables, g, skip)
        edges = frozenset(meetings_to_hold(members, mentors, g, skip))
        t = n if tables is None else tables
        assert bound == 0 or not schedulable(edges, bound - 1, t), (m, n, tables, g, skip)
        assert schedulable(edges, bound, t)
        assert len(build_rotation(members, mentors, tables, g, skip)) == bound
