"""Evidence items (证据) of a case and its full-process records (全过程记录: 现场检查（勘验）笔录,
询问（调查）笔录).

An evidence item names a file in the content-addressed store by its SHA-256; the same file imported
twice is stored once and referenced by two items. Items are numbered per case without gaps (the case's
证据清单) and never deleted: a removal after the retention period keeps the row with who, when and why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.store.base import Base, JSONText, UTCDateTime, UUIDPrimaryKey


class ProcessRecord(UUIDPrimaryKey, Base):
    """One inspection or interview 笔录 as entered in the structured form: when and where, the officers
    with the certificate numbers they held that day, who was present, the questions and answers or the
    findings, and whether the person signed (行政处罚法 第五十五条)."""

    __tablename__ = "process_record"
    __table_args__ = (Index("ix_process_record_case_occurred", "case_id", "occurred_at"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"))
    kind: Mapped[str] = mapped_column(String(20))  # inspection | interview
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    place: Mapped[str] = mapped_column(Text)
    # [{"login", "name", "certificate_number"}] as they stood on the day
    officers: Mapped[list[dict[str, Any]]] = mapped_column(JSONText, default=list)
    # [{"name", "role", ...}]: the party, the person interviewed, witnesses
    persons_present: Mapped[list[dict[str, Any]]] = mapped_column(JSONText, default=list)
    # {"questions": [{"q", "a"}], "text": "...", "certificates_shown": true, ...}
    content: Mapped[dict[str, Any]] = mapped_column(JSONText, default=dict)
    signature: Mapped[str] = mapped_column(String(10))  # signed | refused | unable
    signature_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EvidenceItem(UUIDPrimaryKey, Base):
    """One piece of evidence in a case's 证据清单 (行政处罚法 第四十六条)."""

    __tablename__ = "evidence_item"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("enforcement_case.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    type_code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    collected_by: Mapped[str] = mapped_column(String(60))  # login
    collected_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(Text, default="")
    device: Mapped[str | None] = mapped_column(String(40), nullable=True)  # 执法记录仪编号
    original_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    flags: Mapped[list[str]] = mapped_column(JSONText, default=list)
    flag_note: Mapped[str] = mapped_column(Text, default="")
    record_id: Mapped[str | None] = mapped_column(ForeignKey("process_record.id"), nullable=True, index=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(String(60))
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    removed_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    removal_reason: Mapped[str | None] = mapped_column(Text, nullable=True)


__all__ = ["EvidenceItem", "ProcessRecord"]
