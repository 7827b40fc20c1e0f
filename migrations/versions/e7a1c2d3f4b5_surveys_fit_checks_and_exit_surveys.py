"""Surveys: fit checks and exit surveys (invitations with their answers, the needs taken
again), and a team's end

Revision ID: e7a1c2d3f4b5
Revises: a1b2c3d4e5f6
Create Date: 2026-12-01 19:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'e7a1c2d3f4b5'
down_revision = 'a1b2c3d4e5f6'
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade():
    op.create_table('survey_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('kind', _enum('surveykind', 'fit', 'exit'), nullable=False),
    sa.Column('subject_kind', _enum('subjectkind', 'team', 'pair'), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('venture_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('side', _enum('side', 'founder', 'mentor'), nullable=False),
    sa.Column('invited_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reminders_sent', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_reminded_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('changed_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('fit', _enum('fit', 'yes', 'too_early', 'no'), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('words', sa.Text(), server_default='', nullable=False),
    sa.Column('goal_reached', _enum('goalreached', 'yes', 'partly', 'no'), nullable=True),
    sa.Column('program_better', sa.Text(), server_default='', nullable=False),
    sa.Column('mentors_better', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_survey_invitations_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_invitations_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['venture_id'], ['ventures.id'], name=op.f('fk_survey_invitations_venture_id_ventures'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_invitations')),
    sa.UniqueConstraint('kind', 'subject_kind', 'subject_id', 'user_id', name=op.f('uq_survey_invitations_kind_subject_kind_subject_id_user_id'))
    )
    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_invitations_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_invitations_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_invitations_venture_id'), ['venture_id'], unique=False)

    op.create_table('survey_needs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('strength', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['invitation_id'], ['survey_invitations.id'], name=op.f('fk_survey_needs_invitation_id_survey_invitations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['taxonomy_terms.id'], name=op.f('fk_survey_needs_term_id_taxonomy_terms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_needs')),
    sa.UniqueConstraint('invitation_id', 'term_id', name=op.f('uq_survey_needs_invitation_id_term_id'))
    )
    with op.batch_alter_table('survey_needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_needs_invitation_id'), ['invitation_id'], unique=False)

    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ended_at', vms.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('ended_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_teams_ended_by_id_users'), 'users', ['ended_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_teams_ended_by_id_users'), type_='foreignkey')
        batch_op.drop_column('ended_by_id')
        batch_op.drop_column('ended_at')

    with op.batch_alter_table('survey_needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_needs_invitation_id'))
    op.drop_table('survey_needs')

    with op.batch_alter_table('survey_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_invitations_venture_id'))
        batch_op.drop_index(batch_op.f('ix_survey_invitations_user_id'))
        batch_op.drop_index(batch_op.f('ix_survey_invitations_program_id'))
    op.drop_table('survey_invitations')
