"""The rubric aggregation, without an app."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vms.screening.mentors.scoring import Score, aggregate

CRITERIA = [10, 20, 30]


def scores(table: dict[int, dict[int, int]]) -> list[Score]:
    """{interviewer: {criterion: value}} -> scores."""
    return [Score(i, c, v) for i, row in table.items() for c, v in row.items()]


def test_means_spreads_and_overall_in_rubric_order():
    result = aggregate(scores({1: {10: 4, 20: 2, 30: 5}, 2: {10: 5, 20: 2, 30: 3}}), CRITERIA)
    assert [s.criterion_id for s in result.criteria] == CRITERIA
    first, second, third = result.criteria
    assert (first.mean, first.spread, first.values) == (4.5, 1, {1: 4, 2: 5})
    assert (second.mean, second.spread, second.stdev) == (2.0, 0, 0.0)
    assert (third.mean, third.spread) == (4.0, 2)
    assert result.overall == pytest.approx((4.5 + 2.0 + 4.0) / 3)


def test_unscored_criterion_and_no_scores():
    result = aggregate(scores({1: {10: 3}}), CRITERIA)
    assert result.criteria[1].mean is None and result.criteria[1].values == {}
    assert result.overall == 3.0
    empty = aggregate([], CRITERIA)
    assert empty.overall is None and empty.flags == []


def test_a_lenient_interviewer_is_flagged_above_and_the_others_are_not():
    table = {
        1: {10: 5, 20: 5, 30: 5},  # lenient
        2: {10: 3, 20: 2, 30: 3},
        3: {10: 3, 20: 3, 30: 2},
    }
    flags = aggregate(scores(table), CRITERIA).flags
    assert [(f.interviewer_id, f.direction) for f in flags] == [(1, "above")]
    assert flags[0].offset == pytest.approx(2.0)  # two points above each criterion's median
    assert flags[0].shared_criteria == 3


def test_a_harsh_interviewer_is_flagged_below():
    table = {1: {10: 4, 20: 4}, 2: {10: 4, 20: 5}, 3: {10: 1, 20: 2}}
    flags = aggregate(scores(table), CRITERIA).flags
    assert flags[0].interviewer_id == 3 and flags[0].direction == "below"


def test_agreement_on_a_weak_candidate_flags_nobody():
    table = {1: {10: 1, 20: 2, 30: 1}, 2: {10: 2, 20: 1, 30: 1}}
    assert aggregate(scores(table), CRITERIA).flags == []


def test_two_interviewers_who_disagree_widely_are_both_flagged():
    flags = aggregate(scores({1: {10: 5, 20: 5}, 2: {10: 2, 20: 3}}), CRITERIA).flags
    assert {(f.interviewer_id, f.direction) for f in flags} == {(1, "above"), (2, "below")}


def test_a_lone_interviewer_cannot_be_calibrated():
    assert aggregate(scores({1: {10: 5, 20: 5}}), CRITERIA).flags == []


def test_invalid_scores_are_refused():
    with pytest.raises(ValueError):
        Score(1, 10, 6)
    with pytest.raises(ValueError):
        aggregate([Score(1, 10, 3), Score(1, 10, 4)], CRITERIA)


@given(
    st.dictionaries(
        st.integers(1, 6),
        st.dictionaries(st.sampled_from(CRITERIA), st.integers(1, 5), min_size=1),
        min_size=1,
    )
)
def test_properties(table):
    result = aggregate(scores(table), CRITERIA)
    for summary in result.criteria:
        if summary.values:
            assert min(summary.values.values()) <= summary.mean <= max(summary.values.values())
            assert 0 <= summary.spread <= 4
    for flag in result.flags:
        assert abs(flag.offset) >= 1.0 and flag.shared_criteria >= 1
    # Identical scorers are never flagged.
    uniform = {who: {c: 3 for c in CRITERIA} for who in table}
    assert aggregate(scores(uniform), CRITERIA).flags == []
