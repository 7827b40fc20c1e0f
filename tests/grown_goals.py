"""Goals and monthly updates in a grown unit (tests/grown_world.py): each published team and
peer pair of the program without a goal gets one, and each teamed venture its update of this
month and of the crawled monthly meeting's month, so the team pages, the founders' homes, the
coordinators' list of updates and the packet all read more of them.

Rows are written directly, with real keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.evidence.goals.models import Goal
from vms.evidence.updates.models import VentureUpdate
from vms.evidence.updates.months import month_of
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent

if TYPE_CHECKING:
    from tests.grown_world import Cast


def grow(cast: Cast, unit: int) -> None:
    program = cast.program
    db.session.flush()
    teams = db.session.scalars(
        select(Team).where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED,
                           Team.id.not_in(select(Goal.team_id).where(Goal.team_id.is_not(None))))
    ).all()  # fmt: skip
    db.session.add_all(Goal(program_id=program.id, team_id=team.id, text=f"Grown goal {unit}.")
                       for team in teams)  # fmt: skip
    pairs = db.session.scalars(
        select(PeerPair.id).join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerEvent.program_id == program.id, PeerPair.published_at.is_not(None),
               PeerPair.id.not_in(select(Goal.peer_pair_id)
                                  .where(Goal.peer_pair_id.is_not(None))))
    ).all()  # fmt: skip
    db.session.add_all(Goal(program_id=program.id, peer_pair_id=pair_id, text="Grown goal.")
                       for pair_id in pairs)  # fmt: skip
    months = {month_of(now_utc(), program.timezone),
              month_of(cast.monthly.starts_at, program.timezone)}  # fmt: skip
    written = set(db.session.execute(
        select(VentureUpdate.venture_id, VentureUpdate.month)
        .where(VentureUpdate.program_id == program.id)
    ).tuples())  # fmt: skip
    for team in teams:
        for month in months - {m for v, m in written if v == team.venture_id}:
            db.session.add(VentureUpdate(
                program_id=program.id, venture_id=team.venture_id, month=month,
                progress=f"Grown progress {unit}.", challenges="Grown challenges.",
                asks="Grown asks."))  # fmt: skip
    db.session.flush()
