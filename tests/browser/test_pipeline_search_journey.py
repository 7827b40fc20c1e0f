"""A coordinator searches the pipelines in a real browser: the stage stays, and a search that
finds nothing says so and offers to clear it."""

from __future__ import annotations

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vms.example"


def _stage(page, name: str):
    return page.get_by_role("navigation", name="Stages").get_by_role("link", name=name)


def _search(page, label: str, words: str) -> None:
    page.get_by_label(label).fill(words)
    page.get_by_role("button", name="Filter").click()


def test_a_search_on_a_stage_stays_there_and_an_empty_one_says_so(contexts, sign_in):
    coordinator = contexts.new_page()
    sign_in(coordinator, COORDINATOR)
    for path, label, nothing in (
        ("mentors", "Search name, email or bio", "No applications match your search."),
        ("ventures", "Search name or description", "No ventures match your search."),
    ):
        coordinator.goto(f"/p/demo/screening/{path}")
        _stage(coordinator, "Declined").click()
        _search(coordinator, label, "no such words anywhere")
        expect(_stage(coordinator, "Declined")).to_have_attribute("aria-current", "page")
        expect(coordinator.get_by_text(nothing)).to_be_visible()
        expect(coordinator.get_by_text("Share the public application form")).to_have_count(0)
        # Another stage keeps the search.
        _stage(coordinator, "Submitted").click()
        expect(coordinator.get_by_label(label)).to_have_value("no such words anywhere")
        _stage(coordinator, "Declined").click()
        coordinator.get_by_role("link", name="Clear the search").click()
        expect(_stage(coordinator, "Declined")).to_have_attribute("aria-current", "page")
        expect(coordinator.get_by_label(label)).to_have_value("")
        expect(coordinator.get_by_text(nothing)).to_have_count(0)
    assert contexts.console_errors == []
