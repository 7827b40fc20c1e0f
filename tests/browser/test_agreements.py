"""A peer agreement in a real browser: the member makes it and fills in their part and plan, the
peer mentor fills in theirs, the member sends and signs, the peer mentor is asked for their
password again (their sign-in is an hour old) and signs, the coordinator sees it active and
downloads the PDF, and the public verification page accepts it (and refuses a copy with one byte
changed). axe finds nothing serious on the pages on the way."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _purge_signatures(app):
    """Torn down after the live server, before the suite empties the tables."""
    yield
    from tests.agreements.agreement_world import purge_signatures

    purge_signatures()


@dataclass
class Pair:
    slug: str
    coordinator: str
    member: tuple[str, str]  # (name, email)
    peer: tuple[str, str]


def _published_pair(app) -> Pair:
    from vms.auth.models import Role, User
    from vms.auth.passwords import hash_password
    from vms.cohorts import services as cohorts
    from vms.database import now_utc
    from vms.demo_data import DEMO_PASSWORD
    from vms.extensions import db
    from vms.peer.choices.models import PeerPair
    from vms.peer.models import PeerEvent

    with app.app_context():
        program = cohorts.create_program("Agreement Journey", "America/New_York", "en")
        cohort = cohorts.create_cohort(program, "Journey cohort", date(2027, 1, 1),
                                       date(2027, 6, 30))  # fmt: skip

        def person(name: str, role: Role) -> User:
            user = User(email=f"{name.lower().replace(' ', '.')}@agreement.example", name=name,
                        password_hash=hash_password(DEMO_PASSWORD))  # fmt: skip
            db.session.add(user)
            db.session.flush()
            cohorts.add_member(user, program, role, cohort)
            return user

        coordinator = person("Cora Ordinator", Role.COORDINATOR)
        member, peer = person("Ana Member", Role.ENTREPRENEUR), person("Pat Peer", Role.PEER_MENTOR)
        event = PeerEvent(program=program, cohort=cohort, title="Speed dating",
                          timezone=program.timezone, created_by_id=coordinator.id)  # fmt: skip
        db.session.add(PeerPair(event=event, member_id=member.id, mentor_id=peer.id, rank=1,
                                published_at=now_utc()))  # fmt: skip
        db.session.commit()
        found = Pair(program.slug, coordinator.email, (member.name, member.email),
                     (peer.name, peer.email))  # fmt: skip
        db.session.remove()
        return found


class _AnHourLater:
    """``time`` as the agreements' views see it, an hour on: every sign-in is stale."""

    @staticmethod
    def time() -> float:
        return time.time() + 3600


def _sign(page, name: str) -> None:
    page.get_by_label("Type your full name").fill(name)
    page.get_by_label("I have read this agreement and sign it electronically.").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_text("You have signed the agreement.")).to_be_visible()


def test_both_parties_fill_in_and_sign_and_the_coordinator_sees_it_active(
    contexts,
    live_server,
    sign_in,
    monkeypatch,
    axe,  # noqa: F811 (the axe fixture)
):
    pair = _published_pair(live_server.app)
    (ana, ana_email), (pat, pat_email) = pair.member, pair.peer
    base = f"/p/{pair.slug}/agreements"

    member = contexts.new_page()
    sign_in(member, ana_email)
    member.goto(f"{base}/new")
    member.get_by_label("Agreement for").select_option(label=f"Peer pair: {ana} and {pat}")
    member.get_by_role("button", name="Make the agreement").click()
    expect(member.get_by_text("The agreement is made.")).to_be_visible()
    assert_accessible(axe, member)
    member.get_by_label("What is sought").fill("Help with pricing my bakery")
    member.get_by_label("Goals for the next three years").fill("Three shops")
    member.get_by_label("Hours committed each month").fill("4")
    member.get_by_role("button", name="Save", exact=True).click()
    expect(member.get_by_text("Your parts are saved.")).to_be_visible()
    agreement_url = member.url

    peer = contexts.new_page()
    sign_in(peer, pat_email)
    peer.goto(agreement_url)
    peer.get_by_role("link", name="Fill in your parts").click()
    expect(peer.get_by_label("What is sought")).to_have_count(0)  # the member's part
    peer.get_by_label("What can be provided").fill("Ten years of retail")
    peer.get_by_role("button", name="Save", exact=True).click()
    expect(peer.get_by_text("Ten years of retail")).to_be_visible()

    member.goto(agreement_url)
    member.get_by_role("button", name="Send for signature").click()
    expect(member.get_by_text("The agreement is out for signature.")).to_be_visible()
    assert_accessible(axe, member)
    member.get_by_role("link", name="Sign the agreement").click()
    expect(member.get_by_text("Ten years of retail")).to_be_visible()  # the text shown
    assert_accessible(axe, member)
    _sign(member, ana.upper())

    monkeypatch.setattr("vms.agreements.views.time", _AnHourLater)
    peer.goto(agreement_url)
    peer.get_by_role("link", name="Sign the agreement").click()
    expect(peer.get_by_role("heading", name="Confirm your password")).to_be_visible()
    assert_accessible(axe, peer)
    from vms.demo_data import DEMO_PASSWORD

    peer.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    peer.get_by_role("button", name="Confirm").click()
    _sign(peer, pat)

    desk = contexts.new_page()
    sign_in(desk, pair.coordinator)
    desk.goto(base)
    row = desk.get_by_role("row", name=ana)
    expect(row).to_contain_text("Active")
    expect(row).to_contain_text("2 of 2")
    assert_accessible(axe, desk)
    desk.goto(agreement_url)
    expect(desk.get_by_text("Active: every party signed")).to_be_visible()
    assert_accessible(axe, desk)

    # The PDF downloads, and the public verification page accepts it as issued and unchanged.
    with desk.expect_download() as downloading:
        desk.get_by_role("link", name="Download the PDF").click()
    sealed = Path(downloading.value.path()).read_bytes()
    assert sealed.startswith(b"%PDF")
    visitor = contexts.new_page()
    visitor.goto("/verify")
    visitor.get_by_label("The agreement's PDF").set_input_files(
        files=[{"name": "agreement.pdf", "mimeType": "application/pdf", "buffer": sealed}]
    )
    visitor.get_by_role("button", name="Check").click()
    verdict = visitor.locator("#verdict")
    expect(verdict).to_contain_text(ana)
    expect(verdict).to_contain_text(pat)
    expect(verdict.locator(".flash-success")).to_be_visible()
    assert_accessible(axe, visitor)
    # One byte changed, and the same page says so.
    altered = bytearray(sealed)
    altered[len(altered) // 3] ^= 0x01
    visitor.goto("/verify")
    visitor.get_by_label("The agreement's PDF").set_input_files(
        files=[{"name": "altered.pdf", "mimeType": "application/pdf", "buffer": bytes(altered)}]
    )
    visitor.get_by_role("button", name="Check").click()
    expect(visitor.locator("#verdict .flash-error")).to_be_visible()
    assert not contexts.console_errors, contexts.console_errors
