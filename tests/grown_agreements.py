"""The agreements part of a grown unit (tests/grown_world.py): active agreements for the
newcomers' pairs, one for the crawled team (its founders and mentors, the personas among
them, sign), one with the entrepreneur and peer-mentor personas as parties, each with its
signatures, trail and check-ins; and on the crawled agreements more trail lines, check-ins
(when active) and, out for signature, a new version of the text signed by its first party.

Rows are written directly, with real keys; statuses and versions are the models' own moves.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from vms.agreements.models import (
    Agreement,
    AgreementCheckIn,
    AgreementEvent,
    AgreementKind,
    AgreementParty,
    AgreementSignature,
    AgreementStatus,
    AgreementVersion,
    PartyRole,
    TrailKind,
)
from vms.agreements.seeds import current_template
from vms.agreements.services import team_parties
from vms.auth.models import Role, User
from vms.database import now_utc
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent

if TYPE_CHECKING:
    from tests.grown_world import Cast

#: New agreements for newcomers' pairs per unit.
PAIRS = 3
#: Trail lines added to each crawled agreement per unit.
VIEWS = 3
PARTY_ROLE = {Role.ENTREPRENEUR: PartyRole.MEMBER, Role.PEER_MENTOR: PartyRole.PEER_MENTOR}


def grow(cast: Cast, unit: int) -> None:
    when = now_utc() - timedelta(days=40 + unit)
    pairs = _pairs_without_agreements(cast)
    for pair in pairs[:PAIRS]:
        _active(cast, AgreementKind.PEER, [(pair.member_id, PartyRole.MEMBER),
                                           (pair.mentor_id, PartyRole.PEER_MENTOR)],
                when, peer_pair_id=pair.id)  # fmt: skip
    team = team_parties(cast.team)
    if any(role is PartyRole.FOUNDER for _uid, role in team):  # as the services require
        _active(cast, AgreementKind.TEAM, team, when, team_id=cast.team.id)
    personas = [(user.id, PARTY_ROLE[role]) for user, role in cast.others]
    if personas and pairs:
        partner = (pairs[-1].member_id, PartyRole.MEMBER)
        _active(cast, AgreementKind.PEER, list(dict([*personas, partner]).items()), when)
    for agreement in cast.agreements:
        _more_of(cast, agreement, unit, when)
    db.session.flush()


def _pairs_without_agreements(cast: Cast) -> list[PeerPair]:
    return list(db.session.scalars(
        select(PeerPair).join(PeerEvent)
        .where(PeerEvent.program_id == cast.program.id, PeerPair.published_at.is_not(None),
               PeerPair.id.not_in(select(Agreement.peer_pair_id)
                                  .where(Agreement.peer_pair_id.is_not(None))))
        .order_by(PeerPair.id)
    ))  # fmt: skip


def _active(cast: Cast, kind: AgreementKind, parties, when, **link) -> Agreement:
    """Made, sent, signed by every party, active, with a check-in by each party."""
    template = current_template(cast.program, kind)
    agreement = Agreement(program_id=cast.program.id, template=template, kind=kind,
                          term_months=template.term_months, created_by_id=cast.coordinators[0].id,
                          created_at=when, seeks="Grown seeks", provides="Grown provides",
                          cadence="monthly", hours_per_month=2, **link)  # fmt: skip
    agreement.parties = [AgreementParty(user_id=uid, role=role) for uid, role in parties]
    db.session.add(agreement)
    db.session.flush()
    version = agreement.send(when)
    db.session.flush()
    _trail(agreement, TrailKind.CREATED, None, when)
    _trail(agreement, TrailKind.SENT, None, when, version.number)
    for party in agreement.parties:
        _signature(agreement, version, party, when)
    agreement.activate_if_signed({p.user_id for p in agreement.parties}, when.date(), when)
    _trail(agreement, TrailKind.ACTIVATED, None, when, version.number)
    for party in agreement.parties:
        _check_in(agreement, party.user_id, "first", when + timedelta(days=20))
    return agreement


def _signature(agreement: Agreement, version: AgreementVersion, party: AgreementParty,
               when) -> None:  # fmt: skip
    user = db.session.get(User, party.user_id)
    db.session.add(AgreementSignature(
        agreement_id=agreement.id, version_id=version.id, user_id=user.id, role=party.role,
        typed_name=user.name, consent=True, signed_at=when, ip_address="127.0.0.1",
        user_agent="grown world", text_sha256=version.text_sha256,
    ))  # fmt: skip
    _trail(agreement, TrailKind.SIGNED, user.id, when, version.number)


def _trail(agreement: Agreement, kind: TrailKind, user_id: int | None, when,
           version_number: int | None = None) -> None:  # fmt: skip
    db.session.add(AgreementEvent(agreement_id=agreement.id, kind=kind, user_id=user_id, at=when,
                                  version_number=version_number, ip_address="127.0.0.1",
                                  user_agent="grown world"))  # fmt: skip


def _check_in(agreement: Agreement, user_id: int, label: str, when) -> None:
    db.session.add(AgreementCheckIn(agreement_id=agreement.id, user_id=user_id,
                                    went_well=f"Grown {label}", did_not="Grown did not",
                                    next_step="Grown next step", created_at=when))  # fmt: skip


def _more_of(cast: Cast, agreement: Agreement, unit: int, when) -> None:
    """More trail lines; check-ins when active; out for signature, a new version signed by
    the first party (the others still to sign, so the agreement stays as it was)."""
    version = agreement.current_version
    number = version.number if version else None
    for party in agreement.parties[:VIEWS]:
        _trail(agreement, TrailKind.VIEWED, party.user_id, when, number)
    if agreement.status is AgreementStatus.ACTIVE:
        for party in agreement.parties:
            _check_in(agreement, party.user_id, f"unit {unit}", when)
    if agreement.status is AgreementStatus.OUT_FOR_SIGNATURE:
        agreement.plan_six_months = f"Grown milestones {unit}"
        revised = agreement.revise(when)
        db.session.flush()
        _trail(agreement, TrailKind.SUPERSEDED, cast.coordinators[0].id, when, number)
        _trail(agreement, TrailKind.SENT, cast.coordinators[0].id, when, revised.number)
        _signature(agreement, revised, agreement.parties[0], when)
