"""Each program's nudge delays: its ``nudge_settings`` row, or the defaults."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from vms import row_locks
from vms.cohorts.models import Program
from vms.extensions import db
from vms.notifications.models import NUDGE_DEFAULTS, NudgeSettings


def delays_by_program() -> dict[int, NudgeSettings]:
    """Every program's delays in one statement (a program without a row gets the defaults,
    in an unsaved row)."""
    rows = db.session.execute(
        select(Program.id, NudgeSettings)
        .outerjoin(NudgeSettings, NudgeSettings.program_id == Program.id)
    ).tuples()  # fmt: skip
    return {pid: row or NudgeSettings(program_id=pid, **NUDGE_DEFAULTS) for pid, row in rows}


def longest(delays: Mapping[int, NudgeSettings], name: str) -> int:
    """The longest of the programs' values of one delay (the sweep's window)."""
    return max((getattr(d, name) for d in delays.values()), default=NUDGE_DEFAULTS[name])


def delays_for(program: Program) -> NudgeSettings:
    row = db.session.get(NudgeSettings, program.id)
    return row or NudgeSettings(program_id=program.id, **NUDGE_DEFAULTS)


def save_delays(program: Program, values: Mapping[str, int]) -> None:
    """Two saves at once: the program is held, so the second updates the first's row."""
    row_locks.lock(program)
    row = db.session.get(NudgeSettings, program.id)
    if row is None:
        row = NudgeSettings(program_id=program.id, **NUDGE_DEFAULTS)
        db.session.add(row)
    for name in NUDGE_DEFAULTS:
        setattr(row, name, values[name])
    db.session.flush()
