"""The notification choices form: one select per category."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField

from vms.i18n import lazy_gettext as _l
from vms.notifications.categories import Category, Choice
from vms.notifications.labels import CATEGORY_LABELS

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
