"""The screening part of a grown unit (tests/grown_world.py): applications in every stage
with interviews and scorecards, conflicts, commercial requests and recusals, invitations."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from vms.auth.models import Role, User
from vms.cohorts.models import Cohort, Invitation, InvitationStatus, Venture, VentureStatus
from vms.database import now_utc
from vms.extensions import db
from vms.screening.conflicts.models import (
    CommercialRequest,
    ConflictDeclaration,
    ConflictKind,
    Recusal,
    RelationshipKind,
    RequestStatus,
)
from vms.screening.mentors import rubric
from vms.screening.mentors.models import (
    CriterionScore,
    Interview,
    MentorApplication,
    MentorApplicationEvent,
    MentorStatus,
    Scorecard,
)
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.tokens import new_token

if TYPE_CHECKING:
    from tests.grown_world import Cast

#: Where the addresses this growth invents live (never a demo account's).
GROWN = "grown.example"
_S = MentorStatus
#: An application in every stage, each reached by the model's own moves.
APPLICATION_PATHS = [
    [], [_S.INTERVIEW_SCHEDULED], [_S.INTERVIEW_SCHEDULED, _S.INTERVIEWED],
    [_S.INTERVIEW_SCHEDULED, _S.INTERVIEWED, _S.ACCEPTED],
    [_S.INTERVIEW_SCHEDULED, _S.INTERVIEWED, _S.WAITLISTED], [_S.DECLINED], [_S.WITHDRAWN],
]  # fmt: skip


def applications(cast: Cast, mentors: list[User], unit: int) -> None:
    """The interviewers are a coordinator, the persona mentors and a new mentor; only the new
    mentor and (but for the waitlisted) the coordinator have scored, so the personas'
    interviews to score grow."""
    terms = {kind: taxonomy.terms(cast.program, kind) for kind in TaxonomyKind}
    interviewers = [cast.coordinators[0], *cast.mentors, mentors[0]]
    for n, path in enumerate(APPLICATION_PATHS):
        email = f"applicant-{cast.program.slug}-{unit}-{n}@{GROWN}"
        application = MentorApplication(
            program_id=cast.program.id, name=f"Grown Applicant {unit}-{n}", email=email,
            industry=terms[TaxonomyKind.INDUSTRY][n], function=terms[TaxonomyKind.FUNCTION][n],
            expertise=terms[TaxonomyKind.EXPERTISE][n : n + 2], years_experience=12,
            bio="Built things.", days_per_month=2, max_ventures=1, weekdays=[2],
            motivation="To help.", access_token_hash=new_token()[1],
            status=_S.SUBMITTED, events=[MentorApplicationEvent(to_status=_S.SUBMITTED)],
        )  # fmt: skip
        for status in path:
            application.move_to(status, cast.coordinators[0])
        if path[:1] == [_S.INTERVIEW_SCHEDULED]:
            application.interviews.append(_interview(cast, application.status, interviewers, unit))
        if application.status is _S.ACCEPTED:  # as the service admits someone without an account
            invitation(cast, None, email, Role.MENTOR, InvitationStatus.PENDING)
        db.session.add(application)


def _interview(cast: Cast, status: MentorStatus, interviewers: list[User], unit: int) -> Interview:
    scheduled = status is _S.INTERVIEW_SCHEDULED
    interview = Interview(
        uid=f"interview-{new_token()[0]}@vms", duration_minutes=45, location="Room 2",
        starts_at=now_utc() + timedelta(days=(1 if scheduled else -1) * (3 + unit)),
        interviewers=interviewers,
    )  # fmt: skip
    if not scheduled:
        scorers = [interviewers[-1], *([interviewers[0]] if status is not _S.WAITLISTED else [])]
        criteria = rubric.criteria(cast.program.id)
        interview.scorecards = [
            Scorecard(interviewer=person, scores=[
                CriterionScore(criterion=c, value=1 + i % 5) for i, c in enumerate(criteria)])
            for person in scorers
        ]  # fmt: skip
    return interview


def conflicts(cast: Cast, mentors: list[User], ventures: list[Venture], unit: int) -> None:
    """Each persona mentor declares a company and a sector and asks to invest; new mentors
    declare a conflict with a venture and have a request approved (both recuse them, from
    ventures without a team) and one declined."""
    program_id, coordinator = cast.program.id, cast.coordinators[0]
    free = [v for v in ventures if v.status in (VentureStatus.SUBMITTED, VentureStatus.ACCEPTED)]
    for mentor in cast.mentors:
        db.session.add_all(
            ConflictDeclaration(program_id=program_id, mentor=mentor, kind=kind,
                                subject=f"{kind.value} {unit}")
            for kind in (ConflictKind.COMPANY, ConflictKind.SECTOR)
        )  # fmt: skip
        db.session.add(_request(cast, mentor, free[0]))
    db.session.add(ConflictDeclaration(
        program_id=program_id, mentor=mentors[1], kind=ConflictKind.VENTURE, venture=free[1],
        subject=free[1].name, details="A relative works there.",
    ))  # fmt: skip
    approved, declined = _request(cast, mentors[2], free[2]), _request(cast, mentors[3], free[0])
    approved.decide(True, coordinator, "Fine: you step off its team.", now_utc())
    declined.decide(False, coordinator, "Not while you mentor it.", now_utc())
    db.session.add_all([approved, declined])
    db.session.flush()
    db.session.add_all([
        Recusal(program_id=program_id, mentor=mentors[1], venture=free[1],
                reason="declared conflict: A relative works there."),
        Recusal(program_id=program_id, mentor=mentors[2], venture=free[2],
                reason="approved: invest", request_id=approved.id),
    ])  # fmt: skip


def _request(cast: Cast, mentor: User, venture: Venture) -> CommercialRequest:
    return CommercialRequest(
        program_id=cast.program.id, mentor=mentor, venture=venture,
        kind=RelationshipKind.INVEST, details="A small stake.", status=RequestStatus.PENDING,
    )  # fmt: skip


def invitations(cast: Cast, cohort: Cohort, mentors: list[User], unit: int) -> None:
    """Pending, accepted, revoked and expired invitations, in the new cohort and the first;
    a coordinator invited program-wide (the site admin's page of the program lists those)."""
    slug = cast.program.slug
    for place in (cohort, cast.cohorts[0]):
        for state in InvitationStatus:
            email = f"invited-{slug}-{unit}-{place.id}-{state.value}@{GROWN}"
            made = invitation(cast, place, email, Role.MENTOR, state)
            if state is InvitationStatus.ACCEPTED:
                made.accepted_by, made.accepted_at = mentors[4], now_utc()
    coordinator = f"coordinator-{slug}-{unit}@{GROWN}"
    invitation(cast, None, coordinator, Role.COORDINATOR, InvitationStatus.PENDING)


def invitation(cast: Cast, cohort, email: str, role: Role, state) -> Invitation:
    expired = state is InvitationStatus.EXPIRED  # never stored: a pending one past its expiry
    made = Invitation(
        program_id=cast.program.id, cohort=cohort, email=email, role=role,
        token_hash=new_token()[1], invited_by=cast.coordinators[0],
        status=InvitationStatus.PENDING if expired else state,
        expires_at=now_utc() + timedelta(days=-2 if expired else 14),
    )  # fmt: skip
    db.session.add(made)
    return made
