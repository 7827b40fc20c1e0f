"""Meeting forms: when and where, the agenda, the summary with actions and attendance, answers."""

from __future__ import annotations

from datetime import date, timedelta

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from vms.auth.forms import TimezoneField
from vms.form_fields import ONE_LINE, STRIP, WEEKDAYS, ManyOptionsSelect, MultiCheckboxField
from vms.i18n import lazy_gettext as _l
from vms.paging import PAGE_SIZE
from vms.scheduling.meetings.agenda_rows import MAX_ITEMS
from vms.scheduling.models import Response

#: Said when an agenda would have more than agenda_rows.MAX_ITEMS items.
AGENDA_TOO_LONG = _l(
    "An agenda holds at most 20 items: merge some, or keep them for the next meeting."
)
ACTION_ROWS = 6


def _timezone_field() -> TimezoneField:
    return TimezoneField(_l("Timezone"), widget=ManyOptionsSelect())


def _duration_field(default: int) -> IntegerField:
    """A meeting's length: one meeting form and the monthly series share the same bounds."""
    return IntegerField(
        _l("Duration (minutes)"), default=default,
        validators=[InputRequired(message=_l("Please enter a whole number.")),
                    NumberRange(15, 480, message=_l("Please enter a number from 15 to 480."))],
    )  # fmt: skip


