"""A peer circle with its people, shared by the circle tests; no tests here.

The program keeps New York time and the circle meets on the first Tuesday of each month at
18:00. It is created as if 40 days ago, so its first date is over (to be recorded) and its
later dates are coming.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta

from vms.auth.models import Role, User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.peer.circles import dates, services
from vms.peer.circles.models import PeerCircle


@dataclass
class CircleWorld:
    program: Program
    coordinator: User
    facilitator: User
    circle: PeerCircle
    members: list[User] = field(default_factory=list)
    #: An entrepreneur of the program who is not in the circle.
    outsider: User | None = None
    #: A peer mentor of the program who does not facilitate the circle.
    other_peer_mentor: User | None = None
    mentor: User | None = None
    other_coordinator: User | None = None


def details(facilitator: User, **changes) -> services.CircleDetails:
    fields = dict(name="Tuesday circle", facilitator_id=facilitator.id, ordinal=1, weekday=2,
                  start_time=time(18), duration_minutes=90, timezone="America/New_York",
                  location="Room 4")  # fmt: skip
    return services.CircleDetails(**{**fields, **changes})


def circle_world_maker(make_program, make_member):
    """``make(members=3)``: a circle with a past date and coming ones, and a coordinator of
    another program for the other-program checks. Each circle test module wraps it in its
    own ``circle_world`` fixture."""

    def make(members: int = 3) -> CircleWorld:
        program = make_program("Circle Program")
        people = [make_member(program, Role.ENTREPRENEUR, name=f"Member {n:02d}")
                  for n in range(members)]  # fmt: skip
        world = CircleWorld(
            program, make_member(program, Role.COORDINATOR, name="Coordinator"),
            make_member(program, Role.PEER_MENTOR, name="Facilitator"), None, people,
            make_member(program, Role.ENTREPRENEUR, name="Outsider"),
            make_member(program, Role.PEER_MENTOR, name="Other peer mentor"),
            make_member(program, Role.MENTOR, name="Mentor"),
            make_member(make_program("Other Program"), Role.COORDINATOR, name="Other coord"),
        )  # fmt: skip
        world.circle = services.create_circle(
            program, details(world.facilitator), [p.id for p in people],
            now=now_utc() - timedelta(days=40),
        )  # fmt: skip
        dates.keep_ahead(world.circle)
        db.session.commit()
        deliver_all()
        return world

    return make
