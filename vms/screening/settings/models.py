"""The program's lists: industries, functions and areas of expertise (shared by mentors' expertise
and ventures' needs)."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vms.database import enum_type
from vms.extensions import db
from vms.i18n import lazy_gettext as _l


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


class TaxonomyTerm(db.Model):
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
