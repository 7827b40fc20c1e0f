"""Indexes for the coordinator's counts: summaries overdue, applications by status

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

UNSUMMARISED = "ix_meetings_program_id_ends_at_unsummarised"
BY_STATUS = "ix_mentor_applications_program_id_status"


def upgrade():
    unsummarised = sa.text("summary_at IS NULL")
    op.create_index(UNSUMMARISED, "meetings", ["program_id", "ends_at"],
                    postgresql_where=unsummarised, sqlite_where=unsummarised)  # fmt: skip
    op.create_index(BY_STATUS, "mentor_applications", ["program_id", "status"])


def downgrade():
    op.drop_index(BY_STATUS, table_name="mentor_applications")
    op.drop_index(UNSUMMARISED, table_name="meetings")
