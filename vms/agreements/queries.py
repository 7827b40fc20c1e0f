"""Reading agreements: who may see one, the pages' data, and the evidence's document.

``document_for`` and ``verified_by_code`` are the contract with the evidence half (pdf, seal,
verify): they turn the tables into the plain dataclasses of ``vms.agreements.document``.
Every page loads what it shows in a fixed number of statements (selectinload), whatever the
number of agreements, signatures or trail lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import abort, current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from vms.agreements.document import (
    AgreementDocument,
    Section,
    SignatureEvidence,
    TrailEntry,
    Verified,
)
from vms.agreements.models import (
    Agreement,
    AgreementCheckIn,
    AgreementEvent,
    AgreementParty,
    AgreementSignature,
    AgreementStatus,
    AgreementVersion,
    canonical_text,
    text_sha256,
)
from vms.auth.models import Role, User
from vms.auth.policy import roles_in
from vms.cohorts.models import Program, Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.extensions import db
from vms.i18n import select_timezone
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent

#: Out for signature longer than this is "waiting too long" on the coordinator's list.
WAITING_TOO_LONG = timedelta(days=7)
#: An active agreement is due a check-in after this long without one.
CHECK_IN_EVERY = timedelta(days=30)
#: "Ending soon" on the coordinator's list.
ENDING_WITHIN = timedelta(days=30)


def is_coordinator(program: Program, user: User) -> bool:
    return Role.COORDINATOR in roles_in(user, program.id)


def _page_options():
    return (
        selectinload(Agreement.parties).selectinload(AgreementParty.user),
        selectinload(Agreement.versions),
        selectinload(Agreement.template),
    )


def agreement_for(program: Program, agreement_id: int, user: User) -> Agreement:
    """The agreement if ``user`` may see it (a party, or the program's coordinator); else 404."""
    agreement = db.session.scalar(
        select(Agreement).where(Agreement.id == agreement_id, Agreement.program_id == program.id)
        .options(*_page_options())
    )  # fmt: skip
    if agreement is None:
        abort(404)
    if agreement.party_of(user) is None and not is_coordinator(program, user):
        abort(404)
    return agreement


def signatures_of(agreement: Agreement) -> list[AgreementSignature]:
    return list(db.session.scalars(
        select(AgreementSignature).where(AgreementSignature.agreement_id == agreement.id)
        .options(selectinload(AgreementSignature.user), selectinload(AgreementSignature.version))
        .order_by(AgreementSignature.signed_at, AgreementSignature.id)
    ))  # fmt: skip


def trail_of(agreement: Agreement) -> list[AgreementEvent]:
    return list(db.session.scalars(
        select(AgreementEvent).where(AgreementEvent.agreement_id == agreement.id)
        .options(selectinload(AgreementEvent.user))
        .order_by(AgreementEvent.at, AgreementEvent.id)
    ))  # fmt: skip


def check_ins_of(agreement: Agreement) -> list[AgreementCheckIn]:
    return list(db.session.scalars(
        select(AgreementCheckIn).where(AgreementCheckIn.agreement_id == agreement.id)
        .options(selectinload(AgreementCheckIn.user))
        .order_by(AgreementCheckIn.created_at.desc(), AgreementCheckIn.id.desc())
    ))  # fmt: skip


def agreements_of(user: User, program: Program) -> list[Agreement]:
    """The agreements ``user`` is a party to in ``program``, newest first."""
    return list(db.session.scalars(
        select(Agreement).join(AgreementParty)
        .where(Agreement.program_id == program.id, AgreementParty.user_id == user.id)
        .options(*_page_options()).order_by(Agreement.created_at.desc(), Agreement.id.desc())
    ))  # fmt: skip


@dataclass(frozen=True)
class ListedAgreement:
    agreement: Agreement
    last_check_in: datetime | None
    signed_user_ids: frozenset[int]
    waiting_too_long: bool
    check_in_due: bool
    ending_soon: bool


def coordinator_list(program: Program, now: datetime) -> list[ListedAgreement]:
    """Every agreement of the program with what needs the coordinator's attention."""
    agreements = db.session.scalars(
        select(Agreement).where(Agreement.program_id == program.id)
        .options(*_page_options()).order_by(Agreement.created_at.desc(), Agreement.id.desc())
    ).all()  # fmt: skip
    ids = [a.id for a in agreements]
    last = dict(db.session.execute(
        select(AgreementCheckIn.agreement_id, func.max(AgreementCheckIn.created_at))
        .where(AgreementCheckIn.agreement_id.in_(ids)).group_by(AgreementCheckIn.agreement_id)
    ).all()) if ids else {}  # fmt: skip
    signed = _signed_current(ids)
    return [_listed(a, last.get(a.id), signed.get(a.id, frozenset()), now) for a in agreements]


def _signed_current(ids: list[int]) -> dict[int, frozenset[int]]:
    """Who signed each agreement's current (not superseded) version."""
    if not ids:
        return {}
    rows = db.session.execute(
        select(AgreementSignature.agreement_id, AgreementSignature.user_id)
        .join(AgreementVersion, AgreementVersion.id == AgreementSignature.version_id)
        .where(AgreementSignature.agreement_id.in_(ids), AgreementVersion.superseded_at.is_(None))
    ).all()  # fmt: skip
    signed: dict[int, set[int]] = {}
    for agreement_id, user_id in rows:
        signed.setdefault(agreement_id, set()).add(user_id)
    return {key: frozenset(value) for key, value in signed.items()}


def _listed(agreement: Agreement, last: datetime | None, signed: frozenset[int],
            now: datetime) -> ListedAgreement:  # fmt: skip
    status = agreement.status
    waiting = status is AgreementStatus.OUT_FOR_SIGNATURE and (
        agreement.sent_at is not None and now - agreement.sent_at > WAITING_TOO_LONG
    )
    since = last or agreement.activated_at
    due = status is AgreementStatus.ACTIVE and since is not None and now - since > CHECK_IN_EVERY
    ending = (status is AgreementStatus.ACTIVE and agreement.ends_on is not None
              and agreement.ends_on <= (now + ENDING_WITHIN).date())  # fmt: skip
    return ListedAgreement(agreement, last, signed, waiting, due, ending)


def agreement_title(agreement: Agreement) -> str:
    names = " · ".join(party.user.name for party in agreement.parties)
    return f"{agreement.template.title}: {names}"


def document_for(agreement: Agreement) -> AgreementDocument:
    """The agreement as printable evidence, in the reader's language and zone."""
    version = agreement.current_version
    if version is not None:
        sections, plan, sha = version.sections, version.plan, version.text_sha256
    else:  # a draft: the text as it stands, not yet frozen
        sections, plan = agreement.compose()
        sha = text_sha256(canonical_text(sections, plan))
    program = db.session.get(Program, agreement.program_id)
    return AgreementDocument(
        program=program.name, title=agreement_title(agreement),
        version=version.number if version else 0, status=agreement.status.label,
        sections=tuple(Section(h, b) for h, b in sections),
        plan=tuple(Section(h, b) for h, b in plan), text_sha256=sha,
        signatures=tuple(_evidence(s) for s in signatures_of(agreement)),
        trail=tuple(_trail_entry(e) for e in trail_of(agreement)),
        verification_code=agreement.verification_code,
        verification_url=verification_url(agreement.verification_code),
        issued_at=issued_at(agreement), zone=select_timezone(), language=str(get_locale() or "en"),
        labels=_labels(),
    )  # fmt: skip


def _evidence(signature: AgreementSignature) -> SignatureEvidence:
    return SignatureEvidence(
        party=signature.role.label, name=signature.user.name, typed_name=signature.typed_name,
        signed_at=signature.signed_at, ip_address=signature.ip_address,
        user_agent=signature.user_agent, text_sha256=signature.text_sha256,
        superseded=signature.superseded,
    )  # fmt: skip


def _trail_entry(entry: AgreementEvent) -> TrailEntry:
    what = entry.kind.label
    if entry.version_number:
        what = _("%(what)s (version %(number)d)", what=what, number=entry.version_number)
    return TrailEntry(at=entry.at, what=what, who=entry.user.name if entry.user else "VMS",
                      ip_address=entry.ip_address, user_agent=entry.user_agent)  # fmt: skip


def _labels() -> dict[str, str]:
    return {"plan": _("One-page plan"), "signatures": _("Signatures"), "trail": _("Audit trail"),
            "sha256": _("SHA-256 of the text"), "code": _("Verification code"),
            "superseded": _("Superseded"), "version": _("Version")}  # fmt: skip


def verification_url(code: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/verify?code={code}"


def issued_at(agreement: Agreement) -> datetime:
    """When the current text was issued: activation, else the version's sending, else creation."""
    version = agreement.current_version
    return agreement.activated_at or (version.created_at if version else agreement.created_at)


def verified_by_code(code: str) -> Verified | None:
    """What the public page may say about an issued agreement; None for an unknown code."""
    code = "".join((code or "").split()).upper()
    if not code:
        return None
    agreement = db.session.scalar(
        select(Agreement).where(Agreement.verification_code == code)
        .options(*_page_options())
    )  # fmt: skip
    if agreement is None or agreement.current_version is None:  # a draft is not issued
        return None
    program = db.session.get(Program, agreement.program_id)
    current = [s for s in signatures_of(agreement) if not s.superseded]
    return Verified(
        title=agreement.template.title,
        program=program.name,
        issued_at=issued_at(agreement),
        signed_by=tuple((s.user.name, s.role.label, s.signed_at) for s in current),
    )


def makeable_subjects(program: Program, user: User, coordinator: bool) -> list[tuple[str, str]]:
    """Published pairs and teams without an open agreement, as (form value, label): all of the
    program's for a coordinator, else the ones ``user`` would be a party to."""
    open_ = Agreement.status.not_in((AgreementStatus.COMPLETED, AgreementStatus.ENDED))
    pairs = (select(PeerPair).join(PeerEvent).where(
        PeerEvent.program_id == program.id, PeerPair.published_at.is_not(None),
        ~select(Agreement.id).where(Agreement.peer_pair_id == PeerPair.id, open_).exists(),
    ).options(selectinload(PeerPair.member), selectinload(PeerPair.mentor)))  # fmt: skip
    teams = (select(Team).where(
        Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED,
        ~select(Agreement.id).where(Agreement.team_id == Team.id, open_).exists(),
    ).options(selectinload(Team.venture)))  # fmt: skip
    if not coordinator:
        pairs = pairs.where((PeerPair.member_id == user.id) | (PeerPair.mentor_id == user.id))
        mine = select(TeamMember.team_id).where(TeamMember.mentor_id == user.id).union(
            select(Team.id).join(Venture, Venture.id == Team.venture_id)
            .join(VentureFounder, VentureFounder.venture_id == Venture.id)
            .where(VentureFounder.user_id == user.id))  # fmt: skip
        teams = teams.where(Team.id.in_(mine))
    choices = [(f"pair-{p.id}", _("Peer pair: %(member)s and %(mentor)s",
                                  member=p.member.name, mentor=p.mentor.name))
               for p in db.session.scalars(pairs.order_by(PeerPair.id))]  # fmt: skip
    choices += [(f"team-{t.id}", _("Venture team: %(venture)s", venture=t.venture.name))
                for t in db.session.scalars(teams.order_by(Team.id))]  # fmt: skip
    return choices
