"""The monthly mentor meeting: a series in local time whose occurrences exist a year ahead.

Each occurrence is its own meeting row, so answers, a changed room, a cancellation or
the docket of presenting ventures belong to one date. Every mentor of the program is
invited to every future occurrence (mentors who join later are added by `keep_ahead`,
which the scheduler runs daily). Creating the series sends no email: twelve
invitations at once would be noise; the personal feed lists them, and a change to
one occurrence is emailed like any meeting change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program, Venture
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.services import MeetingRefused
from vms.scheduling.models import (
    DocketEntry,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
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


def set_docket(meeting: Meeting, ventures: list[Venture]) -> None:
    if meeting.kind is not MeetingKind.MENTOR_MEETING:
        raise MeetingRefused("only a monthly mentor meeting has a docket")
    chosen = {v.id for v in ventures}
    for entry in [e for e in meeting.docket if e.venture_id not in chosen]:
        meeting.docket.remove(entry)
    kept = {e.venture_id for e in meeting.docket}
    meeting.docket.extend(DocketEntry(venture_id=vid) for vid in sorted(chosen - kept))
    db.session.flush()


@dataclass
class OccurrenceRow:
    meeting: Meeting
    answers: Counter

    def count(self, answer: str) -> int:
        """How many answered ``answer`` ("yes", "no" or "maybe")."""
        return sum(n for response, n in self.answers.items() if response.value == answer)


def occurrence_rows(series: MeetingSeries) -> list[OccurrenceRow]:
    """Every occurrence with its answer counts, in two queries."""
    meetings = db.session.scalars(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_at)
    ).all()
    counts: dict[int, Counter] = {m.id: Counter() for m in meetings}
    for meeting_id, response, n in db.session.execute(
        select(Invitee.meeting_id, Invitee.response, func.count())
        .where(Invitee.meeting_id.in_(list(counts)), Invitee.response.is_not(None))
        .group_by(Invitee.meeting_id, Invitee.response)
    ):
        counts[meeting_id][response] = n
    return [OccurrenceRow(m, counts[m.id]) for m in meetings]


@dataclass(frozen=True)
class AttendanceRow:
    mentor: User
    attended: int
    held: int


def yearly_attendance(program: Program, now: datetime | None = None) -> list[AttendanceRow]:
    """Each mentor's monthly-meeting attendance over the last 12 months: dates held, not
    cancelled, whose attendance was recorded. Two queries."""
    now = now or now_utc()
    since = now - timedelta(days=365)
    held = (
        select(Invitee.user_id, func.count(),
               func.sum(case((Invitee.attended.is_(True), 1), else_=0)))
        .join(Meeting, Meeting.id == Invitee.meeting_id)
        .where(
            Meeting.program_id == program.id, Meeting.kind == MeetingKind.MENTOR_MEETING,
            Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at >= since,
            Meeting.starts_at < now, Invitee.attended.is_not(None),
        )
        .group_by(Invitee.user_id)
    )  # fmt: skip
    tallies = {user_id: (total, came or 0) for user_id, total, came in db.session.execute(held)}
    mentors = db.session.scalars(
        select(User).join(Membership).where(
            Membership.program_id == program.id, Membership.role == Role.MENTOR
        ).order_by(User.name)
    ).all()  # fmt: skip
    return [AttendanceRow(m, tallies.get(m.id, (0, 0))[1], tallies.get(m.id, (0, 0))[0])
            for m in mentors]  # fmt: skip
