"""Goals and monthly updates for the every-page world (tests/every_page_world.py).

The demo states the goals of its first teams and pairs and writes the updates of the coming
monthly meeting's docket, which two mentors (the crawler's mentors among them) said yes to
(vms/evidence/goals/demo.py, vms/evidence/updates/demo.py). The sister program gets the same
through the same functions, and a goal stated through the services; and each program gives
its published pairs for the pages that take a ``pair_id``.
"""

from __future__ import annotations

from sqlalchemy import select

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamStatus
from vms.evidence.goals import services as goals
from vms.evidence.goals.demo import goals as demo_goals
from vms.evidence.updates.demo import updates as demo_updates
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent


def grow_sister_records(sister: Program, mentor: User) -> None:
    """``mentor`` says yes to the sister's coming monthly meeting (and reads its packet)."""
    demo_goals(sister)
    team = db.session.scalar(
        select(Team).where(Team.program_id == sister.id, Team.status == TeamStatus.PUBLISHED)
        .order_by(Team.id.desc()).limit(1)
    )  # fmt: skip
    founder = next((f.user for f in team.venture.founders if f.user is not None), None)
    if founder is not None:
        goals.state_team_goal(team, "Vender en tres tiendas antes del verano.", founder)
    demo_updates(sister, [mentor.id])
    db.session.flush()


def goal_values(program: Program) -> dict[str, list]:
    """The program's published peer pairs (their goal pages)."""
    pairs = db.session.scalars(
        select(PeerPair.id).join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerEvent.program_id == program.id, PeerPair.published_at.is_not(None))
        .order_by(PeerPair.id).limit(3)
    ).all()  # fmt: skip
    return {"pair_id": list(pairs)}
