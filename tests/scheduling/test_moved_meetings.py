"""A meeting moved to a new time asks everyone again; a new place keeps their answers."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import Auth
from tests.scheduling.conftest import meeting_details
from tests.support import link_in, text_of
from vms.auth.models import Role
from vms.cohorts.models import Program
from vms.extensions import db
from vms.i18n import wall_clock
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import Response

ASKED_AGAIN = "Please answer again for the new time."


def _answered_meeting(team, smtp):
    """A meeting next week that the lead said yes to and the founder maybe."""
    lead, founder = team.members[0].mentor, team.venture.founders[0].user
    details = meeting_details(7)
    on_the_minute = meeting_details(7, starts_at=details.starts_at.replace(second=0))
    meeting = meetings.schedule_team_meeting(team, on_the_minute, lead, "America/New_York")
    meetings.respond(meeting, lead, Response.YES)
    meetings.respond(meeting, founder, Response.MAYBE)
    db.session.commit()
    smtp.clear()
    return meeting


def _edit(app, team, make_member, meeting, **changes):
    """A coordinator saves the meeting's edit form with these changes."""
    program = db.session.get(Program, team.program_id)
    coordinator = make_member(program, Role.COORDINATOR, name="Casey")
    client = app.test_client()
    Auth(client).login(as_=coordinator)
    day, start = wall_clock(meeting.starts_at, "America/New_York")
    data = {"day": day.isoformat(), "start": start.strftime("%H:%M"), "duration_minutes": "60",
            "timezone": "America/New_York", "location": meeting.location, "video_url": "",
            "notes": "", **changes}  # fmt: skip
    url = f"/p/{program.slug}/meetings/{meeting.id}/edit"
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    return client.get(response.location).get_data(as_text=True)


def test_a_new_time_clears_every_answer_and_the_email_asks_again(app, team, make_member, smtp):
    meeting = _answered_meeting(team, smtp)
    lead = team.members[0].mentor
    a_day_earlier = meeting.starts_at - timedelta(days=1)
    page = _edit(app, team, make_member, meeting,
                 day=wall_clock(a_day_earlier, "America/New_York")[0].isoformat())  # fmt: skip
    assert "everyone has the new time and is asked to answer again" in page
    assert [(i.response, i.responded_at) for i in meeting.invitees] == [(None, None)] * 3
    email = smtp.last_to(lead.email)
    assert ASKED_AGAIN in text_of(email)
    path = link_in(email, "/rsvp/")
    answering = app.test_client()
    page = answering.get(path).get_data(as_text=True)
    assert "will you come?" in page and "Your answer so far" not in page
    assert answering.post(path, data={"answer": "no"}).status_code == 302
    db.session.expire_all()
    mine = next(i for i in meeting.invitees if i.user_id == lead.id)
    assert mine.response is Response.NO and mine.responded_at is not None


def test_a_new_place_keeps_the_answers_and_asks_nothing(app, team, make_member, smtp):
    meeting = _answered_meeting(team, smtp)
    lead = team.members[0].mentor
    page = _edit(app, team, make_member, meeting, location="Room 12")
    assert "Updated: everyone has the new details." in page
    assert meeting.location == "Room 12"
    answers = sorted((i.response.value for i in meeting.invitees if i.response), key=str)
    assert answers == ["maybe", "yes"]
    email = text_of(smtp.last_to(lead.email))
    assert "Room 12" in email and ASKED_AGAIN not in email
