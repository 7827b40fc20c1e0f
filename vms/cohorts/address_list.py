"""A pasted list of email addresses, read the way people paste them (pure, no Flask).

Addresses are separated by commas, semicolons or new lines; ``Name <address>`` and
``"Doe, Jane" <address>`` are accepted (a separator inside quotes or angle brackets does not
split). Each entry keeps what was typed, so the preview can show it next to its problem.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from email.utils import parseaddr

from email_validator import EmailNotValidError, validate_email

#: Most addresses one paste may hold: a longer list is an import (a CSV), not an invitation.
MAX_ADDRESSES = 200
_SEPARATORS = ",;\n\r"


class Problem(enum.Enum):
    NOT_AN_ADDRESS = "not-an-address"
    #: The same address earlier in the list (the first one is kept).
    REPEATED = "repeated"
    ALREADY_MEMBER = "already-member"
    ALREADY_INVITED = "already-invited"


@dataclass(frozen=True)
class PastedAddress:
    typed: str
    name: str = ""
    #: Lower-cased; empty when what was typed is not an address.
    email: str = ""
    problem: Problem | None = None

    @property
    def valid(self) -> bool:
        return self.problem is None


def pieces(text: str) -> list[str]:
    """What was typed between separators, stripped, empty pieces dropped."""
    found, current, quoted, bracketed = [], [], False, False
    for char in text:
        if char == '"' and not bracketed:
            quoted = not quoted
        elif char == "<" and not quoted:
            bracketed = True
        elif char == ">" and not quoted:
            bracketed = False
        if char in _SEPARATORS and not (quoted or bracketed):
            found.append("".join(current))
            current = []
        else:
            current.append(char)
    found.append("".join(current))
    return [piece.strip() for piece in found if piece.strip()]


def read(text: str) -> list[PastedAddress]:
    """Every piece of the list, each with its address or its problem; repeats marked."""
    seen: set[str] = set()
    entries = []
    for typed in pieces(text):
        entry = _address(typed)
        if entry.valid and entry.email in seen:
            entry = replace(entry, problem=Problem.REPEATED)
        seen.add(entry.email)
        entries.append(entry)
    return entries


def _address(typed: str) -> PastedAddress:
    name, address = parseaddr(typed)
    if not address or len(address) > 254 or "@" not in address:
        return PastedAddress(typed, problem=Problem.NOT_AN_ADDRESS)
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return PastedAddress(typed, problem=Problem.NOT_AN_ADDRESS)
    return PastedAddress(typed, name.strip(), address.strip().lower())


def with_problems(entries: list[PastedAddress], known: dict[str, Problem]) -> list[PastedAddress]:
    """The entries with what the program already knows (a member, a pending invitation)."""
    return [
        replace(entry, problem=known[entry.email])
        if entry.valid and entry.email in known
        else entry
        for entry in entries
    ]
