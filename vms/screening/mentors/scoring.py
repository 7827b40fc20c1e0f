"""Rubric aggregation and interviewer calibration: pure, typed, no Flask or database.

Each interviewer scores each criterion 1–5 on their own. For a decision the
program wants, per criterion, every score, the mean and the spread; and a flag
on an interviewer who scores far above or below the others on the same
criteria (calibration). The offset is measured per criterion against the
median of all its scores, so a hard candidate does not make everyone look
harsh, and one lenient interviewer does not make the others look harsh.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean, median, pstdev

MIN_SCORE, MAX_SCORE = 1, 5
#: How far (in rubric points, on average) an interviewer must sit from the others to be flagged.
CALIBRATION_THRESHOLD = 1.0


@dataclass(frozen=True)
class Score:
    interviewer_id: int
    criterion_id: int
    value: int

    def __post_init__(self) -> None:
        if not MIN_SCORE <= self.value <= MAX_SCORE:
            raise ValueError(f"a score is {MIN_SCORE}–{MAX_SCORE}, not {self.value}")


@dataclass(frozen=True)
class CriterionSummary:
    criterion_id: int
    #: interviewer id -> score, for the interviewers who scored this criterion
    values: dict[int, int]
    mean: float | None
    #: highest minus lowest score (0 when all agree or one scored)
    spread: int
    stdev: float | None


@dataclass(frozen=True)
class CalibrationFlag:
    interviewer_id: int
    #: this interviewer's score minus the criterion's median, averaged over shared criteria
    offset: float
    shared_criteria: int

    @property
    def direction(self) -> str:
        return "above" if self.offset > 0 else "below"


@dataclass(frozen=True)
class Aggregate:
    criteria: list[CriterionSummary]
    #: mean of the criterion means (each criterion weighs the same)
    overall: float | None
    flags: list[CalibrationFlag]


def aggregate(
    scores: Iterable[Score],
    criterion_ids: Sequence[int],
    threshold: float = CALIBRATION_THRESHOLD,
) -> Aggregate:
    """Summaries in the rubric's order, the overall mean, and calibration flags."""
    by_criterion = _by_criterion(scores)
    summaries = [_summarise(cid, by_criterion.get(cid, {})) for cid in criterion_ids]
    means = [s.mean for s in summaries if s.mean is not None]
    overall = fmean(means) if means else None
    return Aggregate(summaries, overall, calibration_flags(by_criterion, threshold))


def _by_criterion(scores: Iterable[Score]) -> dict[int, dict[int, int]]:
    table: dict[int, dict[int, int]] = defaultdict(dict)
    for score in scores:
        if score.interviewer_id in table[score.criterion_id]:
            raise ValueError(
                f"interviewer {score.interviewer_id} scored criterion {score.criterion_id} twice"
            )
        table[score.criterion_id][score.interviewer_id] = score.value
    return dict(table)


def _summarise(criterion_id: int, values: dict[int, int]) -> CriterionSummary:
    if not values:
        return CriterionSummary(criterion_id, {}, None, 0, None)
    numbers = list(values.values())
    return CriterionSummary(
        criterion_id, dict(values), fmean(numbers), max(numbers) - min(numbers), pstdev(numbers)
    )


def calibration_flags(
    by_criterion: dict[int, dict[int, int]], threshold: float = CALIBRATION_THRESHOLD
) -> list[CalibrationFlag]:
    """Interviewers whose average offset from the median reaches ``threshold``.

    With two interviewers the median is their mean, so a large disagreement
    flags both: nobody can tell yet which one is off.
    """
    offsets: dict[int, list[float]] = defaultdict(list)
    for values in by_criterion.values():
        if len(values) < 2:
            continue
        middle = median(values.values())
        for interviewer, value in values.items():
            offsets[interviewer].append(value - middle)
    flags = [
        CalibrationFlag(interviewer, fmean(diffs), len(diffs))
        for interviewer, diffs in offsets.items()
        if abs(fmean(diffs)) >= threshold
    ]
    return sorted(flags, key=lambda flag: (-abs(flag.offset), flag.interviewer_id))
