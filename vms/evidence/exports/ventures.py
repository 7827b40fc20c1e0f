"""Ventures with their founders and needs self-assessment: one column pair per need area."""

from __future__ import annotations

from collections.abc import Sequence

from vms.cohorts.models import Venture

HEADER = [
    "id", "name", "status", "stage", "sector", "cohort", "website", "founders", "goal",
    "applied_at",
]  # fmt: skip


def ventures_table(
    ventures: Sequence[Venture], areas: Sequence[str], cohort_names: dict[int, str]
) -> tuple[list[str], list[list[object]]]:
    """``areas``: the program's need areas, in order; each gives a strength (1–5, empty when
    not rated) and a wants-help (yes/no) column."""
    header = [*HEADER, *(f"{kind}: {area}" for area in areas for kind in ("strength", "help"))]
    rows = []
    for v in ventures:
        answers = {need.term.name: need for need in v.assessment}
        assessed = []
        for area in areas:
            need = answers.get(area)
            assessed += [need.strength, "yes" if need.wants_help else "no"] if need else ["", ""]
        rows.append([
            v.id, v.name, v.status.value, v.stage.value if v.stage else "",
            v.sector.name if v.sector else "", cohort_names.get(v.cohort_id, ""), v.website,
            "; ".join(f"{f.name} <{f.contact_email}>" for f in v.founders), v.goal_statement,
            v.created_at.isoformat(), *assessed,
        ])  # fmt: skip
    return header, rows
