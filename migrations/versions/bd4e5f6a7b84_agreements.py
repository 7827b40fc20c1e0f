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

# Signatures are append-only evidence: the database refuses to change or delete them, whatever
# the client. An administrator purging data on purpose says so first, in the same transaction:
# SET LOCAL vms.purging_evidence = 'on'.
_REFUSE_SIGNATURE_CHANGES = """
CREATE OR REPLACE FUNCTION agreement_signatures_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('vms.purging_evidence', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'agreement signatures are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER agreement_signatures_append_only
    BEFORE UPDATE OR DELETE ON agreement_signatures
    FOR EACH ROW EXECUTE FUNCTION agreement_signatures_append_only();
"""


def upgrade():
    op.create_table('agreement_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('peer', 'team', name='agreementkind', native_enum=False, length=32), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_agreement_templates_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_templates')),
    sa.UniqueConstraint('program_id', 'kind', 'language', 'version', name=op.f('uq_agreement_templates_program_id_kind_language_version'))
    )
    with op.batch_alter_table('agreement_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_templates_program_id'), ['program_id'], unique=False)

    op.create_table('agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('peer', 'team', name='agreementkind', native_enum=False, length=32), nullable=False),
    sa.Column('peer_pair_id', sa.Integer(), nullable=True),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('renewed_from_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'out_for_signature', 'active', 'completed', 'ended', name='agreementstatus', native_enum=False, length=32), nullable=False),
    sa.Column('verification_code', sa.String(length=16), nullable=False),
    sa.Column('seeks', sa.Text(), nullable=False),
    sa.Column('provides', sa.Text(), nullable=False),
    sa.Column('boundaries', sa.Text(), nullable=False),
    sa.Column('cadence', sa.String(length=200), nullable=False),
    sa.Column('hours_per_month', sa.Integer(), nullable=True),
    sa.Column('monthly_sum', sa.String(length=60), nullable=False),
    sa.Column('plan_three_years', sa.Text(), nullable=False),
    sa.Column('plan_next_year', sa.Text(), nullable=False),
    sa.Column('plan_six_months', sa.Text(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('ended_reason', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('activated_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_agreements_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['peer_pair_id'], ['peer_pairs.id'], name=op.f('fk_agreements_peer_pair_id_peer_pairs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_agreements_program_id_programs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['renewed_from_id'], ['agreements.id'], name=op.f('fk_agreements_renewed_from_id_agreements'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_agreements_team_id_teams'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['template_id'], ['agreement_templates.id'], name=op.f('fk_agreements_template_id_agreement_templates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements')),
    sa.UniqueConstraint('verification_code', name=op.f('uq_agreements_verification_code'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_peer_pair_id'), ['peer_pair_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_template_id'), ['template_id'], unique=False)

    op.create_table('agreement_check_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('went_well', sa.Text(), nullable=False),
    sa.Column('did_not', sa.Text(), nullable=False),
    sa.Column('next_step', sa.Text(), nullable=False),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_check_ins_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_agreement_check_ins_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_check_ins'))
    )
    with op.batch_alter_table('agreement_check_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_check_ins_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('created', 'sent', 'viewed', 'signed', 'superseded', 'activated', 'completed', 'ended', 'renewed', name='trailkind', native_enum=False, length=32), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ip_address', sa.String(length=45), nullable=False),
    sa.Column('user_agent', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_events_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_agreement_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_events'))
    )
    with op.batch_alter_table('agreement_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_events_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('member', 'peer_mentor', 'founder', 'mentor', name='partyrole', native_enum=False, length=32), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_parties_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_agreement_parties_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_parties')),
    sa.UniqueConstraint('agreement_id', 'user_id', name=op.f('uq_agreement_parties_agreement_id_user_id'))
    )
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_parties_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_parties_user_id'), ['user_id'], unique=False)

    op.create_table('agreement_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('unsigned', 'check_in_due', 'term_ending', name='reminderkind', native_enum=False, length=32), nullable=False),
    sa.Column('occasion', sa.String(length=32), nullable=False),
    sa.Column('sent_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_reminders_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_agreement_reminders_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_reminders')),
    sa.UniqueConstraint('agreement_id', 'user_id', 'kind', 'occasion', name=op.f('uq_agreement_reminders_agreement_id_user_id_kind_occasion'))
    )
    with op.batch_alter_table('agreement_reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_reminders_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_reminders_user_id'), ['user_id'], unique=False)

    op.create_table('agreement_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('plan', sa.JSON(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', vms.database.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_versions_agreement_id_agreements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_versions')),
    sa.UniqueConstraint('agreement_id', 'number', name=op.f('uq_agreement_versions_agreement_id_number'))
    )
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_versions_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('member', 'peer_mentor', 'founder', 'mentor', name='partyrole', native_enum=False, length=32), nullable=False),
    sa.Column('typed_name', sa.String(length=120), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('signed_at', vms.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ip_address', sa.String(length=45), nullable=False),
    sa.Column('user_agent', sa.String(length=300), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_signatures_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_agreement_signatures_user_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_versions.id'], name=op.f('fk_agreement_signatures_version_id_agreement_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_signatures')),
    sa.UniqueConstraint('version_id', 'user_id', name=op.f('uq_agreement_signatures_version_id_user_id'))
    )
    with op.batch_alter_table('agreement_signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_signatures_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_signatures_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_signatures_version_id'), ['version_id'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        op.execute(_REFUSE_SIGNATURE_CHANGES)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS agreement_signatures_append_only ON agreement_signatures')
        op.execute('DROP FUNCTION IF EXISTS agreement_signatures_append_only()')
    with op.batch_alter_table('agreement_signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_signatures_version_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_signatures_user_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_signatures_agreement_id'))

    op.drop_table('agreement_signatures')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_versions_agreement_id'))

    op.drop_table('agreement_versions')
    with op.batch_alter_table('agreement_reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_reminders_user_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_reminders_agreement_id'))

    op.drop_table('agreement_reminders')
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_parties_user_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_parties_agreement_id'))

    op.drop_table('agreement_parties')
    with op.batch_alter_table('agreement_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_events_agreement_id'))

    op.drop_table('agreement_events')
    with op.batch_alter_table('agreement_check_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_check_ins_agreement_id'))

    op.drop_table('agreement_check_ins')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_template_id'))
        batch_op.drop_index(batch_op.f('ix_agreements_team_id'))
        batch_op.drop_index(batch_op.f('ix_agreements_status'))
        batch_op.drop_index(batch_op.f('ix_agreements_program_id'))
        batch_op.drop_index(batch_op.f('ix_agreements_peer_pair_id'))

    op.drop_table('agreements')
    with op.batch_alter_table('agreement_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_templates_program_id'))

    op.drop_table('agreement_templates')
