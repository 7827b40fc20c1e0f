"""Files and welcome pages for the every-page world (tests/every_page_world.py).

The demo gives its ventures logos and decks and writes its welcome pages
(vms/onboarding/files/demo.py, vms/onboarding/welcome/demo.py). Here each program's newest
venture (the one with a private link) gets a logo, the sister program's ventures get theirs
through the same demo function, and each program a welcome PDF, so every file page has a
real file of each program, and a founder's link has one of its own.
"""

from __future__ import annotations

from sqlalchemy import select

from tests.onboarding.files.conftest import pdf_bytes, png_bytes
from vms.auth.models import User
from vms.cohorts.models import Program, Venture
from vms.extensions import db
from vms.onboarding.files import services
from vms.onboarding.files.demo import venture_files
from vms.onboarding.files.models import FilePurpose, StoredFile
from vms.onboarding.welcome import services as welcome
from vms.onboarding.welcome.demo import welcome_pages
from vms.onboarding.welcome.models import Audience

LINK_PAGES = ("files.by_link_show_file",)


def grow_files(program: Program, venture: Venture, coordinator: User) -> None:
    venture_files(program)  # the sister's ventures (the demo's have theirs already)
    welcome_pages(program, coordinator)
    logo = services.check(FilePurpose.LOGO, png_bytes(), "nuevo-logo.png")
    services.store(program, venture, FilePurpose.LOGO, logo, None)
    page = welcome.content(program, Audience.ENTREPRENEURS, "en")
    checked = services.check(FilePurpose.WELCOME, pdf_bytes("Bienvenida"), "bienvenida.pdf")
    page.file = services.store(program, None, FilePurpose.WELCOME, checked, coordinator).file
    db.session.flush()


def link_tokens(venture_token: str) -> dict[str, list[str]]:
    """The founders' link serves the venture's file of a purpose: its logo, made above."""
    return dict.fromkeys(LINK_PAGES, [venture_token])


def link_purposes() -> dict[str, list]:
    return {"purpose": [FilePurpose.LOGO.value]}


def file_values(program: Program, venture_ids: list[int]) -> dict[str, list]:
    """A file of each venture in ``venture_ids`` (in their order, where it has one), then the
    program's welcome file."""
    rows = db.session.scalars(
        select(StoredFile).where(StoredFile.program_id == program.id).order_by(StoredFile.id)
    ).all()
    by_venture = {row.venture_id: row.id for row in reversed(rows)}
    welcome_file = next(row.id for row in rows if row.purpose is FilePurpose.WELCOME)
    ids = [by_venture[vid] for vid in venture_ids if vid in by_venture]
    return {"file_id": [*ids, welcome_file]}
