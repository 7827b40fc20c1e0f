"""The program and its people: coordinators, personas, mentors with profiles and signatures,
ventures with founders and self-assessments, and the mentor teams.

The program, its cohorts, the monthly meeting series and the signed-in personas are made by
the app's own services and models; the thousands of others are bulk rows (bulk.py).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from vms.auth.models import Membership, Role, User
from vms.cohorts import services as cohorts
from vms.cohorts.models import (
    Affiliation,
    Cohort,
    CohortMember,
    MentorProfile,
    Program,
    Venture,
    VentureEvent,
    VentureFounder,
    VentureNeed,
    VentureStage,
    VentureStatus,
)
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus, Volunteer
from vms.extensions import db
from vms.scheduling.series import services as series_services
from vms.screening.principles import services as principles
from vms.screening.principles.models import Signature
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind

from .bulk import Ids, Mentor, Seats, TeamRecord, VentureRecord, bulk, person_name, random_hash

#: Years of history a large program keeps.
YEARS = 5
FULL_SIZE = {"mentors": 3_000, "ventures": 1_000, "teams": 300, "meetings": 50_000,
             "applications": 5_000, "interviews": 2_500}  # fmt: skip
SMALLEST = {"mentors": 30, "ventures": 12, "teams": 3, "meetings": 120, "applications": 20,
            "interviews": 10}  # fmt: skip


@dataclass(frozen=True)
class Sizes:
    mentors: int
    ventures: int
    teams: int
    meetings: int
    applications: int
    interviews: int

    @classmethod
    def scaled(cls, factor: float, overrides: bool = False) -> Sizes:
        """FULL_SIZE × factor (never below SMALLEST); VMS_SCALE_<NAME> overrides one count."""
        counts = {k: max(SMALLEST[k], round(v * factor)) for k, v in FULL_SIZE.items()}
        if overrides:
            for name in counts:
                value = os.environ.get(f"VMS_SCALE_{name.upper()}")
                counts[name] = max(SMALLEST[name], int(value)) if value else counts[name]
        return cls(**counts)


@dataclass
class World:
    """One program being built, and what later steps need to know about it."""

    program: Program
    sizes: Sizes
    rng: random.Random
    now: datetime
    password_hash: str
    domain: str
    ids: Ids = field(default_factory=Ids)
    coordinator_ids: list[int] = field(default_factory=list)
    cohort_by_year: dict[int, int] = field(default_factory=dict)
    mentors: list[Mentor] = field(default_factory=list)
    ventures: list[VentureRecord] = field(default_factory=list)
    teams: list[TeamRecord] = field(default_factory=list)
    personas: dict[str, User] = field(default_factory=dict)
    series_id: int = 0
    _terms: dict = field(default_factory=dict)

    def terms(self, kind: TaxonomyKind) -> list:
        """The program's list of that kind (read once)."""
        if kind not in self._terms:
            self._terms[kind] = taxonomy.terms(self.program, kind)
        return self._terms[kind]

    def cohort_of(self, when: datetime) -> int:
        return self.cohort_by_year.get(when.year) or max(self.cohort_by_year.items())[1]

    def ago(self, low_days: float, high_days: float) -> datetime:
        return self.now - timedelta(days=self.rng.uniform(low_days, high_days))


def start_program(world: World) -> None:
    """Cohorts, coordinators, the monthly meeting series and the personas, through the app."""
    program = world.program
    for year in range(world.now.year - YEARS + 1, world.now.year + 1):
        cohort = cohorts.create_cohort(program, f"Ventures {year}", date(year, 1, 15),
                                       date(year, 12, 15))  # fmt: skip
        db.session.flush()
        world.cohort_by_year[year] = cohort.id
    details = series_services.SeriesDetails("Monthly mentor meeting", 1, 2, time(18, 0), 120,
                                            program.timezone, "Room 4-231")  # fmt: skip
    world.series_id = series_services.create_series(program, details, world.now).id
    for n, name in enumerate(["Casey Coordinator", "Robin Operations"]):
        user = _user(world, "coordinator" if n == 0 else "operations", name)
        cohorts.add_member(user, program, Role.COORDINATOR)
        world.coordinator_ids.append(user.id)
    world.personas.update(coordinator=db.session.get(User, world.coordinator_ids[0]),
                          mentor=_persona_mentor(world),
                          founder=_user(world, "founder", "Frankie Founder"))  # fmt: skip
    db.session.flush()


