"""Declaring conflicts, asking for a commercial relationship, and recusal on approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from blinker import Namespace
from sqlalchemy import Row, func, select
from sqlalchemy.orm import Bundle, aliased, joinedload

from vms import row_locks
from vms.auth.models import User
from vms.cohorts.models import Program, Venture
from vms.database import now_utc
from vms.extensions import db
from vms.paging import Page, page_of
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


def program_ventures(program: Program) -> list[Row]:
    """The program's ventures as (id, name) rows, by name: the mentor's forms choose among
    them (a program holds a thousand: whole rows cost ~10 ms to load)."""
    return list(
        db.session.execute(
            select(Venture.id, Venture.name)
            .where(Venture.program_id == program.id)
            .order_by(Venture.name, Venture.id)
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
    # The venture each request names comes with it (the forms no longer load every venture).
    requests = db.session.scalars(
        select(CommercialRequest)
        .where(CommercialRequest.program_id == program.id, CommercialRequest.mentor_id == mentor.id)
        .options(joinedload(CommercialRequest.venture))
        .order_by(CommercialRequest.requested_at.desc())
    ).all()  # fmt: skip
    return declarations, requests


@dataclass(frozen=True)
class ReviewPages:
    """Which page of each list the coordinator is on (each list pages on its own)."""

    requests: int = 1
    declarations: int = 1
    recusals: int = 1


@dataclass(frozen=True)
class Review:
    """Each list's rows are the columns it shows (names included), not model objects."""

    #: Pending first, then the latest.
    requests: Page[Row]
    #: Requests waiting for a decision, on every page.
    pending: int
    declarations: Page[Row]
    recusals: Page[Row]


def review(program: Program, pages: ReviewPages = ReviewPages()) -> Review:
    """What a coordinator reviews, one page of each list: requests (pending first),
    declarations, recusals. Four statements: the counts, then each page's rows with the
    names they show (years of records never reach the page at once)."""
    requests, pending, declarations, recusals = db.session.execute(select(
        _counted(CommercialRequest, program),
        _counted(CommercialRequest, program, CommercialRequest.status == RequestStatus.PENDING),
        _counted(ConflictDeclaration, program), _counted(Recusal, program),
    )).one()  # fmt: skip
    return Review(
        page_of(_requests(program), pages.requests, total=requests), pending,
        page_of(_declarations(program), pages.declarations, total=declarations),
        page_of(_recusals(program), pages.recusals, total=recusals),
    )  # fmt: skip


def _counted(model, program: Program, *where):
    return (select(func.count()).select_from(model)
            .where(model.program_id == program.id, *where).scalar_subquery())  # fmt: skip


def _requests(program: Program):
    """Only what the list shows, as plain rows (no objects to build and track per row)."""
    mentor, decider = aliased(User), aliased(User)
    shown = Bundle(
        "request", CommercialRequest.id, CommercialRequest.kind, CommercialRequest.details,
        CommercialRequest.status, CommercialRequest.decision_note,
        mentor.name.label("mentor_name"), Venture.name.label("venture_name"),
        decider.name.label("decided_by_name"),
    )  # fmt: skip
    return (
        select(shown).select_from(CommercialRequest)
        .join(mentor, mentor.id == CommercialRequest.mentor_id)
        .join(Venture, Venture.id == CommercialRequest.venture_id)
        .outerjoin(decider, decider.id == CommercialRequest.decided_by_id)
        .where(CommercialRequest.program_id == program.id)
        .order_by(CommercialRequest.status != RequestStatus.PENDING,
                  CommercialRequest.requested_at.desc(), CommercialRequest.id.desc())
    )  # fmt: skip


def _declarations(program: Program):
    shown = Bundle(
        "declaration", ConflictDeclaration.id, ConflictDeclaration.kind,
        ConflictDeclaration.subject, ConflictDeclaration.details, User.name.label("mentor_name"),
    )  # fmt: skip
    return (
        select(shown).select_from(ConflictDeclaration)
        .join(User, User.id == ConflictDeclaration.mentor_id)
        .where(ConflictDeclaration.program_id == program.id)
        .order_by(ConflictDeclaration.declared_at.desc(), ConflictDeclaration.id.desc())
    )  # fmt: skip


def _recusals(program: Program):
    shown = Bundle("recusal", Recusal.id, Recusal.reason, User.name.label("mentor_name"),
                   Venture.name.label("venture_name"))  # fmt: skip
    return (
        select(shown).select_from(Recusal)
        .join(User, User.id == Recusal.mentor_id).join(Venture, Venture.id == Recusal.venture_id)
        .where(Recusal.program_id == program.id)
        .order_by(Recusal.created_at.desc(), Recusal.id.desc())
    )  # fmt: skip


def request_in_program(program: Program, request_id: int) -> CommercialRequest | None:
    return db.session.scalar(
        select(CommercialRequest).where(
            CommercialRequest.id == request_id, CommercialRequest.program_id == program.id
        )
    )
