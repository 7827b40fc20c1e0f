"""The export routes: coordinators' downloads; another program's list is a 404.

Each takes the filter of the page it is linked from, and exports every matching row.
"""

from __future__ import annotations

from flask import abort, request

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program, VentureStatus
from vms.csv_export import csv_response
from vms.evidence.exports import (
    agreements,
    bp,
    meetings,
    peer,
    people,
    queries,
    teams,
    ventures,
)
from vms.scheduling.models import MeetingKind
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind

_BASE = "/p/<program_slug>/evidence/exports"


def _chosen(enum_class, argument: str):
    """The filter's value from the query string; anything unknown means no filter."""
    value = request.args.get(argument, "")
    return enum_class(value) if value in {member.value for member in enum_class} else None


@bp.route(f"{_BASE}/people.csv")
@program_view(Role.COORDINATOR)
def export_people(program: Program):
    """Everyone, or the people of one cohort (``?cohort=``, from the cohort's page)."""
    cohort = None
    if request.args.get("cohort"):
        wanted = request.args.get("cohort", type=int)
        cohort = next((c for c in program.cohorts if c.id == wanted), None) or abort(404)
    table = people.people_table(queries.memberships(program, cohort),
                                queries.cohorts_of_people(program))  # fmt: skip
    suffix = f"-cohort-{cohort.id}" if cohort else ""
    return csv_response(f"{program.slug}-people{suffix}.csv", *table)


@bp.route(f"{_BASE}/ventures.csv")
@program_view(Role.COORDINATOR)
def export_ventures(program: Program):
    """The venture pipeline's filter (``?status=``, ``?q=``), every matching venture."""
    found = queries.ventures(program, _chosen(VentureStatus, "status"),
                             request.args.get("q", "")[:200])  # fmt: skip
    areas = [term.name for term in taxonomy.terms(program, TaxonomyKind.EXPERTISE)]
    table = ventures.ventures_table(found, areas, queries.cohort_names(program))
    return csv_response(f"{program.slug}-ventures.csv", *table)


@bp.route(f"{_BASE}/teams.csv")
@program_view(Role.COORDINATOR)
def export_teams(program: Program):
    return csv_response(f"{program.slug}-teams.csv", *teams.teams_table(queries.teams(program)))


@bp.route(f"{_BASE}/meetings.csv")
@program_view(Role.COORDINATOR)
def export_meetings(program: Program):
    """Every meeting (or one kind, ``?kind=``; upcoming or past, ``?when=``, as the meetings
    page shows them) with each invitee's answer and attendance."""
    kind, when = _chosen(MeetingKind, "kind"), request.args.get("when")
    found = queries.meetings(program, kind, when if when in ("upcoming", "past") else None)
    table = meetings.meetings_table(found)
    suffix = f"-{kind.value.replace('_', '-')}" if kind else ""
    return csv_response(f"{program.slug}-meetings{suffix}.csv", *table)


def _event_or_404(program: Program, event_id: int):
    return queries.event_in_program(program, event_id) or abort(404)


@bp.route(f"{_BASE}/peer/events/<int:event_id>/rankings.csv")
@program_view(Role.COORDINATOR)
def export_rankings(program: Program, event_id: int):
    event = _event_or_404(program, event_id)
    table = peer.rankings_table(*queries.rankings(event))
    return csv_response(f"{program.slug}-event-{event.id}-rankings.csv", *table)


@bp.route(f"{_BASE}/peer/events/<int:event_id>/pairs.csv")
@program_view(Role.COORDINATOR)
def export_pairs(program: Program, event_id: int):
    event = _event_or_404(program, event_id)
    table = peer.pairs_table(queries.pairs(event))
    return csv_response(f"{program.slug}-event-{event.id}-pairs.csv", *table)


@bp.route(f"{_BASE}/agreements.csv")
@program_view(Role.COORDINATOR)
def export_agreements(program: Program):
    table = agreements.agreements_table(*queries.agreements(program))
    return csv_response(f"{program.slug}-agreements.csv", *table)
