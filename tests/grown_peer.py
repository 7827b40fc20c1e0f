"""The peer part of a grown unit (tests/grown_world.py): newcomers in the speed-dating events
the crawler opens (seated in rounds of their own, ranking and paired once the event is
held), one more event with the personas in it, more past dates of the crawled circles with
what was recorded at each, and one more circle with the personas in it.

A circle has at most twelve members: the first unit fills the crawled circles from the
program's entrepreneurs, later units add none. Rows are written directly, with real keys;
statuses are the events' own.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from tests.grown_screening import GROWN
from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Cohort, CohortMember
from vms.database import now_utc
from vms.extensions import db
from vms.peer.choices.models import PeerPair, PeerRanking
from vms.peer.circles.models import (
    MAX_MEMBERS,
    CircleMeeting,
    CircleMember,
    CircleRecord,
    PeerCircle,
)
from vms.peer.events import seating
from vms.peer.models import (
    EventStatus,
    PeerEvent,
    PeerEventSession,
    PeerParticipant,
    PeerRole,
    PeerSeat,
)
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus

if TYPE_CHECKING:
    from tests.grown_world import Cast

#: Members and peer mentors who join each crawled event per unit (each meets each once).
NEWCOMERS = 3
#: Past dates added to each crawled circle per unit.
PAST_DATES = 2
PEER_ROLE = {Role.ENTREPRENEUR: PeerRole.MEMBER, Role.PEER_MENTOR: PeerRole.PEER_MENTOR}


def grow(cast: Cast, cohort: Cohort, unit: int) -> None:
    slug = cast.program.slug
    members, mentors = (
        [_newcomer(cast, cohort, role, f"{role.value}-{slug}-{unit}-{n}") for n in range(NEWCOMERS)]
        for role in (Role.ENTREPRENEUR, Role.PEER_MENTOR)
    )  # fmt: skip
    db.session.flush()
    for event in cast.events:
        _join(event, members, mentors)
    _new_event(cast, cohort, [*members, *mentors], unit)
    for circle in cast.circles:
        _fill(cast, circle)
        _past_dates(circle, unit)
    _new_circle(cast, members, unit)
    db.session.flush()


def _newcomer(cast: Cast, cohort: Cohort, role: Role, local_part: str) -> User:
    user = User(email=f"{local_part}@{GROWN}", name=f"Grown {local_part}", locale="en",
                password_hash=cast.password_hash, timezone="America/New_York")  # fmt: skip
    db.session.add(user)
    db.session.add(Membership(user=user, program_id=cast.program.id, role=role))
    in_cohorts = {cohort.id, *(event.cohort_id for event in cast.events)}
    db.session.add_all(CohortMember(cohort_id=c, user=user, role=role) for c in in_cohorts)
    return user


def _join(event: PeerEvent, members: list[User], mentors: list[User]) -> None:
    """The newcomers take part, each member meeting each new peer mentor in rounds after the
    event's last; held rounds are history, and a held event's newcomers ranked (and, once it
    is paired, were paired with their first choice)."""
    last = seating.round_count(event)
    event.participants.extend(PeerParticipant(user=m, role=PeerRole.MEMBER) for m in members)
    event.participants.extend(PeerParticipant(user=m, role=PeerRole.PEER_MENTOR) for m in mentors)
    for step in range(NEWCOMERS):
        for n, member in enumerate(members):
            table = (n + step) % NEWCOMERS
            db.session.add(PeerSeat(event_id=event.id, round=last + step + 1, table=table + 1,
                                    mentor_id=mentors[table].id, member_id=member.id))  # fmt: skip
    if event.status is EventStatus.PLANNED:
        return
    event.rounds_started = last + NEWCOMERS
    for n, member in enumerate(members):
        ranked = (mentors[n:] + mentors[:n])[: event.choices]
        db.session.add_all(PeerRanking(event_id=event.id, ranker_id=member.id, ranked_id=m.id,
                                       rank=rank) for rank, m in enumerate(ranked, 1))  # fmt: skip
        if event.status is EventStatus.PAIRED:
            db.session.add(PeerPair(event_id=event.id, member_id=member.id, rank=1,
                                    mentor_id=ranked[0].id, published_at=now_utc()))  # fmt: skip


def _personas(cast: Cast) -> list[tuple[User, Role]]:
    """The entrepreneur and peer-mentor personas, each person once."""
    return list({user.id: (user, role) for user, role in reversed(cast.others)}.values())


def _new_event(cast: Cast, cohort: Cohort, newcomers: list[User], unit: int) -> None:
    """A planned event of the new cohort with the personas and the newcomers in it."""
    starts_at = now_utc().replace(hour=22, minute=0, second=0, microsecond=0)
    event = PeerEvent(
        program_id=cast.program.id, cohort_id=cohort.id, title=f"Grown speed dating {unit}",
        timezone=cast.program.timezone, created_by_id=cast.coordinators[0].id,
        sessions=[PeerEventSession(position=1, starts_at=starts_at + timedelta(days=20 + unit))],
    )  # fmt: skip
    people = [*_personas(cast), *((u, Role.ENTREPRENEUR) for u in newcomers[:NEWCOMERS]),
              *((u, Role.PEER_MENTOR) for u in newcomers[NEWCOMERS:])]  # fmt: skip
    event.participants = [PeerParticipant(user=u, role=PEER_ROLE[r]) for u, r in people]
    db.session.add(event)


def _fill(cast: Cast, circle: PeerCircle) -> None:
    """Entrepreneurs of the program join the circle up to its twelve, invited to its
    coming dates."""
    room = MAX_MEMBERS - len(circle.members)
    if room <= 0:
        return
    joining = db.session.scalars(
        select(Membership.user_id)
        .filter_by(program_id=cast.program.id, role=Role.ENTREPRENEUR)
        .where(Membership.user_id.not_in(circle.member_ids()))
        .order_by(Membership.user_id).limit(room)
    ).all()  # fmt: skip
    circle.members.extend(CircleMember(user_id=user_id) for user_id in joining)
    coming = db.session.scalars(
        select(Meeting).join(CircleMeeting, CircleMeeting.meeting_id == Meeting.id)
        .where(CircleMeeting.circle_id == circle.id, Meeting.starts_at > now_utc())
    )  # fmt: skip
    for meeting in coming:
        meeting.invitees.extend(Invitee(user_id=user_id) for user_id in joining)


def _past_dates(circle: PeerCircle, unit: int) -> None:
    """Dates long past (before the circle's own), each with everyone's record."""
    people = sorted(circle.member_ids())
    for n in range(PAST_DATES):
        day = now_utc().date() - timedelta(days=120 + 60 * unit + 30 * n)
        starts_at = datetime.combine(day, time(22), UTC)
        meeting = Meeting(
            program_id=circle.program_id, kind=MeetingKind.PEER_CIRCLE, occurrence_date=day,
            title=circle.name, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=90),
            timezone=circle.timezone, location=circle.location,
            organizer_id=circle.facilitator_id, status=MeetingStatus.SCHEDULED,
            invitees=[Invitee(user_id=p, attended=i % 4 != 0) for i, p in enumerate(people)],
        )  # fmt: skip
        records = [CircleRecord(user_id=p, present=i % 4 != 0, done=i % 2 == 0,
                                commitment=f"Grown commitment {unit}-{n}-{i}")
                   for i, p in enumerate(people)]  # fmt: skip
        db.session.add(CircleMeeting(circle_id=circle.id, meeting=meeting, occurrence_date=day,
                                     records=records))  # fmt: skip


def _new_circle(cast: Cast, members: list[User], unit: int) -> None:
    """A circle with the personas in it (the peer mentor facilitates), and its past dates."""
    personas = _personas(cast)
    facilitators = [u for u, role in personas if role is Role.PEER_MENTOR]
    facilitator = facilitators[0] if facilitators else cast.coordinators[0]
    joining = [*(u for u, role in personas if role is Role.ENTREPRENEUR), *members]
    circle = PeerCircle(
        program_id=cast.program.id, name=f"Grown circle {unit}", facilitator_id=facilitator.id,
        ordinal=1, weekday=2, start_time=time(18), duration_minutes=90,
        timezone=cast.program.timezone, location="Room 9",
        members=[CircleMember(user_id=u.id) for u in joining],
    )  # fmt: skip
    db.session.add(circle)
    db.session.flush()
    _past_dates(circle, unit)
