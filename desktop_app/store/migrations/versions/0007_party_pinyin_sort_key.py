"""the case list sorted by 当事人 in pinyin order: a sort key next to the party names, filled in for
existing cases

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop_app.domain.collation import pinyin_sort_key

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    # plain ADD COLUMN (no batch mode): the case table is never copied, however large
    op.add_column('enforcement_case', sa.Column('party_sort_key', sa.Text(), nullable=False, server_default=''))
    conn = op.get_bind()
    cases = sa.table('enforcement_case', sa.column('id', sa.String), sa.column('party_names', sa.Text),
                     sa.column('party_sort_key', sa.Text))
    rows = conn.execute(sa.select(cases.c.id, cases.c.party_names)).all()
    update = (sa.update(cases).where(cases.c.id == sa.bindparam('case_id'))
              .values(party_sort_key=sa.bindparam('key')))
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        conn.execute(update, [{'case_id': i, 'key': pinyin_sort_key(names or '')} for i, names in batch])
    op.create_index('ix_enforcement_case_party_sort_key', 'enforcement_case', ['party_sort_key', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_enforcement_case_party_sort_key', table_name='enforcement_case')
    # plain DROP COLUMN (SQLite 3.35+), not batch mode: batch mode copies the table and dropping the
    # old one would cascade to the cases' parties, assignments and events
    op.drop_column('enforcement_case', 'party_sort_key')
