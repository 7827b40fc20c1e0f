"""From application to meaningful connection: the funnel, the time to a team, and which
factors lead to a team (profile completeness, self-assessment, stage, sector). Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from statistics import median

#: A team with at least this many meetings held is a meaningful connection (the program
#: may change it: ``vms.evidence.measures.settings``).
MEANINGFUL_MEETINGS = 4
#: The time-to-team distribution's bins, in days: (first day, last day or None).
DAY_BINS = ((0, 30), (31, 60), (61, 90), (91, 180), (181, None))
#: Profile completeness bands (percent), as the docket's threshold reads them.
COMPLETENESS_BANDS = ((0, 49), (50, 79), (80, 100))


@dataclass(frozen=True)
class VentureFacts:
    id: int
    applied_at: datetime
    #: Accepted at some point (whatever became of it since).
    accepted: bool
    #: Its first team's publication.
    teamed_at: datetime | None
    first_meeting_at: datetime | None
    #: Team meetings held (started, not cancelled).
    meetings_held: int
    stage: str | None = None
    sector: str | None = None
    #: The self-assessment of needs was taken (at least one area rated).
    assessed: bool = False
    completeness: int = 0


@dataclass(frozen=True)
class Funnel:
    applied: int
    accepted: int
    teamed: int
    first_meeting: int
    meaningful: int

    def stages(self) -> list[tuple[str, int]]:
        return [("applied", self.applied), ("accepted", self.accepted), ("teamed", self.teamed),
                ("first_meeting", self.first_meeting), ("meaningful", self.meaningful)]  # fmt: skip


def is_meaningful(venture: VentureFacts, threshold: int = MEANINGFUL_MEETINGS) -> bool:
    return venture.teamed_at is not None and venture.meetings_held >= threshold


def funnel(ventures: Iterable[VentureFacts], threshold: int = MEANINGFUL_MEETINGS) -> Funnel:
    ventures = list(ventures)
    return Funnel(
        applied=len(ventures),
        accepted=sum(v.accepted for v in ventures),
        teamed=sum(v.teamed_at is not None for v in ventures),
        first_meeting=sum(v.teamed_at is not None and v.first_meeting_at is not None
                          for v in ventures),
        meaningful=sum(is_meaningful(v, threshold) for v in ventures),
    )  # fmt: skip


def days_to_team(venture: VentureFacts) -> int | None:
    if venture.teamed_at is None:
        return None
    return max((venture.teamed_at - venture.applied_at).days, 0)


@dataclass(frozen=True)
class Distribution:
    #: Ventures with a team (the values counted).
    n: int
    median_days: float | None
    #: ((first day, last day or None), ventures)
    bins: tuple[tuple[tuple[int, int | None], int], ...]


def time_to_team(ventures: Iterable[VentureFacts]) -> Distribution:
    days = [d for d in (days_to_team(v) for v in ventures) if d is not None]
    bins = tuple((b, sum(b[0] <= d and (b[1] is None or d <= b[1]) for d in days))
                 for b in DAY_BINS)  # fmt: skip
    return Distribution(len(days), median(days) if days else None, bins)


@dataclass(frozen=True)
class FactorRow:
    #: The group's key: a band, "yes"/"no", a stage's value, a sector's name ("" for none).
    group: str
    ventures: int
    teamed: int
    median_days: float | None
    meaningful: int


def by_factor(ventures: Iterable[VentureFacts], key: Callable[[VentureFacts], str],
              threshold: int = MEANINGFUL_MEETINGS) -> list[FactorRow]:  # fmt: skip
    """The ventures grouped by ``key``, each group's time to team and meaningful connections
    (with the counts behind them), in the groups' order of first appearance sorted by key."""
    groups: dict[str, list[VentureFacts]] = {}
    for venture in ventures:
        groups.setdefault(key(venture), []).append(venture)
    rows = []
    for group in sorted(groups):
        members = groups[group]
        timing = time_to_team(members)
        rows.append(FactorRow(group, len(members), timing.n, timing.median_days,
                              sum(is_meaningful(v, threshold) for v in members)))  # fmt: skip
    return rows


def completeness_band(venture: VentureFacts) -> str:
    for low, high in COMPLETENESS_BANDS:
        if low <= venture.completeness <= high:
            return f"{low}–{high}%"
    return f"{COMPLETENESS_BANDS[-1][0]}–{COMPLETENESS_BANDS[-1][1]}%"


FACTORS: dict[str, Callable[[VentureFacts], str]] = {
    "completeness": completeness_band,
    "assessed": lambda v: "yes" if v.assessed else "no",
    "stage": lambda v: v.stage or "",
    "sector": lambda v: v.sector or "",
}
