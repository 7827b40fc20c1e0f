"""The team builder: 3–5 mentors with one lead per venture. Pure: no Flask, no database.

Objective, in order: team as many ventures as possible; make the weakest team as
strong as possible; then the largest total score. A team's score is
2 × (the venture's needs covered by a member's expertise) + (distinct backgrounds).

How (see shared/ALGORITHMS.md): ventures that cannot be teamed on their own are
explained first; a max-flow then decides how many of the rest capacity allows and
gives each a lead and its minimum size (team_placement.py); a greedy fill grows the
weakest teams first. Then an iterated local search (moves in team_search.py): each
round shakes one team (a member exchanged, replaced or dropped, or another venture
teamed in its place), descends with improving moves and keeps the result unless it
is worse. It first lifts the weakest team a point at a time, then raises the total
without letting any team fall below the weakest reached. Hard rules always hold.

The search is seeded and counts its work in evaluations, so the same input gives
the same plan on any machine; ``time_limit`` only cuts it short on a slow one.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from vms.cohorts.team_placement import assign_places, flow_places
from vms.cohorts.team_search import (
    ADD,
    CLOSE,
    OPEN,
    REMOVE,
    Problem,
    Teams,
    best_score,
    descend,
    fill,
    free_for,
    may_leave,
    swap,
)

#: Evaluations per second of ``time_limit``: some 80% of what the reference machine
#: (2 cores, 2025) makes, so that there the work runs out before the time does.
_WORK_PER_SECOND = 1_600_000
#: What a round costs beyond its evaluations (shaking, undoing), in evaluations
_ROUND_WORK = 200


class Reason(str):
    """Why a venture has no team: the English sentence, with a code and its figures so
    that an interface can say it in the reader's language."""

    code: str
    params: dict

    def __new__(cls, text: str, code: str, **params) -> Reason:
        reason = super().__new__(cls, text)
        reason.code, reason.params = code, params
        return reason


_CAPACITY_REASON = Reason(
    "the mentors who could join are all needed by other teams "
    "(not enough lead-eligible mentors or capacity)",
    "no_capacity",
)


@dataclass(frozen=True)
class Mentor:
    id: int
    background: str
    expertise: frozenset[str]
    lead_eligible: bool
    capacity: int = 1
    #: Weekly meeting slots the mentor can make; None means any.
    slots: frozenset[str] | None = None


@dataclass(frozen=True)
class Venture:
    id: int
    needs: frozenset[str]
    #: When the team meets; None means any time.
    slot: str | None = None


@dataclass(frozen=True)
class Team:
    lead: int
    #: Every member, the lead included.
    members: tuple[int, ...]


@dataclass
class Plan:
    teams: dict[int, Team] = field(default_factory=dict)
    #: venture id -> why it has no team, in words a coordinator can act on
    unassigned: dict[int, Reason] = field(default_factory=dict)
    scores: dict[int, int] = field(default_factory=dict)


def team_score(venture: Venture, members: Iterable[Mentor]) -> int:
    members = list(members)
    covered = {need for need in venture.needs if any(need in m.expertise for m in members)}
    return 2 * len(covered) + len({m.background for m in members})


def form_teams(
    ventures: Iterable[Venture],
    mentors: Iterable[Mentor],
    conflicts: Iterable[tuple[int, int]] = (),
    min_size: int = 3,
    max_size: int = 5,
    preferences: Iterable[tuple[int, int]] = (),
    locked: Iterable[tuple[int, int]] = (),
    max_rounds: int = 5000,
    time_limit: float = 1.5,
) -> Plan:
    """Propose teams. ``preferences``: (mentor, venture) volunteers, a soft tie-breaker;
    ``locked``: (mentor, venture) pairs the coordinator fixed, always kept.
    The search stops when rounds stop paying, when every team reaches its best possible
    score, after ``max_rounds`` rounds, or after ``time_limit`` seconds' worth of work
    (and, on a slow machine, of time); the plan is valid whenever it stops."""
    if not 1 <= min_size <= max_size:
        raise ValueError("need 1 <= min_size <= max_size")
    deadline = time.perf_counter() + time_limit
    builder = _Builder(list(ventures), list(mentors), set(conflicts), min_size, max_size,
                       set(preferences), list(locked))  # fmt: skip
    return builder.run(max_rounds, time_limit, deadline)


