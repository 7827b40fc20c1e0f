"""A coordinator's one-click nudge of a team or pair that is not on track.

It goes through the notifications' exactly-once rows (``notify``) with the program's local
date as the occasion: a second click the same day inserts nothing and sends nothing, and
the view says "already nudged today" (two clicks at once meet the same unique key).
"""

from __future__ import annotations

import enum
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import User
from vms.cohorts.models import Program, Venture
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.evidence.health import queries
from vms.evidence.health.rules import Health, Verdict, judge, judge_all
from vms.evidence.health.words import health_words
from vms.extensions import db
from vms.i18n import EscapedLazyString
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.nudges.notice import nudge
from vms.notifications.services import notify
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent

TEAM_KIND, PAIR_KIND = "evidence.team_check_in", "evidence.pair_check_in"


class Nudged(enum.Enum):
    SENT = "sent"
    ALREADY_TODAY = "already_today"
    #: No lead mentor and no founder with an account: nobody to write to.
    NOBODY = "nobody"


def health_of_program(program: Program, now: datetime, cohort_id: int | None = None
                      ) -> list[Health]:  # fmt: skip
    """Every team and pair of the program, judged, worst first."""
    limits = queries.thresholds_for(program)
    facts = queries.team_facts(program, now, cohort_id) + queries.pair_facts(
        program, now, cohort_id
    )
    return judge_all(facts, limits, now)


def team_in(program: Program, team_id: int) -> Team | None:
    return db.session.scalar(
        select(Team).where(Team.id == team_id, Team.program_id == program.id,
                           Team.status == TeamStatus.PUBLISHED)
        .options(selectinload(Team.members).selectinload(TeamMember.mentor),
                 selectinload(Team.venture).selectinload(Venture.founders))
    )  # fmt: skip


def pair_in(program: Program, pair_id: int) -> PeerPair | None:
    return db.session.scalar(
        select(PeerPair).join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerPair.id == pair_id, PeerEvent.program_id == program.id,
               PeerPair.published_at.is_not(None))
        .options(selectinload(PeerPair.member), selectinload(PeerPair.mentor))
    )  # fmt: skip


def nudge_team(program: Program, team: Team, now: datetime) -> Nudged:
    """Email the lead mentor and the founders with accounts (once a day)."""
    facts = next(f for f in queries.team_facts(program, now) if f.id == team.id)
    health = judge(facts, queries.thresholds_for(program), now)
    people = [m.mentor for m in team.members if m.is_lead]
    people += [f.user for f in team.venture.founders if f.user is not None]
    link = email_link("cohorts.show_team", program_slug=program.slug, team_id=team.id)
    subject = _l("Checking in on %(venture)s", venture=team.venture.name)
    return _send(TEAM_KIND, team.id, people, program, subject, health, link, now)


def nudge_pair(program: Program, pair: PeerPair, now: datetime) -> Nudged:
    """Email the member and the peer mentor (once a day)."""
    facts = next(f for f in queries.pair_facts(program, now) if f.id == pair.id)
    health = judge(facts, queries.thresholds_for(program), now)
    link = email_link("agreements.list_agreements", program_slug=program.slug)
    subject = _l("Checking in on your peer mentoring")
    return _send(PAIR_KIND, pair.id, [pair.member, pair.mentor], program, subject, health,
                 link, now)  # fmt: skip


def _send(kind: str, object_id: int, people: list[User], program: Program, subject,
          health: Health, link: str, now: datetime) -> Nudged:  # fmt: skip
    if not people:
        return Nudged.NOBODY
    today = now.astimezone(ZoneInfo(program.timezone)).date().isoformat()
    lines = [
        _l(
            "The coordinators of %(program)s are checking in: how is it going?",
            program=program.name,
        ),
        EscapedLazyString(_what_we_see, health),
    ]  # in each recipient's language
    notices = [nudge(kind, object_id, person, today, program, subject, lines, link)
               for person in people]  # fmt: skip
    return Nudged.SENT if notify(notices, now) else Nudged.ALREADY_TODAY


def _what_we_see(health: Health) -> str:
    if health.verdict is Verdict.ON_TRACK:
        return str(_l("What the program sees: on track."))
    return str(_l("What the program sees: %(health)s.", health=health_words(health)))
