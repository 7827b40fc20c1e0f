"""Circle forms: the circle (name, facilitator, members, monthly rule) and one date's record."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from vms.form_fields import ONE_LINE, MultiCheckboxField, choose_first, optional_int
from vms.i18n import lazy_gettext as _l
from vms.peer.circles.models import COMMITMENT_LENGTH, MAX_MEMBERS
from vms.scheduling.forms import SeriesForm


class CircleForm(SeriesForm):
    """The monthly rule is the mentor meeting's series form; a circle adds its people."""

    title = None  # a circle has a name instead
    name = StringField(
        _l("Name"), filters=ONE_LINE,
        validators=[InputRequired(message=_l("Please name the circle.")),
                    Length(max=120, message=_l("Use at most 120 characters."))],
    )  # fmt: skip
    facilitator_id = SelectField(
        _l("Facilitator"), coerce=optional_int, validate_choice=False,
        description=_l("A peer mentor or a coordinator of the program."),
        validators=[InputRequired(message=_l("Choose who facilitates the circle."))],
    )  # fmt: skip
    members = MultiCheckboxField(
        _l("Members"), coerce=int,
        description=_l("Up to %(max)d entrepreneurs of the program.", max=MAX_MEMBERS),
    )  # fmt: skip

    def __init__(self, facilitators, entrepreneurs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = [SelectChoice(u.id, u.name) for u in facilitators]
        self.facilitator_id.choices = choose_first(people)
        self.members.choices = [SelectChoice(u.id, u.name) for u in entrepreneurs]

    def validate_facilitator_id(self, field) -> None:
        if field.data is not None and field.data not in {c.value for c in field.choices}:
            raise ValidationError(
                _l("The facilitator must be a peer mentor or a coordinator of this program.")
            )

    def validate_members(self, field) -> None:
        if len(set(field.data or [])) > MAX_MEMBERS:
            raise ValidationError(_l(
                "A circle has at most %(max)d members: %(num)d were chosen. Leave some out, or "
                "start a second circle.", max=MAX_MEMBERS, num=len(set(field.data))))  # fmt: skip


PRESENCE = [SelectChoice("yes", _l("Present")), SelectChoice("no", _l("Absent"))]
KEPT = [SelectChoice("done", _l("Done")), SelectChoice("not_yet", _l("Not yet"))]


class MemberRow(Form):
    user_id = HiddenField()
    present = RadioField(_l("Attendance"), choices=PRESENCE, validate_choice=False)
    last_done = RadioField(_l("Last commitment"), choices=KEPT, validate_choice=False)
    commitment = StringField(
        _l("Commitment for next time"), filters=ONE_LINE,
        validators=[Length(max=COMMITMENT_LENGTH, message=_l(
            "Keep the commitment to one line of at most %(max)d characters.",
            max=COMMITMENT_LENGTH))],
    )  # fmt: skip

    def validate_present(self, field) -> None:
        if field.data not in (None, "", "yes", "no"):
            raise ValidationError(_l("Choose present or absent."))

    def validate_last_done(self, field) -> None:
        if field.data not in (None, "", "done", "not_yet"):
            raise ValidationError(_l("Choose done or not yet."))


class RecordForm(FlaskForm):
    """One row per member; each row's labels name the member (set by ``label_rows``)."""

    rows = FieldList(FormField(MemberRow), max_entries=MAX_MEMBERS + 1)

    def label_rows(self, names: dict[int, str]) -> None:
        for row in self.rows:
            name = names.get(_int(row.form.user_id.data), "")
            # Plain gettext: the name is user data and must stay escaped in the page.
            row.form.present.label.text = _("Attendance of %(name)s", name=name)
            row.form.last_done.label.text = _("%(name)s’s last commitment", name=name)
            row.form.commitment.label.text = _("%(name)s’s commitment for next time", name=name)

    def user_ids(self) -> list[int]:
        return [_int(row.form.user_id.data) for row in self.rows]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
