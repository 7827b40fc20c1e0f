"""Screening in a real browser, end to end.

A mentor applies, a coordinator schedules an interview, two interviewers score,
the coordinator accepts, the mentor signs the principles; a venture applies with
its self-assessment and sees its completeness meter.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.browser.navigation import go_to
from tests.support import link_in
from vms.cohorts.models import Program
from vms.extensions import db
from vms.paging import PAGE_SIZE
from vms.screening.mentors.models import MentorApplication
from vms.tokens import new_token

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

PROGRAM = "Venture Mentoring Demo"
COORDINATOR = "coordinator@demo.vms.example"
COORDINATOR_NAME = "Casey Coordinator"
MENTOR = "mentor1@demo.vms.example"
MENTOR_NAME = "Alice Moreno"
APPLICANT = "Renata Oliveira"
APPLICANT_EMAIL = "renata.oliveira@example.org"
PASSPHRASE = "a long enough passphrase"
#: The demo program's rubric, in order (vms/screening/rubric.py DEFAULT_CRITERIA).
CRITERIA = ["Relevant experience", "Coachability", "Commitment", "Ethics", "Communication"]
#: The demo program's areas of expertise (vms/screening/taxonomy.py DEFAULT_TERMS).
AREAS = [
    "Marketing", "Sales", "Finance", "Fundraising", "Legal",
    "Product", "Technology", "Operations", "Team and hiring", "Strategy",
]  # fmt: skip


def _content_types(message) -> list[str]:
    return [part.get_content_type() for part in message.walk()]


def _calendar_method(message) -> str | None:
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_param("method")
    return None


def _score(page, scores: dict[str, int]) -> None:
    """Fill a scorecard: one radio per criterion group, chosen by its label."""
    labels = {1: "1 – poor", 2: "2", 3: "3 – good", 4: "4", 5: "5 – outstanding"}
    for criterion, value in scores.items():
        group = page.get_by_role("group", name=criterion, exact=True)
        group.get_by_label(labels[value], exact=True).check()
    page.get_by_role("button", name="Send my scores").click()
    expect(page.get_by_role("status")).to_have_text(
        "Your scores are in. You can now see the other interviewers' scores."
    )


def _apply_as_mentor(page) -> None:
    page.goto("/p/demo/apply/mentor")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Apply to mentor with {PROGRAM}")
    page.get_by_label("Full name").fill(APPLICANT)
    page.get_by_label("Email", exact=True).fill(APPLICANT_EMAIL)
    page.get_by_label("Short bio").fill(
        "Twenty years building software products, the last eight as a CTO of two startups."
    )
    page.get_by_label("Industry").select_option(label="Software")
    page.get_by_label("Function", exact=True).select_option(label="Engineering")
    page.get_by_label("Years of professional experience").fill("20")
    expertise = page.get_by_role("group", name="Areas of expertise")
    expertise.get_by_label("Technology", exact=True).check()
    expertise.get_by_label("Product", exact=True).check()
    page.get_by_label("Days a month you can give").fill("2")
    page.get_by_label("Ventures at once").fill("1")
    days = page.get_by_role("group", name="Days you can usually meet")
    days.get_by_label("Tuesday").check()
    days.get_by_label("Thursday").check()
    page.get_by_label("Why do you want to mentor?").fill(
        "I was helped by mentors when I started; I want to give that back."
    )
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your application is in")


def _the_interview_begins(app, email: str) -> None:
    """The interview's hour comes: its start moves to a few minutes ago."""
    with app.app_context():
        application = db.session.scalar(select(MentorApplication).filter_by(email=email))
        application.interviews[-1].starts_at = datetime.now(UTC) - timedelta(minutes=5)
        db.session.commit()
        db.session.remove()


