"""Retirable rubric criteria and list terms; a personal message on invitations

Revision ID: d15f0a6e1b77
Revises: e14c5a1b2d01
Create Date: 2026-12-01 23:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d15f0a6e1b77"
down_revision = "e14c5a1b2d01"
branch_labels = None
depends_on = None

_STATUS = sa.Enum("active", "retired", name="entrystatus", native_enum=False, length=32)


def upgrade():
    for table in ("rubric_criteria", "taxonomy_terms"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("status", _STATUS, nullable=False, server_default="active")
            )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("message", sa.String(length=1000), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_column("message")
    for table in ("taxonomy_terms", "rubric_criteria"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("status")
