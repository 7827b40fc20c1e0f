"""A peer circle in a real browser: the facilitator records a date (attendance and one
commitment each), then at the next date sees each member's last commitment and marks it done
or not yet; a member reads their own commitments. axe finds nothing serious on the pages.

The circle is made in the demo program (a peer mentor facilitates four founders); its first
two dates are moved into the past so that both can be recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

import pytest
from sqlalchemy import select

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

FACILITATOR = "peer1@demo.vms.example"


@dataclass
class Journey:
    circle_url: str
    first_url: str
    second_url: str
    #: (name, email) of the members, by name.
    members: list[tuple[str, str]]


def _circle(app) -> Journey:
    from vms.auth.models import Membership, Role, User
    from vms.cohorts.models import Program
    from vms.database import now_utc
    from vms.extensions import db
    from vms.peer.circles import services
    from vms.peer.circles.models import CircleMeeting
    from vms.scheduling.models import Meeting

    with app.app_context():
        program = db.session.scalar(select(Program).where(Program.slug == "demo"))
        facilitator = db.session.scalar(select(User).where(User.email == FACILITATOR))
        members = db.session.scalars(
            select(User).join(Membership, Membership.user_id == User.id)
            .where(Membership.program_id == program.id, Membership.role == Role.ENTREPRENEUR)
            .order_by(User.name).limit(4)
        ).all()  # fmt: skip
        circle = services.create_circle(program, services.CircleDetails(
            "Browser circle", facilitator.id, 1, 2, time(18), 90, program.timezone, "Room 3",
        ), [m.id for m in members])  # fmt: skip
        db.session.flush()
        first, second = db.session.scalars(
            select(Meeting).join(CircleMeeting, CircleMeeting.meeting_id == Meeting.id)
            .where(CircleMeeting.circle_id == circle.id).order_by(Meeting.starts_at).limit(2)
        ).all()  # fmt: skip
        for meeting, ago in ((first, timedelta(days=35)), (second, timedelta(hours=1))):
            meeting.starts_at, meeting.ends_at = (
                now_utc() - ago,
                now_utc() - ago + timedelta(hours=1),
            )
        db.session.commit()
        base = f"/p/demo/peer/circles/{circle.id}"
        journey = Journey(base, f"{base}/meetings/{first.id}", f"{base}/meetings/{second.id}",
                          [(m.name, m.email) for m in members])  # fmt: skip
        db.session.remove()
        return journey


def test_a_facilitator_records_a_date_and_marks_the_last_commitments_at_the_next(
    axe,  # noqa: F811 (the fixture imported above)
    contexts,
    live_server,
    sign_in,
):
    journey = _circle(live_server.app)
    names = [name for name, _email in journey.members]
    page = sign_in(contexts.new_page(), FACILITATOR)
    page.goto(journey.circle_url)
    expect(page.get_by_role("heading", name="Browser circle", level=1)).to_be_visible()
    expect(page.get_by_text("One commitment")).to_be_visible()
    assert_accessible(axe, page)

    page.goto(journey.first_url)
    for n, name in enumerate(names):
        attendance = page.get_by_role("group", name=f"Attendance of {name}")
        attendance.get_by_label("Absent" if n == 1 else "Present").check()
        if n != 1:
            page.get_by_label(f"{name}’s commitment for next time").fill(f"Five calls ({name})")
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save attendance and commitments").click()
    expect(page.get_by_text("Attendance and commitments are saved.")).to_be_visible()

    page.goto(journey.second_url)
    expect(page.get_by_text(f"Last commitment: Five calls ({names[0]})")).to_be_visible()
    expect(page.get_by_text(f"Last commitment: Five calls ({names[2]})")).to_be_visible()
    expect(page.get_by_text(f"Five calls ({names[1]})")).to_have_count(0)  # absent
    page.get_by_role("group", name=f"{names[0]}’s last commitment").get_by_label("Done").check()
    page.get_by_role("group", name=f"{names[2]}’s last commitment").get_by_label("Not yet").check()
    for name in names:
        page.get_by_role("group", name=f"Attendance of {name}").get_by_label("Present").check()
    assert_accessible(axe, page)
    page.get_by_role("button", name="Save attendance and commitments").click()
    expect(page.get_by_text("Attendance and commitments are saved.")).to_be_visible()
    done = page.get_by_role("group", name=f"{names[0]}’s last commitment").get_by_label("Done")
    expect(done).to_be_checked()

    member = sign_in(contexts.new_page(), journey.members[0][1])
    member.goto("/p/demo/peer/my-circle")
    # The demo may put the same founder in a circle of its own: look in this one only.
    mine = member.get_by_role("region", name="Browser circle")
    expect(mine.get_by_text(f"Five calls ({names[0]})")).to_be_visible()
    expect(mine.get_by_text("Done", exact=True)).to_be_visible()
    assert_accessible(axe, member)
    member.goto(journey.second_url)
    expect(member.get_by_role("button", name="Save attendance and commitments")).to_have_count(0)
    assert_accessible(axe, member)
    assert contexts.console_errors == []
