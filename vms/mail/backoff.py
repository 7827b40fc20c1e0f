"""How long to wait before trying a failed email again: exponential back-off with jitter.

Pure: the dispatcher passes the attempt number and its random source, so tests can fix both.
"""

from __future__ import annotations

import random
from datetime import timedelta

#: The wait after the first failure; each further failure doubles it, up to ``CAP``.
FIRST_WAIT = timedelta(minutes=1)
CAP = timedelta(hours=2)
#: Each wait is drawn between (1 - JITTER) and (1 + JITTER) times the nominal one, so emails
#: that failed together (the server was down) do not all come back at the same second.
JITTER = 0.25


def retry_delay(attempts: int, rng: random.Random | None = None) -> timedelta:
    """The wait after ``attempts`` failed tries (1 for the first failure)."""
    nominal = min(FIRST_WAIT * 2 ** max(0, attempts - 1), CAP)
    factor = 1 + (rng or random).uniform(-JITTER, JITTER)
    return nominal * factor
