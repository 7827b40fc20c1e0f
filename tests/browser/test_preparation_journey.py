"""Mentor preparation in a real browser: the coordinator defines a step and requires the
preparation (the confirmation names who is on a team unprepared), a mentor confirms the
step on "My preparation", and the team page stops giving it as the reason they cannot join.

The demo requires its four steps already (vms/onboarding/preparation/demo.py); Ben Okafor
has done them all, so the new step is the only one he has left.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vms.example"
MENTOR, MENTOR_NAME = "mentor2@demo.vms.example", "Ben Okafor"
STEP = "Read the mentor handbook"
REASON = f"{MENTOR_NAME} has 1 orientation step left: {STEP} (2027 edition)."


def _team_without(live_server, name: str) -> str:
    """The page of a demo team the mentor is not on (searched for them by name)."""
    from vms.auth.models import User
    from vms.cohorts.models import Program
    from vms.cohorts.teams.models import Team, TeamMember
    from vms.extensions import db

    with live_server.app.app_context():
        program = db.session.scalar(select(Program).where(Program.slug == "demo"))
        mentor = db.session.scalar(select(User).where(User.name == name))
        on = select(TeamMember.team_id).where(TeamMember.mentor_id == mentor.id)
        team_id = db.session.scalar(
            select(Team.id).where(Team.program_id == program.id, Team.id.not_in(on))
            .order_by(Team.id).limit(1)
        )  # fmt: skip
        db.session.remove()
    return f"/p/demo/teams/{team_id}?q={name.replace(' ', '+')}"


def test_a_step_defined_required_and_confirmed(contexts, sign_in, live_server):
    coordinator = sign_in(contexts.new_page(), COORDINATOR)
    coordinator.goto("/p/demo/preparation/steps")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Mentor preparation")
    # A step without a title is refused next to the field; what was typed stays.
    form = coordinator.get_by_role("form", name="Add a step")
    form.get_by_label("What the mentor does").fill("The 2027 edition, chapters 1 to 3.")
    form.get_by_label("How it is done").select_option(label="Confirmed by the mentor")
    form.get_by_role("button", name="Add the step").click()
    expect(coordinator.locator(".error").first).to_contain_text("Give the step a title.")
    form = coordinator.get_by_role("form", name="Add a step")
    expect(form.get_by_label("What the mentor does")).to_have_value(
        "The 2027 edition, chapters 1 to 3."
    )
    form.get_by_label("Title").fill(f"{STEP} (2027 edition)")
    form.get_by_role("button", name="Add the step").click()
    expect(coordinator.get_by_role("status")).to_contain_text("The step is added.")
    # Off and on again: turning it on names who is on a team and not prepared.
    coordinator.get_by_role("button", name="Stop requiring preparation").click()
    expect(coordinator.get_by_role("status")).to_contain_text("no longer need")
    coordinator.locator("summary", has_text="Require preparation before").click()
    panel = coordinator.locator("details.confirm[open]")
    expect(panel).to_contain_text("Mentors already on teams stay on them")
    panel.get_by_role("button", name="Require preparation").click()
    expect(coordinator.get_by_role("status")).to_contain_text("are not prepared and stay on them")
    # The team page gives the step as the reason Ben cannot join.
    team_page = _team_without(live_server, MENTOR_NAME)
    coordinator.goto(team_page)
    expect(coordinator.locator(".tag", has_text=REASON)).to_be_visible()

    mentor = sign_in(contexts.new_page(), MENTOR)
    expect(mentor.get_by_role("heading", name="Your preparation")).to_be_visible()
    mentor.get_by_role("link", name="My preparation").click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text("My preparation")
    expect(mentor.get_by_text("1 step left of 5.")).to_be_visible()
    mentor.get_by_role("button", name="I have done this").click()
    expect(mentor.get_by_role("status")).to_contain_text(f"Thank you: {STEP} (2027 edition)")
    expect(mentor.get_by_text("You have done every step: thank you.")).to_be_visible()

    coordinator.goto(team_page)
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Team for")
    expect(coordinator.locator(".tag", has_text=MENTOR_NAME)).not_to_contain_text(
        "orientation step"
    )
    # The refused form's answer is a 400 (Chromium logs it); nothing else may go wrong.
    refused = [e for e in contexts.console_errors if "status of 400" in e]
    assert contexts.console_errors == refused and len(refused) == 1, contexts.console_errors


@pytest.mark.parametrize(
    ("email", "path", "heading"),
    [
        (COORDINATOR, "/p/demo/preparation/steps", "Mentor preparation"),
        (COORDINATOR, "/p/demo/preparation/mentors?show=not_prepared", "Who is prepared"),
        # Vera Novak (mentor22) has two steps left: the confirm buttons and the next events.
        ("mentor22@demo.vms.example", "/p/demo/preparation", "My preparation"),
    ],
    ids=["steps", "who-is-prepared", "my-preparation"],
)
def test_the_preparation_pages_pass_axe(axe, page, sign_in, email, path, heading):  # noqa: F811
    sign_in(page, email)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(axe, page)
