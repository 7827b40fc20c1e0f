"""The trials' part of a grown unit (tests/grown_world.py): every venture of the program that
a started venture trial does not hold yet is assigned to it, and so is every mentor for a
started mentor trial, round the arms in turn, so the trials' pages and results read more
assignments. Rows are written directly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from vms.auth.models import Membership, Role
from vms.cohorts.models import Venture
from vms.extensions import db
from vms.onboarding.trials.models import Audience, Trial, TrialAssignment, TrialStatus

if TYPE_CHECKING:
    from tests.grown_world import Cast


def grow(cast: Cast, unit: int) -> None:
    program = cast.program
    db.session.flush()
    trials = db.session.scalars(select(Trial).where(
        Trial.program_id == program.id, Trial.status != TrialStatus.DRAFT))  # fmt: skip
    for trial in trials:
        ventures = trial.audience is Audience.VENTURES
        column = TrialAssignment.venture_id if ventures else TrialAssignment.mentor_id
        taken = select(column).where(TrialAssignment.trial_id == trial.id, column.is_not(None))
        newcomers = db.session.scalars(
            select(Venture.id).where(Venture.program_id == program.id, Venture.id.not_in(taken))
            if ventures else
            select(Membership.user_id).where(Membership.program_id == program.id,
                                             Membership.role == Role.MENTOR,
                                             Membership.user_id.not_in(taken))
        ).all()  # fmt: skip
        key = "venture_id" if ventures else "mentor_id"
        db.session.add_all(
            TrialAssignment(trial_id=trial.id, arm_id=trial.arms[(n + unit) % len(trial.arms)].id,
                            **{key: subject})
            for n, subject in enumerate(newcomers)
        )  # fmt: skip
    db.session.flush()
