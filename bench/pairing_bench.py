"""Ranked pairing benchmark: pair() against the exact optimum (scipy's milp, stage by stage) and
against a dense linear_sum_assignment on the capacity-expanded matrix.

2,000 members × 500 peer mentors, capacity 4 (as many places as members), top-3 lists drawn
with Zipf-like popularity, so the popular peer mentors are wanted far beyond their places and
the profile is not trivially all first choices. Run: `make bench` (or python
bench/pairing_bench.py).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.peer.pairing_reference import key_of, milp_key  # noqa: E402
from vms.peer import b_matching  # noqa: E402
from vms.peer.pairing import _encode, _problem, one_more_place, pair, rank_profile  # noqa: E402

MEMBERS, MENTORS, CAPACITY, CHOICES, RUNS = 2000, 500, 4, 3, 5


def instance(seed: int, zipf: float):
    """Each member ranks 3 distinct peer mentors, peer mentor k drawn with weight 1/(k+1)**zipf."""
    rng = random.Random(seed)
    mentors = [f"p{k:03d}" for k in range(MENTORS)]
    weights = [1 / (k + 1) ** zipf for k in range(MENTORS)]
    rankings = {}
    for m in range(MEMBERS):
        ranked: list[str] = []
        while len(ranked) < CHOICES:
            pick = rng.choices(mentors, weights)[0]
            ranked += [pick] if pick not in ranked else []
        rankings[f"m{m:04d}"] = ranked
    return rankings


def timed(function, runs=RUNS):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return result, times


def spread(times):
    return (f"min {min(times):.3f} s, median {statistics.median(times):.3f} s, "
            f"max {max(times):.3f} s")  # fmt: skip


def dense_matrix(rankings):
    """Rows = members, columns = the 2,000 mentor places + one dummy per member, with the same
    integer weights as pair() (inf: not ranked)."""
    problem = _problem(rankings, CAPACITY, None, None)
    costs, _ = _encode(problem)
    dummy = b_matching.unmatched_cost(costs)
    n = len(costs)
    matrix = np.full((n, MENTORS * CAPACITY + n), np.inf)
    for i, row in enumerate(costs):
        for j, cost in row:
            matrix[i, j * CAPACITY : (j + 1) * CAPACITY] = cost
        matrix[i, MENTORS * CAPACITY + i] = dummy
    return problem, matrix


def dense_pairing(problem, rows, cols):
    places = MENTORS * CAPACITY
    chosen = {
        problem.rows[i]: problem.mentors[c // CAPACITY]
        for i, c in zip(rows, cols, strict=True)
        if c < places
    }
    return {member: chosen.get(member) for member in problem.members}


def report(zipf: float) -> None:
    rankings = instance(seed=1, zipf=zipf)
    print(f"\n{MEMBERS} members × {MENTORS} peer mentors, capacity {CAPACITY}, "
          f"top-{CHOICES}, Zipf exponent {zipf}")  # fmt: skip
    pairing, times = timed(lambda: pair(rankings, CAPACITY))
    profile = rank_profile(rankings, pairing)
    print(f" pair() ({RUNS} runs): {spread(times)}")
    print(f" profile: by choice {profile.by_choice}, unpaired {profile.unpaired}")
    started = time.perf_counter()
    best = milp_key(rankings, CAPACITY)
    milp_seconds = time.perf_counter() - started
    same = key_of(rankings, pairing) == best
    print(f" exact optimum (milp stages, {milp_seconds:.1f} s): key {best} -> equal: {same}")
    problem, matrix = dense_matrix(rankings)  # built once, not timed: LSA's call alone
    (rows, cols), lsa_times = timed(lambda: linear_sum_assignment(matrix), runs=3)
    dense = dense_pairing(problem, rows, cols)
    print(f" dense linear_sum_assignment {matrix.shape[0]}×{matrix.shape[1]}: "
          f"{spread(lsa_times)}; profile equal: {key_of(rankings, dense) == best}")  # fmt: skip
    ratio = statistics.median(times) / statistics.median(lsa_times)
    print(f" pair() median / dense LSA median = {ratio:.3f} (target ≤ 1, aim far below)")
    exact, exact_times = timed(lambda: pair(rankings, CAPACITY, method="exact"), runs=3)
    print(f" pair(method='exact') (pure-Python ints): {spread(exact_times)}; "
          f"equal: {key_of(rankings, exact) == best}")  # fmt: skip
    gains, gain_times = timed(lambda: one_more_place(rankings, CAPACITY), runs=3)
    helping = [m for m, g in gains.items() if g.more_paired]
    print(f" one_more_place(), all {MENTORS} peer mentors: {spread(gain_times)}; "
          f"{len(helping)} would pair one more, best: {next(iter(gains))}")  # fmt: skip
    mentor_rankings = {p: sorted(m for m, r in rankings.items() if p in r)[:3]
                       for p in sorted({p for r in rankings.values() for p in r})}  # fmt: skip
    costs, _ = _encode(_problem(rankings, CAPACITY, mentor_rankings, None))
    solver = "sparse" if b_matching.fits_float64(costs) else "exact: weights past the float64 bound"
    _, tie_times = timed(lambda: pair(rankings, CAPACITY, mentor_rankings), runs=3)
    print(f" pair() with mentor rankings (3 members each; {solver}): {spread(tie_times)}")


if __name__ == "__main__":
    report(zipf=0.5)  # skewed; close to ALGORITHMS.md's anchor (dense LSA about 0.4 s)
    report(zipf=1.0)  # heavy skew: hundreds cannot be paired at all
