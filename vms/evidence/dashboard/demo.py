"""A year of history for the demo's evidence dashboard: last year's cohort of eight ventures,
applied month by month, six of them teamed and meeting monthly; two have gone quiet, one
writes no summaries, and one venture still waits for a team. Rows are written directly (the
services would email people): demo data sends no email. Nothing is added twice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from vms.auth.models import User
from vms.cohorts.models import (
    Cohort,
    Program,
    Venture,
    VentureNeed,
    VentureStage,
    VentureStatus,
)
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import wall_clock, wall_clock_to_utc
from vms.scheduling.models import AgendaItem, Invitee, Meeting, MeetingKind
from vms.screening.settings.models import TaxonomyKind, TaxonomyTerm

COHORT = "Ventures — last year"
_S = VentureStage
#: name, applied (days ago), days to a team (None: none yet), stage, self-assessed,
#: the last meeting (days ago; None: meets monthly up to now), summaries written
VENTURES = (
    ("Lumen Analytics", 380, 35, _S.REVENUE, True, None, True),
    ("Brightwater Labs", 350, 20, _S.PRE_REVENUE, True, None, True),
    ("Kestrel Robotics", 320, 60, _S.IDEA, False, 75, True),
    ("Oakline Foods", 280, 45, _S.REVENUE, True, None, False),
    ("Sable Health", 230, 25, _S.GROWTH, True, 48, True),
    ("Tidewater Energy", 170, 90, _S.IDEA, False, None, True),
    ("Quill Learning", 90, None, _S.PRE_REVENUE, False, None, True),
    ("Nimbus Freight", 40, None, None, False, None, True),
)  # fmt: skip


def history(program: Program, mentors: list[User], coordinator: User) -> None:
    """``mentors``: last year's, each on two of its six teams (``mentors[3n:3n+3]``, nine of
    them), the first of each three lead-eligible."""
    if db.session.scalar(select(Cohort.id).where(Cohort.program_id == program.id,
                                                 Cohort.name == COHORT)):  # fmt: skip
        return
    today = date.today()
    cohort = Cohort(program_id=program.id, name=COHORT, starts_on=today - timedelta(days=400),
                    ends_on=today - timedelta(days=30))  # fmt: skip
    db.session.add(cohort)
    db.session.flush()
    area = db.session.scalars(select(TaxonomyTerm.id).where(
        TaxonomyTerm.program_id == program.id, TaxonomyTerm.kind == TaxonomyKind.EXPERTISE)
    ).first()  # fmt: skip
    for n, row in enumerate(VENTURES):
        # Each team meets at an hour of its own (9:00, 11:00, … local): a mentor on two
        # teams is never booked twice.
        _venture(program, cohort, mentors[(3 * n) % len(mentors):][:3] or mentors[:3],
                 coordinator, area, *row, hour=9 + 2 * n)  # fmt: skip
    db.session.flush()


def _venture(program, cohort, team_mentors, coordinator, area, name, applied_days, to_team,
             stage, assessed, quiet_since, summaries, hour) -> None:  # fmt: skip
    now = now_utc().replace(minute=0, second=0, microsecond=0)
    applied = now - timedelta(days=applied_days)
    venture = Venture(program_id=program.id, cohort_id=cohort.id, name=name, needs=[],
                      created_at=applied, stage=stage, status=VentureStatus.SUBMITTED)  # fmt: skip
    venture.move_to(VentureStatus.ACCEPTED, coordinator, now=applied + timedelta(days=7))
    if assessed and area is not None:
        venture.assessment = [VentureNeed(term_id=area, strength=2, wants_help=True)]
    db.session.add(venture)
    if to_team is None:
        return
    published = applied + timedelta(days=to_team)
    venture.move_to(VentureStatus.DOCKETED, coordinator, now=published - timedelta(days=5))
    venture.move_to(VentureStatus.TEAMED, coordinator, now=published)
    team = Team(program_id=program.id, venture=venture, status=TeamStatus.PUBLISHED,
                published_at=published, published_by_id=coordinator.id,
                members=[TeamMember(mentor_id=m.id, is_lead=(i == 0))
                         for i, m in enumerate(team_mentors)])  # fmt: skip
    db.session.add(team)
    db.session.flush()
    start = _at_local_hour(now - timedelta(days=quiet_since or 3), hour, program.timezone)
    while start >= published + timedelta(days=7):
        _meeting(program, team, start, team_mentors, summaries)
        start -= timedelta(days=30)


def _at_local_hour(moment: datetime, hour: int, timezone: str) -> datetime:
    """That day's ``hour`` o'clock local, or the day before's if that is later than
    ``moment``: a meeting "75 days ago" stays at least 75 days ago, whatever the hour now."""
    day, _time = wall_clock(moment, timezone)
    start = wall_clock_to_utc(day, time(hour, 0), timezone)
    return start if start <= moment else start - timedelta(days=1)


def _meeting(program, team, start, people, summaries) -> None:
    held = Meeting(
        program_id=program.id, kind=MeetingKind.TEAM, team_id=team.id, title=team.venture.name,
        starts_at=start, ends_at=start + timedelta(hours=1), timezone=program.timezone,
        location="Martin Trust Center, room 2",
        agenda=[AgendaItem(position=0, title="Progress since last month", minutes=20)],
        invitees=[Invitee(user_id=m.id, attended=(i < 2)) for i, m in enumerate(people)],
    )  # fmt: skip
    if summaries:
        held.summary, held.summary_at = "Agreed next steps.", start + timedelta(hours=4)
    db.session.add(held)
