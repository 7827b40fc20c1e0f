"""The home page's piece of peer circles: each circle the person belongs to or facilitates,
its next meeting and the person's last commitment. Three statements at most, whatever the
number of circles, members, dates or commitments (one when the person is in no circle)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.peer.circles.models import CircleMeeting, CircleMember, CircleRecord, PeerCircle
from vms.scheduling.models import Meeting, MeetingStatus


@dataclass(frozen=True)
class HomeCircle:
    circle: PeerCircle
    facilitating: bool
    next_meeting: Meeting | None
    #: The person's latest commitment in this circle (None for a facilitator, or none yet).
    last_commitment: CircleRecord | None


def home_for(program: Program, user: User, now: datetime | None = None) -> dict:
    """``{"peer_circles": [HomeCircle, ...]}`` by circle name, for ``peer/circles/_home.html``."""
    circles = db.session.scalars(
        select(PeerCircle)
        .where(PeerCircle.program_id == program.id,
               or_(PeerCircle.facilitator_id == user.id,
                   PeerCircle.id.in_(select(CircleMember.circle_id)
                                     .where(CircleMember.user_id == user.id))))
        .order_by(PeerCircle.name)
    ).all()  # fmt: skip
    if not circles:
        return {"peer_circles": []}
    ids = [c.id for c in circles]
    nexts = _next_meetings(ids, now or now_utc())
    commitments = _last_commitments(ids, user)
    return {"peer_circles": [
        HomeCircle(c, c.facilitator_id == user.id, nexts.get(c.id), commitments.get(c.id))
        for c in circles
    ]}  # fmt: skip


def _next_meetings(circle_ids: list[int], now: datetime) -> dict[int, Meeting]:
    rows = db.session.execute(
        select(CircleMeeting.circle_id, Meeting)
        .join(Meeting, Meeting.id == CircleMeeting.meeting_id)
        .where(CircleMeeting.circle_id.in_(circle_ids), Meeting.ends_at > now,
               Meeting.status == MeetingStatus.SCHEDULED)
        .order_by(Meeting.starts_at)
    ).tuples()  # fmt: skip
    found: dict[int, Meeting] = {}
    for circle_id, meeting in rows:
        found.setdefault(circle_id, meeting)
    return found


def _last_commitments(circle_ids: list[int], user: User) -> dict[int, CircleRecord]:
    rows = db.session.execute(
        select(CircleMeeting.circle_id, CircleRecord)
        .join(CircleMeeting, CircleMeeting.id == CircleRecord.circle_meeting_id)
        .where(CircleMeeting.circle_id.in_(circle_ids), CircleRecord.user_id == user.id,
               CircleRecord.commitment != "")
        .order_by(CircleMeeting.occurrence_date.desc())
    ).tuples()  # fmt: skip
    found: dict[int, CircleRecord] = {}
    for circle_id, record in rows:
        found.setdefault(circle_id, record)
    return found
