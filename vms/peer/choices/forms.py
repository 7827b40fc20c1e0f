"""The ranking form (one select per place, no drag-and-drop) and the coordinator's pairing forms."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from vms.auth.models import User
from vms.form_fields import MultiCheckboxField, optional_int
from vms.i18n import lazy_gettext as _l

ORDINALS = [_l("1st choice"), _l("2nd choice"), _l("3rd choice")]


def place_label(place: int):
    return ORDINALS[place - 1] if place <= len(ORDINALS) else _l("Choice %(number)s",
                                                                  number=place)  # fmt: skip


class RankingForm(FlaskForm):
    """``choice_1`` … ``choice_<places>`` and ``avoid``; built by ``ranking_form``."""

    places: int = 0
    must_rank: bool = True

    def choice_fields(self) -> list[SelectField]:
        return [self[f"choice_{place}"] for place in range(1, self.places + 1)]

    def ranked(self) -> list[int]:
        """The people chosen, first choice first (an empty place in between is skipped)."""
        return [field.data for field in self.choice_fields() if field.data is not None]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        names = {choice.value: choice.label for choice in self.avoid.choices}
        valid &= self._no_one_twice(names)
        if self.must_rank and not self.ranked():
            self.choice_1.errors.append(_("Rank at least one peer mentor."))
            valid = False
        both = [names[person] for person in self.avoid.data or () if person in self.ranked()]
        if both:
            message = _("You ranked %(names)s: someone you rank cannot also be someone not to "
                        "pair you with.", names=", ".join(both))  # fmt: skip
            self.avoid.errors.append(message)
            valid = False
        return valid

    def _no_one_twice(self, names: dict[int, str]) -> bool:
        """The error goes on the lower place, where the repeat was chosen."""
        seen: set[int] = set()
        valid = True
        for field in self.choice_fields():
            if field.data is not None and field.data in seen:
                field.errors.append(_("You have already ranked %(name)s above: choose someone "
                                      "else or nobody.", name=names[field.data]))  # fmt: skip
                valid = False
            seen.add(field.data)
        return valid


def ranking_form(places: int, people: list[User], must_rank: bool, **data) -> RankingForm:
    """A form with one select per place over ``people``, and their do-not-pair checkboxes."""
    options = [SelectChoice(person.id, person.name) for person in people]

    class Form(RankingForm):
        avoid = MultiCheckboxField(
            _l("Please do not pair me with"), coerce=int, choices=options,
            description=_l("Optional. Tick anyone you would rather not be paired with."),
        )  # fmt: skip

    nobody = SelectChoice("", _l("Nobody"))
    for place in range(1, places + 1):
        field = SelectField(place_label(place), coerce=optional_int, choices=[nobody, *options])
        setattr(Form, f"choice_{place}", field)
    Form.places, Form.must_rank = places, must_rank
    return Form(**data)


class DeadlineForm(FlaskForm):
    """Read on the clocks of the event's timezone."""

    day = DateField(
        _l("Date"), validators=[InputRequired(message=_l("Please enter a valid date."))]
    )
    time = TimeField(
        _l("Time"), validators=[InputRequired(message=_l("Please enter a valid time."))]
    )


class ChangePairForm(FlaskForm):
    # The choices differ per member; the service checks the peer mentor was ranked and has room.
    mentor = SelectField(_l("Pair with"), coerce=int, validate_choice=False)


class PublishForm(FlaskForm):
    confirm = BooleanField(
        _l("Yes, publish: everyone is emailed their pair, and the pairs no longer change."),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )
