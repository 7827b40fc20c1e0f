"""Forms of the team pages: propose, add, swap, the team's meeting day, a mentor's load."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SearchField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange

from vms.form_fields import WEEKDAYS, AtLeastOne, MultiCheckboxField
from vms.i18n import lazy_gettext as _l


class ProposeForm(FlaskForm):
    venture_ids = MultiCheckboxField(
        _l("Ventures on the docket"), coerce=int,
        validators=[AtLeastOne(_l("Choose at least one venture to propose a team for."))],
    )  # fmt: skip

    def __init__(self, ventures, *args, **kwargs):
        """``ventures``: (id, name) of each venture on the docket."""
        super().__init__(*args, **kwargs)
        self.venture_ids.choices = [SelectChoice(venture_id, name) for venture_id, name in ventures]


def _int_or_none(value) -> int | None:
    """An id or a weekday; anything else is None, which the form or the rules refuse in words."""
    return int(value) if str(value).isdigit() and len(str(value)) < 10 else None


def _mentor_choices(candidates) -> list[SelectChoice]:
    """Candidates best first; those a rule keeps out are shown, disabled, with the reason."""
    choices = [SelectChoice("", _l("Choose a mentor…"))]
    for c in candidates:
        label = f"{c.user.name} — {c.profile.industry or '—'} · {', '.join(c.profile.expertise)}"
        if c.blocked:
            label += f" ({c.blocked})"
        choices.append(SelectChoice(c.user.id, label, render_kw={"disabled": bool(c.blocked)}))
    return choices


class AddMemberForm(FlaskForm):
    mentor_id = SelectField(
        _l("Add a mentor"), coerce=_int_or_none, validate_choice=False,
        validators=[InputRequired(message=_l("Choose a mentor to add."))],
    )  # fmt: skip

    def offer(self, candidates) -> AddMemberForm:
        """Choices: the team page's search results (the POST takes any id: the rules judge)."""
        self.mentor_id.choices = _mentor_choices(candidates)
        return self


class SwapForm(FlaskForm):
    out_id = SelectField(
        _l("Take off the team"), coerce=_int_or_none, validate_choice=False,
        validators=[InputRequired(message=_l("Choose the member who leaves."))],
    )  # fmt: skip
    in_id = SelectField(
        _l("Put in their place"), coerce=_int_or_none, validate_choice=False,
        validators=[InputRequired(message=_l("Choose the mentor who joins."))],
    )  # fmt: skip

    def offer(self, team, candidates) -> SwapForm:
        """Choices: the team's members, and the team page's search results to put in."""
        self.out_id.choices = [SelectChoice("", _l("Choose a member…"))] + [
            SelectChoice(m.mentor_id, m.mentor.name) for m in team.members
        ]
        self.in_id.choices = _mentor_choices(candidates)
        return self


class CandidateSearchForm(FlaskForm):
    """The team page's search for mentors to add or swap in (a GET: no CSRF token)."""

    class Meta:
        csrf = False

    q = SearchField(
        _l("Search mentors"), description=_l("By name, expertise or background."),
        filters=[lambda text: " ".join((text or "").split())[:100]],
        render_kw={"maxlength": 100},
    )  # fmt: skip


class MeetingDayForm(FlaskForm):
    weekday = SelectField(
        _l("The team meets on"), coerce=_int_or_none,
        description=_l("Only mentors who can meet that day may join."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.weekday.choices = [SelectChoice("", _l("Any day (not decided)"))] + [
            SelectChoice(n, label) for n, label in WEEKDAYS
        ]


class MentorLoadForm(FlaskForm):
    lead_eligible = BooleanField(_l("Can lead a team"))
    capacity = IntegerField(
        _l("Ventures at once"),
        validators=[
            InputRequired(message=_l("Please enter a number from 0 to 5.")),
            NumberRange(0, 5, message=_l("Please enter a number from 0 to 5.")),
        ],
    )
