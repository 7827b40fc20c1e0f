"""The password policy: length and a list of common passwords, no composition rules."""

from __future__ import annotations

from functools import cache
from importlib import resources

from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("vms").joinpath("data/common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line and not line.startswith("#")
    )


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    maximum = current_app.config["PASSWORD_MAX_LENGTH"]
    if len(password) < minimum:
        return _(
            "Use at least %(n)d characters. A few words together make a good password.", n=minimum
        )
    if len(password) > maximum:
        return _("Use at most %(n)d characters.", n=maximum)
    lowered = password.lower()
    if lowered in common_passwords():
        return _("This password is one of the most common ones. Please choose another.")
    if email and lowered in {email.lower(), email.split("@")[0].lower()}:
        return _("Your password must not be your email address.")
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)
