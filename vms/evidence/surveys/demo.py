"""The demo's surveys: the second published team's fit check after its first meeting, one
mentor answering "no" (so the team is flagged for a repair), and the third team ended a week
ago with its exit survey, one founder of five people answering (a response rate too low to
trust, so the measures page shows its warning).

Called by the demo loader (vms.demo_data) after the teams and their meetings; rows are
written directly (no email: demo data), and nothing is added when the program has surveys.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import User
from vms.cohorts.models import Program, Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.database import now_utc
from vms.evidence.surveys.invitations import team_people
from vms.evidence.surveys.models import (
    Fit,
    GoalReached,
    Side,
    SubjectKind,
    SurveyInvitation,
    SurveyKind,
    SurveyNeed,
)
from vms.extensions import db
from vms.scheduling.models import Meeting, MeetingStatus
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind

FIT_WORDS = [
    "We agreed on the first steps at once.",
    "Too early: one meeting so far.",
    "We talk past each other: the venture needs a sales mentor, not a third engineer.",
]


def surveys(program: Program, coordinator: User) -> None:
    if db.session.scalar(select(SurveyInvitation.id).filter_by(program_id=program.id)):
        return
    teams = db.session.scalars(
        select(Team).where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED)
        .order_by(Team.id)
        .options(selectinload(Team.members).selectinload(TeamMember.mentor),
                 selectinload(Team.venture).selectinload(Venture.founders)
                 .selectinload(VentureFounder.user))
    ).all()  # fmt: skip
    if len(teams) < 3:
        return
    now = now_utc()
    _fit_check(program, teams[1], now - timedelta(days=12))
    _ended_with_exit_survey(program, teams[2], coordinator, now - timedelta(days=7))
    db.session.flush()


def _asked(program: Program, team: Team, kind: SurveyKind, person: User, side: Side, when):
    invitation = SurveyInvitation(program_id=program.id, kind=kind, subject_kind=SubjectKind.TEAM,
                                  subject_id=team.id, venture_id=team.venture_id,
                                  user_id=person.id, side=side, invited_at=when)  # fmt: skip
    db.session.add(invitation)
    return invitation


def _fit_check(program: Program, team: Team, when) -> None:
    """Everyone asked; the mentors answer yes, too early and no; the founders not yet."""
    mentors = iter(zip((Fit.YES, Fit.TOO_EARLY, Fit.NO), FIT_WORDS, strict=True))
    for person, side in team_people(team):
        invitation = _asked(program, team, SurveyKind.FIT, person, side, when)
        answer = next(mentors, None) if side is Side.MENTOR else None
        if answer is not None:
            invitation.fit, invitation.words = answer
            invitation.answered_at = invitation.changed_at = when + timedelta(days=1)


def _ended_with_exit_survey(program: Program, team: Team, coordinator: User, when) -> None:
    """The team ends (its coming meetings cancelled); one founder answers, with the needs
    taken again; the others have had their first reminder."""
    team.end(coordinator, when)
    for meeting in db.session.scalars(select(Meeting).where(
            Meeting.team_id == team.id, Meeting.starts_at > when,
            Meeting.status == MeetingStatus.SCHEDULED)):  # fmt: skip
        meeting.cancel()
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)[:4]
    answered = False
    for person, side in team_people(team):
        invitation = _asked(program, team, SurveyKind.EXIT, person, side, when)
        if side is Side.FOUNDER and not answered:
            answered = True
            invitation.rating, invitation.goal_reached = 4, GoalReached.PARTLY
            invitation.words = "The team opened doors we could not have opened alone."
            invitation.program_better = "Fewer forms between meetings."
            invitation.mentors_better = "Answer emails within the week."
            invitation.needs_after = [SurveyNeed(term_id=a.id, strength=4) for a in areas]
            invitation.answered_at = invitation.changed_at = when + timedelta(days=2)
        else:
            invitation.reminders_sent, invitation.last_reminded_at = 1, when + timedelta(days=3)
