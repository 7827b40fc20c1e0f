"""Placing each team's lead and minimum members. Pure: no Flask, no database.

A max-flow proves which ventures capacity allows (and says how short the others
are); an assignment then places leads and minimum members where mentors cover
the most needs. Used by the team builder (teams.py).
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow

from vms.cohorts.teams.builder.types import Mentor, Venture

#: (mentor id, venture id, placed as the lead)
Unit = tuple[int, int, bool]
#: venture id -> (lead places, other places) still to fill after the locked members
Demand = dict[int, tuple[int, int]]


def _spare(mentors: dict[int, Mentor], fixed: dict[int, list[int]], chosen) -> Counter[int]:
    spare = Counter({m: mentor.capacity for m, mentor in mentors.items()})
    for vid in chosen:
        spare.subtract(fixed[vid])
    return spare


def flow_places(
    mentors: dict[int, Mentor],
    compatible: dict[int, list[int]],
    fixed: dict[int, list[int]],
    demand: Demand,
    chosen: list[int],
) -> tuple[dict[int, int], list[Unit]]:
    """Max-flow: source → mentor (capacity) → (mentor, venture) → lead/other places → sink.

    Returns how many places each venture is short of, and the placed units. Built with
    numpy: 300 mentors × 80 ventures is some 24,000 pairs, and the builder may run the
    flow several times while it drops ventures capacity cannot serve.
    """
    spare, mids = _spare(mentors, fixed, chosen), list(mentors)
    pair_v, pair_m = _pairs(mids, compatible, fixed, chosen)
    at = _layout(len(mids), len(pair_v), len(chosen))
    eligible = np.array([mentors[m].lead_eligible for m in mids], dtype=bool)[pair_m]
    ones = np.ones(len(pair_v), dtype=int)
    sink = np.full(len(chosen), at.sink)
    flow = _max_flow(
        at.sink,
        (np.zeros(len(mids), int), 1 + np.arange(len(mids)), [max(0, spare[m]) for m in mids]),
        (1 + pair_m, at.pair, ones),
        (at.pair[eligible], at.lead[pair_v[eligible]], ones[eligible]),
        (at.pair, at.other[pair_v], ones),
        (at.lead, sink, [demand[v][0] for v in chosen]),
        (at.other, sink, [demand[v][1] for v in chosen]),
    )
    filled = _at(flow, at.lead, sink) + _at(flow, at.other, sink)
    short = {v: sum(demand[v]) - int(filled[j]) for j, v in enumerate(chosen)}
    used = np.flatnonzero(_at(flow, 1 + pair_m, at.pair) > 0)
    as_lead = _at(flow, at.pair[used], at.lead[pair_v[used]]) > 0
    units = [(mids[pair_m[k]], chosen[pair_v[k]], bool(is_lead))
             for k, is_lead in zip(used, as_lead, strict=True)]  # fmt: skip
    return short, units


class _Layout(NamedTuple):
    """The flow's nodes: 0 is the source, then mentors, pairs, lead and other places."""

    pair: np.ndarray
    lead: np.ndarray
    other: np.ndarray
    sink: int


def _layout(n_mentors: int, n_pairs: int, n_ventures: int) -> _Layout:
    pair = 1 + n_mentors + np.arange(n_pairs)
    lead = 1 + n_mentors + n_pairs + np.arange(n_ventures)
    return _Layout(pair, lead, lead + n_ventures, 1 + n_mentors + n_pairs + 2 * n_ventures)


