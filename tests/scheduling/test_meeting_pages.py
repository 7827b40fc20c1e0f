"""The meeting pages: schedule in the program's clock, answer, agenda, summary, attendance."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy import event, select

from tests.conftest import Auth
from tests.scheduling.conftest import meeting_details
from vms.auth.models import Role
from vms.extensions import db
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import Meeting, Response

NEW_YORK = ZoneInfo("America/New_York")


def _coordinator(team, make_member):
    from vms.cohorts.models import Program

    return make_member(db.session.get(Program, team.program_id), Role.COORDINATOR, name="Casey")


def _form(day: date, **changes) -> dict:
    data = {"day": day.isoformat(), "start": "18:00", "duration_minutes": "60", "notes": "",
            "timezone": "America/New_York", "location": "Room 4", "video_url": ""}  # fmt: skip
    data.update(changes)
    return data


def _program(team):
    from vms.cohorts.models import Program

    return db.session.get(Program, team.program_id)


def test_a_coordinator_schedules_on_the_program_clock_across_dst(client, auth, team, make_member,
                                                                 smtp):  # fmt: skip
    auth.login(as_=_coordinator(team, make_member))
    slug = _program(team).slug
    year = datetime.now(UTC).year + 1
    for day in (date(year, 7, 13), date(year, 1, 12)):  # summer (EDT) and winter (EST)
        response = client.post(f"/p/{slug}/teams/{team.id}/meetings/new", data=_form(day))
        assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    starts = sorted(m.starts_at for m in db.session.scalars(select(Meeting)))
    assert [s.astimezone(NEW_YORK).hour for s in starts] == [18, 18]
    assert {s.astimezone(UTC).hour for s in starts} == {22, 23}, "EDT then EST"
    founder = team.venture.founders[0].user
    assert smtp.last_to(founder.email)["Subject"].startswith("Reunión del equipo")


def test_bad_meetings_are_refused_with_the_typed_values_kept(client, auth, team, make_member):
    auth.login(as_=_coordinator(team, make_member))
    url = f"/p/{_program(team).slug}/teams/{team.id}/meetings/new"
    yesterday, soon = date.today() - timedelta(days=1), date.today() + timedelta(days=30)
    cases = [
        (_form(yesterday, location="Kept room"), "must start in the future"),
        (_form(soon, duration_minutes="0"), "from 15 to 480"),
        (_form(soon, timezone="Mars/Olympus"), "Not a valid choice"),
        (_form(soon, location="", video_url=""), "Give a room or a video link"),
        (_form(date(9999, 12, 31)), "within the next two years"),  # was an OverflowError
    ]
    for data, message in cases:
        page = client.post(url, data=data).get_data(as_text=True)
        assert message in page, message
    assert 'value="Kept room"' in client.post(url, data=cases[0][0]).get_data(as_text=True)
    assert db.session.scalar(select(Meeting)) is None


def _acknowledged(page: str) -> str:
    found = re.search(r'<input[^>]*name="acknowledged"[^>]*value="([^"]*)"', page)
    assert found, "no acknowledgement in the form"
    return html.unescape(found.group(1))


def test_a_clash_is_warned_of_once_before_the_invitations_go_out(client, auth, team, make_member,
                                                                   smtp):  # fmt: skip
    auth.login(as_=_coordinator(team, make_member))
    url = f"/p/{_program(team).slug}/teams/{team.id}/meetings/new"
    soon = date.today() + timedelta(days=30)
    client.post(url, data=_form(soon))
    sent = len(smtp.messages)
    warned = client.post(url, data=_form(soon, start="18:30", location="Kept room"))
    page = warned.get_data(as_text=True)
    assert warned.status_code == 200 and "Before the invitations go out" in page
    # One line names everyone who is busy then, and the meeting they have.
    assert page.count("already have meetings at that time") == 1
    assert "Fiona, Lena Lead, Omar already have meetings at that time (GreenGrid)." in page
    assert 'value="Kept room"' in page  # nothing typed is lost
    assert len(db.session.scalars(select(Meeting)).all()) == 1 and len(smtp.messages) == sent
    # A different time is checked again: the warning answered was for 18:30 only.
    moved = _form(soon, start="18:15", acknowledged=_acknowledged(page))
    page = client.post(url, data=moved).get_data(as_text=True)
    assert "Before the invitations go out" in page
    # Sending anyway, for the time that was warned of, schedules it and invites everyone.
    anyway = client.post(url, data=_form(soon, start="18:15", acknowledged=_acknowledged(page)))
    assert anyway.status_code == 302
    assert len(db.session.scalars(select(Meeting)).all()) == 2


def test_a_day_other_than_the_teams_day_is_warned_of(client, auth, team, make_member):
    team.venture.meeting_weekday = 4  # Thursdays
    db.session.commit()
    auth.login(as_=_coordinator(team, make_member))
    url = f"/p/{_program(team).slug}/teams/{team.id}/meetings/new"
    day = date.today() + timedelta(days=30)
    wednesday = day + timedelta(days=(3 - day.isoweekday()) % 7)
    page = client.post(url, data=_form(wednesday)).get_data(as_text=True)
    assert "The team usually meets on Thursday; this date is a Wednesday." in page
    assert db.session.scalar(select(Meeting)) is None
    thursday = wednesday + timedelta(days=1)
    assert client.post(url, data=_form(thursday)).status_code == 302  # its day: no warning


def test_invitees_answer_founders_write_the_agenda_others_see_nothing(app, team, make_member):
    program = _program(team)
    lead = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(7), lead, program.timezone)
    db.session.commit()
    url = f"/p/{program.slug}/meetings/{meeting.id}"
    outsider, founder, mentor = app.test_client(), app.test_client(), app.test_client()
    Auth(outsider).login(as_=make_member(program, Role.MENTOR, name="Not Invited"))
    Auth(founder).login(as_=team.venture.founders[0].user)
    Auth(mentor).login(as_=team.members[1].mentor)
    assert outsider.get(url).status_code == 404
    page = mentor.get(url).get_data(as_text=True)
    assert "Agenda pending" in page and "America/New_York" not in page  # named, not raw
    assert mentor.post(f"{url}/answer", data={"response": "yes"}).status_code == 302
    assert meeting.invitees[1].response is Response.YES
    assert mentor.get(f"{url}/agenda").status_code == 403
    empty = founder.post(f"{url}/agenda", data={})
    # The founder reads Spanish.
    assert "Escribe al menos un punto del orden del día" in empty.get_data(as_text=True)
    rows = {"items-0-title": "Pricing", "items-0-owner": "Fiona", "items-0-minutes": "20",
            "items-1-title": "Hiring a CTO"}  # fmt: skip
    assert founder.post(f"{url}/agenda", data=rows).status_code == 302
    assert [i.title for i in meeting.agenda] == ["Pricing", "Hiring a CTO"]
    assert "Agenda pending" not in mentor.get(url).get_data(as_text=True)
    download = Calendar.from_ical(mentor.get(f"/p/{program.slug}/meetings/{meeting.id}.ics").data)
    assert [str(e["UID"]) for e in download.walk("VEVENT")] == [meeting.uid]


def test_after_the_start_agenda_is_frozen_summary_and_attendance_open(app, team, make_member):
    program = _program(team)
    lead = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(7), lead, program.timezone)
    meeting.starts_at -= timedelta(days=8)
    meeting.ends_at -= timedelta(days=8)
    db.session.commit()
    url = f"/p/{program.slug}/meetings/{meeting.id}"
    founder, leader = app.test_client(), app.test_client()
    Auth(founder).login(as_=team.venture.founders[0].user)
    Auth(leader).login(as_=lead)
    frozen = founder.post(f"{url}/agenda", data={"items-0-title": "Late item"})
    assert "ya no puede cambiar" in frozen.get_data(as_text=True) and not meeting.agenda
    data = {"summary": "Agreed on pricing.", "decisions": "Price at 9 a month.",
            "actions-0-text": "Draft the pricing page", "actions-0-owner": "Fiona",
            "actions-0-due_on": "2099-02-01"}  # fmt: skip
    assert founder.post(f"{url}/summary", data=data).status_code == 302
    assert meeting.summary == "Agreed on pricing." and meeting.actions[0].due_on == date(2099, 2, 1)
    present = [lead.id, team.venture.founders[0].user_id]
    # The form lists its people (one page of a large meeting): without them it records nothing.
    assert leader.post(f"{url}/attendance", data={"attended": present}).status_code == 302
    assert all(i.attended is None for i in meeting.invitees)
    listed = [i.user_id for i in meeting.invitees]
    data = {"attended": present, "listed": listed}
    assert leader.post(f"{url}/attendance", data=data).status_code == 302
    db.session.expire_all()
    assert {i.user_id: i.attended for i in meeting.invitees} == {
        lead.id: True,
        team.members[1].mentor_id: False,
        present[1]: True,
    }


def test_the_meetings_list_queries_do_not_grow_with_meetings(client, auth, team, make_member):
    auth.login(as_=_coordinator(team, make_member))
    url = f"/p/{_program(team).slug}/meetings"
    lead = team.members[0].mentor

    def count() -> int:
        db.session.expire_all()
        statements = []
        listener = lambda *_a: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    meetings.schedule_team_meeting(team, meeting_details(3), lead, "America/New_York")
    db.session.commit()
    few = count()
    for n in range(60):
        meetings.schedule_team_meeting(team, meeting_details(4 + n), lead, "America/New_York")
    db.session.commit()
    assert count() == few
    page = client.get(url).get_data(as_text=True)
    assert "Next" in page and page.count("Agenda pending") >= 50


def test_coordinators_set_the_meeting_deadlines(client, auth, team, make_member):
    auth.login(as_=_coordinator(team, make_member))
    program = _program(team)
    url = f"/p/{program.slug}/meetings/rules"
    bad = client.post(url, data={"agenda_due_days": "40", "summary_due_hours": "12"})
    assert bad.status_code == 400
    assert "from 0 to 14" in bad.get_data(as_text=True) and 'value="40"' in bad.get_data(
        as_text=True
    )
    assert (
        client.post(url, data={"agenda_due_days": "5", "summary_due_hours": "48"}).status_code
        == 302
    )
    db.session.refresh(program)
    assert (program.agenda_due_days, program.summary_due_hours) == (5, 48)


def test_the_timezone_select_renders_as_wtforms_would(app):
    from wtforms.widgets import Select

    from vms.scheduling.forms import ManyOptionsSelect, SeriesForm

    with app.test_request_context():
        for chosen in ("America/New_York", "Europe/Madrid", ""):
            field = SeriesForm(timezone=chosen).timezone
            assert str(ManyOptionsSelect()(field)) == str(Select()(field)), chosen
            assert str(ManyOptionsSelect()(field)).count("selected") == (1 if chosen else 0)
            again = SeriesForm(timezone=chosen).timezone  # a new form: its options were kept
            assert str(ManyOptionsSelect()(again)) == str(Select()(again)), chosen
        field.choices = [("a&b", "A & <b>"), ("c", "C")]
        field.data = "a&b"
        assert str(ManyOptionsSelect()(field)) == str(Select()(field))
        assert 'selected value="a&amp;b">A &amp; &lt;b&gt;</option>' in str(
            ManyOptionsSelect()(field)
        )
