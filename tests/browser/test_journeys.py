"""Whole journeys in a real browser: a coordinator invites a mentor who joins; Spanish; phones."""

from __future__ import annotations

import re

import pytest

from tests.browser.navigation import go_to
from tests.support import link_in

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vms.example"
PROGRAM = "Venture Mentoring Demo"
NEW_MENTOR = "new.mentor@example.org"
PASSPHRASE = "a long enough passphrase for testing"


def test_coordinator_invites_a_mentor_who_joins(contexts, sign_in, smtp):
    coordinator = contexts.new_page()
    sign_in(coordinator, COORDINATOR)
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(PROGRAM)

    # A new cohort, from the home page.
    coordinator.get_by_role("link", name="New cohort").click()
    expect(coordinator.get_by_role("heading", name="New cohort")).to_be_visible()
    coordinator.get_by_label("Name").fill("Autumn 2027 ventures")
    coordinator.get_by_label("Start date").fill("2027-09-01")
    coordinator.get_by_label("End date").fill("2028-02-28")
    coordinator.get_by_role("button", name="Create cohort").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Autumn 2027 ventures")
    expect(coordinator.get_by_role("status")).to_contain_text("Autumn 2027 ventures")
    cohort_url = coordinator.url

    # Invite a mentor into it.
    coordinator.get_by_label("Email").fill(NEW_MENTOR)
    coordinator.get_by_label("Role").select_option(label="Mentor")
    coordinator.get_by_role("button", name="Send invitation").click()
    expect(coordinator.get_by_role("status")).to_have_text(f"Invitation sent to {NEW_MENTOR}.")
    row = coordinator.get_by_role("row").filter(has_text=NEW_MENTOR)
    expect(row).to_contain_text("Mentor")
    expect(row).to_contain_text("Waiting")

    # The invitee opens the emailed link in a browser of their own.
    path = link_in(smtp.last_to(NEW_MENTOR), "/invitations/")
    mentor = contexts.new_page()
    mentor.goto(path)
    expect(mentor.get_by_role("heading", level=1)).to_have_text(f"You are invited to {PROGRAM}")
    expect(mentor.get_by_label("Email")).to_have_value(NEW_MENTOR)
    mentor.get_by_label("Full name").fill("Nora Newcomer")
    mentor.get_by_label("Choose a password").fill(PASSPHRASE)
    mentor.get_by_role("button", name="Accept invitation").click()

    expect(mentor.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    expect(mentor.get_by_role("status")).to_have_text(f"Welcome to {PROGRAM}.")
    expect(mentor.get_by_role("heading", name="Mentoring", exact=True)).to_be_visible()
    expect(mentor.get_by_role("region", name="Your cohorts")).to_contain_text(
        "Autumn 2027 ventures"
    )

    # The coordinator sees the invitation accepted, and the mentor as a member.
    coordinator.goto(cohort_url)
    row = coordinator.get_by_role("row").filter(has_text=NEW_MENTOR)
    expect(row).to_contain_text("Joined")
    expect(row).to_contain_text("Nora Newcomer")
    expect(row.get_by_role("button")).to_have_count(0)  # no resend/revoke once joined
    members = coordinator.locator("section").filter(
        has=coordinator.get_by_role("heading", name="Members")
    )
    expect(members).to_contain_text("Nora Newcomer")

    assert contexts.console_errors == []


def _switch_to_spanish(page) -> None:
    page.get_by_role("contentinfo").get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_a_visitor_switches_to_spanish(page):
    page.goto("/signin")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _switch_to_spanish(page)
    # Back on the page the visitor was on, now in Spanish.
    expect(page).to_have_url(re.compile(r"/signin"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Iniciar sesión")
    expect(page.get_by_role("button", name="Español")).to_have_attribute("aria-pressed", "true")

    # The choice sticks on the next page.
    page.goto("/signup")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Crear una cuenta")


def test_a_member_switches_to_spanish(page, sign_in, contexts):
    sign_in(page, COORDINATOR)
    _switch_to_spanish(page)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()

    go_to(page, "Cohortes")  # in the coordinator's "Equipos" group
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohortes")

    # Saved with the account: a fresh browser signing in gets Spanish too.
    other = contexts.new_page()
    _sign_in_expecting_spanish(other)
    expect(other.locator("html")).to_have_attribute("lang", "es")


def _sign_in_expecting_spanish(page) -> None:
    from vms.demo_data import DEMO_PASSWORD

    page.goto("/signin")  # this browser has no language choice yet: English
    page.get_by_label("Email").fill(COORDINATOR)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()


def test_sign_in_fits_a_phone(contexts):
    page = contexts.new_page(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=3,
    )
    page.goto("/signin")
    button = page.get_by_role("button", name="Sign in", exact=True)
    expect(button).to_be_visible()
    expect(button).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44, "touch target too small"


@pytest.mark.parametrize("browser_zone, offered", [
    ("Asia/Kolkata", "Asia/Kolkata"),  # Chromium calls it Asia/Calcutta: today's name is chosen
    ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("Europe/Madrid", "Europe/Madrid"),
])  # fmt: skip
def test_sign_up_starts_at_the_browsers_timezone(contexts, browser_zone, offered):
    page = contexts.new_page(timezone_id=browser_zone)
    page.goto("/signup")
    expect(page.get_by_label("Timezone")).to_have_value(offered)
