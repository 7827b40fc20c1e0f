"""Error pages in the site's layout; a stale CSRF token keeps what was typed."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Conflict, HTTPException, InternalServerError

from vms.extensions import db
from vms.i18n import lazy_gettext as _l

ERROR_TEXTS = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please check what you sent."),
    ),
    403: (_l("Not allowed"), _l("You do not have permission to do that.")),
    404: (_l("Page not found"), _l("There is nothing here, or you do not have access to it.")),
    405: (_l("Not allowed"), _l("That action is not available on this page.")),
    409: (
        _l("Changed meanwhile"),
        _l(
            "Someone (or a second click) changed this at the same moment. Reload the page to see "
            "what was saved, then try again if it is still needed."
        ),
    ),  # fmt: skip
    413: (_l("Too large"), _l("What you sent is too large. Please send less.")),
    429: (_l("Too many requests"), _l("Please wait a moment and try again.")),
    500: (_l("Something went wrong"), _l("We could not complete your request. Please try again.")),
}
# Never echoed back into a page, even to their owner.
SECRET_FIELDS = {"csrf_token", "password", "new_password", "current_password", "confirm"}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(IntegrityError, _lost_race)
    app.register_error_handler(Exception, _unexpected_error)


def _csrf_error(error: CSRFError):
    """Explain, and offer to send the same form again with a fresh token.

    Only for a form that came from this site: re-offering a cross-site
    request's fields would turn a forgery into a one-click action.
    """
    if not _from_this_site():
        return render_template("errors/csrf.html", offer_resend=False), 400
    kept = [
        (name, value)
        for name, values in request.form.lists()
        if name not in SECRET_FIELDS
        for value in values
    ]
    query = request.query_string.decode("latin-1")
    action = request.path + ("?" + query if query else "")
    return render_template("errors/csrf.html", offer_resend=True, kept=kept, action=action), 400


def _from_this_site() -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return bool(origin) and urlsplit(origin).netloc == request.host


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    title, text = ERROR_TEXTS.get(error.code, (error.name, error.description))
    return render_template("errors/error.html", code=error.code, title=title, text=text), error.code


def _lost_race(error: IntegrityError):
    """A unique constraint refused a second write that a service did not expect.

    Services lock what owns their rules and answer a lost race themselves; this is the net
    under them, so a duplicate never becomes a 500 (and is logged, to be given its own answer).
    """
    db.session.rollback()
    current_app.logger.warning("Lost race on %s %s: %s", request.method, request.path, error.orig)
    return _http_error(Conflict())


def _unexpected_error(error: Exception):
    db.session.rollback()
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if current_app.testing and current_app.config.get("PROPAGATE_UNEXPECTED", True):
        raise error
    return _http_error(InternalServerError())
