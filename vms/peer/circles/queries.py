"""What the circle pages read, each in a few statements whatever the number of circles,
members or dates; and who may see or record what.

Coordinators see every circle of the program; a facilitator and the members see their own
circle. Anyone else (another entrepreneur, a mentor, a peer mentor who does not facilitate
it) gets a 404, as for another program's objects: a circle's membership is not public.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.peer.circles.models import CircleMeeting, CircleMember, CircleRecord, PeerCircle
from vms.peer.circles.services import FACILITATOR_ROLES, last_commitments
from vms.scheduling.models import Meeting, MeetingStatus

#: The circle page lists this many past dates (the most recent first).
PAST_SHOWN = 12


def may_see(circle: PeerCircle, user: User, roles) -> bool:
    return (Role.COORDINATOR in roles or circle.facilitator_id == user.id
            or user.id in circle.member_ids())  # fmt: skip


def may_record(circle: PeerCircle, user: User, roles) -> bool:
    return Role.COORDINATOR in roles or circle.facilitator_id == user.id


def circle_in_program(program: Program, circle_id: int) -> PeerCircle | None:
    """The circle with its facilitator and members (and their accounts)."""
    return db.session.scalar(
        select(PeerCircle)
        .where(PeerCircle.id == circle_id, PeerCircle.program_id == program.id)
        .options(joinedload(PeerCircle.facilitator),
                 selectinload(PeerCircle.members).joinedload(CircleMember.user))
    )  # fmt: skip


def visible_circle(program: Program, circle_id: int, user: User, roles) -> PeerCircle | None:
    circle = circle_in_program(program, circle_id)
    return circle if circle is not None and may_see(circle, user, roles) else None


def circle_date(circle: PeerCircle, meeting_id: int) -> CircleMeeting | None:
    """One date of this circle (a meeting of another circle is None), with its records."""
    return db.session.scalar(
        select(CircleMeeting)
        .where(CircleMeeting.circle_id == circle.id, CircleMeeting.meeting_id == meeting_id)
        .options(joinedload(CircleMeeting.meeting), selectinload(CircleMeeting.records))
    )  # fmt: skip


@dataclass
class CircleRow:
    circle: PeerCircle
    members: int
    next_date: datetime | None


def program_circles(program: Program, now: datetime) -> list[CircleRow]:
    """Every circle of the program by name, with its size and next date (three queries)."""
    circles = db.session.scalars(
        select(PeerCircle).where(PeerCircle.program_id == program.id)
        .options(joinedload(PeerCircle.facilitator)).order_by(PeerCircle.name)
    ).all()  # fmt: skip
    ids = [c.id for c in circles]
    sizes = dict(db.session.execute(
        select(CircleMember.circle_id, func.count()).where(CircleMember.circle_id.in_(ids))
        .group_by(CircleMember.circle_id)
    ).tuples().all()) if ids else {}  # fmt: skip
    nexts = _next_dates(ids, now)
    return [CircleRow(c, sizes.get(c.id, 0), nexts.get(c.id)) for c in circles]


def _next_dates(circle_ids: list[int], now: datetime) -> dict[int, datetime]:
    if not circle_ids:
        return {}
    return dict(db.session.execute(
        select(CircleMeeting.circle_id, func.min(Meeting.starts_at))
        .join(Meeting, Meeting.id == CircleMeeting.meeting_id)
        .where(CircleMeeting.circle_id.in_(circle_ids), Meeting.starts_at >= now,
               Meeting.status == MeetingStatus.SCHEDULED)
        .group_by(CircleMeeting.circle_id)
    ).tuples().all())  # fmt: skip


@dataclass
class CircleDates:
    coming: list[Meeting] = field(default_factory=list)
    past: list[Meeting] = field(default_factory=list)


def dates_of(circle: PeerCircle, now: datetime) -> CircleDates:
    """The coming dates (next first) and the last dozen past ones (latest first)."""
    return dates_of_circles([circle.id], now)[circle.id]


def dates_of_circles(circle_ids: list[int], now: datetime) -> dict[int, CircleDates]:
    """``dates_of`` for several circles in two statements, however many circles and dates: the
    past ones numbered per circle in SQL, so each circle's last dozen come in one query."""
    found = {circle_id: CircleDates([], []) for circle_id in circle_ids}
    chosen = CircleMeeting.circle_id.in_(circle_ids)
    coming = db.session.execute(
        select(CircleMeeting.circle_id, Meeting)
        .join(Meeting, Meeting.id == CircleMeeting.meeting_id)
        .where(chosen, Meeting.starts_at >= now).order_by(Meeting.starts_at, Meeting.id)
    ).tuples()  # fmt: skip
    for circle_id, meeting in coming:
        found[circle_id].coming.append(meeting)
    latest_first = (
        func.row_number()
        .over(partition_by=CircleMeeting.circle_id, order_by=(Meeting.starts_at.desc(), Meeting.id))
        .label("n")
    )
    numbered = (
        select(CircleMeeting.circle_id, Meeting.id.label("meeting_id"), latest_first)
        .join(Meeting, Meeting.id == CircleMeeting.meeting_id)
        .where(chosen, Meeting.starts_at < now)
        .subquery()
    )  # fmt: skip
    past = db.session.execute(
        select(numbered.c.circle_id, Meeting)
        .join(Meeting, Meeting.id == numbered.c.meeting_id)
        .where(numbered.c.n <= PAST_SHOWN).order_by(numbered.c.circle_id, numbered.c.n)
    ).tuples()  # fmt: skip
    for circle_id, meeting in past:
        found[circle_id].past.append(meeting)
    return found


