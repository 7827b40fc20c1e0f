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
    op.create_table('peer_rankings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('ranker_id', sa.Integer(), nullable=False),
    sa.Column('ranked_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('saved_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['peer_events.id'], name=op.f('fk_peer_rankings_event_id_peer_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ranked_id'], ['users.id'], name=op.f('fk_peer_rankings_ranked_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ranker_id'], ['users.id'], name=op.f('fk_peer_rankings_ranker_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_rankings')),
    sa.UniqueConstraint('event_id', 'ranker_id', 'rank', name=op.f('uq_peer_rankings_event_id_ranker_id_rank')),
    sa.UniqueConstraint('event_id', 'ranker_id', 'ranked_id', name=op.f('uq_peer_rankings_event_id_ranker_id_ranked_id'))
    )
    with op.batch_alter_table('peer_rankings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_rankings_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_rankings_ranked_id'), ['ranked_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_rankings_ranker_id'), ['ranker_id'], unique=False)

    op.create_table('peer_avoids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('ranker_id', sa.Integer(), nullable=False),
    sa.Column('avoided_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['avoided_id'], ['users.id'], name=op.f('fk_peer_avoids_avoided_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['peer_events.id'], name=op.f('fk_peer_avoids_event_id_peer_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ranker_id'], ['users.id'], name=op.f('fk_peer_avoids_ranker_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_avoids')),
    sa.UniqueConstraint('event_id', 'ranker_id', 'avoided_id', name=op.f('uq_peer_avoids_event_id_ranker_id_avoided_id'))
    )
    with op.batch_alter_table('peer_avoids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_avoids_avoided_id'), ['avoided_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_avoids_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_avoids_ranker_id'), ['ranker_id'], unique=False)

    op.create_table('peer_pairs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('locked', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('published_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['peer_events.id'], name=op.f('fk_peer_pairs_event_id_peer_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_peer_pairs_member_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], name=op.f('fk_peer_pairs_mentor_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_pairs')),
    sa.UniqueConstraint('event_id', 'member_id', name=op.f('uq_peer_pairs_event_id_member_id'))
    )
    with op.batch_alter_table('peer_pairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_pairs_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_pairs_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_pairs_mentor_id'), ['mentor_id'], unique=False)

    op.create_table('peer_ranking_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('days_before', 'hours_before', name='reminderkind', native_enum=False, length=32), nullable=False),
    sa.Column('sent_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['peer_events.id'], name=op.f('fk_peer_ranking_reminders_event_id_peer_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_peer_ranking_reminders_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peer_ranking_reminders')),
    sa.UniqueConstraint('event_id', 'user_id', 'kind', name=op.f('uq_peer_ranking_reminders_event_id_user_id_kind'))
    )
    with op.batch_alter_table('peer_ranking_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peer_ranking_reminders_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peer_ranking_reminders_user_id'), ['user_id'], unique=False)


def downgrade():
    for table, columns in (
        ('peer_ranking_reminders', ('event_id', 'user_id')),
        ('peer_pairs', ('event_id', 'member_id', 'mentor_id')),
        ('peer_avoids', ('avoided_id', 'event_id', 'ranker_id')),
        ('peer_rankings', ('event_id', 'ranked_id', 'ranker_id')),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
        op.drop_table(table)
