"""Account forms. They validate; services write."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from vms.auth.passwords import password_problem
from vms.form_fields import ONE_LINE, STRIP, ManyOptionsSelect
from vms.i18n import current_zone, timezone_names, zone_label
from vms.i18n import lazy_gettext as _l

EMAIL_VALIDATORS = [
    InputRequired(message=_l("Please enter your email address.")),
    Length(max=254, message=_l("An email address has at most 254 characters.")),
    Email(message=_l("This does not look like an email address.")),
]


NAME_VALIDATORS = [
    DataRequired(message=_l("Please enter your name.")),
    Length(max=120, message=_l("Use at most 120 characters.")),
]


class PasswordPolicy:
    """Runs the shared password policy; ``email_field`` stops the address being reused."""

    def __init__(self, email_field: str | None = None):
        self.email_field = email_field

    def __call__(self, form, field) -> None:
        email = (form[self.email_field].data or "") if self.email_field else ""
        problem = password_problem(field.data or "", email=email)
        if problem:
            raise ValidationError(problem)


#: The regions of the tz database, as their groups of zones are headed.
REGIONS = {
    "Africa": _l("Africa"), "America": _l("America"), "Antarctica": _l("Antarctica"),
    "Arctic": _l("Arctic"), "Asia": _l("Asia"), "Atlantic": _l("Atlantic"),
    "Australia": _l("Australia"), "Europe": _l("Europe"), "Indian": _l("Indian Ocean"),
    "Pacific": _l("Pacific"),
}  # fmt: skip


def timezone_choices(first: str | None = None) -> tuple[SelectChoice, ...]:
    """Today's zones grouped by region, ``first`` (the field's value: the person's or the
    program's zone) on top in a group of its own. The same tuple each time for the same
    zone and language: ``ManyOptionsSelect`` keeps its options' HTML by it."""
    first = current_zone(first) if first else None
    return _zone_choices(first if first in timezone_names() else None, str(get_locale()))


@lru_cache(maxsize=128)
def _zone_choices(first: str | None, locale: str) -> tuple[SelectChoice, ...]:
    """Kept per zone on top and language: building the ~600 choices, each group's name
    translated, was a fifth of the monthly meeting's page (``locale`` is the request's,
    which the translations below read)."""
    regions = {prefix: str(name) for prefix, name in REGIONS.items()}
    other = str(_l("Other"))
    found = []
    if first:
        found.append(SelectChoice(first, zone_label(first), optgroup=str(_l("Current choice"))))
    found.extend(
        SelectChoice(name, zone_label(name), optgroup=regions.get(name.split("/")[0], other))
        for name in timezone_names()
        if name != first
    )
    return tuple(found)


class TimezoneField(SelectField):
    """A choice of today's IANA zones, grouped by region, the current value first. A value
    stored under an old or alias name (US/Eastern) is shown, and saved, as today's name; a
    browser's own zone is chosen for a new person by static/timezone.js."""

    def __init__(self, label=None, **kwargs):
        super().__init__(label, validate_choice=True, **kwargs)
        # Read at rendering and validation, once the view has set the field's value.
        self.choices = lambda form, field: timezone_choices(field.data)

    def process_data(self, value):
        super().process_data(current_zone(value) if value else value)


def language_choices() -> list[SelectChoice]:
    return [SelectChoice(code, name) for code, name in current_app.config["LANGUAGES"].items()]


def new_password_field(label, email_field: str | None = None) -> PasswordField:
    """A field for choosing a password under the shared policy."""
    return PasswordField(
        label,
        description=_l("At least 8 characters. Long passphrases are welcome."),
        validators=[
            InputRequired(message=_l("Please choose a password.")),
            PasswordPolicy(email_field),
        ],
    )


class ProfileFields(FlaskForm):
    """Name, timezone and language: asked at sign-up and on the settings page."""

    name = StringField(_l("Full name"), filters=ONE_LINE, validators=NAME_VALIDATORS)
    timezone = TimezoneField(
        _l("Timezone"), description=_l("Meeting times are shown in this timezone."),
        widget=ManyOptionsSelect(),
    )  # fmt: skip
    locale = SelectField(_l("Language"), validate_choice=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = language_choices()


class SignUpForm(ProfileFields):
    """The password is chosen once the emailed link proves the address (auth/registration.py)."""

    email = EmailField(_l("Email"), filters=STRIP, validators=EMAIL_VALIDATORS)


class FinishSignUpForm(FlaskForm):
    """The last step of signing up: the account's address is the one the link was sent to."""

    email = EmailField(_l("Email"), render_kw={"readonly": True})
    password = new_password_field(_l("Choose a password"), email_field="email")


class SettingsForm(ProfileFields):
    pass


class SignInForm(FlaskForm):
    email = EmailField(_l("Email"), filters=STRIP, validators=EMAIL_VALIDATORS)
    password = PasswordField(
        _l("Password"), validators=[InputRequired(message=_l("Please enter your password."))]
    )
    remember = BooleanField(_l("Keep me signed in on this device for 14 days"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), filters=STRIP, validators=EMAIL_VALIDATORS)


class ResetPasswordForm(FlaskForm):
    new_password = new_password_field(_l("New password"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(message=_l("Please enter your current password."))],
    )
    new_password = new_password_field(_l("New password"))
