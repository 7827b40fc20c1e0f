"""Two clicks on the event clock at the same moment: one is applied, the other refused.

Real parallel requests from separate sessions against a threaded live server (as several
workers would get them), on PostgreSQL when VMS_TEST_DATABASE_URL is set, else on SQLite.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.peer.test_event_mode_views import seat
from tests.support import WebSession, at_once, serving
from vms.extensions import db
from vms.peer.live.models import PeerEventClock
from vms.peer.models import EventStatus


@pytest.fixture
def live(app, make_app):
    with serving(make_app()) as url:
        yield url


def _clock():
    db.session.expire_all()
    return db.session.scalar(select(PeerEventClock))


@pytest.mark.parametrize("clicks", [2, 4])
def test_start_clicked_at_once_starts_round_one_once(make_peer_event, live, clicks):
    world = make_peer_event()
    seat(world)
    base = f"/p/{world.program.slug}/peer/events/{world.event.id}/live"
    sessions = [WebSession(live).sign_in(world.coordinator.email, PASSWORD) for _ in range(clicks)]
    data = {"version": 0, "phase": "not_started", "round": 1}
    replies = at_once([lambda s=s: s.post(f"{base}/start", data) for s in sessions])
    assert [r.status for r in replies] == [302] * clicks
    assert (_clock().round, _clock().version) == (1, 1)
    db.session.refresh(world.event)
    assert (world.event.status, world.event.rounds_started) == (EventStatus.RUNNING, 1)
    # The same "one more minute" from two screens at once adds one minute, not two.
    ends_at = _clock().ends_at
    data = {"version": 1, "phase": "conversation"}
    at_once([lambda s=s: s.post(f"{base}/extend", data) for s in sessions[:2]])
    assert (_clock().version, (_clock().ends_at - ends_at).total_seconds()) == (2, 60)
