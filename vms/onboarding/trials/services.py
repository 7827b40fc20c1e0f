"""Defining, starting and stopping a trial. Services flush; the view commits.

Starting locks the program, so two starts at once (two trials of one audience, or a double
click) run one after the other and the second is refused with the reason; the partial
unique index on running trials is the database's own guard behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.onboarding.trials.models import (
    Audience,
    Treatment,
    Trial,
    TrialArm,
    TrialRefused,
    TrialStatus,
)
from vms.row_locks import lock
from vms.states import IllegalTransition


@dataclass(frozen=True)
class ArmInput:
    name: str
    treatment: Treatment
    message: str = ""
    is_comparison: bool = False


@dataclass(frozen=True)
class TrialInput:
    audience: Audience
    name: str
    question: str
    arms: list[ArmInput]


def trial_in_program(program: Program, trial_id: int) -> Trial | None:
    return db.session.scalar(select(Trial).where(Trial.id == trial_id,
                                                 Trial.program_id == program.id))  # fmt: skip


def create_trial(program: Program, data: TrialInput) -> Trial:
    trial = Trial(program_id=program.id, status=TrialStatus.DRAFT)
    db.session.add(trial)
    _apply(trial, data)
    return trial


def update_trial(trial: Trial, data: TrialInput) -> None:
    """Refused once the trial runs (``TrialRefused``): what was assigned stays comparable."""
    lock(trial)
    trial.ensure_editable()
    trial.arms.clear()
    db.session.flush()  # the old arms go before the new take their places (unique)
    _apply(trial, data)


def _apply(trial: Trial, data: TrialInput) -> None:
    trial.audience, trial.name, trial.question = data.audience, data.name, data.question
    trial.arms = [
        TrialArm(position=n, name=arm.name, treatment=arm.treatment,
                 is_comparison=arm.is_comparison,
                 message=arm.message if arm.treatment is Treatment.MESSAGE else "")
        for n, arm in enumerate(data.arms)
    ]  # fmt: skip
    db.session.flush()


def running_trial(program_id: int, audience: Audience) -> Trial | None:
    return db.session.scalar(select(Trial).where(
        Trial.program_id == program_id, Trial.audience == audience,
        Trial.status == TrialStatus.RUNNING))  # fmt: skip


def start_trial(program: Program, trial: Trial, now: datetime | None = None) -> None:
    lock(program)
    if trial.status is not TrialStatus.DRAFT:
        raise TrialRefused(_l("This trial has already been started."))
    other = running_trial(program.id, trial.audience)
    if other is not None:
        raise TrialRefused(_already_running(other))
    trial.start(now or now_utc())
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as lost:  # another worker's start won (the index held)
        raise TrialRefused(_l("Another trial for this audience has just been started: stop "
                              "it first.")) from lost  # fmt: skip


def _already_running(other: Trial) -> str:
    # Plain gettext, not lazy: the trial's name is the coordinator's text, kept escaped.
    return _(
        "“%(name)s” is running for the same people: stop it first (one trial at a time, "
        "or no one could tell which treatment did what).",
        name=other.name,
    )


def stop_trial(trial: Trial, now: datetime | None = None) -> None:
    """Stop assigning newcomers; every assignment is kept, and the result stays readable."""
    lock(trial)
    try:
        trial.stop(now or now_utc())
    except IllegalTransition as refused:
        raise TrialRefused(_l("Only a running trial can be stopped.")) from refused
    db.session.flush()
