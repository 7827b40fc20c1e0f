"""The agreements' forms: making one, filling in the parts and the plan, signing, check-ins."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from vms.form_fields import ONE_LINE, STRIP
from vms.i18n import lazy_gettext as _l

_LONG = [Length(max=4000)]


class MakeAgreementForm(FlaskForm):
    """``subject`` is "pair-<id>" or "team-<id>", from the choices the view offers."""

    subject = SelectField(_l("Agreement for"), validators=[InputRequired()])

    def chosen(self) -> tuple[str, int]:
        kind, _, number = self.subject.data.partition("-")
        return kind, int(number)


class PartsForm(FlaskForm):
    """Every part; the view drops the fields this person does not fill in."""

    seeks = TextAreaField(_l("What is sought"), filters=STRIP, validators=_LONG)
    provides = TextAreaField(_l("What can be provided"), filters=STRIP, validators=_LONG)
    boundaries = TextAreaField(_l("Boundaries"), filters=STRIP, validators=_LONG)
    cadence = StringField(
        _l("How often you meet"),
        filters=ONE_LINE,
        validators=[Length(max=200)],
        description=_l("For example: every other week, for an hour."),
    )
    hours_per_month = IntegerField(
        _l("Hours committed each month"), validators=[Optional(), NumberRange(min=1, max=200)]
    )
    monthly_sum = StringField(
        _l("Sum committed each month (optional)"),
        filters=ONE_LINE,
        validators=[Length(max=60)],
        description=_l("For example: $50. Leave empty for none."),
    )
    plan_three_years = TextAreaField(_l("Goals for the next three years"), filters=STRIP,
                                     validators=_LONG)  # fmt: skip
    plan_next_year = TextAreaField(_l("What must happen in the next year"), filters=STRIP,
                                   validators=_LONG)  # fmt: skip
    plan_six_months = TextAreaField(_l("Milestones for the next six months"), filters=STRIP,
                                    validators=_LONG)  # fmt: skip

    def keep_only(self, allowed: tuple[str, ...]) -> None:
        for name in [field.name for field in self if field.name not in allowed]:
            if name != "csrf_token":
                delattr(self, name)

    def values(self) -> dict:
        return {field.name: field.data for field in self if field.name != "csrf_token"}


class SignForm(FlaskForm):
    version = HiddenField()
    text_sha256 = HiddenField()
    typed_name = StringField(_l("Type your full name"), filters=ONE_LINE,
                             validators=[DataRequired(_l("Type your full name to sign.")),
                                         Length(max=120)])  # fmt: skip
    consent = BooleanField(_l("I have read this agreement and sign it electronically."))


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class CheckInForm(FlaskForm):
    went_well = TextAreaField(_l("What went well"), filters=STRIP,
                              validators=[DataRequired(), *_LONG])  # fmt: skip
    did_not = TextAreaField(_l("What did not"), filters=STRIP, validators=[DataRequired(), *_LONG])
    next_step = TextAreaField(_l("Next step"), filters=STRIP, validators=[DataRequired(), *_LONG])


class EndEarlyForm(FlaskForm):
    reason = TextAreaField(_l("Why it ends early"), filters=STRIP,
                           validators=[DataRequired(_l("Say why the agreement ends early.")),
                                       *_LONG])  # fmt: skip


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token."""
