"""The append-only, hash-chained audit trail and the outbox of changes not yet sent to the county."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.store.base import Base, JSONText, UTCDateTime


class AuditRecord(Base):
    """One change. `hash` = SHA-256 over the previous hash and this record's canonical content,
    so that editing, deleting or reordering history breaks the chain (DESIGN.md, Audit)."""

    __tablename__ = "audit_record"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(60))
    via: Mapped[str] = mapped_column(String(10))  # gui | cli | demo | system
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    case_id: Mapped[str | None] = mapped_column(String(36), index=True, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[Any] = mapped_column(JSONText, nullable=True)
    after: Mapped[Any] = mapped_column(JSONText, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEntry(Base):
    """A change waiting for the county platform; marked when the county acknowledges it."""

    __tablename__ = "outbox_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    audit_id: Mapped[str] = mapped_column(ForeignKey("audit_record.id"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    package_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


__all__ = ["AuditRecord", "OutboxEntry"]
