"""Team meetings: scheduling, rescheduling and cancelling, with calendar emails; answers.

The program arranges every meeting and invites the whole team and the venture's
founders; each invitee gets METHOD:REQUEST with themselves as ATTENDEE (RSVP=TRUE),
updates keep the UID with a higher SEQUENCE, and a cancellation is METHOD:CANCEL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import CalendarPart, queue_email
from vms.scheduling.calendars import entries, ics
from vms.scheduling.meetings import rsvp
from vms.scheduling.models import (
    Invitee,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Response,
)


class MeetingRefused(Exception):
    """Why a meeting cannot be scheduled or changed as asked (a sentence for the person)."""


@dataclass(frozen=True)
class MeetingDetails:
    starts_at: datetime
    duration_minutes: int
    location: str = ""
    video_url: str = ""
    notes: str = ""

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def moves(self, meeting: Meeting) -> bool:
        """A new start or end: everyone's answers are asked again."""
        return (self.starts_at, self.ends_at) != (meeting.starts_at, meeting.ends_at)


def check_details(details: MeetingDetails, timezone: str, now=None) -> None:
    """Refuse (MeetingRefused) a time no meeting may have, before anything else is said."""
    _check(details, timezone, now or now_utc())


def schedule_team_meeting(
    team: Team, details: MeetingDetails, organizer: User, timezone: str, now=None
) -> Meeting:
    """A new meeting for the team and the venture's founders; everyone gets an invitation."""
    now = now or now_utc()
    _check(details, timezone, now)
    meeting = Meeting(
        program_id=team.program_id, kind=MeetingKind.TEAM, team_id=team.id,
        title=team.venture.name,
        starts_at=details.starts_at, ends_at=details.ends_at, timezone=timezone,
        location=details.location, video_url=details.video_url, notes=details.notes,
        organizer_id=organizer.id,
    )  # fmt: skip
    people = [m.mentor for m in team.members] + [
        f.user for f in team.venture.founders if f.user is not None
    ]
    meeting.invitees = [Invitee(user=person) for person in _unique(people)]
    db.session.add(meeting)
    db.session.flush()
    _send(meeting, meeting.invitees, "REQUEST", now)
    return meeting


def reschedule(meeting: Meeting, details: MeetingDetails, now=None) -> bool:
    """Move or re-place the meeting; True (and updates sent) if anything changed.

    A new time clears every answer (a "yes" for Thursday says nothing of Wednesday) and the
    update asks everyone to answer again; a new place or description keeps the answers."""
    now = now or now_utc()
    _check(details, meeting.timezone, now)
    if meeting.status is MeetingStatus.CANCELLED:
        raise MeetingRefused(_l("This meeting was cancelled; schedule a new one."))
    moved = details.moves(meeting)
    changed = meeting.change(details.starts_at, details.ends_at, details.location,
                             details.video_url, details.notes)  # fmt: skip
    if changed:  # the reminders are for the new time
        meeting.reminded_at = meeting.agenda_reminded_at = None
    if moved:
        _clear_answers(meeting)
    db.session.flush()
    if changed:
        _send(meeting, everyone_invited(meeting), "REQUEST", now, moved=moved)
    return changed


def _clear_answers(meeting: Meeting) -> None:
    """Everyone's answer forgotten, in one UPDATE however many people are invited."""
    db.session.execute(
        update(Invitee).where(Invitee.meeting_id == meeting.id)
        .values(response=None, responded_at=None)
    )  # fmt: skip


def cancel(meeting: Meeting, now=None, reason: str = "") -> None:
    """Cancel for everyone; ``reason`` (optional, from the organiser) goes into their email."""
    if meeting.status is MeetingStatus.CANCELLED:
        raise MeetingRefused(_l("This meeting is already cancelled."))
    if (now or now_utc()) >= meeting.starts_at:
        raise MeetingRefused(_l("A meeting that has started cannot be cancelled."))
    meeting.cancel()
    db.session.flush()
    _send(meeting, everyone_invited(meeting), "CANCEL", now or now_utc(), reason=reason)


def respond(meeting: Meeting, user: User, response: Response, now=None) -> Invitee:
    """Record a person's own answer (yes, no, maybe); only invitees may answer."""
    invitee = db.session.scalar(
        select(Invitee).where(Invitee.meeting_id == meeting.id, Invitee.user_id == user.id)
    )
    if invitee is None:
        raise MeetingRefused(_l("You are not invited to this meeting."))
    if meeting.status is MeetingStatus.CANCELLED:
        raise MeetingRefused(_l("This meeting was cancelled."))
    invitee.response, invitee.responded_at = response, now or now_utc()
    db.session.flush()
    return invitee


def clashes(
    program_id: int, user_ids: list[int], starts_at: datetime, ends_at: datetime,
    leaving_out=None,
):  # fmt: skip
    """Other scheduled meetings of these people (ids, or a query of them) in this program that
    overlap (a warning, not a block). Only this program's: another program's meetings are
    not ours to name."""
    query = (
        select(Meeting, User)
        .join(Invitee, Invitee.meeting_id == Meeting.id)
        .join(User, User.id == Invitee.user_id)
        .where(
            Meeting.program_id == program_id,
            Invitee.user_id.in_(user_ids), Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.starts_at < ends_at, Meeting.ends_at > starts_at,
        )
        .order_by(Meeting.starts_at, User.name)
    )  # fmt: skip
    if leaving_out is not None:
        query = query.where(Meeting.id != leaving_out)
    return list(db.session.execute(query).tuples())


