"""The imports part of a grown unit (tests/grown_world.py): more rows in each of the
program's uploads (valid ones and ones with problems), so that the preview lists more. Rows
are written directly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from vms.evidence.imports.models import ImportBatch, ImportRow
from vms.extensions import db

if TYPE_CHECKING:
    from tests.grown_world import Cast

#: Rows added to each upload per unit.
ROWS = 10


def grow(cast: Cast, unit: int) -> None:
    batches = db.session.scalars(select(ImportBatch).filter_by(program_id=cast.program.id))
    for batch in batches:
        for n in range(ROWS):
            line = 1000 * unit + n
            cells = {"name": f"Grown {unit}.{n}", "email": f"grown-{unit}-{n}@example.org",
                     "venture": f"Grown venture {unit}.{n}", "founder_name": f"Founder {n}",
                     "founder_email": f"grown-f-{unit}-{n}@example.org"}  # fmt: skip
            problems = [["bad_email", "email"]] if n % 3 == 0 else []
            db.session.add(ImportRow(batch_id=batch.id, line=line, cells=cells,
                                     problems=problems, cohort_id=batch.cohort_id))  # fmt: skip
