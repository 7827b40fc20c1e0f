"""What the coordinator's pipeline lists: one page of the applications matching a filter, the
counts per stage, and every matching application for the CSV export, each in a fixed number
of statements however many applications the program keeps."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from vms.cohorts.models import Program
from vms.extensions import db
from vms.paging import Page, page_of
from vms.screening.mentors.models import MentorApplication, MentorStatus


@dataclass(frozen=True)
class PipelineFilter:
    status: MentorStatus | None = None
    query: str = ""
    expertise_id: int | None = None

    def as_args(self) -> dict[str, str | int | None]:
        """The filter as ``url_for`` arguments (None is left out), for links that keep it."""
        return {
            "status": self.status.value if self.status else None,
            "q": self.query or None,
            "expertise": self.expertise_id,
        }


def _matching(program: Program, chosen: PipelineFilter) -> Select:
    """Applications matching the filter, newest first; the id breaks ties so that pages
    neither repeat nor lose a row."""
    return (
        select(MentorApplication)
        .where(MentorApplication.program_id == program.id, *_conditions(chosen))
        .order_by(MentorApplication.submitted_at.desc(), MentorApplication.id.desc())
    )


def _conditions(chosen: PipelineFilter) -> list[ColumnElement[bool]]:
    found = []
    if chosen.status is not None:
        found.append(MentorApplication.status == chosen.status)
    if chosen.query.strip():
        pattern = f"%{chosen.query.strip().lower()}%"
        found.append(
            or_(
                func.lower(MentorApplication.name).like(pattern),
                func.lower(MentorApplication.email).like(pattern),
                func.lower(MentorApplication.bio).like(pattern),
            )
        )
    if chosen.expertise_id is not None:
        found.append(MentorApplication.expertise.any(id=chosen.expertise_id))
    return found


def pipeline_page(
    program: Program, chosen: PipelineFilter, number: int, counts: dict[MentorStatus, int]
) -> Page[MentorApplication]:
    """One page of the matching applications, with what the list shows loaded for its rows
    only. ``counts`` (``stage_counts``) give the total when the filter is a stage alone."""
    statement = _matching(program, chosen).options(
        selectinload(MentorApplication.industry), selectinload(MentorApplication.expertise)
    )
    return page_of(statement, number, total=_total_from_counts(chosen, counts))


def _total_from_counts(chosen: PipelineFilter, counts: dict[MentorStatus, int]) -> int | None:
    if chosen.query.strip() or chosen.expertise_id is not None:
        return None
    return counts[chosen.status] if chosen.status is not None else sum(counts.values())


def for_export(program: Program, chosen: PipelineFilter) -> list[MentorApplication]:
    """Every matching application with what the CSV needs, in one statement (joined, so that
    no batch of eager loads grows with the program)."""
    statement = _matching(program, chosen).options(
        joinedload(MentorApplication.industry),
        joinedload(MentorApplication.function),
        joinedload(MentorApplication.expertise),
    )
    return list(db.session.scalars(statement).unique())


def stage_counts(program: Program) -> dict[MentorStatus, int]:
    counts = dict.fromkeys(MentorStatus, 0)
    for status, n in db.session.execute(
        select(MentorApplication.status, func.count())
        .where(MentorApplication.program_id == program.id)
        .group_by(MentorApplication.status)
    ):
        counts[status] = n
    return counts
