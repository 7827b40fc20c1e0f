"""The installation's own signing key and certificate, which seal every agreement's PDF.

Configured with ``AGREEMENTS_SIGNING_KEY`` and ``AGREEMENTS_SIGNING_CERT`` (paths to PEM
files), or else generated once: an ECDSA P-256 key and a self-signed certificate naming the
installation, valid ten years, kept together in one file in the instance folder (mode 0600).
One file, so the key and its certificate appear together or not at all; it is written to a
temporary name and hard-linked into place, which fails rather than overwrites, so two
processes starting at once both end up with whichever key was linked first.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import NameOID, ObjectIdentifier
from flask import current_app

GENERATED_FILE = "agreements-signing.pem"
VALID_FOR = timedelta(days=3652)
#: id-kp-documentSigning (RFC 9336): what the certificate is for, and nothing else.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z ]+)-----.+?-----END \1-----\s*", re.DOTALL)


@dataclass(frozen=True)
class SigningIdentity:
    key: PrivateKeyTypes
    cert: x509.Certificate


def signing_identity() -> SigningIdentity:
    """This installation's key and certificate: the configured ones, else the generated one."""
    cached = current_app.extensions.get("agreements_signing")
    if cached is None:
        cached = _configured() or load_or_create(current_app.instance_path, installation_name())
        current_app.extensions["agreements_signing"] = cached
    return cached


def installation_name() -> str:
    """Who the self-signed certificate names: the host of the site's public address."""
    host = urlsplit(current_app.config.get("BASE_URL") or "").hostname
    return f"VMS at {host}" if host else "VMS"


def _configured() -> SigningIdentity | None:
    key_path = current_app.config.get("AGREEMENTS_SIGNING_KEY")
    cert_path = current_app.config.get("AGREEMENTS_SIGNING_CERT")
    if not key_path and not cert_path:
        return None
    if not (key_path and cert_path):
        raise RuntimeError(
            "Set both AGREEMENTS_SIGNING_KEY and AGREEMENTS_SIGNING_CERT, or neither "
            "(then VMS generates its own key and self-signed certificate)."
        )
    with open(key_path, "rb") as key_file, open(cert_path, "rb") as cert_file:
        key = serialization.load_pem_private_key(key_file.read(), password=None)
        cert = x509.load_pem_x509_certificate(cert_file.read())
    return SigningIdentity(key, cert)


def load_or_create(folder: str, installation: str) -> SigningIdentity:
    """The key kept in ``folder``, generated and stored first if there is none yet."""
    path = os.path.join(folder, GENERATED_FILE)
    if not os.path.exists(path):
        os.makedirs(folder, exist_ok=True)
        _store_unless_present(path, to_pem(generate(installation)))
    with open(path, "rb") as stored:
        return from_pem(stored.read())


def _store_unless_present(path: str, pem: bytes) -> None:
    """Write ``pem`` at ``path`` whole, unless another process got there first."""
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".signing-")
    try:
        # mkstemp creates the file 0600: the key is never readable by others, even briefly.
        with os.fdopen(handle, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        # Fails, rather than overwrites, when another process's key is there: then it won.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def generate(installation: str, now: datetime | None = None) -> SigningIdentity:
    """A new ECDSA P-256 key and a ten-year self-signed document-signing certificate."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = now or datetime.now(UTC)
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, f"{installation} agreements seal"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, installation),
    ])  # fmt: skip
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + VALID_FOR)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(key, cert)


def to_pem(identity: SigningIdentity) -> bytes:
    key = identity.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key + identity.cert.public_bytes(serialization.Encoding.PEM)


def from_pem(data: bytes) -> SigningIdentity:
    """The key and certificate from one PEM file holding both (in either order)."""
    blocks = {match.group(1).decode(): match.group(0) for match in _PEM_BLOCK.finditer(data)}
    if "PRIVATE KEY" not in blocks or "CERTIFICATE" not in blocks:
        raise ValueError("The signing file must hold a PRIVATE KEY and a CERTIFICATE.")
    key = serialization.load_pem_private_key(blocks["PRIVATE KEY"], password=None)
    return SigningIdentity(key, x509.load_pem_x509_certificate(blocks["CERTIFICATE"]))
