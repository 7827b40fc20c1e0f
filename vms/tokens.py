"""Single-use link tokens: the person gets the token, the database keeps its hash."""

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A fresh (token, sha256 hex of the token) pair."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
