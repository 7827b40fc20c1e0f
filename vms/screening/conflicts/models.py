"""Conflicts of interest, requests for a commercial relationship, and recusals."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.cohorts.models import Venture
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.states import IllegalTransition


class ConflictKind(enum.Enum):
    VENTURE = "venture"
    COMPANY = "company"
    SECTOR = "sector"

    @property
    def label(self) -> str:
        return str({ConflictKind.VENTURE: _l("A venture of the program"),
                    ConflictKind.COMPANY: _l("A company"),
                    ConflictKind.SECTOR: _l("A sector")}[self])  # fmt: skip


class RelationshipKind(enum.Enum):
    INVEST = "invest"
    WORK = "work"
    SELL = "sell"

    @property
    def label(self) -> str:
        return str({RelationshipKind.INVEST: _l("Invest in the venture"),
                    RelationshipKind.WORK: _l("Work for the venture"),
                    RelationshipKind.SELL: _l("Sell to the venture")}[self])  # fmt: skip


class RequestStatus(enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class ConflictDeclaration(db.Model):
    __tablename__ = "conflict_declarations"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ConflictKind] = mapped_column(enum_type(ConflictKind))
    #: Set when the conflict is with one of the program's ventures.
    venture_id: Mapped[int | None] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    #: The company or sector, in the mentor's words (or the venture's name).
    subject: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    mentor: Mapped[User] = relationship()
    venture: Mapped[Venture | None] = relationship()


class CommercialRequest(db.Model):
    """A mentor asks to invest in, work for or sell to a venture; the coordinator decides."""

    __tablename__ = "commercial_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    kind: Mapped[RelationshipKind] = mapped_column(enum_type(RelationshipKind))
    details: Mapped[str] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(
        enum_type(RequestStatus), default=RequestStatus.PENDING
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")

    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    venture: Mapped[Venture] = relationship()

    def decide(self, approve: bool, actor: User, note: str, now: datetime) -> None:
        target = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
        if self.status is not RequestStatus.PENDING:
            raise IllegalTransition(self.status, target)
        self.status, self.decided_by, self.decided_at = target, actor, now
        self.decision_note = note


class Recusal(db.Model):
    """A mentor who may never be on a venture's team, and why."""

    __tablename__ = "recusals"
    __table_args__ = (UniqueConstraint("mentor_id", "venture_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("commercial_requests.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    mentor: Mapped[User] = relationship()
    venture: Mapped[Venture] = relationship()
