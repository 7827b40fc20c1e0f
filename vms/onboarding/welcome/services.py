"""Who sees a welcome page, which one, and recording that they opened it.

MicroMentor's trial: a welcome video showing an example relationship made new entrepreneurs
68% more likely to reach out. The page is shown once the person's profile is complete (a
venture at the program's docket threshold; a mentor with a mentor profile), so it arrives
when reaching out is the next step.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from vms.auth.models import User
from vms.cohorts.models import MentorProfile, Program, Venture, VentureFounder
from vms.extensions import db
from vms.onboarding.files import services as stored_files
from vms.onboarding.trials import queries as trial_queries
from vms.onboarding.welcome.models import Audience, WelcomeContent, WelcomeOpening
from vms.screening.ventures import services as ventures

LOCALES = ("en", "es")


@dataclass(frozen=True)
class WelcomePage:
    audience: Audience
    content: WelcomeContent
    opened: bool


@dataclass(frozen=True)
class ContentInput:
    title: str
    text: str
    video_url: str
    agenda: str


def content(program: Program, audience: Audience, locale: str) -> WelcomeContent | None:
    return db.session.scalar(select(WelcomeContent).where(
        WelcomeContent.program_id == program.id, WelcomeContent.audience == audience,
        WelcomeContent.locale == locale))  # fmt: skip


def contents(program: Program, audience: Audience) -> dict[str, WelcomeContent]:
    rows = db.session.scalars(select(WelcomeContent).where(
        WelcomeContent.program_id == program.id, WelcomeContent.audience == audience))  # fmt: skip
    return {row.locale: row for row in rows}


def _withheld_by_trial(program: Program, user: User) -> bool:
    """True when a trial assigned this person (or their venture) to an arm that is not the
    welcome page: the comparison must not see what it is compared with."""
    return trial_queries.welcome_withheld(program, user)


def audience_of(program: Program, user: User) -> Audience | None:
    """The audience whose profile this person has completed (a founder first)."""
    founded = db.session.scalars(
        select(Venture).join(VentureFounder)
        .where(Venture.program_id == program.id, VentureFounder.user_id == user.id)
        .options(joinedload(Venture.founders), joinedload(Venture.assessment))
    ).unique().all()  # fmt: skip
    if founded:  # a founder of many ventures costs no more statements than of one
        areas = ventures.area_count(program)
        files = stored_files.files_of_ventures(program, [v.id for v in founded])
        threshold = program.docket_min_completeness
        if any(ventures.profile_completeness(v, areas, files[v.id]).meets(threshold)
               for v in founded):  # fmt: skip
            return Audience.ENTREPRENEURS
    has_profile = select(MentorProfile.id).where(MentorProfile.program_id == program.id,
                                                 MentorProfile.user_id == user.id)  # fmt: skip
    if db.session.scalar(has_profile.limit(1)) is not None:
        return Audience.MENTORS
    return None


def welcome_for(program: Program, user: User, locale: str = "en") -> WelcomePage | None:
    """The welcome page this person should see in this program, or None (profile not complete
    yet, no content written, or their trial arm withholds it). In the person's language, else
    in the other one (better than nothing)."""
    written = db.session.scalars(
        select(WelcomeContent).where(WelcomeContent.program_id == program.id)).all()  # fmt: skip
    if not written:  # most programs' homes pay one statement, and no more
        return None
    audience = audience_of(program, user)
    if audience is None or _withheld_by_trial(program, user):
        return None
    found = {row.locale: row for row in written if row.audience is audience}
    shown = found.get(locale) or next((found[lang] for lang in LOCALES if lang in found), None)
    if shown is None:
        return None
    return WelcomePage(audience, shown, has_opened(program, user, audience))


def has_opened(program: Program, user: User, audience: Audience) -> bool:
    found = select(WelcomeOpening.id).where(
        WelcomeOpening.program_id == program.id, WelcomeOpening.user_id == user.id,
        WelcomeOpening.audience == audience)  # fmt: skip
    return db.session.scalar(found.limit(1)) is not None


def record_opening(program: Program, user: User, audience: Audience) -> None:
    """Once per person, audience and program: a second open (or a double click) adds nothing."""
    if has_opened(program, user, audience):
        return
    try:
        with db.session.begin_nested():
            db.session.add(WelcomeOpening(program_id=program.id, user_id=user.id,
                                          audience=audience))  # fmt: skip
    except IntegrityError:  # the same open a moment earlier, in another request
        pass


def save_content(program: Program, audience: Audience, locale: str, given: ContentInput,
                 user: User) -> WelcomeContent:  # fmt: skip
    row = content(program, audience, locale)
    if row is None:
        row = WelcomeContent(program_id=program.id, audience=audience, locale=locale)
        db.session.add(row)
    row.title, row.text, row.video_url, row.agenda = (
        given.title, given.text, given.video_url, given.agenda)  # fmt: skip
    row.updated_by_id = user.id
    db.session.flush()
    return row


def paragraphs(text: str) -> list[str]:
    """Plain text split at blank lines (the template escapes each)."""
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
