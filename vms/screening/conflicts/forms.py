"""Declaring a conflict, asking to invest in or work for a venture, and the decision."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from vms.form_fields import ONE_LINE, STRIP, ManyOptionsSelect, choose_first, optional_int
from vms.i18n import lazy_gettext as _l
from vms.screening.conflicts.models import ConflictKind, RelationshipKind


class ConflictForm(FlaskForm):
    kind = SelectField(_l("The conflict is with"), validate_choice=True)
    # The program's ventures: their options are written once per process (ManyOptionsSelect).
    venture = SelectField(_l("Venture"), coerce=optional_int, validate_choice=True,
                          widget=ManyOptionsSelect())  # fmt: skip
    subject = StringField(
        _l("Company or sector"),
        description=_l("Leave empty for a venture of the program."),
        filters=ONE_LINE,
        validators=[Length(max=200, message=_l("Use at most 200 characters."))],
    )
    details = TextAreaField(
        _l("What is the conflict?"),
        filters=STRIP,
        validators=[Length(max=2000, message=_l("Use at most 2000 characters."))],
    )

    def __init__(self, ventures, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice(k.value, k.label) for k in ConflictKind]
        self.venture.choices = choose_first([SelectChoice(v.id, v.name) for v in ventures])

    def validate_venture(self, field) -> None:
        if self.kind.data == ConflictKind.VENTURE.value and not field.data:
            raise ValidationError(_l("Choose the venture."))

    def validate_subject(self, field) -> None:
        if self.kind.data != ConflictKind.VENTURE.value and not field.data:
            raise ValidationError(_l("Name the company or sector."))


class CommercialRequestForm(FlaskForm):
    venture = SelectField(
        _l("Venture"),
        coerce=optional_int,
        validators=[InputRequired(message=_l("Choose the venture."))],
        widget=ManyOptionsSelect(),
    )
    kind = SelectField(_l("You would like to"), validate_choice=True)
    details = TextAreaField(
        _l("Details"),
        filters=STRIP,
        validators=[
            DataRequired(message=_l("Please describe what you propose.")),
            Length(max=2000, message=_l("Use at most 2000 characters.")),
        ],
    )

    def __init__(self, ventures, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.venture.choices = choose_first([SelectChoice(v.id, v.name) for v in ventures])
        self.kind.choices = [SelectChoice(k.value, k.label) for k in RelationshipKind]


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Decision"), validate_choice=True)
    note = TextAreaField(
        _l("Reason"),
        filters=STRIP,
        validators=[Length(max=2000, message=_l("Use at most 2000 characters."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision.choices = [
            SelectChoice("approve", _l("Approve (the mentor steps off this venture)")),
            SelectChoice("decline", _l("Decline")),
        ]
