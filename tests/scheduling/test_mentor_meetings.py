"""The monthly mentor meeting: a year of dates in local time, every mentor invited, answers,
attendance over 12 months, a docket per date."""

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.conftest import Auth
from tests.support import calendar_in
from vms.auth.models import Role
from vms.cohorts.models import Venture, VentureStatus
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import Meeting, MeetingKind, Response
from vms.scheduling.series import attendance
from vms.scheduling.series import services as series_services

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def _setup(make_program, make_member):
    program = make_program("Harbor VMS", timezone="America/New_York")
    coordinator = make_member(program, Role.COORDINATOR, name="Casey")
    mentors = [make_member(program, Role.MENTOR, name=n) for n in ("Ann", "Ben", "Cleo")]
    return program, coordinator, mentors


def _attendance(program) -> dict[str, tuple[int, int]]:
    """{mentor: (dates came, dates held)} on the first page of the 12-month attendance."""
    page = attendance.yearly_attendance(program, now=NOW)
    return {r.mentor.name: (r.attended, r.held) for r in page.rows}


def _series(program):
    details = series_services.SeriesDetails("Monthly mentor meeting", 1, 2, time(18, 0), 120,
                                            "America/New_York", "Room 4-231")  # fmt: skip
    series = series_services.create_series(program, details, NOW)
    db.session.commit()
    return series


def test_a_year_of_dates_on_the_local_clock_with_every_mentor_invited(app, make_program,
                                                                       make_member):  # fmt: skip
    program, _coordinator, mentors = _setup(make_program, make_member)
    series = _series(program)
    dates = db.session.scalars(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_at)
    ).all()
    assert len(dates) == 12 and all(m.kind is MeetingKind.MENTOR_MEETING for m in dates)
    local = [m.starts_at.astimezone(NEW_YORK) for m in dates]
    assert all(t.hour == 18 and t.isoweekday() == 2 and t.day <= 7 for t in local)
    assert {m.starts_at.hour for m in dates} == {22, 23}, "UTC moves with daylight saving"
    assert all(sorted(i.user_id for i in m.invitees) == sorted(u.id for u in mentors)
               for m in dates)  # fmt: skip
    assert series_services.keep_ahead(series, NOW) == 0, "running again adds nothing"


def test_keeping_ahead_adds_the_next_month_and_invites_new_mentors(app, make_program,
                                                                   make_member):  # fmt: skip
    program, _coordinator, _mentors = _setup(make_program, make_member)
    series = _series(program)
    newcomer = make_member(program, Role.MENTOR, name="Dana")
    assert series_services.keep_ahead(series, NOW + timedelta(days=31)) == 1
    db.session.commit()
    future = db.session.scalars(select(Meeting).where(Meeting.series_id == series.id)).all()
    assert all(any(i.user_id == newcomer.id for i in m.invitees)
               for m in future if m.starts_at > NOW + timedelta(days=31))  # fmt: skip


def test_coordinator_sees_answers_and_twelve_month_attendance(app, make_program, make_member,
                                                              smtp):  # fmt: skip
    program, coordinator, (ann, ben, cleo) = _setup(make_program, make_member)
    series = _series(program)
    first, second = db.session.scalars(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_at)
    ).all()[:2]
    meetings.respond(first, ann, Response.YES, NOW)
    meetings.respond(first, ben, Response.NO, NOW)
    first.starts_at = first.ends_at = NOW - timedelta(days=30)  # held last month
    first.ends_at += timedelta(hours=2)
    for invitee in first.invitees:
        invitee.attended = invitee.user_id == ann.id
    db.session.commit()
    client = app.test_client()
    Auth(client).login(as_=coordinator)
    page = client.get(f"/p/{program.slug}/mentor-meetings").get_data(as_text=True)
    assert "Attendance over the last 12 months" in page
    rows = _attendance(program)
    assert rows == {"Ann": (1, 1), "Ben": (0, 1), "Cleo": (0, 1)}
    occurrence = series_services.occurrence_rows(series, NOW)[0]
    assert (occurrence.count("yes"), occurrence.count("no"), occurrence.count("maybe")) == (1, 1, 0)
    smtp.clear()
    meetings.cancel(second)
    db.session.commit()
    deliver_all()
    method, _calendar, event = calendar_in(smtp.last_to(cleo.email))
    assert method == "CANCEL" and str(event["UID"]) == second.uid


