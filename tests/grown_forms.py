"""The daily forms' part of a grown unit (tests/grown_world.py): each unit retires the area
of expertise and the rubric criterion it added, after an application chose that area and a
scorecard scored that criterion (so the pipeline's filter and the decisions keep more retired
entries), and invites with a personal message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from tests.grown_screening import GROWN, invitation
from vms.auth.models import Role
from vms.cohorts.models import Cohort, InvitationStatus
from vms.extensions import db
from vms.screening.mentors.models import CriterionScore, MentorApplication, RubricCriterion
from vms.screening.settings.models import TaxonomyKind, TaxonomyTerm

if TYPE_CHECKING:
    from tests.grown_world import Cast


def grow(cast: Cast, cohort: Cohort, unit: int) -> None:
    program = cast.program
    term = db.session.scalar(select(TaxonomyTerm).where(
        TaxonomyTerm.program_id == program.id, TaxonomyTerm.kind == TaxonomyKind.EXPERTISE,
        TaxonomyTerm.name == f"Grown expertise {unit}"))  # fmt: skip
    criterion = db.session.scalar(select(RubricCriterion).where(
        RubricCriterion.program_id == program.id,
        RubricCriterion.name == f"Grown criterion {unit}"))  # fmt: skip
    # By id: which row comes first is otherwise up to the database (PostgreSQL puts new rows
    # where deleted ones were), and a later applicant's scorecard already scores the criterion.
    applications = db.session.scalars(select(MentorApplication).where(
        MentorApplication.program_id == program.id,
        MentorApplication.name.like(f"Grown Applicant {unit}-%"),
    ).order_by(MentorApplication.id))  # fmt: skip
    application = applications.first()
    application.expertise.append(term)
    card = next((card for i in application.interviews for card in i.scorecards), None)
    if card is not None:
        card.scores.append(CriterionScore(criterion_id=criterion.id, value=3, note=""))
    term.retire()
    criterion.retire()
    email = f"messaged-{program.slug}-{unit}@{GROWN}"
    made = invitation(cast, cohort, email, Role.MENTOR, InvitationStatus.PENDING)
    made.message = f"Unit {unit}: <i>welcome</i>."
    db.session.flush()
