"""The core: programs, cohorts, memberships, invitations and ventures' records.

The team wing lives in ``vms/cohorts/teams/`` and shares this blueprint (its URLs were here
first); the core imports no feature.
"""

from flask import Blueprint

bp = Blueprint("cohorts", __name__)

from vms.cohorts import invitation_list_views, views  # noqa: E402,F401
from vms.cohorts.teams import views as team_views  # noqa: E402,F401
