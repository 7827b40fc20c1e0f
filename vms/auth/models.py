"""People, their roles in programs, and the records that protect sign-in."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l


class Role(enum.Enum):
    COORDINATOR = "coordinator"
    MENTOR = "mentor"
    ENTREPRENEUR = "entrepreneur"
    PEER_MENTOR = "peer_mentor"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.COORDINATOR: _l("Coordinator"),
    Role.MENTOR: _l("Mentor"),
    Role.ENTREPRENEUR: _l("Entrepreneur"),
    Role.PEER_MENTOR: _l("Peer mentor"),
}


class User(db.Model):
    __tablename__ = "users"
    # Lists of people by name (the mentor load page, the pool) read a page from the index
    # instead of sorting a program's thousands of mentors.
    __table_args__ = (Index("ix_users_name", "name", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Always stored lower-cased, so one address is one account.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    #: IANA name, e.g. "America/New_York".
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    locale: Mapped[str] = mapped_column(String(8), default="en")
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Part of the session identity: raising it ends every other session.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # Flask-Login's protocol.
    is_active = True
    is_anonymous = False
    is_authenticated = True

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def end_other_sessions(self) -> None:
        self.session_version = (self.session_version or 1) + 1


class Membership(db.Model):
    """A person's role in a program; one person may hold several."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "program_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[Role] = mapped_column(enum_type(Role))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    user: Mapped[User] = relationship(back_populates="memberships")
    program: Mapped[Program] = relationship()  # noqa: F821


class PasswordResetToken(db.Model):
    """A single-use reset link; only the SHA-256 of the token is stored."""

    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    def is_usable(self, now: datetime) -> bool:
        return self.used_at is None and now < self.expires_at

    def use(self, now: datetime) -> None:
        if not self.is_usable(now):
            raise ValueError("this reset link is used or expired")
        self.used_at = now


class LoginThrottle(db.Model):
    """Failed sign-ins per address, kept in the database so every worker sees them.

    Keyed by the typed address whether or not an account exists, so the
    throttle never reveals which addresses have accounts.
    """

    __tablename__ = "login_throttles"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
