"""The pure timetable: each round's start and end, sessions, breaks, and midnight."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vms.peer.events.timetable import (
    SessionPlan,
    empty_sessions,
    overlapping_sessions,
    sessions_past_midnight,
    timetable,
)

SIX_PM = datetime(2027, 3, 2, 18, tzinfo=UTC)


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def test_rounds_follow_each_other_with_a_change_between():
    table = timetable([SessionPlan(SIX_PM)], 15, 2, 3)
    assert [(r.round, r.session) for r in table.rounds] == [(1, 1), (2, 1), (3, 1)]
    assert [r.starts_at - SIX_PM for r in table.rounds] == [minutes(0), minutes(17), minutes(34)]
    assert table.rounds[-1].ends_at == SIX_PM + minutes(49)
    assert table.sessions[0].ends_at == SIX_PM + minutes(49) and table.minutes == 49


def test_a_break_after_every_k_rounds_but_not_after_the_last():
    table = timetable([SessionPlan(SIX_PM, break_every=2, break_minutes=10)], 10, 0, 4)
    starts = [r.starts_at - SIX_PM for r in table.rounds]
    assert starts == [minutes(0), minutes(10), minutes(30), minutes(40)]
    assert table.sessions[0].ends_at == SIX_PM + minutes(50)


def test_two_sessions_share_the_rounds():
    next_day = SIX_PM + timedelta(days=1)
    table = timetable([SessionPlan(SIX_PM, rounds=2), SessionPlan(next_day)], 15, 5, 5)
    assert table.sessions[0].rounds == (1, 2) and table.sessions[1].rounds == (3, 4, 5)
    assert table.round(3).starts_at == next_day and table.round(3).session == 2
    assert table.minutes == 35 + 55
    assert not empty_sessions(table) and not overlapping_sessions(table)


def test_a_first_session_holding_everything_leaves_the_second_empty():
    table = timetable([SessionPlan(SIX_PM, rounds=9), SessionPlan(SIX_PM + timedelta(days=1))],
                      15, 2, 4)  # fmt: skip
    assert [s.session for s in empty_sessions(table)] == [2]
    assert table.sessions[1].ends_at == table.sessions[1].starts_at


def test_a_second_session_before_the_first_ends_overlaps():
    table = timetable([SessionPlan(SIX_PM, rounds=3), SessionPlan(SIX_PM + minutes(30))], 15, 2, 5)
    assert [s.session for s in overlapping_sessions(table)] == [2]


def test_past_midnight_on_the_events_clocks():
    # 18:00 UTC is 19:00 in Paris; 6 hours of rounds end at 1:00 there, at midnight in UTC.
    table = timetable([SessionPlan(SIX_PM)], 60, 0, 6)
    assert table.sessions[0].ends_at == datetime(2027, 3, 3, 0, tzinfo=UTC)
    assert not sessions_past_midnight(table, "UTC")
    assert [s.session for s in sessions_past_midnight(table, "Europe/Paris")] == [1]
    # Ending at midnight sharp is still the same evening; a minute more is not.
    late = timetable([SessionPlan(SIX_PM)], 61, 0, 6)
    assert [s.session for s in sessions_past_midnight(late, "UTC")] == [1]


def test_no_rounds_gives_an_empty_session():
    table = timetable([SessionPlan(SIX_PM)], 15, 2, 0)
    assert table.rounds == () and table.minutes == 0


@pytest.mark.parametrize(
    ("sessions", "conversation", "change", "rounds"),
    [
        ([], 15, 2, 3),
        ([SessionPlan(SIX_PM), SessionPlan(SIX_PM)], 15, 2, 3),
        ([SessionPlan(SIX_PM)], 0, 2, 3),
        ([SessionPlan(SIX_PM)], 15, -1, 3),
        ([SessionPlan(datetime(2027, 3, 2, 18))], 15, 2, 3),
        ([SessionPlan(SIX_PM, break_every=-1)], 15, 2, 3),
    ],
)
def test_bad_input_raises(sessions, conversation, change, rounds):
    with pytest.raises(ValueError):
        timetable(sessions, conversation, change, rounds)


@st.composite
def plans(draw):
    count = draw(st.integers(1, 3))
    sessions, start = [], SIX_PM
    for position in range(count):
        last = position == count - 1
        sessions.append(SessionPlan(
            start, None if last else draw(st.integers(1, 8)),
            draw(st.integers(0, 4)), draw(st.integers(0, 30))))  # fmt: skip
        start += timedelta(days=1)
    return sessions, draw(st.integers(5, 60)), draw(st.integers(0, 10)), draw(st.integers(0, 30))


@given(plans())
def test_rounds_are_contiguous_never_overlap_and_breaks_are_where_said(case):
    sessions, conversation, change, rounds = case
    table = timetable(sessions, conversation, change, rounds)
    assert [r.round for r in table.rounds] == list(range(1, rounds + 1))
    for plan, span in zip(sessions, table.sessions, strict=True):
        held = [table.round(n) for n in span.rounds]
        assert all(r.session == span.session for r in held)
        if held:
            assert held[0].starts_at == plan.starts_at and span.ends_at == held[-1].ends_at
        for index, (before, after) in enumerate(zip(held, held[1:], strict=False), start=1):
            assert before.ends_at - before.starts_at == minutes(conversation)
            gap = change + (plan.break_minutes if plan.break_every
                            and index % plan.break_every == 0 else 0)  # fmt: skip
            assert after.starts_at - before.ends_at == minutes(gap)
    for earlier, later in zip(table.rounds, table.rounds[1:], strict=False):
        assert later.starts_at >= earlier.ends_at
    assert sum(len(s.rounds) for s in table.sessions) == rounds
