"""The dashboard's filter: a date range and a cohort, a GET form kept in the URL."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

from vms.cohorts.models import Cohort
from vms.i18n import lazy_gettext as _l


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class EvidenceFilterForm(FlaskForm):
    """Applies to every number of the dashboard (a GET: no CSRF token)."""

    class Meta:
        csrf = False

    starts_on = DateField(_l("From"), validators=[Optional()],
                          description=_l("Ventures that applied, teams published and meetings "
                                         "held on or after this day."))  # fmt: skip
    ends_on = DateField(_l("To"), validators=[Optional()],
                        description=_l("… and on or before this day."))  # fmt: skip
    cohort = SelectField(_l("Cohort"), coerce=_int_or_none, validators=[Optional()])

    def offer(self, cohorts: list[Cohort]) -> EvidenceFilterForm:
        self.cohort.choices = [SelectChoice("", _l("Every cohort"))] + [
            SelectChoice(c.id, c.name) for c in cohorts
        ]
        return self

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.starts_on.data and self.ends_on.data and self.ends_on.data < self.starts_on.data:
            self.ends_on.errors.append(_l("The end comes before the start."))
            return False
        return True

    @property
    def link_args(self) -> dict[str, str]:
        """The filter as URL arguments (for the exports and the at-risk link)."""
        found = {"starts_on": _iso(self.starts_on.data), "ends_on": _iso(self.ends_on.data),
                 "cohort": self.cohort.data}  # fmt: skip
        return {name: value for name, value in found.items() if value}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class MeasureSettingsForm(FlaskForm):
    meaningful_meetings = IntegerField(
        _l("Meetings for a meaningful connection"),
        description=_l("A team with at least this many meetings held counts as a meaningful "
                       "connection."),
        validators=[InputRequired(message=_l("Please enter a number from 1 to 24.")),
                    NumberRange(1, 24, message=_l("Please enter a number from 1 to 24."))],
    )  # fmt: skip
