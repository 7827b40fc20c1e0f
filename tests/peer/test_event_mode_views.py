"""Event mode on the web: the live page, the clock as JSON, the coordinator's moves, access."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db
from vms.peer.live.models import PeerEventClock
from vms.peer.models import EventStatus, PeerEventSession, PeerSeat
from vms.peer.rotation import build_rotation


def seat(world, **rotation_options) -> int:
    """Seat the event's people as ``build_rotation`` says; the number of rounds."""
    rounds = build_rotation([m.id for m in world.members], [p.id for p in world.mentors],
                            **rotation_options)  # fmt: skip
    for number, meetings in enumerate(rounds, start=1):
        for meeting in meetings:
            db.session.add_all(
                PeerSeat(
                    event_id=world.event.id,
                    round=number,
                    table=meeting.table,
                    mentor_id=meeting.mentor,
                    member_id=member,
                )  # fmt: skip
                for member in meeting.members
            )
    db.session.commit()
    return len(rounds)


def url(world, tail: str = "live") -> str:
    return f"/p/{world.program.slug}/peer/events/{world.event.id}/{tail}"


def clock_json(client, world) -> dict:
    response = client.get(url(world, "clock"))
    assert response.status_code == 200, response.status_code
    return response.get_json()


def move(client, world, name: str, seen: dict | None = None, **fields):
    """Post a move as the page draws it: with the version and phase the clock has now."""
    seen = seen or clock_json(client, world)
    data = {"version": seen["version"], "phase": seen["phase"], **fields}
    response = client.post(url(world, f"live/{name}"), data=data)
    assert response.status_code == 302, response.status_code
    assert response.headers["Location"].endswith(url(world))
    return client.get(url(world)).get_data(as_text=True)


def set_clock_back(world, minutes: int) -> None:
    """As if the phase had been started ``minutes`` earlier."""
    clock = db.session.scalar(
        select(PeerEventClock).where(PeerEventClock.event_id == world.event.id)
    )
    clock.ends_at -= timedelta(minutes=minutes)
    db.session.commit()


@pytest.fixture
def seated(make_peer_event, auth):
    """4 members and 3 peer mentors (4 rounds of 15 minutes, 2 to change), the coordinator
    signed in."""
    world = make_peer_event(members=4, mentors=3)
    assert seat(world) == 4
    auth.login(as_=world.coordinator)
    return world


def test_the_page_opens_not_started_with_who_sits_where_in_round_one(client, seated):
    page = client.get(url(seated)).get_data(as_text=True)
    assert "4 rounds, none started yet" in page and "Not started" in page
    assert "Start round 1" in page and "Pause" not in page
    seats = db.session.scalars(select(PeerSeat).where(PeerSeat.round == 1)).all()
    first = seats[0]
    assert f"{first.member.name}: table {first.table} with {first.mentor.name}" in page
    sitting_out = {m.name for m in seated.members} - {s.member.name for s in seats}
    assert sitting_out and all(f"{name}: sits out this round" in page for name in sitting_out)
    # Opening the page (or building the rotation) starts nothing.
    assert db.session.scalar(select(PeerEventClock)) is None
    db.session.refresh(seated.event)
    assert (seated.event.status, seated.event.rounds_started) == (EventStatus.PLANNED, 0)
    assert 'src="/static/peer/event_mode.js" defer' in page
    assert '<noscript><meta http-equiv="refresh" content="15"></noscript>' in page


def test_starting_round_one_starts_the_clock_and_the_event(client, seated):
    page = move(client, seated, "start", round=1)
    assert "Round 1 has started." in page and "Round 1 of 4" in page
    assert "Pause" in page and "End the conversation now" in page
    # Finishing is offered only after the last round of a session.
    assert "Finish the event" not in page and "End the session" not in page
    db.session.refresh(seated.event)
    assert (seated.event.status, seated.event.rounds_started) == (EventStatus.RUNNING, 1)
    state = clock_json(client, seated)
    assert (state["round"], state["phase"], state["version"]) == (1, "conversation", 1)
    assert 15 * 60 - 5 <= state["seconds_left"] <= 15 * 60 and state["seated_round"] == 1
    assert state["heading"] == "Round 1 of 4" and state["phase_label"] == "Conversation"
    assert len(state["lines"]) == 7  # one line per person
    assert abs(now_utc().timestamp() - _instant(state["now"])) < 5
    assert _instant(state["ends_at"]) - _instant(state["now"]) == pytest.approx(900, abs=2)


