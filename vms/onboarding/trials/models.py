"""A built-in trial: a coordinator compares onboarding treatments by randomising new ventures
(or new mentors) among two or more arms at intake. Draft -> running -> stopped; the arms are
fixed once it runs, and every assignment is kept for ever (unique per trial and subject)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.states import IllegalTransition

NAME_MAX, QUESTION_MAX, ARM_NAME_MAX, MESSAGE_MAX = 120, 300, 80, 4000


class Audience(enum.Enum):
    VENTURES = "ventures"
    MENTORS = "mentors"

    @property
    def label(self) -> str:
        return str({Audience.VENTURES: _l("New ventures"),
                    Audience.MENTORS: _l("New mentors")}[self])  # fmt: skip


class Treatment(enum.Enum):
    #: The program's welcome page is shown.
    WELCOME = "welcome"
    #: The coordinator's message, written in the arm, is emailed at intake.
    MESSAGE = "message"
    NOTHING = "nothing"

    @property
    def label(self) -> str:
        return str({Treatment.WELCOME: _l("The welcome page"),
                    Treatment.MESSAGE: _l("A personal message"),
                    Treatment.NOTHING: _l("Nothing")}[self])  # fmt: skip


class TrialStatus(enum.Enum):
    DRAFT = "draft"
    RUNNING = "running"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return str({TrialStatus.DRAFT: _l("Draft"), TrialStatus.RUNNING: _l("Running"),
                    TrialStatus.STOPPED: _l("Stopped")}[self])  # fmt: skip


#: The legal moves: a stopped trial is never started again (its assignments stay its own).
MOVES = {TrialStatus.DRAFT: {TrialStatus.RUNNING}, TrialStatus.RUNNING: {TrialStatus.STOPPED},
         TrialStatus.STOPPED: set()}  # fmt: skip
MIN_ARMS = 2


class TrialRefused(Exception):
    """A change the trial's rules do not allow; ``str()`` is the reason, for the person."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


_RUNNING = "status = 'running'"


class Trial(db.Model):
    __tablename__ = "trials"
    __table_args__ = (
        # At most one running trial per program and audience: two starts at once, one wins.
        Index("uq_trials_one_running", "program_id", "audience", unique=True,
              postgresql_where=text(_RUNNING), sqlite_where=text(_RUNNING)),
        # Its id is in the pages' addresses: never reused for another trial.
        {"sqlite_autoincrement": True},
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    audience: Mapped[Audience] = mapped_column(enum_type(Audience))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    question: Mapped[str] = mapped_column(String(QUESTION_MAX))
    status: Mapped[TrialStatus] = mapped_column(enum_type(TrialStatus), default=TrialStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    arms: Mapped[list[TrialArm]] = relationship(
        cascade="all, delete-orphan", order_by="TrialArm.position", back_populates="trial"
    )

    @property
    def comparison(self) -> TrialArm | None:
        return next((arm for arm in self.arms if arm.is_comparison), None)

    def ensure_editable(self) -> None:
        if self.status is not TrialStatus.DRAFT:
            raise TrialRefused(
                _l(
                    "The trial has started: its arms can no longer change, so "
                    "that everyone assigned had the same choice of arms."
                )
            )

    def start(self, now: datetime) -> None:
        if len(self.arms) < MIN_ARMS:
            raise TrialRefused(_l("A trial needs at least two arms to compare."))
        self._move(TrialStatus.RUNNING)
        self.started_at = now

    def stop(self, now: datetime) -> None:
        self._move(TrialStatus.STOPPED)
        self.stopped_at = now

    def _move(self, target: TrialStatus) -> None:
        if target not in MOVES[self.status]:
            raise IllegalTransition(self.status, target)
        self.status = target


class TrialArm(db.Model):
    __tablename__ = "trial_arms"
    __table_args__ = (UniqueConstraint("trial_id", "position"),
                      UniqueConstraint("trial_id", "name"))  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trials.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(ARM_NAME_MAX))
    treatment: Mapped[Treatment] = mapped_column(enum_type(Treatment))
    #: The coordinator's words, emailed at intake (MESSAGE arms only; plain text).
    message: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The arm every other is compared with (one per trial: the form sees to it).
    is_comparison: Mapped[bool] = mapped_column(Boolean, default=False)

    trial: Mapped[Trial] = relationship(back_populates="arms")


class TrialAssignment(db.Model):
    """One subject's arm, drawn at intake and never changed."""

    __tablename__ = "trial_assignments"
    __table_args__ = (
        # Exactly one subject: a venture (a venture trial) or a mentor (a mentor trial).
        CheckConstraint("(venture_id IS NULL) <> (mentor_id IS NULL)", name="one_subject"),
        UniqueConstraint("trial_id", "venture_id"),
        UniqueConstraint("trial_id", "mentor_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trials.id", ondelete="CASCADE"), index=True)
    arm_id: Mapped[int] = mapped_column(ForeignKey("trial_arms.id", ondelete="CASCADE"), index=True)
    venture_id: Mapped[int | None] = mapped_column(
        ForeignKey("ventures.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    arm: Mapped[TrialArm] = relationship()
