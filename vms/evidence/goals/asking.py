"""Asking for the goal on day one: when a team is published its founders, when peer pairs
are published each member, get one email (exactly once: a notification key) with a link to
state it. Handlers of the publishing services' signals, inside their transaction."""

from __future__ import annotations

from vms.cohorts.teams.models import Team
from vms.cohorts.teams.services import team_published
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.categories import Category
from vms.notifications.nudges.notice import programs_by_id
from vms.notifications.services import Notice, notify
from vms.peer.choices.models import PeerPair
from vms.peer.choices.services import pairs_published
from vms.peer.models import PeerEvent

#: The one occasion of each ask: publishing happens once.
ASKED = "published"


def _ask(kind: str, object_id: int, person, program, link: str, about: str) -> Notice:
    return Notice(
        kind=kind, object_id=object_id, recipient=person, occasion=ASKED, program=program,
        category=Category.NUDGES, template="evidence/goals_ask",
        subject=_l("Your goal for %(about)s, in one sentence", about=about), link=link,
        context={"name": person.name, "about": about, "program": program},
    )  # fmt: skip


@team_published.connect
def _ask_founders(team: Team, **_extra) -> None:
    program = programs_by_id([team.program_id])[team.program_id]
    link = email_link("goals.state_team_goal", program_slug=program.slug, team_id=team.id)
    notify([_ask("team.goal_ask", team.id, founder.user, program, link, team.venture.name)
            for founder in team.venture.founders if founder.user is not None])  # fmt: skip


@pairs_published.connect
def _ask_members(event: PeerEvent, pairs: list[PeerPair], **_extra) -> None:
    program = programs_by_id([event.program_id])[event.program_id]
    notices = []
    for pair in pairs:
        link = email_link("goals.state_pair_goal", program_slug=program.slug, pair_id=pair.id)
        about = _l("your peer mentoring with %(mentor)s", mentor=pair.mentor.name)
        notices.append(_ask("peer_pair.goal_ask", pair.id, pair.member, program, link, about))
    notify(notices)
