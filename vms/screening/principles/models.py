"""Guiding principles: versioned texts that never change, and the signatures on them."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.database import UTCDateTime, now_utc
from vms.extensions import db


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ImmutableText(Exception):
    """Published principles are never edited: publish a new version instead."""


class PrinciplesVersion(db.Model):
    __tablename__ = "principles_versions"
    __table_args__ = (UniqueConstraint("program_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    #: 1, 2, 3… within the program; the highest is the current version.
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    #: SHA-256 of ``text``, computed once, so any later change is detectable.
    text_sha256: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    signatures: Mapped[list[Signature]] = relationship(back_populates="version")


@event.listens_for(PrinciplesVersion, "before_update")
def _refuse_text_changes(_mapper, _connection, version: PrinciplesVersion) -> None:
    history = db.inspect(version).attrs
    if history.text.history.has_changes() or history.text_sha256.history.has_changes():
        raise ImmutableText(f"principles version {version.number} cannot be edited")


class Signature(db.Model):
    """Evidence of one signature: who, the typed name, consent, when, from where, what text."""

    __tablename__ = "principles_signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("principles_versions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    typed_name: Mapped[str] = mapped_column(String(120))
    consented: Mapped[bool] = mapped_column(Boolean)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    ip_address: Mapped[str] = mapped_column(String(45))
    user_agent: Mapped[str] = mapped_column(String(400))
    #: SHA-256 of the exact text shown and signed.
    text_sha256: Mapped[str] = mapped_column(String(64))

    version: Mapped[PrinciplesVersion] = relationship(back_populates="signatures")
    user: Mapped[User] = relationship()
