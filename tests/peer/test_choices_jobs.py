"""Reminders to rank: two days and a few hours before the deadline, once each, only to members
who have not ranked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.peer.test_choices_services import held, participant_of, rank
from tests.support import text_of
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.peer.choices.jobs import due_kind, send_ranking_reminders
from vms.peer.choices.models import PeerRankingReminder, ReminderKind
from vms.peer.models import EventStatus

DEADLINE = datetime(2027, 3, 10, 18, tzinfo=UTC)


def test_the_reminder_due_depends_on_how_close_the_deadline_is():
    assert due_kind(DEADLINE, DEADLINE - timedelta(days=3)) is None
    assert due_kind(DEADLINE, DEADLINE - timedelta(hours=47)) is ReminderKind.DAYS_BEFORE
    assert due_kind(DEADLINE, DEADLINE - timedelta(hours=3)) is ReminderKind.HOURS_BEFORE
    assert due_kind(DEADLINE, DEADLINE) is None


def test_reminders_go_once_each_to_those_who_have_not_ranked(make_peer_event, smtp):
    world = held(make_peer_event(members=3, mentors=1), ranking_deadline=DEADLINE)
    ranked, waiting, away = world.members
    rank(world, ranked, world.mentors)
    participant_of(world, away).absent = True
    db.session.commit()
    smtp.clear()
    assert send_ranking_reminders(DEADLINE - timedelta(days=3)) == 0
    two_days = DEADLINE - timedelta(hours=47)
    assert send_ranking_reminders(two_days) == 1
    assert send_ranking_reminders(two_days + timedelta(hours=1)) == 0  # sent already
    late = DEADLINE - timedelta(hours=3)
    assert send_ranking_reminders(late) == 1
    assert send_ranking_reminders(late + timedelta(hours=1)) == 0
    assert send_ranking_reminders(DEADLINE + timedelta(minutes=1)) == 0
    deliver_all()
    assert [m["To"] for m in smtp.messages] == [waiting.email, waiting.email]
    assert "/choices" in text_of(smtp.messages[0])
    kinds = {r.kind for r in db.session.query(PeerRankingReminder)}
    assert kinds == {ReminderKind.DAYS_BEFORE, ReminderKind.HOURS_BEFORE}


def test_no_reminders_for_events_not_open_to_ranking(make_peer_event):
    world = make_peer_event(members=1, mentors=1, ranking_deadline=DEADLINE)
    assert send_ranking_reminders(DEADLINE - timedelta(hours=3)) == 0  # still planned
    world.event.status = EventStatus.PAIRED
    db.session.commit()
    assert send_ranking_reminders(DEADLINE - timedelta(hours=3)) == 0
