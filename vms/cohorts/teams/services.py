"""Proposing, editing, publishing and repairing mentor teams (the view commits)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from blinker import Namespace
from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload, selectinload

from vms import row_locks
from vms.auth.models import Membership, Role, User
from vms.cohorts import teams as builder
from vms.cohorts.models import MentorProfile, Program, Venture, VentureStatus
from vms.cohorts.teams.builder.repair import Repair, repair_team
from vms.cohorts.teams.candidates import team_pool
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus, Volunteer
from vms.cohorts.teams.pool import Pool, builder_venture, volunteer_pairs
from vms.cohorts.teams.rules import (
    MAX_SIZE,
    MIN_SIZE,
    TeamRuleBroken,
    check_addition,
    check_lead,
    problems,
)
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import queue_email
from vms.screening.conflicts.services import mentor_recused

__all__ = ["TeamRuleBroken", "member_joined", "member_left", "team_ended"]

_signals = Namespace()
#: Sent with a published team as sender and ``mentor_id``: meetings follow the team.
member_joined = _signals.signal("team-member-joined")
member_left = _signals.signal("team-member-left")
#: Sent with the ended team as sender (the exit survey follows: vms.evidence.surveys).
team_ended = _signals.signal("team-ended")
#: Sent with the team as sender once it is published and introduced (evidence asks its goal).
team_published = _signals.signal("team-published")


def team_in_program(program: Program, team_id: int) -> Team | None:
    return db.session.scalar(
        select(Team)
        .where(Team.id == team_id, Team.program_id == program.id)
        .options(joinedload(Team.venture), selectinload(Team.members).joinedload(TeamMember.mentor))
    )


def proposable_ventures(program: Program, venture_ids: Iterable[int] | None = None):
    """Docketed ventures of the program whose team is not published yet."""
    query = select(Venture).where(_proposable(program))
    if venture_ids is not None:
        query = query.where(Venture.id.in_(list(venture_ids)))
    return list(db.session.scalars(query.order_by(Venture.name)))


def docket_choices(program: Program) -> list[tuple[int, str]]:
    """(id, name) of each proposable venture, by name: all the overview's form shows (whole
    ventures, each with its description and needs, cost a fifth of that page)."""
    query = select(Venture.id, Venture.name).where(_proposable(program))
    return list(db.session.execute(query.order_by(Venture.name)).tuples())


def _proposable(program: Program):
    published = select(Team.venture_id).where(Team.status == TeamStatus.PUBLISHED)
    return and_(Venture.program_id == program.id, Venture.status == VentureStatus.DOCKETED,
                Venture.id.not_in(published))  # fmt: skip


def propose(program: Program, venture_ids: Iterable[int]) -> list[Team]:
    """Draft teams for the chosen docketed ventures, keeping each draft's locked members."""
    row_locks.lock(program)  # two proposals at once would both create a venture's team
    ventures = proposable_ventures(program, venture_ids)
    if not ventures:
        return []
    drafts = _drafts_for(program, ventures)
    locked = {(m.mentor_id, t.venture_id) for t in drafts.values() for m in t.members if m.locked}
    chosen = [v.id for v in ventures]
    pool = Pool(program)
    plan = builder.form_teams(
        [builder_venture(v) for v in ventures], pool.builder_mentors(leaving_out=chosen),
        conflicts=pool.conflicts, min_size=MIN_SIZE, max_size=MAX_SIZE,
        preferences=volunteer_pairs(chosen), locked=locked,
    )  # fmt: skip
    for venture in ventures:
        _write_draft(drafts[venture.id], plan, locked)
    db.session.flush()
    return [drafts[v.id] for v in ventures]


def _drafts_for(program: Program, ventures: list[Venture]) -> dict[int, Team]:
    existing = {
        team.venture_id: team
        for team in db.session.scalars(
            select(Team).where(Team.venture_id.in_([v.id for v in ventures]))
        )
    }
    for venture in ventures:
        if venture.id not in existing:
            existing[venture.id] = Team(program_id=program.id, venture=venture)
            db.session.add(existing[venture.id])
    return existing


