"""Personal calendar feeds: the subscription itself and its address on the settings page."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from vms.extensions import db
from vms.scheduling import bp
from vms.scheduling.calendars import feeds


@bp.route("/calendar/<token>.ics")
def calendar_feed(token: str):
    """The feed a calendar program polls: no sign-in, the token in the path is the key."""
    user = feeds.user_for_token(token) or abort(404)
    feed = feeds.body(user)
    if feed.etag in request.if_none_match:
        return "", 304, {"ETag": f'"{feed.etag}"'}
    return (
        feed.ics,
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": 'inline; filename="vms.ics"',
            "ETag": f'"{feed.etag}"',
            "Cache-Control": "private, max-age=300",
        },
    )


@bp.route("/account/calendar", methods=["POST"])
@login_required
def renew_feed():
    """Create the feed, or give it a new address (the old one then answers 404)."""
    had_one = feeds.existing(current_user) is not None
    feeds.regenerate(current_user)
    db.session.commit()
    flash(_("Your calendar feed has a new address: subscribe again with it.") if had_one
          else _("Your calendar feed is ready."), "success")  # fmt: skip
    return redirect(url_for("auth.settings", _anchor="calendar"))