def test_a_mentor_is_screened_accepted_and_signs_the_principles(
    contexts, sign_in, smtp, live_server
):
    # 1. An anonymous visitor applies to mentor.
    _apply_as_mentor(contexts.new_page())
    assert smtp.last_to(APPLICANT_EMAIL) is not None  # the "we received it" email

    # 2. The coordinator finds the application and schedules an interview.
    coordinator = contexts.new_page()
    sign_in(coordinator, COORDINATOR)
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    go_to(coordinator, "Mentor applications")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Mentor applications")
    # The pipeline is paged: the search box finds one applicant among all of them.
    coordinator.get_by_label("Search name, email or bio").fill("oliveira")
    coordinator.get_by_role("button", name="Filter").click()
    expect(coordinator.get_by_role("row")).to_have_count(2)  # the header and the applicant
    row = coordinator.get_by_role("row").filter(has_text=APPLICANT_EMAIL)
    expect(row).to_contain_text("Submitted")
    row.get_by_role("link", name=APPLICANT).click()
    heading = coordinator.get_by_role("heading", level=1)
    expect(heading).to_contain_text(APPLICANT)
    expect(heading).to_contain_text("Submitted")
    application_url = coordinator.url

    coordinator.get_by_role("link", name="Schedule an interview").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(f"Interview with {APPLICANT}")
    interview_day = date(date.today().year + 1, 3, 16)
    coordinator.get_by_label("Date", exact=True).fill(interview_day.isoformat())
    coordinator.get_by_label("Start time").fill("10:30")
    coordinator.get_by_label("Duration (minutes)").fill("60")
    coordinator.get_by_label("Room or address").fill("Room 204, Innovation Hub")
    interviewers = coordinator.get_by_role("group", name="Interviewers")
    interviewers.get_by_label(COORDINATOR_NAME, exact=True).check()
    interviewers.get_by_label(MENTOR_NAME, exact=True).check()
    coordinator.get_by_role("button", name="Save and send invitations").click()
    expect(coordinator.get_by_role("status")).to_have_text(
        "Interview saved; everyone received a calendar invitation."
    )
    expect(coordinator).to_have_url(application_url)
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Interview scheduled")
    expect(coordinator.get_by_text("Room 204, Innovation Hub")).to_be_visible()

    # Everyone got a calendar invitation: the applicant and both interviewers.
    for address in (APPLICANT_EMAIL, COORDINATOR, MENTOR):
        invitation = smtp.last_to(address)
        assert "text/calendar" in _content_types(invitation), _content_types(invitation)
        assert _calendar_method(invitation) == "REQUEST"
        assert invitation["Subject"] == f"Mentor interview: {APPLICANT}"

    # 3. Before the interview, the scorecard says when scoring opens and takes no scores.
    coordinator.get_by_role("link", name="Your scorecard").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(f"Interview with {APPLICANT}")
    expect(coordinator.get_by_role("status")).to_contain_text("Scoring opens when the interview")
    expect(coordinator.get_by_role("button", name="Send my scores")).to_have_count(0)
    # The interview takes place; the coordinator scores first, the others' stay hidden.
    _the_interview_begins(live_server.app, APPLICANT_EMAIL)
    coordinator.reload()
    _score(coordinator, dict(zip(CRITERIA, [4, 4, 5, 5, 4], strict=True)))
    scores = coordinator.get_by_role("table", name="Interview scores")
    expect(scores.get_by_role("columnheader", name=COORDINATOR_NAME)).to_be_visible()
    expect(coordinator.get_by_text(f"Still to score: {MENTOR_NAME}")).to_be_visible()

    # The second interviewer scores from "Interviews to score" on their home page.
    mentor = contexts.new_page()
    sign_in(mentor, MENTOR)
    # mentor1 is in two programs and lands where most waits for them; go to the demo program
    # (the program switcher is the navigation's last disclosure).
    nav = mentor.get_by_role("navigation", name="Program")
    nav.locator("details.program-switch > summary").click()
    nav.get_by_role("link", name=PROGRAM).click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    to_score = mentor.get_by_role("region", name="Interviews to score")
    to_score.get_by_role("link", name=APPLICANT).click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text(f"Interview with {APPLICANT}")
    _score(mentor, dict(zip(CRITERIA, [5, 3, 4, 5, 4], strict=True)))
    scores = mentor.get_by_role("table", name="Interview scores")
    headers = scores.get_by_role("columnheader")
    expect(headers).to_have_count(5)  # Criterion, one column per interviewer, Mean, Spread
    names = headers.all_inner_texts()
    assert sorted(names[1:3]) == sorted([COORDINATOR_NAME, MENTOR_NAME]), names
    mine = {COORDINATOR_NAME: "4", MENTOR_NAME: "5"}  # "Relevant experience" scores
    relevant = scores.get_by_role("row").filter(has_text="Relevant experience")
    expect(relevant.get_by_role("cell")).to_have_text([mine[names[1]], mine[names[2]], "4.5", "1"])
    expect(mentor.get_by_text("Still to score:")).to_have_count(0)
    # Scored: the interview leaves the mentor's to-do list.
    mentor.get_by_role("navigation", name="Program").get_by_role("link", name="Home").click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    expect(mentor.get_by_role("region", name="Interviews to score")).to_have_count(0)

    # 4. The coordinator decides: Interviewed, then Accepted.
    coordinator.goto(application_url)
    expect(coordinator.get_by_role("table", name="Interview scores")).to_contain_text(MENTOR_NAME)
    coordinator.get_by_label("Move to").select_option(label="Interviewed")
    coordinator.get_by_role("button", name="Move", exact=True).click()
    expect(coordinator.get_by_role("status")).to_have_text(f"{APPLICANT}: Interviewed.")
    coordinator.get_by_label("Move to").select_option(label="Accepted")
    coordinator.get_by_role("button", name="Move", exact=True).click()
    expect(coordinator.get_by_role("status")).to_have_text(f"{APPLICANT}: Accepted.")
    expect(
        coordinator.get_by_text("This application is decided; it cannot move any more.")
    ).to_be_visible()

    # The accepted applicant has no account yet: the welcome email carries an invitation.
    welcome = smtp.last_to(APPLICANT_EMAIL)
    assert welcome["Subject"] == "Welcome to the mentor team"
    path = link_in(welcome, "/invitations/")

    newcomer = contexts.new_page()
    newcomer.goto(path)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(f"You are invited to {PROGRAM}")
    expect(newcomer.get_by_label("Email")).to_have_value(APPLICANT_EMAIL)
    newcomer.get_by_label("Full name").fill(APPLICANT)
    newcomer.get_by_label("Choose a password").fill(PASSPHRASE)
    newcomer.get_by_role("button", name="Accept invitation").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    expect(newcomer.get_by_role("status")).to_have_text(f"Welcome to {PROGRAM}.")
    # The application became the mentor's profile.
    expect(newcomer.get_by_role("region", name="Mentoring")).to_contain_text(
        "Background: Software, Engineering"
    )
    banner = newcomer.get_by_text(
        "Before you join a venture team, please sign the guiding principles."
    )
    expect(banner).to_be_visible()

    newcomer.get_by_role("link", name="Read and sign").click()
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Guiding principles")
    newcomer.get_by_label("Type your full name to sign").fill(APPLICANT)
    newcomer.get_by_label("I have read these principles and agree to follow them.").check()
    newcomer.get_by_role("button", name="Sign", exact=True).click()
    expect(newcomer.get_by_role("status")).to_have_text(
        "Thank you for signing the guiding principles."
    )
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    expect(banner).to_have_count(0)

    assert contexts.console_errors == []


