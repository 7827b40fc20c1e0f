"""Two publish clicks at the same moment (two tabs, two workers): the event is locked while its
status is checked, so the pairs are published and emailed once, and neither click is a 500."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.peer.test_choices_services import held, rank
from tests.support import WebSession, at_once, serving
from vms.extensions import db
from vms.mail.models import OutboxEmail
from vms.peer.choices import services
from vms.peer.models import EventStatus


@pytest.fixture
def live(app, make_app):
    with serving(make_app()) as url:
        yield url


def test_two_publish_clicks_at_once_publish_once(make_peer_event, live):
    world = held(make_peer_event(members=2, mentors=1, mentor_capacity=2))
    for member in world.members:
        rank(world, member, world.mentors)
    services.run_pairing(world.event)
    db.session.commit()
    url = f"/p/{world.program.slug}/peer/events/{world.event.id}/pairing/publish"
    sessions = [WebSession(live).sign_in(world.coordinator.email, PASSWORD) for _ in range(2)]
    replies = at_once([lambda s=s: s.post(url, {"confirm": "y"}) for s in sessions])
    assert [r.status for r in replies] == [302, 302]
    db.session.expire_all()
    assert world.event.status is EventStatus.PAIRED
    # One email per member and one to the peer mentor, not twice as many; and each member's
    # day-one goal is asked once (vms.evidence.goals).
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)) == 3 + 2
