"""The built-in onboarding trial (issue 17): a coordinator randomises new ventures or new
mentors among onboarding treatments at intake (``intake``, on the intake signals) and reads
each arm's outcomes, with their uncertainty, under the evidence dashboard (``results``)."""

from flask import Blueprint

bp = Blueprint("trials", __name__)

from vms.onboarding.trials import intake as _intake  # noqa: E402,F401
from vms.onboarding.trials import views as _views  # noqa: E402,F401
