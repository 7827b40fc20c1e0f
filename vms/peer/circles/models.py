"""Peer circles: a dozen entrepreneurs and a facilitator meeting monthly, rigid on protocol.

A circle keeps its own monthly rule (``ordinal``/``weekday``/``start_time`` in its
timezone, as a :class:`~vms.scheduling.models.MeetingSeries` does) and its dates are
ordinary meetings of kind ``PEER_CIRCLE``: each date has its UID, invitees, reminders and
place in everyone's calendar feed. ``CircleMeeting`` ties a date to its circle (one row
per date of the rule, so a date is never created twice); ``CircleRecord`` is what the
facilitator records for one member at one date: present or not, the commitment made,
and, at a later date, whether that commitment was kept.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.database import UTCDateTime, now_utc
from vms.extensions import db
from vms.scheduling.models import Meeting

#: "A circle of about eleven": twelve members at most, the facilitator not counted.
MAX_MEMBERS = 12
#: A commitment is one line.
COMMITMENT_LENGTH = 300


class PeerCircle(db.Model):
    __tablename__ = "peer_circles"
    #: One name per program: the second of two identical clicks finds the first's circle.
    __table_args__ = (UniqueConstraint("program_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    #: A peer mentor or a coordinator of the program; None once that account is deleted.
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: 1–4, or -1 for the last such weekday of the month (the monthly series' rule).
    ordinal: Mapped[int] = mapped_column(Integer)
    #: ISO weekday, 1 = Monday.
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    facilitator: Mapped[User | None] = relationship()
    members: Mapped[list[CircleMember]] = relationship(
        back_populates="circle", cascade="all, delete-orphan", order_by="CircleMember.id"
    )

    def member_ids(self) -> set[int]:
        return {m.user_id for m in self.members}


class CircleMember(db.Model):
    __tablename__ = "peer_circle_members"
    __table_args__ = (UniqueConstraint("circle_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(
        ForeignKey("peer_circles.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    circle: Mapped[PeerCircle] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class CircleMeeting(db.Model):
    """One date of a circle: its meeting row, and the day the rule gave it."""

    __tablename__ = "peer_circle_meetings"
    #: The rule's date stays when the meeting is moved, so the date is never created twice.
    __table_args__ = (UniqueConstraint("circle_id", "occurrence_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(
        ForeignKey("peer_circles.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    occurrence_date: Mapped[date] = mapped_column(Date)

    meeting: Mapped[Meeting] = relationship()
    records: Mapped[list[CircleRecord]] = relationship(
        back_populates="circle_meeting", cascade="all, delete-orphan"
    )


class CircleRecord(db.Model):
    """What the facilitator recorded for one member at one date."""

    __tablename__ = "peer_circle_records"
    __table_args__ = (UniqueConstraint("circle_meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_meeting_id: Mapped[int] = mapped_column(
        ForeignKey("peer_circle_meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: None until attendance is recorded.
    present: Mapped[bool | None] = mapped_column()
    #: The one commitment the member made at this date ("" if none).
    commitment: Mapped[str] = mapped_column(String(COMMITMENT_LENGTH), default="")
    #: Whether the commitment was kept, marked at a later date; None until then.
    done: Mapped[bool | None] = mapped_column()
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    circle_meeting: Mapped[CircleMeeting] = relationship(back_populates="records")
