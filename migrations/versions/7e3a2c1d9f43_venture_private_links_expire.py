"""Venture private links expire and can be renewed

Revision ID: 7e3a2c1d9f43
Revises: 6d2f1b0c8e32
Create Date: 2026-12-01 11:45:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = '7e3a2c1d9f43'
down_revision = '6d2f1b0c8e32'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
