"""Peer mentoring: speed-dating events, their sessions, people and seats

Revision ID: 26f7e2f6c849
Revises: 7e3a2c1d9f43
Create Date: 2026-12-01 14:08:26.614497

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = '26f7e2f6c849'
down_revision = '7e3a2c1d9f43'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('peer_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('conversation_minutes', sa.Integer(), nullable=False),
    sa.Column('change_minutes', sa.Integer(), nullable=False),
    sa.Column('tables', sa.Integer(), nullable=True),
    sa.Column('group_size', sa.Integer(), nullable=False),
    sa.Column('choices', sa.Integer(), nullable=False),
    sa.Column('mentor_capacity', sa.Integer(), nullable=False),
    sa.Column('mentors_rank', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('ranking_deadline', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('status', sa.Enum('planned', 'running', 'held', 'paired', name='eventstatus', native_enum=False, length=32), nullable=False),
    sa.Column('rounds_started', sa.Integer(), server_default='0', nullable=False),
    sa.Column('schedule_sequence', sa.Integer(), server_default='0', nullable=False),
    sa.Column('calendar_key', sa.String(length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_peer_events_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_peer_events_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_peer_events_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_events'))
    )
    with op.batch_alter_table('peer_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_events_cohort_id'), ['cohort_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_events_program_id'), ['program_id'], unique=False)

    op.create_table('peer_event_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('starts_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('rounds', sa.Integer(), nullable=True),
    sa.Column('break_every', sa.Integer(), nullable=False),
    sa.Column('break_minutes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['peer_events.id'], name=op.f('fk_peer_event_sessions_event_id_peer_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_event_sessions')),
    sa.UniqueConstraint('event_id', 'position', name=op.f('uq_peer_event_sessions_event_id_position'))
    )
    with op.batch_alter_table('peer_event_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_event_sessions_event_id'), ['event_id'], unique=False)

    op.create_table('peer_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('member', 'peer_mentor', name='peerrole', native_enum=False, length=32), nullable=False),
    sa.Column('absent', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('added_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['peer_events.id'], name=op.f('fk_peer_participants_event_id_peer_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_peer_participants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_participants')),
    sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_peer_participants_event_id_user_id'))
    )
    with op.batch_alter_table('peer_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_participants_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_participants_user_id'), ['user_id'], unique=False)

    op.create_table('peer_seats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('table', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['peer_events.id'], name=op.f('fk_peer_seats_event_id_peer_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_peer_seats_member_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], name=op.f('fk_peer_seats_mentor_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_seats')),
    sa.UniqueConstraint('event_id', 'member_id', 'mentor_id', name=op.f('uq_peer_seats_event_id_member_id_mentor_id')),
    sa.UniqueConstraint('event_id', 'round', 'member_id', name=op.f('uq_peer_seats_event_id_round_member_id'))
    )
    with op.batch_alter_table('peer_seats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_seats_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_seats_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_seats_mentor_id'), ['mentor_id'], unique=False)



def downgrade():
    with op.batch_alter_table('peer_seats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_seats_mentor_id'))
        batch_op.drop_index(batch_op.f('ix_peer_seats_member_id'))
        batch_op.drop_index(batch_op.f('ix_peer_seats_event_id'))

    op.drop_table('peer_seats')
    with op.batch_alter_table('peer_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_participants_user_id'))
        batch_op.drop_index(batch_op.f('ix_peer_participants_event_id'))

    op.drop_table('peer_participants')
    with op.batch_alter_table('peer_event_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_event_sessions_event_id'))

    op.drop_table('peer_event_sessions')
    with op.batch_alter_table('peer_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peer_events_program_id'))
        batch_op.drop_index(batch_op.f('ix_peer_events_cohort_id'))

    op.drop_table('peer_events')