def _write_draft(team: Team, plan: builder.Plan, locked: set[tuple[int, int]]) -> None:
    proposed = plan.teams.get(team.venture_id)
    team.members.clear()
    db.session.flush()
    if proposed is None:
        reason = plan.unassigned.get(team.venture_id, "")
        code, params = getattr(reason, "code", None), getattr(reason, "params", {})
        team.unassigned = {"code": code, "params": params, "text": str(reason)}
        return
    team.unassigned = None
    for mentor_id in proposed.members:
        team.members.append(
            TeamMember(mentor_id=mentor_id, is_lead=mentor_id == proposed.lead,
                       locked=(mentor_id, team.venture_id) in locked)
        )  # fmt: skip


# -- the coordinator's edits: each checks the hard rules first ----------------------------


def _hold(team: Team, joining: int | None = None) -> None:
    """Lock the team (its size, lead and members are its rules) and the joining mentor's
    profile (their capacity across teams) before checking, so two edits at once cannot both
    pass; the team and everything else is read afresh after the lock."""
    row_locks.lock(team)
    if team.status is TeamStatus.ENDED:
        raise TeamRuleBroken(_l("This team has ended: it is no longer edited."))
    if joining is not None:
        profile = db.session.scalar(
            select(MentorProfile).where(
                MentorProfile.program_id == team.program_id, MentorProfile.user_id == joining
            )
        )
        if profile is not None:
            row_locks.lock(profile)


def add_member(team: Team, mentor_id: int) -> TeamMember:
    _hold(team, joining=mentor_id)
    pool = _pool_of(team, mentor_id)
    check_addition(team, mentor_id, pool)
    member = TeamMember(mentor_id=mentor_id, mentor=pool.mentors[mentor_id].user)
    team.members.append(member)
    _after_change(team, added=[member])
    return member


def remove_member(team: Team, mentor_id: int) -> None:
    """Drafts may break a rule while being edited; a published team must keep its lead and
    size, so there a coordinator swaps instead (a mentor leaving is `step_off`)."""
    _hold(team)
    member = _member(team, mentor_id)
    if team.status is TeamStatus.PUBLISHED and (member.is_lead or len(team.members) <= MIN_SIZE):
        raise TeamRuleBroken(_l("A published team keeps its lead and at least %(n)d mentors: "
                                "swap this mentor for another instead.", n=MIN_SIZE))  # fmt: skip
    team.members.remove(member)
    _after_change(team, removed=[mentor_id])


def swap_member(team: Team, out_id: int, in_id: int) -> TeamMember:
    """Replace a member in one step (the lead's role passes on if the newcomer can lead)."""
    _hold(team, joining=in_id)
    leaving = _member(team, out_id)
    pool = _pool_of(team, in_id)
    check_addition(team, in_id, pool, swapping=True)
    joining = TeamMember(mentor_id=in_id, mentor=pool.mentors[in_id].user, locked=leaving.locked)
    if leaving.is_lead:
        _pass_the_lead(team, leaving, joining, pool)
    team.members.remove(leaving)
    team.members.append(joining)
    _after_change(team, added=[joining], removed=[out_id])
    return joining


def _pass_the_lead(team: Team, leaving: TeamMember, joining: TeamMember, pool: Pool) -> None:
    """The lead's role goes to the newcomer if they can lead, else to a member who can; a
    published team is never left without a lead."""
    if pool.mentors[joining.mentor_id].profile.lead_eligible:
        joining.is_lead = True
        return
    heir = next((m for m in team.members if m is not leaving and m.mentor_id in pool.mentors
                 and pool.mentors[m.mentor_id].profile.lead_eligible), None)  # fmt: skip
    if heir is not None:
        heir.is_lead = True
    elif team.status is TeamStatus.PUBLISHED:
        raise TeamRuleBroken(_l("%(name)s leads this team and nobody else on it can: swap in "
                                "a lead-eligible mentor.", name=leaving.mentor.name))  # fmt: skip


def make_lead(team: Team, mentor_id: int) -> None:
    _hold(team)
    check_lead(team, mentor_id, _pool_of(team))
    for member in team.members:
        member.is_lead = member.mentor_id == mentor_id
    db.session.flush()


