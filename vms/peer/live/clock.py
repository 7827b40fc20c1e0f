"""Event mode's services: read the clock of an event, and the coordinator's moves on it.

The phase logic is pure (``phases``); this module loads what it needs (the event's
sessions, how many rounds its rotation has, the clock row, who sits where), settles the
stored state at the server's ``now`` and writes the result of a move. Every move locks the
event first, so two coordinators' clicks are applied one after the other, and carries the
clock version and phase its page showed: a second identical click finds them changed and is
refused instead of being applied twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from vms.auth.models import User
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.peer.live import phases
from vms.peer.live.models import PeerEventClock
from vms.peer.live.phases import ClockRefused, ClockState, Phase, Plan, Refusal
from vms.peer.models import EventStatus, PeerEvent, PeerParticipant, PeerRole, PeerSeat
from vms.row_locks import lock

#: What the page calls the phase it shows; "paused" is a phase to the eye, not to the clock.
PAUSED = "paused"

PHASE_LABELS = {
    Phase.NOT_STARTED.value: _l("Not started"),
    Phase.CONVERSATION.value: _l("Conversation"),
    Phase.CHANGE.value: _l("Change tables"),
    Phase.BREAK.value: _l("Break"),
    Phase.FINISHED.value: _l("Finished"),
    PAUSED: _l("Paused"),
}

REFUSALS = {
    Refusal.NO_ROUNDS: _l("This event has no rotation yet: plan its rounds first."),
    Refusal.NO_SUCH_ROUND: _l("That round is not in this event’s rotation."),
    Refusal.ALREADY_STARTED: _l("That round has already started."),
    Refusal.NOT_NEXT: _l("Rounds start in order: start the next round first."),
    Refusal.CONVERSATION_ON: _l("A conversation is still on: skip to the change first."),
    Refusal.SESSION_OVER: _l("That was the last round of the session: finish it first."),
    Refusal.NOT_RUNNING: _l("The clock is not running."),
    Refusal.NOT_PAUSED: _l("The clock is not paused."),
    Refusal.NOTHING_TO_SKIP: _l("Nothing to skip: the time is already up."),
    Refusal.NOT_STARTED: _l("The event has not started yet."),
    Refusal.FINISHED: _l("The clock is already finished."),
}

MOVES = ("start", "pause", "resume", "extend", "skip", "finish")


class ModeRefused(Exception):
    """A move the clock does not allow now; ``str()`` is the sentence to show."""


@dataclass(frozen=True)
class Seen:
    """What the page showed when the coordinator clicked."""

    version: int
    phase: str


@dataclass(frozen=True)
class SeatLine:
    """One person in one round: their table (None: they sit this round out) and partners."""

    name: str
    table: int | None
    partners: tuple[str, ...]


@dataclass(frozen=True)
class Live:
    """The clock as one screen shows it at ``now``."""

    now: datetime
    state: ClockState
    plan: Plan
    version: int
    #: The round whose seats ``lines`` show (None: no round to show).
    seated_round: int | None
    lines: list[SeatLine]

    @property
    def shown_phase(self) -> str:
        return PAUSED if self.state.paused else self.state.phase.value

    @property
    def seconds_left(self) -> int:
        return int(self.state.time_left(self.now).total_seconds() + 0.999)

    @property
    def event_over(self) -> bool:
        return phases.event_over(self.state, self.plan)


def rotation_rounds(event: PeerEvent) -> int:
    """How many rounds the event's rotation has (0 before it is built)."""
    found = db.session.scalar(select(func.max(PeerSeat.round)).where(PeerSeat.event_id == event.id))
    return found or 0


def event_plan(event: PeerEvent) -> Plan:
    sessions = [(s.rounds, s.break_every or 0, s.break_minutes or 0) for s in event.sessions]
    return phases.session_plan(rotation_rounds(event), event.conversation_minutes,
                               event.change_minutes, sessions)  # fmt: skip


def _clock_row(event: PeerEvent) -> PeerEventClock | None:
    return db.session.scalar(select(PeerEventClock).where(PeerEventClock.event_id == event.id))


def _state(clock: PeerEventClock | None) -> ClockState:
    if clock is None:
        return ClockState()
    remaining = clock.remaining_seconds
    return ClockState(clock.round, clock.phase, clock.ends_at,
                      None if remaining is None else timedelta(seconds=remaining))  # fmt: skip


