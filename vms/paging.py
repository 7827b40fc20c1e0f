"""One page of a long list (pipelines, a meeting's people, attendance): LIMIT and OFFSET over a
stable order, the total from a COUNT.

A page costs two statements (the count and the rows) plus the eager loads of its rows, however
many rows match: a program's years of applications never reach the page at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select, func, select

from vms.extensions import db

#: Rows on one page: enough to scan at a glance, small enough to stay well under ~200 KiB.
PAGE_SIZE = 50
#: Longer "page" arguments are not page numbers (and would only be clamped anyway).
_MAX_DIGITS = 6

Row = TypeVar("Row")


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: list[Row]
    #: 1-based, within 1 … last_number
    number: int
    #: Rows matching the filter, on every page.
    total: int
    size: int = PAGE_SIZE

    @property
    def last_number(self) -> int:
        return _last_number(self.total, self.size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.last_number

    @property
    def first_shown(self) -> int:
        """The position of the page's first row in the whole list (0 when empty)."""
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def last_shown(self) -> int:
        return (self.number - 1) * self.size + len(self.rows)


def requested_page(raw: str | None) -> int:
    """The page a ``?page=`` argument asks for; anything but a positive number is the first."""
    raw = (raw or "").strip()
    if raw.isdigit() and len(raw) <= _MAX_DIGITS:
        return max(1, int(raw))
    return 1


def page_of(
    statement: Select,
    number: int,
    size: int = PAGE_SIZE,
    total: int | None = None,
    whole_rows: bool = False,
) -> Page:
    """The rows of page ``number`` of ``statement`` (which must have a total order, ties
    broken by id, so that no row is shown twice or lost between pages). A page past the end
    shows the last one. ``total``: how many rows match, when a count the page shows anyway
    says it (one statement less); otherwise it is counted. ``whole_rows``: each row with all
    its columns (else its first)."""
    if total is None:
        total = db.session.scalar(
            select(func.count()).select_from(statement.order_by(None).subquery())
        )
    number = min(max(1, number), _last_number(total, size))
    shown = statement.limit(size).offset((number - 1) * size)
    rows = db.session.execute(shown).all() if whole_rows else db.session.scalars(shown).all()
    return Page(list(rows), number, total, size)


def _last_number(total: int, size: int) -> int:
    return max(1, -(-total // size))
