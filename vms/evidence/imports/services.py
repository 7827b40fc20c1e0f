"""Importing mentors and ventures: upload, preview, and one confirmation.

An upload is read and checked (``rows``) and kept as a batch with its rows; nothing else
changes. On confirmation the rows are checked again against the program as it is then (an
address may have been invited meanwhile), and the chosen rows go in through the services
the program already uses: a mentor is invited (``cohorts.services.invite``, with its email);
a venture is recorded as an application (``screening.ventures.services.submit``, which
emails its founder the profile link), accepted, and its founder invited as an entrepreneur.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vms import row_locks
from vms.auth.models import Role, User
from vms.cohorts import services as cohorts
from vms.cohorts.models import (
    Cohort,
    CohortMember,
    Invitation,
    InvitationStatus,
    Program,
    Venture,
    VentureStage,
    VentureStatus,
)
from vms.database import now_utc
from vms.evidence.imports import rows as checks
from vms.evidence.imports.models import BatchStatus, ImportBatch, ImportMode, ImportRow
from vms.evidence.imports.rows import ImportKind
from vms.extensions import db
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.screening.ventures import services as ventures

#: How long a preview waits for its confirmation.
BATCH_HOURS = 24


class AlreadyImported(Exception):
    pass


class BatchExpired(Exception):
    pass


class RowsInvalid(Exception):
    """All or nothing was chosen and some rows have problems."""

    def __init__(self, invalid: int):
        super().__init__(f"{invalid} rows have problems")
        self.invalid = invalid


@dataclass(frozen=True)
class ImportResult:
    imported: int
    left_out: int


def known_facts(program: Program, default_cohort: Cohort | None) -> checks.Known:
    """What the rows are checked against: five statements, whatever the program's size."""
    cohort_ids = {name.lower(): id_ for id_, name in db.session.execute(
        select(Cohort.id, Cohort.name).where(Cohort.program_id == program.id))}  # fmt: skip
    mentors = db.session.execute(
        select(User.email, CohortMember.cohort_id)
        .join(CohortMember, CohortMember.user_id == User.id)
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(Cohort.program_id == program.id, CohortMember.role == Role.MENTOR)
    )  # fmt: skip
    # Any pending invitation, expired or not: the invitation service refuses those too.
    invited = db.session.execute(
        select(Invitation.email, Invitation.cohort_id).where(
            Invitation.program_id == program.id, Invitation.role == Role.MENTOR,
            Invitation.status == InvitationStatus.PENDING, Invitation.cohort_id.is_not(None))
    )  # fmt: skip
    # Lower case in Python: SQLite's lower() leaves "Ñ" as it is.
    names = db.session.scalars(select(Venture.name).where(Venture.program_id == program.id))
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)
    return checks.Known(
        cohorts=cohort_ids, need_areas={term.name.lower(): term.name for term in areas},
        mentors=frozenset((e.lower(), c) for e, c in mentors),
        invited=frozenset((e.lower(), c) for e, c in invited),
        ventures=frozenset(name.lower() for name in names),
        default_cohort=default_cohort.id if default_cohort else None,
    )  # fmt: skip


def start_batch(
    program: Program, kind: ImportKind, cohort: Cohort | None, filename: str, data: bytes,
    uploaded_by: User | None, now: datetime | None = None,
) -> ImportBatch:  # fmt: skip
    """Read and check the file and keep it for its preview. Raises ``rows.FileRefused``."""
    now = now or now_utc()
    table = checks.read_table(data, kind)
    checked = checks.check_rows(kind, table, known_facts(program, cohort))
    _forget_expired(program, now)
    batch = ImportBatch(
        program_id=program.id, kind=kind, cohort=cohort, filename=filename[:200],
        uploaded_by=uploaded_by, created_at=now, expires_at=now + timedelta(hours=BATCH_HOURS),
        rows=[ImportRow(line=row.line, cells=row.values, cohort_id=row.cohort_id,
                        problems=_problems(row)) for row in checked],
    )  # fmt: skip
    db.session.add(batch)
    db.session.flush()
    return batch


def _problems(row: checks.CheckedRow) -> list[list[str]]:
    return [[p.value, c] for p, c in zip(row.problems, row.columns, strict=True)]


def _forget_expired(program: Program, now: datetime) -> None:
    """Previews nobody confirmed in time hold people's addresses for nothing."""
    stale = db.session.scalars(
        select(ImportBatch).where(
            ImportBatch.program_id == program.id,
            ImportBatch.status == BatchStatus.PREVIEW,
            ImportBatch.expires_at <= now,
        )
    )
    for batch in stale:
        db.session.delete(batch)


