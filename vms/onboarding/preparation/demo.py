"""The demo's mentor preparation: four orientation steps, done by most mentors (marked by the
coordinator, the handbook confirmed by each mentor), a few mentors with steps left, and the
requirement on. The mentors with steps left are signed mentors whose published teams already
take all they offered: they stay on their teams (as the requirement promises), and the free mentors
the team builder draws on for a newly docketed venture are the same as without it."""

from __future__ import annotations

from sqlalchemy import select

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.cohorts.teams.pool import Pool
from vms.extensions import db
from vms.onboarding.preparation import services
from vms.onboarding.preparation.models import CompletionHow, OrientationStep, StepWay
from vms.onboarding.preparation.services import StepDetails
from vms.scheduling.models import MeetingKind

STEPS = [
    StepDetails("Attend a monthly mentor meeting",
                "Come to one monthly mentor meeting: see how ventures present and teams form.",
                StepWay.EVENT, MeetingKind.MENTOR_MEETING),
    StepDetails("Observe a team meeting",
                "Sit in on one team's meeting with its venture (ask the coordinators).",
                StepWay.EVENT, MeetingKind.TEAM),
    StepDetails("Read the mentor handbook",
                "How teams work, what a lead mentor does, and how to write a summary.",
                StepWay.CONFIRMED),
    StepDetails("Sign the guiding principles", "", StepWay.PRINCIPLES),
]  # fmt: skip

#: How many of this year's mentors (the last in the list) have not finished.
UNFINISHED = 3


def preparation(
    program: Program, this_year: list[User], last_year: list[User], coordinator: User
) -> None:
    """Everyone has read the handbook; all but ``UNFINISHED`` of ``this_year`` have done
    every step (the principles step reads the signatures)."""
    if db.session.scalar(
        select(OrientationStep.id).where(OrientationStep.program_id == program.id)
    ):
        return
    meeting, observe, handbook, _sign = (services.add_step(program, step) for step in STEPS)
    unfinished = _busy_signed(program, this_year)[-UNFINISHED:]
    for mentor in [*this_year, *last_year]:
        services.complete(handbook, mentor, CompletionHow.CONFIRMED)
        if mentor.id not in unfinished:
            for step in (meeting, observe):
                services.complete(step, mentor, CompletionHow.MARKED, marked_by=coordinator)
    services.set_required(program, True)
    db.session.flush()


def _busy_signed(program: Program, mentors: list[User]) -> list[int]:
    """Of ``mentors``, those who have signed and have no capacity left, in their order, and
    on no draft team (a draft with an unprepared member could not be published: the demo's
    walk-through publishes one)."""
    pool = Pool(program, mentor_ids=[m.id for m in mentors])
    on_drafts = set(db.session.scalars(
        select(TeamMember.mentor_id).join(Team)
        .where(Team.program_id == program.id, Team.status == TeamStatus.DRAFT)
    ))  # fmt: skip
    return [m.id for m in mentors if m.id in pool.mentors and pool.mentors[m.id].signed
            and m.id not in on_drafts and pool.builder_mentor(m.id).capacity == 0]  # fmt: skip
