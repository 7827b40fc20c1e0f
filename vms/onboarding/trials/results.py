"""A trial's result, per measure: each arm's count and rate (or mean days), its difference
against the comparison arm and the 95% interval (``statistics``), as the dashboard's
sections (a chart, the table behind it, which is also the CSV).

Every measure is read by intention to treat: each arm's denominator is everyone assigned to
it, whatever became of them (only the days to a team count those who got one). Venture
trials: a team, the days to it, a first agenda sent, a meaningful connection, a fit check
answered "yes" by a founder. Mentor trials: on a published team, present at a team meeting,
a fit check answered "yes" by the mentor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from vms.cohorts.models import Program
from vms.evidence.dashboard.charts import bar_chart
from vms.evidence.dashboard.sections import Section, Table
from vms.evidence.measures import queries as measures
from vms.evidence.measures.scope import Scope
from vms.evidence.measures.settings import meaningful_threshold
from vms.evidence.measures.ventures import days_to_team, is_meaningful
from vms.evidence.surveys.models import Side
from vms.onboarding.trials import queries
from vms.onboarding.trials.models import Audience, Trial, TrialArm
from vms.onboarding.trials.statistics import (
    MIN_PER_ARM,
    Difference,
    Proportion,
    Verdict,
    compare_means,
    compare_proportions,
)


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    definition: str
    #: arm id -> the subjects' values: booleans (a proportion) or days (a mean).
    values: dict[int, list]
    days: bool = False


@dataclass(frozen=True)
class TrialResult:
    #: arm id -> subjects assigned to it.
    assigned: dict[int, int]
    sections: list[Section]
    #: An arm holds fewer than MIN_PER_ARM: nothing can be concluded yet.
    too_few: bool
    #: No measure's interval excludes zero (or there is no measure).
    uncertain: bool


def trial_result(program: Program, trial: Trial, now: datetime) -> TrialResult:
    """The counts per arm and one section per measure (none while nobody is assigned)."""
    rows = queries.assignments_of(trial)
    assigned = {arm.id: 0 for arm in trial.arms}
    for arm_id, _venture, _mentor in rows:
        assigned[arm_id] += 1
    if not rows or trial.comparison is None:
        return TrialResult(assigned, [], True, True)
    found = (_venture_measures(program, trial, rows, now) if trial.audience is Audience.VENTURES
             else _mentor_measures(trial, rows))  # fmt: skip
    sections, verdicts = [], set()
    for measure in found:
        section, seen = _section(trial, measure)
        sections.append(section)
        verdicts |= seen
    too_few = min(assigned.values()) < MIN_PER_ARM
    return TrialResult(assigned, sections, too_few,
                       not verdicts & {Verdict.HIGHER, Verdict.LOWER})  # fmt: skip


def _by_arm(rows, subject: int, value: Callable[[int], object]) -> dict[int, list]:
    values: dict[int, list] = {}
    for row in rows:
        values.setdefault(row[0], []).append(value(row[subject]))
    return values


def _venture_measures(program: Program, trial: Trial, rows, now: datetime) -> list[Measure]:
    facts = {v.id: v for v in measures.venture_facts(program, Scope(), now)}
    threshold = meaningful_threshold(program)
    agenda, fit = queries.ventures_with_agenda(trial), queries.fit_yes(trial, Side.FOUNDER)
    rows = [r for r in rows if r[1] in facts]
    days = _by_arm(rows, 1, lambda v: days_to_team(facts[v]))
    return [
        Measure("team", _("Got a team"), _("Ventures with a published team."),
                _by_arm(rows, 1, lambda v: facts[v].teamed_at is not None)),
        Measure("days_to_team", _("Days to a team"),
                _("Days from the application to the first team, of the ventures with one."),
                {arm: [d for d in found if d is not None] for arm, found in days.items()},
                days=True),
        Measure("agenda", _("First agenda sent"),
                _("Ventures whose founders sent the agenda of at least one team meeting."),
                _by_arm(rows, 1, lambda v: v in agenda)),
        Measure("meaningful", _("Meaningful connection"),
                _("Ventures whose team held at least %(n)d meetings.", n=threshold),
                _by_arm(rows, 1, lambda v: is_meaningful(facts[v], threshold))),
        Measure("fit", _("Fit answer “yes”"),
                _("Ventures whose founder answered the fit check “yes, a good fit”."),
                _by_arm(rows, 1, lambda v: v in fit)),
    ]  # fmt: skip


def _mentor_measures(trial: Trial, rows) -> list[Measure]:
    teamed, present = queries.mentors_on_teams(trial), queries.mentors_attended(trial)
    fit = queries.fit_yes(trial, Side.MENTOR)
    return [
        Measure("on_team", _("On a team"), _("Mentors on a published team."),
                _by_arm(rows, 2, lambda m: m in teamed)),
        Measure("attended", _("Attended a team meeting"),
                _("Mentors recorded present at one team meeting or more."),
                _by_arm(rows, 2, lambda m: m in present)),
        Measure("fit", _("Fit answer “yes”"),
                _("Mentors who answered the fit check “yes, a good fit”."),
                _by_arm(rows, 2, lambda m: m in fit)),
    ]  # fmt: skip


def _section(trial: Trial, measure: Measure) -> tuple[Section, set[Verdict]]:
    base = measure.values.get(trial.comparison.id, [])
    compared = {arm.id: None if arm.is_comparison else _difference(measure, arm, base)
                for arm in trial.arms}  # fmt: skip
    rows = [[arm.name, *_cells(measure, measure.values.get(arm.id, [])),
             *_compared(compared[arm.id], measure.days)] for arm in trial.arms]  # fmt: skip
    header = ([_("Arm"), _("Ventures teamed"), _("Mean days")] if measure.days
              else [_("Arm"), _("Assigned"), _("Count"), _("Rate")])  # fmt: skip
    header += [_("Difference from the comparison arm"), _("Interval (95%)"), _("What it says")]
    label = _("%(title)s: mean days", title=measure.title) if measure.days else _(
        "%(title)s: percent of the arm", title=measure.title)  # fmt: skip
    chart = bar_chart(
        label,
        [arm.name for arm in trial.arms],
        [_chart_value(measure, measure.values.get(arm.id, [])) for arm in trial.arms],
    )
    verdicts = {d.verdict for d in compared.values() if d is not None}
    return Section(measure.key, measure.title, measure.definition,
                   Table(measure.title, header, rows), chart), verdicts  # fmt: skip


def _difference(measure: Measure, arm: TrialArm, base: list) -> Difference:
    values = measure.values.get(arm.id, [])
    if measure.days:
        return compare_means(values, base)
    return compare_proportions(Proportion(sum(values), len(values)),
                               Proportion(sum(base), len(base)))  # fmt: skip


def _cells(measure: Measure, values: list) -> list[object]:
    if measure.days:
        return [len(values), f"{sum(values) / len(values):.1f}" if values else "–"]
    mine = Proportion(sum(values), len(values))
    return [mine.n, mine.count, f"{round(100 * mine.rate)}%" if mine.rate is not None else "–"]


def _chart_value(measure: Measure, values: list) -> float | None:
    if not values:
        return None
    if measure.days:
        return round(sum(values) / len(values), 1)
    return round(100 * sum(values) / len(values))


def _compared(difference: Difference | None, days: bool) -> list[str]:
    if difference is None:
        return ["–", "–", _("The comparison arm")]
    return [_amount(difference.estimate, days),
            "–" if difference.interval is None else _("%(low)s to %(high)s",
                low=_amount(difference.interval.low, days),
                high=_amount(difference.interval.high, days)),
            VERDICTS[difference.verdict]()]  # fmt: skip


def _amount(value: float | None, days: bool) -> str:
    if value is None:
        return "–"
    if days:
        signed = f"{value:+.1f}"
        return _("%(n)s days", n=signed)
    signed = f"{100 * value:+.0f}"
    return _("%(n)s points", n=signed)


VERDICTS: dict[Verdict, Callable[[], str]] = {
    Verdict.TOO_FEW: lambda: _("Too few to conclude anything (fewer than %(n)d in an arm)",
                               n=MIN_PER_ARM),
    Verdict.NO_CONCLUSION: lambda: _("No conclusion yet: the interval includes no difference"),
    Verdict.HIGHER: lambda: _("Higher than the comparison arm"),
    Verdict.LOWER: lambda: _("Lower than the comparison arm"),
}  # fmt: skip
