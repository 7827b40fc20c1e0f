"""What the team pages show, read in a fixed number of queries whatever the number of teams."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import User
from vms.cohorts.models import MentorProfile, Program, Venture, VentureFounder
from vms.cohorts.teams import team_score
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus, Volunteer
from vms.cohorts.teams.pool import Pool, PoolMentor, builder_venture
from vms.cohorts.teams.rules import TeamRuleBroken, check_addition, problems, unassigned_reason
from vms.cohorts.teams.services import proposable_ventures
from vms.extensions import db


@dataclass
class MemberRow:
    member: TeamMember
    profile: MentorProfile | None
    #: Why this mentor is on the team, in words (needs covered, background, volunteered…).
    reasons: list[str]


@dataclass
class TeamCard:
    team: Team
    score: int
    covered: list[str]
    uncovered: list[str]
    backgrounds: list[str]
    rows: list[MemberRow]
    problems: list[str]
    volunteers: set[int] = field(default_factory=set)
    #: Why the builder left the venture without a team (empty when it did not).
    unassigned: str = ""


def _teams(program: Program, *conditions) -> list[Team]:
    return list(
        db.session.scalars(
            select(Team)
            .join(Venture)
            .where(Team.program_id == program.id, *conditions)
            .options(
                selectinload(Team.members).selectinload(TeamMember.mentor),
                selectinload(Team.venture).selectinload(Venture.founders),
            )
            .order_by(Venture.name)
        )
    )


def _volunteers(venture_ids: list[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for mentor_id, venture_id in db.session.execute(
        select(Volunteer.mentor_id, Volunteer.venture_id).where(
            Volunteer.venture_id.in_(venture_ids)
        )
    ):
        found.setdefault(venture_id, set()).add(mentor_id)
    return found


def card(team: Team, pool: Pool, volunteers: set[int] | None = None) -> TeamCard:
    venture = builder_venture(team.venture)
    volunteers = (
        volunteers
        if volunteers is not None
        else _volunteers([team.venture_id]).get(team.venture_id, set())
    )
    known = [pool.builder_mentor(m.mentor_id) for m in team.members if m.mentor_id in pool.mentors]
    covered = sorted(n for n in venture.needs if any(n in m.expertise for m in known))
    backgrounds = sorted({m.background for m in known})
    rows = [
        MemberRow(m, _profile(pool.mentors.get(m.mentor_id)),
                  _reasons(m, pool.mentors.get(m.mentor_id), team, pool, volunteers))
        for m in team.members
    ]  # fmt: skip
    return TeamCard(
        team=team, score=team_score(venture, known),
        covered=covered, uncovered=sorted(venture.needs - set(covered)),
        backgrounds=backgrounds, rows=rows, problems=problems(team, pool), volunteers=volunteers,
        unassigned=unassigned_reason(team.unassigned),
    )  # fmt: skip


def _profile(entry: PoolMentor | None) -> MentorProfile | None:
    return entry.profile if entry else None


def _reasons(member, entry, team: Team, pool: Pool, volunteers: set[int]) -> list[str]:
    if entry is None:
        return []
    profile, needs = entry.profile, set(team.venture.needs or ())
    others = [pool.mentors[m.mentor_id].profile for m in team.members
              if m.mentor_id != member.mentor_id and m.mentor_id in pool.mentors]  # fmt: skip
    reasons = []
    mine = sorted(needs & set(profile.expertise or ()))
    only = [n for n in mine if not any(n in (o.expertise or ()) for o in others)]
    if only:
        reasons.append(_("the only one covering %(needs)s", needs=", ".join(only)))
    elif mine:
        reasons.append(_("covers %(needs)s", needs=", ".join(mine)))
    if profile.industry and all(o.industry != profile.industry for o in others):
        reasons.append(_("the only %(background)s background", background=profile.industry))
    if member.mentor_id in volunteers:
        reasons.append(_("volunteered at the mentor meeting"))
    if member.is_lead:
        reasons.append(_("lead-eligible, %(years)d years of experience",
                         years=profile.years_experience))  # fmt: skip
    return reasons


@dataclass
class Overview:
    docket: list[Venture]
    drafts: list[TeamCard]
    published: list[TeamCard]

    @property
    def needing_repair(self) -> list[TeamCard]:
        return [c for c in self.published if c.problems]


def overview(program: Program) -> Overview:
    pool = Pool(program)
    teams = _teams(program)
    volunteers = _volunteers([t.venture_id for t in teams])
    cards = [card(t, pool, volunteers.get(t.venture_id, set())) for t in teams]
    return Overview(
        docket=[v for v in proposable_ventures(program)],
        drafts=[c for c in cards if c.team.status is TeamStatus.DRAFT],
        published=[c for c in cards if c.team.status is TeamStatus.PUBLISHED],
    )


@dataclass
class Candidate:
    user: User
    profile: MentorProfile
    #: The team's score with this mentor added.
    score_with: int
    #: Why they may not join (empty: they may).
    blocked: str


def candidates(team: Team, pool: Pool) -> list[Candidate]:
    """Mentors who could join, best first, with a note on those a rule keeps out."""
    venture = builder_venture(team.venture)
    known = [pool.builder_mentor(m.mentor_id) for m in team.members if m.mentor_id in pool.mentors]
    on_team = {m.mentor_id for m in team.members}
    found = []
    for mentor_id, entry in pool.mentors.items():
        if mentor_id in on_team:
            continue
        try:
            check_addition(team, mentor_id, pool, swapping=True)
            blocked = ""
        except TeamRuleBroken as refused:
            blocked = str(refused)
        score = team_score(venture, [*known, pool.builder_mentor(mentor_id)])
        found.append(Candidate(entry.user, entry.profile, score, blocked))
    return sorted(found, key=lambda c: (bool(c.blocked), -c.score_with, c.user.name))


@dataclass
class LoadRow:
    entry: PoolMentor
    teams: list[Team]

    @property
    def overloaded(self) -> bool:
        return len(self.teams) > self.entry.profile.capacity

    @property
    def idle(self) -> bool:
        return not self.teams


def load_rows(program: Program) -> list[LoadRow]:
    pool = Pool(program)
    teams_of: dict[int, list[Team]] = {}
    for team in _teams(program):
        for member in team.members:
            teams_of.setdefault(member.mentor_id, []).append(team)
    return [LoadRow(entry, teams_of.get(mid, [])) for mid, entry in pool.mentors.items()]


def mentor_teams(program: Program, user: User) -> list[TeamCard]:
    mine = select(TeamMember.team_id).where(TeamMember.mentor_id == user.id)
    return _published_cards(program, Team.id.in_(mine))


def founder_teams(program: Program, user: User) -> list[TeamCard]:
    theirs = select(VentureFounder.venture_id).where(VentureFounder.user_id == user.id)
    return _published_cards(program, Team.venture_id.in_(theirs))


def _published_cards(program: Program, condition) -> list[TeamCard]:
    teams = _teams(program, Team.status == TeamStatus.PUBLISHED, condition)
    if not teams:
        return []
    pool = Pool(program)
    volunteers = _volunteers([t.venture_id for t in teams])
    return [card(t, pool, volunteers.get(t.venture_id, set())) for t in teams]


def docket_for_mentor(program: Program, user: User) -> list[tuple[Venture, bool]]:
    """Ventures on the docket, and whether this mentor has volunteered for each."""
    ventures = proposable_ventures(program)
    mine = set(
        db.session.scalars(select(Volunteer.venture_id).where(Volunteer.mentor_id == user.id))
    )
    return [(v, v.id in mine) for v in ventures]
