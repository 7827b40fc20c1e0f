"""The team builder: 3–5 mentors with one lead per venture. Pure: no Flask, no database.

Objective, in order: team as many ventures as possible; make the weakest team as
strong as possible; then the largest total score. A team's score is
2 × (the venture's needs covered by a member's expertise) + (distinct backgrounds).

How (see shared/ALGORITHMS.md): ventures that cannot be teamed on their own are
explained first; a max-flow then decides which of the rest capacity allows and
gives every one a lead and its minimum size; a greedy fill grows the weakest
teams first; a local search swaps and replaces members while the (weakest,
total) pair improves. Hard rules are never broken on the way.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from vms.cohorts.team_placement import assign_places, flow_places

_RESTARTS = 12


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
    unassigned: dict[int, str] = field(default_factory=dict)
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
    The local search stops after ``max_rounds`` improvements or ``time_limit`` seconds
    (large instances keep improving for a while; the plan is valid whenever it stops)."""
    if not 1 <= min_size <= max_size:
        raise ValueError("need 1 <= min_size <= max_size")
    args = (list(ventures), list(mentors), set(conflicts), min_size, max_size,
            set(preferences), list(locked))  # fmt: skip
    deadline = time.perf_counter() + time_limit
    best, best_key = None, None
    # Small instances finish long before the deadline: restart from other good seeds
    # (the assignment's ties broken differently) and keep the best plan.
    for restart in range(_RESTARTS):
        builder = _Builder(*args, restart=restart)
        plan = builder.run(max_rounds, deadline)
        key = (len(plan.teams), *builder._objective())
        if best_key is None or key > best_key:
            best, best_key = plan, key
        if time.perf_counter() > deadline - (time_limit / 4):
            break
    return best


