"""Reading and saving a program's measure settings."""

from __future__ import annotations

from vms import row_locks
from vms.cohorts.models import Program
from vms.evidence.measures.models import MeasureSettings
from vms.evidence.measures.ventures import MEANINGFUL_MEETINGS
from vms.extensions import db


def meaningful_threshold(program: Program) -> int:
    row = db.session.get(MeasureSettings, program.id)
    return row.meaningful_meetings if row is not None else MEANINGFUL_MEETINGS


def save_meaningful_threshold(program: Program, meetings: int) -> None:
    """Two saves at once: the program is held, so the second updates the first's row."""
    row_locks.lock(program)
    row = db.session.get(MeasureSettings, program.id)
    if row is None:
        row = MeasureSettings(program_id=program.id)
        db.session.add(row)
    row.meaningful_meetings = meetings
    db.session.flush()
