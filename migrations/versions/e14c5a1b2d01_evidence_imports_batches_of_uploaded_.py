"""Evidence imports: batches of uploaded mentors and ventures

Revision ID: e14c5a1b2d01
Revises: e7a1c0de9001
Create Date: 2026-12-01 19:32:06.869828

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'e14c5a1b2d01'
down_revision = 'e7a1c0de9001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('mentors', 'ventures', name='importkind', native_enum=False, length=32), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('preview', 'imported', 'expired', name='batchstatus', native_enum=False, length=32), nullable=False),
    sa.Column('mode', sa.Enum('valid_rows', 'all_or_nothing', name='importmode', native_enum=False, length=32), nullable=True),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('imported_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('imported_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_import_batches_cohort_id_cohorts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_import_batches_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_import_batches_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batches')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batches_program_id'), ['program_id'], unique=False)

    op.create_table('import_rows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('cells', sa.JSON(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('cohort_id', sa.Integer(), nullable=True),
    sa.Column('imported', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batches.id'], name=op.f('fk_import_rows_batch_id_import_batches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_rows')),
    sa.UniqueConstraint('batch_id', 'line', name=op.f('uq_import_rows_batch_id_line'))
    )
    with op.batch_alter_table('import_rows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_rows_batch_id'), ['batch_id'], unique=False)



def downgrade():
    with op.batch_alter_table('import_rows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_rows_batch_id'))

    op.drop_table('import_rows')
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batches_program_id'))

    op.drop_table('import_batches')
