"""The demo's day-one goals: the first two published teams and the first published peer
pairs have stated theirs; the others are still asked (their founders and members see the
prompt). Rows written directly: demo data sends no email."""

from __future__ import annotations

from sqlalchemy import select

from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamStatus
from vms.evidence.goals.models import Goal
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent

TEAM_GOALS = [
    "Our first three paying customers, at a price we can defend, by the summer.",
    "A pilot that turns into a signed contract, and a plan for the second one.",
]
PAIR_GOALS = [
    "Put a price on my first product and sell it to twenty customers.",
    "Decide whether to raise money this year, and from whom.",
]


def goals(program: Program) -> None:
    if db.session.scalar(select(Goal.id).where(Goal.program_id == program.id)) is not None:
        return
    teams = db.session.scalars(
        select(Team).where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED)
        .order_by(Team.id).limit(len(TEAM_GOALS))
    ).all()  # fmt: skip
    for team, text in zip(teams, TEAM_GOALS, strict=False):
        founder = next((f.user_id for f in team.venture.founders if f.user_id), None)
        db.session.add(Goal(program_id=program.id, team_id=team.id, text=text,
                            stated_by_id=founder,
                            stated_at=team.published_at or team.created_at))  # fmt: skip
    pairs = db.session.scalars(
        select(PeerPair).join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerEvent.program_id == program.id, PeerPair.published_at.is_not(None))
        .order_by(PeerPair.id).limit(len(PAIR_GOALS))
    ).all()  # fmt: skip
    for pair, text in zip(pairs, PAIR_GOALS, strict=False):
        db.session.add(Goal(program_id=program.id, peer_pair_id=pair.id, text=text,
                            stated_by_id=pair.member_id, stated_at=pair.published_at))  # fmt: skip
    db.session.flush()
