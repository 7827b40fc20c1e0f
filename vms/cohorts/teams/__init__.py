"""The team wing: mentor teams for ventures, proposed by the builder and edited by coordinators.

``builder/`` is the pure team builder; ``models``, ``pool`` (the mentors a team may draw
on), ``rules`` (the hard rules, in the coordinator's words), ``services``, ``queries``,
``forms`` and ``views`` (on the cohorts blueprint) are the web's side of it. The builder's
API is importable from here: ``from vms.cohorts.teams import Mentor, Venture, form_teams``.
"""

from vms.cohorts.teams.builder import (
    Id,
    Mentor,
    Plan,
    Reason,
    Repair,
    Team,
    Venture,
    can_meet,
    form_teams,
    repair_team,
    team_score,
)

__all__ = ["Id", "Mentor", "Plan", "Reason", "Repair", "Team", "Venture", "can_meet",
           "form_teams", "repair_team", "team_score"]  # fmt: skip
