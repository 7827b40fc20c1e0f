"""What the team pages show, read in a fixed number of queries whatever the size of the
program: a page of teams, the mentors those teams and the page's candidates name."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from vms.auth.models import User
from vms.cohorts.models import MentorProfile, Program, Venture, VentureFounder
from vms.cohorts.teams import Repair, needs_repair, team_score
from vms.cohorts.teams.candidates import search, team_pool
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus, Volunteer
from vms.cohorts.teams.needs_repair import broken_team_ids
from vms.cohorts.teams.pool import Pool, PoolMentor, builder_venture
from vms.cohorts.teams.rules import (
    TeamRuleBroken,
    check_addition,
    problems,
    unassigned_reason,
)
from vms.cohorts.teams.services import docket_choices, proposable_ventures, repair_plan
from vms.extensions import db
from vms.paging import Page, page_of
from vms.screening.principles import services as principles


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


@dataclass(frozen=True)
class ListedTeam:
    """A row of the overview's lists: plain values, so that a worker may keep a page of them."""

    team_id: int
    venture_name: str
    lead_name: str | None
    members: int
    #: Why the builder left the venture without a team, in the reader's language.
    unassigned: str
    score: int
    uncovered: tuple[str, ...]
    problems: int


def teams_query(program: Program, *conditions, founders: bool = False) -> Select:
    """The program's teams, by venture name, each with its members and venture: for a page
    of them (a page holds at most 50 teams of at most 5 members: one IN query each)."""
    venture = contains_eager(Team.venture)
    return (
        select(Team)
        .join(Venture, Venture.id == Team.venture_id)
        .where(Team.program_id == program.id, *conditions)
        .options(selectinload(Team.members).joinedload(TeamMember.mentor),
                 venture.selectinload(Venture.founders) if founders else venture)
        .order_by(Venture.name, Team.id)
    )  # fmt: skip


def cards(program: Program, teams: Iterable[Team]) -> list[TeamCard]:
    """The teams' cards for a list (no reasons: a list does not show them), from one pool
    of their members."""
    teams = list(teams)
    pool = Pool(program, mentor_ids=sorted({m.mentor_id for t in teams for m in t.members}))
    return [card(t, pool, volunteers=set(), reasons=False) for t in teams]


