"""What the ranking and pairing pages read: an event's people, rankings and pairs, in a constant
number of statements however many there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.peer.choices.models import PeerAvoid, PeerPair, PeerRanking
from vms.peer.models import PeerEvent, PeerParticipant, PeerRole


def event_in_program(program: Program, event_id: int) -> PeerEvent | None:
    return db.session.scalar(
        select(PeerEvent).where(PeerEvent.id == event_id, PeerEvent.program_id == program.id)
    )


def participant(event: PeerEvent, user: User) -> PeerParticipant | None:
    return db.session.scalar(
        select(PeerParticipant).where(
            PeerParticipant.event_id == event.id, PeerParticipant.user_id == user.id
        )
    )


@dataclass
class EventChoices:
    """Everyone taking part in an event (absent people left out), what they ranked, the pairs."""

    event: PeerEvent
    members: list[PeerParticipant]
    mentors: list[PeerParticipant]
    #: ranker's user id -> the user ids they ranked, first choice first.
    ranked: dict[int, list[int]] = field(default_factory=dict)
    #: (ranker, avoided) user ids: "please do not pair me with".
    avoided: set[tuple[int, int]] = field(default_factory=set)
    pairs: dict[int, PeerPair] = field(default_factory=dict)

    @cached_property
    def people(self) -> dict[int, User]:
        return {p.user_id: p.user for p in self.members + self.mentors}

    def capacity(self) -> dict[int, int]:
        """Places per peer mentor: their own, or the event's."""
        default = self.event.mentor_capacity
        return {p.user_id: default if p.capacity is None else p.capacity for p in self.mentors}

    def member_rankings(self) -> dict[int, list[int]]:
        """Every present member's ranking of present peer mentors ([] if none yet), without
        the peer mentors who asked not to be paired with that member."""
        present = {p.user_id for p in self.mentors}
        return {
            p.user_id: [
                m for m in self.ranked.get(p.user_id, [])
                if m in present and (m, p.user_id) not in self.avoided
            ]
            for p in self.members
        }  # fmt: skip

    def given_rank(self, member: int, mentor: int) -> int:
        """The place the member gave the peer mentor (absent people left in)."""
        return self.ranked[member].index(mentor) + 1

    def mentor_rankings(self) -> dict[int, list[int]] | None:
        if not self.event.mentors_rank:
            return None
        present = {p.user_id for p in self.members}
        return {
            p.user_id: [m for m in self.ranked.get(p.user_id, []) if m in present]
            for p in self.mentors
        }

    def valid_pairs(self) -> dict[int, PeerPair]:
        """The pairs that still hold: both people present, the peer mentor still ranked."""
        rankings = self.member_rankings()
        return {
            member: pair for member, pair in self.pairs.items()
            if pair.mentor_id in rankings.get(member, ())
        }  # fmt: skip


def event_choices(event: PeerEvent) -> EventChoices:
    """Five statements: participants with their users, rankings, marks, pairs."""
    participants = db.session.scalars(
        select(PeerParticipant)
        .where(PeerParticipant.event_id == event.id, PeerParticipant.absent.is_(False))
        .options(selectinload(PeerParticipant.user))
    ).all()
    by_name = sorted(participants, key=lambda p: (p.user.name.casefold(), p.user_id))
    choices = EventChoices(
        event,
        [p for p in by_name if p.role is PeerRole.MEMBER],
        [p for p in by_name if p.role is PeerRole.PEER_MENTOR],
    )
    rows = db.session.execute(
        select(PeerRanking.ranker_id, PeerRanking.ranked_id)
        .where(PeerRanking.event_id == event.id)
        .order_by(PeerRanking.ranker_id, PeerRanking.rank)
    ).all()
    for ranker, ranked in rows:
        choices.ranked.setdefault(ranker, []).append(ranked)
    choices.avoided = set(
        db.session.execute(
            select(PeerAvoid.ranker_id, PeerAvoid.avoided_id).where(PeerAvoid.event_id == event.id)
        ).tuples()
    )
    choices.pairs = {
        pair.member_id: pair
        for pair in db.session.scalars(select(PeerPair).where(PeerPair.event_id == event.id))
    }
    return choices


def own_choices(event: PeerEvent, user: User) -> tuple[list[int], list[int]]:
    """What a person ranked (first choice first) and whom they asked not to be paired with."""
    ranked = db.session.scalars(
        select(PeerRanking.ranked_id)
        .where(PeerRanking.event_id == event.id, PeerRanking.ranker_id == user.id)
        .order_by(PeerRanking.rank)
    ).all()
    avoided = db.session.scalars(
        select(PeerAvoid.avoided_id).where(
            PeerAvoid.event_id == event.id, PeerAvoid.ranker_id == user.id
        )
    ).all()
    return list(ranked), list(avoided)


def other_side(event: PeerEvent, role: PeerRole) -> list[User]:
    """Whom a participant of ``role`` ranks: the present people of the other side, by name."""
    wanted = PeerRole.PEER_MENTOR if role is PeerRole.MEMBER else PeerRole.MEMBER
    people = db.session.scalars(
        select(User)
        .join(PeerParticipant, PeerParticipant.user_id == User.id)
        .where(PeerParticipant.event_id == event.id, PeerParticipant.role == wanted,
               PeerParticipant.absent.is_(False))
    ).all()  # fmt: skip
    return sorted(people, key=lambda u: (u.name.casefold(), u.id))


def published_pair(event: PeerEvent, user: User) -> PeerPair | None:
    return db.session.scalar(
        select(PeerPair)
        .where(PeerPair.event_id == event.id, PeerPair.member_id == user.id,
               PeerPair.published_at.is_not(None))
        .options(selectinload(PeerPair.mentor))
    )  # fmt: skip
