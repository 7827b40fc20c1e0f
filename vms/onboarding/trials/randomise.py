"""Which arm a newcomer gets: the arm with the fewest assigned so far, ties broken at random.

Why not permuted blocks: a program takes in 20–30 ventures a month and may stop a trial at
any moment, so the arms must be balanced at every moment, not only at a block's end; fewest-
first keeps every two arms within one of each other always. Its known weakness, that the next
arm can be guessed when the counts differ, does not bias this trial: nobody chooses whom to
take in by the arm they would get (intake is the application itself). Pure.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

#: Production draws from the operating system's randomness (tests pass a seeded Random).
SYSTEM_RANDOM = random.SystemRandom()


def next_arm(counts: Sequence[int], rng: random.Random = SYSTEM_RANDOM) -> int:
    """The index of the arm to assign, given how many each arm holds."""
    if not counts:
        raise ValueError("a trial without arms assigns nobody")
    fewest = min(counts)
    return rng.choice([index for index, count in enumerate(counts) if count == fewest])
