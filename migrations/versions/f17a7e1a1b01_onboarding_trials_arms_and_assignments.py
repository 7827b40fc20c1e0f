"""Onboarding trials: trials, their arms, and the assignments made at intake

Revision ID: f17a7e1a1b01
Revises: f11e5a17c0de
Create Date: 2026-12-01 23:30:00

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'f17a7e1a1b01'
down_revision = 'f11e5a17c0de'
branch_labels = None
depends_on = None

_RUNNING = sa.text("status = 'running'")


def upgrade():
    op.create_table('trials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.Enum('ventures', 'mentors', name='audience', native_enum=False, length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('question', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Enum('draft', 'running', 'stopped', name='trialstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('started_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('stopped_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_trials_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trials')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('trials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trials_program_id'), ['program_id'], unique=False)
        batch_op.create_index('uq_trials_one_running', ['program_id', 'audience'], unique=True,
                              postgresql_where=_RUNNING, sqlite_where=_RUNNING)

    op.create_table('trial_arms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trial_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('treatment', sa.Enum('welcome', 'message', 'nothing', name='treatment', native_enum=False, length=32), nullable=False),
    sa.Column('message', sa.Text(), server_default='', nullable=False),
    sa.Column('is_comparison', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['trial_id'], ['trials.id'], name=op.f('fk_trial_arms_trial_id_trials'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trial_arms')),
    sa.UniqueConstraint('trial_id', 'name', name=op.f('uq_trial_arms_trial_id_name')),
    sa.UniqueConstraint('trial_id', 'position', name=op.f('uq_trial_arms_trial_id_position'))
    )
    with op.batch_alter_table('trial_arms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trial_arms_trial_id'), ['trial_id'], unique=False)

    op.create_table('trial_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trial_id', sa.Integer(), nullable=False),
    sa.Column('arm_id', sa.Integer(), nullable=False),
    sa.Column('venture_id', sa.Integer(), nullable=True),
    sa.Column('mentor_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(venture_id IS NULL) <> (mentor_id IS NULL)', name=op.f('ck_trial_assignments_one_subject')),
    sa.ForeignKeyConstraint(['arm_id'], ['trial_arms.id'], name=op.f('fk_trial_assignments_arm_id_trial_arms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], name=op.f('fk_trial_assignments_mentor_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trial_id'], ['trials.id'], name=op.f('fk_trial_assignments_trial_id_trials'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['venture_id'], ['ventures.id'], name=op.f('fk_trial_assignments_venture_id_ventures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trial_assignments')),
    sa.UniqueConstraint('trial_id', 'mentor_id', name=op.f('uq_trial_assignments_trial_id_mentor_id')),
    sa.UniqueConstraint('trial_id', 'venture_id', name=op.f('uq_trial_assignments_trial_id_venture_id'))
    )
    with op.batch_alter_table('trial_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trial_assignments_arm_id'), ['arm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trial_assignments_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trial_assignments_trial_id'), ['trial_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trial_assignments_venture_id'), ['venture_id'], unique=False)


def downgrade():
    op.drop_table('trial_assignments')
    op.drop_table('trial_arms')
    op.drop_table('trials')
