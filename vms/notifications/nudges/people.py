"""Nudges to people about what they owe: the guiding principles unsigned or due for their
yearly re-affirmation, and an interview's scorecard not submitted a day after."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.nudges.delays import delays_by_program, longest
from vms.notifications.nudges.notice import members_of, nudge, programs_by_id
from vms.notifications.services import notify, occasion_at
from vms.screening.mentors.models import Interview, MentorApplication
from vms.screening.principles.models import PrinciplesVersion, Signature
from vms.screening.principles.services import REAFFIRM_AFTER

#: Scorecards still missing this long after the interview are no longer chased.
SCORECARDS_CHASED_FOR = timedelta(days=14)


def send_principles_nudges(now: datetime | None = None) -> int:
    """Mentors who have not signed their program's current principles, or whose yearly
    re-affirmation falls due within the program's days. Once per version, and per year."""
    now = now or now_utc()
    delays = delays_by_program()
    current: dict[int, PrinciplesVersion] = {}
    for version in db.session.scalars(select(PrinciplesVersion).order_by(PrinciplesVersion.number)):
        current[version.program_id] = version  # the highest number wins
    mentors = members_of(current, Role.MENTOR)
    signed = _latest_signatures([v.id for v in current.values()])
    programs = programs_by_id(current)
    notices = []
    for program_id, version in current.items():
        program, soon = programs[program_id], timedelta(days=delays[program_id].principles_due_days)
        link = email_link("screening.read_principles", program_slug=program.slug)
        for mentor in mentors[program_id]:
            signature = signed.get((version.id, mentor.id))
            if signature is None:
                lines = [_l("Please read and sign the guiding principles of %(program)s.",
                            program=program.name)]  # fmt: skip
                occasion = f"version-{version.number}"
            elif signature.signed_at + REAFFIRM_AFTER - soon <= now:
                due = (signature.signed_at + REAFFIRM_AFTER).date()
                lines = [_l("Your yearly re-affirmation of the guiding principles of "
                            "%(program)s is due on %(date)s.",
                            program=program.name, date=due.isoformat())]  # fmt: skip
                occasion = f"renew-{due.isoformat()}"
            else:
                continue
            notices.append(nudge("principles.due", version.id, mentor, occasion, program,
                                 _l("The guiding principles wait for your signature"), lines,
                                 link))  # fmt: skip
    fresh = notify(notices, now)
    db.session.commit()
    return len(fresh)


def _latest_signatures(version_ids: list[int]) -> dict[tuple[int, int], Signature]:
    if not version_ids:
        return {}
    found = {}
    for signature in db.session.scalars(
        select(Signature).where(Signature.version_id.in_(version_ids))
        .order_by(Signature.signed_at)
    ):  # fmt: skip
        found[(signature.version_id, signature.user_id)] = signature
    return found


def send_scorecard_nudges(now: datetime | None = None) -> int:
    """Interviewers whose scorecard is still missing some hours after the interview."""
    now = now or now_utc()
    delays = delays_by_program()
    hours = longest(delays, "scorecard_after_hours")
    rows = db.session.execute(
        select(Interview, MentorApplication.program_id)
        .join(MentorApplication, MentorApplication.id == Interview.application_id)
        .where(Interview.starts_at < now, Interview.starts_at > now - SCORECARDS_CHASED_FOR)
        .options(selectinload(Interview.interviewers), selectinload(Interview.scorecards),
                 selectinload(Interview.application))
    ).tuples().all()  # fmt: skip
    due = [(i, pid) for i, pid in rows if now >= _ended(i) + timedelta(
        hours=delays[pid].scorecard_after_hours if pid in delays else hours)]  # fmt: skip
    programs = programs_by_id(pid for _i, pid in due)
    notices = [
        nudge("interview.scorecard", interview.id, person, occasion_at(interview.starts_at),
              programs[pid], _l("Your scorecard for %(name)s", name=interview.application.name),
              [_l("Your scorecard for the interview with %(name)s is not in yet.",
                  name=interview.application.name)],
              email_link("screening.score_interview", program_slug=programs[pid].slug,
                         interview_id=interview.id))
        for interview, pid in due
        for person in interview.interviewers
        if person.id not in {card.interviewer_id for card in interview.scorecards}
    ]  # fmt: skip
    fresh = notify(notices, now)
    db.session.commit()
    return len(fresh)


def _ended(interview: Interview) -> datetime:
    return interview.starts_at + timedelta(minutes=interview.duration_minutes)
