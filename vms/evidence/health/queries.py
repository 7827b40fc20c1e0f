"""The facts behind the health of every team and pair of a program: six statements however
many teams, meetings and pairs it has (the counting is done by the database, grouped), the
fit checks' "no" among them (vms.evidence.surveys)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from vms.agreements.models import Agreement, AgreementCheckIn
from vms.auth.models import User
from vms.cohorts.models import Program, Venture
from vms.cohorts.teams.models import Team, TeamStatus
from vms.evidence.health.rules import HealthFacts, LastMeeting, Subject, Thresholds
from vms.evidence.surveys.queries import fit_flags
from vms.extensions import db
from vms.notifications.nudges.delays import delays_for
from vms.notifications.nudges.teams import PAIRS_CHASED_FOR
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind, MeetingStatus


def thresholds_for(program: Program) -> Thresholds:
    """The program's own rhythm: its quiet-team delay and its summary deadline."""
    return Thresholds(quiet_days=delays_for(program).quiet_lead_days,
                      summary_due_hours=program.summary_due_hours)  # fmt: skip


def team_facts(program: Program, now: datetime, cohort_id: int | None = None) -> list[HealthFacts]:
    teams = db.session.execute(
        select(Team.id, Venture.name, func.coalesce(Team.published_at, Team.created_at))
        .join(Venture, Venture.id == Team.venture_id)
        .where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED,
               *([Venture.cohort_id == cohort_id] if cohort_id else []))
    ).tuples().all()  # fmt: skip
    if not teams:
        return []
    held, last = _meetings_held(program, now), _last_meetings(program, now)
    unfit = fit_flags(program.id)
    found = []
    for team_id, name, started in teams:
        count, latest, attended, absent = held.get(team_id, (0, None, 0, 0))
        found.append(HealthFacts(Subject.TEAM, team_id, name, started, count, latest,
                                 last.get(team_id), attended or 0, absent or 0,
                                 fit_no=(Subject.TEAM.value, team_id) in unfit))  # fmt: skip
    return found


def _held(program: Program, now: datetime) -> list:
    return [Meeting.program_id == program.id, Meeting.kind == MeetingKind.TEAM,
            Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at <= now]  # fmt: skip


def _meetings_held(program: Program, now: datetime) -> dict[int, tuple]:
    """team -> (meetings held, the latest's start, present, absent)."""
    rows = db.session.execute(
        select(Meeting.team_id, func.count(func.distinct(Meeting.id)), func.max(Meeting.starts_at),
               func.sum(case((Invitee.attended.is_(True), 1), else_=0)),
               func.sum(case((Invitee.attended.is_(False), 1), else_=0)))
        .outerjoin(Invitee, Invitee.meeting_id == Meeting.id)
        .where(*_held(program, now)).group_by(Meeting.team_id)
    ).tuples()  # fmt: skip
    return {team_id: (n, latest, present, absent) for team_id, n, latest, present, absent in rows}


def _last_meetings(program: Program, now: datetime) -> dict[int, LastMeeting]:
    latest = (
        select(Meeting.team_id, func.max(Meeting.starts_at).label("starts_at"))
        .where(*_held(program, now)).group_by(Meeting.team_id).subquery()
    )  # fmt: skip
    items = select(func.count(AgendaItem.id)).where(AgendaItem.meeting_id == Meeting.id)
    rows = db.session.execute(
        select(Meeting.team_id, Meeting.starts_at, Meeting.ends_at, Meeting.summary_at,
               items.scalar_subquery(), Meeting.agenda_reminded_at.is_not(None))
        .join(latest, and_(latest.c.team_id == Meeting.team_id,
                           latest.c.starts_at == Meeting.starts_at))
        .where(*_held(program, now))
    ).tuples()  # fmt: skip
    return {team_id: LastMeeting(starts, ends, summary_at, agenda, bool(late))
            for team_id, starts, ends, summary_at, agenda, late in rows}  # fmt: skip


def pair_facts(program: Program, now: datetime, cohort_id: int | None = None) -> list[HealthFacts]:
    """Pairs in their term (the quiet-pair nudge's six months), with their check-ins."""
    member, mentor = aliased(User), aliased(User)
    rows = db.session.execute(
        select(PeerPair.id, member.name, mentor.name, PeerPair.published_at,
               func.count(AgreementCheckIn.id), func.max(AgreementCheckIn.created_at))
        .join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .join(member, member.id == PeerPair.member_id)
        .join(mentor, mentor.id == PeerPair.mentor_id)
        .outerjoin(Agreement, Agreement.peer_pair_id == PeerPair.id)
        .outerjoin(AgreementCheckIn, AgreementCheckIn.agreement_id == Agreement.id)
        .where(PeerEvent.program_id == program.id, PeerPair.published_at <= now,
               PeerPair.published_at > now - PAIRS_CHASED_FOR,
               *([PeerEvent.cohort_id == cohort_id] if cohort_id else []))
        .group_by(PeerPair.id, member.name, mentor.name, PeerPair.published_at)
    ).tuples().all()  # fmt: skip
    unfit = fit_flags(program.id) if rows else {}
    return [HealthFacts(Subject.PAIR, pair_id, f"{member_name} · {mentor_name}", published,
                        checkins, last, fit_no=(Subject.PAIR.value, pair_id) in unfit)
            for pair_id, member_name, mentor_name, published, checkins, last in rows]  # fmt: skip
