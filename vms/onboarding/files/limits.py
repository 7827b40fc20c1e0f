"""Marking the views that take a file, and the friendly page for a file too large."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import current_app, render_template, request


def accepts_upload(view: Callable) -> Callable:
    """Outermost decorator of an upload view: its requests may carry ``UPLOAD_MAX_BYTES``
    (read by ``vms.input_guard.GuardedRequest``)."""
    view.accepts_upload = True  # type: ignore[attr-defined]
    return view


def megabytes() -> int:
    return current_app.config["UPLOAD_MAX_BYTES"] // (1024 * 1024)


def too_large_page(_error):
    """413, with the way back to the page the person came from (this site's only)."""
    back = request.referrer or ""
    if urlsplit(back).netloc != request.host:
        back = "/"
    return render_template("onboarding/files/too_large.html", back=back, limit=megabytes()), 413
