"""The ranking page and the coordinator's pairing page: who may see them, bad input kept, the
second publish click, and statements that do not grow with rankings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from tests.peer.test_choices_services import held, pairs_of, rank
from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import EventStatus


def choices_url(world) -> str:
    return f"/p/{world.program.slug}/peer/events/{world.event.id}/choices"


def pairing_url(world, tail: str = "") -> str:
    return f"/p/{world.program.slug}/peer/events/{world.event.id}/pairing{tail}"


@pytest.fixture
def event_world(make_peer_event):
    return held(make_peer_event(members=3, mentors=3))


def test_who_sees_the_ranking_page(client, auth, event_world, make_member, world):
    url = choices_url(event_world)
    assert client.get(url).status_code == 302  # anonymous: to sign in
    outsider = make_member(event_world.program, Role.ENTREPRENEUR, event_world.cohort)
    for person, status in [(event_world.members[0], 200), (event_world.mentors[0], 200),
                           (outsider, 404), (event_world.coordinator, 404),
                           (world["B"].coordinator, 404)]:  # fmt: skip
        auth.login(as_=person)
        assert client.get(url).status_code == status, person.name
        auth.logout()


def test_who_sees_the_pairing_page(client, auth, event_world, world):
    url = pairing_url(event_world)
    rank(event_world, event_world.members[0], event_world.mentors[:1])
    assert client.get(url).status_code == 302
    assert client.post(pairing_url(event_world, "/run")).status_code == 302
    for person, status in [(event_world.members[0], 403), (event_world.mentors[0], 403),
                           (world["B"].coordinator, 404)]:  # fmt: skip
        auth.login(as_=person)
        assert client.get(url).status_code == status, person.name
        assert client.post(pairing_url(event_world, "/run")).status_code == status
        auth.logout()
    assert db.session.scalar(select(PeerPair.id)) is None  # nobody above could run it
    auth.login(as_=event_world.coordinator)
    assert client.get(url).status_code == 200
    assert client.post(pairing_url(event_world, "/run")).status_code == 302
    assert db.session.scalar(select(PeerPair.id)) is not None


def test_a_member_ranks_and_sees_their_choices_again(client, auth, event_world):
    member, (a, b, c) = event_world.members[0], event_world.mentors
    auth.login(as_=member)
    page = client.get(choices_url(event_world)).get_data(as_text=True)
    assert "1st choice" in page and "3rd choice" in page and a.name in page
    ranking = {"choice_1": b.id, "choice_2": a.id, "choice_3": "", "avoid": c.id}
    reply = client.post(choices_url(event_world), data=ranking)
    assert reply.status_code == 302
    page = client.get(choices_url(event_world)).get_data(as_text=True)
    assert "Your ranking is saved" in page
    assert f'<option selected value="{b.id}">' in page
    assert f'checked id="avoid-2" name="avoid" type="checkbox" value="{c.id}"' in page


def _post_ranking(client, world, data):
    reply = client.post(choices_url(world), data=data)
    assert reply.status_code == 200
    return reply.get_data(as_text=True)


def test_bad_rankings_are_explained_next_to_the_field_and_kept(client, auth, event_world):
    member, (a, b, _c) = event_world.members[0], event_world.mentors
    auth.login(as_=member)
    page = _post_ranking(client, event_world, {"choice_1": "", "choice_2": "", "choice_3": ""})
    assert 'id="choice_1-error"' in page and "Rank at least one peer mentor." in page
    page = _post_ranking(client, event_world, {"choice_1": a.id, "choice_2": a.id})
    assert 'id="choice_2-error"' in page and "already ranked" in page
    assert page.count(f'<option selected value="{a.id}">') == 2  # what was typed is kept
    page = _post_ranking(client, event_world, {"choice_1": a.id, "choice_2": b.id, "avoid": b.id})
    assert 'id="avoid-error"' in page and f"You ranked {b.name}" in page
    assert f'<option selected value="{b.id}">' in page
    assert db.session.scalar(select(db.func.count()).select_from(PeerPair)) == 0


def test_a_ranking_after_the_deadline_is_refused_and_kept(client, auth, event_world):
    event_world.event.ranking_deadline = now_utc() + timedelta(hours=1)
    db.session.commit()
    auth.login(as_=event_world.members[0])
    assert "until the deadline" in client.get(choices_url(event_world)).get_data(as_text=True)
    event_world.event.ranking_deadline = now_utc() - timedelta(minutes=1)
    db.session.commit()
    a = event_world.mentors[0]
    page = _post_ranking(client, event_world, {"choice_1": a.id})
    assert 'id="choice_1-error"' in page and "deadline to rank has passed" in page
    assert f'<option selected value="{a.id}">' in page


def test_a_planned_event_says_ranking_is_not_open(client, auth, event_world):
    event_world.event.status = EventStatus.PLANNED
    db.session.commit()
    auth.login(as_=event_world.members[0])
    page = client.get(choices_url(event_world)).get_data(as_text=True)
    assert "Ranking opens once the event has started" in page and "choice_1" not in page


def test_peer_mentors_rank_only_when_the_event_says_so(client, auth, event_world):
    mentor, member = event_world.mentors[0], event_world.members[0]
    auth.login(as_=mentor)
    page = client.get(choices_url(event_world)).get_data(as_text=True)
    assert "do not rank members" in page and "choice_1" not in page
    event_world.event.mentors_rank = True
    db.session.commit()
    page = client.get(choices_url(event_world)).get_data(as_text=True)
    assert member.name in page
    assert client.post(choices_url(event_world), data={"choice_1": ""}).status_code == 302
    assert client.post(choices_url(event_world), data={"choice_1": member.id}).status_code == 302


def test_the_coordinator_pairs_locks_reruns_and_publishes_once(client, auth, event_world, smtp):
    (m1, m2, m3), (a, b, c) = event_world.members, event_world.mentors
    rank(event_world, m1, [a, b])
    rank(event_world, m2, [a, c])
    auth.login(as_=event_world.coordinator)
    page = client.get(pairing_url(event_world)).get_data(as_text=True)
    assert "2 of 3 members have ranked." in page and m3.name in page
    assert client.post(pairing_url(event_world, "/run")).status_code == 302
    page = client.get(pairing_url(event_world)).get_data(as_text=True)
    assert "Pairing done: 2 members are paired." in page and "Ranked nobody" in page
    assert client.post(pairing_url(event_world, f"/members/{m1.id}"),
                       data={"mentor": b.id}).status_code == 302  # fmt: skip
    client.post(pairing_url(event_world, "/run"))
    assert pairs_of(event_world)[m1.id] == b.id  # the hand-made pair survives the re-run
    reply = client.post(pairing_url(event_world, "/publish"), follow_redirects=True)
    assert "Tick the box to confirm." in reply.get_data(as_text=True)
    assert event_world.event.status is EventStatus.HELD
    smtp.clear()
    reply = client.post(pairing_url(event_world, "/publish"), data={"confirm": "y"})
    assert reply.status_code == 302
    assert b.name in smtp.last_to(m1.email).get_body(("plain",)).get_content()
    assert {m["To"] for m in smtp.messages} == {m1.email, m2.email, a.email, b.email}
    # Each member is also asked, once, for their day-one goal (vms.evidence.goals).
    asked = sorted(m["To"] for m in smtp.messages if m["Subject"].startswith("Your goal for"))
    assert asked == sorted([m1.email, m2.email]) and len(smtp.messages) == 4 + 2
    again = client.post(pairing_url(event_world, "/publish"), data={"confirm": "y"},
                        follow_redirects=True)  # fmt: skip
    assert again.status_code == 200 and "already published" in again.get_data(as_text=True)
    assert len(smtp.messages) == 4 + 2
    auth.logout()
    auth.login(as_=m1)
    page = client.get(choices_url(event_world)).get_data(as_text=True)
    assert f"Your peer mentor is {b.name}." in page and "rankings are closed" in page
    assert "choice_1" not in page


def test_pairing_refusals_are_messages_not_errors(client, auth, event_world):
    (m1, _m2, _m3), (a, b, _c) = event_world.members, event_world.mentors
    rank(event_world, m1, [a])
    auth.login(as_=event_world.coordinator)
    reply = client.post(pairing_url(event_world, f"/members/{m1.id}"), data={"mentor": b.id},
                        follow_redirects=True)  # fmt: skip
    assert "only with a peer mentor they ranked" in reply.get_data(as_text=True)
    reply = client.post(pairing_url(event_world, f"/members/{m1.id}/lock"), follow_redirects=True)
    assert "has no pair yet" in reply.get_data(as_text=True)


def test_a_bad_deadline_is_explained_and_kept(client, auth, event_world):
    auth.login(as_=event_world.coordinator)
    url = pairing_url(event_world, "/deadline")
    page = client.post(url, data={"day": "2020-01-02", "time": "09:30"}).get_data(as_text=True)
    assert 'id="day-error"' in page and "in the future" in page
    assert 'value="2020-01-02"' in page and 'value="09:30"' in page
    page = client.post(url, data={"day": "tomorrow", "time": "09:30"}).get_data(as_text=True)
    assert "Not a valid date value." in page and 'value="tomorrow"' in page
    reply = client.post(pairing_url(event_world, "/deadline"),
                        data={"day": "2099-01-02", "time": "09:30"})  # fmt: skip
    assert reply.status_code == 302 and event_world.event.ranking_deadline.year == 2099


def _statements(client, url: str) -> int:
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    sa_event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def test_statements_do_not_grow_with_rankings(client, auth, make_peer_event, make_program):
    small = held(make_peer_event(members=2, mentors=2, mentor_capacity=2))
    more = held(make_peer_event(members=9, mentors=5, mentor_capacity=2,
                                program=make_program("Larger peer program")))  # fmt: skip
    counts = {}
    for name, world in (("small", small), ("more", more)):
        for member in world.members:
            rank(world, member, world.mentors[:3])
        auth.login(as_=world.coordinator)
        client.post(pairing_url(world, "/run"))
        coordinator = _statements(client, pairing_url(world))
        auth.logout()
        auth.login(as_=world.members[0])
        counts[name] = (coordinator, _statements(client, choices_url(world)))
        auth.logout()
    assert counts["more"] == counts["small"]


def test_an_event_without_peer_mentors_or_rankings_still_pairs_nobody_calmly(
    client, auth, make_peer_event
):
    world = held(make_peer_event(members=2, mentors=0))
    auth.login(as_=world.coordinator)
    reply = client.post(pairing_url(world, "/run"), follow_redirects=True)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 200 and "Pairing done: 0 members are paired." in page
    reply = client.post(
        pairing_url(world, "/publish"), data={"confirm": "y"}, follow_redirects=True
    )
    assert "There is no pair to publish" in reply.get_data(as_text=True)
