"""The dashboard's sections, in the order shown: each a chart, the table of its numbers (also
its CSV export), a few headline figures and its definition.

A new measure is one more entry of ``SECTIONS`` (the survey measures join here): its key (the
export's name) and a function of the dashboard's ``Evidence`` that returns a ``Section``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _

from vms.cohorts.models import STAGE_LABELS, VentureStage
from vms.evidence.dashboard.charts import Chart, bar_chart, line_chart
from vms.evidence.dashboard.data import Evidence
from vms.evidence.measures import activity, ventures
from vms.evidence.surveys import measures as survey_measures
from vms.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Table:
    caption: str
    header: Sequence[str]
    #: The first cell of each row heads it (a ``th scope="row"``).
    rows: Sequence[Sequence[object]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    definition: str
    table: Table
    chart: Chart | None = None
    #: (label, value) shown large above the chart.
    figures: Sequence[tuple[str, object]] = field(default_factory=tuple)
    #: Said instead of the chart when there is nothing to count: what to do next.
    empty: str | None = None


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


_STAGES = {
    "applied": _l("Applied"), "accepted": _l("Accepted"), "teamed": _l("Teamed"),
    "first_meeting": _l("First meeting held"), "meaningful": _l("Meaningful connection"),
}  # fmt: skip


def funnel_section(e: Evidence) -> Section:
    found = ventures.funnel(e.ventures, e.threshold)
    stages = found.stages()
    labels = [str(_STAGES[key]) for key, _n in stages]
    title = _("From application to meaningful connection")
    return Section(
        "funnel", title,
        _("Ventures that applied in the range, and how many of them were accepted, got a "
          "published team, held a first team meeting, and held at least %(n)d (a meaningful "
          "connection).", n=e.threshold),
        Table(title, [_("Stage"), _("Ventures"), _("Share of those who applied")],
              [[label, n, _percent(n, found.applied)]
               for label, (_k, n) in zip(labels, stages, strict=True)]),
        bar_chart(title, labels, [n for _k, n in stages], horizontal=True) if found.applied
        else None,
        empty=None if found.applied else _("No venture applied in this range. Widen the dates, "
                                           "or add ventures from the venture pipeline."),
    )  # fmt: skip


def meaningful_section(e: Evidence) -> Section:
    teamed = [v for v in e.ventures if v.teamed_at is not None]
    counts = [sum(v.meetings_held == n for v in teamed) for n in range(e.threshold)]
    counts.append(sum(v.meetings_held >= e.threshold for v in teamed))
    labels = [str(n) for n in range(e.threshold)] + [f"≥ {e.threshold}"]
    title = _("Meetings held per teamed venture")
    return Section(
        "meaningful", _("Meaningful connections"),
        _("A team with at least %(n)d team meetings held (started and not cancelled) is a "
          "meaningful connection; the program sets the number.", n=e.threshold),
        Table(title, [_("Meetings held"), _("Ventures")], list(zip(labels, counts, strict=True))),
        bar_chart(title, labels, counts) if teamed else None,
        [(_("Meaningful connections"), counts[-1]),
         (_("Of the teamed ventures"), _percent(counts[-1], len(teamed)))],
        None if teamed else _("No venture of this range has a team yet. Publish teams from "
                              "the team overview."),
    )  # fmt: skip


def _bin_label(low: int, high: int | None) -> str:
    return _("%(low)d–%(high)d days", low=low, high=high) if high is not None else _(
        "over %(low)d days", low=low - 1)  # fmt: skip


def time_to_team_section(e: Evidence) -> Section:
    found = ventures.time_to_team(e.ventures)
    labels = [_bin_label(*b) for b, _n in found.bins]
    title = _("Time from application to team")
    return Section(
        "time_to_team", title,
        _("Days from a venture's application to the publication of its first team, for the "
          "ventures that applied in the range and have a team."),
        Table(title, [_("Days"), _("Ventures")], [[label, n] for label, (_b, n)
                                                  in zip(labels, found.bins, strict=True)]),
        bar_chart(title, labels, [n for _b, n in found.bins]) if found.n else None,
        [(_("Median, in days"), _days(found.median_days)), (_("Ventures teamed"), found.n)],
        None if found.n else _("No venture of this range has a team yet."),
    )  # fmt: skip


def trends_section(e: Evidence) -> Section:
    rows = e.months
    title = _("Monthly trends")
    per_team = activity.meetings_per_team_per_month(rows)
    return Section(
        "monthly", title,
        _("Team meetings held each month (started and not cancelled), teams published that "
          "month, teams live by the month's end, and meetings per live team. Months in UTC."),
        Table(title, [_("Month"), _("Meetings held"), _("New teams"), _("Live teams"),
                      _("Meetings per team")],
              [[r.month, r.meetings, r.new_teams, r.active_teams,
                _days(r.meetings_per_team)] for r in rows]),
        line_chart(title, [r.month for r in rows],
                   {_("Meetings held"): [r.meetings for r in rows],
                    _("New teams"): [r.new_teams for r in rows]}) if rows else None,
        [(_("Meetings per team per month"), _days(per_team))],
        None if any(r.meetings or r.active_teams for r in rows) else _(
            "No team meeting in these months. Teams schedule meetings from their team page."),
    )  # fmt: skip


_FACTORS = {
    "completeness": (_l("Profile completeness"), _l("Completeness")),
    "assessed": (_l("Self-assessment taken"), _l("Self-assessment")),
    "stage": (_l("Stage"), _l("Stage")),
    "sector": (_l("Sector"), _l("Sector")),
}


def _group_label(factor: str, group: str) -> str:
    if factor == "assessed":
        return _("Yes") if group == "yes" else _("No")
    if factor == "stage":
        return str(STAGE_LABELS[VentureStage(group)]) if group else _("Not given")
    return group or _("Not given")


def factor_section(factor: str) -> Callable[[Evidence], Section]:
    def build(e: Evidence) -> Section:
        rows = ventures.by_factor(e.ventures, ventures.FACTORS[factor], e.threshold)
        name, column = (str(s) for s in _FACTORS[factor])
        labels = [_group_label(factor, r.group) for r in rows]
        title = _("Which ventures get a team, by %(factor)s", factor=name.lower())
        return Section(
            f"factor_{factor}", title,
            _("Ventures that applied in the range, grouped by %(factor)s: how many got a team, "
              "their median days to it, and how many reached a meaningful connection.",
              factor=name.lower()),
            Table(title, [column, _("Ventures"), _("Teamed"), _("Share teamed"),
                          _("Median days to team"), _("Meaningful connections")],
                  [[label, r.ventures, r.teamed, _percent(r.teamed, r.ventures),
                    _days(r.median_days), r.meaningful]
                   for label, r in zip(labels, rows, strict=True)]),
            bar_chart(_("%(title)s: teamed, in percent", title=title), labels,
                      [round(100 * r.teamed / r.ventures) for r in rows]) if rows else None,
            empty=None if rows else _("No venture applied in this range."),
        )  # fmt: skip

    return build


def speed_dating_section(e: Evidence) -> Section:
    found = e.speed_dating
    other = found.pairs - found.first_or_second
    labels = [_("1st choice"), _("2nd choice"), _("Other")]
    title = _("Speed-dating outcome")
    return Section(
        "speed_dating", title,
        _("Of the peer pairs published in the range, how many paired the member with the "
          "peer mentor they ranked first or second."),
        Table(title, [_("Choice"), _("Pairs")],
              list(zip(labels, [found.first_choice, found.second_choice, other], strict=True))),
        bar_chart(title, labels, [found.first_choice, found.second_choice, other])
        if found.pairs else None,
        [(_("1st or 2nd choice"), "–" if found.share is None else f"{found.share:g}%")],
        None if found.pairs else _("No peer pair was published in this range. Pairs come "
                                   "from a speed-dating event's rankings."),
    )  # fmt: skip


def agreements_section(e: Evidence) -> Section:
    found = e.agreements
    labels = [_("Signed"), _("Active"), _("Completed"), _("All agreements")]
    values = [found.signed, found.active, found.completed, found.total]
    title = _("Agreements")
    return Section(
        "agreements", _("Agreements signed, active and completed"),
        _("Agreements made in the range: signed by every party (at some point), active "
          "today, completed at the end of their term, and all of them, drafts included."),
        Table(title, [_("Agreements"), _("Count")], list(zip(labels, values, strict=True))),
        bar_chart(title, labels, values) if found.total else None,
        empty=None if found.total else _("No agreement was made in this range. Pairs and "
                                         "teams start theirs from the agreements page."),
    )  # fmt: skip


_SURVEYS = {"fit": _l("Fit check"), "exit": _l("Exit survey")}


def _trust(rate: survey_measures.ResponseRate) -> str:
    if not rate.invited:
        return "–"
    return _("trusted") if rate.trusted else _("too few answers to trust")


def surveys_section(e: Evidence) -> Section:
    """How many answered each survey, and whether that is enough to read its results."""
    rates = e.surveys.rates
    labels = [str(_SURVEYS.get(r.survey, r.survey)) for r in rates]
    percents = [round(100 * r.rate) if r.rate is not None else 0 for r in rates]
    title = _("Survey response rates")
    rating, goals = e.surveys.rating, e.surveys.goals
    return Section(
        "surveys", title,
        _("Of the people asked in the range, how many answered the fit check and the exit "
          "survey. A result is not to be trusted when fewer than %(rate)d%% answered (those "
          "who did not may differ) or fewer than %(answers)d did (one answer then moves it "
          "a lot): the surveys page compares those who answered with those who did not.",
          rate=round(100 * survey_measures.MIN_RATE), answers=survey_measures.MIN_ANSWERS),
        Table(title, [_("Survey"), _("Asked"), _("Reminded"), _("Answered"), _("Rate"),
                      _("Can it be trusted?")],
              [[label, r.invited, r.reminded, r.answered, _percent(r.answered, r.invited),
                _trust(r)] for label, r in zip(labels, rates, strict=True)]),
        bar_chart(title, labels, percents) if any(r.invited for r in rates) else None,
        [(_("Average rating"), "–" if rating.average is None else f"{rating.average:.1f} / 5"),
         (_("Day-one goal reached"), _percent(goals.yes, goals.count))],
        None if any(r.invited for r in rates) else _(
            "Nobody was asked in this range. Fit checks follow a team's first meeting; exit "
            "surveys follow a team's or an agreement's end."),
    )  # fmt: skip


def needs_section(e: Evidence) -> Section:
    needs = e.surveys.needs
    title = _("Change in self-assessed needs")
    return Section(
        "needs", title,
        _("For each area of the needs self-assessment, founders who rated it at intake and "
          "again in their exit survey: the average strength before and after (1 to 5), and "
          "how many rated it better, the same or worse."),
        Table(title, [_("Area"), _("Founders"), _("Before"), _("After"), _("Better"),
                      _("Same"), _("Worse")],
              [[n.area, n.count, f"{n.before:.1f}", f"{n.after:.1f}", n.better, n.same, n.worse]
               for n in needs]),
        line_chart(title, [n.area for n in needs],
                   {_("Before"): [n.before for n in needs], _("After"): [n.after for n in needs]})
        if needs else None,
        empty=None if needs else _("No founder has taken the self-assessment again yet: the "
                                   "exit survey asks for it."),
    )  # fmt: skip


#: The dashboard, top to bottom: the key (of the section and its export) -> its builder.
SECTIONS: dict[str, Callable[[Evidence], Section]] = {
    "funnel": funnel_section, "meaningful": meaningful_section,
    "time_to_team": time_to_team_section, "monthly": trends_section,
    **{f"factor_{f}": factor_section(f) for f in ventures.FACTORS},
    "speed_dating": speed_dating_section, "agreements": agreements_section,
    "surveys": surveys_section, "needs": needs_section,
}  # fmt: skip


def build_section(e: Evidence, key: str) -> Section | None:
    builder = SECTIONS.get(key)
    return builder(e) if builder is not None else None
