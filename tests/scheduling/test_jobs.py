"""The scheduler's sweeps: reminders go out once, say when the agenda is pending, survive reruns."""

from datetime import timedelta

from tests.scheduling.conftest import meeting_details
from vms.database import now_utc
from vms.extensions import db
from vms.mail.delivery import deliver_pending
from vms.scheduling import jobs, scheduler
from vms.scheduling.meetings import records
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import Response


def _meeting_in(team, hours: int):
    lead = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(3), lead, "America/New_York")
    meeting.starts_at = now_utc() + timedelta(hours=hours)
    meeting.ends_at = meeting.starts_at + timedelta(hours=1)
    db.session.commit()
    deliver_pending()
    return meeting


def test_the_day_before_everyone_but_the_nos_is_reminded_once(app, team, smtp):
    meeting = _meeting_in(team, 20)
    lead, mentor = team.members[0].mentor, team.members[1].mentor
    meetings.respond(meeting, mentor, Response.NO)
    db.session.commit()
    smtp.clear()
    assert jobs.send_meeting_reminders() == 1
    deliver_pending()
    body = smtp.last_to(lead.email).get_body(("plain",)).get_content()
    assert "The agenda is still pending" in body and "Europe/Madrid" in body
    assert smtp.to(mentor.email) == []
    assert jobs.send_meeting_reminders() == 0, "a rerun sends nothing twice"


def test_founders_are_told_once_when_the_agenda_is_due(app, team, smtp):
    meeting = _meeting_in(team, 48)  # agenda due three days before: already due
    later = _meeting_in(team, 24 * 10)  # not due yet
    founder = team.venture.founders[0].user
    smtp.clear()
    assert jobs.send_agenda_reminders() == 1
    deliver_pending()
    assert len(smtp.to(founder.email)) == 1
    assert jobs.send_agenda_reminders() == 0
    records.set_agenda(later, [records.AgendaLine("Pricing")])
    db.session.commit()
    assert jobs.send_agenda_reminders(now_utc() + timedelta(days=9)) == 0, "agenda already in"
    assert meeting.agenda_reminded_at is not None


def test_the_command_runs_every_sweep_once(app, team, smtp):
    _meeting_in(team, 20)
    result = app.test_cli_runner().invoke(args=["scheduler", "--once"])
    assert result.exit_code == 0, result.output
    assert "meeting reminders: 1" in result.output and "email delivery:" in result.output
    built = scheduler.build(app)
    assert sorted(job.id for job in built.get_jobs()) == sorted(n for n, *_ in scheduler.SWEEPS)
    assert all(job.misfire_grace_time >= 60 and job.coalesce for job in built.get_jobs())


def test_a_moved_meeting_is_reminded_again_and_notes_count_as_a_change(app, team, smtp):
    meeting = _meeting_in(team, 20)
    assert jobs.send_meeting_reminders() == 1
    later = meeting_details(starts_at=meeting.starts_at + timedelta(days=1, hours=-4))
    assert meetings.reschedule(meeting, later)
    db.session.commit()
    assert meeting.reminded_at is None
    assert jobs.send_meeting_reminders(now_utc() + timedelta(days=1)) == 1
    sequence = meeting.sequence
    notes = meeting_details(starts_at=meeting.starts_at, notes="Bring the pilot numbers.")
    assert meetings.reschedule(meeting, notes) and meeting.sequence == sequence + 1


def test_an_overdue_summary_is_reminded_once_to_founders_and_lead(app, team, smtp):
    meeting = _meeting_in(team, 1)
    meeting.starts_at -= timedelta(hours=30)
    meeting.ends_at -= timedelta(hours=30)  # ended 29 hours ago: past the 24 hours
    db.session.commit()
    smtp.clear()
    assert jobs.send_summary_reminders() == 1
    deliver_pending()
    lead, founder = team.lead.mentor, team.venture.founders[0].user
    assert len(smtp.to(lead.email)) == 1 and len(smtp.to(founder.email)) == 1
    assert smtp.to(team.members[1].mentor.email) == []
    assert jobs.send_summary_reminders() == 0
