"""Answering from the email: a GET changes nothing, a POST answers, and only for the invitee."""

from zoneinfo import ZoneInfo

from babel.dates import format_time

from tests.conftest import Auth
from tests.scheduling.conftest import meeting_details
from tests.support import link_in, text_of
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import Response


def _invite(team, smtp):
    lead, mentor = team.members[0].mentor, team.members[1].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(5), lead, "America/New_York")
    db.session.commit()
    deliver_all()
    link = link_in(smtp.last_to(mentor.email), "/rsvp/")
    return meeting, mentor, link[link.index("/rsvp/") :]


def test_a_scanner_s_get_answers_nothing_and_the_post_answers(app, team, smtp):
    meeting, mentor, path = _invite(team, smtp)
    scanner = app.test_client()
    page = scanner.get(path)
    assert page.status_code == 200 and "will you come?" in page.get_data(as_text=True)
    assert all(i.response is None for i in meeting.invitees)
    assert scanner.post(path, data={"answer": "maybe"}).status_code == 302
    db.session.refresh(meeting)
    mine = next(i for i in meeting.invitees if i.user_id == mentor.id)
    assert mine.response is Response.MAYBE
    assert scanner.post(path, data={"answer": "perhaps"}).status_code == 400


def test_someone_else_signed_in_cannot_answer_with_the_link(app, team, smtp):
    meeting, mentor, path = _invite(team, smtp)
    other = app.test_client()
    Auth(other).login(as_=team.members[0].mentor)
    page = other.get(path).get_data(as_text=True)
    assert "This link was sent to Omar" in page
    refused = other.post(path, data={"answer": "no"})
    assert refused.status_code == 403
    db.session.refresh(meeting)
    assert next(i for i in meeting.invitees if i.user_id == mentor.id).response is None


def test_wrong_links_and_cancelled_meetings(app, team, smtp):
    meeting, _mentor, path = _invite(team, smtp)
    client = app.test_client()
    assert client.get("/rsvp/forged.token").status_code == 404
    assert client.get(path + "x").status_code == 404
    meetings.cancel(meeting)
    db.session.commit()
    assert "This meeting was cancelled" in client.get(path).get_data(as_text=True)
    client.post(path, data={"answer": "yes"})
    db.session.refresh(meeting)
    assert all(i.response is None for i in meeting.invitees)


def test_the_answer_page_shows_the_time_in_the_invitees_zone_as_their_email_did(app, team, smtp):
    lead = team.members[0].mentor  # in Europe/Madrid; the program is in America/New_York
    meeting = meetings.schedule_team_meeting(team, meeting_details(5), lead, "America/New_York")
    db.session.commit()
    deliver_all()
    link = link_in(smtp.last_to(lead.email), "/rsvp/")
    page = app.test_client().get(link[link.index("/rsvp/") :]).get_data(as_text=True)  # signed out
    madrid = meeting.starts_at.astimezone(ZoneInfo("Europe/Madrid"))
    clock = format_time(madrid, "short", tzinfo=ZoneInfo("Europe/Madrid"), locale="en")
    assert clock in page and clock in text_of(smtp.last_to(lead.email))
    assert "Central European" in page and "Coordinated Universal Time" not in page
