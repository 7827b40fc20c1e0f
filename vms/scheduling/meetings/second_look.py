"""Before a team meeting's invitations go out: who has another meeting then, and whether the
day is not the team's usual day. Said once, naming the people, with a choice to send anyway
or change the time — not a banner per person after everyone has been emailed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import ngettext

from vms.cohorts.teams.models import Team
from vms.form_fields import WEEKDAYS
from vms.i18n import wall_clock
from vms.scheduling.meetings.services import MeetingDetails, clashes


@dataclass(frozen=True)
class SecondLook:
    #: What to say, one line each; empty when nothing needs a second look.
    lines: list[str]
    #: Names this exact time: a "send anyway" answers only the warning it was shown.
    fingerprint: str

    def __bool__(self) -> bool:
        return bool(self.lines)


def fingerprint_of(details: MeetingDetails, timezone: str) -> str:
    return f"{details.starts_at.isoformat()}|{details.ends_at.isoformat()}|{timezone}"


def second_look(team: Team, details: MeetingDetails, timezone: str,
                leaving_out: int | None = None) -> SecondLook:  # fmt: skip
    """The warnings for the team's mentors and founders at this time (one query)."""
    people = [m.mentor_id for m in team.members]
    people += [f.user_id for f in team.venture.founders if f.user_id is not None]
    lines = []
    busy = clashes(team.program_id, people, details.starts_at, details.ends_at, leaving_out)
    if busy:
        names = sorted({user.name for _m, user in busy})
        lines.append(ngettext("%(names)s already has a meeting at that time (%(meetings)s).",
                              "%(names)s already have meetings at that time (%(meetings)s).",
                              len(names), names=_joined(names),
                              meetings=_joined(sorted({m.title for m, _u in busy}))))  # fmt: skip
    usual = team.venture.meeting_weekday
    day = _local_weekday(details.starts_at, timezone)
    if usual and day != usual:
        names = dict(WEEKDAYS)
        lines.append(_("The team usually meets on %(usual)s; this date is a %(day)s.",
                       usual=names[usual], day=names[day]))  # fmt: skip
    return SecondLook(lines, fingerprint_of(details, timezone))


def _local_weekday(moment: datetime, timezone: str) -> int:
    day, _time = wall_clock(moment, timezone)
    return day.isoweekday()


def _joined(names: list[str]) -> str:
    return ", ".join(names)
