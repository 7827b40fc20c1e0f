"""Monthly meeting series ("the first Tuesday of the month at 18:00"). Pure: no Flask or database.

A series is kept in local time, because that is what people agreed to: 18:00 in
New York is 23:00 UTC in winter and 22:00 UTC in summer. Each occurrence becomes
its own row (its own UID, RSVPs, room); `occurrences` computes their UTC times,
and `series_calendar` writes the same rule as an RRULE with its VTIMEZONE, so a
calendar program expands it to the same instants (tests check both agree across
daylight-saving changes with a second library, recurring-ical-events).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from vms.scheduling.calendars.ics import PRODID

_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass(frozen=True)
class MonthlyRule:
    #: 1–4 for the first to the fourth, -1 for the last such weekday of the month.
    ordinal: int
    #: ISO weekday: 1 = Monday … 7 = Sunday.
    weekday: int
    start: time
    duration_minutes: int
    #: IANA name; the local time holds across daylight-saving changes.
    timezone: str

    def __post_init__(self) -> None:
        if self.ordinal not in (1, 2, 3, 4, -1):
            raise ValueError("ordinal must be 1–4 or -1 (last)")
        if not 1 <= self.weekday <= 7:
            raise ValueError("weekday must be an ISO weekday, 1–7")
        if self.duration_minutes <= 0:
            raise ValueError("a meeting lasts at least a minute")
        ZoneInfo(self.timezone)  # raises on an unknown name

    @property
    def rrule(self) -> dict:
        return {"FREQ": "MONTHLY", "BYDAY": f"{self.ordinal}{_BYDAY[self.weekday - 1]}"}


def day_in_month(rule: MonthlyRule, year: int, month: int) -> date:
    """The rule's day in that month (the 4th of a weekday always exists; -1 is the last)."""
    days = [
        day
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, day).isoweekday() == rule.weekday
    ]
    return date(year, month, days[rule.ordinal - 1 if rule.ordinal > 0 else -1])


def local_start(rule: MonthlyRule, day: date) -> datetime:
    """The local start, aware. A time inside a spring-forward gap moves an hour later,
    as calendar programs do."""
    naive = datetime.combine(day, rule.start)
    zone = ZoneInfo(rule.timezone)
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(UTC).astimezone(zone)
    return round_trip if round_trip.replace(tzinfo=None) != naive else aware


def occurrences(rule: MonthlyRule, first: date, months: int) -> list[tuple[datetime, datetime]]:
    """(start, end) in UTC for ``months`` months from the month of ``first``, on or after it."""
    found = []
    for day in _days(rule, first, months):
        start = local_start(rule, day)
        end = start + timedelta(minutes=rule.duration_minutes)
        found.append((start.astimezone(UTC), end.astimezone(UTC)))
    return found


def series_calendar(
    rule: MonthlyRule, uid: str, first: date, count: int, summary: str, location: str,
    now: datetime,
) -> bytes:  # fmt: skip
    """The whole series as one recurring event (METHOD:PUBLISH), with its VTIMEZONE."""
    start_day = next(_days(rule, first, 2))
    start = datetime.combine(start_day, rule.start, tzinfo=ZoneInfo(rule.timezone))
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=rule.duration_minutes))
    event.add("rrule", {**rule.rrule, "COUNT": count})
    event.add("summary", summary)
    if location:
        event.add("location", location)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add_component(Timezone.from_tzid(rule.timezone))
    cal.add_component(event)
    return cal.to_ical()


def _days(rule: MonthlyRule, first: date, months: int) -> Iterator[date]:
    """The rule's days on or after ``first``, in the ``months`` months starting with its month."""
    year, month = first.year, first.month
    for _ in range(months):
        day = day_in_month(rule, year, month)
        if day >= first:
            yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
