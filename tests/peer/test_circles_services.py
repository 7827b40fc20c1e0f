"""Peer circles' services: dates from the monthly rule with calendar invitations, the size rule,
the facilitator rule, and commitments carried to the next date."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from tests.peer.test_circles_world import circle_world_maker, details
from tests.support import calendar_in
from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.peer.circles import dates, jobs, queries, services
from vms.peer.circles.models import CircleMeeting, CircleMember, PeerCircle
from vms.scheduling import jobs as scheduling_jobs
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingSeries

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def circle_world(app, make_program, make_member):
    return circle_world_maker(make_program, make_member)


def _dates(circle) -> list[Meeting]:
    return list(db.session.scalars(
        select(Meeting).join(CircleMeeting, CircleMeeting.meeting_id == Meeting.id)
        .where(CircleMeeting.circle_id == circle.id).order_by(Meeting.starts_at)
    ))  # fmt: skip


def _coming(circle) -> list[Meeting]:
    return [m for m in _dates(circle) if m.starts_at > now_utc()]


def test_the_dates_are_first_tuesdays_at_six_in_new_york_and_people_are_invited(circle_world, smtp):
    world = circle_world()
    coming = _coming(world.circle)
    assert len(coming) == dates.DATES_AHEAD
    for meeting in _dates(world.circle):
        local = meeting.starts_at.astimezone(NEW_YORK)
        assert (local.isoweekday(), local.day <= 7, local.hour, local.minute) == (2, True, 18, 0)
        assert meeting.kind is MeetingKind.PEER_CIRCLE and meeting.series_id is None
        invited = {i.user_id for i in meeting.invitees}
        assert invited == {p.id for p in world.members} | {world.facilitator.id}
    for person in [*world.members, world.facilitator]:
        method, calendar, event = calendar_in(smtp.last_to(person.email))
        assert method == "REQUEST" and str(calendar["method"]) == "REQUEST"
        uids = {str(e["uid"]) for e in calendar.walk("VEVENT")}
        assert uids <= {m.uid for m in _dates(world.circle)}
        assert str(event["attendee"]) == f"mailto:{person.email}"
        assert event["attendee"].params["RSVP"] == "TRUE"
    assert len(smtp.to(world.outsider.email)) == 0


def test_keeping_ahead_again_creates_nothing_and_sends_nothing(circle_world, smtp):
    world = circle_world()
    before = len(_dates(world.circle))
    smtp.clear()
    assert jobs.keep_circles_ahead() == 0
    deliver_all()
    assert len(_dates(world.circle)) == before and smtp.messages == []


def test_the_mentor_meeting_sweep_leaves_circles_alone(circle_world):
    """The monthly mentor meeting's daily sweep still touches only its own series."""
    world = circle_world()
    invitees = db.session.scalar(select(func.count()).select_from(Invitee))
    assert db.session.scalar(select(func.count()).select_from(MeetingSeries)) == 0
    scheduling_jobs.keep_series_ahead()
    assert db.session.scalar(select(func.count()).select_from(Invitee)) == invitees
    assert len(_coming(world.circle)) == dates.DATES_AHEAD


def test_a_thirteenth_member_is_refused_with_a_reason(circle_world, make_member):
    world = circle_world(members=12)
    newcomer = make_member(world.program, Role.ENTREPRENEUR)
    with pytest.raises(services.CircleRefused) as refused:
        services.add_member(world.circle, newcomer.id)
    assert refused.value.field == "members" and "at most 12 members" in refused.value.message
    db.session.rollback()
    assert len(db.session.get(PeerCircle, world.circle.id).members) == 12


def test_only_entrepreneurs_of_the_program_are_members(circle_world):
    world = circle_world()
    with pytest.raises(services.CircleRefused, match="entrepreneurs of this program"):
        services.add_member(world.circle, world.other_peer_mentor.id)


@pytest.mark.parametrize("who", ["mentor", "outsider", "other_coordinator"])
def test_the_facilitator_is_a_peer_mentor_or_coordinator_of_this_program(circle_world, who):
    world = circle_world()
    person = getattr(world, who)
    with pytest.raises(services.CircleRefused) as refused:
        services.create_circle(world.program, details(person, name="Another"), [])
    assert refused.value.field == "facilitator_id"


def test_a_coordinator_may_facilitate_and_the_name_is_one_per_program(circle_world):
    world = circle_world()
    services.create_circle(world.program, details(world.coordinator, name="Second"), [])
    with pytest.raises(services.CircleRefused) as refused:
        services.create_circle(world.program, details(world.coordinator, name="Second"), [])
    assert refused.value.field == "name"


