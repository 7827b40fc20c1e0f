"""The clock of a speed-dating event in event mode

Revision ID: 8a1b2c3d4e51
Revises: 26f7e2f6c849
Create Date: 2026-12-01 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = '8a1b2c3d4e51'
down_revision = '26f7e2f6c849'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('peer_event_clocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('phase', sa.Enum('not_started', 'conversation', 'change', 'break', 'finished', name='phase', native_enum=False, length=32), nullable=False),
    sa.Column('ends_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('remaining_seconds', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['peer_events.id'], name=op.f('fk_peer_event_clocks_event_id_peer_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_peer_event_clocks_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_event_clocks')),
    sa.UniqueConstraint('event_id', name=op.f('uq_peer_event_clocks_event_id'))
    )


def downgrade():
    op.drop_table('peer_event_clocks')
