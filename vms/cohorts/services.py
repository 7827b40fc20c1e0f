"""Programs, cohorts and invitations: the rules and the writes."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from blinker import Namespace
from flask import current_app
from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms import row_locks
from vms.auth import services as accounts
from vms.auth.models import Membership, Role, User
from vms.cohorts.models import (
    Cohort,
    CohortMember,
    Invitation,
    InvitationStatus,
    Program,
)
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import queue_email
from vms.tokens import new_token, token_hash

_signals = Namespace()
#: Sent with the invitation as sender and ``user=`` once an invitation is accepted.
invitation_accepted = _signals.signal("invitation-accepted")
#: Sent with the new program as sender (screening gives it the default lists).
program_created = _signals.signal("program-created")
#: Sent with the program as sender and ``user=``, ``role=`` when someone is made a member
#: directly (an accepted mentor application with an account); an accepted invitation sends
#: ``invitation_accepted`` instead.
member_added = _signals.signal("member-added")


class DuplicateName(Exception):
    pass


class DuplicateInvitation(Exception):
    pass


class AlreadyMember(Exception):
    pass


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:64] or "program"


def create_program(name: str, timezone: str, default_locale: str) -> Program:
    base = slugify(name)
    slug, n = base, 1
    while db.session.scalar(select(Program.id).where(Program.slug == slug)) is not None:
        n += 1
        slug = f"{base[:60]}-{n}"
    program = Program(
        name=name.strip(), slug=slug, timezone=timezone, default_locale=default_locale
    )
    db.session.add(program)
    db.session.flush()
    program_created.send(program)
    return program


def create_cohort(program: Program, name: str, starts_on: date, ends_on: date) -> Cohort:
    name = name.strip()
    taken = db.session.scalar(
        select(Cohort.id).where(Cohort.program_id == program.id, Cohort.name == name)
    )
    if taken is not None:
        raise DuplicateName(name)
    cohort = Cohort(program_id=program.id, name=name, starts_on=starts_on, ends_on=ends_on)
    try:
        with db.session.begin_nested():  # another coordinator may create it at the same time
            db.session.add(cohort)
    except IntegrityError as error:
        raise DuplicateName(name) from error
    return cohort


def cohort_or_none(program: Program, cohort_id: int) -> Cohort | None:
    """A cohort, only if it belongs to this program."""
    return db.session.scalar(
        select(Cohort).where(Cohort.id == cohort_id, Cohort.program_id == program.id)
    )


def invitation_or_none(cohort: Cohort, invitation_id: int) -> Invitation | None:
    return db.session.scalar(
        select(Invitation).where(Invitation.id == invitation_id, Invitation.cohort_id == cohort.id)
    )


def invite(
    program: Program,
    cohort: Cohort | None,
    email: str,
    role: Role,
    invited_by: User | None,
    now: datetime | None = None,
    message: str = "",
) -> Invitation:
    """Invite an address to a role and email the link (with the inviter's ``message``)."""
    invitation, token = create_invitation(program, cohort, email, role, invited_by, now, message)
    email_invitation(invitation, token)
    return invitation


def create_invitation(
    program: Program,
    cohort: Cohort | None,
    email: str,
    role: Role,
    invited_by: User | None,
    now: datetime | None = None,
    message: str = "",
) -> tuple[Invitation, str]:
    """An invitation and its token, for callers that write their own email.

    Refuses a duplicate pending invitation or an existing member.
    """
    email = accounts.normalise_email(email)
    # The program owns "one pending invitation per address, place and role": hold it while
    # checking, so the same invitation posted four times at once is made once.
    row_locks.lock(program)
    _refuse_duplicate(program, cohort, email, role)
    return new_invitation(program, cohort, email, role, invited_by, now, message)


def new_invitation(
    program: Program,
    cohort: Cohort | None,
    email: str,
    role: Role,
    invited_by: User | None,
    now: datetime | None = None,
    message: str = "",
) -> tuple[Invitation, str]:
    """The invitation without the checks: for a caller that holds the program's lock and has
    checked the address itself (a pasted list checks all its addresses at once)."""
    now = now or now_utc()
    token, hashed = new_token()
    invitation = Invitation(
        program=program,
        cohort=cohort,
        email=email,
        role=role,
        token_hash=hashed,
        invited_by=invited_by,
        expires_at=now + timedelta(days=current_app.config["INVITATION_DAYS"]),
        last_sent_at=now,
        message=message,
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def invitation_link(token: str) -> str:
    return email_link("cohorts.invitation", token=token)


def _refuse_duplicate(program: Program, cohort: Cohort | None, email: str, role: Role) -> None:
    same_place = Invitation.cohort_id == cohort.id if cohort else Invitation.cohort_id.is_(None)
    pending = db.session.scalar(
        select(Invitation.id).where(
            Invitation.program_id == program.id,
            same_place,
            Invitation.email == email,
            Invitation.role == role,
            Invitation.status == InvitationStatus.PENDING,
        )
    )
    if pending is not None:
        raise DuplicateInvitation(email)
    user = accounts.user_by_email(email)
    if user is None:
        return
    if cohort is None:
        member = select(Membership.id).where(
            Membership.program_id == program.id,
            Membership.user_id == user.id,
            Membership.role == role,
        )
    else:
        member = select(CohortMember.id).where(
            CohortMember.cohort_id == cohort.id,
            CohortMember.user_id == user.id,
            CohortMember.role == role,
        )
    if db.session.scalar(member) is not None:
        raise AlreadyMember(email)


def email_invitation(invitation: Invitation, token: str) -> None:
    existing = accounts.user_by_email(invitation.email)
    locale = existing.locale if existing else invitation.program.default_locale
    queue_email(
        invitation.email,
        locale,
        "cohorts/invitation",
        _l("You are invited to %(program)s on VMS", program=invitation.program.name),
        invitation=invitation,
        program_id=invitation.program_id,
        link=invitation_link(token),
        # A date in the program's timezone: the recipient's is not known yet.
        expires_on=invitation.expires_at.astimezone(ZoneInfo(invitation.program.timezone)).date(),
    )


def resend(invitation: Invitation, now: datetime | None = None) -> None:
    """A fresh link and expiry, emailed again; the previous link stops working."""
    now = now or now_utc()
    token, hashed = new_token()
    days = current_app.config["INVITATION_DAYS"]
    invitation.renew(hashed, now + timedelta(days=days), now)
    db.session.flush()
    email_invitation(invitation, token)


def revoke(invitation: Invitation, now: datetime | None = None) -> None:
    invitation.revoke(now or now_utc())
    db.session.flush()


def invitation_for_token(token: str) -> Invitation | None:
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token)))


