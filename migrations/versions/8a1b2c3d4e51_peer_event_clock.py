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
    pass


def downgrade():
    pass
