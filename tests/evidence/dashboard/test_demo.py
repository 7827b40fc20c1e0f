"""The demo's dashboard is worth looking at: a year of history, teams at risk, every chart."""

from __future__ import annotations

from sqlalchemy import select

from vms.auth import services as accounts
from vms.cohorts.models import Program
from vms.demo_data import DEMO_PASSWORD, DOMAIN, load_demo
from vms.extensions import db


def test_the_demo_dashboard_has_history_and_teams_at_risk(app, client, auth):
    load_demo()
    db.session.commit()
    assert not load_demo()  # loading again adds nothing
    db.session.commit()
    slug = db.session.scalar(select(Program.slug).where(Program.slug == "demo"))
    auth.login(accounts.user_by_email(f"coordinator@{DOMAIN}"), DEMO_PASSWORD)
    html = client.get(f"/p/{slug}/evidence").get_data(as_text=True)
    assert html.count("data:image/svg+xml") >= 10
    at_risk = client.get(f"/p/{slug}/evidence/at-risk").get_data(as_text=True)
    # Kestrel Robotics last met 75 days ago, Sable Health 48; Oakline Foods writes no summaries.
    for name in ("Kestrel Robotics", "Sable Health", "Oakline Foods"):
        assert name in at_risk
    assert at_risk.index("Kestrel Robotics") < at_risk.index("Sable Health")
    assert "Lumen Analytics" not in at_risk
