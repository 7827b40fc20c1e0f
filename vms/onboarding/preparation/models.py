"""Mentor preparation: a program's orientation steps, each mentor's completions, and whether
the program requires them before a mentor joins a team."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.scheduling.models import MeetingKind
from vms.states import IllegalTransition


class StepWay(enum.Enum):
    """How a step is done."""

    #: Recorded present at a meeting of the step's kind (the monthly mentor meeting, a team
    #: meeting observed): the attendance on the meeting's record says so.
    EVENT = "event"
    #: The mentor says so with one button ("I have read the mentor handbook").
    CONFIRMED = "confirmed"
    #: The program's current guiding principles are signed (vms/screening/principles).
    PRINCIPLES = "principles"

    @property
    def label(self) -> str:
        return str({StepWay.EVENT: _l("At a dated event"),
                    StepWay.CONFIRMED: _l("Confirmed by the mentor"),
                    StepWay.PRINCIPLES: _l("Signing the guiding principles")}[self])  # fmt: skip


class StepStatus(enum.Enum):
    ACTIVE = "active"
    #: No longer counts; its completions are kept.
    RETIRED = "retired"


class CompletionHow(enum.Enum):
    ATTENDED = "attended"
    CONFIRMED = "confirmed"
    #: A coordinator marked it done.
    MARKED = "marked"

    @property
    def label(self) -> str:
        return str({CompletionHow.ATTENDED: _l("attended"),
                    CompletionHow.CONFIRMED: _l("confirmed by the mentor"),
                    CompletionHow.MARKED: _l("marked done by a coordinator")}[self])  # fmt: skip


class OrientationStep(db.Model):
    __tablename__ = "orientation_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    #: The steps' order, 1, 2, 3… among the program's steps (gaps are harmless).
    position: Mapped[int] = mapped_column(Integer)
    way: Mapped[StepWay] = mapped_column(enum_type(StepWay))
    #: For an event step: the kind of meeting whose attendance does it.
    meeting_kind: Mapped[MeetingKind | None] = mapped_column(enum_type(MeetingKind))
    status: Mapped[StepStatus] = mapped_column(enum_type(StepStatus), default=StepStatus.ACTIVE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    def retire(self) -> None:
        if self.status is StepStatus.RETIRED:
            raise IllegalTransition(self.status, StepStatus.RETIRED)
        self.status = StepStatus.RETIRED

    def restore(self) -> None:
        if self.status is StepStatus.ACTIVE:
            raise IllegalTransition(self.status, StepStatus.ACTIVE)
        self.status = StepStatus.ACTIVE


class StepCompletion(db.Model):
    """One mentor's completion of one step: when and how (once: a second click finds it)."""

    __tablename__ = "orientation_step_completions"
    __table_args__ = (UniqueConstraint("step_id", "mentor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(
        ForeignKey("orientation_steps.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    how: Mapped[CompletionHow] = mapped_column(enum_type(CompletionHow))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    #: The coordinator who marked it, for a completion marked by one.
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    step: Mapped[OrientationStep] = relationship()
    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])


class PreparationRule(db.Model):
    """Whether the program's mentors must complete their preparation before joining a team
    (no row: they need not)."""

    __tablename__ = "preparation_rules"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True
    )
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
