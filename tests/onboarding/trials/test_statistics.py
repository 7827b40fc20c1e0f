"""The statistics, against published values and the formulas written out here (no app)."""

from __future__ import annotations

import math

import pytest
from scipy.stats import t as student_t

from vms.onboarding.trials.statistics import (
    Proportion,
    Verdict,
    compare_means,
    compare_proportions,
    newcombe,
    welch,
    wilson,
)

Z = 1.959963984540054


def _wilson_by_hand(x: int, n: int) -> tuple[float, float]:
    p = x / n
    centre = (2 * n * p + Z**2) / (2 * (n + Z**2))
    half = Z * math.sqrt(Z**2 + 4 * n * p * (1 - p)) / (2 * (n + Z**2))
    return centre - half, centre + half


def test_wilson_matches_the_textbook_form():
    low, high = _wilson_by_hand(56, 70)
    found = wilson(Proportion(56, 70))
    assert (found.low, found.high) == (pytest.approx(low), pytest.approx(high))
    # Newcombe (1998), table I: 81/263 has Wilson's interval 0.2553 to 0.3662.
    found = wilson(Proportion(81, 263))
    assert (round(found.low, 4), round(found.high, 4)) == (0.2553, 0.3662)


@pytest.mark.parametrize(("a", "b", "expected"), [
    # Newcombe (1998), table II, method 10 (the hybrid score interval).
    ((56, 70), (48, 80), (0.0524, 0.3339)),
    ((9, 10), (3, 10), (0.1705, 0.8090)),
])  # fmt: skip
def test_newcombe_matches_the_published_intervals(a, b, expected):
    found = newcombe(Proportion(*a), Proportion(*b))
    assert (round(found.low, 4), round(found.high, 4)) == expected


def test_newcombe_is_wilson_combined_by_hand():
    (l1, u1), (l2, u2) = _wilson_by_hand(2, 3), _wilson_by_hand(1, 3)
    d = 2 / 3 - 1 / 3
    found = newcombe(Proportion(2, 3), Proportion(1, 3))
    assert found.low == pytest.approx(d - math.sqrt((2 / 3 - l1) ** 2 + (u2 - 1 / 3) ** 2))
    assert found.high == pytest.approx(d + math.sqrt((u1 - 2 / 3) ** 2 + (1 / 3 - l2) ** 2))


def test_welch_by_hand():
    # Means 20 and 40; variances 100 and 400 over three values each: standard error
    # sqrt(100/3 + 400/3), Welch's degrees of freedom (500/3)² / ((100/3)²/2 + (400/3)²/2).
    se, df = math.sqrt(500 / 3), (500 / 3) ** 2 / ((100 / 3) ** 2 / 2 + (400 / 3) ** 2 / 2)
    assert df == pytest.approx(250000 / 85000)
    half = student_t.ppf(0.975, df) * se
    found = welch([10, 20, 30], [20, 40, 60])
    assert (found.low, found.high) == (pytest.approx(-20 - half), pytest.approx(-20 + half))
    assert welch([10], [20, 30]) is None


def test_verdicts_say_when_nothing_can_be_concluded():
    few = compare_proportions(Proportion(5, 5), Proportion(0, 5))
    assert few.verdict is Verdict.TOO_FEW and few.estimate == 1.0
    clear = compare_proportions(Proportion(56, 70), Proportion(48, 80))
    assert clear.verdict is Verdict.HIGHER and clear.estimate == pytest.approx(0.2)
    worse = compare_proportions(Proportion(48, 80), Proportion(56, 70))
    assert worse.verdict is Verdict.LOWER
    unclear = compare_proportions(Proportion(30, 60), Proportion(28, 60))
    assert unclear.verdict is Verdict.NO_CONCLUSION and unclear.interval.spans_zero()
    empty = compare_proportions(Proportion(0, 0), Proportion(3, 12))
    assert empty.estimate is None and empty.interval is None
    days = compare_means([10.0] * 12, [30.0] * 12)
    assert days.estimate == -20 and days.verdict is Verdict.LOWER
