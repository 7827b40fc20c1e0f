"""The demo, made rich enough that every page of both demo programs has real objects to show.

The demo fills its main program; its sister program has only a coordinator and
``mentor1``. This adds, through the services (emails and all), what the pages take:
the sister program's cohort, mentors, ventures (applied, accepted, docketed), a draft
and a published team, the monthly mentor meeting, team meetings (one cancelled),
applications with interviews, invitations and a conflict request; its peer cohort's
speed-dating events (paired and planned) and, in both programs, a peer circle with a
recorded date (tests/every_page_peer.py); the sister program's agreements, active, waiting,
draft and ended (tests/every_page_agreements.py); a failed and a waiting email in each outbox
(tests/every_page_notifications.py); fit checks and exit surveys answered
(tests/every_page_surveys.py); a team at risk in each (tests/every_page_dashboard.py); goals,
monthly updates and a packet's yes (tests/every_page_goals.py); uploads of mentors and
ventures waiting for their confirmation, and one expired (tests/every_page_imports.py);
retired criteria and terms, used and unused, and an invitation with a personal message
(tests/every_page_forms.py); orientation steps, one retired (tests/every_page_preparation.py);
and every kind of link token a person is sent, for each program's objects (or for a person: a
password reset, a sign-up, a one-click unsubscribe).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import select

from tests.every_page_agreements import agreement_values, grow_sister_agreements
from tests.every_page_dashboard import grow_evidence
from tests.every_page_files import file_values, grow_files, link_purposes, link_tokens
from tests.every_page_forms import grow_forms
from tests.every_page_goals import goal_values, grow_sister_records
from tests.every_page_imports import grow_imports, import_values
from tests.every_page_notifications import grow_outbox, unsubscribe_tokens
from tests.every_page_peer import add_circle, grow_sister_peers, peer_values
from tests.every_page_preparation import grow_sister_preparation, preparation_values
from tests.every_page_surveys import grow_surveys, survey_values
from tests.every_page_trials import grow_trials, trial_values
from tests.support import SmtpSink, link_in, text_of
from vms.auth import registration
from vms.auth import services as accounts
from vms.auth.models import Role, User
from vms.auth.policy import member_programs
from vms.cohorts import services as cohorts
from vms.cohorts.models import (
    Affiliation,
    Cohort,
    Invitation,
    MentorProfile,
    Program,
    Venture,
    VentureStage,
    VentureStatus,
)
from vms.cohorts.teams import services as team_services
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.demo_data import DEMO_PASSWORD, DOMAIN, load_demo
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.scheduling.calendars import feeds
from vms.scheduling.meetings import rsvp
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import Meeting, MeetingKind, MeetingStatus
from vms.scheduling.series import services as series_services
from vms.screening.conflicts import services as conflicts
from vms.screening.conflicts.models import RelationshipKind
from vms.screening.mentors import interviews
from vms.screening.mentors import services as screening
from vms.screening.mentors.models import Interview, MentorApplication, MentorStatus
from vms.screening.principles import services as principles
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.screening.ventures import services as ventures

DEMO, SISTER = "demo", "sister-demo"
#: Addresses this module invents (never a demo account's).
EXTRA = "every-page.example"
SISTER_VENTURES = {  # name -> where it stands
    "Almendro Labs": [VentureStatus.ACCEPTED, VentureStatus.DOCKETED],
    "Cierzo Energía": [VentureStatus.ACCEPTED, VentureStatus.DOCKETED],
    "Faro Salud": [VentureStatus.ACCEPTED],
    "Tramontana Textil": [],
}
SISTER_MENTORS = ["Itziar Olaberria", "Baltasar Quiroga", "Nerea Galdós", "Olvido Castañer"]


@dataclass
class BothPrograms:
    """Per program slug: real values for each URL argument, and the tokens each link page takes."""

    values: dict[str, dict[str, list]] = field(default_factory=dict)
    #: endpoint -> program slug -> tokens issued for that program's objects (slug None: for
    #: a person, whatever their programs)
    tokens: dict[str, dict[str | None, list[str]]] = field(default_factory=dict)
    #: The address of a founder whose venture has a published team (in the demo program).
    teamed_founder: str = ""


def load_both_programs(smtp: SmtpSink) -> BothPrograms:
    load_demo()
    demo, sister = (_program(slug) for slug in (DEMO, SISTER))
    _grow_sister(sister)
    coordinator, coordinator2 = _user("coordinator"), _user("coordinator2")
    made = {DEMO: _extras(demo, coordinator, _user("mentor2"), coordinator2),
            SISTER: _extras(sister, coordinator2, _sister_mentors()[0], coordinator)}  # fmt: skip
    anywhere = _links_of_no_program(_user("mentor2"))
    for program in (demo, sister):
        grow_surveys(program)
        grow_forms(program)
        grow_trials(program, sister=program is sister)
    db.session.commit()
    deliver_all()
    for program in (demo, sister):  # after delivery: these stay failed and waiting
        grow_outbox(program)
        grow_evidence(program, sister=program is sister)
    db.session.commit()
    both = BothPrograms()
    for slug, extras in made.items():
        both.values[slug] = _values(_program(slug), extras)
        for endpoint, tokens in {**extras.tokens, **_emailed(extras.emailed, smtp)}.items():
            both.tokens.setdefault(endpoint, {})[slug] = tokens
    for endpoint, tokens in {**_emailed(anywhere, smtp),
                             **unsubscribe_tokens(_user("mentor2"))}.items():  # fmt: skip
        both.tokens.setdefault(endpoint, {})[None] = tokens
    team = db.session.get(Team, both.values[DEMO]["team_id"][0])
    both.teamed_founder = next(f.user.email for f in team.venture.founders if f.user)
    return both


def _program(slug: str) -> Program:
    return db.session.scalar(select(Program).where(Program.slug == slug))


def _user(local_part: str) -> User:
    return accounts.user_by_email(f"{local_part}@{DOMAIN}")


def _sister_mentors() -> list[User]:
    return [accounts.user_by_email(_address(name)) for name in SISTER_MENTORS]


def _address(name: str) -> str:
    return re.sub(r"[^a-z]+", "-", name.lower()).strip("-") + f"@{EXTRA}"


# -- the sister program ---------------------------------------------------------------------


def _grow_sister(sister: Program) -> None:
    coordinator = _user("coordinator2")
    cohort = cohorts.create_cohort(
        sister, "Cohorte Cierzo 2027", date(2027, 2, 1), date(2027, 7, 31)
    )
    for name in SISTER_MENTORS:
        accounts.register_user(_address(name), name, DEMO_PASSWORD, "Europe/Madrid", "es")
    mentors = [*_sister_mentors(), _user("mentor1")]
    for mentor in mentors:  # applied, interviewed, accepted: members with a profile
        _accepted_mentor(sister, cohort, mentor, coordinator)
    docket = [_sister_venture(sister, name, path, coordinator)
              for name, path in SISTER_VENTURES.items()][:2]  # fmt: skip
    drafts = team_services.propose(sister, [v.id for v in docket])
    team_services.publish(drafts[0], coordinator)
    monthly = series_services.SeriesDetails(
        "Reunión mensual de mentores", 1, 2, time(18, 0), 120, "Europe/Madrid", "Sala 3"
    )
    series_services.create_series(sister, monthly)
    grow_sister_peers(sister, cohort, coordinator, _address)
    grow_sister_agreements(sister, coordinator)
    grow_sister_records(sister, _user("mentor1"))
    grow_sister_preparation(sister, coordinator)


def _accepted_mentor(program: Program, cohort: Cohort, mentor: User, coordinator: User) -> None:
    application = screening.submit_mentor_application(program, _application(program, mentor))
    _interview(application, coordinator)
    screening.move(application, MentorStatus.INTERVIEWED, coordinator)
    screening.move(application, MentorStatus.ACCEPTED, coordinator)
    cohorts.add_member(mentor, program, Role.MENTOR, cohort)
    # What the coordinator sets on the mentor-load page: each may lead and take two ventures.
    profile = db.session.scalar(select(MentorProfile).filter_by(program_id=program.id,
                                                                 user_id=mentor.id))  # fmt: skip
    profile.lead_eligible, profile.capacity = True, 2
    version = principles.current_version(program)
    principles.sign(mentor, version, mentor.name, True, "127.0.0.1", "test", version.text_sha256)


def _application(program: Program, person: User | None, name: str = "", email: str = ""):
    first = {kind: taxonomy.terms(program, kind)[0].id for kind in TaxonomyKind}
    return screening.MentorApplicationInput(
        name=person.name if person else name, email=person.email if person else email,
        industry_id=first[TaxonomyKind.INDUSTRY], function_id=first[TaxonomyKind.FUNCTION],
        expertise_ids=[first[TaxonomyKind.EXPERTISE]], years_experience=15,
        bio="Twenty years of building companies.", link="", days_per_month=2, max_ventures=2,
        weekdays=[], heard_from="a mentor", motivation="To give back.", locale="es",
    )  # fmt: skip


def _interview(application: MentorApplication, coordinator: User) -> Interview:
    """An interview scheduled a week ago that took place two days ago: it can be scored."""
    now = now_utc() - timedelta(days=7)
    return interviews.schedule(application, interviews.InterviewDetails(
        starts_at=now + timedelta(days=5), duration_minutes=45, location="Sala 2",
        video_url="", interviewer_ids=[coordinator.id]), coordinator, now=now)  # fmt: skip


def _sister_venture(program: Program, name: str, path, coordinator: User) -> Venture:
    venture, _token = ventures.submit(program, _venture_input(program, name))
    for status in path:
        ventures.move(program, venture, status, coordinator)
    return venture


def _venture_input(program: Program, name: str) -> ventures.VentureProfileInput:
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)
    founder = f"Fundadora de {name}"
    return ventures.VentureProfileInput(
        name=name, description=f"{name}: una empresa de la convocatoria.",
        stage=VentureStage.PRE_REVENUE,
        sector_id=taxonomy.terms(program, TaxonomyKind.INDUSTRY)[0].id,
        website="https://example.org", goal_statement="Crecer con un plan claro " * 5,
        founders=[ventures.FounderInput(founder, _address(name), Affiliation.ALUMNI)],
        assessment={area.id: (2 + i % 3, i % 2 == 0) for i, area in enumerate(areas)},
        locale="es",
    )  # fmt: skip


# -- in both programs: what the demo lacks, and every kind of link token ----------------------


@dataclass
class Extras:
    """What ``_extras`` made in one program, to fill the table with."""

    monthly: Meeting
    cancelled: Meeting
    interview: Interview
    application: MentorApplication
    invitation_id: int
    request_id: int
    venture: Venture
    #: endpoint -> tokens given by the services themselves
    tokens: dict[str, list[str]]
    #: endpoint -> (address, link path) of the emails that carry the other tokens
    emailed: dict[str, list[tuple[str, str]]]


def _extras(program: Program, coordinator: User, mentor: User, outsider: User) -> Extras:
    """``mentor`` is a mentor of this program only; ``outsider``, a person of the other one."""
    invited = f"invitee-{program.slug}@{EXTRA}"
    cohort = _first(select(Cohort).where(Cohort.program_id == program.id))
    for address in (invited, outsider.email):  # a new person, and someone with an account
        cohorts.invite(program, cohort, address, Role.MENTOR, coordinator)
    application = screening.submit_mentor_application(
        program, _application(program, None, f"Solicitante {program.slug}",
                              f"applicant-{program.slug}@{EXTRA}"))  # fmt: skip
    interviewed = screening.submit_mentor_application(
        program, _application(program, None, f"Entrevistada {program.slug}",
                              f"interviewed-{program.slug}@{EXTRA}"))  # fmt: skip
    venture, venture_token = ventures.submit(
        program, _venture_input(program, f"Recién llegada {program.slug}"))  # fmt: skip
    team = _first(_teams(program, TeamStatus.PUBLISHED))
    monthly, cancelled, upcoming = _more_meetings(program, team, coordinator)
    add_circle(program, [founder.user_id for founder in team.venture.founders if founder.user_id])
    grow_imports(program, coordinator)
    grow_files(program, venture, coordinator)
    request = conflicts.request_relationship(program, mentor, team.venture,
                                             RelationshipKind.INVEST, "A small stake.")  # fmt: skip
    return Extras(
        monthly=monthly, cancelled=cancelled, interview=_interview(interviewed, coordinator),
        application=application, invitation_id=_first(select(Invitation.id).filter_by(
            program_id=program.id, email=invited)), request_id=request.id, venture=venture,
        tokens={"screening.venture_profile": [venture_token],
                "screening.edit_venture_profile": [venture_token],
                "scheduling.answer_by_link": [rsvp.token_for(upcoming.invitees[0])],
                "scheduling.calendar_feed": [feeds.token_of(feeds.feed_of(mentor))],
                **link_tokens(venture_token)},
        emailed={"cohorts.invitation": [(invited, "/invitations/"),
                                        (outsider.email, "/invitations/")],
                 "screening.applicant_status": [(application.email, "/applications/")]},
    )  # fmt: skip


def _more_meetings(program: Program, team: Team, coordinator: User):
    """The next monthly mentor meeting, with ventures on its docket; a cancelled team meeting
    and an upcoming one (its invitees have RSVP links)."""
    cancelled, upcoming = (_team_meeting(team, coordinator, days) for days in (9, 10))
    meetings.cancel(cancelled)
    monthly = _first(_meetings(program, MeetingKind.MENTOR_MEETING))
    series_services.set_docket(monthly, _ventures(program, VentureStatus.DOCKETED)
                               + _ventures(program, VentureStatus.TEAMED))  # fmt: skip
    return monthly, cancelled, upcoming


def _team_meeting(team: Team, organizer: User, days: int) -> Meeting:
    details = meetings.MeetingDetails(now_utc() + timedelta(days=days), 60, "Sala 1")
    program = db.session.get(Program, team.program_id)
    return meetings.schedule_team_meeting(team, details, organizer, program.timezone)


def _first(query):
    found = db.session.scalars(query.limit(1)).first()
    assert found is not None, f"the demo lacks what this query finds: {query}"
    return found


def _teams(program: Program, status: TeamStatus):
    return select(Team).filter_by(program_id=program.id, status=status).order_by(Team.id)


def _meetings(program: Program, kind: MeetingKind):
    return (
        select(Meeting)
        .filter_by(program_id=program.id, kind=kind, status=MeetingStatus.SCHEDULED)
        .where(Meeting.starts_at > now_utc())
        .order_by(Meeting.starts_at)
    )


def _ventures(program: Program, status: VentureStatus) -> list[Venture]:
    found = select(Venture).filter_by(program_id=program.id, status=status).order_by(Venture.id)
    return list(db.session.scalars(found))


def _applications(program: Program, status: MentorStatus):
    found = select(MentorApplication).filter_by(program_id=program.id, status=status)
    return found.order_by(MentorApplication.id)


# -- the table: argument name -> real values of one program ------------------------------------


def _values(program: Program, extras: Extras) -> dict[str, list]:
    """Several objects where the kinds differ, so each kind of page is opened."""
    published, draft = (
        _first(_teams(program, s)) for s in (TeamStatus.PUBLISHED, TeamStatus.DRAFT)
    )
    team_meeting = _first(_meetings(program, MeetingKind.TEAM).filter_by(team_id=published.id))
    summarised = db.session.scalars(  # only the demo's history has a past meeting with a summary
        select(Meeting.id).filter_by(program_id=program.id).where(Meeting.summary_at.is_not(None))
    ).all()[:1]
    peer = peer_values(program)
    venture_ids = [published.venture_id, draft.venture_id, extras.venture.id,
                   _ventures(program, VentureStatus.ACCEPTED)[0].id]  # fmt: skip
    return {
        **file_values(program, venture_ids),
        **link_purposes(),
        **agreement_values(program),
        **survey_values(program),
        **goal_values(program),
        **import_values(program),
        **preparation_values(program),
        **trial_values(program),
        "program_slug": [program.slug],
        "program_id": [program.id],
        "cohort_id": list(db.session.scalars(select(Cohort.id).filter_by(program_id=program.id))),
        # A circle's dates first: <circle_id> takes the i-th circle with the i-th of them.
        "meeting_id": [*peer["circle_dates"], team_meeting.id, extras.monthly.id,
                       extras.cancelled.id, *summarised],
        "event_id": peer["event_id"],
        "circle_id": peer["circle_id"],
        "team_id": [published.id, draft.id],
        "venture_id": venture_ids,
        "application_id": [extras.application.id, extras.interview.application_id,
                           _first(_applications(program, MentorStatus.ACCEPTED)).id],
        "interview_id": [extras.interview.id],
        "invitation_id": [extras.invitation_id],
        "term_id": [taxonomy.terms(program, TaxonomyKind.EXPERTISE)[0].id],
        "mentor_id": [_member_of_this_program_only(published)],
        "request_id": [extras.request_id],
    }  # fmt: skip


def _member_of_this_program_only(team: Team) -> int:
    """A mentor of the team who is in no other program (so another program's URL is foreign)."""
    return next(m.mentor_id for m in team.members if len(member_programs(m.mentor)) == 1)


def _links_of_no_program(person: User) -> dict[str, list[tuple[str, str]]]:
    """Links sent to a person, not for a program's object: a password reset, a sign-up."""
    accounts.request_password_reset(person.email)
    newcomer = f"newcomer@{EXTRA}"
    registration.request_sign_up(registration.PendingSignUp(newcomer, "Newcomer", "UTC", "en"))
    return {"auth.reset_password": [(person.email, "/password/reset/")],
            "auth.finish_sign_up": [(newcomer, "/signup/finish/")]}  # fmt: skip


def _emailed(places: dict[str, list[tuple[str, str]]], smtp: SmtpSink) -> dict[str, list[str]]:
    """endpoint -> the token of each (address, link path) email."""

    def token_in(address: str, path_part: str) -> str:
        sent = [m for m in smtp.to(address) if path_part in text_of(m)]
        assert sent, f"no email to {address} has a link with {path_part}"
        return link_in(sent[-1], path_part).rsplit("/", 1)[1]

    return {endpoint: [token_in(*where) for where in found] for endpoint, found in places.items()}
