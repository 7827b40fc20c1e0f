"""What happens around a meeting: the entrepreneur's agenda, then the summary, actions, attendance.

The agenda is due a program-set number of days before (3 by default) and cannot be
edited once the meeting has started; the summary is due within a program-set
number of hours after it ends (24 by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from blinker import Namespace

from vms import row_locks
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.scheduling.meetings.services import MeetingRefused
from vms.scheduling.models import (
    ActionItem,
    AgendaItem,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingStatus,
)

#: Sent with the meeting as sender when an agenda with items is saved (the team is told:
#: vms.notifications.nudges.activity).
agenda_posted = Namespace().signal("agenda-posted")


@dataclass(frozen=True)
class AgendaLine:
    title: str
    owner: str = ""
    minutes: int | None = None


@dataclass(frozen=True)
class ActionLine:
    text: str
    owner: str = ""
    due_on: date | None = None


def agenda_due_at(meeting: Meeting, program: Program) -> datetime:
    return meeting.starts_at - timedelta(days=program.agenda_due_days)


def summary_due_at(meeting: Meeting, program: Program) -> datetime:
    return meeting.ends_at + timedelta(hours=program.summary_due_hours)


def agenda_pending(meeting: Meeting) -> bool:
    """A team meeting whose founders have not sent the agenda (mentor meetings have none due)."""
    return (meeting.kind is MeetingKind.TEAM and not meeting.agenda
            and meeting.status is MeetingStatus.SCHEDULED)  # fmt: skip


def set_agenda(meeting: Meeting, lines: list[AgendaLine], now: datetime | None = None) -> None:
    """Replace the agenda, its items in the given order; refused once the meeting has
    started, or if it was cancelled.

    The last of two saves at once wins whole: the meeting is held while its items are
    replaced, so the second save replaces the first's items instead of adding to them."""
    row_locks.lock(meeting)
    if meeting.status is MeetingStatus.CANCELLED:
        raise MeetingRefused(_l("This meeting was cancelled."))
    if (now or now_utc()) >= meeting.starts_at:
        raise MeetingRefused(_l("The meeting has started: its agenda can no longer change."))
    meeting.agenda.clear()
    db.session.flush()  # the old items go before the new take their positions (unique)
    kept = [line for line in lines if line.title]  # empty rows of the form are ignored
    meeting.agenda = [
        AgendaItem(position=n, title=line.title, owner=line.owner, minutes=line.minutes)
        for n, line in enumerate(kept)
    ]
    db.session.flush()
    if meeting.agenda:
        agenda_posted.send(meeting)


def record_summary(
    meeting: Meeting, summary: str, decisions: str, actions: list[ActionLine],
    now: datetime | None = None,
) -> None:  # fmt: skip
    """Summary, decisions and action items; only once the meeting has started."""
    row_locks.lock(meeting)  # like the agenda: the last save wins whole
    now = now or now_utc()
    if meeting.status is MeetingStatus.CANCELLED:
        raise MeetingRefused(_l("This meeting was cancelled."))
    if now < meeting.starts_at:
        raise MeetingRefused(_l("A summary is written once the meeting has started."))
    meeting.summary, meeting.decisions, meeting.summary_at = summary, decisions, now
    meeting.actions = [
        ActionItem(text=a.text, owner=a.owner, due_on=a.due_on) for a in actions if a.text
    ]
    db.session.flush()


def record_attendance(
    meeting: Meeting, listed: list[Invitee], present: set[int], now: datetime | None = None
) -> None:
    """Who of the ``listed`` invitees (one page of a large meeting) came: those in ``present``;
    the others listed did not. Invitees not listed keep what was recorded for them."""
    if meeting.status is MeetingStatus.CANCELLED:
        raise MeetingRefused(_l("This meeting was cancelled."))
    if (now or now_utc()) < meeting.starts_at:
        raise MeetingRefused(_l("Attendance is recorded once the meeting has started."))
    for invitee in listed:
        if invitee.meeting_id != meeting.id:
            raise ValueError("an invitee of another meeting")
        invitee.attended = invitee.user_id in present
    db.session.flush()