class MeetingForm(FlaskForm):
    """Date and time are read on the clocks of the chosen timezone (the program's by default)."""

    day = DateField(
        _l("Date"), validators=[InputRequired(message=_l("Please enter a valid date."))]
    )
    start = TimeField(
        _l("Start time"), validators=[InputRequired(message=_l("Please enter a valid time."))]
    )
    duration_minutes = _duration_field(60)
    timezone = _timezone_field()
    location = StringField(
        _l("Room or address"), filters=ONE_LINE,
        validators=[Length(max=200, message=_l("Use at most 200 characters."))],
    )  # fmt: skip
    video_url = URLField(
        _l("Video link"), filters=STRIP,
        validators=[Optional(), Length(max=300, message=_l("Use at most 300 characters.")),
                    Regexp(r"^https?://\S+$", message=_l("Enter an address starting with https://"))],
    )  # fmt: skip
    notes = TextAreaField(
        _l("Notes for attendees"), filters=STRIP,
        validators=[Length(max=2000, message=_l("Use at most 2,000 characters."))],
    )  # fmt: skip
    #: The time whose warnings (a clash, another day) the organiser has seen and sends anyway.
    acknowledged = HiddenField(filters=STRIP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def validate_location(self, field) -> None:
        if not field.data and not self.video_url.data:
            raise ValidationError(_l("Give a room or a video link."))

    def validate_day(self, field) -> None:
        # Far dates would overflow the conversion to UTC; nobody plans two years out.
        today = date.today()
        if field.data and not today - timedelta(days=2) <= field.data <= today + timedelta(
            days=730
        ):
            raise ValidationError(_l("Choose a date within the next two years."))


class AgendaRow(Form):
    title = StringField(_l("Item"), filters=ONE_LINE, validators=[Length(max=200)])
    owner = StringField(_l("Who leads it"), filters=ONE_LINE, validators=[Length(max=120)])
    minutes = IntegerField(
        _l("Minutes"), validators=[Optional(), NumberRange(1, 240, message=_l("1 to 240."))]
    )

    def validate_title(self, field) -> None:
        # A row with only a leader or a length would vanish on save: say so instead.
        if not field.data and (self.owner.data or (self.minutes.raw_data or [""])[0].strip()):
            raise ValidationError(_l("Name this item, or remove the row."))


class AgendaForm(FlaskForm):
    """Any number of rows up to agenda_rows.MAX_ITEMS; empty rows are ignored on save. One more
    row than the maximum is read, so that a longer list is refused rather than cut short."""

    items = FieldList(FormField(AgendaRow), min_entries=1, max_entries=MAX_ITEMS + 1)

    def validate_items(self, field) -> None:
        titled = sum(1 for row in field if row.form.title.data)
        if not titled:
            raise ValidationError(_l("Write at least one agenda item."))
        if titled > MAX_ITEMS:
            raise ValidationError(AGENDA_TOO_LONG)


class ActionRow(Form):
    text = StringField(_l("Action"), filters=ONE_LINE, validators=[Length(max=300)])
    owner = StringField(_l("Owner"), filters=ONE_LINE, validators=[Length(max=120)])
    due_on = DateField(_l("Due"), validators=[Optional()])


class SummaryForm(FlaskForm):
    summary = TextAreaField(
        _l("Summary"), filters=STRIP,
        validators=[InputRequired(message=_l("Write a short summary of the meeting.")),
                    Length(max=5000, message=_l("Use at most 5,000 characters."))],
    )  # fmt: skip
    decisions = TextAreaField(
        _l("Decisions"), filters=STRIP,
        validators=[Length(max=3000, message=_l("Use at most 3,000 characters."))],
    )  # fmt: skip
    actions = FieldList(FormField(ActionRow), min_entries=ACTION_ROWS, max_entries=ACTION_ROWS)


class AttendanceForm(FlaskForm):
    """Who came, among the people the form lists: a large meeting's attendance is recorded a
    page of people at a time, and those on other pages keep what was recorded for them."""

    attended = MultiCheckboxField(_l("Who came"), coerce=int)
    #: The people listed (hidden fields): their boxes left unticked mean "did not come".
    listed = SelectMultipleField(coerce=int, validate_choice=False)

    def __init__(self, invitees=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer(invitees)

    def offer(self, invitees) -> None:
        self.attended.choices = [SelectChoice(i.user_id, i.user.name) for i in invitees]

    def listed_ids(self) -> list[int]:
        """Who the submitted form listed (one more than a page: too many, refused below)."""
        return (self.listed.data or [])[: PAGE_SIZE + 1]

    def validate_listed(self, field) -> None:
        if not field.data or len(field.data) > PAGE_SIZE:
            raise ValidationError(_l("Tick the people who came."))


class AnswerForm(FlaskForm):
    response = SelectField(_l("Will you come?"), validate_choice=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.response.choices = [SelectChoice(r.value, r.label) for r in Response]


ORDINALS = [(1, _l("First")), (2, _l("Second")), (3, _l("Third")), (4, _l("Fourth")),
            (-1, _l("Last"))]  # fmt: skip


class SeriesForm(FlaskForm):
    """The monthly mentor meeting, e.g. the first Tuesday of every month at 18:00."""

    title = StringField(
        _l("Name"), default=_l("Monthly mentor meeting"), filters=ONE_LINE,
        validators=[InputRequired(message=_l("Please name the meeting.")),
                    Length(max=120, message=_l("Use at most 120 characters."))],
    )  # fmt: skip
    ordinal = SelectField(_l("Which week"), coerce=int)
    weekday = SelectField(_l("Day"), coerce=int)
    start_time = TimeField(
        _l("Start time"), validators=[InputRequired(message=_l("Please enter a valid time."))]
    )
    duration_minutes = _duration_field(120)
    timezone = _timezone_field()
    location = StringField(
        _l("Room or address"), filters=ONE_LINE,
        validators=[InputRequired(message=_l("Give the room or address.")),
                    Length(max=200, message=_l("Use at most 200 characters."))],
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ordinal.choices = [SelectChoice(n, label) for n, label in ORDINALS]
        self.weekday.choices = [SelectChoice(n, label) for n, label in WEEKDAYS]


class DocketForm(FlaskForm):
    ventures = MultiCheckboxField(_l("Ventures presenting"), coerce=int)

    def __init__(self, offered, *args, **kwargs):
        """``offered``: (id, name) of each venture that may present."""
        # Not named ``ventures``: the field's initial data comes in as ``ventures=``.
        super().__init__(*args, **kwargs)
        self.ventures.choices = [SelectChoice(venture_id, name) for venture_id, name in offered]


class MeetingRulesForm(FlaskForm):
    """The program's deadlines for team meetings."""

    agenda_due_days = IntegerField(
        _l("Agenda due, days before the meeting"),
        validators=[InputRequired(message=_l("Please enter a number from 0 to 14.")),
                    NumberRange(0, 14, message=_l("Please enter a number from 0 to 14."))],
    )  # fmt: skip
    summary_due_hours = IntegerField(
        _l("Summary due, hours after the meeting"),
        validators=[InputRequired(message=_l("Please enter a number from 1 to 168.")),
                    NumberRange(1, 168, message=_l("Please enter a number from 1 to 168."))],
    )  # fmt: skip
