"""分期缴纳: the approved plan of instalments of a fine (行政处罚法 第六十六条第二款)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch mode): the case table is never copied, however large
    op.add_column('enforcement_case', sa.Column('instalments', sa.Text(), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+), not batch mode: see 0007
    op.drop_column('enforcement_case', 'instalments')
