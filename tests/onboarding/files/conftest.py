"""A small world for the files: two programs, a venture with a founder, its published team's
mentor, a mentor of no team, and builders of real (and hostile) files."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pytest
from fpdf import FPDF
from PIL import Image

from vms.auth.models import Role, User
from vms.cohorts.models import Program, Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.extensions import db


def png_bytes(size=(40, 30), exif: bool = False, fmt: str = "PNG") -> bytes:
    image = Image.new("RGB", size, (200, 30, 60))
    out = io.BytesIO()
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "SpyCam"  # Make
        tags[0x0131] = "secret-software"  # Software
        image.save(out, fmt, exif=tags)
    else:
        image.save(out, fmt)
    return out.getvalue()


def pdf_bytes(text: str = "Our pitch deck") -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=text)
    return bytes(pdf.output())


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("deck.txt", "not a pdf")
    return out.getvalue()


@dataclass
class FilesWorld:
    program: Program
    other: Program
    venture: Venture
    founder: User
    coordinator: User
    team_mentor: User
    lone_mentor: User
    other_coordinator: User


@pytest.fixture
def files_world(app, make_program, make_member) -> FilesWorld:
    program, other = make_program("Files Program"), make_program("Other Program")
    founder = make_member(program, Role.ENTREPRENEUR, name="Fran Founder")
    venture = Venture(program_id=program.id, name="Logo Labs", description="We make logos.")
    venture.founders = [VentureFounder(user=founder, name=founder.name)]
    db.session.add(venture)
    db.session.flush()
    team_mentor = make_member(program, Role.MENTOR, name="Tess Team")
    team = Team(program_id=program.id, venture_id=venture.id, status=TeamStatus.PUBLISHED)
    team.members = [TeamMember(mentor_id=team_mentor.id, is_lead=True)]
    db.session.add(team)
    world = FilesWorld(
        program, other, venture, founder, make_member(program, Role.COORDINATOR),
        team_mentor, make_member(program, Role.MENTOR, name="Lone Mentor"),
        make_member(other, Role.COORDINATOR),
    )  # fmt: skip
    db.session.commit()
    return world
