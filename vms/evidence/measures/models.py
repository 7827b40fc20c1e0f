"""A program's choices for its measures (a row only once a coordinator changes one)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from vms.evidence.measures.ventures import MEANINGFUL_MEETINGS
from vms.extensions import db


class MeasureSettings(db.Model):
    __tablename__ = "measure_settings"

    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True
    )
    #: A team with at least this many meetings held is a meaningful connection.
    meaningful_meetings: Mapped[int] = mapped_column(Integer, default=MEANINGFUL_MEETINGS)
