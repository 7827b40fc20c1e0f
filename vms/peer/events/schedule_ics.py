"""A person's speed-dating schedule as a calendar file, one event per conversation (pure).

METHOD:PUBLISH, with no attendees: nobody answers a fifteen-minute conversation, and the file
only puts the evening into a calendar. Each conversation's UID stays the same for the same
(event, member, peer mentor) pair, so after a rebuild a calendar updates the entries it holds
(the higher SEQUENCE wins) instead of adding new ones. Times are written in UTC.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event

PRODID = "-//VMS//Peer mentoring//EN"


@dataclass(frozen=True)
class Conversation:
    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""


def conversation_uid(calendar_key: str, member_id: int, mentor_id: int) -> str:
    """Stable per (event, member, peer mentor): the event's random key, never its row id."""
    return f"peer-{calendar_key}-{member_id}-{mentor_id}@vms"


def schedule_calendar(conversations: Sequence[Conversation], sequence: int, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for conversation in conversations:
        if conversation.start.tzinfo is None or conversation.end <= conversation.start:
            raise ValueError("a conversation has aware times and ends after it starts")
        component = Event()
        component.add("uid", conversation.uid)
        component.add("sequence", sequence)
        component.add("dtstamp", now.astimezone(UTC))
        component.add("dtstart", conversation.start.astimezone(UTC))
        component.add("dtend", conversation.end.astimezone(UTC))
        component.add("summary", conversation.summary)
        component.add("status", "CONFIRMED")
        for name, value in (("location", conversation.location),
                            ("description", conversation.description)):  # fmt: skip
            if value:
                component.add(name, value)
        calendar.add_component(component)
    return calendar.to_ical()
