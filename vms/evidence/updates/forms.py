from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from vms.evidence.updates.models import PART_MAX
from vms.form_fields import STRIP
from vms.i18n import lazy_gettext as _l

_SHORT = Length(max=PART_MAX, message=_l("Keep it short: at most %(max)d characters.",
                                         max=PART_MAX))  # fmt: skip


class UpdateForm(FlaskForm):
    progress = TextAreaField(
        _l("Progress"), filters=STRIP, description=_l("What moved forward this month."),
        validators=[DataRequired(_l("Say what moved forward, even if it is little.")), _SHORT],
    )  # fmt: skip
    challenges = TextAreaField(
        _l("Challenges"), filters=STRIP, description=_l("What is hard right now."),
        validators=[DataRequired(_l("Say what is hard right now.")), _SHORT],
    )  # fmt: skip
    asks = TextAreaField(
        _l("Asks"), filters=STRIP,
        description=_l("What the mentors could help with: an introduction, advice, a review."),
        validators=[DataRequired(_l("Say what the mentors could help with.")), _SHORT],
    )  # fmt: skip

    @property
    def parts(self) -> tuple[str, str, str]:
        return (self.progress.data, self.challenges.data, self.asks.data)
