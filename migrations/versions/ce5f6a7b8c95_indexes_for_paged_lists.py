"""Indexes for the paged lists at scale: pipelines, meetings and their answers, a person's interviews

Revision ID: ce5f6a7b8c95
Revises: bd4e5f6a7b84
Create Date: 2026-12-01 17:00:00
"""

from alembic import op

revision = "ce5f6a7b8c95"
down_revision = "bd4e5f6a7b84"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_users_name", "users", ["name", "id"]),
    ("ix_mentor_applications_program_id_submitted_at", "mentor_applications",
     ["program_id", "submitted_at", "id"]),
    ("ix_ventures_program_id_created_at", "ventures", ["program_id", "created_at", "id"]),
    ("ix_meetings_program_id_starts_at", "meetings", ["program_id", "starts_at", "id"]),
    ("ix_interview_interviewers_user_id", "interview_interviewers", ["user_id"]),
    ("ix_meeting_invitees_meeting_id_response", "meeting_invitees",
     ["meeting_id", "response", "attended"]),
]  # fmt: skip


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
