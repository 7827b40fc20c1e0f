"""Speed-dating rotation benchmark: time to build the rounds, and their number against the bound.

The bound is computed here from the issue's formula, not by the module, and every schedule is
checked (each pair met once, nobody twice in a round, tables within range). Run: `make bench`
(or python bench/rotation_bench.py).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from vms.peer.rotation import build_rotation, fewest_rounds  # noqa: E402

RUNS = 7


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def pods_of(members: list[str], g: int) -> list[list[str]]:
    pods, rest = [], list(members)
    for left in range(ceil_div(len(members), g), 0, -1):
        size = ceil_div(len(rest), left)
        pods.append(rest[:size])
        rest = rest[size:]
    return pods


def bound(members, mentors, tables, g, skip) -> int:
    """max(most meetings of one pod or peer mentor, ⌈meetings / min(T, n)⌉)."""
    edges = [(p, y) for p, pod in enumerate(pods_of(members, g)) for y in mentors
             if any((x, y) not in skip for x in pod)]  # fmt: skip
    loads: dict[object, int] = {}
    for p, y in edges:
        loads[p] = loads.get(p, 0) + 1
        loads[y] = loads.get(y, 0) + 1
    return max(max(loads.values()), ceil_div(len(edges), min(tables, len(mentors))))


def check(rounds, members, mentors, tables, skip) -> None:
    met = []
    for round_ in rounds:
        seated = [x for meeting in round_ for x in meeting.members]
        assert len(set(seated)) == len(seated) and len({m.mentor for m in round_}) == len(round_)
        assert len({m.table for m in round_}) == len(round_)
        assert all(1 <= m.table <= tables for m in round_)
        met += [(x, meeting.mentor) for meeting in round_ for x in meeting.members]
    needed = {(x, y) for x in members for y in mentors if (x, y) not in skip}
    assert len(met) == len(needed) and set(met) == needed


def case(label: str, m: int, n: int, tables: int, g: int, skip_rate: float) -> None:
    rng = random.Random(2024)
    members, mentors = [f"member {i}" for i in range(m)], [f"mentor {j}" for j in range(n)]
    skip = {(x, y) for x in members for y in mentors if rng.random() < skip_rate}
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        rounds = build_rotation(members, mentors, tables, g, skip)
        times.append(time.perf_counter() - started)
    check(rounds, members, mentors, tables, skip)
    why = fewest_rounds(members, mentors, tables, g, skip)
    sizes = sorted({len(round_) for round_ in rounds})
    print(
        f" {label:<38} | {min(times):6.3f} {statistics.median(times):6.3f} {max(times):6.3f} |"
        f" {len(rounds):5d} / {bound(members, mentors, tables, g, skip):4d} |"
        f" {'-'.join(map(str, sizes)):>5} | {why.reason}"
    )


if __name__ == "__main__":
    print(f"\nbuild_rotation, seconds over {RUNS} runs (target: well under 1 s)")
    print(f" {'event':<38} |    min median    max | rounds/bound | sizes | binds")
    case("200 × 60 on 40 tables, g=1", 200, 60, 40, 1, 0.0)
    case("200 × 60 on 40 tables, g=3", 200, 60, 40, 3, 0.0)
    case("200 × 60 on 40 tables, g=1, 10% skip", 200, 60, 40, 1, 0.1)
    case("60 × 60 one-to-one (Δ binds)", 60, 60, 60, 1, 0.0)
    case("200 × 60 on 60 tables, 30% skip", 200, 60, 60, 1, 0.3)
