"""an officer's set of cases from indexes alone (assignments by user, case and role, cases by
registrant and id); the designated case reviewer (案件审核人) recorded as an assignment

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 07:00:00
"""

from __future__ import annotations

import json
import uuid

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

DESIGNATED = "designated_reviewer"


def _designations(conn: sa.Connection) -> list[dict[str, str]]:
    """The designation in force per case, from the approve events (the latest approve --what
    case_reviewer decides; a refusal takes it back — as services.cases.facts reads it)."""
    events = conn.execute(sa.text(
        "SELECT case_id, occurred_at, data FROM case_event WHERE action = 'approve' AND data LIKE :what "
        "ORDER BY case_id, occurred_at, recorded_at"), {"what": "%case_reviewer%"})
    latest: dict[str, tuple[str, dict[str, object]]] = {}
    for case_id, occurred_at, raw in events:
        data = json.loads(raw) if isinstance(raw, str) else (raw or {})
        if data.get("what") == "case_reviewer":
            latest[case_id] = (occurred_at, data)
    users = {str(login): str(uid) for uid, login in conn.execute(sa.text("SELECT id, login FROM user_account"))}
    rows = []
    for case_id, (occurred_at, data) in latest.items():
        user_id = users.get(str(data.get("reviewer") or ""))
        if data.get("outcome") == "granted" and user_id:
            rows.append({"id": str(uuid.uuid4()), "case_id": case_id, "user_id": user_id, "role": DESIGNATED,
                         "at": occurred_at})
    return rows


def upgrade() -> None:
    # plain CREATE INDEX (no batch mode): no table is copied, however large
    op.create_index('ix_case_assignment_user_case_role', 'case_assignment', ['user_id', 'case_id', 'role_in_case'],
                    unique=False)
    op.drop_index('ix_case_assignment_user_id', table_name='case_assignment')
    op.create_index('ix_enforcement_case_registered_by_id', 'enforcement_case', ['registered_by', 'id'],
                    unique=False)
    op.drop_index('ix_enforcement_case_registered_by', table_name='enforcement_case')
    conn = op.get_bind()
    rows = _designations(conn)
    if rows:
        conn.execute(sa.text("INSERT INTO case_assignment (id, case_id, user_id, role_in_case, assigned_at) "
                             "VALUES (:id, :case_id, :user_id, :role, :at)"), rows)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM case_assignment WHERE role_in_case = 'designated_reviewer'"))
    op.create_index('ix_enforcement_case_registered_by', 'enforcement_case', ['registered_by'], unique=False)
    op.drop_index('ix_enforcement_case_registered_by_id', table_name='enforcement_case')
    op.create_index('ix_case_assignment_user_id', 'case_assignment', ['user_id'], unique=False)
    op.drop_index('ix_case_assignment_user_case_role', table_name='case_assignment')
