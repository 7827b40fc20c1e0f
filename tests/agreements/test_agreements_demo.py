"""The demo's agreements: one active with both signatures and two check-ins, one waiting for a
signature, one team engagement; loading them twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from vms.agreements import demo
from vms.agreements.models import Agreement, AgreementCheckIn, AgreementKind, AgreementStatus
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.demo_data import load_demo
from vms.extensions import db


def test_the_demo_has_an_active_a_waiting_and_a_team_agreement(app):
    load_demo()
    program = db.session.scalar(select(Program).where(Program.slug == "demo"))
    coordinator = db.session.scalar(select(User).where(User.name == "Casey Coordinator"))
    demo.agreements(program, coordinator)
    demo.agreements(program, coordinator)
    db.session.commit()
    made = db.session.scalars(select(Agreement).order_by(Agreement.id)).all()
    assert [(a.kind, a.status) for a in made] == [
        (AgreementKind.PEER, AgreementStatus.ACTIVE),
        (AgreementKind.PEER, AgreementStatus.OUT_FOR_SIGNATURE),
        (AgreementKind.TEAM, AgreementStatus.OUT_FOR_SIGNATURE),
    ]
    assert db.session.scalar(select(func.count()).select_from(AgreementCheckIn)) == 2
