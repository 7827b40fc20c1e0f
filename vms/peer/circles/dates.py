"""A circle's dates: the next few occurrences of its monthly rule, as meetings with invitations.

The rule is the monthly series' own (``vms.scheduling.series.recurrence``, pure); the dates
are ordinary meetings of kind ``PEER_CIRCLE``, so reminders and personal calendar feeds pick
them up, and the invitations are the meetings' own calendar files (METHOD:REQUEST, the member
as ATTENDEE; METHOD:CANCEL for someone who leaves). The mentor meeting's series and its sweep
are left alone: they invite every mentor of the program, a circle invites its own people.

Only the next ``DATES_AHEAD`` dates exist: each member gets one invitation per date, so a
new circle sends three emails, then one a month as the daily sweep adds the next date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import CalendarPart, queue_email
from vms.peer.circles.models import CircleMeeting, PeerCircle
from vms.scheduling.calendars import ics
from vms.scheduling.meetings.services import calendar_event, organizer_person
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus
from vms.scheduling.series.recurrence import MonthlyRule, occurrences

#: How many coming dates of a circle exist at any time.
DATES_AHEAD = 3


def rule_of(circle: PeerCircle) -> MonthlyRule:
    return MonthlyRule(circle.ordinal, circle.weekday, circle.start_time,
                       circle.duration_minutes, circle.timezone)  # fmt: skip


def keep_ahead(circle: PeerCircle, now: datetime | None = None, invite: bool = True) -> int:
    """Create the circle's missing coming dates and invite its people to them; returns how
    many dates were created. Safe to run again (one row per date of the rule).

    ``invite=False`` adds the invitees without emailing them: for dates made up after the
    fact (demo data given a ``now`` in the past), whose invitations would be noise."""
    now = now or now_utc()
    existing = set(
        db.session.scalars(
            select(CircleMeeting.occurrence_date).where(CircleMeeting.circle_id == circle.id)
        )
    )
    rule = rule_of(circle)
    coming = [o for o in occurrences(rule, now.date(), DATES_AHEAD + 1) if o[0] > now]
    people = _people(circle)
    created = []
    for starts_at, ends_at in coming[:DATES_AHEAD]:
        day = starts_at.astimezone(ZoneInfo(rule.timezone)).date()
        if day not in existing:
            created.append(_new_date(circle, day, starts_at, ends_at, people))
    db.session.flush()
    for meeting in created if invite else []:
        send(circle, meeting, meeting.invitees, "REQUEST", now)
    return len(created)


def _new_date(circle: PeerCircle, day, starts_at, ends_at, people: list[User]) -> Meeting:
    meeting = Meeting(
        program_id=circle.program_id, kind=MeetingKind.PEER_CIRCLE, occurrence_date=day,
        title=circle.name, starts_at=starts_at, ends_at=ends_at, timezone=circle.timezone,
        location=circle.location, organizer_id=circle.facilitator_id,
        invitees=[Invitee(user=person) for person in people],
    )  # fmt: skip
    db.session.add(CircleMeeting(circle_id=circle.id, meeting=meeting, occurrence_date=day))
    return meeting


def _people(circle: PeerCircle) -> list[User]:
    """The members and the facilitator, each once."""
    wanted = circle.member_ids() | ({circle.facilitator_id} if circle.facilitator_id else set())
    if not wanted:
        return []
    return list(db.session.scalars(select(User).where(User.id.in_(wanted)).order_by(User.id)))


def sync_invitees(circle: PeerCircle, now: datetime | None = None) -> None:
    """After the members or the facilitator changed: newcomers are invited to the coming dates,
    and those who left get a cancellation and leave the invitees (past dates keep them)."""
    now = now or now_utc()
    coming = db.session.scalars(
        select(Meeting)
        .join(CircleMeeting, CircleMeeting.meeting_id == Meeting.id)
        .where(CircleMeeting.circle_id == circle.id, Meeting.starts_at > now,
               Meeting.status == MeetingStatus.SCHEDULED)
        .options(selectinload(Meeting.invitees).selectinload(Invitee.user))
    ).all()  # fmt: skip
    people = _people(circle)
    wanted = {person.id for person in people}
    for meeting in coming:
        meeting.organizer_id = circle.facilitator_id
        invited = {i.user_id for i in meeting.invitees}
        leaving = [i for i in meeting.invitees if i.user_id not in wanted]
        joining = [Invitee(user=p) for p in people if p.id not in invited]
        meeting.invitees.extend(joining)
        send(circle, meeting, leaving, "CANCEL", now)
        for invitee in leaving:
            meeting.invitees.remove(invitee)
        db.session.flush()
        send(circle, meeting, joining, "REQUEST", now)


def send(
    circle: PeerCircle, meeting: Meeting, invitees: Iterable[Invitee], method: str,
    now: datetime,
) -> None:  # fmt: skip
    """One email per invitee with the date's calendar file (REQUEST or CANCEL)."""
    program = db.session.get(Program, circle.program_id)
    organizer = organizer_person(program)
    link = email_link("peer.show_circle_meeting", program_slug=program.slug,
                      circle_id=circle.id, meeting_id=meeting.id)  # fmt: skip
    for invitee in invitees:
        person = invitee.user
        event = calendar_event(meeting, organizer, (ics.Person(person.email, person.name),))
        calendar = ics.request(event, now) if method == "REQUEST" else ics.cancel(event, now)
        subject = (_l("Peer circle: %(name)s", name=circle.name) if method == "REQUEST"
                   else _l("No longer in the peer circle %(name)s", name=circle.name))  # fmt: skip
        queue_email(
            person.email, person.locale or program.default_locale, "peer/circle_invitation",
            subject, calendar=CalendarPart(method, calendar), circle=circle, meeting=meeting,
            program=program, name=person.name, cancelled=method == "CANCEL", link=link,
            when=format_in_timezone(meeting.starts_at, person.timezone, person.locale),
        )  # fmt: skip
