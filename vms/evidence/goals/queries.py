"""Reading goals: one subject's, a batch's in one statement, and what a person may state.

``goal_for_team``, ``goal_for_pair`` and ``goals_for`` are what other parts call (the exit
survey asks whether the day-one goal was reached)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import literal, or_, select, union_all
from sqlalchemy.orm import joinedload

from vms.cohorts.models import VentureFounder
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.evidence.goals.models import Goal
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent

#: Who stated and who changed a goal, joined to it (a list of goals costs one statement).
WHO_WROTE = (joinedload(Goal.stated_by), joinedload(Goal.changed_by))


@dataclass(frozen=True)
class GoalsFound:
    by_team: dict[int, Goal] = field(default_factory=dict)
    by_pair: dict[int, Goal] = field(default_factory=dict)


def goal_for_team(team_id: int) -> Goal | None:
    return db.session.scalar(select(Goal).where(Goal.team_id == team_id))


def goal_for_pair(pair_id: int) -> Goal | None:
    return db.session.scalar(select(Goal).where(Goal.peer_pair_id == pair_id))


def goals_for(teams: Iterable[int] = (), pairs: Iterable[int] = ()) -> GoalsFound:
    """The goals of these teams and pairs (ids), in one statement."""
    team_ids, pair_ids = set(teams), set(pairs)
    if not team_ids and not pair_ids:
        return GoalsFound()
    return _split(db.session.scalars(
        select(Goal).where(or_(Goal.team_id.in_(team_ids), Goal.peer_pair_id.in_(pair_ids)))
        .options(*WHO_WROTE)
    ))  # fmt: skip


def _split(goals: Iterable[Goal]) -> GoalsFound:
    found = GoalsFound()
    for goal in goals:
        if goal.team_id is not None:
            found.by_team[goal.team_id] = goal
        else:
            found.by_pair[goal.peer_pair_id] = goal
    return found


def _published_teams(program_id: int):
    return select(Team.id).where(Team.program_id == program_id,
                                 Team.status == TeamStatus.PUBLISHED)  # fmt: skip


def _published_pairs(program_id: int):
    return (
        select(PeerPair.id).join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerEvent.program_id == program_id, PeerPair.published_at.is_not(None))
    )  # fmt: skip


def teams_founded_by(program_id: int, user_id: int):
    """The published teams of the program whose venture this person founded (a select)."""
    return (
        _published_teams(program_id)
        .join(VentureFounder, VentureFounder.venture_id == Team.venture_id)
        .where(VentureFounder.user_id == user_id)
    )


def pairs_joined_by(program_id: int, user_id: int):
    """The published pairs of the program where this person is the member (a select)."""
    return _published_pairs(program_id).where(PeerPair.member_id == user_id)


def _theirs(program_id: int, user_id: int):
    """The published teams this person founded or mentors, and the pairs they are in."""
    mentored = _published_teams(program_id).join(TeamMember).where(TeamMember.mentor_id == user_id)
    paired = _published_pairs(program_id).where(
        or_(PeerPair.member_id == user_id, PeerPair.mentor_id == user_id)
    )
    return mentored, paired


def subjects_of(program_id: int, user_id: int) -> frozenset[tuple[str, int]]:
    """("team", id) and ("pair", id) of every team and pair this person is in, with a goal or
    not, in one statement: ``goals_seen_by`` holds all the goals they have."""
    mentored, paired = _theirs(program_id, user_id)
    rows = db.session.execute(union_all(
        teams_founded_by(program_id, user_id).add_columns(literal("team")),
        mentored.add_columns(literal("team")), paired.add_columns(literal("pair")),
    ))  # fmt: skip
    return frozenset((kind, subject_id) for subject_id, kind in rows)


def goals_seen_by(program_id: int, user_id: int) -> GoalsFound:
    """The goals of the teams and pairs this person is in (founder, mentor, member or peer
    mentor), in one statement."""
    mentored, paired = _theirs(program_id, user_id)
    return _split(db.session.scalars(
        select(Goal).where(or_(Goal.team_id.in_(teams_founded_by(program_id, user_id)),
                               Goal.team_id.in_(mentored), Goal.peer_pair_id.in_(paired)))
        .options(*WHO_WROTE)
    ))  # fmt: skip


@dataclass(frozen=True)
class Stateable:
    """The teams and pairs whose goal this person states."""

    team_ids: frozenset[int]
    pair_ids: frozenset[int]


def stateable_by(program_id: int, user_id: int) -> Stateable:
    """In one statement (a union of the two kinds)."""
    teams = teams_founded_by(program_id, user_id).add_columns(literal("team").label("kind"))
    pairs = pairs_joined_by(program_id, user_id).add_columns(literal("pair").label("kind"))
    rows = db.session.execute(union_all(teams, pairs)).all()
    return Stateable(frozenset(i for i, kind in rows if kind == "team"),
                     frozenset(i for i, kind in rows if kind == "pair"))  # fmt: skip


def states_goal_of(
    program_id: int, user_id: int, team_id: int | None = None, pair_id: int | None = None
) -> bool:
    """Whether this person states the goal of this one team (they founded its venture) or
    pair (they are its member), in one statement: ``stateable_by`` for a page of one."""
    theirs = (teams_founded_by(program_id, user_id).where(Team.id == team_id)
              if team_id is not None
              else pairs_joined_by(program_id, user_id).where(PeerPair.id == pair_id))  # fmt: skip
    return bool(db.session.scalar(select(theirs.exists())))
