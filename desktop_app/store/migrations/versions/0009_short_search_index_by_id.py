"""the short-field search's index in case id order with the registering officer (id, registered_by,
party names, number, identifiers) in place of (party names, number, identifiers, id): an officer's
matches of a 1-2 character search are counted walking it, each case's assignment looked up in id order

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain CREATE INDEX (no batch mode): the case table is never copied, however large
    op.create_index('ix_enforcement_case_id_owner_short_fields', 'enforcement_case',
                    ['id', 'registered_by', 'party_names', 'number', 'party_identifiers'], unique=False)
    op.drop_index('ix_enforcement_case_short_fields', table_name='enforcement_case')


def downgrade() -> None:
    op.create_index('ix_enforcement_case_short_fields', 'enforcement_case',
                    ['party_names', 'number', 'party_identifiers', 'id'], unique=False)
    op.drop_index('ix_enforcement_case_id_owner_short_fields', table_name='enforcement_case')
