"""The installation's PAdES seal on an agreement's PDF (pyHanko; no Flask, no database).

A certification signature that allows no changes: any PDF reader then shows who sealed the
document and whether it changed since. The key and certificate come from ``keys``.
"""

from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from vms.agreements.awaiting import finish

SIGNATURE_FIELD = "AgreementSeal"
REASON = "Issued by this installation: any change after sealing breaks the seal."


def seal(pdf_bytes: bytes, key: PrivateKeyTypes, cert: x509.Certificate) -> bytes:
    """``pdf_bytes`` with a PAdES (ETSI.CAdES.detached) signature by ``key`` appended."""
    signing_cert = asn1_cert(cert)
    signer = signers.SimpleSigner(
        signing_cert=signing_cert,
        signing_key=_asn1_key(key),
        # Nothing besides the signing certificate itself: ``verify`` refuses any other.
        cert_registry=SimpleCertificateStore(),
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=REASON,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    out = finish(lambda: signers.async_sign_pdf(writer, metadata, signer=signer))
    return out.getvalue()


def asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    """The certificate as pyHanko (asn1crypto) holds it."""
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(key: PrivateKeyTypes) -> asn1_keys.PrivateKeyInfo:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)
