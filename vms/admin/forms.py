"""Forms of site administration."""

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from vms.auth.forms import EMAIL_VALIDATORS, TimezoneField, language_choices
from vms.form_fields import ONE_LINE, STRIP, ManyOptionsSelect
from vms.i18n import lazy_gettext as _l


class ProgramForm(FlaskForm):
    name = StringField(
        _l("Program name"),
        filters=ONE_LINE,
        validators=[
            DataRequired(message=_l("Please name the program.")),
            Length(max=120, message=_l("Use at most 120 characters.")),
        ],
    )
    timezone = TimezoneField(_l("Timezone"), widget=ManyOptionsSelect())
    default_locale = SelectField(
        _l("Default language"),
        description=_l("Used for emails to people who have no account yet."),
        validate_choice=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_locale.choices = language_choices()


class CoordinatorForm(FlaskForm):
    email = EmailField(_l("Coordinator's email"), filters=STRIP, validators=EMAIL_VALIDATORS)
