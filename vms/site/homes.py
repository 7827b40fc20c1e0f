"""What a mentor's or a founder's home shows next: their coming team meetings with where each
agenda stands, the next monthly mentor meeting to answer, and which of their programs needs
them first. A fixed number of statements whatever the size of the program."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.queries import invited
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind, MeetingStatus
from vms.screening.mentors.models import (
    Interview,
    MentorApplication,
    Scorecard,
    interview_interviewers,
)

#: How many coming team meetings a home lists (the meetings page has the rest).
MEETINGS_SHOWN = 5


class AgendaState(enum.Enum):
    SET = "set"
    #: Due now (the program's days before the meeting have begun) and still empty.
    DUE = "due"
    #: Not due yet.
    LATER = "later"


@dataclass(frozen=True)
class ComingMeeting:
    meeting: Meeting
    agenda: AgendaState
    agenda_due_at: datetime


def coming_team_meetings(program: Program, user: User, now: datetime | None = None,
                         limit: int = MEETINGS_SHOWN) -> list[ComingMeeting]:  # fmt: skip
    """The person's next scheduled team meetings (they are invited), soonest first, each with
    whether its agenda is set, due or not due yet (one statement)."""
    now = now or now_utc()
    has_agenda = select(AgendaItem.id).where(AgendaItem.meeting_id == Meeting.id).exists()
    rows = db.session.execute(
        select(Meeting, has_agenda.label("has_agenda"))
        .where(Meeting.program_id == program.id, Meeting.kind == MeetingKind.TEAM,
               Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > now,
               invited(user))
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(limit)
    ).all()  # fmt: skip
    lead_time = timedelta(days=program.agenda_due_days)
    return [_coming(meeting, has, meeting.starts_at - lead_time, now) for meeting, has in rows]


def _coming(meeting: Meeting, has_agenda: bool, due_at: datetime, now: datetime):
    if has_agenda:
        state = AgendaState.SET
    else:
        state = AgendaState.DUE if now >= due_at else AgendaState.LATER
    return ComingMeeting(meeting, state, due_at)


def program_needing(user: User, programs: list[Program], remembered: str | None,
                    now: datetime | None = None) -> Program:  # fmt: skip
    """Where a person in several programs lands: the program with the most waiting for them
    (coming meetings not answered yet, interviews not scored), then the one they last chose,
    then the first by name. One statement for all their programs."""
    if len(programs) == 1:
        return programs[0]
    waiting = _waiting_by_program(user, [p.id for p in programs], now or now_utc())
    return max(programs, key=lambda p: (waiting.get(p.id, 0), p.slug == remembered,
                                        -programs.index(p)))  # fmt: skip


def _waiting_by_program(user: User, program_ids: list[int], now: datetime) -> dict[int, int]:
    unanswered = (
        select(Meeting.program_id.label("program_id"))
        .join(Invitee, Invitee.meeting_id == Meeting.id)
        .where(Invitee.user_id == user.id, Invitee.response.is_(None),
               Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > now,
               Meeting.program_id.in_(program_ids))
    )  # fmt: skip
    scored = select(Scorecard.id).where(
        Scorecard.interview_id == Interview.id, Scorecard.interviewer_id == user.id
    )
    to_score = (
        select(MentorApplication.program_id)
        .join(Interview, Interview.application_id == MentorApplication.id)
        .join(interview_interviewers, interview_interviewers.c.interview_id == Interview.id)
        .where(interview_interviewers.c.user_id == user.id, ~scored.exists(),
               MentorApplication.program_id.in_(program_ids))
    )  # fmt: skip
    both = unanswered.union_all(to_score).subquery()
    return dict(db.session.execute(
        select(both.c.program_id, func.count()).group_by(both.c.program_id)
    ).tuples().all())  # fmt: skip
