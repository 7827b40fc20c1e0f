"""The goal prompts of a person's home: each published team they founded and each published
peer pair they are the member of, while its goal is not stated (two statements)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from vms.auth.models import User
from vms.cohorts.models import Program, Venture
from vms.cohorts.teams.models import Team
from vms.evidence.goals import queries
from vms.evidence.goals.models import Goal
from vms.extensions import db
from vms.peer.choices.models import PeerPair


@dataclass(frozen=True)
class GoalPrompt:
    #: The venture's name, or the peer mentor's.
    name: str
    is_pair: bool
    url: str


def prompts_for(program: Program, user: User) -> list[GoalPrompt]:
    stated_teams = select(Goal.team_id).where(Goal.team_id.is_not(None))
    stated_pairs = select(Goal.peer_pair_id).where(Goal.peer_pair_id.is_not(None))
    teams = db.session.execute(
        select(Team.id, Venture.name).join(Venture, Venture.id == Team.venture_id)
        .where(Team.id.in_(queries.teams_founded_by(program.id, user.id)),
               Team.id.not_in(stated_teams)).order_by(Venture.name, Team.id)
    ).all()  # fmt: skip
    pairs = db.session.execute(
        select(PeerPair.id, User.name).join(User, User.id == PeerPair.mentor_id)
        .where(PeerPair.id.in_(queries.pairs_joined_by(program.id, user.id)),
               PeerPair.id.not_in(stated_pairs)).order_by(PeerPair.id)
    ).all()  # fmt: skip
    slug = program.slug
    return [GoalPrompt(name, False, url_for("goals.state_team_goal", program_slug=slug,
                                            team_id=team_id)) for team_id, name in teams] + [
        GoalPrompt(name, True, url_for("goals.state_pair_goal", program_slug=slug,
                                       pair_id=pair_id)) for pair_id, name in pairs]  # fmt: skip
