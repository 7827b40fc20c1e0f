"""The every-page world grown: the same two programs with more of everything a page lists.

``grow(cast, unit)`` adds one *unit* to a program: a cohort; twenty mentors with profiles
(most signed the principles); ten ventures along the pipeline with their founders; their
teams (published, one of them short of mentors, and drafts) with past and coming meetings;
past monthly mentor meetings, every mentor invited to the coming ones, and the docket;
applications in every stage with interviews and scorecards; conflicts, commercial requests
and recusals; invitations (tests/grown_screening.py); a term in each list, a rubric
criterion, and a new version of the principles (signed again by whoever had signed). The
personas get their share, so their own pages grow too: the coordinator and the mentors
interview, the mentors join teams, meetings and the docket's volunteers and declare
conflicts, the founder's team meets more and the founder founds a teamed venture, and
everyone joins the new cohort. Peer mentoring grows too (tests/grown_peer.py): newcomers
in the crawled events, their seats, rankings and pairs; past dates of the crawled circles;
and a new event and a new circle with the personas in them. Agreements grow too
(tests/grown_agreements.py): active ones for the newcomers' pairs, the crawled team and the
personas, with signatures, trail and check-ins; and more of each on the crawled agreements,
out for signature a new version. The outbox grows too (tests/grown_notifications.py): sent,
waiting and failed emails, and notifications for the personas. So do the surveys
(tests/grown_surveys.py): each new published team's fit check and exit survey, about half
answered. The evidence dashboard's team meetings grow too (tests/grown_dashboard.py): a late
agenda and summary; goals and monthly updates (tests/grown_goals.py): for the new teams and
pairs, and the packet's ventures; and imports (tests/grown_imports.py): more rows in each
upload; the daily forms (tests/grown_forms.py): the unit's new term and criterion, used,
then retired, and an invitation with a message; mentor preparation
(tests/grown_preparation.py): more steps and completions; and files (tests/grown_files.py): a
logo for every venture without one, and decks. Each unit also adds a program to the site
admin's list.

A list a rule bounds stays within it (a venture has at most four founders, a team five
mentors): the first unit fills the founders of the team the crawler opens, later ones add
none, so no page grows for reading a few more of them.

Rows are written directly (the services would lock, email and re-read row by row), with
real keys and legal states: every status is reached by the models' own moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests import grown_agreements as agreements
from tests import grown_dashboard as dashboard
from tests import grown_files as files
from tests import grown_forms as forms
from tests import grown_goals as goals
from tests import grown_imports as imports
from tests import grown_notifications as notifications
from tests import grown_peer as peer
from tests import grown_preparation as preparation
from tests import grown_screening as screening
from tests import grown_surveys as surveys
from tests import grown_trials as trials
from tests.every_page_world import DEMO, BothPrograms
from tests.grown_screening import GROWN
from tests.test_every_page import every_persona
from vms.agreements.models import Agreement
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
from vms.cohorts.teams.models import Team, TeamMember, Volunteer
from vms.database import now_utc
from vms.extensions import db
from vms.peer.circles.models import PeerCircle
from vms.peer.models import PeerEvent
from vms.scheduling.models import (
    ActionItem,
    AgendaItem,
    DocketEntry,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    Response,
)
from vms.scheduling.series import services as series_services
from vms.scheduling.series.recurrence import occurrences
from vms.screening.mentors import rubric
from vms.screening.principles import services as principles
from vms.screening.principles.models import PrinciplesVersion, Signature
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.screening.ventures.forms import MAX_FOUNDERS
from vms.tokens import new_token

MENTORS, UNSIGNED = 20, 3
_V = VentureStatus
#: Ten ventures a unit, each moved along the pipeline by the model.
VENTURE_PATHS = [
    [], [_V.DECLINED], [_V.ACCEPTED], [_V.ACCEPTED], [_V.ACCEPTED, _V.DOCKETED],
    [_V.ACCEPTED, _V.DOCKETED], *[[_V.ACCEPTED, _V.DOCKETED, _V.TEAMED]] * 4,
]  # fmt: skip


@dataclass
class Cast:
    """One program and the personas' places in it."""

    program: Program
    coordinators: list[User]
    mentors: list[User]
    #: Personas who join each new cohort in a role other than mentor.
    others: list[tuple[User, Role]]
    #: The cohorts, the published team and the monthly meeting whose pages the crawler opens.
    cohorts: list[Cohort]
    team: Team
    monthly: Meeting
    #: The speed-dating events and the circles whose pages the crawler opens.
    events: list[PeerEvent]
    circles: list[PeerCircle]
    #: The agreements whose pages the crawler opens.
    agreements: list[Agreement]
    #: The demo password's hash, for everyone made here (hashing it again is slow).
    password_hash: str


