"""What a person's home page shows of ranked choices: events to rank (with their deadline) and
published pairs. Two statements, however many events and pairs there are."""

from __future__ import annotations

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import joinedload

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.peer.choices.models import PeerPair, PeerRanking
from vms.peer.choices.services import RANKING_OPEN
from vms.peer.models import PeerEvent, PeerParticipant, PeerRole


def home_for(program: Program, user: User) -> dict:
    """``to_rank``: [(event, ranked already?)] the member may rank now, deadline soonest first;
    ``my_pairs``: the member's published pairs; ``mentees``: [(event, [members])] for a peer
    mentor's published pairs. All empty for someone taking no part."""
    ranked = exists().where(PeerRanking.event_id == PeerEvent.id,
                            PeerRanking.ranker_id == user.id)  # fmt: skip
    to_rank = db.session.execute(
        select(PeerEvent, ranked)
        .join(PeerParticipant, PeerParticipant.event_id == PeerEvent.id)
        .where(PeerEvent.program_id == program.id, PeerEvent.status.in_(RANKING_OPEN),
               PeerParticipant.user_id == user.id, PeerParticipant.role == PeerRole.MEMBER,
               PeerParticipant.absent.is_(False))
        .order_by(PeerEvent.ranking_deadline.is_(None), PeerEvent.ranking_deadline, PeerEvent.id)
    ).tuples().all()  # fmt: skip
    pairs = db.session.scalars(
        select(PeerPair)
        .join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerEvent.program_id == program.id, PeerPair.published_at.is_not(None),
               or_(PeerPair.member_id == user.id, PeerPair.mentor_id == user.id))
        .options(joinedload(PeerPair.event), joinedload(PeerPair.member),
                 joinedload(PeerPair.mentor))
        .order_by(PeerPair.published_at.desc(), PeerPair.id)
    ).all()  # fmt: skip
    mentees: dict[int, tuple[PeerEvent, list[User]]] = {}
    for each in pairs:
        if each.mentor_id == user.id:
            mentees.setdefault(each.event_id, (each.event, []))[1].append(each.member)
    return {
        "to_rank": [(event, bool(done)) for event, done in to_rank],
        "my_pairs": [each for each in pairs if each.member_id == user.id],
        "mentees": [(event, sorted(people, key=lambda u: u.name.casefold()))
                    for event, people in mentees.values()],
    }  # fmt: skip
