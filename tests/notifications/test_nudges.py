"""The nudges (issue 13), each a plain function run with a fixed clock, each sent once, each
with its program's delay; emails observed at the SMTP server."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.support import text_of
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.notifications import preferences
from vms.notifications.categories import Category, Choice
from vms.notifications.models import NUDGE_DEFAULTS
from vms.notifications.nudges import delays, meetings, people, teams
from vms.scheduling.meetings import records
from vms.scheduling.models import DocketEntry, Invitee, Meeting, MeetingKind, Response
from vms.screening.conflicts import services as conflicts
from vms.screening.conflicts.models import RelationshipKind
from vms.screening.mentors.models import Interview
from vms.screening.principles import services as principles


def _once(sweep, due, expected: int, early=timedelta(days=1), late=timedelta(hours=1)) -> None:
    """Nothing before it is due, ``expected`` when it is, nothing again after."""
    assert sweep(due - early) == 0
    assert sweep(due) == expected
    assert sweep(due + late) == 0


def _subjects(smtp, address: str) -> list[str]:
    return [m["Subject"] for m in smtp.to(address)]


def _mentor_meeting(a, starts_in: timedelta, answered=()) -> Meeting:
    start = now_utc().replace(microsecond=0) + starts_in
    meeting = Meeting(program_id=a.program.id, kind=MeetingKind.MENTOR_MEETING,
                      title="Monthly mentor meeting", starts_at=start,
                      ends_at=start + timedelta(hours=2), timezone=a.program.timezone,
                      invitees=[Invitee(user_id=a.mentor.id),
                                Invitee(user_id=a.coordinator.id)])  # fmt: skip
    db.session.add(meeting)
    db.session.flush()
    for invitee in meeting.invitees:
        if invitee.user_id in answered:
            invitee.response = Response.YES
    db.session.add(DocketEntry(meeting_id=meeting.id, venture_id=a.venture_id))
    db.session.commit()
    return meeting


def test_the_rsvp_nudge_goes_five_days_before_to_those_who_have_not_answered(app, world, smtp):
    a = world["A"]
    meeting = _mentor_meeting(a, timedelta(days=10), answered={a.coordinator.id})
    smtp.clear()
    _once(meetings.send_rsvp_nudges, meeting.starts_at - timedelta(days=5), 1)
    assert _subjects(smtp, a.mentor.email) == ["Are you coming? Monthly mentor meeting"]
    assert _subjects(smtp, a.coordinator.email) == []


def test_a_program_sets_its_own_delay(app, world, smtp):
    a = world["A"]
    delays.save_delays(a.program, {**NUDGE_DEFAULTS, "rsvp_nudge_days": 2})
    db.session.commit()
    meeting = _mentor_meeting(a, timedelta(days=10))
    assert meetings.send_rsvp_nudges(meeting.starts_at - timedelta(days=4)) == 0
    # The mentor; not the coordinator, who has not answered either but is no mentor.
    assert meetings.send_rsvp_nudges(meeting.starts_at - timedelta(days=2)) == 1


def test_the_docket_and_who_is_coming_go_to_the_coordinators_the_day_before(app, world, smtp):
    a = world["A"]
    meeting = _mentor_meeting(a, timedelta(days=10), answered={a.mentor.id})
    smtp.clear()
    _once(meetings.send_dockets, meeting.starts_at - timedelta(hours=20), 1)
    body = text_of(smtp.last_to(a.coordinator.email))
    assert "Venture A" in body and a.mentor.name in body
    assert "(UTC)" in body  # the coordinator's own zone, named
    assert smtp.to(a.mentor.email) == []


def test_the_one_hour_reminder_only_for_those_who_asked(app, world, smtp):
    a = world["A"]
    meeting = db.session.get(Meeting, a.meeting_id)
    preferences.set_choice(a.entrepreneur, Category.HOUR_BEFORE, Choice.ON)
    db.session.commit()
    smtp.clear()
    _once(meetings.send_hour_before_reminders, meeting.starts_at - timedelta(minutes=55), 1,
          early=timedelta(hours=1), late=timedelta(minutes=5))  # fmt: skip
    assert _subjects(smtp, a.entrepreneur.email) == ["In one hour: Venture A"]
    assert smtp.to(a.mentor.email) == []


def test_principles_unsigned_then_due_for_reaffirmation(app, world, smtp):
    a = world["A"]
    version = principles.current_version(a.program)
    now = now_utc()
    assert people.send_principles_nudges(now) >= 1
    assert "guiding principles" in _subjects(smtp, a.mentor.email)[-1].lower()
    assert people.send_principles_nudges(now + timedelta(hours=1)) == 0
    principles.sign(a.mentor, version, a.mentor.name, True, "127.0.0.1", "test",
                    version.text_sha256, now=now - timedelta(days=340))  # fmt: skip
    db.session.commit()
    smtp.clear()
    assert people.send_principles_nudges(now) == 1
    assert "re-affirmation" in text_of(smtp.last_to(a.mentor.email))
    assert people.send_principles_nudges(now + timedelta(days=1)) == 0


def test_a_scorecard_missing_a_day_after_the_interview(app, world, smtp):
    a = world["A"]
    interview = db.session.get(Interview, a.interview_id)
    ended = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    smtp.clear()
    # Both interviewers, of each program's interview (the world's are at the same time).
    _once(people.send_scorecard_nudges, ended + timedelta(hours=25), 4, early=timedelta(hours=2))
    assert _subjects(smtp, a.mentor.email) == ["Your scorecard for Applicant A"]


def test_a_quiet_team_is_told_to_its_lead_then_to_the_coordinators(app, world, smtp):
    a = world["A"]
    team = db.session.get(Team, a.team_id)
    team.status, team.published_at = TeamStatus.PUBLISHED, now_utc() - timedelta(days=90)
    last = db.session.get(Meeting, a.meeting_id)
    smtp.clear()
    quiet_since = last.starts_at
    _once(
        teams.send_quiet_team_nudges, quiet_since + timedelta(days=31), 1, early=timedelta(days=2)
    )
    assert teams.send_quiet_team_nudges(quiet_since + timedelta(days=46)) == 1
    assert _subjects(smtp, a.mentor.email) == ["A quiet team: Venture A"]
    assert _subjects(smtp, a.coordinator.email) == ["A quiet team: Venture A"]


def test_coordinators_hear_of_a_commercial_request_and_mentors_of_a_posted_agenda(app, world, smtp):
    a = world["A"]
    venture = db.session.get(Team, a.team_id).venture
    smtp.clear()
    conflicts.request_relationship(a.program, a.mentor, venture, RelationshipKind.INVEST, "10%")
    meeting = db.session.get(Meeting, a.meeting_id)
    records.set_agenda(meeting, [records.AgendaLine("Pricing")])
    records.set_agenda(meeting, [records.AgendaLine("Pricing"), records.AgendaLine("Hiring")])
    db.session.commit()
    assert _subjects(smtp, a.coordinator.email) == [f"A commercial request from {a.mentor.name}"]
    assert "Invest in the venture" in text_of(smtp.last_to(a.coordinator.email))
    assert _subjects(smtp, a.mentor.email) == ["Agenda posted: Venture A"]  # once
    assert db.session.scalar(select(Meeting.id).where(Meeting.id == a.meeting_id))


def test_a_quiet_peer_pair_is_told_to_its_peer_mentor_then_to_the_coordinators(app, aw, smtp):
    """Published at NOW; a check-in 20 days later starts the quiet spell again."""
    from tests.agreements.agreement_world import NOW, peer_agreement
    from vms.agreements.models import AgreementCheckIn

    agreement = peer_agreement(aw)
    checked_in = NOW + timedelta(days=20)
    db.session.add(AgreementCheckIn(agreement_id=agreement.id, user_id=aw.member.id,
                                    went_well="", did_not="", next_step="",
                                    created_at=checked_in))  # fmt: skip
    db.session.commit()
    smtp.clear()
    assert teams.send_quiet_pair_nudges(NOW + timedelta(days=31)) == 0, "the check-in counts"
    _once(teams.send_quiet_pair_nudges, checked_in + timedelta(days=31), 1,
          early=timedelta(days=2))  # fmt: skip
    assert teams.send_quiet_pair_nudges(checked_in + timedelta(days=46)) == 1
    subject = f"A quiet peer pair: {' '.join(aw.member.name.split())}"  # subjects are one line
    assert _subjects(smtp, aw.peer.email) == [subject]
    assert _subjects(smtp, aw.coordinator.email) == [subject]
    assert smtp.to(aw.member.email) == []
