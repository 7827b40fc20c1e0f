"""What the queries feed the measures, on the agreements' world worked out by hand: Acme
applied 40 days before its team was published (NOW); two team meetings were held, a third lies
ahead; the team ended 30 days after it started, and only the founder answered.

    meeting   founder  mentor 1  mentor 2  mentor 3     (attendance as recorded)
    NOW+1d    came     came      missed    —
    NOW+8d    came     —         —         —
    NOW+100d  (not held yet)
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.agreements.agreement_world import NOW
from tests.evidence.surveys.survey_world import team_meeting
from vms.cohorts.models import VentureStage
from vms.cohorts.teams import services as team_services
from vms.evidence.surveys import queries, services
from vms.evidence.surveys.models import GoalReached, SurveyInvitation
from vms.extensions import db

ENDED = NOW + timedelta(days=30)


@pytest.fixture
def measured(aw):
    founder, m1, m2, _m3 = aw.founder, *aw.mentors
    aw.team.venture.created_at = NOW - timedelta(days=40)
    aw.team.venture.stage = VentureStage.REVENUE
    team_meeting(aw, NOW + timedelta(days=1), {founder.id: True, m1.id: True, m2.id: False})
    team_meeting(aw, NOW + timedelta(days=8), {founder.id: True})
    team_meeting(aw, NOW + timedelta(days=100))
    team_services.end(aw.team, aw.coordinator, ENDED)
    db.session.commit()
    invitation = db.session.scalar(select(SurveyInvitation).filter_by(user_id=founder.id))
    services.answer_exit(invitation, services.ExitAnswer(3, GoalReached.YES, "Good"), ENDED)
    db.session.commit()
    return queries.survey_measures(aw.program.id, ENDED + timedelta(days=1))


def test_the_answered_and_the_unanswered_from_what_the_app_knows(measured):
    c = next(c for c in measured.comparisons if c.survey == "exit")
    # The founder: two meetings held, came to both; 40 days to team; asked 30 days in.
    assert (c.answered.count, c.answered.meetings_held, c.answered.attendance) == (1, 2, 1)
    assert (c.answered.days_to_team, c.answered.days_since_start) == (40, 30)
    assert c.answered.stages == {"revenue": 1}
    # The three mentors: two held each; attendance recorded twice, one came: 1 of 2.
    assert (c.unanswered.count, c.unanswered.meetings_held) == (3, 2)
    assert c.unanswered.attendance == 0.5
    assert (c.unanswered.days_to_team, c.unanswered.days_since_start) == (40, 30)


def test_the_rate_the_rating_and_the_goal_from_the_database(measured):
    rate = next(r for r in measured.rates if r.survey == "exit")
    assert (rate.invited, rate.answered, rate.rate) == (4, 1, 0.25)
    assert rate.warnings == ("low_rate", "few_answers")
    assert (measured.rating.count, measured.rating.average) == (1, 3)
    assert (measured.goals.yes, measured.goals.share_reached) == (1, 1)
