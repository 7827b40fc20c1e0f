"""The facts behind the measures of one program, in a fixed number of statements: the
counting is grouped in the database, never done team by team."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, exists, func, literal_column, or_, select
from sqlalchemy.orm import aliased

from vms.agreements.models import Agreement
from vms.cohorts.models import (
    Program,
    Venture,
    VentureEvent,
    VentureFounder,
    VentureNeed,
    VentureStatus,
)
from vms.cohorts.teams.models import Team, TeamStatus
from vms.evidence.measures.scope import Scope
from vms.evidence.measures.ventures import VentureFacts
from vms.extensions import db
from vms.onboarding.files.models import FilePurpose, StoredFile
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent
from vms.scheduling.models import Meeting, MeetingKind, MeetingStatus
from vms.screening.settings.models import TaxonomyTerm
from vms.screening.ventures.completeness import ProfileFacts, completeness
from vms.screening.ventures.services import area_count

#: Statuses only an accepted venture reaches.
_PAST_ACCEPTANCE = (VentureStatus.ACCEPTED, VentureStatus.DOCKETED, VentureStatus.TEAMED,
                    VentureStatus.ACTIVE, VentureStatus.GRADUATED)  # fmt: skip


def held_team_meetings(program: Program, now: datetime) -> list:
    return [Meeting.program_id == program.id, Meeting.kind == MeetingKind.TEAM,
            Meeting.status == MeetingStatus.SCHEDULED, Meeting.starts_at <= now]  # fmt: skip


def venture_facts(program: Program, scope: Scope, now: datetime) -> list[VentureFacts]:
    """The ventures that applied in the range (of the cohort), each with its way to a team."""
    areas = area_count(program)
    founders, needs = _profile_counts(program)
    teams, meetings = _team_counts(program, now)
    accepted = exists().where(VentureEvent.venture_id == Venture.id,
                              VentureEvent.to_status == VentureStatus.ACCEPTED)  # fmt: skip
    rows = db.session.execute(
        select(Venture.id, Venture.created_at, Venture.status, Venture.stage, TaxonomyTerm.name,
               func.length(Venture.description), func.length(Venture.website),
               Venture.goal_statement, founders.c.n, founders.c.affiliated, needs.c.n,
               needs.c.help, teams.c.at, meetings.c.n, meetings.c.first, accepted,
               _has_file(FilePurpose.LOGO), _has_file(FilePurpose.PITCH_DECK))
        .outerjoin(TaxonomyTerm, TaxonomyTerm.id == Venture.sector_id)
        .outerjoin(founders, founders.c.venture_id == Venture.id)
        .outerjoin(needs, needs.c.venture_id == Venture.id)
        .outerjoin(teams, teams.c.venture_id == Venture.id)
        .outerjoin(meetings, meetings.c.venture_id == Venture.id)
        .where(Venture.program_id == program.id, *_range(Venture.created_at, scope),
               *([Venture.cohort_id == scope.cohort_id] if scope.cohort_id else []))
    ).tuples()  # fmt: skip
    return [_venture(row, areas) for row in rows]


def _has_file(purpose: FilePurpose):
    """Whether the venture has a file of this purpose: the meter counts a logo and a deck."""
    return exists().where(StoredFile.venture_id == Venture.id, StoredFile.purpose == purpose)


def _profile_counts(program: Program) -> tuple:
    """Per venture of the program: founders (and those with an affiliation); areas rated (and
    those where help is wanted)."""
    founders = (select(VentureFounder.venture_id, func.count(VentureFounder.id).label("n"),
                       func.count(VentureFounder.affiliation).label("affiliated"))
                .join(Venture, Venture.id == VentureFounder.venture_id)
                .where(Venture.program_id == program.id)
                .group_by(VentureFounder.venture_id).subquery())  # fmt: skip
    needs = (select(VentureNeed.venture_id, func.count(VentureNeed.id).label("n"),
                    func.sum(case((VentureNeed.wants_help.is_(True), 1), else_=0)).label("help"))
             .join(Venture, Venture.id == VentureNeed.venture_id)
             .where(Venture.program_id == program.id)
             .group_by(VentureNeed.venture_id).subquery())  # fmt: skip
    return founders, needs


def _team_counts(program: Program, now: datetime) -> tuple:
    """Per venture of the program: its first team's publication; team meetings held and the
    first one's start."""
    teams = (select(Team.venture_id, func.min(Team.published_at).label("at"))
             .where(Team.program_id == program.id, Team.published_at.is_not(None))
             .group_by(Team.venture_id).subquery())  # fmt: skip
    meetings = (select(Team.venture_id, func.count(Meeting.id).label("n"),
                       func.min(Meeting.starts_at).label("first"))
                .join(Team, Team.id == Meeting.team_id)
                .where(*held_team_meetings(program, now))
                .group_by(Team.venture_id).subquery())  # fmt: skip
    return teams, meetings


