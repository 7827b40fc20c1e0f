"""Signing through the web: only parties, once per version, with a recent sign-in, the typed name
and consent; a changed text supersedes; two clicks at once sign once."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from tests.agreements.agreement_world import peer_agreement
from tests.conftest import PASSWORD
from tests.support import WebSession, at_once, serving
from vms.agreements.models import (
    AgreementEvent,
    AgreementSignature,
    AgreementStatus,
    TrailKind,
)
from vms.extensions import db


def _url(aw, agreement, tail: str = "") -> str:
    return f"/p/{aw.program.slug}/agreements/{agreement.id}{tail}"


def _sign_data(agreement, **changes) -> dict:
    version = agreement.current_version
    data = {"version": version.number, "text_sha256": version.text_sha256,
            "typed_name": "", "consent": "y"}  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _signatures(agreement) -> int:
    return db.session.scalar(
        select(func.count()).select_from(AgreementSignature)
        .where(AgreementSignature.agreement_id == agreement.id)
    )  # fmt: skip


def test_both_parties_sign_and_the_agreement_becomes_active(client, auth, aw):
    agreement = peer_agreement(aw)
    for person in (aw.member, aw.peer):
        auth.login(as_=person)
        page = client.get(_url(aw, agreement, "/sign"))
        assert page.status_code == 200 and "Help with pricing" in page.text
        # Case and spacing differ from the account's name: still the same name.
        name = " ".join(person.name.upper().split()) + "  "
        data = _sign_data(agreement, typed_name=name)
        response = client.post(_url(aw, agreement, "/sign"), data=data)
        assert response.status_code == 302
        auth.logout()
    db.session.expire_all()
    assert agreement.status is AgreementStatus.ACTIVE
    signature = db.session.scalar(select(AgreementSignature).where(
        AgreementSignature.user_id == aw.member.id))  # fmt: skip
    assert signature.text_sha256 == agreement.current_version.text_sha256
    assert signature.user_agent and signature.ip_address == "127.0.0.1"
    kinds = [e.kind for e in db.session.scalars(select(AgreementEvent).order_by(AgreementEvent.id))]
    assert kinds.count(TrailKind.SIGNED) == 2 and TrailKind.ACTIVATED in kinds


def test_non_parties_get_404_and_the_coordinator_cannot_sign(client, auth, aw):
    agreement = peer_agreement(aw)
    auth.login(as_=aw.outsider)
    assert client.get(_url(aw, agreement, "/sign")).status_code == 404
    assert client.post(_url(aw, agreement, "/sign"), data=_sign_data(agreement,
                       typed_name=aw.outsider.name)).status_code == 404  # fmt: skip
    assert client.get(_url(aw, agreement)).status_code == 404
    auth.logout()
    auth.login(as_=aw.coordinator)
    assert client.get(_url(aw, agreement)).status_code == 200
    assert client.get(_url(aw, agreement, "/sign")).status_code == 404
    assert _signatures(agreement) == 0


def test_signing_twice_is_refused(client, auth, aw):
    agreement = peer_agreement(aw)
    auth.login(as_=aw.member)
    data = _sign_data(agreement, typed_name=aw.member.name)
    assert client.post(_url(aw, agreement, "/sign"), data=data).status_code == 302
    again = client.post(_url(aw, agreement, "/sign"), data=data)
    assert again.status_code == 200 and "You have already signed this version." in again.text
    assert _signatures(agreement) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"typed_name": "Ana Somebody"}, "Type your full name as it is on your account"),
        ({"consent": None}, "Tick the box to agree to sign electronically."),
        ({"typed_name": ""}, "Type your full name to sign."),
    ],
)
def test_a_bad_signature_is_refused_next_to_its_field_and_keeps_what_was_typed(
    client, auth, aw, changes, message
):
    agreement = peer_agreement(aw)
    auth.login(as_=aw.member)
    data = _sign_data(agreement, **{"typed_name": aw.member.name, **changes})
    response = client.post(_url(aw, agreement, "/sign"), data=data)
    assert response.status_code == 200
    assert message in response.text and 'class="error"' in response.text
    if data.get("typed_name"):
        kept = " ".join(data["typed_name"].split())  # a one-line field: runs of spaces are one
        assert f'value="{kept}"' in response.text
    assert _signatures(agreement) == 0


def test_a_stale_sign_in_is_asked_for_the_password_and_returns_to_sign(client, auth, aw):
    agreement = peer_agreement(aw)
    auth.login(as_=aw.member)
    with client.session_transaction() as session:
        session["password_checked_at"] = int(time.time()) - 3600
    sign_url = _url(aw, agreement, "/sign")
    response = client.post(sign_url, data=_sign_data(agreement, typed_name=aw.member.name))
    assert response.status_code == 302 and "/agreements/confirm-password" in response.location
    assert _signatures(agreement) == 0
    confirm = response.location
    wrong = client.post(confirm, data={"password": "not-the-password"})
    assert wrong.status_code == 200 and "That is not your password." in wrong.text
    right = client.post(confirm, data={"password": PASSWORD})
    assert right.status_code == 302 and right.location.endswith(sign_url)
    assert client.get(sign_url).status_code == 200


def test_changing_the_text_after_a_signature_supersedes_it(client, auth, aw):
    agreement = peer_agreement(aw)
    auth.login(as_=aw.member)
    old = _sign_data(agreement, typed_name=aw.member.name)
    assert client.post(_url(aw, agreement, "/sign"), data=old).status_code == 302
    auth.logout()
    auth.login(as_=aw.peer)
    edited = client.post(_url(aw, agreement, "/edit"), data={"provides": "Twenty years",
                         "boundaries": "", "cadence": "monthly"})  # fmt: skip
    assert edited.status_code == 302
    db.session.expire_all()
    assert agreement.current_version.number == 2
    first = db.session.scalar(select(AgreementSignature))
    assert first.superseded and first.version.number == 1
    # The peer mentor, shown version 1 in another tab, cannot sign it.
    stale = client.post(_url(aw, agreement, "/sign"), data={**old, "typed_name": aw.peer.name})
    assert "The text changed since you opened it" in stale.text
    assert agreement.current_version.text_sha256 in stale.text  # the new text, to sign now
    assert agreement.status is AgreementStatus.OUT_FOR_SIGNATURE
    page = client.get(_url(aw, agreement))
    assert "Superseded" in page.text
    kinds = [e.kind for e in db.session.scalars(select(AgreementEvent))]
    assert TrailKind.SUPERSEDED in kinds


def test_viewing_is_recorded_once_per_person_and_version(client, auth, aw):
    agreement = peer_agreement(aw)
    auth.login(as_=aw.member)
    client.get(_url(aw, agreement))
    client.get(_url(aw, agreement))
    viewed = db.session.scalar(select(func.count()).select_from(AgreementEvent).where(
        AgreementEvent.kind == TrailKind.VIEWED))  # fmt: skip
    assert viewed == 1


@pytest.fixture
def live(app, make_app):
    with serving(make_app()) as url:
        yield url


def test_two_sign_clicks_at_once_sign_once(aw, live):
    agreement = peer_agreement(aw)
    url = _url(aw, agreement, "/sign")
    data = _sign_data(agreement, typed_name=aw.member.name)
    sessions = [WebSession(live).sign_in(aw.member.email, PASSWORD) for _ in range(2)]
    replies = at_once([lambda s=s: s.post(url, data) for s in sessions])
    assert sorted(r.status for r in replies) == [200, 302]
    assert "You have already signed this version." in next(r.text for r in replies
                                                           if r.status == 200)  # fmt: skip
    db.session.expire_all()
    assert _signatures(agreement) == 1
