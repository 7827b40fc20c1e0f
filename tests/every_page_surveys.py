"""Surveys for the every-page world (tests/every_page_world.py), through the services: in each
program, the published team's fit check (its founders and mentors asked, one mentor answering
"no") and its exit survey (asked without ending the team, whose pages the crawler needs
published; the founder answers with the needs taken again), so that the answer forms, the
measures, the flags and the CSVs of both programs show real answers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.evidence.surveys import services
from vms.evidence.surveys.invitations import Asked, invite, team_people
from vms.evidence.surveys.models import Fit, GoalReached, Side, SubjectKind, SurveyInvitation
from vms.evidence.surveys.models import SurveyKind as Kind
from vms.extensions import db
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind


def grow_surveys(program: Program) -> None:
    team = db.session.scalar(select(Team).filter_by(program_id=program.id,
                                                    status=TeamStatus.PUBLISHED)
                             .order_by(Team.id).limit(1))  # fmt: skip
    now = now_utc() - timedelta(days=12)
    invite([Asked(program.id, kind, SubjectKind.TEAM, team.id, person, side, team.venture_id)
            for kind in Kind for person, side in team_people(team)], now)  # fmt: skip
    asked = db.session.scalars(
        select(SurveyInvitation).filter_by(subject_kind=SubjectKind.TEAM, subject_id=team.id)
        .order_by(SurveyInvitation.id.desc())
    ).all()  # fmt: skip
    fit = {(i.kind, i.side): i for i in asked}  # the first of each kind and side
    no = services.FitAnswer(Fit.NO, "Nos cuesta encontrar fechas.")
    services.answer_fit(fit[(Kind.FIT, Side.MENTOR)], no, now)
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)[:3]
    # The sister program's founders have no account yet: a mentor answers there.
    exit_answerer = fit.get((Kind.EXIT, Side.FOUNDER)) or fit[(Kind.EXIT, Side.MENTOR)]
    services.answer_exit(exit_answerer, services.ExitAnswer(
        rating=4, goal_reached=GoalReached.PARTLY, words="Muy útil.",
        program_better="Más salas.", mentors_better="Responder antes.",
        needs={area.id: 3 + n % 2 for n, area in enumerate(areas)}), now)  # fmt: skip


def survey_values(program: Program) -> dict[str, list]:
    """Every invitation of the program (each person opens their own; the others are 404)."""
    ids = db.session.scalars(select(SurveyInvitation.id).filter_by(program_id=program.id)
                             .order_by(SurveyInvitation.id)).all()  # fmt: skip
    return {"survey_id": list(ids)}
