"""What the preparation pages read: the coordinators' paged list of mentors with what each
has done and left, and a mentor's own steps with the next event of each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, true

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.preparation import progress
from vms.onboarding.preparation.models import OrientationStep, StepCompletion, StepWay
from vms.onboarding.preparation.services import steps_of
from vms.paging import Page, page_of
from vms.scheduling.models import Invitee, Meeting, MeetingStatus

FILTERS = ("not_prepared",)


@dataclass(frozen=True)
class MentorProgress:
    user: User
    done: list[OrientationStep]
    left: list[OrientationStep]


@dataclass(frozen=True)
class MentorList:
    page: Page
    rows: list[MentorProgress]
    steps: list[OrientationStep]
    #: Mentors of the program, and those who have done every step (counted in SQL).
    mentors: int
    prepared: int


def _mentors(program: Program):
    return select(User).join(Membership).where(
        Membership.program_id == program.id, Membership.role == Role.MENTOR
    )  # fmt: skip


def _all_done(program: Program):
    return ~progress.steps_outstanding(program, User.id)


def mentor_list(program: Program, shown: str = "", page: int = 1) -> MentorList:
    """One page of the program's mentors, by name (``shown``: "not_prepared" for those with a
    step left), each with the active steps done and left: four statements a page."""
    counted = _mentors(program).with_only_columns(
        func.count(), func.count().filter(_all_done(program))
    )
    mentors, prepared = db.session.execute(counted).one()
    query = _mentors(program)
    if shown == "not_prepared":
        query = query.where(~_all_done(program))
    listed = page_of(query.order_by(User.name, User.id), page,
                     total=mentors - prepared if shown else mentors)  # fmt: skip
    steps = steps_of(program, with_retired=False)
    done = done_pairs(program, [user.id for user in listed.rows])
    rows = [
        MentorProgress(user, [s for s in steps if (user.id, s.id) in done],
                       [s for s in steps if (user.id, s.id) not in done])
        for user in listed.rows
    ]  # fmt: skip
    return MentorList(listed, rows, steps, mentors, prepared)


def done_pairs(program: Program, mentor_ids: list[int]) -> set[tuple[int, int]]:
    """(mentor id, step id) for each active step each of these mentors has done."""
    if not mentor_ids:
        return set()
    return set(
        db.session.execute(
            select(User.id, OrientationStep.id).select_from(User).join(OrientationStep, true())
            .where(User.id.in_(mentor_ids), progress.active_steps(program),
                   progress.step_done(program, User.id))
        ).tuples()
    )  # fmt: skip


@dataclass(frozen=True)
class StepState:
    step: OrientationStep
    done: bool
    #: The recorded completion (None for one done by attendance or signature, or not done).
    completion: StepCompletion | None
    #: For an event step not done: the next meeting of its kind the mentor is invited to.
    next_meeting: Meeting | None


def my_steps(program: Program, user: User, now: datetime | None = None) -> list[StepState]:
    """The mentor's active steps in order, each done or not, with its next event."""
    steps = steps_of(program, with_retired=False)
    done = {step_id for _user, step_id in done_pairs(program, [user.id])}
    completions = {
        c.step_id: c
        for c in db.session.scalars(
            select(StepCompletion).where(StepCompletion.mentor_id == user.id,
                                         StepCompletion.step_id.in_([s.id for s in steps]))
        )
    }  # fmt: skip
    coming = _coming_meetings(program, user, {s.meeting_kind for s in steps
                                               if s.way is StepWay.EVENT and s.id not in done},
                              now)  # fmt: skip
    return [
        StepState(step, step.id in done, completions.get(step.id),
                  None if step.id in done else coming.get(step.meeting_kind))
        for step in steps
    ]  # fmt: skip


def _coming_meetings(program: Program, user: User, kinds: set, now: datetime | None) -> dict:
    """The next scheduled meeting of each kind that the mentor is invited to."""
    if not kinds:
        return {}
    first: dict = {}
    for meeting in db.session.scalars(
        select(Meeting).join(Invitee, (Invitee.meeting_id == Meeting.id)
                             & (Invitee.user_id == user.id))
        .where(Meeting.program_id == program.id, Meeting.kind.in_(kinds),
               Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > (now or now_utc()))
        .order_by(Meeting.starts_at, Meeting.id).limit(20)
    ):  # fmt: skip
        first.setdefault(meeting.kind, meeting)
    return first