def grow_programs(both: BothPrograms, units: dict[str, range]) -> None:
    """Grow each program by the numbered units; each unit also adds a program to the site."""
    personas = [p.user for p in every_persona(both) if p.user is not None]
    casts = {slug: _cast(slug, values, personas) for slug, values in both.values.items()}
    for slug, numbers in units.items():
        for unit in numbers:
            grow(casts[slug], unit)
            if slug == DEMO:
                _another_program(unit, casts[slug].password_hash)
    db.session.commit()


def _cast(slug: str, values: dict[str, list], personas: list[User]) -> Cast:
    program = db.session.scalar(select(Program).where(Program.slug == slug))
    memberships = db.session.scalars(select(Membership).filter_by(program_id=program.id))
    roles = {(m.user_id, m.role) for m in memberships}
    held = [(user, role) for user in personas for role in Role if (user.id, role) in roles]
    return Cast(
        program=program,
        coordinators=[u for u, role in held if role is Role.COORDINATOR],
        mentors=[u for u, role in held if role is Role.MENTOR],
        others=[(u, role) for u, role in held if role in (Role.ENTREPRENEUR, Role.PEER_MENTOR)],
        cohorts=[db.session.get(Cohort, cohort_id) for cohort_id in values["cohort_id"]],
        team=db.session.get(Team, values["team_id"][0]),
        monthly=_coming_monthly(values["meeting_id"]),
        events=[db.session.get(PeerEvent, event_id) for event_id in values["event_id"]],
        circles=[
            db.session.get(PeerCircle, circle_id)
            for circle_id in dict.fromkeys(values["circle_id"])
        ],  # fmt: skip
        agreements=[db.session.get(Agreement, n) for n in values["agreement_id"]],
        password_hash=personas[0].password_hash,
    )


def _coming_monthly(meeting_ids: list[int]) -> Meeting:
    """The coming monthly mentor meeting among the crawler's meetings (whose page is opened)."""
    return db.session.scalars(
        select(Meeting).where(Meeting.id.in_(meeting_ids), Meeting.starts_at > now_utc(),
                              Meeting.kind == MeetingKind.MENTOR_MEETING)
        .order_by(Meeting.starts_at)
    ).first()  # fmt: skip


def grow(cast: Cast, unit: int) -> None:
    """One more unit of everything in the cast's program (``unit`` keeps names unique)."""
    version = _new_principles(cast, unit)
    for kind in TaxonomyKind:
        taxonomy.add_term(cast.program, kind, f"Grown {kind.value} {unit}")
    rubric.add_criterion(cast.program, f"Grown criterion {unit}", "Added by the growth.")
    cohort = _cohort(cast, unit)
    mentors = _mentors(cast, cohort, unit, version)
    ventures = _ventures(cast, cohort, unit)
    _co_founders(cast)
    db.session.flush()
    for team in [*_teams(cast, ventures, mentors), cast.team]:
        _team_meetings(cast, team, unit)
    _monthly_meetings(cast, mentors, ventures, unit)
    screening.applications(cast, mentors, unit)
    screening.conflicts(cast, mentors, ventures, unit)
    screening.invitations(cast, cohort, mentors, unit)
    peer.grow(cast, cohort, unit)
    agreements.grow(cast, unit)
    notifications.grow(cast, unit)
    dashboard.grow(cast, unit)
    db.session.flush()
    surveys.grow(cast, unit)
    goals.grow(cast, unit)
    imports.grow(cast, unit)
    forms.grow(cast, cohort, unit)
    preparation.grow(cast, unit)
    files.grow(cast, unit)
    trials.grow(cast, unit)
    db.session.flush()


def _another_program(unit: int, password_hash: str) -> None:
    program = cohorts.create_program(f"Grown program {unit}", "UTC", "en")
    coordinator = _person(f"coordinator-{unit}", f"Grown Coordinator {unit}", password_hash)
    db.session.add(Membership(user=coordinator, program_id=program.id, role=Role.COORDINATOR))


# -- people ---------------------------------------------------------------------------------


def _person(local_part: str, name: str, password_hash: str) -> User:
    user = User(email=f"{local_part}@{GROWN}", name=name, password_hash=password_hash,
                timezone="America/New_York", locale="en")  # fmt: skip
    db.session.add(user)
    return user


def _member(cast: Cast, user: User, role: Role, in_cohorts: list[Cohort]) -> None:
    db.session.add(Membership(user=user, program_id=cast.program.id, role=role))
    db.session.add_all(CohortMember(cohort=c, user=user, role=role) for c in in_cohorts)


