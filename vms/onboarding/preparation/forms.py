from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from vms.form_fields import ONE_LINE, STRIP
from vms.i18n import lazy_gettext as _l
from vms.onboarding.preparation.models import StepWay
from vms.scheduling.models import MeetingKind

#: The meetings whose attendance can complete a step.
MEETING_CHOICES = [
    ("", _l("— (not an event step)")),
    (MeetingKind.MENTOR_MEETING.value, _l("The monthly mentor meeting (attended one)")),
    (MeetingKind.TEAM.value, _l("A team meeting (observed one)")),
]


def _kind_or_none(value):
    if isinstance(value, MeetingKind) or value is None:
        return value
    return MeetingKind(value) if value in {k.value for k in MeetingKind} else None


def _way(value):
    if isinstance(value, StepWay):
        return value
    return StepWay(value) if value in {w.value for w in StepWay} else None


class StepForm(FlaskForm):
    title = StringField(
        _l("Title"), filters=ONE_LINE,
        validators=[DataRequired(_l("Give the step a title.")),
                    Length(max=120, message=_l("At most %(max)d characters.", max=120))],
    )  # fmt: skip
    description = TextAreaField(
        _l("What the mentor does"), filters=STRIP,
        validators=[Length(max=2000, message=_l("At most %(max)d characters.", max=2000))],
    )  # fmt: skip
    way = SelectField(
        _l("How it is done"), coerce=_way, choices=[],
        validators=[InputRequired(_l("Choose how the step is done."))],
    )  # fmt: skip
    meeting_kind = SelectField(
        _l("Done by attending"), coerce=_kind_or_none, choices=[],
        description=_l("For a step done at a dated event: the attendance recorded on such a "
                       "meeting completes it."),
        validators=[Optional()],
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.way.choices = [SelectChoice(w.value, w.label) for w in StepWay]
        self.meeting_kind.choices = [SelectChoice(value, label) for value, label in MEETING_CHOICES]

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.way.data is StepWay.EVENT and self.meeting_kind.data is None:
            self.meeting_kind.errors.append(
                _l("Choose the meeting whose attendance completes the step.")
            )
            return False
        return True


class MoveForm(FlaskForm):
    position = IntegerField(
        _l("Place"),
        validators=[InputRequired(_l("Give a place (1 is first).")),
                    NumberRange(min=1, message=_l("Give a place (1 is first)."))],
    )  # fmt: skip
