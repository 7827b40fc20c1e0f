"""The daily forms in a real browser: a founder's agenda of any length in any order, a
coordinator renaming and retiring a rubric criterion, and invitations to a pasted list.

Every demo user reads the app in English. The objects a journey starts from (a meeting a
week ahead, an interview that has begun, a cohort) are made directly in the database.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vms.example"


def _meeting_a_week_ahead(app) -> tuple[int, str]:
    """A new meeting of the demo's first published team, and a founder's address."""
    from vms.cohorts.models import Program
    from vms.cohorts.teams.models import Team, TeamStatus
    from vms.database import now_utc
    from vms.extensions import db
    from vms.scheduling.meetings import services as meetings

    with app.app_context():
        team = db.session.scalars(
            select(Team).join(Program, Team.program_id == Program.id)
            .where(Program.slug == "demo", Team.status == TeamStatus.PUBLISHED).order_by(Team.id)
        ).first()  # fmt: skip
        start = (now_utc() + timedelta(days=9)).replace(hour=23, minute=0, second=0, microsecond=0)
        details = meetings.MeetingDetails(starts_at=start, duration_minutes=60, location="Room 9")
        lead = next(m.mentor for m in team.members if m.is_lead)
        zone = db.session.get(Program, team.program_id).timezone
        meeting = meetings.schedule_team_meeting(team, details, lead, zone)
        founder = next(f.user.email for f in team.venture.founders if f.user)
        db.session.commit()
        found = meeting.id, founder
        db.session.remove()
    return found


def _row(page, n: int):
    return page.get_by_role("group", name=f"Item {n}", exact=True)


def test_a_founder_adds_removes_and_reorders_agenda_items(
    contexts,
    sign_in,
    live_server,
    axe,  # noqa: F811 (the fixture imported above)
):
    meeting_id, founder = _meeting_a_week_ahead(live_server.app)
    page = sign_in(contexts.new_page(), founder)
    page.goto(f"/p/demo/meetings/{meeting_id}/agenda")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    for n, title in enumerate(["Pricing", "Hiring", "Runway"], start=1):
        _row(page, n).get_by_label("Item", exact=True).fill(title)
    _row(page, 1).get_by_label("Minutes").fill("20")
    page.get_by_role("button", name="Add an item").click()
    expect(_row(page, 4)).to_be_visible()
    expect(_row(page, 1).get_by_label("Minutes")).to_have_value("20")  # kept
    _row(page, 4).get_by_label("Item", exact=True).fill("Board seat")
    page.get_by_role("button", name="Remove item 2").click()
    expect(_row(page, 4)).to_have_count(0)
    expect(_row(page, 2).get_by_label("Item", exact=True)).to_have_value("Runway")
    page.get_by_role("button", name="Move up item 3").click()
    expect(_row(page, 2).get_by_label("Item", exact=True)).to_have_value("Board seat")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save the agenda", exact=True).last.click()
    expect(page.get_by_role("status")).to_have_text(
        "The agenda is saved; the team sees it on the meeting page."
    )
    items = page.get_by_role("region", name="Agenda").get_by_role("listitem")
    expect(items).to_have_text(["Pricing (20 min)", "Board seat", "Runway"])


def _interview_begun(app) -> tuple[int, list[str]]:
    """An applicant of the demo, interviewed by the coordinator five minutes ago."""
    from vms.auth.models import User
    from vms.cohorts.models import Program
    from vms.database import now_utc
    from vms.extensions import db
    from vms.screening.mentors import interviews, rubric
    from vms.screening.mentors import services as screening
    from vms.screening.settings import taxonomy
    from vms.screening.settings.models import TaxonomyKind

    with app.app_context():
        program = db.session.scalar(select(Program).where(Program.slug == "demo"))
        coordinator = db.session.scalar(select(User).where(User.email == COORDINATOR))
        first = {kind: taxonomy.terms(program, kind)[0].id for kind in TaxonomyKind}
        application = screening.submit_mentor_application(program, screening.MentorApplicationInput(
            name="Journey Applicant", email="journey.applicant@example.org",
            industry_id=first[TaxonomyKind.INDUSTRY], function_id=first[TaxonomyKind.FUNCTION],
            expertise_ids=[first[TaxonomyKind.EXPERTISE]], years_experience=15, bio="Built.",
            link="", days_per_month=2, max_ventures=1, weekdays=[], heard_from="a mentor",
            motivation="To give back.", locale="en",
        ))  # fmt: skip
        then = now_utc() - timedelta(days=2)
        interview = interviews.schedule(application, interviews.InterviewDetails(
            starts_at=then + timedelta(days=1, hours=23), duration_minutes=45, location="Room 2",
            video_url="", interviewer_ids=[coordinator.id]), coordinator, now=then)  # fmt: skip
        db.session.commit()
        found = interview.id, [c.name for c in rubric.active_criteria(program.id)]
        db.session.remove()
    return found


def test_a_coordinator_renames_and_retires_a_criterion(
    contexts,
    sign_in,
    live_server,
    axe,  # noqa: F811 (the fixture imported above)
):
    interview_id, criteria = _interview_begun(live_server.app)
    page = sign_in(contexts.new_page(), COORDINATOR)
    page.goto("/p/demo/screening/settings")
    rubric = page.get_by_role("region", name="Interview rubric")
    row = rubric.get_by_role("listitem").filter(has=page.locator(f'input[value="{criteria[-1]}"]'))
    row.get_by_label("Name", exact=True).fill(criteria[0].upper())
    row.get_by_role("button", name="Rename").click()
    expect(page.get_by_text(f"“{criteria[0].upper()}” is already a criterion.")).to_be_visible()
    rubric = page.get_by_role("region", name="Interview rubric")
    row = rubric.get_by_role("listitem").nth(len(criteria) - 1)
    expect(row.get_by_label("Name", exact=True)).to_have_value(criteria[0].upper())  # kept
    row.get_by_label("Name", exact=True).fill("Listening")
    row.get_by_role("button", name="Rename").click()
    expect(page.get_by_role("status")).to_have_text("Renamed to “Listening”.")
    row = page.get_by_role("region", name="Interview rubric").get_by_role("listitem").last
    row.get_by_role("button", name="Retire").click()
    expect(page.get_by_role("status")).to_contain_text("“Listening” is retired")
    row = page.get_by_role("region", name="Interview rubric").get_by_role("listitem").last
    expect(row.locator(".tag")).to_have_text("retired")
    expect(row.get_by_role("button", name="Restore")).to_be_visible()
    assert_accessible(axe, page)
    page.goto(f"/p/demo/screening/interviews/{interview_id}/score")
    for name in criteria[:-1]:
        expect(page.get_by_role("group", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("group", name="Listening")).to_have_count(0)
    expect(page.get_by_role("group", name=criteria[-1], exact=True)).to_have_count(0)


def _cohort_id(app) -> int:
    from vms.cohorts.models import Cohort, Program
    from vms.extensions import db

    with app.app_context():
        found = db.session.scalar(
            select(Cohort.id).join(Program, Cohort.program_id == Program.id)
            .where(Program.slug == "demo").order_by(Cohort.id)
        )  # fmt: skip
        db.session.remove()
    return found


def _invited(app, emails: list[str]) -> int:
    from vms.cohorts.models import Invitation
    from vms.extensions import db

    with app.app_context():
        count = db.session.scalar(
            select(func.count()).select_from(Invitation).where(Invitation.email.in_(emails))
        )
        db.session.remove()
    return count


def test_a_coordinator_pastes_five_addresses_and_sends_the_three_good_ones(
    contexts,
    sign_in,
    live_server,
    smtp,
    axe,  # noqa: F811 (the fixture imported above)
):
    cohort_id = _cohort_id(live_server.app)
    page = sign_in(contexts.new_page(), COORDINATOR)
    page.goto(f"/p/demo/cohorts/{cohort_id}")
    page.get_by_role("link", name="Invite a list of addresses at once").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite a list of addresses")
    good = ["ana@example.org", "bo@example.org", "cy@example.org"]
    page.get_by_label("Email addresses").fill(
        "ana@example.org; Bo Diaz <bo@example.org>\nnot an address, ana@example.org\ncy@example.org"
    )
    page.get_by_label("Role").select_option(label="Mentor")
    page.get_by_label("Personal message").fill("Welcome <aboard>!\nSee you on Tuesday.")
    page.get_by_role("button", name="Preview the invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview the invitations")
    expect(page.get_by_text("3 of these addresses will be invited")).to_be_visible()
    rows = page.get_by_role("row")
    expect(rows.filter(has_text="not an address")).to_contain_text("Not an email address.")
    expect(rows.filter(has_text="A duplicate")).to_contain_text("ana@example.org")
    expect(page.locator("blockquote")).to_contain_text("Welcome <aboard>!")  # escaped, as typed
    assert _invited(live_server.app, good) == 0, "the preview sends nothing"
    assert_accessible(axe, page)
    page.get_by_role("button", name="Send 3 invitations").click()
    expect(page.get_by_role("status").first).to_have_text("3 invitations sent.")
    assert _invited(live_server.app, good) == 3
    email = smtp.last_to("bo@example.org")
    assert "Welcome <aboard>!" in email.get_body(("plain",)).get_content()
