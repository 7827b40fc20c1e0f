"""A day-one goal: one sentence, in the founders' (or the peer member's) own words, for one
team or one peer pair; the exit survey asks at the end whether it was reached."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.database import UTCDateTime, now_utc
from vms.extensions import db

#: One sentence: room for a clear one, none for an essay.
GOAL_MAX = 280


class Goal(db.Model):
    __tablename__ = "goals"
    __table_args__ = (
        # Exactly one subject: a team or a peer pair, never both, never none.
        CheckConstraint("(team_id IS NULL) <> (peer_pair_id IS NULL)", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    #: Unique: a team has one goal (a second founder edits it rather than adding one).
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), unique=True
    )
    peer_pair_id: Mapped[int | None] = mapped_column(
        ForeignKey("peer_pairs.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str] = mapped_column(String(GOAL_MAX))
    stated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    stated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    #: Who changed it last, and when (None until someone edits the first statement).
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    stated_by: Mapped[User | None] = relationship(foreign_keys=[stated_by_id])
    changed_by: Mapped[User | None] = relationship(foreign_keys=[changed_by_id])

    def restate(self, text: str, by_id: int, now: datetime) -> bool:
        """Change the words; False when they are the same (nothing is recorded)."""
        if text == self.text:
            return False
        self.text, self.changed_by_id, self.changed_at = text, by_id, now
        return True
