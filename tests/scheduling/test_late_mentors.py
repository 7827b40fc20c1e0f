"""A mentor who joins after the monthly meeting is set sees its coming dates at once, whether
they accepted an invitation or their application was accepted."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import func, select

from tests.conftest import PASSWORD, Auth, application_input
from tests.support import link_in
from vms.auth.models import Role
from vms.cohorts import services as cohort_services
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.models import Invitee, Meeting
from vms.scheduling.series import services as series_services
from vms.screening.mentors import interviews
from vms.screening.mentors import services as screening
from vms.screening.mentors.models import MentorStatus

NOT_SET = "The coordinators have not set the monthly meeting yet."


def _program_with_a_series(make_program, make_cohort, make_member):
    program = make_program("Harbor VMS")
    cohort = make_cohort(program)
    coordinator = make_member(program, Role.COORDINATOR, name="Casey")
    details = series_services.SeriesDetails("Monthly mentor meeting", 1, 2, time(18, 0), 90,
                                            "America/New_York", "Room 10")  # fmt: skip
    series_services.create_series(program, details)
    db.session.commit()
    coming = db.session.scalar(select(func.count(Meeting.id)).where(Meeting.starts_at > now_utc()))
    return program, cohort, coordinator, coming


def _their_dates(app, email, slug) -> str:
    client = app.test_client()
    assert client.post("/signin", data={"email": email, "password": PASSWORD}).status_code == 302
    return client.get(f"/p/{slug}/mentor-meetings").get_data(as_text=True)


def test_a_mentor_who_accepts_an_invitation_is_invited_to_the_coming_dates(
    app, smtp, make_program, make_cohort, make_member
):
    program, cohort, coordinator, coming = _program_with_a_series(
        make_program, make_cohort, make_member
    )
    cohort_services.invite(program, cohort, "late@example.org", Role.MENTOR, coordinator)
    db.session.commit()
    path = link_in(smtp.last_to("late@example.org"), "/invitations/")
    joined = app.test_client().post(path, data={"name": "Lina Late", "password": PASSWORD,
                                                "timezone": "UTC", "locale": "en"})  # fmt: skip
    assert joined.status_code == 302, joined.get_data(as_text=True)[:2000]
    page = _their_dates(app, "late@example.org", program.slug)
    assert NOT_SET not in page and page.count("Please answer") == coming
    assert db.session.scalar(select(func.count(Invitee.id))) == coming


def test_an_accepted_applicant_with_an_account_is_invited_to_the_coming_dates(
    app, make_program, make_cohort, make_member, make_user
):
    program, _cohort, coordinator, coming = _program_with_a_series(
        make_program, make_cohort, make_member
    )
    applicant = make_user(name="Dee", email="applicant-dee@example.org")
    application = screening.submit_mentor_application(program, application_input(program, "Dee"))
    starts = now_utc() + timedelta(days=1)
    details = interviews.InterviewDetails(starts, 45, "Room 1", "", [coordinator.id])
    interviews.schedule(application, details, coordinator)
    screening.move(application, MentorStatus.INTERVIEWED, coordinator,
                   now=starts + timedelta(hours=1))  # fmt: skip
    db.session.commit()
    client = app.test_client()
    Auth(client).login(as_=coordinator)
    url = f"/p/{program.slug}/screening/mentors/{application.id}"
    assert client.post(url, data={"target": "accepted"}).status_code == 302
    page = _their_dates(app, applicant.email, program.slug)
    assert NOT_SET not in page and page.count("Please answer") == coming
