"""What the demo program has been doing: mentor teams (published and drafts) and meetings.

Made through the services where they send nothing (proposals, series), and as rows where
the services would email people (publishing, scheduling): demo data sends no email.
"""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select

from vms.cohorts.models import VentureStatus
from vms.cohorts.teams import services as team_services
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import wall_clock, wall_clock_to_utc
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind, Response
from vms.scheduling.series import services as series_services


def teams(program, mentors, coordinator) -> None:
    """Teams proposed for the docket; the first three published (without emails: demo data)."""
    if db.session.scalar(select(Team.id).where(Team.program_id == program.id)) is not None:
        return
    db.session.flush()
    docket = team_services.proposable_ventures(program)
    for venture in docket[:2]:
        for mentor in mentors[:3]:
            team_services.set_volunteer(program, venture, mentor, True)
    drafts = team_services.propose(program, [v.id for v in docket])
    for team in [t for t in drafts if t.members][:3]:
        team.venture.move_to(VentureStatus.TEAMED, coordinator, note="team published")
        team.publish(coordinator, now_utc())


AGENDAS = [
    [("Pricing for the first customers", 20), ("Hiring a technical co-founder", 25),
     ("Next month’s goals", 10)],
    [("Pilot results", 15), ("Fundraising plan", 30)],
]  # fmt: skip


#: Past monthly mentor meetings the demo has held, with who came.
PAST_MENTOR_MEETINGS = timedelta(days=130)


def meetings(program, coordinator) -> None:
    """The monthly mentor meeting (four past dates with their answers and attendance, and a
    year ahead), and for each published team a past meeting with its summary, an upcoming one
    with an agenda and one whose agenda is pending, each at an early-evening local hour on a
    day of its own (no lead is double-booked). No emails."""
    if series_services.program_series(program):
        return
    details = series_services.SeriesDetails("Monthly mentor meeting", 1, 2, time(18, 0), 120,
                                            program.timezone, "Room 4-231")  # fmt: skip
    series = series_services.create_series(program, details, now_utc() - PAST_MENTOR_MEETINGS)
    series_services.keep_ahead(series)
    _attendance_of_past_dates(series)
    today = wall_clock(now_utc(), program.timezone)[0]
    published = db.session.scalars(
        select(Team).where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED)
    ).all()
    for n, team in enumerate(published):
        people = [m.mentor_id for m in team.members] + [
            f.user_id for f in team.venture.founders if f.user_id
        ]
        for days, agenda, summary in (
            (-14 - n, AGENDAS[0], True),
            (6 + n, AGENDAS[n % 2], False),
            (20 + n, None, False),
        ):
            start = wall_clock_to_utc(today + timedelta(days=days), time(17 + n % 3, 0),
                                      program.timezone)  # fmt: skip
            meeting = Meeting(
                program_id=program.id, kind=MeetingKind.TEAM, team_id=team.id,
                title=team.venture.name, starts_at=start, ends_at=start + timedelta(hours=1),
                timezone=program.timezone, location="Martin Trust Center, room 2",
                organizer_id=coordinator.id,
                invitees=[Invitee(user_id=uid, response=Response.YES if days < 0 else None,
                                  attended=True if days < 0 else None) for uid in people],
                agenda=[AgendaItem(position=i, title=t, minutes=m)
                        for i, (t, m) in enumerate(agenda or [])],
            )  # fmt: skip
            if summary:
                meeting.summary = "Agreed to test two price points with ten pilot customers."
                meeting.decisions = "Start with the monthly plan; revisit in four weeks."
                meeting.summary_at = start + timedelta(hours=3)
            db.session.add(meeting)


def _attendance_of_past_dates(series) -> None:
    """Most mentors said yes to the past dates and came; a few said no, a few never answered."""
    now = now_utc()
    past = db.session.scalars(
        select(Meeting).where(Meeting.series_id == series.id, Meeting.ends_at < now)
    ).all()
    for meeting in past:
        for n, invitee in enumerate(sorted(meeting.invitees, key=lambda i: i.user_id)):
            if n % 7 == 6:
                continue  # never answered
            said_yes = n % 5 != 4
            invitee.response = Response.YES if said_yes else Response.NO
            invitee.responded_at = meeting.starts_at - timedelta(days=3)
            invitee.attended = said_yes and n % 9 != 8
