"""indexes for the dashboard and 统计 at 100,000 cases: the dates filed, decided and closed, an
officer's cases by state, the queues by state and owner, the fines outstanding, a case's open deadlines, documents by status

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 05:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain CREATE INDEX (no batch mode): no table is copied, however large
    op.create_index('ix_enforcement_case_filed_on', 'enforcement_case', ['filed_on'], unique=False)
    op.create_index('ix_enforcement_case_decided_on', 'enforcement_case', ['decided_on'], unique=False)
    op.create_index('ix_enforcement_case_closed_on', 'enforcement_case', ['closed_on'], unique=False)
    op.create_index('ix_enforcement_case_id_registered_by_state', 'enforcement_case',
                    ['id', 'registered_by', 'state'], unique=False)
    op.create_index('ix_enforcement_case_penalty_owed', 'enforcement_case',
                    ['decision_kind', 'state', 'fine_fen', 'paid_fen'], unique=False)
    op.create_index('ix_case_deadline_case_open_due_kind', 'case_deadline', ['case_id', 'met_on', 'due', 'kind'],
                    unique=False)
    op.drop_index('ix_case_deadline_case_id', table_name='case_deadline')
    op.create_index('ix_document_status_served', 'document', ['status', 'served_on', 'issued_at', 'case_id'], unique=False)
    op.create_index('ix_enforcement_case_state_registered_owner', 'enforcement_case',
                    ['state', 'registered_at', 'id', 'registered_by'], unique=False)
    op.drop_index('ix_enforcement_case_state_registered', table_name='enforcement_case')


def downgrade() -> None:
    op.create_index('ix_enforcement_case_state_registered', 'enforcement_case', ['state', 'registered_at'],
                    unique=False)
    op.drop_index('ix_enforcement_case_state_registered_owner', table_name='enforcement_case')
    op.drop_index('ix_document_status_served', table_name='document')
    op.create_index('ix_case_deadline_case_id', 'case_deadline', ['case_id'], unique=False)
    op.drop_index('ix_case_deadline_case_open_due_kind', table_name='case_deadline')
    op.drop_index('ix_enforcement_case_penalty_owed', table_name='enforcement_case')
    op.drop_index('ix_enforcement_case_id_registered_by_state', table_name='enforcement_case')
    op.drop_index('ix_enforcement_case_closed_on', table_name='enforcement_case')
    op.drop_index('ix_enforcement_case_decided_on', table_name='enforcement_case')
    op.drop_index('ix_enforcement_case_filed_on', table_name='enforcement_case')
