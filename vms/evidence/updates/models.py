"""A venture's monthly update: progress, challenges and asks, one per venture per calendar
month in the program's timezone; the mentors read them in the monthly meeting's packet."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.cohorts.models import Venture
from vms.database import UTCDateTime, now_utc
from vms.extensions import db

#: Each part is kept short: a packet holds a dozen ventures and is read in one sitting.
PART_MAX = 1000


class VentureUpdate(db.Model):
    __tablename__ = "venture_updates"
    # The data means "one a month": a second identical click finds this and edits instead.
    __table_args__ = (UniqueConstraint("venture_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    venture_id: Mapped[int] = mapped_column(ForeignKey("ventures.id", ondelete="CASCADE"))
    #: The first day of the calendar month, in the program's timezone.
    month: Mapped[date] = mapped_column(Date, index=True)
    progress: Mapped[str] = mapped_column(String(PART_MAX))
    challenges: Mapped[str] = mapped_column(String(PART_MAX))
    asks: Mapped[str] = mapped_column(String(PART_MAX))
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    venture: Mapped[Venture] = relationship()
    written_by: Mapped[User | None] = relationship(foreign_keys=[written_by_id])

    def editable_in(self, current_month: date) -> bool:
        """Editable until its month ends (in the program's timezone)."""
        return self.month == current_month

    def rewrite(self, parts: tuple[str, str, str], by_id: int, now: datetime) -> None:
        self.progress, self.challenges, self.asks = parts
        self.changed_by_id, self.changed_at = by_id, now
