"""The team builder's search moves, scored before they are made. Pure: no Flask, no database.

Scores are bitmasks: per venture, each compatible mentor's covered needs are bits, and
each background is one bit, so a team's score is two popcounts. Every team also keeps
its masks without each member, so a replacement or an exchange costs a few bit
operations instead of a rescore: the search (teams.py) makes millions of them.

Every move keeps the hard rules: sizes stay in [min, max], every team keeps a
lead-eligible member, capacity and compatibility hold, locked pairs stay. The descent
makes a move only if it raises (−penalty, total, volunteers placed): the penalty counts
teams below the search's target, by a factor (teams + 1) per point below, so lifting
the lowest teams always comes first. Moves are logged so that a round can be undone.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vms.cohorts.teams import Mentor, Venture

#: (kind, venture id, mentor id): one step of a move, as logged for undoing
Op = tuple[int, int, int]
#: The kinds of step; each undoes its negative. A venture's team opens and closes empty.
ADD, REMOVE, OPEN, CLOSE = 1, -1, 2, -2


@dataclass(frozen=True)
class Problem:
    #: venture id -> compatible mentor id -> bitmask of the venture's needs they cover;
    #: every venture capacity could team, teamed now or not
    cover: dict[int, dict[int, int]]
    #: mentor id -> their background as a single bit
    background: dict[int, int]
    lead_eligible: frozenset[int]
    capacity: dict[int, int]
    #: (mentor id, venture id) pairs that never move
    locked: frozenset[tuple[int, int]]
    #: (mentor id, venture id) volunteers: the last tie-breaker
    preferences: frozenset[tuple[int, int]]
    min_size: int
    max_size: int

    @classmethod
    def build(cls, ventures: list[Venture], mentors: dict[int, Mentor],
              compatible: dict[int, list[int]], min_size: int, max_size: int,
              locked: set[tuple[int, int]], preferences: set[tuple[int, int]],
              ) -> Problem:  # fmt: skip
        """Needs (per venture) and backgrounds become bits."""
        backgrounds = sorted({m.background for m in mentors.values()})
        bit = {b: 1 << i for i, b in enumerate(backgrounds)}
        cover = {}
        for venture in ventures:
            needs = {need: 1 << i for i, need in enumerate(sorted(venture.needs))}
            cover[venture.id] = {m: sum(needs[n] for n in mentors[m].expertise if n in needs)
                                 for m in compatible[venture.id]}  # fmt: skip
        return cls(
            cover=cover,
            background={m: bit[mentor.background] for m, mentor in mentors.items()},
            lead_eligible=frozenset(m for m, mentor in mentors.items() if mentor.lead_eligible),
            capacity={m: mentor.capacity for m, mentor in mentors.items()},
            locked=frozenset(locked), preferences=frozenset(preferences),
            min_size=min_size, max_size=max_size,
        )  # fmt: skip


def mask_score(needs: int, backgrounds: int) -> int:
    return 2 * needs.bit_count() + backgrounds.bit_count()


def best_score(problem: Problem, v: int) -> int:
    """The best score ``v`` could reach alone: every coverable need, diverse to the max."""
    needs, backs = _masks(list(problem.cover[v]), problem.cover[v], problem.background)
    return 2 * needs.bit_count() + min(problem.max_size, backs.bit_count())


class Teams:
    """Teams under construction, with everything a move's evaluation needs kept current."""

    def __init__(self, problem: Problem, members: dict[int, list[int]]) -> None:
        self.p = problem
        self.members = {v: list(ms) for v, ms in members.items()}
        #: mentor id -> the teams they could join
        self.teams_for: dict[int, list[int]] = {m: [] for m in problem.capacity}
        for v in self.members:
            for m in problem.cover[v]:
                self.teams_for[m].append(v)
        self.load = Counter(m for ms in self.members.values() for m in ms)
        self.teams_of: dict[int, set[int]] = {m: set() for m in problem.capacity}
        for v, ms in self.members.items():
            for m in ms:
                self.teams_of[m].add(v)
        self.masks: dict[int, tuple[int, int]] = {}
        self.without: dict[int, dict[int, tuple[int, int]]] = {}
        self.leads: dict[int, int] = {}
        self.score: dict[int, int] = {}
        self.prefs: dict[int, int] = {}
        self.log: list[Op] = []
        #: evaluations made, roughly: the search's clock, the same on every machine
        self.work = 0
        #: teams and freed mentors whose moves the descent has still to look at
        self.dirty: dict[int, None] = {}
        self.freed: dict[int, None] = {}
        self.top = max((best_score(problem, v) for v in problem.cover), default=0)
        self.aim(0)

    # -- the objective ---------------------------------------------------------------------

    def aim(self, target: int) -> None:
        """Penalise teams below ``target``; recomputes every team's figures."""
        self.target, base = target, len(self.members) + 1
        self.penalty = [base ** (target - 1 - s) if s < target else 0 for s in range(self.top + 1)]
        #: a move changes at most two teams: the penalty must outweigh any total change
        self.scale = 2 * self.top + 1
        self.pen_total = self.total = self.pref_total = 0
        self.score.clear()
        for v in self.members:
            self._refresh(v)

    def key(self) -> tuple[int, int, int]:
        return (-self.pen_total, self.total, self.pref_total)

    def weakest(self) -> int:
        return min(self.score.values(), default=0)

    def gain(self, v: int, new_v: int, u: int | None = None, new_u: int = 0) -> int:
        """The key's change, penalty first, folded into one number (> 0 is better)."""
        penalty, score = self.penalty, self.score
        pen = penalty[new_v] - penalty[score[v]]
        total = new_v - score[v]
        if u is not None:
            pen += penalty[new_u] - penalty[score[u]]
            total += new_u - score[u]
        return total - pen * self.scale

    def improves(self, gain: int, ops: tuple[Op, ...]) -> bool:
        if gain:
            return gain > 0
        prefs = self.p.preferences
        if not prefs:  # the common case, and a sideways move is frequent
            return False
        return sum(kind for kind, v, m in ops if kind in (ADD, REMOVE) and (m, v) in prefs) > 0

    # -- scores of teams after a change ----------------------------------------------------

    def added(self, v: int, m: int) -> int:
        needs, backs = self.masks[v]
        return mask_score(needs | self.p.cover[v][m], backs | self.p.background[m])

    def replaced(self, v: int, out: int, m: int) -> int:
        needs, backs = self.without[v][out]
        return mask_score(needs | self.p.cover[v][m], backs | self.p.background[m])

    def removed(self, v: int, out: int) -> int:
        return mask_score(*self.without[v][out])

    # -- what may change -------------------------------------------------------------------

    def free(self, m: int) -> bool:
        return self.load[m] < self.p.capacity[m]

    def movable(self, v: int) -> list[int]:
        locked = self.p.locked
        return [m for m in self.members[v] if (m, v) not in locked]

    def led(self, v: int, out: int | None, into: int | None) -> bool:
        """Does ``v`` keep a lead-eligible member when ``out`` leaves and ``into`` joins?"""
        eligible = self.p.lead_eligible
        return self.leads[v] - (out in eligible) + (into in eligible) > 0

    # -- making and undoing moves ----------------------------------------------------------

    def apply(self, ops: tuple[Op, ...]) -> None:
        """Make a move; its teams and any mentor it frees are looked at again."""
        self._change(ops)
        self.log.extend(ops)
        for kind, v, m in ops:
            if v in self.members:
                self.dirty[v] = None
            if kind == REMOVE and self.free(m):
                self.freed[m] = None

    def undo(self, mark: int) -> None:
        """Undo every move logged after ``mark``."""
        ops = tuple((-kind, v, m) for kind, v, m in reversed(self.log[mark:]))
        del self.log[mark:]
        self._change(ops)
        self.dirty.clear()
        self.freed.clear()

    def _change(self, ops: tuple[Op, ...]) -> None:
        for kind, v, m in ops:
            if kind == ADD:
                self.members[v].append(m)
                self.teams_of[m].add(v)
                self.load[m] += 1
            elif kind == REMOVE:
                self.members[v].remove(m)
                self.teams_of[m].discard(v)
                self.load[m] -= 1
            else:
                self._open(v) if kind == OPEN else self._close(v)
        for v in {v for _kind, v, _m in ops if v in self.members}:
            self._refresh(v)

    def _open(self, v: int) -> None:
        self.members[v] = []
        for m in self.p.cover[v]:
            self.teams_for[m].append(v)

    def _close(self, v: int) -> None:
        """Drop ``v``'s (empty) team and its share of the totals."""
        self._forget(v)
        for table in (self.members, self.masks, self.without, self.leads):
            del table[v]
        for m in self.p.cover[v]:
            self.teams_for[m].remove(v)

    def _refresh(self, v: int) -> None:
        """Recompute ``v``'s masks, score and their share of the totals."""
        members, cover, background = self.members[v], self.p.cover[v], self.p.background
        self._forget(v)
        self.masks[v] = _masks(members, cover, background)
        self.without[v] = {
            out: _masks([m for m in members if m != out], cover, background) for out in members
        }
        self.leads[v] = sum(m in self.p.lead_eligible for m in members)
        new = self.score[v] = mask_score(*self.masks[v])
        self.prefs[v] = sum((m, v) in self.p.preferences for m in members)
        self.pen_total += self.penalty[new]
        self.total += new
        self.pref_total += self.prefs[v]

    def _forget(self, v: int) -> None:
        """Take ``v``'s share out of the totals."""
        old = self.score.pop(v, None)
        if old is not None:
            self.pen_total -= self.penalty[old]
            self.total -= old
            self.pref_total -= self.prefs.pop(v)


def _masks(members: list[int], cover: dict[int, int], background: dict[int, int]):
    needs = backs = 0
    for m in members:
        needs |= cover[m]
        backs |= background[m]
    return needs, backs


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
    choices = [(t.gain(v, t.added(v, m)), (m, v) in prefs, -m) for m in free_for(t, v)]
    if not choices:
        return False
    gain, _volunteer, m = max(choices)
    return _worth(t, gain, ((ADD, v, -m),))


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
