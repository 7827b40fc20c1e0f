"""The people of a program: one row per person and role, with the cohorts they are in."""

from __future__ import annotations

from collections.abc import Sequence

from vms.auth.models import Membership

HEADER = ["name", "email", "role", "cohorts", "member_since"]


def people_table(
    memberships: Sequence[Membership], cohorts_of: dict[tuple[int, str], list[str]]
) -> tuple[list[str], list[list[object]]]:
    """``cohorts_of``: (user id, role value) -> the names of the cohorts held in that role."""
    rows = [
        [m.user.name, m.user.email, m.role.value,
         "; ".join(sorted(cohorts_of.get((m.user_id, m.role.value), []))),
         m.created_at.isoformat()]
        for m in memberships
    ]  # fmt: skip
    return HEADER, rows
