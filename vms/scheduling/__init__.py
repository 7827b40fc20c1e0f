"""Meetings, agendas, RSVP, series and reminders; calendar files (ics.py) and personal feeds."""

from flask import Blueprint

bp = Blueprint("scheduling", __name__)

from vms.scheduling import (  # noqa: E402,F401
    meeting_views,
    record_views,
    rsvp_views,
    series_views,
    team_sync,
    views,
)
