"""Planning a speed-dating event: preview it, create it, change it while planned, and re-plan
the rounds not yet started when someone is marked absent, comes back or is added.

Services flush; the view commits. A rule broken comes back as ``EventRefused``, naming the
form field it belongs next to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_time
from flask_babel import get_locale
from sqlalchemy import select

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Cohort, CohortMember, Program
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.peer.events import reasons, seating
from vms.peer.events.timetable import (
    SessionPlan,
    Timetable,
    empty_sessions,
    overlapping_sessions,
    sessions_past_midnight,
    timetable,
)
from vms.peer.models import (
    EventStatus,
    PeerEvent,
    PeerEventSession,
    PeerParticipant,
    PeerRole,
)
from vms.peer.rotation import fewest_rounds
from vms.row_locks import lock


class EventRefused(Exception):
    """A rule the event breaks; ``field`` names the form field the message belongs to."""

    def __init__(self, message, field: str = "title") -> None:
        super().__init__(str(message))
        self.field = field


@dataclass(frozen=True)
class EventDetails:
    """What the coordinator typed; session times are UTC."""

    cohort_id: int
    title: str
    sessions: tuple[SessionPlan, ...]
    location: str = ""
    conversation_minutes: int = 15
    change_minutes: int = 2
    #: None: one table per peer mentor.
    tables: int | None = None
    group_size: int = 1
    choices: int = 3
    mentor_capacity: int = 1
    #: A subset of the cohort's members (user ids); None: all of them.
    member_ids: tuple[int, ...] | None = None
    mentor_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Preview:
    rounds: int
    #: Why no schedule has fewer rounds, in words.
    reason: str
    timetable: Timetable
    members: int
    mentors: int


#: A participant's role, and the program role that lets a person take it.
ROLE_NEEDED = {PeerRole.MEMBER: Role.ENTREPRENEUR, PeerRole.PEER_MENTOR: Role.PEER_MENTOR}


def preview(program: Program, details: EventDetails) -> Preview:
    """How many rounds the event takes and why, and when each session ends; refused as
    ``plan_event`` would refuse it (but a start in the past is not checked)."""
    members, mentors = _people(program, details)
    _check_shape(details, members)
    bound = fewest_rounds(members, mentors, details.tables, details.group_size)
    table = timetable(details.sessions, details.conversation_minutes, details.change_minutes,
                      bound.rounds)  # fmt: skip
    _check_timetable(table, program.timezone)
    return Preview(bound.rounds, reasons.in_words(bound, details.group_size), table,
                   len(members), len(mentors))  # fmt: skip


def plan_event(
    program: Program, details: EventDetails, now: datetime, created_by: User | None = None
) -> PeerEvent:
    """Create the event, its sessions and people, and seat every round."""
    checked = preview(program, details)
    _check_future(details, now)
    _check_not_twice(program, details)
    event = PeerEvent(program=program, cohort_id=details.cohort_id, timezone=program.timezone,
                      created_by_id=created_by.id if created_by else None)  # fmt: skip
    _apply(event, details)
    members, mentors = _people(program, details)
    for user_id in members:
        event.participants.append(PeerParticipant(user_id=user_id, role=PeerRole.MEMBER))
    for user_id in mentors:
        event.participants.append(PeerParticipant(user_id=user_id, role=PeerRole.PEER_MENTOR))
    db.session.add(event)
    db.session.flush()
    seated = seating.rebuild_seats(event)
    assert seated == checked.rounds, "the rotation takes the rounds fewest_rounds promised"
    return event


def edit_event(event: PeerEvent, details: EventDetails, now: datetime) -> PeerEvent:
    """Change a planned event (not its cohort or its people) and seat every round afresh."""
    lock(event)
    if event.status is not EventStatus.PLANNED:
        raise EventRefused(_l("The event has started: its plan can no longer change."))
    if details.cohort_id != event.cohort_id:
        raise EventRefused(_l("An event’s cohort cannot change."), "cohort")
    members, _mentors = seating.present_people(event)
    _check_shape(details, members)
    _check_future(details, now)
    _apply(event, details)
    db.session.flush()
    seating.rebuild_seats(event)
    _check_timetable(seating.event_timetable(event), event.timezone)
    return event


def mark_absent(event: PeerEvent, participant: PeerParticipant) -> int:
    """Leave someone out of the rounds not yet started; the number of rounds rebuilt."""
    lock(event)
    _check_may_replan(event)
    if participant.absent:
        raise EventRefused(_l("%(name)s is already marked absent.", name=participant.user.name))
    participant.absent = True
    return seating.rebuild_seats(event)


def mark_present(event: PeerEvent, participant: PeerParticipant) -> int:
    """Bring someone marked absent back into the rounds not yet started."""
    lock(event)
    _check_may_replan(event)
    if not participant.absent:
        raise EventRefused(_l("%(name)s is not marked absent.", name=participant.user.name))
    participant.absent = False
    return seating.rebuild_seats(event)


def add_participant(event: PeerEvent, user: User, role: PeerRole) -> PeerParticipant:
    """Add a member or a peer mentor of the program; the rounds not yet started are rebuilt."""
    lock(event)
    _check_may_replan(event)
    if seating.participant_of(event, user.id) is not None:
        raise EventRefused(_l("%(name)s already takes part.", name=user.name), "person")
    held = db.session.scalar(select(Membership.id).where(
        Membership.user_id == user.id, Membership.program_id == event.program_id,
        Membership.role == ROLE_NEEDED[role]))  # fmt: skip
    if held is None:
        raise EventRefused(_l("Only the program’s entrepreneurs can be added as members, and "
                              "its peer mentors as peer mentors."), "person")  # fmt: skip
    participant = PeerParticipant(user=user, role=role)
    event.participants.append(participant)
    db.session.flush()
    seating.rebuild_seats(event)
    return participant


def _check_may_replan(event: PeerEvent) -> None:
    if event.status not in (EventStatus.PLANNED, EventStatus.RUNNING):
        raise EventRefused(_l("The event is over: its rounds can no longer change."))


def _apply(event: PeerEvent, details: EventDetails) -> None:
    for name in ("title", "location", "conversation_minutes", "change_minutes", "tables",
                 "group_size", "choices", "mentor_capacity"):  # fmt: skip
        setattr(event, name, getattr(details, name))
    sessions = list(event.sessions)
    for position, plan in enumerate(details.sessions, start=1):
        if position > len(sessions):
            sessions.append(PeerEventSession(position=position))
            event.sessions.append(sessions[-1])
        last = position == len(details.sessions)
        session = sessions[position - 1]
        session.starts_at, session.rounds = plan.starts_at, None if last else plan.rounds
        session.break_every, session.break_minutes = plan.break_every, plan.break_minutes
    for extra in sessions[len(details.sessions) :]:
        event.sessions.remove(extra)


def _people(program: Program, details: EventDetails) -> tuple[list[int], list[int]]:
    """The user ids of the cohort's members and peer mentors (or the subset chosen)."""
    cohort = db.session.scalar(
        select(Cohort).where(Cohort.id == details.cohort_id, Cohort.program_id == program.id)
    )
    if cohort is None:
        raise EventRefused(_l("Choose one of the program’s cohorts."), "cohort")
    rows = db.session.execute(
        select(CohortMember.user_id, CohortMember.role)
        .where(CohortMember.cohort_id == cohort.id,
               CohortMember.role.in_([Role.ENTREPRENEUR, Role.PEER_MENTOR]))
        .order_by(CohortMember.id)
    ).all()  # fmt: skip
    members = _chosen([u for u, r in rows if r is Role.ENTREPRENEUR], details.member_ids)
    mentors = _chosen([u for u, r in rows if r is Role.PEER_MENTOR and u not in members],
                      details.mentor_ids)  # fmt: skip
    if not members:
        raise EventRefused(_l("This cohort has no members (entrepreneurs) yet: add them to the "
                              "cohort first."), "cohort")  # fmt: skip
    if not mentors:
        raise EventRefused(_l("This cohort has no peer mentors yet: add them to the cohort "
                              "first."), "cohort")  # fmt: skip
    return members, mentors


