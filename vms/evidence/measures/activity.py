"""Monthly trends (meetings held, new teams, meetings per team per month), the speed-dating
outcome and the agreements' counts. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: date, last: date) -> list[str]:
    """Every month from ``first``'s to ``last``'s, both included: "2027-01", "2027-02", …"""
    found, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


@dataclass(frozen=True)
class MonthRow:
    month: str
    meetings: int
    new_teams: int
    #: Teams published by the month's end (and still published).
    active_teams: int

    @property
    def meetings_per_team(self) -> float | None:
        return round(self.meetings / self.active_teams, 2) if self.active_teams else None


def monthly(
    months: list[str], meetings: Mapping[str, int], published: Iterable[datetime],
    in_range: Callable[[datetime], bool] = lambda _moment: True,
) -> list[MonthRow]:  # fmt: skip
    """``meetings``: month -> team meetings held; ``published``: each live team's publication
    (those ``in_range`` count as new; all of them as live from their month on)."""
    published = list(published)
    live = Counter(month_key(moment.date()) for moment in published)
    new = Counter(month_key(moment.date()) for moment in published if in_range(moment))
    rows, before = [], sum(n for m, n in live.items() if months and m < months[0])
    for month in months:
        before += live.get(month, 0)
        rows.append(MonthRow(month, meetings.get(month, 0), new.get(month, 0), before))
    return rows


def meetings_per_team_per_month(rows: list[MonthRow]) -> float | None:
    """Meetings held over team-months: a team live for three months counts three."""
    team_months = sum(r.active_teams for r in rows)
    return round(sum(r.meetings for r in rows) / team_months, 2) if team_months else None


@dataclass(frozen=True)
class SpeedDating:
    pairs: int
    first_choice: int
    second_choice: int

    @property
    def first_or_second(self) -> int:
        return self.first_choice + self.second_choice

    @property
    def share(self) -> float | None:
        return round(100 * self.first_or_second / self.pairs, 1) if self.pairs else None


def speed_dating(ranks: Mapping[int, int]) -> SpeedDating:
    """``ranks``: the rank a pair's member gave the mentor -> how many pairs."""
    return SpeedDating(sum(ranks.values()), ranks.get(1, 0), ranks.get(2, 0))


@dataclass(frozen=True)
class Agreements:
    #: Every party signed (it became active at some point).
    signed: int
    active: int
    completed: int
    #: All agreements in the range, drafts and ended ones included.
    total: int


def agreements(rows: Iterable[tuple[str, bool]]) -> Agreements:
    """``rows``: each agreement's status value and whether it was ever activated."""
    rows = list(rows)
    status = Counter(s for s, _a in rows)
    return Agreements(sum(a for _s, a in rows), status["active"], status["completed"], len(rows))
