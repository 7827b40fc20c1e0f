"""Rankings after a speed-dating event, "do not pair" marks, the pairs, and reminders sent.

A member ranks peer mentors (and, when the event's ``mentors_rank`` is on, a peer mentor ranks
members): one row per ranked person with its place, 1 the first choice. Not ranking someone is
the only "do not pair" the pairing knows; the marks are kept so the page shows them again and a
ranking cannot contradict them. A pair is proposed by the pairing or set by hand (then locked,
so a re-run keeps it), and frozen once published.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.peer.models import PeerEvent


class PeerRanking(db.Model):
    """One person ranked by another after an event: ``rank`` 1 is their first choice."""

    __tablename__ = "peer_rankings"
    __table_args__ = (
        UniqueConstraint("event_id", "ranker_id", "rank"),
        UniqueConstraint("event_id", "ranker_id", "ranked_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("peer_events.id", ondelete="CASCADE"), index=True
    )
    #: A member ranking peer mentors, or a peer mentor ranking members.
    ranker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    ranked_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    ranked: Mapped[User] = relationship(foreign_keys=[ranked_id])


class PeerAvoid(db.Model):
    """ "Please do not pair me with": never ranked, shown again on the ranking page."""

    __tablename__ = "peer_avoids"
    __table_args__ = (UniqueConstraint("event_id", "ranker_id", "avoided_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("peer_events.id", ondelete="CASCADE"), index=True
    )
    ranker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    avoided_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class PairPublished(Exception):
    """A published pair is what everyone was told: it does not change any more."""


class PeerPair(db.Model):
    """A member paired with a peer mentor: proposed, locked (kept by a re-run), published."""

    __tablename__ = "peer_pairs"
    __table_args__ = (UniqueConstraint("event_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("peer_events.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: The place the member gave this peer mentor (1: their first choice).
    rank: Mapped[int] = mapped_column(Integer)
    #: Kept as it is when the pairing is run again.
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[PeerEvent] = relationship()
    member: Mapped[User] = relationship(foreign_keys=[member_id])
    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])

    @property
    def published(self) -> bool:
        return self.published_at is not None

    def _unpublished(self) -> None:
        if self.published:
            raise PairPublished(f"pair {self.id} is published")

    def change_to(self, mentor_id: int, rank: int) -> None:
        """Pair the member with another peer mentor by hand: a choice the re-run keeps."""
        self._unpublished()
        self.mentor_id, self.rank, self.locked = mentor_id, rank, True

    def lock(self) -> None:
        self._unpublished()
        self.locked = True

    def unlock(self) -> None:
        self._unpublished()
        self.locked = False

    def publish(self, now: datetime) -> None:
        self._unpublished()
        self.published_at = now


class ReminderKind(enum.Enum):
    #: About two days before the deadline.
    DAYS_BEFORE = "days_before"
    #: A few hours before the deadline.
    HOURS_BEFORE = "hours_before"


class PeerRankingReminder(db.Model):
    """A reminder to rank, sent: at most one of each kind per person and event."""

    __tablename__ = "peer_ranking_reminders"
    __table_args__ = (UniqueConstraint("event_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("peer_events.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ReminderKind] = mapped_column(enum_type(ReminderKind))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