def _new_principles(cast: Cast, unit: int) -> PrinciplesVersion:
    """A new current version, signed again by every mentor who had signed the last one (so
    no persona is asked to sign who was not before)."""
    signed = [s.user for s in principles.mentors_status(cast.program) if not s.due]
    text = f"Principles, revision {unit}."
    version = principles.publish(cast.program, text, cast.coordinators[0])
    db.session.add_all(_signature(user, version) for user in signed)
    return version


def _signature(user: User, version: PrinciplesVersion) -> Signature:
    return Signature(
        version=version, user=user, typed_name=user.name, consented=True,
        ip_address="127.0.0.1", user_agent="grown", text_sha256=version.text_sha256,
    )  # fmt: skip


def _cohort(cast: Cast, unit: int) -> Cohort:
    name = f"Grown cohort {unit}"
    cohort = cohorts.create_cohort(cast.program, name, date(2027, 9, 1), date(2028, 2, 28))
    joining = [*((u, Role.MENTOR) for u in cast.mentors), *cast.others]
    db.session.add_all(CohortMember(cohort=cohort, user=u, role=role) for u, role in joining)
    return cohort


def _mentors(cast: Cast, cohort: Cohort, unit: int, version: PrinciplesVersion) -> list[User]:
    """Mentors with profiles in the new cohort and the first one; most signed the principles."""
    areas = [t.name for t in taxonomy.terms(cast.program, TaxonomyKind.EXPERTISE)]
    made = []
    for n in range(MENTORS):
        mentor = _person(f"mentor-{cast.program.slug}-{unit}-{n}",
                         f"Grown Mentor {unit}-{n:02d}", cast.password_hash)  # fmt: skip
        _member(cast, mentor, Role.MENTOR, [cohort, cast.cohorts[0]])
        db.session.add(MentorProfile(
            program_id=cast.program.id, user=mentor, industry=f"Industry {n % 6}",
            function=f"Function {n % 4}", expertise=[areas[(n + i) % len(areas)] for i in (0, 3)],
            years_experience=10 + n, lead_eligible=n % 3 == 0, capacity=2, days_per_month=2,
        ))  # fmt: skip
        if n >= UNSIGNED:
            db.session.add(_signature(mentor, version))
        made.append(mentor)
    return made


# -- ventures, teams and meetings -----------------------------------------------------------


def _ventures(cast: Cast, cohort: Cohort, unit: int) -> list[Venture]:
    areas = taxonomy.terms(cast.program, TaxonomyKind.EXPERTISE)
    made = []
    for n, path in enumerate(VENTURE_PATHS):
        name = f"Grown Venture {unit}-{n:02d}"
        venture = Venture(
            program_id=cast.program.id, cohort_id=cohort.id, name=name, description="Grows.",
            stage=list(VentureStage)[n % 4], needs=[a.name for a in areas[n % 3 :: 4]],
            website="https://grown.example", goal_statement="Grow with a clear plan. " * 5,
            access_token_hash=new_token()[1], access_token_expires_at=now_utc() + timedelta(30),
            status=_V.SUBMITTED, events=[VentureEvent(to_status=_V.SUBMITTED)],
            assessment=[VentureNeed(term_id=a.id, strength=1 + i % 5, wants_help=i % 4 == n % 3)
                        for i, a in enumerate(areas)],
        )  # fmt: skip
        venture.founders = _founders(cast, cohort, unit, n)
        for status in path:
            venture.move_to(status, cast.coordinators[0])
        db.session.add(venture)
        made.append(venture)
    for founder in (u for u, role in cast.others if role is Role.ENTREPRENEUR):
        made[-1].founders.append(VentureFounder(user=founder, name=founder.name))  # teamed
    return made


def _founders(cast: Cast, cohort: Cohort, unit: int, n: int) -> list[VentureFounder]:
    """A founder with an account, and a co-founder known only by the application."""
    person = _person(f"founder-{cast.program.slug}-{unit}-{n}", f"Grown Founder {unit}-{n}",
                     cast.password_hash)  # fmt: skip
    _member(cast, person, Role.ENTREPRENEUR, [cohort, *cast.cohorts])
    return [
        VentureFounder(user=person, name=person.name, email=person.email,
                       affiliation=Affiliation.ALUMNI),
        VentureFounder(name=f"Co-founder {unit}-{n}", email=f"co-{unit}-{n}@{GROWN}",
                       affiliation=Affiliation.STUDENT),
    ]  # fmt: skip


def _co_founders(cast: Cast) -> None:
    """Founders for the venture of the team whose pages are opened, up to the most a venture
    has (the small world fills it, so the large one adds none), invited to its coming
    meetings as founders are."""
    venture, slug = cast.team.venture, cast.program.slug
    coming = select(Meeting).where(Meeting.team_id == cast.team.id, Meeting.starts_at > now_utc(),
                                   Meeting.status == MeetingStatus.SCHEDULED)  # fmt: skip
    for n in range(len(venture.founders), MAX_FOUNDERS):
        person = _person(f"co-founder-{slug}-{n}", f"Grown Co-founder {n}", cast.password_hash)
        _member(cast, person, Role.ENTREPRENEUR, cast.cohorts)
        venture.founders.append(VentureFounder(user=person, name=person.name))
        for meeting in db.session.scalars(coming):
            meeting.invitees.append(Invitee(user=person))


