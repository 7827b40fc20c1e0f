"""The files part of a grown unit (tests/grown_world.py): every venture of the program that
has no logo yet gets one, and half of them a deck, so the pipeline, the profiles and the
team pages show files at both sizes. Rows are written directly (no page reads the bytes)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from sqlalchemy import select

from vms.cohorts.models import Venture
from vms.extensions import db
from vms.onboarding.files.models import FilePurpose, StoredFile

if TYPE_CHECKING:
    from tests.grown_world import Cast


def grow(cast: Cast, unit: int) -> None:
    with_logo = select(StoredFile.venture_id).where(StoredFile.purpose == FilePurpose.LOGO,
                                                    StoredFile.venture_id.is_not(None))  # fmt: skip
    bare = db.session.scalars(select(Venture.id).where(
        Venture.program_id == cast.program.id, Venture.id.not_in(with_logo)))  # fmt: skip
    for n, venture_id in enumerate(bare):
        purposes = (FilePurpose.LOGO, FilePurpose.PITCH_DECK) if n % 2 else (FilePurpose.LOGO,)
        db.session.add_all(_row(cast, venture_id, purpose, unit) for purpose in purposes)


def _row(cast: Cast, venture_id: int, purpose: FilePurpose, unit: int) -> StoredFile:
    image = purpose is FilePurpose.LOGO
    return StoredFile(
        program_id=cast.program.id, venture_id=venture_id, purpose=purpose,
        display_name=f"unit-{unit}.{'png' if image else 'pdf'}",
        content_type="image/png" if image else "application/pdf", size=100, sha256="0" * 64,
        stored_name=secrets.token_urlsafe(24),
    )  # fmt: skip
