"""Each person's own schedule: as a calendar file, and by email to everyone taking part."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_time
from flask_babel import force_locale
from flask_babel import gettext as _

from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import CalendarPart, queue_email
from vms.peer.events import queries
from vms.peer.events.schedule_ics import Conversation, conversation_uid, schedule_calendar
from vms.peer.models import PeerEvent, PeerParticipant, PeerRole
from vms.row_locks import lock


def conversations_of(
    event: PeerEvent, participant: PeerParticipant, rows: list[queries.ScheduleRow]
) -> list[Conversation]:
    """One calendar entry per conversation (a peer mentor's with a pod is one entry, keyed on
    the pod's first member)."""
    found = []
    for row in rows:
        if row.table is None:
            continue
        if participant.role is PeerRole.MEMBER:
            member_id, mentor_id = participant.user_id, row.mentor.id
            summary = _("%(title)s: table %(table)s with %(name)s", title=event.title,
                        table=row.table, name=row.mentor.name)  # fmt: skip
        else:
            member_id, mentor_id = min(u.id for u in row.members), participant.user_id
            summary = _("%(title)s: table %(table)s with %(name)s", title=event.title,
                        table=row.table, name=", ".join(u.name for u in row.members))  # fmt: skip
        found.append(Conversation(conversation_uid(event.calendar_key, member_id, mentor_id),
                                  row.time.starts_at, row.time.ends_at, summary,
                                  event.location))  # fmt: skip
    return found


def schedule_file(
    event: PeerEvent, participant: PeerParticipant, now: datetime, sheet=None
) -> bytes:
    rows = queries.schedule_of(event, participant, sheet)
    return schedule_calendar(conversations_of(event, participant, rows),
                             event.schedule_sequence, now)  # fmt: skip


def send_schedules(event: PeerEvent, now: datetime) -> int:
    """Queue each person present their schedule, with its calendar file; how many were sent."""
    lock(event)
    sheet = queries.run_sheet(event)
    program = event.program
    sent = 0
    for participant in event.participants:
        if participant.absent:
            continue
        person = participant.user
        locale = person.locale or program.default_locale
        with force_locale(locale):
            rows = queries.schedule_of(event, participant, sheet)
            ics = schedule_calendar(conversations_of(event, participant, rows),
                                    event.schedule_sequence, now)  # fmt: skip
        times = {row.number: format_time(row.time.starts_at, "short", tzinfo=_zone(person),
                                         locale=locale) for row in rows}  # fmt: skip
        queue_email(
            person.email, locale, "peer/schedule", _l("Your schedule: %(title)s",
                                                      title=event.title),
            calendar=CalendarPart("PUBLISH", ics), event=event, name=person.name, rows=rows,
            times=times, when=format_in_timezone(rows[0].time.starts_at, person.timezone, locale)
            if rows else "", link=email_link("peer.my_schedule", program_slug=program.slug,
                                             event_id=event.id),
            mentor=participant.role is PeerRole.PEER_MENTOR, program_id=program.id,
        )  # fmt: skip
        sent += 1
    db.session.flush()
    return sent


def _zone(person) -> ZoneInfo:
    return ZoneInfo(person.timezone or "UTC")
