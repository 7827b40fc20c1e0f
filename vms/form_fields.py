"""Fields, filters and validators that the forms of every feature share."""

from __future__ import annotations

from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from vms.i18n import lazy_gettext as _l
from vms.single_line import single_line


def strip_whitespace(value):
    """A field filter: surrounding spaces are never meant, and only-spaces means empty."""
    return value.strip() if isinstance(value, str) else value


def one_line(value):
    """A field filter for names, titles and places: any line break, tab or control character
    becomes a space (one for each run), so the text can travel in an email header."""
    return single_line(value) if isinstance(value, str) else value


STRIP = [strip_whitespace]
#: For every single-line text field (it strips, too).
ONE_LINE = [one_line]
WEEKDAYS = [
    (1, _l("Monday")), (2, _l("Tuesday")), (3, _l("Wednesday")), (4, _l("Thursday")),
    (5, _l("Friday")), (6, _l("Saturday")), (7, _l("Sunday")),
]  # fmt: skip


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (rendered in a fieldset by the form macro)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AtLeastOne:
    def __init__(self, message):
        self.message = message

    def __call__(self, form, field) -> None:
        if not field.data:
            raise ValidationError(self.message)


def choose_first(field_choices: list[SelectChoice]) -> list[SelectChoice]:
    return [SelectChoice("", _l("Choose…")), *field_choices]


def optional_int(value):
    return int(value) if value not in (None, "") else None
