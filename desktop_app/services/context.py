"""The application context and units of work.

The composition root (app.py / cli) builds one AppContext; every service takes it and the acting user,
opens its own unit of work, checks permission and the rules, and writes the change together with its
audit record in one transaction (DESIGN.md, Units of work)."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.clock import Clock
from desktop_app.paths import DataDir
from desktop_app.services.actor import Actor
from desktop_app.store import audit_chain
from desktop_app.store.base import new_uuid
from desktop_app.store.database import Database
from desktop_app.store.models import OutboxEntry

logger = logging.getLogger(__name__)

# Entities whose changes the county platform receives (sync, a later issue).
SYNCED_ENTITIES = frozenset({"case", "party", "document", "evidence", "record"})


@dataclass
class AppContext:
    db: Database
    data_dir: DataDir
    clock: Clock

    @property
    def is_demo(self) -> bool:
        return self.data_dir.demo_marker.exists()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self.db.read_sessions()
        try:
            yield session
        finally:
            # close() ends the transaction without expiring what was loaded.
            session.close()

    @contextmanager
    def write(self, actor: Actor, *, ids: Callable[[], str] | None = None) -> Iterator[UnitOfWork]:
        """A write transaction (BEGIN IMMEDIATE on SQLite). `ids` makes audit ids reproducible (demo)."""
        session = self.db.write_sessions()
        uow = UnitOfWork(self, actor, session, ids or new_uuid)
        try:
            yield uow
            session.commit()
        except BaseException:
            if session.in_transaction():
                session.rollback()
            raise
        finally:
            session.close()
        if uow.audited:
            write_audit_head(self)


class UnitOfWork:
    """One transaction: the change and its audit records commit together or not at all."""

    def __init__(self, ctx: AppContext, actor: Actor, session: Session,
                 ids: Callable[[], str] = new_uuid) -> None:
        self.ctx = ctx
        self.new_id = ids
        self.actor = actor
        self.session = session
        self.audited = False
        self._prev_hash: str | None = None

    @property
    def now(self) -> datetime:
        return self.ctx.clock.now()

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: str,
        *,
        summary: str,
        before: Any = None,
        after: Any = None,
        case_id: str | None = None,
        occurred_at: datetime | None = None,
    ) -> str:
        """Append an audit record (and an outbox row for what the county receives); returns its id."""
        now = self.ctx.clock.now()
        fields = audit_chain.hashed_fields(
            id=self.new_id(),
            occurred_at=occurred_at or now,
            recorded_at=now,
            actor=self.actor.login or "anonymous",
            via=self.actor.via,
            action=action,
            entity=entity,
            entity_id=entity_id,
            case_id=case_id,
            summary=summary,
            before=before,
            after=after,
        )
        rec = audit_chain.append(self.session, fields, self._prev_hash)
        self._prev_hash = rec.hash
        if entity in SYNCED_ENTITIES:
            self.session.add(
                OutboxEntry(audit_id=rec.id, entity=entity, entity_id=entity_id, created_at=now)
            )
        self.audited = True
        return rec.id

    def audit_head_changed(self) -> None:
        """Audit records were appended beside this unit of work, in its transaction (a bulk insert that
        chains them itself, as the demo does): forget the head this unit last wrote, so that its next
        record links to the chain's real head instead of forking the chain, and have the head file
        rewritten after the commit as for any audited change."""
        self._prev_hash = None
        self.audited = True


def write_audit_head(ctx: AppContext) -> audit_chain.ChainHead:
    """Keep the chain's head outside the database too, replaced atomically (DESIGN.md, Audit):
    a cut-off tail is only visible against an anchor held elsewhere."""
    with ctx.read() as session:
        head = audit_chain.head(session)
    payload = json.dumps({"count": head.count, "seq": head.seq, "hash": head.hash}, indent=1)
    target = ctx.data_dir.audit_head
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".audit-head-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return head


def read_audit_head(ctx: AppContext) -> audit_chain.ChainHead | None:
    try:
        data = json.loads(ctx.data_dir.audit_head.read_text(encoding="utf-8"))
        return audit_chain.ChainHead(int(data["count"]), int(data["seq"]), str(data["hash"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        return audit_chain.ChainHead(-1, -1, "unreadable")
