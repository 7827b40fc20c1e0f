"""Account forms. They validate; services write."""

from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from vms.auth.passwords import password_problem
from vms.form_fields import ONE_LINE, STRIP
from vms.i18n import lazy_gettext as _l
from vms.i18n import timezone_names

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


def timezone_choices() -> list[SelectChoice]:
    return [SelectChoice(name, name.replace("_", " ")) for name in timezone_names()]


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
    timezone = SelectField(
        _l("Timezone"),
        description=_l("Meeting times are shown in this timezone."),
        validate_choice=True,
    )
    locale = SelectField(_l("Language"), validate_choice=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = timezone_choices()
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
