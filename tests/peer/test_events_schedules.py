"""What people get: the run sheet with its QR code, their own schedule, its .ics and the email."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from sqlalchemy import select

from tests.support import calendar_in, text_of
from vms.extensions import db
from vms.peer.events import seating, services
from vms.peer.models import EventStatus, PeerSeat


@pytest.fixture
def planned(make_peer_event):
    world = make_peer_event(members=3, mentors=2, location="Hall A")
    seating.rebuild_seats(world.event)
    db.session.commit()
    return world


def sign_in(auth, person) -> None:
    auth.logout()
    auth.login(as_=person)


def url(world, tail="") -> str:
    return f"/p/{world.program.slug}/peer/events/{world.event.id}{tail}"


def _ics(client, world, person=None) -> Calendar:
    tail = "/schedule.ics" + (f"?person={person.id}" if person else "")
    answer = client.get(url(world, tail))
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    return Calendar.from_ical(answer.data)


def test_the_run_sheet_lists_rounds_and_tables_with_a_qr_code(client, auth, planned):
    sign_in(auth, planned.coordinator)
    page = client.get(url(planned, "/run-sheet")).get_data(as_text=True)
    assert "<svg" in page and 'class="qr"' in page
    assert f"http://localhost{url(planned, '/schedule')}" in page
    assert "By round" in page and "By table" in page
    assert "Round 3" in page and "Table 2" in page and "Sitting out" in page
    for person in planned.members + planned.mentors:
        assert person.name in page
    assert "peer/run_sheet.css" in page


def test_a_members_schedule_on_screen(client, auth, planned):
    member = planned.members[0]
    sign_in(auth, member)
    page = client.get(url(planned, "/schedule")).get_data(as_text=True)
    assert "My schedule" in page
    for mentor in planned.mentors:
        assert mentor.name in page
    assert "sit this round out" in page  # 3 members, 2 tables: each sits one round out
    sign_in(auth, planned.mentors[0])
    page = client.get(url(planned, "/schedule")).get_data(as_text=True)
    assert all(m.name in page for m in planned.members)


def test_the_ics_has_one_event_per_conversation_with_stable_uids(client, auth, planned):
    member = planned.members[0]
    sign_in(auth, member)
    events = _ics(client, planned).walk("VEVENT")
    assert len(events) == 2
    assert all(str(e["DTSTART"].to_ical()).endswith("Z'") for e in events)
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 2 and all(planned.event.calendar_key in uid for uid in uids)
    first_sequence = {int(e["SEQUENCE"]) for e in events}
    # A rebuild (someone else leaves) keeps each pair's UID and raises SEQUENCE.
    away = next(p for p in planned.event.participants if p.user_id == planned.members[2].id)
    services.mark_absent(planned.event, away)
    db.session.commit()
    again = _ics(client, planned).walk("VEVENT")
    assert {str(e["UID"]) for e in again} == uids
    assert {int(e["SEQUENCE"]) for e in again} == {max(first_sequence) + 1}


def test_a_coordinator_gets_anyones_ics_and_others_do_not(client, auth, planned):
    sign_in(auth, planned.coordinator)
    mentor_calendar = _ics(client, planned, planned.mentors[0])
    assert len(mentor_calendar.walk("VEVENT")) == 3
    assert client.get(url(planned, "/schedule.ics")).status_code == 404
    sign_in(auth, planned.members[0])
    assert (
        client.get(url(planned, f"/schedule.ics?person={planned.members[1].id}")).status_code == 404
    )


def test_send_everyone_their_schedule(client, auth, planned, smtp):
    smtp.clear()
    away = next(p for p in planned.event.participants if p.user_id == planned.members[2].id)
    away.absent = True
    seating.rebuild_seats(planned.event)
    db.session.commit()
    sign_in(auth, planned.coordinator)
    answer = client.post(url(planned, "/send-schedules"), follow_redirects=True)
    assert answer.status_code == 200 and "4 people get their schedule" in answer.get_data(True)
    member = planned.members[0]
    message = smtp.last_to(member.email)
    assert "Your schedule: Speed dating" in message["Subject"]
    body = text_of(message)
    assert "Round 1" in body and planned.mentors[0].name in body
    method, calendar, first = calendar_in(message)
    assert method == "PUBLISH" and len(calendar.walk("VEVENT")) == 2
    assert planned.event.calendar_key in str(first["UID"])
    assert smtp.to(planned.members[2].email) == []


def test_sending_twice_is_no_error(client, auth, planned, smtp):
    sign_in(auth, planned.coordinator)
    assert client.post(url(planned, "/send-schedules")).status_code == 302
    assert client.post(url(planned, "/send-schedules")).status_code == 302


def test_rounds_that_took_place_keep_their_seats_on_the_sheet(client, auth, planned):
    planned.event.move_to(EventStatus.RUNNING)
    planned.event.rounds_started = 1
    db.session.commit()
    before = {(s.round, s.table, s.mentor_id, s.member_id) for s in db.session.scalars(
        select(PeerSeat).where(PeerSeat.round == 1))}  # fmt: skip
    sign_in(auth, planned.coordinator)
    away = next(p for p in planned.event.participants if p.user_id == planned.mentors[0].id)
    assert client.post(url(planned, f"/people/{away.id}/absent")).status_code == 302
    after = {(s.round, s.table, s.mentor_id, s.member_id) for s in db.session.scalars(
        select(PeerSeat).where(PeerSeat.round == 1))}  # fmt: skip
    assert after == before
    page = client.get(url(planned, "/run-sheet")).get_data(as_text=True)
    assert planned.mentors[0].name in page  # still on round 1
