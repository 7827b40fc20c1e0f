"""Survey invitations and their answers: the fit check after a first meeting, and the exit
survey when a team, pair or agreement ends.

One row per survey, subject and person: the invitation is the row a response rate counts
(invited, reminded, answered), and the answer is written on it, so a second identical POST
changes the same row instead of adding one.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l

#: Reminders sent to whoever has not answered, this many days after the invitation (at most
#: two, so a survey never becomes a nuisance).
REMINDER_DAYS = (3, 10)


class SurveyKind(enum.Enum):
    #: "Is this a good fit?", after the first meeting.
    FIT = "fit"
    #: When the team, pair or agreement ends.
    EXIT = "exit"

    @property
    def label(self) -> str:
        return str({SurveyKind.FIT: _l("Fit check"), SurveyKind.EXIT: _l("Exit survey")}[self])


class SubjectKind(enum.Enum):
    TEAM = "team"
    PAIR = "pair"

    @property
    def label(self) -> str:
        return str({SubjectKind.TEAM: _l("Team"), SubjectKind.PAIR: _l("Peer pair")}[self])


class Side(enum.Enum):
    #: A venture's founder, or a peer pair's member: they are mentored.
    FOUNDER = "founder"
    #: A team's mentor, or a pair's peer mentor.
    MENTOR = "mentor"

    @property
    def label(self) -> str:
        return str({Side.FOUNDER: _l("Founder or member"), Side.MENTOR: _l("Mentor")}[self])


class Fit(enum.Enum):
    YES = "yes"
    TOO_EARLY = "too_early"
    NO = "no"

    @property
    def label(self) -> str:
        return str({Fit.YES: _l("Yes, a good fit"), Fit.TOO_EARLY: _l("Too early to tell"),
                    Fit.NO: _l("No, not a good fit")}[self])  # fmt: skip


class GoalReached(enum.Enum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"

    @property
    def label(self) -> str:
        return str({GoalReached.YES: _l("Yes"), GoalReached.PARTLY: _l("Partly"),
                    GoalReached.NO: _l("No")}[self])  # fmt: skip


class SurveyInvitation(db.Model):
    """One person asked one survey about one team or pair; their answer, once given."""

    __tablename__ = "survey_invitations"
    __table_args__ = (UniqueConstraint("kind", "subject_kind", "subject_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SurveyKind] = mapped_column(enum_type(SurveyKind))
    subject_kind: Mapped[SubjectKind] = mapped_column(enum_type(SubjectKind))
    #: The team's or the peer pair's id (which, ``subject_kind`` says).
    subject_id: Mapped[int] = mapped_column(Integer)
    #: The venture mentored (a team's; a pair member's own, if they founded one): the needs
    #: asked again at the end, and the stage the comparison reads.
    venture_id: Mapped[int | None] = mapped_column(
        ForeignKey("ventures.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    side: Mapped[Side] = mapped_column(enum_type(Side))
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    #: 0, 1 or 2 (``REMINDER_DAYS``).
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: First answered (a changed answer keeps it; ``changed_at`` moves).
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fit: Mapped[Fit | None] = mapped_column(enum_type(Fit))
    #: 1–5 stars (exit survey).
    rating: Mapped[int | None] = mapped_column(Integer)
    words: Mapped[str] = mapped_column(Text, default="", server_default="")
    goal_reached: Mapped[GoalReached | None] = mapped_column(enum_type(GoalReached))
    program_better: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Asked of founders and members only.
    mentors_better: Mapped[str] = mapped_column(Text, default="", server_default="")

    user: Mapped[User] = relationship()
    needs_after: Mapped[list[SurveyNeed]] = relationship(
        cascade="all, delete-orphan", order_by="SurveyNeed.id"
    )

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    def record_answer(self, now: datetime) -> None:
        self.answered_at = self.answered_at or now
        self.changed_at = now


class SurveyNeed(db.Model):
    """One area of the needs self-assessment, taken again in the exit survey (1–5)."""

    __tablename__ = "survey_needs"
    __table_args__ = (UniqueConstraint("invitation_id", "term_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("survey_invitations.id", ondelete="CASCADE"), index=True
    )
    term_id: Mapped[int] = mapped_column(ForeignKey("taxonomy_terms.id", ondelete="CASCADE"))
    strength: Mapped[int] = mapped_column(Integer)
