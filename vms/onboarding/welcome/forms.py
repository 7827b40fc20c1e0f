"""The welcome content form: one block per language, on one page per audience."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, Form, FormField, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from vms.form_fields import ONE_LINE, STRIP
from vms.i18n import lazy_gettext as _l


def https_only(_form, field) -> None:
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in field.data):
        raise ValidationError(_l("Give an https:// address (for example a YouTube or Vimeo link)."))


class LanguageForm(Form):
    title = StringField(_l("Title"), filters=ONE_LINE, validators=[Length(max=200)])
    text = TextAreaField(
        _l("A short welcome"),
        filters=STRIP,
        validators=[Length(max=4000)],
        description=_l("Plain text; leave a blank line between paragraphs."),
    )
    video_url = StringField(
        _l("Video link"),
        filters=ONE_LINE,
        validators=[Optional(), Length(max=500), https_only],
        description=_l("An https link; people open it on the video's own site."),
    )
    file = FileField(_l("Or a file (an image or a PDF)"),
                     description=_l("Checked by its content; at most 5 MB."))  # fmt: skip
    remove_file = BooleanField(_l("Remove the current file"))
    agenda = TextAreaField(
        _l("An example of a good first meeting agenda"),
        filters=STRIP,
        validators=[Length(max=2000)],
        description=_l("One item a line, as a founder would send it."),
    )

    def validate_title(self, field) -> None:
        others = (self.text.data, self.video_url.data, self.agenda.data)
        if not field.data and any(others):
            raise ValidationError(_l("Give this language’s welcome a title."))


class WelcomeForm(FlaskForm):
    en = FormField(LanguageForm, label=_l("English"))
    es = FormField(LanguageForm, label=_l("Spanish"))
