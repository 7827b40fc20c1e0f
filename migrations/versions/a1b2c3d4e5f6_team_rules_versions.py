"""Team rules versions: a token per program that changes with every commit touching what the
team rules read, so workers may keep the teams that need a repair

Revision ID: a1b2c3d4e5f6
Revises: c5e6f7a8b913
Create Date: 2026-12-01 19:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1b2c3d4e5f6'
down_revision = 'c5e6f7a8b913'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('team_rules_versions',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_team_rules_versions_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', name=op.f('pk_team_rules_versions'))
    )


def downgrade():
    op.drop_table('team_rules_versions')
