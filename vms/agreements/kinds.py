"""The agreements' kinds and states with their labels, and the text's canonical form and hash.

Plain enums and functions (no tables): the models, services and the evidence share them.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import secrets

from vms.i18n import lazy_gettext as _l


class EvidenceIsFinal(Exception):
    """A published template, a version's text or a signature cannot be changed or deleted."""


class AgreementKind(enum.Enum):
    PEER = "peer"
    TEAM = "team"

    @property
    def label(self) -> str:
        return str({AgreementKind.PEER: _l("Peer mentoring agreement"),
                    AgreementKind.TEAM: _l("Venture team engagement")}[self])  # fmt: skip


class AgreementStatus(enum.Enum):
    DRAFT = "draft"
    OUT_FOR_SIGNATURE = "out_for_signature"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return str(_STATUS_LABELS[self])


_STATUS_LABELS = {
    AgreementStatus.DRAFT: _l("Draft"),
    AgreementStatus.OUT_FOR_SIGNATURE: _l("Out for signature"),
    AgreementStatus.ACTIVE: _l("Active"),
    AgreementStatus.COMPLETED: _l("Completed"),
    AgreementStatus.ENDED: _l("Ended early"),
}


class PartyRole(enum.Enum):
    MEMBER = "member"
    PEER_MENTOR = "peer_mentor"
    FOUNDER = "founder"
    MENTOR = "mentor"

    @property
    def label(self) -> str:
        return str(_PARTY_LABELS[self])

    @property
    def seeks(self) -> bool:
        """The side that seeks help (and writes the plan), not the side that provides it."""
        return self in (PartyRole.MEMBER, PartyRole.FOUNDER)


_PARTY_LABELS = {
    PartyRole.MEMBER: _l("Member"),
    PartyRole.PEER_MENTOR: _l("Peer mentor"),
    PartyRole.FOUNDER: _l("Founder"),
    PartyRole.MENTOR: _l("Mentor"),
}


class TrailKind(enum.Enum):
    CREATED = "created"
    SENT = "sent"
    VIEWED = "viewed"
    SIGNED = "signed"
    SUPERSEDED = "superseded"
    ACTIVATED = "activated"
    COMPLETED = "completed"
    ENDED = "ended"
    RENEWED = "renewed"

    @property
    def label(self) -> str:
        return str(_TRAIL_LABELS[self])


_TRAIL_LABELS = {
    TrailKind.CREATED: _l("Created"),
    TrailKind.SENT: _l("Sent for signature"),
    TrailKind.VIEWED: _l("Viewed"),
    TrailKind.SIGNED: _l("Signed"),
    TrailKind.SUPERSEDED: _l("Superseded by a new version"),
    TrailKind.ACTIVATED: _l("Active: every party signed"),
    TrailKind.COMPLETED: _l("Completed"),
    TrailKind.ENDED: _l("Ended early"),
    TrailKind.RENEWED: _l("Renewed"),
}


def new_verification_code() -> str:
    """Twelve base32 characters (60 random bits): printed on the PDF, never a row id."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")[:12]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_text(sections: list[list[str]], plan: list[list[str]]) -> str:
    """The exact text a signer is shown and its hash covers: headings and bodies, in order."""
    parts = [f"{heading}\n\n{body}" for heading, body in [*sections, *plan]]
    return "\n\n".join(parts)


class ReminderKind(enum.Enum):
    UNSIGNED = "unsigned"
    CHECK_IN_DUE = "check_in_due"
    TERM_ENDING = "term_ending"
