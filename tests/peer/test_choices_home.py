"""The home page's piece of ranked choices: events to rank, the member's pair, the peer mentor's
mentees, in a constant number of statements; and its partial renders them."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import event as sa_event

from tests.peer.test_choices_services import held, rank
from vms.extensions import db
from vms.peer.choices import services
from vms.peer.choices.home import home_for


def _counted(program, user) -> tuple[dict, int]:
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    sa_event.listen(db.engine, "before_cursor_execute", listener)
    try:
        found = home_for(program, user)
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listener)
    return found, len(seen)


def test_a_member_sees_events_to_rank_then_their_pair(app, make_peer_event):
    world = held(make_peer_event(members=2, mentors=1, mentor_capacity=2))
    member, mentor = world.members[0], world.mentors[0]
    found, _ = _counted(world.program, member)
    assert found["to_rank"] == [(world.event, False)] and found["my_pairs"] == []
    for person in world.members:
        rank(world, person, [mentor])
    assert home_for(world.program, member)["to_rank"] == [(world.event, True)]
    services.run_pairing(world.event)
    assert home_for(world.program, member)["my_pairs"] == []  # not published yet
    services.publish(world.event)
    db.session.commit()
    found = home_for(world.program, member)
    assert found["to_rank"] == [] and [p.mentor for p in found["my_pairs"]] == [mentor]
    mentees = home_for(world.program, mentor)["mentees"]
    assert mentees == [(world.event, sorted(world.members, key=lambda u: u.name.casefold()))]
    with app.test_request_context():
        html = render_template("peer/choices/_home.html", choices=found, program=world.program)
    assert mentor.name in html and "Your peer mentor from Speed dating" in html


def test_home_statements_do_not_grow(make_peer_event, make_program):
    small = held(make_peer_event(members=1, mentors=1))
    _, few = _counted(small.program, small.members[0])
    more = held(make_peer_event(members=6, mentors=3, mentor_capacity=2,
                                program=make_program("Bigger program")))  # fmt: skip
    for person in more.members:
        rank(more, person, more.mentors)
    services.run_pairing(more.event)
    services.publish(more.event)
    db.session.commit()
    found, many = _counted(more.program, more.mentors[0])
    assert found["mentees"] and many == few
