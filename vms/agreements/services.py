"""Making agreements, filling them in, sending, signing, check-ins, ending and renewing.

Services flush; the view commits. Every event leaves a line in the audit trail with the
person, their IP address and user agent (``Client``). Signing locks the agreement first, so
two clicks at once sign once (vms.row_locks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from blinker import Namespace
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms.agreements.models import (
    Agreement,
    AgreementCheckIn,
    AgreementEvent,
    AgreementKind,
    AgreementParty,
    AgreementSignature,
    AgreementStatus,
    PartyRole,
    TrailKind,
)
from vms.agreements.seeds import current_template
from vms.auth.models import User
from vms.cohorts.models import Program, VentureFounder
from vms.cohorts.teams.models import Team, TeamStatus
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.row_locks import lock
from vms.states import IllegalTransition

#: Sent with the agreement as sender when it is completed or ended early (the exit survey
#: follows: vms.evidence.surveys).
agreement_closed = Namespace().signal("agreement-closed")


class AgreementRefused(Exception):
    """A rule said no; ``field`` names the form field the reason goes next to (or None)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Client:
    """Where a request came from, for the trail and the signature's evidence."""

    ip_address: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class SignInput:
    typed_name: str
    consent: bool
    #: The version and the hash of the text the signer was shown.
    version_number: int
    shown_sha256: str


#: The parts each side fills in; either side (and the coordinator) fills the shared ones.
SEEKER_PARTS = ("seeks", "plan_three_years", "plan_next_year", "plan_six_months")
PROVIDER_PARTS = ("provides",)
SHARED_PARTS = ("boundaries", "cadence", "hours_per_month", "monthly_sum")


def today_in(program: Program, now: datetime) -> date:
    return now.astimezone(ZoneInfo(program.timezone)).date()


def record(agreement: Agreement, kind: TrailKind, user: User | None, client: Client,
           now: datetime, version_number: int | None = None) -> AgreementEvent:  # fmt: skip
    entry = AgreementEvent(agreement_id=agreement.id, kind=kind, at=now,
                           user_id=user.id if user else None,
                           version_number=version_number, ip_address=client.ip_address[:45],
                           user_agent=client.user_agent[:300])  # fmt: skip
    db.session.add(entry)
    return entry


def pair_parties(pair: PeerPair) -> list[tuple[int, PartyRole]]:
    return [(pair.member_id, PartyRole.MEMBER), (pair.mentor_id, PartyRole.PEER_MENTOR)]


def team_parties(team: Team) -> list[tuple[int, PartyRole]]:
    founders = db.session.scalars(
        select(VentureFounder.user_id).where(VentureFounder.venture_id == team.venture_id,
                                             VentureFounder.user_id.is_not(None))
        .order_by(VentureFounder.id)
    ).all()  # fmt: skip
    return [(uid, PartyRole.FOUNDER) for uid in founders] + [
        (member.mentor_id, PartyRole.MENTOR) for member in team.members
    ]


def _open_agreement_for(column, value: int) -> Agreement | None:
    closed = (AgreementStatus.COMPLETED, AgreementStatus.ENDED)
    return db.session.scalar(
        select(Agreement).where(column == value, Agreement.status.not_in(closed)).limit(1)
    )


def make_for_pair(program: Program, pair: PeerPair, actor: User, client: Client,
                  now: datetime) -> Agreement:  # fmt: skip
    if pair.published_at is None or pair.event.program_id != program.id:
        raise AgreementRefused(_("Agreements are made for published pairs only."))
    if _open_agreement_for(Agreement.peer_pair_id, pair.id):
        raise AgreementRefused(_("This pair already has an agreement."))
    return _make(program, AgreementKind.PEER, pair_parties(pair), actor, client, now,
                 peer_pair_id=pair.id)  # fmt: skip


