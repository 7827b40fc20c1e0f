"""The demo's surveys: a fit check with one "no" (a flagged team), and an ended team whose exit
survey one of five answered, so the measures page warns that the rate is too low to trust."""

from __future__ import annotations

from sqlalchemy import select

from tests.conftest import Auth
from vms.auth.services import user_by_email
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamStatus
from vms.demo_data import DEMO_PASSWORD, DOMAIN, load_demo
from vms.evidence.surveys import queries
from vms.extensions import db


def test_the_demo_shows_a_flag_and_a_low_response_rate(app):
    load_demo()
    db.session.commit()
    program = db.session.scalar(select(Program).where(Program.slug == "demo"))
    ended = db.session.scalars(select(Team).filter_by(program_id=program.id,
                                                      status=TeamStatus.ENDED)).all()  # fmt: skip
    assert len(ended) == 1
    flags = queries.fit_flags(program.id)
    assert len(flags) == 1 and set(flags.values()) == {1}
    found = queries.survey_measures(program.id)
    exit_rate = next(r for r in found.rates if r.survey == "exit")
    assert exit_rate.answered == 1 and exit_rate.invited >= 4
    assert exit_rate.warnings == ("low_rate", "few_answers")
    client = app.test_client()
    Auth(client).login(as_=user_by_email(f"coordinator@{DOMAIN}"), password=DEMO_PASSWORD)
    page = client.get("/p/demo/evidence/surveys").get_data(as_text=True)
    assert "Too low to trust" in page and "opened doors" in page
    assert not load_demo() or queries.fit_flags(program.id) == flags  # idempotent
