"""The PAdES seal (vms.agreements.seal) and the check of an uploaded PDF (vms.agreements.verify)."""

from __future__ import annotations

import io

import pytest
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.generic import NameObject, TextStringObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tests.agreements.test_evidence_pdf import sample_document
from vms.agreements import keys, pdf, seal, verify
from vms.agreements.verify import Problem

INSTALLATION = "VMS at vms.example.org"


@pytest.fixture(scope="module")
def ours() -> keys.SigningIdentity:
    return keys.generate(INSTALLATION)


@pytest.fixture(scope="module")
def unsealed() -> bytes:
    return pdf.render(sample_document())


@pytest.fixture(scope="module")
def sealed(ours, unsealed) -> bytes:
    return seal.seal(unsealed, ours.key, ours.cert)


def _flipped(data: bytes, position: int, mask: int = 0x01) -> bytes:
    changed = bytearray(data)
    changed[position] ^= mask
    return bytes(changed)


def _container_span(data: bytes) -> tuple[int, int]:
    """Where the signature's container (``<hex…>``, outside the signed bytes) sits."""
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    _, start, end, _ = (int(number) for number in signature.byte_range)
    return start, end


def test_the_seal_validates_with_pyhanko_intact_trusted_and_ours(ours, sealed):
    reader = PdfFileReader(io.BytesIO(sealed))
    (signature,) = reader.embedded_signatures

    trusted = ValidationContext(trust_roots=[seal.asn1_cert(ours.cert)])
    status = validate_pdf_signature(signature, trusted)

    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert signature.signer_cert.dump() == ours.cert.public_bytes(serialization.Encoding.DER)
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert signature.field_name == seal.SIGNATURE_FIELD
    assert signature.docmdp_level == MDPPerm.NO_CHANGES


def test_pyhanko_does_not_trust_a_seal_by_another_key(sealed):
    other = keys.generate("Someone else")
    (signature,) = PdfFileReader(io.BytesIO(sealed)).embedded_signatures

    trusting_another = ValidationContext(trust_roots=[seal.asn1_cert(other.cert)])
    status = validate_pdf_signature(signature, trusting_another)

    assert status.intact and not status.trusted


def test_check_accepts_the_sealed_pdf_and_reads_its_code(ours, sealed):
    checked = verify.check(sealed, ours.cert)

    assert checked.ok, checked.reason
    assert checked.code == "K7QZ4M2XPA9D"
    assert checked.problem is None


def test_a_copy_altered_by_one_byte_in_the_text_fails(ours, sealed):
    start, _ = _container_span(sealed)
    # A byte in the middle of the pages' compressed text, inside the signed bytes.
    checked = verify.check(_flipped(sealed, start // 2), ours.cert)

    assert not checked.ok
    assert checked.problem == Problem.ALTERED
    assert checked.reason == "This PDF was changed after it was issued (or is damaged)."
    assert checked.code is None


@pytest.mark.parametrize("fraction", [0.0005, 0.05, 0.2, 0.4, 0.6, 0.8, 0.9, 0.97, 0.999])
def test_one_byte_changed_anywhere_in_the_signed_bytes_fails(ours, sealed, fraction):
    position = int(len(sealed) * fraction)
    start, end = _container_span(sealed)
    if start <= position < end:
        position = end + (position - start) % (len(sealed) - end)

    checked = verify.check(_flipped(sealed, position), ours.cert)

    assert not checked.ok and checked.problem in (Problem.ALTERED, Problem.NO_SIGNATURE)


def test_one_byte_changed_in_the_unsigned_container_fails(ours, sealed):
    """The container is outside the signed bytes: pyHanko alone accepted these changes."""
    start, end = _container_span(sealed)
    container = sealed[start:end]
    padding = start + container.index(b"0" * 64) + 32
    cert_hex = ours.cert.public_bytes(serialization.Encoding.DER).hex().upper().encode()
    name_hex = INSTALLATION.encode().hex().upper().encode()  # in the certificate and the signer id
    name_positions = [start + i for i in range(len(container)) if container.startswith(name_hex, i)]
    assert len(name_positions) >= 3
    changes = [
        _flipped(sealed, padding),  # "0" → "1" in the zero padding
        _flipped(sealed, padding, 0x10),  # "0" → " ", which PDF readers skip
        _flipped(sealed, start + container.index(b"A"), 0x20),  # "A" → "a": read the same
        _flipped(sealed, start + container.index(cert_hex) + 200),  # in the certificate
        # "V" (0x56) → "v" (0x76): names match case-insensitively, so only the bytes tell.
        *(_flipped(sealed, position, 0x02) for position in name_positions),  # hex "56" → "76"
    ]

    for changed in changes:
        checked = verify.check(changed, ours.cert)
        assert not checked.ok and checked.problem in (Problem.ALTERED, Problem.OTHER_KEY)


def test_an_update_appended_after_the_seal_fails(ours, sealed):
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    info = writer.trailer["/Info"].get_object()
    info[NameObject("/Title")] = TextStringObject("Something else")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)

    checked = verify.check(out.getvalue(), ours.cert)

    assert not checked.ok and checked.problem == Problem.ALTERED


@pytest.mark.parametrize("data", [b"", b"hello", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, b" %PDF-1.4"])
def test_a_file_that_is_not_a_pdf_fails(ours, data):
    checked = verify.check(data, ours.cert)

    assert not checked.ok
    assert checked.problem == Problem.NOT_PDF
    assert checked.reason == "This file is not a PDF."


def test_a_pdf_without_a_seal_fails(ours, unsealed):
    checked = verify.check(unsealed, ours.cert)
    assert not checked.ok and checked.problem == Problem.NO_SIGNATURE


def test_a_pdf_sealed_by_another_key_fails(ours, unsealed):
    other = keys.generate(INSTALLATION)  # even one claiming the same name
    checked = verify.check(seal.seal(unsealed, other.key, other.cert), ours.cert)

    assert not checked.ok
    assert checked.problem == Problem.OTHER_KEY
    assert checked.reason == "This PDF was sealed by someone else, not by this installation."


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_a_truncated_pdf_fails(ours, sealed, keep):
    checked = verify.check(sealed[: int(len(sealed) * keep)], ours.cert)
    assert not checked.ok and checked.problem in (Problem.ALTERED, Problem.NO_SIGNATURE)


def test_sealing_and_checking_work_where_an_event_loop_is_running(ours, unsealed):
    """pyHanko's own wrappers call asyncio.run, which refuses inside a running loop (an ASGI
    server; Playwright's sync API in this suite): there a valid PDF was read as altered."""
    import asyncio

    async def inside_a_loop():
        sealed_here = seal.seal(unsealed, ours.key, ours.cert)
        return verify.check(sealed_here, ours.cert)

    result = asyncio.run(inside_a_loop())
    assert result.ok, result.reason
