"""Personal calendar feeds: every meeting a person is invited to, from three months back on.

Feeds are METHOD:PUBLISH without attendee addresses. The body depends only on the
meetings (DTSTAMP is the newest meeting's creation time, not the request time),
so its hash is a stable ETag and calendar programs that poll get 304 Not Modified.

The token in a feed's address is an HMAC of a random per-feed key with the SECRET_KEY,
and the database keeps the key and the token's hash: requests are found by the hash,
the settings page derives the address again, and a copy of the database opens no feed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, select

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.calendars import entries, feed_ics, ics
from vms.scheduling.meetings.services import calendar_event
from vms.scheduling.models import AgendaItem, CalendarFeed, Invitee, Meeting, MeetingStatus
from vms.tokens import token_hash

#: How far back a feed reaches.
LOOK_BACK = timedelta(days=91)
#: How often calendar programs are asked to poll.
REFRESH = timedelta(hours=1)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedBody:
    ics: bytes
    etag: str


def existing(user: User) -> CalendarFeed | None:
    return db.session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def feed_of(user: User) -> CalendarFeed:
    """The person's feed, created on first use."""
    feed = existing(user)
    if feed is None:
        key, hashed = _new_key()
        feed = CalendarFeed(user_id=user.id, key=key, token_hash=hashed)
        db.session.add(feed)
        db.session.flush()
    return feed


def regenerate(user: User) -> CalendarFeed:
    """A new address (or the first one); an old one answers 404 from now on."""
    feed = existing(user)
    if feed is None:
        return feed_of(user)
    feed.renew(*_new_key(), now_utc())
    db.session.flush()
    return feed


def token_of(feed: CalendarFeed) -> str | None:
    """The token of the feed's address, or None when it cannot be shown: made before tokens
    were hashed, or the SECRET_KEY changed since (the address itself still works)."""
    if feed.key is None:
        return None
    token = _token_from(feed.key)
    return token if token_hash(token) == feed.token_hash else None


def user_for_token(token: str) -> User | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        select(User).join(CalendarFeed).where(CalendarFeed.token_hash == token_hash(token))
    )


def _new_key() -> tuple[str, str]:
    """A fresh feed key and the hash of the token derived from it."""
    key = secrets.token_urlsafe(32)
    return key, token_hash(_token_from(key))


def _token_from(key: str) -> str:
    secret = current_app.config["SECRET_KEY"]
    secret = secret if isinstance(secret, bytes) else secret.encode("utf-8")
    digest = hmac.digest(secret, b"vms-calendar-feed:" + key.encode("ascii"), "sha256")
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def body(user: User, now: datetime | None = None) -> FeedBody:
    """The feed's calendar and its ETag, in one query whatever the number of meetings. Each
    entry's description says how its agenda stands and links to the meeting's page."""
    since = (now or now_utc()) - LOOK_BACK
    agenda_items = (
        select(func.count(AgendaItem.id))
        .where(AgendaItem.meeting_id == Meeting.id)
        .correlate(Meeting)
        .scalar_subquery()
    )
    rows = (
        db.session.execute(
            select(Meeting, Program.name, Program.slug, Program.default_locale,
                   Program.agenda_due_days, agenda_items)
            .join(Invitee, Invitee.meeting_id == Meeting.id)
            .join(Program, Program.id == Meeting.program_id)
            .where(Invitee.user_id == user.id, Meeting.starts_at >= since)
            .order_by(Meeting.starts_at, Meeting.id)
        )
        .tuples()
        .all()
    )  # fmt: skip
    stamp = max((row[0].created_at for row in rows), default=_EPOCH)
    raw = feed_ics.publish(_entries(user, rows), stamp, f"VMS · {user.name}", REFRESH)
    return FeedBody(raw, hashlib.sha256(raw).hexdigest()[:32])


def _entries(user: User, rows) -> list[tuple[ics.CalendarEvent, bool]]:
    """(entry, cancelled) for each row, described in the reader's language: the person's own,
    or each program's (one switch of language for each)."""
    links = entries.meeting_links([(row[0].id, row[2]) for row in rows])
    events: dict[int, tuple[ics.CalendarEvent, bool]] = {}
    for locale in {user.locale or row[3] for row in rows}:
        with force_locale(locale):
            wording = entries.Wording()
            for meeting, program, _slug, program_locale, due_days, items in rows:
                if (user.locale or program_locale) != locale:
                    continue
                facts = entries.EntryFacts(items, due_days, links[meeting.id])
                # Feeds carry no addresses: the organizer is only named (in the summary).
                event = calendar_event(meeting, ics.Person("", program), facts=facts,
                                       wording=wording)  # fmt: skip
                events[meeting.id] = (event, meeting.status is MeetingStatus.CANCELLED)
    return [events[row[0].id] for row in rows]
