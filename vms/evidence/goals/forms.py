from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from vms.evidence.goals.models import GOAL_MAX
from vms.form_fields import ONE_LINE
from vms.i18n import lazy_gettext as _l


class GoalForm(FlaskForm):
    text = StringField(
        _l("Your goal, in one sentence"), filters=ONE_LINE,
        description=_l("In your own words: what should be true when this mentoring ends?"),
        validators=[DataRequired(_l("Write your goal in one sentence.")),
                    Length(max=GOAL_MAX, message=_l("Keep it to one sentence (at most "
                                                    "%(max)d characters).", max=GOAL_MAX))],
    )  # fmt: skip
