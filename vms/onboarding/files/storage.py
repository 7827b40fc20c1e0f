"""The upload folder: outside the web root, random names, written atomically.

``UPLOAD_DIR`` (``VMS_UPLOAD_DIR``) names it; by default ``<instance folder>/uploads``. Only
the serving view reads it, after checking who asks.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile

from flask import current_app


def upload_dir() -> str:
    folder = current_app.config.get("UPLOAD_DIR") or os.path.join(
        current_app.instance_path, "uploads"
    )
    os.makedirs(folder, exist_ok=True)
    return folder


def path_of(stored_name: str) -> str:
    # Names are ours (token_urlsafe), never a sender's; the check keeps it so.
    if not stored_name or "/" in stored_name or "\\" in stored_name or stored_name[0] == ".":
        raise ValueError("not a stored name")
    return os.path.join(upload_dir(), stored_name)


def write(content: bytes) -> str:
    """Write the bytes under a new random name (a temporary file renamed into place, so a
    reader never sees half a file); returns the name."""
    folder = upload_dir()
    stored_name = secrets.token_urlsafe(24)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, os.path.join(folder, stored_name))
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    return stored_name


def remove(stored_names: list[str]) -> None:
    """After the commit: the files the database no longer names. A missing one is fine."""
    for name in stored_names:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path_of(name))
