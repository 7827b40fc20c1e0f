"""The event owns its status moves."""

import pytest

from vms.peer.models import EventStatus
from vms.states import IllegalTransition


def test_an_event_moves_forward_only(make_peer_event):
    world = make_peer_event(members=2, mentors=2)
    event = world.event
    assert [p.role.value for p in event.participants].count("member") == 2
    with pytest.raises(IllegalTransition):
        event.move_to(EventStatus.PAIRED)
    for status in (EventStatus.RUNNING, EventStatus.HELD, EventStatus.PAIRED):
        event.move_to(status)
    assert event.status is EventStatus.PAIRED
    with pytest.raises(IllegalTransition):
        event.move_to(EventStatus.PLANNED)