def _persona_mentor(world: World) -> User:
    """A seasoned mentor who signed this year: leads one team, sits on another."""
    program = world.program
    mentor = _user(world, "mentor", "Morgan Mentor")
    cohort = db.session.get(Cohort, world.cohort_of(world.now))
    cohorts.add_member(mentor, program, Role.MENTOR, cohort)
    first = {kind: world.terms(kind) for kind in TaxonomyKind}
    db.session.add(MentorProfile(
        program_id=program.id, user_id=mentor.id, industry=first[TaxonomyKind.INDUSTRY][0].name,
        function=first[TaxonomyKind.FUNCTION][0].name, years_experience=24,
        expertise=[t.name for t in first[TaxonomyKind.EXPERTISE][:3]],
        lead_eligible=True, capacity=2, days_per_month=2, weekdays=[],
    ))  # fmt: skip
    version = principles.current_version(program)
    db.session.add(Signature(version=version, user_id=mentor.id, typed_name=mentor.name,
                             consented=True, signed_at=world.now - timedelta(days=40),
                             ip_address="127.0.0.1", user_agent="scale benchmark",
                             text_sha256=version.text_sha256))  # fmt: skip
    world.mentors.append(Mentor(mentor.id, mentor.name, mentor.email, True, 2, [], True,
                                world.now - timedelta(days=3 * 365)))  # fmt: skip
    return mentor


def _user(world: World, local_part: str, name: str) -> User:
    user = User(email=f"{local_part}@{world.domain}", name=name,
                password_hash=world.password_hash, timezone=world.program.timezone,
                locale=world.program.default_locale)  # fmt: skip
    db.session.add(user)
    db.session.flush()
    return user


def add_mentors(world: World) -> None:
    """Mentors with accounts, memberships, profiles and (mostly current) signatures."""
    rng, program = world.rng, world.program
    version = principles.current_version(program)
    users, memberships, members, profiles, signatures = [], [], [], [], []
    for n, user_id in enumerate(world.ids.take(User.__table__, world.sizes.mentors - 1), 1):
        joined = world.ago(20, YEARS * 365)
        years = rng.randint(5, 35)
        mentor = Mentor(user_id, person_name(rng), f"mentor{n}@{world.domain}", years >= 26,
                        2 if rng.random() < 0.25 else 1, [2, 3, 4] if rng.random() < 0.4 else [],
                        rng.random() < 0.96, joined)  # fmt: skip
        world.mentors.append(mentor)
        users.append(_user_row(world, mentor.id, mentor.email, mentor.name, joined))
        memberships.append({"user_id": user_id, "program_id": program.id, "role": Role.MENTOR,
                            "created_at": joined})  # fmt: skip
        members.append({"cohort_id": world.cohort_of(joined), "user_id": user_id,
                        "role": Role.MENTOR, "joined_at": joined})  # fmt: skip
        profiles.append(_profile_row(world, mentor, years))
        if mentor.signed:  # a few signed more than a year ago: due again
            when = world.ago(1, 360) if rng.random() < 0.95 else world.ago(370, 700)
            mentor.signed = when > world.now - timedelta(days=365)
            signatures.append({
                "version_id": version.id, "user_id": user_id, "typed_name": mentor.name,
                "consented": True, "signed_at": when, "ip_address": "127.0.0.1",
                "user_agent": "scale benchmark", "text_sha256": version.text_sha256,
            })  # fmt: skip
    bulk(world.ids, User.__table__, users)
    bulk(world.ids, Membership.__table__, memberships)
    bulk(world.ids, CohortMember.__table__, members)
    bulk(world.ids, MentorProfile.__table__, profiles)
    bulk(world.ids, Signature.__table__, signatures)


def _profile_row(world: World, mentor: Mentor, years: int) -> dict:
    rng = world.rng
    names = {kind: [t.name for t in world.terms(kind)] for kind in TaxonomyKind}
    return {"program_id": world.program.id, "user_id": mentor.id, "years_experience": years,
            "industry": rng.choice(names[TaxonomyKind.INDUSTRY]),
            "function": rng.choice(names[TaxonomyKind.FUNCTION]),
            "expertise": rng.sample(names[TaxonomyKind.EXPERTISE], rng.randint(2, 3)),
            "lead_eligible": mentor.lead, "capacity": mentor.capacity,
            "days_per_month": rng.randint(1, 2), "weekdays": mentor.weekdays}  # fmt: skip


def _user_row(world: World, user_id: int, email: str, name: str, created: datetime) -> dict:
    return {"id": user_id, "email": email, "name": name, "password_hash": world.password_hash,
            "timezone": world.program.timezone, "locale": world.program.default_locale,
            "is_admin": False, "session_version": 1, "created_at": created}  # fmt: skip


