"""Where a person may be sent after signing in: only to a path on this site."""

from urllib.parse import urlsplit


def safe_next_path(target: str | None) -> str | None:
    """``target`` if it is a local path (no scheme, no host, no ``//`` trick), else None."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ch in target for ch in "\r\n\t\\"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
