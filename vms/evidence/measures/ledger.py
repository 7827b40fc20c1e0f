"""The mentor commitment ledger: per mentor, the days a month pledged in the application against
the team meetings and monthly mentor meetings attended. The rows pure; read by ``ledger_page``
one page at a time (three statements, however many mentors and invitations)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from vms.auth.models import Role, User
from vms.cohorts.models import CohortMember, MentorProfile, Program
from vms.evidence.measures.scope import Scope
from vms.extensions import db
from vms.paging import PAGE_SIZE, Page
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus


@dataclass(frozen=True)
class LedgerRow:
    mentor_id: int
    name: str
    days_pledged: int
    team_attended: int
    #: Team meetings held that the mentor was invited to.
    team_invited: int
    monthly_attended: int
    monthly_invited: int

    @property
    def monthly_share(self) -> int | None:
        """Monthly mentor meetings attended, in percent of those invited to."""
        if not self.monthly_invited:
            return None
        return round(100 * self.monthly_attended / self.monthly_invited)


def _count(kind: MeetingKind, attended: bool):
    hit = Meeting.kind == kind
    if attended:
        hit = hit & Invitee.attended.is_(True)
    return func.sum(case((hit, 1), else_=0))


def ledger_page(program: Program, scope: Scope, now: datetime, number: int) -> Page:
    """One page of the ledger, by mentor name, with the meetings held in the scope's range:
    the page's mentors first, then only their invitations are counted (a program's hundreds
    of thousands of invitations are never tallied whole for one page)."""
    mine = _mentors(program, scope)
    total = db.session.scalar(select(func.count(MentorProfile.id)).where(*mine))
    number = min(max(1, number), max(1, -(-total // PAGE_SIZE)))
    ids = list(db.session.scalars(
        select(User.id).join(MentorProfile, MentorProfile.user_id == User.id).where(*mine)
        .order_by(User.name, User.id).limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)
    ))  # fmt: skip
    return Page(_rows(_ledger(program, scope, now, ids)) if ids else [], number, total)


def ledger_rows(program: Program, scope: Scope, now: datetime) -> list[LedgerRow]:
    """The whole ledger (its CSV): one statement."""
    return _rows(_ledger(program, scope, now))


def _ledger(program: Program, scope: Scope, now: datetime, ids: list[int] | None = None):
    tally = _tally(program, scope, now, ids)
    return (
        select(User.id, User.name, MentorProfile.days_per_month, tally.c.team_attended,
               tally.c.team_invited, tally.c.monthly_attended, tally.c.monthly_invited)
        .join(User, User.id == MentorProfile.user_id)
        .outerjoin(tally, tally.c.user_id == User.id)
        .where(*_mentors(program, scope), *_among(User.id, ids))
        .order_by(User.name, User.id)
    )  # fmt: skip


def _among(column, ids: list[int] | None) -> list:
    return [column.in_(ids)] if ids is not None else []


def _rows(statement) -> list[LedgerRow]:
    return [LedgerRow(uid, name, days, *(n or 0 for n in counts))
            for uid, name, days, *counts in db.session.execute(statement).tuples()]  # fmt: skip


def _mentors(program: Program, scope: Scope) -> list:
    """The program's mentors with a profile (the cohort's, when one is chosen)."""
    mine = [MentorProfile.program_id == program.id]
    if scope.cohort_id:
        in_cohort = select(CohortMember.user_id).where(
            CohortMember.cohort_id == scope.cohort_id, CohortMember.role == Role.MENTOR
        )
        mine.append(MentorProfile.user_id.in_(in_cohort))
    return mine


def _tally(program: Program, scope: Scope, now: datetime, ids: list[int] | None):
    """Per person (of ``ids``, or everyone): meetings held in the range they were invited
    to, and attended."""
    held = [*_among(Invitee.user_id, ids), Meeting.program_id == program.id,
            Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at <= now,
            *([Meeting.starts_at >= scope.starts_at] if scope.starts_at else []),
            *([Meeting.starts_at < scope.ends_before] if scope.ends_before else [])]  # fmt: skip
    return (
        select(Invitee.user_id,
               _count(MeetingKind.TEAM, True).label("team_attended"),
               _count(MeetingKind.TEAM, False).label("team_invited"),
               _count(MeetingKind.MENTOR_MEETING, True).label("monthly_attended"),
               _count(MeetingKind.MENTOR_MEETING, False).label("monthly_invited"))
        .join(Meeting, Meeting.id == Invitee.meeting_id).where(*held)
        .group_by(Invitee.user_id).subquery()
    )  # fmt: skip
