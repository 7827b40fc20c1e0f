"""The notification choices form: one select per category."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField

from vms.i18n import lazy_gettext as _l
from vms.notifications.categories import Category, Choice

CATEGORY_LABELS = {
    Category.REMINDERS: _l("Reminders (meetings, agendas, summaries, rankings, agreements)"),
    Category.NUDGES: _l("Nudges (answers, principles, scorecards, quiet teams)"),
    Category.ACTIVITY: _l("Activity (agendas posted, requests filed, dockets)"),
    Category.HOUR_BEFORE: _l("A reminder one hour before each meeting"),
}
CATEGORY_NAMES = {
    Category.REMINDERS: _l("reminders"),
    Category.NUDGES: _l("nudges"),
    Category.ACTIVITY: _l("activity emails"),
    Category.HOUR_BEFORE: _l("one-hour reminders"),
}
CHOICES = [
    (Choice.ON.value, _l("By email")),
    (Choice.DIGEST.value, _l("In a weekly digest")),
    (Choice.OFF.value, _l("Off")),
]


def _field(category: Category) -> SelectField:
    return SelectField(CATEGORY_LABELS[category], choices=CHOICES)


class PreferencesForm(FlaskForm):
    reminders = _field(Category.REMINDERS)
    nudges = _field(Category.NUDGES)
    activity = _field(Category.ACTIVITY)
    hour_before = _field(Category.HOUR_BEFORE)

    def chosen(self) -> dict[Category, Choice]:
        return {category: Choice(self[category.value].data) for category in Category}

    def show(self, current: dict[Category, Choice]) -> None:
        for category in Category:
            self[category.value].data = current[category].value
