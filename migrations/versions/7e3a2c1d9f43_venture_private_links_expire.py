"""Venture private links expire and can be renewed

Revision ID: 7e3a2c1d9f43
Revises: 6d2f1b0c8e32
Create Date: 2026-12-01 11:45:00.000000

"""
from datetime import UTC, datetime, timedelta

from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = '7e3a2c1d9f43'
down_revision = '6d2f1b0c8e32'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('programs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('venture_link_days', sa.Integer(), server_default='30', nullable=False))

    with op.batch_alter_table('ventures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('access_token_expires_at', vms.database.UTCDateTime(timezone=True), nullable=True))

    # Links already sent get the default lifetime from today, rather than dying at the upgrade.
    ventures = sa.table(
        'ventures',
        sa.column('access_token_hash', sa.String()),
        sa.column('access_token_expires_at', vms.database.UTCDateTime(timezone=True)),
    )
    op.execute(
        ventures.update()
        .where(ventures.c.access_token_hash.is_not(None))
        .values(access_token_expires_at=datetime.now(UTC) + timedelta(days=30))
    )


def downgrade():
    with op.batch_alter_table('ventures', schema=None) as batch_op:
        batch_op.drop_column('access_token_expires_at')

    with op.batch_alter_table('programs', schema=None) as batch_op:
        batch_op.drop_column('venture_link_days')
