"""Sending a monthly meeting's packet to the mentors who said yes: one notice per mentor and
packet (a notification key), so a double click, or a second send, reaches no one twice."""

from __future__ import annotations

from sqlalchemy import select

from vms.cohorts.models import Program
from vms.evidence.updates.months import month_key
from vms.evidence.updates.queries import Packet, mentors_who_said_yes
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.models import Notification
from vms.notifications.services import Notice, notify
from vms.scheduling.models import Meeting

KIND = "meeting.packet"


def send_packet(program: Program, packet: Packet) -> int:
    """Queue the packet's email to each mentor who said yes and has not had it; how many."""
    meeting = packet.meeting
    link = email_link("updates.show_packet", program_slug=program.slug, meeting_id=meeting.id)
    ventures = [(entry.venture.name, entry.update is not None) for entry in packet.entries]
    notices = [
        Notice(kind=KIND, object_id=meeting.id, recipient=mentor, occasion=month_key(packet.month),
               program=program, category=None, template="evidence/updates_packet",
               subject=_l("The packet of %(title)s", title=meeting.title), link=link,
               context={"name": mentor.name, "meeting": meeting, "ventures": ventures,
                        "program": program})
        for mentor in mentors_who_said_yes(meeting)
    ]  # fmt: skip
    return len(notify(notices))


def sent_to(meeting: Meeting) -> set[int]:
    """Who already has the meeting's packet (the confirmation page says so)."""
    return set(db.session.scalars(
        select(Notification.recipient_id)
        .where(Notification.kind == KIND, Notification.object_id == meeting.id)
    ))  # fmt: skip
