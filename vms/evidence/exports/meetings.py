"""Meetings and their answers: one row per invitee (RSVP and attendance)."""

from __future__ import annotations

from collections.abc import Sequence

from vms.scheduling.models import Meeting

HEADER = ["meeting_id", "kind", "title", "starts_at", "status", "location", "person", "email",
          "rsvp", "attended"]  # fmt: skip


def _attended(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def meetings_table(meetings: Sequence[Meeting]) -> tuple[list[str], list[list[object]]]:
    """A meeting nobody is invited to still has its row (with the person columns empty)."""
    rows = []
    for m in meetings:
        first = [m.id, m.kind.value, m.title, m.starts_at.isoformat(), m.status.value, m.location]
        if not m.invitees:
            rows.append([*first, "", "", "", ""])
        for i in m.invitees:
            rows.append([*first, i.user.name, i.user.email, i.response.value if i.response else "",
                         _attended(i.attended)])  # fmt: skip
    return HEADER, rows