def everyone_invited(meeting: Meeting) -> list[Invitee]:
    """Every invitee with their user, in two queries (a monthly mentor meeting invites
    every mentor: one query per person would be thousands)."""
    return list(db.session.scalars(
        select(Invitee).where(Invitee.meeting_id == meeting.id)
        .options(selectinload(Invitee.user)).order_by(Invitee.id)
    ))  # fmt: skip


def _check(details: MeetingDetails, timezone: str, now: datetime) -> None:
    try:
        ZoneInfo(timezone)
    except (KeyError, ValueError) as unknown:
        raise MeetingRefused(_l("Unknown timezone: %(name)s.", name=timezone)) from unknown
    if details.duration_minutes <= 0:
        raise MeetingRefused(_l("The meeting must end after it starts."))
    if details.starts_at <= now:
        raise MeetingRefused(_l("The meeting must start in the future."))


def _unique(people: list[User]) -> list[User]:
    seen: dict[int, User] = {}
    for person in people:
        seen.setdefault(person.id, person)
    return list(seen.values())


def send_to(
    meeting: Meeting, invitees: list[Invitee], method: str, now=None, withdrawn: bool = False
) -> None:
    """An invitation (REQUEST) or cancellation (CANCEL) for some invitees only; ``withdrawn``:
    a CANCEL because these people are no longer invited (they left the team), while the
    meeting goes ahead for the others, as their email says."""
    _send(meeting, invitees, method, now or now_utc(), withdrawn=withdrawn)


def organizer_person(program: Program) -> ics.Person:
    """The program organises every meeting, at the address emails come from."""
    _name, sender = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])
    return ics.Person(sender, program.name)


def _send(
    meeting: Meeting, invitees: list[Invitee], method: str, now: datetime, moved: bool = False,
    reason: str = "", withdrawn: bool = False,
) -> None:  # fmt: skip
    """``moved``: the time changed, so the email asks everyone to answer again; ``reason``:
    why it is cancelled; ``withdrawn``: see ``send_to``."""
    program = db.session.get(Program, meeting.program_id)
    organizer = organizer_person(program)
    facts = entry_facts(meeting, program)
    for invitee in invitees:
        person = invitee.user
        with force_locale(person.locale or program.default_locale):  # the entry's description
            event = calendar_event(meeting, organizer, (ics.Person(person.email, person.name),),
                                   facts)  # fmt: skip
        calendar = ics.request(event, now) if method == "REQUEST" else ics.cancel(event, now)
        subject = _subject(meeting, method, withdrawn)
        queue_email(
            person.email, person.locale or program.default_locale, "scheduling/meeting", subject,
            calendar=CalendarPart(method, calendar), meeting=meeting, program=program,
            cancelled=method == "CANCEL", updated=meeting.sequence > 0, name=person.name,
            moved=moved, reason=reason, withdrawn=withdrawn,
            rsvp=email_link("scheduling.answer_by_link", token=rsvp.token_for(invitee)),
            when=format_in_timezone(meeting.starts_at, person.timezone, person.locale),
        )  # fmt: skip


def _subject(meeting: Meeting, method: str, withdrawn: bool = False):
    if withdrawn:
        return _l("No longer invited: %(title)s", title=meeting.title)
    if meeting.kind is MeetingKind.TEAM:
        return (_l("Team meeting: %(title)s", title=meeting.title) if method == "REQUEST"
                else _l("Cancelled: team meeting %(title)s", title=meeting.title))  # fmt: skip
    return (_l("Changed: %(title)s", title=meeting.title) if method == "REQUEST"
            else _l("Cancelled: %(title)s", title=meeting.title))  # fmt: skip


def entry_facts(meeting: Meeting, program: Program) -> entries.EntryFacts:
    """What one meeting's calendar entry says of its agenda, and the link to its page."""
    link = entries.meeting_links([(meeting.id, program.slug)])[meeting.id]
    return entries.EntryFacts(len(meeting.agenda), program.agenda_due_days, link)


def calendar_event(
    meeting: Meeting, organizer: ics.Person, attendees=(),
    facts: entries.EntryFacts | None = None, wording: entries.Wording | None = None,
) -> ics.CalendarEvent:  # fmt: skip
    """The meeting as a calendar entry; with ``facts``, its description also says how the
    agenda stands and links back to the meeting's page (in the current locale)."""
    description = meeting.notes if facts is None else entries.describe(meeting, facts, wording)
    return ics.CalendarEvent(
        uid=meeting.uid, sequence=meeting.sequence, start=meeting.starts_at, end=meeting.ends_at,
        summary=f"{meeting.title} · {organizer.name}", organizer=organizer,
        attendees=tuple(attendees), description=description, location=meeting.location,
        url=meeting.video_url,
    )  # fmt: skip