def _paged_applicant(program: Program, i: int, sent: datetime) -> MentorApplication:
    return MentorApplication(
        program_id=program.id, name=f"Paged Applicant {i:02d}", email=f"paged-{i}@example.org",
        years_experience=10, bio="Came through the long pipeline.", days_per_month=2,
        max_ventures=1, weekdays=[2], motivation="To help.", access_token_hash=new_token()[1],
        submitted_at=sent + timedelta(days=i),
    )  # fmt: skip


def _grow_the_pipeline(app, n: int) -> list[str]:
    """``n`` more applicants in the demo program, a day apart; their names, newest first."""
    with app.app_context():
        program = db.session.scalar(select(Program).where(Program.slug == "demo"))
        made = [_paged_applicant(program, i, datetime(2020, 1, 1, tzinfo=UTC)) for i in range(n)]
        db.session.add_all(made)
        db.session.commit()
        names = [application.name for application in reversed(made)]
        db.session.remove()
    return names


def test_a_coordinator_pages_through_the_pipeline_and_acts_on_one_page(
    contexts, sign_in, live_server
):
    newest_first = _grow_the_pipeline(live_server.app, PAGE_SIZE + 5)
    coordinator = contexts.new_page()
    sign_in(coordinator, COORDINATOR)
    go_to(coordinator, "Mentor applications")
    coordinator.get_by_label("Search name, email or bio").fill("long pipeline")
    coordinator.get_by_role("button", name="Filter").click()
    pages = coordinator.get_by_role("navigation", name="Pages")
    expect(pages).to_contain_text(f"Page 1 of 2 (1–{PAGE_SIZE} of {PAGE_SIZE + 5})")
    expect(pages.get_by_role("link", name="Previous")).to_have_count(0)
    pages.get_by_role("link", name="Next").click()

    # Page 2 keeps the search, and shows the five oldest.
    expect(pages).to_contain_text("Page 2 of 2")
    expect(coordinator.get_by_label("Search name, email or bio")).to_have_value("long pipeline")
    table = coordinator.get_by_role("table")
    expect(table.get_by_role("link", name=re.compile("Paged Applicant"))).to_have_text(
        newest_first[PAGE_SIZE:]
    )
    expect(
        coordinator.get_by_text("The action applies to the rows you tick on this page only")
    ).to_be_visible()
    chosen = newest_first[PAGE_SIZE:][:2]
    for name in chosen:
        coordinator.get_by_label(f"Select {name}").check()
    coordinator.get_by_label("With the selected").select_option(label="Waitlist")
    coordinator.get_by_role("button", name="Apply to selected").click()

    # Back on the same page of the same search, with the two moved.
    expect(coordinator.get_by_role("status")).to_have_text("2 applications moved.")
    expect(pages).to_contain_text("Page 2 of 2")
    expect(coordinator.get_by_label("Search name, email or bio")).to_have_value("long pipeline")
    for name in newest_first[PAGE_SIZE:]:
        expected = "Waitlisted" if name in chosen else "Submitted"
        expect(table.get_by_role("row").filter(has_text=name)).to_contain_text(expected)
    pages.get_by_role("link", name="Previous").click()
    expect(pages).to_contain_text("Page 1 of 2")
    expect(table.get_by_role("row").filter(has_text="Waitlisted")).to_have_count(0)
    assert contexts.console_errors == []