def test_a_newcomer_is_invited_and_a_leaver_gets_a_cancellation(circle_world, make_member, smtp):
    world = circle_world()
    newcomer = make_member(world.program, Role.ENTREPRENEUR)
    leaver = world.members[0]
    smtp.clear()
    kept = [p.id for p in world.members[1:]] + [newcomer.id]
    services.update_circle(world.circle, details(world.facilitator), kept)
    db.session.commit()
    deliver_all()
    coming = _coming(world.circle)
    for meeting in coming:
        invited = {i.user_id for i in meeting.invitees}
        assert newcomer.id in invited and leaver.id not in invited
    assert len(smtp.to(newcomer.email)) == len(coming)
    method, _calendar, event = calendar_in(smtp.last_to(leaver.email))
    assert method == "CANCEL" and str(event["uid"]) in {m.uid for m in coming}
    past = [m for m in _dates(world.circle) if m.starts_at <= now_utc()]
    assert all(leaver.id in {i.user_id for i in m.invitees} for m in past)


def _date(circle, meeting) -> CircleMeeting:
    return db.session.scalar(select(CircleMeeting).where(CircleMeeting.meeting_id == meeting.id))


def test_the_last_commitment_is_carried_to_the_next_date_and_marked_there(circle_world):
    world = circle_world()
    first, second = _dates(world.circle)[:2]
    a, b, c = world.members
    entries = [services.MemberEntry(a.id, True, "Call ten customers"),
               services.MemberEntry(b.id, False, ""),
               services.MemberEntry(c.id, True, "Hire a designer")]  # fmt: skip
    services.record_meeting(world.circle, _date(world.circle, first), entries)
    db.session.commit()
    later = second.starts_at + timedelta(minutes=5)
    date = _date(world.circle, second)
    lines = {line.user.id: line for line in queries.date_lines(world.circle, date)}
    assert lines[a.id].last.commitment == "Call ten customers" and lines[b.id].last is None
    services.record_meeting(world.circle, date, [
        services.MemberEntry(a.id, True, "Raise the price", last_done=True),
        services.MemberEntry(c.id, True, "", last_done=False),
    ], now=later)  # fmt: skip
    db.session.commit()
    lines = {line.user.id: line for line in queries.date_lines(world.circle, date)}
    assert (lines[a.id].last.done, lines[c.id].last.done) == (True, False)
    assert lines[a.id].record.commitment == "Raise the price"


def test_saving_a_date_twice_replaces_and_a_coming_date_is_refused(circle_world):
    world = circle_world()
    first, *rest = _dates(world.circle)
    date = _date(world.circle, first)
    entry = [services.MemberEntry(world.members[0].id, True, "Ship it")]
    for _ in range(2):
        services.record_meeting(world.circle, date, entry)
        db.session.commit()
    assert len(_date(world.circle, first).records) == 1
    with pytest.raises(services.CircleRefused, match="once it has started"):
        services.record_meeting(world.circle, _date(world.circle, rest[-1]), entry)


def test_a_commitment_over_one_line_or_a_stranger_is_refused(circle_world):
    world = circle_world()
    date = _date(world.circle, _dates(world.circle)[0])
    too_long = [services.MemberEntry(world.members[0].id, True, "x" * 301)]
    with pytest.raises(services.CircleRefused, match="at most 300"):
        services.record_meeting(world.circle, date, too_long)
    db.session.rollback()
    stranger = [services.MemberEntry(world.outsider.id, True, "")]
    with pytest.raises(services.CircleRefused, match="members changed"):
        services.record_meeting(world.circle, date, stranger)


def test_membership_rows_are_unique(circle_world):
    world = circle_world()
    services.add_member(world.circle, world.members[0].id)  # already in: no change
    db.session.commit()
    assert db.session.scalar(
        select(func.count()).select_from(CircleMember)
        .where(CircleMember.circle_id == world.circle.id)
    ) == 3  # fmt: skip


def test_dates_made_up_after_the_fact_send_no_invitations(circle_world, smtp):
    """What the demo does: a circle begun months ago, with no emails for its past dates."""
    world = circle_world()
    smtp.clear()
    circle = services.create_circle(
        world.program, details(world.facilitator, name="Since spring"), [world.outsider.id],
        now=now_utc() - timedelta(days=120), invite=False,
    )  # fmt: skip
    db.session.commit()
    deliver_all()
    assert len(_dates(circle)) == dates.DATES_AHEAD and smtp.messages == []
    assert all(world.outsider.id in {i.user_id for i in m.invitees} for m in _dates(circle))
    assert dates.keep_ahead(circle) == dates.DATES_AHEAD  # the coming ones, with invitations
    db.session.commit()
    deliver_all()
    assert len(smtp.to(world.outsider.email)) == dates.DATES_AHEAD


def test_recording_also_records_the_meetings_own_attendance(circle_world):
    world = circle_world()
    first = _dates(world.circle)[0]
    a, b, _c = world.members
    services.record_meeting(world.circle, _date(world.circle, first), [
        services.MemberEntry(a.id, True, ""), services.MemberEntry(b.id, False, ""),
    ])  # fmt: skip
    db.session.commit()
    came = {i.user_id: i.attended for i in db.session.get(Meeting, first.id).invitees}
    assert (came[a.id], came[b.id], came[world.facilitator.id]) == (True, False, None)
