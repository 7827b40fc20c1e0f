"""An index for summaries overdue: the meetings still without one, by program and end

Revision ID: a16c0de5ca1e
Revises: f17a7e1a1b01
Create Date: 2026-12-02 03:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "a16c0de5ca1e"
down_revision = "f17a7e1a1b01"
branch_labels = None
depends_on = None

NAME = "ix_meetings_program_id_ends_at_unsummarised"


def upgrade():
    unsummarised = sa.text("summary_at IS NULL")
    op.create_index(NAME, "meetings", ["program_id", "ends_at"],
                    postgresql_where=unsummarised, sqlite_where=unsummarised)  # fmt: skip


def downgrade():
    op.drop_index(NAME, table_name="meetings")
