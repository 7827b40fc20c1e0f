"""Nothing is scored, nor marked as interviewed, before the interview has started."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import Auth, application_input
from vms.database import now_utc
from vms.extensions import db
from vms.screening.mentors import interviews, rubric, services
from vms.screening.mentors.models import Interview, MentorApplication, MentorStatus, Scorecard

NOT_STARTED = "The interview has not started yet: mark it as held once it has taken place."


def _scores(criteria, value: int = 4) -> dict:
    data = {}
    for criterion in criteria:
        data[f"score_{criterion.id}"], data[f"note_{criterion.id}"] = str(value), "Thoughtful."
    return data


def _cards() -> int:
    return db.session.scalar(select(func.count(Scorecard.id)))


def test_the_scorecard_opens_at_the_interviews_start(app, world):
    a = world["A"]
    criteria = rubric.criteria(a.program.id)
    url = f"/p/{a.program.slug}/screening/interviews/{a.interview_id}/score"
    client = app.test_client()
    Auth(client).login(as_=a.mentor)

    page = client.get(url).get_data(as_text=True)
    assert "Scoring opens when the interview starts, on" in page
    assert "Send my scores" not in page and "<fieldset disabled" in page
    assert criteria[0].name in page  # the rubric can be read beforehand

    refused = client.post(url, data=_scores(criteria, 5))
    assert refused.status_code == 409
    text = refused.get_data(as_text=True)
    assert "Your scores were not recorded: the interview has not started yet." in text
    assert text.count('<input checked id="score_') == len(criteria)  # what was typed stays
    assert "Thoughtful.</textarea>" in text
    assert _cards() == 0

    interview = db.session.get(Interview, a.interview_id)
    interview.starts_at = now_utc() - timedelta(minutes=1)
    db.session.commit()
    opened = client.get(url).get_data(as_text=True)
    assert "Send my scores" in opened and "Scoring opens" not in opened
    assert client.post(url, data=_scores(criteria)).status_code == 302
    assert _cards() == 1


def test_the_rubric_refuses_scores_before_the_start_at_any_clock(app, world):
    a = world["A"]
    interview = db.session.get(Interview, a.interview_id)
    values = {c.id: (3, "") for c in rubric.criteria(a.program.id)}
    just_before = interview.starts_at - timedelta(seconds=1)
    assert not rubric.scoring_open(interview, just_before)
    with pytest.raises(rubric.ScoringNotOpen):
        rubric.submit(interview, a.mentor, values, now=just_before)
    rubric.submit(interview, a.mentor, values, now=interview.starts_at)
    assert _cards() == 1


def test_marking_an_application_interviewed_waits_for_the_interview(app, client, auth, world):
    a = world["A"]
    auth.login(as_=a.coordinator)
    url = f"/p/{a.program.slug}/screening/mentors/{a.application_id}"
    page = client.post(url, data={"target": "interviewed", "note": "Went well"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert NOT_STARTED in text
    assert "Went well</textarea>" in text  # the note typed is kept
    application = db.session.get(MentorApplication, a.application_id)
    assert application.status is MentorStatus.INTERVIEW_SCHEDULED

    interview = application.interviews[-1]
    services.move(application, MentorStatus.INTERVIEWED, a.coordinator, now=interview.starts_at)
    db.session.commit()
    assert application.status is MentorStatus.INTERVIEWED


def test_bulk_moves_to_interviewed_say_why_each_refused_one_waits(app, world):
    a = world["A"]
    program, coordinator = a.program, a.coordinator
    waiting = db.session.get(MentorApplication, a.application_id)
    starts = waiting.interviews[-1].starts_at
    held = services.submit_mentor_application(program, application_input(program, "Held"))
    interviews.schedule(held, interviews.InterviewDetails(
        starts - timedelta(days=2), 45, "Room 2", "", [coordinator.id]), coordinator)  # fmt: skip
    unscheduled = services.submit_mentor_application(program, application_input(program, "None"))
    unscheduled.move_to(MentorStatus.INTERVIEW_SCHEDULED, coordinator)  # from an old import
    db.session.commit()

    result = services.bulk_move(
        program, [waiting.id, held.id, unscheduled.id], MentorStatus.INTERVIEWED, coordinator,
        now=starts - timedelta(days=1),
    )  # fmt: skip
    assert result.moved == [held]
    reasons = {application.name: reason for application, reason in result.refused}
    assert reasons == {
        "Applicant A": NOT_STARTED,
        "Applicant None": "There is no interview yet: schedule one first.",
    }
    assert (waiting.status, unscheduled.status) == (MentorStatus.INTERVIEW_SCHEDULED,) * 2
