"""Independent references for the pairing: brute force (small cases) and scipy's milp (HiGHS)
solving the lexicographic order stage by stage. Shared by tests/peer/test_pairing.py and
bench/pairing_bench.py; neither uses vms.peer's code.

Both return a pairing's "key": (unpaired, n_R, …, n_1, t_{S+1}, …, t_1) where n_r counts members
on their r-th choice and t_s pairs on their peer mentor's s-th choice (S + 1: not ranked by the
peer mentor; the t's only with mentor rankings). Smaller is better, read left to right.
"""

from __future__ import annotations

from collections import Counter
from itertools import product

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array


def places_of(capacity, mentor):
    return capacity[mentor] if isinstance(capacity, dict) else capacity


def key_of(rankings, pairing, mentor_rankings=None):
    longest = max((len(ranked) for ranked in rankings.values()), default=0)
    by_choice = [0] * longest
    for member, mentor in pairing.items():
        if mentor is not None:
            by_choice[list(rankings[member]).index(mentor)] += 1
    unpaired = sum(pairing.get(member) is None for member in rankings)
    return (unpaired, *reversed(by_choice), *tier_counts(pairing, mentor_rankings))


def tier_counts(pairing, mentor_rankings):
    if mentor_rankings is None:
        return ()
    unranked = max((len(ranked) for ranked in mentor_rankings.values()), default=0) + 1
    counts = [0] * unranked
    for member, mentor in pairing.items():
        if mentor is not None:
            ranked = list(mentor_rankings.get(mentor, ()))
            counts[ranked.index(member) if member in ranked else unranked - 1] += 1
    return tuple(reversed(counts))


def brute_force_key(rankings, capacity, mentor_rankings=None, locked=None):
    """The best key over every feasible pairing (keep it to ≤ 6 members × ≤ 4 peer mentors)."""
    locked = locked or {}
    members = sorted(rankings)
    options = [
        [locked[m]] if m in locked else [None, *[p for p in rankings[m] if places_of(capacity, p)]]
        for m in members
    ]
    best = None
    for choice in product(*options):
        load = Counter(p for p in choice if p is not None)
        if any(n > places_of(capacity, p) for p, n in load.items()):
            continue
        key = key_of(rankings, dict(zip(members, choice, strict=True)), mentor_rankings)
        best = key if best is None or key < best else best
    return best


def milp_key(rankings, capacity, mentor_rankings=None, locked=None):
    """The best key by stages: most pairs; fix that; fewest on the last choice; fix; …; then the
    peer mentors' tiers the same way. Each stage is a MILP solved to proven optimality."""
    locked = locked or {}
    edges = [
        (member, mentor, rank)
        for member in sorted(rankings)
        for rank, mentor in enumerate(rankings[member], 1)
        if places_of(capacity, mentor) and locked.get(member, mentor) == mentor
    ]
    if not edges:
        return key_of(rankings, dict(locked), mentor_rankings)
    constraints = [_places(rankings, capacity, edges)]
    lower = np.array([1.0 if locked.get(member) == mentor else 0.0 for member, mentor, _ in edges])
    key = []
    for k, objective in enumerate(_stages(rankings, mentor_rankings, edges)):
        sign = -1.0 if k == 0 else 1.0  # the first stage maximises the number paired
        result = milp(
            sign * objective,
            constraints=constraints,
            integrality=np.ones(len(edges)),
            bounds=Bounds(lower, np.ones(len(edges))),
            options={"mip_rel_gap": 0},
        )
        assert result.status == 0, result.message
        value = round(sign * result.fun)
        key.append(value)
        constraints.append(LinearConstraint(objective, value, value))
    key[0] = len(rankings) - key[0]
    return tuple(key)


def _places(rankings, capacity, edges):
    """A member takes at most one edge, a peer mentor at most its capacity."""
    member_row = {member: i for i, member in enumerate(sorted(rankings))}
    mentors = sorted({mentor for _, mentor, _ in edges})
    mentor_row = {mentor: len(rankings) + k for k, mentor in enumerate(mentors)}
    rows = [member_row[m] for m, _, _ in edges] + [mentor_row[p] for _, p, _ in edges]
    cols = list(range(len(edges))) * 2
    shape = (len(rankings) + len(mentors), len(edges))
    matrix = coo_array((np.ones(len(rows)), (rows, cols)), shape=shape)
    upper = np.r_[np.ones(len(rankings)), [places_of(capacity, m) for m in mentors]]
    return LinearConstraint(matrix.tocsr(), -np.inf, upper)


def _stages(rankings, mentor_rankings, edges):
    """The objectives in order: pairs, then each choice from the last, then each tier."""
    stages = [np.ones(len(edges))]
    longest = max(len(r) for r in rankings.values())
    stages += [np.array([rank == r for _, _, rank in edges], float) for r in range(longest, 0, -1)]
    if mentor_rankings is not None:
        tiers = np.array(_tiers(edges, mentor_rankings))
        unranked = max((len(ranked) for ranked in mentor_rankings.values()), default=0) + 1
        stages += [(tiers == t).astype(float) for t in range(unranked, 0, -1)]
    return stages


def _tiers(edges, mentor_rankings):
    unranked = max((len(ranked) for ranked in mentor_rankings.values()), default=0) + 1
    tiers = []
    for member, mentor, _ in edges:
        ranked = list(mentor_rankings.get(mentor, ()))
        tiers.append(ranked.index(member) + 1 if member in ranked else unranked)
    return tiers
