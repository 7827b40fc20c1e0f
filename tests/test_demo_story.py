"""The demo shows the product: interviewed applicants have their interviews and scores, every
history reads in time order, team meetings fall at sensible local hours without anyone booked
twice, the monthly meeting has past dates with attendance, and a newly docketed venture can
still get a proposed team."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from vms.cohorts.models import Program, Venture, VentureStatus
from vms.cohorts.teams import services as team_services
from vms.demo_data import load_demo
from vms.extensions import db
from vms.scheduling.models import Meeting, MeetingKind, MeetingStatus
from vms.screening.mentors.models import MentorApplication, MentorStatus

PAST_INTERVIEW = {MentorStatus.INTERVIEWED, MentorStatus.ACCEPTED, MentorStatus.WAITLISTED}


@pytest.fixture
def demo(app) -> Program:
    load_demo()
    db.session.commit()
    return db.session.scalar(select(Program).where(Program.slug == "demo"))


def _applications(program):
    return db.session.scalars(
        select(MentorApplication).where(MentorApplication.program_id == program.id)
    ).all()


def test_interviewed_applicants_have_scored_interviews_and_histories_in_order(demo):
    interviewed = 0
    for application in _applications(demo):
        moments = [application.submitted_at, *(e.at for e in application.events)]
        assert moments == sorted(moments), application.name
        went_through = {e.to_status for e in application.events}
        if went_through & PAST_INTERVIEW and MentorStatus.INTERVIEWED in went_through:
            interviewed += 1
            (held,) = application.interviews
            scored = {card.interviewer_id for card in held.scorecards}
            assert scored == {person.id for person in held.interviewers}, application.name
            assert all(card.scores for card in held.scorecards)
            reached = next(
                e.at for e in application.events if e.to_status is MentorStatus.INTERVIEWED
            )
            assert held.ends_at <= reached
    assert interviewed >= 3


def test_team_meetings_fall_at_local_evening_hours_and_nobody_is_booked_twice(demo):
    meetings = db.session.scalars(
        select(Meeting).where(Meeting.program_id == demo.id, Meeting.kind == MeetingKind.TEAM,
                              Meeting.status == MeetingStatus.SCHEDULED)
    ).all()  # fmt: skip
    assert meetings
    by_person: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        local = meeting.starts_at.astimezone(ZoneInfo(meeting.timezone))
        assert 8 <= local.hour <= 20, (meeting.title, local)
        for invitee in meeting.invitees:
            by_person.setdefault(invitee.user_id, []).append(meeting)
    for theirs in by_person.values():
        theirs.sort(key=lambda m: m.starts_at)
        for first, then in zip(theirs, theirs[1:], strict=False):
            assert first.ends_at <= then.starts_at, (first.title, then.title)


def test_the_monthly_meeting_has_past_dates_with_attendance(demo):
    past = db.session.scalars(
        select(Meeting).where(Meeting.program_id == demo.id,
                              Meeting.kind == MeetingKind.MENTOR_MEETING,
                              Meeting.ends_at < db.func.now())
    ).all()  # fmt: skip
    assert len(past) >= 3
    for meeting in past:
        came = [i for i in meeting.invitees if i.attended]
        assert 0 < len(came) < len(meeting.invitees)


def test_a_newly_docketed_venture_gets_a_proposed_team(demo):
    venture = Venture(program_id=demo.id, name="Brand New Co", needs=["Sales"],
                      status=VentureStatus.DOCKETED)  # fmt: skip
    db.session.add(venture)
    db.session.flush()
    (draft,) = team_services.propose(demo, [venture.id])
    assert len(draft.members) >= 3, "no free mentors left in the demo"
