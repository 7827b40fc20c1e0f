"""A small hand-made program for the evidence tests, whose answers the tests work out by hand.

Five ventures, all applied before NOW (days ago in brackets):
  Alder (100; cohort One; idea; self-assessed): accepted, team published 40 days after
    applying (60 ago); four meetings held, 50, 40, 30 and 20 days ago, each with its agenda
    and a summary two hours after; everyone came. Also a cancelled meeting (15 ago) and a
    coming one (in 5 days), which count for nothing.
  Birch (80; One; revenue): accepted, team published 10 days after (70 ago); one meeting, 45
    days ago, with no agenda and no summary; its mentor was marked absent.
  Cedar (20; Two): accepted, no team.          Dune (10; Two): submitted, not accepted.
  Elm (30; Two): accepted, team published 25 days after (5 ago), no meeting yet.
Peer pairs (cohort One): Gil with Hana (1st choice), published 40 days ago, no check-in;
Ivo with Hana (3rd choice), published 10 days ago.
Agreements: one active, one completed (both signed at some point), one draft.
Mentors 1, 2, 3 pledged 2, 1 and 1 days a month; Alder's lead is Mentor 1, Birch's Mentor 2,
Elm's Mentor 3. The monthly mentor meeting 10 days ago: Mentor 1 came, Mentor 2 was not
marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

# The goals' and updates' tests are served by the team flow's world (a docket to publish) and
# the agreements' world with its published peer pair and team.
from tests.agreements.conftest import aw  # noqa: F401, E402
from tests.cohorts.test_team_flow import tw  # noqa: F401, E402
from vms.agreements.kinds import AgreementKind, AgreementStatus
from vms.agreements.models import Agreement, AgreementTemplate
from vms.auth.models import Role, User
from vms.cohorts.models import (
    Cohort,
    MentorProfile,
    Program,
    Venture,
    VentureEvent,
    VentureFounder,
    VentureNeed,
    VentureStage,
    VentureStatus,
)
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind, MeetingStatus
from vms.screening.settings.models import TaxonomyKind, TaxonomyTerm


@dataclass
class EvidenceWorld:
    now: datetime
    program: Program
    one: Cohort
    two: Cohort
    coordinator: User
    mentors: list[User]
    founders: dict[str, User]
    teams: dict[str, Team]
    pairs: list[PeerPair]
    members: list[User]


def _ago(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


@pytest.fixture
def ew(app, make_program, make_cohort, make_member) -> EvidenceWorld:
    now = now_utc().replace(microsecond=0)
    program = make_program("Evidence Program", timezone="Europe/Madrid")
    one, two = make_cohort(program, "One"), make_cohort(program, "Two")
    coordinator = make_member(program, Role.COORDINATOR, one, name="Cora Coordinator")
    mentors = [make_member(program, Role.MENTOR, one, name=f"Mentor {n}") for n in (1, 2, 3)]
    db.session.add_all(MentorProfile(program_id=program.id, user_id=m.id, industry="Software",
                                     function="Sales", days_per_month=days)
                       for m, days in zip(mentors, (2, 1, 1), strict=True))  # fmt: skip
    founders = {name: make_member(program, Role.ENTREPRENEUR, one, name=f"{name} Founder")
                for name in ("Alder", "Birch", "Elm")}  # fmt: skip
    term = db.session.scalars(select(TaxonomyTerm).where(  # one of the program's seeded areas
        TaxonomyTerm.program_id == program.id, TaxonomyTerm.kind == TaxonomyKind.EXPERTISE)
    ).first()  # fmt: skip
    ventures = {
        "Alder": _venture(program, one, "Alder", now, 100, VentureStage.IDEA, founders),
        "Birch": _venture(program, one, "Birch", now, 80, VentureStage.REVENUE, founders),
        "Cedar": _venture(program, two, "Cedar", now, 20, None, founders),
        "Dune": _venture(program, two, "Dune", now, 10, None, founders, accepted=False),
        "Elm": _venture(program, two, "Elm", now, 30, None, founders),
    }
    ventures["Alder"].assessment = [VentureNeed(term_id=term.id, strength=2, wants_help=True)]
    teams = {
        "Alder": _team(program, ventures["Alder"], mentors[0], _ago(now, 60)),
        "Birch": _team(program, ventures["Birch"], mentors[1], _ago(now, 70)),
        "Elm": _team(program, ventures["Elm"], mentors[2], _ago(now, 5)),
    }
    db.session.flush()
    _meetings(program, teams, mentors, founders, now)
    members, pairs = _pairs(program, one, coordinator, make_member, now)
    _agreements(program, teams["Alder"])
    db.session.commit()
    return EvidenceWorld(now, program, one, two, coordinator, mentors, founders, teams, pairs,
                         members)  # fmt: skip


def _venture(program, cohort, name, now, days, stage, founders, accepted=True) -> Venture:
    applied = _ago(now, days)
    venture = Venture(program_id=program.id, cohort_id=cohort.id, name=name, needs=[],
                      created_at=applied, stage=stage,
                      status=VentureStatus.SUBMITTED)  # fmt: skip
    if accepted:
        venture.events = [VentureEvent(from_status=VentureStatus.SUBMITTED,
                                       to_status=VentureStatus.ACCEPTED, at=applied)]  # fmt: skip
        venture.status = VentureStatus.ACCEPTED
    if name in founders:
        venture.founders = [VentureFounder(user=founders[name], name=founders[name].name)]
    db.session.add(venture)
    return venture


def _team(program, venture, lead, published_at) -> Team:
    team = Team(program_id=program.id, venture=venture, status=TeamStatus.PUBLISHED,
                published_at=published_at,
                members=[TeamMember(mentor_id=lead.id, is_lead=True)])  # fmt: skip
    venture.status = VentureStatus.TEAMED
    db.session.add(team)
    return team


def _meeting(program, team, starts_at, **fields) -> Meeting:
    meeting = Meeting(program_id=program.id, kind=MeetingKind.TEAM, team_id=team.id,
                      title=f"{team.venture.name} meeting", starts_at=starts_at,
                      ends_at=starts_at + timedelta(hours=1), timezone=program.timezone,
                      **fields)  # fmt: skip
    db.session.add(meeting)
    return meeting


def _meetings(program, teams, mentors, founders, now) -> None:
    alder, birch = teams["Alder"], teams["Birch"]
    for days in (50, 40, 30, 20):
        start = _ago(now, days)
        _meeting(program, alder, start, summary="Went well", summary_at=start + timedelta(hours=3),
                 agenda=[AgendaItem(position=0, title="Pricing")],
                 invitees=[Invitee(user_id=mentors[0].id, attended=True),
                           Invitee(user_id=founders["Alder"].id, attended=True)])  # fmt: skip
    _meeting(program, alder, _ago(now, 15), status=MeetingStatus.CANCELLED)
    _meeting(program, alder, now + timedelta(days=5))
    _meeting(program, birch, _ago(now, 45),
             invitees=[Invitee(user_id=mentors[1].id, attended=False),
                       Invitee(user_id=founders["Birch"].id)])  # fmt: skip
    monthly = _ago(now, 10)
    db.session.add(Meeting(program_id=program.id, kind=MeetingKind.MENTOR_MEETING,
                           title="Monthly mentor meeting", starts_at=monthly,
                           ends_at=monthly + timedelta(hours=2), timezone=program.timezone,
                           invitees=[Invitee(user_id=mentors[0].id, attended=True),
                                     Invitee(user_id=mentors[1].id)]))  # fmt: skip


def _pairs(program, cohort, coordinator, make_member, now) -> tuple[list[User], list[PeerPair]]:
    members = [make_member(program, Role.ENTREPRENEUR, cohort, name=n) for n in ("Gil", "Ivo")]
    peer = make_member(program, Role.PEER_MENTOR, cohort, name="Hana")
    event = PeerEvent(program=program, cohort=cohort, title="Speed dating",
                      timezone=program.timezone, created_by_id=coordinator.id)  # fmt: skip
    pairs = [PeerPair(event=event, member_id=members[0].id, mentor_id=peer.id, rank=1,
                      published_at=_ago(now, 40)),
             PeerPair(event=event, member_id=members[1].id, mentor_id=peer.id, rank=3,
                      published_at=_ago(now, 10))]  # fmt: skip
    db.session.add_all(pairs)
    return members, pairs


def _agreements(program, team) -> None:
    template = AgreementTemplate(program_id=program.id, kind=AgreementKind.TEAM, language="en",
                                 version=1, title="Team agreement", sections=[])  # fmt: skip
    db.session.add(template)
    db.session.flush()
    for status, signed in ((AgreementStatus.ACTIVE, True), (AgreementStatus.COMPLETED, True),
                           (AgreementStatus.DRAFT, False)):  # fmt: skip
        db.session.add(Agreement(program_id=program.id, template_id=template.id,
                                 kind=AgreementKind.TEAM, team_id=team.id, status=status,
                                 activated_at=now_utc() if signed else None,
                                 starts_on=date.today()))  # fmt: skip
