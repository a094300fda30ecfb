"""Demo cases carry what 调查取证 leaves on file: every case at or past 调查终结 has a 现场检查（勘验）笔录 with
two officers and their certificate numbers, and scene photos as evidence whose stored file matches its
SHA-256, each audited (and queued for the county) as the records and evidence services audit them; the
services and `case show` list them; the same seed gives the same records."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desktop_app.clock import SHANGHAI, Clock, local_date
from desktop_app.evidence.file_store import FileStore
from desktop_app.services.bootstrap import open_context
from desktop_app.services.cases.queries import CaseFilter, list_cases, show_case
from desktop_app.services.demo import create_demo
from desktop_app.services.evidence import _audit_view, list_evidence
from desktop_app.services.records import list_records
from desktop_app.services.users import resolve_actor
from desktop_app.services.verify import verify
from desktop_app.store.models import EvidenceItem

NOW = datetime(2026, 11, 23, 10, tzinfo=SHANGHAI)
# Every state a case reaches only through 调查终结 (simple-procedure cases skip the investigation).
CONCLUDED = ("investigated", "notified", "hearing", "legal_review", "discussion", "decided", "served",
             "executing", "closed", "archived")


@pytest.fixture(scope="module")
def demo300(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo300ev")
    ctx = open_context(root, clock=Clock(NOW))
    create_demo(ctx, cases=300, seed=11)
    ctx.db.dispose()
    return root


def _query(root: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(root / "enforcement.sqlite3")
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_every_concluded_case_has_an_inspection_record_and_evidence_with_its_file(demo300: Path) -> None:
    concluded = _query(demo300, "SELECT c.id FROM enforcement_case c WHERE c.procedure = 'ordinary' AND "
                                "EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.action = 'conclude')")
    assert len(concluded) > 100
    by_state = dict(_query(demo300, "SELECT state, count(*) FROM enforcement_case WHERE procedure = 'ordinary' "
                                    f"AND state IN ({','.join('?' * len(CONCLUDED))}) GROUP BY state", *CONCLUDED))
    assert sum(by_state.values()) == len(concluded)
    store = FileStore(demo300 / "evidence")
    for (case_id,) in concluded:
        records = _query(demo300, "SELECT id, kind, officers, occurred_at FROM process_record WHERE case_id = ?",
                         case_id)
        items = _query(demo300, "SELECT sha256, size, record_id, mime_type FROM evidence_item WHERE case_id = ?",
                       case_id)
        assert any(kind == "inspection" for _, kind, _, _ in records), case_id
        assert items, case_id
        for _, _, officers, _ in records:
            listed = json.loads(officers)
            assert len(listed) == 2 and all(o["certificate_number"] and o["name"] for o in listed)
        record_ids = {r[0] for r in records}
        for sha, size, record_id, mime in items:
            data = store.path_for(sha).read_bytes()
            assert hashlib.sha256(data).hexdigest() == sha and len(data) == size
            assert mime == "image/jpeg" and data[:3] == b"\xff\xd8\xff"
            assert record_id in record_ids
    # The inspection is dated on the day of the investigation (调查取证), before 调查终结.
    days = _query(demo300, "SELECT r.occurred_at, i.occurred_at, c.occurred_at FROM process_record r "
                           "JOIN case_event i ON i.case_id = r.case_id AND i.action = 'investigate' "
                           "JOIN case_event c ON c.case_id = r.case_id AND c.action = 'conclude' "
                           "WHERE r.kind = 'inspection'")
    assert days
    for record_at, investigated_at, concluded_at in days:
        at, inv = (datetime.fromisoformat(x + "+00:00") for x in (record_at, investigated_at))
        assert local_date(at) == local_date(inv) and at > inv and record_at < concluded_at


def test_some_open_investigations_have_records_and_some_cases_an_interview(demo300: Path) -> None:
    rows = _query(demo300, "SELECT c.state, count(r.id) FROM enforcement_case c LEFT JOIN process_record r "
                           "ON r.case_id = c.id AND r.kind = 'inspection' WHERE c.state = 'investigating' "
                           "GROUP BY c.id")
    assert any(n for _, n in rows) and not all(n for _, n in rows)
    interviews = _query(demo300, "SELECT persons_present, content FROM process_record WHERE kind = 'interview'")
    assert interviews
    for persons, content in interviews:
        assert json.loads(persons)[0]["role"] == "被询问人"
        assert len(json.loads(content)["questions"]) >= 5
    # Nothing before 立案 has any.
    early = _query(demo300, "SELECT count(*) FROM process_record r JOIN enforcement_case c ON c.id = r.case_id "
                            "WHERE c.state IN ('clue', 'accepted', 'rejected', 'not_filed', 'filed')")
    assert early == [(0,)]


def test_records_and_evidence_are_audited_and_queued_as_the_services_do(demo300: Path) -> None:
    audited = dict(_query(demo300, "SELECT entity_id, count(*) FROM audit_record WHERE action IN "
                                   "('record.add', 'evidence.add') GROUP BY entity_id"))
    queued = dict(_query(demo300, "SELECT entity_id, count(*) FROM outbox_entry WHERE entity IN ('record', "
                                  "'evidence') AND audit_id IN (SELECT id FROM audit_record WHERE action IN "
                                  "('record.add', 'evidence.add')) GROUP BY entity_id"))
    ids = [r[0] for r in _query(demo300, "SELECT id FROM process_record UNION ALL SELECT id FROM evidence_item")]
    assert ids and all(audited.get(i) == 1 and queued.get(i) == 1 for i in ids)
    # The evidence.add record holds exactly what evidence.add_evidence puts in it.
    ctx = open_context(demo300, clock=Clock(NOW))
    try:
        with ctx.read() as s:
            item = s.query(EvidenceItem).order_by(EvidenceItem.id).first()
            assert item is not None
            view = _audit_view(item)
        after = json.loads(_query(demo300, "SELECT after FROM audit_record WHERE entity_id = ? AND action = "
                                           "'evidence.add'", item.id)[0][0])
        # collected_at as given (Asia/Shanghai) in the audit, the same instant as the stored UTC time
        assert datetime.fromisoformat(after.pop("collected_at")) == datetime.fromisoformat(view.pop("collected_at"))
        assert after == view
        report = verify(ctx)
        assert report.ok, report.problems
        assert report.evidence_files >= 2
    finally:
        ctx.db.dispose()


def test_a_closed_case_lists_its_records_and_evidence(demo300: Path) -> None:
    ctx = open_context(demo300, clock=Clock(NOW))
    try:
        supervisor = resolve_actor(ctx, "demo-supervisor", via="cli")
        rows = [r for state in ("archived", "closed")
                for r in list_cases(ctx, supervisor, CaseFilter(state=state, limit=20)).rows]
        detail = next(d for d in (show_case(ctx, supervisor, r.id) for r in rows) if d.procedure == "ordinary")
        assert any(r["kind"] == "inspection" and len(r["officers"]) == 2 and r["evidence"] for r in detail.records)
        assert any(e["kind"] == "evidence" and e["type"] == "audiovisual" for e in detail.evidence)
        records = list_records(ctx, supervisor, detail.id)
        evidence = list_evidence(ctx, supervisor, detail.id)
        inspection = next(r for r in records if r.kind == "inspection")
        assert inspection.text.startswith("执法人员") and "经查，当事人" in inspection.text
        assert all(o.certificate_number for o in inspection.officers)
        assert evidence and all(e.is_image and e.device and e.record_id == inspection.id for e in evidence
                                if e.record_id == inspection.id)
        assert [e.number for e in evidence] == list(range(1, len(evidence) + 1))
    finally:
        ctx.db.dispose()


def test_same_seed_same_records_evidence_and_chain(tmp_path: Path) -> None:
    def make(name: str) -> tuple[list[tuple[Any, ...]], ...]:
        ctx = open_context(tmp_path / name, clock=Clock(NOW))
        try:
            create_demo(ctx, cases=60, seed=7)
        finally:
            ctx.db.dispose()
        root = tmp_path / name
        return (_query(root, "SELECT * FROM process_record ORDER BY id"),
                _query(root, "SELECT * FROM evidence_item ORDER BY id"),
                # the cases' audit records (not their hashes: `initialise`, before the demo, draws random ids)
                _query(root, "SELECT id, occurred_at, recorded_at, actor, action, entity_id, case_id, summary, "
                             "after FROM audit_record WHERE case_id IS NOT NULL ORDER BY seq"),
                sorted((p.name, p.stat().st_size) for p in (root / "evidence").rglob("*") if p.is_file()))

    first, second = make("a"), make("b")
    assert first[0] and first[1]
    assert first == second


def test_each_demo_history_reads_in_order(demo300: Path) -> None:
    """In time order each step starts from the state the step before left (a notice is issued before
    it is served, the 笔录 lies between 调查取证 and 调查终结)."""
    broken = _query(demo300, "SELECT case_id, action, from_state, before FROM (SELECT case_id, action, from_state, "
                             "occurred_at, lag(to_state) OVER (PARTITION BY case_id ORDER BY occurred_at, "
                             "recorded_at) AS before FROM case_event) WHERE before IS NOT NULL "
                             "AND from_state != before")
    assert broken == []


def test_demo_ids_are_uuids_in_the_order_of_time(demo300: Path) -> None:
    """Version 7 UUIDs stamped with the story's time: valid UUIDs, and the cases' ids in the order of
    registration (what keeps the bulk insert appending to the indexes)."""
    import uuid

    rows = _query(demo300, "SELECT id FROM enforcement_case ORDER BY registered_at, id")
    ids = [r[0] for r in rows]
    assert all(uuid.UUID(i).version == 7 and str(uuid.UUID(i)) == i for i in ids)
    stamps = [int(i.replace("-", "")[:12], 16) for i in ids]
    assert stamps == sorted(stamps)
    audits = _query(demo300, "SELECT id FROM audit_record WHERE via = 'demo' AND case_id IS NOT NULL LIMIT 50")
    assert audits and all(uuid.UUID(a).version == 7 for (a,) in audits)
