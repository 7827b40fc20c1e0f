"""Agreements: templates, agreements, plans, signatures, the audit trail and check-ins

Revision ID: bd4e5f6a7b84
Revises: ac3d4e5f6a73
Create Date: 2026-12-01 14:45:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'bd4e5f6a7b84'
down_revision = 'ac3d4e5f6a73'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
