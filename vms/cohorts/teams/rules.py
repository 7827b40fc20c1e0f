"""The hard rules of a team, checked on every edit and explained in the coordinator's words.

The builder never breaks them; a coordinator's edit that would is refused with the
reason, and a team that breaks one later (a recusal, a mentor leaving) is listed as
needing a repair: ``breaks_a_rule`` finds those in SQL, without loading any team.
"""

from __future__ import annotations

from babel.dates import get_day_names
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import case, func, or_, select, union
from sqlalchemy.sql.elements import ColumnElement

from vms.auth.models import Membership, Role
from vms.cohorts.models import MentorProfile, Program, Venture
from vms.cohorts.teams.mentor_facts import can_meet, loads
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.cohorts.teams.pool import Pool
from vms.screening.conflicts.models import Recusal

MIN_SIZE, MAX_SIZE = 3, 5


class TeamRuleBroken(Exception):
    """An edit refused by a hard rule; the message says which and why."""


def weekday_name(iso_weekday: int) -> str:
    return get_day_names("wide", locale=str(get_locale()))[iso_weekday - 1]


def unassigned_reason(stored: dict | None) -> str:
    """The builder's reason for leaving a venture without a team, in the reader's language."""
    if not stored:
        return ""
    params = stored.get("params") or {}
    slot = params.get("slot")
    day = weekday_name(int(slot)) if slot and str(slot).isdigit() and 1 <= int(slot) <= 7 else None
    code = stored.get("code")
    if code == "no_lead":
        return (_("No lead-eligible mentor without a conflict can meet on %(day)s.", day=day)
                if day else _("No lead-eligible mentor without a conflict is free."))  # fmt: skip
    if code == "too_few":
        n, size = params.get("available", 0), params.get("min_size", MIN_SIZE)
        return (ngettext("Only %(num)d mentor without a conflict can meet on %(day)s; a team "
                         "needs %(size)d.", "Only %(num)d mentors without a conflict can meet "
                         "on %(day)s; a team needs %(size)d.", n, day=day, size=size) if day
                else ngettext("Only %(num)d mentor without a conflict is free; a team needs "
                              "%(size)d.", "Only %(num)d mentors without a conflict are free; "
                              "a team needs %(size)d.", n, size=size))  # fmt: skip
    if code == "no_capacity":
        return _("The mentors who could join are all needed by other teams (not enough "
                 "lead-eligible mentors or capacity).")  # fmt: skip
    return stored.get("text", "")


def check_addition(team: Team, mentor_id: int, pool: Pool, swapping: bool = False) -> None:
    """Raise TeamRuleBroken unless the mentor may join (``swapping``: in place of a member)."""
    entry = pool.mentors.get(mentor_id)
    if entry is None:
        raise TeamRuleBroken(_("Only the program's mentors with a profile can join a team."))
    name = entry.user.name
    if any(m.mentor_id == mentor_id for m in team.members):
        raise TeamRuleBroken(_("%(name)s is already on this team.", name=name))
    if not swapping and len(team.members) >= MAX_SIZE:
        raise TeamRuleBroken(_("A team has at most %(n)d mentors: remove or swap one first.",
                               n=MAX_SIZE))  # fmt: skip
    if not entry.signed:
        raise TeamRuleBroken(_("%(name)s has not signed this year's guiding principles.",
                               name=name))  # fmt: skip
    if entry.steps_left:
        raise TeamRuleBroken(unprepared_reason(name, entry.steps_left))
    reason = _member_problem(team, mentor_id, pool, counting_this_team=False)
    if reason:
        raise TeamRuleBroken(reason)


def check_lead(team: Team, mentor_id: int, pool: Pool) -> None:
    member = next((m for m in team.members if m.mentor_id == mentor_id), None)
    if member is None:
        raise TeamRuleBroken(_("Only a member of the team can lead it."))
    entry = pool.mentors.get(mentor_id)
    if entry is None or not entry.profile.lead_eligible:
        raise TeamRuleBroken(_("%(name)s is not lead-eligible (see the mentor load page).",
                               name=member.mentor.name))  # fmt: skip
    if entry.steps_left:
        raise TeamRuleBroken(unprepared_reason(member.mentor.name, entry.steps_left))


def unprepared_reason(name: str, steps_left: tuple[str, ...]) -> str:
    """Why a mentor the program requires to be prepared may not join (or lead) yet."""
    return ngettext("%(name)s has %(num)d orientation step left: %(steps)s.",
                    "%(name)s has %(num)d orientation steps left: %(steps)s.",
                    len(steps_left), name=name, steps=", ".join(steps_left))  # fmt: skip


