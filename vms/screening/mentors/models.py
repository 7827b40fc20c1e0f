"""Mentor applications with their pipeline and its history; interviews, the rubric, scorecards."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.screening.settings.models import RetirableEntry, TaxonomyTerm
from vms.states import IllegalTransition


class MentorStatus(enum.Enum):
    SUBMITTED = "submitted"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    INTERVIEWED = "interviewed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(MENTOR_STATUS_LABELS[self])


MENTOR_STATUS_LABELS = {
    MentorStatus.SUBMITTED: _l("Submitted"),
    MentorStatus.INTERVIEW_SCHEDULED: _l("Interview scheduled"),
    MentorStatus.INTERVIEWED: _l("Interviewed"),
    MentorStatus.ACCEPTED: _l("Accepted"),
    MentorStatus.DECLINED: _l("Declined"),
    MentorStatus.WAITLISTED: _l("Waitlisted"),
    MentorStatus.WITHDRAWN: _l("Withdrawn"),
}

_S = MentorStatus
#: The legal moves. Acceptance needs an interview; decisions are final.
MENTOR_MOVES: dict[MentorStatus, frozenset[MentorStatus]] = {
    _S.SUBMITTED: frozenset({_S.INTERVIEW_SCHEDULED, _S.DECLINED, _S.WAITLISTED, _S.WITHDRAWN}),
    _S.INTERVIEW_SCHEDULED: frozenset({_S.INTERVIEWED, _S.DECLINED, _S.WAITLISTED, _S.WITHDRAWN}),
    _S.INTERVIEWED: frozenset({_S.ACCEPTED, _S.DECLINED, _S.WAITLISTED, _S.WITHDRAWN}),
    _S.WAITLISTED: frozenset({_S.INTERVIEW_SCHEDULED, _S.ACCEPTED, _S.DECLINED, _S.WITHDRAWN}),
    _S.ACCEPTED: frozenset(),
    _S.DECLINED: frozenset(),
    _S.WITHDRAWN: frozenset(),
}

mentor_application_expertise = Table(
    "mentor_application_expertise",
    db.metadata,
    Column(
        "application_id",
        ForeignKey("mentor_applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("term_id", ForeignKey("taxonomy_terms.id", ondelete="CASCADE"), primary_key=True),
)


class MentorApplication(db.Model):
    """A volunteer's application to mentor in one program; one per address per program."""

    __tablename__ = "mentor_applications"
    __table_args__ = (
        UniqueConstraint("program_id", "email"),
        # The pipeline's order: a page is read from the index, whatever the program's years.
        Index("ix_mentor_applications_program_id_submitted_at", "program_id", "submitted_at",
              "id"),
        # The homes' and stages' counts by status. A worker's connection soon runs them as
        # prepared statements, and PostgreSQL's one plan for all values then read every
        # application of the program by its id index to filter the status (2 ms a count).
        Index("ix_mentor_applications_program_id_status", "program_id", "status"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    #: The language the applicant used, for the emails they receive.
    locale: Mapped[str] = mapped_column(String(8), default="en")
    industry_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL")
    )
    function_id: Mapped[int | None] = mapped_column(
        ForeignKey("taxonomy_terms.id", ondelete="SET NULL")
    )
    years_experience: Mapped[int] = mapped_column(Integer)
    bio: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(300), default="")
    #: Days a month the mentor pledges (the program expects one or two).
    days_per_month: Mapped[int] = mapped_column(Integer)
    max_ventures: Mapped[int] = mapped_column(Integer)
    #: ISO weekday numbers 1 (Monday) … 7 (Sunday) the mentor can usually meet.
    weekdays: Mapped[list[int]] = mapped_column(JSON, default=list)
    heard_from: Mapped[str] = mapped_column(String(200), default="")
    motivation: Mapped[str] = mapped_column(Text)
    status: Mapped[MentorStatus] = mapped_column(
        enum_type(MentorStatus), default=MentorStatus.SUBMITTED, index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    #: SHA-256 of the applicant's private link (to withdraw without an account).
    access_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The account, once the applicant has one in the program.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    industry: Mapped[TaxonomyTerm | None] = relationship(foreign_keys=[industry_id])
    function: Mapped[TaxonomyTerm | None] = relationship(foreign_keys=[function_id])
    expertise: Mapped[list[TaxonomyTerm]] = relationship(
        secondary=mentor_application_expertise, order_by="TaxonomyTerm.position"
    )
    events: Mapped[list[MentorApplicationEvent]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="MentorApplicationEvent.at",
    )
    user: Mapped[User | None] = relationship()
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Interview.starts_at"
    )

    def can_move_to(self, target: MentorStatus) -> bool:
        return target in MENTOR_MOVES[self.status]

    def move_to(
        self, target: MentorStatus, actor: User | None, note: str = "", now: datetime | None = None
    ) -> MentorApplicationEvent:
        """Make a legal move and record who made it, when and why; raise on an illegal one."""
        if not self.can_move_to(target):
            raise IllegalTransition(self.status, target)
        event = MentorApplicationEvent(
            from_status=self.status, to_status=target, actor=actor, note=note, at=now or now_utc()
        )
        self.events.append(event)
        self.status = target
        return event


