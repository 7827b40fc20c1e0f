"""The forms of event planning: the event itself, and adding someone to it."""

from __future__ import annotations

from datetime import date, timedelta

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TimeField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from vms.form_fields import ONE_LINE
from vms.i18n import lazy_gettext as _l
from vms.peer.models import PeerRole

WHOLE = _l("Please enter a whole number.")
SECOND_SESSION_PARTS = _l(
    "For a second session, give its date, its start time and how many rounds the first "
    "session holds."
)


def _number(label, default, low: int, high: int, description="", required=True) -> IntegerField:
    first = InputRequired(message=WHOLE) if required else Optional()
    return IntegerField(
        label, default=default, description=description,
        validators=[first, NumberRange(low, high, message=_l(
            "Please enter a number from %(low)s to %(high)s.", low=low, high=high))],
    )  # fmt: skip


def _within_two_years(day: date | None) -> None:
    # Far dates would overflow the conversion to UTC; nobody plans two years out.
    if day and not date.today() - timedelta(days=2) <= day <= date.today() + timedelta(days=730):
        raise ValidationError(_l("Choose a date within the next two years."))


class EventForm(FlaskForm):
    """A speed-dating event; dates and times are read on the program's clocks."""

    cohort = SelectField(_l("Cohort"), coerce=int, validate_choice=True)
    title = StringField(_l("Title"), filters=ONE_LINE, validators=[
        InputRequired(message=_l("Give the event a title.")),
        Length(max=120, message=_l("Use at most 120 characters."))])  # fmt: skip
    day = DateField(
        _l("Date"), validators=[InputRequired(message=_l("Please enter a valid date."))]
    )
    start = TimeField(
        _l("Start time"), validators=[InputRequired(message=_l("Please enter a valid time."))]
    )
    location = StringField(
        _l("Room or address"), filters=ONE_LINE,
        validators=[Length(max=200, message=_l("Use at most 200 characters."))],
    )  # fmt: skip
    conversation_minutes = _number(_l("Minutes per conversation"), 15, 5, 60,
                                   _l("15 to 20 minutes is the custom."))  # fmt: skip
    change_minutes = _number(_l("Minutes to change tables"), 2, 0, 30)
    tables = IntegerField(
        _l("Number of tables"), validators=[Optional()],
        description=_l("Leave blank for one table per peer mentor."),
    )  # fmt: skip
    group_size = _number(
        _l("Members per table"), 1, 1, 12,
        _l("More than one: members move in fixed pods (for large cohorts)."),
    )  # fmt: skip
    choices = _number(_l("Choices each member ranks"), 3, 1, 5)
    mentor_capacity = _number(_l("Members each peer mentor takes on"), 1, 1, 20)
    second_day = DateField(_l("Second session: date"), validators=[Optional()])
    second_start = TimeField(_l("Second session: start time"), validators=[Optional()])
    first_rounds = IntegerField(_l("Rounds in the first session"), validators=[Optional()])
    break_every = _number(_l("A break after every … rounds"), 0, 0, 100,
                          _l("0: no breaks."))  # fmt: skip
    break_minutes = _number(_l("Minutes of each break"), 0, 0, 120)
    preview = SubmitField(_l("Preview"))
    create = SubmitField(_l("Create the event"))

    def __init__(self, cohorts, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cohort.choices = [(c.id, c.name) for c in cohorts]

    def validate_day(self, field) -> None:
        _within_two_years(field.data)

    def validate_second_day(self, field) -> None:
        _within_two_years(field.data)

    def validate_tables(self, field) -> None:
        if field.data is not None and field.data < 1:
            raise ValidationError(_l("An event needs at least one table (leave it blank for one "
                                     "per peer mentor)."))  # fmt: skip
        if field.data is not None and field.data > 500:
            raise ValidationError(_l("Please enter a number from %(low)s to %(high)s.",
                                     low=1, high=500))  # fmt: skip

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Optional() ends a blank field's checks, so this rule across three fields lives here.
        parts = (self.second_day, self.second_start, self.first_rounds)
        given = [field.data is not None for field in parts]
        if any(given) and not all(given) and not any(field.errors for field in parts):
            self.first_rounds.errors = [SECOND_SESSION_PARTS]
            valid = False
        elif self.first_rounds.data is not None and self.first_rounds.data < 1:
            self.first_rounds.errors = [_l("The first session holds at least one round.")]
            valid = False
        return valid

    @property
    def wants_preview(self) -> bool:
        return bool(self.preview.data)


class AddParticipantForm(FlaskForm):
    """Someone of the program not yet in the event, as a member or a peer mentor."""

    person = SelectField(_l("Person"), coerce=int, validate_choice=True)

    def __init__(self, people, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person.choices = [(user.id, f"{user.name} ({role.label})") for user, role in people]
        self.roles = {user.id: role for user, role in people}

    def role(self) -> PeerRole:
        return self.roles[self.person.data]