class _Builder:
    def __init__(self, ventures, mentors, conflicts, min_size, max_size, preferences, locked):
        self.ventures = {v.id: v for v in ventures}
        self.mentors = {m.id: m for m in mentors}
        self.min_size, self.max_size = min_size, max_size
        self.preferences = preferences
        self.locked = set()
        self.fixed: dict[int, list[int]] = {v.id: [] for v in ventures}
        self.compatible = {
            v.id: [m.id for m in mentors if (m.id, v.id) not in conflicts and _can_meet(m, v)
                   and m.capacity > 0]
            for v in ventures
        }  # fmt: skip
        self.compatible_set = {vid: set(pool) for vid, pool in self.compatible.items()}
        self.plan = Plan()
        self.members: dict[int, list[int]] = {}
        self._fix(locked)

    def _fix(self, locked) -> None:
        """Keep the coordinator's locked pairs that the hard rules allow."""
        used: Counter[int] = Counter()
        for mid, vid in locked:
            legal = mid in self.mentors and vid in self.ventures and mid in self.compatible[vid]
            if not legal or mid in self.fixed[vid]:
                continue
            after = [*self.fixed[vid], mid]
            # Leave room for a lead when no locked member can lead.
            lead_place = 0 if any(self.mentors[m].lead_eligible for m in after) else 1
            if len(after) + lead_place > self.max_size:
                continue
            if used[mid] < self.mentors[mid].capacity:
                self.fixed[vid].append(mid)
                self.locked.add((mid, vid))
                used[mid] += 1

    # -- the phases ------------------------------------------------------------------

    def run(self, max_rounds: int, time_limit: float, deadline: float) -> Plan:
        candidates = [v for v in self.ventures if self._explain_alone(v)]
        self._choose_by_capacity(candidates)
        if self.members:
            # Capacity allows this many teams; the search may team other ventures than the
            # flow chose (not those with locked members: their locks could not be kept).
            idle = [v for v in candidates if v not in self.members and not self.fixed[v]]
            problem = Problem.build([self.ventures[v] for v in [*self.members, *idle]],
                                    self.mentors, self.compatible, self.min_size, self.max_size,
                                    self.locked, self.preferences)  # fmt: skip
            limits = _Limits(max_rounds, int(time_limit * _WORK_PER_SECOND), deadline)
            self.members = _Search(problem, self.members, limits).run()
        for vid in candidates:
            if vid in self.members:
                self.plan.unassigned.pop(vid, None)
            else:
                self.plan.unassigned[vid] = _CAPACITY_REASON
        for vid, members in self.members.items():
            self.plan.teams[vid] = Team(self._lead(vid), tuple(sorted(members)))
            self.plan.scores[vid] = team_score(self.ventures[vid],
                                               (self.mentors[m] for m in members))  # fmt: skip
        return self.plan

    def _explain_alone(self, vid: int) -> bool:
        """False (with the reason recorded) when the venture cannot be teamed even alone."""
        venture, pool = self.ventures[vid], self.compatible[vid]
        where = f" on {venture.slot}" if venture.slot else ""
        if not any(self.mentors[m].lead_eligible for m in pool):
            self.plan.unassigned[vid] = Reason(
                f"no lead-eligible mentor without a conflict can meet{where}",
                "no_lead", slot=venture.slot,
            )  # fmt: skip
            return False
        if len(pool) < self.min_size:
            self.plan.unassigned[vid] = Reason(
                f"only {len(pool)} mentors without a conflict can meet{where}; "
                f"a team needs {self.min_size}",
                "too_few", slot=venture.slot, available=len(pool), min_size=self.min_size,
            )  # fmt: skip
            return False
        return True

    def _choose_by_capacity(self, candidates: list[int]) -> list[int]:
        """Drop, one at a time, the venture the flow serves worst until all fit."""
        chosen = list(candidates)
        while chosen:
            missing, units = self._flow(chosen)
            short = [v for v in chosen if missing[v] > 0]
            if not short:
                self._take_initial_teams(chosen, self._assign(chosen) or units)
                return chosen
            drop = max(short, key=lambda v: (missing[v], -len(self.compatible[v]), v))
            self.plan.unassigned[drop] = _CAPACITY_REASON
            chosen.remove(drop)
        return chosen

    # -- placing leads and minimum sizes (team_placement.py) ---------------------------------

    def _demand(self, vid: int) -> tuple[int, int]:
        """(lead places, other places) the flow must fill, after the locked members."""
        fixed = self.fixed[vid]
        lead = 0 if any(self.mentors[m].lead_eligible for m in fixed) else 1
        return lead, max(0, self.min_size - len(fixed) - lead)

    def _flow(self, chosen: list[int]):
        demand = {vid: self._demand(vid) for vid in chosen}
        return flow_places(self.mentors, self.compatible, self.fixed, demand, chosen)

    def _assign(self, chosen: list[int]):
        demand = {vid: self._demand(vid) for vid in chosen}
        return assign_places(self.mentors, self.ventures, self.compatible_set, self.fixed,
                             demand, chosen)  # fmt: skip

    def _take_initial_teams(self, chosen: list[int], units) -> None:
        self.members = {v: list(self.fixed[v]) for v in chosen}
        for m, v, _as_lead in units:
            self.members[v].append(m)

    # -- the search (team_search.py) and the plan ------------------------------------------

    def _lead(self, vid: int) -> int:
        """Any lead-eligible member may lead: a locked one first, then a volunteer."""
        eligible = [m for m in self.members[vid] if self.mentors[m].lead_eligible]
        return max(eligible, key=lambda m: ((m, vid) in self.locked,
                                            (m, vid) in self.preferences, -m))  # fmt: skip


def _can_meet(mentor: Mentor, venture: Venture) -> bool:
    return venture.slot is None or mentor.slots is None or venture.slot in mentor.slots


# -- the iterated local search --------------------------------------------------------------


@dataclass(frozen=True)
class _Limits:
    rounds: int
    #: evaluations (Teams.work): the same plan on every machine for the same input
    work: int
    #: perf_counter() time: the guarantee on a slow machine
    deadline: float


class _Search:
    def __init__(self, problem: Problem, members: dict[int, list[int]], limits: _Limits,
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
