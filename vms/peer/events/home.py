"""The speed-dating part of a person's home page: the events they take part in that are still
to come or running, each with where their own schedule is. Two statements, however many."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.peer.models import EventStatus, PeerEvent, PeerParticipant


def home_for(program: Program, user: User) -> dict:
    """``{"events": [(event, participant)]}``: coming and running events, soonest first."""
    rows = db.session.execute(
        select(PeerEvent, PeerParticipant)
        .join(PeerParticipant, PeerParticipant.event_id == PeerEvent.id)
        .where(PeerEvent.program_id == program.id, PeerParticipant.user_id == user.id,
               PeerEvent.status.in_([EventStatus.PLANNED, EventStatus.RUNNING]))
        .options(selectinload(PeerEvent.sessions))
        .order_by(PeerEvent.created_at, PeerEvent.id)
    ).all()  # fmt: skip
    events = sorted(((event, person) for event, person in rows), key=lambda row: _starts(row[0]))
    return {"events": events, "program": program}


def _starts(event: PeerEvent):
    return event.sessions[0].starts_at if event.sessions else event.created_at
