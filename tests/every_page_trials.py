"""Onboarding trials for the every-page world (tests/every_page_world.py): the demo program
has the demo's finished trial (vms/onboarding/trials/demo.py); each program gets a draft (its
edit page shows the form), and the sister program a running venture trial holding its
ventures and a running mentor trial holding a mentor, made through the services."""

from __future__ import annotations

import random

from sqlalchemy import select

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program, Venture
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.trials import intake, services
from vms.onboarding.trials.models import Audience, Treatment, Trial
from vms.onboarding.trials.services import ArmInput, TrialInput

_ARMS = [ArmInput("Mensaje de bienvenida", Treatment.MESSAGE, "Nos alegra teneros aquí."),
         ArmInput("Página de bienvenida", Treatment.WELCOME),
         ArmInput("Sin nada", Treatment.NOTHING, is_comparison=True)]  # fmt: skip


def _trial(program: Program, audience: Audience, name: str, start: bool) -> Trial:
    trial = services.create_trial(program, TrialInput(audience, name, "¿Ayuda?", _ARMS))
    if start:
        services.start_trial(program, trial)
    return trial


def grow_trials(program: Program, sister: bool) -> None:
    _trial(program, Audience.VENTURES, f"Borrador {program.slug}", start=False)
    if not sister:
        return
    ventures = _trial(program, Audience.VENTURES, "Bienvenida de Cierzo", start=True)
    for venture in db.session.scalars(select(Venture).where(Venture.program_id == program.id)):
        intake.assign_venture(venture, ventures.started_at, random.Random(venture.id))
    _trial(program, Audience.MENTORS, "Mentores de Cierzo", start=True)
    mentor = db.session.scalar(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.program_id == program.id, Membership.role == Role.MENTOR)
        .order_by(User.id).limit(1)
    )  # fmt: skip
    db.session.execute(  # joined "now", as a new mentor would: the trial takes them
        Membership.__table__.update().where(Membership.program_id == program.id,
                                            Membership.user_id == mentor.id,
                                            Membership.role == Role.MENTOR)
        .values(created_at=now_utc()))  # fmt: skip
    intake.assign_mentor(program, mentor, rng=random.Random(1))
    db.session.flush()


def trial_values(program: Program) -> dict[str, list]:
    """Every trial of the program (stopped, running, draft)."""
    return {"trial_id": list(db.session.scalars(
        select(Trial.id).where(Trial.program_id == program.id).order_by(Trial.id)))}  # fmt: skip
