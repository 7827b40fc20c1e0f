"""One-click unsubscribe links (RFC 8058): the signed token is the only credential.

The token names the person and the category and carries a digest of the person's address, so
a link outlives neither the account nor a change of address (a reused row id finds another
address and the token no longer matches).
"""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from vms.auth.models import User
from vms.extensions import db
from vms.mail.links import email_link
from vms.notifications.categories import Category

_SALT = "vms.notifications.unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _address_digest(user: User) -> str:
    return hashlib.sha256(user.email.lower().encode("utf-8")).hexdigest()[:16]


def unsubscribe_token(user: User, category: Category) -> str:
    return _serializer().dumps([user.id, category.value, _address_digest(user)])


def unsubscribe_link(user: User, category: Category) -> str:
    return email_link("notifications.unsubscribe", token=unsubscribe_token(user, category))


def read_token(token: str) -> tuple[User, Category] | None:
    """The person and category a token names, or None for a forged or stale one."""
    try:
        user_id, category, digest = _serializer().loads(token)
        category = Category(category)
    except (BadSignature, ValueError, TypeError):
        return None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or _address_digest(user) != digest:
        return None
    return user, category
