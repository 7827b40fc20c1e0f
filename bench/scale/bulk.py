"""Bulk inserts for the benchmark's volume: ids chosen here, rows sent in large batches.

The ORM would take many minutes for half a million rows; a Core INSERT of thousands of
rows per statement takes seconds. Ids are chosen before inserting so related rows can be
built in Python, and the PostgreSQL sequences are moved past them afterwards, so the app's
own inserts (and the services used after the bulk phase) get fresh ids.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Table, func, insert, select, text

from vms.extensions import db

BATCH = 5_000

FIRST_NAMES = [
    "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Katrin",
    "Luis", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera",
    "Wes", "Xin", "Yara", "Zoe", "Aaron", "Bianca", "Colin", "Dana", "Emeka", "Freya",
]  # fmt: skip
LAST_NAMES = [
    "Moreno", "Okafor", "Jensen", "Chen", "Rossi", "Haddad", "Liu", "Tanaka", "Duarte",
    "Carter", "Vogel", "Ortega", "Patel", "Williams", "Ivanova", "Santos", "Murphy", "Delgado",
    "Goldberg", "Singh", "Farouk", "Novak", "Anderson", "Zhao", "Turner", "Blake", "Costa",
    "Byrne", "Kim", "Nwosu", "Lindqvist", "Mori",
]  # fmt: skip


class Ids:
    """The next free id of each table, read once from the database then counted here."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def take(self, table: Table, count: int = 1) -> range:
        if table.name not in self._next:
            self._next[table.name] = (db.session.scalar(select(func.max(table.c.id))) or 0) + 1
        start = self._next[table.name]
        self._next[table.name] = start + count
        return range(start, start + count)


def bulk(ids: Ids, table: Table, rows: list[dict]) -> None:
    """Insert ``rows`` (an id is given to those without one) in batches of BATCH."""
    if not rows:
        return
    missing = [row for row in rows if "id" not in row] if "id" in table.c else []
    if missing:
        for row, new_id in zip(missing, ids.take(table, len(missing)), strict=True):
            row["id"] = new_id
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start : start + BATCH])


def move_sequences_past_bulk_ids() -> None:
    """PostgreSQL keeps a sequence per id column, which explicit ids do not advance."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def random_hash() -> str:
    """A unique value for a token-hash column (no one holds the token)."""
    return secrets.token_hex(32)


@dataclass
class Mentor:
    id: int
    name: str
    email: str
    lead: bool
    capacity: int
    #: ISO weekdays the mentor can meet; empty means any day.
    weekdays: list[int]
    signed: bool
    joined: datetime


@dataclass
class VentureRecord:
    id: int
    name: str
    status: object
    created_at: datetime
    founder_ids: list[int]
    meeting_weekday: int | None = None
    #: When its team was published (None: no published team).
    published_at: datetime | None = None
    #: When it graduated (its team stopped meeting then).
    graduated_at: datetime | None = None


@dataclass
class TeamRecord:
    id: int
    venture: VentureRecord
    lead_id: int
    member_ids: list[int]
    published: bool


@dataclass
class Seats:
    """Hands out mentors to teams within each one's capacity and meeting days."""

    mentors: list[Mentor]
    load: dict[int, int] = field(default_factory=dict)

    def take(self, lead: bool, weekday: int | None, exclude: set[int]) -> Mentor:
        for mentor in self.mentors:
            if mentor.id in exclude or (lead and not mentor.lead):
                continue
            if weekday and mentor.weekdays and weekday not in mentor.weekdays:
                continue
            self.place(mentor)
            return mentor
        raise RuntimeError("not enough signed mentors for the teams: raise the mentor count")

    def place(self, mentor: Mentor) -> None:
        self.load[mentor.id] = self.load.get(mentor.id, 0) + 1
        if self.load[mentor.id] >= mentor.capacity and mentor in self.mentors:
            self.mentors.remove(mentor)
