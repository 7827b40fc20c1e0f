"""A speed-dating event with its people, for the peer wing's web tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from vms.auth.models import Role, User
from vms.cohorts.models import Cohort, Program
from vms.extensions import db
from vms.peer.models import PeerEvent, PeerEventSession, PeerParticipant, PeerRole


@dataclass
class EventWorld:
    program: Program
    cohort: Cohort
    coordinator: User
    event: PeerEvent
    members: list[User] = field(default_factory=list)
    mentors: list[User] = field(default_factory=list)


@pytest.fixture
def make_peer_event(app, make_program, make_cohort, make_member):
    """``make_peer_event(members=4, mentors=3, **event_fields)``: an event in a fresh program,
    its members (entrepreneurs of the cohort) and peer mentors taking part, one session at
    18:00 UTC on 2027-03-02, nothing seated yet. Pass ``program=`` to reuse a program."""

    made = [0]

    def make(members: int = 4, mentors: int = 3, program: Program | None = None, **fields):
        made[0] += 1
        program = program or make_program(f"Peer Program {made[0]}")
        # Cohort names are unique per program: a second event in one program gets its own.
        cohort = make_cohort(program, "Peer cohort" if made[0] == 1 else f"Peer cohort {made[0]}")
        coordinator = make_member(program, Role.COORDINATOR, cohort)
        people = [make_member(program, Role.ENTREPRENEUR, cohort) for _ in range(members)]
        peers = [make_member(program, Role.PEER_MENTOR, cohort) for _ in range(mentors)]
        event = PeerEvent(
            program=program, cohort=cohort, title=fields.pop("title", "Speed dating"),
            timezone=program.timezone, created_by_id=coordinator.id, **fields,
        )  # fmt: skip
        event.sessions.append(
            PeerEventSession(position=1, starts_at=datetime(2027, 3, 2, 18, tzinfo=UTC))
        )
        for person in people:
            event.participants.append(PeerParticipant(user=person, role=PeerRole.MEMBER))
        for person in peers:
            event.participants.append(PeerParticipant(user=person, role=PeerRole.PEER_MENTOR))
        db.session.add(event)
        db.session.commit()
        return EventWorld(program, cohort, coordinator, event, people, peers)

    return make
