"""Meetings by kind: the next monthly mentor meetings without reading the team meetings

Revision ID: b2c0de7e5a11
Revises: a16c0de5ca1e
Create Date: 2026-12-02 14:00:00
"""

from alembic import op

revision = "b2c0de7e5a11"
down_revision = "a16c0de5ca1e"
branch_labels = None
depends_on = None

BY_KIND = "ix_meetings_program_id_kind_starts_at"


def upgrade():
    op.create_index(BY_KIND, "meetings", ["program_id", "kind", "starts_at", "id"])


def downgrade():
    op.drop_index(BY_KIND, table_name="meetings")
