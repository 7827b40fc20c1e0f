"""The evidence dashboard in a real browser: the demo's coordinator opens it from the
navigation, filters it to last year's cohort, opens the at-risk list, nudges a quiet team (its
lead mentor gets the email; a second nudge the same day is refused politely), downloads a
measure's table as CSV and reads the mentor commitment ledger. axe finds nothing serious on the
dashboard, the at-risk list or the ledger."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.browser.navigation import go_to
from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

QUIET = "Kestrel Robotics"  # the demo's team that last met 75 days ago


def _lead_of(app, venture: str) -> str:
    from sqlalchemy import select

    from vms.cohorts.models import Venture
    from vms.cohorts.teams.models import Team

    with app.app_context():
        team = next(iter(app.extensions["sqlalchemy"].session.scalars(
            select(Team).join(Venture).where(Venture.name == venture))))  # fmt: skip
        return next(m.mentor.email for m in team.members if m.is_lead)


def test_a_coordinator_reads_filters_nudges_and_downloads(contexts, sign_in, smtp, axe,  # noqa: F811
                                                         live_server):  # fmt: skip
    from vms.demo_data import DOMAIN

    desk = sign_in(contexts.new_page(), f"coordinator@{DOMAIN}")
    go_to(desk, "Dashboard")
    expect(desk.get_by_role("heading", name="Program evidence", level=1)).to_be_visible()
    chart = "From application to meaningful connection: chart; the table below holds its numbers."
    expect(desk.get_by_role("img", name=chart)).to_be_visible()
    assert_accessible(axe, desk)

    desk.get_by_label("Cohort").select_option(label="Ventures — last year")
    desk.get_by_role("button", name="Apply to every measure").click()
    assert "cohort=" in desk.url
    funnel = desk.get_by_role("table", name="From application to meaningful connection")
    # Last year's cohort: eight ventures applied, all accepted, six teamed (the demo's story).
    expect(funnel.get_by_role("row", name="Applied 8")).to_be_visible()
    expect(funnel.get_by_role("row", name="Teamed 6")).to_be_visible()

    with desk.expect_download() as downloading:
        desk.get_by_role("link", name="Download this table (CSV)").first.click()
    text = Path(downloading.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Stage", "Ventures", "Share of those who applied"]
    assert rows[1] == ["Applied", "8", "100%"] and rows[3] == ["Teamed", "6", "75%"]

    desk.get_by_role("link", name="Teams and pairs at risk").first.click()
    expect(desk.get_by_role("heading", name="Teams and pairs at risk")).to_be_visible()
    assert_accessible(axe, desk)
    expect(desk.get_by_role("row", name=QUIET)).to_contain_text("no meeting for 75 days")
    smtp.clear()
    desk.get_by_role("button", name=f"Nudge {QUIET}").click()
    expect(desk.get_by_text(f"{QUIET}: nudged by email.")).to_be_visible()
    lead = _lead_of(live_server.app, QUIET)
    assert smtp.last_to(lead)["Subject"] == f"Checking in on {QUIET}"
    desk.get_by_role("button", name=f"Nudge {QUIET}").click()
    expect(desk.get_by_text(f"{QUIET} was already nudged today.")).to_be_visible()
    assert len(smtp.to(lead)) == 1

    desk.get_by_role("link", name="Back to the dashboard").click()
    desk.get_by_role("link", name="Mentor commitment ledger").click()
    expect(desk.get_by_role("heading", name="Mentor commitment ledger")).to_be_visible()
    expect(desk.get_by_role("table", name="Mentors by name")).to_be_visible()
    assert_accessible(axe, desk)
    assert not contexts.console_errors, contexts.console_errors
