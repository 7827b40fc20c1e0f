"""Who may do what with a meeting. Coordinators arrange everything; the team's lead mentor
schedules and records; the venture's founders write the agenda and the summary; invitees see
the meeting and answer. Anyone else gets a 404, as for another program's objects."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import Role, User
from vms.cohorts.models import Program, Venture
from vms.cohorts.teams.models import Team, TeamMember
from vms.extensions import db
from vms.scheduling.meetings import people
from vms.scheduling.models import DocketEntry, Meeting


def meeting_in_program(program: Program, meeting_id: int) -> Meeting | None:
    """The meeting with its agenda and docket, not its invitees: a monthly mentor meeting
    invites every mentor, and its pages count and page them in SQL (people.py). Its actions
    load when a summary shows them; of a docketed venture, only its name (the page shows it)."""
    return db.session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id, Meeting.program_id == program.id)
        .options(
            selectinload(Meeting.agenda),
            selectinload(Meeting.docket).joinedload(DocketEntry.venture).load_only(Venture.name),
        )
    )


def team_of(meeting: Meeting) -> Team | None:
    if meeting.team_id is None:
        return None
    return db.session.scalar(
        select(Team)
        .where(Team.id == meeting.team_id)
        .options(
            selectinload(Team.members), selectinload(Team.venture).selectinload(Venture.founders)
        )
    )


def leads(team: Team | None, user: User) -> bool:
    return team is not None and any(m.is_lead and m.mentor_id == user.id for m in team.members)


def founds(team: Team | None, user: User) -> bool:
    return team is not None and any(f.user_id == user.id for f in team.venture.founders)


def may_organise(team: Team | None, user: User, roles) -> bool:
    """Schedule, move, cancel and take attendance."""
    return Role.COORDINATOR in roles or leads(team, user)


def may_write_agenda(team: Team | None, user: User, roles) -> bool:
    return Role.COORDINATOR in roles or founds(team, user)


def may_write_summary(team: Team | None, user: User, roles) -> bool:
    return Role.COORDINATOR in roles or founds(team, user) or leads(team, user)


def team_in_program(program: Program, team_id: int) -> Team | None:
    return db.session.scalar(
        select(Team)
        .where(Team.id == team_id, Team.program_id == program.id)
        .options(
            selectinload(Team.members).selectinload(TeamMember.mentor),
            selectinload(Team.venture).selectinload(Venture.founders),
        )
    )


def visible_meeting(program: Program, meeting_id: int, user: User, roles):
    """(meeting, its team) for a coordinator or an invitee; None for anyone else."""
    seen = meeting_as_seen_by(program, meeting_id, user, roles)
    return seen[:2] if seen else None


def meeting_as_seen_by(program: Program, meeting_id: int, user: User, roles):
    """(meeting, its team, the person's own invitation or None) for a coordinator or an
    invitee; None for anyone else."""
    meeting = meeting_in_program(program, meeting_id)
    if meeting is None:
        return None
    mine = people.invitation_of(meeting, user)
    if Role.COORDINATOR not in roles and mine is None:
        return None
    team = team_of(meeting)
    still_on_team = team is None or any(m.mentor_id == user.id for m in team.members)
    if Role.COORDINATOR not in roles and not (still_on_team or founds(team, user)):
        return None  # a mentor who left the team (a recusal, say) no longer reads its meetings
    return meeting, team, mine
