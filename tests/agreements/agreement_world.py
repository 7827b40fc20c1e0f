"""Helpers for the agreements' tests: the world's shape, an agreement filled in, a signature."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from vms.agreements import services
from vms.agreements.models import Agreement
from vms.agreements.services import Client, SignInput
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team
from vms.extensions import db
from vms.peer.choices.models import PeerPair

NOW = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)
CLIENT = Client("203.0.113.7", "pytest-browser/1.0")


@dataclass
class AgreementWorld:
    program: Program
    coordinator: User
    member: User
    peer: User
    pair: PeerPair
    founder: User
    mentors: list[User]
    team: Team
    outsider: User  # a member of the program who is no party


def peer_agreement(aw: AgreementWorld, sent: bool = True) -> Agreement:
    """The pair's agreement, filled in (and sent for signature unless ``sent`` is False)."""
    agreement = services.make_for_pair(aw.program, aw.pair, aw.coordinator, CLIENT, NOW)
    agreement.seeks, agreement.provides = "Help with pricing", "Ten years in retail"
    agreement.plan_three_years = "A shop in every town"
    agreement.hours_per_month, agreement.cadence = 4, "every other week"
    if sent:
        services.send_for_signature(agreement, aw.coordinator, CLIENT, NOW)
    db.session.commit()
    return agreement


def sign_as(agreement: Agreement, user: User, now: datetime = NOW, **changes):
    version = agreement.current_version
    given = SignInput(typed_name=changes.pop("typed_name", user.name),
                      consent=changes.pop("consent", True),
                      version_number=changes.pop("version_number", version.number),
                      shown_sha256=changes.pop("shown_sha256", version.text_sha256))  # fmt: skip
    return services.sign(agreement, user, given, CLIENT, now)


def purge_signatures() -> None:
    """On PostgreSQL the database refuses to delete signatures (migration bd4e5f6a7b84):
    after a test, say it is purging evidence on purpose, before the suite empties the tables."""
    db.session.rollback()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL vms.purging_evidence = 'on'"))
        db.session.execute(text("DELETE FROM agreement_signatures"))
        db.session.commit()
