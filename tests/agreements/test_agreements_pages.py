"""The agreements' pages: making one, filling in, the list, check-ins, ending, completing,
renewing, reminders, the printable view; other programs see nothing; counts do not grow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.agreements.agreement_world import CLIENT, NOW, peer_agreement, sign_as
from tests.support import statements_run
from vms.agreements import services
from vms.agreements.models import (
    Agreement,
    AgreementCheckIn,
    AgreementEvent,
    AgreementStatus,
    TrailKind,
)
from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db


def _base(aw) -> str:
    return f"/p/{aw.program.slug}/agreements"


def _url(aw, agreement, tail: str = "") -> str:
    return f"{_base(aw)}/{agreement.id}{tail}"


def _active(aw) -> Agreement:
    agreement = peer_agreement(aw)
    sign_as(agreement, aw.member)
    sign_as(agreement, aw.peer)
    db.session.commit()
    return agreement


def test_a_party_makes_an_agreement_for_their_pair_and_fills_in_their_side(client, auth, aw):
    auth.login(as_=aw.member)
    page = client.get(f"{_base(aw)}/new")
    assert f"pair-{aw.pair.id}" in page.text
    assert f"team-{aw.team.id}" not in page.text  # not their team
    response = client.post(f"{_base(aw)}/new", data={"subject": f"pair-{aw.pair.id}"})
    agreement = db.session.scalar(select(Agreement))
    assert response.status_code == 302 and response.location.endswith(_url(aw, agreement, "/edit"))
    form = client.get(_url(aw, agreement, "/edit")).text
    assert 'name="seeks"' in form and 'name="plan_three_years"' in form
    assert 'name="provides"' not in form  # the peer mentor's part
    client.post(_url(aw, agreement, "/edit"), data={"seeks": "Pricing", "provides": "sneaked",
                                                   "plan_next_year": "Open a shop"})  # fmt: skip
    db.session.expire_all()
    assert (agreement.seeks, agreement.provides) == ("Pricing", "")
    assert agreement.plan_next_year == "Open a shop"
    again = client.post(f"{_base(aw)}/new", data={"subject": f"pair-{aw.pair.id}"})
    assert again.status_code == 200  # the pair is no longer among the choices
    assert db.session.scalar(select(db.func.count()).select_from(Agreement)) == 1


def test_an_unpublished_pair_gets_no_agreement(aw):
    aw.pair.published_at = None
    db.session.commit()
    with pytest.raises(services.AgreementRefused):
        services.make_for_pair(aw.program, aw.pair, aw.coordinator, CLIENT, NOW)


def test_a_team_agreement_has_the_founders_and_the_mentors_as_parties(client, auth, aw):
    auth.login(as_=aw.coordinator)
    client.post(f"{_base(aw)}/new", data={"subject": f"team-{aw.team.id}"})
    agreement = db.session.scalar(select(Agreement))
    assert agreement.kind.value == "team"
    assert [p.user_id for p in agreement.parties] == [aw.founder.id] + [m.id for m in aw.mentors]
    text = "\n".join(s["body"] for s in agreement.template.sections)
    assert "agenda before each meeting" in text and "no financial interest" in text


def test_sending_then_the_coordinators_list_shows_it_waiting(client, auth, aw):
    agreement = peer_agreement(aw, sent=False)
    auth.login(as_=aw.coordinator)
    assert client.post(_url(aw, agreement, "/send")).status_code == 302
    db.session.expire_all()
    assert agreement.status is AgreementStatus.OUT_FOR_SIGNATURE
    agreement.sent_at = now_utc() - timedelta(days=30)
    db.session.commit()
    page = client.get(_base(aw))
    assert "Waiting for signatures too long" in page.text and "Remind to sign" in page.text


def test_a_one_click_reminder_emails_those_who_have_not_signed(client, auth, aw, smtp):
    agreement = peer_agreement(aw)
    sign_as(agreement, aw.member)
    db.session.commit()
    auth.login(as_=aw.coordinator)
    response = client.post(_url(aw, agreement, "/remind"), follow_redirects=True)
    assert "Reminders sent: 1." in response.text
    assert "waiting for your signature" in smtp.last_to(aw.peer.email).get_body().get_content()
    assert smtp.to(aw.member.email) == []
    auth.logout()
    auth.login(as_=aw.peer)
    assert client.post(_url(aw, agreement, "/remind")).status_code == 403


def test_check_ins_by_a_party_of_an_active_agreement(client, auth, aw):
    draft = peer_agreement(aw)
    auth.login(as_=aw.member)
    data = {"went_well": "We met", "did_not": "Too short", "next_step": "Price list"}
    refused = client.post(_url(aw, draft, "/check-ins"), data=data)
    assert refused.status_code == 400 and "Check-ins are for active agreements." in refused.text
    sign_as(draft, aw.member)
    sign_as(draft, aw.peer)
    db.session.commit()
    empty = client.post(_url(aw, draft, "/check-ins"), data={**data, "did_not": ""})
    assert empty.status_code == 400 and 'id="did_not-error"' in empty.text
    assert "We met</textarea>" in empty.text  # what was typed is kept
    assert client.post(_url(aw, draft, "/check-ins"), data=data).status_code == 302
    assert "Price list" in client.get(_url(aw, draft)).text
    auth.logout()
    auth.login(as_=aw.outsider)
    assert client.post(_url(aw, draft, "/check-ins"), data=data).status_code == 404
    assert db.session.scalar(select(db.func.count()).select_from(AgreementCheckIn)) == 1


def test_the_list_flags_check_ins_due_and_terms_ending(client, auth, aw):
    agreement = _active(aw)
    auth.login(as_=aw.coordinator)
    page = client.get(_base(aw)).text
    assert "No check-in in 30 days" not in page and "Ends within 30 days" not in page
    agreement.activated_at = now_utc() - timedelta(days=45)
    agreement.ends_on = (now_utc() + timedelta(days=10)).date()
    db.session.commit()
    page = client.get(_base(aw)).text
    assert "No check-in in 30 days" in page and "Ends within 30 days" in page
    assert "Remind to check in" in page


def test_ending_early_needs_a_reason_and_completing_waits_for_the_term(client, auth, aw):
    agreement = _active(aw)
    auth.login(as_=aw.peer)
    complete = client.post(_url(aw, agreement, "/complete"), follow_redirects=True)
    assert "completed at the end of its term" in complete.text
    no_reason = client.post(_url(aw, agreement, "/end"), data={"reason": "  "})
    assert no_reason.status_code == 200 and "Say why the agreement ends early." in no_reason.text
    assert client.post(_url(aw, agreement, "/end"), data={"reason": "Moved"}).status_code == 302
    db.session.expire_all()
    assert agreement.status is AgreementStatus.ENDED and agreement.ended_reason == "Moved"
    trail = [e.kind for e in db.session.scalars(select(AgreementEvent))]
    assert TrailKind.ENDED in trail


def test_a_completed_agreement_is_renewed_as_a_new_draft(client, auth, aw):
    agreement = _active(aw)
    agreement.complete(agreement.ends_on, NOW)
    db.session.commit()
    auth.login(as_=aw.member)
    response = client.post(_url(aw, agreement, "/renew"))
    renewed = db.session.scalar(select(Agreement).where(Agreement.renewed_from_id == agreement.id))
    assert response.status_code == 302 and renewed.status is AgreementStatus.DRAFT
    assert (
        renewed.seeks == agreement.seeks
        and renewed.verification_code != agreement.verification_code
    )


def test_the_printable_view_and_the_trail_in_the_readers_zone(client, auth, aw):
    agreement = peer_agreement(aw)
    aw.member.timezone = "Europe/Madrid"
    db.session.commit()
    auth.login(as_=aw.member)
    page = client.get(_url(aw, agreement))
    assert "Central European" in page.text  # the zone named beside each time
    printable = client.get(_url(aw, agreement, "/print"))
    assert printable.status_code == 200 and "agreements/print.css" in printable.text
    assert (
        agreement.verification_code in printable.text and "A shop in every town" in printable.text
    )


def test_another_programs_coordinator_sees_none_of_it(client, auth, aw, make_program,
                                                      make_member):  # fmt: skip
    agreement = peer_agreement(aw)
    other = make_program("Other Program")
    stranger = make_member(other, Role.COORDINATOR)
    auth.login(as_=stranger)
    for tail in ("", "/print", "/sign", "/edit", "/end"):
        assert client.get(_url(aw, agreement, tail)).status_code == 404
    other_url = f"/p/{other.slug}/agreements/{agreement.id}"
    assert client.get(other_url).status_code == 404
    assert client.post(other_url + "/send").status_code == 404


def _count(client, url: str) -> int:
    # The first requests pay for one-time loads (and end a lock the test's own session took).
    client.get(url)
    client.get(url)
    with statements_run() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def test_statement_counts_do_not_grow_with_agreements_and_trail(client, auth, aw):
    agreement = _active(aw)
    team = services.make_for_team(aw.program, aw.team, aw.coordinator, CLIENT, NOW)
    services.send_for_signature(team, aw.coordinator, CLIENT, NOW)
    services.add_check_in(agreement, aw.peer, "well", "not", "next", NOW)  # one of each
    db.session.commit()
    auth.login(as_=aw.coordinator)
    small_list, small_page = _count(client, _base(aw)), _count(client, _url(aw, agreement))
    for signer in (aw.founder, *aw.mentors[:2]):
        sign_as(team, signer)
    for n in range(5):
        services.add_check_in(agreement, aw.member, f"well {n}", "not", "next", NOW)
        services.record(agreement, TrailKind.VIEWED, aw.outsider, CLIENT, NOW, 1)
    db.session.commit()
    assert _count(client, _base(aw)) <= small_list
    assert _count(client, _url(aw, agreement)) <= small_page
    assert small_page <= 25
