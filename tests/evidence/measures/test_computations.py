"""The measures' computations, pure (no app): worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from vms.evidence.measures import activity, ventures
from vms.evidence.measures.scope import scope_of, trend_span
from vms.evidence.measures.ventures import VentureFacts

T0 = datetime(2027, 1, 10, tzinfo=UTC)


def _v(n: int, teamed_after: int | None, held: int = 0, completeness: int = 0,
       stage: str | None = None) -> VentureFacts:  # fmt: skip
    teamed = None if teamed_after is None else T0 + timedelta(days=teamed_after)
    first = teamed + timedelta(days=3) if teamed and held else None
    return VentureFacts(n, T0, teamed is not None, teamed, first, held, stage,
                        completeness=completeness)  # fmt: skip


def test_funnel_time_to_team_and_factors():
    found = [_v(1, 10, held=5, completeness=90), _v(2, 45, held=1, completeness=60),
             _v(3, None, completeness=20), _v(4, 200, held=4, completeness=85)]  # fmt: skip
    assert ventures.funnel(found).stages() == [("applied", 4), ("accepted", 3), ("teamed", 3),
                                               ("first_meeting", 3), ("meaningful", 2)]  # fmt: skip
    timing = ventures.time_to_team(found)
    assert (timing.n, timing.median_days) == (3, 45)
    assert [n for _bin, n in timing.bins] == [1, 1, 0, 0, 1]  # 10 | 45 | – | – | 200
    rows = ventures.by_factor(found, ventures.completeness_band)
    assert [(r.group, r.ventures, r.teamed, r.median_days, r.meaningful) for r in rows] == [
        ("0–49%", 1, 0, None, 0), ("50–79%", 1, 1, 45, 0), ("80–100%", 2, 2, 105, 2)]  # fmt: skip
    # A threshold of one meeting makes venture 2 a meaningful connection too.
    assert ventures.funnel(found, threshold=1).meaningful == 3


def test_monthly_rows_and_meetings_per_team_month():
    months = activity.months_between(date(2026, 11, 20), date(2027, 2, 3))
    assert months == ["2026-11", "2026-12", "2027-01", "2027-02"]
    published = [datetime(2026, 10, 5, tzinfo=UTC), datetime(2027, 1, 12, tzinfo=UTC)]
    rows = activity.monthly(months, {"2026-12": 2, "2027-01": 3}, published)
    assert [(r.month, r.meetings, r.new_teams, r.active_teams) for r in rows] == [
        ("2026-11", 0, 0, 1), ("2026-12", 2, 0, 1), ("2027-01", 3, 1, 2),
        ("2027-02", 0, 0, 2)]  # fmt: skip
    # Five meetings over six team-months (1 + 1 + 2 + 2).
    assert activity.meetings_per_team_per_month(rows) == 0.83


def test_speed_dating_and_agreements():
    outcome = activity.speed_dating({1: 6, 2: 2, 3: 2})
    assert (outcome.pairs, outcome.first_or_second, outcome.share) == (10, 8, 80.0)
    counted = activity.agreements([("active", True), ("completed", True), ("ended", True),
                                   ("draft", False)])  # fmt: skip
    assert (counted.signed, counted.active, counted.completed, counted.total) == (3, 1, 1, 4)


def test_a_range_of_days_in_the_programs_zone():
    scope = scope_of(date(2027, 3, 1), date(2027, 3, 31), None, "Europe/Madrid")
    assert scope.starts_at == datetime(2027, 2, 28, 23, 0, tzinfo=UTC)  # CET is UTC+1
    assert scope.ends_before == datetime(2027, 3, 31, 22, 0, tzinfo=UTC)  # CEST from 28 March
    assert scope.holds(datetime(2027, 3, 31, 21, 59, tzinfo=UTC))
    assert not scope.holds(datetime(2027, 3, 31, 22, 0, tzinfo=UTC))
    # No dates: the trends show the last twelve months.
    assert trend_span(scope_of(None, None, None, "UTC"), datetime(2027, 5, 9, tzinfo=UTC)) == (
        date(2026, 6, 1), date(2027, 5, 9))  # fmt: skip
