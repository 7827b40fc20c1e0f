"""CSV downloads of the lists the program already has, each from the page it is on and with
that page's filter (every matching row, not one page). Each ``<list>.py`` builds the header
and rows from loaded objects; ``views`` loads them in a fixed number of statements."""

from flask import Blueprint

bp = Blueprint("evidence_exports", __name__)

from vms.evidence.exports import views as _views  # noqa: E402,F401
