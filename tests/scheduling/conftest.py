"""Fixtures for meetings: a team of two mentors (one in Madrid) and a Spanish-speaking founder."""

from datetime import timedelta

import pytest

from vms.auth.models import Role
from vms.cohorts.models import Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.services import MeetingDetails


@pytest.fixture
def team(app, make_program, make_member):
    program = make_program("Harbor VMS", timezone="America/New_York")
    lead = make_member(program, Role.MENTOR, name="Lena Lead", timezone="Europe/Madrid")
    mentor = make_member(program, Role.MENTOR, name="Omar")
    founder = make_member(program, Role.ENTREPRENEUR, name="Fiona", locale="es")
    venture = Venture(program_id=program.id, name="GreenGrid", needs=[])
    venture.founders = [VentureFounder(user=founder, name=founder.name)]
    team = Team(program_id=program.id, venture=venture, status=TeamStatus.PUBLISHED,
                members=[TeamMember(mentor_id=lead.id, is_lead=True),
                         TeamMember(mentor_id=mentor.id)])  # fmt: skip
    db.session.add(team)
    db.session.commit()
    return team


def meeting_details(days: int = 7, **changes) -> MeetingDetails:
    start = (now_utc() + timedelta(days=days)).replace(microsecond=0)
    return MeetingDetails(**{"starts_at": start, "duration_minutes": 60, "location": "Room 4",
                             **changes})  # fmt: skip
