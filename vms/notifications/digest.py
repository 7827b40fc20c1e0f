"""The weekly digest: what a person chose to gather, sent once a week in one email.

The digest is itself a notice (kind "notifications.digest", the person, the ISO week), so a
restart or a second scheduler sends one digest per person and week.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from sqlalchemy import select, update

from vms.auth.models import User
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.models import Delivery, Notification
from vms.notifications.services import Notice, notify

KIND = "notifications.digest"
#: A digest holds at most this many lines (the rest: "and N more").
MOST_LINES = 50


def week_start(now: datetime) -> datetime:
    """Monday 00:00 UTC of ``now``'s ISO week."""
    monday = now.date() - timedelta(days=now.weekday())
    return datetime.combine(monday, time(0), tzinfo=now.tzinfo)


def send_digests(now: datetime | None = None) -> int:
    """Each person's digest of what waited before this week began. Returns digests queued."""
    now = now or now_utc()
    start = week_start(now)
    waiting = db.session.scalars(
        select(Notification)
        .where(Notification.delivery == Delivery.DIGEST, Notification.digested_at.is_(None),
               Notification.created_at < start)
        .order_by(Notification.recipient_id, Notification.created_at, Notification.id)
    ).all()  # fmt: skip
    if not waiting:
        return 0
    per_person: dict[int, list[Notification]] = defaultdict(list)
    for row in waiting:
        per_person[row.recipient_id].append(row)
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(per_person)))}
    week = "{}-W{:02d}".format(*start.isocalendar()[:2])
    fresh = notify([_digest(people[uid], rows, week) for uid, rows in per_person.items()], now)
    sent_to = {notice.recipient.id for notice in fresh}
    db.session.execute(
        update(Notification)
        .where(Notification.id.in_([r.id for r in waiting if r.recipient_id in sent_to]))
        .values(digested_at=now).execution_options(synchronize_session=False)
    )  # fmt: skip
    db.session.commit()
    return len(fresh)


def _digest(person: User, rows: list[Notification], week: str) -> Notice:
    locale = person.locale or "en"
    lines = [(row.subject, row.link, format_in_timezone(row.created_at, person.timezone, locale))
             for row in rows[:MOST_LINES]]  # fmt: skip
    return Notice(
        kind=KIND, object_id=person.id, recipient=person, occasion=week, program=None,
        category=None, template="notifications/digest",
        subject=_l("Your weekly digest: %(count)d notifications", count=len(rows)),
        link=email_link("notifications.edit_preferences"),
        context={"name": person.name, "lines": lines, "more": max(0, len(rows) - MOST_LINES)},
    )  # fmt: skip
