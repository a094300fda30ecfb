"""Demo data written in bulk (parties chained in memory, cases by driver-level executemany) must store
exactly what the unit of work and a Core insert would: one audited, outboxed record per party, the same
column text, and a chain that `verify` accepts."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import pytest

from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.demo_cases import insert_rows
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
        insert_rows(session, AuditRecord.__table__, [row(2)])  # type: ignore[arg-type]
        session.commit()
    con = sqlite3.connect(ctx.data_dir.database)
    try:
        stored = con.execute("SELECT * FROM audit_record WHERE action = 't' ORDER BY id").fetchall()
    finally:
        con.close()
    assert len(stored) == 2
    core, driver = (r[2:] for r in stored)  # past seq and id
    assert core == driver


def test_driver_executemany_stores_records_and_evidence_as_core_does(ctx: AppContext) -> None:
    """The one-step processors (UTC text of a Shanghai time, JSON with sorted keys and Chinese as is)
    give the column text the model's own processors give."""
    from desktop_app.clock import SHANGHAI
    from desktop_app.services.demo import create_demo
    from desktop_app.store.models import EvidenceItem, ProcessRecord

    create_demo(ctx, cases=30, seed=3)
    at = datetime(2026, 5, 6, 14, 7, 0, 12, tzinfo=SHANGHAI)
    with bulk_session(ctx.db) as session:
        case_id = session.connection().exec_driver_sql("SELECT id FROM enforcement_case LIMIT 1").scalar()
        assert isinstance(case_id, str)

        def record(n: int) -> dict[str, object]:
            return {"id": f"10000000-0000-4000-8000-00000000000{n}", "case_id": case_id, "kind": "inspection",
                    "occurred_at": at, "ended_at": None, "place": "文水县刘胡兰镇南庄村",
                    "officers": [{"name": "执法员甲", "login": "demo-officer1", "certificate_number": "1411"}],
                    "persons_present": [{"role": "当事人", "name": "王某"}],
                    "content": {"text": "经查，", "questions": [], "certificates_shown": True},
                    "signature": "signed", "signature_note": "", "recorded_by": "demo-officer1", "recorded_at": at}

        def item(n: int) -> dict[str, object]:
            return {"id": f"20000000-0000-4000-8000-00000000000{n}", "case_id": case_id, "number": 100 + n,
                    "type_code": "audiovisual", "title": "现场照片", "description": "", "collected_by": "demo-officer1",
                    "collected_at": at, "place": "南庄村", "device": None, "original_name": "IMG.jpg", "size": 3,
                    "mime_type": "image/jpeg", "sha256": "a" * 64, "flags": [], "flag_note": "",
                    "record_id": None, "added_at": at.astimezone(UTC), "added_by": "demo-officer1",
                    "removed_at": None, "removed_by": None, "removal_reason": None}

        session.connection().execute(ProcessRecord.__table__.insert(), [record(1)])
        insert_rows(session, ProcessRecord.__table__, [record(2)])  # type: ignore[arg-type]
        session.connection().execute(EvidenceItem.__table__.insert(), [item(1)])
        insert_rows(session, EvidenceItem.__table__, [item(2)])  # type: ignore[arg-type]
        session.commit()
    con = sqlite3.connect(ctx.data_dir.database)
    con.row_factory = sqlite3.Row
    try:
        for table, prefix in (("process_record", "1"), ("evidence_item", "2")):
            rows = con.execute(f"SELECT * FROM {table} WHERE id LIKE '{prefix}0000000-%' ORDER BY id").fetchall()
            assert len(rows) == 2
            # a sqlite3.Row iterates over its values: the names come from keys()
            core, driver = ({k: r[k] for k in r.keys() if k not in ("id", "number")} for r in rows)  # noqa: SIM118
            assert core == driver
            assert core[next(k for k in core if k in ("occurred_at", "collected_at"))] == "2026-05-06 06:07:00.000012"
    finally:
        con.close()


@pytest.mark.parametrize("case_id", [None, "30000000-0000-4000-8000-000000000001"])
def test_chained_audit_row_hashes_as_the_unit_of_work_does(case_id: str | None) -> None:
    """The demo's spelled-out canonical text gives audit_chain's hash, escapes and Chinese included."""
    from desktop_app.clock import SHANGHAI
    from desktop_app.services.demo_cases import chained_audit_row
    from desktop_app.store import audit_chain

    at = datetime(2026, 5, 6, 14, 7, 0, tzinfo=SHANGHAI)
    after = {"z": [1, "二", None, True], "a": {"q": "引号\"和\\反斜杠\n换行"}, "n": 3}
    row = chained_audit_row("f" * 64, "40000000-0000-4000-8000-000000000001", at, at.astimezone(UTC),
                            "demo-officer1", "demo", "record.add", "record", "50000000-0000-4000-8000-000000000001",
                            case_id, "录入“笔录”\t（测试）", after)
    fields = audit_chain.hashed_fields(
        id=row["id"], occurred_at=at, recorded_at=at, actor="demo-officer1", via="demo", action="record.add",
        entity="record", entity_id=row["entity_id"], case_id=case_id, summary="录入“笔录”\t（测试）", before=None,
        after=after)
    assert row["hash"] == audit_chain.record_hash("f" * 64, fields)
    assert json.loads(row["after"]) == fields["after"]