def live(event: PeerEvent, now: datetime | None = None) -> Live:
    """The clock of ``event`` at ``now``, with who sits where in the round people need."""
    now = now or now_utc()
    plan, clock = event_plan(event), _clock_row(event)
    state = phases.settle(_state(clock), plan, now)
    if clock is None and event.status in (EventStatus.HELD, EventStatus.PAIRED):
        # Held without event mode (the demo, or a clock kept on paper): it is over all the same.
        state = ClockState(plan.rounds, Phase.FINISHED)
    seated = state.seated_round(plan.rounds)
    lines = seat_lines(event, seated) if seated else []
    return Live(now, state, plan, clock.version if clock else 0, seated, lines)


def seat_lines(event: PeerEvent, round_: int) -> list[SeatLine]:
    """One line per person present, by name: their table in ``round_`` and who is there."""
    seats = db.session.scalars(
        select(PeerSeat).where(PeerSeat.event_id == event.id, PeerSeat.round == round_)
        .options(joinedload(PeerSeat.mentor), joinedload(PeerSeat.member))
    ).all()  # fmt: skip
    tables: dict[int, tuple[User, list[User]]] = {}
    for seat in seats:
        tables.setdefault(seat.table, (seat.mentor, []))[1].append(seat.member)
    lines = []
    for table, (mentor, members) in tables.items():
        lines.append(SeatLine(mentor.name, table, tuple(m.name for m in members)))
        for member in members:
            others = [mentor.name] + [m.name for m in members if m.id != member.id]
            lines.append(SeatLine(member.name, table, tuple(others)))
    seated = {s.mentor_id for s in seats} | {s.member_id for s in seats}
    lines += [SeatLine(p.user.name, None, ()) for p in _present(event) if p.user_id not in seated]
    return sorted(lines, key=lambda line: (line.name.casefold(), line.table or 0))


def _present(event: PeerEvent) -> list[PeerParticipant]:
    return db.session.scalars(
        select(PeerParticipant)
        .where(PeerParticipant.event_id == event.id, PeerParticipant.absent.is_(False),
               PeerParticipant.role.in_((PeerRole.MEMBER, PeerRole.PEER_MENTOR)))
        .options(joinedload(PeerParticipant.user))
    ).all()  # fmt: skip


def move(event: PeerEvent, name: str, by: User, seen: Seen, round_: int | None = None,
         now: datetime | None = None) -> Live:  # fmt: skip
    """Apply the coordinator's move ``name`` (one of ``MOVES``) and return the new clock.

    Raises ``ModeRefused`` (nothing written) when the move is not legal now or the page
    that asked for it no longer shows the clock as it is.
    """
    lock(event)
    now = now or now_utc()
    before = live(event, now)
    if (before.version, before.shown_phase) != (seen.version, seen.phase):
        raise ModeRefused(str(_l("The clock has moved on since this page was shown: nothing "
                                 "was done. Here it is now.")))  # fmt: skip
    if event.status not in (EventStatus.PLANNED, EventStatus.RUNNING):
        raise ModeRefused(str(_l("This event is over: its clock no longer moves.")))
    try:
        after = _apply(name, before, round_, now)
    except ClockRefused as refused:
        raise ModeRefused(str(REFUSALS[refused.refusal])) from refused
    _save(event, after, by, now)
    _move_event(event, before.state, after, before.plan)
    db.session.flush()
    return live(event, now)


def _apply(name: str, before: Live, round_: int | None, now: datetime) -> ClockState:
    state, plan = before.state, before.plan
    if name == "start":
        return phases.start_round(state, plan, round_ if round_ is not None else -1, now)
    if name == "pause":
        return phases.pause(state, now)
    if name == "resume":
        return phases.resume(state, now)
    if name == "extend":
        return phases.extend(state, now)
    if name == "skip":
        return phases.skip(state, plan, now)
    if name == "finish":
        return phases.finish(state, plan)
    raise ValueError(f"no such move: {name}")


def _save(event: PeerEvent, state: ClockState, by: User, now: datetime) -> None:
    clock = _clock_row(event)
    if clock is None:
        clock = PeerEventClock(event_id=event.id, version=0)
        db.session.add(clock)
    remaining = state.remaining
    clock.round, clock.phase, clock.ends_at = state.round, state.phase, state.ends_at
    clock.remaining_seconds = None if remaining is None else round(remaining.total_seconds())
    clock.version = (clock.version or 0) + 1
    clock.updated_at, clock.updated_by_id = now, by.id


def _move_event(event: PeerEvent, before: ClockState, after: ClockState, plan: Plan) -> None:
    """Starting a round makes it history; the first starts the event, the last ends it."""
    if after.round > before.round:
        event.rounds_started = max(event.rounds_started, after.round)
        if event.status is EventStatus.PLANNED:
            event.move_to(EventStatus.RUNNING)
    if phases.event_over(after, plan) and event.status is EventStatus.RUNNING:
        event.move_to(EventStatus.HELD)
