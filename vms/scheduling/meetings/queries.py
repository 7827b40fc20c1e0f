"""What the meeting pages list, in a fixed number of queries whatever the number of meetings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import Bundle

from vms.auth.models import Role, User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.people import Answers, answers_of
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind, Response

PAGE_SIZE = 50
#: Longer than any meeting (the forms allow 8 hours): a meeting that has not ended started less
#: than this ago, which lets the database skip years of past meetings by their start.
LONGEST_MEETING = timedelta(days=1)


@dataclass
class MeetingRow:
    #: The columns the list shows (id, kind, title, starts_at, status), not a Meeting object.
    meeting: Row
    answers: Answers = field(default_factory=Answers)
    #: The viewer's own answer (None: not invited, or no answer yet).
    mine: Response | None = None
    agenda_items: int = 0


@dataclass
class MeetingPage:
    rows: list[MeetingRow]
    page: int
    has_next: bool


#: What a row of the list shows of its meeting.
_SHOWN = Bundle("meeting", Meeting.id, Meeting.kind, Meeting.title, Meeting.starts_at,
                Meeting.status)  # fmt: skip


def meetings_page(
    program: Program, user: User, roles, upcoming: bool = True, page: int = 1,
    now: datetime | None = None,
) -> MeetingPage:  # fmt: skip
    """Coordinators see every meeting of the program, others the meetings they are invited to.
    Two statements: the page with each meeting's agenda size and the viewer's own answer,
    then the answers counted (the monthly meetings on a page invite thousands of people)."""
    now = now or now_utc()
    agenda_items = (select(func.count()).where(AgendaItem.meeting_id == Meeting.id)
                    .correlate(Meeting).scalar_subquery())  # fmt: skip
    mine = (select(Invitee.response)
            .where(Invitee.meeting_id == Meeting.id, Invitee.user_id == user.id)
            .correlate(Meeting).scalar_subquery())  # fmt: skip
    query = select(_SHOWN, agenda_items, mine).where(Meeting.program_id == program.id)
    if Role.COORDINATOR not in roles:
        query = query.where(invited(user))
    if upcoming:
        query = query.where(Meeting.ends_at >= now, Meeting.starts_at >= now - LONGEST_MEETING)
        query = query.order_by(Meeting.starts_at, Meeting.id)
    else:
        query = query.where(Meeting.ends_at < now).order_by(Meeting.starts_at.desc(), Meeting.id)
    page = max(1, page)
    found = db.session.execute(query.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)).all()
    rows = {shown.id: MeetingRow(shown, mine=response, agenda_items=items)
            for shown, items, response in found[:PAGE_SIZE]}  # fmt: skip
    for meeting_id, answers in answers_of(list(rows)).items():
        rows[meeting_id].answers = answers
    return MeetingPage(list(rows.values()), page, len(found) > PAGE_SIZE)


def invited(user: User) -> ColumnElement[bool]:
    """A condition on ``Meeting``: this person is invited to it.

    On PostgreSQL their invitations are read first, once, and their meetings looked up by
    key (``= ANY(ARRAY(...))``): with ``IN``, the planner walked every coming meeting of a
    large program and probed each for the person's invitation (a mentor's meetings list:
    4 ms instead of 0.7, and growing with the program rather than with the person)."""
    theirs = select(Invitee.meeting_id).where(Invitee.user_id == user.id)
    if db.session.get_bind().dialect.name == "postgresql":
        return Meeting.id == func.any(func.array(theirs.scalar_subquery()))
    return Meeting.id.in_(theirs)


@dataclass(frozen=True)
class ComingDate:
    meeting: Meeting
    #: The person's own answer; None: not yet.
    mine: Response | None


def coming_mentor_meetings(program: Program, user: User, now: datetime | None = None):
    """The coming dates of the monthly mentor meeting this person is invited to, with their
    own answer, in one query (a year ahead: a dozen dates). The start bounds the search, so
    the program's index skips years of past meetings (without it: a scan of them all)."""
    now = now or now_utc()
    return [ComingDate(meeting, response) for meeting, response in db.session.execute(
        select(Meeting, Invitee.response).join(Invitee, Invitee.meeting_id == Meeting.id)
        .where(Meeting.program_id == program.id, Meeting.kind == MeetingKind.MENTOR_MEETING,
               Invitee.user_id == user.id, Meeting.starts_at >= now - LONGEST_MEETING,
               Meeting.ends_at >= now)
        .order_by(Meeting.starts_at, Meeting.id).limit(PAGE_SIZE)
    ).tuples()]  # fmt: skip
