"""The health of a team or a peer pair, judged from facts the app already holds. Pure.

Facts in (one dataclass per team or pair), a verdict with its reasons out. Each reason is a
code and a number, put in words by ``vms.evidence.health.words``, so that a coordinator reads
"needs a check-in: no meeting for 35 days, last summary late" and knows what to ask about.

One more signal is one more field of ``HealthFacts`` and one more rule in ``_reasons`` (the
fit check's "no" is already wired: ``fit_no`` makes the verdict "needs repair").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta


class Verdict(enum.Enum):
    #: Worst first: the order of the at-risk list.
    NEEDS_REPAIR = "needs_repair"
    NEEDS_CHECK_IN = "needs_check_in"
    TOO_EARLY = "too_early"
    ON_TRACK = "on_track"


class Subject(enum.Enum):
    TEAM = "team"
    PAIR = "pair"


@dataclass(frozen=True)
class Thresholds:
    """The rhythm a team or pair is held to; the program's own values where it has them."""

    #: At least monthly contact (DESIGN.md §1): the program's "quiet team" delay.
    quiet_days: int = 30
    #: A team or pair younger than this, with nothing held yet, is "too early to tell".
    too_early_days: int = 30
    #: Hours after a meeting its summary is due (the program's setting).
    summary_due_hours: int = 24
    #: Below this share of recorded attendance a team's meetings are thinly attended.
    attendance_floor: float = 0.5


@dataclass(frozen=True)
class LastMeeting:
    """The most recent team meeting that has started."""

    starts_at: datetime
    ends_at: datetime
    summary_at: datetime | None
    agenda_items: int
    #: The founders were reminded that the agenda was due and missing (it came late or never).
    agenda_was_late: bool


@dataclass(frozen=True)
class HealthFacts:
    subject: Subject
    id: int
    #: The venture's name, or "member and peer mentor".
    name: str
    #: Published (team) or paired (pair): when the program's rhythm starts to apply.
    started_at: datetime
    #: Team meetings held (started, not cancelled); for a pair, agreement check-ins.
    held: int = 0
    #: The latest contact: a meeting's start, or a pair's check-in.
    last_contact_at: datetime | None = None
    last_meeting: LastMeeting | None = None
    #: Invitees marked present / absent at the team's meetings held.
    attended: int = 0
    absent: int = 0
    #: Someone answered the fit check "no" (the surveys part fills it).
    fit_no: bool = False


@dataclass(frozen=True)
class Reason:
    #: "no_contact", "summary_late", "summary_missing", "agenda_late", "agenda_missing",
    #: "low_attendance", "fit_no"
    code: str
    #: Days without contact, or the attendance in percent; 0 where no number belongs.
    number: int = 0


@dataclass(frozen=True)
class Health:
    facts: HealthFacts
    verdict: Verdict
    reasons: tuple[Reason, ...]

    @property
    def rank(self) -> tuple:
        """Worst first: the verdict, then how long without contact, then how many reasons."""
        quiet = max((r.number for r in self.reasons if r.code == "no_contact"), default=0)
        return (list(Verdict).index(self.verdict), -quiet, -len(self.reasons), self.facts.name)


def judge(facts: HealthFacts, limits: Thresholds, now: datetime) -> Health:
    reasons = tuple(_reasons(facts, limits, now))
    if facts.fit_no:
        return Health(facts, Verdict.NEEDS_REPAIR, reasons)
    young = now - facts.started_at < timedelta(days=limits.too_early_days)
    if young and facts.held == 0:
        return Health(facts, Verdict.TOO_EARLY, ())
    return Health(facts, Verdict.NEEDS_CHECK_IN if reasons else Verdict.ON_TRACK, reasons)


def judge_all(facts: list[HealthFacts], limits: Thresholds, now: datetime) -> list[Health]:
    """Every team and pair, worst first."""
    return sorted((judge(f, limits, now) for f in facts), key=lambda h: h.rank)


def _reasons(facts: HealthFacts, limits: Thresholds, now: datetime) -> list[Reason]:
    found = []
    if facts.fit_no:
        found.append(Reason("fit_no"))
    since = facts.last_contact_at or facts.started_at
    quiet = (now - since).days
    if quiet > limits.quiet_days:
        found.append(Reason("no_contact", quiet))
    if facts.last_meeting is not None:
        found += _meeting_reasons(facts.last_meeting, limits, now)
    recorded = facts.attended + facts.absent
    if recorded and facts.attended / recorded < limits.attendance_floor:
        found.append(Reason("low_attendance", round(100 * facts.attended / recorded)))
    return found


def _meeting_reasons(last: LastMeeting, limits: Thresholds, now: datetime) -> list[Reason]:
    found = []
    if last.agenda_items == 0:
        found.append(Reason("agenda_missing"))
    elif last.agenda_was_late:
        found.append(Reason("agenda_late"))
    due = last.ends_at + timedelta(hours=limits.summary_due_hours)
    if last.summary_at is None and now > due:
        found.append(Reason("summary_missing"))
    elif last.summary_at is not None and last.summary_at > due:
        found.append(Reason("summary_late"))
    return found
