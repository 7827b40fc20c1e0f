"""Years of meetings: every published team's meetings since it was published (a few still
to come), and the monthly mentor meeting's past dates beside the year ahead that the
series service made. Past meetings have answers, attendance and most of them a summary."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from vms.cohorts.models import VentureStatus
from vms.extensions import db
from vms.scheduling.models import (
    ActionItem,
    AgendaItem,
    DocketEntry,
    Invitee,
    Meeting,
    MeetingKind,
    MeetingSeries,
    MeetingStatus,
    Response,
    new_uid,
)
from vms.scheduling.series import services as series_services
from vms.scheduling.series.recurrence import occurrences

from .bulk import bulk
from .people import World

#: Share of a program's mentors invited to each past monthly meeting (those active then).
PAST_MENTOR_MEETING_SHARE = 0.07
#: Team meetings are booked this far ahead.
BOOKED_AHEAD = timedelta(days=35)
AGENDA = ["Traction since last time", "Pricing for the first customers", "Hiring plan",
          "Fundraising: who to ask first", "Next month's goals"]  # fmt: skip


class Rows:
    """The rows of every meeting table, inserted together at the end."""

    def __init__(self) -> None:
        self.meetings: list[dict] = []
        self.invitees: list[dict] = []
        self.agenda: list[dict] = []
        self.actions: list[dict] = []
        self.docket: list[dict] = []

    def insert(self, world: World) -> None:
        bulk(world.ids, Meeting.__table__, self.meetings)
        for model, rows in ((Invitee, self.invitees), (AgendaItem, self.agenda),
                            (ActionItem, self.actions), (DocketEntry, self.docket)):  # fmt: skip
            bulk(world.ids, model.__table__, rows)


def add_meetings(world: World) -> None:
    series = db.session.get(MeetingSeries, world.series_id)
    ahead = list(db.session.scalars(
        select(Meeting).where(Meeting.series_id == series.id).order_by(Meeting.starts_at)
    ))  # fmt: skip
    rows = Rows()
    past = _past_mentor_meetings(world, series, rows)
    _invite_every_mentor(world, ahead, rows)
    _team_meetings(world, max(1, world.sizes.meetings - past - len(ahead)), rows)
    rows.insert(world)


def _meeting_row(world: World, starts: datetime, minutes: int, **fields) -> dict:
    past = starts < world.now
    row = {
        "program_id": world.program.id, "kind": MeetingKind.TEAM, "team_id": None,
        "series_id": None, "occurrence_date": None, "uid": new_uid(), "sequence": 0,
        "title": "", "starts_at": starts, "ends_at": starts + timedelta(minutes=minutes),
        "timezone": world.program.timezone, "location": "Martin Trust Center, room 2",
        "video_url": "", "notes": "", "status": MeetingStatus.SCHEDULED,
        "organizer_id": world.coordinator_ids[0], "summary": "", "decisions": "",
        "summary_at": None, "reminded_at": starts - timedelta(days=1) if past else None,
        "agenda_reminded_at": None, "summary_reminded_at": None,
        "created_at": starts - timedelta(days=14),
    }  # fmt: skip
    row.update(fields)
    row["id"] = world.ids.take(Meeting.__table__)[0]
    return row


def _answers(world: World, meeting: dict, people: list[int], rows: Rows, yes: float) -> None:
    """Each invitee's answer and, once the meeting is over, whether they came."""
    rng, past = world.rng, meeting["starts_at"] < world.now
    for user_id in people:
        roll = rng.random()
        response = (Response.YES if roll < yes else Response.NO if roll < yes + 0.08
                    else Response.MAYBE if roll < yes + 0.12 else None)  # fmt: skip
        attended = None
        if past and meeting["status"] is MeetingStatus.SCHEDULED:
            attended = response is Response.YES and rng.random() < 0.9
        rows.invitees.append({
            "meeting_id": meeting["id"], "user_id": user_id, "response": response,
            "responded_at": meeting["created_at"] + timedelta(days=2) if response else None,
            "attended": attended,
        })  # fmt: skip


