"""Counts on the screening pages and in its emails agree with their number: "1 day", "2 days"."""

from datetime import timedelta

from tests.conftest import application_input
from tests.support import text_of
from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db
from vms.screening.mentors import interviews, services


def test_the_venture_link_setting_says_day_or_days(client, auth, make_program, make_member):
    program = make_program()
    auth.login(as_=make_member(program, Role.COORDINATOR))
    url = f"/p/{program.slug}/screening/settings/venture-links"
    one = client.post(url, data={"days": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "Links sent to ventures from now on work for 1 day." in one
    many = client.post(url, data={"days": "30"}, follow_redirects=True).get_data(as_text=True)
    assert "Links sent to ventures from now on work for 30 days." in many


def test_the_interview_email_says_minute_or_minutes_in_each_language(
    app, smtp, make_program, make_member
):
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    interviewer = make_member(program, Role.MENTOR, locale="es")
    short, usual = (
        services.submit_mentor_application(program, application_input(program, label))
        for label in ("Brief", "Usual")
    )
    for application, minutes in ((short, 1), (usual, 45)):
        details = interviews.InterviewDetails(
            now_utc() + timedelta(days=3), minutes, "Room 1", "", [interviewer.id]
        )
        interviews.schedule(application, details, coordinator)
        db.session.commit()
        assert f"Duration: {minutes} minute" in text_of(smtp.last_to(application.email))
        spanish = text_of(smtp.last_to(interviewer.email))
        assert f"Duración: {minutes} minuto" in spanish
    assert "Duration: 1 minutes" not in text_of(smtp.last_to(short.email))
    assert "Duration: 45 minutes" in text_of(smtp.last_to(usual.email))
    assert "Duración: 45 minutos" in spanish
