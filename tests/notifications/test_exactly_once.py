"""Exactly once (issue 13): a notice is a row with a unique key written with its email; a second
sweep, here or in another scheduler at the same moment, sends nothing. Fixed clocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests.support import at_once, text_of
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.mail.models import OutboxEmail
from vms.notifications import preferences
from vms.notifications.categories import Category, Choice
from vms.notifications.models import Delivery, Notification, NotificationPreference
from vms.notifications.services import notify
from vms.scheduling import jobs
from vms.scheduling.meetings import services as meetings
from vms.scheduling.meetings.services import MeetingDetails


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def _meeting(team, starts_at: datetime):
    lead = team.members[0].mentor
    details = MeetingDetails(starts_at=starts_at, duration_minutes=60, location="Room 4")
    meeting = meetings.schedule_team_meeting(team, details, lead, "America/New_York")
    db.session.commit()
    return meeting


def test_a_sweep_run_again_finds_the_key_and_sends_nothing(app, team, smtp):
    start = datetime(2027, 3, 2, 15, 0, tzinfo=UTC)
    meeting = _meeting(team, start)
    before = _count(OutboxEmail)
    assert jobs.send_agenda_reminders(start - timedelta(days=2)) == 1
    meeting.agenda_reminded_at = None  # as if the mark were lost: the key still holds
    db.session.commit()
    assert jobs.send_agenda_reminders(start - timedelta(days=2)) == 1
    assert _count(OutboxEmail) == before + 1
    row = db.session.scalar(select(Notification))
    assert (row.kind, row.object_id, row.occasion) == ("meeting.agenda_due", meeting.id,
                                                        "2027-03-02T15:00Z")  # fmt: skip
    assert row.recipient_id == team.venture.founders[0].user_id
    assert row.delivery is Delivery.EMAIL and row.program_id == team.program_id


def test_a_moved_meeting_is_a_new_occasion(app, team, smtp):
    start = datetime(2027, 3, 2, 15, 0, tzinfo=UTC)
    meeting = _meeting(team, start)
    assert jobs.send_meeting_reminders(start - timedelta(hours=20)) == 1
    moved = start + timedelta(days=1)
    meetings.reschedule(meeting, MeetingDetails(moved, 60, "Room 4"))
    db.session.commit()
    assert jobs.send_meeting_reminders(moved - timedelta(hours=20)) == 1
    occasions = set(db.session.scalars(
        select(Notification.occasion).where(Notification.kind == "meeting.reminder")))  # fmt: skip
    assert occasions == {"2027-03-02T15:00Z", "2027-03-03T15:00Z"}


def test_two_sweeps_at_once_send_one_email_each(make_app, app, team, smtp):
    """On PostgreSQL the second insert waits for the first's key, then does nothing; on SQLite
    the second writer waits for the first. Two schedulers, one email per person."""
    start = datetime(2027, 3, 2, 15, 0, tzinfo=UTC)
    for hour in range(5):
        _meeting(team, start + timedelta(hours=hour))
    now = start - timedelta(hours=20)
    before = _count(OutboxEmail)
    schedulers = [make_app(), make_app()]

    def sweep(scheduler):
        def run():
            with scheduler.app_context():
                done = jobs.send_meeting_reminders(now)
                db.session.remove()
                return done

        return run

    at_once([sweep(s) for s in schedulers])
    invitees = 3  # the two mentors and the founder
    assert _count(OutboxEmail) == before + 5 * invitees
    assert _count(Notification) == 5 * invitees
    recipients = db.session.execute(
        select(OutboxEmail.to_address, func.count()).where(OutboxEmail.id > 0)
        .where(OutboxEmail.subject.like("Reminder%") | OutboxEmail.subject.like("Recordatorio%"))
        .group_by(OutboxEmail.to_address)
    ).all()  # fmt: skip
    assert {count for _address, count in recipients} == {5}


def test_a_daylight_saving_change_between_scheduling_and_reminding(app, team, smtp):
    """Scheduled in winter time for a day after New York's clocks move (14 March 2027): the
    reminder says the time the clocks will show then, with the zone named."""
    founder = team.venture.founders[0].user
    founder.timezone, founder.locale = "America/New_York", "en"
    db.session.commit()
    start = datetime(2027, 3, 15, 14, 0, tzinfo=UTC)  # 10:00 EDT (it would be 9:00 in EST)
    _meeting(team, start)
    assert jobs.send_meeting_reminders(start - timedelta(hours=20)) == 1
    body = text_of(smtp.last_to(founder.email))
    assert "10:00" in body and "America/New York" in body and "9:00" not in body


def test_a_notice_and_its_email_commit_together_or_not_at_all(app, team, smtp):
    start = datetime(2027, 3, 2, 15, 0, tzinfo=UTC)
    meeting = _meeting(team, start)
    emails = _count(OutboxEmail)
    founder = team.venture.founders[0].user
    notice = jobs._notice("meeting.agenda_due", meeting, db.session.get(Program, team.program_id),
                          founder, "scheduling/agenda_due", "Agenda due")  # fmt: skip
    assert notify([notice]) == [notice]
    db.session.rollback()
    assert _count(Notification) == 0 and _count(OutboxEmail) == emails
    assert notify([notice]) == [notice]  # the key is free again: nothing was sent
    db.session.commit()
    assert _count(Notification) == 1 and _count(OutboxEmail) == emails + 1
    assert notify([notice]) == []


def test_two_first_choices_at_once_leave_one_row(make_app, app, team):
    """A double click on the preferences page, or a provider's retried one-click POST."""
    mentor_id = team.members[1].mentor_id
    workers = [make_app(), make_app()]

    def choose(worker, choice):
        def run():
            with worker.app_context():
                preferences.set_choice(db.session.get(User, mentor_id), Category.NUDGES, choice)
                db.session.commit()
                db.session.remove()

        return run

    at_once([choose(workers[0], Choice.OFF), choose(workers[1], Choice.DIGEST)])
    rows = db.session.scalars(select(NotificationPreference)).all()
    assert len(rows) == 1 and rows[0].choice in (Choice.OFF, Choice.DIGEST)
