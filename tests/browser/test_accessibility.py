"""axe-core on the pages people meet first: no serious or critical accessibility violations.

axe-playwright-python ships axe-core's JavaScript, so nothing is fetched. On
failure the report names each rule, its impact, its help text and the elements.
"""

from __future__ import annotations

import pytest

from tests.support import skip_or_fail

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe(browser):
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError as error:
        skip_or_fail(f"axe-playwright-python cannot be imported: {error}")
    return Axe()


def axe_report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend("        " + line for line in summary.splitlines())
    return "\n".join(lines)


def assert_accessible(axe, page) -> None:
    results = axe.run(page).response
    assert results["passes"], "axe checked nothing: did it run?"
    violations = results["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    others = [v for v in violations if v["impact"] not in BLOCKING]
    if others:  # shown with -rA or on failure; not a failure by themselves
        print(f"Minor/moderate axe findings on {page.url}:\n{axe_report(others)}")
    assert not blocking, (
        f"axe found serious/critical violations on {page.url}:\n{axe_report(blocking)}"
    )


def test_axe_finds_a_planted_problem(axe, page):
    """Guards the guard: axe runs on our pages (CSP included) and reports what it finds."""
    page.goto("/signin")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=planted>')"
    )
    violations = axe.run(page).response["violations"]
    assert any(
        v["id"] == "label" and any("#planted" in node["target"] for node in v["nodes"])
        for v in violations
    ), axe_report(violations)


def test_sign_in_page(axe, page):
    page.goto("/signin")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert_accessible(axe, page)


def test_sign_up_page(axe, page):
    page.goto("/signup")
    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    assert_accessible(axe, page)


def test_sign_in_page_with_errors(axe, page):
    page.goto("/signin")
    page.get_by_label("Email").fill("not-an-address")
    page.get_by_role("button", name="Sign in", exact=True).click()
    email = page.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("This does not look like an email address.")
    expect(page.get_by_label("Password")).to_have_accessible_description(
        "Please enter your password."
    )
    assert_accessible(axe, page)


@pytest.mark.parametrize(
    ("email", "heading"),
    [
        ("coordinator@demo.vms.example", "Cohorts you run"),
        ("mentor1@demo.vms.example", "Mentoring"),  # in two programs: has the program switch
        ("founder2@demo.vms.example", "Your venture"),
    ],
    ids=["coordinator", "mentor", "entrepreneur"],
)
def test_home_page(axe, page, sign_in, email, heading):
    sign_in(page, email)
    page.goto("/p/demo/")
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    assert_accessible(axe, page)


def test_cohort_page_of_a_coordinator(axe, page, sign_in):
    """The coordinator's working page: invitation form, members, invitation statuses."""
    sign_in(page, "coordinator@demo.vms.example")
    page.get_by_role("link", name="Ventures — Spring 2027").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ventures — Spring 2027")
    # An invitation, and a submit with an error, so statuses and error messages are checked too.
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("row").filter(has_text="someone@example.org")).to_contain_text(
        "Waiting"
    )
    page.get_by_label("Email").fill("not-an-address")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    assert_accessible(axe, page)


@pytest.mark.parametrize(
    ("email", "path", "heading"),
    [
        ("coordinator@demo.vms.example", "/p/demo/teams", "Mentor teams"),
        ("coordinator@demo.vms.example", "/p/demo/teams/load", "Mentor load"),
        ("coordinator@demo.vms.example", "/p/demo/meetings", "Meetings"),
        ("coordinator@demo.vms.example", "/p/demo/mentor-meetings", "Monthly mentor meeting"),
        ("mentor2@demo.vms.example", "/p/demo/my-teams", "My teams"),
        ("founder1@demo.vms.example", "/p/demo/my-teams", "My team"),
    ],
    ids=["teams", "mentor-load", "meetings", "mentor-meetings", "mentor-teams", "founder-team"],
)
def test_team_and_meeting_pages(axe, page, sign_in, email, path, heading):
    sign_in(page, email)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(axe, page)


def test_a_team_page_and_a_meeting_page(axe, page, sign_in):
    """The editor (forms, per-member actions) and a meeting (answer, agenda, invitees)."""
    sign_in(page, "coordinator@demo.vms.example")
    page.goto("/p/demo/teams")
    page.get_by_role("region", name="Drafts").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Team for")
    assert_accessible(axe, page)
    page.goto("/p/demo/meetings")
    page.get_by_role("link", name="Team meeting:").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Team meeting:")
    assert_accessible(axe, page)
