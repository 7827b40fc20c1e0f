"""Is this PDF an agreement this installation sealed, unchanged? (pyHanko; no Flask, no DB.)

``check`` answers with a plain reason; the verification page then looks the code up. The code
is read from the PDF's keywords, where ``pdf.render`` wrote it before the seal covered it.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from enum import StrEnum

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature, async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from vms.agreements.awaiting import finish
from vms.agreements.pdf import CODE_KEYWORD
from vms.agreements.seal import asn1_cert

log = logging.getLogger(__name__)
#: pyHanko writes the container in upper-case hex; readers take either case, so only the
#: file's bytes show that "A" became "a".
_HEX_STRING = re.compile(rb"<[0-9A-F]*>")


class Problem(StrEnum):
    NOT_PDF = "not_pdf"
    NO_SIGNATURE = "no_signature"
    OTHER_KEY = "other_key"
    ALTERED = "altered"


REASONS = {
    Problem.NOT_PDF: "This file is not a PDF.",
    Problem.NO_SIGNATURE: "This PDF carries no seal, so it was not issued here.",
    Problem.OTHER_KEY: "This PDF was sealed by someone else, not by this installation.",
    Problem.ALTERED: "This PDF was changed after it was issued (or is damaged).",
}


@dataclass(frozen=True)
class Check:
    ok: bool
    reason: str
    #: the verification code printed on the PDF, when ``ok``
    code: str | None = None
    problem: Problem | None = None


def _refused(problem: Problem) -> Check:
    return Check(ok=False, reason=REASONS[problem], problem=problem)


def check(pdf_bytes: bytes, cert: x509.Certificate) -> Check:
    """Whether ``pdf_bytes`` is intact and sealed by ``cert``'s key, and the code it names."""
    if not pdf_bytes.startswith(b"%PDF-"):
        return _refused(Problem.NOT_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 (any parse failure of a one-byte change means "damaged")
        log.info("An uploaded PDF could not be read", exc_info=True)
        return _refused(Problem.ALTERED)
    if not signatures:
        return _refused(Problem.NO_SIGNATURE)
    problem = _seal_problem(signatures[0], asn1_cert(cert), pdf_bytes)
    if problem is not None:
        return _refused(problem)
    code = _code_in(reader)
    if code is None:
        return _refused(Problem.OTHER_KEY)
    return Check(ok=True, reason="This PDF was issued here and has not changed since.", code=code)


def _seal_problem(
    signature: EmbeddedPdfSignature, ours: asn1_x509.Certificate, pdf_bytes: bytes
) -> Problem | None:
    try:
        if signature.signer_cert.dump() != ours.dump():
            return Problem.OTHER_KEY
        if not _container_is_exactly_ours(signature, ours, pdf_bytes):
            return Problem.ALTERED
        context = ValidationContext(trust_roots=[ours])
        status = finish(lambda: async_validate_pdf_signature(signature, context))
    except Exception:  # noqa: BLE001 (a broken signature blob is an altered file)
        log.info("A PDF's seal could not be validated", exc_info=True)
        return Problem.ALTERED
    if not (status.intact and status.valid):
        return Problem.ALTERED
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return Problem.ALTERED  # something was appended after the seal
    if not status.trusted:
        return Problem.OTHER_KEY
    return None


def _container_is_exactly_ours(
    signature: EmbeddedPdfSignature, ours: asn1_x509.Certificate, pdf_bytes: bytes
) -> bool:
    """The signature's container holds only what ``seal`` puts there, encoded one way.

    The seal's signed bytes are the whole file except the container itself, so a byte
    changed in a part of the container the signature does not cover (a second copy of a
    certificate, the zero padding, a version number) would pass pyHanko's validation.
    """
    _, gap_start, gap_end, _ = (int(number) for number in signature.byte_range)
    if not _HEX_STRING.fullmatch(pdf_bytes[gap_start:gap_end]):
        return False  # e.g. a digit turned into a space, which PDF readers skip, or "A" into "a"
    raw = bytes(signature.sig_object["/Contents"])
    container = cms.ContentInfo.load(raw)
    der = container.dump(force=True)
    if raw[: len(der)] != der or raw[len(der) :].strip(b"\0"):
        return False
    signed = container["content"]
    certificates = [choice.chosen.dump() for choice in signed["certificates"]]
    (signer,) = signed["signer_infos"]
    digests = [algorithm["algorithm"].native for algorithm in signed["digest_algorithms"]]
    sid = signer["sid"].chosen
    return (
        certificates == [ours.dump()]
        # Names match case-insensitively: compare the bytes, or "VMS" could become "vMS".
        and sid["issuer"].dump() == ours.issuer.dump()
        and sid["serial_number"].native == ours.serial_number
        and signed["version"].native == "v1"
        and signer["version"].native == "v1"
        and digests == ["sha256"]
        and signed["crls"].native is None
        and signer["unsigned_attrs"].native is None
    )


def _code_in(reader: PdfFileReader) -> str | None:
    try:
        keywords = str(reader.trailer["/Info"]["/Keywords"])
    except (KeyError, TypeError):
        return None
    for word in keywords.split():
        if word.startswith(CODE_KEYWORD):
            return word[len(CODE_KEYWORD) :] or None
    return None
