"""Who is asked, and when: the fit check after a team's first meeting held (or a peer pair's
first agreement check-in), the exit survey when a team ends or an agreement is completed or
ended early (through the teams' and agreements' signals).

Each invitation is a row, inserted once however many sweeps or signals ask for it (a unique
key per survey, subject and person: ``ON CONFLICT DO NOTHING``); its email goes out with it,
through ``vms.notifications`` (exactly once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from vms.agreements.models import Agreement, AgreementCheckIn, PartyRole
from vms.agreements.services import agreement_closed
from vms.auth.models import User
from vms.cohorts.models import Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.cohorts.teams.services import team_ended
from vms.database import now_utc
from vms.evidence.surveys.models import Side, SubjectKind, SurveyInvitation, SurveyKind
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.nudges.notice import nudge, programs_by_id
from vms.notifications.services import notify
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent
from vms.scheduling.models import Meeting, MeetingKind, MeetingStatus

#: A first meeting (or check-in) older than this is not asked about: a team that met long
#: before the fit check existed is past the question.
FIT_CHECK_WINDOW = timedelta(days=30)
_KEY = ("kind", "subject_kind", "subject_id", "user_id")
_FOUNDER_ROLES = (PartyRole.FOUNDER, PartyRole.MEMBER)


@dataclass(frozen=True)
class Asked:
    """One person to ask one survey about one team or pair."""

    program_id: int
    kind: SurveyKind
    subject_kind: SubjectKind
    subject_id: int
    person: User
    side: Side
    venture_id: int | None


def invite(asked: Sequence[Asked], now: datetime) -> list[SurveyInvitation]:
    """Insert the invitations not made yet and email their people; the new ones."""
    if not asked:
        return []
    rows = [{"program_id": a.program_id, "kind": a.kind, "subject_kind": a.subject_kind,
             "subject_id": a.subject_id, "user_id": a.person.id, "side": a.side,
             "venture_id": a.venture_id, "invited_at": now, "reminders_sent": 0}
            for a in {(a.kind, a.subject_kind, a.subject_id, a.person.id): a
                      for a in asked}.values()]  # fmt: skip
    table = SurveyInvitation.__table__
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = (dialect.insert(table).on_conflict_do_nothing(index_elements=list(_KEY))
                 .returning(table.c.id))  # fmt: skip
    ids = [row.id for row in db.session.execute(statement, rows)]
    if not ids:
        return []
    fresh = db.session.scalars(
        select(SurveyInvitation).where(SurveyInvitation.id.in_(ids))
        .options(selectinload(SurveyInvitation.user))
    ).all()  # fmt: skip
    notify([survey_notice(invitation, "invited") for invitation in fresh], now)
    return list(fresh)


def survey_notice(invitation: SurveyInvitation, occasion: str):
    """The invitation's email (``occasion`` "invited"), or a reminder ("reminder-1", "-2").
    No names in its lines: they are the person's own words to come, not someone else's."""
    program = programs_by_id([invitation.program_id])[invitation.program_id]
    link = email_link("surveys.answer_survey", program_slug=program.slug,
                      survey_id=invitation.id)  # fmt: skip
    if invitation.kind is SurveyKind.FIT:
        subject = _l("Is this a good fit? One question after your first meeting")
        lines = [_l("Your first meeting has taken place. Is this a good fit? Yes, too early to "
                    "tell, or no: one click, and a few words if you like."),
                 _l("Only the program's coordinators read your answer.")]  # fmt: skip
    else:
        subject = _l("How did your mentoring go? The exit survey")
        lines = [_l("Your mentoring has come to an end. Tell the program how it went: a "
                    "rating, a few words and what could be better (five minutes)."),
                 _l("Only the program's coordinators read your answers.")]  # fmt: skip
    if occasion != "invited":
        subject = _l("Reminder: %(subject)s", subject=subject)
    return nudge(f"survey.{invitation.kind.value}", invitation.id, invitation.user, occasion,
                 program, subject, lines, link)  # fmt: skip


# -- the exit survey: a team ended, an agreement completed or ended early --------------------


def team_people(team: Team) -> list[tuple[User, Side]]:
    founders = [(f.user, Side.FOUNDER) for f in team.venture.founders if f.user is not None]
    return founders + [(m.mentor, Side.MENTOR) for m in team.members]


def _ask_about_team(team: Team, kind: SurveyKind, now: datetime) -> list[SurveyInvitation]:
    return invite([Asked(team.program_id, kind, SubjectKind.TEAM, team.id, person, side,
                         team.venture_id)
                   for person, side in team_people(team)], now)  # fmt: skip


@team_ended.connect
def _team_ended(team: Team, **_extra) -> None:
    _ask_about_team(team, SurveyKind.EXIT, team.ended_at or now_utc())


@agreement_closed.connect
def _agreement_closed(agreement: Agreement, **_extra) -> None:
    """The agreement's parties, about its team or pair (a team's agreement and the team's own
    end ask once: the subject is the team either way)."""
    if agreement.team_id is not None:
        subject, subject_id = SubjectKind.TEAM, agreement.team_id
        venture_id = db.session.get(Team, agreement.team_id).venture_id
    elif agreement.peer_pair_id is not None:
        subject, subject_id = SubjectKind.PAIR, agreement.peer_pair_id
        pair = db.session.get(PeerPair, agreement.peer_pair_id)
        venture_id = ventures_of([pair.member_id]).get((agreement.program_id, pair.member_id))
    else:
        return
    side = {True: Side.FOUNDER, False: Side.MENTOR}
    invite([Asked(agreement.program_id, SurveyKind.EXIT, subject, subject_id, party.user,
                  side[party.role in _FOUNDER_ROLES], venture_id)
            for party in agreement.parties], agreement.closed_at or now_utc())  # fmt: skip


def ventures_of(member_ids: Sequence[int]) -> dict[tuple[int, int], int]:
    """(program, pair member) -> the first venture they founded there, in one statement."""
    if not member_ids:
        return {}
    rows = db.session.execute(
        select(Venture.program_id, VentureFounder.user_id, func.min(VentureFounder.venture_id))
        .join(Venture, Venture.id == VentureFounder.venture_id)
        .where(VentureFounder.user_id.in_(list(member_ids)))
        .group_by(Venture.program_id, VentureFounder.user_id)
    ).tuples()  # fmt: skip
    return {(program_id, user_id): venture_id for program_id, user_id, venture_id in rows}


# -- the fit check: a sweep for first meetings held -------------------------------------------


def invite_fit_checks(now: datetime | None = None) -> int:
    """Ask the fit check of every team whose first meeting was held, and every pair whose
    first check-in was made, within ``FIT_CHECK_WINDOW`` and not asked yet."""
    now = now or now_utc()
    asked = _teams_met(now) + _pairs_met(now)
    fresh = invite(asked, now)
    db.session.commit()
    return len(fresh)


def _not_asked(subject: SubjectKind):
    return select(SurveyInvitation.subject_id).where(
        SurveyInvitation.kind == SurveyKind.FIT, SurveyInvitation.subject_kind == subject
    )


def _teams_met(now: datetime) -> list[Asked]:
    first = (
        select(Meeting.team_id)
        .where(Meeting.kind == MeetingKind.TEAM, Meeting.status == MeetingStatus.SCHEDULED,
               Meeting.team_id.is_not(None), Meeting.ends_at <= now)
        .group_by(Meeting.team_id).having(func.min(Meeting.ends_at) > now - FIT_CHECK_WINDOW)
    )  # fmt: skip
    teams = db.session.scalars(
        select(Team).where(Team.id.in_(first), Team.status == TeamStatus.PUBLISHED,
                           Team.id.not_in(_not_asked(SubjectKind.TEAM)))
        .options(selectinload(Team.members).selectinload(TeamMember.mentor),
                 selectinload(Team.venture).selectinload(Venture.founders)
                 .selectinload(VentureFounder.user))
    ).all()  # fmt: skip
    return [Asked(team.program_id, SurveyKind.FIT, SubjectKind.TEAM, team.id, person, side,
                  team.venture_id)
            for team in teams for person, side in team_people(team)]  # fmt: skip


def _pairs_met(now: datetime) -> list[Asked]:
    first = (
        select(Agreement.peer_pair_id)
        .join(AgreementCheckIn, AgreementCheckIn.agreement_id == Agreement.id)
        .where(Agreement.peer_pair_id.is_not(None))
        .group_by(Agreement.peer_pair_id)
        .having(func.min(AgreementCheckIn.created_at) > now - FIT_CHECK_WINDOW)
    )  # fmt: skip
    rows = db.session.execute(
        select(PeerPair, PeerEvent.program_id).join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerPair.id.in_(first), PeerPair.id.not_in(_not_asked(SubjectKind.PAIR)))
        .options(selectinload(PeerPair.member), selectinload(PeerPair.mentor))
    ).tuples().all()  # fmt: skip
    ventures = ventures_of([pair.member_id for pair, _pid in rows])
    return [Asked(pid, SurveyKind.FIT, SubjectKind.PAIR, pair.id, person, side,
                  ventures.get((pid, pair.member_id)))
            for pair, pid in rows
            for person, side in ((pair.member, Side.FOUNDER),
                                 (pair.mentor, Side.MENTOR))]  # fmt: skip