def toggle_lock(team: Team, mentor_id: int) -> bool:
    _hold(team)
    member = _member(team, mentor_id)
    member.locked = not member.locked
    db.session.flush()
    return member.locked


def _member(team: Team, mentor_id: int) -> TeamMember:
    member = next((m for m in team.members if m.mentor_id == mentor_id), None)
    if member is None:
        raise TeamRuleBroken(_l("This mentor is not on the team."))
    return member


def _after_change(
    team: Team, added: Iterable[TeamMember] = (), removed: Iterable[int] = ()
) -> None:
    """A changed published team introduces itself to whoever just joined, and tells the
    features that follow its members (meetings) who joined and who left."""
    db.session.flush()
    if team.status is not TeamStatus.PUBLISHED:
        return
    for mentor_id in removed:
        member_left.send(team, mentor_id=mentor_id)
    for member in added:
        _introduce(team, [member.mentor])
        member_joined.send(team, mentor_id=member.mentor_id)


def _program(team: Team) -> Program:
    return db.session.get(Program, team.program_id)


def _pool_of(team: Team, *joining: int) -> Pool:
    """The team's members and whoever is joining: all the rules of an edit ask about."""
    return Pool(_program(team), mentor_ids=[*(m.mentor_id for m in team.members), *joining])


# -- publishing and repair ------------------------------------------------------------------


def publish(team: Team, actor: User, now: datetime | None = None) -> None:
    """Introduce the team to its mentors and founders; the venture moves to teamed."""
    _hold(team)  # a second click must not introduce the team twice
    if team.status is TeamStatus.PUBLISHED:
        raise TeamRuleBroken(_l("This team is already published."))
    found = problems(team, _pool_of(team))
    if found:
        raise TeamRuleBroken(found[0])
    venture = team.venture
    if venture.status is not VentureStatus.TEAMED:
        if not venture.can_move_to(VentureStatus.TEAMED):
            raise TeamRuleBroken(_l("%(venture)s is no longer on the docket (it is %(status)s).",
                                    venture=venture.name, status=venture.status.label))  # fmt: skip
        venture.move_to(VentureStatus.TEAMED, actor, note="team published")
    team.publish(actor, now or now_utc())
    db.session.flush()
    founders = [f.user for f in venture.founders if f.user is not None]
    _introduce(team, [m.mentor for m in team.members] + founders)
    _introduce_by_address(team, [f for f in venture.founders if f.user is None and f.email])
    team_published.send(team)


def end(team: Team, actor: User, now: datetime | None = None) -> None:
    """End a published team's work: it leaves its mentors' load, and the exit survey is sent
    (to the ``team_ended`` signal's receivers). A second click is refused, not repeated."""
    row_locks.lock(team)
    if team.status is not TeamStatus.PUBLISHED:
        raise TeamRuleBroken(_l("Only a published team can end."))
    team.end(actor, now or now_utc())
    db.session.flush()
    team_ended.send(team)


def _introduce(team: Team, people: Iterable[User]) -> None:
    program = _program(team)
    for person in people:
        queue_email(
            person.email, person.locale or program.default_locale, "cohorts/team_intro",
            _l("Your mentor team for %(venture)s", venture=team.venture.name),
            team=team, program=program, name=person.name,
            link=email_link("cohorts.my_teams", program_slug=program.slug),
        )  # fmt: skip


def _introduce_by_address(team: Team, founders) -> None:
    """Founders without an account yet get the introduction at the address they applied with."""
    program = _program(team)
    for founder in founders:
        queue_email(
            founder.email, program.default_locale, "cohorts/team_intro",
            _l("Your mentor team for %(venture)s", venture=team.venture.name),
            team=team, program=program, name=founder.name, link=None,
        )  # fmt: skip


