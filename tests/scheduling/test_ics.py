"""Calendar files, parsed back with icalendar."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from vms.scheduling.calendars.feed_ics import publish
from vms.scheduling.calendars.ics import CalendarEvent, Person, cancel, request

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
BOSTON = ZoneInfo("America/New_York")


def _event(**changes) -> CalendarEvent:
    fields = dict(
        uid="interview-7@vms.example", sequence=0,
        start=datetime(2027, 3, 14, 10, 0, tzinfo=BOSTON),  # the day DST starts in Boston
        end=datetime(2027, 3, 14, 11, 0, tzinfo=BOSTON),
        summary="Mentor interview", organizer=Person("coord@example.org", "Casey"),
        attendees=(Person("ann@example.org", "Ann"), Person("ivan@example.org", "Ivan, Jr.")),
        location="Room 4", url="https://meet.example/abc",
    )  # fmt: skip
    fields.update(changes)
    return CalendarEvent(**fields)


def _only_event(raw: bytes):
    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_an_invitation_is_a_request_with_every_attendee_asked_to_answer():
    calendar, event = _only_event(request(_event(), NOW))
    assert calendar["METHOD"] == "REQUEST" and calendar["VERSION"] == "2.0"
    assert str(event["UID"]) == "interview-7@vms.example"
    assert event["SEQUENCE"] == 0 and str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("DTSTAMP") == NOW
    start = event.decoded("DTSTART")
    assert start == datetime(2027, 3, 14, 14, 0, tzinfo=UTC)  # 10:00 EDT, in UTC
    assert start.utcoffset() == timedelta(0)
    attendees = event.get("ATTENDEE")
    assert [str(a) for a in attendees] == ["mailto:ann@example.org", "mailto:ivan@example.org"]
    assert all(a.params["RSVP"] == "TRUE" for a in attendees)
    assert attendees[1].params["CN"] == "Ivan, Jr."  # quoted, not broken by the comma
    assert str(event["ORGANIZER"]) == "mailto:coord@example.org"
    assert str(event["LOCATION"]) == "Room 4" and str(event["URL"]) == "https://meet.example/abc"


def test_an_update_keeps_the_uid_and_raises_the_sequence():
    moved = _event(sequence=1, start=datetime(2027, 3, 15, 9, 0, tzinfo=BOSTON),
                   end=datetime(2027, 3, 15, 10, 0, tzinfo=BOSTON))  # fmt: skip
    _calendar, event = _only_event(request(moved, NOW))
    assert str(event["UID"]) == "interview-7@vms.example" and event["SEQUENCE"] == 1


def test_a_cancellation_is_method_cancel():
    calendar, event = _only_event(cancel(_event(sequence=2), NOW))
    assert calendar["METHOD"] == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 2


def test_events_need_a_uid_aware_times_and_a_positive_length():
    with pytest.raises(ValueError):
        _event(uid="")
    with pytest.raises(ValueError):
        _event(start=datetime(2027, 3, 14, 10, 0))
    with pytest.raises(ValueError):
        _event(end=datetime(2027, 3, 14, 9, 0, tzinfo=BOSTON))


def test_a_feed_is_published_without_anyone_s_address():
    events = [(_event(uid=f"meeting-{n}@vms.example", sequence=n), n == 2) for n in range(3)]
    raw = publish(events, NOW, "VMS — Ann", refresh=timedelta(minutes=30))
    calendar = Calendar.from_ical(raw)
    assert calendar["METHOD"] == "PUBLISH" and str(calendar["X-WR-CALNAME"]) == "VMS — Ann"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(minutes=30)
    parsed = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in parsed] == [f"meeting-{n}@vms.example" for n in range(3)]
    assert [str(e["STATUS"]) for e in parsed] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    for event in parsed:
        assert "ATTENDEE" not in event and "ORGANIZER" not in event
        assert event["DTSTART"].dt.tzinfo is not None and "DTSTAMP" in event
    assert b"ann@example.org" not in raw and b"coord@example.org" not in raw


def test_feed_text_is_escaped_and_folded_and_reads_back_the_same():
    summary = "Équipe «GreenGrid»; réunion, étape 2 — " + "🌱 cultivos y raíces " * 6
    notes = "Agenda:\n1. Tracción, ventas; 2. Contratación\\equipo\r\nFin"
    event = _event(summary=summary, description=notes, location="Sala 4, planta 2; ala B")
    raw = publish([(event, False)], NOW, "Calendario de Ñandú")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines fold at 75 octets"
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(raw)
    parsed = calendar.walk("VEVENT")[0]
    assert str(parsed["SUMMARY"]) == summary
    assert str(parsed["DESCRIPTION"]) == notes.replace("\r\n", "\n")
    assert str(parsed["LOCATION"]) == "Sala 4, planta 2; ala B"
    assert str(calendar["X-WR-CALNAME"]) == "Calendario de Ñandú"
    assert parsed["DTSTART"].dt == event.start and parsed["DTEND"].dt == event.end


def test_long_ascii_lines_fold_at_75_octets_and_read_back_the_same():
    link = "https://vms.example.org/p/harbor/meetings/12345?" + "a=b&" * 60
    for length in (75, 76, 149, 150, 151, len(link)):
        description = f"Meeting page: {link}"[:length]
        raw = publish([(_event(description=description), False)], NOW, "Feed")
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines fold at 75 octets"
        parsed = Calendar.from_ical(raw).walk("VEVENT")[0]
        assert str(parsed["DESCRIPTION"]) == description
