"""The demo's finished trial shows a visible difference and says it is uncertain."""

from __future__ import annotations

from sqlalchemy import select

from vms.auth import services as accounts
from vms.cohorts.models import Program
from vms.demo_data import DEMO_PASSWORD, DOMAIN, load_demo
from vms.extensions import db
from vms.onboarding.trials.demo import NAME, finished_trial
from vms.onboarding.trials.models import Trial, TrialAssignment, TrialStatus


def test_the_demo_trial_is_finished_visible_and_uncertain(client, auth):
    load_demo()
    db.session.commit()
    program = db.session.scalar(select(Program).where(Program.slug == "demo"))
    finished_trial(program)  # a second load adds nothing
    trials = db.session.scalars(select(Trial).where(Trial.name == NAME)).all()
    assert len(trials) == 1 and trials[0].status is TrialStatus.STOPPED
    assert len(db.session.scalars(select(TrialAssignment)).all()) == 8
    auth.login(accounts.user_by_email(f"coordinator@{DOMAIN}"), DEMO_PASSWORD)
    page = client.get(f"/p/demo/evidence/trials/{trials[0].id}").get_data(as_text=True)
    assert "Too few to conclude anything yet." in page
    # Four of four welcomed ventures got a team, two of four others: +50 points, and
    # Newcombe's interval reaches below zero (about -10 to +85 points).
    csv = client.get(f"/p/demo/evidence/trials/{trials[0].id}/result.csv?table=team")
    rows = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert rows[1].startswith("Welcome video,4,4,100%,'+50 points,'-")
    assert rows[2].startswith("Nothing,4,2,50%,–,–,The comparison arm")
