"""Peer mentoring on a person's home page: their speed-dating events, what they may rank, their
pairs or mentees, and their circles. A fixed number of statements (each part's own, at most
seven together), however many events, pairs and circles the program holds."""

from __future__ import annotations

from vms.auth.models import Role, User
from vms.cohorts.models import Program
from vms.peer.choices import home as choices_home
from vms.peer.circles import home as circles_home
from vms.peer.events import home as events_home

#: Who takes part in speed-dating events (and so ranks, or is ranked); coordinators only run
#: them, so their home asks nothing about events (and stays within its statement budget).
TAKES_PART = frozenset({Role.ENTREPRENEUR, Role.PEER_MENTOR})
#: Who may be in a circle, or facilitate one.
IN_CIRCLES = TAKES_PART | {Role.COORDINATOR}


def home_for(program: Program, user: User, roles: frozenset[Role]) -> dict | None:
    """``peer_events``, ``choices`` and ``circles``: what ``peer/_home.html`` renders, and
    ``anything``: whether there is something to show at all (else the page's empty state).
    None for someone with no part in peer mentoring."""
    if not roles & IN_CIRCLES:
        return None
    takes_part = bool(roles & TAKES_PART)
    found = {
        "peer_events": events_home.home_for(program, user) if takes_part else {"events": []},
        "choices": choices_home.home_for(program, user) if takes_part else _NO_CHOICES,
        "circles": circles_home.home_for(program, user),
    }
    found["anything"] = bool(
        found["peer_events"]["events"] or found["circles"]["peer_circles"]
        or any(found["choices"][part] for part in ("to_rank", "my_pairs", "mentees"))
    )  # fmt: skip
    return found


_NO_CHOICES = {"to_rank": [], "my_pairs": [], "mentees": []}