@dataclass
class MemberLine:
    """One member on a date's page: what was recorded and their last commitment."""

    user: User
    record: CircleRecord | None
    last: CircleRecord | None


def date_lines(circle: PeerCircle, date: CircleMeeting) -> list[MemberLine]:
    """The circle's members (by name) with this date's records and their last commitments."""
    members = sorted((m.user for m in circle.members), key=lambda u: (u.name, u.id))
    records = {r.user_id: r for r in date.records}
    last = last_commitments(date, [u.id for u in members])
    return [MemberLine(u, records.get(u.id), last.get(u.id)) for u in members]


def circles_of(program: Program, user: User) -> list[PeerCircle]:
    """The circles this person belongs to or facilitates, by name."""
    return list(db.session.scalars(
        select(PeerCircle)
        .where(PeerCircle.program_id == program.id,
               or_(PeerCircle.facilitator_id == user.id,
                   PeerCircle.id.in_(select(CircleMember.circle_id)
                                     .where(CircleMember.user_id == user.id))))
        .options(joinedload(PeerCircle.facilitator),
                 selectinload(PeerCircle.members).joinedload(CircleMember.user))
        .order_by(PeerCircle.name)
    ).unique())  # fmt: skip


def own_records(circles: list[PeerCircle], user: User) -> dict[int, list[tuple]]:
    """{circle id: [(meeting, record)], latest first} of the commitments this person made."""
    found: dict[int, list[tuple]] = {c.id: [] for c in circles}
    if not found:
        return found
    rows = db.session.execute(
        select(CircleMeeting.circle_id, Meeting, CircleRecord)
        .join(CircleMeeting, CircleMeeting.id == CircleRecord.circle_meeting_id)
        .join(Meeting, Meeting.id == CircleMeeting.meeting_id)
        .where(CircleMeeting.circle_id.in_(list(found)), CircleRecord.user_id == user.id,
               CircleRecord.commitment != "")
        .order_by(Meeting.starts_at.desc())
    ).tuples()  # fmt: skip
    for circle_id, meeting, record in rows:
        found[circle_id].append((meeting, record))
    return found


def people_holding(program: Program, roles) -> list[User]:
    """The program's people holding one of ``roles``, by name (the form's choices)."""
    return list(db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.program_id == program.id, Membership.role.in_(roles))
        .distinct().order_by(User.name, User.id)
    ))  # fmt: skip


def facilitator_choices(program: Program) -> list[User]:
    return people_holding(program, FACILITATOR_ROLES)


def entrepreneur_choices(program: Program) -> list[User]:
    return people_holding(program, (Role.ENTREPRENEUR,))
