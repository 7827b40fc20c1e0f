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
from vms.screening.mentors.models import (
    CriterionScore,
    Interview,
    MentorApplication,
    MentorStatus,
    Scorecard,
)

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
