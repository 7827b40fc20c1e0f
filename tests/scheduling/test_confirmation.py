"""The confirmation pattern: every action that changes other people's plans (cancelling a
meeting, publishing a team, taking a mentor off a published team or off all their teams)
opens a confirmation on its page, and acts only on a POST that the confirmation sent; an
unconfirmed POST changes nothing and says so."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.conftest import Auth
from tests.scheduling.conftest import meeting_details
from tests.support import CONFIRMED
from vms.auth.models import Role
from vms.cohorts.models import MentorProfile, Program
from vms.cohorts.teams.models import TeamMember, TeamStatus
from vms.extensions import db
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import Meeting, MeetingStatus

NOT_DONE = "Nothing was changed: confirm the action with its own button."


def _confirmation(page: str, action: str) -> str:
    """The confirmation whose form posts to ``action``, as the page shows it."""
    found = [block for block in re.findall(r'<details class="confirm">.*?</details>', page, re.S)
             if f'action="{action}"' in block]  # fmt: skip
    assert len(found) == 1, f"no confirmation posting to {action}"
    return found[0]


@pytest.fixture
def coordinator(app, team, make_member):
    """A coordinator of the team's program, signed in; the team's mentors have profiles."""
    program = db.session.get(Program, team.program_id)
    for member in team.members:
        db.session.add(MentorProfile(program_id=program.id, user_id=member.mentor_id,
                                     industry="Software", function=""))  # fmt: skip
    person = make_member(program, Role.COORDINATOR, name="Cora")
    client = app.test_client()
    Auth(client).login(as_=person)
    return program, client


def test_cancelling_a_meeting_is_confirmed_first(team, coordinator):
    program, client = coordinator
    lead = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(5), lead, program.timezone)
    db.session.commit()
    url = f"/p/{program.slug}/meetings/{meeting.id}"
    form = _confirmation(client.get(url).get_data(as_text=True), f"{url}/cancel")
    assert 'name="confirmed" value="yes"' in form and '<textarea name="reason"' in form
    refused = client.post(f"{url}/cancel", follow_redirects=True).get_data(as_text=True)
    assert NOT_DONE in refused
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).status is MeetingStatus.SCHEDULED
    client.post(f"{url}/cancel", data={**CONFIRMED, "reason": "Moved to spring"})
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).status is MeetingStatus.CANCELLED
    again = client.post(f"{url}/cancel", data=CONFIRMED, follow_redirects=True)
    assert "already cancelled" in again.get_data(as_text=True)  # the second click: answered


def test_taking_a_mentor_off_a_published_team_is_confirmed_first(team, coordinator):
    program, client = coordinator
    assert team.status is TeamStatus.PUBLISHED
    leaving = team.members[-1]
    url = f"/p/{program.slug}/teams/{team.id}"
    action = f"{url}/members/{leaving.mentor_id}/remove"
    form = _confirmation(client.get(url).get_data(as_text=True), action)
    assert leaving.mentor.name in form and "<textarea" not in form
    members = select(func.count()).select_from(TeamMember).where(TeamMember.team_id == team.id)
    before = db.session.scalar(members)
    assert NOT_DONE in client.post(action, follow_redirects=True).get_data(as_text=True)
    assert db.session.scalar(members) == before


def test_a_mentor_leaving_all_teams_is_confirmed_first(team, coordinator):
    program, client = coordinator
    mentor_id = team.members[-1].mentor_id
    page = client.get(f"/p/{program.slug}/teams/load").get_data(as_text=True)
    action = f"/p/{program.slug}/teams/load/{mentor_id}/step-off"
    assert "off their 1 team?" in _confirmation(page, action)
    refused = client.post(action, follow_redirects=True).get_data(as_text=True)
    assert NOT_DONE in refused
    mine = select(func.count()).select_from(TeamMember).where(TeamMember.mentor_id == mentor_id)
    assert db.session.scalar(mine) == 1
    done = client.post(action, data=CONFIRMED, follow_redirects=True).get_data(as_text=True)
    assert "left 1 team; it is listed for repair" in done and db.session.scalar(mine) == 0
