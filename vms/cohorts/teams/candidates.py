"""Who could join a team, found in SQL before anyone is scored: the coordinator's search
(name, expertise, background) and the few mentors a repair may draw on.

The team page reads into its ``Pool`` only the team's members, the search results and,
when the team breaks a rule, what the repair needs; the rules in rules.py then judge
those mentors exactly as they would judge everyone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Select, Text, and_, case, cast, exists, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from vms.auth.models import User
from vms.cohorts import teams as builder
from vms.cohorts.models import MentorProfile, Program
from vms.cohorts.teams.mentor_facts import background, can_meet, holds, loads, one_of
from vms.cohorts.teams.models import Team, TeamMember
from vms.cohorts.teams.pool import Pool, builder_venture, mentors_of
from vms.cohorts.teams.rules import MIN_SIZE, problems
from vms.extensions import db
from vms.onboarding.preparation import progress as preparation
from vms.screening.conflicts.models import Recusal
from vms.screening.principles import services as principles
from vms.statements import reused

#: Search results shown on the team page, best first.
SHOWN = 20


def team_pool(team: Team, also: Iterable[int] = ()) -> Pool:
    """The team's members (and ``also`` these mentors) and, when the team breaks a rule, the
    mentors its repair may draw on: the pool the team page, ``repair_plan`` and
    ``apply_repair`` share."""
    pool = Pool(
        db.session.get(Program, team.program_id),
        mentor_ids=[*(m.mentor_id for m in team.members), *also],
    )
    if problems(team, pool):
        draw = repair_draw(team, pool)
        if draw is not None:
            pool.include(draw)
    return pool


def search(team: Team, pool: Pool, text: str = "", limit: int = SHOWN) -> list[int]:
    """Mentors not on the team matching ``text`` (name, background, expertise; everyone
    when empty): those who may join first, then by what they add to the team's score.

    Its own statement: as a subquery of the pool's read, PostgreSQL's plan took ~140 ms
    at 3,000 mentors instead of ~9."""
    known = [pool.builder_mentor(m.mentor_id) for m in team.members if m.mentor_id in pool.mentors]
    needs = tuple(
        sorted(builder_venture(team.venture).needs - {n for m in known for n in m.expertise})
    )
    backgrounds = tuple(sorted({m.background for m in known}))
    text = text.strip()
    if text:
        return list(
            db.session.scalars(_ranked(team, pool, needs, backgrounds, limit).where(_matches(text)))
        )
    # The suggestions with no search are asked for again each time the team page is shown:
    # their statement, built once for what it embeds, is reused (vms.statements).
    key = (
        "team suggestions",
        pool.program.id,
        team.id,
        team.venture_id,
        team.venture.meeting_weekday,
        needs,
        backgrounds,
        limit,
    )
    return list(db.session.scalars(
        reused(key, lambda: _ranked(team, pool, needs, backgrounds, limit))))  # fmt: skip


def _ranked(team: Team, pool: Pool, needs: tuple[str, ...], backgrounds: tuple[str, ...],
            limit: int) -> Select:  # fmt: skip
    """Mentors not on the team, those who may join first, then by what they add to the
    team's score: two points for each need it lacks, one for a new background."""
    gain = sum(
        (case((holds(MentorProfile.expertise, need), 2), else_=0) for need in needs),
        case((one_of(background(MentorProfile.industry), set(backgrounds)), 0), else_=1),
    )
    load = loads(pool.program)
    return (
        mentors_of(pool.program, User.id)
        .outerjoin(load, load.c.mentor_id == User.id)
        .where(_not_on(team))
        .order_by(case((_may_join(team, pool, load), 0), else_=1), gain.desc(), User.name, User.id)
        .limit(limit)
    )


def repair_draw(team: Team, pool: Pool) -> Select | None:
    """The mentors ``repair_plan`` may draw on, as a subquery (None: it adds nobody).

    The repair adds, one at a time, the candidate who raises the team's score most (the
    lowest id among equals), at most ``picks`` of them. Two candidates who cover the same
    needs the team lacks, bring the same new background (or one it has) and are alike in
    leading score alike at every step, so of each such kind the ``picks`` lowest ids are
    all it could ever choose: it chooses from them what it would choose from everyone.
    This mirrors builder/repair.py's steps (what the team keeps, whether it needs a lead).
    """
    venture = builder_venture(team.venture)
    members = [
        pool.builder_mentor(m.mentor_id) for m in team.members if m.mentor_id in pool.mentors
    ]
    over = {m.id for m in members if pool.load(m.id) > pool.mentors[m.id].profile.capacity}
    keep = [m for m in members if builder.can_meet(m, venture) and m.id not in over
            and (m.id, venture.id) not in pool.conflicts]  # fmt: skip
    needs_lead = not any(m.lead_eligible for m in keep)
    # A full team's new lead is chosen before a member makes room: what the team keeps
    # counts for every pick.
    picks = max(MIN_SIZE - len(keep), 1 if needs_lead else 0)
    if not picks:
        return None
    open_needs = sorted(venture.needs - {n for m in keep for n in m.expertise})
    kind = [
        case((one_of(background(MentorProfile.industry), {m.background for m in keep}), ""),
             else_=background(MentorProfile.industry)),
        sum((case((holds(MentorProfile.expertise, n), 1 << i), else_=0)
             for i, n in enumerate(open_needs)), literal(0)),
    ] + ([MentorProfile.lead_eligible] if needs_lead else [])  # fmt: skip
    load = loads(pool.program)
    rank = func.row_number().over(partition_by=kind, order_by=User.id).label("rank")
    ranked = (
        mentors_of(pool.program, User.id.label("id"), rank)
        .outerjoin(load, load.c.mentor_id == User.id)
        .where(_not_on(team), _may_join(team, pool, load))
        .subquery()
    )
    return select(ranked.c.id).where(ranked.c.rank <= picks)


def _may_join(team: Team, pool: Pool, load) -> ColumnElement[bool]:
    """``check_addition`` in place of a member, for a mentor not on the team: signed this
    year, prepared when required, capacity left, no conflict with the venture, free on the
    team's day."""
    return and_(
        User.id.in_(principles.current_signers(pool.program)),
        preparation.prepared(pool.program, User.id),
        func.coalesce(load.c.teams, 0) < MentorProfile.capacity,
        ~exists().where(Recusal.program_id == pool.program.id, Recusal.mentor_id == User.id,
                        Recusal.venture_id == team.venture_id),
        can_meet(MentorProfile.weekdays, team.venture.meeting_weekday),
    )  # fmt: skip


def _not_on(team: Team) -> ColumnElement[bool]:
    return User.id.not_in(select(TeamMember.mentor_id).where(TeamMember.team_id == team.id))


def _matches(text: str) -> ColumnElement[bool]:
    """Name, background or an area of expertise contains ``text`` (any case)."""
    areas = cast(MentorProfile.expertise, Text)
    found = [column.ilike(_like(text), escape="\\")
             for column in (User.name, MentorProfile.industry, areas)]  # fmt: skip
    escaped = json.dumps(text)[1:-1]  # how the stored JSON spells a non-ASCII area
    if escaped != text:
        found.append(areas.ilike(_like(escaped), escape="\\"))
    return or_(*found)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
