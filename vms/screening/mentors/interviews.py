"""Scheduling and rescheduling screening interviews, with calendar invitations by email."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

from flask import current_app
from sqlalchemy import select

from vms import row_locks
from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.services import CalendarPart, queue_email
from vms.scheduling.calendars import ics
from vms.screening.mentors.models import Interview, MentorApplication, MentorStatus

#: Statuses from which scheduling an interview moves the application on.
SCHEDULABLE = {MentorStatus.SUBMITTED, MentorStatus.WAITLISTED}


class InterviewRefused(Exception):
    """Why an interview cannot be scheduled as asked (a sentence for the person)."""


@dataclass(frozen=True)
class InterviewDetails:
    starts_at: datetime
    duration_minutes: int
    location: str
    video_url: str
    interviewer_ids: list[int]


def interviewer_candidates(program: Program) -> list[User]:
    """Coordinators and mentors of the program: who may interview."""
    return list(
        db.session.scalars(
            select(User)
            .join(Membership)
            .where(
                Membership.program_id == program.id,
                Membership.role.in_([Role.COORDINATOR, Role.MENTOR]),
            )
            .distinct()
            .order_by(User.name)
        )
    )


def schedule(
    application: MentorApplication, details: InterviewDetails, actor: User, now=None
) -> Interview:
    """A first interview (the application moves on) or a changed one (everyone is updated)."""
    row_locks.lock(application)  # two clicks make one interview, not two
    now = now or now_utc()
    program = db.session.get(Program, application.program_id)
    interviewers = _checked(program, details, now)
    current = application.interviews[-1] if application.interviews else None
    if current is not None and application.status is MentorStatus.INTERVIEW_SCHEDULED:
        return _reschedule(current, details, interviewers, program, now)
    if application.status not in SCHEDULABLE:
        raise InterviewRefused(_l("An application in this stage cannot get an interview."))
    interview = Interview(
        uid=f"interview-{uuid.uuid4()}@vms", sequence=0, starts_at=details.starts_at,
        duration_minutes=details.duration_minutes, location=details.location,
        video_url=details.video_url, interviewers=interviewers,
    )  # fmt: skip
    application.interviews.append(interview)
    application.move_to(MentorStatus.INTERVIEW_SCHEDULED, actor)
    db.session.flush()
    _invite(interview, program, _attendees(interview), now)
    return interview


def _checked(program: Program, details: InterviewDetails, now: datetime) -> list[User]:
    if details.starts_at <= now:
        raise InterviewRefused(_l("The interview must start in the future."))
    allowed = {user.id: user for user in interviewer_candidates(program)}
    chosen = [allowed[i] for i in details.interviewer_ids if i in allowed]
    if not chosen or len(chosen) != len(set(details.interviewer_ids)):
        raise InterviewRefused(
            _l("Choose interviewers among the program's coordinators and mentors.")
        )
    return chosen


def _reschedule(
    interview: Interview, details: InterviewDetails, interviewers: list[User], program, now
) -> Interview:
    removed = [u for u in interview.interviewers if u not in interviewers]
    changed = interview.change(
        details.starts_at, details.duration_minutes, details.location, details.video_url
    )
    added = [u for u in interviewers if u not in interview.interviewers]
    if (removed or added) and not changed:
        interview.sequence += 1  # who attends is part of the event too
    interview.interviewers = interviewers
    db.session.flush()
    if removed:
        _send(interview, program, [_person(u) for u in removed], "CANCEL", now)
    if changed:
        _invite(interview, program, _attendees(interview), now)
    elif added:
        _invite(interview, program, [_person(u) for u in added], now)
    return interview


def _attendees(interview: Interview) -> list[tuple[ics.Person, str, str]]:
    application = interview.application
    program = db.session.get(Program, application.program_id)
    applicant = ics.Person(application.email, application.name)
    return [(applicant, program.timezone, application.locale)] + [
        _person(user) for user in interview.interviewers
    ]


def _person(user: User) -> tuple[ics.Person, str, str]:
    return ics.Person(user.email, user.name), user.timezone, user.locale


def _invite(interview, program, recipients, now) -> None:
    _send(interview, program, recipients, "REQUEST", now)


def _send(interview: Interview, program: Program, recipients, method: str, now) -> None:
    event = _calendar_event(interview, program)
    calendar = ics.request(event, now) if method == "REQUEST" else ics.cancel(event, now)
    subject = (
        _l("Mentor interview: %(name)s", name=interview.application.name)
        if method == "REQUEST"
        else _l(
            "Cancelled for you: mentor interview with %(name)s", name=interview.application.name
        )
    )
    for person, timezone, locale in recipients:
        queue_email(
            person.email, locale, "screening/interview", subject,
            calendar=CalendarPart(method, calendar), interview=interview, program=program,
            cancelled=method == "CANCEL", recipient=person,
            when=format_in_timezone(interview.starts_at, timezone, locale),
        )  # fmt: skip


def _calendar_event(interview: Interview, program: Program) -> ics.CalendarEvent:
    application = interview.application
    _name, sender = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])
    return ics.CalendarEvent(
        uid=interview.uid, sequence=interview.sequence, start=interview.starts_at,
        end=interview.ends_at, summary=f"{program.name}: mentor interview ({application.name})",
        organizer=ics.Person(sender, program.name),
        attendees=tuple(person for person, _tz, _locale in _attendees(interview)),
        location=interview.location, url=interview.video_url,
    )  # fmt: skip
