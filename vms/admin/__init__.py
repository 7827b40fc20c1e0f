"""Site administration: programs and their first coordinators."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from vms.admin import views  # noqa: E402,F401
