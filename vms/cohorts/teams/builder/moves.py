"""The team builder's moves: each is scored on the state before it is made. Pure: no Flask,
no database.

Every move keeps the hard rules: sizes stay in [min, max], every team keeps a lead-eligible
member, capacity and compatibility hold, locked pairs stay. The descent makes improving
moves around changed teams and freed mentors until none is left.
"""

from __future__ import annotations

import time
from typing import Any

from vms.cohorts.teams.builder.state import ADD, REMOVE, Op, Teams

# -- the descent: improving moves until none is left ------------------------------------------


def descend(t: Teams, deadline: float) -> None:
    """Make improving moves around changed teams and freed mentors until none is left."""
    while (t.dirty or t.freed) and time.perf_counter() < deadline:
        if t.freed:
            mentor, _ = t.freed.popitem()
            if t.free(mentor):
                t.work += len(t.teams_for[mentor])
                _place(t, mentor)
        else:
            venture, _ = t.dirty.popitem()
            t.work += 3 * len(t.p.cover[venture])
            any(move(t, venture) for move in _NEIGHBOURHOODS)


def _worth(t: Teams, gain: int, ops: tuple[Op, ...]) -> bool:
    if gain < 0 or not t.improves(gain, ops):
        return False
    t.apply(ops)
    return True


def _add(t: Teams, v: int) -> bool:
    """The best free mentor joins (a team only grows while it gains)."""
    if len(t.members[v]) >= t.p.max_size:
        return False
    prefs = t.p.preferences
    choices = [(t.gain(v, t.added(v, m)), (m, v) in prefs, m) for m in free_for(t, v)]
    if not choices:
        return False
    # The most gain, then a volunteer, then the lowest id (ids need only be orderable).
    gain, _volunteer, m = min(choices, key=lambda c: (-c[0], not c[1], c[2]))
    return _worth(t, gain, ((ADD, v, m),))


def _replace(t: Teams, v: int) -> bool:
    frees = free_for(t, v)
    for out in t.movable(v):
        for m in frees:
            if t.led(v, out, m):
                gain = t.gain(v, t.replaced(v, out, m))
                if _worth(t, gain, ((REMOVE, v, out), (ADD, v, m))):
                    return True
    return False


def _transfer_in(t: Teams, v: int) -> bool:
    if len(t.members[v]) >= t.p.max_size:
        return False
    for m in t.p.cover[v]:
        if v in t.teams_of[m]:
            continue
        for u in t.teams_of[m]:
            if len(t.members[u]) > t.p.min_size and may_leave(t, u, m, None):
                gain = t.gain(v, t.added(v, m), u, t.removed(u, m))
                if _worth(t, gain, ((REMOVE, u, m), (ADD, v, m))):
                    return True
    return False


def _transfer_out(t: Teams, v: int) -> bool:
    if len(t.members[v]) <= t.p.min_size:
        return False
    for b in t.movable(v):
        if not t.led(v, b, None):
            continue
        t.work += len(t.teams_for[b])
        for u in t.teams_for[b]:
            if len(t.members[u]) < t.p.max_size and u not in t.teams_of[b]:
                gain = t.gain(v, t.removed(v, b), u, t.added(u, b))
                if _worth(t, gain, ((REMOVE, v, b), (ADD, u, b))):
                    return True
    return False


def _exchange(t: Teams, v: int) -> bool:
    """A mentor of another team for one of ours."""
    p = t.p
    backs = [(b, *t.without[v][b], p.background[b], b in p.lead_eligible) for b in t.movable(v)]
    for m, needs_m in p.cover[v].items():
        teams = t.teams_of[m]
        if v in teams:
            continue
        for u in teams:
            t.work += len(backs)
            if (m, u) not in p.locked and _exchange_with(t, v, m, needs_m, u, backs):
                return True
    return False


def _exchange_with(t: Teams, v: int, m: int, needs_m: int, u: int, backs: list[Any]) -> bool:
    """``m`` leaves ``u`` for ``v``, one of ``backs`` goes the other way, if that improves.
    The search's hottest loop, hence inlined scores."""
    p, penalty, teams_of = t.p, t.penalty, t.teams_of
    cover_u, back_m, m_leads = p.cover[u], p.background[m], m in p.lead_eligible
    needs_u, backs_u = t.without[u][m]
    leads_v, leads_u = t.leads[v] + m_leads, t.leads[u] - m_leads
    before = t.score[v] + t.score[u]
    pen_before = penalty[t.score[v]] + penalty[t.score[u]]
    for b, needs_v, backs_v, back_b, b_leads in backs:
        needs_b = cover_u.get(b)
        if needs_b is None or leads_v <= b_leads or leads_u + b_leads <= 0 or u in teams_of[b]:
            continue
        new_v = 2 * (needs_v | needs_m).bit_count() + (backs_v | back_m).bit_count()
        new_u = 2 * (needs_u | needs_b).bit_count() + (backs_u | back_b).bit_count()
        pen = penalty[new_v] + penalty[new_u] - pen_before
        gain = new_v + new_u - before - pen * t.scale
        if gain >= 0 and _worth(t, gain, swap(m, u, b, v)):
            return True
    return False


def _place(t: Teams, m: int) -> None:
    """A freed mentor joins, or replaces someone in, the first team it improves."""
    for v in t.teams_for[m]:
        if v in t.teams_of[m]:
            continue
        if len(t.members[v]) < t.p.max_size and _worth(t, t.gain(v, t.added(v, m)),
                                                       ((ADD, v, m),)):  # fmt: skip
            return
        for out in t.movable(v):
            if t.led(v, out, m):
                gain = t.gain(v, t.replaced(v, out, m))
                if _worth(t, gain, ((REMOVE, v, out), (ADD, v, m))):
                    return


_NEIGHBOURHOODS = (_add, _replace, _transfer_in, _transfer_out, _exchange)


def swap(m: int, u: int, b: int, v: int) -> tuple[Op, ...]:
    """``m`` leaves ``u`` for ``v``, ``b`` leaves ``v`` for ``u``."""
    return ((REMOVE, u, m), (REMOVE, v, b), (ADD, v, m), (ADD, u, b))


def free_for(t: Teams, v: int) -> list[int]:
    return [m for m in t.p.cover[v] if t.free(m) and v not in t.teams_of[m]]


def may_leave(t: Teams, u: int, m: int, into: int | None) -> bool:
    return (m, u) not in t.p.locked and t.led(u, m, into)


def fill(t: Teams) -> None:
    """Grow the weakest team that can still gain first: a fair start for the search."""
    growing = list(t.members)
    while growing:
        v = min(growing, key=lambda v: (t.score[v], v))
        if not _add(t, v):
            growing.remove(v)
    t.log.clear()
