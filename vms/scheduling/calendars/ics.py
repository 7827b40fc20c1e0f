"""Calendar files (RFC 5545): invitations, updates and cancellations. Pure: no Flask, no database.

Rules we keep (see DESIGN.md, pitfalls): an event's UID never changes and is
always given (icalendar invents a random one otherwise); SEQUENCE rises with
every change of time, place or status; invitations are METHOD:REQUEST with
every attendee asked to RSVP; cancellations are METHOD:CANCEL; single events
are written in UTC.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//VMS//Venture mentoring//EN"


@dataclass(frozen=True)
class Person:
    email: str
    name: str


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    organizer: Person
    attendees: Sequence[Person] = field(default_factory=tuple)
    description: str = ""
    location: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        if not self.uid:
            raise ValueError("an event needs a stable UID")
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("event times must be timezone-aware")
        if self.end <= self.start:
            raise ValueError("an event must end after it starts")


def request(event: CalendarEvent, now: datetime) -> bytes:
    """An invitation or update (METHOD:REQUEST); attendees are asked to answer."""
    return _calendar("REQUEST", event, now, status="CONFIRMED")


def cancel(event: CalendarEvent, now: datetime) -> bytes:
    """A cancellation (METHOD:CANCEL); give it a SEQUENCE above the last request's."""
    return _calendar("CANCEL", event, now, status="CANCELLED")


def _calendar(method: str, event: CalendarEvent, now: datetime, status: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add_component(_event(event, now, status))
    return calendar.to_ical()


def _event(event: CalendarEvent, now: datetime, status: str) -> Event:
    component = Event()
    component.add("uid", event.uid)
    component.add("sequence", event.sequence)
    component.add("dtstamp", now.astimezone(UTC))
    component.add("dtstart", event.start.astimezone(UTC))
    component.add("dtend", event.end.astimezone(UTC))
    component.add("summary", event.summary)
    component.add("status", status)
    for name, value in (("description", event.description), ("location", event.location),
                        ("url", event.url)):  # fmt: skip
        if value:
            component.add(name, value)
    component.add("organizer", _address(event.organizer))
    for person in event.attendees:
        attendee = _address(person)
        attendee.params.update(
            {"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
        )
        component.add("attendee", attendee, encode=0)
    return component


def _address(person: Person) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.name)
    return address