def _volunteers(venture_ids: list[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for mentor_id, venture_id in db.session.execute(
        select(Volunteer.mentor_id, Volunteer.venture_id).where(
            Volunteer.venture_id.in_(venture_ids)
        )
    ):
        found.setdefault(venture_id, set()).add(mentor_id)
    return found


def card(
    team: Team, pool: Pool, volunteers: set[int] | None = None, reasons: bool = True
) -> TeamCard:
    """The team at a glance; ``reasons``: why each member is on it (the team page's)."""
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
                  _reasons(m, pool.mentors.get(m.mentor_id), team, pool, volunteers)
                  if reasons else [])
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


#: Teams on one page of the overview's lists: each row is scored against the team's needs,
#: so a page costs about a millisecond a team (measured at scale: 50 a list took ~70 ms).
TEAMS_PER_PAGE = 25

#: Teams listed as needing a repair on the homes and above the overview (the rest: a link).
REPAIRS_SHOWN = 10


@dataclass(frozen=True)
class RepairLine:
    """A published team that needs a repair, as a list says it: which, and its problems."""

    team_id: int
    venture_name: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Repairs:
    """Published teams that break a rule: how many, and the first few with their problems."""

    #: Every such team, by venture name.
    team_ids: tuple[int, ...]
    #: The first ``REPAIRS_SHOWN`` of them.
    lines: tuple[RepairLine, ...]

    @property
    def total(self) -> int:
        return len(self.team_ids)


def repairs_needed(program: Program) -> Repairs:
    """Kept by the worker, in each language, until what the rules read changes (the homes
    and the overview show it on every visit; judging the teams read a pool of their members)."""
    return needs_repair.kept(program, ("repairs", str(get_locale())),
                             lambda: _repairs(program))  # fmt: skip


def _repairs(program: Program) -> Repairs:
    broken = broken_team_ids(program)
    first = db.session.scalars(teams_query(program, Team.id.in_(broken[:REPAIRS_SHOWN])))
    lines = tuple(RepairLine(c.team.id, c.team.venture.name, tuple(c.problems))
                  for c in cards(program, first))  # fmt: skip
    return Repairs(broken, lines)


class Listing(enum.Enum):
    """The overview's lists: one is shown at a time, each paged (``?show=``)."""

    DRAFTS = "drafts"
    PUBLISHED = "published"
    REPAIR = "repair"


@dataclass
class Overview:
    #: (id, name) of each venture a team may be proposed for.
    docket: list[tuple[int, str]]
    #: How many teams each list holds, by the list's value (its tab says it).
    totals: dict[str, int]
    shown: Listing
    #: The page of the list shown.
    listed: Page[ListedTeam]
    #: The first published teams that need a repair (none listed when that list is shown).
    repairs: Repairs


def overview(program: Program, shown: Listing | None = None, page: int = 1) -> Overview:
    """One list of teams, a page of it, and every list's count taken in SQL. Unless chosen,
    the list shown is the drafts (the coordinator's work in progress), or else the published."""
    drafts_total, published_total = db.session.execute(
        select(func.count(case((Team.status == TeamStatus.DRAFT, 1))),
               func.count(case((Team.status == TeamStatus.PUBLISHED, 1))))
        .where(Team.program_id == program.id)
    ).one()  # fmt: skip
    repairs = repairs_needed(program)
    broken = repairs.team_ids
    totals = {Listing.DRAFTS.value: drafts_total, Listing.PUBLISHED.value: published_total,
              Listing.REPAIR.value: len(broken)}  # fmt: skip
    shown = shown or (Listing.DRAFTS if drafts_total else Listing.PUBLISHED)
    condition = {Listing.DRAFTS: Team.status == TeamStatus.DRAFT,
                 Listing.PUBLISHED: Team.status == TeamStatus.PUBLISHED,
                 Listing.REPAIR: Team.id.in_(broken)}[shown]  # fmt: skip
    # Kept like the repairs: a card reads only what the token follows, a draft's the
    # principles too (the clock lapses a signature).
    listed = needs_repair.kept(
        program, ("overview", shown, page, totals[shown.value], str(get_locale())),
        lambda: _listed(program, condition, page, totals[shown.value]),
        lasts_until=lambda: principles.next_lapse(program))  # fmt: skip
    return Overview(
        docket=docket_choices(program), totals=totals, shown=shown,
        listed=listed,
        repairs=repairs if shown is not Listing.REPAIR else Repairs(broken, ()),
    )  # fmt: skip


def _listed(program: Program, condition, page: int, total: int) -> Page[ListedTeam]:
    listed = page_of(teams_query(program, condition), page, TEAMS_PER_PAGE, total)
    rows = [ListedTeam(c.team.id, c.team.venture.name,
                       c.team.lead.mentor.name if c.team.lead else None, len(c.team.members),
                       c.unassigned, c.score, tuple(c.uncovered), len(c.problems))
            for c in cards(program, listed.rows)]  # fmt: skip
    return replace(listed, rows=rows)


@dataclass
class Candidate:
    user: User
    profile: MentorProfile
    #: The team's score with this mentor added.
    score_with: int
    #: Why they may not join (empty: they may).
    blocked: str


def candidates(team: Team, pool: Pool, mentor_ids: Iterable[int]) -> list[Candidate]:
    """These mentors (in the pool) as candidates to join, best first, with a note on those
    a rule keeps out."""
    venture = builder_venture(team.venture)
    known = [pool.builder_mentor(m.mentor_id) for m in team.members if m.mentor_id in pool.mentors]
    on_team = {m.mentor_id for m in team.members}
    found = []
    for mentor_id in mentor_ids:
        entry = pool.mentors.get(mentor_id)
        if entry is None or mentor_id in on_team:
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
class TeamPage:
    card: TeamCard
    #: The search's results (or, with no search, the mentors who would add most).
    candidates: list[Candidate]
    repair: Repair
    #: The mentors read for the page (members, candidates, the repair's): names and profiles.
    mentors: dict[int, PoolMentor]


def team_page(team: Team, text: str = "") -> TeamPage:
    """One pool for the card, the repair plan and the candidates: the team's members, the
    mentors the repair may draw on, and the search's results, scored only once found."""
    if text.strip():
        pool = team_pool(team)
        found = search(team, pool, text)
        pool.include(found)
    else:
        pool, found = _suggested(team)
    return TeamPage(card(team, pool), candidates(team, pool, found), repair_plan(team, pool),
                    pool.mentors)  # fmt: skip


def _suggested(team: Team) -> tuple[Pool, list[int]]:
    """The mentors suggested with no search, kept by the worker (``needs_repair.kept``): a
    ranking of every mentor of the program, which changes only with what the rules read or
    when a signature lapses. When kept, one read brings the members and the suggested."""
    program = db.session.get(Program, team.program_id)
    read: list[Pool] = []

    def rank() -> list[int]:
        read.append(team_pool(team))
        return search(team, read[0])

    found = needs_repair.kept(program, ("suggested", team.id), rank,
                              lasts_until=lambda: principles.next_lapse(program))  # fmt: skip
    pool = read[0] if read else team_pool(team, also=found)
    pool.include(found)
    return pool, found


@dataclass(frozen=True)
class MentoredTeam:
    """A published team on its mentor's home: which venture, and whether they lead it."""

    team_id: int
    venture_name: str
    leads: bool


def mentor_published_teams(program: Program, user: User) -> list[MentoredTeam]:
    """The published teams the mentor is on, by venture name (one statement, no members)."""
    rows = db.session.execute(
        select(Team.id, Venture.name, TeamMember.is_lead)
        .join(Venture, Venture.id == Team.venture_id)
        .join(TeamMember, (TeamMember.team_id == Team.id) & (TeamMember.mentor_id == user.id))
        .where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED)
        .order_by(Venture.name, Team.id)
    )
    return [MentoredTeam(team_id, name, bool(leads)) for team_id, name, leads in rows]


def my_teams(program: Program, user: User) -> tuple[list[TeamCard], list[TeamCard]]:
    """The published teams the person mentors, and those of the ventures they founded."""
    mine = select(TeamMember.team_id).where(TeamMember.mentor_id == user.id)
    theirs = select(VentureFounder.venture_id).where(VentureFounder.user_id == user.id)
    theirs_or_mine = or_(Team.id.in_(mine), Team.venture_id.in_(theirs))
    query = teams_query(program, Team.status == TeamStatus.PUBLISHED, theirs_or_mine, founders=True)
    made = cards(program, db.session.scalars(query))
    mentoring = [c for c in made if any(m.mentor_id == user.id for m in c.team.members)]
    founding = [c for c in made if any(f.user_id == user.id for f in c.team.venture.founders)]
    return mentoring, founding


def docket_for_mentor(program: Program, user: User) -> list[tuple[Venture, bool]]:
    """Ventures on the docket, and whether this mentor has volunteered for each."""
    ventures = proposable_ventures(program)
    mine = set(
        db.session.scalars(select(Volunteer.venture_id).where(Volunteer.mentor_id == user.id))
    )
    return [(v, v.id in mine) for v in ventures]
