"""What the surveys measure, and how far each measure can be trusted (pure: dataclasses in
and out, no Flask, no database; ``queries.survey_measures`` feeds it).

A survey answered by few says more about who answers than about the program (MicroMentor's
evaluation: 900 of 4,000 answered, 238 of them mentored). So every rate comes with a warning
when it is too low to trust, and the answered and unanswered groups are compared on what the
app knows of both: if they differ (the answerers met more often, say), the answers speak for
the answerers only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import mean

#: Under half answering, the people who did not answer are the majority, and nothing in the
#: answers tells how they would have answered (non-response bias can be larger than any
#: difference the survey shows).
MIN_RATE = 0.5
#: Under ten answers, one answer moves an average of 1–5 stars by up to 0.4 and a share by
#: ten points or more: the result is an anecdote, not a measure.
MIN_ANSWERS = 10


@dataclass(frozen=True)
class Invited:
    """One survey invitation, with what the app knows of its person and subject."""

    survey: str  # "fit" or "exit"
    side: str  # "founder" or "mentor"
    answered: bool
    reminders: int = 0
    fit: str | None = None
    rating: int | None = None
    goal: str | None = None  # "yes", "partly", "no"
    #: Team meetings held (a team), or agreement check-ins (a peer pair).
    meetings_held: int = 0
    #: Meetings this person's attendance was recorded for, and attended.
    attendance_recorded: int = 0
    attended: int = 0
    #: Days from the venture's application to its team's publication (teams only).
    days_to_team: int | None = None
    stage: str | None = None
    #: Days from the team's or pair's start to the invitation.
    days_since_start: int | None = None
    #: area -> strength 1–5, at intake and in the exit survey.
    needs_before: dict[str, int] = field(default_factory=dict)
    needs_after: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ResponseRate:
    survey: str
    invited: int
    reminded: int
    answered: int
    #: answered / invited; None when nobody was invited.
    rate: float | None
    #: Why the result is not to be trusted ("low_rate", "few_answers"); empty: trusted.
    warnings: tuple[str, ...]

    @property
    def trusted(self) -> bool:
        return not self.warnings


@dataclass(frozen=True)
class Group:
    """The answered or the unanswered invitations of one survey, on what the app knows."""

    count: int
    meetings_held: float | None
    #: Attended / recorded, over the group's recorded attendance.
    attendance: float | None
    days_to_team: float | None
    days_since_start: float | None
    #: stage -> count (people whose venture has no stage are left out).
    stages: dict[str, int]


@dataclass(frozen=True)
class Comparison:
    survey: str
    answered: Group
    unanswered: Group


@dataclass(frozen=True)
class Rating:
    count: int
    average: float | None
    #: stars -> count, 1 to 5.
    spread: dict[int, int]


@dataclass(frozen=True)
class Goals:
    yes: int
    partly: int
    no: int

    @property
    def count(self) -> int:
        return self.yes + self.partly + self.no

    @property
    def share_reached(self) -> float | None:
        return self.yes / self.count if self.count else None


@dataclass(frozen=True)
class NeedChange:
    """One area, over the founders who rated it both at intake and at the end."""

    area: str
    count: int
    before: float
    after: float
    better: int
    same: int
    worse: int

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class SurveyMeasures:
    rates: list[ResponseRate]
    comparisons: list[Comparison]
    rating: Rating
    goals: Goals
    needs: list[NeedChange]
    #: survey -> answer -> count (the fit check's yes / too early / no).
    fit_answers: dict[str, int]


SURVEYS = ("fit", "exit")


def response_rate(survey: str, invited: Sequence[Invited]) -> ResponseRate:
    mine = [i for i in invited if i.survey == survey]
    answered = sum(1 for i in mine if i.answered)
    rate = answered / len(mine) if mine else None
    warnings = []
    if rate is not None and rate < MIN_RATE:
        warnings.append("low_rate")
    if mine and answered < MIN_ANSWERS:
        warnings.append("few_answers")
    return ResponseRate(survey, len(mine), sum(1 for i in mine if i.reminders), answered, rate,
                        tuple(warnings))  # fmt: skip


def _average(values: Iterable[float | int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return mean(known) if known else None


def group_of(invited: Sequence[Invited]) -> Group:
    recorded = sum(i.attendance_recorded for i in invited)
    return Group(
        count=len(invited),
        meetings_held=_average(i.meetings_held for i in invited),
        attendance=sum(i.attended for i in invited) / recorded if recorded else None,
        days_to_team=_average(i.days_to_team for i in invited),
        days_since_start=_average(i.days_since_start for i in invited),
        stages=dict(sorted(Counter(i.stage for i in invited if i.stage).items())),
    )  # fmt: skip


def compare(survey: str, invited: Sequence[Invited]) -> Comparison:
    mine = [i for i in invited if i.survey == survey]
    return Comparison(survey, group_of([i for i in mine if i.answered]),
                      group_of([i for i in mine if not i.answered]))  # fmt: skip


def rating_of(invited: Sequence[Invited]) -> Rating:
    stars = [i.rating for i in invited if i.survey == "exit" and i.answered and i.rating]
    spread = Counter(stars)
    return Rating(len(stars), mean(stars) if stars else None,
                  {n: spread.get(n, 0) for n in range(1, 6)})  # fmt: skip


def goals_of(invited: Sequence[Invited]) -> Goals:
    """Founders' and members' answers: the goal is theirs (mentors' views are in the rating)."""
    said = Counter(i.goal for i in invited if i.survey == "exit" and i.answered
                   and i.side == "founder" and i.goal)  # fmt: skip
    return Goals(said.get("yes", 0), said.get("partly", 0), said.get("no", 0))


def need_changes(invited: Sequence[Invited]) -> list[NeedChange]:
    pairs: dict[str, list[tuple[int, int]]] = {}
    for i in invited:
        if i.survey != "exit" or not i.answered:
            continue
        for area, after in i.needs_after.items():
            if area in i.needs_before:
                pairs.setdefault(area, []).append((i.needs_before[area], after))
    return [NeedChange(area, len(found), mean(b for b, _a in found), mean(a for _b, a in found),
                       sum(1 for b, a in found if a > b), sum(1 for b, a in found if a == b),
                       sum(1 for b, a in found if a < b))
            for area, found in sorted(pairs.items())]  # fmt: skip


def measure(invited: Sequence[Invited]) -> SurveyMeasures:
    fits = Counter(i.fit for i in invited if i.survey == "fit" and i.answered and i.fit)
    return SurveyMeasures(
        rates=[response_rate(s, invited) for s in SURVEYS],
        comparisons=[compare(s, invited) for s in SURVEYS],
        rating=rating_of(invited), goals=goals_of(invited), needs=need_changes(invited),
        fit_answers={answer: fits.get(answer, 0) for answer in ("yes", "too_early", "no")},
    )  # fmt: skip
