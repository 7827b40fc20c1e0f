"""The program's lists: industries, functions and areas of expertise (shared by mentors' expertise
and ventures' needs)."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vms.database import enum_type
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.states import IllegalTransition


class EntryStatus(enum.Enum):
    """A list entry (a term, a rubric criterion) in use for new forms, or retired from them."""

    ACTIVE = "active"
    #: Hidden from new forms; past answers and scores keep showing it, marked "retired".
    RETIRED = "retired"


class RetirableEntry:
    """What a renamable, retirable entry of a program's list shares: its status and moves."""

    status: Mapped[EntryStatus] = mapped_column(
        enum_type(EntryStatus), default=EntryStatus.ACTIVE, server_default="active"
    )

    @property
    def retired(self) -> bool:
        return self.status is EntryStatus.RETIRED

    def retire(self) -> None:
        self._move(EntryStatus.ACTIVE, EntryStatus.RETIRED)

    def restore(self) -> None:
        self._move(EntryStatus.RETIRED, EntryStatus.ACTIVE)

    def _move(self, source: EntryStatus, target: EntryStatus) -> None:
        if self.status is not source:
            raise IllegalTransition(self.status, target)
        self.status = target


class TaxonomyKind(enum.Enum):
    INDUSTRY = "industry"
    FUNCTION = "function"
    #: Shared by mentors' expertise and ventures' needs.
    EXPERTISE = "expertise"

    @property
    def label(self) -> str:
        return str(
            {
                TaxonomyKind.INDUSTRY: _l("Industries and sectors"),
                TaxonomyKind.FUNCTION: _l("Functions"),
                TaxonomyKind.EXPERTISE: _l("Areas of expertise and needs"),
            }[self]
        )


class TaxonomyTerm(RetirableEntry, db.Model):
    """One entry of a program-editable list (an industry, a function, an area of expertise)."""

    __tablename__ = "taxonomy_terms"
    __table_args__ = (UniqueConstraint("program_id", "kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[TaxonomyKind] = mapped_column(enum_type(TaxonomyKind))
    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
