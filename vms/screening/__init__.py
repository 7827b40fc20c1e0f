"""Screening and intake: applications, interviews, rubric, principles and conflicts."""

from flask import Blueprint

bp = Blueprint("screening", __name__)

from vms.screening import (  # noqa: E402,F401
    conflict_views,
    principles_views,
    settings_views,
    venture_views,
    views,
)
