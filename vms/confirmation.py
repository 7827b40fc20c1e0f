"""The server's half of the confirmation pattern (``confirm_button`` in _macros/forms.html):
an action that changes other people's plans acts only on a POST its confirmation sent, so a
stray form or a replayed request cannot cancel a meeting unasked."""

from __future__ import annotations

from flask import Response, flash, redirect, request
from flask_babel import gettext as _

from vms.single_line import single_line

#: The longest reason kept for the people told (it goes into their email).
REASON_LENGTH = 500


def was_confirmed() -> bool:
    return request.form.get("confirmed") == "yes"


def reason_given() -> str:
    """The optional reason typed in the confirmation, on one line and at most REASON_LENGTH."""
    return single_line(request.form.get("reason", ""))[:REASON_LENGTH]


def unconfirmed(back_to: str) -> Response:
    """The answer to an action that was not confirmed: nothing changed, and where to go back."""
    flash(_("Nothing was changed: confirm the action with its own button."), "error")
    return redirect(back_to)
