"""The interview rubric: criteria, blind scoring, and the aggregate a decision rests on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms import row_locks
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.screening.mentors import scoring
from vms.screening.mentors.models import (
    CriterionScore,
    Interview,
    MentorApplication,
    RubricCriterion,
    Scorecard,
)
from vms.screening.settings.models import EntryStatus

DEFAULT_CRITERIA = [
    (_l("Relevant experience"), _l("Has built, run or advised businesses like ours.")),
    (_l("Coachability"), _l("Asks before telling; lets the founder lead.")),
    (_l("Commitment"), _l("Can give one to two days a month and the monthly meeting.")),
    (_l("Ethics"), _l("Understands no financial interest, confidentiality, disclosure.")),
    (_l("Communication"), _l("Clear, kind and direct with founders and other mentors.")),
]


class AlreadySubmitted(Exception):
    pass


class NotAnInterviewer(Exception):
    pass


class ScoringNotOpen(Exception):
    """The interview has not started: nobody can score what has not happened."""


def scoring_open(interview: Interview, now: datetime | None = None) -> bool:
    """Scores are taken from the interview's start on."""
    return (now or now_utc()) >= interview.starts_at


def ensure_default_criteria(program: Program) -> None:
    exists = db.session.scalar(
        select(RubricCriterion.id).where(RubricCriterion.program_id == program.id).limit(1)
    )
    if exists is not None:
        return
    with force_locale(program.default_locale):
        for position, (name, description) in enumerate(DEFAULT_CRITERIA):
            criterion = RubricCriterion(program_id=program.id, name=str(name))
            criterion.description, criterion.position = str(description), position
            db.session.add(criterion)
    db.session.flush()


def criteria(program_id: int, active_only: bool = False) -> list[RubricCriterion]:
    """The program's criteria in order; retired ones too unless ``active_only``."""
    query = select(RubricCriterion).where(RubricCriterion.program_id == program_id)
    if active_only:
        query = query.where(RubricCriterion.status == EntryStatus.ACTIVE)
    return list(db.session.scalars(query.order_by(RubricCriterion.position, RubricCriterion.id)))


def active_criteria(program_id: int) -> list[RubricCriterion]:
    """What a new scorecard asks for: a retired criterion is not scored any more."""
    return criteria(program_id, active_only=True)


def scorecard_of(interview: Interview, user: User) -> Scorecard | None:
    return next((c for c in interview.scorecards if c.interviewer_id == user.id), None)


def submit(
    interview: Interview,
    interviewer: User,
    values: dict[int, tuple[int, str]],
    now: datetime | None = None,
) -> None:
    """Record one interviewer's scores ({criterion id: (1–5, note)}); final once submitted,
    and taken only once the interview has started."""
    row_locks.lock(interview)  # one scorecard per interviewer, even from two clicks at once
    if interviewer not in interview.interviewers:
        raise NotAnInterviewer()
    if not scoring_open(interview, now):
        raise ScoringNotOpen()
    if scorecard_of(interview, interviewer) is not None:
        raise AlreadySubmitted()
    allowed = {c.id for c in active_criteria(interview.application.program_id)}
    card = Scorecard(interviewer_id=interviewer.id)
    card.scores = [
        CriterionScore(criterion_id=cid, value=scoring.Score(interviewer.id, cid, v).value,
                       note=note.strip())
        for cid, (v, note) in values.items()
        if cid in allowed
    ]  # fmt: skip
    interview.scorecards.append(card)
    db.session.flush()


def may_see_scores(interview: Interview, user: User) -> bool:
    """Interviewers see the others' scores only after submitting their own."""
    if user in interview.interviewers:
        return scorecard_of(interview, user) is not None
    return True


@dataclass(frozen=True)
class Decision:
    """What the decision page shows: per criterion and overall, plus calibration flags."""

    criteria: list[RubricCriterion]
    aggregate: scoring.Aggregate
    interviewers: dict[int, User]
    pending: list[User]

    @property
    def rows(self) -> list[tuple[RubricCriterion, scoring.CriterionSummary]]:
        return list(zip(self.criteria, self.aggregate.criteria, strict=True))


def decision(application: MentorApplication) -> Decision:
    scores, people, pending = [], {}, []
    for interview in application.interviews:
        for person in interview.interviewers:
            card = scorecard_of(interview, person)
            if card is None:
                pending.append(person)
                continue
            people[person.id] = person
            scores.extend(scoring.Score(person.id, s.criterion_id, s.value) for s in card.scores)
    merged = _latest_per_interviewer(scores)
    scored = {score.criterion_id for score in merged}
    # A retired criterion stays on the decisions whose scorecards scored it, marked retired.
    rubric = [c for c in criteria(application.program_id) if not c.retired or c.id in scored]
    aggregate = scoring.aggregate(merged, [c.id for c in rubric])
    return Decision(rubric, aggregate, people, pending)


def _latest_per_interviewer(scores: list[scoring.Score]) -> list[scoring.Score]:
    """Someone who interviewed twice counts once per criterion (their latest score)."""
    latest: dict[tuple[int, int], scoring.Score] = {}
    for score in scores:
        latest[(score.interviewer_id, score.criterion_id)] = score
    return list(latest.values())


class DuplicateCriterion(Exception):
    pass


class LastActiveCriterion(Exception):
    """Retiring it would leave interviewers nothing to score."""


def criterion_in_program(program: Program, criterion_id: int) -> RubricCriterion | None:
    return db.session.scalar(
        select(RubricCriterion).where(
            RubricCriterion.id == criterion_id, RubricCriterion.program_id == program.id
        )
    )


def add_criterion(program: Program, name: str, description: str) -> RubricCriterion:
    existing = criteria(program.id)
    _refuse_taken(existing, name)
    criterion = RubricCriterion(program_id=program.id, name=name.strip())
    criterion.description = description.strip()
    criterion.position = (existing[-1].position + 1) if existing else 0
    db.session.add(criterion)
    _flush_unique(name)
    return criterion


def rename_criterion(
    program: Program, criterion: RubricCriterion, name: str, description: str
) -> None:
    """A new name (and description) for the same criterion: past scores keep pointing at it."""
    _refuse_taken([c for c in criteria(program.id) if c.id != criterion.id], name)
    criterion.name, criterion.description = name.strip(), description.strip()
    _flush_unique(name)


def retire_criterion(program: Program, criterion: RubricCriterion) -> None:
    """New scorecards stop asking for it; refused for the last active criterion.

    The program is held while counting, so two coordinators retiring the last two at once
    leave one of them. Raises IllegalTransition when it is already retired."""
    row_locks.lock(program)
    active = active_criteria(program.id)
    if not criterion.retired and len(active) <= 1:
        raise LastActiveCriterion(criterion.name)
    criterion.retire()
    db.session.flush()


def restore_criterion(criterion: RubricCriterion) -> None:
    """Asked again on new scorecards. Raises IllegalTransition when it is not retired."""
    criterion.restore()
    db.session.flush()


def _refuse_taken(others: list[RubricCriterion], name: str) -> None:
    if any(c.name.lower() == name.strip().lower() for c in others):
        raise DuplicateCriterion(name)


def _flush_unique(name: str) -> None:
    """Flush; a name taken meanwhile by another request is the same refusal as a taken one."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:
        raise DuplicateCriterion(name) from error
