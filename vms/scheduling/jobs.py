"""The scheduler's sweeps. Each looks in the database for what is due and marks what it did,
so a restart loses nothing and sends nothing twice (DESIGN.md, rule 9)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.cohorts.models import Program, Venture
from vms.cohorts.teams.models import Team
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import queue_email
from vms.scheduling.models import (
    Invitee,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    Response,
)
from vms.scheduling.series import services as series_services

#: Meeting reminders go out this long before the start.
REMIND_BEFORE = timedelta(hours=24)


def send_meeting_reminders(now: datetime | None = None) -> int:
    """Remind the invitees (but those who said no) of a meeting starting within a day; say if
    the agenda is pending."""
    now = now or now_utc()
    due = db.session.scalars(
        select(Meeting)
        .where(Meeting.status == MeetingStatus.SCHEDULED, Meeting.reminded_at.is_(None),
               Meeting.starts_at > now, Meeting.starts_at <= now + REMIND_BEFORE)
        .options(selectinload(Meeting.invitees).selectinload(Invitee.user),
                 selectinload(Meeting.agenda))
    ).all()  # fmt: skip
    for meeting in due:
        program = db.session.get(Program, meeting.program_id)
        for invitee in [i for i in meeting.invitees if i.response is not Response.NO]:
            _remind(meeting, program, invitee.user, "scheduling/reminder",
                    _l("Reminder: %(title)s", title=meeting.title))  # fmt: skip
        meeting.reminded_at = now
    db.session.commit()
    return len(due)


def send_agenda_reminders(now: datetime | None = None) -> int:
    """Tell the founders when a team meeting's agenda is due and still missing."""
    now = now or now_utc()
    rows = db.session.execute(
        select(Meeting, Program)
        .join(Program, Program.id == Meeting.program_id)
        .where(Meeting.kind == MeetingKind.TEAM, Meeting.status == MeetingStatus.SCHEDULED,
               Meeting.agenda_reminded_at.is_(None), Meeting.starts_at > now)
        .options(selectinload(Meeting.agenda))
    ).tuples().all()  # fmt: skip
    sent = 0
    for meeting, program in rows:
        if meeting.agenda or now < meeting.starts_at - timedelta(days=program.agenda_due_days):
            continue
        for founder in _founders(meeting):
            _remind(meeting, program, founder, "scheduling/agenda_due",
                    _l("Agenda due: %(title)s", title=meeting.title))  # fmt: skip
        meeting.agenda_reminded_at = now
        sent += 1
    db.session.commit()
    return sent


def send_summary_reminders(now: datetime | None = None) -> int:
    """Tell the founders and the lead when a team meeting's summary is overdue."""
    now = now or now_utc()
    rows = db.session.execute(
        select(Meeting, Program)
        .join(Program, Program.id == Meeting.program_id)
        .where(Meeting.kind == MeetingKind.TEAM, Meeting.status == MeetingStatus.SCHEDULED,
               Meeting.summary_reminded_at.is_(None), Meeting.summary_at.is_(None),
               Meeting.ends_at < now, Meeting.ends_at > now - timedelta(days=30))
    ).tuples().all()  # fmt: skip
    sent = 0
    for meeting, program in rows:
        if now < meeting.ends_at + timedelta(hours=program.summary_due_hours):
            continue
        for person in _founders(meeting) + _lead(meeting):
            _remind(meeting, program, person, "scheduling/summary_due",
                    _l("Summary due: %(title)s", title=meeting.title))  # fmt: skip
        meeting.summary_reminded_at = now
        sent += 1
    db.session.commit()
    return sent


def _team(meeting: Meeting) -> Team:
    return db.session.scalar(
        select(Team).where(Team.id == meeting.team_id)
        .options(selectinload(Team.venture).selectinload(Venture.founders),
                 selectinload(Team.members))
    )  # fmt: skip


def _founders(meeting: Meeting) -> list:
    return [f.user for f in _team(meeting).venture.founders if f.user is not None]


def _lead(meeting: Meeting) -> list:
    lead = _team(meeting).lead
    return [lead.mentor] if lead else []


def keep_series_ahead(now: datetime | None = None) -> int:
    created = sum(
        series_services.keep_ahead(series, now)
        for series in db.session.scalars(select(MeetingSeries)).all()
    )
    db.session.commit()
    return created


def _remind(meeting: Meeting, program: Program, person, template: str, subject) -> None:
    queue_email(
        person.email, person.locale or program.default_locale, template, subject,
        meeting=meeting, program=program, name=person.name, pending=not meeting.agenda,
        when=format_in_timezone(meeting.starts_at, person.timezone, person.locale),
        link=email_link("scheduling.show_meeting", program_slug=program.slug,
                        meeting_id=meeting.id),
    )  # fmt: skip
