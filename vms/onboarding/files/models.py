"""Uploaded files: a venture's logo or photo and documents, and a program's welcome file.

The bytes live on disk outside the web root (``vms.onboarding.files.storage``); a row says
what they are, whose they are and where they lie.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l


class FilePurpose(enum.Enum):
    LOGO = "logo"
    PITCH_DECK = "pitch_deck"
    ONE_PAGER = "one_pager"
    #: A program's welcome content (an image or a PDF).
    WELCOME = "welcome"

    @property
    def label(self) -> str:
        return str({FilePurpose.LOGO: _l("Logo or photo"), FilePurpose.PITCH_DECK: _l("Pitch deck"),
                    FilePurpose.ONE_PAGER: _l("One-pager"),
                    FilePurpose.WELCOME: _l("Welcome file")}[self])  # fmt: skip

    @property
    def takes_images(self) -> bool:
        return self in (FilePurpose.LOGO, FilePurpose.WELCOME)

    @property
    def takes_pdfs(self) -> bool:
        return self is not FilePurpose.LOGO


#: What a venture's profile carries, in the order it is shown.
VENTURE_PURPOSES = (FilePurpose.LOGO, FilePurpose.PITCH_DECK, FilePurpose.ONE_PAGER)


class StoredFile(db.Model):
    __tablename__ = "stored_files"
    __table_args__ = (
        # One logo, one deck, one one-pager per venture: a second upload replaces the first.
        UniqueConstraint("venture_id", "purpose"),
        # A file's address names its id: a deleted file's id is never given to another.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    #: The venture it belongs to; None: the program's own (welcome content).
    venture_id: Mapped[int | None] = mapped_column(
        ForeignKey("ventures.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[FilePurpose] = mapped_column(enum_type(FilePurpose))
    #: The sender's name, cleaned, with the extension of what the content is.
    display_name: Mapped[str] = mapped_column(String(100))
    #: Decided from the content: image/png, image/jpeg or application/pdf.
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    #: The random file name in the upload folder.
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
