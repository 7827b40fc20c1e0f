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

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow


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
    max_rounds: int = 60,
) -> Plan:
    """Propose teams. ``preferences``: (mentor, venture) volunteers, a soft tie-breaker;
    ``locked``: (mentor, venture) pairs the coordinator fixed, always kept."""
    if not 1 <= min_size <= max_size:
        raise ValueError("need 1 <= min_size <= max_size")
    builder = _Builder(list(ventures), list(mentors), set(conflicts), min_size, max_size,
                       set(preferences), list(locked))  # fmt: skip
    return builder.run(max_rounds)


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
        self.plan = Plan()
        self.members: dict[int, list[int]] = {}
        self.lead: dict[int, int] = {}
        self.load: Counter[int] = Counter()
        self._fix(locked)

    def _fix(self, locked) -> None:
        """Keep the coordinator's locked pairs that the hard rules allow."""
        used: Counter[int] = Counter()
        for mid, vid in locked:
            legal = mid in self.mentors and vid in self.ventures and mid in self.compatible[vid]
            if not legal or mid in self.fixed[vid] or len(self.fixed[vid]) >= self.max_size:
                continue
            if used[mid] < self.mentors[mid].capacity:
                self.fixed[vid].append(mid)
                self.locked.add((mid, vid))
                used[mid] += 1

    # -- the phases ------------------------------------------------------------------

    def run(self, max_rounds: int) -> Plan:
        candidates = [v for v in self.ventures if self._explain_alone(v)]
        chosen = self._choose_by_capacity(candidates)
        for vid in chosen:
            self._fill(vid)
        self._improve(max_rounds)
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
                self._take_initial_teams(chosen, units)
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

    def _improve(self, max_rounds: int) -> None:
        for _ in range(max_rounds):
            if not self._improving_move():
                return

    # -- the capacity flow ------------------------------------------------------------------

    def _demand(self, vid: int) -> tuple[int, int]:
        """(lead places, other places) the flow must fill, after the locked members."""
        fixed = self.fixed[vid]
        lead = 0 if any(self.mentors[m].lead_eligible for m in fixed) else 1
        return lead, max(0, self.min_size - len(fixed) - lead)

    def _flow(self, chosen: list[int]):
        """Max-flow: source → mentor (capacity) → (mentor, venture) → lead/other places → sink.

        Returns how many places each venture got, and the (mentor, venture, as lead) units.
        """
        spare = Counter({m: mentor.capacity for m, mentor in self.mentors.items()})
        for vid in chosen:
            spare.subtract(self.fixed[vid])
        mids = list(self.mentors)
        pairs = [(m, v) for v in chosen for m in self.compatible[v] if m not in self.fixed[v]]
        n_m, n_p, n_v = len(mids), len(pairs), len(chosen)
        sink = 1 + n_m + n_p + 2 * n_v
        m_node = {m: 1 + i for i, m in enumerate(mids)}
        lead_node = {v: 1 + n_m + n_p + i for i, v in enumerate(chosen)}
        other_node = {v: 1 + n_m + n_p + n_v + i for i, v in enumerate(chosen)}
        edges = [(0, m_node[m], max(0, spare[m])) for m in mids]
        for i, (m, v) in enumerate(pairs):
            edges.append((m_node[m], 1 + n_m + i, 1))
            if self.mentors[m].lead_eligible:
                edges.append((1 + n_m + i, lead_node[v], 1))
            edges.append((1 + n_m + i, other_node[v], 1))
        for v in chosen:
            lead, others = self._demand(v)
            edges += [(lead_node[v], sink, lead), (other_node[v], sink, others)]
        rows, cols, caps = (np.array(x, dtype=np.int32) for x in zip(*edges, strict=True))
        graph = csr_array((caps, (rows, cols)), shape=(sink + 1, sink + 1))
        result = maximum_flow(graph, 0, sink).flow.tocoo()
        flows = {(int(r), int(c)): int(f) for r, c, f in zip(result.row, result.col,
                 result.data, strict=True) if f > 0}  # fmt: skip
        short = {v: sum(self._demand(v)) - flows.get((lead_node[v], sink), 0)
                 - flows.get((other_node[v], sink), 0) for v in chosen}  # fmt: skip
        units = [
            (m, v, flows.get((1 + n_m + i, lead_node[v]), 0) > 0)
            for i, (m, v) in enumerate(pairs)
            if flows.get((m_node[m], 1 + n_m + i), 0) > 0
        ]
        return short, units

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
        scores = [self._score(v) for v in self.members]
        if not scores:
            return (0, 0, 0)
        weakest = min(scores)
        return (weakest, -scores.count(weakest), sum(scores))

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

    def _remove(self, vid: int, mid: int) -> None:
        self.members[vid].remove(mid)
        self.load[mid] -= 1

    def _improving_move(self) -> bool:
        """One move that raises (weakest, fewest at weakest, total); weakest teams first."""
        before = self._objective()
        for vid in sorted(self.members, key=self._score):
            if self._try_grow(vid, before) or self._try_replace(vid, before):
                return True
            if self._try_swap(vid, before):
                return True
        return False

    def _try_grow(self, vid: int, before) -> bool:
        if len(self.members[vid]) >= self.max_size:
            return False
        mid = self._best_addition(vid)
        if mid is None:
            return False
        self._add(vid, mid)
        if self._objective() > before:
            return True
        self._remove(vid, mid)
        return False

    def _replaceable(self, vid: int) -> list[int]:
        return [m for m in self.members[vid] if m != self.lead[vid]
                and (m, vid) not in self.locked]  # fmt: skip

    def _try_replace(self, vid: int, before) -> bool:
        """Swap a member for a free compatible mentor."""
        for out in self._replaceable(vid):
            for into in self.compatible[vid]:
                if into in self.members[vid] or not self._free(into):
                    continue
                self._remove(vid, out)
                self._add(vid, into)
                if self._objective() > before:
                    return True
                self._remove(vid, into)
                self._add(vid, out)
        return False

    def _try_swap(self, vid: int, before) -> bool:
        """Exchange one member with a member of another team."""
        for other in self.members:
            if other == vid:
                continue
            for a in self._replaceable(vid):
                if a not in self.compatible[other] or a in self.members[other]:
                    continue
                for b in self._replaceable(other):
                    if b not in self.compatible[vid] or b in self.members[vid]:
                        continue
                    self._exchange(vid, a, other, b)
                    if self._objective() > before:
                        return True
                    self._exchange(vid, b, other, a)
        return False

    def _exchange(self, vid: int, a: int, other: int, b: int) -> None:
        self.members[vid].remove(a)
        self.members[vid].append(b)
        self.members[other].remove(b)
        self.members[other].append(a)


def _can_meet(mentor: Mentor, venture: Venture) -> bool:
    return venture.slot is None or mentor.slots is None or venture.slot in mentor.slots
