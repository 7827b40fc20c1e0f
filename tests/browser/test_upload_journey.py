"""A founder whose venture has no files yet uploads a logo and a deck on the profile, sees
the meter rise, and opens the welcome page from the home's card. axe finds nothing serious."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)
from tests.onboarding.files.conftest import pdf_bytes, png_bytes

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

#: The ninth demo venture's founder: the demo gives files to the first seven ventures only.
FOUNDER = "founder9@demo.vms.example"


def _meter(page) -> str:
    return page.locator("#complete-h + p strong").inner_text()


def _upload(page, purpose: str, name: str, mime: str, data: bytes) -> None:
    page.get_by_label(f"Upload {purpose}").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data})  # fmt: skip
    page.get_by_role("button", name=f"Upload — {purpose}").click()


def test_a_founder_uploads_a_logo_and_a_deck_then_opens_the_welcome_page(
    contexts,
    sign_in,
    axe,  # noqa: F811 (the axe fixture)
):
    page = contexts.new_page()
    sign_in(page, FOUNDER)
    page.goto("/p/demo/")
    expect(page.get_by_role("heading", name="Welcome to the program")).to_be_visible()
    page.locator("#venture-h ~ h3 a").first.click()
    before = _meter(page)
    assert before == "85%"  # a full profile without a logo (10) and a deck (5)
    assert_accessible(axe, page)

    # A page named logo.png is refused by what it is, and the meter stays.
    _upload(page, "Logo or photo", "logo.png", "image/png", b"<html>hi</html>")
    expect(page.get_by_role("alert")).to_contain_text("not an image or a PDF we can read")
    assert _meter(page) == "85%"

    _upload(page, "Logo or photo", "logo.png", "image/png", png_bytes())
    expect(page.get_by_text("Logo or photo saved.")).to_be_visible()
    assert _meter(page) == "95%"
    expect(page.get_by_role("img", name="The venture’s logo or photo")).to_be_visible()
    _upload(page, "Pitch deck", "deck.pdf", "application/pdf", pdf_bytes())
    expect(page.get_by_text("Pitch deck saved.")).to_be_visible()
    assert _meter(page) == "100%"
    expect(page.get_by_role("link", name="deck.pdf")).to_be_visible()

    page.goto("/p/demo/")
    page.get_by_role("link", name="Welcome: how a first meeting with your team goes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Welcome: how a first meeting with your team goes")  # fmt: skip
    expect(page.get_by_role("link", name="Watch the welcome video")).to_be_visible()
    assert_accessible(axe, page)
    page.goto("/p/demo/")  # opened: the card is gone
    expect(page.get_by_role("heading", name="Welcome to the program")).to_have_count(0)
    assert not contexts.console_errors, contexts.console_errors
