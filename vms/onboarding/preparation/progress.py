"""Who is prepared, as SQL the team pages add to the statements they already run.

A step is done by a mentor when a completion is recorded (the mentor's button, a
coordinator's mark), when they were recorded present at a meeting of the step's kind (an
event step), or when they have signed the current principles (the principles step). Retired
steps do not count. A mentor is *unprepared* only while the program requires preparation.
"""

from __future__ import annotations

from sqlalchemy import String, and_, cast, exists, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from vms.cohorts.models import Program
from vms.onboarding.preparation.models import (
    OrientationStep,
    PreparationRule,
    StepCompletion,
    StepStatus,
    StepWay,
)
from vms.scheduling.models import Invitee, Meeting, MeetingStatus
from vms.screening.principles import services as principles

#: Separators no single-line title holds (titles are normalised to one line by the form).
_FIELD, _ITEM = "\x1f", "\x1e"


def step_done(program: Program, user_id: ColumnElement) -> ColumnElement[bool]:
    """A condition on ``OrientationStep``: the mentor ``user_id`` (a column) has done it.

    Each subquery names what it reads itself: the step and the mentor come from whichever
    enclosing statement holds them (SQLAlchemy correlates only to the nearest one otherwise)."""
    completed = (
        exists()
        .where(StepCompletion.step_id == OrientationStep.id, StepCompletion.mentor_id == user_id)
        .correlate_except(StepCompletion)
    )
    attended = exists().where(
        Invitee.user_id == user_id, Invitee.attended.is_(True), Invitee.meeting_id == Meeting.id,
        Meeting.program_id == program.id, Meeting.kind == OrientationStep.meeting_kind,
        Meeting.status == MeetingStatus.SCHEDULED,
    ).correlate_except(Invitee, Meeting)  # fmt: skip
    return or_(
        completed,
        and_(OrientationStep.way == StepWay.EVENT, attended),
        and_(OrientationStep.way == StepWay.PRINCIPLES,
             user_id.in_(principles.current_signers(program))),
    )  # fmt: skip


def active_steps(program: Program):
    return (OrientationStep.program_id == program.id) & (
        OrientationStep.status == StepStatus.ACTIVE
    )


def required(program: Program) -> ColumnElement[bool]:
    return exists().where(PreparationRule.program_id == program.id, PreparationRule.required)


def steps_left(program: Program, user_id: ColumnElement):
    """A scalar subquery: the titles of the steps the mentor ``user_id`` has left, when the
    program requires them (NULL: nothing stands in their way). Read with ``titles_of``.

    One string, so the pool reads the reason in the statement that reads the mentors; each
    title carries its position, as neither database promises the order of an aggregate."""
    item = cast(OrientationStep.position + 100000, String) + literal(_FIELD) + OrientationStep.title
    return (
        select(func.aggregate_strings(item, _ITEM))
        .where(active_steps(program), ~step_done(program, user_id), required(program))
        .correlate_except(OrientationStep)
        .scalar_subquery()
    )


def steps_outstanding(program: Program, user_id: ColumnElement) -> ColumnElement[bool]:
    """The mentor ``user_id`` has a step left (required or not)."""
    return (
        exists()
        .where(active_steps(program), ~step_done(program, user_id))
        .correlate_except(OrientationStep)
    )


def prepared(program: Program, user_id: ColumnElement) -> ColumnElement[bool]:
    """The mentor ``user_id`` may join a team as far as preparation goes."""
    return ~and_(required(program), steps_outstanding(program, user_id))


def titles_of(stored: str | None) -> tuple[str, ...]:
    """``steps_left``'s string as the titles, in the steps' order."""
    if not stored:
        return ()
    items = sorted(part.split(_FIELD, 1) for part in stored.split(_ITEM))
    return tuple(title for _position, title in items)
