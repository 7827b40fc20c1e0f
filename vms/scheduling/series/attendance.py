"""Each mentor's attendance at the monthly mentor meeting over the last 12 months, for the
coordinators: one page of mentors at a time (a program may have thousands), its figures
summed in SQL for just the mentors on the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.paging import Page, page_of
from vms.scheduling.meetings.people import name_contains
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingSeries, MeetingStatus

#: "Over the last 12 months".
PERIOD = timedelta(days=365)


@dataclass(frozen=True)
class AttendanceRow:
    mentor: User
    attended: int
    held: int


def yearly_attendance(
    program: Program, number: int = 1, name: str = "", now: datetime | None = None
) -> Page[AttendanceRow]:
    """Page ``number`` of the program's mentors by name (those whose name contains ``name``),
    each with the dates they were recorded at and the dates held: dates of the last 12
    months, not cancelled, whose attendance was recorded. Three queries."""
    mentors = (
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.program_id == program.id, Membership.role == Role.MENTOR)
        .order_by(User.name, User.id)
    )  # fmt: skip
    total = None  # counted by page_of when a name narrows the list
    if name.strip():
        mentors = mentors.where(name_contains(name))
    else:  # the memberships' own index counts them (counting the page's query joined users)
        total = db.session.scalar(select(func.count()).select_from(Membership).where(
            Membership.program_id == program.id, Membership.role == Role.MENTOR))  # fmt: skip
    page = page_of(mentors, number, total=total)
    tallies = _tallies(program, [m.id for m in page.rows], now or now_utc())
    rows = [AttendanceRow(m, *tallies.get(m.id, (0, 0))) for m in page.rows]
    return Page(rows, page.number, page.total, page.size)


def _tallies(program: Program, mentor_ids: list[int], now: datetime) -> dict[int, tuple]:
    """{mentor id: (dates attended, dates held)} for these mentors."""
    if not mentor_ids:
        return {}
    held = (
        select(Invitee.user_id, func.sum(case((Invitee.attended.is_(True), 1), else_=0)),
               func.count())
        .join(Meeting, Meeting.id == Invitee.meeting_id)
        .where(
            Invitee.user_id.in_(mentor_ids), Invitee.attended.is_not(None),
            Meeting.program_id == program.id, Meeting.kind == MeetingKind.MENTOR_MEETING,
            # By the program's series: their dozen dates, not a year of team meetings.
            Meeting.series_id.in_(
                select(MeetingSeries.id).where(MeetingSeries.program_id == program.id)
            ),
            Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at >= now - PERIOD,
            Meeting.starts_at < now,
        )
        .group_by(Invitee.user_id)
    )  # fmt: skip
    return {user_id: (came or 0, total) for user_id, came, total in db.session.execute(held)}
