"""Publishing principles, signing them, and who must sign (again)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import Select, bindparam, func, select

from vms import row_locks
from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.screening.principles.models import PrinciplesVersion, Signature, sha256_of

#: Signatures are re-affirmed every 12 months.
REAFFIRM_AFTER = timedelta(days=365)


class SignatureRefused(Exception):
    """Why a signature was not taken (a sentence for the person)."""


def ensure_first_version(program: Program) -> None:
    if current_version(program) is None:
        with force_locale(program.default_locale):
            text = render_template("screening/principles_default.txt", program=program)
        publish(program, text.strip(), None)


def current_version(program: Program) -> PrinciplesVersion | None:
    return db.session.scalar(
        select(PrinciplesVersion)
        .where(PrinciplesVersion.program_id == program.id)
        .order_by(PrinciplesVersion.number.desc())
        .limit(1)
    )


def versions(program: Program) -> list[PrinciplesVersion]:
    return list(
        db.session.scalars(
            select(PrinciplesVersion)
            .where(PrinciplesVersion.program_id == program.id)
            .order_by(PrinciplesVersion.number.desc())
        )
    )


def signature_counts(program: Program) -> dict[int, int]:
    """Signatures per version of the program's principles, counted in SQL."""
    rows = db.session.execute(
        select(Signature.version_id, func.count())
        .join(PrinciplesVersion)
        .where(PrinciplesVersion.program_id == program.id)
        .group_by(Signature.version_id)
    )
    return {version_id: count for version_id, count in rows}


def publish(program: Program, text: str, actor: User | None) -> PrinciplesVersion:
    """A new current version: everyone is asked to sign again."""
    last = db.session.scalar(
        select(func.max(PrinciplesVersion.number)).where(PrinciplesVersion.program_id == program.id)
    )
    version = PrinciplesVersion(
        program_id=program.id, number=(last or 0) + 1, text=text, text_sha256=sha256_of(text),
        published_by_id=actor.id if actor else None,
    )  # fmt: skip
    db.session.add(version)
    db.session.flush()
    return version


def latest_signature(user: User, version: PrinciplesVersion) -> Signature | None:
    return db.session.scalar(
        select(Signature)
        .where(Signature.user_id == user.id, Signature.version_id == version.id)
        .order_by(Signature.signed_at.desc())
        .limit(1)
    )


def signature_due(user: User, program: Program, now: datetime | None = None) -> bool:
    """True until the person has signed the current version within the last 12 months
    (one statement: the current version, and their latest signature of it, if any)."""
    current = (
        select(PrinciplesVersion.id)
        .where(PrinciplesVersion.program_id == program.id)
        .order_by(PrinciplesVersion.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    latest = (
        select(func.max(Signature.signed_at))
        .where(Signature.user_id == user.id, Signature.version_id == current)
        .scalar_subquery()
    )
    version_id, signed_at = db.session.execute(select(current, latest)).one()
    if version_id is None:
        return False
    return signed_at is None or (now or now_utc()) - signed_at >= REAFFIRM_AFTER


def _same_name(typed: str, name: str) -> bool:
    def fold(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    return fold(typed) == fold(name)


def sign(
    user: User, version: PrinciplesVersion, typed_name: str, consented: bool,
    ip_address: str, user_agent: str, shown_sha256: str, now: datetime | None = None,
) -> Signature:  # fmt: skip
    """Record a signature on exactly the text the person was shown (once, for a double click)."""
    row_locks.lock(user)
    existing = latest_signature(user, version)
    if existing is not None and (now or now_utc()) - existing.signed_at < REAFFIRM_AFTER:
        return existing  # a second click: the signature it asks for is already there
    if not consented:
        raise SignatureRefused(_("Please tick the box to confirm you agree."))
    if not _same_name(typed_name, user.name):
        raise SignatureRefused(_("Type your full name as it is on your account: %(name)s.",
                                 name=user.name))  # fmt: skip
    if shown_sha256 != version.text_sha256 or sha256_of(version.text) != version.text_sha256:
        raise SignatureRefused(_("The principles changed while you were reading. Please read "
                                 "the current version and sign again."))  # fmt: skip
    signature = Signature(
        version=version, user_id=user.id, typed_name=typed_name.strip(), consented=True,
        signed_at=now or now_utc(), ip_address=ip_address[:45], user_agent=user_agent[:400],
        text_sha256=version.text_sha256,
    )  # fmt: skip
    db.session.add(signature)
    db.session.flush()
    return signature


@dataclass(frozen=True)
class MentorSignatureStatus:
    user: User
    signature: Signature | None
    due: bool


def mentors_status(program: Program, now: datetime | None = None) -> list[MentorSignatureStatus]:
    """Every mentor of the program with their signature of the current version, in two queries."""
    version = current_version(program)
    mentors = db.session.scalars(
        select(User).join(Membership).where(
            Membership.program_id == program.id, Membership.role == Role.MENTOR
        ).order_by(User.name)
    ).all()  # fmt: skip
    latest: dict[int, Signature] = {}
    if version is not None:
        for signature in db.session.scalars(
            select(Signature)
            .where(Signature.version_id == version.id)
            .order_by(Signature.signed_at)
        ):
            latest[signature.user_id] = signature
    now = now or now_utc()
    return [
        MentorSignatureStatus(
            user,
            latest.get(user.id),
            latest.get(user.id) is None or now - latest[user.id].signed_at >= REAFFIRM_AFTER,
        )  # fmt: skip
        for user in mentors
    ]


def current_signers(program: Program, now: datetime | None = None, since=None) -> Select:
    """The ids of the people whose signature of the current version is under 12 months old,
    as a subquery: ``mentors_status`` for just the mentors a page shows (nobody when the
    program has no principles yet, as there). ``since``: a bind parameter given the oldest
    signing time that counts when the statement runs, in place of ``now``."""
    current = _current_number(program)
    # Without ``now``, the clock is read when the statement runs: a statement built once
    # (vms.statements) still asks about the year before each execution.
    if since is None:
        since = (
            bindparam("signed_since", callable_=_a_year_ago, type_=Signature.signed_at.type,
                      unique=True)
            if now is None else now - REAFFIRM_AFTER
        )  # fmt: skip
    return (
        select(Signature.user_id)
        .join(PrinciplesVersion)
        .where(
            PrinciplesVersion.program_id == program.id,
            PrinciplesVersion.number == current,
            Signature.signed_at > since,
        )
    )


def next_lapse(program: Program, now: datetime | None = None) -> datetime | None:
    """When the oldest signature of the current version still in force turns a year old:
    until then the clock alone changes no one's ``current_signers`` (None: no one signed)."""
    signers = current_signers(program, now or now_utc())
    oldest = db.session.scalar(signers.with_only_columns(func.min(Signature.signed_at)))
    return None if oldest is None else oldest + REAFFIRM_AFTER


def _current_number(program: Program):
    return (
        select(func.max(PrinciplesVersion.number))
        .where(PrinciplesVersion.program_id == program.id)
        .scalar_subquery()
    )


def _a_year_ago() -> datetime:
    return now_utc() - REAFFIRM_AFTER
