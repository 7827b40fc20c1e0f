"""Links never depend on reused ids: random RSVP tokens, hashed feed tokens

Revision ID: 6d2f1b0c8e32
Revises: 5c1e0a9b7d21
Create Date: 2026-12-01 11:45:00.000000

"""
import hashlib
import secrets

from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = '6d2f1b0c8e32'
down_revision = '5c1e0a9b7d21'
branch_labels = None
depends_on = None

invitees = sa.table(
    'meeting_invitees', sa.column('id', sa.Integer), sa.column('rsvp_key', sa.String),
)
feeds = sa.table(
    'calendar_feeds', sa.column('id', sa.Integer), sa.column('token', sa.String),
    sa.column('token_hash', sa.String),
)


def upgrade():
    connection = op.get_bind()
    # Every invitation gets its own RSVP key (links sent before this name only a row id and
    # stop working: SQLite may since have given that id to someone else's invitation).
    with op.batch_alter_table('meeting_invitees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rsvp_key', sa.String(length=32), nullable=True))
    for (invitee_id,) in connection.execute(sa.select(invitees.c.id)).all():
        connection.execute(invitees.update().where(invitees.c.id == invitee_id)
                           .values(rsvp_key=secrets.token_urlsafe(16)))
    with op.batch_alter_table('meeting_invitees', schema=None) as batch_op:
        batch_op.alter_column('rsvp_key', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_meeting_invitees_rsvp_key'), ['rsvp_key'])

    # Feeds keep only the hash of their token: existing addresses keep working (they have
    # no key, so the settings page cannot show them again and offers a new one).
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('key', sa.String(length=64), nullable=True))
    for feed_id, token in connection.execute(sa.select(feeds.c.id, feeds.c.token)).all():
        hashed = hashlib.sha256(token.encode('utf-8')).hexdigest()
        connection.execute(feeds.update().where(feeds.c.id == feed_id).values(token_hash=hashed))
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.alter_column('token_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(
            batch_op.f('uq_calendar_feeds_token_hash'), ['token_hash']
        )
        batch_op.drop_constraint(batch_op.f('uq_calendar_feeds_token'), type_='unique')
        batch_op.drop_column('token')


def downgrade():
    connection = op.get_bind()
    # A hash cannot be turned back into an address: every feed gets a new plain one.
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token', sa.String(length=64), nullable=True))
    for (feed_id,) in connection.execute(sa.select(feeds.c.id)).all():
        connection.execute(feeds.update().where(feeds.c.id == feed_id)
                           .values(token=secrets.token_urlsafe(32)))
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.alter_column('token', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_calendar_feeds_token'), ['token'])
        batch_op.drop_constraint(batch_op.f('uq_calendar_feeds_token_hash'), type_='unique')
        batch_op.drop_column('key')
        batch_op.drop_column('token_hash')

    with op.batch_alter_table('meeting_invitees', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_meeting_invitees_rsvp_key'), type_='unique')
        batch_op.drop_column('rsvp_key')
