"""At most two reminders to whoever has not answered a survey: ``REMINDER_DAYS`` after the
invitation (3 and 10 days). Each is a notification of its own occasion ("reminder-1",
"reminder-2"), so a second sweep or scheduler sends nothing twice; the count is set, not
added to, for the same reason."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import selectinload

from vms.database import now_utc
from vms.evidence.surveys.invitations import survey_notice
from vms.evidence.surveys.models import REMINDER_DAYS, SurveyInvitation
from vms.extensions import db
from vms.notifications.services import notify

#: The second reminder waits at least this long after the first (a sweep catching up after
#: days away does not send both at once).
GAP = timedelta(days=REMINDER_DAYS[1] - REMINDER_DAYS[0])


def send_survey_reminders(now: datetime | None = None) -> int:
    now = now or now_utc()
    first, second = (now - timedelta(days=days) for days in REMINDER_DAYS)
    due = db.session.scalars(
        select(SurveyInvitation)
        .where(SurveyInvitation.answered_at.is_(None), or_(
            and_(SurveyInvitation.reminders_sent == 0, SurveyInvitation.invited_at <= first),
            and_(SurveyInvitation.reminders_sent == 1, SurveyInvitation.invited_at <= second,
                 SurveyInvitation.last_reminded_at <= now - GAP)))
        .options(selectinload(SurveyInvitation.user))
    ).all()  # fmt: skip
    notify([survey_notice(i, f"reminder-{i.reminders_sent + 1}") for i in due], now)
    for count in (1, 2):
        ids = [i.id for i in due if i.reminders_sent + 1 == count]
        if ids:
            db.session.execute(
                update(SurveyInvitation).where(SurveyInvitation.id.in_(ids))
                .values(reminders_sent=count, last_reminded_at=now)
                .execution_options(synchronize_session=False)
            )  # fmt: skip
    db.session.commit()
    return len(due)