def repair_plan(team: Team, pool: Pool | None = None) -> Repair:
    """The smallest change that makes the team legal again (nothing when it is), drawing on
    the mentors of ``team_pool`` (which ``pool`` holds, when given)."""
    pool = pool or team_pool(team)
    if not problems(team, pool):
        return Repair(lead=team.lead.mentor_id if team.lead else None)
    venture = builder_venture(team.venture)
    members = [
        pool.builder_mentor(m.mentor_id) for m in team.members if m.mentor_id in pool.mentors
    ]
    missing = tuple(m.mentor_id for m in team.members if m.mentor_id not in pool.mentors)
    # Over their capacity: this team lets them go.
    gone = [m.mentor_id for m in team.members if m.mentor_id in pool.mentors
            and pool.load(m.mentor_id) > pool.mentors[m.mentor_id].profile.capacity]  # fmt: skip
    on_team = {m.mentor_id for m in team.members}
    candidates = [m for m in pool.builder_mentors() if m.id not in on_team]
    repair = repair_team(venture, members, team.lead.mentor_id if team.lead else None,
                         candidates, pool.conflicts, gone, MIN_SIZE, MAX_SIZE)  # fmt: skip
    return Repair(drop=missing + repair.drop, add=repair.add, lead=repair.lead,
                  impossible=repair.impossible)  # fmt: skip


def apply_repair(team: Team) -> Repair:
    _hold(team)
    pool = team_pool(team)
    repair = repair_plan(team, pool)
    if repair.impossible:
        raise TeamRuleBroken(_l("No repair is possible with the mentors free now."))
    if not (repair.drop or repair.add) and team.lead and team.lead.mentor_id == repair.lead:
        raise TeamRuleBroken(_l("There is nothing the mentors free now could repair."))
    for mentor_id in repair.drop:
        team.members.remove(_member(team, mentor_id))
    added = [TeamMember(mentor_id=mid, mentor=pool.mentors[mid].user) for mid in repair.add]
    team.members.extend(added)
    for member in team.members:
        member.is_lead = member.mentor_id == repair.lead
    _after_change(team, added=added, removed=repair.drop)
    return repair


# -- volunteers and mentors leaving ----------------------------------------------------------


def set_volunteer(program: Program, venture: Venture, mentor: User, volunteering: bool) -> None:
    row_locks.lock(venture)  # a double click must not insert the same volunteer twice
    existing = db.session.scalar(
        select(Volunteer).where(Volunteer.venture_id == venture.id,
                                Volunteer.mentor_id == mentor.id)
    )  # fmt: skip
    if volunteering and existing is None:
        db.session.add(Volunteer(venture_id=venture.id, mentor_id=mentor.id))
    elif not volunteering and existing is not None:
        db.session.delete(existing)
    db.session.flush()


def step_off(program: Program, mentor_id: int, venture_id: int | None = None) -> list[Team]:
    """Take a mentor off their teams (or one venture's team); the coordinators are told."""
    query = (
        select(TeamMember)
        .join(Team)
        .where(Team.program_id == program.id, TeamMember.mentor_id == mentor_id)
    )
    if venture_id is not None:
        query = query.where(Team.venture_id == venture_id)
    left = []
    for member in db.session.scalars(query):
        team = member.team
        team.members.remove(member)
        _after_change(team, removed=[mentor_id])
        left.append(team)
    _tell_coordinators(program, [t for t in left if t.status is TeamStatus.PUBLISHED])
    return left


def _tell_coordinators(program: Program, teams: list[Team]) -> None:
    if not teams:
        return
    coordinators = db.session.scalars(
        select(User).join(Membership).where(
            Membership.program_id == program.id, Membership.role == Role.COORDINATOR
        )
    )  # fmt: skip
    for person in coordinators:
        queue_email(
            person.email, person.locale or program.default_locale, "cohorts/team_repair",
            _l("A mentor team needs a repair"), teams=teams, program=program,
            link=email_link("cohorts.team_overview", program_slug=program.slug),
        )  # fmt: skip


@mentor_recused.connect
def _on_recusal(recusal, **_extra) -> None:
    """A recused mentor steps off that venture's team at once (DESIGN: the conflicts rule)."""
    step_off(db.session.get(Program, recusal.program_id), recusal.mentor_id, recusal.venture_id)
