"""The trial's form: its audience, name and question, and its arms as rows. "Add an arm" is
a second submit button: the page comes back with one more empty row (no script needed)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from vms.form_fields import ONE_LINE, STRIP
from vms.i18n import lazy_gettext as _l
from vms.onboarding.trials.models import (
    ARM_NAME_MAX,
    MESSAGE_MAX,
    NAME_MAX,
    QUESTION_MAX,
    Audience,
    Treatment,
)
from vms.onboarding.trials.services import ArmInput, TrialInput

TREATMENT_CHOICES = [SelectChoice(Treatment.WELCOME.value, _l("The welcome page")),
                     SelectChoice(Treatment.MESSAGE.value, _l("A personal message")),
                     SelectChoice(Treatment.NOTHING.value, _l("Nothing"))]  # fmt: skip
AUDIENCE_CHOICES = [SelectChoice(Audience.VENTURES.value, _l("New ventures")),
                    SelectChoice(Audience.MENTORS.value, _l("New mentors"))]  # fmt: skip
#: Rows shown to begin with, and the most a trial may have.
FIRST_ROWS, MAX_ARMS = 2, 6


class ArmRow(Form):
    name = StringField(_l("Arm name"), filters=ONE_LINE, validators=[Length(
        max=ARM_NAME_MAX, message=_l("At most %(max)d characters.", max=ARM_NAME_MAX))]
    )  # fmt: skip
    treatment = SelectField(_l("What newcomers in this arm get"),
                            choices=TREATMENT_CHOICES,
                            default=Treatment.NOTHING.value)  # fmt: skip
    message = TextAreaField(
        _l("Your message"), filters=STRIP,
        description=_l("Emailed once, when someone is assigned to this arm (a personal "
                       "message arm only)."),
        validators=[Length(max=MESSAGE_MAX, message=_l("At most %(max)d characters.",
                                                       max=MESSAGE_MAX))],
    )  # fmt: skip
    is_comparison = BooleanField(_l("This is the comparison arm"))

    def validate_message(self, field) -> None:
        if self.name.data and self.treatment.data == Treatment.MESSAGE.value and not field.data:
            raise ValidationError(_l("Write the message this arm sends."))


class TrialForm(FlaskForm):
    audience = SelectField(_l("Who is randomised"), choices=AUDIENCE_CHOICES,
                           description=_l("New ventures when they apply, or new mentors when "
                                          "they join the program."))  # fmt: skip
    name = StringField(_l("Name"), filters=ONE_LINE, validators=[
        DataRequired(_l("Give the trial a name.")),
        Length(max=NAME_MAX, message=_l("At most %(max)d characters.", max=NAME_MAX))])  # fmt: skip
    question = StringField(
        _l("The question it answers"), filters=ONE_LINE,
        description=_l("For instance: does a welcome video help new ventures reach a team?"),
        validators=[DataRequired(_l("Write the question the trial answers.")),
                    Length(max=QUESTION_MAX, message=_l("At most %(max)d characters.",
                                                        max=QUESTION_MAX))],
    )  # fmt: skip
    arms = FieldList(FormField(ArmRow), min_entries=FIRST_ROWS, max_entries=MAX_ARMS)
    add_arm = SubmitField(_l("Add an arm"))

    def filled(self) -> list[ArmRow]:
        return [row.form for row in self.arms if row.form.name.data]

    def validate_arms(self, field) -> None:
        filled = self.filled()
        if not filled:
            raise ValidationError(_l("Name at least one arm (a trial needs two to start)."))
        names = [row.name.data.casefold() for row in filled]
        if len(set(names)) != len(names):
            raise ValidationError(_l("Give each arm its own name."))
        if sum(bool(row.is_comparison.data) for row in filled) != 1:
            raise ValidationError(_l("Mark exactly one arm as the comparison arm."))

    def add_row(self) -> bool:
        """True when "Add an arm" was pressed: one more row, nothing saved."""
        if not self.add_arm.data:
            return False
        if len(self.arms) < MAX_ARMS:
            self.arms.append_entry()
        return True

    def trial_input(self) -> TrialInput:
        return TrialInput(Audience(self.audience.data), self.name.data, self.question.data, [
            ArmInput(row.name.data, Treatment(row.treatment.data), row.message.data or "",
                     bool(row.is_comparison.data)) for row in self.filled()])  # fmt: skip


def form_data(trial) -> dict:
    """The form's values for editing a draft trial."""
    return {"audience": trial.audience.value, "name": trial.name, "question": trial.question,
            "arms": [{"name": a.name, "treatment": a.treatment.value, "message": a.message,
                      "is_comparison": a.is_comparison} for a in trial.arms]}  # fmt: skip
