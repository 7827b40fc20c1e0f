"""Reading updates: the coordinators' paged list, a venture's history, and the packet of a
monthly mentor meeting (the docket's ventures and their update of that date's month)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload

from vms.auth.models import User
from vms.cohorts.models import Program, Venture
from vms.evidence.updates.models import VentureUpdate
from vms.evidence.updates.months import month_of
from vms.extensions import db
from vms.paging import Page, page_of
from vms.scheduling.models import DocketEntry, Invitee, Meeting, MeetingKind, Response

#: A venture's history on its update page: the last year.
HISTORY = 12


def updates_page(program: Program, month: date | None, number: int) -> Page[VentureUpdate]:
    """Newest month first, then by venture name; ``month``: only that month's."""
    found = (
        select(VentureUpdate).join(Venture, Venture.id == VentureUpdate.venture_id)
        .where(VentureUpdate.program_id == program.id)
        .options(joinedload(VentureUpdate.venture), joinedload(VentureUpdate.written_by))
        .order_by(VentureUpdate.month.desc(), Venture.name, VentureUpdate.id)
    )  # fmt: skip
    if month is not None:
        found = found.where(VentureUpdate.month == month)
    return page_of(found, number)


def history_of(venture: Venture, before: date) -> list[VentureUpdate]:
    """The venture's updates of earlier months (read only: their month has ended)."""
    return list(db.session.scalars(
        select(VentureUpdate)
        .where(VentureUpdate.venture_id == venture.id, VentureUpdate.month < before)
        .order_by(VentureUpdate.month.desc()).limit(HISTORY)
    ))  # fmt: skip


def mentor_meeting(program: Program, meeting_id: int) -> Meeting | None:
    return db.session.scalar(
        select(Meeting).where(Meeting.id == meeting_id, Meeting.program_id == program.id,
                              Meeting.kind == MeetingKind.MENTOR_MEETING)
    )  # fmt: skip


def said_yes(meeting: Meeting, user_id: int) -> bool:
    return db.session.scalar(
        select(Invitee.id).where(Invitee.meeting_id == meeting.id, Invitee.user_id == user_id,
                                 Invitee.response == Response.YES)
    ) is not None  # fmt: skip


def mentors_who_said_yes(meeting: Meeting) -> list[User]:
    return list(db.session.scalars(
        select(User).join(Invitee, Invitee.user_id == User.id)
        .where(Invitee.meeting_id == meeting.id, Invitee.response == Response.YES)
        .order_by(User.name, User.id)
    ))  # fmt: skip


@dataclass(frozen=True)
class PacketEntry:
    venture: Venture
    #: None: "no update yet" this month.
    update: VentureUpdate | None


@dataclass(frozen=True)
class Packet:
    meeting: Meeting
    month: date
    entries: list[PacketEntry]

    @property
    def with_update(self) -> int:
        return sum(1 for entry in self.entries if entry.update is not None)


def packet_of(program: Program, meeting: Meeting) -> Packet:
    """The docket's ventures, by name, each with its update of the meeting's month (in the
    program's timezone), in one statement."""
    month = month_of(meeting.starts_at, program.timezone)
    rows = db.session.execute(
        select(Venture, VentureUpdate)
        .join(DocketEntry, DocketEntry.venture_id == Venture.id)
        .outerjoin(VentureUpdate, and_(VentureUpdate.venture_id == Venture.id,
                                       VentureUpdate.month == month))
        .where(DocketEntry.meeting_id == meeting.id)
        .order_by(Venture.name, Venture.id)
    ).tuples()  # fmt: skip
    return Packet(meeting, month, [PacketEntry(venture, update) for venture, update in rows])
