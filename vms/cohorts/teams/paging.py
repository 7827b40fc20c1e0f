"""Pages of a long list: the total counted in SQL, one page read with LIMIT and OFFSET."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select, func, select

from vms.extensions import db

PAGE_SIZE = 50
Row = TypeVar("Row")


@dataclass
class Paged(Generic[Row]):
    rows: Sequence[Row]
    #: This page's number, from 1.
    number: int
    #: Rows on every page together.
    total: int
    size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_number(raw: str | None) -> int:
    """``?page=`` as a number from 1 (anything else is the first page)."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 and int(raw) > 0 else 1


def count(query: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


def page_of(query: Select, number: int, total: int, read: Callable[[Select], Sequence] = None,
            size: int = PAGE_SIZE) -> Paged:  # fmt: skip
    """Page ``number`` of ``query`` (ordered), past the last page the last one; ``read``
    turns the narrowed query into rows (scalars by default)."""
    number = min(number, max(1, -(-total // size)))
    narrowed = query.limit(size).offset((number - 1) * size)
    rows = read(narrowed) if read else list(db.session.scalars(narrowed))
    return Paged(rows, number, total, size)
