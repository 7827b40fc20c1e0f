"""The mentor load page: a page of mentors with their teams, the filters counted in SQL."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import case, func, select
from sqlalchemy.orm import contains_eager

from vms.auth.models import User
from vms.cohorts.models import MentorProfile, Program, Venture
from vms.cohorts.teams import needs_repair
from vms.cohorts.teams.mentor_facts import loads
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.cohorts.teams.pool import PoolMentor, mentors_of
from vms.extensions import db
from vms.paging import Page, page_of
from vms.screening.principles import services as principles

#: Mentors on one page of the load table: each row is a form with two fields (measured at
#: scale: 50 rows took ~35 ms of rendering).
MENTORS_PER_PAGE = 25

#: The load page's filters, by their ``?show=`` value.
FILTERS = ("overloaded", "idle", "unsigned")


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


@dataclass
class LoadPage:
    rows: Page[LoadRow]
    #: "" (every mentor) or one of FILTERS.
    show: str
    #: How many mentors each filter shows ("" for all of them).
    counts: dict[str, int]


def load_page(program: Program, number: int = 1, show: str = "") -> LoadPage:
    """A page of the program's mentors by name (``show``: only those a filter keeps)."""
    load = loads(program)
    teams = func.coalesce(load.c.teams, 0)
    conditions = {
        "overloaded": teams > MentorProfile.capacity,  # LoadRow.overloaded
        "idle": teams == 0,  # LoadRow.idle
        "unsigned": User.id.not_in(principles.current_signers(program)),  # PoolMentor.signed
    }
    show = show if show in conditions else ""

    def mentors(*columns):
        return mentors_of(program, *columns).outerjoin(load, load.c.mentor_id == User.id)

    def count() -> dict[str, int]:
        totals = db.session.execute(
            mentors(func.count(), *(func.count(case((c, 1))) for c in conditions.values()))
        ).one()
        return dict(zip(["", *conditions], totals, strict=True))

    # Counting all the program's mentors took ~5 ms; what they count changes only with what
    # the rules' token follows (teams, profiles, memberships, signatures) or a lapsing year.
    counts = needs_repair.kept(program, "load counts", count,
                               lasts_until=lambda: principles.next_lapse(program))  # fmt: skip
    # The page's mentors with their profiles and signatures in one statement: the page
    # needs no more of what a Pool reads (conflicts, team places, preparation).
    signed = conditions["unsigned"].label("unsigned")
    query = mentors(User, MentorProfile, signed).order_by(User.name, User.id)
    if show:
        query = query.where(conditions[show])
    found = page_of(query, number, MENTORS_PER_PAGE, counts[show], whole_rows=True)
    teams_of = _teams_of(program, [user.id for user, _profile, _unsigned in found.rows])
    rows = [LoadRow(PoolMentor(user, profile, not unsigned), teams_of.get(user.id, []))
            for user, profile, unsigned in found.rows]  # fmt: skip
    return LoadPage(replace(found, rows=rows), show, counts)


def _teams_of(program: Program, mentor_ids) -> dict[int, list[Team]]:
    """Each mentor's teams (drafts included; ended teams are no load), by venture name."""
    found: dict[int, list[Team]] = {}
    if not mentor_ids:
        return found
    for mentor_id, team in db.session.execute(
        select(TeamMember.mentor_id, Team)
        .join(Team, Team.id == TeamMember.team_id)
        .join(Venture, Venture.id == Team.venture_id)
        .where(
            Team.program_id == program.id,
            Team.status != TeamStatus.ENDED,
            TeamMember.mentor_id.in_(list(mentor_ids)),
        )
        .options(contains_eager(Team.venture))
        .order_by(Venture.name, Team.id)
    ):
        found.setdefault(mentor_id, []).append(team)
    return found