def make_for_team(program: Program, team: Team, actor: User, client: Client,
                  now: datetime) -> Agreement:  # fmt: skip
    if team.status is not TeamStatus.PUBLISHED or team.program_id != program.id:
        raise AgreementRefused(_("Agreements are made for published teams only."))
    if _open_agreement_for(Agreement.team_id, team.id):
        raise AgreementRefused(_("This team already has an agreement."))
    parties = team_parties(team)
    if not any(role is PartyRole.FOUNDER for _, role in parties):
        raise AgreementRefused(_("No founder of this venture has an account yet."))
    return _make(program, AgreementKind.TEAM, parties, actor, client, now, team_id=team.id)


def _make(program: Program, kind: AgreementKind, parties, actor: User, client: Client,
          now: datetime, **link) -> Agreement:  # fmt: skip
    template = current_template(program, kind)
    agreement = Agreement(program_id=program.id, template=template, kind=kind,
                          term_months=template.term_months, created_by_id=actor.id,
                          created_at=now, **link)  # fmt: skip
    agreement.parties = [AgreementParty(user_id=uid, role=role) for uid, role in parties]
    db.session.add(agreement)
    db.session.flush()
    record(agreement, TrailKind.CREATED, actor, client, now)
    return agreement


def parts_for(party: AgreementParty | None, coordinator: bool) -> tuple[str, ...]:
    """The parts this person may fill in: their side's and the shared ones (a coordinator all)."""
    if coordinator and party is None:
        return SEEKER_PARTS + PROVIDER_PARTS + SHARED_PARTS
    side = SEEKER_PARTS if party is not None and party.role.seeks else PROVIDER_PARTS
    return side + SHARED_PARTS


def fill_in(agreement: Agreement, allowed: tuple[str, ...], values: dict, user: User,
            client: Client, now: datetime) -> None:  # fmt: skip
    """Save the parts; out for signature a changed text becomes a version everyone signs again."""
    lock(agreement)
    if not agreement.editable:
        raise AgreementRefused(_("This agreement can no longer be changed."))
    for name in allowed:
        if name in values:
            setattr(agreement, name, values[name])
    before = agreement.current_version
    version = agreement.revise(now)
    if version is not None and before is not None:
        record(agreement, TrailKind.SUPERSEDED, user, client, now, before.number)
        record(agreement, TrailKind.SENT, user, client, now, version.number)
    db.session.flush()


def send_for_signature(agreement: Agreement, user: User, client: Client, now: datetime) -> None:
    lock(agreement)
    if agreement.status is not AgreementStatus.DRAFT:
        raise AgreementRefused(_("This agreement was already sent for signature."))
    version = agreement.send(now)
    db.session.flush()
    record(agreement, TrailKind.SENT, user, client, now, version.number)


def sign(agreement: Agreement, user: User, given: SignInput, client: Client,
         now: datetime) -> AgreementSignature:  # fmt: skip
    """Sign the current version; every refusal says why, next to its field."""
    lock(agreement)
    party = agreement.party_of(user)
    if party is None:
        raise AgreementRefused(_("Only the parties sign this agreement."))
    version = agreement.current_version
    if agreement.status is not AgreementStatus.OUT_FOR_SIGNATURE or version is None:
        raise AgreementRefused(_("This agreement is not waiting for signatures."))
    if given.version_number != version.number or given.shown_sha256 != version.text_sha256:
        raise AgreementRefused(
            _("The text changed since you opened it: read the new version and sign again.")
        )
    if _signed(version.id, user.id):
        raise AgreementRefused(_("You have already signed this version."))
    _check_signer_input(user, given)
    signature = AgreementSignature(
        agreement_id=agreement.id, version_id=version.id, user_id=user.id, role=party.role,
        typed_name=given.typed_name.strip(), consent=True, signed_at=now,
        ip_address=client.ip_address[:45], user_agent=client.user_agent[:300],
        text_sha256=version.text_sha256,
    )  # fmt: skip
    db.session.add(signature)
    try:
        db.session.flush()
    except IntegrityError:  # a second worker signed between our check and write
        db.session.rollback()
        raise AgreementRefused(_("You have already signed this version.")) from None
    record(agreement, TrailKind.SIGNED, user, client, now, version.number)
    _activate_if_everyone_signed(agreement, version.id, user, client, now)
    return signature


