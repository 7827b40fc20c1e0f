"""Peer circles, their members, meetings and commitments

Revision ID: ac3d4e5f6a73
Revises: 9b2c3d4e5f62
Create Date: 2026-12-01 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'ac3d4e5f6a73'
down_revision = '9b2c3d4e5f62'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('peer_circles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['users.id'], name=op.f('fk_peer_circles_facilitator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_peer_circles_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_circles')),
    sa.UniqueConstraint('program_id', 'name', name=op.f('uq_peer_circles_program_id_name'))
    )
    with op.batch_alter_table('peer_circles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_circles_facilitator_id'), ['facilitator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_circles_program_id'), ['program_id'], unique=False)

    op.create_table('peer_circle_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['circle_id'], ['peer_circles.id'], name=op.f('fk_peer_circle_members_circle_id_peer_circles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_peer_circle_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_circle_members')),
    sa.UniqueConstraint('circle_id', 'user_id', name=op.f('uq_peer_circle_members_circle_id_user_id'))
    )
    with op.batch_alter_table('peer_circle_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_circle_members_circle_id'), ['circle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_circle_members_user_id'), ['user_id'], unique=False)

    op.create_table('peer_circle_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('occurrence_date', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['circle_id'], ['peer_circles.id'], name=op.f('fk_peer_circle_meetings_circle_id_peer_circles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_peer_circle_meetings_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_circle_meetings')),
    sa.UniqueConstraint('circle_id', 'occurrence_date', name=op.f('uq_peer_circle_meetings_circle_id_occurrence_date')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_peer_circle_meetings_meeting_id'))
    )
    with op.batch_alter_table('peer_circle_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_circle_meetings_circle_id'), ['circle_id'], unique=False)

    op.create_table('peer_circle_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('circle_meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=True),
    sa.Column('commitment', sa.String(length=300), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=True),
    sa.Column('recorded_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['circle_meeting_id'], ['peer_circle_meetings.id'], name=op.f('fk_peer_circle_records_circle_meeting_id_peer_circle_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_peer_circle_records_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_circle_records')),
    sa.UniqueConstraint('circle_meeting_id', 'user_id', name=op.f('uq_peer_circle_records_circle_meeting_id_user_id'))
    )
    with op.batch_alter_table('peer_circle_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_circle_records_circle_meeting_id'), ['circle_meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_circle_records_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('peer_circle_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_circle_records_user_id'))
        batch_op.drop_index(batch_op.f('ix_peer_circle_records_circle_meeting_id'))

    op.drop_table('peer_circle_records')
    with op.batch_alter_table('peer_circle_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_circle_meetings_circle_id'))

    op.drop_table('peer_circle_meetings')
    with op.batch_alter_table('peer_circle_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_circle_members_user_id'))
        batch_op.drop_index(batch_op.f('ix_peer_circle_members_circle_id'))

    op.drop_table('peer_circle_members')
    with op.batch_alter_table('peer_circles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_circles_program_id'))
        batch_op.drop_index(batch_op.f('ix_peer_circles_facilitator_id'))

    op.drop_table('peer_circles')
