"""Team meetings and the monthly mentor meeting in a real browser, end to end.

The coordinator schedules a meeting for a published team; a founder writes its agenda; a
mentor of the team answers; once the meeting has happened the coordinator records who
came. A mentor answers one date of the monthly mentor meeting. On a date with more people
than a page, the coordinator pages, filters by answer, searches by name and records who came;
a mentor invited to it sees the counts and their own answer.

Every demo user reads the app in English, in America/New_York like the demo program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from sqlalchemy import select

from tests.browser.navigation import go_to
from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)
from tests.support import calendar_in

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

PROGRAM = "Venture Mentoring Demo"
COORDINATOR = "coordinator@demo.vms.example"
#: In the demo program only (mentor1 is in the sister program too).
MENTOR = "mentor2@demo.vms.example"
TIMEZONE = "America/New_York"
ROOM = "Room 2"
AGENDA = [("Pricing for the pilot", "Founders", "20"), ("Hiring the first engineer", "", "25")]
#: "6:00 PM (Eastern Standard Time)" (or Daylight); Babel may put a narrow space before "PM".
SIX_PM_EASTERN = re.compile(r"6:00\sPM \(Eastern (Standard|Daylight) Time\)")


@dataclass
class Person:
    name: str
    email: str


@dataclass
class TeamPeople:
    team_id: int
    venture: str
    mentors: list[Person]
    founders: list[Person]


def _published_team(app) -> TeamPeople:
    """The first published team of the demo program, its mentors and founders."""
    from vms.cohorts.models import Program
    from vms.cohorts.teams.models import Team, TeamStatus
    from vms.extensions import db

    with app.app_context():
        team = db.session.scalars(
            select(Team)
            .join(Program, Team.program_id == Program.id)
            .where(Program.slug == "demo", Team.status == TeamStatus.PUBLISHED)
            .order_by(Team.id)
        ).first()
        assert team is not None, "the demo publishes three teams"
        found = TeamPeople(
            team.id,
            team.venture.name,
            # Mentors who do not lead, and land on the demo program when they sign in.
            [
                Person(m.mentor.name, m.mentor.email)
                for m in team.members
                if not m.is_lead
                and all(s.program_id == team.program_id for s in m.mentor.memberships)
            ],
            [Person(f.user.name, f.user.email) for f in team.venture.founders if f.user],
        )
        db.session.remove()
    assert found.mentors and found.founders, found
    return found


def _free_evening(app, team_id: int) -> date:
    """A day at least a week ahead when none of the team has a meeting (so no clash warning)."""
    from vms.cohorts.teams.models import Team
    from vms.database import now_utc
    from vms.extensions import db
    from vms.scheduling.models import Invitee, Meeting

    zone = ZoneInfo(TIMEZONE)
    with app.app_context():
        team = db.session.get(Team, team_id)
        people = [m.mentor_id for m in team.members] + [
            f.user_id for f in team.venture.founders if f.user_id
        ]
        busy = {
            day
            for starts_at, ends_at in db.session.execute(
                select(Meeting.starts_at, Meeting.ends_at)
                .join(Invitee, Invitee.meeting_id == Meeting.id)
                .where(Invitee.user_id.in_(people))
            )
            for day in (starts_at.astimezone(zone).date(), ends_at.astimezone(zone).date())
        }
        today = now_utc().astimezone(zone).date()
        db.session.remove()
    day = today + timedelta(days=7)
    while day in busy:
        day += timedelta(days=1)
    return day


def _move_into_the_past(app, meeting_id: int) -> None:
    """The meeting started two hours ago and has ended: as if a week had gone by."""
    from vms.database import now_utc
    from vms.extensions import db
    from vms.scheduling.models import Meeting

    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        length = meeting.ends_at - meeting.starts_at
        meeting.starts_at = now_utc().replace(microsecond=0) - timedelta(hours=2)
        meeting.ends_at = meeting.starts_at + length
        db.session.commit()
        db.session.remove()


def _coming_mentor_meetings(app, email: str) -> tuple[int, str]:
    """How many coming dates of the monthly mentor meeting invite this mentor; their name."""
    from sqlalchemy import func

    from vms.auth.models import User
    from vms.database import now_utc
    from vms.extensions import db
    from vms.scheduling.models import Invitee, Meeting, MeetingKind

    with app.app_context():
        count = db.session.scalar(
            select(func.count(Meeting.id))
            .join(Invitee, Invitee.meeting_id == Meeting.id)
            .join(User, User.id == Invitee.user_id)
            .where(
                User.email == email,
                Meeting.kind == MeetingKind.MENTOR_MEETING,
                Meeting.ends_at >= now_utc(),
            )
        )
        name = db.session.scalar(select(User.name).where(User.email == email))
        db.session.remove()
    return count, name


def _nav(page, name: str) -> None:
    go_to(page, name)


def _invitees(page):
    """The people invited (the region's first list; "Who came" checkboxes are a list too)."""
    region = page.get_by_role("region", name="Who is invited")
    return region.get_by_role("list").first.get_by_role("listitem")


def _invitee(page, name: str):
    return _invitees(page).filter(has_text=f"{name} —")


def _open_from_meetings(page, venture: str, day: date) -> None:
    """Follow "Meetings" to the team's meeting on that day (the team has others)."""
    _nav(page, "Meetings")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    row = page.get_by_role("row").filter(has_text=format_date(day, "full", locale="en"))
    row = row.filter(has=page.get_by_role("link", name=f"Team meeting: {venture}", exact=True))
    expect(row).to_have_count(1)
    row.get_by_role("link", name=f"Team meeting: {venture}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Team meeting: {venture}")


def test_a_team_meeting_is_scheduled_prepared_answered_and_attended(
    contexts, sign_in, smtp, live_server
):
    team = _published_team(live_server.app)
    venture, mentor, founder = team.venture, team.mentors[0], team.founders[0]
    day = _free_evening(live_server.app, team.team_id)
    when = format_date(day, "full", locale="en")

    # 1. The coordinator opens the published team and schedules a meeting a week or more ahead.
    coordinator = contexts.new_page()
    sign_in(coordinator, COORDINATOR)
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    _nav(coordinator, "Teams")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Mentor teams")
    coordinator.get_by_role("navigation", name="Lists of teams").get_by_role(
        "link", name=re.compile("^Published")
    ).click()
    coordinator.get_by_role("region", name="Published").get_by_role(
        "link", name=venture, exact=True
    ).click()
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text(f"Team for {venture}")
    coordinator.get_by_role("link", name="Schedule a team meeting").click()
    expect(coordinator).to_have_url(f"/p/demo/teams/{team.team_id}/meetings/new")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Schedule a team meeting")
    expect(coordinator.get_by_label("Timezone")).to_have_value(TIMEZONE)
    coordinator.get_by_label("Date", exact=True).fill(day.isoformat())
    coordinator.get_by_label("Start time").fill("18:00")
    coordinator.get_by_label("Duration (minutes)").fill("60")
    coordinator.get_by_label("Room or address").fill(ROOM)
    coordinator.get_by_label("Notes for attendees").fill("Bring the pilot numbers.")
    coordinator.get_by_role("button", name="Schedule and invite").click()

    expect(coordinator.get_by_role("status")).to_have_text(
        "Scheduled: the team and the founders have their invitations."
    )
    expect(coordinator).to_have_url(re.compile(r"/p/demo/meetings/\d+$"))
    meeting_url = coordinator.url
    meeting_id = int(meeting_url.rsplit("/", 1)[1])
    heading = coordinator.get_by_role("heading", level=1)
    expect(heading).to_contain_text(f"Team meeting: {venture}")
    expect(heading.locator(".tag")).to_have_text("Agenda pending")
    where = coordinator.get_by_role("region", name="When and where")
    expect(where).to_contain_text(when)
    expect(where).to_contain_text(SIX_PM_EASTERN)
    expect(where).to_contain_text("60 minutes")
    expect(where).to_contain_text(f"Where: {ROOM}")
    expect(where).to_contain_text("Bring the pilot numbers.")
    # The coordinator is not invited: nothing to answer.
    expect(coordinator.get_by_label("Will you come?")).to_have_count(0)
    for person in [*team.mentors, *team.founders]:
        expect(_invitee(coordinator, person.name)).to_contain_text("no answer yet")

    # The founders and the mentors got a calendar invitation.
    for person in [*team.mentors, *team.founders]:
        invitation = smtp.last_to(person.email)
        assert invitation["Subject"] == f"Team meeting: {venture}"
        method, _calendar, event = calendar_in(invitation)
        assert method == "REQUEST"
        assert event.decoded("dtstart").astimezone(ZoneInfo(TIMEZONE)).date() == day
        assert str(event.get("location")) == ROOM

    # 2. A founder finds the meeting in "Meetings" and writes a two-item agenda.
    entrepreneur = contexts.new_page()
    sign_in(entrepreneur, founder.email)
    expect(entrepreneur.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    _open_from_meetings(entrepreneur, venture, day)
    expect(entrepreneur).to_have_url(meeting_url)
    agenda = entrepreneur.get_by_role("region", name="Agenda")
    expect(agenda).to_contain_text("Agenda pending: the founders send it by ")
    agenda.get_by_role("link", name="Write the agenda").click()
    expect(entrepreneur.get_by_role("heading", level=1)).to_have_text("Agenda")
    for n, (item, owner, minutes) in enumerate(AGENDA, start=1):
        row = entrepreneur.get_by_role("group", name=f"Item {n}", exact=True)
        row.get_by_label("Item", exact=True).fill(item)
        row.get_by_label("Who leads it").fill(owner)
        row.get_by_label("Minutes").fill(minutes)
    entrepreneur.get_by_role("button", name="Save the agenda").click()
    expect(entrepreneur.get_by_role("status")).to_have_text(
        "The agenda is saved; the team sees it on the meeting page."
    )
    expect(entrepreneur).to_have_url(meeting_url)
    expect(entrepreneur.get_by_role("heading", level=1)).to_have_text(f"Team meeting: {venture}")
    expect(entrepreneur.get_by_role("heading", level=1).locator(".tag")).to_have_count(0)
    expect(agenda.get_by_role("listitem")).to_have_text(
        ["Pricing for the pilot — Founders (20 min)", "Hiring the first engineer (25 min)"]
    )
    expect(agenda.get_by_role("link", name="Edit the agenda")).to_be_visible()

    # 3. A mentor of the team answers "Yes" from the meeting page.
    member = contexts.new_page()
    sign_in(member, mentor.email)
    expect(member.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    _open_from_meetings(member, venture, day)
    expect(member.get_by_role("region", name="Agenda").get_by_role("listitem")).to_have_count(2)
    # Mentors read the agenda; the founders write it.
    expect(member.get_by_role("link", name="Write the agenda")).to_have_count(0)
    expect(member.get_by_role("link", name="Edit the agenda")).to_have_count(0)
    member.get_by_label("Will you come?").select_option(label="Yes")
    member.get_by_role("button", name="Answer", exact=True).click()
    expect(member.get_by_role("status")).to_have_text("Your answer is recorded: Yes.")
    expect(member.get_by_label("Will you come?")).to_have_value("yes")
    expect(_invitee(member, mentor.name).locator(".tag")).to_have_text("Yes")

    # The coordinator sees the answer, and the agenda.
    coordinator.reload()
    expect(_invitee(coordinator, mentor.name).locator(".tag")).to_have_text("Yes")
    expect(_invitee(coordinator, founder.name)).to_contain_text("no answer yet")
    expect(heading.locator(".tag")).to_have_count(0)
    expect(coordinator.get_by_role("button", name="Record attendance")).to_have_count(0)

    # 4. The meeting happens (moved into the past in the database); the coordinator records
    # that the mentor and the founder came.
    _move_into_the_past(live_server.app, meeting_id)
    coordinator.reload()
    expect(coordinator.get_by_role("region", name="Summary")).to_contain_text("No summary yet")
    # The agenda can no longer change once the meeting has started.
    expect(coordinator.get_by_role("link", name="Edit the agenda")).to_have_count(0)
    came = coordinator.get_by_role("group", name="Who came")
    came.get_by_label(mentor.name, exact=True).check()
    came.get_by_label(founder.name, exact=True).check()
    coordinator.get_by_role("button", name="Record attendance").click()
    expect(coordinator.get_by_role("status")).to_have_text("Attendance is recorded.")
    expect(coordinator).to_have_url(meeting_url)
    for person in (mentor, founder):
        expect(_invitee(coordinator, person.name)).to_contain_text(re.compile(r"· came$"))
        expect(came.get_by_label(person.name, exact=True)).to_be_checked()
    people = _invitees(coordinator)
    expect(people.filter(has_text="· came")).to_have_count(2)
    invited = people.count()
    assert invited >= 4, "a team of three to five mentors, and the founders"
    expect(people.filter(has_text="· did not come")).to_have_count(invited - 2)
    expect(_invitee(coordinator, mentor.name).locator(".tag")).to_have_text("Yes")

    # The meeting is now among the past ones.
    _nav(coordinator, "Meetings")
    coordinator.get_by_role("navigation", name="Which meetings").get_by_role(
        "link", name="Past"
    ).click()
    expect(coordinator).to_have_url(re.compile(r"/p/demo/meetings\?when=past$"))
    past = coordinator.get_by_role("row").filter(
        has=coordinator.get_by_role("link", name=f"Team meeting: {venture}", exact=True)
    )
    expect(past.filter(has_text="2 items")).to_have_count(1)

    assert contexts.console_errors == []


def test_a_mentor_answers_a_date_of_the_monthly_mentor_meeting(contexts, sign_in, live_server):
    coming, name = _coming_mentor_meetings(live_server.app, MENTOR)
    assert coming >= 11, f"the demo series runs a year ahead; {MENTOR} is invited to {coming}"

    page = contexts.new_page()
    sign_in(page, MENTOR)
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAM)
    _nav(page, "Mentor meeting")
    expect(page.get_by_role("heading", level=1)).to_have_text("Monthly mentor meeting")
    # Each date is a group of answers (all answered from one form, or on the date's page).
    dates = page.get_by_role("region", name="Coming dates").get_by_role("group")
    expect(dates).to_have_count(coming)
    for n in range(coming):
        expect(dates.nth(n).locator(".tag")).to_have_text("Please answer")
    first = dates.first
    expect(first).to_contain_text(SIX_PM_EASTERN)
    day = first.get_by_role("link").inner_text()
    first.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Monthly mentor meeting")
    where = page.get_by_role("region", name="When and where")
    expect(where).to_contain_text(day)
    expect(where).to_contain_text("Where: Room 4-231")
    expect(where).to_contain_text("120 minutes")
    page.get_by_label("Will you come?").select_option(label="Maybe")
    page.get_by_role("button", name="Answer", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Your answer is recorded: Maybe.")
    expect(page.get_by_label("Will you come?")).to_have_value("maybe")
    expect(_invitee(page, name).locator(".tag")).to_have_text("Maybe")

    # Back on "Mentor meeting", that date shows the answer; the others still ask for one.
    _nav(page, "Mentor meeting")
    expect(dates).to_have_count(coming)
    expect(first.get_by_label("Maybe")).to_be_checked()
    expect(first.locator(".tag")).to_have_count(0)
    expect(first.get_by_role("link")).to_have_text(day)
    for n in range(1, coming):
        expect(dates.nth(n).locator(".tag")).to_have_text("Please answer")

    assert contexts.console_errors == []


#: Mentors added to one past date of the monthly meeting: more than a page of people.
GUESTS = 80
#: The first guests said yes.
GUESTS_YES = 30


def _a_large_past_date(app) -> tuple[int, date]:
    """An extra date of the monthly mentor meeting, three days ago, inviting the demo mentor
    (who said no) and 80 more mentors (the first 30 said yes): two pages of people."""
    from vms.auth.models import Membership, Role, User
    from vms.cohorts.models import Program
    from vms.database import now_utc
    from vms.extensions import db
    from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingSeries, Response

    with app.app_context():
        program = db.session.scalar(select(Program).where(Program.slug == "demo"))
        series = db.session.scalars(
            select(MeetingSeries).where(MeetingSeries.program_id == program.id)
        ).first()
        starts = now_utc().replace(minute=0, second=0, microsecond=0) - timedelta(days=3)
        guests = [User(email=f"guest{n:02d}@demo.vms.example", name=f"Guest Mentor {n:02d}",
                       password_hash="-") for n in range(GUESTS)]  # fmt: skip
        db.session.add_all(guests)
        db.session.flush()
        db.session.add_all(Membership(user_id=g.id, program_id=program.id, role=Role.MENTOR)
                           for g in guests)  # fmt: skip
        mentor = db.session.scalar(select(User).where(User.email == MENTOR))
        invitees = [Invitee(user_id=g.id, response=Response.YES if n < GUESTS_YES else None)
                    for n, g in enumerate(guests)]  # fmt: skip
        meeting = Meeting(
            program_id=program.id, kind=MeetingKind.MENTOR_MEETING, series_id=series.id,
            title=series.title, starts_at=starts, ends_at=starts + timedelta(hours=2),
            timezone=series.timezone, location=series.location,
            invitees=[*invitees, Invitee(user_id=mentor.id, response=Response.NO)],
        )  # fmt: skip
        db.session.add(meeting)
        db.session.commit()
        found = meeting.id, starts.astimezone(ZoneInfo(series.timezone)).date()
        db.session.remove()
    return found


def test_a_coordinator_finds_people_in_a_large_monthly_meeting_and_records_who_came(
    contexts,
    sign_in,
    live_server,
    axe,  # noqa: F811 (the fixture imported above)
):
    meeting_id, day = _a_large_past_date(live_server.app)
    when = format_date(day, "full", locale="en")
    counts = f"Yes: {GUESTS_YES} · No: 1 · No answer yet: {GUESTS - GUESTS_YES}"

    # 1. The coordinator opens the date from the series' table: counts, and a page of names.
    coordinator = contexts.new_page()
    sign_in(coordinator, COORDINATOR)
    _nav(coordinator, "Mentor meeting")
    attendance = coordinator.get_by_role("region", name="Attendance over the last 12 months")
    expect(attendance.get_by_role("navigation", name="Pages of mentors")).to_contain_text(
        "Page 1 of "
    )
    assert_accessible(axe, coordinator)
    coordinator.get_by_role("row").filter(has_text=when).get_by_role("link").click()
    expect(coordinator).to_have_url(f"/p/demo/meetings/{meeting_id}")
    people = coordinator.get_by_role("region", name="Who is invited")
    expect(people).to_contain_text(counts)
    answers = people.get_by_role("navigation", name="Answers")
    expect(answers.get_by_role("link", name=f"Everyone ({GUESTS + 1})")).to_have_attribute(
        "aria-current", "page"
    )
    expect(_invitees(coordinator)).to_have_count(50)
    pages = people.get_by_role("navigation", name="Pages of invitees")
    expect(pages).to_contain_text("Page 1 of 2")
    pages.get_by_role("link", name="Next").click()
    expect(pages).to_contain_text("Page 2 of 2")
    expect(_invitees(coordinator)).to_have_count(GUESTS + 1 - 50)

    # 2. Those who said yes, then one of them by name; the filter stays while searching.
    answers.get_by_role("link", name=f"Yes ({GUESTS_YES})").click()
    expect(_invitees(coordinator)).to_have_count(GUESTS_YES)
    expect(_invitees(coordinator).filter(has_text="no answer yet")).to_have_count(0)
    expect(pages).to_have_count(0)
    people.get_by_label("Name").fill("guest mentor 07")
    people.get_by_role("button", name="Find").click()
    expect(_invitees(coordinator)).to_have_count(1)
    expect(answers.get_by_role("link", name=f"Yes ({GUESTS_YES})")).to_have_attribute(
        "aria-current", "page"
    )
    assert_accessible(axe, coordinator)

    # 3. Attendance is recorded for the people listed, without leaving the search.
    came = coordinator.get_by_role("group", name="Who came")
    came.get_by_label("Guest Mentor 07", exact=True).check()
    coordinator.get_by_role("button", name="Record attendance").click()
    expect(coordinator.get_by_role("status")).to_have_text("Attendance is recorded.")
    expect(_invitee(coordinator, "Guest Mentor 07")).to_contain_text(re.compile(r"· came$"))
    expect(people).to_contain_text(f"{counts} · Came: 1 · Did not come: 0")
    expect(people.get_by_label("Name")).to_have_value("guest mentor 07")

    # 4. The demo mentor, invited too, sees the counts and their own answer, not 81 names.
    mentor = contexts.new_page()
    sign_in(mentor, MENTOR)
    _nav(mentor, "Meetings")
    mentor.get_by_role("navigation", name="Which meetings").get_by_role("link", name="Past").click()
    mentor.get_by_role("row").filter(has_text=when).get_by_role(
        "link", name="Monthly mentor meeting"
    ).click()
    expect(mentor).to_have_url(f"/p/demo/meetings/{meeting_id}")
    expect(mentor.get_by_role("region", name="Who is invited")).to_contain_text(counts)
    _coming, name = _coming_mentor_meetings(live_server.app, MENTOR)
    expect(_invitees(mentor)).to_have_count(1)
    expect(_invitee(mentor, name).locator(".tag")).to_have_text("No")
    expect(mentor.get_by_role("navigation", name="Answers")).to_have_count(0)
    expect(mentor.get_by_text("Guest Mentor 07")).to_have_count(0)

    assert contexts.console_errors == []
