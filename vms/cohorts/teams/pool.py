"""What the team builder needs, read from the database: eligible mentors, loads, conflicts.

A mentor is eligible (``ready``) when they are a mentor of the program with a profile, have
signed the current guiding principles within the year and, when the program requires it,
have completed their preparation (vms/onboarding/preparation). Their capacity left is their pledged
number of ventures minus the teams (draft or published) they are already on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, literal, select, true, union_all

from vms.auth.models import Membership, Role, User
from vms.cohorts import teams as builder
from vms.cohorts.models import MentorProfile, Program, Venture
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus, Volunteer
from vms.extensions import db
from vms.onboarding.preparation import progress as preparation
from vms.screening.conflicts.models import Recusal
from vms.screening.principles import services as principles
from vms.screening.principles.models import Signature
from vms.statements import reused


@dataclass(frozen=True)
class PoolMentor:
    user: User
    profile: MentorProfile
    #: False when the principles are unsigned or due again.
    signed: bool
    #: The orientation steps left, in order, while the program requires them.
    steps_left: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        """Signed and, when required, prepared: the builder may propose them."""
        return self.signed and not self.steps_left


def mentors_of(program: Program, *columns) -> Select:
    """The program's mentors with a profile: (User, MentorProfile) rows, or ``columns`` of
    them, to narrow and order."""
    return (
        select(*(columns or (User, MentorProfile)))
        .select_from(User)
        .join(Membership, (Membership.user_id == User.id)
              & (Membership.program_id == program.id) & (Membership.role == Role.MENTOR))
        .join(MentorProfile, (MentorProfile.user_id == User.id)
              & (MentorProfile.program_id == program.id))
    )  # fmt: skip


class Pool:
    """The program's mentors with profiles, read in three queries: all of them (the builder
    needs everyone), or only the ``mentor_ids`` a page or an edit is about, more of them
    read later with ``include``. Every rule asks the pool only about the mentors it holds:
    their loads count all their teams, their conflicts all their recusals."""

    def __init__(self, program: Program, mentor_ids: Iterable[int] | Select | None = None):
        self.program = program
        self.mentors: dict[int, PoolMentor] = {}
        self.conflicts: set[tuple[int, int]] = set()
        #: mentor id -> the ventures whose teams (draft or published) they are on
        self.teams_of: dict[int, list[int]] = {}
        self._asked: set[int] = set()
        if mentor_ids is None:
            self._read(None)
        else:
            self.include(mentor_ids)

    def include(self, mentor_ids: Iterable[int] | Select) -> None:
        """Read these mentors too (a subquery, or ids: those read already are not read again)."""
        if isinstance(mentor_ids, Select):
            self._read(mentor_ids)
            return
        new = {i for i in mentor_ids if i is not None} - self._asked - self.mentors.keys()
        if new:
            self._asked |= new
            self._read(sorted(new))

    def _read(self, ids: list[int] | Select | None) -> None:
        if isinstance(ids, list):  # what most pages ask: built once, read with these ids
            query = reused(("pool mentors", self.program.id), self._mentors_by_id)
            rows = db.session.execute(query, {"mentor_ids": ids})
        else:
            rows = db.session.execute(self._mentors(true() if ids is None else User.id.in_(ids)))
        read = []
        for user, profile, is_signed, steps_left in rows:
            self.mentors[user.id] = PoolMentor(
                user, profile, bool(is_signed), preparation.titles_of(steps_left)
            )
            read.append(user.id)
        if isinstance(ids, Select):
            ids = read  # the subquery (the repair's draw) runs once: its mentors are known now
        if ids is None:
            rows = db.session.execute(self._places(true(), true()))
        else:
            query = reused(("pool places", self.program.id), self._places_by_id)
            rows = db.session.execute(query, {"mentor_ids": ids})
        teams_of: dict[int, list[int]] = {}
        for mentor_id, venture_id, is_recusal in rows:
            if is_recusal:
                self.conflicts.add((mentor_id, venture_id))
            else:
                teams_of.setdefault(mentor_id, []).append(venture_id)
        self.teams_of.update(teams_of)

    def _mentors(self, which) -> Select:
        """(User, MentorProfile, signed, steps left) of the mentors ``which`` chooses."""
        # EXISTS, not IN: PostgreSQL then looks up the few mentors of a page by index
        # instead of hashing every signature of the program first.
        signers = principles.current_signers(self.program)
        signed = signers.where(Signature.user_id == User.id).exists().label("signed")
        left = preparation.steps_left(self.program, User.id).label("steps_left")
        return (
            mentors_of(self.program).add_columns(signed, left).where(which)
            .order_by(User.name, User.id)
        )  # fmt: skip

    def _mentors_by_id(self) -> Select:
        return self._mentors(User.id.in_(bindparam("mentor_ids", expanding=True)))

    def _places(self, recusals, places):
        """Recusals and team places in one statement: each row says which of the two it is."""
        recused = select(Recusal.mentor_id, Recusal.venture_id, literal(True).label("recused"))
        placed = select(TeamMember.mentor_id, Team.venture_id, literal(False)).join(Team)
        return union_all(
            recused.where(Recusal.program_id == self.program.id, recusals),
            # An ended team's work is done: it no longer takes a place in the load.
            placed.where(Team.program_id == self.program.id, Team.status != TeamStatus.ENDED,
                         places),
        )  # fmt: skip

    def _places_by_id(self):
        return self._places(
            Recusal.mentor_id.in_(bindparam("mentor_ids", expanding=True)),
            TeamMember.mentor_id.in_(bindparam("mentor_ids", expanding=True)),
        )

    def load(self, mentor_id: int, leaving_out: Iterable[int] = ()) -> int:
        """Teams the mentor is on, not counting the teams of ``leaving_out`` ventures."""
        skip = set(leaving_out)
        return sum(1 for venture_id in self.teams_of.get(mentor_id, []) if venture_id not in skip)

    def builder_mentor(self, mentor_id: int, leaving_out: Iterable[int] = ()) -> builder.Mentor:
        entry = self.mentors[mentor_id]
        profile = entry.profile
        return builder.Mentor(
            id=mentor_id, background=profile.industry or "—",
            expertise=frozenset(profile.expertise or ()), lead_eligible=profile.lead_eligible,
            capacity=max(0, profile.capacity - self.load(mentor_id, leaving_out)),
            slots=frozenset(str(d) for d in profile.weekdays) if profile.weekdays else None,
        )  # fmt: skip

    def builder_mentors(self, leaving_out: Iterable[int] = ()) -> list[builder.Mentor]:
        """Every ready mentor, with the capacity the ``leaving_out`` ventures would free."""
        leaving_out = set(leaving_out)
        return [self.builder_mentor(mid, leaving_out) for mid, e in self.mentors.items() if e.ready]


def builder_venture(venture: Venture) -> builder.Venture:
    slot = str(venture.meeting_weekday) if venture.meeting_weekday else None
    return builder.Venture(id=venture.id, needs=frozenset(venture.needs or ()), slot=slot)


def volunteer_pairs(venture_ids: Iterable[int]) -> set[tuple[int, int]]:
    return set(
        db.session.execute(
            select(Volunteer.mentor_id, Volunteer.venture_id).where(
                Volunteer.venture_id.in_(list(venture_ids))
            )
        ).tuples()
    )
