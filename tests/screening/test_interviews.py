"""Scheduling interviews: calendar invitations by real SMTP, updates with the same UID."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.conftest import application_input
from tests.support import calendar_in
from vms.auth.models import Role
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.screening.mentors import services
from vms.screening.mentors.models import Interview, MentorStatus


def _setup(make_program, make_member):
    program = make_program("Harbor VMS", timezone="America/New_York")
    coordinator = make_member(program, Role.COORDINATOR, name="Casey", timezone="Europe/Madrid")
    mentor = make_member(program, Role.MENTOR, name="Morgan")
    application = services.submit_mentor_application(
        program, application_input(program, "Ann", locale="es")
    )
    db.session.commit()
    deliver_all()
    return program, coordinator, mentor, application


def _post(client, program, application, interviewers, **changes):
    next_year = (datetime.now(UTC) + timedelta(days=400)).year
    data = {
        "day": f"{next_year}-03-14", "start": "10:00", "duration_minutes": "45",
        "location": "Room 4", "video_url": "", "interviewers": [u.id for u in interviewers],
    }  # fmt: skip
    data.update(changes)
    return client.post(
        f"/p/{program.slug}/screening/mentors/{application.id}/interview", data=data
    ), next_year


def test_scheduling_invites_applicant_and_interviewers_with_a_calendar_request(
    client, auth, smtp, make_program, make_member
):
    program, coordinator, mentor, application = _setup(make_program, make_member)
    auth.login(as_=coordinator)
    smtp.clear()
    response, year = _post(client, program, application, [coordinator, mentor])
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.status is MentorStatus.INTERVIEW_SCHEDULED
    interview = db.session.scalar(select(Interview))
    # Typed as 10:00 in the program's timezone, whatever the coordinator's own timezone is.
    local = interview.starts_at.astimezone(ZoneInfo("America/New_York"))
    assert (local.month, local.day, local.hour, local.minute) == (3, 14, 10, 0)
    for address in (application.email, coordinator.email, mentor.email):
        method, calendar, event = calendar_in(smtp.last_to(address))
        assert method == "REQUEST" and calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == interview.uid and event["SEQUENCE"] == 0
        attendees = {str(a) for a in event.get("ATTENDEE")}
        assert f"mailto:{address}" in attendees
        assert event.decoded("DTSTART") == interview.starts_at
    applicant_mail = smtp.last_to(application.email).get_body(("plain",)).get_content()
    assert "10:00" in applicant_mail and "America/New York" in applicant_mail  # program time
    coordinator_mail = smtp.last_to(coordinator.email).get_body(("plain",)).get_content()
    assert "Europe/Madrid" in coordinator_mail  # each person's own timezone


def test_rescheduling_keeps_the_uid_raises_the_sequence_and_cancels_for_the_removed(
    client, auth, smtp, make_program, make_member
):
    program, coordinator, mentor, application = _setup(make_program, make_member)
    auth.login(as_=coordinator)
    _post(client, program, application, [coordinator, mentor])
    uid = db.session.scalar(select(Interview.uid))
    smtp.clear()
    response, _year = _post(client, program, application, [coordinator], start="11:30")
    assert response.status_code == 302
    method, _calendar_, event = calendar_in(smtp.last_to(application.email))
    assert method == "REQUEST" and str(event["UID"]) == uid and event["SEQUENCE"] == 1
    removed_method, _c, removed_event = calendar_in(smtp.last_to(mentor.email))
    assert removed_method == "CANCEL" and str(removed_event["UID"]) == uid
    assert db.session.scalar(select(Interview.sequence)) == 1
    smtp.clear()
    _post(client, program, application, [coordinator], start="11:30")  # nothing changed
    assert smtp.messages == []


def test_a_past_date_or_a_foreign_interviewer_is_refused_and_nothing_is_sent(
    client, auth, smtp, make_program, make_member, make_user
):
    program, coordinator, _mentor, application = _setup(make_program, make_member)
    stranger = make_user()
    auth.login(as_=coordinator)
    smtp.clear()
    page = client.post(
        f"/p/{program.slug}/screening/mentors/{application.id}/interview",
        data={"day": "2020-01-01", "start": "10:00", "duration_minutes": "45",
              "location": "Room 4", "interviewers": [coordinator.id]},
    ).get_data(as_text=True)  # fmt: skip
    assert "must start in the future" in page and 'value="Room 4"' in page
    response, _year = _post(client, program, application, [stranger])
    assert 'id="interviewers-error"' in response.get_data(as_text=True)
    response, _year = _post(client, program, application, [coordinator], location="")
    assert "Give a room or a video link." in response.get_data(as_text=True)
    assert db.session.scalar(select(Interview)) is None and smtp.messages == []


def test_the_home_lists_the_soonest_interviews_to_score_and_counts_the_rest(
    client, auth, make_program, make_member
):
    program = make_program("Harbor VMS")
    mentor = make_member(program, Role.MENTOR, name="Morgan")
    start = datetime.now(UTC) + timedelta(days=3)
    shown = services.TO_SCORE_SHOWN
    for n in range(shown + 3):
        application = services.submit_mentor_application(
            program, application_input(program, f"Applicant {n:02d}")
        )
        interview = Interview(application=application, starts_at=start + timedelta(hours=n),
                              duration_minutes=30, uid=f"to-score-{n}@test")  # fmt: skip
        interview.interviewers.append(mentor)
        db.session.add(interview)
    db.session.commit()
    auth.login(as_=mentor)
    page = client.get(f"/p/{program.slug}/").get_data(as_text=True)
    assert page.count("/score") == shown and "Applicant 00" in page
    assert f"Applicant {shown - 1:02d}" in page and f"Applicant {shown:02d}" not in page
    assert "3 more are waiting after these." in page
