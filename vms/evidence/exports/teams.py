"""Teams: the venture, the status, the lead and every member."""

from __future__ import annotations

from collections.abc import Sequence

from vms.cohorts.teams.models import Team

HEADER = ["id", "venture", "status", "lead", "lead_email", "members", "member_count",
          "created_at", "published_at"]  # fmt: skip


def teams_table(teams: Sequence[Team]) -> tuple[list[str], list[list[object]]]:
    rows = []
    for team in teams:
        lead = next((m.mentor for m in team.members if m.is_lead), None)
        rows.append([
            team.id, team.venture.name, team.status.value, lead.name if lead else "",
            lead.email if lead else "", "; ".join(m.mentor.name for m in team.members),
            len(team.members), team.created_at.isoformat(),
            team.published_at.isoformat() if team.published_at else "",
        ])  # fmt: skip
    return HEADER, rows
