"""Screening and intake: applications, interviews, rubric, principles and conflicts."""

from flask import Blueprint

bp = Blueprint("screening", __name__)

from vms.screening import principles_views, views  # noqa: E402,F401
