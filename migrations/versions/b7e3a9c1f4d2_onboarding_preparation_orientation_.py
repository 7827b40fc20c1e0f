"""Onboarding preparation: orientation steps, completions and the requirement

Revision ID: b7e3a9c1f4d2
Revises: d15f0a6e1b77
Create Date: 2026-12-01 23:10:12.085192

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'b7e3a9c1f4d2'
down_revision = 'd15f0a6e1b77'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('orientation_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('way', sa.Enum('event', 'confirmed', 'principles', name='stepway', native_enum=False, length=32), nullable=False),
    sa.Column('meeting_kind', sa.Enum('team', 'mentor_meeting', 'peer_circle', name='meetingkind', native_enum=False, length=32), nullable=True),
    sa.Column('status', sa.Enum('active', 'retired', name='stepstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_orientation_steps_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orientation_steps'))
    )
    with op.batch_alter_table('orientation_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orientation_steps_program_id'), ['program_id'], unique=False)

    op.create_table('preparation_rules',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('changed_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_preparation_rules_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', name=op.f('pk_preparation_rules'))
    )
    op.create_table('orientation_step_completions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('how', sa.Enum('attended', 'confirmed', 'marked', name='completionhow', native_enum=False, length=32), nullable=False),
    sa.Column('completed_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('marked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['marked_by_id'], ['users.id'], name=op.f('fk_orientation_step_completions_marked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], name=op.f('fk_orientation_step_completions_mentor_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['step_id'], ['orientation_steps.id'], name=op.f('fk_orientation_step_completions_step_id_orientation_steps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orientation_step_completions')),
    sa.UniqueConstraint('step_id', 'mentor_id', name=op.f('uq_orientation_step_completions_step_id_mentor_id'))
    )
    with op.batch_alter_table('orientation_step_completions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orientation_step_completions_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_orientation_step_completions_step_id'), ['step_id'], unique=False)



def downgrade():
    with op.batch_alter_table('orientation_step_completions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orientation_step_completions_step_id'))
        batch_op.drop_index(batch_op.f('ix_orientation_step_completions_mentor_id'))

    op.drop_table('orientation_step_completions')
    op.drop_table('preparation_rules')
    with op.batch_alter_table('orientation_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orientation_steps_program_id'))

    op.drop_table('orientation_steps')
