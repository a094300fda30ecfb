"""Demo data written in bulk (parties chained in memory, cases by driver-level executemany) must store
exactly what the unit of work and a Core insert would: one audited, outboxed record per party, the same
column text, and a chain that `verify` accepts."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.demo_cases import _executemany
from desktop_app.services.verify import verify
from desktop_app.store.database import bulk_session
from desktop_app.store.models import AuditRecord


def test_each_demo_party_has_one_audit_record_and_outbox_entry(ctx: AppContext) -> None:
    result = create_demo(ctx, cases=60, seed=5)
    assert result.parties == 30
    con = sqlite3.connect(ctx.data_dir.database)
    try:
        rows = con.execute(
            "SELECT p.id, count(a.seq), count(o.id) FROM party p "
            "LEFT JOIN audit_record a ON a.entity_id = p.id AND a.action = 'party.add' "
            "LEFT JOIN outbox_entry o ON o.audit_id = a.id GROUP BY p.id").fetchall()
        # Chained in the order made: each record links to the one before it.
        links = con.execute("SELECT prev_hash, before FROM (SELECT seq, prev_hash, lag(hash) OVER "
                            "(ORDER BY seq) AS before FROM audit_record) WHERE before IS NOT NULL").fetchall()
    finally:
        con.close()
    assert len(rows) == 30
    assert all(audits == 1 and outbox == 1 for _, audits, outbox in rows)
    assert len(links) > 30
    assert all(prev == before for prev, before in links)
    assert verify(ctx).ok


def test_demo_twice_adds_no_parties_and_keeps_the_chain(ctx: AppContext) -> None:
    create_demo(ctx, cases=0, seed=5)
    again = create_demo(ctx, cases=0, seed=5)
    assert again.parties == 20
    assert verify(ctx).ok


def test_driver_executemany_stores_what_a_core_insert_stores(ctx: AppContext) -> None:
    at = datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=UTC)

    def row(n: int) -> dict[str, object]:
        # summary left out: its default ("") is filled in by both ways
        return {"id": f"00000000-0000-4000-8000-00000000000{n}", "occurred_at": at, "recorded_at": at,
                "actor": "demo", "via": "demo", "action": "t", "entity": "case", "entity_id": "x",
                "case_id": None, "before": None, "after": {"b": [1, "二"], "a": True},
                "prev_hash": "0" * 64, "hash": "1" * 64}

    with bulk_session(ctx.db) as session:
        session.connection().execute(AuditRecord.__table__.insert(), [row(1)])
        _executemany(session, AuditRecord.__table__, [row(2)])  # type: ignore[arg-type]
        session.commit()
    con = sqlite3.connect(ctx.data_dir.database)
    try:
        stored = con.execute("SELECT * FROM audit_record WHERE action = 't' ORDER BY id").fetchall()
    finally:
        con.close()
    assert len(stored) == 2
    core, driver = (r[2:] for r in stored)  # past seq and id
    assert core == driver
