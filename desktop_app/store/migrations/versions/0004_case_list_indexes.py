"""indexes for the case list at 100,000 cases: an officer's own cases, the short-field search, the
overdue filter

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 04:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain CREATE INDEX (no batch mode): the case table is never copied, however large
    op.create_index('ix_enforcement_case_registered_by', 'enforcement_case', ['registered_by'], unique=False)
    op.create_index('ix_enforcement_case_short_fields', 'enforcement_case',
                    ['party_names', 'number', 'party_identifiers', 'id'], unique=False)
    op.create_index('ix_case_deadline_open_due_kind_case', 'case_deadline', ['met_on', 'due', 'kind', 'case_id'],
                    unique=False)
    op.drop_index('ix_case_deadline_open_due', table_name='case_deadline')


def downgrade() -> None:
    op.create_index('ix_case_deadline_open_due', 'case_deadline', ['met_on', 'due'], unique=False)
    op.drop_index('ix_case_deadline_open_due_kind_case', table_name='case_deadline')
    op.drop_index('ix_enforcement_case_short_fields', table_name='enforcement_case')
    op.drop_index('ix_enforcement_case_registered_by', table_name='enforcement_case')
