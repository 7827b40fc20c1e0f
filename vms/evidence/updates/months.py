"""Calendar months in a program's timezone (pure): an update belongs to the month its
program's clocks show, and stays editable until that month ends there."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_of(moment: datetime, timezone: str) -> date:
    """The first day of the month the clocks of ``timezone`` show at ``moment``."""
    return moment.astimezone(ZoneInfo(timezone)).date().replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_ends_at(month: date, timezone: str) -> datetime:
    """The moment (UTC) the month ends on the clocks of ``timezone``."""
    start = next_month(month)
    return datetime(start.year, start.month, 1, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def parse_month(raw: str | None) -> date | None:
    """``2027-03`` as the first of March 2027; anything else is no month."""
    found = _MONTH.match((raw or "").strip())
    if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1:
        return None
    return date(int(found[1]), int(found[2]), 1)


def month_key(month: date) -> str:
    """The month as ``?month=`` and notification occasions write it: ``2027-03``."""
    return f"{month.year:04d}-{month.month:02d}"
