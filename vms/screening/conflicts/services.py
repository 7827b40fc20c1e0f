"""Declaring conflicts, asking for a commercial relationship, and recusal on approval."""

from __future__ import annotations

from datetime import datetime

from blinker import Namespace
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms import row_locks
from vms.auth.models import User
from vms.cohorts.models import Program, Venture
from vms.database import now_utc
from vms.extensions import db
from vms.screening.conflicts.models import (
    CommercialRequest,
    ConflictDeclaration,
    ConflictKind,
    Recusal,
    RelationshipKind,
    RequestStatus,
)

_signals = Namespace()
#: Sent with the recusal as sender: the teams feature takes the mentor off that team.
mentor_recused = _signals.signal("mentor-recused")
#: Sent with the new declaration, or the new commercial request, as sender (the coordinators
#: are told: vms.notifications.nudges.activity).
conflict_declared = _signals.signal("conflict-declared")
relationship_requested = _signals.signal("relationship-requested")


def program_ventures(program: Program) -> list[Venture]:
    return list(
        db.session.scalars(
            select(Venture).where(Venture.program_id == program.id).order_by(Venture.name)
        )
    )


def venture_in_program(program: Program, venture_id: int | None) -> Venture | None:
    if venture_id is None:
        return None
    return db.session.scalar(
        select(Venture).where(Venture.id == venture_id, Venture.program_id == program.id)
    )


def declare(
    program: Program, mentor: User, kind: ConflictKind, venture: Venture | None,
    subject: str, details: str,
) -> ConflictDeclaration:  # fmt: skip
    """Record a conflict; one with a venture recuses the mentor from its team at once."""
    declaration = ConflictDeclaration(
        program_id=program.id, mentor_id=mentor.id, kind=kind,
        venture_id=venture.id if venture else None,
        subject=venture.name if venture else subject.strip(), details=details.strip(),
    )  # fmt: skip
    db.session.add(declaration)
    db.session.flush()
    conflict_declared.send(declaration)
    if venture is not None:
        recuse(program, mentor, venture, f"declared conflict: {details.strip() or kind.value}")
    return declaration


def request_relationship(
    program: Program, mentor: User, venture: Venture, kind: RelationshipKind, details: str
) -> CommercialRequest:
    request = CommercialRequest(
        program_id=program.id, mentor_id=mentor.id, venture_id=venture.id, kind=kind,
        details=details.strip(), status=RequestStatus.PENDING,
    )  # fmt: skip
    db.session.add(request)
    db.session.flush()
    relationship_requested.send(request)
    return request


def decide(
    request: CommercialRequest, approve: bool, actor: User, note: str,
    now: datetime | None = None,
) -> None:  # fmt: skip
    """The coordinator's decision; approval recuses the mentor from the venture, with why."""
    row_locks.lock(request)  # decided once, even from two coordinators at the same moment
    request.decide(approve, actor, note.strip(), now or now_utc())
    db.session.flush()
    if approve:
        program = db.session.get(Program, request.program_id)
        reason = f"approved request to {request.kind.value}: {note.strip() or request.details}"
        recuse(program, request.mentor, request.venture, reason, request)


def recuse(
    program: Program, mentor: User, venture: Venture, reason: str,
    request: CommercialRequest | None = None,
) -> Recusal:  # fmt: skip
    existing = db.session.scalar(
        select(Recusal).where(Recusal.mentor_id == mentor.id, Recusal.venture_id == venture.id)
    )
    if existing is not None:
        return existing
    recusal = Recusal(
        program_id=program.id, mentor_id=mentor.id, venture_id=venture.id, reason=reason[:2000],
        request_id=request.id if request else None,
    )  # fmt: skip
    db.session.add(recusal)
    db.session.flush()
    mentor_recused.send(recusal)
    return recusal


def conflicted_venture_ids(program: Program, mentor_id: int) -> set[int]:
    """Ventures this mentor may never be placed with (for the team builder)."""
    return set(
        db.session.scalars(
            select(Recusal.venture_id).where(
                Recusal.program_id == program.id, Recusal.mentor_id == mentor_id
            )
        )
    )


def mentor_records(program: Program, mentor: User):
    mine = (ConflictDeclaration.program_id == program.id) & (
        ConflictDeclaration.mentor_id == mentor.id
    )
    declarations = db.session.scalars(
        select(ConflictDeclaration).where(mine).order_by(ConflictDeclaration.declared_at.desc())
    ).all()
    requests = db.session.scalars(
        select(CommercialRequest)
        .where(CommercialRequest.program_id == program.id, CommercialRequest.mentor_id == mentor.id)
        .order_by(CommercialRequest.requested_at.desc())
    ).all()  # fmt: skip
    return declarations, requests


def review(program: Program):
    """Everything a coordinator reviews: requests (pending first), declarations, recusals."""
    # The people and ventures each row names are loaded with the rows, not one by one.
    requests = db.session.scalars(
        select(CommercialRequest)
        .where(CommercialRequest.program_id == program.id)
        .options(selectinload(CommercialRequest.mentor), selectinload(CommercialRequest.venture),
                 selectinload(CommercialRequest.decided_by))
        .order_by(CommercialRequest.status != RequestStatus.PENDING,
                  CommercialRequest.requested_at.desc())
    ).all()  # fmt: skip
    declarations = db.session.scalars(
        select(ConflictDeclaration)
        .where(ConflictDeclaration.program_id == program.id)
        .options(selectinload(ConflictDeclaration.mentor),
                 selectinload(ConflictDeclaration.venture))
        .order_by(ConflictDeclaration.declared_at.desc())
    ).all()  # fmt: skip
    recusals = db.session.scalars(
        select(Recusal)
        .where(Recusal.program_id == program.id)
        .options(selectinload(Recusal.mentor), selectinload(Recusal.venture))
        .order_by(Recusal.created_at.desc())
    ).all()
    return requests, declarations, recusals


def request_in_program(program: Program, request_id: int) -> CommercialRequest | None:
    return db.session.scalar(
        select(CommercialRequest).where(
            CommercialRequest.id == request_id, CommercialRequest.program_id == program.id
        )
    )
