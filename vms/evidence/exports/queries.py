"""What each export lists, loaded in a fixed number of statements whatever its size: every
collection joined into its one statement (selectinload would issue one more per 500 rows)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from vms.agreements.models import Agreement, AgreementParty, AgreementSignature, AgreementVersion
from vms.auth.models import Membership, User
from vms.cohorts.models import (
    Cohort,
    CohortMember,
    Program,
    Venture,
    VentureFounder,
    VentureNeed,
    VentureStatus,
)
from vms.cohorts.teams.models import Team, TeamMember
from vms.database import now_utc
from vms.extensions import db
from vms.peer.choices.models import PeerPair, PeerRanking
from vms.peer.models import PeerEvent
from vms.scheduling.models import Invitee, Meeting, MeetingKind


def memberships(program: Program, cohort: Cohort | None) -> list[Membership]:
    """Everyone in the program (or in one cohort), by name."""
    statement = (
        select(Membership).join(Membership.user).where(Membership.program_id == program.id)
        .options(joinedload(Membership.user)).order_by(User.name, User.id, Membership.role)
    )  # fmt: skip
    if cohort is not None:
        statement = statement.where(
            select(CohortMember.id).where(
                CohortMember.cohort_id == cohort.id, CohortMember.user_id == Membership.user_id,
                CohortMember.role == Membership.role,
            ).exists()
        )  # fmt: skip
    return list(db.session.scalars(statement))


def cohorts_of_people(program: Program) -> dict[tuple[int, str], list[str]]:
    """(user id, role value) -> the names of the program's cohorts held in that role."""
    found: dict[tuple[int, str], list[str]] = {}
    for user_id, role, name in db.session.execute(
        select(CohortMember.user_id, CohortMember.role, Cohort.name)
        .join(Cohort, Cohort.id == CohortMember.cohort_id).where(Cohort.program_id == program.id)
    ):  # fmt: skip
        found.setdefault((user_id, role.value), []).append(name)
    return found


def cohort_names(program: Program) -> dict[int, str]:
    return dict(db.session.execute(
        select(Cohort.id, Cohort.name).where(Cohort.program_id == program.id)).all())  # fmt: skip


def ventures(program: Program, status: VentureStatus | None, query: str) -> list[Venture]:
    """The venture pipeline's filter (status, words in the name or description), every row."""
    statement = (
        select(Venture).where(Venture.program_id == program.id)
        .options(joinedload(Venture.founders).joinedload(VentureFounder.user),
                 joinedload(Venture.assessment).joinedload(VentureNeed.term),
                 joinedload(Venture.sector))
        .order_by(Venture.created_at.desc(), Venture.id.desc())
    )  # fmt: skip
    if status is not None:
        statement = statement.where(Venture.status == status)
    if query.strip():
        pattern = f"%{query.strip().lower()}%"
        statement = statement.where(
            or_(func.lower(Venture.name).like(pattern),
                func.lower(Venture.description).like(pattern))
        )  # fmt: skip
    return list(db.session.scalars(statement).unique())


def teams(program: Program) -> list[Team]:
    return list(db.session.scalars(
        select(Team).where(Team.program_id == program.id)
        .options(joinedload(Team.venture),
                 joinedload(Team.members).joinedload(TeamMember.mentor))
        .order_by(Team.created_at, Team.id)
    ).unique())  # fmt: skip


def meetings(program: Program, kind: MeetingKind | None, when: str | None = None) -> list[Meeting]:
    """Every meeting of the program (or of one kind; ``when``: "upcoming" or "past", split at
    the meeting's end as the meetings page does), oldest first, with its invitees."""
    statement = (
        select(Meeting).where(Meeting.program_id == program.id)
        .options(joinedload(Meeting.invitees).joinedload(Invitee.user))
        .order_by(Meeting.starts_at, Meeting.id)
    )  # fmt: skip
    if kind is not None:
        statement = statement.where(Meeting.kind == kind)
    if when is not None:
        now = now_utc()
        statement = statement.where(Meeting.ends_at >= now if when == "upcoming" else
                                    Meeting.ends_at < now)  # fmt: skip
    return list(db.session.scalars(statement).unique())


def event_in_program(program: Program, event_id: int) -> PeerEvent | None:
    return db.session.scalar(
        select(PeerEvent).where(PeerEvent.id == event_id, PeerEvent.program_id == program.id)
    )


def rankings(event: PeerEvent) -> tuple[list[PeerRanking], dict[int, User]]:
    found = list(db.session.scalars(
        select(PeerRanking).where(PeerRanking.event_id == event.id)
        .options(joinedload(PeerRanking.ranked)).order_by(PeerRanking.ranker_id, PeerRanking.rank)
    ))  # fmt: skip
    ids = {r.ranker_id for r in found}
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
    return found, people


def pairs(event: PeerEvent) -> list[PeerPair]:
    return list(db.session.scalars(
        select(PeerPair).where(PeerPair.event_id == event.id)
        .options(joinedload(PeerPair.member), joinedload(PeerPair.mentor))
        .order_by(PeerPair.id)
    ))  # fmt: skip


def agreements(program: Program) -> tuple[list[Agreement], dict[int, dict[int, datetime]]]:
    found = list(db.session.scalars(
        select(Agreement).where(Agreement.program_id == program.id)
        .options(joinedload(Agreement.parties).joinedload(AgreementParty.user))
        .order_by(Agreement.created_at, Agreement.id)
    ).unique())  # fmt: skip
    signed: dict[int, dict[int, datetime]] = {}
    for agreement_id, user_id, at in db.session.execute(
        select(AgreementSignature.agreement_id, AgreementSignature.user_id,
               AgreementSignature.signed_at)
        .join(AgreementVersion, AgreementVersion.id == AgreementSignature.version_id)
        .join(Agreement, Agreement.id == AgreementSignature.agreement_id)
        .where(Agreement.program_id == program.id, AgreementVersion.superseded_at.is_(None))
    ):  # fmt: skip
        signed.setdefault(agreement_id, {})[user_id] = at
    return found, signed
