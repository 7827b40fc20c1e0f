"""The facts of one dashboard, each read once when a section first needs it: a section that
is not shown (an export of another table) costs nothing."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property

from vms.cohorts.models import Program
from vms.evidence.measures import activity, queries, ventures
from vms.evidence.measures.scope import Scope, trend_span
from vms.evidence.measures.settings import meaningful_threshold
from vms.evidence.surveys import measures as survey_measures_of
from vms.evidence.surveys import queries as survey_queries
from vms.evidence.surveys.queries import Scope as SurveyScope


class Evidence:
    def __init__(self, program: Program, scope: Scope, now: datetime):
        self.program, self.scope, self.now = program, scope, now

    @cached_property
    def surveys(self) -> survey_measures_of.SurveyMeasures:
        """The fit checks' and exit surveys' measures, invited within the same range."""
        scope = SurveyScope(self.scope.starts_at, self.scope.ends_before, self.scope.cohort_id)
        return survey_queries.survey_measures(self.program.id, self.now, scope)

    @cached_property
    def threshold(self) -> int:
        return meaningful_threshold(self.program)

    @cached_property
    def ventures(self) -> list[ventures.VentureFacts]:
        return queries.venture_facts(self.program, self.scope, self.now)

    @cached_property
    def months(self) -> list[activity.MonthRow]:
        first, last = trend_span(self.scope, self.now)
        meetings = queries.meetings_by_month(self.program, self.scope, first, self.now)
        published = [p for p in queries.team_publications(self.program, self.scope)
                     if self.scope.ends_before is None or p < self.scope.ends_before]  # fmt: skip
        return activity.monthly(activity.months_between(first, last), meetings, published,
                                self.scope.holds)  # fmt: skip

    @cached_property
    def speed_dating(self) -> activity.SpeedDating:
        return activity.speed_dating(queries.pair_ranks(self.program, self.scope))

    @cached_property
    def agreements(self) -> activity.Agreements:
        return activity.agreements(queries.agreement_rows(self.program, self.scope))
