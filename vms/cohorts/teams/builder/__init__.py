"""The team builder, a pure library (no Flask, no database): ``form_teams`` proposes teams of
3–5 mentors with one lead per venture, ``repair_team`` the smallest change that makes a team
legal again.

Inside, each module imports only those before it: ``types`` (the values), ``state`` (the
teams, scored by bitmasks), ``moves`` (improving moves and the descent), ``placement``
(max-flow and assignment), ``local_search`` (the iterated local search), ``formation`` (the
phases, ``form_teams``) and ``repair``.
"""

from vms.cohorts.teams.builder.formation import form_teams
from vms.cohorts.teams.builder.repair import Repair, repair_team
from vms.cohorts.teams.builder.types import (
    Id,
    Mentor,
    Plan,
    Reason,
    Team,
    Venture,
    can_meet,
    team_score,
)

__all__ = ["Id", "Mentor", "Plan", "Reason", "Repair", "Team", "Venture", "can_meet",
           "form_teams", "repair_team", "team_score"]  # fmt: skip
