"""Mentor teams: one per venture, drafted by the builder, edited and published by a coordinator."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.cohorts.models import Venture
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.states import IllegalTransition


class TeamStatus(enum.Enum):
    #: Proposed or being edited; only coordinators see it.
    DRAFT = "draft"
    #: Introduced to the mentors and founders.
    PUBLISHED = "published"
    #: Its work is done (a coordinator ended it): it no longer counts in a mentor's load.
    ENDED = "ended"

    @property
    def label(self) -> str:
        return str({TeamStatus.DRAFT: _l("Draft"), TeamStatus.PUBLISHED: _l("Published"),
                    TeamStatus.ENDED: _l("Ended")}[self])  # fmt: skip


class Team(db.Model):
    """A venture's mentor team (3–5 mentors, one of them the lead)."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    #: One team per venture: a team changes as the venture grows, it is not replaced.
    venture_id: Mapped[int] = mapped_column(
        ForeignKey("ventures.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[TeamStatus] = mapped_column(
        enum_type(TeamStatus), default=TeamStatus.DRAFT, server_default="draft"
    )
    #: Why the builder could not propose a team: {"code": ..., "params": {...}, "text": ...}.
    unassigned: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    venture: Mapped[Venture] = relationship()
    members: Mapped[list[TeamMember]] = relationship(
        back_populates="team", cascade="all, delete-orphan", order_by="TeamMember.id"
    )

    @property
    def lead(self) -> TeamMember | None:
        return next((m for m in self.members if m.is_lead), None)

    def publish(self, actor: User, now: datetime) -> None:
        if self.status is TeamStatus.PUBLISHED:
            raise IllegalTransition(self.status, TeamStatus.PUBLISHED)
        self.status = TeamStatus.PUBLISHED
        self.published_at, self.published_by_id = now, actor.id

    def end(self, actor: User, now: datetime) -> None:
        """Only a published team ends (a draft is deleted or published, never ended)."""
        if self.status is not TeamStatus.PUBLISHED:
            raise IllegalTransition(self.status, TeamStatus.ENDED)
        self.status = TeamStatus.ENDED
        self.ended_at, self.ended_by_id = now, actor.id


class TeamMember(db.Model):
    __tablename__ = "team_members"
    __table_args__ = (UniqueConstraint("team_id", "mentor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    is_lead: Mapped[bool] = mapped_column(default=False)
    #: Kept by every re-run of the builder.
    locked: Mapped[bool] = mapped_column(default=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    team: Mapped[Team] = relationship(back_populates="members")
    mentor: Mapped[User] = relationship()


class Volunteer(db.Model):
    """A mentor who offered at the monthly meeting to join a venture's team (a soft preference)."""

    __tablename__ = "team_volunteers"
    __table_args__ = (UniqueConstraint("venture_id", "mentor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    venture_id: Mapped[int] = mapped_column(
        ForeignKey("ventures.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)


class TeamRulesVersion(db.Model):
    """A program's version of what the team rules read (teams, their members, the mentors'
    profiles and memberships, recusals, the ventures' meeting days, and who may join a team:
    the principles signed, the preparation done): a new random token with every commit that
    changed any of it (``vms.cohorts.teams.needs_repair``), so that each worker may keep the
    program's teams that need a repair, and the team page's suggestions, until the token
    changes. Random, not counted, so that a program deleted and made again under the same id
    never matches a token a worker kept."""

    __tablename__ = "team_rules_versions"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(32))
