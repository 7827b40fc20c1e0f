"""The scheduler's sweep for circles: each circle keeps its next dates (daily, like the
mentor meeting's series); a date is created once, so running it again sends nothing twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.extensions import db
from vms.peer.circles import dates
from vms.peer.circles.models import PeerCircle


def keep_circles_ahead(now: datetime | None = None) -> int:
    """Create every circle's missing coming dates and send their invitations; how many."""
    circles = db.session.scalars(select(PeerCircle).options(selectinload(PeerCircle.members))).all()
    created = sum(dates.keep_ahead(circle, now) for circle in circles)
    db.session.commit()
    return created
