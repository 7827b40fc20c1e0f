"""Peer circle pages: who may see and do what, bad input answered next to the field with what
was typed kept, the second of two clicks, and statements that do not grow with the circle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from tests.peer.test_circles_world import circle_world_maker
from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db
from vms.peer.circles import home, services
from vms.peer.circles.models import CircleMeeting, CircleRecord, PeerCircle
from vms.scheduling.models import Meeting


@pytest.fixture
def circle_world(app, make_program, make_member):
    return circle_world_maker(make_program, make_member)


def _dates(circle) -> list[Meeting]:
    return list(db.session.scalars(
        select(Meeting).join(CircleMeeting, CircleMeeting.meeting_id == Meeting.id)
        .where(CircleMeeting.circle_id == circle.id).order_by(Meeting.starts_at)
    ))  # fmt: skip


def _urls(world) -> dict[str, str]:
    base = f"/p/{world.program.slug}/peer"
    first = _dates(world.circle)[0]
    return {
        "list": f"{base}/circles", "new": f"{base}/circles/new",
        "edit": f"{base}/circles/{world.circle.id}/edit",
        "show": f"{base}/circles/{world.circle.id}",
        "meeting": f"{base}/circles/{world.circle.id}/meetings/{first.id}",
        "mine": f"{base}/my-circle",
    }  # fmt: skip


#: Expected status of each page, per persona (GET).
MATRIX = {
    "coordinator": dict(list=200, new=200, edit=200, show=200, meeting=200, mine=200),
    "facilitator": dict(list=403, new=403, edit=403, show=200, meeting=200, mine=200),
    "member": dict(list=403, new=403, edit=403, show=200, meeting=200, mine=200),
    "outsider": dict(list=403, new=403, edit=403, show=404, meeting=404, mine=200),
    "other_peer_mentor": dict(list=403, new=403, edit=403, show=404, meeting=404, mine=200),
    "mentor": dict(list=403, new=403, edit=403, show=404, meeting=404, mine=200),
    "other_coordinator": dict(list=404, new=404, edit=404, show=404, meeting=404, mine=404),
}


def _person(world, persona):
    return world.members[0] if persona == "member" else getattr(world, persona)


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_who_may_see_which_page(circle_world, client, auth, persona):
    world = circle_world()
    urls = _urls(world)
    auth.login(as_=_person(world, persona))
    got = {name: client.get(url).status_code for name, url in urls.items()}
    assert got == MATRIX[persona]


def test_anonymous_people_are_sent_to_sign_in(circle_world, client):
    for url in _urls(circle_world()).values():
        response = client.get(url)
        assert response.status_code == 302 and "/signin" in response.location


def test_a_meeting_of_another_circle_is_not_found(circle_world, client, auth):
    world = circle_world()
    other = services.create_circle(world.program, services.CircleDetails(
        "Thursday circle", world.facilitator.id, 1, 4, world.circle.start_time, 60,
        "America/New_York", "Room 5"), [world.outsider.id])  # fmt: skip
    db.session.commit()
    theirs = _dates(other)[0]
    auth.login(as_=world.coordinator)
    url = f"/p/{world.program.slug}/peer/circles/{world.circle.id}/meetings/{theirs.id}"
    assert client.get(url).status_code == 404
    assert client.post(url, data={}).status_code == 404


def _form(world, **changes) -> dict:
    data = {"name": "Wednesday circle", "facilitator_id": world.facilitator.id, "ordinal": 1,
            "weekday": 3, "start_time": "18:00", "duration_minutes": 90,
            "timezone": "America/New_York", "location": "Room 7",
            "members": [m.id for m in world.members]}  # fmt: skip
    return {**data, **changes}


def test_the_list_says_what_to_do_when_empty_and_a_coordinator_creates_a_circle(
    circle_world, client, auth
):
    world = circle_world()
    urls = _urls(world)
    db.session.delete(world.circle)
    db.session.commit()
    auth.login(as_=world.coordinator)
    empty = client.get(urls["list"]).get_data(as_text=True)
    assert "No peer circle yet" in empty and "Create the first circle" in empty
    response = client.post(urls["new"], data=_form(world))
    assert response.status_code == 302
    circle = db.session.scalar(select(PeerCircle).where(PeerCircle.name == "Wednesday circle"))
    assert response.location.endswith(f"/peer/circles/{circle.id}")
    page = client.get(response.location).get_data(as_text=True)
    assert "Member 00" in page and "Wins" in page and "One commitment" in page


def test_the_second_of_two_identical_clicks_is_answered_not_a_500(circle_world, client, auth):
    world = circle_world()
    auth.login(as_=world.coordinator)
    assert client.post(_urls(world)["new"], data=_form(world)).status_code == 302
    again = client.post(_urls(world)["new"], data=_form(world))
    assert again.status_code == 200
    assert "There is already a circle named “Wednesday circle”" in again.get_data(as_text=True)
    count = (
        select(func.count()).select_from(PeerCircle).where(PeerCircle.name == "Wednesday circle")
    )
    assert db.session.scalar(count) == 1


def test_a_thirteenth_member_is_refused_and_nothing_typed_is_lost(
    circle_world, client, auth, make_member
):
    world = circle_world()
    extra = [make_member(world.program, Role.ENTREPRENEUR) for _ in range(10)]
    auth.login(as_=world.coordinator)
    chosen = [m.id for m in world.members + extra]
    response = client.post(_urls(world)["edit"], data=_form(world, members=chosen))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "A circle has at most 12 members: 13 were chosen." in page
    assert 'value="Wednesday circle"' in page and 'value="Room 7"' in page
    assert len(db.session.get(PeerCircle, world.circle.id).members) == 3


def test_a_facilitator_who_is_not_a_peer_mentor_or_coordinator_is_refused(
    circle_world, client, auth
):
    world = circle_world()
    auth.login(as_=world.coordinator)
    for person in (world.mentor, world.outsider, world.other_coordinator):
        response = client.post(_urls(world)["new"], data=_form(world, facilitator_id=person.id))
        assert response.status_code == 200
        assert "must be a peer mentor or a coordinator of this program" in response.get_data(
            as_text=True
        )
    assert db.session.scalar(select(func.count()).select_from(PeerCircle)) == 1


def _record(world, extra: dict | None = None) -> dict:
    data = {}
    for n, member in enumerate(sorted(world.members, key=lambda u: u.name)):
        data.update({f"rows-{n}-user_id": member.id, f"rows-{n}-present": "yes",
                     f"rows-{n}-commitment": f"Commitment of {member.name}"})  # fmt: skip
    return {**data, **(extra or {})}


def test_the_facilitator_records_a_date_and_the_next_shows_the_last_commitments(
    circle_world, client, auth
):
    world = circle_world()
    first, second = _dates(world.circle)[:2]
    urls = _urls(world)
    auth.login(as_=world.facilitator)
    form = client.get(urls["meeting"]).get_data(as_text=True)
    assert "Attendance of Member 00" in form and "Wins" in form
    data = _record(world, {"rows-1-present": "no", "rows-1-commitment": ""})
    response = client.post(urls["meeting"], data=data)
    assert response.status_code == 302
    assert client.post(urls["meeting"], data=data).status_code == 302  # a second click
    assert db.session.scalar(select(func.count()).select_from(CircleRecord)) == 3
    next_page = client.get(urls["show"] + f"/meetings/{second.id}")
    text = next_page.get_data(as_text=True)
    assert "Last commitment" in text and "Commitment of Member 00" in text
    assert "Commitment of Member 02" in text
    assert "Commitment of Member 01" not in text  # absent, no commitment


def test_a_member_reads_the_date_but_cannot_record(circle_world, client, auth):
    world = circle_world()
    urls = _urls(world)
    auth.login(as_=world.facilitator)
    client.post(urls["meeting"], data=_record(world))
    auth.logout()
    auth.login(as_=world.members[0])
    page = client.get(urls["meeting"]).get_data(as_text=True)
    assert "Commitment of Member 01" in page and "rows-0-present" not in page
    assert client.post(urls["meeting"], data=_record(world)).status_code == 403
    mine = client.get(urls["mine"]).get_data(as_text=True)
    assert "Commitment of Member 00" in mine and "Commitment of Member 01" not in mine
    assert "Tuesday circle" in mine


def test_a_long_commitment_is_refused_next_to_the_field_keeping_the_text(
    circle_world, client, auth
):
    world = circle_world()
    auth.login(as_=world.facilitator)
    long = "y" * 301
    response = client.post(
        _urls(world)["meeting"], data=_record(world, {"rows-0-commitment": long})
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "at most 300 characters" in page
    assert long in page and 'value="Commitment of Member 01"' in page
    assert db.session.scalar(select(func.count()).select_from(CircleRecord)) == 0


def test_an_outsider_sees_an_empty_state_on_my_circle(circle_world, client, auth):
    world = circle_world()
    auth.login(as_=world.outsider)
    page = client.get(_urls(world)["mine"]).get_data(as_text=True)
    assert "You are not in a peer circle yet" in page


class _Statements:
    def __init__(self):
        self.count = 0

    def __enter__(self):
        event.listen(db.engine, "before_cursor_execute", self._one)
        return self

    def _one(self, *_args):
        self.count += 1

    def __exit__(self, *_exc):
        event.remove(db.engine, "before_cursor_execute", self._one)


def _count(client, url) -> int:
    client.get(url)  # warm: the first request may load what later ones keep
    db.session.expire_all()  # nothing the test read may save a request a statement
    with _Statements() as statements:
        assert client.get(url).status_code == 200
    return statements.count


def _grow(world, make_member) -> None:
    """Nine more members, every past date recorded, and a second circle."""
    extra = [make_member(world.program, Role.ENTREPRENEUR) for _ in range(9)]
    services.update_circle(world.circle, _details(world), [m.id for m in world.members + extra])
    db.session.commit()
    for date in db.session.scalars(select(CircleMeeting)):
        circle = db.session.get(PeerCircle, date.circle_id)
        if date.meeting.starts_at < now_utc():
            entries = [services.MemberEntry(uid, True, "Again") for uid in circle.member_ids()]
            services.record_meeting(circle, date, entries)
    db.session.commit()


def _details(world) -> services.CircleDetails:
    c = world.circle
    return services.CircleDetails(c.name, c.facilitator_id, c.ordinal, c.weekday, c.start_time,
                                  c.duration_minutes, c.timezone, c.location)  # fmt: skip


@pytest.mark.parametrize("persona", ["coordinator", "facilitator", "member"])
def test_statements_do_not_grow_with_members_and_dates(
    circle_world, client, auth, make_member, persona
):
    world = circle_world()
    services.create_circle(world.program, services.CircleDetails(
        "Second", world.facilitator.id, 2, 3, world.circle.start_time, 60, "America/New_York",
        "Room 9"), [world.members[0].id], now=now_utc() - timedelta(days=70))  # fmt: skip
    db.session.commit()
    auth.login(as_=_person(world, persona))
    urls = {k: v for k, v in _urls(world).items() if MATRIX[persona][k] == 200}
    small = {name: _count(client, url) for name, url in urls.items()}
    small_home = _home_statements(world, persona)
    _grow(world, make_member)
    large = {name: _count(client, url) for name, url in urls.items()}
    assert large == small
    assert _home_statements(world, persona) == small_home <= 3


def _home_statements(world, persona) -> int:
    program, person = world.program, _person(world, persona)
    assert program.id and person.id  # loaded before counting: the test's reads, not home's
    with _Statements() as statements:
        found = home.home_for(program, person)
    assert persona == "coordinator" or found["peer_circles"]
    return statements.count


def test_the_home_partial_shows_the_circle_its_next_date_and_the_last_commitment(circle_world, app):
    from flask import render_template

    world = circle_world()
    date = db.session.scalar(
        select(CircleMeeting).where(CircleMeeting.meeting_id == _dates(world.circle)[0].id)
    )
    member = world.members[0]
    services.record_meeting(world.circle, date, [services.MemberEntry(member.id, True, "Ship")])
    db.session.commit()

    def home_of(person) -> str:
        with app.test_request_context():
            found = home.home_for(world.program, person)
            return render_template("peer/circles/_home.html", program=world.program, **found)

    mine = home_of(member)
    assert "Tuesday circle" in mine and "Next meeting:" in mine
    assert "Your last commitment: Ship" in mine and "You facilitate" not in mine
    assert "You facilitate" in home_of(world.facilitator)
    assert "Tuesday circle" not in home_of(world.outsider)


def test_the_edit_form_shows_the_circle_as_saved_and_saves_a_change(circle_world, client, auth):
    world = circle_world()
    auth.login(as_=world.coordinator)
    page = client.get(_urls(world)["edit"]).get_data(as_text=True)
    assert 'value="Tuesday circle"' in page
    assert page.count("checked") == len(world.members)
    kept = [m.id for m in world.members[:2]]
    response = client.post(_urls(world)["edit"], data=_form(world, name="Renamed", members=kept))
    assert response.status_code == 302
    circle = db.session.get(PeerCircle, world.circle.id)
    assert circle.name == "Renamed" and circle.member_ids() == set(kept)


def test_a_tampered_record_form_is_answered_never_a_500(circle_world, client, auth):
    world = circle_world()
    auth.login(as_=world.facilitator)
    url = _urls(world)["meeting"]
    garbage = {f"rows-{n}-user_id": "abc" for n in range(20)}
    assert client.post(url, data=garbage).status_code == 302  # nobody named: nothing saved
    wrong = _record(world, {"rows-0-present": "maybe"})
    response = client.post(url, data=wrong)
    assert response.status_code == 200 and "Choose present or absent." in response.get_data(
        as_text=True
    )
    stranger = _record(world, {"rows-0-user_id": world.outsider.id})
    response = client.post(url, data=stranger)
    assert response.status_code == 200 and "members changed meanwhile" in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count()).select_from(CircleRecord)) == 0
