"""Ranked choices and pairs of peer mentoring

Revision ID: 9b2c3d4e5f62
Revises: 8a1b2c3d4e51
Create Date: 2026-12-01 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = '9b2c3d4e5f62'
down_revision = '8a1b2c3d4e51'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
