"""The seats of an event, from the pure rotation: built when the event is planned, rebuilt after.

Rounds 1..``rounds_started`` are history: their seats are never touched. The rounds after are
rebuilt from whoever is present now: the pairs that already met are skipped, the absent are
left out, and newcomers come last in the lists so that pods and tables stay where they were.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select

from vms.extensions import db
from vms.peer.events.timetable import SessionPlan, Timetable, timetable
from vms.peer.models import PeerEvent, PeerParticipant, PeerRole, PeerSeat
from vms.peer.rotation import Meeting, Round, build_rotation, fewest_rounds, pairs_met


def present_people(event: PeerEvent) -> tuple[list[int], list[int]]:
    """The user ids of the members and of the peer mentors present, in the order they joined."""
    people = sorted(event.participants, key=lambda p: (p.added_at, p.id or 0))
    members = [p.user_id for p in people if p.role is PeerRole.MEMBER and not p.absent]
    mentors = [p.user_id for p in people if p.role is PeerRole.PEER_MENTOR and not p.absent]
    return members, mentors


def held_rounds(event: PeerEvent) -> list[Round]:
    """The rounds that took place (1..rounds_started), rebuilt as meetings from their seats."""
    seats = db.session.scalars(
        select(PeerSeat)
        .where(PeerSeat.event_id == event.id, PeerSeat.round <= event.rounds_started)
        .order_by(PeerSeat.round, PeerSeat.table, PeerSeat.member_id)
    )
    rounds: dict[int, dict[tuple[int, int], list[int]]] = {}
    for seat in seats:
        rounds.setdefault(seat.round, {}).setdefault((seat.table, seat.mentor_id), []).append(
            seat.member_id
        )
    return [
        [Meeting(table, mentor, tuple(members)) for (table, mentor), members in tables.items()]
        for _round, tables in sorted(rounds.items())
    ]


def _rotation_input(event: PeerEvent) -> dict:
    members, mentors = present_people(event)
    skip = pairs_met(held_rounds(event), members, mentors) if event.rounds_started else set()
    # Someone marked absent can leave fewer members than a pod seats.
    group_size = max(1, min(event.group_size, len(members)))
    return {"members": members, "mentors": mentors, "tables": event.tables,
            "group_size": group_size, "skip": skip}  # fmt: skip


def rebuild_seats(event: PeerEvent) -> int:
    """Seat the rounds after ``rounds_started`` afresh; the number of rounds rebuilt."""
    people = _rotation_input(event)
    db.session.execute(
        delete(PeerSeat).where(
            PeerSeat.event_id == event.id, PeerSeat.round > event.rounds_started
        )  # fmt: skip
    )
    rounds = []
    if people["members"] and people["mentors"]:
        rounds = build_rotation(**people)
    for number, round_ in enumerate(rounds, start=event.rounds_started + 1):
        for meeting in round_:
            for member in meeting.members:
                db.session.add(PeerSeat(event_id=event.id, round=number, table=meeting.table,
                                        mentor_id=meeting.mentor, member_id=member))  # fmt: skip
    # Every conversation's calendar entry carries this SEQUENCE: a rebuild supersedes them.
    event.schedule_sequence = (event.schedule_sequence or 0) + 1
    db.session.flush()
    return len(rounds)


def rounds_left_bound(event: PeerEvent):
    """``fewest_rounds`` for the rounds still to seat (what ``rebuild_seats`` reaches)."""
    people = _rotation_input(event)
    if not (people["members"] and people["mentors"]):
        return None
    return fewest_rounds(**people)


def round_count(event: PeerEvent) -> int:
    """How many rounds the event has, those held included."""
    last = db.session.scalar(select(func.max(PeerSeat.round)).where(PeerSeat.event_id == event.id))
    return max(last or 0, event.rounds_started)


def event_timetable(event: PeerEvent, rounds: int | None = None) -> Timetable:
    plans = [
        SessionPlan(s.starts_at, s.rounds, s.break_every, s.break_minutes) for s in event.sessions
    ]
    count = round_count(event) if rounds is None else rounds
    return timetable(plans, event.conversation_minutes, event.change_minutes, count)


def participant_of(event: PeerEvent, user_id: int) -> PeerParticipant | None:
    return next((p for p in event.participants if p.user_id == user_id), None)
