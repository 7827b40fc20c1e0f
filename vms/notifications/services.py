"""Notify people exactly once: each notice is a row with a unique key (kind, object, recipient,
occasion) written in the same transaction as its email. A second sweep, in this process or in
another scheduler, inserts nothing and so sends nothing.

A batch costs a fixed number of statements however many notices it holds: the recipients'
choices (one), the rows (one multi-row INSERT … ON CONFLICT DO NOTHING RETURNING), the emails
(one multi-row INSERT).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask import g, render_template
from flask_babel import force_locale
from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.mail.links import email_link
from vms.mail.models import EmailStatus, OutboxEmail
from vms.mail.services import SUBJECT_MAX, render_email
from vms.notifications.categories import DEFAULTS, Category, Choice
from vms.notifications.labels import CATEGORY_NAMES
from vms.notifications.models import Delivery, Notification, NotificationPreference
from vms.notifications.unsubscribe import unsubscribe_link
from vms.single_line import single_line

_KEY = ("kind", "object_id", "recipient_id", "occasion")


@dataclass(frozen=True)
class Notice:
    kind: str
    object_id: int
    recipient: User
    #: Which time it is (see ``occasion_at``).
    occasion: str
    program: Program | None
    #: None: essential, always emailed, with no unsubscribe (the weekly digest itself).
    category: Category | None
    template: str
    #: A lazy string, translated in the recipient's language.
    subject: Any
    link: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.kind, self.object_id, self.recipient.id, self.occasion)

    @property
    def locale(self) -> str:
        fallback = self.program.default_locale if self.program is not None else "en"
        return self.recipient.locale or fallback


def occasion_at(moment: datetime) -> str:
    """An occasion named by a moment, in UTC to the minute: "2027-03-02T15:00Z"."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def notify(notices: Sequence[Notice], now: datetime | None = None) -> list[Notice]:
    """Record each notice once and queue its email (unless the person chose otherwise), in
    the current transaction. Returns the notices that were new (the others had been sent)."""
    now = now or now_utc()
    unique = sorted({n.key: n for n in notices}.values(), key=lambda n: n.key)  # one lock order
    if not unique:
        return []
    choices = choices_of({n.recipient.id for n in unique})
    delivery = {n.key: _delivery(choices, n) for n in unique}
    fresh = _record(unique, delivery, now)
    emails = [_email(n) for n in unique if n.key in fresh and delivery[n.key] is Delivery.EMAIL]
    if emails:  # one multi-row INSERT (the ORM would write one per email to learn its id)
        db.session.execute(insert(OutboxEmail), [_columns(email) for email in emails])
    return [n for n in unique if n.key in fresh]


def send_now(notice: Notice) -> None:
    """A notice someone asked for by hand (a coordinator's "remind now"): its email goes out
    each time, with its category and unsubscribe link, and no uniqueness row."""
    db.session.add(_email(notice))
    db.session.flush()


def choices_of(user_ids: set[int]) -> dict[tuple[int, Category], Choice]:
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(NotificationPreference.user_id, NotificationPreference.category,
               NotificationPreference.choice)
        .where(NotificationPreference.user_id.in_(user_ids))
    ).all()  # fmt: skip
    return {(user_id, category): choice for user_id, category, choice in rows}


def _delivery(choices: Mapping[tuple[int, Category], Choice], notice: Notice) -> Delivery:
    if notice.category is None:
        return Delivery.EMAIL
    choice = choices.get((notice.recipient.id, notice.category), DEFAULTS[notice.category])
    return {Choice.ON: Delivery.EMAIL, Choice.OFF: Delivery.SKIPPED,
            Choice.DIGEST: Delivery.DIGEST}[choice]  # fmt: skip


def _record(notices: Sequence[Notice], delivery: Mapping, now: datetime) -> set[tuple]:
    """Insert the rows whose key is new; the keys inserted."""
    rows = []
    for notice in notices:
        with force_locale(notice.locale):
            subject = single_line(str(notice.subject))[:SUBJECT_MAX]
        rows.append({
            "kind": notice.kind, "object_id": notice.object_id,
            "recipient_id": notice.recipient.id, "occasion": notice.occasion,
            "program_id": notice.program.id if notice.program is not None else None,
            "category": notice.category, "delivery": delivery[notice.key],
            "subject": subject, "link": notice.link[:500], "created_at": now,
        })  # fmt: skip
    table = Notification.__table__
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(table)
        .on_conflict_do_nothing(index_elements=list(_KEY))
        .returning(*(table.c[name] for name in _KEY))
    )
    return {tuple(row) for row in db.session.execute(statement, rows)}


def _email(notice: Notice) -> OutboxEmail:
    """The notice's email, with a footer saying why it came and how to stop it."""
    email = render_email(
        notice.recipient.email, notice.locale, notice.template, notice.subject,
        link=notice.link, **notice.context,
    )  # fmt: skip
    email.program_id = notice.program.id if notice.program is not None else None
    if notice.category is None:
        return email
    email.category = notice.category.value
    email.unsubscribe_url = unsubscribe_link(notice.recipient, notice.category)
    footer = {"category": CATEGORY_NAMES[notice.category], "unsubscribe": email.unsubscribe_url,
              "preferences": _preferences_link()}  # fmt: skip
    with force_locale(notice.locale):
        email.text_body += render_template("emails/notifications/footer.txt", **footer)
        email.html_body += render_template("emails/notifications/footer.html", **footer)
    return email


def _columns(email: OutboxEmail) -> dict[str, Any]:
    return {name: getattr(email, name) for name in _EMAIL_COLUMNS} | {
        "status": EmailStatus.PENDING,
        "attempts": 0,
        "created_at": now_utc(),
    }


_EMAIL_COLUMNS = ("to_address", "subject", "text_body", "html_body", "program_id", "category",
                  "unsubscribe_url")  # fmt: skip


def _preferences_link() -> str:
    # One per app context: a sweep's thousand emails share it.
    if "vms_preferences_link" not in g:
        g.vms_preferences_link = email_link("notifications.edit_preferences")
    return g.vms_preferences_link
