"""The demo's screening history: each applicant's moves a few days apart, in time order, and
the interviews that go with them — held and scored for those interviewed (so the decision
view has scores to show), coming for those still waiting. No emails."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import wall_clock_to_utc
from vms.screening.mentors import rubric
from vms.screening.mentors import services as screening
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

_S = MentorStatus
APPLICANTS = [
    ("Hannah Weiss", "Software", "Engineering", ["Technology", "Product"], []),
    ("Omar Siddiqui", "Financial services", "Investing", ["Fundraising", "Finance"], []),
    ("Julia Park", "Healthcare", "Research", ["Product", "Legal"], [_S.INTERVIEW_SCHEDULED]),
    ("Marco Bellini", "Retail", "Sales", ["Sales", "Marketing"],
     [_S.INTERVIEW_SCHEDULED, _S.INTERVIEWED]),
    ("Chloe Martin", "Energy", "Operations", ["Operations", "Strategy"],
     [_S.INTERVIEW_SCHEDULED, _S.INTERVIEWED, _S.ACCEPTED]),
    ("Tomás Herrera", "Media", "Marketing", ["Marketing"], [_S.DECLINED]),
    ("Priya Raman", "Biotech", "Founder or CEO", ["Fundraising", "Team and hiring"],
     [_S.INTERVIEW_SCHEDULED, _S.INTERVIEWED, _S.WAITLISTED]),
    ("Leo Fischer", "Hardware", "Engineering", ["Technology"], [_S.WITHDRAWN]),
]  # fmt: skip


def applicants(program: Program, domain: str, interviewers: list[User]) -> None:
    """The applicants, each at their stage (``interviewers``: the coordinator first)."""
    for n, applicant in enumerate(APPLICANTS, start=1):
        _application(program, f"applicant{n}@{domain}", interviewers, *applicant)


def _application(program, email, interviewers, name, industry, function, expertise, path):
    """An applicant at a stage of the pipeline, moved by the model a few days apart, with
    their interview (no emails are sent). The first interviewer is the coordinator."""
    coordinator = interviewers[0]
    if screening.application_by_email(program, email) is not None:
        return
    by_name = {
        kind: {term.name: term for term in taxonomy.terms(program, kind)} for kind in TaxonomyKind
    }
    application = MentorApplication(
        program_id=program.id, name=name, email=email, locale="en",
        industry=by_name[TaxonomyKind.INDUSTRY].get(industry),
        function=by_name[TaxonomyKind.FUNCTION].get(function),
        expertise=[by_name[TaxonomyKind.EXPERTISE][area] for area in expertise],
        years_experience=10 + len(name) % 15, bio=f"{name} has worked in {industry.lower()}.",
        link="", days_per_month=2, max_ventures=1, weekdays=[2, 4], heard_from="A mentor",
        motivation="To help new founders avoid the mistakes I made.",
        access_token_hash=new_token()[1], status=MentorStatus.SUBMITTED,
        submitted_at=moved_at(len(path), 0),
        events=[MentorApplicationEvent(from_status=None, to_status=MentorStatus.SUBMITTED,
                                       at=moved_at(len(path), 0))],
    )  # fmt: skip
    for step, status in enumerate(path, start=1):
        application.move_to(status, None if status is MentorStatus.WITHDRAWN else coordinator,
                            now=moved_at(len(path), step))  # fmt: skip
    db.session.add(application)
    interview(program, application, path, interviewers)


#: Days between an applicant's moves; the first was this many steps' worth ago, plus a week.
DAYS_PER_STEP = 4


def moved_at(path_length: int, step: int, now: datetime | None = None) -> datetime:
    """When the ``step``-th move (0: the application) of a path of this length was made."""
    first = (now or now_utc()) - timedelta(days=DAYS_PER_STEP * path_length + 7)
    return first + timedelta(days=DAYS_PER_STEP * step)


def interview(program: Program, application: MentorApplication, path: list[MentorStatus],
              interviewers: list[User]) -> None:  # fmt: skip
    """An interview for an applicant whose path reached the interview stage: between its
    "scheduled" and "interviewed" moves, scored by every interviewer, or coming in three days
    when the applicant still waits for it."""
    if MentorStatus.INTERVIEW_SCHEDULED not in path:
        return
    held = MentorStatus.INTERVIEWED in path
    if held:
        scheduled_step = path.index(MentorStatus.INTERVIEW_SCHEDULED) + 1
        day = moved_at(len(path), scheduled_step).date() + timedelta(days=2)
    else:
        day = (now_utc() + timedelta(days=3)).date()
    starts = wall_clock_to_utc(day, time(17, 30), program.timezone)
    meeting = Interview(
        application=application, starts_at=starts, duration_minutes=45,
        location="Martin Trust Center, room 3", uid=f"interview-{uuid.uuid4()}@vms",
        interviewers=interviewers, created_at=starts - timedelta(days=2),
    )  # fmt: skip
    db.session.add(meeting)
    if held:
        _score(meeting, interviewers, len(application.name))


def _score(meeting: Interview, interviewers: list[User], seed: int) -> None:
    criteria = rubric.active_criteria(meeting.application.program_id)
    for n, person in enumerate(interviewers):
        meeting.scorecards.append(Scorecard(
            interviewer_id=person.id, submitted_at=meeting.ends_at + timedelta(hours=2 + n),
            scores=[CriterionScore(criterion_id=c.id, value=3 + (seed + n + i) % 3,
                                   note="Clear examples from their own work." if i == 0 else "")
                    for i, c in enumerate(criteria)],
        ))  # fmt: skip
