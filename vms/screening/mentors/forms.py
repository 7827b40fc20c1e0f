"""Mentor applications: the public form, the coordinator's moves, interviews and scorecards."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from vms.auth.forms import EMAIL_VALIDATORS, NAME_VALIDATORS
from vms.cohorts.models import Program
from vms.form_fields import (
    ONE_LINE,
    STRIP,
    WEEKDAYS,
    AtLeastOne,
    MultiCheckboxField,
    choose_first,
    optional_int,
)
from vms.i18n import lazy_gettext as _l
from vms.screening.mentors.models import MentorStatus
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind


def _term_choices(program: Program, kind: TaxonomyKind) -> list[SelectChoice]:
    # A new application: retired terms are not offered.
    return [SelectChoice(term.id, term.name) for term in taxonomy.offered_terms(program, kind)]


class MentorApplicationForm(FlaskForm):
    name = StringField(_l("Full name"), filters=ONE_LINE, validators=NAME_VALIDATORS)
    email = EmailField(_l("Email"), filters=STRIP, validators=EMAIL_VALIDATORS)
    industry = SelectField(
        _l("Industry"),
        coerce=optional_int,
        validators=[InputRequired(message=_l("Please choose an industry."))],
    )
    function = SelectField(
        _l("Function"),
        description=_l("The kind of work you have mostly done."),
        coerce=optional_int,
        validators=[InputRequired(message=_l("Please choose a function."))],
    )
    expertise = MultiCheckboxField(
        _l("Areas of expertise"),
        coerce=int,
        description=_l("Where you could help a venture. Choose all that apply."),
        validators=[AtLeastOne(_l("Please choose at least one area."))],
    )
    years_experience = IntegerField(
        _l("Years of professional experience"),
        validators=[
            InputRequired(message=_l("Please enter a whole number.")),
            NumberRange(0, 70, message=_l("Please enter a number from 0 to 70.")),
        ],
    )
    bio = TextAreaField(
        _l("Short bio"),
        description=_l("A few sentences about your career."),
        filters=STRIP,
        validators=[
            DataRequired(message=_l("Please write a short bio.")),
            Length(max=2000, message=_l("Use at most 2000 characters.")),
        ],
    )
    link = URLField(
        _l("LinkedIn or website"),
        validators=[
            Optional(),
            Length(max=300, message=_l("Use at most 300 characters.")),
            Regexp(r"^https?://\S+\.\S+$", message=_l("Enter an address starting with https://")),
        ],
    )
    days_per_month = IntegerField(
        _l("Days a month you can give"),
        default=2,
        description=_l(
            "Mentors give one to two days a month, including the monthly mentor meeting."
        ),
        validators=[
            InputRequired(message=_l("Please enter a whole number.")),
            NumberRange(1, 10, message=_l("Please enter a number from 1 to 10.")),
        ],
    )
    max_ventures = IntegerField(
        _l("Ventures at once"),
        default=1,
        validators=[
            InputRequired(message=_l("Please enter a whole number.")),
            NumberRange(1, 5, message=_l("Please enter a number from 1 to 5.")),
        ],
    )
    weekdays = MultiCheckboxField(
        _l("Days you can usually meet"),
        coerce=int,
        choices=[],
        validators=[AtLeastOne(_l("Please choose at least one day."))],
    )
    heard_from = StringField(
        _l("How did you hear about the program?"),
        filters=ONE_LINE,
        validators=[Length(max=200, message=_l("Use at most 200 characters."))],
    )
    motivation = TextAreaField(
        _l("Why do you want to mentor?"),
        filters=STRIP,
        validators=[
            DataRequired(message=_l("Please tell us why you want to mentor.")),
            Length(max=2000, message=_l("Use at most 2000 characters.")),
        ],
    )

    def __init__(self, program: Program, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.industry.choices = choose_first(_term_choices(program, TaxonomyKind.INDUSTRY))
        self.function.choices = choose_first(_term_choices(program, TaxonomyKind.FUNCTION))
        self.expertise.choices = _term_choices(program, TaxonomyKind.EXPERTISE)
        self.weekdays.choices = [SelectChoice(n, label) for n, label in WEEKDAYS]


class MoveForm(FlaskForm):
    """A coordinator's pipeline move on one application."""

    target = SelectField(_l("Move to"), validate_choice=True)
    note = TextAreaField(
        _l("Note"),
        description=_l("Why, for the record. Not sent to the applicant."),
        validators=[Length(max=2000, message=_l("Use at most 2000 characters."))],
    )

    def __init__(self, allowed: list[MentorStatus], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.target.choices = [SelectChoice(s.value, s.label) for s in allowed]


class BulkMoveForm(FlaskForm):
    """Decline or waitlist several applications at once."""

    ids = SelectMultipleField(coerce=int, validate_choice=False)
    target = SelectField(
        _l("Action"),
        choices=[],
        validate_choice=True,
    )
    note = StringField(_l("Note"), filters=ONE_LINE, validators=[Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.target.choices = [
            SelectChoice(MentorStatus.DECLINED.value, _l("Decline")),
            SelectChoice(MentorStatus.WAITLISTED.value, _l("Waitlist")),
        ]


class InterviewForm(FlaskForm):
    """Date and time are read in the program's timezone."""

    day = DateField(
        _l("Date"), validators=[InputRequired(message=_l("Please enter a valid date."))]
    )
    start = TimeField(
        _l("Start time"), validators=[InputRequired(message=_l("Please enter a valid time."))]
    )
    duration_minutes = IntegerField(
        _l("Duration (minutes)"),
        default=45,
        validators=[
            InputRequired(message=_l("Please enter a whole number.")),
            NumberRange(15, 240, message=_l("Please enter a number from 15 to 240.")),
        ],
    )
    location = StringField(
        _l("Room or address"),
        filters=ONE_LINE,
        validators=[Length(max=200, message=_l("Use at most 200 characters."))],
    )
    video_url = URLField(
        _l("Video link"),
        filters=STRIP,
        validators=[
            Optional(),
            Length(max=300, message=_l("Use at most 300 characters.")),
            Regexp(r"^https?://\S+$", message=_l("Enter an address starting with https://")),
        ],
    )
    interviewers = MultiCheckboxField(
        _l("Interviewers"),
        coerce=int,
        validators=[AtLeastOne(_l("Please choose at least one interviewer."))],
    )

    def __init__(self, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.interviewers.choices = [SelectChoice(user.id, user.name) for user in candidates]

    def validate_location(self, field) -> None:
        if not field.data and not self.video_url.data:
            raise ValidationError(_l("Give a room or a video link."))


SCORE_CHOICES = [
    (1, _l("1 – poor")), (2, "2"), (3, _l("3 – good")), (4, "4"), (5, _l("5 – outstanding")),
]  # fmt: skip


def scorecard_form(criteria, *args, **kwargs) -> FlaskForm:
    """A form with a 1–5 choice and a note for each of the program's criteria."""

    class ScorecardForm(FlaskForm):
        pass

    for criterion in criteria:
        setattr(ScorecardForm, f"score_{criterion.id}", RadioField(
            criterion.name, description=criterion.description, coerce=int,
            choices=[SelectChoice(n, label) for n, label in SCORE_CHOICES],
            validators=[InputRequired(message=_l("Please give a score from 1 to 5."))],
        ))  # fmt: skip
        setattr(ScorecardForm, f"note_{criterion.id}", TextAreaField(
            _l("Notes on %(criterion)s", criterion=criterion.name), filters=STRIP,
            validators=[Length(max=2000, message=_l("Use at most 2000 characters."))],
        ))  # fmt: skip
    return ScorecardForm(*args, **kwargs)
