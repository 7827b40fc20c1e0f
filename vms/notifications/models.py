"""Notifications: one row per (kind, object, recipient, occasion), so a reminder is sent once
however many sweeps find it due; and each person's choice per category."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.notifications.categories import Category, Choice


class Delivery(enum.Enum):
    #: An email of its own went to the outbox.
    EMAIL = "email"
    #: Waits for the person's weekly digest.
    DIGEST = "digest"
    #: The person turned the category off: recorded, not sent.
    SKIPPED = "skipped"


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        # The uniqueness key: a second sweep's insert finds it and sends nothing.
        UniqueConstraint("kind", "object_id", "recipient_id", "occasion"),
        # The weekly digest: what waits for each person.
        Index("ix_notifications_delivery_digested_at", "delivery", "digested_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What it is about, e.g. "meeting.reminder" (the kind names the object's table).
    kind: Mapped[str] = mapped_column(String(48))
    object_id: Mapped[int] = mapped_column(Integer)
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    #: Which time it is, e.g. the meeting's start "2027-03-02T15:00Z": a moved meeting is a
    #: new occasion, a second sweep over the same one is not.
    occasion: Mapped[str] = mapped_column(String(64))
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    #: None: essential (the digest itself), always emailed.
    category: Mapped[Category | None] = mapped_column(enum_type(Category))
    delivery: Mapped[Delivery] = mapped_column(enum_type(Delivery))
    #: One line for the digest (the email's subject, in the person's language).
    subject: Mapped[str] = mapped_column(String(255))
    link: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    #: When a digested notification went out in a digest.
    digested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NotificationPreference(db.Model):
    """A person's choice for one category; no row: the category's default."""

    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    category: Mapped[Category] = mapped_column(enum_type(Category))
    choice: Mapped[Choice] = mapped_column(enum_type(Choice))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc, onupdate=now_utc)


#: A program's nudge delays before it sets its own.
NUDGE_DEFAULTS = {"rsvp_nudge_days": 5, "docket_days": 1, "principles_due_days": 30,
                  "scorecard_after_hours": 24, "quiet_lead_days": 30,
                  "quiet_coordinators_days": 45}  # fmt: skip


class NudgeSettings(db.Model):
    """A program's delays for its nudges; no row: the defaults (the columns' defaults)."""

    __tablename__ = "nudge_settings"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True
    )
    #: The monthly mentor meeting's RSVP nudge, this many days before, to mentors who have
    #: not answered.
    rsvp_nudge_days: Mapped[int] = mapped_column(Integer, default=NUDGE_DEFAULTS["rsvp_nudge_days"])
    #: The docket and who is coming, to the coordinators, this many days before.
    docket_days: Mapped[int] = mapped_column(Integer, default=NUDGE_DEFAULTS["docket_days"])
    #: Principles unsigned, or due for re-affirmation within this many days.
    principles_due_days: Mapped[int] = mapped_column(
        Integer, default=NUDGE_DEFAULTS["principles_due_days"]
    )
    #: An interviewer's scorecard still missing this many hours after the interview.
    scorecard_after_hours: Mapped[int] = mapped_column(
        Integer, default=NUDGE_DEFAULTS["scorecard_after_hours"]
    )
    #: A team with no meeting for this many days: told to its lead, then to coordinators.
    quiet_lead_days: Mapped[int] = mapped_column(Integer, default=NUDGE_DEFAULTS["quiet_lead_days"])
    quiet_coordinators_days: Mapped[int] = mapped_column(
        Integer, default=NUDGE_DEFAULTS["quiet_coordinators_days"]
    )
