"""Peer mentoring for the every-page world (tests/every_page_world.py), through the services.

The demo has a paired and a planned speed-dating event; the sister program gets the same
(its own entrepreneurs and peer mentors in its cohort), and each program gets a circle
with a recorded past date and coming ones, so that every event and circle page of both
programs has a real object to show.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from vms.auth import services as accounts
from vms.auth.models import Membership, Role, User
from vms.cohorts import services as cohorts
from vms.cohorts.models import Cohort, Program
from vms.database import now_utc
from vms.demo_data import DEMO_PASSWORD
from vms.extensions import db
from vms.peer.choices import services as choices
from vms.peer.circles import dates
from vms.peer.circles import services as circles
from vms.peer.circles.models import CircleMeeting, PeerCircle
from vms.peer.events import seating
from vms.peer.events import services as events
from vms.peer.events.timetable import SessionPlan
from vms.peer.models import EventStatus, PeerEvent, PeerRole
from vms.scheduling.models import Meeting

#: The sister program's peer cohort: role -> names (addresses made as for its mentors).
SISTER_PEERS = {
    Role.ENTREPRENEUR: ["Ainhoa Berasategui", "Telmo Urquijo", "Maite Sagasta", "Iker Zubiaurre"],
    Role.PEER_MENTOR: ["Leire Arrieta", "Unai Etxeberria"],
}
#: Titles unlike the demo's, so a page of one program naming the other's event is caught.
SISTER_EVENTS = ("Citas rápidas de primavera", "Citas rápidas de verano")
#: The members a circle takes in the every-page world (its rule allows twelve).
CIRCLE_SIZE = 6


def grow_sister_peers(sister: Program, cohort: Cohort, coordinator: User, address) -> None:
    """Entrepreneurs and peer mentors in the cohort; a paired event and a planned one."""
    for role, names in SISTER_PEERS.items():
        for name in names:
            person = accounts.register_user(address(name), name, DEMO_PASSWORD,
                                            "Europe/Madrid", "es")  # fmt: skip
            cohorts.add_member(person, sister, role, cohort)
    evening = now_utc().replace(hour=17, minute=0, second=0, microsecond=0)  # 18:00 in Madrid
    held, coming = SISTER_EVENTS
    paired = plan(sister, cohort, coordinator, held, evening - timedelta(days=14))
    hold(paired)
    rank_and_publish(paired, evening - timedelta(days=7))
    plan(sister, cohort, coordinator, coming, evening + timedelta(days=10))


def plan(program: Program, cohort: Cohort, coordinator: User, title: str,
          starts_at: datetime) -> PeerEvent:  # fmt: skip
    details = events.EventDetails(
        cohort_id=cohort.id, title=title, sessions=(SessionPlan(starts_at),), location="Sala 5"
    )
    # Planned the day before it starts, as a coordinator would have.
    return events.plan_event(program, details, starts_at - timedelta(days=1), coordinator)


def hold(event: PeerEvent) -> None:
    """Every round of the event held: its members may rank."""
    event.move_to(EventStatus.RUNNING)
    event.rounds_started = seating.round_count(event)
    event.move_to(EventStatus.HELD)


def rank_and_publish(event: PeerEvent, deadline: datetime) -> None:
    """Each member ranks every peer mentor (before ``deadline``); the pairs are published,
    and everyone is emailed their pair."""
    mentors = sorted(p.user_id for p in event.participants if p.role is PeerRole.PEER_MENTOR)
    members = [p for p in event.participants if p.role is PeerRole.MEMBER]
    for n, member in enumerate(sorted(members, key=lambda p: p.user_id)):
        ranked = mentors[n % len(mentors) :] + mentors[: n % len(mentors)]
        choices.save_ranking(event, member, ranked, [], now=deadline - timedelta(days=2))
    choices.run_pairing(event)
    choices.publish(event, now=deadline)


def add_circle(program: Program, first_members: list[int]) -> PeerCircle:
    """A circle facilitated by the program's first peer mentor, ``first_members`` (founders
    the crawler signs in as) among its members; created forty days ago, so its first date is
    over and recorded, and its next ones are coming."""
    facilitator = _holders(program, Role.PEER_MENTOR)[0]
    entrepreneurs = _holders(program, Role.ENTREPRENEUR)
    first = [u for u in first_members if u in entrepreneurs]
    members = [*first, *(u for u in entrepreneurs if u not in first)][:CIRCLE_SIZE]
    rule = circles.CircleDetails(f"Circle of {program.name}", facilitator, 1, 2, time(18), 90,
                                 program.timezone, "Room 7")  # fmt: skip
    circle = circles.create_circle(program, rule, members, now=now_utc() - timedelta(days=40),
                                   invite=False)  # fmt: skip
    dates.keep_ahead(circle)
    past = circle_dates(circle)[0]
    entries = [circles.MemberEntry(uid, n % 3 != 2, f"Call {n + 2} customers" if n % 3 != 2 else "")
               for n, uid in enumerate(members)]  # fmt: skip
    circles.record_meeting(circle, past, entries)
    return circle


def _holders(program: Program, role: Role) -> list[int]:
    return list(db.session.scalars(
        select(Membership.user_id).filter_by(program_id=program.id, role=role)
        .order_by(Membership.user_id)
    ))  # fmt: skip


def circle_dates(circle: PeerCircle) -> list[CircleMeeting]:
    """The circle's dates, earliest first."""
    return list(db.session.scalars(
        select(CircleMeeting).join(Meeting, Meeting.id == CircleMeeting.meeting_id)
        .where(CircleMeeting.circle_id == circle.id).order_by(Meeting.starts_at)
    ))  # fmt: skip


def peer_values(program: Program) -> dict[str, list]:
    """Every event of the program; each circle beside one past and one coming date of it
    (``circle_id`` and ``meeting_id`` are zipped: the i-th circle goes with the i-th date)."""
    now = now_utc()
    found: list[tuple[int, int]] = []
    for circle in db.session.scalars(
        select(PeerCircle).filter_by(program_id=program.id).order_by(PeerCircle.id)
    ):
        held = circle_dates(circle)
        past = [d for d in held if d.meeting.starts_at < now][:1]  # the recorded one
        coming = [d for d in held if d.meeting.starts_at >= now][:1]
        found += [(circle.id, d.meeting_id) for d in past + coming]
    return {
        "event_id": list(db.session.scalars(
            select(PeerEvent.id).filter_by(program_id=program.id).order_by(PeerEvent.id))),
        "circle_id": [circle for circle, _meeting in found],
        "circle_dates": [meeting for _circle, meeting in found],
    }  # fmt: skip
