"""The monthly nudge: each founder (with an account) of a venture whose team is published is
asked once a month, in the program's month, for the update while it is still missing;
through ``vms.notifications`` (people's choices respected; the month is the occasion, so at
most one a month however often the sweep runs)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.cohorts.models import Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.evidence.updates.models import VentureUpdate
from vms.evidence.updates.months import month_key, month_of
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.nudges.notice import nudge, programs_by_id
from vms.notifications.services import notify

KIND = "venture.update_nudge"


def send_update_nudges(now: datetime | None = None) -> int:
    now = now or now_utc()
    ventures = db.session.scalars(
        select(Venture)
        .where(Venture.id.in_(select(Team.venture_id).where(Team.status == TeamStatus.PUBLISHED)))
        .options(selectinload(Venture.founders).selectinload(VentureFounder.user))
        .order_by(Venture.id)
    ).all()  # fmt: skip
    programs = programs_by_id(v.program_id for v in ventures)
    months = {v.id: month_of(now, programs[v.program_id].timezone) for v in ventures}
    written = set(db.session.execute(
        select(VentureUpdate.venture_id, VentureUpdate.month)
        .where(VentureUpdate.venture_id.in_(months), VentureUpdate.month.in_(set(months.values())))
    ).tuples()) if ventures else set()  # fmt: skip
    notices = []
    for venture in ventures:
        if (venture.id, months[venture.id]) in written:
            continue
        program = programs[venture.program_id]
        link = email_link("updates.write_update", program_slug=program.slug,
                          venture_id=venture.id)  # fmt: skip
        subject = _l("Your monthly update for %(venture)s", venture=venture.name)
        lines = [_l("Tell your mentors how %(venture)s is doing this month: progress, "
                    "challenges and asks, a few lines each.", venture=venture.name)]  # fmt: skip
        notices += [nudge(KIND, venture.id, founder.user, month_key(months[venture.id]),
                          program, subject, lines, link)
                    for founder in venture.founders if founder.user is not None]  # fmt: skip
    fresh = notify(notices, now)
    db.session.commit()
    return len(fresh)
