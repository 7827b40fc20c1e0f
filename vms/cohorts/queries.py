"""What the cohort pages read: summaries, people, a person's cohorts and ventures, profiles.

Read-only, and a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import (
    Cohort,
    CohortMember,
    Invitation,
    InvitationStatus,
    MentorProfile,
    Program,
    Venture,
    VentureFounder,
)
from vms.database import now_utc
from vms.extensions import db


@dataclass(frozen=True)
class CohortSummary:
    cohort: Cohort
    members_by_role: dict[Role, int]
    pending_invitations: int


def cohort_summaries(program: Program, now: datetime | None = None) -> list[CohortSummary]:
    """Each cohort with member counts per role (in the roles' order) and open invitations,
    in one statement: every count is a subquery of the cohort's row."""
    now = now or now_utc()

    def members(role: Role):
        return (
            select(func.count())
            .where(CohortMember.cohort_id == Cohort.id, CohortMember.role == role)
            .scalar_subquery()
        )

    pending = (
        select(func.count())
        .where(Invitation.cohort_id == Cohort.id, Invitation.program_id == program.id,
               Invitation.status == InvitationStatus.PENDING, Invitation.expires_at > now)
        .scalar_subquery()
    )  # fmt: skip
    roles = list(Role)
    rows = db.session.execute(
        select(Cohort, pending, *(members(role) for role in roles))
        .where(Cohort.program_id == program.id)
        .order_by(Cohort.starts_on.desc())
    )
    return [
        CohortSummary(cohort, {r: n for r, n in zip(roles, counts, strict=True) if n}, invited)
        for cohort, invited, *counts in rows
    ]


def cohort_people(cohort: Cohort) -> tuple[list[CohortMember], list[Invitation]]:
    members = db.session.scalars(
        select(CohortMember)
        .where(CohortMember.cohort_id == cohort.id)
        .join(User)
        .order_by(CohortMember.role, User.name)
        .options(joinedload(CohortMember.user))
    ).all()
    invitations = db.session.scalars(
        select(Invitation)
        .where(Invitation.cohort_id == cohort.id)
        .order_by(Invitation.created_at.desc())
    ).all()
    return list(members), list(invitations)


def program_wide_invitations(program: Program) -> list[Invitation]:
    """Invitations not tied to a cohort: coordinators appointed by a site admin."""
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.program_id == program.id, Invitation.cohort_id.is_(None))
            .order_by(Invitation.created_at.desc())
        )
    )


def cohorts_of(user: User, program: Program) -> list[tuple[Cohort, Role]]:
    """The cohorts this person is in, with their role there."""
    return list(
        db.session.execute(
            select(Cohort, CohortMember.role)
            .join(CohortMember)
            .where(Cohort.program_id == program.id, CohortMember.user_id == user.id)
            .order_by(Cohort.starts_on.desc())
        ).tuples()
    )


def mentor_profile(user: User, program: Program) -> MentorProfile | None:
    return db.session.scalar(
        select(MentorProfile).where(
            MentorProfile.user_id == user.id, MentorProfile.program_id == program.id
        )
    )


def ventures_of(user: User, program: Program) -> list[Venture]:
    return list(
        db.session.scalars(
            select(Venture)
            .join(VentureFounder)
            .where(Venture.program_id == program.id, VentureFounder.user_id == user.id)
            .order_by(Venture.name)
        )
    )


def programs_with_coordinator_counts() -> list[tuple[Program, int]]:
    """Every program with how many coordinators it has (site administration)."""
    return list(
        db.session.execute(
            select(Program, func.count(Membership.id))
            .outerjoin(
                Membership,
                (Membership.program_id == Program.id) & (Membership.role == Role.COORDINATOR),
            )
            .group_by(Program.id)
            .order_by(Program.name)
        ).tuples()
    )
