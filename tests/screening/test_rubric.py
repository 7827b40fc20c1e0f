"""Blind scoring by each interviewer, then the decision view with calibration."""

from datetime import timedelta

from sqlalchemy import func, select

from tests.conftest import Auth
from vms.database import now_utc
from vms.extensions import db
from vms.screening.mentors import rubric
from vms.screening.mentors.models import CriterionScore, Interview


def _scores(criteria, values, note="ok"):
    data = {}
    for criterion, value in zip(criteria, values, strict=True):
        data[f"score_{criterion.id}"] = str(value)
        data[f"note_{criterion.id}"] = note
    return data


def started(interview_id: int) -> Interview:
    """The interview began a few minutes ago: scoring is open."""
    interview = db.session.get(Interview, interview_id)
    interview.starts_at = now_utc() - timedelta(minutes=5)
    db.session.commit()
    return interview


def test_interviewers_score_blind_then_see_each_other_and_calibration(app, world):
    a = world["A"]
    interview = started(a.interview_id)
    criteria = rubric.criteria(a.program.id)
    assert [c.name for c in criteria][:2] == ["Relevant experience", "Coachability"]
    url = f"/p/{a.program.slug}/screening/interviews/{interview.id}/score"
    coordinator, mentor = app.test_client(), app.test_client()
    Auth(coordinator).login(as_=a.coordinator)
    Auth(mentor).login(as_=a.mentor)

    home = mentor.get(f"/p/{a.program.slug}/").get_data(as_text=True)
    assert "Interviews to score" in home and "Applicant A" in home
    assert coordinator.post(url, data=_scores(criteria, [5, 5, 5, 5, 5])).status_code == 302
    # The mentor has not scored: the coordinator's scores stay hidden from them.
    form = mentor.get(url).get_data(as_text=True)
    assert "Send my scores" in form and "Calibration" not in form
    application_page = coordinator.get(
        f"/p/{a.program.slug}/screening/mentors/{a.application_id}"
    ).get_data(as_text=True)
    assert "Still to score:" in application_page and a.mentor.name in application_page

    incomplete = mentor.post(url, data={f"score_{criteria[0].id}": "2"}).get_data(as_text=True)
    assert "Please give a score from 1 to 5." in incomplete
    assert mentor.post(url, data=_scores(criteria, [2, 3, 2, 2, 3])).status_code == 302
    shown = mentor.get(url).get_data(as_text=True)
    assert a.coordinator.name in shown and "Mean" in shown
    assert "points above the others" in shown and "points below the others" in shown
    decision = rubric.decision(interview.application)
    assert decision.aggregate.criteria[0].mean == 3.5 and decision.aggregate.criteria[0].spread == 3
    assert decision.pending == []
    assert "Interviews to score" not in mentor.get(f"/p/{a.program.slug}/").get_data(as_text=True)


def test_scores_are_final_and_out_of_range_values_are_refused(app, world):
    a = world["A"]
    started(a.interview_id)
    criteria = rubric.criteria(a.program.id)
    url = f"/p/{a.program.slug}/screening/interviews/{a.interview_id}/score"
    client = app.test_client()
    Auth(client).login(as_=a.mentor)
    bad = client.post(url, data=_scores(criteria, [6, 0, 3, 3, 3])).get_data(as_text=True)
    assert "Not a valid choice" in bad or 'aria-invalid="true"' in bad
    assert db.session.scalar(select(func.count(CriterionScore.id))) == 0
    client.post(url, data=_scores(criteria, [3, 3, 3, 3, 3]))
    client.post(url, data=_scores(criteria, [1, 1, 1, 1, 1]))  # a second try changes nothing
    values = db.session.scalars(select(CriterionScore.value)).all()
    assert values == [3, 3, 3, 3, 3]


def test_only_the_interviews_interviewers_score(app, world, make_member):
    a = world["A"]
    from vms.auth.models import Role

    other_mentor = make_member(a.program, Role.MENTOR)
    client = app.test_client()
    Auth(client).login(as_=other_mentor)
    url = f"/p/{a.program.slug}/screening/interviews/{a.interview_id}/score"
    assert client.get(url).status_code == 403
    assert client.get(f"/p/{a.program.slug}/screening/interviews/999999/score").status_code == 404
