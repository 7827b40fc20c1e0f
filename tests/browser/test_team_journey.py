"""Mentor teams in a real browser, end to end.

The coordinator proposes a draft team again, edits it under the hard rules (remove, then
swap and add mentors found with the page's search, a sixth mentor refused), publishes it;
a mentor the coordinator added follows the introduction email to "My teams". A draft team
page works on a phone, publish included.

In the demo every signed mentor's capacity is used by the six drafted or published teams,
so a mentor is free to join only once the coordinator takes one off a team.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from sqlalchemy import select

from tests.browser.navigation import go_to
from tests.support import link_in

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

PROGRAM = "Venture Mentoring Demo"
COORDINATOR = "coordinator@demo.vms.example"
#: vms/cohorts/team_rules.py MAX_SIZE
MAX_SIZE = 5
PHONE_WIDTH = 390
FULL_HINT = f"The team is full ({MAX_SIZE} mentors): swap a member to bring someone in."


def _open_teams(page) -> None:
    go_to(page, "Teams")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentor teams")


def _show_list(page, name: str) -> None:
    """Open one of the overview's lists of teams (drafts, published, need a repair)."""
    lists = page.get_by_role("navigation", name="Lists of teams")
    lists.get_by_role("link", name=re.compile(f"^{name}")).click()
    expect(lists.get_by_role("link", name=re.compile(f"^{name}"))).to_have_attribute(
        "aria-current", "page"
    )


def _confirm(page, opener, says: str) -> None:
    """Open an action's confirmation, read what it says will happen, and confirm."""
    expect(page.locator("details.confirm[open]")).to_have_count(0)  # nothing acts unasked
    opener.click()
    confirmation = page.locator("details.confirm[open]")
    expect(confirmation).to_contain_text(says)
    confirmation.get_by_role("button").click()


