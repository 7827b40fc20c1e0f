"""The notification choices form: one select per category."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange

from vms.i18n import lazy_gettext as _l
from vms.notifications.categories import Category, Choice
from vms.notifications.labels import CATEGORY_LABELS
from vms.notifications.models import NUDGE_DEFAULTS

CHOICES = [
    SelectChoice(Choice.ON.value, _l("By email")),
    SelectChoice(Choice.DIGEST.value, _l("In a weekly digest")),
    SelectChoice(Choice.OFF.value, _l("Off")),
]


def _field(category: Category, choices: list[SelectChoice] = CHOICES) -> SelectField:
    return SelectField(CATEGORY_LABELS[category], choices=choices)


class PreferencesForm(FlaskForm):
    reminders = _field(Category.REMINDERS)
    nudges = _field(Category.NUDGES)
    activity = _field(Category.ACTIVITY)
    # A reminder an hour ahead is no use a week later: by email or off.
    hour_before = _field(Category.HOUR_BEFORE, [CHOICES[0], CHOICES[2]])

    def chosen(self) -> dict[Category, Choice]:
        return {category: Choice(self[category.value].data) for category in Category}

    def show(self, current: dict[Category, Choice]) -> None:
        for category in Category:
            self[category.value].data = current[category].value


def _days(label, low: int, high: int) -> IntegerField:
    message = _l("Please enter a number from %(low)d to %(high)d.", low=low, high=high)
    return IntegerField(label, validators=[InputRequired(message=message),
                                           NumberRange(low, high, message=message)])  # fmt: skip


class NudgeDelaysForm(FlaskForm):
    """A program's delays for its nudges."""

    rsvp_nudge_days = _days(_l("Mentor meeting: ask for answers, days before"), 1, 30)
    docket_days = _days(_l("Mentor meeting: docket to coordinators, days before"), 1, 14)
    principles_due_days = _days(_l("Principles: remind this many days before re-affirmation"),
                                1, 90)  # fmt: skip
    scorecard_after_hours = _days(_l("Scorecards: remind, hours after the interview"), 1, 336)
    quiet_lead_days = _days(_l("Quiet team: tell the lead after days without a meeting"), 7, 180)
    quiet_coordinators_days = _days(
        _l("Quiet team: tell the coordinators after days without a meeting"), 7, 365
    )

    def values(self) -> dict[str, int]:
        return {name: self[name].data for name in NUDGE_DEFAULTS}
