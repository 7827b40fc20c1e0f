"""Fields, filters and validators that the forms of every feature share."""

from __future__ import annotations

from functools import lru_cache
from threading import Lock

from flask import g
from markupsafe import Markup, escape
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, Select, html_params

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


class CheckboxList(ListWidget):
    """WTForms' list of checkboxes, each box and its label written in one pass: the team
    overview's docket (60 ventures) spent 8 ms in the widgets of the boxes one by one. The
    markup is the same as ``ListWidget(prefix_label=False)`` with ``CheckboxInput`` options;
    every value goes through ``html_params`` or ``escape`` (tests/test_escaping.py allows
    building it here)."""

    def __init__(self):
        super().__init__(prefix_label=False)

    def __call__(self, field, **kwargs):
        choices = list(field.iter_choices())
        if field.has_groups() or any(c.render_kw for c in choices):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        # html_params' own order (alphabetical: checked, id, name, type, value) and escaping.
        name = escape(field.name)
        boxes = []
        for index, choice in enumerate(choices):
            box = escape(f"{field.id}-{index}")
            checked = "checked " if choice.selected else ""
            boxes.append(f'<li><input {checked}id="{box}" name="{name}" type="checkbox" '
                         f'value="{escape(choice.value)}"> <label for="{box}">'
                         f"{escape(choice.label)}</label></li>")  # fmt: skip
        tag = self.html_tag
        return Markup(f"<{tag} {html_params(**kwargs)}>{''.join(boxes)}</{tag}>")


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (rendered in a fieldset by the form macro)."""

    widget = CheckboxList()
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


class ManyOptionsSelect(Select):
    """A select of many fixed options (the ~600 timezones) whose options are rendered once per
    process: rendering them one by one took half the time of the monthly meeting's page.

    The one place outside templates that builds HTML (tests/test_escaping.py allows it
    here): every value goes through ``html_params`` or ``escape``, as in WTForms' Select."""

    def __call__(self, field, **kwargs):
        # The same tuple of choices each time (the timezones): its options are kept by it.
        kept = isinstance(field.choices, tuple) and not self.multiple
        options = _options_of_kept.get(id(field.choices)) if kept else None
        if options is not None and options[0] is field.choices:
            # The options were written for these very choices: only the chosen is marked.
            # (Kept with the choices themselves, so that their id names nothing else.)
            options, chosen = options[1], [c.value for c in field.choices
                                            if field.coerce(c.value) == field.data]  # fmt: skip
            return self._select(field, options, chosen, kwargs)
        choices = list(field.iter_choices())
        if self.multiple or any(c.render_kw for c in choices):
            return super().__call__(field, **kwargs)
        # Labels as text: a lazy translation in the key would compare equal in any language.
        groups = field.iter_groups() if field.has_groups() else [(None, choices)]
        options = _rendered_options(tuple(
            (str(group) if group is not None else None,
             tuple((c.value, str(c.label or c.value)) for c in members))
            for group, members in groups
        ))  # fmt: skip
        if kept:
            with _keeping:
                while len(_options_of_kept) >= _KEPT_CHOICES:
                    _options_of_kept.pop(next(iter(_options_of_kept)))
                _options_of_kept[id(field.choices)] = (field.choices, options)
        return self._select(field, options, [c.value for c in choices if c.selected], kwargs)

    def _select(self, field, options: str, chosen: list, kwargs: dict) -> Markup:
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for flag in self.validation_attrs:
            if flag not in kwargs and getattr(flags, flag, False):
                kwargs[flag] = True
        for value in chosen:
            plain, marked = (f"<option {html_params(value=value)}>",
                             f"<option {html_params(selected=True, value=value)}>")  # fmt: skip
            options = options.replace(plain, marked, 1)
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")


#: id of a tuple of choices -> (the tuple, its options' HTML): what iterating ~600 choices
#: three times (WTForms' choices, groups and selection) cost on every page with a zone select.
_options_of_kept: dict[int, tuple[tuple, str]] = {}
_KEPT_CHOICES = 64
_keeping = Lock()


