"""The iterated local search of the team builder: each round shakes one team and descends
again with the moves of moves.py, keeping the result unless it is worse. First the
weakest team is lifted a point at a time, then the total is raised without letting any team
fall below the weakest reached. Pure: no Flask, no database.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from vms.cohorts.teams.builder.moves import descend, fill, free_for, may_leave, swap
from vms.cohorts.teams.builder.state import ADD, CLOSE, OPEN, REMOVE, Problem, Teams, best_score

#: What a round costs beyond its evaluations (shaking, undoing), in evaluations
_ROUND_WORK = 200


@dataclass(frozen=True)
class Limits:
    rounds: int
    #: evaluations (Teams.work): the same plan on every machine for the same input
    work: int
    #: perf_counter() time: the guarantee on a slow machine
    deadline: float


class Search:
    def __init__(self, problem: Problem, members: dict[int, list[int]], limits: Limits,
                 seed: int = 0) -> None:  # fmt: skip
        self.t = Teams(problem, members)
        fill(self.t)
        self.bounds = {v: best_score(problem, v) for v in problem.cover}
        # However the teamed ventures are chosen, no better weakest team or total exists.
        best = sorted(self.bounds.values(), reverse=True)[: len(members)]
        self.weakest_bound, self.total_bound = min(best, default=0), sum(best)
        self.rng = random.Random(seed)
        self.limits, self.rounds_left = limits, limits.rounds
        #: rounds without progress before a phase gives up (lifting: twice as many)
        self.patience = 50 + 10 * len(members)

    def run(self) -> dict[int, list[int]]:
        start, deadline = time.perf_counter(), self.limits.deadline
        # The weakest team comes first: lifting may take two thirds of the time and work.
        self._lift(start + (deadline - start) * 2 / 3, self.limits.work * 2 // 3)
        t = self.t
        self._retarget(t.weakest())
        self._rounds(deadline, self.limits.work, lambda: t.total >= self.total_bound, False)
        return t.members

    def _lift(self, until: float, work: int) -> None:
        """Raise the target a point at a time while the rounds reach it. The rounds may
        trade total for fewer teams at the weakest, so the best plan at each level is kept."""
        best = (self.t.weakest(), self.t.total, _copy(self.t.members))
        while best[0] < self.weakest_bound:
            self._retarget(best[0] + 1)
            if not self._rounds(until, work, lambda: self.t.pen_total == 0, True):
                break
            best = (self.t.weakest(), self.t.total, _copy(self.t.members))
        if (self.t.weakest(), self.t.total) < best[:2]:
            work_done = self.t.work
            self.t = Teams(self.t.p, best[2])
            self.t.work = work_done

    def _retarget(self, target: int) -> None:
        """Aim at ``target``; descend from the teams below it (from all when lifting stops)."""
        t = self.t
        t.aim(target)
        lifting = target > t.weakest()
        t.dirty = dict.fromkeys(v for v in t.members if not lifting or t.score[v] < target)
        descend(t, self.limits.deadline)
        t.log.clear()

    def _rounds(self, until: float, work: int, done: Callable[[], bool], lifting: bool) -> bool:
        """Rounds until ``done()`` (True), or until they stop paying or a limit is hit."""
        idle, patience = 0, self.patience * (2 if lifting else 1)
        while not done():
            if idle > patience or self.rounds_left <= 0 or self.t.work > work:
                return False
            if time.perf_counter() > until:
                return False
            self.rounds_left -= 1
            idle = 0 if self._round(lifting) else idle + 1
        return True

    def _round(self, lifting: bool) -> bool:
        """Shake, descend, keep the result unless worse; True if strictly better. While
        lifting only the penalty counts: a freer walk, and the total is won back later."""
        t, parts = self.t, 1 if lifting else 3
        t.work += _ROUND_WORK
        before = t.key()[:parts]
        _perturb(t, self.rng, lifting, self.bounds)
        descend(t, self.limits.deadline)
        after = t.key()[:parts]
        if after < before:
            t.undo(0)
        t.log.clear()
        return after > before


def _copy(members: dict[int, list[int]]) -> dict[int, list[int]]:
    return {v: list(ms) for v, ms in members.items()}


# -- shaking a team: moves made at any cost ---------------------------------------------------


def _perturb(t: Teams, rng: random.Random, lifting: bool, bounds: dict[int, int]) -> None:
    """Shake one team: while lifting, one of the weakest; then one below its best score."""
    if lifting:
        weakest = t.weakest()
        pool = [v for v in t.members if t.score[v] == weakest]
    else:
        pool = [v for v in t.members if t.score[v] < bounds[v]] or list(t.members)
    v = rng.choice(pool)
    if len(t.members) < len(t.p.cover) and rng.random() < 0.25 and _swap_venture(t, rng, v):
        return
    # Lifting, rounds are frequent and a smaller shake pays better.
    for _ in range(rng.randint(1, 2 if lifting else 3)):
        _kick(t, rng, v, lifting)


def _kick(t: Teams, rng: random.Random, v: int, lifting: bool) -> None:
    """Move a random member of ``v`` out at any cost: dropped, exchanged with another
    team's mentor, or replaced by a free one. Lifting, a team never just loses one."""
    outs = t.movable(v)
    if not outs:
        return
    b, kind = rng.choice(outs), "swap" if lifting else rng.choice(("drop", "swap", "free"))
    if kind == "drop" and len(t.members[v]) > t.p.min_size and t.led(v, b, None):
        t.apply(((REMOVE, v, b),))
        return
    swaps = [(m, u) for m in t.p.cover[v] if v not in t.teams_of[m] for u in t.teams_of[m]
             if b in t.p.cover[u] and u not in t.teams_of[b] and t.led(v, b, m)
             and may_leave(t, u, m, b)]  # fmt: skip
    frees = [m for m in free_for(t, v) if t.led(v, b, m)]
    if rng.random() < 0.8:
        # Mostly, the mentor who comes in would lift ``v``: the rest of the round pays for it.
        swaps = [(m, u) for m, u in swaps if t.replaced(v, b, m) > t.score[v]] or swaps
        frees = [m for m in frees if t.replaced(v, b, m) > t.score[v]] or frees
    if swaps and (kind != "free" or not frees):
        m, u = rng.choice(swaps)
        t.apply(swap(m, u, b, v))
    elif frees:
        t.apply(((REMOVE, v, b), (ADD, v, rng.choice(frees))))


def _swap_venture(t: Teams, rng: random.Random, a: int) -> bool:
    """Team an idle venture instead of ``a``: the members who can follow it stay, free
    mentors make up a lead and the minimum size. Which ventures capacity can team is
    a choice too: some reach far higher scores than others."""
    if any((m, a) in t.p.locked for m in t.members[a]):
        return False
    b, eligible = rng.choice([v for v in t.p.cover if v not in t.members]), t.p.lead_eligible
    cover = t.p.cover[b]
    keep = [m for m in t.members[a] if m in cover]
    frees = [m for m in cover if m not in keep and t.free(m)]
    rng.shuffle(frees)
    if not any(m in eligible for m in keep):
        keep = keep[: t.p.max_size - 1] + [m for m in frees if m in eligible][:1]
    keep += [m for m in frees if m not in keep][: max(0, t.p.min_size - len(keep))]
    if len(keep) < t.p.min_size or not any(m in eligible for m in keep):
        return False
    t.apply((*((REMOVE, a, m) for m in t.members[a]), (CLOSE, a, 0), (OPEN, b, 0),
             *((ADD, b, m) for m in keep)))  # fmt: skip
    return True
