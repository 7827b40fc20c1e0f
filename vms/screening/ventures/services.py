"""Venture intake: applications with a needs self-assessment, the profile, and the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from blinker import Namespace
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from vms import row_locks
from vms.auth import services as accounts
from vms.auth.models import Role, User
from vms.auth.policy import roles_in
from vms.cohorts.models import (
    Affiliation,
    Program,
    Venture,
    VentureEvent,
    VentureFounder,
    VentureNeed,
    VentureStage,
    VentureStatus,
)
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import queue_email
from vms.paging import Page, page_of
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.screening.ventures.completeness import Completeness, ProfileFacts, completeness
from vms.tokens import new_token, token_hash

#: Sent with the program as sender and ``venture=``, ``locale=`` once an application is
#: recorded (onboarding trials assign the newcomer an arm), inside the transaction.
venture_submitted = Namespace().signal("venture-submitted")


class DuplicateVenture(Exception):
    pass


class NotCompleteEnough(Exception):
    def __init__(self, percent: int, threshold: int):
        super().__init__(f"{percent}% complete, {threshold}% needed")
        self.percent, self.threshold = percent, threshold


@dataclass(frozen=True)
class FounderInput:
    name: str
    email: str
    affiliation: Affiliation | None


@dataclass
class VentureProfileInput:
    name: str
    description: str
    stage: VentureStage | None
    sector_id: int | None
    website: str
    goal_statement: str
    founders: list[FounderInput]
    #: taxonomy term id -> (strength 1–5, wants help)
    assessment: dict[int, tuple[int, bool]]
    locale: str = "en"


def submit(program: Program, data: VentureProfileInput) -> tuple[Venture, str]:
    """Record an application (one per venture name per program); email the founders a link."""
    if venture_by_name(program, data.name) is not None:
        raise DuplicateVenture(data.name)
    venture = Venture(program_id=program.id, name=data.name.strip(), status=VentureStatus.SUBMITTED)
    venture.events = [VentureEvent(from_status=None, to_status=VentureStatus.SUBMITTED)]
    token = _issue_link(program, venture, now_utc())
    _apply_profile(program, venture, data)
    try:
        with db.session.begin_nested():  # one per name: a double click loses here
            db.session.add(venture)
    except IntegrityError as lost_race:
        raise DuplicateVenture(data.name) from lost_race
    venture_submitted.send(program, venture=venture, locale=data.locale)
    link = email_link("screening.venture_profile", token=token)
    for founder in venture.founders:
        queue_email(founder.email, data.locale, "screening/venture_received",
                    _l("We received %(venture)s's application", venture=venture.name),
                    venture=venture, program=program, founder=founder, link=link)  # fmt: skip
    return venture, token


def update_profile(program: Program, venture: Venture, data: VentureProfileInput) -> str | None:
    """Save the edit. Removing a founder retires the shared link they hold: the remaining
    founders are emailed a new one, returned here (None when every founder stayed)."""
    other = venture_by_name(program, data.name)
    if other is not None and other.id != venture.id:
        raise DuplicateVenture(data.name)
    before = {founder.id for founder in venture.founders}
    venture.name = data.name.strip()
    _apply_profile(program, venture, data)
    db.session.flush()
    if before <= {founder.id for founder in venture.founders}:
        return None
    return renew_link(program, venture)


def _issue_link(program: Program, venture: Venture, now: datetime) -> str:
    token, hashed = new_token()
    venture.issue_link(hashed, now + timedelta(days=program.venture_link_days))
    return token


def renew_link(program: Program, venture: Venture, now: datetime | None = None) -> str:
    """A new private link, emailed to every founder; the old one stops working."""
    token = _issue_link(program, venture, now or now_utc())
    db.session.flush()
    link = email_link("screening.venture_profile", token=token)
    for founder in venture.founders:
        if not founder.contact_email:
            continue
        locale = (founder.user.locale if founder.user is not None else "") or program.default_locale
        queue_email(founder.contact_email, locale, "screening/venture_link",
                    _l("A new link to %(venture)s's profile", venture=venture.name),
                    venture=venture, program=program, founder=founder, link=link)  # fmt: skip
    return token


def set_link_days(program: Program, days: int) -> None:
    """Applies to links sent from now on; links already sent keep their expiry."""
    program.venture_link_days = days
    db.session.flush()


def _apply_profile(program: Program, venture: Venture, data: VentureProfileInput) -> None:
    areas = {t.id: t for t in taxonomy.terms(program, TaxonomyKind.EXPERTISE)}
    sector = taxonomy.terms_by_id(program, [data.sector_id] if data.sector_id else [])
    venture.description = data.description.strip()
    venture.stage = data.stage
    venture.sector = sector[0] if sector and sector[0].kind is TaxonomyKind.INDUSTRY else None
    venture.website = data.website.strip()
    venture.goal_statement = data.goal_statement.strip()
    _replace_founders(program, venture, data.founders)
    _replace_assessment(venture, {k: v for k, v in data.assessment.items() if k in areas})
    # The short list of names the rest of the product shows as "looking for help with".
    venture.needs = [areas[n.term_id].name for n in venture.assessment if n.wants_help]


def _replace_founders(program: Program, venture: Venture, founders: list[FounderInput]) -> None:
    """Update rows in place, so a linked account stays linked and unique keys never collide.

    A founder is the same founder when the typed address is the row's or its account's (rows
    linked to an account may carry no address of their own). A founder no longer named is
    removed, and with them their access; a new one who is an entrepreneur of the program is
    linked to that account (never a mentor's or coordinator's: an applicant types these).
    """
    by_email: dict[str, VentureFounder] = {}
    for row in venture.founders:
        for address in (row.email, row.user.email if row.user is not None else ""):
            if address:
                by_email.setdefault(accounts.normalise_email(address), row)
    kept: list[VentureFounder] = []
    for given in founders:
        email = accounts.normalise_email(given.email)
        row = by_email.get(email)
        if row is None or row in kept:
            row = VentureFounder()
        row.name, row.email, row.affiliation = given.name.strip(), email, given.affiliation
        kept.append(row)
    _link_accounts(program, kept)
    venture.founders = kept


def _link_accounts(program: Program, founders: list[VentureFounder]) -> None:
    linked = {row.user_id for row in founders if row.user_id is not None}
    for row in founders:
        if row.user_id is not None or row.user is not None or not row.email:
            continue
        user = accounts.user_by_email(row.email)
        if user is None or user.id in linked:
            continue
        if Role.ENTREPRENEUR in roles_in(user, program.id):
            row.user = user
            linked.add(user.id)


def _replace_assessment(venture: Venture, answers: dict[int, tuple[int, bool]]) -> None:
    by_term = {need.term_id: need for need in venture.assessment}
    kept = []
    for term_id, (strength, wants_help) in answers.items():
        if not 1 <= strength <= 5:
            continue
        need = by_term.get(term_id) or VentureNeed(term_id=term_id)
        need.strength, need.wants_help = strength, wants_help
        kept.append(need)
    venture.assessment = kept


def venture_by_name(program: Program, name: str) -> Venture | None:
    return db.session.scalar(
        select(Venture).where(
            Venture.program_id == program.id, func.lower(Venture.name) == name.strip().lower()
        )
    )


def venture_for_token(token: str) -> Venture | None:
    return db.session.scalar(select(Venture).where(Venture.access_token_hash == token_hash(token)))


def venture_in_program(program: Program, venture_id: int) -> Venture | None:
    return db.session.scalar(
        select(Venture).where(Venture.id == venture_id, Venture.program_id == program.id)
    )


def venture_for_founder_or_coordinator(
    program: Program, venture_id: int, user: User, roles: frozenset[Role]
) -> Venture | None:
    """The venture if this person founded it or coordinates the program; None otherwise."""
    venture = venture_in_program(program, venture_id)
    if venture is None:
        return None
    if Role.COORDINATOR in roles or any(f.user_id == user.id for f in venture.founders):
        return venture
    return None


def area_count(program: Program) -> int:
    """The areas a venture is asked to rate (retired ones are not asked any more)."""
    return len(taxonomy.offered_terms(program, TaxonomyKind.EXPERTISE))


def profile_completeness(venture: Venture, areas_total: int, files: dict | None = None
                         ) -> Completeness:  # fmt: skip
    """``areas_total`` from ``area_count`` and ``files`` (purpose -> file) from
    ``vms.onboarding.files.services.files_of_ventures``: computed once for a list of ventures
    (without ``files``, this venture's are read)."""
    from vms.onboarding.files import services as stored_files
    from vms.onboarding.files.models import FilePurpose

    files = stored_files.files_of(venture) if files is None else files
    facts = ProfileFacts(
        has_description=bool(venture.description), has_stage=venture.stage is not None,
        has_sector=venture.sector_id is not None, has_website=bool(venture.website),
        goal_words=len(venture.goal_statement.split()), founders=len(venture.founders),
        founders_with_affiliation=sum(1 for f in venture.founders if f.affiliation),
        areas_rated=len(venture.assessment), areas_total=areas_total,
        areas_wanting_help=sum(1 for n in venture.assessment if n.wants_help),
        has_image=FilePurpose.LOGO in files, has_deck=FilePurpose.PITCH_DECK in files,
    )  # fmt: skip
    return completeness(facts)


@dataclass(frozen=True)
class AssessmentRow:
    area: str
    strength: int | None
    wants_help: bool


def assessment_rows(venture: Venture, program: Program) -> list[AssessmentRow]:
    """Every active area of the taxonomy, in order, with the venture's answer (or none yet),
    and the retired areas the venture answered."""
    answers = {n.term_id: n for n in venture.assessment}
    return [
        AssessmentRow(term.name, answers[term.id].strength if term.id in answers else None,
                      answers[term.id].wants_help if term.id in answers else False)
        for term in taxonomy.offered_terms(program, TaxonomyKind.EXPERTISE, frozenset(answers))
    ]  # fmt: skip


def move(
    program: Program, venture: Venture, target: VentureStatus, actor: User | None, note: str = "",
    now: datetime | None = None,
) -> None:  # fmt: skip
    """A legal pipeline move; the docket needs a profile complete enough for the program."""
    row_locks.lock(venture)  # a second click finds the move made and is refused
    if target is VentureStatus.DOCKETED:
        done = profile_completeness(venture, area_count(program))
        if not done.meets(program.docket_min_completeness):
            raise NotCompleteEnough(done.percent, program.docket_min_completeness)
    venture.move_to(target, actor, (note or "").strip(), now)
    db.session.flush()


def set_docket_threshold(program: Program, percent: int) -> None:
    program.docket_min_completeness = max(0, min(100, percent))
    db.session.flush()


def pipeline_page(
    program: Program, status: VentureStatus | None, query: str, number: int,
    counts: dict[VentureStatus, int],
) -> Page[Venture]:  # fmt: skip
    """One page of the ventures matching the filter, newest first (the id breaks ties), with
    what completeness needs loaded for that page's ventures only. ``counts``
    (``stage_counts``) give the total when there is no search."""
    statement = (
        select(Venture).where(Venture.program_id == program.id)
        .options(selectinload(Venture.founders), selectinload(Venture.assessment))
        .order_by(Venture.created_at.desc(), Venture.id.desc())
    )  # fmt: skip
    if status is not None:
        statement = statement.where(Venture.status == status)
    total = counts[status] if status is not None else sum(counts.values())
    if query.strip():
        pattern = f"%{query.strip().lower()}%"
        statement = statement.where(
            or_(
                func.lower(Venture.name).like(pattern),
                func.lower(Venture.description).like(pattern),
            )
        )
        total = None  # counted by page_of
    return page_of(statement, number, total=total)


def stage_counts(program: Program) -> dict[VentureStatus, int]:
    counts = dict.fromkeys(VentureStatus, 0)
    for status, n in db.session.execute(
        select(Venture.status, func.count()).where(Venture.program_id == program.id)
        .group_by(Venture.status)
    ):  # fmt: skip
        counts[status] = n
    return counts