@lru_cache(maxsize=64)
def _rendered_options(groups: tuple) -> str:
    """``groups``: (the group's label, or None for options outside any group, and its
    (value, label) options), in order, as WTForms' Select writes them."""
    written = []
    for group, options in groups:
        html = "".join(f"<option {html_params(value=value)}>{escape(label)}</option>"
                       for value, label in options)  # fmt: skip
        written.append(html if group is None else
                       f"<optgroup {html_params(label=group)}>{html}</optgroup>")  # fmt: skip
    return "".join(written)


#: ``g`` key: the id of the first field the page's error summary lists.
_FIRST_INVALID = "vms_first_invalid_field"


def _messages(errors) -> list:
    """A field's own error messages (a list of fields gives its entries' errors as mappings,
    shown by the entries themselves): never an empty error paragraph."""
    return [e for e in errors if not isinstance(e, dict) and str(e).strip()]


def _fields_of(form):
    """Every field, those in lists of fields and sub-forms too (the agenda's items), in order."""
    for field in form:
        if field.type == "FieldList":
            for entry in field.entries:
                yield from _fields_of(entry.form) if entry.type == "FormField" else [entry]
        else:
            yield field


def error_summary(form) -> Markup:
    """A failed form's errors, listed at its top, each a link to its field (``form.hidden_tag``
    is followed by it in every template); the first field with an error takes the focus, so a
    reader of a long form, or of a screen reader, starts where the problem is. Nothing when
    the form has no error."""
    items = [Markup("<li>{}</li>").format(m) for m in _messages(getattr(form, "form_errors", []))]
    for field in _fields_of(form):
        for message in _messages(field.errors):
            if field.type in ("HiddenField", "CSRFTokenField"):  # nothing to go back to
                items.append(Markup("<li>{}</li>").format(message))
                continue
            g.setdefault(_FIRST_INVALID, field.id)
            items.append(Markup('<li><a href="#{}">{}: {}</a></li>').format(
                field.id, field.label.text, message))  # fmt: skip
    if not items:
        return Markup("")
    return Markup(
        '<div class="error-summary" role="alert"><p><strong>{}</strong></p><ul>{}</ul></div>'
    ).format(_l("The form was not saved. Please correct:"), Markup("").join(items))


#: Fields laid out as a group with a legend (their inputs are several).
_GROUPED = ("MultiCheckboxField", "RadioField")


def field_html(field, autocomplete: str | None = None) -> Markup:
    """One field as ``_macros/forms.html``'s ``render_field`` shows it: label, hint, the error
    next to the field, what was typed. Built here rather than in the macro: a table of row
    forms (the mentor load page: 100 fields) spent most of its time in the macro's logic.
    Everything from the field is escaped by ``Markup.format`` and ``Markup.join``."""
    errors = _messages(field.errors)
    described = [f"{field.id}-hint"] * bool(field.description) + [f"{field.id}-error"] * bool(
        errors
    )
    attrs = {"aria-describedby": " ".join(described)} if described else {}
    if errors:
        attrs["aria-invalid"] = "true"
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    if errors and g.get(_FIRST_INVALID) == field.id:
        attrs["autofocus"] = True  # the error summary above lists it first: the reader starts here
    hint = (Markup('<p class="hint" id="{}-hint">{}</p>').format(field.id, field.description)
            if field.description else "")  # fmt: skip
    error = (Markup('<p class="error" id="{}-error">{}</p>')
             .format(field.id, Markup(" ").join(errors)) if errors else "")  # fmt: skip
    if field.type in _GROUPED:
        # The group points to the hint and error (its inputs get no attributes: several).
        described_by = (
            Markup(' aria-describedby="{}"').format(" ".join(described)) if described else ""
        )
        return Markup(
            '<fieldset class="field choices{}"{}><legend>{}</legend>{}{}{}</fieldset>'
        ).format(
            " has-error" if errors else "", described_by, field.label.text, hint, field(), error
        )
    if field.type == "BooleanField":
        return Markup('<div class="field{} checkbox">{} {}{}</div>').format(
            " has-error" if errors else "", field(**attrs), field.label(), error
        )
    return Markup('<div class="field{}">{}{}{}{}</div>').format(
        " has-error" if errors else "", field.label(), hint, field(**attrs), error
    )
