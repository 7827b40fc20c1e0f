"""The clock of a speed-dating event in event mode: one row per event, kept on the server.

Two screens agree because both read this row: the phase, when it ends (UTC) and, while
paused, how much of it is left. The row is written only by the coordinator's moves; a
conversation whose time is up is read as the change after it (``phases.settle``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.peer.live.phases import Phase


class PeerEventClock(db.Model):
    __tablename__ = "peer_event_clocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: One clock per event.
    event_id: Mapped[int] = mapped_column(
        ForeignKey("peer_events.id", ondelete="CASCADE"), unique=True
    )
    #: The round on (0 before the first).
    round: Mapped[int] = mapped_column(Integer, default=0)
    phase: Mapped[Phase] = mapped_column(enum_type(Phase), default=Phase.NOT_STARTED)
    #: When the phase ends (UTC); None while paused or untimed.
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Seconds left of the phase while paused; None while it runs.
    remaining_seconds: Mapped[int | None] = mapped_column(Integer)
    #: Rises with every move: a form shows the version it was drawn at, so a second click
    #: (or a click on a page another screen has overtaken) is refused instead of applied twice.
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
