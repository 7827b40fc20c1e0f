"""What the dashboard's filter selects: a date range (days in the program's zone, both
included) and a cohort. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: With no dates chosen, the monthly trends show this many months up to today.
TREND_MONTHS = 12


@dataclass(frozen=True)
class Scope:
    #: The first instant of the range's first day, in UTC; None: from the beginning.
    starts_at: datetime | None = None
    #: The first instant after the range's last day; None: up to now.
    ends_before: datetime | None = None
    cohort_id: int | None = None

    def holds(self, moment: datetime | None) -> bool:
        if moment is None:
            return False
        return (self.starts_at is None or moment >= self.starts_at) and (
            self.ends_before is None or moment < self.ends_before)  # fmt: skip


def scope_of(starts_on: date | None, ends_on: date | None, cohort_id: int | None,
             timezone: str) -> Scope:  # fmt: skip
    zone = ZoneInfo(timezone)

    def instant(day: date) -> datetime:
        return datetime.combine(day, time(0), zone).astimezone(ZoneInfo("UTC"))

    return Scope(instant(starts_on) if starts_on else None,
                 instant(ends_on + timedelta(days=1)) if ends_on else None, cohort_id)  # fmt: skip


def trend_span(scope: Scope, now: datetime) -> tuple[date, date]:
    """The first and last day of the monthly trends."""
    last = (scope.ends_before - timedelta(days=1)).date() if scope.ends_before else now.date()
    if scope.starts_at is not None:
        return scope.starts_at.date(), max(last, scope.starts_at.date())
    year, month = last.year, last.month - (TREND_MONTHS - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1), last
