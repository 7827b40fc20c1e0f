"""The notifications part of a grown unit (tests/grown_world.py): more of the program's mail
in its outbox, sent, waiting and failed, to the personas and to newcomers; and notifications
recorded for the personas. Rows are written directly."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from vms.database import now_utc
from vms.extensions import db
from vms.mail.models import EmailStatus, OutboxEmail
from vms.notifications.categories import Category
from vms.notifications.models import Delivery, Notification

if TYPE_CHECKING:
    from tests.grown_world import Cast

#: Emails added to the program's outbox per unit, of each status.
EMAILS = 8


def grow(cast: Cast, unit: int) -> None:
    now = now_utc() - timedelta(hours=unit)
    people = list({p.id: p for p in [*cast.coordinators, *cast.mentors]}.values())
    for n, status in ((n, s) for n in range(EMAILS) for s in EmailStatus):
        person = people[n % len(people)]
        db.session.add(OutboxEmail(
            program_id=cast.program.id, to_address=person.email,
            subject=f"Unit {unit}: email {n}", text_body="Hello", status=status,
            attempts=OutboxEmail.MAX_ATTEMPTS if status is EmailStatus.FAILED else 0,
            last_error="550 no such mailbox" if status is EmailStatus.FAILED else None,
            sent_at=now if status is EmailStatus.SENT else None, created_at=now,
        ))  # fmt: skip
    db.session.add_all(
        Notification(kind="grown.reminder", object_id=cast.program.id, recipient_id=person.id,
                     occasion=f"unit-{unit}", program_id=cast.program.id,
                     category=Category.REMINDERS, delivery=Delivery.DIGEST,
                     subject=f"Unit {unit}", link="")
        for person in people
    )  # fmt: skip
