"""Randomisation at intake: a venture that applies, or a mentor who joins the program, while
a trial for them runs, is assigned an arm (``randomise.next_arm``), recorded with when and
never changed: a second intake finds the assignment and returns it. Handlers of the intake
signals, inside their transaction.

A MESSAGE arm's words are emailed once, when the assignment is made: founders with an
account and mentors through the notifications (key: the assignment, occasion "assigned"),
founders without one (most, at application) straight to the outbox; the assignment itself is
unique, so neither is sent twice."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from vms.auth.models import Membership, Role, User
from vms.cohorts import services as cohorts
from vms.cohorts.models import Invitation, Program, Venture
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.services import queue_email
from vms.notifications.categories import Category
from vms.notifications.services import Notice, notify
from vms.onboarding.trials.models import Audience, Treatment, Trial, TrialAssignment
from vms.onboarding.trials.randomise import SYSTEM_RANDOM, next_arm
from vms.onboarding.trials.services import running_trial
from vms.row_locks import lock
from vms.screening.ventures.services import venture_submitted

MESSAGE_KIND, ASSIGNED = "trial_assignment.message", "assigned"
_TEMPLATE = "onboarding/trial_message"
_SUBJECT = _l("A welcome from your mentoring program")


def assign_venture(venture: Venture, now: datetime | None = None,
                   rng: random.Random = SYSTEM_RANDOM, locale: str | None = None
                   ) -> TrialAssignment | None:  # fmt: skip
    """The venture's arm in the program's running venture trial (None: no trial runs)."""
    trial = running_trial(venture.program_id, Audience.VENTURES)
    if trial is None:
        return None
    assignment, new = _assign(trial, {"venture_id": venture.id}, now or now_utc(), rng)
    if new and assignment.arm.treatment is Treatment.MESSAGE:
        _message_founders(assignment, venture, locale)
    return assignment


def assign_mentor(program: Program, mentor: User, now: datetime | None = None,
                  rng: random.Random = SYSTEM_RANDOM) -> TrialAssignment | None:  # fmt: skip
    """A new mentor's arm; a mentor who was one before the trial started is not a newcomer."""
    trial = running_trial(program.id, Audience.MENTORS)
    if trial is None or not _joined_since(program, mentor, trial.started_at):
        return None
    assignment, new = _assign(trial, {"mentor_id": mentor.id}, now or now_utc(), rng)
    if new and assignment.arm.treatment is Treatment.MESSAGE:
        notify([_notice(assignment, mentor, program)])
    return assignment


def _joined_since(program: Program, mentor: User, started_at: datetime) -> bool:
    joined = db.session.scalar(select(Membership.created_at).where(
        Membership.program_id == program.id, Membership.user_id == mentor.id,
        Membership.role == Role.MENTOR))  # fmt: skip
    return joined is not None and joined >= started_at


def _assign(trial: Trial, subject: dict[str, int], now: datetime, rng: random.Random
            ) -> tuple[TrialAssignment, bool]:  # fmt: skip
    """(the assignment, whether it is new). The trial is locked while its arms are counted,
    so two intakes at once see each other's draw and the arms stay balanced."""
    lock(trial)
    found = _existing(trial, subject)
    if found is not None:
        return found, False
    counts = dict(db.session.execute(
        select(TrialAssignment.arm_id, func.count(TrialAssignment.id))
        .where(TrialAssignment.trial_id == trial.id).group_by(TrialAssignment.arm_id)
    ).tuples().all())  # fmt: skip
    arm = trial.arms[next_arm([counts.get(a.id, 0) for a in trial.arms], rng)]
    assignment = TrialAssignment(trial_id=trial.id, arm=arm, assigned_at=now, **subject)
    try:
        with db.session.begin_nested():
            db.session.add(assignment)
    except IntegrityError:  # assigned meanwhile: that draw stands
        return _existing(trial, subject), False
    return assignment, True


def _existing(trial: Trial, subject: dict[str, int]) -> TrialAssignment | None:
    return db.session.scalar(select(TrialAssignment).filter_by(trial_id=trial.id, **subject))


def _notice(assignment: TrialAssignment, person: User, program: Program) -> Notice:
    return Notice(
        kind=MESSAGE_KIND, object_id=assignment.id, recipient=person, occasion=ASSIGNED,
        program=program, category=Category.NUDGES, template=_TEMPLATE, subject=_SUBJECT,
        context={"name": person.name, "message": assignment.arm.message, "program": program},
    )  # fmt: skip


def _message_founders(assignment: TrialAssignment, venture: Venture, locale: str | None
                      ) -> None:  # fmt: skip
    program = db.session.get(Program, venture.program_id)
    with_accounts = [f.user for f in venture.founders if f.user is not None]
    notify([_notice(assignment, user, program) for user in with_accounts])
    for founder in venture.founders:
        if founder.user is None and founder.email:
            queue_email(
                founder.email, locale or program.default_locale, _TEMPLATE, _SUBJECT,
                name=founder.name, message=assignment.arm.message, program=program,
            )  # fmt: skip


@venture_submitted.connect
def _on_venture_submitted(program: Program, venture: Venture, locale: str = "", **_extra
                          ) -> None:  # fmt: skip
    assign_venture(venture, locale=locale or None)


@cohorts.invitation_accepted.connect
def _on_invitation_accepted(invitation: Invitation, user: User, **_extra) -> None:
    if invitation.role is Role.MENTOR:
        assign_mentor(db.session.get(Program, invitation.program_id), user)


@cohorts.member_added.connect
def _on_member_added(program: Program, user: User, role: Role, **_extra) -> None:
    if role is Role.MENTOR:
        assign_mentor(program, user)
