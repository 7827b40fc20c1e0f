"""The front door: landing page, each role's home, program switching, health checks."""

from flask import Blueprint

bp = Blueprint("site", __name__)

from vms.site import views  # noqa: E402,F401
