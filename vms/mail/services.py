"""Queue emails in the current transaction: the web process only writes outbox rows.

Delivery is the scheduler's (``vms.mail.delivery``): a page that queues an email never waits
for the mail server.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask_babel import force_locale

from vms.extensions import db
from vms.mail.models import OutboxEmail
from vms.single_line import single_line


@dataclass(frozen=True)
class CalendarPart:
    method: str
    ics: bytes


#: The outbox's subject column holds this many characters.
SUBJECT_MAX = 255


def queue_email(
    to: str, locale: str, template: str, subject, calendar: CalendarPart | None = None,
    program_id: int | None = None, **context,
) -> OutboxEmail:  # fmt: skip
    """Render ``emails/<template>.txt`` (and ``.html``) in the recipient's language and queue it.

    ``subject`` is a lazy string, translated in the recipient's language too. It is made one
    line here, whatever a name in it carries: a header with a line break cannot be sent.
    The email belongs to ``program_id`` (or to the ``program`` of the context), whose
    coordinators see it in their outbox.
    """
    email = render_email(to, locale, template, subject, **context)
    if program_id is None and context.get("program") is not None:
        program_id = context["program"].id
    email.program_id = program_id
    if calendar is not None:
        email.calendar_method, email.calendar_ics = calendar.method, calendar.ics.decode("utf-8")
    db.session.add(email)
    db.session.flush()
    return email


def render_email(to: str, locale: str, template: str, subject, **context) -> OutboxEmail:
    """The outbox row of one email, rendered in ``locale`` (not added to the session)."""
    with force_locale(locale):
        text = render_template(f"emails/{template}.txt", **context)
        html = render_template(f"emails/{template}.html", **context)
        subject_line = single_line(str(subject))[:SUBJECT_MAX]
    return OutboxEmail(to_address=to, subject=subject_line, text_body=text, html_body=html)
