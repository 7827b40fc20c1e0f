"""Rubric criteria and list terms are renamed in place and retired from new forms, not lost:
past scores and answers keep them (marked retired), and they can be restored."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.conftest import Auth
from tests.screening.test_rubric import _scores, started
from vms.extensions import db
from vms.screening.mentors import rubric
from vms.screening.mentors.models import CriterionScore, MentorApplication
from vms.screening.settings import taxonomy
from vms.screening.settings.models import EntryStatus, TaxonomyKind


def _coordinator(app, a):
    client = app.test_client()
    Auth(client).login(as_=a.coordinator)
    return client, f"/p/{a.program.slug}/screening/settings"


def test_a_renamed_and_retired_criterion_is_not_asked_again_but_past_scores_keep_it(app, world):
    a = world["A"]
    interview = started(a.interview_id)
    first = rubric.criteria(a.program.id)  # five defaults
    scorer = app.test_client()
    Auth(scorer).login(as_=a.coordinator)
    score_url = f"/p/{a.program.slug}/screening/interviews/{interview.id}/score"
    assert scorer.post(score_url, data=_scores(first, [4, 4, 4, 4, 2])).status_code == 302
    client, base = _coordinator(app, a)
    ethics, talk = first[3], first[4]
    listening = {"name": "Listening", "description": "Hears the founder out."}
    renamed = client.post(f"{base}/criteria/{talk.id}/rename", data=listening)
    assert renamed.status_code == 302
    assert client.post(f"{base}/criteria/{talk.id}/retire").status_code == 302
    db.session.expire_all()
    assert (talk.name, talk.status) == ("Listening", EntryStatus.RETIRED)
    settings = client.get(base).get_data(as_text=True)
    assert 'value="Listening"' in settings and "retired" in settings and "Restore" in settings
    # A new scorecard (the mentor's) does not ask for it; the past one keeps its score.
    form = _mentor(app, a).get(score_url).get_data(as_text=True)
    assert "Listening" not in form and ethics.name in form
    mentor_scores = _scores(first[:4], [3, 3, 3, 3])
    assert _mentor(app, a).post(score_url, data=mentor_scores).status_code == 302
    decision = rubric.decision(db.session.get(MentorApplication, a.application_id))
    assert [c.name for c in decision.criteria][-1] == "Listening", "kept where it was scored"
    assert decision.aggregate.criteria[-1].values == {a.coordinator.id: 2}
    page = client.get(f"/p/{a.program.slug}/screening/mentors/{a.application_id}").text
    assert "Listening (retired)" in page
    stored = db.session.scalars(select(CriterionScore.criterion_id)).all()
    assert stored.count(talk.id) == 1, "the past score points at the same criterion"
    assert client.post(f"{base}/criteria/{talk.id}/restore").status_code == 302
    db.session.expire_all()
    assert not talk.retired


def test_criterion_refusals_keep_what_was_typed_and_say_why(app, world):
    a = world["A"]
    client, base = _coordinator(app, a)
    criteria = rubric.criteria(a.program.id)
    taken = client.post(f"{base}/criteria/{criteria[0].id}/rename",
                        data={"name": "COACHABILITY", "description": "typed"})  # fmt: skip
    assert taken.status_code == 400 and "“COACHABILITY” is already a criterion." in taken.text
    assert 'value="COACHABILITY"' in taken.text and 'value="typed"' in taken.text
    db.session.expire_all()
    assert criteria[0].name == "Relevant experience"
    for criterion in criteria[:-1]:
        assert client.post(f"{base}/criteria/{criterion.id}/retire").status_code == 302
    last = client.post(f"{base}/criteria/{criteria[-1].id}/retire", follow_redirects=True)
    assert "is the last criterion interviewers score" in last.text
    assert len(rubric.active_criteria(a.program.id)) == 1
    twice = client.post(f"{base}/criteria/{criteria[0].id}/retire", follow_redirects=True)
    assert "is already retired" in twice.text, "the second of two clicks"
    blank = client.post(f"{base}/criteria", data={"name": " ", "description": "kept"})
    assert blank.status_code == 400 and 'value="kept"' in blank.text


def test_a_retired_term_leaves_new_forms_and_stays_on_past_applications(app, world, client):
    a = world["A"]
    coordinator, base = _coordinator(app, a)
    used = taxonomy.terms(a.program, TaxonomyKind.EXPERTISE)[0]  # the world's applicant chose it
    unused = taxonomy.terms(a.program, TaxonomyKind.EXPERTISE)[-1]
    for term in (used, unused):
        assert coordinator.post(f"{base}/terms/{term.id}/retire").status_code == 302
    apply_form = client.get(f"/p/{a.program.slug}/apply/mentor").text
    offered = re.findall(r'name="expertise" type="checkbox" value="(\d+)"', apply_form)
    assert str(used.id) not in offered and str(unused.id) not in offered and len(offered) > 5
    coordinator.get(base)  # read the flashed messages
    pipeline = coordinator.get(f"/p/{a.program.slug}/screening/mentors").text
    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', pipeline)
    assert f"{used.name} (retired)" in options, "the filter offers a retired term still in use"
    assert not any(unused.name in option for option in options), "but not an unused one"
    page = coordinator.get(f"/p/{a.program.slug}/screening/mentors/{a.application_id}").text
    assert f"{used.name} (retired)" in page
    renamed = coordinator.post(f"{base}/terms/{used.id}/rename", data={"name": "Go-to-market"})
    assert renamed.status_code == 302
    page = coordinator.get(f"/p/{a.program.slug}/screening/mentors/{a.application_id}").text
    assert "Go-to-market (retired)" in page, "renaming keeps the id: past answers show the name"
    taken = coordinator.post(f"{base}/terms/{used.id}/rename", data={"name": unused.name.upper()})
    assert taken.status_code == 400 and "already on this list" in taken.text
    assert f'value="{unused.name.upper()}"' in taken.text
    again = coordinator.post(f"{base}/terms/{unused.id}/retire", follow_redirects=True)
    assert "is already retired" in again.text
    assert coordinator.post(f"{base}/terms/{used.id}/restore").status_code == 302
    db.session.expire_all()
    assert not used.retired and used in taxonomy.offered_terms(a.program, TaxonomyKind.EXPERTISE)


def test_another_programs_entries_are_not_found(app, world):
    a, b = world["A"], world["B"]
    client, base = _coordinator(app, a)
    criterion = rubric.criteria(b.program.id)[0]
    term = taxonomy.terms(b.program, TaxonomyKind.INDUSTRY)[0]
    for url in (f"{base}/criteria/{criterion.id}/retire", f"{base}/terms/{term.id}/retire",
                f"{base}/criteria/{criterion.id}/rename"):  # fmt: skip
        assert client.post(url, data={"name": "Mine"}).status_code == 404
    db.session.expire_all()
    assert not criterion.retired and not term.retired


def test_the_settings_speak_spanish(app, world):
    a = world["A"]
    client, base = _coordinator(app, a)
    client.post("/language", data={"locale": "es"})
    criterion = rubric.criteria(a.program.id)[0]
    client.post(f"{base}/criteria/{criterion.id}/retire")
    page = client.get(base).text
    assert "Restaurar" in page and "Retirar" in page and "retirado" in page
    done = client.post(f"{base}/criteria/{criterion.id}/restore", follow_redirects=True)
    assert "vuelve a puntuarse" in done.text


def _mentor(app, a):
    client = app.test_client()
    Auth(client).login(as_=a.mentor)
    return client


def test_a_venture_keeps_its_answer_on_a_retired_area_and_a_new_one_is_not_asked(
    client, make_program
):
    from tests.screening.test_ventures import _form
    from vms.cohorts.models import Venture

    program = make_program("Harbor VMS")
    profile = client.post(f"/p/{program.slug}/apply/venture", data=_form(program)).location
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)
    fundraising = next(a for a in areas if a.name == "Fundraising")
    taxonomy.retire_term(fundraising)
    db.session.commit()
    new = client.get(f"/p/{program.slug}/apply/venture").text
    assert "We want help with Fundraising" not in new and "We want help with Sales" in new
    edit = client.get(f"{profile}/edit").text
    assert "We want help with Fundraising" in edit, "the venture's own answer stays editable"
    assert client.post(f"{profile}/edit", data=_form(program)).status_code == 302
    venture = db.session.scalar(select(Venture))
    assert sorted(venture.needs) == ["Fundraising", "Sales"]
    page = client.get(profile).text
    assert "Rate every area of the self-assessment." not in page and "100%" in page
