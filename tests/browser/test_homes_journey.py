"""Each role's home in a real browser, at desktop and phone widths: the coordinator's opens on
what needs them and their navigation fits on one line; a mentor answers the next monthly date
from their home and several dates at once; a founder sees their coming meeting's agenda state
and reaches their venture's profile; on a phone a table's rows read as cards, with nothing
scrolled sideways. axe finds nothing serious or critical on any of them."""

from __future__ import annotations

import re

import pytest

from tests.browser.navigation import go_to
from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _demo(person: str) -> str:
    from vms.demo_data import DOMAIN

    return f"{person}@{DOMAIN}"


def _one_line(page) -> None:
    """Every top-level entry of the program navigation sits on the same line."""
    tops = page.eval_on_selector_all(
        "nav.program-nav > a, nav.program-nav > details > summary",
        "els => els.map(e => Math.round(e.getBoundingClientRect().top))",
    )
    assert tops and max(tops) - min(tops) <= 4, tops


def _nothing_sideways(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"the page scrolls {width}px sideways"


def test_the_coordinator_home_opens_on_what_needs_them(contexts, sign_in, axe):  # noqa: F811
    desk = sign_in(contexts.new_page(viewport=DESKTOP), _demo("coordinator"))
    attention = desk.get_by_role("region", name="Needs your attention")
    expect(attention).to_be_visible()
    first = attention.get_by_role("listitem").first
    expect(first.get_by_role("link")).to_be_visible()
    _one_line(desk)
    assert_accessible(axe, desk)
    go_to(desk, "Teams")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Mentor teams")
    # A group of links opens as a disclosure: the next one is reached the same way.
    go_to(desk, "Mentor applications")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Mentor applications")


def test_on_a_phone_tables_read_as_cards_and_nothing_scrolls_sideways(contexts, sign_in, axe):  # noqa: F811
    phone = sign_in(contexts.new_page(viewport=PHONE, is_mobile=True, has_touch=True),
                    _demo("coordinator"))  # fmt: skip
    _nothing_sideways(phone)
    assert_accessible(axe, phone)
    go_to(phone, "Mentor applications")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mentor applications")
    table = phone.locator(".table-wrap table").first
    expect(table).to_have_class("stacks")
    cell = table.locator("tbody tr").first.locator("td").first
    assert cell.get_attribute("data-label"), "the cell does not know its column"
    _nothing_sideways(phone)
    assert_accessible(axe, phone)


def test_a_mentor_answers_the_next_date_from_home_and_more_dates_at_once(contexts, sign_in, axe):  # noqa: F811
    mentor = sign_in(contexts.new_page(viewport=DESKTOP), _demo("mentor1"))
    go_to(mentor, "Home")  # a mentor's bar is flat: the link is on it
    next_date = mentor.get_by_role("region", name="Next monthly mentor meeting")
    expect(next_date).to_be_visible()
    assert_accessible(axe, mentor)
    chosen = "No" if next_date.get_by_label("Yes").is_checked() else "Yes"
    next_date.get_by_label(chosen).check()
    next_date.get_by_role("button", name="Save my answer").click()
    expect(mentor.get_by_role("status")).to_contain_text("1 answer is saved.")
    expect(mentor.get_by_role("region", name="Next monthly mentor meeting").get_by_label(
        chosen)).to_be_checked()  # fmt: skip
    # The series page answers every coming date from one form.
    go_to(mentor, "Mentor meeting")
    dates = mentor.get_by_role("region", name="Coming dates")
    groups = dates.get_by_role("group")
    assert groups.count() >= 3, "the demo's series has a year of dates"
    for n in (1, 2):
        groups.nth(n).get_by_label("Maybe").check()
    dates.get_by_role("button", name="Save my answers").click()
    expect(mentor.get_by_role("status")).to_contain_text("answers are saved.")
    dates = mentor.get_by_role("region", name="Coming dates").get_by_role("group")
    expect(dates.nth(1).get_by_label("Maybe")).to_be_checked()
    expect(dates.nth(2).get_by_label("Maybe")).to_be_checked()
    assert_accessible(axe, mentor)


def test_a_founder_sees_what_comes_and_reaches_their_profile(contexts, sign_in, axe):  # noqa: F811
    founder = sign_in(
        contexts.new_page(viewport=PHONE, is_mobile=True, has_touch=True), _demo("founder2")
    )  # CellSense: its team is on, with meetings coming
    coming = founder.get_by_role("region", name="Your coming meetings")
    expect(coming).to_be_visible()
    expect(coming.locator(".tag").first).to_have_text(re.compile("Agenda (set|due)"))
    _nothing_sideways(founder)
    assert_accessible(axe, founder)
    venture = founder.get_by_role("region", name="Your venture")
    venture.get_by_role("heading", level=3).get_by_role("link").click()
    expect(founder.get_by_text("complete", exact=False).first).to_be_visible()
    _nothing_sideways(founder)
    assert_accessible(axe, founder)
