"""The installation's signing key and certificate (vms.agreements.keys)."""

from __future__ import annotations

import os
import stat
import threading
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from vms.agreements import keys


def _public(identity: keys.SigningIdentity) -> bytes:
    return identity.key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def test_a_generated_certificate_is_self_signed_for_signing_documents_for_ten_years():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    identity = keys.generate("VMS at vms.example.org", now=now)
    cert = identity.cert

    assert isinstance(identity.key, ec.EllipticCurvePrivateKey)
    assert cert.subject == cert.issuer
    cert.verify_directly_issued_by(cert)
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == (
        "VMS at vms.example.org"
    )
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    assert (
        keys.DOCUMENT_SIGNING
        in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    )
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.not_valid_before_utc <= now
    assert cert.not_valid_after_utc - now >= timedelta(days=3650)


def test_the_key_is_generated_once_kept_private_and_reused(tmp_path):
    first = keys.load_or_create(str(tmp_path), "VMS")
    path = tmp_path / keys.GENERATED_FILE

    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = keys.load_or_create(str(tmp_path), "VMS")
    assert _public(again) == _public(first)
    assert again.cert == first.cert
    assert os.listdir(tmp_path) == [keys.GENERATED_FILE]


def test_two_processes_generating_at_once_end_with_one_key(tmp_path, monkeypatch):
    """Both find no key and both generate one; the first linked wins, for both."""
    both_generated = threading.Barrier(2, timeout=10)
    generate = keys.generate

    def generate_then_wait(installation, now=None):
        identity = generate(installation, now)
        both_generated.wait()
        return identity

    monkeypatch.setattr(keys, "generate", generate_then_wait)
    results: list[keys.SigningIdentity] = []
    threads = [threading.Thread(target=lambda: results.append(
        keys.load_or_create(str(tmp_path), "VMS"))) for _ in range(2)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert len(results) == 2
    assert _public(results[0]) == _public(results[1])
    assert os.listdir(tmp_path) == [keys.GENERATED_FILE]
    with open(tmp_path / keys.GENERATED_FILE, "rb") as stored:
        assert _public(keys.from_pem(stored.read())) == _public(results[0])


def test_the_app_keeps_its_key_in_the_instance_folder(app):
    identity = keys.signing_identity()

    assert os.path.exists(os.path.join(app.instance_path, keys.GENERATED_FILE))
    assert keys.signing_identity() is identity
    name = identity.cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert name == keys.installation_name()


def test_a_configured_key_and_certificate_are_used(make_app, tmp_path):
    identity = keys.generate("Configured University")
    key_path, cert_path = tmp_path / "seal.key", tmp_path / "seal.crt"
    key_path.write_bytes(keys.to_pem(identity).split(b"-----BEGIN CERTIFICATE")[0])
    cert_path.write_bytes(identity.cert.public_bytes(serialization.Encoding.PEM))
    configured = make_app(AGREEMENTS_SIGNING_KEY=str(key_path),
                          AGREEMENTS_SIGNING_CERT=str(cert_path))  # fmt: skip

    with configured.app_context():
        used = keys.signing_identity()

    assert used.cert == identity.cert and _public(used) == _public(identity)
    assert not os.path.exists(os.path.join(configured.instance_path, keys.GENERATED_FILE))


def test_a_key_without_its_certificate_is_refused(make_app, tmp_path):
    configured = make_app(AGREEMENTS_SIGNING_KEY=str(tmp_path / "seal.key"))

    with configured.app_context(), pytest.raises(RuntimeError, match="both"):
        keys.signing_identity()


def test_a_signing_file_without_a_certificate_is_refused():
    key_only = keys.to_pem(keys.generate("VMS")).split(b"-----BEGIN CERTIFICATE")[0]
    with pytest.raises(ValueError, match="CERTIFICATE"):
        keys.from_pem(key_only)
