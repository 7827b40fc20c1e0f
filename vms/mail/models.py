"""The outbox: every email is a row first, so a failed delivery is never lost."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db


class EmailStatus(enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxEmail(db.Model):
    __tablename__ = "outbox_emails"
    __table_args__ = (
        # The dispatcher's predicate: pending and due.
        Index("ix_outbox_emails_status_next_attempt_at", "status", "next_attempt_at"),
        # The coordinators' outbox page: one program's mail, newest first.
        Index("ix_outbox_emails_program_id_created_at", "program_id", "created_at"),
    )

    #: Deliveries stop being retried after this many failures: with the back-off's waits
    #: (vms/mail/backoff.py) about six hours, so a mail server down for a while loses nothing.
    MAX_ATTEMPTS = 10

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    #: An iCalendar file sent both as the invitation part and as an attachment.
    calendar_ics: Mapped[str | None] = mapped_column(Text)
    #: Its METHOD (REQUEST, CANCEL): mail clients read it from the part's content type.
    calendar_method: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[EmailStatus] = mapped_column(enum_type(EmailStatus), default=EmailStatus.PENDING)
    #: The program the email is about (None: account emails, which belong to no program);
    #: its coordinators see it on the outbox page.
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    #: What kind of email it is (a notification category, e.g. "reminders"); None: essential.
    category: Mapped[str | None] = mapped_column(String(32))
    #: The one-click unsubscribe address (RFC 8058) of a non-essential email.
    unsubscribe_url: Mapped[str | None] = mapped_column(String(500))
    #: Not tried again before then (back-off after a failure); None: at once.
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: A sender (a web request or the scheduler) holds the email until then; a crashed
    #: sender's claim runs out and the email is tried again.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def mark_sent(self, now: datetime) -> None:
        if self.status is not EmailStatus.PENDING:
            raise ValueError(f"email {self.id} is {self.status.value}, not pending")
        self.status = EmailStatus.SENT
        self.sent_at = now
        self.attempts += 1

    def mark_failed_attempt(self, error: str, retry_at: datetime) -> None:
        """A failure the server may cure later: try again at ``retry_at``, unless this was
        the last try."""
        if self.status is not EmailStatus.PENDING:
            raise ValueError(f"email {self.id} is {self.status.value}, not pending")
        self.attempts += 1
        self.last_error = error[:500]
        self.next_attempt_at = retry_at
        if self.attempts >= self.MAX_ATTEMPTS:
            self.status = EmailStatus.FAILED
            self.next_attempt_at = None

    def mark_undeliverable(self, error: str) -> None:
        """A failure retrying cannot cure (the message itself is at fault): stop now."""
        if self.status is not EmailStatus.PENDING:
            raise ValueError(f"email {self.id} is {self.status.value}, not pending")
        self.attempts += 1
        self.last_error = error[:500]
        self.status = EmailStatus.FAILED

    def resend(self) -> None:
        """A coordinator sends a failed email again: a fresh set of tries, starting now."""
        if self.status is not EmailStatus.FAILED:
            raise ValueError(f"email {self.id} is {self.status.value}, not failed")
        self.status = EmailStatus.PENDING
        self.attempts = 0
        self.next_attempt_at = None
        self.claimed_until = None
