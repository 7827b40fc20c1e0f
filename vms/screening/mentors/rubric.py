"""The interview rubric: criteria, blind scoring, and the aggregate a decision rests on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import force_locale
from sqlalchemy import select

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


def criteria(program_id: int) -> list[RubricCriterion]:
    return list(
        db.session.scalars(
            select(RubricCriterion)
            .where(RubricCriterion.program_id == program_id)
            .order_by(RubricCriterion.position, RubricCriterion.id)
        )
    )


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
    allowed = {c.id for c in criteria(interview.application.program_id)}
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
    rubric = criteria(application.program_id)
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


def add_criterion(program: Program, name: str, description: str) -> RubricCriterion:
    existing = criteria(program.id)
    if any(c.name.lower() == name.strip().lower() for c in existing):
        raise DuplicateCriterion(name)
    criterion = RubricCriterion(program_id=program.id, name=name.strip())
    criterion.description = description.strip()
    criterion.position = (existing[-1].position + 1) if existing else 0
    db.session.add(criterion)
    db.session.flush()
    return criterion
