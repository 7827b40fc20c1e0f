"""One page of a long list of a meeting's people: LIMIT and OFFSET over a stable order, the
total from a COUNT, so a page costs the same whether the program has 30 mentors or 3,000.

(The same shape as the screening pages' paging, so the two can become one.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select, func, select

from vms.extensions import db

#: Names on one page: enough to scan at a glance, few enough to keep the page small.
PAGE_SIZE = 50
#: Longer "page" arguments are not page numbers.
_MAX_DIGITS = 6

Row = TypeVar("Row")


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: list[Row]
    #: 1-based, within 1 … last_number.
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


def requested_page(raw: str | None) -> int:
    """The page a ``?page=`` argument asks for; anything but a positive number is the first."""
    raw = (raw or "").strip()
    return max(1, int(raw)) if raw.isdigit() and len(raw) <= _MAX_DIGITS else 1


def page_of(statement: Select, number: int, size: int = PAGE_SIZE) -> Page:
    """Page ``number`` of ``statement``, whose order must be total (ties broken by id) so that
    nobody is shown twice or lost between pages. A page past the end shows the last one."""
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    number = min(max(1, number), _last_number(total, size))
    rows = db.session.scalars(statement.limit(size).offset((number - 1) * size))
    return Page(list(rows), number, total, size)


def _last_number(total: int, size: int) -> int:
    return max(1, -(-total // size))
