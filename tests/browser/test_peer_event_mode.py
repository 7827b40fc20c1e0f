"""Event mode in a real browser: the coordinator starts round 1, the countdown ticks, a pause.

The event is made here in the demo program (4 founders of the peer cohort, 3 peer mentors,
seated by ``build_rotation``); the page's script runs under the self-only content policy,
so any CSP violation would show up as a console error.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vms.example"
TITLE = "Spring speed dating"
PHONE = {"width": 390, "height": 844}


def _seated_event(app) -> int:
    """A planned event of the demo's peer cohort, its rotation built, its clock not started."""
    from vms.auth.models import User
    from vms.cohorts.models import Cohort, Program
    from vms.extensions import db
    from vms.peer.models import PeerEvent, PeerEventSession, PeerParticipant, PeerRole, PeerSeat
    from vms.peer.rotation import build_rotation

    with app.app_context():
        program = db.session.scalar(select(Program).where(Program.slug == "demo"))
        cohort = db.session.scalar(
            select(Cohort).where(Cohort.program_id == program.id, Cohort.name.like("Peer%"))
        )
        people = {e: db.session.scalar(select(User).where(User.email == f"{e}@demo.vms.example"))
                  for e in ("founder1", "founder2", "founder3", "founder4", "peer1", "peer2",
                            "peer3")}  # fmt: skip
        members = [people[f"founder{n}"] for n in range(1, 5)]
        mentors = [people[f"peer{n}"] for n in range(1, 4)]
        event = PeerEvent(program=program, cohort=cohort, title=TITLE, timezone=program.timezone,
                          conversation_minutes=15, change_minutes=2)  # fmt: skip
        event.sessions.append(PeerEventSession(position=1, starts_at=datetime.now(UTC)))
        event.participants += [PeerParticipant(user=m, role=PeerRole.MEMBER) for m in members]
        event.participants += [PeerParticipant(user=p, role=PeerRole.PEER_MENTOR) for p in mentors]
        db.session.add(event)
        db.session.flush()
        rounds = build_rotation([m.id for m in members], [p.id for p in mentors])
        for number, meetings in enumerate(rounds, start=1):
            for meeting in meetings:
                db.session.add_all(
                    PeerSeat(
                        event_id=event.id,
                        round=number,
                        table=meeting.table,
                        mentor_id=meeting.mentor,
                        member_id=member,
                    )  # fmt: skip
                    for member in meeting.members
                )
        db.session.commit()
        event_id = event.id
        db.session.remove()
    return event_id


def _seconds(page) -> int:
    minutes, seconds = page.locator("#mode-countdown").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def test_the_coordinator_starts_a_round_watches_it_count_down_and_pauses(
    contexts,
    sign_in,
    live_server,
    axe,  # noqa: F811 (the fixture)
):
    event_id = _seated_event(live_server.app)
    page = contexts.new_page(viewport=PHONE)
    sign_in(page, COORDINATOR)
    page.goto(f"/p/demo/peer/events/{event_id}/live")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Event mode: {TITLE}")
    expect(page.locator("#mode-phase")).to_have_text("Not started")
    expect(page.locator("#mode-round")).to_have_text("4 rounds, none started yet")
    expect(page.get_by_role("timer")).to_have_text("0:00")
    lines = page.locator("#mode-lines li")
    expect(lines).to_have_count(7)  # one line per person, round 1's seats
    expect(lines.filter(has_text=re.compile(r": table \d with "))).to_have_count(6)
    assert_accessible(axe, page)

    page.get_by_role("button", name="Start round 1").click()
    expect(page.get_by_role("status").filter(has_text="Round 1 has started.")).to_be_visible()
    expect(page.locator("#mode-round")).to_have_text("Round 1 of 4")
    expect(page.locator("#mode-phase")).to_have_text("Conversation")
    # The script redraws the countdown every second (without it the text would stand still).
    first = _seconds(page)
    assert 14 * 60 + 50 <= first <= 15 * 60
    countdown = page.get_by_role("timer")
    expect(countdown).not_to_have_text(countdown.inner_text(), timeout=3000)
    time.sleep(1.5)
    assert _seconds(page) < first
    # Phone width: nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#mode-phase")).to_have_text("Paused")
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    held = _seconds(page)
    time.sleep(2.2)
    assert _seconds(page) == held, "a paused clock stands still"
    assert_accessible(axe, page)

    # A second screen (the projector) agrees with the coordinator's phone.
    projector = contexts.new_page(viewport={"width": 1920, "height": 1080})
    sign_in(projector, COORDINATOR)
    projector.goto(f"/p/demo/peer/events/{event_id}/live")
    expect(projector.locator("#mode-phase")).to_have_text("Paused")
    assert _seconds(projector) == held
    assert not contexts.console_errors, contexts.console_errors
