"""Guiding principles: signature evidence, immutable texts, new versions, yearly renewal."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import Auth
from vms.extensions import db
from vms.screening.principles import services as principles
from vms.screening.principles.models import ImmutableText, Signature, sha256_of


def _sign(client, program, name, **changes):
    version = principles.current_version(program)
    data = {"typed_name": name, "consent": "y", "text_sha256": version.text_sha256}
    data.update(changes)
    return client.post(
        f"/p/{program.slug}/principles", data=data,
        headers={"User-Agent": "TestBrowser/1.0"}, environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )  # fmt: skip


def test_a_mentor_signs_and_the_evidence_is_complete(client, auth, world):
    a = world["A"]
    auth.login(as_=a.mentor)
    home = client.get(f"/p/{a.program.slug}/").get_data(as_text=True)
    assert "please sign the guiding principles" in home
    page = client.get(f"/p/{a.program.slug}/principles").get_data(as_text=True)
    assert "No financial interest" in page and "Confidentiality" in page
    assert _sign(client, a.program, f"  {a.mentor.name.upper()} ").status_code == 302
    signature = db.session.scalar(select(Signature))
    version = signature.version
    assert signature.text_sha256 == sha256_of(version.text) == version.text_sha256
    assert signature.consented and signature.ip_address == "203.0.113.9"
    assert signature.user_agent == "TestBrowser/1.0" and signature.signed_at.tzinfo is not None
    assert signature.typed_name == a.mentor.name.upper()
    assert not principles.signature_due(a.mentor, a.program)
    assert "please sign" not in client.get(f"/p/{a.program.slug}/").get_data(as_text=True)


def test_refusals_keep_the_text_unsigned(client, auth, world):
    a = world["A"]
    auth.login(as_=a.mentor)
    wrong_name = _sign(client, a.program, "Somebody Else").get_data(as_text=True)
    assert "Type your full name as it is on your account" in wrong_name
    assert 'value="Somebody Else"' in wrong_name
    no_consent = _sign(client, a.program, a.mentor.name, consent="").get_data(as_text=True)
    assert "tick the box" in no_consent
    stale = _sign(client, a.program, a.mentor.name, text_sha256="0" * 64).get_data(as_text=True)
    assert "changed while you were reading" in stale
    assert db.session.scalar(select(Signature)) is None


def test_published_text_never_changes(app, world):
    version = principles.current_version(world["A"].program)
    version.text = version.text + " (quietly edited)"
    with pytest.raises(ImmutableText):
        db.session.flush()
    db.session.rollback()


def test_a_new_version_asks_everyone_again_and_signatures_expire_after_a_year(
    client, auth, world, app
):
    a = world["A"]
    auth.login(as_=a.mentor)
    _sign(client, a.program, a.mentor.name)
    signature = db.session.scalar(select(Signature))
    signature.signed_at = signature.signed_at - timedelta(days=366)
    db.session.commit()
    assert principles.signature_due(a.mentor, a.program)
    page = client.get(f"/p/{a.program.slug}/principles").get_data(as_text=True)
    assert "please re-affirm" in page
    _sign(client, a.program, a.mentor.name)
    assert not principles.signature_due(a.mentor, a.program)

    coordinator = app.test_client()
    Auth(coordinator).login(as_=a.coordinator)
    manage = f"/p/{a.program.slug}/principles/manage"
    assert a.mentor.name in coordinator.get(manage).get_data(as_text=True)
    response = coordinator.post(manage, data={"text": "Version two: be kind, be candid."})
    assert response.status_code == 302
    assert principles.current_version(a.program).number == 2
    assert principles.signature_due(a.mentor, a.program)
    statuses = {s.user.id: s.due for s in principles.mentors_status(a.program)}
    assert statuses[a.mentor.id] is True
    empty = coordinator.post(manage, data={"text": "   "}).get_data(as_text=True)
    assert "Please write the principles." in empty
