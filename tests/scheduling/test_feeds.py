"""Personal calendar feeds: private address, PUBLISH without addresses, ETag and 304, renewal."""

from datetime import timedelta

from icalendar import Calendar

from tests.scheduling.conftest import meeting_details
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling import feeds, meetings


def _feed_url(client, auth, user) -> str:
    auth.login(as_=user)
    assert client.post("/account/calendar").status_code == 302
    page = client.get("/account").get_data(as_text=True)
    feed = feeds.existing(user)
    assert f"/calendar/{feed.token}.ics" in page and "webcal://" in page
    return f"/calendar/{feed.token}.ics"


def test_the_feed_lists_my_meetings_without_anyone_s_address(client, auth, team):
    lead, other = team.members[0].mentor, team.members[1].mentor
    first = meetings.schedule_team_meeting(team, meeting_details(3), lead, "America/New_York")
    second = meetings.schedule_team_meeting(team, meeting_details(10), lead, "America/New_York")
    meetings.cancel(second)
    old = meetings.schedule_team_meeting(team, meeting_details(1), lead, "America/New_York")
    old.starts_at = now_utc() - timedelta(days=120)  # older than three months: left out
    old.ends_at = old.starts_at + timedelta(hours=1)
    db.session.commit()
    url = _feed_url(client, auth, lead)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.data)
    assert calendar["METHOD"] == "PUBLISH" and "REFRESH-INTERVAL" in calendar
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {first.uid, second.uid}
    assert str(events[second.uid]["STATUS"]) == "CANCELLED"
    assert int(events[second.uid]["SEQUENCE"]) == 1
    assert other.email.encode() not in response.data and lead.email.encode() not in response.data
    assert b"ATTENDEE" not in response.data


def test_etag_gives_304_until_something_changes(client, auth, team):
    lead = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(3), lead, "America/New_York")
    db.session.commit()
    url = _feed_url(client, auth, lead)
    first = client.get(url)
    etag = first.headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url).data == first.data, "the body is stable between polls"
    meetings.reschedule(meeting, meeting_details(4))
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_a_new_address_retires_the_old_one_and_wrong_tokens_are_404(client, auth, team):
    lead = team.members[0].mentor
    url = _feed_url(client, auth, lead)
    assert client.post("/account/calendar").status_code == 302
    assert client.get(url).status_code == 404
    assert client.get(f"/calendar/{feeds.existing(lead).token}.ics").status_code == 200
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert client.get(f"/calendar/{'x' * 500}.ics").status_code == 404