VENTURE = "SolarSeed Labs"
FOUNDER = "Iris Mbeki"
FOUNDER_EMAIL = "iris@solarseed.example.org"


def test_a_venture_applies_and_sees_its_completeness(contexts, smtp):
    page = contexts.new_page()
    page.goto("/p/demo/apply/venture")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Apply for mentoring with {PROGRAM}")
    page.get_by_label("Venture name").fill(VENTURE)
    page.get_by_label("One-line description").fill("Solar kits that farmers pay for by the season.")
    page.get_by_label("Stage").select_option(label="Pre-revenue")
    page.get_by_label("Sector").select_option(label="Energy")
    page.get_by_label("What do you want from mentoring in the next six months?").fill(
        "In the next six months we want to close a seed round, sign our first two distributors "
        "and hire an operations lead who can run installations across three regions."
    )
    founder = page.get_by_role("group", name="Founder 1", exact=True)
    founder.get_by_label("Founder’s name").fill(FOUNDER)
    founder.get_by_label("Founder’s email").fill(FOUNDER_EMAIL)
    founder.get_by_label("Affiliation").select_option(label="Alumni")

    # The self-assessment: a strength for every area, help wanted in two.
    expect(page.locator(".assessment-row")).to_have_count(len(AREAS))
    for n, area in enumerate(AREAS):
        page.get_by_label(area, exact=True).select_option(str(2 + n % 4))
    page.get_by_label("We want help with Fundraising").check()
    page.get_by_label("We want help with Operations").check()
    page.get_by_role("button", name="Send application").click()

    # The founders' private profile.
    expect(page).to_have_url(re.compile(r"/ventures/[^/]+$"))
    expect(page.get_by_role("status")).to_have_text(
        "Thank you: your application is in. Here is your venture’s profile."
    )
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(VENTURE)
    expect(heading).to_contain_text("Submitted")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Pre-revenue")
    expect(facts).to_contain_text("Energy")
    expect(facts).to_contain_text(f"{FOUNDER} (Alumni)")
    # Everything but a logo, the deck and the website: 100 - 10 - 5 - 5 (files come after
    # applying: tests/browser/test_upload_journey.py).
    meter = page.locator("meter")
    expect(meter).to_have_attribute("value", "80")
    expect(meter).to_have_accessible_name("Profile completeness")
    completeness = page.get_by_role("region", name="Profile completeness")
    expect(completeness).to_contain_text("80%")
    expect(completeness.get_by_role("listitem")).to_have_text([
        "Upload a logo or a photo of the team.", "Upload your pitch deck (a PDF).",
        "Add the venture’s website."])  # fmt: skip
    chart = page.get_by_role("img", name="Self-assessment: strength by area, 1 to 5")
    expect(chart).to_be_visible()
    assert chart.evaluate("el => el.tagName.toLowerCase()") == "svg"
    expect(chart.locator("rect.chart-bar")).to_have_count(len(AREAS))
    expect(chart.locator("rect.chart-bar.help")).to_have_count(2)

    # The founder got the private link by email.
    profile_path = link_in(smtp.last_to(FOUNDER_EMAIL), "/ventures/")
    assert page.url.endswith(profile_path)

    assert contexts.console_errors == []


