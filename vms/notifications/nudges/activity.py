"""What others did, told as it happens: the coordinators when a mentor declares a conflict or
asks for a commercial relationship, the team's mentors when the founders post an agenda, and a
mentor recused from a venture what was decided.

Handlers of the other features' signals, run inside the request's transaction: the notices
and their emails commit with what caused them, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import Role, User
from vms.cohorts.models import Venture
from vms.cohorts.teams.models import Team, TeamMember
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.notifications.categories import Category
from vms.notifications.nudges.notice import members_of, nudge, programs_by_id
from vms.notifications.services import Notice, notify, occasion_at
from vms.scheduling.meetings.records import agenda_posted
from vms.scheduling.models import Meeting, MeetingKind
from vms.screening.conflicts.models import (
    CommercialRequest,
    ConflictDeclaration,
    Recusal,
    RelationshipKind,
)
from vms.screening.conflicts.services import (
    conflict_declared,
    mentor_recused,
    relationship_requested,
)

#: In the recipient's language (the request's own label is in the requester's).
_KINDS = {RelationshipKind.INVEST: _l("Invest in the venture"),
          RelationshipKind.WORK: _l("Work for the venture"),
          RelationshipKind.SELL: _l("Sell to the venture")}  # fmt: skip


def _tell_coordinators(kind: str, filed, told: Callable[[str], tuple[Any, list]]) -> None:
    """``told(mentor's name)``: the subject and the lines of what the mentor filed."""
    program = programs_by_id([filed.program_id])[filed.program_id]
    subject, lines = told(db.session.get(User, filed.mentor_id).name)
    link = email_link("screening.review_conflicts", program_slug=program.slug)
    notify([nudge(kind, filed.id, person, "filed", program, subject, lines, link,
                  Category.ACTIVITY)
            for person in members_of([program.id], Role.COORDINATOR)[program.id]])  # fmt: skip


@conflict_declared.connect
def _conflict_declared(declaration: ConflictDeclaration, **_extra) -> None:
    _tell_coordinators("conflict.declared", declaration, lambda name: (
        _l("A conflict declared by %(name)s", name=name),
        [_l("%(name)s declared a conflict of interest: %(subject)s.", name=name,
            subject=declaration.subject)]))  # fmt: skip


@relationship_requested.connect
def _relationship_requested(request: CommercialRequest, **_extra) -> None:
    _tell_coordinators("conflict.request", request, lambda name: (
        _l("A commercial request from %(name)s", name=name),
        [_l("%(name)s asks for a commercial relationship and waits for your decision:",
            name=name), _KINDS[request.kind]]))  # fmt: skip


@mentor_recused.connect
def _mentor_recused(recusal: Recusal, **_extra) -> None:
    """The mentor, always (a decision about them): what was decided, and that they have left
    the venture's team. Their calendar's cancellations say only that they are no longer
    invited; the meetings go ahead for the others."""
    program = programs_by_id([recusal.program_id])[recusal.program_id]
    mentor = db.session.get(User, recusal.mentor_id)
    venture = db.session.get(Venture, recusal.venture_id)
    link = email_link("screening.mentor_conflicts", program_slug=program.slug)
    notify([Notice(
        kind="conflict.recused", object_id=recusal.id, recipient=mentor, occasion="decided",
        program=program, category=None, template="notifications/nudge",
        subject=_l("You are recused from %(venture)s", venture=venture.name), link=link,
        context={"name": mentor.name, "program": program, "lines": [
            _l("The coordinators of %(program)s have recused you from %(venture)s, so you are "
               "no longer on its mentor team and are no longer invited to its meetings. The "
               "meetings go ahead for the rest of the team.", program=program.name,
               venture=venture.name),
            _l("What was recorded: %(reason)s", reason=recusal.reason)]},
    )])  # fmt: skip


@agenda_posted.connect
def _agenda_posted(meeting: Meeting, **_extra) -> None:
    """The team's mentors, the first time the meeting has an agenda."""
    if meeting.kind is not MeetingKind.TEAM or meeting.team_id is None:
        return
    team = db.session.scalar(
        select(Team).where(Team.id == meeting.team_id)
        .options(selectinload(Team.members).selectinload(TeamMember.mentor))
    )  # fmt: skip
    program = programs_by_id([meeting.program_id])[meeting.program_id]
    link = email_link("scheduling.show_meeting", program_slug=program.slug, meeting_id=meeting.id)
    items = "; ".join(item.title for item in meeting.agenda)
    notify([
        nudge("meeting.agenda_posted", meeting.id, member.mentor, occasion_at(meeting.starts_at),
              program, _l("Agenda posted: %(title)s", title=meeting.title),
              [_l("The founders posted the agenda of %(title)s: %(items)s",
                  title=meeting.title, items=items)], link, Category.ACTIVITY)
        for member in team.members
    ])  # fmt: skip
