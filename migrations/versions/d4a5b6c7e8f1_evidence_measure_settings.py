"""Evidence: each program's measure settings (the meetings that make a meaningful connection)

Revision ID: d4a5b6c7e8f1
Revises: e7a1c2d3f4b5
Create Date: 2026-12-01 19:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4a5b6c7e8f1'
down_revision = 'e7a1c2d3f4b5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('measure_settings',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('meaningful_meetings', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_measure_settings_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', name=op.f('pk_measure_settings'))
    )


def downgrade():
    op.drop_table('measure_settings')
