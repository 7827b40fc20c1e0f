"""Monthly series: local time holds across daylight-saving changes, and calendar programs agree."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from vms.scheduling.series.recurrence import (
    MonthlyRule,
    day_in_month,
    local_start,
    occurrences,
    series_calendar,
)

FIRST_TUESDAY = MonthlyRule(1, 2, time(18, 0), 90, "America/New_York")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def test_the_first_and_last_weekday_of_a_month():
    assert day_in_month(FIRST_TUESDAY, 2027, 3) == date(2027, 3, 2)
    last_friday = MonthlyRule(-1, 5, time(9, 0), 60, "Europe/Madrid")
    assert day_in_month(last_friday, 2027, 10) == date(2027, 10, 29)
    assert day_in_month(MonthlyRule(4, 1, time(9), 60, "UTC"), 2027, 2) == date(2027, 2, 22)


def test_local_time_holds_and_utc_moves_across_dst():
    starts = dict((s.date(), s) for s, _e in occurrences(FIRST_TUESDAY, date(2027, 1, 1), 12))
    # New York: EST (UTC-5) until 14 March 2027, EDT (UTC-4) until 7 November 2027.
    assert starts[date(2027, 3, 2)] == datetime(2027, 3, 2, 23, 0, tzinfo=UTC)
    assert starts[date(2027, 4, 6)] == datetime(2027, 4, 6, 22, 0, tzinfo=UTC)
    assert starts[date(2027, 11, 2)] == datetime(2027, 11, 2, 22, 0, tzinfo=UTC)
    assert starts[date(2027, 12, 7)] == datetime(2027, 12, 7, 23, 0, tzinfo=UTC)
    zone = ZoneInfo("America/New_York")
    for start, end in occurrences(FIRST_TUESDAY, date(2027, 1, 1), 12):
        assert start.astimezone(zone).time() == time(18, 0)
        assert (end - start).total_seconds() == 90 * 60


def test_a_year_ahead_has_twelve_occurrences_on_or_after_the_first_day():
    found = occurrences(FIRST_TUESDAY, date(2026, 12, 2), 13)
    assert len(found) == 12 and found[0][0].date() == date(2027, 1, 5)


def test_a_time_in_the_spring_forward_gap_moves_an_hour_later():
    early = MonthlyRule(2, 7, time(2, 30), 60, "America/New_York")  # 2nd Sunday: DST day
    start = local_start(early, date(2027, 3, 14))
    assert start.astimezone(ZoneInfo("America/New_York")).time() == time(3, 30)


def test_a_calendar_program_expands_the_rrule_to_the_same_instants():
    ics = series_calendar(FIRST_TUESDAY, "series-1@vms", date(2027, 1, 1), 12,
                          "Monthly mentor meeting", "Room 4-231", NOW)  # fmt: skip
    calendar = Calendar.from_ical(ics)
    assert calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].dt.tzinfo is not None and "UID" in event and "DTSTAMP" in event
    expanded = recurring_ical_events.of(calendar).between(
        datetime(2027, 1, 1), datetime(2028, 1, 1)
    )
    theirs = sorted(e["DTSTART"].dt.astimezone(UTC) for e in expanded)
    ours = [start for start, _ in occurrences(FIRST_TUESDAY, date(2027, 1, 1), 12)]
    assert theirs == ours


@pytest.mark.parametrize(
    ("ordinal", "weekday", "zone"), [(0, 2, "UTC"), (1, 8, "UTC"), (1, 2, "Mars/Olympus")]
)
def test_bad_rules_are_refused(ordinal, weekday, zone):
    with pytest.raises((ValueError, KeyError)):
        MonthlyRule(ordinal, weekday, time(18), 60, zone)