def _open_team(page, venture: str, section: str = "Drafts") -> None:
    page.get_by_role("region", name=section).get_by_role("link", name=venture, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Team for {venture}")


def _back_to_teams(page) -> None:
    page.get_by_role("paragraph").get_by_role("link", name="Teams", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentor teams")


def _members(page):
    return page.get_by_role("region", name="Members").get_by_role("listitem")


def _member(page, name: str):
    return _members(page).filter(has=page.locator("strong", has_text=name))


def _member_names(page) -> list[str]:
    return _members(page).locator("strong").all_inner_texts()


def _not_lead(page, besides: Iterable[str] = ()):
    """A member who does not lead the team (no "Lead" tag), and is none of ``besides``."""
    members = _members(page).filter(has_not=page.get_by_text("Lead", exact=True))
    for name in besides:
        members = members.filter(has_not=page.locator("strong", has_text=name))
    member = members.first
    return member, member.locator("strong").inner_text()


def _first_free(select_box) -> tuple[str, str]:
    """The first mentor a select offers who breaks no rule: (option value, mentor's name)."""
    option = select_box.locator("option:not([disabled]):not([value=''])").first
    expect(option).to_be_attached()
    label = option.text_content() or ""
    return option.get_attribute("value") or "", label.split(" — ")[0].strip()


def _remove(page, member, name: str) -> None:
    size = _members(page).count()
    member.get_by_role("button", name="Remove").click()
    expect(page.get_by_role("status")).to_have_text("The mentor left the team.")
    expect(_members(page)).to_have_count(size - 1)
    expect(_member(page, name)).to_have_count(0)


def _search(page, text: str) -> None:
    """Search the program's mentors from the team page (a GET form: the page comes back)."""
    search = page.get_by_role("search")
    search.get_by_label("Search mentors").fill(text)
    search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Best matches first")).to_be_visible()
    expect(page.get_by_label("Search mentors")).to_have_value(text)
    found = page.get_by_role("region", name="Find a mentor to add or swap in").get_by_role("list")
    expect(found.get_by_role("listitem").filter(has_text=text).first).to_contain_text(
        "Team score with them: "
    )


def _add_first_free(page) -> str:
    add = page.get_by_label("Add a mentor")
    value, name = _first_free(add)
    add.select_option(value)
    page.get_by_role("button", name="Add to the team").click()
    expect(page.get_by_role("status")).to_have_text(f"{name} joined the team.")
    expect(_member(page, name)).to_have_count(1)
    return name


def _team_people(app, venture: str) -> tuple[dict[str, str], list[str]]:
    """The published team's mentors (name -> email) and founders' emails, from the database."""
    from vms.cohorts.models import Program, Venture
    from vms.cohorts.teams.models import Team
    from vms.extensions import db

    with app.app_context():
        team = db.session.scalar(
            select(Team)
            .join(Venture, Team.venture_id == Venture.id)
            .join(Program, Team.program_id == Program.id)
            .where(Program.slug == "demo", Venture.name == venture)
        )
        mentors = {m.mentor.name: m.mentor.email for m in team.members}
        founders = [f.email for f in team.venture.founders]
        db.session.remove()
    return mentors, founders


def test_a_coordinator_edits_and_publishes_a_team_that_a_mentor_then_sees(
    contexts, sign_in, smtp, live_server
):
    # 1. The coordinator proposes a team again for one docketed venture that has a draft.
    coordinator = contexts.new_page()
    sign_in(coordinator, COORDINATOR)
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    _open_teams(coordinator)
    drafts = coordinator.get_by_role("region", name="Drafts")
    draft_names = drafts.get_by_role("link").all_inner_texts()
    assert len(draft_names) >= 2, f"the demo has three drafts, found {draft_names}"
    venture = draft_names[0]
    docket = coordinator.get_by_role("group", name="Ventures on the docket")
    docket.get_by_label(venture, exact=True).check()
    coordinator.get_by_role("button", name="Propose teams").click()
    expect(coordinator.get_by_role("status")).to_have_text(
        re.compile(r"Proposed 1 of 1 teams?\. Review and edit (it|them) before publishing\.")
    )
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Mentor teams")

    _open_team(coordinator, venture)
    heading = coordinator.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Draft")
    glance = coordinator.get_by_role("region", name="At a glance")
    expect(glance).to_contain_text("Needs covered")
    expect(glance).to_contain_text("Backgrounds")
    expect(_members(coordinator).first).to_be_visible()
    assert _members(coordinator).count() == MAX_SIZE, "the demo's drafts are full teams"

    # 2. Remove a member who does not lead.
    member, removed = _not_lead(coordinator)
    _remove(coordinator, member, removed)
    rules = coordinator.get_by_role("region", name="Rules not met")
    publish = coordinator.locator("summary", has_text="Publish and introduce the team")
    if rules.count():
        # Publishing is not offered while a rule is broken.
        expect(publish).to_have_count(0)
        expect(
            coordinator.get_by_text("Publishing is possible once every rule is met.")
        ).to_be_visible()
    else:
        expect(publish).to_be_visible()

    # 3. Swap another member for the mentor just removed, found by name with the search: the
    # results and the "put in" choices are what the search found.
    _, leaving = _not_lead(coordinator)
    _search(coordinator, removed)
    coordinator.get_by_label("Take off the team").select_option(label=leaving)
    put = coordinator.get_by_label("Put in their place")
    value, joining = _first_free(put)
    assert joining == removed, f"searched for {removed}, offered {joining}"
    put.select_option(value)
    coordinator.get_by_role("button", name="Swap").click()
    expect(coordinator.get_by_role("status")).to_have_text(f"{joining} took the place.")
    expect(_member(coordinator, joining)).to_have_count(1)
    expect(_member(coordinator, leaving)).to_have_count(0)
    expect(_members(coordinator)).to_have_count(MAX_SIZE - 1)

    # 4. Search for the mentor swapped out and add them back: the team is full again.
    _search(coordinator, leaving)
    newcomer = _add_first_free(coordinator)
    assert newcomer == leaving
    expect(_members(coordinator)).to_have_count(MAX_SIZE)
    team_url = coordinator.url

    # 5. A full team offers no "Add" (the server would refuse a sixth, with the reason): a swap
    # is the way in.
    expect(coordinator.get_by_text(FULL_HINT)).to_be_visible()
    expect(coordinator.get_by_label("Add a mentor")).to_have_count(0)
    expect(coordinator.get_by_role("button", name="Swap")).to_be_visible()

    # 6. Every rule met (fill the team if one is not), the coordinator publishes.
    coordinator.goto(team_url)
    for _ in range(MAX_SIZE):
        if not rules.count():
            break
        _add_first_free(coordinator)
    expect(rules).to_have_count(0)
    _confirm(coordinator, publish, "Its mentors and founders each get an introduction email")
    expect(coordinator.get_by_role("status")).to_have_text(
        "Published: the mentors and founders have their introduction."
    )
    expect(heading).to_contain_text(f"Team for {venture}")
    expect(heading.locator(".tag")).to_have_text("Published")
    expect(publish).to_have_count(0)
    expect(coordinator.get_by_text("Published on ")).to_be_visible()

    # The overview lists it as published, and the docket no longer offers it.
    _back_to_teams(coordinator)
    expect(drafts.get_by_role("link").first).to_be_visible()  # the other drafts
    expect(drafts.get_by_role("link", name=venture, exact=True)).to_have_count(0)
    expect(docket.get_by_label(venture, exact=True)).to_have_count(0)
    _show_list(coordinator, "Published")
    published = coordinator.get_by_role("region", name="Published")
    expect(published.get_by_role("link", name=venture, exact=True)).to_be_visible()

    # Every mentor and founder got the introduction.
    mentors, founders = _team_people(live_server.app, venture)
    assert {joining, newcomer} <= mentors.keys(), mentors
    for address in [*mentors.values(), *founders]:
        # The introduction (founders are also asked for their day-one goal).
        assert f"Your mentor team for {venture}" in {m["Subject"] for m in smtp.to(address)}

    # 7. The mentor the coordinator added follows the email to the team, in a fresh browser.
    email = mentors[newcomer]
    mentor = contexts.new_page()
    sign_in(mentor, email)
    mentor.goto(link_in(smtp.last_to(email), "/my-teams"))
    expect(mentor.get_by_role("heading", level=1)).to_have_text("My teams")
    team = mentor.get_by_role("region", name=venture)
    expect(team.get_by_role("listitem")).to_have_count(MAX_SIZE)
    expect(team.get_by_role("listitem").filter(has_text="Lead mentor")).to_have_count(1)
    me = team.get_by_role("listitem").filter(has_text=newcomer)
    expect(me).to_contain_text("Background:")
    expect(me.get_by_role("link", name=email)).to_be_visible()
    for name in mentors:
        expect(team).to_contain_text(name)

    # Chromium logs the refused form's 400 response; nothing else went wrong on any page.
    assert contexts.console_errors == []


def _fits_the_width(page) -> None:
    # Measured once the stylesheet has applied: the heading can be in the DOM before it, and a
    # busy machine then measured the unstyled page (438px once, in CI-like conditions).
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width}px wide"


def _within_the_width(control) -> None:
    control.scroll_into_view_if_needed()
    expect(control).to_be_in_viewport()
    box = control.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, box


def test_a_draft_team_works_on_a_phone(contexts, sign_in):
    page = contexts.new_page(
        viewport={"width": PHONE_WIDTH, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=3,
    )
    sign_in(page, COORDINATOR)
    _open_teams(page)
    _fits_the_width(page)
    ready = page.get_by_role("region", name="Drafts").get_by_role("row").filter(has_text="all met")
    venture = ready.first.get_by_role("link").inner_text()
    _open_team(page, venture)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draft")
    _fits_the_width(page)

    publish = page.locator("summary", has_text="Publish and introduce the team")
    swap_in = page.get_by_label("Put in their place")
    swap_button = page.get_by_role("button", name="Swap")
    for control in (publish, swap_in, swap_button):
        _within_the_width(control)
    for button in (publish, swap_button, page.get_by_role("button", name="Remove").first):
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44, "touch target too small"

    # Publishing works from the phone.
    publish.scroll_into_view_if_needed()
    publish.tap()
    confirmation = page.locator("details.confirm[open]")
    _within_the_width(confirmation.get_by_role("button", name="Publish and introduce the team"))
    confirmation.get_by_role("button", name="Publish and introduce the team").tap()
    expect(page.get_by_role("status")).to_have_text(
        "Published: the mentors and founders have their introduction."
    )
    expect(page.get_by_role("heading", level=1).locator(".tag")).to_have_text("Published")
    _fits_the_width(page)
    _within_the_width(swap_button)

    assert contexts.console_errors == []
