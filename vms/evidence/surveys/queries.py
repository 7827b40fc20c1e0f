"""What the survey pages and the other evidence parts read, each in a fixed number of
statements however many invitations a program has.

For the health of teams and pairs: ``fit_flags(program_id)``; for the dashboard:
``survey_measures(program_id)`` (``measures.SurveyMeasures``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from vms.agreements.models import Agreement, AgreementCheckIn
from vms.auth.models import User
from vms.cohorts.models import Venture, VentureNeed
from vms.cohorts.teams.models import Team
from vms.database import now_utc
from vms.evidence.surveys import measures
from vms.evidence.surveys.models import (
    Fit,
    SubjectKind,
    SurveyInvitation,
    SurveyKind,
    SurveyNeed,
)
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus
from vms.screening.settings.models import TaxonomyTerm

_TEAM = and_(
    SurveyInvitation.subject_kind == SubjectKind.TEAM, Team.id == SurveyInvitation.subject_id
)
_PAIR = and_(SurveyInvitation.subject_kind == SubjectKind.PAIR,
             PeerPair.id == SurveyInvitation.subject_id)  # fmt: skip


def fit_flags(program_id: int) -> dict[tuple[str, int], int]:
    """("team", id) or ("pair", id) -> how many of its people answer "no, not a good fit"
    (now: a changed answer clears its flag). One statement."""
    rows = db.session.execute(
        select(SurveyInvitation.subject_kind, SurveyInvitation.subject_id, func.count())
        .where(SurveyInvitation.program_id == program_id,
               SurveyInvitation.kind == SurveyKind.FIT, SurveyInvitation.fit == Fit.NO)
        .group_by(SurveyInvitation.subject_kind, SurveyInvitation.subject_id)
    ).tuples()  # fmt: skip
    return {(kind.value, subject_id): count for kind, subject_id, count in rows}


@dataclass(frozen=True)
class AnswerRow:
    invitation: SurveyInvitation
    person: str
    #: The venture's name (a team), or "member – peer mentor" (a pair).
    subject: str


def answer_rows(program_id: int, only=None, limit: int | None = None) -> list[AnswerRow]:
    """The program's invitations (``only``: a further condition), newest answer first, with
    the person's and the subject's names: one statement."""
    member, mentor = aliased(User), aliased(User)
    query = (
        select(SurveyInvitation, User.name, Venture.name, member.name, mentor.name)
        .join(User, User.id == SurveyInvitation.user_id)
        .outerjoin(Team, _TEAM).outerjoin(Venture, Venture.id == Team.venture_id)
        .outerjoin(PeerPair, _PAIR)
        .outerjoin(member, member.id == PeerPair.member_id)
        .outerjoin(mentor, mentor.id == PeerPair.mentor_id)
        .where(SurveyInvitation.program_id == program_id)
        .order_by(SurveyInvitation.changed_at.desc(), SurveyInvitation.id.desc())
    )  # fmt: skip
    if only is not None:
        query = query.where(only)
    if limit is not None:
        query = query.limit(limit)
    return [AnswerRow(invitation, person, venture or f"{member_name} – {mentor_name}")
            for invitation, person, venture, member_name, mentor_name
            in db.session.execute(query).tuples()]  # fmt: skip


def flagged_answers(program_id: int) -> list[AnswerRow]:
    """Each "no" of the fit check, with who said it and their words."""
    return answer_rows(program_id, (SurveyInvitation.kind == SurveyKind.FIT)
                       & (SurveyInvitation.fit == Fit.NO))  # fmt: skip


def open_surveys(program_id: int, user_id: int) -> list[AnswerRow]:
    return answer_rows(program_id, SurveyInvitation.user_id == user_id)


# -- the measures' facts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The dashboard's filter: invitations made in ``[since, until)``, about ventures of one
    cohort (None: no limit)."""

    since: datetime | None = None
    until: datetime | None = None
    cohort_id: int | None = None

    def conditions(self) -> list:
        found = []
        if self.since is not None:
            found.append(SurveyInvitation.invited_at >= self.since)
        if self.until is not None:
            found.append(SurveyInvitation.invited_at < self.until)
        if self.cohort_id is not None:
            found.append(Venture.cohort_id == self.cohort_id)
        return found


def survey_measures(program_id: int, now: datetime | None = None,
                    scope: Scope = Scope()) -> measures.SurveyMeasures:  # fmt: skip
    return measures.measure(invited_facts(program_id, now or now_utc(), scope))


