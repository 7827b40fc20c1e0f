"""The demo's venture files: most ventures have a logo and a pitch deck, a few do not (their
meter shows what is missing). Made with Pillow and fpdf2, stored through the real checks in
the configured upload folder."""

from __future__ import annotations

import io

from fpdf import FPDF
from PIL import Image, ImageDraw
from sqlalchemy import select

from vms.cohorts.models import Program, Venture
from vms.extensions import db
from vms.onboarding.files import services
from vms.onboarding.files.models import FilePurpose, StoredFile

#: How many of the program's first ventures get a logo, and a deck.
WITH_LOGO, WITH_DECK = 7, 5
COLOURS = [(31, 119, 180), (214, 39, 40), (44, 160, 44), (148, 103, 189), (255, 127, 14)]


def logo_png(name: str, colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (160, 160), colour)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    ImageDraw.Draw(image).text((60, 70), initials, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def deck_pdf(venture: Venture) -> bytes:
    pdf = FPDF()
    for heading, text in (("Pitch deck", venture.name), ("The problem", venture.description),
                          ("Our goal", venture.goal_statement)):  # fmt: skip
        pdf.add_page()
        pdf.set_font("helvetica", "B", 24)
        pdf.cell(text=heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=14)
        pdf.multi_cell(0, 8, text=(text or "").encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def venture_files(program: Program) -> None:
    if db.session.scalar(select(StoredFile.id).where(StoredFile.program_id == program.id)):
        return
    found = db.session.scalars(
        select(Venture).where(Venture.program_id == program.id).order_by(Venture.id)
    ).all()
    for n, venture in enumerate(found[:WITH_LOGO]):
        _store(program, venture, FilePurpose.LOGO, logo_png(venture.name, COLOURS[n % 5]),
               "logo.png")  # fmt: skip
        if n < WITH_DECK:
            _store(program, venture, FilePurpose.PITCH_DECK, deck_pdf(venture), "pitch-deck.pdf")


def _store(program: Program, venture: Venture, purpose: FilePurpose, data: bytes, name: str):
    services.store(program, venture, purpose, services.check(purpose, data, name), None)
