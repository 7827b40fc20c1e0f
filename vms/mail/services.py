"""Queue emails in the current transaction; deliver them once it has committed."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import Flask, current_app, g, has_app_context, render_template
from flask_babel import force_locale
from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from vms.database import now_utc
from vms.extensions import db
from vms.mail import transport
from vms.mail.models import EmailStatus, OutboxEmail
from vms.single_line import single_line

log = logging.getLogger("vms.mail")


@dataclass(frozen=True)
class CalendarPart:
    method: str
    ics: bytes


_QUEUED_KEY = "vms_outbox_queued"
_COMMITTED_KEY = "vms_outbox_committed"
#: The outbox's subject column holds this many characters.
SUBJECT_MAX = 255


def queue_email(
    to: str, locale: str, template: str, subject, calendar: CalendarPart | None = None, **context
) -> OutboxEmail:
    """Render ``emails/<template>.txt`` (and ``.html``) in the recipient's language and queue it.

    ``subject`` is a lazy string, translated in the recipient's language too. It is made one
    line here, whatever a name in it carries: a header with a line break cannot be sent.
    """
    with force_locale(locale):
        text = render_template(f"emails/{template}.txt", **context)
        html = render_template(f"emails/{template}.html", **context)
        subject_line = single_line(str(subject))[:SUBJECT_MAX]
        email = OutboxEmail(to_address=to, subject=subject_line, text_body=text, html_body=html)
    if calendar is not None:
        email.calendar_method, email.calendar_ics = calendar.method, calendar.ics.decode("utf-8")
    db.session.add(email)
    db.session.flush()
    db.session.info.setdefault(_QUEUED_KEY, []).append(email.id)
    return email


@event.listens_for(Session, "after_commit")
def _remember_committed(session: Session) -> None:
    queued = session.info.pop(_QUEUED_KEY, None)
    if queued and has_app_context():
        g.setdefault(_COMMITTED_KEY, []).extend(queued)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_QUEUED_KEY, None)


def deliver_committed() -> int:
    """Deliver what this request (or command) queued and committed. Returns how many went out."""
    ids = g.pop(_COMMITTED_KEY, [])
    if not ids:
        return 0
    emails = db.session.scalars(
        select(OutboxEmail).where(
            OutboxEmail.id.in_(ids), OutboxEmail.status == EmailStatus.PENDING
        )
    ).all()
    return _deliver(emails)


def deliver_pending(limit: int = 100) -> int:
    """Retry everything still pending (for the scheduler and ``flask send-mail``)."""
    emails = db.session.scalars(
        select(OutboxEmail)
        .where(OutboxEmail.status == EmailStatus.PENDING)
        .order_by(OutboxEmail.id)
        .limit(limit)
    ).all()
    return _deliver(emails)


#: How long a sender holds an email it is delivering.
CLAIM = timedelta(minutes=5)


def _claim(email: OutboxEmail) -> bool:
    """Take the email for this sender, atomically: a web request and the scheduler may both
    find it pending, and only one of them must send it."""
    now = now_utc()
    taken = db.session.execute(
        update(OutboxEmail)
        .where(OutboxEmail.id == email.id, OutboxEmail.status == EmailStatus.PENDING,
               or_(OutboxEmail.claimed_until.is_(None), OutboxEmail.claimed_until < now))
        .values(claimed_until=now + CLAIM)
        .execution_options(synchronize_session=False)
    ).rowcount  # fmt: skip
    db.session.commit()
    if taken:
        db.session.refresh(email)
    return bool(taken)


def _deliver(emails: list[OutboxEmail]) -> int:
    sent = 0
    for email in emails:
        if not _claim(email):
            continue
        if _deliver_one(email):
            sent += 1
        email.claimed_until = None
        db.session.commit()
    return sent


def _deliver_one(email: OutboxEmail) -> bool:
    """Send one email and record how it went. Nothing it raises stops the rest of the batch."""
    try:
        message = _to_message(email)
    except Exception as error:  # e.g. a line break in the address: retrying cannot cure it
        log.exception("Email %s to %r cannot be built", email.id, email.to_address)
        email.mark_undeliverable(f"cannot build the message: {error}")
        return False
    try:
        transport.send(message, current_app.config)
    except OSError as error:  # smtplib's errors: the server may take it later
        log.warning("Email %s to %s not delivered: %s", email.id, email.to_address, error)
        email.mark_failed_attempt(str(error))
        return False
    except Exception as error:  # anything else would fail the same way next time
        log.exception("Email %s to %s cannot be sent", email.id, email.to_address)
        email.mark_undeliverable(f"cannot send the message: {error}")
        return False
    email.mark_sent(now_utc())
    return True


def _to_message(email: OutboxEmail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    # Never "repaired": an address with a line break in it is refused, not guessed at.
    message["To"] = email.to_address
    # Rows queued before subjects were made one line are sent too.
    message["Subject"] = single_line(email.subject)
    message["Message-ID"] = make_msgid(domain="vms.local")
    message.set_content(email.text_body)
    if email.html_body:
        message.add_alternative(email.html_body, subtype="html")
    if email.calendar_ics:
        # The part calendar clients act on (its method must be in the content type), and the
        # same file attached for people whose client ignores that part.
        params = {"method": email.calendar_method}
        message.add_alternative(email.calendar_ics, subtype="calendar", params=params)
        message.add_attachment(
            email.calendar_ics.encode("utf-8"), maintype="text", subtype="calendar",
            filename="invite.ics", params=params,
        )  # fmt: skip
    return message


def register_delivery_after_commit(app: Flask) -> None:
    @app.after_request
    def deliver_after_response_committed(response):
        deliver_committed()
        return response
