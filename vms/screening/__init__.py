"""Screening and intake: applications, interviews, rubric, principles and conflicts."""

from flask import Blueprint

bp = Blueprint("screening", __name__)

from vms.screening import conflict_views, principles_views, views  # noqa: E402,F401
