"""Fixtures: ``app``, ``client``, ``auth``, ``smtp`` and ``make_*`` factories.

The schema is built once per session by the real migrations (on SQLite, or on
PostgreSQL when VMS_TEST_DATABASE_URL is set); each test leaves empty tables behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import delete, text

from tests.support import SmtpSink
from vms import MIGRATIONS_DIR, create_app
from vms.auth.models import Role, User
from vms.auth.passwords import hash_password
from vms.cohorts import services as cohort_services
from vms.cohorts.models import Cohort, MentorProfile, Program, Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember
from vms.database import now_utc
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.scheduling.models import Invitee, Meeting, MeetingKind
from vms.screening.mentors.interviews import InterviewDetails
from vms.screening.mentors.interviews import schedule as schedule_interview
from vms.screening.mentors.services import MentorApplicationInput, submit_mentor_application
from vms.screening.settings.models import TaxonomyKind
from vms.screening.settings.taxonomy import terms

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("VMS_TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "vms-test.sqlite3")


def config_for_tests(database_url: str, smtp: SmtpSink, instance_path: str, **extra) -> dict:
    return {
        "ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": instance_path,
        "WTF_CSRF_ENABLED": False,
        # Still scrypt, with a cost that keeps the suite quick.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "MAIL_BACKEND": "smtp",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
        "BASE_URL": "http://localhost",
        **extra,
    }


@pytest.fixture(scope="session")
def _schema(database_url, smtp, tmp_path_factory) -> Iterator[None]:
    app = create_app(config_for_tests(database_url, smtp, str(tmp_path_factory.mktemp("inst"))))
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade(directory=MIGRATIONS_DIR)
    yield
    with app.app_context():
        db.engine.dispose()


class FreshRequestClient(FlaskClient):
    """Each request starts with an empty ``g``, as in production.

    Tests keep an app context pushed, and Flask reuses it for the client's
    requests; without this, ``g`` (and Flask-Login's cached user in it) would
    leak from one request into the next.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            g.__dict__.clear()
        return super().open(*args, **kwargs)


@pytest.fixture
def make_app(_schema, database_url, smtp, tmp_path):
    """Build another app on the same database (a second worker, or other settings)."""
    built: list[Flask] = []

    def build(**extra) -> Flask:
        app = create_app(config_for_tests(database_url, smtp, str(tmp_path), **extra))
        app.test_client_class = FreshRequestClient
        built.append(app)
        return app

    yield build
    for app in built:  # close every pool, or PostgreSQL connections leak between tests
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app, smtp) -> Iterator[Flask]:
    app = make_app()
    smtp.dispatcher = None
    smtp.clear()
    with app.app_context():
        smtp.dispatcher = _deliver_here
        yield app
        smtp.dispatcher = None
        db.session.remove()
        _empty_all_tables()
        db.engine.dispose()


def _deliver_here() -> None:
    """The scheduler's delivery loop, run in the test's app context (when one is pushed)."""
    if has_app_context():
        deliver_all()


def _empty_all_tables() -> None:
    if db.engine.dialect.name == "postgresql":
        # Signatures are append-only: the database refuses their deletion unless this
        # transaction says it purges evidence (migration bd4e5f6a7b84).
        db.session.execute(text("SET LOCAL vms.purging_evidence = 'on'"))
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, as_: User, password: str = PASSWORD, remember: bool = False):
        data = {"email": as_.email, "password": password}
        if remember:  # a checkbox is sent only when ticked ("False" would read as ticked)
            data["remember"] = "y"
        response = self.client.post("/signin", data=data)
        assert response.status_code == 302, "sign-in failed"
        return response

    def logout(self):
        return self.client.post("/signout")


@pytest.fixture
def auth(client) -> Auth:
    return Auth(client)


