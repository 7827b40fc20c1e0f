"""The scheduler's sweep for rankings: remind the members who have not ranked, about two days and
again a few hours before the deadline. Each reminder sent leaves a row (unique per event, person
and kind), so a restart or a second sweep sends nothing twice (DESIGN.md, rule 9)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from vms.database import now_utc
from vms.extensions import db
from vms.notifications.services import notify
from vms.peer.choices.models import PeerRanking, PeerRankingReminder, ReminderKind
from vms.peer.choices.services import RANKING_OPEN, ranking_reminder
from vms.peer.models import PeerEvent, PeerParticipant, PeerRole

#: Each kind goes out once the deadline is this close; the later kind wins when both are due.
REMIND_BEFORE = {ReminderKind.DAYS_BEFORE: timedelta(days=2),
                 ReminderKind.HOURS_BEFORE: timedelta(hours=4)}  # fmt: skip


def due_kind(deadline: datetime, now: datetime) -> ReminderKind | None:
    """Which reminder is due now: none after the deadline or more than two days before it;
    within the last hours only the last one (two reminders at once would be noise)."""
    if now >= deadline:
        return None
    if deadline - now <= REMIND_BEFORE[ReminderKind.HOURS_BEFORE]:
        return ReminderKind.HOURS_BEFORE
    if deadline - now <= REMIND_BEFORE[ReminderKind.DAYS_BEFORE]:
        return ReminderKind.DAYS_BEFORE
    return None


def send_ranking_reminders(now: datetime | None = None) -> int:
    """Remind present members of open events who have ranked nobody; returns emails queued."""
    now = now or now_utc()
    events = db.session.scalars(
        select(PeerEvent)
        .where(PeerEvent.status.in_(RANKING_OPEN), PeerEvent.ranking_deadline > now,
               PeerEvent.ranking_deadline <= now + REMIND_BEFORE[ReminderKind.DAYS_BEFORE])
        .options(selectinload(PeerEvent.program))
    ).all()  # fmt: skip
    notices, kinds = [], {}
    for event in events:
        kind = due_kind(event.ranking_deadline, now)
        for person in _waiting(event, kind) if kind else ():
            notice = ranking_reminder(event, person, kind.value)
            notices.append(notice)
            kinds[notice.key] = kind
    # Through the notifications' unique key: a second scheduler's sweep sends nothing again.
    fresh = notify(notices, now)
    db.session.add_all(PeerRankingReminder(event_id=n.object_id, user_id=n.recipient.id,
                                           kind=kinds[n.key], sent_at=now)
                       for n in fresh)  # fmt: skip
    db.session.commit()
    return len(fresh)


def _waiting(event: PeerEvent, kind: ReminderKind) -> list:
    """Present members who have ranked nobody and have not had this reminder."""
    ranked = exists().where(PeerRanking.event_id == event.id,
                            PeerRanking.ranker_id == PeerParticipant.user_id)  # fmt: skip
    reminded = exists().where(
        PeerRankingReminder.event_id == event.id,
        PeerRankingReminder.user_id == PeerParticipant.user_id,
        PeerRankingReminder.kind == kind,
    )
    rows = db.session.scalars(
        select(PeerParticipant)
        .where(PeerParticipant.event_id == event.id, PeerParticipant.role == PeerRole.MEMBER,
               PeerParticipant.absent.is_(False), ~ranked, ~reminded)
        .options(selectinload(PeerParticipant.user))
    ).all()  # fmt: skip
    return [row.user for row in rows]