def _past_mentor_meetings(world: World, series: MeetingSeries, rows: Rows) -> int:
    """Four years of past dates; each invited the mentors active then (a sample here)."""
    rule = series_services.rule_of(series)
    first = (world.now - timedelta(days=4 * 365)).date()
    zone = ZoneInfo(rule.timezone)
    share = max(5, round(PAST_MENTOR_MEETING_SHARE * len(world.mentors)))
    count = 0
    for starts, ends in occurrences(rule, first, 49):
        if starts >= world.now:
            break
        meeting = _meeting_row(
            world, starts, int((ends - starts).total_seconds() // 60),
            kind=MeetingKind.MENTOR_MEETING, series_id=series.id, title=series.title,
            occurrence_date=starts.astimezone(zone).date(), location=series.location,
            organizer_id=None, created_at=starts - timedelta(days=300),
        )  # fmt: skip
        rows.meetings.append(meeting)
        active = [m.id for m in world.mentors if m.joined < starts]
        _answers(world, meeting, world.rng.sample(active, min(share, len(active))), rows, 0.7)
        presented = [v for v in world.ventures if v.published_at
                     and starts < v.published_at <= starts + timedelta(days=31)]  # fmt: skip
        rows.docket += [{"meeting_id": meeting["id"], "venture_id": v.id} for v in presented]
        count += 1
    return count


def _invite_every_mentor(world: World, ahead: list[Meeting], rows: Rows) -> None:
    """What the series service does for the year ahead, for the mentors added in bulk; the
    next date has the docket and the most answers."""
    # Mentors who joined through the app after the series existed are invited already (the
    # scheduling wing invites a newcomer to the coming dates at once).
    invited = set(db.session.execute(
        select(Invitee.meeting_id, Invitee.user_id)
        .where(Invitee.meeting_id.in_([m.id for m in ahead]))
    ).tuples()) if ahead else set()  # fmt: skip
    for n, meeting in enumerate(ahead):
        fields = {"id": meeting.id, "starts_at": meeting.starts_at, "status": meeting.status,
                  "created_at": world.now - timedelta(days=3)}  # fmt: skip
        mentor_ids = [m.id for m in world.mentors if (meeting.id, m.id) not in invited]
        _answers(world, fields, mentor_ids, rows, 0.35 if n == 0 else 0.08)
    if ahead:
        docket = [v for v in world.ventures if v.status is VentureStatus.DOCKETED]
        rows.docket += [{"meeting_id": ahead[0].id, "venture_id": v.id} for v in docket]


def _team_meetings(world: World, target: int, rows: Rows) -> None:
    """``target`` meetings shared by the published teams in proportion to how long each has
    met: about weekly, from a week after publishing until graduating or a month ahead."""
    spans = {}
    for team in (t for t in world.teams if t.published):
        start = team.venture.published_at + timedelta(days=7)
        spans[team.id] = (team, start, (team.venture.graduated_at or world.now + BOOKED_AHEAD))
    total_days = sum((end - start).total_seconds() for _t, start, end in spans.values())
    for team, start, end in spans.values():
        count = max(1, round(target * (end - start).total_seconds() / total_days))
        step = (end - start) / count
        days = [start + step * j for j in range(count)]
        if team.venture.graduated_at is None and days[-1] < world.now:
            days.append(world.now + timedelta(days=world.rng.uniform(3, 30)))  # the next one
        for day in days:
            starts = day.replace(hour=world.rng.choice([14, 15, 16, 21, 22]), minute=0,
                                 second=0, microsecond=0)  # fmt: skip
            _team_meeting(world, team, starts, team.member_ids + team.venture.founder_ids, rows)


def _team_meeting(world: World, team, starts: datetime, people: list[int], rows: Rows) -> None:
    rng, past = world.rng, starts < world.now
    cancelled = rng.random() < 0.03
    meeting = _meeting_row(
        world, starts, rng.choice([60, 60, 90]), team_id=team.id, title=team.venture.name,
        status=MeetingStatus.CANCELLED if cancelled else MeetingStatus.SCHEDULED,
        sequence=1 if cancelled or rng.random() < 0.05 else 0,
        organizer_id=world.coordinator_ids[0] if rng.random() < 0.7 else team.lead_id,
        agenda_reminded_at=starts - timedelta(days=3) if past else None,
        video_url="https://meet.example.org/venture" if rng.random() < 0.4 else "",
    )  # fmt: skip
    if past and not cancelled and rng.random() < 0.85:
        meeting.update(summary="Agreed to test two price points with ten pilot customers.",
                       decisions="Start with the monthly plan; revisit in four weeks.",
                       summary_at=meeting["ends_at"] + timedelta(hours=5))  # fmt: skip
    elif past and not cancelled:
        meeting["summary_reminded_at"] = meeting["ends_at"] + timedelta(days=1)
    rows.meetings.append(meeting)
    _answers(world, meeting, people, rows, 0.85 if past else 0.4)
    if not cancelled and (not past or rng.random() < 0.2):
        titles = rng.sample(AGENDA, rng.randint(2, 3))
        rows.agenda += [{"meeting_id": meeting["id"], "position": i, "title": title,
                         "owner": "", "minutes": 15} for i, title in enumerate(titles)]  # fmt: skip
    if meeting["summary"] and rng.random() < 0.1:
        rows.actions.append({"meeting_id": meeting["id"], "text": "Send the pilot contract",
                             "owner": "Founder", "due_on": (starts + timedelta(days=7)).date(),
                             "done": rng.random() < 0.8})  # fmt: skip
