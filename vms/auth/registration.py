"""Sign-up by emailed link, so the sign-up page never tells whether an address has an account.

The page answers every valid sign-up the same way ("check your email") and the same work
follows: one email. A new address gets a link to finish (choose a password, and be signed
in); an address that has an account gets a note to its owner instead. The link is signed
and carries what was typed, so nothing is stored for sign-ups never finished; once the
account exists, the link opens nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from vms.auth.models import User
from vms.auth.services import normalise_email, register_user, user_by_email
from vms.database import now_utc
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import queue_email

#: How long a link to finish signing up works.
SIGN_UP_LINK_HOURS = 24
_SALT = "vms-sign-up"
# Longer than any link this module makes (a 120-character name, a 254-character address).
_MAX_TOKEN_LENGTH = 2000


@dataclass(frozen=True)
class PendingSignUp:
    """What the sign-up form asked, until the link in the email proves the address."""

    email: str
    name: str
    timezone: str
    locale: str


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def request_sign_up(pending: PendingSignUp) -> None:
    """Email the link to finish, or, if the address has an account, a note to its owner."""
    pending = replace(pending, email=normalise_email(pending.email))
    owner = user_by_email(pending.email)
    if owner is None:
        _email_link_to_finish(pending)
    else:
        _email_existing_owner(owner)


def _email_link_to_finish(pending: PendingSignUp) -> None:
    token = _signer().dumps(asdict(pending))
    queue_email(
        pending.email, pending.locale, "auth/sign_up_link", _l("Finish creating your VMS account"),
        name=pending.name, link=email_link("auth.finish_sign_up", token=token),
        hours=SIGN_UP_LINK_HOURS,
    )  # fmt: skip


def _email_existing_owner(owner: User) -> None:
    queue_email(
        owner.email, owner.locale, "auth/sign_up_existing",
        _l("Someone tried to create a VMS account with your address"), user=owner,
        sign_in_link=email_link("auth.sign_in"), reset_link=email_link("auth.forgot_password"),
    )  # fmt: skip


def pending_sign_up(token: str, now: datetime | None = None) -> PendingSignUp | None:
    """The sign-up a link was made for, or None for a forged, damaged or expired link."""
    if len(token) > _MAX_TOKEN_LENGTH:
        return None
    try:
        data, signed_at = _signer().loads(token, return_timestamp=True)
    except BadSignature:
        return None
    names = {field.name for field in fields(PendingSignUp)}
    if not isinstance(data, dict) or set(data) != names:
        return None
    if not all(isinstance(value, str) for value in data.values()):
        return None
    if (now or now_utc()) - signed_at.astimezone(UTC) > timedelta(hours=SIGN_UP_LINK_HOURS):
        return None
    return PendingSignUp(**data)


def finish_sign_up(pending: PendingSignUp, password: str) -> User:
    """Create the account; raises EmailTaken when the link was used already."""
    return register_user(pending.email, pending.name, password, pending.timezone, pending.locale)