class MentorApplicationEvent(db.Model):
    """One move in an application's pipeline: the history coordinators audit."""

    __tablename__ = "mentor_application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_applications.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[MentorStatus | None] = mapped_column(enum_type(MentorStatus))
    to_status: Mapped[MentorStatus] = mapped_column(enum_type(MentorStatus))
    #: None when the applicant acted (a withdrawal from the emailed link).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    application: Mapped[MentorApplication] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


interview_interviewers = Table(
    "interview_interviewers",
    db.metadata,
    Column("interview_id", ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    # A person's interviews (those they must score): the key starts with the interview.
    Index("ix_interview_interviewers_user_id", "user_id"),
)


class Interview(db.Model):
    """A screening interview; its calendar UID never changes, its SEQUENCE counts changes."""

    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_applications.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    location: Mapped[str] = mapped_column(String(200), default="")
    video_url: Mapped[str] = mapped_column(String(300), default="")
    #: The calendar UID, kept forever so updates replace the same entry.
    uid: Mapped[str] = mapped_column(String(120), unique=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    application: Mapped[MentorApplication] = relationship(back_populates="interviews")
    interviewers: Mapped[list[User]] = relationship(
        secondary=interview_interviewers, order_by="User.name"
    )
    scorecards: Mapped[list[Scorecard]] = relationship(cascade="all, delete-orphan")

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def change(
        self, starts_at: datetime, duration_minutes: int, location: str, video_url: str
    ) -> bool:
        """Apply new details; the SEQUENCE rises when time or place changed. True if it did."""
        new = (starts_at, duration_minutes, location, video_url)
        old = (self.starts_at, self.duration_minutes, self.location, self.video_url)
        if new == old:
            return False
        self.starts_at, self.duration_minutes, self.location, self.video_url = new
        self.sequence += 1
        return True


class RubricCriterion(RetirableEntry, db.Model):
    """One thing interviewers score 1–5 (e.g. coachability); each program keeps its own."""

    __tablename__ = "rubric_criteria"
    __table_args__ = (UniqueConstraint("program_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Scorecard(db.Model):
    """One interviewer's scores for one interview, final once submitted."""

    __tablename__ = "scorecards"
    __table_args__ = (UniqueConstraint("interview_id", "interviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    interviewer: Mapped[User] = relationship()
    scores: Mapped[list[CriterionScore]] = relationship(
        back_populates="scorecard", cascade="all, delete-orphan"
    )


class CriterionScore(db.Model):
    __tablename__ = "criterion_scores"
    __table_args__ = (UniqueConstraint("scorecard_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), index=True
    )
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criteria.id", ondelete="CASCADE"))
    value: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    scorecard: Mapped[Scorecard] = relationship(back_populates="scores")
    criterion: Mapped[RubricCriterion] = relationship()
