"""Notifications: delivery by the scheduler (back-off, programs' outboxes), exactly-once
notifications, each person's preferences

Revision ID: c5e6f7a8b913
Revises: ce5f6a7b8c95
Create Date: 2026-12-01 16:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

import vms.database


# revision identifiers, used by Alembic.
revision = 'c5e6f7a8b913'
down_revision = 'ce5f6a7b8c95'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('occasion', sa.String(length=64), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.Enum('reminders', 'nudges', 'activity', 'hour_before', name='category', native_enum=False, length=32), nullable=True),
    sa.Column('delivery', sa.Enum('email', 'digest', 'skipped', name='delivery', native_enum=False, length=32), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('digested_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_notifications_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_notifications_recipient_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('kind', 'object_id', 'recipient_id', 'occasion', name=op.f('uq_notifications_kind_object_id_recipient_id_occasion'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_delivery_digested_at', ['delivery', 'digested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_recipient_id'), ['recipient_id'], unique=False)

    op.create_table('notification_preferences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('reminders', 'nudges', 'activity', 'hour_before', name='category', native_enum=False, length=32), nullable=False),
    sa.Column('choice', sa.Enum('on', 'off', 'digest', name='choice', native_enum=False, length=32), nullable=False),
    sa.Column('updated_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_preferences')),
    sa.UniqueConstraint('user_id', 'category', name=op.f('uq_notification_preferences_user_id_category'))
    )
    op.create_table('nudge_settings',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('rsvp_nudge_days', sa.Integer(), nullable=False),
    sa.Column('docket_days', sa.Integer(), nullable=False),
    sa.Column('principles_due_days', sa.Integer(), nullable=False),
    sa.Column('scorecard_after_hours', sa.Integer(), nullable=False),
    sa.Column('quiet_lead_days', sa.Integer(), nullable=False),
    sa.Column('quiet_coordinators_days', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_nudge_settings_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', name=op.f('pk_nudge_settings'))
    )
    with op.batch_alter_table('outbox_emails', schema=None) as batch_op:
        batch_op.add_column(sa.Column('program_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('category', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('unsubscribe_url', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', vms.database.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_outbox_emails_program_id_programs'), 'programs', ['program_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_index('ix_outbox_emails_status')
        batch_op.create_index('ix_outbox_emails_status_next_attempt_at', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index('ix_outbox_emails_program_id_created_at', ['program_id', 'created_at'], unique=False)


def downgrade():
    op.drop_table('nudge_settings')
    op.drop_table('notification_preferences')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_program_id'))
        batch_op.drop_index('ix_notifications_delivery_digested_at')
    op.drop_table('notifications')
    with op.batch_alter_table('outbox_emails', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_emails_program_id_created_at')
        batch_op.drop_index('ix_outbox_emails_status_next_attempt_at')
        batch_op.create_index('ix_outbox_emails_status', ['status'], unique=False)
        batch_op.drop_constraint(batch_op.f('fk_outbox_emails_program_id_programs'), type_='foreignkey')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('unsubscribe_url')
        batch_op.drop_column('category')
        batch_op.drop_column('program_id')
