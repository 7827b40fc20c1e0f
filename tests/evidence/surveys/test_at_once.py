"""Two identical clicks at the same moment (real parallel requests to a threaded live server,
on PostgreSQL when VMS_TEST_DATABASE_URL is set): one answer, one ending, never a 500."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.support import CONFIRMED, WebSession, at_once, serving
from vms.cohorts.teams.models import TeamStatus
from vms.evidence.surveys.models import SurveyInvitation
from vms.extensions import db


@pytest.fixture
def live(app, make_app):
    with serving(make_app()) as url:
        yield url


def _invitations() -> int:
    return db.session.scalar(select(func.count()).select_from(SurveyInvitation))


def test_ending_a_team_twice_at_once_ends_it_once(app, aw, live):
    clicks = [WebSession(live).sign_in(aw.coordinator.email, PASSWORD) for _ in range(2)]
    url = f"/p/{aw.program.slug}/teams/{aw.team.id}/end"
    replies = at_once([lambda s=s: s.post(url, CONFIRMED) for s in clicks])
    assert [r.status for r in replies] == [302, 302], [r.text[-300:] for r in replies]
    db.session.expire_all()
    assert aw.team.status is TeamStatus.ENDED
    assert _invitations() == 4  # the founder and three mentors, once each


def test_an_answer_sent_twice_at_once_is_one_answer(app, aw, live):
    from vms.cohorts.teams import services as team_services

    team_services.end(aw.team, aw.coordinator)
    db.session.commit()
    invitation = db.session.scalar(select(SurveyInvitation).filter_by(user_id=aw.founder.id))
    clicks = [WebSession(live).sign_in(aw.founder.email, PASSWORD) for _ in range(2)]
    url = f"/p/{aw.program.slug}/surveys/{invitation.id}"
    data = {"rating": "5", "goal_reached": "yes", "words": "Great"}
    replies = at_once([lambda s=s: s.post(url, data) for s in clicks])
    assert [r.status for r in replies] == [302, 302], [r.text[-300:] for r in replies]
    db.session.expire_all()
    assert (invitation.rating, invitation.words) == (5, "Great")
    assert _invitations() == 4
