"""Mentor preparation for the every-page world (tests/every_page_world.py).

The demo defines four orientation steps, most mentors done, a few with steps left, and
requires them (vms/onboarding/preparation/demo.py). The sister program gets the same steps
through the same function, with one step retired (its page shows a retired step), and each
program gives its steps for the pages that take a ``step_id``.
"""

from __future__ import annotations

from sqlalchemy import select

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.onboarding.preparation import services
from vms.onboarding.preparation.demo import preparation
from vms.onboarding.preparation.models import OrientationStep


def grow_sister_preparation(sister: Program, coordinator: User) -> None:
    mentors = list(db.session.scalars(
        select(User).join(Membership).where(Membership.program_id == sister.id,
                                            Membership.role == Role.MENTOR).order_by(User.id)
    ))  # fmt: skip
    preparation(sister, mentors, [], coordinator)
    services.retire_step(services.steps_of(sister)[1])
    db.session.flush()


def preparation_values(program: Program) -> dict[str, list]:
    """The program's steps, a retired one among them where there is one."""
    steps = db.session.scalars(
        select(OrientationStep.id).where(OrientationStep.program_id == program.id)
        .order_by(OrientationStep.position).limit(2)
    ).all()  # fmt: skip
    return {"step_id": list(steps)}
