"""The event planning pages: list, new event with its preview, the event page and re-planning."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func, select

from vms.auth.models import Role
from vms.extensions import db
from vms.peer.events import seating
from vms.peer.models import EventStatus, PeerEvent, PeerParticipant, PeerSeat

NEXT_MONTH = date.today() + timedelta(days=30)


def form(cohort, **changes) -> dict:
    data = {
        "cohort": str(cohort.id), "title": "Spring speed dating", "day": NEXT_MONTH.isoformat(),
        "start": "18:00", "location": "Hall B", "conversation_minutes": "15",
        "change_minutes": "2", "tables": "", "group_size": "1", "choices": "3",
        "mentor_capacity": "1", "break_every": "0", "break_minutes": "0",
        "second_day": "", "second_start": "", "first_rounds": "", "create": "Create the event",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def planned(make_peer_event):
    """An event of 4 members and 3 peer mentors, seated."""
    world = make_peer_event(members=4, mentors=3, location="Hall A")
    seating.rebuild_seats(world.event)
    db.session.commit()
    return world


def sign_in(auth, person) -> None:
    auth.logout()
    auth.login(as_=person)


def url(world, tail="") -> str:
    return f"/p/{world.program.slug}/peer/events/{world.event.id}{tail}"


def test_the_coordinator_previews_then_creates_an_event(client, auth, planned):
    sign_in(auth, planned.coordinator)
    new = f"/p/{planned.program.slug}/peer/events/new"
    assert client.get(new).status_code == 200
    data = form(planned.cohort, preview="Preview")
    del data["create"]
    shown = client.post(new, data=data)
    page = shown.get_data(as_text=True)
    assert shown.status_code == 200
    assert "4 rounds: each member must meet 3 peer mentors." in page or "4 rounds" in page
    assert 'value="Spring speed dating"' in page and 'value="Hall B"' in page
    assert db.session.scalar(select(func.count()).select_from(PeerEvent)) == 1
    created = client.post(new, data=form(planned.cohort))
    assert created.status_code == 302
    made = db.session.scalars(select(PeerEvent).order_by(PeerEvent.id.desc())).first()
    assert made.title == "Spring speed dating" and made.location == "Hall B"
    assert len(made.participants) == 7
    again = client.post(new, data=form(planned.cohort))
    assert again.status_code == 200 and "already exists" in again.get_data(as_text=True)


def test_the_preview_says_why_it_takes_that_many_rounds(client, auth, make_peer_event):
    world = make_peer_event(members=4, mentors=6)
    sign_in(auth, world.coordinator)
    data = form(world.cohort, preview="Preview", create="")
    page = client.post(f"/p/{world.program.slug}/peer/events/new", data=data).get_data(True)
    assert "6 rounds: each member must meet 6 peer mentors." in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tables": "0"}, "at least one table"),
        ({"group_size": "5"}, "more members (5) than the event has (4)"),
        ({"start": "23:30"}, "past midnight"),
        ({"conversation_minutes": "90"}, "from 5 to 60"),
        ({"choices": "6"}, "from 1 to 5"),
        ({"second_day": NEXT_MONTH.isoformat()}, "For a second session"),
        ({"title": ""}, "Give the event a title"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_kept(client, auth, planned, changes, message):
    sign_in(auth, planned.coordinator)
    answer = client.post(f"/p/{planned.program.slug}/peer/events/new",
                         data=form(planned.cohort, **changes))  # fmt: skip
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert message in page and 'class="error"' in page
    assert 'value="Hall B"' in page
    for typed in changes.values():
        assert typed in page
    assert db.session.scalar(select(func.count()).select_from(PeerEvent)) == 1


def test_a_cohort_without_peer_mentors_is_refused(client, auth, make_peer_event, make_cohort,
                                                  make_member):  # fmt: skip
    world = make_peer_event(members=2, mentors=1)
    lonely = make_cohort(world.program, "No peers cohort")
    make_member(world.program, Role.ENTREPRENEUR, lonely)
    sign_in(auth, world.coordinator)
    answer = client.post(f"/p/{world.program.slug}/peer/events/new", data=form(lonely))
    assert answer.status_code == 200 and "no peer mentors" in answer.get_data(as_text=True)


def test_the_list_shows_each_persona_what_they_take_part_in(client, auth, planned, make_member,
                                                           make_peer_event):  # fmt: skip
    listing = f"/p/{planned.program.slug}/peer/events"
    # The event's link (the navigation says "Speed dating" to everyone, like the fixture's title).
    shown = f'/peer/events/{planned.event.id}"'
    sign_in(auth, planned.coordinator)
    page = client.get(listing).get_data(as_text=True)
    assert shown in page and "New event" in page
    sign_in(auth, planned.members[0])
    page = client.get(listing).get_data(as_text=True)
    assert shown in page and "New event" not in page
    outsider = make_member(planned.program, Role.ENTREPRENEUR)
    sign_in(auth, outsider)
    page = client.get(listing).get_data(as_text=True)
    assert shown not in page and "You take part in no speed-dating event" in page
    empty = make_peer_event(program=None, title="Elsewhere")
    db.session.delete(empty.event)
    db.session.commit()
    sign_in(auth, empty.coordinator)
    page = client.get(f"/p/{empty.program.slug}/peer/events").get_data(as_text=True)
    assert "No speed-dating events yet" in page


def test_who_may_open_the_event_pages(client, auth, planned, make_member, make_peer_event):
    other = make_peer_event(title="Other program's")
    outsider = make_member(planned.program, Role.ENTREPRENEUR)
    mentor = make_member(planned.program, Role.MENTOR)
    checks = [
        (planned.coordinator, "", 200), (planned.coordinator, "/run-sheet", 200),
        (planned.coordinator, "/edit", 200), (planned.members[0], "", 200),
        (planned.members[0], "/schedule", 200), (planned.mentors[0], "/schedule", 200),
        (planned.members[0], "/run-sheet", 403), (planned.members[0], "/edit", 403),
        (outsider, "", 404), (outsider, "/schedule", 404), (mentor, "/schedule.ics", 404),
        (other.coordinator, "", 404), (other.coordinator, "/run-sheet", 404),
        (planned.members[0], f"/schedule?person={planned.members[1].id}", 404),
        (planned.coordinator, f"/schedule?person={planned.members[1].id}", 200),
        (planned.coordinator, "/schedule", 302),
    ]  # fmt: skip
    for person, tail, status in checks:
        sign_in(auth, person)
        assert client.get(url(planned, tail)).status_code == status, (person.name, tail)


def test_the_event_page_shows_people_and_links(app, client, auth, planned):
    sign_in(auth, planned.coordinator)
    page = client.get(url(planned)).get_data(as_text=True)
    # Event mode is linked once its endpoint exists (another part of the wing).
    assert ("Event mode" in page) == ("peer.event_mode" in app.view_functions)
    for person in planned.members + planned.mentors:
        assert person.name in page
    assert "Mark absent" in page and "Send everyone their schedule" in page
    assert url(planned, "/run-sheet") in page
    sign_in(auth, planned.members[0])
    page = client.get(url(planned)).get_data(as_text=True)
    assert "Mark absent" not in page and url(planned, "/schedule") in page


def _participant(world, user) -> PeerParticipant:
    return next(p for p in world.event.participants if p.user_id == user.id)


def test_marking_absent_and_present_from_the_page(client, auth, planned):
    sign_in(auth, planned.coordinator)
    away = _participant(planned, planned.mentors[0])
    answer = client.post(url(planned, f"/people/{away.id}/absent"))
    assert answer.status_code == 302
    db.session.expire_all()
    assert away.absent
    assert not db.session.scalars(select(PeerSeat).where(PeerSeat.mentor_id == away.user_id)).all()
    twice = client.post(url(planned, f"/people/{away.id}/absent"), follow_redirects=True)
    assert twice.status_code == 200 and "already marked absent" in twice.get_data(as_text=True)
    assert client.post(url(planned, f"/people/{away.id}/present")).status_code == 302
    db.session.expire_all()
    assert not away.absent and seating.round_count(planned.event) == 4


def test_adding_someone_from_the_page_and_twice(client, auth, planned, make_member):
    late = make_member(planned.program, Role.PEER_MENTOR, planned.cohort)
    sign_in(auth, planned.coordinator)
    assert client.post(url(planned, "/people"), data={"person": late.id}).status_code == 302
    db.session.expire_all()
    assert seating.participant_of(planned.event, late.id) is not None
    assert db.session.scalars(select(PeerSeat).where(PeerSeat.mentor_id == late.id)).all()
    twice = client.post(url(planned, "/people"), data={"person": late.id}, follow_redirects=True)
    assert twice.status_code == 200 and "does not take part yet" in twice.get_data(as_text=True)


def test_no_replanning_after_the_event_is_held(client, auth, planned):
    planned.event.move_to(EventStatus.RUNNING)
    planned.event.move_to(EventStatus.HELD)
    planned.event.rounds_started = 4
    db.session.commit()
    sign_in(auth, planned.coordinator)
    assert "Mark absent" not in client.get(url(planned)).get_data(as_text=True)
    someone = _participant(planned, planned.members[0])
    answer = client.post(url(planned, f"/people/{someone.id}/absent"), follow_redirects=True)
    assert "The event is over" in answer.get_data(as_text=True)
    assert client.get(url(planned, "/edit")).status_code == 404


def test_editing_a_planned_event_keeps_what_was_typed_on_error(client, auth, planned):
    sign_in(auth, planned.coordinator)
    page = client.get(url(planned, "/edit")).get_data(as_text=True)
    assert 'value="Speed dating"' in page
    bad = client.post(url(planned, "/edit"), data=form(planned.cohort, tables="0", title="New"))
    assert bad.status_code == 200 and 'value="New"' in bad.get_data(as_text=True)
    good = client.post(url(planned, "/edit"), data=form(planned.cohort, tables="1"))
    assert good.status_code == 302
    db.session.expire_all()
    assert planned.event.tables == 1 and seating.round_count(planned.event) == 12


def _statements(client, path) -> int:
    db.session.expire_all()
    seen = []
    listener = lambda *_args: seen.append(1)  # noqa: E731
    sa_event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def test_statements_do_not_grow_with_people(client, auth, make_peer_event):
    small = make_peer_event(members=2, mentors=2)
    large = make_peer_event(members=12, mentors=6, program=None)
    for world in (small, large):
        seating.rebuild_seats(world.event)
    db.session.commit()
    counts = {}
    for world in (small, large):
        sign_in(auth, world.coordinator)
        tails = ("", "/run-sheet", f"/schedule?person={world.members[0].id}")
        counts[world.event.id] = [_statements(client, url(world, tail)) for tail in tails]
        sign_in(auth, world.members[0])
        counts[world.event.id].append(_statements(client, url(world, "/schedule.ics")))
    assert counts[small.event.id] == counts[large.event.id]


def test_home_for_lists_coming_events_in_two_statements(app, make_peer_event):
    from flask import render_template

    from vms.peer.events.home import home_for

    world = make_peer_event(members=2, mentors=1)
    more = [make_peer_event(members=1, mentors=1) for _ in range(3)]
    held = more[0].event
    held.move_to(EventStatus.RUNNING)
    held.move_to(EventStatus.HELD)
    db.session.commit()
    seen = []
    listener = lambda *_args: seen.append(1)  # noqa: E731
    db.session.expire_all()
    # The home page has the program and the person loaded already.
    assert world.program.id and world.members[0].id and more[1].program.id
    assert more[1].mentors[0].id
    sa_event.listen(db.engine, "before_cursor_execute", listener)
    try:
        shown = home_for(world.program, world.members[0])
        mentor_home = home_for(more[1].program, more[1].mentors[0])
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listener)
    assert len(seen) == 4
    assert [event.id for event, _person in shown["events"]] == [world.event.id]
    assert [event.id for event, _person in mentor_home["events"]] == [more[1].event.id]
    assert home_for(more[0].program, more[0].members[0])["events"] == []  # held
    assert home_for(world.program, more[1].mentors[0])["events"] == []  # another program
    with app.test_request_context():
        html = render_template("peer/events/_home.html", peer_events=shown)
    assert "Speed dating" in html and f"/peer/events/{world.event.id}/schedule" in html
