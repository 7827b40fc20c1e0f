"""What the meeting pages list, in a fixed number of queries whatever the number of meetings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from vms.auth.models import Role, User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.people import Answers, answers_of, own_answers
from vms.scheduling.meetings.services import clashes
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind, MeetingStatus, Response

PAGE_SIZE = 50
#: Longer than any meeting (the forms allow 8 hours): a meeting that has not ended started less
#: than this ago, which lets the database skip years of past meetings by their start.
LONGEST_MEETING = timedelta(days=1)


@dataclass
class MeetingRow:
    meeting: Meeting
    answers: Answers = field(default_factory=Answers)
    #: The viewer's own answer (None: not invited, or no answer yet).
    mine: Response | None = None
    agenda_items: int = 0


@dataclass
class MeetingPage:
    rows: list[MeetingRow]
    page: int
    has_next: bool


def meetings_page(
    program: Program, user: User, roles, upcoming: bool = True, page: int = 1,
    now: datetime | None = None,
) -> MeetingPage:  # fmt: skip
    """Coordinators see every meeting of the program, others the meetings they are invited to."""
    now = now or now_utc()
    query = select(Meeting).where(Meeting.program_id == program.id)
    if Role.COORDINATOR not in roles:
        mine = select(Invitee.meeting_id).where(Invitee.user_id == user.id)
        query = query.where(Meeting.id.in_(mine))
    if upcoming:
        query = query.where(Meeting.ends_at >= now, Meeting.starts_at >= now - LONGEST_MEETING)
        query = query.order_by(Meeting.starts_at, Meeting.id)
    else:
        query = query.where(Meeting.ends_at < now).order_by(Meeting.starts_at.desc(), Meeting.id)
    page = max(1, page)
    found = list(db.session.scalars(query.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)))
    rows = {m.id: MeetingRow(m) for m in found[:PAGE_SIZE]}
    _add_answers(rows, user)
    return MeetingPage(list(rows.values()), page, len(found) > PAGE_SIZE)


def _add_answers(rows: dict[int, MeetingRow], user: User) -> None:
    """Counted in SQL: the monthly meetings on a page invite thousands of people."""
    if not rows:
        return
    for meeting_id, answers in answers_of(list(rows)).items():
        rows[meeting_id].answers = answers
    for meeting_id, response in own_answers(list(rows), user).items():
        rows[meeting_id].mine = response
    for meeting_id, count in db.session.execute(
        select(AgendaItem.meeting_id, func.count())
        .where(AgendaItem.meeting_id.in_(list(rows)))
        .group_by(AgendaItem.meeting_id)
    ):
        rows[meeting_id].agenda_items = count


def clash_warnings(meeting: Meeting) -> list[tuple[Meeting, User]]:
    """Other meetings of this meeting's invitees at the same time."""
    if meeting.status is MeetingStatus.CANCELLED:
        return []
    invited = select(Invitee.user_id).where(Invitee.meeting_id == meeting.id)
    return clashes(meeting.program_id, invited, meeting.starts_at, meeting.ends_at,
                   leaving_out=meeting.id)  # fmt: skip


@dataclass(frozen=True)
class ComingDate:
    meeting: Meeting
    #: The person's own answer; None: not yet.
    mine: Response | None


def coming_mentor_meetings(program: Program, user: User, now: datetime | None = None):
    """The coming dates of the monthly mentor meeting this person is invited to, with their
    own answer, in one query (a year ahead: a dozen dates)."""
    return [ComingDate(meeting, response) for meeting, response in db.session.execute(
        select(Meeting, Invitee.response).join(Invitee, Invitee.meeting_id == Meeting.id)
        .where(Meeting.program_id == program.id, Meeting.kind == MeetingKind.MENTOR_MEETING,
               Invitee.user_id == user.id, Meeting.ends_at >= (now or now_utc()))
        .order_by(Meeting.starts_at, Meeting.id).limit(PAGE_SIZE)
    ).tuples()]  # fmt: skip