def _instant(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(text).timestamp()


def test_a_second_identical_click_is_refused_and_changes_nothing(client, seated):
    seen = clock_json(client, seated)
    move(client, seated, "start", seen, round=1)
    page = move(client, seated, "start", seen, round=1)
    assert "The clock has moved on since this page was shown" in page
    assert clock_json(client, seated)["version"] == 1
    db.session.refresh(seated.event)
    assert seated.event.rounds_started == 1


@pytest.mark.parametrize(
    ("name", "fields", "message"),
    [
        ("pause", {}, "The clock is not running."),
        ("resume", {}, "The clock is not paused."),
        ("finish", {}, "The event has not started yet."),
        ("start", {"round": 5}, "That round is not in this event’s rotation."),
        ("start", {"round": 2}, "Rounds start in order: start the next round first."),
        ("start", {}, "That round is not in this event’s rotation."),
    ],
)
def test_an_illegal_move_is_refused_with_a_message(client, seated, name, fields, message):
    page = move(client, seated, name, **fields)
    assert message in page
    assert clock_json(client, seated)["version"] == 0


def test_pause_resume_and_one_more_minute(client, seated):
    move(client, seated, "start", round=1)
    set_clock_back(seated, 5)
    page = move(client, seated, "pause")
    assert "Paused." in page and "Resume" in page
    paused = clock_json(client, seated)
    assert paused["phase"] == "paused" and paused["paused"] and paused["ends_at"] is None
    assert 10 * 60 - 5 <= paused["seconds_left"] <= 10 * 60
    assert "The clock is not running." in move(client, seated, "pause")
    assert "One more minute." in move(client, seated, "extend")
    assert clock_json(client, seated)["seconds_left"] == paused["seconds_left"] + 60
    assert "Resumed." in move(client, seated, "resume")
    running = clock_json(client, seated)
    assert running["phase"] == "conversation" and running["ends_at"]
    assert running["seconds_left"] == pytest.approx(paused["seconds_left"] + 60, abs=3)


def test_the_conversation_turns_into_the_change_and_shows_the_next_round(client, seated):
    move(client, seated, "start", round=1)
    set_clock_back(seated, 16)  # 15 minutes of talk are over; 1 of the 2 to change is left
    state = clock_json(client, seated)
    assert (state["phase"], state["seated_round"]) == ("change", 2)
    assert 55 <= state["seconds_left"] <= 60
    second = db.session.scalars(select(PeerSeat).where(PeerSeat.round == 2)).first()
    line = f"{second.mentor.name}: table {second.table} with {second.member.name}"
    assert line in state["lines"]
    page = client.get(url(seated)).get_data(as_text=True)
    assert "Change tables" in page and "Start round 2" in page and line in page
    assert "Round 2 has started." in move(client, seated, "start", round=2)


def test_skip_ends_the_conversation_then_starts_the_next_round(client, seated):
    move(client, seated, "start", round=1)
    assert "Skipped ahead: Change tables." in move(client, seated, "skip")
    assert clock_json(client, seated)["phase"] == "change"
    assert "Round 2 has started." in move(client, seated, "skip")
    state = clock_json(client, seated)
    assert (state["round"], state["phase"]) == (2, "conversation")
    db.session.refresh(seated.event)
    assert seated.event.rounds_started == 2


def test_a_break_falls_where_the_session_says(client, seated):
    session = seated.event.sessions[0]
    session.break_every, session.break_minutes = 2, 10
    db.session.commit()
    for number in (1, 2):
        move(client, seated, "start", round=number)
        move(client, seated, "skip")
    state = clock_json(client, seated)
    assert state["phase"] == "break" and 9 * 60 < state["seconds_left"] <= 10 * 60


def test_finishing_after_the_last_round_holds_the_event(client, seated):
    for number in range(1, 5):
        move(client, seated, "start", round=number)
        if number < 4:
            move(client, seated, "skip")
    assert "Finish the event" in client.get(url(seated)).get_data(as_text=True)
    page = move(client, seated, "finish")
    assert "The event is over: members can rank their choices now." in page
    db.session.refresh(seated.event)
    assert (seated.event.status, seated.event.rounds_started) == (EventStatus.HELD, 4)
    assert "Start round" not in page and clock_json(client, seated)["phase"] == "finished"
    assert "This event is over" in move(client, seated, "start", round=4)


def test_a_session_ends_and_the_next_one_starts_from_where_it_stopped(client, seated):
    first = seated.event.sessions[0]
    first.rounds = 2
    seated.event.sessions.append(
        PeerEventSession(position=2, starts_at=first.starts_at + timedelta(days=1))
    )
    db.session.commit()
    move(client, seated, "start", round=1)
    move(client, seated, "skip")
    move(client, seated, "start", round=2)
    set_clock_back(seated, 15)  # the last conversation of the evening is over
    state = clock_json(client, seated)
    assert (state["phase"], state["seconds_left"]) == ("conversation", 0)
    page = client.get(url(seated)).get_data(as_text=True)
    assert "Time is up: that was the last round of the session." in page
    assert "End the session" in page and "Start round" not in page
    refused = move(client, seated, "start", round=3)
    assert "That was the last round of the session: finish it first." in refused
    assert "The session is over." in move(client, seated, "finish")
    db.session.refresh(seated.event)
    assert seated.event.status is EventStatus.RUNNING
    page = client.get(url(seated)).get_data(as_text=True)
    assert "round 3 starts the next one" in page and "Start round 3" in page
    move(client, seated, "start", round=3)
    db.session.refresh(seated.event)
    assert seated.event.rounds_started == 3


def test_an_event_held_without_event_mode_shows_as_over(client, seated):
    seated.event.status = EventStatus.HELD
    db.session.commit()
    page = client.get(url(seated)).get_data(as_text=True)
    assert "Round 4 of 4" in page and "The event is over. Thank you all!" in page
    assert "Start round" not in page and clock_json(client, seated)["phase"] == "finished"
    refused = move(client, seated, "start", round=1)
    assert "This event is over: its clock no longer moves." in refused


def test_a_move_without_what_the_page_showed_is_a_bad_request(client, seated):
    assert client.post(url(seated, "live/pause"), data={}).status_code == 400
    bad = {"version": "x", "phase": "conversation"}
    assert client.post(url(seated, "live/pause"), data=bad).status_code == 400
    assert client.post(url(seated, "live/jump"), data={}).status_code == 404
    assert client.get(url(seated, "live/pause")).status_code == 405


def test_without_a_rotation_the_page_says_so_and_nothing_starts(client, make_peer_event, auth):
    world = make_peer_event()
    auth.login(as_=world.coordinator)
    page = client.get(url(world)).get_data(as_text=True)
    assert "No rotation yet" in page and "Start round" not in page
    refused = move(client, world, "start", round=1)
    assert "This event has no rotation yet: plan its rounds first." in refused


def test_participants_see_the_clock_and_only_coordinators_move_it(
    client, auth, make_peer_event, make_member, make_program
):
    world = make_peer_event()
    seat(world)

    def sign_in(person):
        auth.logout()
        auth.login(as_=person)

    for person in (world.members[0], world.mentors[0]):
        sign_in(person)
        state = client.get(url(world, "clock"))
        assert state.status_code == 200 and state.get_json()["phase"] == "not_started"
        assert len(state.get_json()["lines"]) == 7
        assert client.get(url(world)).status_code == 403
        data = {"version": 0, "phase": "not_started", "round": 1}
        assert client.post(url(world, "live/start"), data=data).status_code == 403
    # A member of the program who does not take part in the event does not see it.
    outsider = make_member(world.program, Role.MENTOR, world.cohort)
    sign_in(outsider)
    assert client.get(url(world, "clock")).status_code == 404
    # Another program's coordinator sees nothing of it.
    other = make_peer_event(program=make_program("Other Program"))
    sign_in(other.coordinator)
    assert client.get(url(world)).status_code == 404
    assert client.get(url(world, "clock")).status_code == 404
    assert client.post(url(world, "live/start"), data=data).status_code == 404
    # Nor does this program's coordinator see another program's event under this program.
    sign_in(world.coordinator)
    foreign = f"/p/{world.program.slug}/peer/events/{other.event.id}/live"
    assert client.get(foreign).status_code == 404
    assert db.session.scalar(select(PeerEventClock)) is None
    auth.logout()
    assert client.get(url(world, "clock")).status_code == 302


def _statements(client, path: str) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def _counts(client, auth, world) -> list[int]:
    """Statements of the live page and the clock, before and during round 1."""
    auth.logout()
    auth.login(as_=world.coordinator)
    before = [_statements(client, url(world)), _statements(client, url(world, "clock"))]
    move(client, world, "start", round=1)
    return before + [_statements(client, url(world)), _statements(client, url(world, "clock"))]


def test_the_live_page_runs_as_many_statements_for_many_people_as_for_few(
    client, auth, make_peer_event, make_program
):
    small = make_peer_event(members=2, mentors=2)
    large = make_peer_event(members=12, mentors=6, program=make_program("Large Program"))
    seat(small)
    seat(large, tables=4, group_size=2)
    assert _counts(client, auth, small) == _counts(client, auth, large)


def test_the_projector_page_shows_the_code_to_ones_own_schedule(client, auth, make_peer_event):
    world = make_peer_event(members=2, mentors=2)
    auth.login(as_=world.coordinator)
    page = client.get(f"/p/{world.program.slug}/peer/events/{world.event.id}/live")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "<svg" in text and 'class="qr"' in text
    assert f"/p/{world.program.slug}/peer/events/{world.event.id}/schedule" in text
