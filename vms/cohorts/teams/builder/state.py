"""The team builder's search state: the problem and the teams, scored before a move is made.
Pure: no Flask, no database.

Scores are bitmasks: per venture, each compatible mentor's covered needs are bits, and
each background is one bit, so a team's score is two popcounts. Every team also keeps
its masks without each member, so a replacement or an exchange costs a few bit
operations instead of a rescore: the search (moves.py, local_search.py) makes millions of them.

A move is made only if it raises (−penalty, total, volunteers placed): the penalty counts
teams below the search's target, by a factor (teams + 1) per point below, so lifting the
lowest teams always comes first. Moves are logged so that a round can be undone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from vms.cohorts.teams.builder.types import Mentor, Venture

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
