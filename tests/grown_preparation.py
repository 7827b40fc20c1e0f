"""Mentor preparation in a grown unit (tests/grown_world.py): two more orientation steps (one
retired), and completions of the program's steps by most of its mentors (the personas among
them, a step left for some), so the steps page, the list of who is prepared, a mentor's own
page and home card, and the team pages (which read the steps left of every mentor they
show) all read more of them.

Rows are written directly, with real keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from vms.auth.models import Membership, Role
from vms.extensions import db
from vms.onboarding.preparation.models import (
    CompletionHow,
    OrientationStep,
    StepCompletion,
    StepStatus,
    StepWay,
)
from vms.scheduling.models import MeetingKind

if TYPE_CHECKING:
    from tests.grown_world import Cast


def grow(cast: Cast, unit: int) -> None:
    program = cast.program
    last = (
        db.session.scalar(
            select(func.max(OrientationStep.position)).where(
                OrientationStep.program_id == program.id
            )
        )
        or 0
    )
    db.session.add_all([
        OrientationStep(program_id=program.id, title=f"Grown handbook {unit}", position=last + 1,
                        way=StepWay.CONFIRMED, description="Read it."),
        OrientationStep(program_id=program.id, title=f"Grown session {unit}", position=last + 2,
                        way=StepWay.EVENT, meeting_kind=MeetingKind.MENTOR_MEETING,
                        status=StepStatus.RETIRED),
    ])  # fmt: skip
    db.session.flush()
    steps = db.session.scalars(
        select(OrientationStep.id).where(OrientationStep.program_id == program.id)
    ).all()
    mentors = db.session.scalars(
        select(Membership.user_id)
        .where(Membership.program_id == program.id, Membership.role == Role.MENTOR)
        .order_by(Membership.user_id)
    ).all()  # fmt: skip
    done = set(db.session.execute(
        select(StepCompletion.step_id, StepCompletion.mentor_id)
        .where(StepCompletion.step_id.in_(steps))
    ).tuples())  # fmt: skip
    # Every third mentor leaves the newest step undone.
    db.session.add_all(
        StepCompletion(step_id=step_id, mentor_id=mentor_id, how=CompletionHow.CONFIRMED)
        for n, mentor_id in enumerate(mentors) for step_id in steps
        if (step_id, mentor_id) not in done and not (n % 3 == 0 and step_id == max(steps))
    )  # fmt: skip
