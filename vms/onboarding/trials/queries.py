"""What the trial pages and the welcome page read, each in a fixed number of statements."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select

from vms.auth.models import User
from vms.cohorts.models import Program, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.evidence.surveys.models import Fit, Side, SurveyInvitation, SurveyKind
from vms.extensions import db
from vms.onboarding.trials.models import Treatment, Trial, TrialArm, TrialAssignment, TrialStatus
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind, MeetingStatus


def welcome_withheld(program: Program, user: User) -> bool:
    """True when ``user`` (a founder of an assigned venture, or an assigned mentor) is in an arm
    of a running or stopped trial of ``program`` whose treatment is not the welcome page.
    No trial, or no assignment: False (everyone sees the welcome page). One statement."""
    founded = select(VentureFounder.venture_id).where(VentureFounder.user_id == user.id)
    withheld = (
        exists().where(TrialAssignment.arm_id == TrialArm.id, TrialArm.trial_id == Trial.id)
        .where(Trial.program_id == program.id,
               Trial.status.in_((TrialStatus.RUNNING, TrialStatus.STOPPED)),
               TrialArm.treatment != Treatment.WELCOME,
               or_(TrialAssignment.mentor_id == user.id,
                   TrialAssignment.venture_id.in_(founded)))
    )  # fmt: skip
    return bool(db.session.scalar(select(withheld)))


@dataclass(frozen=True)
class TrialRow:
    trial: Trial
    assigned: int


def program_trials(program: Program) -> list[TrialRow]:
    """The program's trials, newest first, each with how many it assigned."""
    counts = (select(TrialAssignment.trial_id, func.count(TrialAssignment.id).label("n"))
              .group_by(TrialAssignment.trial_id).subquery())  # fmt: skip
    rows = db.session.execute(
        select(Trial, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.trial_id == Trial.id)
        .where(Trial.program_id == program.id).order_by(Trial.created_at.desc(), Trial.id.desc())
    ).tuples()  # fmt: skip
    return [TrialRow(trial, n) for trial, n in rows]


def assignments_of(trial: Trial) -> list[tuple[int, int | None, int | None]]:
    """(arm id, venture id, mentor id) of every assignment of the trial."""
    return list(db.session.execute(
        select(TrialAssignment.arm_id, TrialAssignment.venture_id, TrialAssignment.mentor_id)
        .where(TrialAssignment.trial_id == trial.id)
    ).tuples())  # fmt: skip


def _assigned(trial: Trial, column):
    return select(column).where(TrialAssignment.trial_id == trial.id, column.is_not(None))


def ventures_with_agenda(trial: Trial) -> set[int]:
    """The trial's ventures whose team had a meeting (not cancelled) with an agenda sent."""
    return set(db.session.scalars(
        select(Team.venture_id).distinct().join(Meeting, Meeting.team_id == Team.id)
        .where(Team.venture_id.in_(_assigned(trial, TrialAssignment.venture_id)),
               Meeting.kind == MeetingKind.TEAM, Meeting.status != MeetingStatus.CANCELLED,
               exists().where(AgendaItem.meeting_id == Meeting.id))
    ))  # fmt: skip


def fit_yes(trial: Trial, side: Side) -> set[int]:
    """Venture ids (the founders' side) or mentor ids (the mentors' side) of the trial with a
    fit check answered "yes"."""
    column = SurveyInvitation.venture_id if side is Side.FOUNDER else SurveyInvitation.user_id
    subject = TrialAssignment.venture_id if side is Side.FOUNDER else TrialAssignment.mentor_id
    return set(db.session.scalars(
        select(column).distinct()
        .where(SurveyInvitation.kind == SurveyKind.FIT, SurveyInvitation.side == side,
               SurveyInvitation.fit == Fit.YES, column.in_(_assigned(trial, subject)))
    ))  # fmt: skip


def mentors_on_teams(trial: Trial) -> set[int]:
    """The trial's mentors on a published team."""
    return set(db.session.scalars(
        select(TeamMember.mentor_id).distinct().join(Team, Team.id == TeamMember.team_id)
        .where(Team.status == TeamStatus.PUBLISHED,
               TeamMember.mentor_id.in_(_assigned(trial, TrialAssignment.mentor_id)))
    ))  # fmt: skip


def mentors_attended(trial: Trial) -> set[int]:
    """The trial's mentors recorded present at a team meeting."""
    return set(db.session.scalars(
        select(Invitee.user_id).distinct().join(Meeting, Meeting.id == Invitee.meeting_id)
        .where(Meeting.kind == MeetingKind.TEAM, Invitee.attended.is_(True),
               Invitee.user_id.in_(_assigned(trial, TrialAssignment.mentor_id)))
    ))  # fmt: skip
