"""The scheduler's sweep for agreements: remind parties who have not signed for three days,
parties whose monthly check-in is due, and parties whose term ends within two weeks.

Each reminder sent leaves a row, unique per agreement, person, kind and occasion (the version
to sign, the month of the term, the end date), so a restart or a second sweep sends nothing
twice (DESIGN.md, rule 9).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from vms.agreements.models import (
    Agreement,
    AgreementCheckIn,
    AgreementParty,
    AgreementReminder,
    AgreementSignature,
    AgreementStatus,
    ReminderKind,
)
from vms.agreements.reminders import reminder_notice
from vms.auth.models import User
from vms.database import now_utc
from vms.extensions import db
from vms.notifications.services import notify

#: Unsigned this long after it was sent (or revised): remind.
UNSIGNED_AFTER = timedelta(days=3)
#: A check-in is due this long after the last one (or the start).
CHECK_IN_EVERY = timedelta(days=30)
#: Remind that the term ends this close to its end.
ENDING_WITHIN = timedelta(days=14)


def send_agreement_reminders(now: datetime | None = None) -> int:
    """Queue every reminder due now; returns how many emails were queued."""
    now = now or now_utc()
    agreements = db.session.scalars(
        select(Agreement)
        .where(Agreement.status.in_((AgreementStatus.OUT_FOR_SIGNATURE, AgreementStatus.ACTIVE)))
        .options(selectinload(Agreement.parties).selectinload(AgreementParty.user),
                 selectinload(Agreement.versions), selectinload(Agreement.template))
    ).all()  # fmt: skip
    ids = [a.id for a in agreements]
    sent_before = _sent_markers(ids)
    signed = _signed_pairs(ids)
    last_check_in = _last_check_ins(ids)
    notices, kinds = [], {}
    for agreement in agreements:
        due = _due(agreement, now, signed, last_check_in.get(agreement.id))
        for person, kind, occasion in due:
            if (agreement.id, person.id, kind, occasion) in sent_before:
                continue
            notice = reminder_notice(agreement, person, kind, occasion)
            notices.append(notice)
            kinds[notice.key] = kind
    # Through the notifications' unique key: a second scheduler's sweep sends nothing again,
    # and writes no second marker.
    fresh = notify(notices, now)
    db.session.add_all(
        AgreementReminder(agreement_id=n.object_id, user_id=n.recipient.id, kind=kinds[n.key],
                          occasion=n.occasion, sent_at=now)
        for n in fresh
    )  # fmt: skip
    db.session.commit()
    return len(fresh)


def _due(agreement: Agreement, now: datetime, signed: set[tuple[int, int]],
         last_check_in: datetime | None) -> Iterator[tuple[User, ReminderKind, str]]:  # fmt: skip
    people = [party.user for party in agreement.parties]
    version = agreement.current_version
    if agreement.status is AgreementStatus.OUT_FOR_SIGNATURE:
        if version is not None and now - version.created_at >= UNSIGNED_AFTER:
            for person in people:
                if (version.id, person.id) not in signed:
                    yield person, ReminderKind.UNSIGNED, f"version-{version.number}"
        return
    since = last_check_in or agreement.activated_at
    if since is not None and now - since >= CHECK_IN_EVERY:
        month = (now - agreement.activated_at).days // 30
        for person in people:
            yield person, ReminderKind.CHECK_IN_DUE, f"month-{month}"
    if agreement.ends_on is not None and agreement.ends_on <= (now + ENDING_WITHIN).date():
        for person in people:
            yield person, ReminderKind.TERM_ENDING, f"ends-{agreement.ends_on.isoformat()}"


def _sent_markers(ids: list[int]) -> set[tuple[int, int, ReminderKind, str]]:
    if not ids:
        return set()
    rows = db.session.execute(
        select(AgreementReminder.agreement_id, AgreementReminder.user_id,
               AgreementReminder.kind, AgreementReminder.occasion)
        .where(AgreementReminder.agreement_id.in_(ids))
    ).all()  # fmt: skip
    return {tuple(row) for row in rows}


def _signed_pairs(ids: list[int]) -> set[tuple[int, int]]:
    """(version id, user id) of every signature on these agreements."""
    if not ids:
        return set()
    rows = db.session.execute(
        select(AgreementSignature.version_id, AgreementSignature.user_id)
        .where(AgreementSignature.agreement_id.in_(ids))
    ).all()  # fmt: skip
    return {tuple(row) for row in rows}


def _last_check_ins(ids: list[int]) -> dict[int, datetime]:
    if not ids:
        return {}
    return dict(db.session.execute(
        select(AgreementCheckIn.agreement_id, func.max(AgreementCheckIn.created_at))
        .where(AgreementCheckIn.agreement_id.in_(ids)).group_by(AgreementCheckIn.agreement_id)
    ).all())  # fmt: skip
