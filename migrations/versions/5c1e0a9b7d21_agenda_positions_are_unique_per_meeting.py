"""Agenda positions are unique per meeting: the last of two saves at once wins whole

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
    # Saves that raced merged two agendas with positions repeated: number each meeting's items
    # again in the order they were shown (position, then id) before positions must be unique.
    op.execute(
        """
        UPDATE agenda_items SET position = (
            SELECT COUNT(*) FROM agenda_items AS earlier
            WHERE earlier.meeting_id = agenda_items.meeting_id
              AND (earlier.position < agenda_items.position
                   OR (earlier.position = agenda_items.position AND earlier.id < agenda_items.id))
        )
        """
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f('uq_agenda_items_meeting_id_position'), ['meeting_id', 'position']
        )


def downgrade():
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_agenda_items_meeting_id_position'), type_='unique')
