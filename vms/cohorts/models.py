"""Programs, their cohorts and the people in them, invitations, ventures and mentor profiles."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import Role, User
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.states import IllegalTransition


class Program(db.Model):
    """A mentoring organisation; programs never see each other's data."""

    __tablename__ = "programs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    #: Used in URLs: /p/<slug>/...
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    default_locale: Mapped[str] = mapped_column(String(8), default="en")
    #: How complete (in %) a venture's profile must be before it can go on a docket.
    docket_min_completeness: Mapped[int] = mapped_column(Integer, default=80, server_default="80")
    #: Days before a team meeting the entrepreneur's agenda is due.
    agenda_due_days: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    #: Hours after a team meeting its summary is due.
    summary_due_hours: Mapped[int] = mapped_column(Integer, default=24, server_default="24")
    #: Days a venture's private link (emailed to its founders) works before it must be renewed.
    venture_link_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    cohorts: Mapped[list[Cohort]] = relationship(
        back_populates="program", order_by="Cohort.starts_on.desc()"
    )


class Cohort(db.Model):
    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("program_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    program: Mapped[Program] = relationship(back_populates="cohorts")
    members: Mapped[list[CohortMember]] = relationship(
        back_populates="cohort", cascade="all, delete-orphan"
    )


class CohortMember(db.Model):
    __tablename__ = "cohort_members"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    cohort: Mapped[Cohort] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class InvitationStatus(enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"
    #: Never stored: a pending invitation past its expiry reads as expired.
    EXPIRED = "expired"


class InvitationError(Exception):
    """An illegal move on an invitation; the message says why."""


class Invitation(db.Model):
    """A single-use, expiring link that gives its holder a role in a program (and cohort)."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    #: None for a program-wide invitation (the first coordinator, appointed by an admin).
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[InvitationStatus] = mapped_column(
        enum_type(InvitationStatus), default=InvitationStatus.PENDING
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_count: Mapped[int] = mapped_column(Integer, default=1)
    last_sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The inviter's own words, plain text (shown escaped in the email and on the accept page).
    message: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    program: Mapped[Program] = relationship()
    cohort: Mapped[Cohort | None] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])

    def state(self, now: datetime) -> InvitationStatus:
        if self.status is InvitationStatus.PENDING and now >= self.expires_at:
            return InvitationStatus.EXPIRED
        return self.status

    def accept(self, user: User, now: datetime) -> None:
        state = self.state(now)
        if state is not InvitationStatus.PENDING:
            raise InvitationError(f"the invitation is {state.value}")
        self.status = InvitationStatus.ACCEPTED
        self.accepted_at = now
        self.accepted_by = user

    def revoke(self, now: datetime) -> None:
        if self.status is not InvitationStatus.PENDING:
            raise InvitationError(f"the invitation is {self.status.value}")
        self.status = InvitationStatus.REVOKED

    def renew(self, token_hash: str, expires_at: datetime, now: datetime) -> None:
        """Resend: a fresh link (the old one stops working) and a fresh expiry."""
        if self.status is not InvitationStatus.PENDING:
            raise InvitationError(f"the invitation is {self.status.value}")
        self.token_hash = token_hash
        self.expires_at = expires_at
        self.sent_count += 1
        self.last_sent_at = now


class VentureStatus(enum.Enum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    #: On the docket of a monthly mentor meeting, where mentors volunteer.
    DOCKETED = "docketed"
    TEAMED = "teamed"
    ACTIVE = "active"
    GRADUATED = "graduated"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(VENTURE_STATUS_LABELS[self])


VENTURE_STATUS_LABELS = {
    VentureStatus.SUBMITTED: _l("Submitted"),
    VentureStatus.ACCEPTED: _l("Accepted"),
    VentureStatus.DECLINED: _l("Declined"),
    VentureStatus.DOCKETED: _l("On the docket"),
    VentureStatus.TEAMED: _l("Teamed"),
    VentureStatus.ACTIVE: _l("Active"),
    VentureStatus.GRADUATED: _l("Graduated"),
    VentureStatus.WITHDRAWN: _l("Withdrawn"),
}

_V = VentureStatus
#: The venture pipeline's legal moves; graduated, withdrawn and declined are final.
VENTURE_MOVES: dict[VentureStatus, frozenset[VentureStatus]] = {
    _V.SUBMITTED: frozenset({_V.ACCEPTED, _V.DECLINED, _V.WITHDRAWN}),
    _V.ACCEPTED: frozenset({_V.DOCKETED, _V.WITHDRAWN}),
    _V.DOCKETED: frozenset({_V.TEAMED, _V.ACCEPTED, _V.WITHDRAWN}),
    _V.TEAMED: frozenset({_V.ACTIVE, _V.WITHDRAWN}),
    _V.ACTIVE: frozenset({_V.GRADUATED, _V.WITHDRAWN}),
    _V.GRADUATED: frozenset(),
    _V.WITHDRAWN: frozenset(),
    _V.DECLINED: frozenset(),
}


class VentureStage(enum.Enum):
    IDEA = "idea"
    PRE_REVENUE = "pre_revenue"
    REVENUE = "revenue"
    GROWTH = "growth"

    @property
    def label(self) -> str:
        return str(STAGE_LABELS[self])


STAGE_LABELS = {
    VentureStage.IDEA: _l("Idea"),
    VentureStage.PRE_REVENUE: _l("Pre-revenue"),
    VentureStage.REVENUE: _l("Revenue"),
    VentureStage.GROWTH: _l("Growth"),
}


class Affiliation(enum.Enum):
    STUDENT = "student"
    FACULTY = "faculty"
    STAFF = "staff"
    ALUMNI = "alumni"
    COMMUNITY = "community"

    @property
    def label(self) -> str:
        return str(AFFILIATION_LABELS[self])


AFFILIATION_LABELS = {
    Affiliation.STUDENT: _l("Student"),
    Affiliation.FACULTY: _l("Faculty"),
    Affiliation.STAFF: _l("Staff"),
    Affiliation.ALUMNI: _l("Alumni"),
    Affiliation.COMMUNITY: _l("Community"),
}


class Venture(db.Model):
    """A venture in a program: its intake (screening) and, later, its team."""

    __tablename__ = "ventures"
    __table_args__ = (
        UniqueConstraint("program_id", "name"),
        # The venture pipeline's order (newest first), read from the index page by page.
        Index("ix_ventures_program_id_created_at", "program_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    #: Taxonomy areas the venture wants help with, e.g. ["fundraising", "sales"].
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    status: Mapped[VentureStatus] = mapped_column(
        enum_type(VentureStatus), default=VentureStatus.ACCEPTED, server_default="accepted",
        index=True,
    )  # fmt: skip
    stage: Mapped[VentureStage | None] = mapped_column(enum_type(VentureStage))
    sector_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL")
    )
    website: Mapped[str] = mapped_column(String(300), default="", server_default="")
    #: "What do you want from mentoring in the next six months?"
    goal_statement: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: ISO weekday (1 = Monday) the team meets; None while undecided.
    meeting_weekday: Mapped[int | None] = mapped_column(Integer)
    #: SHA-256 of the founders' private link to their profile.
    access_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: When that link stops working (None: the venture has no link).
    access_token_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    founders: Mapped[list[VentureFounder]] = relationship(
        back_populates="venture", cascade="all, delete-orphan", order_by="VentureFounder.id"
    )
    events: Mapped[list[VentureEvent]] = relationship(
        back_populates="venture", cascade="all, delete-orphan", order_by="VentureEvent.at"
    )
    assessment: Mapped[list[VentureNeed]] = relationship(cascade="all, delete-orphan")
    sector: Mapped[TaxonomyTerm | None] = relationship()  # noqa: F821 (defined by screening)

    def can_move_to(self, target: VentureStatus) -> bool:
        return target in VENTURE_MOVES[self.status]

    def issue_link(self, token_hash: str, expires_at: datetime) -> None:
        """A fresh private link for the founders; the previous one stops working."""
        self.access_token_hash = token_hash
        self.access_token_expires_at = expires_at

    def link_is_live(self, now: datetime) -> bool:
        return self.access_token_expires_at is not None and now < self.access_token_expires_at

    def move_to(
        self, target: VentureStatus, actor: User | None, note: str = "", now: datetime | None = None
    ) -> VentureEvent:
        """Make a legal move and record who, when and why; raise on an illegal one."""
        if not self.can_move_to(target):
            raise IllegalTransition(self.status, target)
        event = VentureEvent(from_status=self.status, to_status=target, actor=actor, note=note,
                             at=now or now_utc())  # fmt: skip
        self.events.append(event)
        self.status = target
        return event


class VentureEvent(db.Model):
    """One move in a venture's pipeline."""

    __tablename__ = "venture_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    venture_id: Mapped[int] = mapped_column(
        ForeignKey("ventures.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[VentureStatus | None] = mapped_column(enum_type(VentureStatus))
    to_status: Mapped[VentureStatus] = mapped_column(enum_type(VentureStatus))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    venture: Mapped[Venture] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class VentureNeed(db.Model):
    """One area of the self-assessment: strength today (1–5), and whether help is wanted."""

    __tablename__ = "venture_needs"
    __table_args__ = (UniqueConstraint("venture_id", "term_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venture_id: Mapped[int] = mapped_column(
        ForeignKey("ventures.id", ondelete="CASCADE"), index=True
    )
    term_id: Mapped[int] = mapped_column(ForeignKey("taxonomy_terms.id", ondelete="CASCADE"))
    strength: Mapped[int] = mapped_column(Integer)
    wants_help: Mapped[bool] = mapped_column(default=False)

    term: Mapped[TaxonomyTerm] = relationship()  # noqa: F821 (defined by screening)


class VentureFounder(db.Model):
    """A founder as the application named them; linked to an account once they have one."""

    __tablename__ = "venture_founders"
    __table_args__ = (UniqueConstraint("venture_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venture_id: Mapped[int] = mapped_column(
        ForeignKey("ventures.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    affiliation: Mapped[Affiliation | None] = mapped_column(enum_type(Affiliation))

    venture: Mapped[Venture] = relationship(back_populates="founders")
    user: Mapped[User | None] = relationship()

    @property
    def contact_email(self) -> str:
        """Where to write: the account's address (kept current by its owner), else the row's."""
        return self.user.email if self.user is not None else self.email


class MentorProfile(db.Model):
    """What a mentor brings to a program: background and expertise."""

    __tablename__ = "mentor_profiles"
    __table_args__ = (UniqueConstraint("program_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    industry: Mapped[str] = mapped_column(String(80))
    function: Mapped[str] = mapped_column(String(80))
    expertise: Mapped[list[str]] = mapped_column(JSON, default=list)
    years_experience: Mapped[int] = mapped_column(Integer, default=0)
    #: The coordinator's judgement: this mentor can lead a team.
    lead_eligible: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: How many ventures the mentor will mentor at once (from the application).
    capacity: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    #: Days a month the mentor pledged.
    days_per_month: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    #: ISO weekdays 1 (Monday) … 7 the mentor can meet; empty means any day.
    weekdays: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")

    user: Mapped[User] = relationship()
