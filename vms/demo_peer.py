"""The demo's peer mentoring: a speed-dating event held two weeks ago, with its rankings and
published pairs, one coming in ten days, and a peer circle with past meetings (its part is
added by ``circles``). Built through the services, as a coordinator would, and quietly: the
emails that publishing pairs queues are dropped (the demo sends nothing)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import delete, func, select

from vms.auth.models import User
from vms.cohorts.models import Cohort, Program
from vms.database import now_utc
from vms.extensions import db
from vms.mail.models import OutboxEmail
from vms.peer.choices import services as choices
from vms.peer.circles import dates as circle_dates
from vms.peer.circles import services as circles
from vms.peer.circles.models import CircleMeeting
from vms.peer.events import seating
from vms.peer.events import services as events
from vms.peer.events.timetable import SessionPlan
from vms.peer.models import EventStatus, PeerEvent, PeerRole

HELD_TITLE = "Spring speed dating"
COMING_TITLE = "Summer speed dating"
CIRCLE_NAME = "First Tuesday founders' circle"
#: What the demo circle's members committed to, date after date.
COMMITMENTS = [
    "Call five customers who churned.", "Send the investor update.",
    "Hire a part-time designer.", "Price the pilot for the school district.",
    "Finish the pitch deck's market slide.", "Ask two mentors about the term sheet.",
]  # fmt: skip


def peer_mentoring(program: Program, cohort: Cohort, coordinator: User) -> None:
    if db.session.scalar(select(PeerEvent.id).where(PeerEvent.program_id == program.id)):
        return
    evening = now_utc().replace(hour=22, minute=0, second=0, microsecond=0)  # 18:00 in Boston
    held = _plan(program, cohort, coordinator, HELD_TITLE, evening - timedelta(days=14))
    _hold(held)
    _rank_and_pair(held, evening - timedelta(days=7))
    _plan(program, cohort, coordinator, COMING_TITLE, evening + timedelta(days=10))
    _circle(program, cohort, held)


def _circle(program: Program, cohort: Cohort, event: PeerEvent) -> None:
    """Eight of the event's members meet monthly, facilitated by a peer mentor; three dates
    have passed, each with attendance and commitments, and the next ones are coming."""
    members = sorted(p.user_id for p in event.participants if p.role is PeerRole.MEMBER)[:8]
    facilitator = min(p.user_id for p in event.participants if p.role is PeerRole.PEER_MENTOR)
    room = "Martin Trust Center, room E40-196"
    details = circles.CircleDetails(CIRCLE_NAME, facilitator, 1, 2, time(18, 0), 90,
                                    program.timezone, room)  # fmt: skip
    now = now_utc()
    circle = circles.create_circle(program, details, members, now=now - timedelta(days=100),
                                   invite=False)  # fmt: skip
    circle_dates.keep_ahead(circle, now, invite=False)
    past = db.session.scalars(
        select(CircleMeeting).join(CircleMeeting.meeting)
        .where(CircleMeeting.circle_id == circle.id).order_by(CircleMeeting.occurrence_date)
    ).all()  # fmt: skip
    for n, date in enumerate(d for d in past if d.meeting.starts_at < now):
        entries = [circles.MemberEntry(uid, (uid + n) % 5 != 0, COMMITMENTS[(uid + n) % 6],
                                       last_done=None if n == 0 else (uid + n) % 3 != 0)
                   for uid in members]  # fmt: skip
        circles.record_meeting(
            circle, date, entries, now=date.meeting.starts_at + timedelta(hours=2)
        )


def _plan(program, cohort, coordinator, title: str, starts_at: datetime) -> PeerEvent:
    details = events.EventDetails(
        cohort_id=cohort.id, title=title, sessions=(SessionPlan(starts_at),),
        location="Martin Trust Center, room E40-160", mentor_capacity=2,
    )  # fmt: skip
    # Planned as it would have been, a day before it starts.
    return events.plan_event(program, details, now=starts_at - timedelta(days=1),
                             created_by=coordinator)  # fmt: skip


def _hold(event: PeerEvent) -> None:
    event.move_to(EventStatus.RUNNING)
    event.rounds_started = seating.round_count(event)
    event.move_to(EventStatus.HELD)


def _rank_and_pair(event: PeerEvent, deadline: datetime) -> None:
    """Each member ranks three peer mentors (a few favourites are popular), then the pairs
    are published and the deadline is set to the past."""
    mentors = sorted(p.user_id for p in event.participants if p.role is PeerRole.PEER_MENTOR)
    members = sorted((p for p in event.participants if p.role is PeerRole.MEMBER),
                     key=lambda p: p.user_id)  # fmt: skip
    for n, member in enumerate(members):
        first = mentors[(n // 3) % len(mentors)]
        rest = [m for m in mentors if m != first]
        ranked = [first, rest[n % len(rest)], rest[(n + 2) % len(rest)]]
        choices.save_ranking(event, member, ranked, [], now=deadline - timedelta(days=2))
    last_email = db.session.scalar(select(func.max(OutboxEmail.id))) or 0
    choices.run_pairing(event)
    choices.publish(event, now=deadline)
    db.session.execute(delete(OutboxEmail).where(OutboxEmail.id > last_email))
    event.ranking_deadline = deadline
