"""The preparation card on a mentor's home: the steps left (one statement)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import literal, select

from vms.auth.models import Role, User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.onboarding.preparation import progress
from vms.onboarding.preparation.models import OrientationStep


@dataclass(frozen=True)
class PreparationCard:
    #: The titles of the steps left, in order.
    left: list[str]
    #: The program requires preparation before a mentor joins a team.
    required: bool


def home_for(program: Program, user: User, roles) -> PreparationCard | None:
    """The card for a mentor with steps left (None for anyone else, or with nothing left)."""
    if Role.MENTOR not in roles:
        return None
    rows = db.session.execute(
        select(OrientationStep.title, progress.required(program))
        .where(progress.active_steps(program), ~progress.step_done(program, literal(user.id)))
        .order_by(OrientationStep.position, OrientationStep.id)
    ).all()  # fmt: skip
    if not rows:
        return None
    return PreparationCard([title for title, _required in rows], bool(rows[0][1]))
