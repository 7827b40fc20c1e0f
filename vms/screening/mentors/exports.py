"""CSV exports of screening data."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from vms.screening.mentors.models import MentorApplication

WEEKDAY_CODES = {1: "Mon", 2: "Tue", 3: "Wed", 4: "Thu", 5: "Fri", 6: "Sat", 7: "Sun"}


def mentor_applications_table(
    applications: list[MentorApplication],
) -> tuple[list[str], Iterator[Sequence[object]]]:
    header = [
        "id", "name", "email", "status", "submitted_at", "industry", "function", "expertise",
        "years_experience", "days_per_month", "max_ventures", "weekdays", "link", "heard_from",
    ]  # fmt: skip
    rows = (
        [
            a.id,
            a.name,
            a.email,
            a.status.value,
            a.submitted_at.isoformat(),
            a.industry.name if a.industry else "",
            a.function.name if a.function else "",
            "; ".join(t.name for t in a.expertise),
            a.years_experience,
            a.days_per_month,
            a.max_ventures,
            " ".join(WEEKDAY_CODES[d] for d in a.weekdays),
            a.link,
            a.heard_from,
        ]  # fmt: skip
        for a in applications
    )
    return header, rows
