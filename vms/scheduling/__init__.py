"""Meetings and the calendar, one sub-package for what each part does.

``meetings/`` (team meetings: scheduling, answers, agenda, summary and attendance, RSVP links,
meetings that follow their team), ``series/`` (the monthly mentor meeting: ``recurrence`` is
the pure monthly rule) and ``calendars/`` (calendar files, ``ics`` and ``feed_ics`` pure, and
personal feeds) share this blueprint; ``models``, ``forms``, ``jobs`` (the sweeps) and
``scheduler`` (the one scheduler process) serve them all.
"""

from flask import Blueprint

bp = Blueprint("scheduling", __name__)

from vms.scheduling.calendars import views as _calendars  # noqa: E402,F401
from vms.scheduling.meetings import record_views, rsvp_views, team_sync  # noqa: E402,F401
from vms.scheduling.meetings import views as _meetings  # noqa: E402,F401
from vms.scheduling.series import newcomers  # noqa: E402,F401
from vms.scheduling.series import views as _series  # noqa: E402,F401
