"""Nudges about meetings: the monthly mentor meeting's RSVP nudge to mentors who have not
answered, its docket and who is coming to the coordinators, and the one-hour reminder for
those who asked for it. Indexed windows on the start time; a fixed number of statements."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.categories import Category, Choice
from vms.notifications.models import NotificationPreference
from vms.notifications.nudges.delays import delays_by_program, longest
from vms.notifications.nudges.notice import members_of, nudge, programs_by_id
from vms.notifications.services import notify, occasion_at
from vms.scheduling.models import (
    DocketEntry,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Response,
)

#: The one-hour reminder goes out this long before the start.
HOUR_BEFORE = timedelta(hours=1)


def _upcoming(now: datetime, within: timedelta, kind: MeetingKind | None = None):
    statement = (
        select(Meeting)
        .where(Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > now,
               Meeting.starts_at <= now + within)
        .options(selectinload(Meeting.invitees).selectinload(Invitee.user))
        .order_by(Meeting.starts_at, Meeting.id)
    )  # fmt: skip
    if kind is not None:
        statement = statement.where(Meeting.kind == kind)
    return db.session.scalars(statement).all()


def _link(meeting: Meeting, slug: str) -> str:
    return email_link("scheduling.show_meeting", program_slug=slug, meeting_id=meeting.id)


def _when(meeting: Meeting, person, program) -> str:
    return format_in_timezone(meeting.starts_at, person.timezone,
                              person.locale or program.default_locale)  # fmt: skip


def send_rsvp_nudges(now: datetime | None = None) -> int:
    """Mentors who have not answered the monthly mentor meeting, some days before it."""
    now = now or now_utc()
    delays = delays_by_program()
    found = _upcoming(now, timedelta(days=longest(delays, "rsvp_nudge_days")),
                      MeetingKind.MENTOR_MEETING)  # fmt: skip
    due = [
        m
        for m in found
        if now >= m.starts_at - timedelta(days=delays[m.program_id].rsvp_nudge_days)
    ]
    programs = programs_by_id(m.program_id for m in due)
    mentors = {pid: {u.id for u in people} for pid, people in
               members_of(programs, Role.MENTOR).items()}  # fmt: skip
    notices = [
        nudge("meeting.rsvp_nudge", m.id, i.user, occasion_at(m.starts_at), programs[m.program_id],
              _l("Are you coming? %(title)s", title=m.title),
              [_l("You have not said yet whether you come to %(title)s, %(when)s.",
                  title=m.title, when=_when(m, i.user, programs[m.program_id]))],
              _link(m, programs[m.program_id].slug))
        for m in due for i in m.invitees
        if i.response is None and i.user_id in mentors.get(m.program_id, ())
    ]  # fmt: skip
    fresh = notify(notices, now)
    db.session.commit()
    return len(fresh)


def send_dockets(now: datetime | None = None) -> int:
    """The docket and who is coming, to the coordinators, the day before the meeting."""
    now = now or now_utc()
    delays = delays_by_program()
    found = _upcoming(now, timedelta(days=longest(delays, "docket_days")),
                      MeetingKind.MENTOR_MEETING)  # fmt: skip
    due = [
        m for m in found if now >= m.starts_at - timedelta(days=delays[m.program_id].docket_days)
    ]
    programs = programs_by_id(m.program_id for m in due)
    coordinators = members_of(programs, Role.COORDINATOR)
    docket = _dockets([m.id for m in due])
    notices = []
    for m in due:
        program = programs[m.program_id]
        coming = ", ".join(i.user.name for i in m.invitees if i.response is Response.YES)
        for person in coordinators[m.program_id]:
            lines = [_l("Coming up: %(title)s, %(when)s.", title=m.title,
                        when=_when(m, person, program)),
                     _l("On the docket: %(ventures)s", ventures=docket.get(m.id) or "—"),
                     _l("Coming: %(people)s", people=coming or "—")]  # fmt: skip
            notices.append(nudge("meeting.docket", m.id, person, occasion_at(m.starts_at),
                                 program, _l("Docket: %(title)s", title=m.title), lines,
                                 _link(m, program.slug), Category.ACTIVITY))  # fmt: skip
    fresh = notify(notices, now)
    db.session.commit()
    return len(fresh)


def _dockets(meeting_ids: list[int]) -> dict[int, str]:
    if not meeting_ids:
        return {}
    rows = db.session.scalars(
        select(DocketEntry).where(DocketEntry.meeting_id.in_(meeting_ids))
        .options(selectinload(DocketEntry.venture)).order_by(DocketEntry.id)
    )  # fmt: skip
    names: dict[int, list[str]] = {}
    for row in rows:
        names.setdefault(row.meeting_id, []).append(row.venture.name)
    return {meeting_id: ", ".join(found) for meeting_id, found in names.items()}


def send_hour_before_reminders(now: datetime | None = None) -> int:
    """One hour before a meeting, to the invitees (but the noes) who asked for it."""
    now = now or now_utc()
    found = _upcoming(now, HOUR_BEFORE)
    wanted = _wanting_hour_before({i.user_id for m in found for i in m.invitees})
    programs = programs_by_id(m.program_id for m in found)
    notices = [
        nudge("meeting.hour_before", m.id, i.user, occasion_at(m.starts_at),
              programs[m.program_id], _l("In one hour: %(title)s", title=m.title),
              [_l("%(title)s starts %(when)s.", title=m.title,
                  when=_when(m, i.user, programs[m.program_id]))],
              _link(m, programs[m.program_id].slug), Category.HOUR_BEFORE)
        for m in found for i in m.invitees
        if i.user_id in wanted and i.response is not Response.NO
    ]  # fmt: skip
    fresh = notify(notices, now)
    db.session.commit()
    return len(fresh)


def _wanting_hour_before(user_ids: set[int]) -> set[int]:
    """Off by default: only those who turned it on (no rows for everyone else)."""
    if not user_ids:
        return set()
    return set(db.session.scalars(
        select(NotificationPreference.user_id)
        .where(NotificationPreference.user_id.in_(user_ids),
               NotificationPreference.category == Category.HOUR_BEFORE,
               NotificationPreference.choice == Choice.ON)
    ))  # fmt: skip
