"""The update prompt of a founder's home: each venture they founded whose team is published,
and whether this month's update is written (one statement)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select

from vms.auth.models import User
from vms.cohorts.models import Program, Venture, VentureFounder
from vms.cohorts.teams.models import Team, TeamStatus
from vms.evidence.updates.models import VentureUpdate
from vms.evidence.updates.services import current_month
from vms.extensions import db


@dataclass(frozen=True)
class UpdatePrompt:
    venture_id: int
    name: str
    written: bool


def prompts_for(program: Program, user: User) -> list[UpdatePrompt]:
    month = current_month(program)
    teamed = select(Team.venture_id).where(Team.status == TeamStatus.PUBLISHED)
    rows = db.session.execute(
        select(Venture.id, Venture.name, VentureUpdate.id)
        .join(VentureFounder, VentureFounder.venture_id == Venture.id)
        .outerjoin(VentureUpdate, and_(VentureUpdate.venture_id == Venture.id,
                                       VentureUpdate.month == month))
        .where(Venture.program_id == program.id, VentureFounder.user_id == user.id,
               Venture.id.in_(teamed))
        .order_by(Venture.name, Venture.id)
    ).all()  # fmt: skip
    return [UpdatePrompt(venture_id, name, update_id is not None)
            for venture_id, name, update_id in rows]  # fmt: skip