def _venture(row: tuple, areas: int) -> VentureFacts:
    (vid, applied, status, stage, sector, described, website, goal, founders, affiliated,
     rated, helped, teamed, held, first, accepted, has_logo, has_deck) = row  # fmt: skip
    profile = ProfileFacts(
        has_description=bool(described), has_stage=stage is not None,
        has_sector=sector is not None, has_website=bool(website),
        goal_words=len((goal or "").split()), founders=founders or 0,
        founders_with_affiliation=affiliated or 0, areas_rated=rated or 0, areas_total=areas,
        areas_wanting_help=helped or 0, has_image=bool(has_logo), has_deck=bool(has_deck),
    )  # fmt: skip
    return VentureFacts(
        vid, applied, bool(accepted) or status in _PAST_ACCEPTANCE, teamed, first, held or 0,
        stage.value if stage else None, sector, bool(rated), completeness(profile).percent,
    )  # fmt: skip


def _range(column, scope: Scope) -> list:
    return [*([column >= scope.starts_at] if scope.starts_at else []),
            *([column < scope.ends_before] if scope.ends_before else [])]  # fmt: skip


def _month(column):
    """The UTC month of a moment as "YYYY-MM", in the database's own dialect."""
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), literal_column("'YYYY-MM'"))
    return func.strftime("%Y-%m", column)


def meetings_by_month(program: Program, scope: Scope, first: date, now: datetime
                      ) -> dict[str, int]:  # fmt: skip
    """Team meetings held per month, from the month of ``first`` to the range's end."""
    start = datetime.combine(first.replace(day=1), datetime.min.time(), tzinfo=now.tzinfo)
    month = _month(Meeting.starts_at).label("month")
    query = (select(month, func.count(Meeting.id))
             .where(*held_team_meetings(program, now), Meeting.starts_at >= start,
                    *_range(Meeting.starts_at, scope)).group_by(month))  # fmt: skip
    if scope.cohort_id:
        query = (query.join(Team, Team.id == Meeting.team_id)
                 .join(Venture, Venture.id == Team.venture_id)
                 .where(Venture.cohort_id == scope.cohort_id))  # fmt: skip
    return dict(db.session.execute(query).tuples().all())


def team_publications(program: Program, scope: Scope) -> list[datetime]:
    """When each live team of the program (of the cohort) was published."""
    return list(db.session.scalars(
        select(Team.published_at).join(Venture, Venture.id == Team.venture_id)
        .where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED,
               Team.published_at.is_not(None),
               *([Venture.cohort_id == scope.cohort_id] if scope.cohort_id else []))
    ))  # fmt: skip


def pair_ranks(program: Program, scope: Scope) -> dict[int, int]:
    """rank the member gave the mentor -> published pairs (in the range, of the cohort)."""
    return dict(db.session.execute(
        select(PeerPair.rank, func.count(PeerPair.id))
        .join(PeerEvent, PeerEvent.id == PeerPair.event_id)
        .where(PeerEvent.program_id == program.id, PeerPair.published_at.is_not(None),
               *_range(PeerPair.published_at, scope),
               *([PeerEvent.cohort_id == scope.cohort_id] if scope.cohort_id else []))
        .group_by(PeerPair.rank)
    ).tuples().all())  # fmt: skip


def agreement_rows(program: Program, scope: Scope) -> list[tuple[str, bool]]:
    """(status, ever activated) of each agreement made in the range, of the cohort's teams
    and pairs."""
    query = select(Agreement.status, Agreement.activated_at.is_not(None)).where(
        Agreement.program_id == program.id, *_range(Agreement.created_at, scope)
    )
    if scope.cohort_id:
        team_venture, pair_event = aliased(Venture), aliased(PeerEvent)
        query = (query.outerjoin(Team, Team.id == Agreement.team_id)
                 .outerjoin(team_venture, team_venture.id == Team.venture_id)
                 .outerjoin(PeerPair, PeerPair.id == Agreement.peer_pair_id)
                 .outerjoin(pair_event, pair_event.id == PeerPair.event_id)
                 .where(or_(team_venture.cohort_id == scope.cohort_id,
                            pair_event.cohort_id == scope.cohort_id)))  # fmt: skip
    return [(status.value, bool(active)) for status, active in db.session.execute(query)]
