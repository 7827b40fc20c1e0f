"""What the team builder needs, read from the database: eligible mentors, loads, conflicts.

A mentor is eligible when they are a mentor of the program with a profile and have signed
the current guiding principles within the year. Their capacity left is their pledged
number of ventures minus the teams (draft or published) they are already on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from vms.auth.models import Membership, Role, User
from vms.cohorts import teams as builder
from vms.cohorts.models import MentorProfile, Program, Venture
from vms.cohorts.teams.models import Team, TeamMember, Volunteer
from vms.extensions import db
from vms.screening.conflicts.models import Recusal
from vms.screening.principles import services as principles


@dataclass(frozen=True)
class PoolMentor:
    user: User
    profile: MentorProfile
    #: False when the principles are unsigned or due again.
    signed: bool


class Pool:
    """The program's mentors with profiles, read in a fixed number of queries."""

    def __init__(self, program: Program):
        self.program = program
        due = {status.user.id for status in principles.mentors_status(program) if status.due}
        rows = db.session.execute(
            select(User, MentorProfile)
            .join(Membership, (Membership.user_id == User.id)
                  & (Membership.program_id == program.id) & (Membership.role == Role.MENTOR))
            .join(MentorProfile, (MentorProfile.user_id == User.id)
                  & (MentorProfile.program_id == program.id))
            .order_by(User.name)
        ).all()  # fmt: skip
        self.mentors: dict[int, PoolMentor] = {
            user.id: PoolMentor(user, profile, user.id not in due) for user, profile in rows
        }
        self.conflicts: set[tuple[int, int]] = set(
            db.session.execute(
                select(Recusal.mentor_id, Recusal.venture_id).where(
                    Recusal.program_id == program.id
                )
            ).tuples()
        )
        #: mentor id -> the ventures whose teams (draft or published) they are on
        self.teams_of: dict[int, list[int]] = {}
        for mentor_id, venture_id in db.session.execute(
            select(TeamMember.mentor_id, Team.venture_id)
            .join(Team)
            .where(Team.program_id == program.id)
        ):
            self.teams_of.setdefault(mentor_id, []).append(venture_id)

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
        """Every signed mentor, with the capacity the ``leaving_out`` ventures would free."""
        leaving_out = set(leaving_out)
        return [
            self.builder_mentor(mid, leaving_out) for mid, e in self.mentors.items() if e.signed
        ]


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
