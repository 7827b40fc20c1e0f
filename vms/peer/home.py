"""Peer mentoring on a person's home page: their speed-dating events, what they may rank, their
pairs or mentees, and their circles. A fixed number of statements (each part's own, at most
seven together), however many events, pairs and circles the program holds."""

from __future__ import annotations

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.peer.choices import home as choices_home
from vms.peer.circles import home as circles_home
from vms.peer.events import home as events_home


def home_for(program: Program, user: User) -> dict:
    """``peer_events``, ``choices`` and ``circles``: what ``peer/_home.html`` renders, and
    ``anything``: whether there is something to show at all (else the page's empty state)."""
    found = {
        "peer_events": events_home.home_for(program, user),
        "choices": choices_home.home_for(program, user),
        "circles": circles_home.home_for(program, user),
    }
    found["anything"] = bool(
        found["peer_events"]["events"] or found["circles"]["peer_circles"]
        or any(found["choices"][part] for part in ("to_rank", "my_pairs", "mentees"))
    )  # fmt: skip
    return found
