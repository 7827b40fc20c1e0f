"""The agreements' part of a person's home page: one statement, however many agreements,
versions, signatures and check-ins there are."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload

from vms.agreements.jobs import CHECK_IN_EVERY
from vms.agreements.models import (
    Agreement,
    AgreementCheckIn,
    AgreementParty,
    AgreementSignature,
    AgreementStatus,
    AgreementVersion,
)
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.extensions import db


def home_for(program: Program, user: User) -> dict:
    """``to_sign``: agreements waiting for this person's signature on the current version;
    ``active``: (agreement, when the next check-in is due) for their active agreements."""
    current = (
        select(AgreementVersion.id).where(AgreementVersion.agreement_id == Agreement.id)
        .order_by(AgreementVersion.number.desc()).limit(1).scalar_subquery()
    )  # fmt: skip
    signed = exists().where(
        AgreementSignature.agreement_id == Agreement.id, AgreementSignature.user_id == user.id,
        AgreementSignature.version_id == current,
    )  # fmt: skip
    last_check_in = (
        select(func.max(AgreementCheckIn.created_at))
        .where(AgreementCheckIn.agreement_id == Agreement.id).scalar_subquery()
    )  # fmt: skip
    rows = db.session.execute(
        select(Agreement, current.is_not(None), signed, last_check_in)
        .join(AgreementParty)
        .where(Agreement.program_id == program.id, AgreementParty.user_id == user.id,
               Agreement.status.in_((AgreementStatus.OUT_FOR_SIGNATURE, AgreementStatus.ACTIVE)))
        .options(joinedload(Agreement.template))
        .order_by(Agreement.id)
    ).tuples().all()  # fmt: skip
    waiting = AgreementStatus.OUT_FOR_SIGNATURE
    to_sign = [agreement for agreement, has_text, done, _ in rows
               if agreement.status is waiting and has_text and not done]  # fmt: skip
    active = [(agreement, _next_check_in(agreement, last)) for agreement, _, _, last in rows
              if agreement.status is AgreementStatus.ACTIVE]  # fmt: skip
    return {"to_sign": to_sign, "active": active}


def _next_check_in(agreement: Agreement, last: datetime | None) -> datetime | None:
    since = last or agreement.activated_at
    return since + CHECK_IN_EVERY if since else None
