"""Stating a day-one goal: the founders of a published team's venture, or the member of a
published peer pair, in their own words. One goal per subject: stating it again edits it and
keeps who changed it and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.evidence.goals import queries
from vms.evidence.goals.models import Goal
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent
from vms.row_locks import lock


def published_team(program: Program, team_id: int) -> Team | None:
    return db.session.scalar(
        select(Team).where(Team.id == team_id, Team.program_id == program.id,
                           Team.status == TeamStatus.PUBLISHED)
    )  # fmt: skip


def published_pair(program: Program, pair_id: int) -> PeerPair | None:
    return db.session.scalar(
        select(PeerPair).join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerPair.id == pair_id, PeerEvent.program_id == program.id,
               PeerPair.published_at.is_not(None))
    )  # fmt: skip


def founder_ids(team: Team) -> set[int]:
    return {f.user_id for f in team.venture.founders if f.user_id is not None}


def state_team_goal(team: Team, text: str, by: User, now: datetime | None = None) -> Goal:
    # Two founders (or two clicks) at once: the second waits and edits what the first wrote.
    lock(team)
    found = queries.goal_for_team(team.id)
    return _state(found, Goal(program_id=team.program_id, team_id=team.id), text, by, now)


def state_pair_goal(
    program: Program, pair: PeerPair, text: str, by: User, now: datetime | None = None
) -> Goal:
    lock(pair)
    found = queries.goal_for_pair(pair.id)
    return _state(found, Goal(program_id=program.id, peer_pair_id=pair.id), text, by, now)


def _state(found: Goal | None, fresh: Goal, text: str, by: User, now: datetime | None) -> Goal:
    now = now or now_utc()
    if found is not None:
        found.restate(text, by.id, now)
        db.session.flush()
        return found
    fresh.text, fresh.stated_by_id, fresh.stated_at = text, by.id, now
    db.session.add(fresh)
    db.session.flush()
    return fresh