_V = VentureStatus
#: Where a venture's history goes, status by status.
PATHS = {
    _V.SUBMITTED: [], _V.DECLINED: [_V.DECLINED], _V.ACCEPTED: [_V.ACCEPTED],
    _V.DOCKETED: [_V.ACCEPTED, _V.DOCKETED],
    _V.TEAMED: [_V.ACCEPTED, _V.DOCKETED, _V.TEAMED],
    _V.ACTIVE: [_V.ACCEPTED, _V.DOCKETED, _V.TEAMED, _V.ACTIVE],
    _V.GRADUATED: [_V.ACCEPTED, _V.DOCKETED, _V.TEAMED, _V.ACTIVE, _V.GRADUATED],
    _V.WITHDRAWN: [_V.ACCEPTED, _V.WITHDRAWN],
}  # fmt: skip


def venture_statuses(sizes: Sizes) -> list[VentureStatus]:
    """The published teams' ventures first (the persona founder's is the first), then the rest."""
    teams = sizes.teams
    teamed = [_V.ACTIVE] * (teams - teams // 5 - teams // 8) + [_V.GRADUATED] * (teams // 5)
    teamed += [_V.TEAMED] * (teams // 8)
    rest = sizes.ventures - teams
    shares = [(_V.DOCKETED, 0.09), (_V.ACCEPTED, 0.11), (_V.SUBMITTED, 0.17), (_V.DECLINED, 0.29)]
    others = [status for status, share in shares for _ in range(max(1, round(rest * share)))]
    return teamed + others + [_V.WITHDRAWN] * max(0, rest - len(others))


def add_ventures(world: World) -> None:
    """Ventures with founders (accounts), self-assessments and their pipeline history."""
    rows: dict = {model: [] for model in (User, Venture, Membership, CohortMember, VentureFounder,
                                          VentureNeed, VentureEvent)}  # fmt: skip
    statuses = venture_statuses(world.sizes)
    ids = world.ids.take(Venture.__table__, len(statuses))
    for n, (venture_id, status) in enumerate(zip(ids, statuses, strict=True)):
        record = _dated_venture(world, venture_id, f"Venture {n + 1:04d}", status, n == 0)
        record.founder_ids = _founders(world, n, record, rows)
        rows[Venture].append(_venture_row(world, n, record, rows))
        rows[VentureEvent] += _venture_events(world, record)
        world.ventures.append(record)
    for model, batch in rows.items():  # users and ventures before the rows that name them
        bulk(world.ids, model.__table__, batch)


def _founders(world: World, n: int, record: VentureRecord, rows: dict) -> list[int]:
    """One or two founders with accounts; the persona founder founded the first venture."""
    persona = world.personas["founder"]
    named = {persona.id: (persona.name, persona.email)} if n == 0 else {}
    count = (2 if world.rng.random() < 0.3 else 1) - len(named)
    for k, user_id in enumerate(world.ids.take(User.__table__, count)):
        row = _user_row(world, user_id, f"founder{n + 1}-{k + 1}@{world.domain}",
                        person_name(world.rng), record.created_at)  # fmt: skip
        rows[User].append(row)
        named[user_id] = (row["name"], row["email"])
    cohort_id, when = world.cohort_of(record.created_at), record.created_at
    for user_id, (name, email) in named.items():
        rows[Membership].append({"user_id": user_id, "program_id": world.program.id,
                                 "role": Role.ENTREPRENEUR, "created_at": when})  # fmt: skip
        rows[CohortMember].append({"cohort_id": cohort_id, "user_id": user_id,
                                   "role": Role.ENTREPRENEUR, "joined_at": when})  # fmt: skip
        affiliation = world.rng.choice(list(Affiliation))
        rows[VentureFounder].append({"venture_id": record.id, "user_id": user_id, "name": name,
                                     "email": email, "affiliation": affiliation})  # fmt: skip
    return list(named)


def _venture_row(world: World, n: int, record: VentureRecord, rows: dict) -> dict:
    """The venture, and its self-assessment (three areas where it wants help)."""
    rng, areas = world.rng, world.terms(TaxonomyKind.EXPERTISE)
    wanted = rng.sample(areas, 3)
    rows[VentureNeed] += [{"venture_id": record.id, "term_id": a.id, "wants_help": a in wanted,
                           "strength": 2 if a in wanted else rng.randint(3, 5)}
                          for a in areas]  # fmt: skip
    return {
        "id": record.id, "program_id": world.program.id, "name": record.name,
        "cohort_id": world.cohort_of(record.created_at), "status": record.status,
        "description": "Hardware and software for a hard problem.",
        "needs": [a.name for a in wanted], "created_at": record.created_at,
        "stage": rng.choice(list(VentureStage)),
        "sector_id": rng.choice(world.terms(TaxonomyKind.INDUSTRY)).id,
        "website": f"https://venture{n + 1}.example.org", "access_token_hash": random_hash(),
        "goal_statement": "In six months: a first paying customer and a seed round.",
        "meeting_weekday": record.meeting_weekday,
        "access_token_expires_at": record.created_at + timedelta(days=30),
    }  # fmt: skip


def _dated_venture(
    world: World, venture_id: int, name: str, status, persona: bool
) -> VentureRecord:
    """When the venture applied, and (for a teamed one) when its team was published."""
    recent = {_V.SUBMITTED: (1, 60), _V.ACCEPTED: (20, 150), _V.DOCKETED: (15, 90)}
    record = VentureRecord(venture_id, name, status, world.now, [])
    if status in (_V.ACTIVE, _V.GRADUATED, _V.TEAMED):
        span = {_V.ACTIVE: (90, YEARS * 365 - 200), _V.TEAMED: (10, 80),
                _V.GRADUATED: (2 * 365, YEARS * 365 - 100)}[status]  # fmt: skip
        record.published_at = world.ago(*span)
        record.created_at = record.published_at - timedelta(days=world.rng.uniform(30, 90))
        record.meeting_weekday = None if persona else world.rng.choice([None, 2, 3, 4])
        if status is _V.GRADUATED:
            lived = (world.now - record.published_at).days - 30
            record.graduated_at = record.published_at + timedelta(days=world.rng.uniform(
                min(365, lived), lived))  # fmt: skip
    else:
        record.created_at = world.ago(*recent.get(status, (30, YEARS * 365)))
    return record


def _venture_events(world: World, record: VentureRecord) -> list[dict]:
    """Its moves, one after the other, by the program's coordinator."""
    moves = [None, _V.SUBMITTED, *PATHS[record.status]]
    end = record.graduated_at or record.published_at or world.now
    step = (end - record.created_at) / max(1, len(moves) - 1)
    return [{"venture_id": record.id, "from_status": before, "to_status": after, "note": "",
             "actor_id": world.coordinator_ids[0] if before else None,
             "at": record.created_at + step * i}
            for i, (before, after) in enumerate(zip(moves, moves[1:], strict=False))]  # fmt: skip


def add_teams(world: World) -> None:
    """A published team (3–5 mentors, one lead) per teamed venture; drafts for half of the
    docket; volunteers for the docket. The persona mentor leads the persona founder's team
    and sits on a second one."""
    rng = world.rng
    persona = world.mentors[0]
    seats = Seats(sorted([m for m in world.mentors[1:] if m.signed], key=lambda _m: rng.random()))
    teamed = [v for v in world.ventures if v.published_at is not None]
    docket = [v for v in world.ventures if v.status is _V.DOCKETED]
    drafts = docket[: len(docket) // 2]
    teams, members = [], []
    for n, venture in enumerate(teamed + drafts):
        size = rng.randint(3, 5) if venture.published_at else rng.randint(3, 4)
        chosen = [persona] if n < 2 else []
        if n < 2:
            seats.place(persona)
        lead = persona if n == 0 else seats.take(True, venture.meeting_weekday, set())
        chosen = [lead] + [m for m in chosen if m is not lead]
        while len(chosen) < size:
            chosen.append(seats.take(False, venture.meeting_weekday, {m.id for m in chosen}))
        published = venture.published_at is not None
        record = TeamRecord(world.ids.take(Team.__table__)[0], venture, lead.id,
                            [m.id for m in chosen], published)  # fmt: skip
        world.teams.append(record)
        since = venture.published_at or world.now - timedelta(days=2)
        teams.append({"id": record.id, "program_id": world.program.id, "venture_id": venture.id,
                      "status": TeamStatus.PUBLISHED if published else TeamStatus.DRAFT,
                      "created_at": since - timedelta(days=7), "unassigned": None,
                      "published_at": venture.published_at, "published_by_id":
                      world.coordinator_ids[0] if published else None})  # fmt: skip
        members += [{"team_id": record.id, "mentor_id": m.id, "is_lead": m is lead,
                     "locked": False, "added_at": since} for m in chosen]  # fmt: skip
    volunteers = [{"venture_id": v.id, "mentor_id": m.id, "created_at": world.ago(1, 20)}
                  for v in docket for m in rng.sample(world.mentors[1:], 4)]  # fmt: skip
    bulk(world.ids, Team.__table__, teams)
    bulk(world.ids, TeamMember.__table__, members)
    bulk(world.ids, Volunteer.__table__, volunteers)
