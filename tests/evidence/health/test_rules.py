"""The health rules, pure: facts in, a verdict with its reasons out (no app)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from vms.evidence.health.rules import (
    HealthFacts,
    LastMeeting,
    Reason,
    Subject,
    Thresholds,
    Verdict,
    judge,
    judge_all,
)

NOW = datetime(2027, 6, 15, 12, 0, tzinfo=UTC)
LIMITS = Thresholds(quiet_days=30, too_early_days=30, summary_due_hours=24)


def _days(n: float) -> datetime:
    return NOW - timedelta(days=n)


def _meeting(days_ago: float, summary_after_hours: float | None = 2, agenda: int = 1,
             late_agenda: bool = False) -> LastMeeting:  # fmt: skip
    start = _days(days_ago)
    end = start + timedelta(hours=1)
    summary = None if summary_after_hours is None else end + timedelta(hours=summary_after_hours)
    return LastMeeting(start, end, summary, agenda, late_agenda)


def _team(**fields) -> HealthFacts:
    return HealthFacts(**{"subject": Subject.TEAM, "id": 1, "name": "Alder",
                          "started_at": _days(90), **fields})  # fmt: skip


def test_a_team_meeting_monthly_with_agendas_and_summaries_on_time_is_on_track():
    health = judge(_team(held=3, last_contact_at=_days(10), last_meeting=_meeting(10),
                         attended=6, absent=1), LIMITS, NOW)  # fmt: skip
    assert (health.verdict, health.reasons) == (Verdict.ON_TRACK, ())


def test_a_young_team_with_nothing_held_is_too_early_to_tell():
    assert judge(_team(started_at=_days(29)), LIMITS, NOW).verdict is Verdict.TOO_EARLY
    # A month and a day without a meeting is no longer early: it is quiet.
    late = judge(_team(started_at=_days(31)), LIMITS, NOW)
    assert (late.verdict, late.reasons) == (Verdict.NEEDS_CHECK_IN, (Reason("no_contact", 31),))


def test_every_reason_of_a_team_that_fell_behind():
    health = judge(_team(held=1, last_contact_at=_days(35),
                         last_meeting=_meeting(35, summary_after_hours=None, agenda=0),
                         attended=1, absent=2), LIMITS, NOW)  # fmt: skip
    assert health.verdict is Verdict.NEEDS_CHECK_IN
    # 1 of 3 came: 33%.
    assert health.reasons == (Reason("no_contact", 35), Reason("agenda_missing"),
                              Reason("summary_missing"), Reason("low_attendance", 33))  # fmt: skip


def test_late_agenda_and_late_summary_are_told_apart_from_missing_ones():
    health = judge(_team(held=2, last_contact_at=_days(5),
                         last_meeting=_meeting(5, summary_after_hours=30, late_agenda=True)),
                   LIMITS, NOW)  # fmt: skip
    assert health.reasons == (Reason("agenda_late"), Reason("summary_late"))
    # A summary not yet due (the meeting ended an hour ago) is not missing.
    just_held = _meeting(0.1, summary_after_hours=None)
    fresh = judge(_team(held=2, last_contact_at=_days(0.1), last_meeting=just_held), LIMITS, NOW)
    assert fresh.verdict is Verdict.ON_TRACK


def test_the_programs_own_rhythm_and_deadline_apply():
    facts = _team(held=2, last_contact_at=_days(20), last_meeting=_meeting(20, 30))
    assert judge(facts, LIMITS, NOW).reasons == (Reason("summary_late"),)
    strict = Thresholds(quiet_days=14, summary_due_hours=48)
    assert judge(facts, strict, NOW).reasons == (Reason("no_contact", 20),)


def test_a_fit_check_no_means_repair_even_for_a_young_team():
    health = judge(_team(started_at=_days(3), fit_no=True), LIMITS, NOW)
    assert (health.verdict, health.reasons) == (Verdict.NEEDS_REPAIR, (Reason("fit_no"),))


def test_a_pair_is_judged_by_its_check_ins():
    pair = HealthFacts(Subject.PAIR, 7, "Gil · Hana", _days(60), held=1, last_contact_at=_days(40))
    assert judge(pair, LIMITS, NOW).reasons == (Reason("no_contact", 40),)


def test_worst_first_repair_then_the_longest_quiet():
    quiet = _team(id=2, name="Birch", held=1, last_contact_at=_days(50))
    quieter = _team(id=3, name="Cedar", held=1, last_contact_at=_days(70))
    fine = _team(id=4, name="Dune", held=4, last_contact_at=_days(3))
    broken = _team(id=5, name="Elm", held=4, last_contact_at=_days(3), fit_no=True)
    order = [h.facts.name for h in judge_all([fine, quiet, broken, quieter], LIMITS, NOW)]
    assert order == ["Elm", "Cedar", "Birch", "Dune"]
