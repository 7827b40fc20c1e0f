"""Personal calendar feeds: private address, PUBLISH without addresses, ETag and 304, renewal."""

import re
from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import text

from tests.scheduling.conftest import meeting_details
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import CalendarFeed
from vms.tokens import token_hash


def _shown_url(client) -> str | None:
    """The feed address the settings page shows, as a path (None if it shows none)."""
    page = client.get("/account").get_data(as_text=True)
    found = re.search(r'value="http://localhost(/calendar/[\w-]+\.ics)"', page)
    if found:
        assert f"webcal://localhost{found.group(1)}" in page
    return found and found.group(1)


def _feed_url(client, auth, user) -> str:
    auth.login(as_=user)
    assert client.post("/account/calendar").status_code == 302
    url = _shown_url(client)
    assert url is not None
    assert _shown_url(client) == url, "the page shows the same address every time"
    return url


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
    new_url = _shown_url(client)
    assert new_url != url and client.get(new_url).status_code == 200
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert client.get(f"/calendar/{'x' * 500}.ics").status_code == 404


def test_the_database_keeps_only_a_hash_of_the_address(client, auth, team):
    lead = team.members[0].mentor
    url = _feed_url(client, auth, lead)
    token = url.removeprefix("/calendar/").removesuffix(".ics")
    row = db.session.execute(text("SELECT * FROM calendar_feeds")).mappings().one()
    assert all(token not in str(value) for value in row.values())
    assert row["token_hash"] == token_hash(token)


def test_an_address_made_before_hashing_keeps_working_but_cannot_be_shown(app, client, auth, team):
    """What the migration leaves: the old token's hash and no key to show it again from."""
    lead = team.members[0].mentor
    old_token = "plain-token-from-before-the-upgrade"
    db.session.add(CalendarFeed(user_id=lead.id, token_hash=token_hash(old_token), key=None))
    db.session.commit()
    assert client.get(f"/calendar/{old_token}.ics").status_code == 200
    auth.login(as_=lead)
    assert _shown_url(client) is None
    assert "cannot be shown again" in client.get("/account").get_data(as_text=True)
    url = _feed_url(client, auth, lead)  # a new address is shown again
    assert client.get(f"/calendar/{old_token}.ics").status_code == 404
    app.config["SECRET_KEY"] = "a-rotated-secret-key"  # the shown address is derived from it
    auth.login(as_=lead)  # the old session cookie was signed with the old key
    assert _shown_url(client) is None, "never a wrong address"
    assert "cannot be shown again" in client.get("/account").get_data(as_text=True)
    assert client.get(url).status_code == 200, "subscribers keep their address"
