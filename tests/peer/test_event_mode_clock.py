"""The event clock's phases and moves, without an app (vms.peer.live.phases)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from vms.peer.live.phases import (
    ClockRefused,
    ClockState,
    Phase,
    Refusal,
    event_over,
    extend,
    finish,
    pause,
    resume,
    session_plan,
    settle,
    skip,
    start_round,
)

T0 = datetime(2027, 3, 2, 18, tzinfo=UTC)
MIN = timedelta(minutes=1)

#: 6 rounds of 15 minutes, 2 to change; one session with a 10-minute break after round 3.
PLAN = session_plan(6, 15, 2, [(None, 3, 10)])


def refusal(call, *args) -> Refusal:
    with pytest.raises(ClockRefused) as raised:
        call(*args)
    return raised.value.refusal


def test_a_session_plan_puts_breaks_inside_sessions_and_knows_their_ends():
    assert PLAN.breaks_after == {3} and PLAN.session_ends == {6}
    # Two evenings: rounds 1-4, then the rest (5-9); breaks every 2 rounds, never at an end.
    two = session_plan(9, 20, 3, [(4, 2, 5), (None, 2, 5)])
    assert two.session_ends == {4, 9}
    assert two.breaks_after == {2, 6, 8}
    assert two.pause_after(2) is Phase.BREAK and two.pause_after(3) is Phase.CHANGE
    assert two.pause_after(4) is None and two.pause_after(9) is None
    # No break minutes: no breaks, whatever break_every says.
    assert session_plan(6, 15, 2, [(None, 2, 0)]).breaks_after == frozenset()


def test_a_round_runs_its_conversation_then_becomes_the_change_by_itself():
    state = start_round(ClockState(), PLAN, 1, T0)
    assert (state.round, state.phase, state.ends_at) == (1, Phase.CONVERSATION, T0 + 15 * MIN)
    assert state.time_left(T0 + 5 * MIN) == 10 * MIN
    assert state.seated_round(PLAN.rounds) == 1
    assert settle(state, PLAN, T0 + 15 * MIN - timedelta(seconds=1)) == state
    changed = settle(state, PLAN, T0 + 15 * MIN)
    assert (changed.phase, changed.ends_at) == (Phase.CHANGE, T0 + 17 * MIN)
    # During the change people need the next round's seats.
    assert changed.seated_round(PLAN.rounds) == 2
    # When the change is over, the clock waits at zero for the coordinator.
    waiting = settle(changed, PLAN, T0 + 30 * MIN)
    assert waiting == changed and waiting.time_left(T0 + 30 * MIN) == timedelta(0)


def test_a_break_follows_its_round_and_the_last_round_waits_to_be_finished():
    third = ClockState(3, Phase.CONVERSATION, T0)
    assert settle(third, PLAN, T0).phase is Phase.BREAK
    assert settle(third, PLAN, T0).ends_at == T0 + 10 * MIN
    last = ClockState(6, Phase.CONVERSATION, T0)
    assert settle(last, PLAN, T0 + 60 * MIN) == last  # time is up; nothing follows it
    assert last.seated_round(PLAN.rounds) == 6
    done = finish(last, PLAN)
    assert done.phase is Phase.FINISHED and event_over(done, PLAN)
    assert done.seated_round(PLAN.rounds) is None


def test_rounds_start_in_order_and_only_between_conversations():
    started = start_round(ClockState(), PLAN, 1, T0)
    assert refusal(start_round, started, PLAN, 1, T0) is Refusal.ALREADY_STARTED
    assert refusal(start_round, ClockState(), PLAN, 2, T0) is Refusal.NOT_NEXT
    assert refusal(start_round, ClockState(), PLAN, 7, T0) is Refusal.NO_SUCH_ROUND
    assert refusal(start_round, ClockState(), PLAN, 0, T0) is Refusal.NO_SUCH_ROUND
    assert refusal(start_round, started, PLAN, 2, T0 + MIN) is Refusal.CONVERSATION_ON
    empty = session_plan(0, 15, 2, [(None, 0, 0)])
    assert refusal(start_round, ClockState(), empty, 1, T0) is Refusal.NO_ROUNDS
    # During the change (even before it is over), the next round may start.
    change = settle(started, PLAN, T0 + 16 * MIN)
    second = start_round(change, PLAN, 2, T0 + 16 * MIN)
    assert (second.round, second.ends_at) == (2, T0 + 31 * MIN)


def test_a_session_ends_with_finish_and_the_next_session_starts_after_it():
    two = session_plan(4, 15, 2, [(2, 0, 0), (None, 0, 0)])
    second = ClockState(2, Phase.CONVERSATION, T0)
    assert refusal(start_round, settle(second, two, T0 + MIN), two, 3, T0) is Refusal.SESSION_OVER
    over = finish(second, two)
    assert over.phase is Phase.FINISHED and not event_over(over, two)
    assert over.seated_round(two.rounds) == 3  # the next evening's first seats
    assert start_round(over, two, 3, T0 + 24 * 60 * MIN).round == 3
    assert refusal(finish, over, two) is Refusal.FINISHED
    assert refusal(finish, ClockState(), two) is Refusal.NOT_STARTED


def test_pause_keeps_what_is_left_and_resume_gives_it_back():
    state = start_round(ClockState(), PLAN, 1, T0)
    paused = pause(state, T0 + 5 * MIN)
    assert paused.paused and paused.ends_at is None and paused.remaining == 10 * MIN
    # Time stands still while paused, and the conversation does not end by itself.
    assert paused.time_left(T0 + 60 * MIN) == 10 * MIN
    assert settle(paused, PLAN, T0 + 60 * MIN) == paused
    assert refusal(pause, paused, T0) is Refusal.NOT_RUNNING
    resumed = resume(paused, T0 + 20 * MIN)
    assert resumed.ends_at == T0 + 30 * MIN and not resumed.paused
    assert refusal(resume, resumed, T0) is Refusal.NOT_PAUSED
    assert refusal(pause, ClockState(), T0) is Refusal.NOT_RUNNING


def test_extend_adds_a_minute_even_when_the_time_is_up_or_paused():
    state = start_round(ClockState(), PLAN, 1, T0)
    assert extend(state, T0).ends_at == T0 + 16 * MIN
    change = settle(state, PLAN, T0 + 40 * MIN)  # the change ended long ago
    assert extend(change, T0 + 40 * MIN).ends_at == T0 + 41 * MIN
    assert extend(pause(state, T0), T0).remaining == 16 * MIN
    assert refusal(extend, ClockState(), T0) is Refusal.NOT_RUNNING


def test_skip_ends_a_conversation_or_starts_the_next_round():
    state = start_round(ClockState(), PLAN, 1, T0)
    skipped = skip(state, PLAN, T0 + 3 * MIN)
    assert (skipped.phase, skipped.ends_at) == (Phase.CHANGE, T0 + 5 * MIN)
    second = skip(skipped, PLAN, T0 + 4 * MIN)
    assert (second.round, second.phase) == (2, Phase.CONVERSATION)
    # A paused conversation can be skipped; its pause ends with it.
    assert not skip(pause(state, T0 + MIN), PLAN, T0 + 2 * MIN).paused
    last = ClockState(6, Phase.CONVERSATION, T0)
    assert refusal(skip, last, PLAN, T0 + MIN) is Refusal.NOTHING_TO_SKIP
    assert refusal(skip, ClockState(), PLAN, T0) is Refusal.NOT_RUNNING