def accept(invitation: Invitation, user: User, now: datetime | None = None) -> None:
    """Give the person the invited role in the program (and cohort)."""
    row_locks.lock(invitation)  # a second click finds it accepted and is refused
    invitation.accept(user, now or now_utc())
    _ensure_membership(user, invitation.program_id, invitation.role)
    if invitation.cohort_id is not None:
        _ensure_cohort_member(user, invitation.cohort_id, invitation.role)
    db.session.flush()
    # Other features react (screening links an accepted mentor's application).
    invitation_accepted.send(invitation, user=user)


def accept_with_new_account(
    invitation: Invitation, name: str, password: str, timezone: str, locale: str
) -> User:
    row_locks.lock(invitation)
    user = accounts.register_user(invitation.email, name, password, timezone, locale)
    accept(invitation, user)
    return user


def add_member(user: User, program: Program, role: Role, cohort: Cohort | None = None) -> None:
    """Make someone a member directly (site admins, demo data, tests)."""
    _ensure_membership(user, program.id, role)
    if cohort is not None:
        _ensure_cohort_member(user, cohort.id, role)
    db.session.flush()
    member_added.send(program, user=user, role=role)


def _ensure_membership(user: User, program_id: int, role: Role) -> None:
    _ensure(Membership, user_id=user.id, program_id=program_id, role=role)


def _ensure_cohort_member(user: User, cohort_id: int, role: Role) -> None:
    _ensure(CohortMember, user_id=user.id, cohort_id=cohort_id, role=role)


def _ensure(model, **keys) -> None:
    """Add the row with these values unless it exists (accepting twice changes nothing)."""
    if db.session.scalar(select(model.id).filter_by(**keys)) is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.add(model(**keys))
    except IntegrityError:  # added meanwhile by a concurrent request: the same outcome
        pass


def program_by_slug(slug: str) -> Program | None:
    """For public pages (applications): any program, by its address."""
    return db.session.scalar(select(Program).where(Program.slug == slug))


def program_wide_invitation_or_none(program: Program, invitation_id: int) -> Invitation | None:
    return db.session.scalar(
        select(Invitation).where(
            Invitation.id == invitation_id,
            Invitation.program_id == program.id,
            Invitation.cohort_id.is_(None),
        )
    )


def change_invitation(invitation: Invitation, action: str) -> str:
    """Resend (``"resend"``) or revoke an invitation; returns what to tell the coordinator.

    Raises InvitationError (say ``invitation_closed_message()``) once it is accepted or revoked.
    """
    row_locks.lock(invitation)  # two clicks: one new link, or a clear refusal
    if action == "resend":
        resend(invitation)
        return gettext("A new link was sent to %(email)s.", email=invitation.email)
    revoke(invitation)
    return gettext("The invitation to %(email)s is revoked.", email=invitation.email)


def invitation_closed_message() -> str:
    return gettext("This invitation can no longer be changed: it was accepted or revoked.")
