"""Ranked choices and pairing in a real browser: a member ranks on a phone-sized screen (a
repeat is explained next to the field, then fixed); the coordinator runs the pairing, changes
and locks a pair, re-runs around it and publishes. axe finds nothing serious on either page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@dataclass
class Journey:
    slug: str
    event_id: int
    coordinator: str
    members: list[tuple[str, str]]  # (name, email)
    mentors: list[str]  # names


def _held_event(app) -> Journey:
    """A program of its own with a held event: three members, three peer mentors taking two
    members each."""
    from vms.auth.models import Role, User
    from vms.auth.passwords import hash_password
    from vms.cohorts import services as cohorts
    from vms.database import now_utc
    from vms.demo_data import DEMO_PASSWORD
    from vms.extensions import db
    from vms.peer.models import EventStatus, PeerEvent, PeerParticipant, PeerRole

    with app.app_context():
        program = cohorts.create_program("Peer Journey", "America/New_York", "en")
        cohort = cohorts.create_cohort(program, "Journey cohort", date(2027, 1, 1),
                                       date(2027, 6, 30))  # fmt: skip

        def person(name: str, role: Role) -> User:
            user = User(email=f"{name.lower().replace(' ', '.')}@journey.example", name=name,
                        password_hash=hash_password(DEMO_PASSWORD))  # fmt: skip
            db.session.add(user)
            db.session.flush()
            cohorts.add_member(user, program, role, cohort)
            return user

        coordinator = person("Cora Ordinator", Role.COORDINATOR)
        members = [person(n, Role.ENTREPRENEUR) for n in ("Ana Member", "Ben Member", "Cy Member")]
        mentors = [person(n, Role.PEER_MENTOR) for n in ("Pat Peer", "Quinn Peer", "Ray Peer")]
        event = PeerEvent(program=program, cohort=cohort, title="Spring speed dating",
                          timezone=program.timezone, status=EventStatus.HELD, mentor_capacity=2,
                          ranking_deadline=now_utc() + timedelta(days=3))  # fmt: skip
        event.participants = [PeerParticipant(user=u, role=PeerRole.MEMBER) for u in members] + [
            PeerParticipant(user=u, role=PeerRole.PEER_MENTOR) for u in mentors
        ]
        db.session.add(event)
        db.session.commit()
        people = [(u.name, u.email) for u in members]
        found = Journey(program.slug, event.id, coordinator.email, people,
                        [u.name for u in mentors])  # fmt: skip
        db.session.remove()
        return found


def _rank_for(app, journey: Journey, email: str, mentor_names: list[str]) -> None:
    from sqlalchemy import select

    from vms.auth.models import User
    from vms.extensions import db
    from vms.peer.choices import queries, services
    from vms.peer.models import PeerEvent

    with app.app_context():
        event = db.session.get(PeerEvent, journey.event_id)
        user = db.session.scalar(select(User).where(User.email == email))
        mentors = {u.name: u.id for u in queries.other_side(event, queries.participant(
            event, user).role)}  # fmt: skip
        services.save_ranking(event, queries.participant(event, user),
                              [mentors[n] for n in mentor_names], [])  # fmt: skip
        db.session.commit()
        db.session.remove()


def test_a_member_ranks_on_a_phone_and_the_coordinator_pairs(
    contexts,
    live_server,
    sign_in,
    axe,  # noqa: F811 (the axe fixture)
):
    journey = _held_event(live_server.app)
    (ana, ana_email), (_ben, ben_email), (cy, cy_email) = journey.members
    pat, quinn, ray = journey.mentors
    base = f"/p/{journey.slug}/peer/events/{journey.event_id}"

    phone = contexts.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(phone, ana_email)
    phone.goto(f"{base}/choices")
    expect(phone.get_by_role("heading", name="Your choices: Spring speed dating")).to_be_visible()
    assert_accessible(axe, phone)
    phone.get_by_label("1st choice").select_option(label=quinn)
    phone.get_by_label("2nd choice").select_option(label=quinn)
    phone.get_by_role("button", name="Save my ranking").click()
    expect(phone.locator("#choice_2-error")).to_contain_text("already ranked")
    expect(phone.get_by_label("1st choice")).to_have_value(phone.get_by_label(
        "2nd choice").input_value())  # what was typed is kept  # fmt: skip
    phone.get_by_label("2nd choice").select_option(label=pat)
    phone.get_by_label(ray).check()
    button = phone.get_by_role("button", name="Save my ranking")
    assert button.bounding_box()["height"] >= 44  # a large target
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    button.click()
    expect(phone.get_by_text("Your ranking is saved.")).to_be_visible()
    expect(phone.get_by_label(ray)).to_be_checked()

    _rank_for(live_server.app, journey, ben_email, [quinn, pat])
    _rank_for(live_server.app, journey, cy_email, [pat, ray])

    desk = contexts.new_page()
    sign_in(desk, journey.coordinator)
    desk.goto(f"{base}/pairing")
    expect(desk.get_by_text("3 of 3 members have ranked.")).to_be_visible()
    desk.get_by_role("button", name="Run the pairing").click()
    expect(desk.get_by_text("Pairing done: 3 members are paired.")).to_be_visible()
    assert_accessible(axe, desk)
    # Everyone has their first choice; Cy is moved to their second by hand: locked, and the
    # re-run keeps it although the first choice is better.
    expect(desk.get_by_text("Choice 1: 3 members")).to_be_visible()
    desk.get_by_label(f"Pair {cy} with").select_option(label=f"Choice 2: {ray}")
    desk.get_by_role("row", name=cy).get_by_role("button", name="Pair and lock").click()
    expect(desk.get_by_text("Pair changed and locked")).to_be_visible()
    desk.get_by_role("button", name="Run the pairing again (locked pairs stay)").click()
    cy_row = desk.get_by_role("row", name=cy)
    expect(cy_row).to_contain_text(ray)
    expect(cy_row).to_contain_text("Locked")
    expect(desk.get_by_text("Choice 2: 1 members")).to_be_visible()
    expect(desk.get_by_role("row", name=ana)).to_contain_text(quinn)
    desk.get_by_label("Yes, publish").check()
    desk.get_by_role("button", name="Publish the pairs").click()
    expect(desk.get_by_text("Published: 3 pairs")).to_be_visible()
    expect(desk.get_by_role("button", name="Publish the pairs")).to_have_count(0)

    phone.goto(f"{base}/choices")
    expect(phone.get_by_text(f"Your peer mentor is {quinn}.")).to_be_visible()
    assert not contexts.console_errors, contexts.console_errors
