"""The evidence part of a grown unit (tests/grown_world.py): a held meeting of the crawled
team whose agenda came late and whose summary came two days after, so that the dashboard's
and the at-risk list's readings of the last meeting, agendas and summaries have more rows to
count. (The ventures, teams, meetings, pairs and agreements the measures count grow with the
other parts.) Rows are written directly."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind

if TYPE_CHECKING:
    from tests.grown_world import Cast


def grow(cast: Cast, unit: int) -> None:
    start = now_utc().replace(microsecond=0) - timedelta(days=60 + unit)
    team = cast.team
    db.session.add(Meeting(
        program_id=cast.program.id, kind=MeetingKind.TEAM, team_id=team.id,
        title=f"Late paperwork {unit}", starts_at=start, ends_at=start + timedelta(hours=1),
        timezone=cast.program.timezone, summary="Done", summary_at=start + timedelta(days=2),
        agenda_reminded_at=start - timedelta(days=3),
        agenda=[AgendaItem(position=0, title="Numbers")],
        invitees=[Invitee(user_id=m.mentor_id, attended=bool(n % 2))
                  for n, m in enumerate(team.members)],
    ))  # fmt: skip
