"""Team meetings follow the team: a mentor who leaves a published team is taken off its
coming meetings (with a calendar cancellation, for them only), and one who joins is invited.
Past meetings keep their record of who was invited and who came."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms.auth.models import User
from vms.cohorts.teams.models import Team
from vms.cohorts.teams.services import member_joined, member_left
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.meetings.services import send_to
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus


def _coming(team: Team) -> list[Meeting]:
    return list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.team_id == team.id, Meeting.kind == MeetingKind.TEAM,
                   Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at > now_utc())
            .options(selectinload(Meeting.invitees))
        )
    )  # fmt: skip


@member_left.connect
def _uninvite(team: Team, mentor_id: int, **_extra) -> None:
    for meeting in _coming(team):
        invitee = next((i for i in meeting.invitees if i.user_id == mentor_id), None)
        if invitee is not None:
            meeting.sequence += 1  # who attends is part of the event: their copy is replaced
            send_to(meeting, [invitee], "CANCEL", withdrawn=True)
            meeting.invitees.remove(invitee)
    db.session.flush()


@member_joined.connect
def _invite(team: Team, mentor_id: int, **_extra) -> None:
    person = db.session.get(User, mentor_id)
    for meeting in _coming(team):
        if all(i.user_id != mentor_id for i in meeting.invitees):
            invitee = Invitee(user=person)
            meeting.invitees.append(invitee)
            db.session.flush()
            send_to(meeting, [invitee], "REQUEST")
