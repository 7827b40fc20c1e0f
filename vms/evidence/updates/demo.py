"""The demo's monthly updates: the coming monthly mentor meeting has the teamed ventures on
its docket, all but the last with their update of that month, and two mentors have said yes
(they may read the packet). Rows written directly: demo data sends no email."""

from __future__ import annotations

from sqlalchemy import select

from vms.cohorts.models import Program, Venture
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.evidence.updates.models import VentureUpdate
from vms.evidence.updates.months import month_of
from vms.extensions import db
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus, Response
from vms.scheduling.series import services as series_services

UPDATES = [
    ("Signed our second pilot customer; the first invoice went out this week.",
     "New users stop after the first week: onboarding takes too long.",
     "An introduction to someone who has sold to our first kind of customer."),
    ("The pilot was approved and starts next month.",
     "Procurement wants a price we have not set yet.",
     "Advice on pricing a pilot that must lead to a contract."),
]  # fmt: skip


def updates(program: Program, mentor_ids: list[int]) -> None:
    meeting = db.session.scalar(
        select(Meeting).where(Meeting.program_id == program.id,
                              Meeting.kind == MeetingKind.MENTOR_MEETING,
                              Meeting.status == MeetingStatus.SCHEDULED,
                              Meeting.starts_at > now_utc())
        .order_by(Meeting.starts_at).limit(1)
    )  # fmt: skip
    if meeting is None or db.session.scalar(
        select(VentureUpdate.id).where(VentureUpdate.program_id == program.id)
    ):
        return
    teamed = db.session.scalars(
        select(Venture).join(Team, Team.venture_id == Venture.id)
        .where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED)
        .order_by(Venture.id)
    ).all()  # fmt: skip
    series_services.set_docket(meeting, [*(e.venture for e in meeting.docket), *teamed])
    month = month_of(meeting.starts_at, program.timezone)
    for venture, (progress, challenges, asks) in zip(teamed[:-1], UPDATES, strict=False):
        founder = next((f.user_id for f in venture.founders if f.user_id), None)
        db.session.add(VentureUpdate(program_id=program.id, venture_id=venture.id, month=month,
                                     progress=progress, challenges=challenges, asks=asks,
                                     written_by_id=founder))  # fmt: skip
    # Two mentors past the first two, whom the demo's walk-through has answer for themselves.
    _said_yes(meeting, mentor_ids[2:4])
    db.session.flush()


def _said_yes(meeting: Meeting, mentor_ids: list[int]) -> None:
    invited = {i.user_id: i for i in meeting.invitees}
    for mentor_id in mentor_ids:
        invitee = invited.get(mentor_id) or Invitee(user_id=mentor_id)
        if invitee.id is None:
            meeting.invitees.append(invitee)
        invitee.response, invitee.responded_at = Response.YES, now_utc()
