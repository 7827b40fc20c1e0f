"""A program's welcome content, per audience and language, and who has opened it."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.onboarding.files.models import StoredFile


class Audience(enum.Enum):
    ENTREPRENEURS = "entrepreneurs"
    MENTORS = "mentors"

    @property
    def label(self) -> str:
        return str({Audience.ENTREPRENEURS: _l("New entrepreneurs"),
                    Audience.MENTORS: _l("New mentors")}[self])  # fmt: skip


class WelcomeContent(db.Model):
    __tablename__ = "welcome_contents"
    __table_args__ = (UniqueConstraint("program_id", "audience", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    audience: Mapped[Audience] = mapped_column(enum_type(Audience))
    #: "en" or "es".
    locale: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    #: Plain text, shown escaped, a paragraph per blank line.
    text: Mapped[str] = mapped_column(Text, default="")
    #: An https link to a video (a link, never an embed: the CSP forbids frames).
    video_url: Mapped[str] = mapped_column(String(500), default="")
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id", ondelete="SET NULL"))
    #: A short example of a good first meeting's agenda (plain text, a line per item).
    agenda: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    file: Mapped[StoredFile | None] = relationship()


class WelcomeOpening(db.Model):
    """A person opened their welcome page: once per program and audience."""

    __tablename__ = "welcome_openings"
    __table_args__ = (UniqueConstraint("program_id", "user_id", "audience"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    audience: Mapped[Audience] = mapped_column(enum_type(Audience))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
