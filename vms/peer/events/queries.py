"""What the event pages read: events scoped to the program and to who may see them, the run
sheet and each person's schedule. A constant number of statements, however many people."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from vms.auth.models import Membership, Role, User
from vms.extensions import db
from vms.peer.events import seating
from vms.peer.events.timetable import RoundTime, Timetable
from vms.peer.models import PeerEvent, PeerEventSession, PeerParticipant, PeerRole, PeerSeat


def event_in_program(program, event_id: int) -> PeerEvent | None:
    return db.session.scalar(
        select(PeerEvent)
        .where(PeerEvent.id == event_id, PeerEvent.program_id == program.id)
        .options(
            selectinload(PeerEvent.sessions),
            joinedload(PeerEvent.cohort),
            selectinload(PeerEvent.participants).joinedload(PeerParticipant.user),
        )  # fmt: skip
    )


def visible_event(program, event_id: int, user: User, roles) -> PeerEvent | None:
    """The event, for its coordinators and the people taking part; None for anyone else."""
    event = event_in_program(program, event_id)
    if event is None or Role.COORDINATOR in roles:
        return event
    return event if seating.participant_of(event, user.id) else None


def events_for(program, user: User, roles) -> list[PeerEvent]:
    """Every event of the program for a coordinator; the events they take part in otherwise."""
    query = (
        select(PeerEvent)
        .where(PeerEvent.program_id == program.id)
        .options(selectinload(PeerEvent.sessions), joinedload(PeerEvent.cohort))
        .order_by(PeerEvent.created_at.desc(), PeerEvent.id.desc())
    )
    if Role.COORDINATOR not in roles:
        query = query.join(PeerParticipant, PeerParticipant.event_id == PeerEvent.id).where(
            PeerParticipant.user_id == user.id
        )
    return list(db.session.scalars(query).unique())


def addable_people(event: PeerEvent) -> list[tuple[User, PeerRole]]:
    """The program's entrepreneurs and peer mentors not yet in the event, by name."""
    taking_part = {p.user_id for p in event.participants}
    rows = db.session.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.program_id == event.program_id,
               Membership.role.in_([Role.ENTREPRENEUR, Role.PEER_MENTOR]))
        .order_by(User.name, User.id)
    ).all()  # fmt: skip
    role = {Role.ENTREPRENEUR: PeerRole.MEMBER, Role.PEER_MENTOR: PeerRole.PEER_MENTOR}
    seen: set[int] = set()
    people = []
    for user, held in rows:
        if user.id not in taking_part and user.id not in seen:
            seen.add(user.id)
            people.append((user, role[held]))
    return people


@dataclass
class Sitting:
    table: int
    mentor: User
    members: list[User] = field(default_factory=list)


@dataclass
class RoundSheet:
    number: int
    time: RoundTime
    sittings: list[Sitting] = field(default_factory=list)
    #: Members present and seated nowhere in this round.
    sitting_out: list[User] = field(default_factory=list)


@dataclass
class RunSheet:
    timetable: Timetable
    rounds: list[RoundSheet]
    #: table -> [(round, sitting)], table by table
    tables: list[tuple[int, list[tuple[RoundSheet, Sitting]]]]


def _seats(event: PeerEvent) -> list[PeerSeat]:
    return list(
        db.session.scalars(
            select(PeerSeat)
            .where(PeerSeat.event_id == event.id)
            .options(joinedload(PeerSeat.mentor), joinedload(PeerSeat.member))
            .order_by(PeerSeat.round, PeerSeat.table, PeerSeat.member_id)
        )
    )


def run_sheet(event: PeerEvent) -> RunSheet:
    """Every round, each table's peer mentor and members; and the same table by table."""
    seats = _seats(event)
    count = max([s.round for s in seats] + [event.rounds_started])
    table = seating.event_timetable(event, count)
    rounds = [RoundSheet(n, table.round(n)) for n in range(1, count + 1)]
    seated: dict[int, set[int]] = {}
    for seat in seats:
        sheet = rounds[seat.round - 1]
        if not sheet.sittings or sheet.sittings[-1].table != seat.table:
            sheet.sittings.append(Sitting(seat.table, seat.mentor))
        sheet.sittings[-1].members.append(seat.member)
        seated.setdefault(seat.round, set()).add(seat.member_id)
    present = [p.user for p in event.participants if p.role is PeerRole.MEMBER and not p.absent]
    for sheet in rounds:
        if sheet.number > event.rounds_started:
            sheet.sitting_out = [u for u in present if u.id not in seated.get(sheet.number, ())]
    by_table: dict[int, list[tuple[RoundSheet, Sitting]]] = {}
    for sheet in rounds:
        for sitting in sheet.sittings:
            by_table.setdefault(sitting.table, []).append((sheet, sitting))
    return RunSheet(table, rounds, sorted(by_table.items()))


@dataclass
class ScheduleRow:
    number: int
    time: RoundTime
    #: None: this person sits this round out.
    table: int | None = None
    #: The peer mentor met (None on a peer mentor's own schedule).
    mentor: User | None = None
    #: The members at the table (a member's own schedule lists the others of the pod).
    members: list[User] = field(default_factory=list)


def schedule_of(
    event: PeerEvent, participant: PeerParticipant, sheet: RunSheet | None = None
) -> list[ScheduleRow]:
    """Where one person is in each round, and with whom (from ``sheet`` when given)."""
    sheet = sheet or run_sheet(event)
    rows = []
    for round_ in sheet.rounds:
        row = ScheduleRow(round_.number, round_.time)
        for sitting in round_.sittings:
            ids = [u.id for u in sitting.members]
            if (
                participant.role is PeerRole.PEER_MENTOR
                and sitting.mentor.id == participant.user_id
            ):
                row.table, row.members = sitting.table, sitting.members
            elif participant.role is PeerRole.MEMBER and participant.user_id in ids:
                row.table, row.mentor = sitting.table, sitting.mentor
                row.members = [u for u in sitting.members if u.id != participant.user_id]
        rows.append(row)
    return rows


def first_session(event: PeerEvent) -> PeerEventSession | None:
    return event.sessions[0] if event.sessions else None
