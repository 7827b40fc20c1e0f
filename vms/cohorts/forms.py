"""Cohort and invitation forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from vms.auth.forms import EMAIL_VALIDATORS, ProfileFields, new_password_field
from vms.auth.models import Role
from vms.cohorts import address_list
from vms.form_fields import ONE_LINE, STRIP
from vms.i18n import lazy_gettext as _l


class ActionForm(FlaskForm):
    """A button that changes something: carries only the CSRF token."""


class CohortForm(FlaskForm):
    name = StringField(
        _l("Name"),
        description=_l("For example: Spring 2027 ventures"),
        filters=ONE_LINE,
        validators=[
            DataRequired(message=_l("Please name the cohort.")),
            Length(max=120, message=_l("Use at most 120 characters.")),
        ],
    )
    starts_on = DateField(
        _l("Start date"), validators=[InputRequired(message=_l("Please enter a valid date."))]
    )
    ends_on = DateField(
        _l("End date"), validators=[InputRequired(message=_l("Please enter a valid date."))]
    )

    def validate_ends_on(self, field) -> None:
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end date must be on or after the start date."))


#: Longest personal message an invitation carries: a few sentences, not a letter.
MESSAGE_LENGTH = 1000


def _message_field() -> TextAreaField:
    return TextAreaField(
        _l("Personal message"), filters=STRIP,
        description=_l("Optional, plain text: it is shown in the email and on the page where "
                       "they accept."),
        validators=[Length(max=MESSAGE_LENGTH, message=_l("Use at most 1,000 characters."))],
    )  # fmt: skip


def _role_choices() -> list[SelectChoice]:
    # Labels translated per request, not at import. Coordinator last: the rarest
    # invitation should never be the accidental default.
    order = (Role.MENTOR, Role.ENTREPRENEUR, Role.PEER_MENTOR, Role.COORDINATOR)
    return [SelectChoice(role.value, role.label) for role in order]


class InvitationForm(FlaskForm):
    email = EmailField(_l("Email"), filters=STRIP, validators=EMAIL_VALIDATORS)
    role = SelectField(_l("Role"), validate_choice=True)
    message = _message_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = _role_choices()


class InvitationListForm(FlaskForm):
    """Several addresses at once; the preview shows each one's problem before anything is sent."""

    addresses = TextAreaField(
        _l("Email addresses"), filters=STRIP,
        description=_l("Separate them with commas, semicolons or new lines; "
                       "“Name <address>” works too. At most 200."),
        validators=[InputRequired(message=_l("Paste at least one email address.")),
                    Length(max=60_000, message=_l("That is more than 200 addresses."))],
    )  # fmt: skip
    role = SelectField(_l("Role"), validate_choice=True)
    message = _message_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = _role_choices()

    def validate_addresses(self, field) -> None:
        found = len(address_list.pieces(field.data or ""))
        if not found:  # only separators
            raise ValidationError(_l("Paste at least one email address."))
        if found > address_list.MAX_ADDRESSES:
            raise ValidationError(
                _l("That is %(n)d addresses: send at most 200 at once (or import a CSV).", n=found)
            )


class AcceptWithNewAccountForm(ProfileFields):
    """Accepting an invitation without an account: the invited address is the account's."""

    email = EmailField(_l("Email"), render_kw={"readonly": True})
    password = new_password_field(_l("Choose a password"), email_field="email")
