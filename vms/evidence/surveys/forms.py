"""The fit check and the exit survey: radio groups (stars as a group of five labelled radio
buttons, no script widget) and a few words; the needs self-assessment again, one select per
area of the program's taxonomy, as at intake."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from vms.evidence.surveys.models import Fit, GoalReached
from vms.form_fields import STRIP
from vms.i18n import lazy_gettext as _l
from vms.screening.settings.models import TaxonomyTerm
from vms.screening.ventures.forms import STRENGTHS

WORDS_MAX = 2000
STARS = [SelectChoice("1", _l("1 star – poor")), SelectChoice("2", _l("2 stars")),
         SelectChoice("3", _l("3 stars – fair")), SelectChoice("4", _l("4 stars")),
         SelectChoice("5", _l("5 stars – excellent"))]  # fmt: skip


def _words(label) -> TextAreaField:
    too_long = _l("Use at most %(n)d characters.", n=WORDS_MAX)
    return TextAreaField(label, filters=STRIP, validators=[Length(max=WORDS_MAX, message=too_long)])


def _choices(answers) -> list[SelectChoice]:
    return [SelectChoice(answer.value, answer.label) for answer in answers]


class FitForm(FlaskForm):
    fit = RadioField(_l("Is this a good fit?"), choices=_choices(Fit),
                     validators=[InputRequired(message=_l("Choose one answer."))])  # fmt: skip
    words = _words(_l("A few words (optional)"))

    @property
    def chosen(self) -> Fit:
        return Fit(self.fit.data)


class ExitForm(FlaskForm):
    rating = RadioField(_l("Your rating of the mentoring"), choices=STARS,
                        validators=[InputRequired(message=_l("Choose a rating."))])  # fmt: skip
    words = _words(_l("A few words about it (optional)"))
    goal_reached = RadioField(
        _l("Was your day-one goal reached?"), choices=_choices(GoalReached),
        validators=[InputRequired(message=_l("Choose one answer."))],
    )  # fmt: skip
    program_better = _words(_l("What could the program do better?"))
    mentors_better = _words(_l("What could the mentors do better?"))

    def needs(self) -> dict[int, int]:
        return {area.id: int(self[f"need_{area.id}"].data) for area in self.areas
                if self[f"need_{area.id}"].data}  # fmt: skip


def _strength(form, field) -> None:
    if field.data not in (None, "", "1", "2", "3", "4", "5"):
        raise ValidationError(_l("Not a valid choice."))


def exit_form(areas: list[TaxonomyTerm], asks_mentors: bool, *args, **kwargs) -> ExitForm:
    """The exit survey with one select per area (founders), without the question about the
    mentors for a mentor."""

    class ProgramExitForm(ExitForm):
        pass

    for area in areas:
        setattr(
            ProgramExitForm,
            f"need_{area.id}",
            SelectField(
                area.name,
                choices=[SelectChoice(v, label) for v, label in STRENGTHS],
                validate_choice=False,
                validators=[_strength],
            ),
        )  # an area left out: not rated
    form = ProgramExitForm(*args, **kwargs)
    form.areas = areas
    if not asks_mentors:
        del form.mentors_better
    return form
