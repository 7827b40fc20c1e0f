"""An uploaded file of mentors or ventures, kept between its preview and its confirmation."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.auth.models import User
from vms.cohorts.models import Cohort
from vms.database import UTCDateTime, enum_type, now_utc
from vms.evidence.imports.rows import ImportKind, RowProblem
from vms.extensions import db
from vms.states import IllegalTransition


class BatchStatus(enum.Enum):
    #: Read and checked; nothing imported yet.
    PREVIEW = "preview"
    IMPORTED = "imported"
    #: Never stored: a preview past its expiry reads as expired.
    EXPIRED = "expired"


class ImportMode(enum.Enum):
    #: Import the valid rows, leave the others out.
    VALID_ROWS = "valid_rows"
    #: Import every row, or none if any row has a problem.
    ALL_OR_NOTHING = "all_or_nothing"


class ImportBatch(db.Model):
    """One upload: its rows wait here until the coordinator confirms (once) or it expires."""

    __tablename__ = "import_batches"
    # The batch's id is in its preview's address: never reuse a deleted one's (SQLite would).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ImportKind] = mapped_column(enum_type(ImportKind))
    #: The cohort of rows that name none (chosen on upload).
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[BatchStatus] = mapped_column(enum_type(BatchStatus), default=BatchStatus.PREVIEW)
    mode: Mapped[ImportMode | None] = mapped_column(enum_type(ImportMode))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    imported_count: Mapped[int] = mapped_column(Integer, default=0)

    cohort: Mapped[Cohort | None] = relationship()
    uploaded_by: Mapped[User | None] = relationship()
    rows: Mapped[list[ImportRow]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="ImportRow.line"
    )

    def state(self, now: datetime) -> BatchStatus:
        if self.status is BatchStatus.PREVIEW and now >= self.expires_at:
            return BatchStatus.EXPIRED
        return self.status

    def mark_imported(self, mode: ImportMode, count: int, now: datetime) -> None:
        state = self.state(now)
        if state is not BatchStatus.PREVIEW:
            raise IllegalTransition(state, BatchStatus.IMPORTED)
        self.status, self.mode = BatchStatus.IMPORTED, mode
        self.imported_count, self.imported_at = count, now


class ImportRow(db.Model):
    """One line of the file: what it said, its problems, and whether it went in."""

    __tablename__ = "import_rows"
    __table_args__ = (UniqueConstraint("batch_id", "line"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    #: The line of the file (the header is line 1).
    line: Mapped[int] = mapped_column(Integer)
    #: column -> text, as read
    cells: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: [[problem code, column], ...] from the last check (empty: the row is valid)
    problems: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    cohort_id: Mapped[int | None] = mapped_column(Integer)
    imported: Mapped[bool] = mapped_column(default=False)

    batch: Mapped[ImportBatch] = relationship(back_populates="rows")

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def problems_of(self, column: str) -> list[RowProblem]:
        return [RowProblem(code) for code, at in self.problems if at == column]