def _chosen(ids: list[int], subset: Sequence[int] | None) -> list[int]:
    unique = list(dict.fromkeys(ids))
    return unique if subset is None else [i for i in unique if i in set(subset)]


def _check_shape(details: EventDetails, members: list[int]) -> None:
    if details.tables is not None and details.tables < 1:
        raise EventRefused(_l("An event needs at least one table (leave it blank for one per "
                              "peer mentor)."), "tables")  # fmt: skip
    if details.group_size > len(members):
        raise EventRefused(_l("A table cannot seat more members (%(size)s) than the event has "
                              "(%(members)s).", size=details.group_size, members=len(members)),
                           "group_size")  # fmt: skip


def _check_timetable(table: Timetable, timezone: str) -> None:
    if empty_sessions(table):
        raise EventRefused(_l("The first session already holds every round (%(rounds)s): hold "
                              "fewer rounds in it, or drop the second session.",
                              rounds=len(table.rounds)), "first_rounds")  # fmt: skip
    if overlapping_sessions(table):
        raise EventRefused(_l("The second session starts before the first one ends."),
                           "second_day")  # fmt: skip
    for span in sessions_past_midnight(table, timezone):
        ends = format_time(span.ends_at.astimezone(ZoneInfo(timezone)), "short",
                           locale=get_locale())  # fmt: skip
        raise EventRefused(_l("This session would run past midnight (to %(end)s on the next "
                              "day): start earlier, shorten the conversations or split the "
                              "event over two sessions.", end=ends),
                           "day" if span.session == 1 else "second_day")  # fmt: skip


def _check_future(details: EventDetails, now: datetime) -> None:
    if details.sessions[0].starts_at <= now:
        raise EventRefused(_l("The event must start in the future."), "day")


def _check_not_twice(program: Program, details: EventDetails) -> None:
    """A second click on Create makes no second event (the cohort is the rule's owner)."""
    cohort = db.session.get(Cohort, details.cohort_id)
    lock(cohort)
    same = db.session.scalar(
        select(PeerEvent.id)
        .join(PeerEventSession, PeerEventSession.event_id == PeerEvent.id)
        .where(PeerEvent.program_id == program.id, PeerEvent.cohort_id == details.cohort_id,
               PeerEvent.title == details.title, PeerEventSession.position == 1,
               PeerEventSession.starts_at == details.sessions[0].starts_at)
    )  # fmt: skip
    if same is not None:
        raise EventRefused(_l("This event already exists: open it from the list of events."))
