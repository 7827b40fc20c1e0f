"""Planning services: preview, plan, edit, and re-planning after an absence or a newcomer."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from vms.auth.models import Role
from vms.extensions import db
from vms.peer import rotation
from vms.peer.events import reasons, seating, services
from vms.peer.events.services import EventDetails, EventRefused
from vms.peer.events.timetable import SessionPlan
from vms.peer.models import EventStatus, PeerRole, PeerSeat
from vms.peer.rotation import FewestRounds, fewest_rounds

NOW = datetime(2027, 2, 1, 12, tzinfo=UTC)
#: 18:00 in New York (the test program's zone).
EVENING = datetime(2027, 3, 2, 23, tzinfo=UTC)


@pytest.fixture
def cohort_world(make_program, make_cohort, make_member):
    def make(members=6, mentors=4):
        program = make_program("Planning Program")
        cohort = make_cohort(program, "Planning cohort")
        people = [make_member(program, Role.ENTREPRENEUR, cohort) for _ in range(members)]
        peers = [make_member(program, Role.PEER_MENTOR, cohort) for _ in range(mentors)]
        return program, cohort, people, peers

    return make


def details(cohort, **changes) -> EventDetails:
    fields = dict(
        cohort_id=cohort.id,
        title="Spring speed dating",
        sessions=(SessionPlan(EVENING),),
        conversation_minutes=15,
        change_minutes=2,
    )
    fields.update(changes)
    return EventDetails(**fields)


def seats(event) -> list[PeerSeat]:
    return list(db.session.scalars(select(PeerSeat).where(PeerSeat.event_id == event.id)))


def assert_each_pair_once(event, members, mentors):
    pairs = Counter((s.member_id, s.mentor_id) for s in seats(event))
    wanted = {(m, p) for m in members for p in mentors}
    assert wanted <= set(pairs) and all(n == 1 for n in pairs.values())


def assert_nobody_twice_a_round(event):
    by_round = Counter((s.round, s.member_id) for s in seats(event))
    assert all(n == 1 for n in by_round.values())
    mentors = {}
    for s in seats(event):
        mentors.setdefault((s.round, s.mentor_id), set()).add(s.table)
    assert all(len(tables) == 1 for tables in mentors.values())


def test_preview_gives_the_rounds_the_reason_and_the_times(app, cohort_world):
    program, cohort, people, peers = cohort_world(members=6, mentors=4)
    shown = services.preview(program, details(cohort))
    assert shown.rounds == 6
    assert shown.reason == "6 rounds: each peer mentor must meet 6 members."
    assert shown.timetable.sessions[0].ends_at == EVENING + timedelta(minutes=6 * 15 + 5 * 2)
    assert shown.timetable.minutes == 100


def test_the_reason_names_pods_when_members_sit_in_pods(app, cohort_world):
    program, cohort, _people, _peers = cohort_world(members=6, mentors=13)
    shown = services.preview(program, details(cohort, group_size=2, tables=13))
    assert shown.reason == "13 rounds: each pod must meet 13 peer mentors."


def test_plan_event_seats_every_pair_once_in_the_fewest_rounds(app, cohort_world):
    program, cohort, people, peers = cohort_world(members=6, mentors=4)
    event = services.plan_event(program, details(cohort), NOW)
    db.session.commit()
    assert {p.role for p in event.participants} == {PeerRole.MEMBER, PeerRole.PEER_MENTOR}
    assert len(event.participants) == 10
    assert seating.round_count(event) == 6
    assert_each_pair_once(event, [u.id for u in people], [u.id for u in peers])
    assert_nobody_twice_a_round(event)
    assert event.schedule_sequence == 1


def test_plan_event_with_pods_and_a_second_session(app, cohort_world):
    program, cohort, people, peers = cohort_world(members=7, mentors=3)
    second = SessionPlan(EVENING + timedelta(days=1))
    plan = details(cohort, group_size=2, sessions=(SessionPlan(EVENING, rounds=2), second),
                   choices=2, mentor_capacity=2)  # fmt: skip
    event = services.plan_event(program, plan, NOW)
    db.session.commit()
    assert [s.rounds for s in event.sessions] == [2, None]
    assert seating.round_count(event) == 4  # 4 pods of 2, 2, 2, 1 meet 3 mentors: 4 rounds
    table = seating.event_timetable(event)
    assert table.sessions[1].rounds == (3, 4)
    assert_each_pair_once(event, [u.id for u in people], [u.id for u in peers])


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"tables": 0}, "tables", "at least one table"),
        ({"group_size": 7}, "group_size", "more members (7)"),
        ({"sessions": (SessionPlan(datetime(2027, 3, 3, 4, tzinfo=UTC)),)}, "day", "midnight"),
        ({"sessions": (SessionPlan(EVENING, rounds=9), SessionPlan(EVENING + timedelta(days=1)))},
         "first_rounds", "every round"),
        ({"sessions": (SessionPlan(EVENING, rounds=2), SessionPlan(EVENING))},
         "second_day", "before the first one ends"),
    ],
)  # fmt: skip
def test_bad_plans_are_refused_next_to_their_field(app, cohort_world, changes, field, words):
    program, cohort, _people, _peers = cohort_world(members=6, mentors=4)
    with pytest.raises(EventRefused) as refused:
        services.preview(program, details(cohort, **changes))
    assert refused.value.field == field and words in str(refused.value)


def test_a_cohort_without_peer_mentors_or_members_is_refused(app, cohort_world, make_cohort):
    program, cohort, _people, _peers = cohort_world(members=3, mentors=0)
    with pytest.raises(EventRefused, match="no peer mentors") as refused:
        services.preview(program, details(cohort))
    assert refused.value.field == "cohort"
    empty = make_cohort(program, "Empty cohort")
    with pytest.raises(EventRefused, match="no members"):
        services.preview(program, details(empty))


def test_an_event_in_the_past_or_planned_twice_is_refused(app, cohort_world):
    program, cohort, _people, _peers = cohort_world()
    with pytest.raises(EventRefused, match="future"):
        services.plan_event(program, details(cohort), EVENING + timedelta(hours=1))
    services.plan_event(program, details(cohort), NOW)
    db.session.commit()
    with pytest.raises(EventRefused, match="already exists"):
        services.plan_event(program, details(cohort), NOW)


def test_another_programs_cohort_is_refused(app, cohort_world, make_program):
    _program, cohort, _people, _peers = cohort_world()
    other = make_program("Other Program")
    with pytest.raises(EventRefused, match="cohorts"):
        services.preview(other, details(cohort))


def test_a_subset_of_the_cohort_takes_part(app, cohort_world):
    program, cohort, people, peers = cohort_world(members=4, mentors=3)
    chosen = details(cohort, member_ids=(people[0].id, people[1].id), mentor_ids=(peers[0].id,))
    event = services.plan_event(program, chosen, NOW)
    assert sorted(p.user_id for p in event.participants) == sorted(
        [people[0].id, people[1].id, peers[0].id]
    )
    assert seating.round_count(event) == 2


def _held(event, rounds):
    """The first ``rounds`` rounds have taken place (the event-mode clock does this)."""
    event.move_to(EventStatus.RUNNING)
    event.rounds_started = rounds
    db.session.commit()
    return {(s.round, s.table, s.mentor_id, s.member_id) for s in seats(event) if s.round <= rounds}


def _round_shape(event):
    return {(s.round, s.table, s.mentor_id, s.member_id) for s in seats(event)}


def test_marking_absent_rebuilds_only_the_rounds_not_started(app, cohort_world):
    program, cohort, people, peers = cohort_world(members=6, mentors=4)
    event = services.plan_event(program, details(cohort), NOW)
    db.session.commit()
    held = _held(event, 2)
    leaving = next(p for p in event.participants if p.user_id == peers[0].id)
    rebuilt = services.mark_absent(event, leaving)
    db.session.commit()
    assert {s for s in _round_shape(event) if s[0] <= 2} == held
    members, mentors = [u.id for u in people], [u.id for u in peers[1:]]
    assert_each_pair_once(event, members, mentors)
    assert_nobody_twice_a_round(event)
    met = {(s.member_id, s.mentor_id) for s in seats(event) if s.round <= 2}
    assert rebuilt == fewest_rounds(members, mentors, skip=met & {
        (m, p) for m in members for p in mentors}).rounds  # fmt: skip
    assert not [s for s in seats(event) if s.round > 2 and s.mentor_id == peers[0].id]
    assert event.schedule_sequence == 2


def test_adding_someone_late_meets_everyone_in_the_rounds_left(app, cohort_world, make_member):
    program, cohort, people, peers = cohort_world(members=4, mentors=3)
    event = services.plan_event(program, details(cohort), NOW)
    db.session.commit()
    held = _held(event, 1)
    late = make_member(program, Role.ENTREPRENEUR, cohort)
    services.add_participant(event, late, PeerRole.MEMBER)
    db.session.commit()
    assert {s for s in _round_shape(event) if s[0] <= 1} == held
    members = [u.id for u in people] + [late.id]
    assert_each_pair_once(event, members, [u.id for u in peers])
    assert_nobody_twice_a_round(event)
    # Each peer mentor met one member in round 1 and has the four others (newcomer too) left.
    met = {(s.member_id, s.mentor_id) for s in seats(event) if s.round <= 1}
    assert (
        seating.round_count(event)
        == 1 + fewest_rounds(members, [u.id for u in peers], skip=met).rounds
        == 1 + 4
    )


def test_coming_back_after_an_absence_meets_only_those_not_yet_met(app, cohort_world):
    program, cohort, people, peers = cohort_world(members=4, mentors=3)
    event = services.plan_event(program, details(cohort), NOW)
    db.session.commit()
    away = next(p for p in event.participants if p.user_id == people[0].id)
    services.mark_absent(event, away)
    db.session.commit()
    assert not [s for s in seats(event) if s.member_id == people[0].id]
    _held(event, 1)
    services.mark_present(event, away)
    db.session.commit()
    assert_each_pair_once(event, [u.id for u in people], [u.id for u in peers])
    assert_nobody_twice_a_round(event)


def test_illegal_replanning_moves_are_refused(app, cohort_world, make_member, make_program):
    program, cohort, people, peers = cohort_world(members=3, mentors=2)
    event = services.plan_event(program, details(cohort), NOW)
    db.session.commit()
    with pytest.raises(EventRefused, match="already takes part"):
        services.add_participant(event, people[0], PeerRole.MEMBER)
    present = next(p for p in event.participants if p.user_id == people[1].id)
    with pytest.raises(EventRefused, match="not marked absent"):
        services.mark_present(event, present)
    services.mark_absent(event, present)
    with pytest.raises(EventRefused, match="already marked absent"):
        services.mark_absent(event, present)
    outsider = make_member(make_program("Elsewhere"), Role.ENTREPRENEUR)
    with pytest.raises(EventRefused, match="Only the program"):
        services.add_participant(event, outsider, PeerRole.MEMBER)
    mentor = make_member(program, Role.PEER_MENTOR)
    with pytest.raises(EventRefused, match="Only the program"):
        services.add_participant(event, mentor, PeerRole.MEMBER)
    event.move_to(EventStatus.RUNNING)
    event.move_to(EventStatus.HELD)
    with pytest.raises(EventRefused, match="over"):
        services.mark_absent(event, next(p for p in event.participants if not p.absent))


def test_edit_event_reseats_a_planned_event_only(app, cohort_world):
    program, cohort, people, peers = cohort_world(members=6, mentors=4)
    event = services.plan_event(program, details(cohort), NOW)
    db.session.commit()
    services.edit_event(event, details(cohort, title="Renamed", tables=2), NOW)
    db.session.commit()
    assert event.title == "Renamed" and seating.round_count(event) == 12
    assert_each_pair_once(event, [u.id for u in people], [u.id for u in peers])
    event.move_to(EventStatus.RUNNING)
    with pytest.raises(EventRefused, match="started"):
        services.edit_event(event, details(cohort, title="Again"), NOW)


@pytest.mark.parametrize(
    ("bound", "group_size", "words"),
    [
        (FewestRounds(0, rotation.NO_MEETINGS, 0, 3), 1,
         "No rounds: nobody has anyone left to meet."),
        (FewestRounds(13, rotation.MENTOR_MEETS_EVERY_POD, 13, 5), 2,
         "13 rounds: each peer mentor must meet 13 pods."),
        (FewestRounds(1, rotation.MENTOR_MEETS_EVERY_POD, 1, 5), 1,
         "1 round: each peer mentor must meet 1 member."),
        (FewestRounds(4, rotation.POD_MEETS_EVERY_MENTOR, 4, 4), 1,
         "4 rounds: each member must meet 4 peer mentors."),
        (FewestRounds(3, rotation.BUSIEST_MENTOR, 3, 4, 7), 1,
         "3 rounds: someone still has 3 conversations to hold."),
        (FewestRounds(9, rotation.TABLES, 18, 2), 1,
         "9 rounds: 18 conversations, at most 2 at a time."),
    ],
)  # fmt: skip
def test_each_reason_code_reads_as_a_sentence(app, bound, group_size, words):
    with app.test_request_context():
        assert reasons.in_words(bound, group_size) == words


def test_the_preview_names_the_tables_when_they_are_the_bound(app, cohort_world):
    program, cohort, _people, _peers = cohort_world(members=6, mentors=4)
    shown = services.preview(program, details(cohort, tables=2))
    assert shown.reason == "12 rounds: 24 conversations, at most 2 at a time."


def test_a_finished_event_as_the_demo_makes_it(app, cohort_world):
    """The demo's recipe: plan with ``now`` before a past start, then hold every round."""
    program, cohort, people, peers = cohort_world(members=4, mentors=2)
    past = datetime(2026, 11, 3, 23, tzinfo=UTC)
    event = services.plan_event(program, details(cohort, sessions=(SessionPlan(past),)),
                                now=past - timedelta(days=7))  # fmt: skip
    event.move_to(EventStatus.RUNNING)
    event.rounds_started = seating.round_count(event)
    event.move_to(EventStatus.HELD)
    db.session.commit()
    assert event.status is EventStatus.HELD and event.rounds_started == 4
    with pytest.raises(EventRefused, match="over"):
        services.mark_absent(event, event.participants[0])
