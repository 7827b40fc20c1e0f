"""Writing a venture's monthly update: a founder of a venture whose team is published, one
update per venture per calendar month (the program's), editable until the month ends."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from vms.auth.models import User
from vms.cohorts.models import Program, Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.evidence.updates.models import VentureUpdate
from vms.evidence.updates.months import month_of
from vms.extensions import db
from vms.row_locks import lock


def current_month(program: Program, now: datetime | None = None) -> date:
    return month_of(now or now_utc(), program.timezone)


def founded_teamed_venture(program: Program, venture_id: int, user: User) -> Venture | None:
    """The venture, if this person founded it and its team is published; else None."""
    teamed = select(Team.venture_id).where(Team.status == TeamStatus.PUBLISHED)
    return db.session.scalar(
        select(Venture).join(VentureFounder, VentureFounder.venture_id == Venture.id)
        .where(Venture.id == venture_id, Venture.program_id == program.id,
               VentureFounder.user_id == user.id, Venture.id.in_(teamed))
    )  # fmt: skip


def update_of(venture_id: int, month: date) -> VentureUpdate | None:
    return db.session.scalar(
        select(VentureUpdate).where(VentureUpdate.venture_id == venture_id,
                                    VentureUpdate.month == month)
    )  # fmt: skip


def write_update(
    program: Program, venture: Venture, parts: tuple[str, str, str], by: User,
    now: datetime | None = None,
) -> VentureUpdate:  # fmt: skip
    """This month's update, written or rewritten: a second founder (or a second click) at
    the same moment waits for the first and rewrites what it wrote."""
    now = now or now_utc()
    month = current_month(program, now)
    lock(venture)
    found = update_of(venture.id, month)
    if found is not None:
        found.rewrite(parts, by.id, now)
    else:
        progress, challenges, asks = parts
        found = VentureUpdate(program_id=program.id, venture_id=venture.id, month=month,
                              progress=progress, challenges=challenges, asks=asks,
                              written_by_id=by.id, written_at=now)  # fmt: skip
        db.session.add(found)
    db.session.flush()
    return found