def _pairs(mids: list[int], compatible: dict[int, list[int]], fixed: dict[int, list[int]],
           chosen: list[int]) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(venture index, mentor index) of every pair the flow may use (not the locked)."""
    index = {m: i for i, m in enumerate(mids)}
    allowed = np.zeros((len(chosen), len(mids)), dtype=bool)
    for j, v in enumerate(chosen):
        allowed[j, [index[m] for m in compatible[v]]] = True
        allowed[j, [index[m] for m in fixed[v]]] = False
    return np.nonzero(allowed)


def _max_flow(sink: int, *edges: tuple) -> csr_array:
    """The flow from node 0 to ``sink`` (the last node), given (tails, heads, capacities)."""
    rows, cols, caps = (np.concatenate(x).astype(np.int32) for x in zip(*edges, strict=True))
    graph = csr_array((caps, (rows, cols)), shape=(sink + 1, sink + 1))
    return maximum_flow(graph, 0, sink).flow


def _at(flow: csr_array, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The flow on these edges, as a flat array (scipy answers an empty query sparsely)."""
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    return np.asarray(flow[rows, cols]).ravel()


FORBIDDEN = 100_000


def assign_places(
    mentors: dict[int, Mentor],
    ventures: dict[int, Venture],
    compatible: dict[int, set[int]],
    fixed: dict[int, list[int]],
    demand: Demand,
    chosen: list[int],
) -> list[Unit] | None:
    """The lead and minimum places by a best assignment (the flow only proved they fit).

    Rows are units of mentor capacity, columns the places to fill; a place is worth the
    needs the mentor could cover. None if no assignment avoids a forbidden pair.
    """
    spare = _spare(mentors, fixed, chosen)
    mids = [m for m in mentors if spare[m] > 0]
    rows = np.repeat(np.arange(len(mids)), [spare[m] for m in mids])
    places = [(v, True) for v in chosen for _ in range(demand[v][0])]
    places += [(v, False) for v in chosen for _ in range(demand[v][1])]
    if not places or len(rows) < len(places):
        return None
    worth = _costs(mentors, ventures, compatible, fixed, mids, chosen)
    column = {vid: j for j, vid in enumerate(chosen)}
    cost = worth[rows][:, [column[v] for v, _lead in places]]
    leads_only = np.array([as_lead for _v, as_lead in places], dtype=bool)
    cannot_lead = np.array([not mentors[m].lead_eligible for m in mids], dtype=bool)[rows]
    cost[np.ix_(cannot_lead, leads_only)] = FORBIDDEN
    return _assign(cost, [mids[i] for i in rows], places)


def _costs(mentors: dict[int, Mentor], ventures: dict[int, Venture],
           compatible: dict[int, set[int]], fixed: dict[int, list[int]], mids: list[int],
           chosen: list[int]) -> np.ndarray:  # fmt: skip
    """The cost of each (mentor, venture): minus the needs covered, or FORBIDDEN."""
    worth = np.full((len(mids), len(chosen)), FORBIDDEN, dtype=np.int64)
    for j, vid in enumerate(chosen):
        needs, pool = ventures[vid].needs, compatible[vid]
        for i, mid in enumerate(mids):
            if mid in pool and mid not in fixed[vid]:
                worth[i, j] = -8 * (2 * len(mentors[mid].expertise & needs) + 1)
    return worth


def _assign(cost: np.ndarray, owner: list[int], places: list[tuple[int, bool]],
            ) -> list[Unit] | None:  # fmt: skip
    """The best assignment in which no mentor holds two places in one venture."""
    chosen = {v for v, _lead in places}
    columns_of = {vid: [j for j, (v, _l) in enumerate(places) if v == vid] for vid in chosen}
    for _ in range(len(owner)):  # each round forbids one duplicate; a few rounds at most
        picked = list(zip(*linear_sum_assignment(cost), strict=True))
        if any(cost[i, j] >= FORBIDDEN for i, j in picked):
            return None
        duplicate = _duplicate(picked, owner, places)
        if duplicate is None:
            return [(owner[i], places[j][0], places[j][1]) for i, j in picked]
        cost[duplicate, columns_of[places[dict(picked)[duplicate]][0]]] = FORBIDDEN
    return None


def _duplicate(picked, rows, places) -> int | None:
    """A row whose mentor (capacity 2) already holds another place in the same venture."""
    seen: set[tuple[int, int]] = set()
    for i, j in picked:
        key = (rows[i], places[j][0])
        if key in seen:
            return i
        seen.add(key)
    return None
