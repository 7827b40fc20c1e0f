"""Repairing a team that broke a rule, changing as little as possible. Pure: no Flask, no database.

A team breaks a rule later when a mentor leaves, a recusal takes a member off, or
the venture's meeting day moves. The repair drops only the members who may no
longer be there, keeps the lead if they still can lead (else promotes a member who
can), and adds only as many mentors as the rules need, each the one who raises
the team's score most.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vms.cohorts.teams.builder.types import Id, Mentor, Venture, can_meet, team_score


@dataclass(frozen=True)
class Repair:
    drop: tuple[int, ...] = ()
    add: tuple[int, ...] = ()
    #: The lead after the repair (None when no repair is possible).
    lead: int | None = None
    #: Why no repair is possible: "no_lead" or "too_few" (None when it is).
    impossible: str | None = None

    @property
    def changes_anything(self) -> bool:
        return bool(self.drop or self.add) or self.impossible is not None


def repair_team(
    venture: Venture,
    members: Iterable[Mentor],
    lead: Id | None,
    candidates: Iterable[Mentor],
    conflicts: Iterable[tuple[Id, Id]] = (),
    gone: Iterable[Id] = (),
    min_size: int = 3,
    max_size: int = 5,
) -> Repair:
    """``members``: the team now; ``candidates``: mentors with capacity to spare;
    ``gone``: members who must leave (no longer mentors here, or over their capacity)."""
    conflicts, gone = set(conflicts), set(gone)

    def allowed(mentor: Mentor) -> bool:
        return (can_meet(mentor, venture) and (mentor.id, venture.id) not in conflicts
                and mentor.id not in gone)  # fmt: skip

    members = list(members)
    keep = [m for m in members if allowed(m)]
    drop = tuple(m.id for m in members if not allowed(m))
    on_team = {m.id for m in members}
    pool = [c for c in candidates if allowed(c) and c.capacity > 0 and c.id not in on_team]
    new_lead, added = _lead_among(keep, lead), []
    if new_lead is None:
        best = _best(venture, keep, [c for c in pool if c.lead_eligible])
        if best is None:
            return Repair(drop=drop, impossible="no_lead")
        if len(keep) >= max_size:
            drop += (_make_room(venture, keep),)
        added, new_lead = [best], best.id
    added = _fill_to(min_size, venture, keep, added, pool)
    if added is None:
        return Repair(drop=drop, impossible="too_few")
    return Repair(drop=drop, add=tuple(m.id for m in added), lead=new_lead)


def _make_room(venture: Venture, keep: list[Mentor]) -> int:
    """A full team makes room for a lead: the member it misses least goes."""
    least = max(keep, key=lambda m: (team_score(venture, [k for k in keep if k != m]), m.id))
    keep.remove(least)
    return least.id


def _fill_to(
    size: int, venture: Venture, keep: list[Mentor], added: list[Mentor], pool: list[Mentor]
) -> list[Mentor] | None:
    """Add the best candidates until the team has ``size`` members (None if it cannot)."""
    added = list(added)
    while len(keep) + len(added) < size:
        best = _best(venture, keep + added, [c for c in pool if c.id not in {a.id for a in added}])
        if best is None:
            return None
        added.append(best)
    return added


def _lead_among(keep: list[Mentor], lead: int | None) -> int | None:
    """The lead if still there and eligible, else the eligible member with the most expertise."""
    eligible = [m for m in keep if m.lead_eligible]
    if any(m.id == lead for m in eligible):
        return lead
    if not eligible:
        return None
    return min(eligible, key=lambda m: (-len(m.expertise), m.id)).id


def _best(venture: Venture, team: list[Mentor], pool: list[Mentor]) -> Mentor | None:
    """The candidate who raises the team's score most (ties: the lowest id, for stable output)."""
    if not pool:
        return None
    return min(pool, key=lambda c: (-team_score(venture, [*team, c]), c.id))
