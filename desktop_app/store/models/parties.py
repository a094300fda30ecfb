"""当事人: a person (居民身份证号) or an organisation (统一社会信用代码), recognised by its identifier."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.store.base import Base, UTCDateTime, UUIDPrimaryKey


class Party(UUIDPrimaryKey, Base):
    __tablename__ = "party"
    __table_args__ = (UniqueConstraint("kind", "identifier"),)

    kind: Mapped[str] = mapped_column(String(20))  # person | organisation
    name: Mapped[str] = mapped_column(String(200), index=True)
    identifier: Mapped[str] = mapped_column(String(18), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    representative: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


__all__ = ["Party"]
