"""Rankings, pairing around locks, and publication, through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select

from tests.support import text_of
from vms.database import now_utc
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.peer.choices import queries, services
from vms.peer.choices.models import PairPublished, PeerPair, PeerRanking
from vms.peer.choices.overview import pairing_overview
from vms.peer.choices.services import ChoiceRefused
from vms.peer.models import EventStatus, PeerParticipant


def participant_of(world, user) -> PeerParticipant:
    return queries.participant(world.event, user)


def rank(world, user, people, avoided=()) -> None:
    """``user`` ranks ``people`` (users) in order, and commits."""
    services.save_ranking(world.event, participant_of(world, user), [p.id for p in people],
                          [p.id for p in avoided])  # fmt: skip
    db.session.commit()


def held(world, **changes):
    world.event.status = EventStatus.HELD
    for name, value in changes.items():
        setattr(world.event, name, value)
    db.session.commit()
    return world


def pairs_of(world) -> dict[int, int]:
    rows = db.session.scalars(select(PeerPair).where(PeerPair.event_id == world.event.id))
    return {p.member_id: p.mentor_id for p in rows}


def test_a_ranking_is_replaced_when_saved_again(make_peer_event):
    world = held(make_peer_event(members=1, mentors=3))
    (member,), (a, b, c) = world.members, world.mentors
    rank(world, member, [a, b, c])
    rank(world, member, [c, a], avoided=[b])
    ranked, avoided = queries.own_choices(world.event, member)
    assert ranked == [c.id, a.id] and avoided == [b.id]
    assert db.session.query(PeerRanking).count() == 2


def test_ranking_is_refused_before_the_event_and_after_the_deadline(make_peer_event):
    world = make_peer_event(members=1, mentors=2)
    member, mentor = world.members[0], world.mentors[0]
    with pytest.raises(ChoiceRefused, match="once the event has started"):
        rank(world, member, [mentor])
    db.session.rollback()
    held(world, ranking_deadline=now_utc() - timedelta(minutes=1))
    with pytest.raises(ChoiceRefused, match="deadline"):
        rank(world, member, [mentor])
    db.session.rollback()
    assert db.session.query(PeerRanking).count() == 0


def test_a_member_must_rank_someone_a_peer_mentor_need_not(make_peer_event):
    world = held(make_peer_event(members=1, mentors=1, mentors_rank=True))
    with pytest.raises(ChoiceRefused, match="at least one"):
        rank(world, world.members[0], [])
    db.session.rollback()
    rank(world, world.mentors[0], [])  # optional for them
    rank(world, world.mentors[0], [world.members[0]])
    assert queries.own_choices(world.event, world.mentors[0])[0] == [world.members[0].id]


def test_a_member_ranks_only_peer_mentors_of_the_event(make_peer_event):
    world = held(make_peer_event(members=2, mentors=1))
    with pytest.raises(ChoiceRefused, match="among the people listed"):
        rank(world, world.members[0], [world.members[1]])


def test_pairing_pairs_within_capacity_and_leaves_absent_people_out(make_peer_event):
    world = held(make_peer_event(members=4, mentors=2, mentor_capacity=1))
    m1, m2, m3, m4 = world.members
    a, b = world.mentors
    participant_of(world, b).capacity = 2
    participant_of(world, m4).absent = True
    db.session.commit()
    for member in (m1, m2, m3, m4):
        rank(world, member, [a, b])
    assert services.run_pairing(world.event) == 3
    db.session.commit()
    pairs = pairs_of(world)
    assert m4.id not in pairs
    assert sorted(pairs.values()) == sorted([a.id, b.id, b.id])


def test_rerun_keeps_locked_pairs_and_takes_their_places_off(make_peer_event):
    world = held(make_peer_event(members=3, mentors=3))
    (m1, m2, m3), (a, b, c) = world.members, world.mentors
    rank(world, m1, [a, c])
    rank(world, m2, [b, a])
    rank(world, m3, [c])
    services.run_pairing(world.event)
    db.session.commit()
    assert pairs_of(world) == {m1.id: a.id, m2.id: b.id, m3.id: c.id}
    services.set_pair_lock(world.event, m3.id, False)
    db.session.execute(delete(PeerPair).where(PeerPair.member_id == m3.id))
    services.change_pair(world.event, m1.id, c.id)  # by hand: locked
    services.change_pair(world.event, m2.id, a.id)
    db.session.commit()
    services.run_pairing(world.event)
    db.session.commit()
    # The locks stay, and c's one place is taken: m3, who ranked only c, stays unpaired.
    assert pairs_of(world) == {m1.id: c.id, m2.id: a.id}
    overview = pairing_overview(queries.event_choices(world.event))
    assert "full" in {row.member.id: row.why for row in overview.rows}[m3.id]
    services.set_pair_lock(world.event, m1.id, False)
    services.set_pair_lock(world.event, m2.id, False)
    services.run_pairing(world.event)
    db.session.commit()
    assert pairs_of(world) == {m1.id: a.id, m2.id: b.id, m3.id: c.id}


def test_a_hand_change_needs_a_ranked_peer_mentor_with_room(make_peer_event):
    world = held(make_peer_event(members=2, mentors=2))
    (m1, m2), (a, b) = world.members, world.mentors
    rank(world, m1, [a])
    rank(world, m2, [a, b])
    services.run_pairing(world.event)
    db.session.commit()
    assert pairs_of(world) == {m1.id: a.id, m2.id: b.id}
    with pytest.raises(ChoiceRefused, match="ranked"):
        services.change_pair(world.event, m1.id, b.id)
    db.session.rollback()
    with pytest.raises(ChoiceRefused, match="no place left"):
        services.change_pair(world.event, m2.id, a.id)


def test_publish_emails_everyone_and_a_second_publish_is_refused(make_peer_event, smtp):
    world = held(make_peer_event(members=2, mentors=1, mentor_capacity=2))
    mentor = world.mentors[0]
    for member in world.members:
        rank(world, member, [mentor])
    services.run_pairing(world.event)
    db.session.commit()
    smtp.clear()
    assert services.publish(world.event) == 2
    db.session.commit()
    deliver_all()
    assert world.event.status is EventStatus.PAIRED
    assert mentor.name in text_of(smtp.last_to(world.members[0].email))
    to_mentor = text_of(smtp.last_to(mentor.email))
    assert all(member.name in to_mentor for member in world.members)
    with pytest.raises(ChoiceRefused, match="already published"):
        services.publish(world.event)
    db.session.rollback()
    with pytest.raises(ChoiceRefused, match="published"):
        services.run_pairing(world.event)
    db.session.rollback()
    published = db.session.scalars(select(PeerPair)).first()
    with pytest.raises(PairPublished):
        published.lock()


def test_publish_needs_a_held_event_and_pairs(make_peer_event):
    world = held(make_peer_event(members=1, mentors=1))
    with pytest.raises(ChoiceRefused, match="run the pairing first"):
        services.publish(world.event)
    db.session.rollback()
    world.event.status = EventStatus.RUNNING
    db.session.commit()
    rank(world, world.members[0], [world.mentors[0]])
    services.run_pairing(world.event)
    with pytest.raises(ChoiceRefused, match="held"):
        services.publish(world.event)


def test_a_changed_ranking_drops_a_pair_it_no_longer_allows(make_peer_event):
    world = held(make_peer_event(members=1, mentors=2))
    member, (a, b) = world.members[0], world.mentors
    rank(world, member, [a])
    services.run_pairing(world.event)
    db.session.commit()
    rank(world, member, [b, a])
    assert db.session.scalar(select(PeerPair.rank)) == 2
    rank(world, member, [b])
    assert pairs_of(world) == {}


def test_the_overview_explains_who_is_unpaired_and_the_place_that_helps(make_peer_event):
    world = held(make_peer_event(members=3, mentors=2))
    (m1, m2, m3), (a, b) = world.members, world.mentors
    participant_of(world, b).capacity = 0
    db.session.commit()
    rank(world, m1, [a])
    rank(world, m2, [a, b])
    services.run_pairing(world.event)
    db.session.commit()
    overview = pairing_overview(queries.event_choices(world.event))
    why = {row.member.id: row.why for row in overview.rows}
    assert overview.ranked_count == 2 and overview.not_ranked == [m3]
    assert "Ranked nobody" in why[m3.id]
    unpaired = m1.id if pairs_of(world).get(m2.id) == a.id else m2.id
    assert "full" in why[unpaired] and a.name in why[unpaired]
    assert overview.profile == [(1, 1), (2, 0)] and overview.unpaired == 2
    assert overview.best_place == f"One more place for {a.name} would pair 1 more."


def test_reminding_by_hand_emails_only_those_who_have_not_ranked(make_peer_event, smtp):
    world = held(make_peer_event(members=2, mentors=1))
    rank(world, world.members[0], [world.mentors[0]])
    smtp.clear()
    assert services.remind_to_rank(world.event) == 1
    db.session.commit()
    deliver_all()
    assert [m["To"] for m in smtp.messages] == [world.members[1].email]
    assert "/choices" in text_of(smtp.messages[0])


def test_peer_mentors_rankings_break_ties_when_the_event_asks_them(make_peer_event):
    world = held(make_peer_event(members=2, mentors=1, mentors_rank=True))
    (m1, m2), mentor = world.members, world.mentors[0]
    rank(world, m1, [mentor])
    rank(world, m2, [mentor])
    for favourite in (m2, m1):
        rank(world, mentor, [favourite])
        services.run_pairing(world.event)
        db.session.commit()
        assert pairs_of(world) == {favourite.id: mentor.id}


def test_a_peer_mentors_do_not_pair_is_respected_and_pairs_keep_the_rank_given(
    make_peer_event,
):
    world = held(make_peer_event(members=2, mentors=3, mentors_rank=True))
    (m1, m2), (a, b, c) = world.members, world.mentors
    rank(world, m1, [a, b])
    rank(world, m2, [c, b, a])
    rank(world, a, [], avoided=[m1])  # a asks not to be paired with m1
    participant_of(world, c).absent = True
    db.session.commit()
    services.run_pairing(world.event)
    db.session.commit()
    assert pairs_of(world) == {m1.id: b.id, m2.id: a.id}
    ranks = dict(db.session.execute(select(PeerPair.member_id, PeerPair.rank)).tuples().all())
    assert ranks == {m1.id: 2, m2.id: 3}  # the places they gave, the absent c counted
