"""What an agreement's printable evidence holds, as plain data (pure: no Flask, no database).

The web's side (``services``/``queries``) builds an ``AgreementDocument`` from the tables;
``pdf`` draws it and ``seal`` signs the PDF; the verification page shows ``Verified`` and no
more. Times are UTC-aware; ``zone`` is the IANA zone the reader sees them in, named beside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Section:
    """One part of the agreement's text or of the one-page plan: a heading and its words."""

    heading: str
    body: str


@dataclass(frozen=True)
class SignatureEvidence:
    party: str  #: the party's role in words, e.g. "Member", "Peer mentor", "Lead mentor"
    name: str  #: the account's full name
    typed_name: str
    signed_at: datetime
    ip_address: str
    user_agent: str
    #: SHA-256 (hex) of the exact text shown when signing
    text_sha256: str
    superseded: bool = False


@dataclass(frozen=True)
class TrailEntry:
    at: datetime
    what: str  #: e.g. "created", "sent", "viewed", "signed", "superseded", "completed"
    who: str
    ip_address: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class AgreementDocument:
    program: str
    title: str
    version: int
    status: str
    #: the agreement's text as shown to the signers (its SHA-256 is ``text_sha256``)
    sections: tuple[Section, ...]
    plan: tuple[Section, ...]
    text_sha256: str
    signatures: tuple[SignatureEvidence, ...]
    trail: tuple[TrailEntry, ...]
    #: printed on the PDF (and as a QR code) for the public verification page
    verification_code: str
    verification_url: str
    issued_at: datetime
    zone: str = "UTC"
    language: str = "en"
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verified:
    """What the public verification page may say about an issued agreement: nothing more."""

    title: str
    program: str
    issued_at: datetime
    #: (name, party, signed_at) of each current signature
    signed_by: tuple[tuple[str, str, datetime], ...]
