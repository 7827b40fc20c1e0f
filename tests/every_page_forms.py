"""The daily forms for the every-page world (tests/every_page_world.py): in each program a
retired rubric criterion that a scorecard scored and one nobody did, a retired area of
expertise still chosen by an application and one nobody chose, and an invitation carrying
a personal message with markup in it (shown escaped)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from vms.auth.models import Role
from vms.cohorts.models import Cohort, Invitation, Program
from vms.database import now_utc
from vms.extensions import db
from vms.screening.mentors import rubric
from vms.screening.mentors.models import CriterionScore
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.tokens import new_token

#: An invitation's own words, with markup a page must escape.
MESSAGE = "Welcome <b>aboard</b>!\nSee you at the monthly meeting."


def grow_forms(program: Program) -> None:
    criteria = rubric.criteria(program.id)
    scored = set(db.session.scalars(select(CriterionScore.criterion_id)))
    for criterion in [next((c for c in criteria if c.id in scored), criteria[0]), criteria[-1]]:
        if not criterion.retired:
            criterion.retire()
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)
    for term in (areas[0], areas[-1]):
        term.retire()
    cohort = db.session.scalars(select(Cohort).where(Cohort.program_id == program.id)).first()
    db.session.add(Invitation(
        program_id=program.id, cohort=cohort, email=f"with-a-message@{program.slug}.example",
        role=Role.MENTOR, token_hash=new_token()[1], message=MESSAGE,
        expires_at=now_utc() + timedelta(days=14),
    ))  # fmt: skip
    db.session.flush()