def _teams(cast: Cast, ventures: list[Venture], mentors: list[User]) -> list[Team]:
    """Published teams for the teamed ventures (the last down to two mentors, so it needs a
    repair), drafts for the docketed; the persona mentors join the first of each and
    volunteer, with two new mentors, for the docketed ventures. Returns the published."""
    leads = iter([m for n, m in enumerate(mentors) if n % 3 == 0])  # the lead-eligible
    others = iter([m for n, m in enumerate(mentors) if n % 3 != 0])
    published, joined = [], set()
    for venture in ventures:
        if venture.status not in (_V.TEAMED, _V.DOCKETED):
            continue
        personas = cast.mentors if venture.status not in joined else []
        joined.add(venture.status)
        team = _team(cast, venture, [next(leads), next(others), next(others)], personas)
        if venture.status is _V.DOCKETED:
            db.session.add_all(Volunteer(venture_id=venture.id, mentor_id=m.id)
                               for m in [*cast.mentors, *mentors[:2]])  # fmt: skip
        else:
            published.append(team)
    published[-1].members.pop()
    return published


def _team(cast: Cast, venture: Venture, mentors: list[User], personas: list[User]) -> Team:
    members = [TeamMember(mentor=m, is_lead=i == 0) for i, m in enumerate([*mentors, *personas])]
    team = Team(program_id=cast.program.id, venture=venture, members=members)
    if venture.status is _V.TEAMED:
        team.publish(cast.coordinators[0], now_utc())
    db.session.add(team)
    return team


def _team_meetings(cast: Cast, team: Team, unit: int) -> None:
    """A past meeting with its summary, actions and attendance; two coming, one with an agenda."""
    people = [m.mentor for m in team.members] + [f.user for f in team.venture.founders if f.user]
    now = now_utc().replace(minute=0, second=0, microsecond=0)
    for days, items in ((-7 * unit - 3, 2), (5 * unit + 2, 3), (5 * unit + 30, 0)):
        start, past = now + timedelta(days=days, hours=unit % 5), days < 0
        meeting = Meeting(
            program_id=cast.program.id, kind=MeetingKind.TEAM, team_id=team.id,
            title=team.venture.name, starts_at=start, ends_at=start + timedelta(hours=1),
            timezone=cast.program.timezone, location="Room 1", organizer=cast.coordinators[0],
            invitees=[Invitee(user=p, response=Response.YES if past or i % 2 else None,
                              attended=True if past else None) for i, p in enumerate(people)],
            agenda=[AgendaItem(position=i, title=f"Item {i}", minutes=15) for i in range(items)],
        )  # fmt: skip
        if past:
            meeting.summary, meeting.decisions = "We agreed a plan.", "Test two prices."
            meeting.summary_at = start + timedelta(hours=3)
            meeting.actions = [ActionItem(text=f"Action {i}", owner="Founder") for i in range(2)]
        db.session.add(meeting)


def _monthly_meetings(cast: Cast, mentors: list[User], ventures: list[Venture], unit: int):
    """Two more past dates of the monthly meeting, with attendance; every mentor invited to
    the coming ones; the docketed ventures on the docket of the one whose page is opened."""
    series = db.session.get(MeetingSeries, cast.monthly.series_id)
    first = (now_utc().date().replace(day=1) - timedelta(days=61 * unit + 40)).replace(day=1)
    held = set(
        db.session.scalars(select(Meeting.occurrence_date).where(Meeting.series_id == series.id))
    )  # the demo's own past dates stay as they are
    for start, end in occurrences(series_services.rule_of(series), first, 2):
        day = start.astimezone(ZoneInfo(series.timezone)).date()
        if day in held:
            continue
        db.session.add(Meeting(
            program_id=cast.program.id, kind=MeetingKind.MENTOR_MEETING, series_id=series.id,
            occurrence_date=day, title=series.title, starts_at=start, ends_at=end,
            timezone=series.timezone, location=series.location,
            invitees=[Invitee(user=m, response=Response.YES, attended=i % 3 != 0)
                      for i, m in enumerate([*cast.mentors, *mentors])],
        ))  # fmt: skip
    db.session.flush()
    series_services.keep_ahead(series)
    docketed = [v for v in ventures if v.status is _V.DOCKETED]
    cast.monthly.docket.extend(DocketEntry(venture_id=v.id) for v in docketed)
