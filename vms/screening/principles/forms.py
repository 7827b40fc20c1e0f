"""Signing the guiding principles, and publishing a new version of them."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from vms.form_fields import ONE_LINE, STRIP
from vms.i18n import lazy_gettext as _l


class SignPrinciplesForm(FlaskForm):
    typed_name = StringField(
        _l("Type your full name to sign"),
        filters=ONE_LINE,
        validators=[DataRequired(message=_l("Please type your full name.")), Length(max=120)],
    )
    consent = BooleanField(
        _l("I have read these principles and agree to follow them."),
        validators=[DataRequired(message=_l("Please tick the box to confirm you agree."))],
    )
    #: The hash of the text on the page, so a signature is always on what was shown.
    text_sha256 = HiddenField()


class PublishPrinciplesForm(FlaskForm):
    text = TextAreaField(
        _l("New version of the principles"),
        description=_l("Publishing asks every mentor to sign again. Versions never change."),
        filters=STRIP,
        validators=[DataRequired(message=_l("Please write the principles.")),
                    Length(max=20000, message=_l("Use at most 20000 characters."))],
    )  # fmt: skip
