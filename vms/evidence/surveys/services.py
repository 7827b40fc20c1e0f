"""Answering a survey: the invitee's own answer, written on their invitation (changeable).

Services flush; the view commits. The invitation is locked first, so two identical POSTs at
once write one answer, the second over the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from vms import row_locks
from vms.cohorts.models import Program
from vms.evidence.surveys.models import (
    Fit,
    GoalReached,
    Side,
    SurveyInvitation,
    SurveyKind,
    SurveyNeed,
)
from vms.extensions import db
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind, TaxonomyTerm


@dataclass(frozen=True)
class FitAnswer:
    fit: Fit
    words: str = ""


@dataclass(frozen=True)
class ExitAnswer:
    rating: int
    goal_reached: GoalReached
    words: str = ""
    program_better: str = ""
    mentors_better: str = ""
    #: area (taxonomy term id) -> strength 1–5; areas left unrated are left out.
    needs: Mapping[int, int] = field(default_factory=dict)


def invitation_of(program: Program, survey_id: int, user_id: int) -> SurveyInvitation | None:
    """The person's own invitation in this program; anyone else's is not there (404)."""
    return db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.id == survey_id,
                                       SurveyInvitation.program_id == program.id,
                                       SurveyInvitation.user_id == user_id)
    )  # fmt: skip


def asks_needs(invitation: SurveyInvitation) -> bool:
    """Founders and members take the needs self-assessment again, when their venture is known."""
    return (invitation.kind is SurveyKind.EXIT and invitation.side is Side.FOUNDER
            and invitation.venture_id is not None)  # fmt: skip


def need_areas(program: Program, invitation: SurveyInvitation) -> list[TaxonomyTerm]:
    return taxonomy.terms(program, TaxonomyKind.EXPERTISE) if asks_needs(invitation) else []


def answer_fit(invitation: SurveyInvitation, given: FitAnswer, now: datetime) -> None:
    row_locks.lock(invitation)
    invitation.fit, invitation.words = given.fit, given.words
    invitation.record_answer(now)
    db.session.flush()


def answer_exit(invitation: SurveyInvitation, given: ExitAnswer, now: datetime) -> None:
    row_locks.lock(invitation)
    invitation.rating, invitation.goal_reached = given.rating, given.goal_reached
    invitation.words, invitation.program_better = given.words, given.program_better
    # Mentors are not asked what mentors could do better.
    invitation.mentors_better = given.mentors_better if invitation.side is Side.FOUNDER else ""
    if asks_needs(invitation):
        _replace_needs(invitation, given.needs)
    invitation.record_answer(now)
    db.session.flush()


def _replace_needs(invitation: SurveyInvitation, needs: Mapping[int, int]) -> None:
    """Rows kept by area and changed in place (deleting and re-adding one area in one flush
    would meet its unique key)."""
    by_term = {need.term_id: need for need in invitation.needs_after}
    kept = []
    for term_id, strength in sorted(needs.items()):
        need = by_term.get(term_id) or SurveyNeed(term_id=term_id)
        need.strength = strength
        kept.append(need)
    invitation.needs_after = kept
