"""The evidence's routes: the sealed PDF download and the public verification page."""

from __future__ import annotations

import io
import re

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tests.agreements.agreement_world import peer_agreement, sign_as
from tests.agreements.test_evidence_pdf import assert_prints, pdf_text
from vms.agreements import keys, seal
from vms.auth.models import Role
from vms.extensions import db

ISSUED = "This PDF was issued here and has not changed since."
ALTERED = "This PDF was changed after it was issued, or it is damaged."


@pytest.fixture
def signed(aw):
    """The pair's agreement, signed by both: active."""
    agreement = peer_agreement(aw)
    sign_as(agreement, aw.member)
    sign_as(agreement, aw.peer)
    db.session.commit()
    return agreement


def _pdf_url(aw, agreement) -> str:
    return f"/p/{aw.program.slug}/agreements/{agreement.id}/agreement.pdf"


def _download(client, auth, aw, agreement, as_) -> bytes:
    auth.login(as_=as_)
    response = client.get(_pdf_url(aw, agreement))
    assert response.status_code == 200
    auth.logout()
    return response.data


def _upload(client, data: bytes, name: str = "agreement.pdf"):
    return client.post("/verify", data={"document": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")  # fmt: skip


def _assert_seal_validates(data: bytes) -> None:
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    trusted = ValidationContext(trust_roots=[seal.asn1_cert(keys.signing_identity().cert)])
    status = validate_pdf_signature(signature, trusted)
    assert status.bottom_line and status.coverage == SignatureCoverageLevel.ENTIRE_FILE


@pytest.mark.parametrize("who", ["member", "peer", "coordinator"])
def test_a_party_or_the_coordinator_downloads_the_sealed_pdf(client, auth, aw, signed, who):
    auth.login(as_=getattr(aw, who))

    response = client.get(_pdf_url(aw, signed))

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="agreement-{signed.id}-v1.pdf"'
    )
    assert "no-store" in response.headers["Cache-Control"]
    _assert_seal_validates(response.data)
    sha = signed.current_version.text_sha256
    assert_prints(response.data, aw.member.name, aw.peer.name, signed.verification_code, sha,
                  "203.0.113.7", "pytest-browser/1.0")  # fmt: skip


def test_the_pdf_speaks_the_readers_language(client, auth, aw, signed):
    aw.member.locale = "es"
    db.session.commit()

    data = _download(client, auth, aw, signed, aw.member)

    # Labels whose Spanish is in the compiled catalogue already (the .mo is built by `make`).
    assert_prints(data, "Estado:", "Nombre:", "Cuándo")
    assert "Status:" not in pdf_text(data)


def test_no_one_else_gets_the_pdf(client, auth, aw, signed, make_program, make_member):
    other_coordinator = make_member(make_program("Other Program"), Role.COORDINATOR)
    for person in (aw.outsider, aw.founder, aw.mentors[0], other_coordinator):
        auth.login(as_=person)
        assert client.get(_pdf_url(aw, signed)).status_code == 404, person.name
        auth.logout()
    anonymous = client.get(_pdf_url(aw, signed))
    assert anonymous.status_code == 302 and "/signin" in anonymous.location
    auth.login(as_=aw.coordinator)
    assert client.get(f"/p/{aw.program.slug}/agreements/{signed.id + 999}/agreement.pdf"
                      ).status_code == 404  # fmt: skip


def test_the_verification_page_offers_upload_and_code(client):
    page = client.get("/verify").get_data(as_text=True)

    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page and 'name="code"' in page


def test_an_uploaded_pdf_is_verified_and_says_who_signed_when_and_nothing_more(
    client, auth, aw, signed
):
    data = _download(client, auth, aw, signed, aw.member)

    response = _upload(client, data)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ISSUED in page
    assert "Peer mentoring agreement" in page and aw.program.name in page
    assert aw.member.name in page and aw.peer.name in page
    assert "203.0.113.7" not in page and "pytest-browser" not in page
    assert "Help with pricing" not in page  # the text is not shown to the public


def test_a_pdf_altered_by_one_byte_is_refused_with_the_reason(client, auth, aw, signed):
    data = bytearray(_download(client, auth, aw, signed, aw.member))
    data[len(data) // 3] ^= 0x01

    response = _upload(client, bytes(data))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ALTERED in page and ISSUED not in page
    assert aw.peer.name not in page


@pytest.mark.parametrize("data, reason", [
    (b"name,email\nAna,ana@example.org\n", "This file is not a PDF."),
    (b"%PDF-1.4\n%%EOF\n", ALTERED),
])  # fmt: skip
def test_a_file_that_is_not_a_sealed_pdf_is_refused_with_the_reason(client, data, reason):
    response = _upload(client, data, "people.csv")

    assert response.status_code == 200
    assert reason in response.get_data(as_text=True)


def test_a_pdf_sealed_by_another_key_is_refused(client, auth, aw, signed, app):
    data = _download(client, auth, aw, signed, aw.member)
    unsealed = data[: data.index(b"%%EOF") + len(b"%%EOF\n")]  # fpdf2's original revision
    other = keys.generate("VMS at localhost")

    response = _upload(client, seal.seal(unsealed, other.key, other.cert))

    assert "sealed by someone else" in response.get_data(as_text=True)


def test_a_code_is_verified_by_form_by_the_qr_address_and_by_the_printed_link(client, signed):
    code = signed.verification_code
    pretty = " ".join(code[i : i + 4] for i in range(0, len(code), 4)).lower()
    pages = [
        client.post("/verify", data={"code": pretty}),
        client.get(f"/verify/{code}"),
        client.get(f"/verify?code={code}"),
    ]

    for response in pages:
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "This code belongs to an agreement issued here." in page
        assert "Pat Peer" in page and "Peer mentoring agreement" in page


def test_an_unknown_code_is_refused_plainly(client, aw):
    draft = peer_agreement(aw, sent=False)  # a draft is not issued
    for response in (client.post("/verify", data={"code": "AAAA BBBB CCCC"}),
                     client.get("/verify/AAAABBBBCCCC"),
                     client.get(f"/verify/{draft.verification_code}"),
                     client.get("/verify/" + "A" * 300)):  # fmt: skip
        assert response.status_code == 200
        assert "No agreement issued here has this code." in response.get_data(as_text=True)


@pytest.mark.parametrize("data", [{"code": ""}, {"document": "%PDF-1.4 typed, not a file"}])
def test_sending_no_file_and_no_code_asks_for_one(client, data):
    response = client.post("/verify", data=data)

    assert response.status_code == 200
    assert "Choose the PDF to check, or type its code." in response.get_data(as_text=True)


def test_a_file_over_the_size_limit_gets_a_clear_message(make_app):
    small = make_app(MAX_CONTENT_LENGTH=64 * 1024, WTF_CSRF_ENABLED=True)

    response = _upload(small.test_client(), b"%PDF-1.4\n" + b"0" * 100 * 1024)

    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "This file is too large to be an agreement issued here." in page
    assert 'type="file"' in page  # the form is there to try again


def test_the_verification_form_needs_its_csrf_token(make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()

    refused = client.post("/verify", data={"code": "AAAABBBBCCCC"})
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/verify").get_data(as_text=True)).group(1)  # fmt: skip
    accepted = client.post("/verify", data={"code": "AAAABBBBCCCC", "csrf_token": token})

    assert refused.status_code == 400
    assert accepted.status_code == 200