def problems(team: Team, pool: Pool) -> list[str]:
    """Every hard rule the team breaks now, in words; empty when it may be published."""
    found = []
    size = len(team.members)
    if size < MIN_SIZE:
        found.append(ngettext("The team has %(num)d mentor; it needs at least %(min)d.",
                              "The team has %(num)d mentors; it needs at least %(min)d.",
                              size, min=MIN_SIZE))  # fmt: skip
    if size > MAX_SIZE:
        found.append(_("The team has %(n)d mentors; at most %(max)d are allowed.",
                       n=size, max=MAX_SIZE))  # fmt: skip
    found.extend(_lead_problems(team, pool))
    for member in team.members:
        reason = _member_problem(team, member.mentor_id, pool, counting_this_team=True)
        if reason:
            found.append(reason)
        elif team.status is TeamStatus.DRAFT and not pool.mentors[member.mentor_id].signed:
            found.append(_("%(name)s has not signed this year's guiding principles.",
                           name=member.mentor.name))  # fmt: skip
        elif team.status is TeamStatus.DRAFT and pool.mentors[member.mentor_id].steps_left:
            found.append(
                unprepared_reason(member.mentor.name, pool.mentors[member.mentor_id].steps_left)
            )
    return found


def _lead_problems(team: Team, pool: Pool) -> list[str]:
    leads = [m for m in team.members if m.is_lead]
    if not leads:
        return [_("The team has no lead mentor: make one member the lead.")]
    return [
        _("%(name)s leads the team but is not lead-eligible.", name=lead.mentor.name)
        for lead in leads
        if lead.mentor_id in pool.mentors and not pool.mentors[lead.mentor_id].profile.lead_eligible
    ]


def _member_problem(team: Team, mentor_id: int, pool: Pool, counting_this_team: bool) -> str:
    entry = pool.mentors.get(mentor_id)
    if entry is None:
        name = _member_name(team, mentor_id)
        return _("%(name)s is no longer one of the program's mentors.", name=name)
    name, profile, venture = entry.user.name, entry.profile, team.venture
    if (mentor_id, team.venture_id) in pool.conflicts:
        return _("%(name)s has a conflict of interest with %(venture)s.",
                 name=name, venture=venture.name)  # fmt: skip
    day = venture.meeting_weekday
    if day and profile.weekdays and day not in profile.weekdays:
        return _("%(name)s cannot meet on %(day)s, when this team meets.",
                 name=name, day=weekday_name(day))  # fmt: skip
    load = pool.load(mentor_id, leaving_out=[] if counting_this_team else [team.venture_id]) + (
        0 if counting_this_team else 1
    )
    if load > profile.capacity:
        return ngettext("%(name)s offered to mentor %(num)d venture and would be on %(n)d teams.",
                        "%(name)s offered to mentor %(num)d ventures and would be on %(n)d teams.",
                        profile.capacity, name=name, n=load)  # fmt: skip
    return ""


def _member_name(team: Team, mentor_id: int) -> str:
    member: TeamMember | None = next((m for m in team.members if m.mentor_id == mentor_id), None)
    return member.mentor.name if member else "?"


def breaks_a_rule(program: Program) -> ColumnElement[bool]:
    """A condition on ``Team``: a published team that would list a problem (``problems``:
    its size, its lead, a member who left the program, has a conflict, cannot meet on the
    team's day or is over capacity; the principles are no rule for a published team).

    The teams are found set-wise, each join made once for all of them, so the database
    answers in one pass over the program's team members instead of one per team."""
    published = (Team.program_id == program.id) & (Team.status == TeamStatus.PUBLISHED)
    badly_made = (
        select(Team.id)
        .outerjoin(TeamMember, TeamMember.team_id == Team.id)
        .where(published)
        .group_by(Team.id)
        .having(or_(~func.count(TeamMember.id).between(MIN_SIZE, MAX_SIZE),
                    func.count(case((TeamMember.is_lead, 1))) == 0))
    )  # fmt: skip
    load = loads(program)
    with_a_problem = (
        select(TeamMember.team_id)
        .join(Team, Team.id == TeamMember.team_id)
        .join(Venture, Venture.id == Team.venture_id)
        .outerjoin(MentorProfile, (MentorProfile.user_id == TeamMember.mentor_id)
                   & (MentorProfile.program_id == program.id))
        .outerjoin(Membership, (Membership.user_id == TeamMember.mentor_id)
                   & (Membership.program_id == program.id) & (Membership.role == Role.MENTOR))
        .outerjoin(Recusal, (Recusal.mentor_id == TeamMember.mentor_id)
                   & (Recusal.venture_id == Team.venture_id) & (Recusal.program_id == program.id))
        .outerjoin(load, load.c.mentor_id == TeamMember.mentor_id)
        .where(published, or_(
            MentorProfile.id.is_(None), Membership.id.is_(None), Recusal.id.is_not(None),
            TeamMember.is_lead & ~MentorProfile.lead_eligible,
            ~can_meet(MentorProfile.weekdays, Venture.meeting_weekday),
            func.coalesce(load.c.teams, 0) > MentorProfile.capacity,
        ))
    )  # fmt: skip
    return Team.id.in_(union(badly_made, with_a_problem))
