"""Mentor applications: submission, the coordinator's pipeline, decisions and their emails."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from vms import row_locks
from vms.auth import services as accounts
from vms.auth.models import Role, User
from vms.cohorts import queries as cohort_queries
from vms.cohorts import services as cohorts
from vms.cohorts.models import Invitation, MentorProfile, Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import queue_email
from vms.screening.mentors import rubric
from vms.screening.mentors.models import (
    Interview,
    MentorApplication,
    MentorApplicationEvent,
    MentorStatus,
    Scorecard,
    interview_interviewers,
)
from vms.screening.principles import services as principles
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.states import IllegalTransition
from vms.tokens import new_token, token_hash


class DuplicateApplication(Exception):
    pass


class MoveRefused(Exception):
    """Why a legal move cannot be made yet (a sentence for the person)."""


@dataclass
class MentorApplicationInput:
    name: str
    email: str
    industry_id: int | None
    function_id: int | None
    expertise_ids: list[int]
    years_experience: int
    bio: str
    link: str
    days_per_month: int
    max_ventures: int
    weekdays: list[int]
    heard_from: str
    motivation: str
    locale: str = "en"


def submit_mentor_application(program: Program, data: MentorApplicationInput) -> MentorApplication:
    """Record an application (one per address per program) and confirm it by email."""
    email = accounts.normalise_email(data.email)
    if application_by_email(program, email) is not None:
        raise DuplicateApplication(email)
    token, hashed = new_token()
    application = MentorApplication(
        program_id=program.id, name=data.name.strip(), email=email, locale=data.locale,
        industry=_one_term(program, data.industry_id, TaxonomyKind.INDUSTRY),
        function=_one_term(program, data.function_id, TaxonomyKind.FUNCTION),
        expertise=[t for t in taxonomy.terms_by_id(program, data.expertise_ids)
                   if t.kind is TaxonomyKind.EXPERTISE],
        years_experience=data.years_experience, bio=data.bio.strip(), link=data.link.strip(),
        days_per_month=data.days_per_month, max_ventures=data.max_ventures,
        weekdays=sorted(set(data.weekdays)), heard_from=data.heard_from.strip(),
        motivation=data.motivation.strip(), access_token_hash=hashed, status=MentorStatus.SUBMITTED,
        events=[MentorApplicationEvent(from_status=None, to_status=MentorStatus.SUBMITTED)],
    )  # fmt: skip
    try:
        with db.session.begin_nested():  # one per address: a double click loses here
            db.session.add(application)
    except IntegrityError as lost_race:
        raise DuplicateApplication(email) from lost_race
    _email_applicant(
        application,
        "received",
        _l("We received your application to mentor"),
        link=email_link("screening.applicant_status", token=token),
    )
    return application


def _one_term(program: Program, term_id: int | None, kind: TaxonomyKind):
    found = taxonomy.terms_by_id(program, [term_id] if term_id else [])
    return found[0] if found and found[0].kind is kind else None


def application_by_email(program: Program, email: str) -> MentorApplication | None:
    return db.session.scalar(
        select(MentorApplication).where(
            MentorApplication.program_id == program.id,
            MentorApplication.email == accounts.normalise_email(email),
        )
    )


def application_or_none(program: Program, application_id: int) -> MentorApplication | None:
    return db.session.scalar(
        select(MentorApplication).where(
            MentorApplication.id == application_id, MentorApplication.program_id == program.id
        )
    )


def application_for_token(token: str) -> MentorApplication | None:
    return db.session.scalar(
        select(MentorApplication).where(MentorApplication.access_token_hash == token_hash(token))
    )


# -- the pipeline ---------------------------------------------------------------------------


DECISION_EMAILS = {
    MentorStatus.ACCEPTED: ("accepted", _l("Welcome to the mentor team")),
    MentorStatus.DECLINED: ("declined", _l("Your application to mentor")),
    MentorStatus.WAITLISTED: ("waitlisted", _l("Your application to mentor: waitlist")),
}


def move(
    application: MentorApplication,
    target: MentorStatus,
    actor: User | None,
    note: str = "",
    now: datetime | None = None,
) -> None:
    """A legal pipeline move with its consequences: decisions are emailed, acceptance admits.
    An application is marked interviewed only once its interview has started (``now``)."""
    row_locks.lock(application)  # a second click finds the move made and is refused
    if target is MentorStatus.INTERVIEWED:
        _check_interview_started(application, now or now_utc())
    application.move_to(target, actor, (note or "").strip(), now)
    db.session.flush()
    if target is MentorStatus.ACCEPTED:
        _admit_as_mentor(application, actor)
    elif target in DECISION_EMAILS:
        template, subject = DECISION_EMAILS[target]
        _email_applicant(application, template, subject)


def _check_interview_started(application: MentorApplication, now: datetime) -> None:
    interview = application.interviews[-1] if application.interviews else None
    if interview is None:
        raise MoveRefused(_l("There is no interview yet: schedule one first."))
    if now < interview.starts_at:
        raise MoveRefused(
            _l("The interview has not started yet: mark it as held once it has taken place.")
        )


def withdraw_by_applicant(application: MentorApplication) -> None:
    row_locks.lock(application)
    application.move_to(MentorStatus.WITHDRAWN, actor=None, note="withdrawn by the applicant")
    db.session.flush()


@dataclass
class BulkResult:
    moved: list[MentorApplication] = field(default_factory=list)
    refused: list[tuple[MentorApplication, str]] = field(default_factory=list)


def bulk_move(
    program: Program,
    ids: list[int],
    target: MentorStatus,
    actor: User,
    note: str | None = "",
    now: datetime | None = None,
) -> BulkResult:
    """Move each chosen application that may move; say why the others could not (a sentence
    for each)."""
    result = BulkResult()
    chosen = db.session.scalars(
        select(MentorApplication).where(
            MentorApplication.program_id == program.id, MentorApplication.id.in_(ids)
        )
    )
    for application in chosen:
        try:
            move(application, target, actor, note, now)
        except IllegalTransition:
            status = application.status.label
            reason = _l("A %(status)s application cannot move there.", status=status)
            result.refused.append((application, str(reason)))
        except MoveRefused as refusal:
            result.refused.append((application, str(refusal)))
        else:
            result.moved.append(application)
    return result


def _admit_as_mentor(application: MentorApplication, actor: User | None) -> None:
    """An existing account becomes a mentor now; otherwise the email carries an invitation."""
    program = db.session.get(Program, application.program_id)
    user = accounts.user_by_email(application.email)
    link = email_link("auth.sign_in")
    if user is not None:
        cohorts.add_member(user, program, Role.MENTOR)
        link_account(application, user)
    else:
        _invitation, token = cohorts.create_invitation(
            program, None, application.email, Role.MENTOR, actor
        )
        link = cohorts.invitation_link(token)
    template, subject = DECISION_EMAILS[MentorStatus.ACCEPTED]
    _email_applicant(application, template, subject, link=link)


def link_account(application: MentorApplication, user: User) -> None:
    """Tie an accepted application to its account and give the mentor their profile."""
    application.user = user
    if cohort_queries.mentor_profile(user, application_program(application)) is None:
        db.session.add(
            MentorProfile(
                program_id=application.program_id, user_id=user.id,
                industry=application.industry.name if application.industry else "",
                function=application.function.name if application.function else "",
                expertise=[term.name for term in application.expertise],
                years_experience=application.years_experience,
                capacity=application.max_ventures, days_per_month=application.days_per_month,
                weekdays=list(application.weekdays or []),
            )
        )  # fmt: skip
    db.session.flush()


def application_program(application: MentorApplication) -> Program:
    return db.session.get(Program, application.program_id)


@cohorts.invitation_accepted.connect
def _on_invitation_accepted(invitation: Invitation, user: User, **_extra) -> None:
    if invitation.role is not Role.MENTOR:
        return
    application = application_by_email(invitation.program, user.email)
    if application is not None and application.status is MentorStatus.ACCEPTED:
        link_account(application, user)


@cohorts.program_created.connect
def _on_program_created(program: Program, **_extra) -> None:
    taxonomy.ensure_defaults(program)
    rubric.ensure_default_criteria(program)
    principles.ensure_first_version(program)


def _email_applicant(application: MentorApplication, template: str, subject, **context) -> None:
    queue_email(
        application.email, application.locale, f"screening/mentor_{template}", subject,
        application=application, program=application_program(application), **context,
    )  # fmt: skip


# -- finding interviews ---------------------------------------------------------------------


def interview_in_program(program: Program, interview_id: int) -> Interview | None:
    return db.session.scalar(
        select(Interview)
        .join(MentorApplication)
        .where(Interview.id == interview_id, MentorApplication.program_id == program.id)
    )


#: Interviews to score listed on a home (the soonest; the rest are counted).
TO_SCORE_SHOWN = 10


@dataclass(frozen=True)
class ToScore:
    """The first interviews a person must still score, and how many they are in all."""

    interviews: list[Interview]
    total: int

    def __bool__(self) -> bool:
        return self.total > 0


def interviews_to_score(program: Program, user: User, limit: int = TO_SCORE_SHOWN) -> ToScore:
    """This person's interviews in the program that still wait for their scores, soonest
    first: the first ``limit`` and the count (one query: the scorecards are asked about in
    SQL, the applications come with the interviews, the total is a window over them)."""
    scored = select(Scorecard.id).where(
        Scorecard.interview_id == Interview.id, Scorecard.interviewer_id == user.id
    )
    # Their interviews straight from the link table's user index (``interviewers.any`` joined
    # the users too: PostgreSQL spent ~5 ms planning that on every home page).
    theirs = select(interview_interviewers.c.interview_id).where(
        interview_interviewers.c.user_id == user.id
    )
    rows = db.session.execute(
        select(Interview, func.count().over().label("total"))
        .join(MentorApplication)
        .where(
            MentorApplication.program_id == program.id,
            Interview.id.in_(theirs),
            ~scored.exists(),
        )
        .options(contains_eager(Interview.application))
        .order_by(Interview.starts_at, Interview.id)
        .limit(limit)
    ).all()
    return ToScore([interview for interview, _total in rows], rows[0].total if rows else 0)
