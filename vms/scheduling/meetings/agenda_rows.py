"""The agenda form's rows as typed: add one, remove one, move one up or down (pure, no Flask).

The form works without a script: each button submits the whole form with a name and value
(``op=add``, ``op=remove-2``, ``op=up-2``, ``op=down-2``), the view applies the move to the
rows exactly as typed (strings, even a "minutes" that is not a number yet) and shows the form
again. Only "Save" validates and writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: Most items one agenda holds: an hour's meeting with more is a list, not an agenda.
MAX_ITEMS = 20
#: Empty rows a new agenda opens with.
NEW_AGENDA_ROWS = 3
FIELDS = ("title", "owner", "minutes")


class TooManyItems(Exception):
    """ "Add an item" on an agenda that already has MAX_ITEMS rows."""


@dataclass(frozen=True)
class TypedRow:
    title: str = ""
    owner: str = ""
    minutes: str = ""

    @property
    def empty(self) -> bool:
        return not (self.title.strip() or self.owner.strip() or self.minutes.strip())


def rows_from(formdata: Mapping[str, str], prefix: str = "items") -> list[TypedRow]:
    """The posted rows in their shown order (``items-<n>-title``…), at most MAX_ITEMS + 1."""
    indices: set[int] = set()
    for key in formdata:
        head, _, rest = key.partition("-")
        number, _, field = rest.partition("-")
        if head == prefix and number.isdigit() and len(number) < 4 and field in FIELDS:
            indices.add(int(number))
    ordered = sorted(indices)[: MAX_ITEMS + 1]
    return [
        TypedRow(*(str(formdata.get(f"{prefix}-{n}-{field}", "")) for field in FIELDS))
        for n in ordered
    ]


def apply(rows: list[TypedRow], op: str) -> list[TypedRow]:
    """The rows after one button: ``add``, ``remove-<i>``, ``up-<i>``, ``down-<i>``.

    An unknown button or a position outside the list changes nothing; the form always
    keeps at least one row to type in."""
    rows = list(rows)
    verb, _, number = op.partition("-")
    if verb == "add":
        if len(rows) >= MAX_ITEMS:
            raise TooManyItems()
        return [*rows, TypedRow()]
    if not number.isdigit() or not 0 <= int(number) < len(rows):
        return rows
    i = int(number)
    if verb == "remove":
        del rows[i]
    elif verb == "up" and i > 0:
        rows[i - 1], rows[i] = rows[i], rows[i - 1]
    elif verb == "down" and i < len(rows) - 1:
        rows[i], rows[i + 1] = rows[i + 1], rows[i]
    return rows or [TypedRow()]


def as_formdata(rows: list[TypedRow], prefix: str = "items") -> dict[str, str]:
    """The rows renumbered 0…n-1, as a form would post them."""
    return {
        f"{prefix}-{n}-{field}": getattr(row, field)
        for n, row in enumerate(rows)
        for field in FIELDS
    }
