"""The builder's values: mentors and ventures in, teams and a plan out (pure: no Flask, no DB).

Ids are whatever the caller uses for mentors and ventures (ints, strings…): they only need to
be hashable and orderable, as ties are broken by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: A mentor's or a venture's id: hashable and orderable.
Id = Any


class Reason(str):
    """Why a venture has no team: the English sentence, with a code and its figures so
    that an interface can say it in the reader's language."""

    code: str
    params: dict

    def __new__(cls, text: str, code: str, **params) -> Reason:
        reason = super().__new__(cls, text)
        reason.code, reason.params = code, params
        return reason


@dataclass(frozen=True)
class Mentor:
    id: Id
    background: str
    expertise: frozenset[str]
    lead_eligible: bool
    capacity: int = 1
    #: Weekly meeting slots the mentor can make; None means any.
    slots: frozenset[str] | None = None


@dataclass(frozen=True)
class Venture:
    id: Id
    needs: frozenset[str]
    #: When the team meets; None means any time.
    slot: str | None = None


@dataclass(frozen=True)
class Team:
    lead: Id
    #: Every member, the lead included.
    members: tuple[Id, ...]


@dataclass
class Plan:
    teams: dict[Id, Team] = field(default_factory=dict)
    #: venture id -> why it has no team, in words a coordinator can act on
    unassigned: dict[Id, Reason] = field(default_factory=dict)
    scores: dict[Id, int] = field(default_factory=dict)


def team_score(venture: Venture, members: Iterable[Mentor]) -> int:
    members = list(members)
    covered = {need for need in venture.needs if any(need in m.expertise for m in members)}
    return 2 * len(covered) + len({m.background for m in members})


def can_meet(mentor: Mentor, venture: Venture) -> bool:
    """The mentor can make the team's meeting slot (the builder and the repair share it)."""
    return venture.slot is None or mentor.slots is None or venture.slot in mentor.slots
