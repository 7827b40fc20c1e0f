"""Links never depend on reused ids: random RSVP tokens, hashed feed tokens

Revision ID: 6d2f1b0c8e32
Revises: 5c1e0a9b7d21
Create Date: 2026-12-01 11:45:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = '6d2f1b0c8e32'
down_revision = '5c1e0a9b7d21'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
