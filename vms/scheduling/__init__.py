"""Meetings, agendas, RSVP, series and reminders; calendar files (ics.py) and personal feeds."""

from flask import Blueprint

bp = Blueprint("scheduling", __name__)

from vms.scheduling import meeting_views, record_views, rsvp_views, views  # noqa: E402,F401