def invited_facts(program_id: int, now: datetime, scope: Scope = Scope()) -> list[measures.Invited]:
    """Every invitation of the program (in ``scope``) with what the app knows of it: six
    statements."""
    rows = db.session.execute(
        select(SurveyInvitation, Team.published_at, Venture.created_at, Venture.stage,
               PeerPair.published_at)
        .outerjoin(Team, _TEAM).outerjoin(PeerPair, _PAIR)
        .outerjoin(Venture, Venture.id == SurveyInvitation.venture_id)
        .where(SurveyInvitation.program_id == program_id, *scope.conditions())
        .order_by(SurveyInvitation.id)
    ).tuples().all()  # fmt: skip
    known = _Known(_needs_before(program_id), _needs_after(program_id), _held(program_id, now),
                   _attendance(program_id, now), _checks(program_id))  # fmt: skip
    return [known.of(*row) for row in rows]


@dataclass(frozen=True)
class _Known:
    """What the app knows beside the invitations, by venture, invitation, team or pair."""

    before: dict[int, dict[str, int]]
    after: dict[int, dict[str, int]]
    held: dict[int, int]
    attendance: dict[tuple[int, int], tuple[int, int]]
    check_ins: dict[int, int]

    def of(self, inv: SurveyInvitation, team_start, applied, stage, pair_start) -> measures.Invited:
        team = inv.subject_kind is SubjectKind.TEAM
        start = team_start if team else pair_start
        met = self.held.get(inv.subject_id, 0) if team else self.check_ins.get(inv.subject_id, 0)
        recorded, came = (
            self.attendance.get((inv.subject_id, inv.user_id), (0, 0)) if team else (0, 0)
        )
        return measures.Invited(
            survey=inv.kind.value, side=inv.side.value, answered=inv.answered,
            reminders=inv.reminders_sent, fit=inv.fit.value if inv.fit else None,
            rating=inv.rating, goal=inv.goal_reached.value if inv.goal_reached else None,
            meetings_held=met, attendance_recorded=recorded, attended=came,
            days_to_team=(team_start - applied).days if team_start and applied else None,
            stage=stage.value if stage else None,
            days_since_start=(inv.invited_at - start).days if start else None,
            needs_before=self.before.get(inv.venture_id, {}) if inv.venture_id else {},
            needs_after=self.after.get(inv.id, {}),
        )  # fmt: skip


def _needs_after(program_id: int) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for invitation_id, area, strength in db.session.execute(
        select(SurveyNeed.invitation_id, TaxonomyTerm.name, SurveyNeed.strength)
        .join(TaxonomyTerm, TaxonomyTerm.id == SurveyNeed.term_id)
        .join(SurveyInvitation, SurveyInvitation.id == SurveyNeed.invitation_id)
        .where(SurveyInvitation.program_id == program_id)
    ).tuples():  # fmt: skip
        found[invitation_id][area] = strength
    return found


def _needs_before(program_id: int) -> dict[int, dict[str, int]]:
    """The intake's self-assessment of each venture an exit survey asks about."""
    asked = select(SurveyInvitation.venture_id).where(
        SurveyInvitation.program_id == program_id, SurveyInvitation.kind == SurveyKind.EXIT
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for venture_id, area, strength in db.session.execute(
        select(VentureNeed.venture_id, TaxonomyTerm.name, VentureNeed.strength)
        .join(TaxonomyTerm, TaxonomyTerm.id == VentureNeed.term_id)
        .where(VentureNeed.venture_id.in_(asked))
    ).tuples():  # fmt: skip
        found[venture_id][area] = strength
    return found


def _held_meetings(program_id: int, now: datetime):
    return (Meeting.program_id == program_id, Meeting.kind == MeetingKind.TEAM,
            Meeting.status == MeetingStatus.SCHEDULED, Meeting.ends_at <= now)  # fmt: skip


def _held(program_id: int, now: datetime) -> dict[int, int]:
    return dict(db.session.execute(
        select(Meeting.team_id, func.count()).where(*_held_meetings(program_id, now))
        .group_by(Meeting.team_id)
    ).tuples().all())  # fmt: skip


def _attendance(program_id: int, now: datetime) -> dict[tuple[int, int], tuple[int, int]]:
    """(team, person) -> (meetings with their attendance recorded, attended)."""
    rows = db.session.execute(
        select(Meeting.team_id, Invitee.user_id, func.count(),
               func.sum(case((Invitee.attended.is_(True), 1), else_=0)))
        .join(Meeting, Meeting.id == Invitee.meeting_id)
        .where(*_held_meetings(program_id, now), Invitee.attended.is_not(None))
        .group_by(Meeting.team_id, Invitee.user_id)
    ).tuples()  # fmt: skip
    return {(team_id, user_id): (recorded, int(came or 0))
            for team_id, user_id, recorded, came in rows}  # fmt: skip


def _checks(program_id: int) -> dict[int, int]:
    return dict(db.session.execute(
        select(Agreement.peer_pair_id, func.count())
        .join(AgreementCheckIn, AgreementCheckIn.agreement_id == Agreement.id)
        .where(Agreement.program_id == program_id, Agreement.peer_pair_id.is_not(None))
        .group_by(Agreement.peer_pair_id)
    ).tuples().all())  # fmt: skip
