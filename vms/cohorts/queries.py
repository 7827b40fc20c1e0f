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
    """Each cohort with member counts per role and open invitations, in two queries."""
    now = now or now_utc()
    cohorts = db.session.scalars(
        select(Cohort).where(Cohort.program_id == program.id).order_by(Cohort.starts_on.desc())
    ).all()
    counts: dict[int, dict[Role, int]] = {c.id: {} for c in cohorts}
    for cohort_id, role, n in db.session.execute(
        select(CohortMember.cohort_id, CohortMember.role, func.count())
        .join(Cohort)
        .where(Cohort.program_id == program.id)
        .group_by(CohortMember.cohort_id, CohortMember.role)
    ):
        counts[cohort_id][role] = n
    pending = dict(
        db.session.execute(
            select(Invitation.cohort_id, func.count())
            .where(
                Invitation.program_id == program.id,
                Invitation.status == InvitationStatus.PENDING,
                Invitation.expires_at > now,
            )
            .group_by(Invitation.cohort_id)
        ).all()
    )
    return [CohortSummary(c, counts[c.id], pending.get(c.id, 0)) for c in cohorts]


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
