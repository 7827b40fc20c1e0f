"""Notifications for the every-page world (tests/every_page_world.py): in each program's
outbox a failed email (with its reason and a resend button) and one waiting for its retry;
and a person's one-click unsubscribe link, for the pages that take its token."""

from __future__ import annotations

from datetime import timedelta

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.mail.models import EmailStatus, OutboxEmail
from vms.notifications.categories import Category
from vms.notifications.unsubscribe import unsubscribe_token

UNSUBSCRIBE_PAGES = ("notifications.confirm_unsubscribe",)
#: The domain of the outbox's failed and waiting emails: they stay so on purpose.
FAULTY = "faulty.example"


def grow_outbox(program: Program) -> None:
    now = now_utc()
    db.session.add_all([
        OutboxEmail(program_id=program.id, to_address=f"bounced@{program.slug}.{FAULTY}",
                    subject=f"Recordatorio {program.name}", text_body="Hola",
                    status=EmailStatus.FAILED, attempts=OutboxEmail.MAX_ATTEMPTS,
                    last_error="550 mailbox unavailable"),
        OutboxEmail(program_id=program.id, to_address=f"slow@{program.slug}.{FAULTY}",
                    subject=f"Agenda {program.name}", text_body="Hola",
                    status=EmailStatus.PENDING, attempts=2, last_error="timed out",
                    next_attempt_at=now + timedelta(minutes=2)),
    ])  # fmt: skip
    db.session.flush()


def unsubscribe_tokens(person: User) -> dict[str, list[str]]:
    """endpoint -> a token for each category (they belong to a person, not a program)."""
    tokens = [unsubscribe_token(person, category) for category in Category]
    return dict.fromkeys(UNSUBSCRIBE_PAGES, tokens)
