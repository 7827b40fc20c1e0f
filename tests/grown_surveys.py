"""The surveys part of a grown unit (tests/grown_world.py): each published team of the program
not asked yet gets its fit check and its exit survey, every founder and mentor asked, about
half answering (a "no" among the fit answers, ratings, words and the needs taken again).
Rows are written directly, with real keys."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.cohorts.models import Venture
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.evidence.surveys.invitations import team_people
from vms.evidence.surveys.models import (
    Fit,
    GoalReached,
    SubjectKind,
    SurveyInvitation,
    SurveyKind,
    SurveyNeed,
)
from vms.extensions import db
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind

if TYPE_CHECKING:
    from tests.grown_world import Cast


def grow(cast: Cast, unit: int) -> None:
    asked = select(SurveyInvitation.subject_id).filter_by(subject_kind=SubjectKind.TEAM)
    teams = db.session.scalars(
        select(Team).where(Team.program_id == cast.program.id,
                           Team.status == TeamStatus.PUBLISHED, Team.id.not_in(asked))
        .options(selectinload(Team.members), selectinload(Team.venture)
                 .selectinload(Venture.founders))
    ).all()  # fmt: skip
    areas = taxonomy.terms(cast.program, TaxonomyKind.EXPERTISE)[:3]
    now = now_utc() - timedelta(days=unit)
    for team in teams:
        for n, (person, side) in enumerate(team_people(team)):
            for kind in SurveyKind:
                db.session.add(_invitation(cast, team, person, side, kind, n, now, areas))


def _invitation(cast, team, person, side, kind, n, now, areas) -> SurveyInvitation:
    answered = n % 2 == 0
    invitation = SurveyInvitation(
        program_id=cast.program.id, kind=kind, subject_kind=SubjectKind.TEAM,
        subject_id=team.id, venture_id=team.venture_id, user_id=person.id, side=side,
        invited_at=now, reminders_sent=0 if answered else 2,
        answered_at=now if answered else None, changed_at=now if answered else None,
    )  # fmt: skip
    if answered and kind is SurveyKind.FIT:
        invitation.fit, invitation.words = (Fit.NO, "Not a fit") if n == 0 else (Fit.YES, "")
    elif answered:
        invitation.rating, invitation.goal_reached = 1 + n % 5, GoalReached.PARTLY
        invitation.words, invitation.program_better = "Useful", "More rooms"
        invitation.needs_after = [SurveyNeed(term_id=a.id, strength=3) for a in areas]
    return invitation
