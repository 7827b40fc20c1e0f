"""The agreements' part of a person's home page, in a fixed number of statements."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from vms.agreements.jobs import CHECK_IN_EVERY
from vms.agreements.models import (
    Agreement,
    AgreementCheckIn,
    AgreementParty,
    AgreementSignature,
    AgreementStatus,
)
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.extensions import db


def home_for(program: Program, user: User) -> dict:
    """``to_sign``: agreements waiting for this person's signature on the current version;
    ``active``: (agreement, when the next check-in is due) for their active agreements."""
    mine = db.session.scalars(
        select(Agreement).join(AgreementParty)
        .where(Agreement.program_id == program.id, AgreementParty.user_id == user.id,
               Agreement.status.in_((AgreementStatus.OUT_FOR_SIGNATURE, AgreementStatus.ACTIVE)))
        .options(selectinload(Agreement.versions), selectinload(Agreement.template))
        .order_by(Agreement.id)
    ).all()  # fmt: skip
    ids = [a.id for a in mine]
    signed_versions = set(db.session.scalars(
        select(AgreementSignature.version_id)
        .where(AgreementSignature.agreement_id.in_(ids), AgreementSignature.user_id == user.id)
    )) if ids else set()  # fmt: skip
    last = dict(db.session.execute(
        select(AgreementCheckIn.agreement_id, func.max(AgreementCheckIn.created_at))
        .where(AgreementCheckIn.agreement_id.in_(ids)).group_by(AgreementCheckIn.agreement_id)
    ).all()) if ids else {}  # fmt: skip
    to_sign = [a for a in mine if a.status is AgreementStatus.OUT_FOR_SIGNATURE
               and a.current_version and a.current_version.id not in signed_versions]  # fmt: skip
    active = [(a, _next_check_in(a, last.get(a.id))) for a in mine
              if a.status is AgreementStatus.ACTIVE]  # fmt: skip
    return {"to_sign": to_sign, "active": active}


def _next_check_in(agreement: Agreement, last: datetime | None) -> datetime | None:
    since = last or agreement.activated_at
    return since + CHECK_IN_EVERY if since else None
