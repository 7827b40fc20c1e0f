"""A goal as a page shows it (the team page, a person's teams, the agreement page): the goal,
and where this person states or edits it. A template global, so a shared page includes the
partial with one line; its lookups are made once per request and cost a fixed number of
statements however many teams the page lists."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, url_for
from flask_login import current_user

from vms.evidence.goals import queries
from vms.evidence.goals.models import Goal

_CACHE = "_vms_day_one_goals"
_MISSED = "_vms_day_one_goals_missed"


@dataclass(frozen=True)
class ShownGoal:
    goal: Goal | None
    #: Where this person states or edits it; None: they only read it.
    state_url: str | None


@dataclass
class _Seen:
    goals: queries.GoalsFound
    stateable: queries.Stateable
    #: The person's own teams and pairs: all their goals are in ``goals`` (none: no goal).
    mine: frozenset[tuple[str, int]]


def day_one_goal(
    team_id: int | None = None, pair_id: int | None = None, alone: bool = False
) -> ShownGoal | None:
    """The goal of a team (or else of a peer pair) on the current program's page; None when
    the page has neither. ``alone``: the page shows this one goal (the team page, an
    agreement, a survey), read in two statements instead of all the person's."""
    if team_id is None and pair_id is None:
        return None
    if alone:
        return _alone(team_id, pair_id)
    seen = _seen()
    if team_id is not None:
        goal = (seen.goals.by_team.get(team_id) if ("team", team_id) in seen.mine
                else _one(team_id, "team"))  # fmt: skip
        mine = team_id in seen.stateable.team_ids
        return ShownGoal(goal, _url("goals.state_team_goal", team_id=team_id) if mine else None)
    goal = (seen.goals.by_pair.get(pair_id) if ("pair", pair_id) in seen.mine
            else _one(pair_id, "pair"))  # fmt: skip
    mine = pair_id in seen.stateable.pair_ids
    return ShownGoal(goal, _url("goals.state_pair_goal", pair_id=pair_id) if mine else None)


def _alone(team_id: int | None, pair_id: int | None) -> ShownGoal:
    kind, subject_id = ("team", team_id) if team_id is not None else ("pair", pair_id)
    goal = _one(subject_id, kind)
    states = queries.states_goal_of(g.program.id, current_user.id, team_id, pair_id)
    endpoint = "goals.state_team_goal" if kind == "team" else "goals.state_pair_goal"
    return ShownGoal(goal, _url(endpoint, **{f"{kind}_id": subject_id}) if states else None)


def _seen() -> _Seen:
    """The goals of the person's own teams and pairs, and those they state: read once."""
    # Keyed by program and person: an app context may outlive a request (tests, jobs).
    key = (g.program.id, current_user.id)
    cached = g.get(_CACHE)
    if cached is None or cached[0] != key:
        cached = (key, _Seen(queries.goals_seen_by(*key), queries.stateable_by(*key),
                             queries.subjects_of(*key)))  # fmt: skip
        setattr(g, _CACHE, cached)
    return cached[1]


def _one(subject_id: int, kind: str) -> Goal | None:
    """A subject the person is not in (a coordinator's page): looked up once."""
    key = (kind, subject_id)
    missed = g.setdefault(_MISSED, {})
    if key not in missed:
        found = queries.goals_for(**{f"{kind}s": [subject_id]})
        missed[key] = (found.by_team if kind == "team" else found.by_pair).get(subject_id)
    return missed[key]


def _url(endpoint: str, **values) -> str:
    return url_for(endpoint, program_slug=g.program.slug, **values)