def batch_in_program(program: Program, batch_id: int) -> ImportBatch | None:
    return db.session.scalar(
        select(ImportBatch)
        .where(ImportBatch.id == batch_id, ImportBatch.program_id == program.id)
        .options(selectinload(ImportBatch.rows), selectinload(ImportBatch.cohort))
    )


def confirm(
    program: Program, batch: ImportBatch, mode: ImportMode, actor: User,
    now: datetime | None = None,
) -> ImportResult:  # fmt: skip
    """Import the chosen rows, once: a second confirmation finds the batch imported."""
    now = now or now_utc()
    # The program owns "one venture per name" and "one invitation per address" (the services
    # below lock it too): held first, so two batches confirmed at once check one after the
    # other; the batch, so that the same one confirmed twice imports once.
    row_locks.lock(program)
    row_locks.lock(batch)
    state = batch.state(now)
    if state is BatchStatus.IMPORTED:
        raise AlreadyImported(batch.id)
    if state is BatchStatus.EXPIRED:
        raise BatchExpired(batch.id)
    _check_again(program, batch)
    invalid = sum(1 for row in batch.rows if not row.is_valid)
    if invalid and mode is ImportMode.ALL_OR_NOTHING:
        raise RowsInvalid(invalid)
    chosen = [row for row in batch.rows if row.is_valid]
    cohorts_by_id = {c.id: c for c in program.cohorts}
    for row in chosen:
        _import_row(program, batch.kind, row, cohorts_by_id.get(row.cohort_id), actor)
        row.imported = True
    batch.mark_imported(mode, len(chosen), now)
    db.session.flush()
    return ImportResult(imported=len(chosen), left_out=invalid)


def _check_again(program: Program, batch: ImportBatch) -> None:
    """The program may have changed since the preview: check every row as it is now."""
    known = known_facts(program, batch.cohort)
    table = [row.cells for row in batch.rows]
    for stored, fresh in zip(batch.rows, checks.check_rows(batch.kind, table, known), strict=True):
        stored.problems, stored.cohort_id = _problems(fresh), fresh.cohort_id


def _import_row(
    program: Program, kind: ImportKind, row: ImportRow, cohort: Cohort | None, actor: User
) -> None:
    if kind is ImportKind.MENTORS:
        cohorts.invite(program, cohort, row.cells["email"], Role.MENTOR, actor)
    else:
        _import_venture(program, row, cohort, actor)


def _import_venture(program: Program, row: ImportRow, cohort: Cohort | None, actor: User) -> None:
    values = row.cells
    areas = {t.name: t.id for t in taxonomy.terms(program, TaxonomyKind.EXPERTISE)}
    needs, _refused = checks.parse_needs(values.get("needs", ""), {n.lower(): n for n in areas})
    stage = checks.stage_of(values.get("stage", ""))
    founder = ventures.FounderInput(values["founder_name"], values["founder_email"], None)
    data = ventures.VentureProfileInput(
        name=values["venture"], description=values.get("description", ""),
        stage=VentureStage(stage) if stage else None, sector_id=None,
        website=values.get("website", ""), goal_statement=values.get("goal", ""),
        founders=[founder], assessment={areas[n.area]: (n.strength, True) for n in needs},
        locale=program.default_locale,
    )  # fmt: skip
    venture, _token = ventures.submit(program, data)
    venture.cohort_id = cohort.id if cohort else None
    ventures.move(program, venture, VentureStatus.ACCEPTED, actor, "Imported from a CSV file")
    # Already invited or already in: the venture is what this row adds.
    with suppress(cohorts.DuplicateInvitation, cohorts.AlreadyMember):
        cohorts.invite(program, cohort, founder.email, Role.ENTREPRENEUR, actor)


def template_table(kind: ImportKind) -> tuple[list[str], list[list[str]]]:
    """The downloadable template: the header and one example row."""
    examples = {
        ImportKind.MENTORS: ["Ana Núñez", "ana@example.org", ""],
        ImportKind.VENTURES: [
            "Solar Café", "Ana Núñez", "ana@example.org", "", "idea", "https://example.org",
            "Coffee roasted with the sun.", "Open a second shop this year.",
            "Fundraising: 2; Sales: 3",
        ],
    }  # fmt: skip
    return list(checks.HEADERS[kind]), [examples[kind]]
