"""The scheduler's sweeps. Each looks in the database for what is due and notifies through
``vms.notifications``: one row per (kind, meeting, person, occasion), so a restart, a late run
or a second scheduler sends nothing twice (DESIGN.md, rule 9).

Each sweep loads its due work with indexed predicates on the meetings' times, and what the
batch needs (teams, founders, leads, programs) in a fixed number of statements, however many
meetings lie ahead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from vms.cohorts.models import Program, Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.categories import Category
from vms.notifications.services import Notice, notify, occasion_at
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
#: Summaries overdue longer than this are no longer chased.
SUMMARY_CHASED_FOR = timedelta(days=30)


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
    programs = _programs(due)
    notices = [
        _notice("meeting.reminder", meeting, programs[meeting.program_id], invitee.user,
                "scheduling/reminder", _l("Reminder: %(title)s", title=meeting.title))
        for meeting in due for invitee in meeting.invitees if invitee.response is not Response.NO
    ]  # fmt: skip
    notify(notices, now)
    _mark(due, Meeting.reminded_at, now)
    db.session.commit()
    return len(due)


def send_agenda_reminders(now: datetime | None = None) -> int:
    """Tell the founders when a team meeting's agenda is due and still missing."""
    now = now or now_utc()
    longest = db.session.scalar(select(func.max(Program.agenda_due_days))) or 0
    candidates = db.session.scalars(
        select(Meeting)
        .where(Meeting.kind == MeetingKind.TEAM, Meeting.status == MeetingStatus.SCHEDULED,
               Meeting.agenda_reminded_at.is_(None), Meeting.starts_at > now,
               Meeting.starts_at <= now + timedelta(days=longest))
        .options(selectinload(Meeting.agenda))
    ).all()  # fmt: skip
    programs = _programs(candidates)
    due = [m for m in candidates if not m.agenda and now >= _agenda_due(m, programs)]
    teams = _teams(due)
    notify([
        _notice("meeting.agenda_due", meeting, programs[meeting.program_id], founder,
                "scheduling/agenda_due", _l("Agenda due: %(title)s", title=meeting.title))
        for meeting in due for founder in _founders(teams[meeting.team_id])
    ], now)  # fmt: skip
    _mark(due, Meeting.agenda_reminded_at, now)
    db.session.commit()
    return len(due)


def send_summary_reminders(now: datetime | None = None) -> int:
    """Tell the founders and the lead when a team meeting's summary is overdue."""
    now = now or now_utc()
    shortest = db.session.scalar(select(func.min(Program.summary_due_hours))) or 0
    candidates = db.session.scalars(
        select(Meeting)
        .where(Meeting.kind == MeetingKind.TEAM, Meeting.status == MeetingStatus.SCHEDULED,
               Meeting.summary_reminded_at.is_(None), Meeting.summary_at.is_(None),
               Meeting.ends_at < now - timedelta(hours=shortest),
               Meeting.ends_at > now - SUMMARY_CHASED_FOR)
    ).all()  # fmt: skip
    programs = _programs(candidates)
    due = [
        m
        for m in candidates
        if now >= m.ends_at + timedelta(hours=programs[m.program_id].summary_due_hours)
    ]
    teams = _teams(due)
    notify([
        _notice("meeting.summary_due", meeting, programs[meeting.program_id], person,
                "scheduling/summary_due", _l("Summary due: %(title)s", title=meeting.title),
                occasion=occasion_at(meeting.ends_at))
        for meeting in due
        for person in _founders(teams[meeting.team_id]) + _lead(teams[meeting.team_id])
    ], now)  # fmt: skip
    _mark(due, Meeting.summary_reminded_at, now)
    db.session.commit()
    return len(due)


def _mark(meetings: list[Meeting], column, now: datetime) -> None:
    """Mark the batch done in one UPDATE (a flush would write one per meeting)."""
    if meetings:
        db.session.execute(
            update(Meeting).where(Meeting.id.in_([m.id for m in meetings]))
            .values({column: now}).execution_options(synchronize_session="fetch")
        )  # fmt: skip


def _agenda_due(meeting: Meeting, programs: dict[int, Program]) -> datetime:
    return meeting.starts_at - timedelta(days=programs[meeting.program_id].agenda_due_days)


def _programs(meetings: Iterable[Meeting]) -> dict[int, Program]:
    ids = {m.program_id for m in meetings}
    if not ids:
        return {}
    return {p.id: p for p in db.session.scalars(select(Program).where(Program.id.in_(ids)))}


def _teams(meetings: Iterable[Meeting]) -> dict[int, Team]:
    """The meetings' teams, with founders and members, in a fixed number of statements."""
    ids = {m.team_id for m in meetings if m.team_id is not None}
    if not ids:
        return {}
    teams = db.session.scalars(
        select(Team).where(Team.id.in_(ids))
        .options(selectinload(Team.venture).selectinload(Venture.founders)
                 .selectinload(VentureFounder.user),
                 selectinload(Team.members).selectinload(TeamMember.mentor))
    ).all()  # fmt: skip
    return {team.id: team for team in teams}


def _founders(team: Team) -> list:
    return [f.user for f in team.venture.founders if f.user is not None]


def _lead(team: Team) -> list:
    lead = team.lead
    return [lead.mentor] if lead else []


def keep_series_ahead(now: datetime | None = None) -> int:
    created = sum(
        series_services.keep_ahead(series, now)
        for series in db.session.scalars(select(MeetingSeries)).all()
    )
    db.session.commit()
    return created


def _notice(
    kind: str, meeting: Meeting, program: Program, person, template: str, subject,
    occasion: str | None = None, category: Category = Category.REMINDERS,
) -> Notice:  # fmt: skip
    """One person's notice about a meeting, its time read in the person's zone."""
    return Notice(
        kind=kind, object_id=meeting.id, recipient=person,
        occasion=occasion or occasion_at(meeting.starts_at), program=program,
        category=category, template=template, subject=subject,
        link=email_link("scheduling.show_meeting", program_slug=program.slug,
                        meeting_id=meeting.id),
        context={"meeting": meeting, "program": program, "name": person.name,
                 "pending": not meeting.agenda,
                 "when": format_in_timezone(meeting.starts_at, person.timezone,
                                            person.locale or program.default_locale)},
    )  # fmt: skip
