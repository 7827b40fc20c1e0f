"""Peer circles: create and edit them (who facilitates, who belongs, when they meet), and
record each date (attendance, commitments, whether the last commitments were kept).

The size rule is checked with the circle locked (``vms.row_locks``): two additions at once
wait for each other, so a circle never has a thirteenth member. Services flush; the view
commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms.auth.models import Membership, Role
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.peer.circles import dates
from vms.peer.circles.models import (
    COMMITMENT_LENGTH,
    MAX_MEMBERS,
    CircleMeeting,
    CircleMember,
    CircleRecord,
    PeerCircle,
)
from vms.row_locks import lock
from vms.scheduling.models import MeetingStatus
from vms.scheduling.series.recurrence import MonthlyRule

#: Who may facilitate a circle.
FACILITATOR_ROLES = (Role.PEER_MENTOR, Role.COORDINATOR)


class CircleRefused(Exception):
    """A rule said no; ``field`` names the form field the sentence belongs next to."""

    def __init__(self, field: str, message) -> None:
        super().__init__(str(message))
        self.field, self.message = field, str(message)


@dataclass(frozen=True)
class CircleDetails:
    name: str
    facilitator_id: int
    ordinal: int
    weekday: int
    start_time: time
    duration_minutes: int
    timezone: str
    location: str


@dataclass(frozen=True)
class MemberEntry:
    """What the facilitator recorded for one member at one date."""

    user_id: int
    present: bool | None
    commitment: str
    #: Whether the member's last commitment (from an earlier date) was kept; None: not said.
    last_done: bool | None = None


def create_circle(
    program: Program, details: CircleDetails, member_ids: list[int],
    now: datetime | None = None, invite: bool = True,
) -> PeerCircle:  # fmt: skip
    """A new circle with its members and its next dates; everyone gets their invitations
    (``invite=False``: the dates without the emails, see ``dates.keep_ahead``)."""
    _check_details(program, details, None)
    _check_members(program, member_ids)
    circle = PeerCircle(program_id=program.id, **details.__dict__)
    circle.members = [CircleMember(user_id=uid) for uid in sorted(set(member_ids))]
    try:
        with db.session.begin_nested():  # one per name: the second of two clicks loses here
            db.session.add(circle)
    except IntegrityError as lost_race:
        raise CircleRefused("name", _duplicate(details.name)) from lost_race
    dates.keep_ahead(circle, now, invite)
    return circle


def update_circle(
    circle: PeerCircle, details: CircleDetails, member_ids: list[int],
    now: datetime | None = None,
) -> None:  # fmt: skip
    """Rename, re-facilitate or change the members; newcomers are invited to the coming dates,
    leavers get cancellations. A changed rule applies to dates not created yet."""
    lock(circle)
    program = db.session.get(Program, circle.program_id)
    _check_details(program, details, circle)
    _check_members(program, member_ids)
    for name, value in details.__dict__.items():
        setattr(circle, name, value)
    wanted = set(member_ids)
    for member in [m for m in circle.members if m.user_id not in wanted]:
        circle.members.remove(member)
    kept = circle.member_ids()
    circle.members.extend(CircleMember(user_id=uid) for uid in sorted(wanted - kept))
    db.session.flush()
    dates.sync_invitees(circle, now)


def add_member(circle: PeerCircle, user_id: int, now: datetime | None = None) -> None:
    """One more member, refused beyond twelve (or for someone who is not an entrepreneur of
    the program); adding someone already in is no change."""
    lock(circle)
    if user_id in circle.member_ids():
        return
    program = db.session.get(Program, circle.program_id)
    _check_members(program, [*circle.member_ids(), user_id])
    circle.members.append(CircleMember(user_id=user_id))
    db.session.flush()
    dates.sync_invitees(circle, now)


def _duplicate(name: str) -> str:
    return _l("There is already a circle named “%(name)s”.", name=name)


def _check_details(program: Program, details: CircleDetails, circle: PeerCircle | None) -> None:
    same_name = db.session.scalar(
        select(PeerCircle.id).where(PeerCircle.program_id == program.id,
                                    PeerCircle.name == details.name)
    )  # fmt: skip
    if same_name is not None and (circle is None or same_name != circle.id):
        raise CircleRefused("name", _duplicate(details.name))
    if not _holds(program, [details.facilitator_id], FACILITATOR_ROLES):
        raise CircleRefused("facilitator_id", _l(
            "The facilitator must be a peer mentor or a coordinator of this program."))  # fmt: skip
    try:
        MonthlyRule(details.ordinal, details.weekday, details.start_time,
                    details.duration_minutes, details.timezone)  # fmt: skip
    except (ValueError, KeyError) as wrong:
        raise CircleRefused("ordinal", _l("This is not a monthly rule we can keep.")) from wrong


def _check_members(program: Program, member_ids: list[int]) -> None:
    wanted = set(member_ids)
    if len(wanted) > MAX_MEMBERS:
        raise CircleRefused("members", _l(
            "A circle has at most %(max)d members: %(num)d were chosen. Leave some out, or "
            "start a second circle.", max=MAX_MEMBERS, num=len(wanted)))  # fmt: skip
    if len(_holds(program, wanted, (Role.ENTREPRENEUR,))) != len(wanted):
        raise CircleRefused("members", _l("Members must be entrepreneurs of this program."))


def _holds(program: Program, user_ids, roles) -> set[int]:
    """Those of ``user_ids`` who hold one of ``roles`` in the program."""
    if not user_ids:
        return set()
    return set(
        db.session.scalars(
            select(Membership.user_id).where(
                Membership.program_id == program.id, Membership.role.in_(roles),
                Membership.user_id.in_(list(user_ids)),
            )
        )
    )  # fmt: skip


def record_meeting(
    circle: PeerCircle, date: CircleMeeting, entries: list[MemberEntry],
    now: datetime | None = None,
) -> None:  # fmt: skip
    """Save attendance and commitments for one date, and mark the last commitments kept or
    not. Saving again replaces what was saved (a second click changes nothing)."""
    lock(circle)
    meeting = date.meeting
    _check_record(circle, meeting, entries, now or now_utc())
    saved = {r.user_id: r for r in date.records}
    last = last_commitments(date, [e.user_id for e in entries])
    # The meeting's own attendance too, so its page and the calendar's invitees agree.
    invitees = {i.user_id: i for i in meeting.invitees}
    for entry in entries:
        if entry.user_id in invitees:
            invitees[entry.user_id].attended = entry.present
        record = saved.get(entry.user_id) or CircleRecord(user_id=entry.user_id)
        record.present, record.commitment = entry.present, entry.commitment
        record.recorded_at = now or now_utc()
        if record.id is None:
            date.records.append(record)
        if entry.user_id in last:
            last[entry.user_id].done = entry.last_done
    db.session.flush()


def _check_record(circle: PeerCircle, meeting, entries: list[MemberEntry], now) -> None:
    if meeting.status is MeetingStatus.CANCELLED:
        raise CircleRefused("entries", _l("This date was cancelled."))
    if now < meeting.starts_at:
        raise CircleRefused("entries", _l("A date can be recorded once it has started."))
    if {e.user_id for e in entries} - circle.member_ids():
        raise CircleRefused("entries", _l(
            "The circle’s members changed meanwhile: check the list and save again."))  # fmt: skip
    if any(len(e.commitment) > COMMITMENT_LENGTH for e in entries):
        raise CircleRefused("entries", _l("A commitment is one line of at most %(max)d "
                                          "characters.", max=COMMITMENT_LENGTH))  # fmt: skip


def last_commitments(date: CircleMeeting, user_ids: list[int]) -> dict[int, CircleRecord]:
    """{member: their latest commitment from an earlier date of the circle}, in one query."""
    if not user_ids:
        return {}
    rows = db.session.scalars(
        select(CircleRecord)
        .join(CircleMeeting, CircleMeeting.id == CircleRecord.circle_meeting_id)
        .where(CircleMeeting.circle_id == date.circle_id,
               CircleMeeting.occurrence_date < date.occurrence_date,
               CircleRecord.user_id.in_(user_ids), CircleRecord.commitment != "")
        .order_by(CircleMeeting.occurrence_date.desc())
    )  # fmt: skip
    found: dict[int, CircleRecord] = {}
    for record in rows:
        found.setdefault(record.user_id, record)
    return found
