"""The venture application (and profile) form: founders and a self-assessment per area."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError

from vms.cohorts.models import Affiliation, Program, Venture, VentureStage
from vms.form_fields import ONE_LINE, STRIP
from vms.i18n import lazy_gettext as _l
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind

MAX_FOUNDERS = 4
STRENGTHS = [
    ("", _l("Not rated")),
    ("1", _l("1 – weak")),
    ("2", "2"),
    ("3", _l("3 – fair")),
    ("4", "4"),
    ("5", _l("5 – strong")),
]


class FounderForm(Form):
    """One founder row; a row left entirely empty is ignored."""

    name = StringField(_l("Founder’s name"), filters=ONE_LINE, validators=[Length(max=120)])
    email = EmailField(
        _l("Founder’s email"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("This does not look like an email address.")),
        ],
    )
    # Checked below: rows the browser did not send at all have no value, which is fine.
    affiliation = SelectField(_l("Affiliation"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.affiliation.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(a.value, a.label) for a in Affiliation
        ]

    def validate_affiliation(self, field) -> None:
        if field.data and field.data not in {a.value for a in Affiliation}:
            raise ValidationError(_l("Not a valid choice."))

    def validate_name(self, field) -> None:
        if (self.email.data or self.affiliation.data) and not field.data:
            raise ValidationError(_l("Please enter the founder’s name."))

    def validate_email(self, field) -> None:
        if self.name.data and not field.data:
            raise ValidationError(_l("Please enter the founder’s email."))


class VentureForm(FlaskForm):
    name = StringField(
        _l("Venture name"),
        filters=ONE_LINE,
        validators=[
            DataRequired(message=_l("Please name the venture.")),
            Length(max=120, message=_l("Use at most 120 characters.")),
        ],
    )
    description = StringField(
        _l("One-line description"),
        filters=ONE_LINE,
        validators=[
            DataRequired(message=_l("Please describe the venture in one line.")),
            Length(max=140, message=_l("Use at most 140 characters.")),
        ],
    )
    stage = SelectField(_l("Stage"), validate_choice=True)
    sector = SelectField(_l("Sector"), validate_choice=True)
    website = URLField(
        _l("Website"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=300, message=_l("Use at most 300 characters.")),
            Regexp(r"^https?://\S+\.\S+$", message=_l("Enter an address starting with https://")),
        ],
    )
    goal_statement = TextAreaField(
        _l("What do you want from mentoring in the next six months?"),
        filters=STRIP,
        validators=[
            DataRequired(message=_l("Please tell us what you want from mentoring.")),
            Length(max=3000, message=_l("Use at most 3000 characters.")),
        ],
    )
    founders = FieldList(FormField(FounderForm), min_entries=MAX_FOUNDERS, max_entries=MAX_FOUNDERS)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for area in getattr(self, "areas", []):
            if self[f"help_{area.id}"].data and not self[f"strength_{area.id}"].data:
                # A tick on an unrated area would otherwise be dropped without a word.
                self[f"strength_{area.id}"].errors.append(
                    _l("Rate this area to ask for help with it.")
                )
                valid = False
        return valid

    def validate_founders(self, field) -> None:
        if not any(row.form.name.data for row in field):
            raise ValidationError(_l("Name at least one founder."))


def _strength(form, field) -> None:
    if field.data not in (None, "", "1", "2", "3", "4", "5"):
        raise ValidationError(_l("Not a valid choice."))


def venture_form(program: Program, *args, venture: Venture | None = None, **kwargs) -> VentureForm:
    """The form with this program's sectors and one row per area of its taxonomy: the active
    ones, and the retired ones the ``venture`` being edited already chose (kept on save)."""
    chosen = frozenset([venture.sector_id, *(n.term_id for n in venture.assessment)]
                       if venture is not None else [])  # fmt: skip
    areas = taxonomy.offered_terms(program, TaxonomyKind.EXPERTISE, chosen)

    class ProgramVentureForm(VentureForm):
        pass

    for area in areas:
        setattr(
            ProgramVentureForm,
            f"strength_{area.id}",
            SelectField(
                area.name,
                choices=[SelectChoice(v, label) for v, label in STRENGTHS],
                validate_choice=False,  # an area left out is "not rated"
                validators=[_strength],
            ),
        )
        setattr(
            ProgramVentureForm,
            f"help_{area.id}",
            BooleanField(_l("We want help with %(area)s", area=area.name)),
        )
    form = ProgramVentureForm(*args, **kwargs)
    form.areas = areas
    form.stage.choices = [SelectChoice("", _l("Choose…"))] + [
        SelectChoice(s.value, s.label) for s in VentureStage
    ]
    form.sector.choices = [SelectChoice("", _l("Choose…"))] + [
        SelectChoice(str(t.id), t.name)
        for t in taxonomy.offered_terms(program, TaxonomyKind.INDUSTRY, chosen)
    ]
    return form