def _check_signer_input(user: User, given: SignInput) -> None:
    if not given.consent:
        raise AgreementRefused(_("Tick the box to agree to sign electronically."), "consent")
    if same_name(given.typed_name) != same_name(user.name):
        raise AgreementRefused(
            _("Type your full name as it is on your account: %(name)s.", name=user.name),
            "typed_name",
        )


def same_name(name: str) -> str:
    """Names compared without regard to case or spacing."""
    return " ".join(name.split()).casefold()


def _signed(version_id: int, user_id: int) -> bool:
    return db.session.scalar(
        select(AgreementSignature.id).where(AgreementSignature.version_id == version_id,
                                            AgreementSignature.user_id == user_id)
    ) is not None  # fmt: skip


def _activate_if_everyone_signed(agreement: Agreement, version_id: int, user: User,
                                 client: Client, now: datetime) -> None:  # fmt: skip
    signed = set(db.session.scalars(
        select(AgreementSignature.user_id).where(AgreementSignature.version_id == version_id)
    ))  # fmt: skip
    program = db.session.get(Program, agreement.program_id)
    if agreement.activate_if_signed(signed, today_in(program, now), now):
        record(agreement, TrailKind.ACTIVATED, None, client, now,
               agreement.current_version.number)  # fmt: skip


def record_view(agreement: Agreement, user: User, client: Client, now: datetime) -> bool:
    """A "viewed" line once per person and version (drafts have no version to view)."""
    version = agreement.current_version
    if version is None:
        return False
    seen = db.session.scalar(
        select(AgreementEvent.id).where(AgreementEvent.agreement_id == agreement.id,
                                        AgreementEvent.kind == TrailKind.VIEWED,
                                        AgreementEvent.user_id == user.id,
                                        AgreementEvent.version_number == version.number)
        .limit(1)
    )  # fmt: skip
    if seen is not None:
        return False
    record(agreement, TrailKind.VIEWED, user, client, now, version.number)
    return True


def add_check_in(agreement: Agreement, user: User, went_well: str, did_not: str,
                 next_step: str, now: datetime) -> AgreementCheckIn:  # fmt: skip
    if agreement.party_of(user) is None:
        raise AgreementRefused(_("Only the parties check in on this agreement."))
    if agreement.status is not AgreementStatus.ACTIVE:
        raise AgreementRefused(_("Check-ins are for active agreements."))
    check_in = AgreementCheckIn(agreement_id=agreement.id, user_id=user.id, went_well=went_well,
                                did_not=did_not, next_step=next_step, created_at=now)  # fmt: skip
    db.session.add(check_in)
    db.session.flush()
    return check_in


def end_early(agreement: Agreement, user: User, reason: str, client: Client,
              now: datetime) -> None:  # fmt: skip
    lock(agreement)
    if not reason.strip():
        raise AgreementRefused(_("Say why the agreement ends early."), "reason")
    try:
        agreement.end_early(reason, now)
    except IllegalTransition:
        raise AgreementRefused(
            _("Only an agreement out for signature or active can end early.")
        ) from None
    record(agreement, TrailKind.ENDED, user, client, now)
    agreement_closed.send(agreement)


def complete(agreement: Agreement, user: User, client: Client, now: datetime) -> None:
    lock(agreement)
    program = db.session.get(Program, agreement.program_id)
    try:
        agreement.complete(today_in(program, now), now)
    except IllegalTransition:
        raise AgreementRefused(
            _("An active agreement is completed at the end of its term; end it early instead.")
        ) from None
    record(agreement, TrailKind.COMPLETED, user, client, now)
    agreement_closed.send(agreement)


def renew(agreement: Agreement, user: User, client: Client, now: datetime) -> Agreement:
    """A new term from the program's current text: a draft for the same parties."""
    lock(agreement)
    program = db.session.get(Program, agreement.program_id)
    try:
        renewed = agreement.renewal(current_template(program, agreement.kind), user)
    except IllegalTransition:
        raise AgreementRefused(_("Only a completed agreement is renewed.")) from None
    renewed.created_at = now
    db.session.add(renewed)
    db.session.flush()
    record(agreement, TrailKind.RENEWED, user, client, now)
    record(renewed, TrailKind.CREATED, user, client, now)
    return renewed
