"""Importing mentors and ventures from a CSV file: the upload, a preview that shows each
row's problems next to the row, and one confirmation (``rows``: reading and checking, pure)."""

from flask import Blueprint

bp = Blueprint("evidence_imports", __name__)

# Linking an imported founder to their account when they join connects on import.
from vms.evidence.imports import founders as _founders  # noqa: E402,F401
from vms.evidence.imports import views as _views  # noqa: E402,F401
