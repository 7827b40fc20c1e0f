"""When each round of a speed-dating event begins and ends (pure: no Flask, no database).

Rounds are numbered 1, 2, … across the whole event; each session (an evening) holds the next
``rounds`` of them, the last session (``rounds`` None) the rest. Inside a session a round lasts
``conversation_minutes``; people then take ``change_minutes`` to change tables, and after every
``break_every`` rounds of the session (0: never) a break adds ``break_minutes`` to that change.
No break or change follows a session's last round: the session ends when its last
conversation does. Times are UTC-aware datetimes in and out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class SessionPlan:
    """One sitting as planned: when it starts and how many rounds it holds."""

    starts_at: datetime
    #: None on the last session: the rounds left.
    rounds: int | None = None
    break_every: int = 0
    break_minutes: int = 0


@dataclass(frozen=True)
class RoundTime:
    round: int
    #: The session's position, 1, 2, …
    session: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class SessionTime:
    session: int
    starts_at: datetime
    #: The end of its last conversation (its start when it holds no round).
    ends_at: datetime
    #: The numbers of the rounds it holds, in order.
    rounds: tuple[int, ...]


@dataclass(frozen=True)
class Timetable:
    rounds: tuple[RoundTime, ...]
    sessions: tuple[SessionTime, ...]

    @property
    def minutes(self) -> int:
        """The time spent in sessions, breaks included (not the time between two sessions)."""
        spent = sum((s.ends_at - s.starts_at for s in self.sessions), timedelta())
        return int(spent.total_seconds() // 60)

    def round(self, number: int) -> RoundTime:
        return self.rounds[number - 1]


def timetable(
    sessions: Sequence[SessionPlan], conversation_minutes: int, change_minutes: int, rounds: int
) -> Timetable:
    """Each round's start and end and each session's end. Raises ValueError when a session
    before the last has no number of rounds, or on a negative or zero length."""
    _check(sessions, conversation_minutes, change_minutes, rounds)
    times: list[RoundTime] = []
    spans: list[SessionTime] = []
    left = rounds
    for position, plan in enumerate(sessions, start=1):
        count = left if position == len(sessions) else min(plan.rounds or 0, left)
        held = _session_rounds(plan, position, rounds - left, count,
                               conversation_minutes, change_minutes)  # fmt: skip
        times.extend(held)
        ends_at = held[-1].ends_at if held else plan.starts_at
        spans.append(SessionTime(position, plan.starts_at, ends_at, tuple(r.round for r in held)))
        left -= count
    return Timetable(tuple(times), tuple(spans))


def _session_rounds(
    plan: SessionPlan, position: int, before: int, count: int, conversation: int, change: int
) -> list[RoundTime]:
    held: list[RoundTime] = []
    start = plan.starts_at
    for index in range(1, count + 1):
        end = start + timedelta(minutes=conversation)
        held.append(RoundTime(before + index, position, start, end))
        gap = change
        if plan.break_every and index % plan.break_every == 0:
            gap += plan.break_minutes
        start = end + timedelta(minutes=gap)
    return held


def _check(
    sessions: Sequence[SessionPlan], conversation_minutes: int, change_minutes: int, rounds: int
) -> None:
    if not sessions:
        raise ValueError("an event needs at least one session")
    if conversation_minutes < 1 or change_minutes < 0 or rounds < 0:
        raise ValueError("conversations last a minute or more; changes and rounds are not < 0")
    for plan in sessions[:-1]:
        if plan.rounds is None or plan.rounds < 1:
            raise ValueError("every session but the last says how many rounds it holds")
    for plan in sessions:
        if plan.starts_at.tzinfo is None:
            raise ValueError("session times must be timezone-aware")
        if plan.break_every < 0 or plan.break_minutes < 0:
            raise ValueError("breaks are not negative")


def sessions_past_midnight(table: Timetable, timezone: str) -> tuple[SessionTime, ...]:
    """The sessions that end on a later day than they start, on the clocks of ``timezone``
    (ending at midnight sharp is still the same evening)."""
    zone = ZoneInfo(timezone)
    late = []
    for span in table.sessions:
        start, end = span.starts_at.astimezone(zone), span.ends_at.astimezone(zone)
        last_minute = end - timedelta(microseconds=1) if end > start else end
        if last_minute.date() > start.date():
            late.append(span)
    return tuple(late)


def overlapping_sessions(table: Timetable) -> tuple[SessionTime, ...]:
    """The sessions that start before the one before them has ended."""
    spans = table.sessions
    return tuple(
        later
        for earlier, later in zip(spans, spans[1:], strict=False)
        if later.starts_at < earlier.ends_at
    )


def empty_sessions(table: Timetable) -> tuple[SessionTime, ...]:
    """The sessions left with no round (the sessions before them hold every round)."""
    return tuple(span for span in table.sessions if not span.rounds)