class _Builder:
    def __init__(self, ventures, mentors, conflicts, min_size, max_size, preferences, locked,
                 restart: int = 0):  # fmt: skip
        self.restart = restart
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
        self.lead: dict[int, int] = {}
        self.load: Counter[int] = Counter()
        self.teams_of: dict[int, set[int]] = {}
        self.cached: dict[int, int] = {}
        self.score_counts: Counter[int] = Counter()
        self.total = 0
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

    def run(self, max_rounds: int, deadline: float) -> Plan:
        candidates = [v for v in self.ventures if self._explain_alone(v)]
        chosen = self._choose_by_capacity(candidates)
        for vid in chosen:
            self._fill(vid)
        self._improve(max_rounds, deadline)
        for vid in self.members:
            self.plan.teams[vid] = Team(self.lead[vid], tuple(sorted(self.members[vid])))
            self.plan.scores[vid] = self._score(vid)
        return self.plan

    def _explain_alone(self, vid: int) -> bool:
        """False (with the reason recorded) when the venture cannot be teamed even alone."""
        venture, pool = self.ventures[vid], self.compatible[vid]
        where = f" on {venture.slot}" if venture.slot else ""
        if not any(self.mentors[m].lead_eligible for m in pool):
            self.plan.unassigned[vid] = (
                f"no lead-eligible mentor without a conflict can meet{where}"
            )
            return False
        if len(pool) < self.min_size:
            self.plan.unassigned[vid] = (
                f"only {len(pool)} mentors without a conflict can meet{where}; "
                f"a team needs {self.min_size}"
            )
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
            self.plan.unassigned[drop] = (
                "the mentors who could join are all needed by other teams "
                "(not enough lead-eligible mentors or capacity)"
            )
            chosen.remove(drop)
        return chosen

    def _fill(self, vid: int) -> None:
        while len(self.members[vid]) < self.max_size:
            best = self._best_addition(vid)
            if best is None:
                return
            self._add(vid, best)

    def _improve(self, max_rounds: int, deadline: float) -> None:
        for _ in range(max_rounds):
            if time.perf_counter() > deadline or not self._improving_move():
                return

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
                             demand, chosen, self.restart)  # fmt: skip

    def _take_initial_teams(self, chosen: list[int], units) -> None:
        self.members = {v: [] for v in chosen}
        for vid in chosen:
            for mid in self.fixed[vid]:
                self._add(vid, mid)
                if self.mentors[mid].lead_eligible and vid not in self.lead:
                    self.lead[vid] = mid
        for m, v, as_lead in units:
            self._add(v, m)
            if as_lead:
                self.lead[v] = m

    # -- scoring and moves ------------------------------------------------------------------

    def _score(self, vid: int, members: Iterable[int] | None = None) -> int:
        chosen = self.members[vid] if members is None else members
        return team_score(self.ventures[vid], (self.mentors[m] for m in chosen))

    def _objective(self) -> tuple[int, int, int]:
        """(weakest score, minus how many teams share it, total), kept up to date incrementally."""
        present = [score for score, count in self.score_counts.items() if count > 0]
        if not present:
            return (0, 0, 0)
        weakest = min(present)
        return (weakest, -self.score_counts[weakest], self.total)

    def _rescore(self, vid: int) -> None:
        old = self.cached.get(vid)
        if old is not None:
            self.score_counts[old] -= 1
            self.total -= old
        new = self._score(vid)
        self.cached[vid] = new
        self.score_counts[new] += 1
        self.total += new

    def _free(self, mid: int) -> bool:
        return self.load[mid] < self.mentors[mid].capacity

    def _best_addition(self, vid: int) -> int | None:
        current = self._score(vid)
        best, best_key = None, None
        for mid in self.compatible[vid]:
            if mid in self.members[vid] or not self._free(mid):
                continue
            gain = self._score(vid, [*self.members[vid], mid]) - current
            key = (gain, (mid, vid) in self.preferences, -self.load[mid], -mid)
            if gain > 0 and (best_key is None or key > best_key):
                best, best_key = mid, key
        return best

    def _add(self, vid: int, mid: int) -> None:
        self.members[vid].append(mid)
        self.load[mid] += 1
        self.teams_of.setdefault(mid, set()).add(vid)
        self._rescore(vid)

    def _remove(self, vid: int, mid: int) -> None:
        self.members[vid].remove(mid)
        self.load[mid] -= 1
        self.teams_of[mid].discard(vid)
        self._rescore(vid)

    def _movable(self, vid: int, mid: int) -> bool:
        """May ``mid`` leave ``vid``? Not if locked, nor if the lead has no eligible successor."""
        if (mid, vid) in self.locked:
            return False
        if self.lead[vid] != mid:
            return True
        return any(self.mentors[m].lead_eligible for m in self.members[vid] if m != mid)

    def _settle_lead(self, vid: int) -> None:
        if self.lead[vid] not in self.members[vid]:
            self.lead[vid] = next(m for m in self.members[vid] if self.mentors[m].lead_eligible)

    def _gains(self, changes: dict[int, list[int]], before) -> bool:
        """Would these new member lists raise the objective (every team still led)?"""
        counts, total = self.score_counts.copy(), self.total
        for vid, members in changes.items():
            if not any(self.mentors[m].lead_eligible for m in members):
                return False
            old, new = self.cached[vid], self._score(vid, members)
            counts[old] -= 1
            counts[new] += 1
            total += new - old
        weakest = min(score for score, count in counts.items() if count > 0)
        return (weakest, -counts[weakest], total) > before

    def _try(self, changes: dict[int, list[int]], apply, before) -> bool:
        """Make the move only if it raises the objective; leads follow their teams."""
        if not self._gains(changes, before):
            return False
        apply()
        for vid in changes:
            self._settle_lead(vid)
        return True

    def _improving_move(self) -> bool:
        """One move that raises (weakest, fewest at weakest, total); weakest teams first."""
        before = self._objective()
        for vid in sorted(self.members, key=lambda v: self.cached[v]):
            if (self._try_grow(vid, before) or self._try_replace(vid, before)
                    or self._try_take(vid, before)):  # fmt: skip
                return True
        return False

    def _try_grow(self, vid: int, before) -> bool:
        if len(self.members[vid]) >= self.max_size:
            return False
        mid = self._best_addition(vid)
        if mid is None:
            return False
        grown = {vid: [*self.members[vid], mid]}
        return self._try(grown, lambda: self._add(vid, mid), before)

    def _try_replace(self, vid: int, before) -> bool:
        """Swap a member for a free compatible mentor."""
        for out in [m for m in self.members[vid] if self._movable(vid, m)]:
            for into in self.compatible[vid]:
                if into in self.members[vid] or not self._free(into):
                    continue
                after = {vid: [m for m in self.members[vid] if m != out] + [into]}
                apply = lambda o=out, i=into: (self._remove(vid, o), self._add(vid, i))  # noqa: E731
                if self._try(after, apply, before):
                    return True
        return False

    def _try_take(self, vid: int, before) -> bool:
        """Bring in a mentor from another team: moved (if both sizes allow) or exchanged."""
        for into in self.compatible[vid]:
            if into in self.members[vid]:
                continue
            for other in list(self.teams_of.get(into, ())):
                if not self._movable(other, into):
                    continue
                if self._try_transfer(into, other, vid, before):
                    return True
                if self._try_exchange(into, other, vid, before):
                    return True
        return False

    def _try_transfer(self, mid: int, source: int, target: int, before) -> bool:
        if len(self.members[source]) <= self.min_size or len(self.members[target]) >= self.max_size:
            return False
        after = {source: [m for m in self.members[source] if m != mid],
                 target: [*self.members[target], mid]}  # fmt: skip
        return self._try(after, lambda: (self._remove(source, mid), self._add(target, mid)), before)

    def _try_exchange(self, mid: int, source: int, target: int, before) -> bool:
        for back in [m for m in self.members[target] if self._movable(target, m)]:
            if back in self.members[source] or back not in self.compatible_set[source]:
                continue
            after = {source: [m for m in self.members[source] if m != mid] + [back],
                     target: [m for m in self.members[target] if m != back] + [mid]}  # fmt: skip
            apply = lambda b=back: (self._remove(source, mid), self._remove(target, b),  # noqa: E731
                                    self._add(target, mid), self._add(source, b))  # fmt: skip
            if self._try(after, apply, before):
                return True
        return False


def _can_meet(mentor: Mentor, venture: Venture) -> bool:
    return venture.slot is None or mentor.slots is None or venture.slot in mentor.slots
