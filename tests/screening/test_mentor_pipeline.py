"""Every legal and illegal move of the mentor pipeline, recorded with who, when and why."""

import pytest

from vms.screening.mentors.models import MENTOR_MOVES, MentorApplication, MentorStatus
from vms.states import IllegalTransition

S = MentorStatus


def _application(status: MentorStatus) -> MentorApplication:
    application = MentorApplication(name="Ann", email="ann@example.org", status=status)
    application.events = []
    return application


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current, targets in MENTOR_MOVES.items() for target in targets],
)
def test_legal_moves_are_made_and_recorded(current, target):
    application = _application(current)
    event = application.move_to(target, actor=None, note="why")
    assert application.status is target
    assert (event.from_status, event.to_status, event.note) == (current, target, "why")
    assert event.at is not None and application.events == [event]


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in MentorStatus for t in MentorStatus if t not in MENTOR_MOVES[c]],
)
def test_illegal_moves_are_refused_with_a_reason(current, target):
    application = _application(current)
    with pytest.raises(IllegalTransition, match=f"from {current.value} to {target.value}"):
        application.move_to(target, actor=None)
    assert application.status is current and application.events == []


def test_acceptance_needs_an_interview_and_decisions_are_final():
    assert S.ACCEPTED not in MENTOR_MOVES[S.SUBMITTED]
    assert S.ACCEPTED not in MENTOR_MOVES[S.INTERVIEW_SCHEDULED]
    for final in (S.ACCEPTED, S.DECLINED, S.WITHDRAWN):
        assert MENTOR_MOVES[final] == frozenset()