def test_help_wanted_in_an_unrated_area_is_not_lost(contexts):
    """A founder ticks "We want help with Legal" but leaves Legal "Not rated".

    The tick must either be kept or refused with a message; it must not vanish.
    """
    page = contexts.new_page()
    page.goto("/p/demo/apply/venture")
    page.get_by_label("Venture name").fill("Quiet Tick")
    page.get_by_label("One-line description").fill("A venture that only knows it needs legal help.")
    page.get_by_label("What do you want from mentoring in the next six months?").fill(
        "We want to understand which licences we need before we sell anything at all."
    )
    founder = page.get_by_role("group", name="Founder 1", exact=True)
    founder.get_by_label("Founder’s name").fill("Pat Quill")
    founder.get_by_label("Founder’s email").fill("pat@quiet-tick.example.org")
    page.get_by_label("We want help with Legal").check()
    page.get_by_role("button", name="Send application").click()

    error = page.locator(".assessment-row").filter(has_text="Legal").locator(".error")
    saved = page.get_by_role("table", name="Self-assessment").get_by_role("row", name="Legal")
    expect(error.or_(saved)).to_have_count(1)  # refused next to Legal, or saved
    if "/ventures/" in page.url:
        # APP BUG (vms/screening/venture_views.py, _profile_input): the assessment only keeps
        # areas that have a strength (`if form[f"strength_{area.id}"].data`), so a "help wanted"
        # tick on an unrated area is dropped without a word. The profile then shows Legal as
        # "No" and even asks the founder to "Tick the areas where you want help." This assertion
        # fails until the tick is kept or the form refuses it with a message.
        expect(saved.get_by_role("cell")).to_have_text(["Not rated", "Yes"])