def test_a_mentor_answers_one_date_and_the_coordinator_sets_its_docket(app, make_program,
                                                                       make_member):  # fmt: skip
    program, coordinator, (ann, _ben, _cleo) = _setup(make_program, make_member)
    series = _series(program)
    venture = Venture(program_id=program.id, name="GreenGrid", needs=[],
                      status=VentureStatus.DOCKETED)  # fmt: skip
    db.session.add(venture)
    db.session.commit()
    date = series_services.occurrence_rows(series, NOW)[0].meeting
    mentor = app.test_client()
    Auth(mentor).login(as_=ann)
    assert "Please answer" in mentor.get(f"/p/{program.slug}/mentor-meetings").get_data(
        as_text=True
    )
    mentor.post(f"/p/{program.slug}/meetings/{date.id}/answer", data={"response": "maybe"})
    assert next(i for i in date.invitees if i.user_id == ann.id).response is Response.MAYBE
    assert mentor.post(f"/p/{program.slug}/mentor-meetings", data={}).status_code == 403
    coord = app.test_client()
    Auth(coord).login(as_=coordinator)
    coord.post(f"/p/{program.slug}/meetings/{date.id}/docket", data={"ventures": [venture.id]})
    db.session.refresh(date)
    assert [e.venture_id for e in date.docket] == [venture.id]
    # The coordinator's own view of the date offers the docket with the chosen venture ticked
    # (it was a 500: the form's choices and its data shared a keyword).
    page = coord.get(f"/p/{program.slug}/meetings/{date.id}")
    assert page.status_code == 200
    assert re.search(rf'<input checked[^>]*value="{venture.id}"', page.get_data(as_text=True))
    assert "GreenGrid" in mentor.get(f"/p/{program.slug}/meetings/{date.id}").get_data(as_text=True)


def test_the_series_form_refuses_bad_input_and_keeps_it(app, make_program, make_member):
    program, coordinator, _mentors = _setup(make_program, make_member)
    client = app.test_client()
    Auth(client).login(as_=coordinator)
    data = {"title": "Mentor night", "ordinal": "1", "weekday": "2", "start_time": "25:00",
            "duration_minutes": "120", "timezone": "Mars/Olympus",
            "location": "Room 9"}  # fmt: skip
    page = client.post(f"/p/{program.slug}/mentor-meetings", data=data).get_data(as_text=True)
    assert "Not a valid time value" in page and "Not a valid choice" in page
    assert 'value="Room 9"' in page and db.session.scalar(select(Meeting)) is None
    data.update(start_time="18:00", timezone="America/New_York")
    assert client.post(f"/p/{program.slug}/mentor-meetings", data=data).status_code == 302
    assert len(db.session.scalars(select(Meeting)).all()) >= 12


def test_a_moved_date_stays_one_and_unrecorded_dates_do_not_count(app, make_program, make_member):
    program, _coordinator, _mentors = _setup(make_program, make_member)
    series = _series(program)
    first = series_services.occurrence_rows(series, NOW)[0].meeting
    moved = meeting_details_from(first, days=1)
    meetings.reschedule(first, moved, NOW)
    db.session.commit()
    assert series_services.keep_ahead(series, NOW) == 0, "the moved date is still March's"
    first.starts_at, first.ends_at = NOW - timedelta(days=3), NOW - timedelta(days=3, hours=-2)
    db.session.commit()
    rows = _attendance(program)
    assert rows["Ann"] == (0, 0), "a date whose attendance nobody recorded is not held"


def test_saving_a_docket_again_keeps_what_stays(app, make_program, make_member):
    program, _coordinator, _mentors = _setup(make_program, make_member)
    series = _series(program)
    ventures = [Venture(program_id=program.id, name=n, needs=[], status=VentureStatus.DOCKETED)
                for n in ("Alpha", "Beta")]  # fmt: skip
    db.session.add_all(ventures)
    db.session.commit()
    date = series_services.occurrence_rows(series, NOW)[0].meeting
    series_services.set_docket(date, ventures[:1])
    db.session.commit()
    series_services.set_docket(date, ventures)  # was a unique-constraint 500
    db.session.commit()
    series_services.set_docket(date, ventures[1:])
    db.session.commit()
    assert [e.venture.name for e in date.docket] == ["Beta"]


def meeting_details_from(meeting, days: int):
    from vms.scheduling.meetings.services import MeetingDetails

    start = meeting.starts_at + timedelta(days=days)
    return MeetingDetails(start, 120, meeting.location)
