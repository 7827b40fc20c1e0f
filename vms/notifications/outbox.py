"""The coordinators' outbox: one program's mail, what went to whom and when, what waits, what
failed and why; and sending a failed email again."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from vms.cohorts.models import Program
from vms.extensions import db
from vms.mail.models import EmailStatus, OutboxEmail
from vms.paging import Page, page_of
from vms.row_locks import lock


@dataclass(frozen=True)
class OutboxFilter:
    status: EmailStatus | None = None
    #: Part of the address or the subject.
    query: str = ""

    @classmethod
    def from_args(cls, args) -> OutboxFilter:
        raw = args.get("status", "")
        status = EmailStatus(raw) if raw in {s.value for s in EmailStatus} else None
        return cls(status, args.get("q", "").strip()[:200])

    def link_args(self) -> dict:
        return {"status": self.status.value if self.status else None, "q": self.query or None}


def status_counts(program: Program) -> dict[EmailStatus, int]:
    rows = db.session.execute(
        select(OutboxEmail.status, func.count())
        .where(OutboxEmail.program_id == program.id).group_by(OutboxEmail.status)
    ).all()  # fmt: skip
    return {status: 0 for status in EmailStatus} | dict(rows)


def outbox_page(program: Program, chosen: OutboxFilter, number: int,
                counts: dict[EmailStatus, int]) -> Page[OutboxEmail]:  # fmt: skip
    """One page of the program's emails, newest first (the id breaks ties)."""
    statement = (
        select(OutboxEmail).where(OutboxEmail.program_id == program.id)
        .order_by(OutboxEmail.created_at.desc(), OutboxEmail.id.desc())
    )  # fmt: skip
    total = counts[chosen.status] if chosen.status else sum(counts.values())
    if chosen.status is not None:
        statement = statement.where(OutboxEmail.status == chosen.status)
    if chosen.query:
        pattern = f"%{chosen.query.lower()}%"
        statement = statement.where(or_(func.lower(OutboxEmail.to_address).like(pattern),
                                        func.lower(OutboxEmail.subject).like(pattern)))  # fmt: skip
        total = None  # counted by page_of
    return page_of(statement, number, total=total)


def email_in_program(program: Program, email_id: int) -> OutboxEmail | None:
    return db.session.scalar(
        select(OutboxEmail).where(OutboxEmail.id == email_id,
                                  OutboxEmail.program_id == program.id)
    )  # fmt: skip


def resend(email: OutboxEmail) -> bool:
    """Queue a failed email again, for a fresh set of tries. False when it is no longer failed
    (a second click, or another coordinator's): nothing to do, and no error."""
    lock(email)
    if email.status is not EmailStatus.FAILED:
        return False
    email.resend()
    return True
