"""Programs, cohorts, invitations, ventures and mentor teams."""

from flask import Blueprint

bp = Blueprint("cohorts", __name__)

from vms.cohorts import team_views, views  # noqa: E402,F401
