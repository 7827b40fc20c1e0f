"""Day-one goals: asked when a team or a peer pair starts (``asking``, on the publishing
signals), stated by the founders or the member (``services``, ``views``), shown on the team
and agreement pages (``shown``) and asked about at the end (``queries``, for the surveys)."""

from flask import Blueprint

bp = Blueprint("goals", __name__)

from vms.evidence.goals import asking as _asking  # noqa: E402,F401
from vms.evidence.goals import views as _views  # noqa: E402,F401
from vms.evidence.goals.shown import day_one_goal  # noqa: E402

bp.add_app_template_global(day_one_goal)
