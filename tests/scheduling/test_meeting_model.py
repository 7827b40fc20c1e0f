"""A meeting keeps its UID and raises its SEQUENCE on every change of time, place or status."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.models import Meeting, MeetingKind, MeetingStatus, Response
from vms.states import IllegalTransition


def _meeting(program) -> Meeting:
    start = now_utc() + timedelta(days=7)
    meeting = Meeting(program_id=program.id, kind=MeetingKind.TEAM, title="Team meeting",
                      starts_at=start, ends_at=start + timedelta(hours=1),
                      timezone=program.timezone, location="Room 1")  # fmt: skip
    db.session.add(meeting)
    db.session.commit()
    return meeting


def test_uid_stays_and_sequence_rises_only_on_a_real_change(app, make_program):
    meeting = _meeting(make_program())
    uid, start, end = meeting.uid, meeting.starts_at, meeting.ends_at
    assert uid.endswith("@vms") and meeting.sequence == 0
    assert not meeting.change(start, end, "Room 1", "")
    assert meeting.sequence == 0
    assert meeting.change(start + timedelta(hours=1), end + timedelta(hours=1), "Room 1", "")
    assert meeting.change(start + timedelta(hours=1), end + timedelta(hours=1), "Room 2", "")
    meeting.cancel()
    db.session.commit()
    stored = db.session.scalar(select(Meeting))
    assert stored.uid == uid and stored.sequence == 3 and stored.status is MeetingStatus.CANCELLED
    assert stored.starts_at.tzinfo is not None


def test_a_cancelled_meeting_cannot_move_or_be_cancelled_again(app, make_program):
    meeting = _meeting(make_program())
    meeting.cancel()
    with pytest.raises(IllegalTransition):
        meeting.cancel()
    with pytest.raises(IllegalTransition):
        meeting.change(meeting.starts_at, meeting.ends_at, "Elsewhere", "")


def test_answers_map_to_calendar_participation():
    assert [r.partstat for r in Response] == ["ACCEPTED", "DECLINED", "TENTATIVE"]
