"""Team builder benchmark: quality against the exact optimum (scipy's milp, HiGHS) and speed.

Instances are skewed and scarce on purpose (popular expertise, few leads, tight
capacity, meeting slots): on easy ones every team reaches the maximum and the
benchmark would measure nothing. Run: `make bench` (or python bench/teams_bench.py).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_array

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from vms.cohorts.teams import Mentor, Venture, form_teams  # noqa: E402

AREAS = ["marketing", "sales", "finance", "fundraising", "legal", "product", "technology",
         "operations", "team", "strategy"]  # fmt: skip
POPULAR = AREAS[:3]
BACKGROUNDS = ["software", "finance", "healthcare", "energy", "retail", "law", "media", "hardware"]
SLOTS = ["tue", "wed", "thu"]
MIN_SIZE, MAX_SIZE = 3, 5


def instance(n_mentors: int, n_ventures: int, seed: int):
    rng = random.Random(seed)
    mentors = []
    for i in range(n_mentors):
        popular = rng.random() < 0.65
        expertise = rng.sample(POPULAR, 2) if popular else rng.sample(AREAS, 2)
        background = rng.choice(BACKGROUNDS[:3]) if rng.random() < 0.6 else rng.choice(BACKGROUNDS)
        slots = None if rng.random() < 0.4 else frozenset(rng.sample(SLOTS, rng.choice([1, 2])))
        mentors.append(Mentor(i, background, frozenset(expertise), rng.random() < 0.22,
                              1 if rng.random() < 0.8 else 2, slots))  # fmt: skip
    ventures = [
        Venture(1000 + j, frozenset(rng.sample(AREAS[2:], 3)), rng.choice([None, *SLOTS]))
        for j in range(n_ventures)
    ]
    conflicts = {(rng.randrange(n_mentors), 1000 + rng.randrange(n_ventures))
                 for _ in range(n_mentors // 4)}  # fmt: skip
    return ventures, mentors, conflicts


def exact(ventures, mentors, conflicts, time_limit=120.0):
    """Lexicographic optimum: most teams, then the best weakest team, then the best total."""

    def meets(m, v):
        return (m.id, v.id) not in conflicts and (v.slot is None or m.slots is None
                                                   or v.slot in m.slots)  # fmt: skip

    x = [(m, v) for v in ventures for m in mentors if meets(m, v) and m.capacity > 0]
    lead = [(m, v) for m, v in x if m.lead_eligible]
    cover = [(n, v) for v in ventures for n in sorted(v.needs)]
    back = [(g, v) for v in ventures for g in sorted({m.background for m, w in x if w is v})]
    names = ([("x", m.id, v.id) for m, v in x] + [("l", m.id, v.id) for m, v in lead]
             + [("t", v.id) for v in ventures] + [("c", n, v.id) for n, v in cover]
             + [("b", g, v.id) for g, v in back] + [("w",)])  # fmt: skip
    index = {name: i for i, name in enumerate(names)}
    rows, lower, upper = [], [], []

    def row(coefs, lo, hi):
        rows.append(coefs)
        lower.append(lo)
        upper.append(hi)

    big = 2 * 10 + len(BACKGROUNDS)
    for v in ventures:
        members = {index[("x", m.id, v.id)]: 1 for m, w in x if w is v}
        t = index[("t", v.id)]
        row({**members, t: -MIN_SIZE}, 0, np.inf)
        row({**members, t: -MAX_SIZE}, -np.inf, 0)
        row({**{index[("l", m.id, v.id)]: 1 for m, w in lead if w is v}, t: -1}, 0, 0)
        score = {index[("c", n, v.id)]: 2 for n in v.needs}
        score.update({index[("b", g, w.id)]: 1 for g, w in back if w is v})
        row({**{k: -c for k, c in score.items()}, index[("w",)]: 1, t: big}, -np.inf, big)
    for m, v in lead:
        row({index[("l", m.id, v.id)]: 1, index[("x", m.id, v.id)]: -1}, -np.inf, 0)
    for m in mentors:
        row({index[("x", m.id, v.id)]: 1 for mm, v in x if mm is m}, -np.inf, m.capacity)
    for n, v in cover:
        helpers = {index[("x", m.id, v.id)]: -1 for m, w in x if w is v and n in m.expertise}
        row({index[("c", n, v.id)]: 1, **helpers}, -np.inf, 0)
    for g, v in back:
        helpers = {index[("x", m.id, v.id)]: -1 for m, w in x if w is v and m.background == g}
        row({index[("b", g, v.id)]: 1, **helpers}, -np.inf, 0)
    matrix = lil_array((len(rows), len(names)))
    for r, coefs in enumerate(rows):
        for c, value in coefs.items():
            matrix[r, c] = value
    base = LinearConstraint(matrix.tocsr(), lower, upper)
    integrality = np.ones(len(names))
    integrality[index[("w",)]] = 0
    bounds = Bounds(np.zeros(len(names)), np.r_[np.ones(len(names) - 1), big])
    options = {"time_limit": time_limit, "disp": False}

    def solve(objective, extra):
        result = milp(objective, constraints=[base, *extra], integrality=integrality,
                      bounds=bounds, options=options)  # fmt: skip
        return result

    def vector(entries):
        out = np.zeros(len(names))
        for k, c in entries.items():
            out[k] = c
        return out

    teamed = vector({index[("t", v.id)]: -1 for v in ventures})
    first = solve(teamed, [])
    n_teams = round(-first.fun)
    keep_teams = LinearConstraint(-teamed, n_teams, n_teams)
    second = solve(vector({index[("w",)]: -1}), [keep_teams])
    weakest = round(-second.fun) if n_teams else 0
    total_vec = vector({index[k]: (-2 if k[0] == "c" else -1) for k in names if k[0] in "cb"})
    keep_weakest = LinearConstraint(vector({index[("w",)]: 1}), weakest, np.inf)
    third = solve(total_vec, [keep_teams, keep_weakest])
    return n_teams, weakest, round(-third.fun), third.status == 0


def heuristic(ventures, mentors, conflicts):
    start = time.perf_counter()
    plan = form_teams(ventures, mentors, conflicts, MIN_SIZE, MAX_SIZE)
    seconds = time.perf_counter() - start
    scores = list(plan.scores.values())
    return len(plan.teams), (min(scores) if scores else 0), sum(scores), seconds


def quality(n_mentors: int, n_ventures: int, seeds: range) -> None:
    print(f"\n{n_mentors} mentors × {n_ventures} ventures (exact MILP vs builder)")
    print(" seed | teams opt/ours | weakest opt/ours | total opt/ours (%) | builder s | milp s")
    ratios, gaps = [], []
    for seed in seeds:
        ventures, mentors, conflicts = instance(n_mentors, n_ventures, seed)
        started = time.perf_counter()
        opt_teams, opt_weak, opt_total, proven = exact(ventures, mentors, conflicts)
        milp_seconds = time.perf_counter() - started
        teams, weak, total, seconds = heuristic(ventures, mentors, conflicts)
        ratio = total / opt_total if opt_total else 1.0
        ratios.append(ratio)
        gaps.append(opt_weak - weak)
        mark = "" if proven else " (time limit)"
        print(f" {seed:4d} | {opt_teams:3d} / {teams:3d}     | {opt_weak:3d} / {weak:3d}        |"
              f" {opt_total:4d} / {total:4d} ({100 * ratio:5.1f}%) | {seconds:8.2f} | "
              f"{milp_seconds:6.1f}{mark}")  # fmt: skip
    print(
        f" worst total ratio {100 * min(ratios):.1f}% (target ≥ 98%); "
        f"worst weakest-team gap {max(gaps)} point(s) (target ≤ 1)"
    )


def speed(n_mentors: int, n_ventures: int, seeds: range) -> None:
    times = []
    for seed in seeds:
        ventures, mentors, conflicts = instance(n_mentors, n_ventures, seed)
        times.append(heuristic(ventures, mentors, conflicts)[3])
    print(
        f"\n{n_mentors} mentors × {n_ventures} ventures: builder median "
        f"{statistics.median(times):.2f} s, worst {max(times):.2f} s (target < 2 s)"
    )


if __name__ == "__main__":
    quality(60, 15, range(1, 6))
    quality(120, 30, range(1, 4))
    speed(300, 80, range(1, 4))
