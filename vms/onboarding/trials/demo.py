"""The demo's finished trial: last year's eight ventures (the evidence dashboard's history)
were randomised between a welcome video and nothing. Every welcomed venture got a team, two
of the four others did: a visible difference, and an honestly uncertain one (four in each
arm, and the interval reaches below zero), which the trial's page says. Rows are written
directly, as the history's are; nothing is added twice."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from vms.cohorts.models import Program, Venture
from vms.database import now_utc
from vms.evidence.dashboard.demo import VENTURES
from vms.extensions import db
from vms.onboarding.trials.models import (
    Audience,
    Treatment,
    Trial,
    TrialArm,
    TrialAssignment,
    TrialStatus,
)

NAME = "Welcome video or nothing"
#: Last year's ventures shown the welcome video (the other four had nothing).
WELCOMED = ("Lumen Analytics", "Brightwater Labs", "Oakline Foods", "Sable Health")


def finished_trial(program: Program) -> None:
    if db.session.scalar(select(Trial.id).where(Trial.program_id == program.id,
                                                Trial.name == NAME)):  # fmt: skip
        return
    names = [row[0] for row in VENTURES]
    ventures = {v.name: v for v in db.session.scalars(
        select(Venture).where(Venture.program_id == program.id, Venture.name.in_(names))
    )}  # fmt: skip
    if not ventures:
        return
    now = now_utc().replace(minute=0, second=0, microsecond=0)
    welcome = TrialArm(position=0, name="Welcome video", treatment=Treatment.WELCOME)
    nothing = TrialArm(position=1, name="Nothing", treatment=Treatment.NOTHING, is_comparison=True)
    trial = Trial(program_id=program.id, audience=Audience.VENTURES, name=NAME,
                  question="Does a welcome video showing a good first meeting help new "
                           "ventures reach a team?", status=TrialStatus.STOPPED,
                  created_at=now - timedelta(days=400), started_at=now - timedelta(days=395),
                  stopped_at=now - timedelta(days=35), arms=[welcome, nothing])  # fmt: skip
    db.session.add(trial)
    db.session.flush()
    db.session.add_all(
        TrialAssignment(trial_id=trial.id, arm_id=(welcome if name in WELCOMED else nothing).id,
                        venture_id=venture.id, assigned_at=venture.created_at)
        for name, venture in ventures.items()
    )  # fmt: skip
    db.session.flush()
