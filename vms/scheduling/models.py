"""Meetings (a team's, or one occurrence of the monthly mentor meeting), invitees, agendas, feeds.

A meeting keeps one UID forever; its SEQUENCE rises whenever its time, place or
status changes, so calendar programs replace the old entry instead of adding one.
"""

from __future__ import annotations

import enum
import secrets
import uuid
from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.cohorts.models import Venture
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.states import IllegalTransition


def new_uid() -> str:
    return f"{uuid.uuid4()}@vms"


def new_rsvp_key() -> str:
    return secrets.token_urlsafe(16)


class MeetingKind(enum.Enum):
    TEAM = "team"
    #: One occurrence of the program's monthly mentor meeting.
    MENTOR_MEETING = "mentor_meeting"
    #: One date of a peer circle (vms/peer/circles): its members and facilitator are invited.
    PEER_CIRCLE = "peer_circle"


class MeetingStatus(enum.Enum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return str({MeetingStatus.SCHEDULED: _l("Scheduled"),
                    MeetingStatus.CANCELLED: _l("Cancelled")}[self])  # fmt: skip


class Response(enum.Enum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"

    @property
    def label(self) -> str:
        return str({Response.YES: _l("Yes"), Response.NO: _l("No"),
                    Response.MAYBE: _l("Maybe")}[self])  # fmt: skip

    @property
    def partstat(self) -> str:
        """The iCalendar participation status for this answer."""
        return {"yes": "ACCEPTED", "no": "DECLINED", "maybe": "TENTATIVE"}[self.value]


class MeetingSeries(db.Model):
    """A recurring meeting in local time, e.g. the first Tuesday of every month at 18:00."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    #: 1–4, or -1 for the last such weekday of the month.
    ordinal: Mapped[int] = mapped_column(Integer)
    #: ISO weekday, 1 = Monday.
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(String(200), default="")
    uid: Mapped[str] = mapped_column(String(80), unique=True, default=new_uid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)


class Meeting(db.Model):
    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("series_id", "occurrence_date"),
        # The meetings list's order: a program's years of meetings are never sorted whole.
        Index("ix_meetings_program_id_starts_at", "program_id", "starts_at", "id"),
        # The next monthly mentor meetings (every home, the series page): a dozen a year among
        # a program's thousands of team meetings, found without reading the team meetings.
        Index("ix_meetings_program_id_kind_starts_at", "program_id", "kind", "starts_at", "id"),
        # Summaries overdue (the coordinator's home, the reminders): only meetings still
        # without one, found by when they ended, not a month of every meeting read to see.
        Index(
            "ix_meetings_program_id_ends_at_unsummarised",
            "program_id",
            "ends_at",
            postgresql_where=text("summary_at IS NULL"),
            sqlite_where=text("summary_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[MeetingKind] = mapped_column(enum_type(MeetingKind))
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), index=True
    )
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="CASCADE"), index=True
    )
    #: The date the series' rule gave this occurrence; it stays when the meeting is moved,
    #: so the occurrence is never created twice.
    occurrence_date: Mapped[date | None] = mapped_column(Date)
    #: Never changes: calendar programs recognise the meeting by it.
    uid: Mapped[str] = mapped_column(String(80), unique=True, default=new_uid)
    #: Rises with every change of time, place or status.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The IANA zone the organiser scheduled in (the program's by default).
    timezone: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(String(200), default="")
    video_url: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MeetingStatus] = mapped_column(
        enum_type(MeetingStatus), default=MeetingStatus.SCHEDULED
    )
    organizer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    summary_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When the day-before reminder went out (the scheduler sends it once).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When the founders were reminded that the agenda is due (once).
    agenda_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: When the founders and the lead were told the summary is overdue (once).
    summary_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    organizer: Mapped[User | None] = relationship()
    #: In the order they were invited (without an order, PostgreSQL reads them in whatever
    #: order its plan gives: by answer, since the answers' index).
    invitees: Mapped[list[Invitee]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Invitee.id"
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    actions: Mapped[list[ActionItem]] = relationship(
        cascade="all, delete-orphan", order_by="ActionItem.id"
    )
    #: Ventures presenting (monthly mentor meetings only).
    docket: Mapped[list[DocketEntry]] = relationship(
        cascade="all, delete-orphan", order_by="DocketEntry.id"
    )

    def change(
        self, starts_at: datetime, ends_at: datetime, location: str, video_url: str,
        notes: str | None = None,
    ) -> bool:  # fmt: skip
        """Move, re-place or re-describe the meeting; True (and a higher SEQUENCE) if anything
        changed: calendars only replace an entry whose SEQUENCE rose."""
        if self.status is MeetingStatus.CANCELLED:
            raise IllegalTransition(self.status, MeetingStatus.SCHEDULED)
        notes = self.notes if notes is None else notes
        new = (starts_at, ends_at, location, video_url, notes)
        if new == (self.starts_at, self.ends_at, self.location, self.video_url, self.notes):
            return False
        self.starts_at, self.ends_at, self.location, self.video_url, self.notes = new
        self.sequence += 1
        return True

    def cancel(self) -> None:
        if self.status is MeetingStatus.CANCELLED:
            raise IllegalTransition(self.status, MeetingStatus.CANCELLED)
        self.status = MeetingStatus.CANCELLED
        self.sequence += 1


class Invitee(db.Model):
    """A person invited to a meeting: their answer and, afterwards, whether they came."""

    __tablename__ = "meeting_invitees"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id"),
        # The answers of a page of meetings are counted from the index alone (the monthly
        # meeting invites every mentor: 25 dates are ~40,000 rows).
        Index("ix_meeting_invitees_meeting_id_response", "meeting_id", "response", "attended"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    response: Mapped[Response | None] = mapped_column(enum_type(Response))
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: None until the organiser records attendance.
    attended: Mapped[bool | None] = mapped_column()
    #: This invitation's own random secret, signed into its RSVP link: the link dies with the
    #: row, never answering for whoever is later given the same id (SQLite reuses ids).
    rsvp_key: Mapped[str] = mapped_column(String(32), unique=True, default=new_rsvp_key)

    meeting: Mapped[Meeting] = relationship(back_populates="invitees")
    user: Mapped[User] = relationship()


class AgendaItem(db.Model):
    """One item of the entrepreneur's agenda."""

    __tablename__ = "agenda_items"
    #: One item per place: two saves at once replace each other whole, never interleave.
    __table_args__ = (UniqueConstraint("meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str] = mapped_column(String(120), default="")
    minutes: Mapped[int | None] = mapped_column(Integer)


class ActionItem(db.Model):
    """A follow-up agreed at the meeting, with its owner and due date."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(120), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(default=False)


class DocketEntry(db.Model):
    """A venture presenting at one occurrence of the monthly mentor meeting."""

    __tablename__ = "docket_entries"
    __table_args__ = (UniqueConstraint("meeting_id", "venture_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))

    venture: Mapped[Venture] = relationship()


class CalendarFeed(db.Model):
    """A person's private calendar feed, found by the hash of the token in its URL.

    Like every other token, the address itself is not stored: the token is derived
    from ``key`` and the app's SECRET_KEY (feeds.py), so the settings page can show it
    again while the database alone opens no feed.
    """

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    #: sha256 hex of the token in the address: how a request finds its feed.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The random secret the token is derived from; None for an address made before tokens
    #: were hashed, which keeps working but cannot be shown again.
    key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    def renew(self, key: str, token_hash: str, now: datetime) -> None:
        """A new address: the old one stops working at once."""
        self.key, self.token_hash, self.created_at = key, token_hash, now
