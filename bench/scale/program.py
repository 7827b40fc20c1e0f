"""One program of a given size, built step by step; what the benchmark needs to find in it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import select

from vms.cohorts import services as cohorts
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.calendars import feeds
from vms.scheduling.models import Meeting

from . import history, people, screening
from .bulk import move_sequences_past_bulk_ids
from .people import Sizes, World


@dataclass(frozen=True)
class Personas:
    """Where the benchmark signs in and what it opens."""

    slug: str
    #: "coordinator", "mentor", "founder" -> email
    emails: dict[str, str]
    #: The persona founder's team (the persona mentor leads it).
    team_id: int
    #: The next date of the monthly mentor meeting.
    mentor_meeting_id: int
    #: "mentor", "founder" -> the path of their calendar feed
    feeds: dict[str, str]


def build_program(name: str, timezone: str, locale: str, sizes: Sizes, seed: int,
                  password_hash: str) -> Personas:  # fmt: skip
    """Build and commit one program; every persona's password is the one hashed."""
    program = cohorts.create_program(name, timezone, locale)  # lists, rubric, principles
    world = World(program, sizes, random.Random(seed), now_utc(), password_hash,
                  f"{program.slug}.example.org")  # fmt: skip
    people.start_program(world)
    people.add_mentors(world)
    people.add_ventures(world)
    people.add_teams(world)
    history.add_meetings(world)
    screening.add_applications(world)
    screening.add_conflicts(world)
    screening.add_invitations(world)
    move_sequences_past_bulk_ids()
    found = _personas(world)
    db.session.commit()
    return found


def _personas(world: World) -> Personas:
    paths = {}
    for role in ("mentor", "founder"):
        token = feeds.token_of(feeds.feed_of(world.personas[role]))
        paths[role] = f"/calendar/{token}.ics"
    next_date = db.session.scalar(
        select(Meeting.id)
        .where(Meeting.series_id == world.series_id, Meeting.starts_at > world.now)
        .order_by(Meeting.starts_at)
        .limit(1)
    )
    return Personas(
        slug=world.program.slug,
        emails={role: user.email for role, user in world.personas.items()},
        team_id=world.teams[0].id, mentor_meeting_id=next_date, feeds=paths,
    )  # fmt: skip
