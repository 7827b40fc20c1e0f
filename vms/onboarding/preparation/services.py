"""Defining the orientation steps, recording completions, and the program's requirement.

Services flush; the view commits. A completion is written once: the step and mentor are
unique together, and a second click (or a race with another worker) finds the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from vms import row_locks
from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.preparation import progress
from vms.onboarding.preparation.models import (
    CompletionHow,
    OrientationStep,
    PreparationRule,
    StepCompletion,
    StepStatus,
    StepWay,
)
from vms.scheduling.models import MeetingKind
from vms.states import IllegalTransition

#: Names shown when the requirement is turned on while unprepared mentors are on teams.
NAMES_SHOWN = 5


class PreparationRefused(Exception):
    """A change the rules of preparation do not allow; the message says why."""


@dataclass(frozen=True)
class StepDetails:
    title: str
    description: str
    way: StepWay
    meeting_kind: MeetingKind | None = None


def step_in_program(program: Program, step_id: int) -> OrientationStep | None:
    step = db.session.get(OrientationStep, step_id)
    return step if step is not None and step.program_id == program.id else None


def steps_of(program: Program, with_retired: bool = True) -> list[OrientationStep]:
    query = select(OrientationStep).where(OrientationStep.program_id == program.id)
    if not with_retired:
        query = query.where(OrientationStep.status == StepStatus.ACTIVE)
    return list(db.session.scalars(query.order_by(OrientationStep.position, OrientationStep.id)))


def add_step(program: Program, details: StepDetails) -> OrientationStep:
    last = db.session.scalar(
        select(func.max(OrientationStep.position)).where(OrientationStep.program_id == program.id)
    )
    step = OrientationStep(program_id=program.id, position=(last or 0) + 1)
    _describe(step, details)
    db.session.add(step)
    db.session.flush()
    return step


def edit_step(step: OrientationStep, details: StepDetails) -> None:
    _describe(step, details)
    db.session.flush()


def _describe(step: OrientationStep, details: StepDetails) -> None:
    if not details.title.strip():
        raise PreparationRefused(_("Give the step a title."))
    if details.way is StepWay.EVENT and details.meeting_kind is None:
        raise PreparationRefused(_("Choose the meeting whose attendance completes the step."))
    step.title, step.description, step.way = details.title.strip(), details.description, details.way
    step.meeting_kind = details.meeting_kind if details.way is StepWay.EVENT else None


def move_step(program: Program, step: OrientationStep, to: int) -> None:
    """Put the step at place ``to`` (1 = first) among the program's steps."""
    row_locks.lock(program)
    steps = steps_of(program)
    if not 1 <= to <= len(steps):
        raise PreparationRefused(_("Choose a place from 1 to %(n)d.", n=len(steps)))
    steps.remove(next(s for s in steps if s.id == step.id))
    steps.insert(to - 1, step)
    for position, each in enumerate(steps, start=1):
        each.position = position
    db.session.flush()


def retire_step(step: OrientationStep) -> None:
    try:
        step.retire()
    except IllegalTransition:
        raise PreparationRefused(_("This step is already retired.")) from None
    db.session.flush()


def restore_step(step: OrientationStep) -> None:
    try:
        step.restore()
    except IllegalTransition:
        raise PreparationRefused(_("This step already counts.")) from None
    db.session.flush()


def complete(
    step: OrientationStep, mentor: User, how: CompletionHow, marked_by: User | None = None,
    now: datetime | None = None,
) -> StepCompletion:  # fmt: skip
    """Record the mentor's completion of the step, once (a second call returns the first)."""
    if step.status is StepStatus.RETIRED:
        raise PreparationRefused(_("This step was retired: it no longer counts."))
    if how is CompletionHow.CONFIRMED and step.way is not StepWay.CONFIRMED:
        raise PreparationRefused(_("This step is done at an event or by signing, not by a button."))
    existing = _completion(step, mentor)
    if existing is not None:
        return existing
    completion = StepCompletion(
        step_id=step.id, mentor_id=mentor.id, how=how, completed_at=now or now_utc(),
        marked_by_id=marked_by.id if marked_by else None,
    )  # fmt: skip
    try:
        with db.session.begin_nested():
            db.session.add(completion)
    except IntegrityError:  # the same click in another worker got there first
        return _completion(step, mentor)
    return completion


def _completion(step: OrientationStep, mentor: User) -> StepCompletion | None:
    return db.session.scalar(
        select(StepCompletion).where(
            StepCompletion.step_id == step.id, StepCompletion.mentor_id == mentor.id
        )
    )


def is_required(program: Program) -> bool:
    rule = db.session.get(PreparationRule, program.id)
    return bool(rule and rule.required)


def set_required(program: Program, required: bool, now: datetime | None = None) -> list[str]:
    """Turn the requirement on or off. Mentors already on teams stay on them: the answer is
    the names of those (on a draft or published team) who are not prepared, by name."""
    rule = db.session.get(PreparationRule, program.id)
    if rule is None:
        rule = PreparationRule(program_id=program.id)
        db.session.add(rule)
    rule.required, rule.changed_at = required, now or now_utc()
    db.session.flush()
    if not required:
        return []
    return list(
        db.session.scalars(
            select(User.name).where(
                User.id.in_(
                    select(TeamMember.mentor_id).join(Team).where(
                        Team.program_id == program.id, Team.status != TeamStatus.ENDED)
                ),
                ~progress.prepared(program, User.id),
            ).order_by(User.name, User.id)
        )
    )  # fmt: skip


def mentor_in_program(program: Program, user_id: int) -> User | None:
    return db.session.scalar(
        select(User).join(Membership).where(
            User.id == user_id, Membership.program_id == program.id,
            Membership.role == Role.MENTOR,
        )
    )  # fmt: skip
