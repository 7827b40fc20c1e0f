"""Fit checks and exit surveys (issue 14): who is asked and when (``invitations``, the
reminders in ``reminders``), the answers (``services``), what they measure (``measures``,
pure; fed by ``queries``) and the coordinators' pages (``views``).

Ratings and answers are for coordinators only: the survey's own page shows each person their
own answer, and no page shows it to the other party.
"""

from flask import Blueprint

bp = Blueprint("surveys", __name__)

# The handlers of the teams' and agreements' signals (a team or an agreement ended).
from vms.evidence.surveys import invitations as _invitations  # noqa: E402,F401
from vms.evidence.surveys import views as _views  # noqa: E402,F401
