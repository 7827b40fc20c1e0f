"""The dispatcher: the scheduler process delivers the outbox, never a web request.

Each round claims a batch of due emails in one statement (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so two dispatchers never take the same row; SQLite's single writer makes the same
UPDATE atomic), commits the claim, then sends them one by one. A sender killed after its claim
leaves the rows claimed until ``CLAIM`` runs out; then another takes them. A crash between the
server's acceptance and the mark can send one email twice: nothing short of the server's help
can close that gap. A server that cannot be reached ends the round at its first failure: one
connection per round, not fifty, while it is down.
"""

from __future__ import annotations

import enum
import logging
import random
import smtplib
import socket
import time
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import or_, select, update

from vms.database import now_utc
from vms.extensions import db
from vms.mail import transport
from vms.mail.backoff import retry_delay
from vms.mail.models import EmailStatus, OutboxEmail
from vms.single_line import single_line

log = logging.getLogger("vms.mail")

#: How long a sender holds an email it is delivering.
CLAIM = timedelta(minutes=5)
#: Emails one round claims.
BATCH = 50
#: A round that has run this long hands back what it has not tried (half the claim).
ROUND_LIMIT = CLAIM.total_seconds() / 2


def deliver_pending(now: datetime | None = None, limit: int = BATCH,
                    rng: random.Random | None = None) -> int:  # fmt: skip
    """One round: claim up to ``limit`` due emails and send them. Returns how many went out."""
    now = now or now_utc()
    sent, began = 0, time.monotonic()
    claimed = claim_due(now, limit)
    for n, email in enumerate(claimed):
        outcome = _deliver_one(email, now, rng)
        sent += outcome is Outcome.SENT
        email.claimed_until = None
        db.session.commit()
        # The server is unreachable, or the round has taken half its claim: hand the rest
        # back untried (their claims would otherwise run out while this sender still holds
        # them, and a second scheduler could send them too).
        if outcome is Outcome.SERVER_DOWN or time.monotonic() - began > ROUND_LIMIT:
            _release(claimed[n + 1 :])
            break
    return sent


def deliver_all(now: datetime | None = None) -> int:
    """Rounds until nothing due is left (``flask send-mail``, the scheduler's loop)."""
    total = 0
    while sent := deliver_pending(now):
        total += sent
    return total


def claim_due(now: datetime, limit: int) -> list[OutboxEmail]:
    """Take up to ``limit`` pending, due, unclaimed emails for this sender and commit."""
    due = (
        select(OutboxEmail.id)
        .where(OutboxEmail.status == EmailStatus.PENDING,
               or_(OutboxEmail.next_attempt_at.is_(None), OutboxEmail.next_attempt_at <= now),
               or_(OutboxEmail.claimed_until.is_(None), OutboxEmail.claimed_until < now))
        .order_by(OutboxEmail.id).limit(limit)
        .with_for_update(skip_locked=True)
    )  # fmt: skip
    ids = db.session.scalars(
        update(OutboxEmail)
        .where(OutboxEmail.id.in_(due.scalar_subquery()))
        .values(claimed_until=now + CLAIM)
        .returning(OutboxEmail.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    if not ids:
        return []
    return list(db.session.scalars(
        select(OutboxEmail).where(OutboxEmail.id.in_(ids)).order_by(OutboxEmail.id)
    ))  # fmt: skip


def _release(emails: list[OutboxEmail]) -> None:
    if emails:
        db.session.execute(
            update(OutboxEmail).where(OutboxEmail.id.in_([e.id for e in emails]))
            .values(claimed_until=None).execution_options(synchronize_session=False)
        )  # fmt: skip
        db.session.commit()


class Outcome(enum.Enum):
    SENT = "sent"
    #: This email failed (its own fault, or the server refused it): the round goes on.
    FAILED = "failed"
    #: The server could not be reached: the round stops.
    SERVER_DOWN = "server down"


def _deliver_one(email: OutboxEmail, now: datetime, rng: random.Random | None) -> Outcome:
    """Send one email and record how it went. Nothing it raises stops the rest of the batch
    but an unreachable server."""
    try:
        message = to_message(email)
    except Exception as error:  # e.g. a line break in the address: retrying cannot cure it
        log.exception("Email %s to %r cannot be built", email.id, email.to_address)
        email.mark_undeliverable(f"cannot build the message: {error}")
        return Outcome.FAILED
    try:
        transport.send(message, current_app.config)
    except OSError as error:  # smtplib's errors: the server may take it later
        log.warning("Email %s to %s not delivered: %s", email.id, email.to_address, error)
        email.mark_failed_attempt(str(error), now + retry_delay(email.attempts + 1, rng))
        return Outcome.SERVER_DOWN if isinstance(error, _UNREACHABLE) else Outcome.FAILED
    except Exception as error:  # anything else would fail the same way next time
        log.exception("Email %s to %s cannot be sent", email.id, email.to_address)
        email.mark_undeliverable(f"cannot send the message: {error}")
        return Outcome.FAILED
    email.mark_sent(now_utc())
    return Outcome.SENT


#: Errors that say the server is down, stalled or unknown, not that it refused this email.
_UNREACHABLE = (ConnectionError, TimeoutError, socket.gaierror, smtplib.SMTPConnectError,
                smtplib.SMTPServerDisconnected)  # fmt: skip


def to_message(email: OutboxEmail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    # Never "repaired": an address with a line break in it is refused, not guessed at.
    message["To"] = email.to_address
    # Rows queued before subjects were made one line are sent too.
    message["Subject"] = single_line(email.subject)
    message["Message-ID"] = make_msgid(domain="vms.local")
    if email.unsubscribe_url:
        # RFC 8058: the provider POSTs "List-Unsubscribe=One-Click" to the HTTPS address.
        message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
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
