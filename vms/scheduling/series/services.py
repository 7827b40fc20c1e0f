"""The monthly mentor meeting: a series in local time whose occurrences exist a year ahead.

Each occurrence is its own meeting row, so answers, a changed room, a cancellation or
the docket of presenting ventures belong to one date. Every mentor of the program is
invited to every future occurrence: a mentor who joins later at once (``newcomers``),
anyone else missed by `keep_ahead`, which the scheduler runs daily. Creating the series
sends no email: twelve invitations at once would be noise; the personal feed lists them,
and a change to one occurrence is emailed like any meeting change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms.auth.models import Membership, Role
from vms.cohorts.models import Program, Venture
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.people import Answers, answers_of
from vms.scheduling.meetings.services import MeetingRefused
from vms.scheduling.models import (
    DocketEntry,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingSeries,
)
from vms.scheduling.series.recurrence import MonthlyRule, occurrences

#: Occurrences are kept this many months ahead.
MONTHS_AHEAD = 12


@dataclass(frozen=True)
class SeriesDetails:
    title: str
    ordinal: int
    weekday: int
    start_time: time
    duration_minutes: int
    timezone: str
    location: str


def rule_of(series: MeetingSeries) -> MonthlyRule:
    return MonthlyRule(series.ordinal, series.weekday, series.start_time,
                       series.duration_minutes, series.timezone)  # fmt: skip


def create_series(program: Program, details: SeriesDetails, now: datetime | None = None):
    try:
        MonthlyRule(details.ordinal, details.weekday, details.start_time,
                    details.duration_minutes, details.timezone)  # fmt: skip
    except (ValueError, KeyError) as wrong:
        raise MeetingRefused(str(wrong)) from wrong
    series = MeetingSeries(program_id=program.id, **details.__dict__)
    db.session.add(series)
    db.session.flush()
    keep_ahead(series, now)
    return series


def program_series(program: Program) -> list[MeetingSeries]:
    return list(
        db.session.scalars(
            select(MeetingSeries)
            .where(MeetingSeries.program_id == program.id)
            .order_by(MeetingSeries.id)
        )
    )


def keep_ahead(series: MeetingSeries, now: datetime | None = None) -> int:
    """Create the missing occurrences up to a year ahead and invite every mentor to the
    future ones; returns how many occurrences were created. Safe to run again."""
    now = now or now_utc()
    today = now.date()
    existing = set(
        db.session.scalars(select(Meeting.occurrence_date).where(Meeting.series_id == series.id))
    )
    created = 0
    rule = rule_of(series)
    for starts_at, ends_at in occurrences(rule, today, MONTHS_AHEAD + 1):
        day = starts_at.astimezone(ZoneInfo(rule.timezone)).date()
        if day in existing or starts_at <= now:
            continue
        db.session.add(Meeting(
            program_id=series.program_id, kind=MeetingKind.MENTOR_MEETING, series_id=series.id,
            occurrence_date=day, title=series.title, starts_at=starts_at, ends_at=ends_at,
            timezone=series.timezone, location=series.location,
        ))  # fmt: skip
        created += 1
    db.session.flush()
    _invite_mentors(series, now)
    return created


def _invite_mentors(series: MeetingSeries, now: datetime) -> None:
    mentors = set(
        db.session.scalars(
            select(Membership.user_id).where(
                Membership.program_id == series.program_id, Membership.role == Role.MENTOR
            )
        )
    )
    future = db.session.scalars(
        select(Meeting).where(Meeting.series_id == series.id, Meeting.starts_at > now)
    ).all()
    invited = set(
        db.session.execute(
            select(Invitee.meeting_id, Invitee.user_id).where(
                Invitee.meeting_id.in_([m.id for m in future])
            )
        ).tuples()
    )
    for meeting in future:
        for user_id in mentors:
            if (meeting.id, user_id) not in invited:
                db.session.add(Invitee(meeting_id=meeting.id, user_id=user_id))
    db.session.flush()


def invite_to_coming_dates(program_id: int, user_id: int, now: datetime | None = None) -> int:
    """Invite one mentor to the future dates of the program's monthly meetings they are not
    invited to yet, in two statements however many dates; returns how many. Safe to run
    again, and beside `keep_ahead` (a date it invited them to meanwhile is left as it is)."""
    already = (
        select(Invitee.id)
        .where(Invitee.meeting_id == Meeting.id, Invitee.user_id == user_id)
        .exists()
    )
    coming = select(Meeting.id).where(
        Meeting.program_id == program_id, Meeting.series_id.is_not(None),
        Meeting.kind == MeetingKind.MENTOR_MEETING, Meeting.starts_at > (now or now_utc()),
        ~already,
    )  # fmt: skip
    # The daily sweep may invite them to some dates at the same moment: its rows make this
    # insert fail whole, so the dates still missing are read again once (they now exclude
    # the sweep's) rather than left for the next sweep.
    for last_try in (False, True):
        missing = db.session.scalars(coming).all()
        if not missing:
            return 0
        try:
            with db.session.begin_nested():
                db.session.add_all(Invitee(meeting_id=m, user_id=user_id) for m in missing)
        except IntegrityError:
            if last_try:
                return 0
            continue
        return len(missing)
    return 0


def set_docket(meeting: Meeting, ventures: list[Venture]) -> None:
    if meeting.kind is not MeetingKind.MENTOR_MEETING:
        raise MeetingRefused("only a monthly mentor meeting has a docket")
    chosen = {v.id for v in ventures}
    for entry in [e for e in meeting.docket if e.venture_id not in chosen]:
        meeting.docket.remove(entry)
    kept = {e.venture_id for e in meeting.docket}
    meeting.docket.extend(DocketEntry(venture_id=vid) for vid in sorted(chosen - kept))
    db.session.flush()


#: The series table shows the dates of the last 12 months and the year ahead; earlier ones are
#: among the past meetings (years of history would otherwise grow the page).
SHOWN_SINCE = timedelta(days=365)


@dataclass
class OccurrenceRow:
    meeting: Meeting
    answers: Answers

    def count(self, answer: str) -> int:
        """How many answered ``answer`` ("yes", "no" or "maybe"; "none": not yet)."""
        return self.answers.count(answer)


def dates_of(all_series: list[MeetingSeries], now: datetime | None = None):
    """{series id: its dates since a year ago, with their answer counts}, in two queries
    whatever the number of series, dates or invitees."""
    since = (now or now_utc()) - SHOWN_SINCE
    found: dict[int, list[OccurrenceRow]] = {s.id: [] for s in all_series}
    if not found:
        return found
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.series_id.in_(list(found)), Meeting.starts_at >= since)
        .order_by(Meeting.starts_at, Meeting.id)
    ).all()
    answers = answers_of([m.id for m in meetings])
    for meeting in meetings:
        found[meeting.series_id].append(OccurrenceRow(meeting, answers[meeting.id]))
    return found


def occurrence_rows(series: MeetingSeries, now: datetime | None = None) -> list[OccurrenceRow]:
    """The series' dates since a year ago, with their answer counts."""
    return dates_of([series], now)[series.id]
