"""Team meetings: invitations, updates and cancellations by real SMTP, parsed back; answers."""

from datetime import timedelta

import pytest

from tests.scheduling.conftest import meeting_details
from tests.support import calendar_in
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.scheduling.meetings import services as meetings
from vms.scheduling.meetings.services import MeetingRefused
from vms.scheduling.models import MeetingStatus, Response


def _schedule(team, smtp, **changes):
    organizer = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(**changes), organizer,
                                             "America/New_York")  # fmt: skip
    db.session.commit()
    deliver_all()
    return meeting


def test_every_invitee_gets_a_request_naming_them_as_attendee(team, smtp):
    meeting = _schedule(team, smtp)
    people = [m.mentor for m in team.members] + [team.venture.founders[0].user]
    assert sorted(i.user_id for i in meeting.invitees) == sorted(p.id for p in people)
    for person in people:
        message = smtp.last_to(person.email)
        method, calendar, event = calendar_in(message)
        assert method == "REQUEST" and calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == meeting.uid and int(event["SEQUENCE"]) == 0
        assert event["DTSTART"].dt == meeting.starts_at and "DTSTAMP" in event
        attendees = event.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        assert [str(a) for a in attendees] == [f"mailto:{person.email}"]
        assert attendees[0].params["RSVP"] == "TRUE"
    spanish = smtp.last_to(team.venture.founders[0].user.email).get_body(("plain",)).get_content()
    assert "Hola" in spanish
    madrid = smtp.last_to(people[0].email).get_body(("plain",)).get_content()
    assert "Europe/Madrid" in madrid


def test_a_change_keeps_the_uid_raises_the_sequence_and_a_cancel_is_cancel(team, smtp):
    meeting = _schedule(team, smtp)
    smtp.clear()
    assert not meetings.reschedule(meeting, meeting_details(starts_at=meeting.starts_at))
    moved = meeting_details(starts_at=meeting.starts_at + timedelta(hours=2), location="Room 9")
    assert meetings.reschedule(meeting, moved)
    db.session.commit()
    deliver_all()
    _m, _c, event = calendar_in(smtp.last_to(team.members[1].mentor.email))
    assert str(event["UID"]) == meeting.uid and int(event["SEQUENCE"]) == 1
    assert str(event["LOCATION"]) == "Room 9"
    meetings.cancel(meeting)
    db.session.commit()
    deliver_all()
    method, calendar, event = calendar_in(smtp.last_to(team.members[1].mentor.email))
    assert method == "CANCEL" and calendar["METHOD"] == "CANCEL"
    assert int(event["SEQUENCE"]) == 2 and str(event["STATUS"]) == "CANCELLED"
    with pytest.raises(MeetingRefused):
        meetings.cancel(meeting)
    with pytest.raises(MeetingRefused):
        meetings.reschedule(meeting, moved)


@pytest.mark.parametrize(
    ("changes", "zone", "reason"),
    [
        ({"days": -1}, "America/New_York", "in the future"),
        ({"duration_minutes": 0}, "America/New_York", "end after it starts"),
        ({}, "Mars/Olympus", "Unknown timezone"),
    ],
)
def test_bad_meetings_are_refused_and_change_nothing(team, changes, zone, reason):
    days = changes.pop("days", 7)
    with pytest.raises(MeetingRefused, match=reason):
        details = meeting_details(days, **changes)
        meetings.schedule_team_meeting(team, details, team.members[0].mentor, zone)
    db.session.rollback()
    from vms.scheduling.models import Meeting

    assert db.session.query(Meeting).count() == 0


def test_answers_are_recorded_for_invitees_only_and_clashes_are_found(team, smtp, make_user):
    meeting = _schedule(team, smtp)
    lead = team.members[0].mentor
    meetings.respond(meeting, lead, Response.YES)
    assert meeting.invitees[0].response is Response.YES and meeting.invitees[0].responded_at
    with pytest.raises(MeetingRefused, match="not invited"):
        meetings.respond(meeting, make_user(), Response.NO)
    half_hour = timedelta(minutes=30)
    overlapping = meetings.clashes(team.program_id, [lead.id], meeting.starts_at + half_hour,
                                   meeting.ends_at + half_hour)  # fmt: skip
    assert [(m.id, u.id) for m, u in overlapping] == [(meeting.id, lead.id)]
    after = (meeting.ends_at, meeting.ends_at + timedelta(hours=1))
    assert meetings.clashes(team.program_id, [lead.id], *after) == []
    elsewhere = team.program_id + 1  # another program's meetings are never named
    assert meetings.clashes(elsewhere, [lead.id], meeting.starts_at, meeting.ends_at) == []
    meetings.cancel(meeting)
    assert meeting.status is MeetingStatus.CANCELLED
    assert meetings.clashes(team.program_id, [lead.id], meeting.starts_at, meeting.ends_at) == []
