"""Planning a speed-dating event in a real browser: the coordinator previews the rounds, creates
the event and opens its run sheet; a peer mentor opens their own schedule. axe checks each new
page. Every demo user reads the app in English, in America/New_York like the demo program."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vms.example"
PEER_MENTOR = "peer1@demo.vms.example"
COHORT = "Peer mentoring — 2027"
TITLE = "Browser journey speed dating"


def test_coordinator_plans_an_event_and_sees_the_run_sheet(contexts, sign_in, axe):  # noqa: F811
    page = sign_in(contexts.new_page(), COORDINATOR)
    page.goto("/p/demo/peer/events")
    assert_accessible(axe, page)
    page.get_by_role("link", name="New event").click()
    expect(page.get_by_role("heading", name="New speed-dating event")).to_be_visible()
    page.get_by_label("Cohort").select_option(label=COHORT)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Date", exact=True).fill((date.today() + timedelta(days=21)).isoformat())
    page.get_by_label("Start time", exact=True).fill("18:00")
    page.get_by_label("Room or address").fill("Hall B")
    page.get_by_label("Number of tables").fill("0")
    page.get_by_role("button", name="Preview").click()
    # Zero tables is refused next to the field, and everything typed is kept.
    # Next to the field, and listed at the top of the form with a link to it.
    expect(page.locator("#tables-error")).to_contain_text("at least one table")
    expect(
        page.locator(".error-summary").get_by_role("link", name="Number of tables")
    ).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    assert_accessible(axe, page)
    page.get_by_label("Number of tables").fill("")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ rounds: each "))).to_be_visible()
    expect(page.get_by_label("Room or address")).to_have_value("Hall B")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Event created")).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_role("link", name="Run sheet").click()
    expect(page.get_by_role("heading", name=f"Run sheet: {TITLE}")).to_be_visible()
    expect(page.locator("svg.qr")).to_be_visible()
    expect(page.get_by_role("heading", name="By round")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Ruth Abara")
    assert_accessible(axe, page)
    event_url = page.url.removesuffix("/run-sheet")

    peer = sign_in(contexts.new_page(), PEER_MENTOR)
    peer.goto(f"{event_url}/schedule")
    expect(peer.get_by_role("heading", name="My schedule")).to_be_visible()
    expect(peer.get_by_role("table")).to_contain_text("1")
    assert_accessible(axe, peer)
    assert not contexts.console_errors, contexts.console_errors
