"""The core of peer mentoring: a speed-dating event, its sessions, its people and its seats.

Rankings and pairs (``choices/models.py``), the event clock (``live/models.py``) and
circles (``circles/models.py``) hang off these tables.

Rounds are numbered 1, 2, … across the whole event; a session (an evening) holds the next
``rounds`` of them. ``rounds_started`` says how many rounds have begun: those are history and
never change, while the rounds after them may be rebuilt when someone is marked absent or added.
"""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.cohorts.models import Cohort, Program
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.states import IllegalTransition


class EventStatus(enum.Enum):
    #: Created; the rotation can be rebuilt freely.
    PLANNED = "planned"
    #: The coordinator has started the first round.
    RUNNING = "running"
    #: Every round is over; members rank their choices until the deadline.
    HELD = "held"
    #: The pairs are published.
    PAIRED = "paired"

    @property
    def label(self) -> str:
        return str(EVENT_STATUS_LABELS[self])


EVENT_STATUS_LABELS = {
    EventStatus.PLANNED: _l("Planned"),
    EventStatus.RUNNING: _l("Running"),
    EventStatus.HELD: _l("Held"),
    EventStatus.PAIRED: _l("Paired"),
}

_S = EventStatus
EVENT_MOVES: dict[EventStatus, frozenset[EventStatus]] = {
    _S.PLANNED: frozenset({_S.RUNNING}),
    _S.RUNNING: frozenset({_S.HELD}),
    _S.HELD: frozenset({_S.PAIRED}),
    _S.PAIRED: frozenset(),
}


class PeerRole(enum.Enum):
    MEMBER = "member"
    PEER_MENTOR = "peer_mentor"

    @property
    def label(self) -> str:
        return str({PeerRole.MEMBER: _l("Member"),
                    PeerRole.PEER_MENTOR: _l("Peer mentor")}[self])  # fmt: skip


class PeerEvent(db.Model):
    """A speed-dating event: every member of a cohort meets every peer mentor once."""

    __tablename__ = "peer_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    #: The IANA zone the event is planned in (the program's by default).
    timezone: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(String(200), default="")
    #: Minutes each conversation lasts (15–20 is the custom).
    conversation_minutes: Mapped[int] = mapped_column(Integer, default=15)
    #: Minutes between two rounds for people to change tables.
    change_minutes: Mapped[int] = mapped_column(Integer, default=2)
    #: None: one table per peer mentor.
    tables: Mapped[int | None] = mapped_column(Integer)
    #: How many members sit with a peer mentor at once (fixed pods when above 1).
    group_size: Mapped[int] = mapped_column(Integer, default=1)
    #: How many peer mentors each member ranks (1st, 2nd, 3rd…).
    choices: Mapped[int] = mapped_column(Integer, default=3)
    #: Members each peer mentor takes on, unless their participant row says otherwise.
    mentor_capacity: Mapped[int] = mapped_column(Integer, default=1)
    #: Peer mentors may rank members too (their rankings break ties).
    mentors_rank: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: Rankings may change until then (UTC); None until the coordinator sets it.
    ranking_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[EventStatus] = mapped_column(enum_type(EventStatus), default=EventStatus.PLANNED)
    #: Rounds 1..rounds_started have begun: they are history and never rebuilt.
    rounds_started: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Rises each time the seats are rebuilt: the SEQUENCE of every conversation's calendar
    #: entry, so that calendars replace what they hold.
    schedule_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Random, in every conversation's calendar UID: a row id alone could be reused.
    calendar_key: Mapped[str] = mapped_column(String(32), default=lambda: secrets.token_hex(8))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    program: Mapped[Program] = relationship()
    cohort: Mapped[Cohort] = relationship()
    sessions: Mapped[list[PeerEventSession]] = relationship(
        back_populates="event", order_by="PeerEventSession.position",
        cascade="all, delete-orphan",
    )  # fmt: skip
    participants: Mapped[list[PeerParticipant]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    def move_to(self, target: EventStatus) -> None:
        if target not in EVENT_MOVES[self.status]:
            raise IllegalTransition(self.status, target)
        self.status = target


class PeerEventSession(db.Model):
    """One sitting of an event (an evening); a long event is split over several."""

    __tablename__ = "peer_event_sessions"
    __table_args__ = (UniqueConstraint("event_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("peer_events.id", ondelete="CASCADE"), index=True
    )
    #: 1, 2, … in the order they take place.
    position: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: How many rounds this session holds; None on the last session: the rounds left.
    rounds: Mapped[int | None] = mapped_column(Integer)
    #: A break after every this many rounds (0: none).
    break_every: Mapped[int] = mapped_column(Integer, default=0)
    break_minutes: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[PeerEvent] = relationship(back_populates="sessions")


class PeerParticipant(db.Model):
    """A member or a peer mentor taking part in an event."""

    __tablename__ = "peer_participants"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("peer_events.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[PeerRole] = mapped_column(enum_type(PeerRole))
    #: Marked absent by the coordinator: rounds not yet started are rebuilt without them.
    absent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: Peer mentors only: members they take on, when not the event's ``mentor_capacity``.
    capacity: Mapped[int | None] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    event: Mapped[PeerEvent] = relationship(back_populates="participants")
    user: Mapped[User] = relationship()


class PeerSeat(db.Model):
    """Where one member sits in one round: a table, with a peer mentor (and their pod)."""

    __tablename__ = "peer_seats"
    __table_args__ = (
        # Nobody is in two places in a round; a member meets each peer mentor once.
        UniqueConstraint("event_id", "round", "member_id"),
        UniqueConstraint("event_id", "member_id", "mentor_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("peer_events.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(Integer)
    table: Mapped[int] = mapped_column(Integer)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    member: Mapped[User] = relationship(foreign_keys=[member_id])
