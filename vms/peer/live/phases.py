"""The phases of a speed-dating event's clock and the coordinator's moves (pure).

A round is a conversation; after it people change tables (or take a break) and wait for the
coordinator to start the next round. The stored state is settled lazily: a conversation whose
time is up *is* the change that follows it, without anyone writing that down; a write settles
the state first, then applies its move. Nothing here reads a clock: ``now`` is always given.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

EXTENSION = timedelta(minutes=1)


class Phase(enum.Enum):
    NOT_STARTED = "not_started"
    CONVERSATION = "conversation"
    #: People move to their next table.
    CHANGE = "change"
    BREAK = "break"
    #: The event is over, or (before its last round) the session is.
    FINISHED = "finished"


class Refusal(enum.Enum):
    """Why a move is refused; the service turns each into a sentence."""

    NO_ROUNDS = "no_rounds"
    NO_SUCH_ROUND = "no_such_round"
    ALREADY_STARTED = "already_started"
    NOT_NEXT = "not_next"
    CONVERSATION_ON = "conversation_on"
    SESSION_OVER = "session_over"
    NOT_RUNNING = "not_running"
    NOT_PAUSED = "not_paused"
    NOTHING_TO_SKIP = "nothing_to_skip"
    NOT_STARTED = "not_started"
    FINISHED = "finished"


class ClockRefused(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal.value)
        self.refusal = refusal


@dataclass(frozen=True)
class Plan:
    """What the event's settings say about its rounds."""

    rounds: int
    conversation: timedelta
    change: timedelta
    break_length: timedelta
    #: Rounds followed by a break (never the last round of a session).
    breaks_after: frozenset[int] = frozenset()
    #: The last round of each session (the last round of the event among them).
    session_ends: frozenset[int] = frozenset()

    def pause_after(self, round_: int) -> Phase | None:
        """What follows the conversation of ``round_``: a change, a break, or nothing."""
        if round_ >= self.rounds or round_ in self.session_ends:
            return None
        return Phase.BREAK if round_ in self.breaks_after else Phase.CHANGE

    def length(self, phase: Phase) -> timedelta:
        return {Phase.CONVERSATION: self.conversation, Phase.CHANGE: self.change,
                Phase.BREAK: self.break_length}[phase]  # fmt: skip


def session_plan(
    rounds: int, conversation: int, change: int, sessions: list[tuple[int | None, int, int]]
) -> Plan:
    """A plan from minutes and sessions ``(rounds or None for the rest, break_every,
    break_minutes)`` in order; rounds 1..sessions[0] rounds are the first session, etc."""
    breaks, ends, first = set(), set(), 1
    for position, (held, every, break_minutes) in enumerate(sessions):
        last = rounds if held is None or position == len(sessions) - 1 else first - 1 + held
        last = min(last, rounds)
        if every > 0 and break_minutes > 0:
            breaks.update(range(first - 1 + every, last, every))
        ends.add(last)
        first = last + 1
    break_minutes = max((s[2] for s in sessions), default=0)
    return Plan(rounds, timedelta(minutes=conversation), timedelta(minutes=change),
                timedelta(minutes=break_minutes), frozenset(breaks), frozenset(ends))  # fmt: skip


@dataclass(frozen=True)
class ClockState:
    """Round 0 is before the first; ``remaining`` is set only while paused."""

    round: int = 0
    phase: Phase = Phase.NOT_STARTED
    ends_at: datetime | None = None
    remaining: timedelta | None = None

    @property
    def paused(self) -> bool:
        return self.remaining is not None

    @property
    def timed(self) -> bool:
        return self.phase in (Phase.CONVERSATION, Phase.CHANGE, Phase.BREAK)

    def time_left(self, now: datetime) -> timedelta:
        if self.paused:
            return self.remaining
        if not self.timed or self.ends_at is None:
            return timedelta(0)
        return max(self.ends_at - now, timedelta(0))

    def seated_round(self, rounds: int) -> int | None:
        """The round whose seats people need now: the current one while it is talked in,
        else the next one (None when there is none)."""
        shown = self.round if self.phase is Phase.CONVERSATION else self.round + 1
        return shown if 1 <= shown <= rounds else None


def settle(state: ClockState, plan: Plan, now: datetime) -> ClockState:
    """The state at ``now``: a finished conversation has become its change or break."""
    if state.paused or state.phase is not Phase.CONVERSATION or state.ends_at > now:
        return state
    after = plan.pause_after(state.round)
    if after is None:  # the last round of a session: time is up, the coordinator finishes
        return state
    return replace(state, phase=after, ends_at=state.ends_at + plan.length(after))


def start_round(state: ClockState, plan: Plan, round_: int, now: datetime) -> ClockState:
    """Start the conversation of ``round_``, which must be the next one."""
    if plan.rounds < 1:
        raise ClockRefused(Refusal.NO_ROUNDS)
    if round_ < 1 or round_ > plan.rounds:
        raise ClockRefused(Refusal.NO_SUCH_ROUND)
    if round_ <= state.round:
        raise ClockRefused(Refusal.ALREADY_STARTED)
    if round_ != state.round + 1:
        raise ClockRefused(Refusal.NOT_NEXT)
    if state.phase is Phase.CONVERSATION:
        at_end = plan.pause_after(state.round) is None
        raise ClockRefused(Refusal.SESSION_OVER if at_end else Refusal.CONVERSATION_ON)
    return ClockState(round_, Phase.CONVERSATION, now + plan.conversation)


def pause(state: ClockState, now: datetime) -> ClockState:
    if state.paused or not state.timed:
        raise ClockRefused(Refusal.NOT_RUNNING)
    return replace(state, ends_at=None, remaining=state.time_left(now))


def resume(state: ClockState, now: datetime) -> ClockState:
    if not state.paused:
        raise ClockRefused(Refusal.NOT_PAUSED)
    return replace(state, ends_at=now + state.remaining, remaining=None)


def extend(state: ClockState, now: datetime) -> ClockState:
    """One more minute for the phase on, counted from now if its time is already up."""
    if not state.timed:
        raise ClockRefused(Refusal.NOT_RUNNING)
    if state.paused:
        return replace(state, remaining=state.remaining + EXTENSION)
    return replace(state, ends_at=max(state.ends_at, now) + EXTENSION)


def skip(state: ClockState, plan: Plan, now: datetime) -> ClockState:
    """Ahead to the next phase: a conversation ends now; a change or break starts the next
    round. A paused phase is skipped too (the pause ends with it)."""
    if state.phase is Phase.CONVERSATION:
        if state.time_left(now) <= timedelta(0):
            raise ClockRefused(Refusal.NOTHING_TO_SKIP)
        return settle(replace(state, ends_at=now, remaining=None), plan, now)
    if state.phase in (Phase.CHANGE, Phase.BREAK):
        return start_round(state, plan, state.round + 1, now)
    raise ClockRefused(Refusal.NOT_RUNNING)


def finish(state: ClockState, plan: Plan) -> ClockState:
    """End the event after its last round, or the session (or the evening) before it."""
    if state.phase is Phase.NOT_STARTED:
        raise ClockRefused(Refusal.NOT_STARTED)
    if state.phase is Phase.FINISHED:
        raise ClockRefused(Refusal.FINISHED)
    return ClockState(state.round, Phase.FINISHED)


def event_over(state: ClockState, plan: Plan) -> bool:
    return state.phase is Phase.FINISHED and state.round >= plan.rounds
