"""Every legal and illegal move of the venture pipeline, recorded with who, when and why."""

import pytest

from vms.cohorts.models import VENTURE_MOVES, Venture, VentureStatus
from vms.states import IllegalTransition

S = VentureStatus


def _venture(status: VentureStatus) -> Venture:
    venture = Venture(name="V", status=status)
    venture.events = []
    return venture


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current, targets in VENTURE_MOVES.items() for target in targets],
)
def test_legal_moves_are_made_and_recorded(current, target):
    venture = _venture(current)
    event = venture.move_to(target, actor=None, note="why")
    assert venture.status is target
    assert (event.from_status, event.to_status, event.note) == (current, target, "why")


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in VentureStatus for t in VentureStatus if t not in VENTURE_MOVES[c]],
)
def test_illegal_moves_are_refused_with_a_reason(current, target):
    venture = _venture(current)
    with pytest.raises(IllegalTransition, match=f"from {current.value} to {target.value}"):
        venture.move_to(target, actor=None)
    assert venture.status is current and venture.events == []


def test_the_path_and_its_final_states():
    path = [S.SUBMITTED, S.ACCEPTED, S.DOCKETED, S.TEAMED, S.ACTIVE, S.GRADUATED]
    for here, there in zip(path, path[1:], strict=False):
        assert there in VENTURE_MOVES[here]
    for final in (S.GRADUATED, S.WITHDRAWN, S.DECLINED):
        assert VENTURE_MOVES[final] == frozenset()
