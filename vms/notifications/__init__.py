"""Notifications: exactly-once notices (``services``: a row per kind, object, recipient and
occasion, written with its email), each person's choices (``preferences``, ``categories``
pure), one-click unsubscribe (``unsubscribe``), the weekly digest and the nudges (``nudges``).

A package of its own rather than a wing of ``vms.mail``: mail knows how to send any email and
nothing of people's choices; notifications decide who hears of what, and hand mail the email.
"""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from vms.notifications import views as _views  # noqa: E402,F401
