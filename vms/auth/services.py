"""Accounts: sign-up, sign-in with throttling, settings, password changes and resets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms.auth import throttle
from vms.auth.models import PasswordResetToken, User
from vms.auth.passwords import hash_password, verify_password
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import queue_email
from vms.tokens import new_token, token_hash

# Compared against when an address has no account, so both paths cost one hash.
_DUMMY_HASH_CACHE: dict[str, str] = {}


class EmailTaken(Exception):
    pass


@dataclass(frozen=True)
class SignInRefused(Exception):
    """Why a sign-in failed. ``locked``/``retry_after`` never reveal whether the account exists."""

    locked: bool = False
    retry_after_seconds: int = 0


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def register_user(
    email: str, name: str, password: str, timezone: str = "UTC", locale: str = "en"
) -> User:
    if user_by_email(email) is not None:
        raise EmailTaken(email)
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=hash_password(password),
        timezone=timezone,
        locale=locale,
    )
    try:
        with db.session.begin_nested():  # two sign-ups racing for one address
            db.session.add(user)
    except IntegrityError as error:
        raise EmailTaken(email) from error
    return user


def authenticate(email: str, password: str, now: datetime | None = None) -> User:
    """The account for these credentials, or SignInRefused. Failures are counted per address."""
    now = now or now_utc()
    email = normalise_email(email)
    verdict = throttle.claim_attempt(email, now)  # counted as failed until proven right
    if not verdict.allowed:
        raise SignInRefused(verdict.locked, verdict.retry_after_seconds)
    user = user_by_email(email)
    # Verify against a dummy hash when there is no account, so both paths take as long.
    password_ok = verify_password(user.password_hash if user else _dummy_hash(), password)
    if user is None or not password_ok:
        raise SignInRefused()
    throttle.clear(email)
    return user


def _dummy_hash() -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASH_CACHE:
        _DUMMY_HASH_CACHE[method] = hash_password("not-a-real-password")
    return _DUMMY_HASH_CACHE[method]


def update_settings(user: User, name: str, timezone: str, locale: str) -> None:
    user.name = name.strip()
    user.timezone = timezone
    user.locale = locale
    db.session.flush()


def change_password(user: User, new_password: str) -> None:
    """Set a new password and end every session of this person (the caller signs in again)."""
    user.password_hash = hash_password(new_password)
    user.end_other_sessions()
    _retire_reset_links(user)
    db.session.flush()


def _retire_reset_links(user: User, now: datetime | None = None) -> None:
    """Once the password changes, no older reset link may change it again."""
    now = now or now_utc()
    for reset in db.session.scalars(
        select(PasswordResetToken).where(
            PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None)
        )
    ):
        reset.used_at = now


class WrongPassword(Exception):
    pass


def change_own_password(user: User, current_password: str, new_password: str) -> None:
    """The person's own change: the current password must be right."""
    if not verify_password(user.password_hash, current_password):
        raise WrongPassword()
    change_password(user, new_password)


def set_locale(user: User, locale: str) -> None:
    user.locale = locale
    db.session.flush()


def make_admin(email: str, name: str, password: str) -> User:
    """Make a site administrator: a new account, or an existing one promoted (password kept)."""
    user = user_by_email(email) or register_user(email, name, password)
    user.is_admin = True
    db.session.flush()
    return user


def sign_out_everywhere(user: User) -> None:
    user.end_other_sessions()
    db.session.flush()


def request_password_reset(email: str, now: datetime | None = None) -> None:
    """Email a single-use link if the account exists; say nothing either way."""
    user = user_by_email(email)
    if user is None:
        return
    now = now or now_utc()
    token, hashed = new_token()
    hours = current_app.config["PASSWORD_RESET_HOURS"]
    db.session.add(
        PasswordResetToken(user=user, token_hash=hashed, expires_at=now + timedelta(hours=hours))
    )
    link = email_link("auth.reset_password", token=token)
    queue_email(
        user.email,
        user.locale,
        "auth/password_reset",
        _l("Reset your VMS password"),
        user=user,
        link=link,
        hours=hours,
    )
    db.session.flush()


def usable_reset_token(token: str, now: datetime | None = None) -> PasswordResetToken | None:
    row = db.session.scalar(
        select(PasswordResetToken).where(PasswordResetToken.token_hash == token_hash(token))
    )
    if row is None or not row.is_usable(now or now_utc()):
        return None
    return row


def reset_password(
    reset: PasswordResetToken, new_password: str, now: datetime | None = None
) -> User:
    reset.use(now or now_utc())
    change_password(reset.user, new_password)
    throttle.clear(reset.user.email)
    return reset.user
