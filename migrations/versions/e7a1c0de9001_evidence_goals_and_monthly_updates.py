"""Evidence: day-one goals of teams and peer pairs; ventures' monthly updates

Revision ID: e7a1c0de9001
Revises: d4a5b6c7e8f1
Create Date: 2026-12-01 19:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'e7a1c0de9001'
down_revision = 'd4a5b6c7e8f1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('peer_pair_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(length=280), nullable=False),
    sa.Column('stated_by_id', sa.Integer(), nullable=True),
    sa.Column('stated_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(team_id IS NULL) <> (peer_pair_id IS NULL)', name=op.f('ck_goals_one_subject')),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_goals_changed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['peer_pair_id'], ['peer_pairs.id'], name=op.f('fk_goals_peer_pair_id_peer_pairs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_goals_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stated_by_id'], ['users.id'], name=op.f('fk_goals_stated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_goals_team_id_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goals')),
    sa.UniqueConstraint('peer_pair_id', name=op.f('uq_goals_peer_pair_id')),
    sa.UniqueConstraint('team_id', name=op.f('uq_goals_team_id'))
    )
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goals_program_id'), ['program_id'], unique=False)

    op.create_table('venture_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('venture_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('progress', sa.String(length=1000), nullable=False),
    sa.Column('challenges', sa.String(length=1000), nullable=False),
    sa.Column('asks', sa.String(length=1000), nullable=False),
    sa.Column('written_by_id', sa.Integer(), nullable=True),
    sa.Column('written_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_venture_updates_changed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_venture_updates_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['venture_id'], ['ventures.id'], name=op.f('fk_venture_updates_venture_id_ventures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_venture_updates_written_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venture_updates')),
    sa.UniqueConstraint('venture_id', 'month', name=op.f('uq_venture_updates_venture_id_month'))
    )
    with op.batch_alter_table('venture_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venture_updates_month'), ['month'], unique=False)
        batch_op.create_index(batch_op.f('ix_venture_updates_program_id'), ['program_id'], unique=False)


def downgrade():
    with op.batch_alter_table('venture_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venture_updates_program_id'))
        batch_op.drop_index(batch_op.f('ix_venture_updates_month'))

    op.drop_table('venture_updates')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goals_program_id'))

    op.drop_table('goals')