@pytest.fixture
def make_user(app):
    counter = iter(range(1, 10_000))

    def make(name: str | None = None, email: str | None = None, **fields) -> User:
        n = next(counter)
        user = User(
            email=(email or f"person{n}@example.org").lower(),
            name=name or f"Person {n}",
            password_hash=hash_password(fields.pop("password", PASSWORD)),
            **fields,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_program(app):
    def make(name: str = "Test Program", timezone: str = "America/New_York", locale: str = "en"):
        program = cohort_services.create_program(name, timezone, locale)
        db.session.commit()
        return program

    return make


@pytest.fixture
def make_cohort(app):
    def make(program: Program, name: str = "Spring cohort") -> Cohort:
        cohort = cohort_services.create_cohort(program, name, date(2027, 1, 1), date(2027, 6, 30))
        db.session.commit()
        return cohort

    return make


@pytest.fixture
def make_member(app, make_user):
    """A new person holding ``role`` in ``program`` (and ``cohort``)."""

    def make(program: Program, role: Role, cohort: Cohort | None = None, **user_fields) -> User:
        user = make_user(**user_fields)
        cohort_services.add_member(user, program, role, cohort)
        db.session.commit()
        return user

    return make


def application_input(program: Program, label: str = "x", **changes) -> MentorApplicationInput:
    """A complete mentor application for ``program`` (its first terms of each list)."""
    first = {kind: terms(program, kind)[0].id for kind in TaxonomyKind}
    fields = dict(
        name=f"Applicant {label}",
        email=f"applicant-{label.lower()}@example.org",
        industry_id=first[TaxonomyKind.INDUSTRY],
        function_id=first[TaxonomyKind.FUNCTION],
        expertise_ids=[first[TaxonomyKind.EXPERTISE]],
        years_experience=12,
        bio="Built two companies.",
        link="",
        days_per_month=2,
        max_ventures=1,
        weekdays=[2, 4],
        heard_from="a friend",
        motivation="To give back.",
        locale="en",
    )
    fields.update(changes)
    return MentorApplicationInput(**fields)


@dataclass
class ProgramWorld:
    program: Program
    cohort: Cohort
    coordinator: User
    mentor: User
    entrepreneur: User
    peer_mentor: User
    invitation_id: int
    application_id: int
    interview_id: int
    venture_id: int
    #: A draft team for the venture, with the mentor as its lead.
    team_id: int
    #: A team meeting next week: the mentor and the entrepreneur are invited.
    meeting_id: int


@pytest.fixture
def world(app, make_program, make_cohort, make_member):
    """Programs A and B, each with one person per role, a cohort and an open invitation."""

    def build(label: str) -> ProgramWorld:
        program = make_program(f"Program {label}")
        cohort = make_cohort(program, f"Cohort {label}")
        people = {
            role: make_member(program, role, cohort, name=f"{role.value} {label}") for role in Role
        }
        invitation = cohort_services.invite(
            program,
            cohort,
            f"invitee-{label.lower()}@example.org",
            Role.MENTOR,
            people[Role.COORDINATOR],
        )
        application = submit_mentor_application(program, application_input(program, label))
        interview = schedule_interview(
            application,
            InterviewDetails(
                starts_at=now_utc() + timedelta(days=7), duration_minutes=45, location="Room 1",
                video_url="", interviewer_ids=[people[Role.COORDINATOR].id, people[Role.MENTOR].id],
            ),
            people[Role.COORDINATOR],
        )  # fmt: skip
        venture = Venture(program_id=program.id, name=f"Venture {label}", needs=[])
        venture.founders = [VentureFounder(user=people[Role.ENTREPRENEUR], name=f"Founder {label}")]
        mentor = people[Role.MENTOR]
        db.session.add_all(
            [
                venture,
                MentorProfile(
                    program_id=program.id,
                    user_id=mentor.id,
                    industry="Software",
                    function="Engineering",
                ),
            ]
        )
        team = Team(
            program_id=program.id,
            venture=venture,
            members=[TeamMember(mentor_id=mentor.id, is_lead=True)],
        )
        db.session.add(team)
        start = now_utc() + timedelta(days=7)
        db.session.flush()
        meeting = Meeting(program_id=program.id, kind=MeetingKind.TEAM, team_id=team.id,
                          title=venture.name, starts_at=start, ends_at=start + timedelta(hours=1),
                          timezone=program.timezone, location="Room 1",
                          invitees=[Invitee(user_id=mentor.id),
                                    Invitee(user_id=people[Role.ENTREPRENEUR].id)])  # fmt: skip
        db.session.add(meeting)
        db.session.commit()
        deliver_all()
        return ProgramWorld(
            program,
            cohort,
            people[Role.COORDINATOR],
            people[Role.MENTOR],
            people[Role.ENTREPRENEUR],
            people[Role.PEER_MENTOR],
            invitation.id,
            application.id,
            interview.id,
            venture.id,
            team.id,
            meeting.id,
        )

    return {"A": build("A"), "B": build("B")}
