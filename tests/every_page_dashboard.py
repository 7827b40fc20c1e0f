"""The evidence dashboard for the every-page world (tests/every_page_world.py): in each
program a published team whose last meeting, six weeks ago, had no agenda and no summary (so
the at-risk list has a row and its nudge button), and in the sister program its own
meaningful-connection threshold."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.evidence.measures.settings import save_meaningful_threshold
from vms.extensions import db
from vms.scheduling.models import Meeting, MeetingKind

#: The sister program counts a meaningful connection from three meetings.
SISTER_THRESHOLD = 3


def grow_evidence(program: Program, sister: bool) -> None:
    team = db.session.scalars(
        select(Team).where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED)
        .order_by(Team.id.desc())
    ).first()  # fmt: skip
    start = now_utc().replace(microsecond=0) - timedelta(days=42)
    db.session.add(Meeting(
        program_id=program.id, kind=MeetingKind.TEAM, team_id=team.id,
        title="Revisión trimestral", starts_at=start, ends_at=start + timedelta(hours=1),
        timezone=program.timezone,
    ))  # fmt: skip
    if sister:
        save_meaningful_threshold(program, SISTER_THRESHOLD)
    db.session.flush()
