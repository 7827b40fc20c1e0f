"""Placing each team's lead and minimum members. Pure: no Flask, no database.

A max-flow proves which ventures capacity allows (and says how short the others
are); an assignment then places leads and minimum members where mentors cover
the most needs. Used by the team builder (teams.py).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow

if TYPE_CHECKING:
    from vms.cohorts.teams import Mentor, Venture

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

    Returns how many places each venture is short of, and the placed units.
    """
    spare = _spare(mentors, fixed, chosen)
    mids = list(mentors)
    pairs = [(m, v) for v in chosen for m in compatible[v] if m not in fixed[v]]
    n_m, n_p, n_v = len(mids), len(pairs), len(chosen)
    sink = 1 + n_m + n_p + 2 * n_v
    m_node = {m: 1 + i for i, m in enumerate(mids)}
    lead_node = {v: 1 + n_m + n_p + i for i, v in enumerate(chosen)}
    other_node = {v: 1 + n_m + n_p + n_v + i for i, v in enumerate(chosen)}
    edges = [(0, m_node[m], max(0, spare[m])) for m in mids]
    for i, (m, v) in enumerate(pairs):
        edges.append((m_node[m], 1 + n_m + i, 1))
        if mentors[m].lead_eligible:
            edges.append((1 + n_m + i, lead_node[v], 1))
        edges.append((1 + n_m + i, other_node[v], 1))
    for v in chosen:
        edges += [(lead_node[v], sink, demand[v][0]), (other_node[v], sink, demand[v][1])]
    rows, cols, caps = (np.array(x, dtype=np.int32) for x in zip(*edges, strict=True))
    graph = csr_array((caps, (rows, cols)), shape=(sink + 1, sink + 1))
    result = maximum_flow(graph, 0, sink).flow.tocoo()
    flows = {(int(r), int(c)): int(f) for r, c, f in zip(result.row, result.col,
             result.data, strict=True) if f > 0}  # fmt: skip
    short = {v: sum(demand[v]) - flows.get((lead_node[v], sink), 0)
             - flows.get((other_node[v], sink), 0) for v in chosen}  # fmt: skip
    units = [
        (m, v, flows.get((1 + n_m + i, lead_node[v]), 0) > 0)
        for i, (m, v) in enumerate(pairs)
        if flows.get((m_node[m], 1 + n_m + i), 0) > 0
    ]
    return short, units


FORBIDDEN = 100_000


def assign_places(
    mentors: dict[int, Mentor],
    ventures: dict[int, Venture],
    compatible: dict[int, set[int]],
    fixed: dict[int, list[int]],
    demand: Demand,
    chosen: list[int],
    restart: int = 0,
) -> list[Unit] | None:
    """The lead and minimum places by a best assignment (the flow only proved they fit).

    Rows are units of mentor capacity, columns the places to fill; a place is worth the
    needs the mentor could cover. None if no assignment avoids a forbidden pair.
    ``restart`` > 0 breaks ties differently (never outweighing a covered need).
    """
    spare = _spare(mentors, fixed, chosen)
    rows = [m for m in mentors for _ in range(max(0, spare[m]))]
    places = [(v, True) for v in chosen for _ in range(demand[v][0])]
    places += [(v, False) for v in chosen for _ in range(demand[v][1])]
    if not places or len(rows) < len(places):
        return None
    cost = np.full((len(rows), len(places)), FORBIDDEN, dtype=np.int64)
    jitter = np.random.default_rng(restart).integers(0, 8 if restart else 1, size=cost.shape)
    for j, (vid, as_lead) in enumerate(places):
        needs = ventures[vid].needs
        for i, mid in enumerate(rows):
            mentor = mentors[mid]
            allowed = mid in compatible[vid] and mid not in fixed[vid]
            if allowed and (mentor.lead_eligible or not as_lead):
                cost[i, j] = -8 * (2 * len(mentor.expertise & needs) + 1) - jitter[i, j]
    columns_of = {vid: [j for j, (v, _l) in enumerate(places) if v == vid] for vid in chosen}
    for _ in range(len(rows)):  # each round forbids one duplicate; a few rounds at most
        picked = list(zip(*linear_sum_assignment(cost), strict=True))
        if any(cost[i, j] >= FORBIDDEN for i, j in picked):
            return None
        duplicate = _duplicate(picked, rows, places)
        if duplicate is None:
            return [(rows[i], places[j][0], places[j][1]) for i, j in picked]
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
