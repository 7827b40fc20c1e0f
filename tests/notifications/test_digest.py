"""The weekly digest (issue 13): what a person chose to gather arrives once a week, in one
email, in their language and zone; a second run or scheduler sends no second digest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.support import text_of
from vms.extensions import db
from vms.notifications import digest, preferences
from vms.notifications.categories import Category, Choice
from vms.notifications.models import Delivery, Notification
from vms.scheduling import jobs
from vms.scheduling.meetings import services as meetings
from vms.scheduling.meetings.services import MeetingDetails

# A Tuesday; the digest goes out from the next Monday on.
START = datetime(2027, 3, 2, 15, 0, tzinfo=UTC)


def test_gathered_reminders_arrive_once_in_the_weekly_digest(app, team, smtp):
    mentor = team.members[1].mentor  # Omar, in UTC, English
    preferences.set_choice(mentor, Category.REMINDERS, Choice.DIGEST)
    lead = team.members[0].mentor
    for days in (0, 1):
        start = START + timedelta(days=days)
        meetings.schedule_team_meeting(team, MeetingDetails(start, 60, "Room 4"), lead, "UTC")
        db.session.commit()
        jobs.send_meeting_reminders(start - timedelta(hours=20))
    smtp.clear()
    gathered = db.session.scalars(
        select(Notification).where(Notification.recipient_id == mentor.id)).all()  # fmt: skip
    assert [n.delivery for n in gathered] == [Delivery.DIGEST, Delivery.DIGEST]
    assert digest.send_digests(START + timedelta(days=2)) == 0, "not before the week is over"
    monday = datetime(2027, 3, 8, 6, 0, tzinfo=UTC)
    assert digest.send_digests(monday) == 1
    assert digest.send_digests(monday + timedelta(hours=1)) == 0
    (message,) = smtp.to(mentor.email)
    body = text_of(message)
    assert "2 notifications" in message["Subject"]
    assert body.count("Reminder: GreenGrid") == 2 and "(UTC)" in body
    assert message["List-Unsubscribe"] is None  # the digest itself is what they chose
    db.session.expire_all()
    assert all(n.digested_at is not None for n in gathered)
