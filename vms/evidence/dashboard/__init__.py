"""The coordinator's evidence dashboard: the measures as charts with the tables behind them
(``sections``), a date-range and cohort filter (``forms``), CSV of every table."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from vms.evidence.dashboard import views as _views  # noqa: E402,F401
