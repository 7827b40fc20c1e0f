"""Agreements: kind, status, parties, dates, and when each party signed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from vms.agreements.models import Agreement

HEADER = ["id", "kind", "status", "parties", "signed", "hours_per_month", "starts_on",
          "ends_on", "sent_at", "activated_at", "closed_at"]  # fmt: skip


def _iso(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""


def agreements_table(
    agreements: Sequence[Agreement], signed: dict[int, dict[int, datetime]]
) -> tuple[list[str], list[list[object]]]:
    """``signed``: agreement id -> user id -> when that party signed the current version (a
    signature of a version edited since does not count)."""
    rows = []
    for a in agreements:
        people = signed.get(a.id, {})
        rows.append([
            a.id, a.kind.value, a.status.value,
            "; ".join(f"{p.user.name} ({p.role.value})" for p in a.parties),
            "; ".join(f"{p.user.name}: {people[p.user_id].isoformat()}"
                      for p in a.parties if p.user_id in people),
            a.hours_per_month if a.hours_per_month is not None else "", _iso(a.starts_on),
            _iso(a.ends_on), _iso(a.sent_at), _iso(a.activated_at), _iso(a.closed_at),
        ])  # fmt: skip
    return HEADER, rows
