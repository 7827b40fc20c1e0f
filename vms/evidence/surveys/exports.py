"""The surveys' CSV tables: every invitation with its answers, and the measures."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from vms.evidence.surveys.measures import SurveyMeasures
from vms.evidence.surveys.queries import AnswerRow


def _when(moment) -> str:
    return moment.isoformat() if moment else ""


def answers_table(rows: Sequence[AnswerRow]) -> tuple[list[str], list[list[object]]]:
    header = [_("Survey"), _("Subject"), _("Team or pair"), _("Person"), _("Side"),
              _("Invited"), _("Reminders"), _("Answered"), _("Good fit?"), _("Rating"),
              _("Goal reached"), _("A few words"), _("Program could do better"),
              _("Mentors could do better")]  # fmt: skip
    table = []
    for row in rows:
        i = row.invitation
        table.append([i.kind.label, i.subject_kind.label, row.subject, row.person, i.side.label,
                      _when(i.invited_at), i.reminders_sent, _when(i.answered_at),
                      i.fit.label if i.fit else "", i.rating or "",
                      i.goal_reached.label if i.goal_reached else "", i.words,
                      i.program_better, i.mentors_better])  # fmt: skip
    return header, table


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def measures_table(found: SurveyMeasures) -> tuple[list[str], list[list[object]]]:
    """One row per measure: (measure, detail, value, count behind it)."""
    rows: list[list[object]] = []
    for rate in found.rates:
        rows.append([_("Response rate"), rate.survey, _number(rate.rate), rate.invited])
        rows.append([_("Answers"), rate.survey, rate.answered, rate.invited])
        rows.append([_("Too low to trust"), rate.survey, ", ".join(rate.warnings) or "-",
                     rate.answered])  # fmt: skip
    for c in found.comparisons:
        for name, group in ((_("answered"), c.answered), (_("did not answer"), c.unanswered)):
            detail = f"{c.survey}: {name}"
            rows += [[_("Meetings held (average)"), detail, _number(group.meetings_held),
                      group.count],
                     [_("Attendance"), detail, _number(group.attendance), group.count],
                     [_("Days to team (average)"), detail, _number(group.days_to_team),
                      group.count],
                     [_("Days since start (average)"), detail, _number(group.days_since_start),
                      group.count]]  # fmt: skip
    rows.append([_("Average rating"), "exit", _number(found.rating.average), found.rating.count])
    rows.append([_("Goal reached"), "exit", _number(found.goals.share_reached), found.goals.count])
    for need in found.needs:
        rows.append([_("Change in need"), need.area, _number(need.change), need.count])
    return [_("Measure"), _("Detail"), _("Value"), _("Count")], rows
