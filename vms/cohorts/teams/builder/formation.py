"""The team builder: 3–5 mentors with one lead per venture. Pure: no Flask, no database.

Objective, in order: team as many ventures as possible; make the weakest team as
strong as possible; then the largest total score. A team's score is
2 × (the venture's needs covered by a member's expertise) + (distinct backgrounds).

How (see shared/ALGORITHMS.md): ventures that cannot be teamed on their own are
explained first; a max-flow then decides how many of the rest capacity allows and
gives each a lead and its minimum size (placement.py); a greedy fill grows the
weakest teams first. Then an iterated local search (local_search.py, with the moves of
moves.py on the state of state.py): each round shakes one team (a member exchanged,
replaced or dropped, or another venture teamed in its place), descends with improving
moves and keeps the result unless it is worse. It first lifts the weakest team a point
at a time, then raises the total without letting any team fall below the weakest
reached. Hard rules always hold.

The search is seeded and counts its work in evaluations, so the same input gives
the same plan on any machine; ``time_limit`` only cuts it short on a slow one.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable

from vms.cohorts.teams.builder.local_search import Limits, Search
from vms.cohorts.teams.builder.placement import assign_places, flow_places
from vms.cohorts.teams.builder.state import Problem
from vms.cohorts.teams.builder.types import (
    Id,
    Mentor,
    Plan,
    Reason,
    Team,
    Venture,
    can_meet,
    team_score,
)

#: Evaluations per second of ``time_limit``: some 80% of what the reference machine
#: (2 cores, 2025) makes, so that there the work runs out before the time does.
_WORK_PER_SECOND = 1_600_000


_CAPACITY_REASON = Reason(
    "the mentors who could join are all needed by other teams "
    "(not enough lead-eligible mentors or capacity)",
    "no_capacity",
)


def form_teams(
    ventures: Iterable[Venture],
    mentors: Iterable[Mentor],
    conflicts: Iterable[tuple[Id, Id]] = (),
    min_size: int = 3,
    max_size: int = 5,
    preferences: Iterable[tuple[Id, Id]] = (),
    locked: Iterable[tuple[Id, Id]] = (),
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
            v.id: [m.id for m in mentors if (m.id, v.id) not in conflicts and can_meet(m, v)
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
            limits = Limits(max_rounds, int(time_limit * _WORK_PER_SECOND), deadline)
            self.members = Search(problem, self.members, limits).run()
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

    # -- placing leads and minimum sizes (placement.py) ---------------------------------

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

    # -- the plan --------------------------------------------------------------------------

    def _lead(self, vid: int) -> int:
        """Any lead-eligible member may lead: a locked one first, then a volunteer."""
        eligible = [m for m in self.members[vid] if self.mentors[m].lead_eligible]
        return min(eligible, key=lambda m: ((m, vid) not in self.locked,
                                            (m, vid) not in self.preferences, m))  # fmt: skip
