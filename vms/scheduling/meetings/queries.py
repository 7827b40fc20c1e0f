"""What the meeting pages list, in a fixed number of queries whatever the number of meetings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from vms.auth.models import Role, User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.services import clashes
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingStatus, Response

PAGE_SIZE = 50


@dataclass
class MeetingRow:
    meeting: Meeting
    answers: Counter = field(default_factory=Counter)
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
        query = query.where(Meeting.ends_at >= now).order_by(Meeting.starts_at, Meeting.id)
    else:
        query = query.where(Meeting.ends_at < now).order_by(Meeting.starts_at.desc(), Meeting.id)
    page = max(1, page)
    found = list(db.session.scalars(query.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)))
    rows = {m.id: MeetingRow(m) for m in found[:PAGE_SIZE]}
    _add_answers(rows, user)
    return MeetingPage(list(rows.values()), page, len(found) > PAGE_SIZE)


def _add_answers(rows: dict[int, MeetingRow], user: User) -> None:
    if not rows:
        return
    for meeting_id, response, user_id in db.session.execute(
        select(Invitee.meeting_id, Invitee.response, Invitee.user_id).where(
            Invitee.meeting_id.in_(list(rows))
        )
    ):
        if response is not None:
            rows[meeting_id].answers[response] += 1
        if user_id == user.id:
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
    ids = [i.user_id for i in meeting.invitees]
    return clashes(meeting.program_id, ids, meeting.starts_at, meeting.ends_at,
                   leaving_out=meeting.id)  # fmt: skip
