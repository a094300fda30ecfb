"""The township's enforcement-item list (一乡镇一清单), versioned, and its discretion benchmarks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.store.base import Base, JSONText, UTCDateTime, UUIDPrimaryKey


class ItemListVersion(UUIDPrimaryKey, Base):
    """One version of the list. A new version supersedes the old from its effective date;
    a case keeps the item row (and so the version) it was filed under."""

    __tablename__ = "item_list_version"

    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date] = mapped_column(Date)
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    confirmed_by: Mapped[str | None] = mapped_column(String(60), nullable=True)
    source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    items: Mapped[list[EnforcementItem]] = relationship(
        back_populates="version", order_by="EnforcementItem.code", lazy="raise"
    )


class EnforcementItem(UUIDPrimaryKey, Base):
    __tablename__ = "enforcement_item"
    __table_args__ = (UniqueConstraint("version_id", "code"),)

    version_id: Mapped[str] = mapped_column(ForeignKey("item_list_version.id"), index=True)
    code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(60))
    violation_law: Mapped[str] = mapped_column(String(200))
    violation_article: Mapped[str] = mapped_column(String(100))
    violation_text: Mapped[str] = mapped_column(Text, default="")
    penalty_law: Mapped[str] = mapped_column(String(200))
    penalty_article: Mapped[str] = mapped_column(String(100))
    penalty_text: Mapped[str] = mapped_column(Text, default="")
    penalty_summary: Mapped[str] = mapped_column(Text, default="")
    # The fine ranges as the article states them: [{party, min, max, unit, base, mandatory, precondition}]
    fines: Mapped[list[dict[str, Any]]] = mapped_column(JSONText, default=list)
    fine_amount_in_law: Mapped[bool] = mapped_column(Boolean, default=True)
    other_sanctions: Mapped[list[str]] = mapped_column(JSONText, default=list)
    major: Mapped[bool] = mapped_column(Boolean, default=False)
    continuing: Mapped[bool] = mapped_column(Boolean, default=False)
    limitation_years: Mapped[int] = mapped_column(Integer, default=2)
    source: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[ItemListVersion] = relationship(back_populates="items")


class BenchmarkTier(UUIDPrimaryKey, Base):
    """裁量基准: one tier (轻微/一般/较重/严重) of one item's range for one kind of party."""

    __tablename__ = "benchmark_tier"
    __table_args__ = (UniqueConstraint("item_code", "party", "tier"),)

    item_code: Mapped[str] = mapped_column(String(20), index=True)
    party: Mapped[str] = mapped_column(String(20))  # any | organisation | person
    tier: Mapped[str] = mapped_column(String(10))  # minor | general | serious | severe
    unit: Mapped[str] = mapped_column(String(20), default="yuan")
    base: Mapped[str | None] = mapped_column(String(60), nullable=True)
    conditions: Mapped[str] = mapped_column(Text)
    fine_min: Mapped[float] = mapped_column(Float)
    fine_max: Mapped[float] = mapped_column(Float)
    other_sanctions: Mapped[list[str]] = mapped_column(JSONText, default=list)
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NoPenaltyRule(UUIDPrimaryKey, Base):
    """An entry of the 轻微不罚 or 首违免罚 list (行政处罚法 第三十三条第一款)."""

    __tablename__ = "no_penalty_rule"
    __table_args__ = (UniqueConstraint("item_code", "kind"),)

    item_code: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # minor_no_penalty | first_offence_no_penalty
    conditions: Mapped[str] = mapped_column(Text)
    basis: Mapped[str] = mapped_column(Text)
    sample: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


__all__ = ["BenchmarkTier", "EnforcementItem", "ItemListVersion", "NoPenaltyRule"]
