"""The audit chain: appending hash-linked records and walking them for `verify`.

On SQLite every write transaction starts with BEGIN IMMEDIATE, so two appends never read the same
last hash. (PostgreSQL mode, later, takes an advisory lock here for the same reason.)"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.store.models import AuditRecord

GENESIS = "0" * 64


def canonical(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def record_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(fields)).encode("utf-8")).hexdigest()


def hashed_fields(
    *,
    id: str,
    occurred_at: datetime,
    recorded_at: datetime,
    actor: str,
    via: str,
    action: str,
    entity: str,
    entity_id: str,
    case_id: str | None,
    summary: str,
    before: Any,
    after: Any,
) -> dict[str, Any]:
    return {
        "id": id,
        # In UTC, as stored: the hash must not depend on the zone the time was given in.
        "occurred_at": occurred_at.astimezone(UTC).isoformat(),
        "recorded_at": recorded_at.astimezone(UTC).isoformat(),
        "actor": actor,
        "via": via,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "case_id": case_id,
        "summary": summary,
        # Round-trip through JSON so what is hashed is exactly what the column gives back.
        "before": json.loads(canonical(before)) if before is not None else None,
        "after": json.loads(canonical(after)) if after is not None else None,
    }


def fields_of(rec: AuditRecord) -> dict[str, Any]:
    return hashed_fields(
        id=rec.id,
        occurred_at=rec.occurred_at,
        recorded_at=rec.recorded_at,
        actor=rec.actor,
        via=rec.via,
        action=rec.action,
        entity=rec.entity,
        entity_id=rec.entity_id,
        case_id=rec.case_id,
        summary=rec.summary,
        before=rec.before,
        after=rec.after,
    )


@dataclass(frozen=True)
class ChainHead:
    count: int
    seq: int
    hash: str


def last_hash(session: Session) -> str:
    row = session.execute(select(AuditRecord.hash).order_by(AuditRecord.seq.desc()).limit(1)).first()
    return row[0] if row else GENESIS


def append(session: Session, fields: dict[str, Any], prev_hash: str | None = None) -> AuditRecord:
    prev = last_hash(session) if prev_hash is None else prev_hash
    rec = AuditRecord(
        id=fields["id"],
        occurred_at=datetime.fromisoformat(fields["occurred_at"]),
        recorded_at=datetime.fromisoformat(fields["recorded_at"]),
        actor=fields["actor"],
        via=fields["via"],
        action=fields["action"],
        entity=fields["entity"],
        entity_id=fields["entity_id"],
        case_id=fields["case_id"],
        summary=fields["summary"],
        before=fields["before"],
        after=fields["after"],
        prev_hash=prev,
        hash=record_hash(prev, fields),
    )
    session.add(rec)
    session.flush()
    return rec


def head(session: Session) -> ChainHead:
    count = session.scalar(select(func.count()).select_from(AuditRecord)) or 0
    row = session.execute(
        select(AuditRecord.seq, AuditRecord.hash).order_by(AuditRecord.seq.desc()).limit(1)
    ).first()
    if row is None:
        return ChainHead(0, 0, GENESIS)
    return ChainHead(count, row[0], row[1])


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    record_id: str
    problem: str


def walk(session: Session, batch: int = 5000) -> Iterator[tuple[AuditRecord | None, ChainProblem | None]]:
    """Yield every record with the problem found at it, if any (edited, deleted, reordered)."""
    prev = GENESIS
    last_seq = 0
    stmt = select(AuditRecord).order_by(AuditRecord.seq).execution_options(yield_per=batch)
    for rec in session.scalars(stmt):
        problem: ChainProblem | None = None
        if rec.prev_hash != prev:
            problem = ChainProblem(rec.seq, rec.id, "与前一条记录的链接断开（记录被删除、插入或调换顺序）")
        elif record_hash(rec.prev_hash, fields_of(rec)) != rec.hash:
            problem = ChainProblem(rec.seq, rec.id, "记录内容与其哈希不符（记录被修改）")
        if problem is None and rec.seq <= last_seq:
            problem = ChainProblem(rec.seq, rec.id, "序号顺序错误")
        prev = rec.hash
        last_seq = rec.seq
        yield rec, problem
