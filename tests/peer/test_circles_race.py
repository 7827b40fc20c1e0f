"""Two coordinators saving a circle of eleven at the same moment, each adding someone else:
the circle is locked while its size is checked, so it ends with twelve, never thirteen."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.peer.test_circles_world import circle_world_maker
from tests.support import WebSession, at_once, serving
from vms.auth.models import Role
from vms.extensions import db
from vms.peer.circles.models import CircleMember, PeerCircle


@pytest.fixture
def circle_world(app, make_program, make_member):
    return circle_world_maker(make_program, make_member)


@pytest.fixture
def live(app, make_app):
    with serving(make_app()) as url:
        yield url


def test_two_additions_at_once_never_make_thirteen(circle_world, make_member, live):
    world = circle_world(members=11)
    first, second = (make_member(world.program, Role.ENTREPRENEUR) for _ in range(2))
    url = f"/p/{world.program.slug}/peer/circles/{world.circle.id}/edit"
    form = {"name": world.circle.name, "facilitator_id": world.facilitator.id, "ordinal": 1,
            "weekday": 2, "start_time": "18:00", "duration_minutes": 90,
            "timezone": "America/New_York", "location": "Room 4"}  # fmt: skip
    eleven = [m.id for m in world.members]
    posts = [{**form, "members": [*eleven, newcomer]} for newcomer in (first.id, second.id)]
    sessions = [WebSession(live).sign_in(world.coordinator.email, PASSWORD) for _ in posts]
    replies = at_once([lambda s=s, p=p: s.post(url, p)
                       for s, p in zip(sessions, posts, strict=True)])  # fmt: skip
    assert all(r.status in (200, 302) for r in replies)
    db.session.expire_all()
    size = db.session.scalar(
        select(func.count()).select_from(CircleMember)
        .where(CircleMember.circle_id == world.circle.id)
    )  # fmt: skip
    assert size == 12


def test_two_identical_clicks_at_once_make_one_circle_and_no_500(circle_world, live):
    world = circle_world()
    url = f"/p/{world.program.slug}/peer/circles/new"
    form = {"name": "Twice", "facilitator_id": world.facilitator.id, "ordinal": 1,
            "weekday": 2, "start_time": "18:00", "duration_minutes": 90,
            "timezone": "America/New_York", "location": "Room 4",
            "members": [m.id for m in world.members]}  # fmt: skip
    sessions = [WebSession(live).sign_in(world.coordinator.email, PASSWORD) for _ in range(2)]
    replies = at_once([lambda s=s: s.post(url, form) for s in sessions])
    assert sorted(r.status for r in replies) == [200, 302]
    assert "There is already a circle named" in next(r.text for r in replies if r.status == 200)
    db.session.expire_all()
    count = select(func.count()).select_from(PeerCircle).where(PeerCircle.name == "Twice")
    assert db.session.scalar(count) == 1
