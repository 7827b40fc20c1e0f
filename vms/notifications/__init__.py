"""Notifications: exactly-once notices (``services``: a row per kind, object, recipient and
occasion, written with its email), each person's choices (``preferences``, ``categories``
pure), one-click unsubscribe (``unsubscribe``), the weekly digest (``digest``), the nudges
(``nudges/``) and the coordinators' outbox page (``outbox``).

A package of its own rather than a wing of ``vms.mail``: mail knows how to send any email and
nothing of people's choices; notifications decide who hears of what, and hand mail the email.
"""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from vms.notifications import nudge_views as _nudge_views  # noqa: E402,F401
from vms.notifications import outbox_views as _outbox_views  # noqa: E402,F401
from vms.notifications import views as _views  # noqa: E402,F401

# The handlers of other features' signals (conflicts filed, agendas posted) connect on import.
from vms.notifications.nudges import activity as _activity  # noqa: E402,F401
