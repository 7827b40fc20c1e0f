"""The result of a trial, arm against comparison arm, with a 95% confidence interval. Pure.

- Proportions (a team, a first agenda, a meaningful connection, a fit "yes"): each arm's
  Wilson score interval, and for the difference Newcombe's hybrid score interval (his method
  10, 1998), which stays inside [-1, 1] and behaves with small groups and rates of 0 or 1,
  where Wald's interval collapses to a point.
- Days (to a team): the difference of means with Welch's t interval (unequal variances).

Never a bare p-value: each difference comes with a verdict in words, and the groups are too
small to conclude anything below ``MIN_PER_ARM`` (or the interval spans zero).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean, variance

from scipy.stats import t as student_t

CONFIDENCE = 0.95
#: 1.959963984540054: the normal quantile of a two-sided 95% interval.
Z = NormalDist().inv_cdf(1 - (1 - CONFIDENCE) / 2)
#: Fewer in an arm and nothing is concluded, whatever the interval says.
MIN_PER_ARM = 10


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def spans_zero(self) -> bool:
        return self.low <= 0 <= self.high


class Verdict(enum.Enum):
    #: An arm has fewer than MIN_PER_ARM: nothing can be concluded.
    TOO_FEW = "too_few"
    #: The interval holds zero (or there is none): no conclusion yet.
    NO_CONCLUSION = "no_conclusion"
    HIGHER = "higher"
    LOWER = "lower"


@dataclass(frozen=True)
class Proportion:
    count: int
    n: int

    @property
    def rate(self) -> float | None:
        return self.count / self.n if self.n else None


@dataclass(frozen=True)
class Difference:
    #: The arm's value minus the comparison arm's (None: one of them has no value).
    estimate: float | None
    interval: Interval | None
    verdict: Verdict


def wilson(p: Proportion, z: float = Z) -> Interval | None:
    """Wilson's score interval of one proportion (None for an empty group)."""
    if p.n == 0:
        return None
    rate, n = p.count / p.n, p.n
    centre = (rate + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n))
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def newcombe(arm: Proportion, comparison: Proportion, z: float = Z) -> Interval | None:
    """Newcombe's hybrid score interval of ``arm.rate - comparison.rate``."""
    first, second = wilson(arm, z), wilson(comparison, z)
    if first is None or second is None:
        return None
    p1, p2 = arm.count / arm.n, comparison.count / comparison.n
    d = p1 - p2
    low = d - math.sqrt((p1 - first.low) ** 2 + (second.high - p2) ** 2)
    high = d + math.sqrt((first.high - p1) ** 2 + (p2 - second.low) ** 2)
    return Interval(low, high)


def welch(arm: Sequence[float], comparison: Sequence[float]) -> Interval | None:
    """Welch's interval of ``mean(arm) - mean(comparison)`` (None below two values a group)."""
    if len(arm) < 2 or len(comparison) < 2:
        return None
    d = fmean(arm) - fmean(comparison)
    a, b = variance(arm) / len(arm), variance(comparison) / len(comparison)
    if a + b == 0:  # no spread at all: the difference is what it is
        return Interval(d, d)
    df = (a + b) ** 2 / (a * a / (len(arm) - 1) + b * b / (len(comparison) - 1))
    half = float(student_t.ppf(1 - (1 - CONFIDENCE) / 2, df)) * math.sqrt(a + b)
    return Interval(d - half, d + half)


def verdict(sizes: Sequence[int], estimate: float | None, interval: Interval | None) -> Verdict:
    if min(sizes) < MIN_PER_ARM:
        return Verdict.TOO_FEW
    if estimate is None or interval is None or interval.spans_zero():
        return Verdict.NO_CONCLUSION
    return Verdict.HIGHER if estimate > 0 else Verdict.LOWER


def compare_proportions(arm: Proportion, comparison: Proportion) -> Difference:
    estimate = (None if arm.rate is None or comparison.rate is None
                else arm.rate - comparison.rate)  # fmt: skip
    interval = newcombe(arm, comparison)
    return Difference(estimate, interval, verdict((arm.n, comparison.n), estimate, interval))


def compare_means(arm: Sequence[float], comparison: Sequence[float]) -> Difference:
    estimate = fmean(arm) - fmean(comparison) if arm and comparison else None
    interval = welch(arm, comparison)
    return Difference(estimate, interval, verdict((len(arm), len(comparison)), estimate,
                                                  interval))  # fmt: skip
