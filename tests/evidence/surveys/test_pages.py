"""The survey pages: answering (what was typed is kept on an error; two identical POSTs are
one answer), who may see what (answers are for coordinators only; another person's or another
program's survey is not there), a "no" flags, ending a team, the CSVs parsed back."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import func, select

from tests.agreements.agreement_world import NOW
from tests.conftest import Auth
from tests.evidence.surveys.survey_world import team_meeting
from tests.support import CONFIRMED
from vms.auth.models import Role
from vms.cohorts.models import MentorProfile, VentureNeed
from vms.cohorts.teams import services as team_services
from vms.cohorts.teams.load import load_page
from vms.cohorts.teams.mentor_facts import loads
from vms.cohorts.teams.models import TeamStatus
from vms.evidence.health.rules import Verdict
from vms.evidence.health.services import health_of_program
from vms.evidence.surveys import invitations, queries
from vms.evidence.surveys.models import Fit, SurveyInvitation, SurveyKind, SurveyNeed
from vms.extensions import db
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind

SECRET = "Words only coordinators read"


def _client(app, person):
    client = app.test_client()
    Auth(client).login(as_=person)
    return client


def _invitation(user, kind=SurveyKind.EXIT) -> SurveyInvitation:
    return db.session.scalar(select(SurveyInvitation).filter_by(user_id=user.id, kind=kind))


def _url(aw, invitation) -> str:
    return f"/p/{aw.program.slug}/surveys/{invitation.id}"


@pytest.fixture
def ended(aw):
    """The world's team ended (its exit survey sent), the venture's intake rating two areas."""
    areas = taxonomy.terms(aw.program, TaxonomyKind.EXPERTISE)[:2]
    db.session.add_all([VentureNeed(venture_id=aw.team.venture_id, term_id=areas[0].id,
                                    strength=2),
                        VentureNeed(venture_id=aw.team.venture_id, term_id=areas[1].id,
                                    strength=4)])  # fmt: skip
    team_services.end(aw.team, aw.coordinator, NOW)
    db.session.commit()
    return areas


def _exit_answer(areas, **changes) -> dict:
    return {"rating": "4", "goal_reached": "partly", "words": SECRET,
            "program_better": "More rooms", "mentors_better": "Answer emails",
            f"need_{areas[0].id}": "4", f"need_{areas[1].id}": "3", **changes}  # fmt: skip


def test_a_refused_answer_keeps_what_was_typed(app, aw, ended):
    client = _client(app, aw.founder)
    url = _url(aw, _invitation(aw.founder))
    response = client.post(url, data=_exit_answer(ended, rating=""))
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Choose a rating." in body
    assert SECRET in body and "Answer emails" in body
    assert 'value="partly" checked' in body or 'checked id="goal_reached-1"' in body
    assert _invitation(aw.founder).answered_at is None


def test_two_identical_posts_give_one_answer_and_it_can_change(app, aw, ended):
    client = _client(app, aw.founder)
    url = _url(aw, _invitation(aw.founder))
    for _ in range(2):
        assert client.post(url, data=_exit_answer(ended)).status_code == 302
    invitation = _invitation(aw.founder)
    assert (invitation.rating, invitation.goal_reached.value) == (4, "partly")
    assert db.session.scalar(select(func.count()).select_from(SurveyNeed)) == 2
    assert client.post(url, data=_exit_answer(ended, rating="5")).status_code == 302
    db.session.expire_all()
    assert _invitation(aw.founder).rating == 5
    assert db.session.scalar(select(func.count()).select_from(SurveyNeed)) == 2
    # The change in needs: area 0 from 2 to 4, area 1 from 4 to 3.
    needs = {n.area: n for n in queries.survey_measures(aw.program.id, NOW).needs}
    assert (needs[ended[0].name].before, needs[ended[0].name].after) == (2, 4)
    assert needs[ended[1].name].change == -1


def test_a_mentor_is_not_asked_about_the_mentors_nor_the_needs(app, aw, ended):
    client = _client(app, aw.mentors[0])
    body = client.get(_url(aw, _invitation(aw.mentors[0]))).get_data(as_text=True)
    assert "What could the program do better?" in body
    assert "What could the mentors do better?" not in body
    assert ended[0].name not in body


def test_answers_are_seen_by_coordinators_only(app, aw, ended):
    founder = _client(app, aw.founder)
    assert founder.post(_url(aw, _invitation(aw.founder)),
                        data=_exit_answer(ended)).status_code == 302  # fmt: skip
    slug = aw.program.slug
    coordinator = _client(app, aw.coordinator)
    assert SECRET in coordinator.get(f"/p/{slug}/evidence/surveys").get_data(as_text=True)
    assert SECRET in coordinator.get(f"/p/{slug}/evidence/surveys/answers.csv").get_data(
        as_text=True
    )
    mentor = _client(app, aw.mentors[0])
    for path in ("/evidence/surveys", "/evidence/surveys/answers.csv",
                 "/evidence/surveys/measures.csv", "/evidence/surveys/flags"):  # fmt: skip
        assert mentor.get(f"/p/{slug}{path}").status_code == 403
        assert founder.get(f"/p/{slug}{path}").status_code == 403
    # The founder's own survey is theirs alone: a mentor and the coordinator are told it is
    # not there, and no page a mentor opens shows the words.
    assert mentor.get(_url(aw, _invitation(aw.founder))).status_code == 404
    assert coordinator.get(_url(aw, _invitation(aw.founder))).status_code == 404
    for path in ("/surveys", f"/surveys/{_invitation(aw.mentors[0]).id}", "/my-teams"):
        response = mentor.get(f"/p/{slug}{path}")
        assert response.status_code == 200 and SECRET not in response.get_data(as_text=True)


def test_another_programs_survey_is_not_there(app, aw, ended, make_program):
    other = make_program("Other Program")
    from vms.cohorts import services as cohorts

    cohorts.add_member(aw.founder, other, Role.ENTREPRENEUR)
    db.session.commit()
    client = _client(app, aw.founder)
    assert client.get(f"/p/{other.slug}/surveys/{_invitation(aw.founder).id}").status_code == 404
    assert client.get(_url(aw, _invitation(aw.founder))).status_code == 200


def _team_health(aw) -> tuple[Verdict, bool]:
    """The team's verdict, and whether a fit check's "no" is among its reasons."""
    found = next(h for h in health_of_program(aw.program, NOW.replace(hour=17))
                 if h.facts.id == aw.team.id)  # fmt: skip
    return found.verdict, any(r.code == "fit_no" for r in found.reasons)


def test_a_no_flags_the_team_until_it_changes(app, aw):
    team_meeting(aw, NOW)
    invitations.invite_fit_checks(NOW.replace(hour=17))
    mentor = _client(app, aw.mentors[1])
    url = _url(aw, _invitation(aw.mentors[1], SurveyKind.FIT))
    bad = mentor.post(url, data={"words": "We never agree"})
    assert bad.status_code == 400 and "We never agree" in bad.get_data(as_text=True)
    assert mentor.post(url, data={"fit": "no", "words": "We never agree"}).status_code == 302
    assert queries.fit_flags(aw.program.id) == {("team", aw.team.id): 1}
    page = _client(app, aw.coordinator).get(f"/p/{aw.program.slug}/evidence/surveys/flags")
    assert "We never agree" in page.get_data(as_text=True)
    # The team's health says so: it needs a repair, and why (vms.evidence.health).
    assert _team_health(aw) == (Verdict.NEEDS_REPAIR, True)
    at_risk = _client(app, aw.coordinator).get(f"/p/{aw.program.slug}/evidence/at-risk")
    assert "someone answered the fit check “no”" in at_risk.get_data(as_text=True)
    assert mentor.post(url, data={"fit": "too_early"}).status_code == 302
    assert queries.fit_flags(aw.program.id) == {}
    assert _team_health(aw)[1] is False
    assert _invitation(aw.mentors[1], SurveyKind.FIT).fit is Fit.TOO_EARLY


def test_ending_a_team_asks_for_confirmation_and_happens_once(app, aw):
    slug, team_id = aw.program.slug, aw.team.id
    coordinator = _client(app, aw.coordinator)
    page = coordinator.get(f"/p/{slug}/teams/{team_id}")
    assert f"/p/{slug}/teams/{team_id}/end" in page.get_data(as_text=True)
    confirm = coordinator.get(f"/p/{slug}/teams/{team_id}/end")
    assert confirm.status_code == 200 and "exit survey" in confirm.get_data(as_text=True)
    assert _client(app, aw.founder).post(f"/p/{slug}/teams/{team_id}/end").status_code == 403
    unconfirmed = coordinator.post(f"/p/{slug}/teams/{team_id}/end", follow_redirects=True)
    assert "Nothing was changed" in unconfirmed.get_data(as_text=True)
    assert aw.team.status is TeamStatus.PUBLISHED
    for _ in range(2):
        assert coordinator.post(f"/p/{slug}/teams/{team_id}/end", data=CONFIRMED).status_code == 302
    flashed = coordinator.get(f"/p/{slug}/teams/{team_id}").get_data(as_text=True)
    assert "Only a published team can end." in flashed
    db.session.expire_all()
    assert aw.team.status is TeamStatus.ENDED
    assert db.session.scalar(select(func.count()).select_from(SurveyInvitation)) == 4


def test_an_ended_team_leaves_its_mentors_load(aw):
    mentor = aw.mentors[0]
    db.session.add(MentorProfile(program_id=aw.program.id, user_id=mentor.id, industry="Retail",
                                 function="Sales", capacity=1))  # fmt: skip
    db.session.commit()

    def load() -> tuple[list, list]:
        counted = db.session.execute(select(loads(aw.program).c.teams)).scalars().all()
        shown = [len(row.teams) for row in load_page(aw.program).rows.rows]
        return counted, shown

    assert load() == ([1, 1, 1], [1])  # three mentors on one team; one has a profile
    team_services.end(aw.team, aw.coordinator, NOW)
    db.session.commit()
    assert load() == ([], [0])


def test_the_csvs_read_back(app, aw, ended):
    founder = _client(app, aw.founder)
    founder.post(_url(aw, _invitation(aw.founder)), data=_exit_answer(ended, words="=1+1"))
    coordinator = _client(app, aw.coordinator)
    raw = coordinator.get(f"/p/{aw.program.slug}/evidence/surveys/answers.csv")
    text = raw.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1 + 4  # the header and the four people asked
    answered = [r for r in rows[1:] if r[9]]
    assert len(answered) == 1 and answered[0][9] == "4" and answered[0][11] == "'=1+1"
    measures = coordinator.get(f"/p/{aw.program.slug}/evidence/surveys/measures.csv")
    table = list(csv.reader(io.StringIO(measures.get_data(as_text=True).lstrip("\ufeff"))))
    by_name = {(r[0], r[1]): r for r in table[1:]}
    # Exit: 1 of 4 answered, 25%; fit: nobody asked.
    assert by_name[("Response rate", "exit")][2:] == ["0.25", "4"]
    assert by_name[("Too low to trust", "exit")][2] == "low_rate, few_answers"
    assert by_name[("Average rating", "exit")][2:] == ["4.00", "1"]


def test_the_measures_page_warns_when_a_rate_is_too_low(app, aw, ended):
    body = _client(app, aw.coordinator).get(f"/p/{aw.program.slug}/evidence/surveys")
    text = body.get_data(as_text=True)
    assert body.status_code == 200
    assert "Too low to trust" in text and "Under 50% answered." in text
    assert "Fewer than 10 answers." in text


def test_in_spanish_the_survey_and_its_email(app, aw, smtp):
    aw.founder.locale = "es"
    db.session.commit()
    team_services.end(aw.team, aw.coordinator, NOW)
    db.session.commit()
    assert "La encuesta de cierre" in smtp.last_to(aw.founder.email)["Subject"]
    body = _client(app, aw.founder).get(_url(aw, _invitation(aw.founder))).get_data(as_text=True)
    assert "¿Se alcanzó tu objetivo del primer día?" in body
    assert "5 estrellas – excelente" in body and "¿Qué podrían mejorar los mentores?" in body


def test_the_dashboard_shows_the_survey_rates_and_says_when_not_to_trust_them(app, aw, ended):
    founder = _client(app, aw.founder)
    founder.post(_url(aw, _invitation(aw.founder)), data=_exit_answer(ended))
    coordinator = _client(app, aw.coordinator)
    page = coordinator.get(f"/p/{aw.program.slug}/evidence").get_data(as_text=True)
    assert "Survey response rates" in page and "Change in self-assessed needs" in page
    # Exit: four asked, one answered (25%): under half, and under ten answers.
    row = re.search(r"<th scope=\"row\">Exit survey</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", row) == ["4", "0", "1", "25%", "too few answers to trust"]
    assert "4.0 / 5" in page  # the one rating
    export = coordinator.get(f"/p/{aw.program.slug}/evidence/export.csv?table=surveys")
    rows = list(csv.reader(io.StringIO(export.get_data().decode("utf-8-sig"))))
    assert rows[0][0] == "Survey" and rows[2][:5] == ["Exit survey", "4", "0", "1", "25%"]


def test_the_exit_survey_recalls_the_goal_stated_on_day_one(app, aw, ended):
    from vms.evidence.goals import services as goals

    goals.state_team_goal(aw.team, "Sign our first two hospital pilots", aw.founder)
    db.session.commit()
    page = _client(app, aw.founder).get(_url(aw, _invitation(aw.founder))).get_data(as_text=True)
    assert "The goal stated on day one: “Sign our first two hospital pilots”" in page
    assert page.index("hospital pilots") < page.index('name="goal_reached"')
