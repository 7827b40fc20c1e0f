"""A calendar entry says how the agenda stands and links back to the meeting's page: in the
invitation's calendar file, in the personal feed and in the downloaded .ics."""

from __future__ import annotations

from icalendar import Calendar

from tests.conftest import Auth
from tests.scheduling.conftest import meeting_details
from tests.support import calendar_in
from vms.cohorts.models import Program
from vms.extensions import db
from vms.scheduling.meetings import records
from vms.scheduling.meetings import services as meetings

NOT_SENT = "Agenda: not sent yet (due 3 days before the meeting)."


def _scheduled(team, **changes):
    lead = team.members[0].mentor
    details = meeting_details(7, **changes)
    meeting = meetings.schedule_team_meeting(team, details, lead, "America/New_York")
    db.session.commit()
    program = db.session.get(Program, team.program_id)
    return meeting, f"http://localhost/p/{program.slug}/meetings/{meeting.id}"


def _signed_in(app, person):
    client = app.test_client()
    Auth(client).login(as_=person)
    return client


def test_the_invitation_says_the_agenda_is_due_and_links_to_the_meeting(app, team, smtp):
    meeting, page = _scheduled(team, notes="Bring the pitch deck")
    lead, founder = team.members[0].mentor, team.venture.founders[0].user
    _method, _calendar, event = calendar_in(smtp.last_to(lead.email))
    description = str(event["DESCRIPTION"])
    assert description.startswith("Bring the pitch deck\n\n")
    assert NOT_SENT in description and f"Meeting page: {page}" in description
    _method, _calendar, event = calendar_in(smtp.last_to(founder.email))
    spanish = str(event["DESCRIPTION"])
    assert "Orden del día: aún no enviado" in spanish and page in spanish
    path = page.removeprefix("http://localhost")
    assert _signed_in(app, lead).get(path).status_code == 200, "the link opens the meeting"


def test_the_feed_and_the_download_follow_the_agenda(app, team, smtp, client, auth):
    meeting, page = _scheduled(team)
    lead = team.members[0].mentor
    auth.login(as_=lead)
    assert client.post("/account/calendar").status_code == 302
    from vms.scheduling.calendars import feeds

    feed_path = f"/calendar/{feeds.token_of(feeds.existing(lead))}.ics"
    before = _description(client.get(feed_path).data, meeting.uid)
    assert NOT_SENT in before and f"Meeting page: {page}" in before
    records.set_agenda(meeting, [records.AgendaLine("Pricing"), records.AgendaLine("Hiring")])
    db.session.commit()
    after = _description(client.get(feed_path).data, meeting.uid)
    assert "Agenda: 2 items, set by the founders." in after and page in after
    assert NOT_SENT not in after
    download = client.get(page.removeprefix("http://localhost") + ".ics")
    assert "Agenda: 2 items" in _description(download.data, meeting.uid)


def _description(raw: bytes, uid: str) -> str:
    events = {str(e["UID"]): e for e in Calendar.from_ical(raw).walk("VEVENT")}
    return str(events[uid].get("DESCRIPTION", ""))
