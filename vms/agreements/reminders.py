"""Reminder emails about an agreement: to sign, to check in, that the term ends soon."""

from __future__ import annotations

from sqlalchemy import select

from vms.agreements.models import Agreement, AgreementSignature, AgreementStatus, ReminderKind
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.categories import Category
from vms.notifications.services import Notice, send_now


def queue_reminder(agreement: Agreement, person: User, kind: ReminderKind) -> None:
    """The coordinator's reminder, sent at once (each click is its own occasion)."""
    send_now(reminder_notice(agreement, person, kind, "now"))


def reminder_notice(agreement: Agreement, person: User, kind: ReminderKind,
                    occasion: str) -> Notice:  # fmt: skip
    """The scheduler's reminder, sent once per agreement, person, kind and occasion."""
    program = db.session.get(Program, agreement.program_id)
    title = agreement.template.title
    link = email_link("agreements.show_agreement", program_slug=program.slug,
                      agreement_id=agreement.id)  # fmt: skip
    return Notice(
        kind=f"agreement.{kind.value}", object_id=agreement.id, recipient=person,
        occasion=occasion, program=program, category=Category.REMINDERS,
        template="agreements/reminder", subject=_subject(kind, title), link=link,
        context={"name": person.name, "kind": kind.value, "title": title,
                 "ends_on": agreement.ends_on},
    )  # fmt: skip


def _subject(kind: ReminderKind, title: str):
    if kind is ReminderKind.UNSIGNED:
        return _l("Waiting for your signature: %(title)s", title=title)
    if kind is ReminderKind.CHECK_IN_DUE:
        return _l("Time for a check-in: %(title)s", title=title)
    return _l("Your agreement ends soon: %(title)s", title=title)


def unsigned_parties(agreement: Agreement) -> list[User]:
    """The parties who have not signed the current version."""
    version = agreement.current_version
    if version is None:
        return []
    signed = set(db.session.scalars(
        select(AgreementSignature.user_id).where(AgreementSignature.version_id == version.id)
    ))  # fmt: skip
    return [party.user for party in agreement.parties if party.user_id not in signed]


def remind_now(agreement: Agreement) -> int:
    """The coordinator's one click: out for signature, those who have not signed; active,
    every party, to check in. Returns the emails queued."""
    if agreement.status is AgreementStatus.OUT_FOR_SIGNATURE:
        people, kind = unsigned_parties(agreement), ReminderKind.UNSIGNED
    elif agreement.status is AgreementStatus.ACTIVE:
        people, kind = [party.user for party in agreement.parties], ReminderKind.CHECK_IN_DUE
    else:
        return 0
    for person in people:
        queue_reminder(agreement, person, kind)
    return len(people)
