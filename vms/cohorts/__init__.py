"""Programs, cohorts, invitations, ventures and (later) mentor teams."""

from flask import Blueprint

bp = Blueprint("cohorts", __name__)

from vms.cohorts import views  # noqa: E402,F401
