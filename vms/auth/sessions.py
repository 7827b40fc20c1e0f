"""How a session cookie maps to a person (Flask-Login's loader)."""

from __future__ import annotations

from vms.auth.models import User
from vms.extensions import db


def load_user(session_id: str) -> User | None:
    """Sessions carry "<user id>:<session version>"; a raised version ends them."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user
