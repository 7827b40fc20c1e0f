"""Peer circles, their members, meetings and commitments

Revision ID: ac3d4e5f6a73
Revises: 9b2c3d4e5f62
Create Date: 2026-12-01 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'ac3d4e5f6a73'
down_revision = '9b2c3d4e5f62'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
