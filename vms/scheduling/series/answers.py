"""A mentor answers several dates of the monthly mentor meeting at once (from the series
page or their home), instead of opening each date's page."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select

from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.models import Invitee, Meeting, MeetingKind, MeetingStatus, Response

#: Form fields are named ``answer-<meeting id>``.
FIELD_PREFIX = "answer-"


def answers_from_form(form: Mapping[str, str]) -> dict[int, Response]:
    """The answers a posted form gives, by meeting id; anything malformed is left out."""
    chosen, known = {}, {r.value for r in Response}
    for name, value in form.items():
        number = name.removeprefix(FIELD_PREFIX)
        well_formed = name.startswith(FIELD_PREFIX) and number.isdigit() and len(number) < 12
        if well_formed and value in known:
            chosen[int(number)] = Response(value)
    return chosen


def answer_dates(program: Program, user: User, answers: Mapping[int, Response],
                 now: datetime | None = None) -> int:  # fmt: skip
    """Record the person's answers to the coming, scheduled dates they are invited to (one
    query for all of them); other ids are ignored. Returns how many answers changed."""
    if not answers:
        return 0
    now = now or now_utc()
    invitees = db.session.scalars(
        select(Invitee).join(Meeting, Meeting.id == Invitee.meeting_id)
        .where(Meeting.program_id == program.id, Meeting.kind == MeetingKind.MENTOR_MEETING,
               Meeting.status == MeetingStatus.SCHEDULED, Meeting.ends_at >= now,
               Invitee.user_id == user.id, Invitee.meeting_id.in_(list(answers)))
    )  # fmt: skip
    changed = 0
    for invitee in invitees:
        answer = answers[invitee.meeting_id]
        if invitee.response is not answer:
            invitee.response, invitee.responded_at = answer, now
            changed += 1
    db.session.flush()
    return changed
