"""The township's enforcement-item list (执法事项清单, 一乡镇一清单), versioned, and its discretion
benchmarks (裁量基准) with the 轻微不罚/首违免罚 lists.

A township enforces only the items on its own published list (seed 000 §8 = 文司发〔2024〕4号 第八条
"一乡镇一清单"; 行政处罚法 第二十四条). The shipped list is a sample (示例): clues can be registered, but
立案 waits until an admin confirms the township's list — except in a demo directory (procedure.md,
"Decisions"). A new list is a new version from its effective date; a case keeps the item row it was
filed under, so an old version is never changed.

Sheet columns are defined once, in ITEM_COLUMNS and BENCHMARK_COLUMNS; what export writes, import reads.
The fine ranges of an item sit in one cell, 罚款幅度, in a small syntax (see parse_fines).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date
from desktop_app.domain.roles import Role
from desktop_app.paths import resource
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext, UnitOfWork
from desktop_app.services.errors import InvalidInput, NotFound, Refused, RowErrors
from desktop_app.store.models import BenchmarkTier, EnforcementItem, ItemListVersion, NoPenaltyRule

logger = logging.getLogger(__name__)

LIST_RULE = "文司发〔2024〕4号 第八条“一乡镇一清单”"
NO_PENALTY_RULE = "行政处罚法 第三十三条第一款"

PARTY_LABELS = {"any": "不限", "organisation": "单位", "person": "个人"}
UNIT_LABELS = {"yuan": "元", "yuan_per_sqm": "元/平方米", "multiple": "倍"}
TIER_LABELS = {"minor": "轻微", "general": "一般", "serious": "较重", "severe": "严重"}
NO_PENALTY_LABELS = {"minor_no_penalty": "轻微不罚", "first_offence_no_penalty": "首违免罚"}
_TIER_ORDER = {code: i for i, code in enumerate(TIER_LABELS)}

_PARTY_WORDS = {
    **dict.fromkeys(("不限", "不区分", "任何", "any"), "any"),
    **dict.fromkeys(("单位", "组织", "法人", "organisation", "organization"), "organisation"),
    **dict.fromkeys(("个人", "自然人", "公民", "person"), "person"),
}
# unit text → (unit code, multiplier): 万元 is only a way of writing yuan.
_UNIT_WORDS = {
    "": ("yuan", 1), "元": ("yuan", 1), "yuan": ("yuan", 1), "万元": ("yuan", 10000),
    "元/平方米": ("yuan_per_sqm", 1), "元/㎡": ("yuan_per_sqm", 1), "元/m2": ("yuan_per_sqm", 1),
    "元每平方米": ("yuan_per_sqm", 1), "yuan_per_sqm": ("yuan_per_sqm", 1),
    "倍": ("multiple", 1), "multiple": ("multiple", 1),
}
_TIER_WORDS = {**{label: code for code, label in TIER_LABELS.items()}, **{c: c for c in TIER_LABELS}}
_BOOL_WORDS = {"是": True, "否": False, "y": True, "n": False, "yes": True, "no": False,
               "true": True, "false": False, "1": True, "0": False}
_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,19}$")
_NUMBER = r"\d+(?:\.\d+)?"
_FINE_HEAD_RE = re.compile(
    rf"^(?:(?P<party>[^:：]+?)\s*[:：])?\s*(?P<min>{_NUMBER}万?)\s*(?:-|－|~|～|至|—)\s*(?P<max>{_NUMBER}万?)\s*"
    r"(?P<unit>[^()（）]*?)\s*(?:[（(](?P<base>[^()（）]+)[)）])?$"
)
# A new fine inside one line starts with "party:" or a number (so a note may contain "；").
_FINE_START_RE = re.compile(rf"\s*(?:(?:{'|'.join(map(re.escape, _PARTY_WORDS))})\s*[:：]|{_NUMBER})", re.I)
_LIST_SPLIT_RE = re.compile(r"[;；\n]")


# ---------------------------------------------------------------------------------------------
# What the services return


@dataclass(frozen=True)
class FineRange:
    """One fine range as the article states it (元, 元/平方米, or 倍 of a base such as 建设工程造价)."""

    party: str  # any | organisation | person
    party_label: str
    min: float
    max: float
    unit: str  # yuan | yuan_per_sqm | multiple
    unit_label: str
    base: str | None
    mandatory: bool  # 处 … 罚款 (True) or only 可以处 (False)
    precondition: str | None  # e.g. 拒不改正: the fine is possible only after it
    note: str | None
    source: str | None


@dataclass(frozen=True)
class ItemInfo:
    id: str
    code: str
    name: str
    category: str
    violation_law: str
    violation_article: str
    violation_text: str
    penalty_law: str
    penalty_article: str
    penalty_text: str  # the penalty article's text
    penalty_summary: str  # 处罚种类及幅度, a short phrase
    fines: tuple[FineRange, ...]
    fine_amount_in_law: bool
    other_sanctions: tuple[str, ...]
    major: bool
    continuing: bool
    limitation_years: int
    source: str
    version_id: str
    version_number: int
    effective_from: date
    sample: bool
    confirmed: bool


@dataclass(frozen=True)
class VersionInfo:
    id: str
    number: int
    name: str
    effective_from: date
    sample: bool
    confirmed: bool
    confirmed_at: datetime | None
    confirmed_by: str | None
    item_count: int
    current: bool
    source: str
    created_at: datetime


@dataclass(frozen=True)
class BenchmarkTierInfo:
    id: str
    item_code: str
    party: str
    party_label: str
    tier: str
    tier_label: str
    conditions: str
    fine_min: float
    fine_max: float
    unit: str
    unit_label: str
    base: str | None
    other_sanctions: tuple[str, ...]
    sample: bool


@dataclass(frozen=True)
class NoPenaltyInfo:
    id: str
    item_code: str
    kind: str
    kind_label: str
    conditions: str
    basis: str
    sample: bool


def _fine(raw: dict[str, Any]) -> FineRange:
    party, unit = str(raw.get("party", "any")), str(raw.get("unit", "yuan"))
    return FineRange(party, PARTY_LABELS.get(party, party), raw["min"], raw["max"], unit,
                     UNIT_LABELS.get(unit, unit), raw.get("base") or None, bool(raw.get("mandatory", True)),
                     raw.get("precondition") or None, raw.get("note") or None, raw.get("source") or None)


def _item_info(item: EnforcementItem, version: ItemListVersion) -> ItemInfo:
    return ItemInfo(
        id=item.id, code=item.code, name=item.name, category=item.category,
        violation_law=item.violation_law, violation_article=item.violation_article,
        violation_text=item.violation_text, penalty_law=item.penalty_law,
        penalty_article=item.penalty_article, penalty_text=item.penalty_text,
        penalty_summary=item.penalty_summary, fines=tuple(_fine(f) for f in item.fines or []),
        fine_amount_in_law=item.fine_amount_in_law, other_sanctions=tuple(item.other_sanctions or []),
        major=item.major, continuing=item.continuing, limitation_years=item.limitation_years,
        source=item.source, version_id=version.id, version_number=version.number,
        effective_from=version.effective_from, sample=version.sample,
        confirmed=version.confirmed_at is not None,
    )


def _version_info(session: Session, v: ItemListVersion, current_id: str | None) -> VersionInfo:
    count = session.scalar(select(func.count()).select_from(EnforcementItem)
                           .where(EnforcementItem.version_id == v.id)) or 0
    return VersionInfo(v.id, v.number, v.name, v.effective_from, v.sample, v.confirmed_at is not None,
                       v.confirmed_at, v.confirmed_by, count, v.id == current_id, v.source, v.created_at)


def _tier_info(t: BenchmarkTier) -> BenchmarkTierInfo:
    return BenchmarkTierInfo(
        t.id, t.item_code, t.party, PARTY_LABELS.get(t.party, t.party), t.tier,
        TIER_LABELS.get(t.tier, t.tier), t.conditions, t.fine_min, t.fine_max, t.unit,
        UNIT_LABELS.get(t.unit, t.unit), t.base, tuple(t.other_sanctions or []), t.sample)


def _no_penalty_info(r: NoPenaltyRule) -> NoPenaltyInfo:
    return NoPenaltyInfo(r.id, r.item_code, r.kind, NO_PENALTY_LABELS.get(r.kind, r.kind), r.conditions,
                         r.basis, r.sample)


# ---------------------------------------------------------------------------------------------
# Session-level helpers for the case workflow


def current_version(session: Session, on: date) -> ItemListVersion | None:
    """The version in force on a date: the latest effective_from ≤ on (the newer number on a tie)."""
    return session.scalar(
        select(ItemListVersion).where(ItemListVersion.effective_from <= on)
        .order_by(ItemListVersion.effective_from.desc(), ItemListVersion.number.desc()).limit(1)
    )


def _latest_version(session: Session) -> ItemListVersion | None:
    return session.scalar(select(ItemListVersion).order_by(
        ItemListVersion.effective_from.desc(), ItemListVersion.number.desc()).limit(1))


def _version_items(session: Session, version: ItemListVersion) -> list[EnforcementItem]:
    return list(session.scalars(select(EnforcementItem).where(EnforcementItem.version_id == version.id)
                                .order_by(EnforcementItem.code)))


def _find_item(session: Session, version: ItemListVersion, code: str) -> EnforcementItem | None:
    return session.scalar(select(EnforcementItem).where(
        EnforcementItem.version_id == version.id, EnforcementItem.code == code.strip().upper()))


def require_confirmed_item(session: Session, code: str, on: date, demo: bool) -> str:
    """The EnforcementItem row id for 立案 of an item on a date; refused unless the item is on the list
    in force and that list is confirmed as the township's own (a demo directory may use the sample)."""
    # seed 000 §8 (文司发〔2024〕4号 第八条): enforce only items on the township's published list.
    version = current_version(session, on)
    if version is None:
        raise Refused(f"尚未载入{on.isoformat()}施行的执法事项清单，不能立案：只能对本乡镇已确认公布的"
                      f"执法事项清单内的事项立案（{LIST_RULE}）")
    item = _find_item(session, version, code)
    if item is None:
        raise Refused(f"事项“{code.strip()}”不在现行执法事项清单（第{version.number}版，"
                      f"{version.effective_from.isoformat()}起施行）内，不能立案：只能对本乡镇已确认公布的"
                      f"执法事项清单内的事项立案（{LIST_RULE}；行政处罚法 第二十四条）")
    if version.confirmed_at is None and not demo:
        state = "是示例清单" if version.sample else "尚未确认"
        raise Refused(f"现行执法事项清单（第{version.number}版）{state}，只能登记线索，不能立案：只能对本乡镇"
                      f"已确认公布的执法事项清单内的事项立案（{LIST_RULE}；行政处罚法 第二十四条）。请管理员"
                      f"核对后确认清单（items confirm），或导入本乡镇公布的清单")
    return item.id


def item_by_id(session: Session, item_id: str) -> ItemInfo:
    """The item row a case was filed under (of whatever version)."""
    item = session.get(EnforcementItem, item_id)
    if item is None:
        raise NotFound(f"执法事项 {item_id} 不存在")
    return _item_info(item, session.get_one(ItemListVersion, item.version_id))


def benchmark_for(session: Session, item_code: str, party_kind: str) -> list[BenchmarkTierInfo]:
    """The discretion tiers for a kind of party (person | organisation): its own tiers where the item
    has them, else the tiers for any party; ordered 轻微 → 严重. Empty where none are set."""
    code = item_code.strip().upper()
    rows = list(session.scalars(select(BenchmarkTier).where(BenchmarkTier.item_code == code)))
    own = [t for t in rows if t.party == party_kind]
    chosen = own or [t for t in rows if t.party == "any"]
    return [_tier_info(t) for t in sorted(chosen, key=lambda t: _TIER_ORDER.get(t.tier, 9))]


def no_penalty_rules(session: Session, item_code: str) -> list[NoPenaltyInfo]:
    """The 轻微不罚/首违免罚 entries for an item (行政处罚法 第三十三条第一款)."""
    rows = session.scalars(select(NoPenaltyRule).where(NoPenaltyRule.item_code == item_code.strip().upper())
                           .order_by(NoPenaltyRule.kind))
    return [_no_penalty_info(r) for r in rows]


# ---------------------------------------------------------------------------------------------
# Reads


def list_items(ctx: AppContext, on: date | None = None) -> list[ItemInfo]:
    """The items of the version in force on a date (default today)."""
    with ctx.read() as session:
        version = current_version(session, on or ctx.clock.today())
        if version is None:
            return []
        return [_item_info(i, version) for i in _version_items(session, version)]


def get_item(ctx: AppContext, code: str, on: date | None = None) -> ItemInfo:
    day = on or ctx.clock.today()
    with ctx.read() as session:
        version = current_version(session, day)
        item = _find_item(session, version, code) if version is not None else None
        if version is None or item is None:
            raise NotFound(f"事项“{code.strip()}”不在{day.isoformat()}施行的执法事项清单内")
        return _item_info(item, version)


def list_versions(ctx: AppContext) -> list[VersionInfo]:
    with ctx.read() as session:
        current = current_version(session, ctx.clock.today())
        rows = session.scalars(select(ItemListVersion).order_by(ItemListVersion.number))
        return [_version_info(session, v, current.id if current else None) for v in rows]


def list_benchmarks(ctx: AppContext, item_code: str | None = None) -> list[BenchmarkTierInfo]:
    with ctx.read() as session:
        stmt = select(BenchmarkTier)
        if item_code:
            stmt = stmt.where(BenchmarkTier.item_code == item_code.strip().upper())
        rows = session.scalars(stmt).all()
        return [_tier_info(t) for t in sorted(
            rows, key=lambda t: (t.item_code, t.party, _TIER_ORDER.get(t.tier, 9)))]


def list_no_penalty(ctx: AppContext, item_code: str | None = None) -> list[NoPenaltyInfo]:
    """The published 轻微不罚/首违免罚 lists (seed 000 §7; 行政处罚法 第三十三条第一款)."""
    with ctx.read() as session:
        stmt = select(NoPenaltyRule).order_by(NoPenaltyRule.item_code, NoPenaltyRule.kind)
        if item_code:
            stmt = stmt.where(NoPenaltyRule.item_code == item_code.strip().upper())
        return [_no_penalty_info(r) for r in session.scalars(stmt)]


# ---------------------------------------------------------------------------------------------
# The default (sample) data, loaded by init


def _reference_json(name: str) -> dict[str, Any]:
    with resource("reference", name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _item_from_json(version_id: str, raw: dict[str, Any]) -> EnforcementItem:
    vb, pb = raw["violation_basis"], raw["penalty_basis"]
    fines = [dict(f) for f in raw.get("fines", [])]
    return EnforcementItem(
        version_id=version_id, code=raw["code"], name=raw["name"], category=raw["category"],
        violation_law=vb["law"], violation_article=vb["article"], violation_text=vb.get("text", ""),
        penalty_law=pb["law"], penalty_article=pb["article"], penalty_text=pb.get("text", ""),
        penalty_summary=raw.get("penalty_text", ""), fines=fines,
        fine_amount_in_law=bool(raw.get("fine_amount_in_law", bool(fines))),
        other_sanctions=list(raw.get("other_sanctions", [])), major=bool(raw.get("major", False)),
        continuing=bool(raw.get("continuing", False)), limitation_years=int(raw.get("limitation_years", 2)),
        source=raw.get("source", ""),
    )


def load_default_list(uow: UnitOfWork) -> int:
    """Load the shipped sample list as version 1 (示例) when there is no list yet; returns the number of
    items loaded (0 when a list exists)."""
    if uow.session.scalar(select(func.count()).select_from(ItemListVersion)):
        return 0
    doc = _reference_json("items.json")
    meta = doc["list"]
    version = ItemListVersion(number=1, name=meta["name"], sample=True, source=meta.get("note", ""),
                              effective_from=date.fromisoformat(meta["effective_from"]), created_at=uow.now)
    uow.session.add(version)
    uow.session.flush()
    items = [_item_from_json(version.id, raw) for raw in doc["items"]]
    uow.session.add_all(items)
    uow.session.flush()
    uow.audit("items.load_default", "item_list", version.id,
              summary=f"载入示例执法事项清单（第1版，{len(items)} 项，示例，确认前不能立案）",
              after={"number": 1, "effective_from": version.effective_from.isoformat(), "sample": True,
                     "items": len(items)})
    return len(items)


def load_default_benchmarks(uow: UnitOfWork) -> int:
    """Load the shipped sample discretion tiers and no-penalty lists where none exist; returns the number
    of tiers loaded (0 when tiers exist)."""
    session = uow.session
    load_tiers = not session.scalar(select(func.count()).select_from(BenchmarkTier))
    load_rules = not session.scalar(select(func.count()).select_from(NoPenaltyRule))
    if not (load_tiers or load_rules):
        return 0
    doc = _reference_json("benchmarks.json")
    tiers = rules = 0
    if load_tiers:
        for block in doc.get("benchmarks", []):
            for t in block["tiers"]:
                # The model has no note column; the sample's note (e.g. "下限为0…通常给予警告") belongs
                # with the conditions a decider reads.
                conditions = t["conditions"] + (f"（{t['note']}）" if t.get("note") else "")
                session.add(BenchmarkTier(
                    item_code=block["item_code"], party=block["party"], tier=t["tier"], unit=block["unit"],
                    base=block.get("base"), conditions=conditions, fine_min=t["fine_min"],
                    fine_max=t["fine_max"], other_sanctions=list(t.get("other_sanctions", [])), sample=True,
                    updated_at=uow.now))
                tiers += 1
    if load_rules:
        for r in doc.get("no_penalty", []):
            session.add(NoPenaltyRule(
                item_code=r["item_code"], kind=r["kind"], conditions=r["conditions"],
                basis=r.get("basis") or NO_PENALTY_RULE, sample=True, updated_at=uow.now))
            rules += 1
    session.flush()
    uow.audit("benchmarks.load_default", "benchmark", "default",
              summary=f"载入示例裁量基准 {tiers} 档、轻微不罚/首违免罚清单 {rules} 条（示例）",
              after={"tiers": tiers, "no_penalty": rules, "sample": True})
    return tiers


# ---------------------------------------------------------------------------------------------
# The 罚款幅度 mini-syntax


def _number(text: str) -> float:
    """“2000”, “0.075”, “1.5万” → 2000, 0.075, 15000 (an int where whole, so JSON stays tidy)."""
    text = text.strip()
    value = float(text[:-1]) * 10000 if text.endswith("万") else float(text)
    value = round(value, 10)
    return int(value) if value.is_integer() else value


def number_text(value: float) -> str:
    """An amount as written in a cell: 2000, 0.075 (never 1e+06)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def _split_fines(text: str) -> list[str]:
    if "\n" in text:
        return [s for s in (p.strip() for p in text.splitlines()) if s]
    parts: list[str] = []
    start = 0
    for m in re.finditer(r"[;；]", text):
        if _FINE_START_RE.match(text, m.end()):
            parts.append(text[start:m.start()])
            start = m.end()
    parts.append(text[start:])
    return [s for s in (p.strip() for p in parts) if s]


def parse_fines(text: str) -> list[dict[str, Any]]:
    """罚款幅度 → fine ranges. One range per line (or separated by “;”/“；”):

        [当事人:]下限-上限[单位][（基数）][|可以][|条件:…][|说明:…][|来源:…]

    当事人: 个人 | 单位 | 不限 (default 不限; person, organisation, any also work). 单位: 元 (default),
    万元, 元/平方米, 倍 — 倍 needs its base in brackets, e.g. ``0.05-0.1倍（建设工程造价）``. The fine is
    required (处…罚款) unless flagged 可以 (可以处…罚款); 条件 is what must come first (e.g. 拒不改正).
    Examples: ``个人:500-2000元;单位:10000-100000元``, ``any:0-20000``, ``不限:3-5倍（滥伐林木价值）|可以``.
    Raises ValueError with a Chinese message naming the part that is wrong."""
    fines: list[dict[str, Any]] = []
    for segment in _split_fines(text.strip()):
        head, *flags = (p.strip() for p in segment.split("|"))
        m = _FINE_HEAD_RE.match(head)
        if m is None:
            raise ValueError(f"罚款幅度“{head}”格式不对，"
                             "应如“个人:500-2000元”或“不限:0.05-0.1倍（建设工程造价）”")
        party_word = (m["party"] or "不限").strip()
        party = _PARTY_WORDS.get(party_word) or _PARTY_WORDS.get(party_word.lower())
        if party is None:
            raise ValueError(f"罚款幅度中的当事人“{party_word}”应为 个人、单位 或 不限")
        unit_word = m["unit"].strip()
        if unit_word not in _UNIT_WORDS:
            raise ValueError(f"罚款幅度中的单位“{unit_word}”应为 元、万元、元/平方米 或 倍")
        unit, factor = _UNIT_WORDS[unit_word]
        low, high = _number(m["min"]) * factor, _number(m["max"]) * factor  # 1-10万元 or 1万-10万元
        if low > high:
            raise ValueError(f"罚款幅度“{head}”的下限大于上限")
        base = (m["base"] or "").strip() or None
        if unit == "multiple" and base is None:
            raise ValueError(f"罚款幅度“{head}”按倍数计算，"
                             "须在括号中写明基数，如“0.05-0.1倍（建设工程造价）”")
        if unit != "multiple" and base is not None:
            raise ValueError(f"罚款幅度“{head}”：只有按倍数计算的罚款才写基数")
        fine: dict[str, Any] = {"party": party, "min": _number(str(low)), "max": _number(str(high)),
                                "unit": unit, "base": base, "mandatory": True, "precondition": None,
                                "note": None, "source": None}
        for flag in flags:
            kv = re.match(r"^([^:：]*)([:：])(.*)$", flag, re.S)
            key, sep, value = (kv[1].strip(), kv[2], kv[3].strip()) if kv else (flag, "", "")
            if not sep and key in ("可以", "optional"):
                fine["mandatory"] = False
            elif not sep and key in ("应当", "必须", "mandatory"):
                fine["mandatory"] = True
            elif sep and key in ("条件", "前提", "if") and value:
                fine["precondition"] = value
            elif sep and key in ("说明", "note") and value:
                fine["note"] = value
            elif sep and key in ("来源", "source") and value:
                fine["source"] = value
            else:
                raise ValueError(f"罚款幅度中的“{flag}”无法识别：可写“可以”“条件:…”“说明:…”“来源:…”")
        fines.append(fine)
    if any(f["party"] == "any" for f in fines) and any(f["party"] != "any" for f in fines):
        raise ValueError("罚款幅度不能同时有“不限”和“个人/单位”：请分别写明个人和单位的幅度")
    return fines


def _clean(text: str) -> str:
    return text.replace("|", "｜").replace("\r", " ").replace("\n", " ").strip()


def format_fine(f: dict[str, Any]) -> str:
    unit = f.get("unit", "yuan")
    party = PARTY_LABELS[f.get("party", "any")]
    head = f"{party}:{number_text(f['min'])}-{number_text(f['max'])}{UNIT_LABELS[unit]}"
    if f.get("base"):
        head += f"（{_clean(f['base'])}）"
    parts = [head]
    if not f.get("mandatory", True):
        parts.append("可以")
    for key, label in (("precondition", "条件"), ("note", "说明"), ("source", "来源")):
        if f.get(key):
            parts.append(f"{label}:{_clean(str(f[key]))}")
    return "|".join(parts)


def format_fines(fines: Iterable[dict[str, Any]]) -> str:
    """The 罚款幅度 cell: one range per line — what parse_fines reads back."""
    return "\n".join(format_fine(f) for f in fines)


def fine_summary(fines: Iterable[FineRange]) -> str:
    """A short phrase for screens: “个人 500-2000元；单位 10000-100000元”."""
    out = []
    for f in fines:
        who = "" if f.party == "any" else f"{f.party_label} "
        base = f"（{f.base}）" if f.base else ""
        cond = f"（{f.precondition}）" if f.precondition else ""
        out.append(f"{who}{number_text(f.min)}-{number_text(f.max)}{f.unit_label}{base}{cond}")
    return "；".join(out) or "未规定数额"


# ---------------------------------------------------------------------------------------------
# Sheets: .xlsx (first sheet, header row) or .csv (UTF-8 with or without BOM, or GB18030)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool  # the column must be there and its cells filled


ITEM_COLUMNS: tuple[Column, ...] = (
    Column("code", "编码", True),
    Column("name", "事项名称", True),
    Column("category", "类别", True),
    Column("violation_law", "违法依据法律", True),
    Column("violation_article", "违法依据条款", True),
    Column("violation_text", "违法依据内容", False),
    Column("penalty_law", "处罚依据法律", True),
    Column("penalty_article", "处罚依据条款", True),
    Column("penalty_text", "处罚依据内容", False),
    Column("penalty_summary", "处罚种类及幅度", True),
    Column("fines", "罚款幅度", False),  # empty: the article states no amount
    Column("other_sanctions", "其他措施", False),  # 责令改正, 没收, 拆除 … one per line or “；”
    Column("major", "是否重大", True),
    Column("continuing", "是否持续", True),
    Column("limitation_years", "追责时效（年）", False),  # empty: 2 (行政处罚法 第三十六条)
    Column("source", "来源", False),
)

BENCHMARK_COLUMNS: tuple[Column, ...] = (
    Column("item_code", "事项编码", True),
    Column("party", "当事人类型", True),  # 个人 | 单位 | 不限
    Column("tier", "裁量档次", True),  # 轻微 | 一般 | 较重 | 严重 (or minor … severe)
    Column("conditions", "情形", True),
    Column("fine_min", "罚款下限", True),
    Column("fine_max", "罚款上限", True),
    Column("unit", "单位", False),  # 元 (default) | 元/平方米 | 倍
    Column("base", "基数", False),  # for 倍: 建设工程造价 …
    Column("other_sanctions", "其他处罚", False),
)

_LENGTHS = {"code": 20, "category": 60, "violation_law": 200, "violation_article": 100,
            "penalty_law": 200, "penalty_article": 100, "base": 60}


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _norm_header(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")").lower()


def _sheet_rows(path: Path) -> Iterator[list[str]]:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput("文件", f"只能导入 .xlsx 或 .csv 文件，收到“{path.name}”")
    if not path.is_file():
        raise InvalidInput("文件", f"文件不存在：{path}")
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            # read_only streams the rows, so a large sheet is not held in memory at once.
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
            raise InvalidInput("文件", f"无法读取 Excel 文件“{path.name}”：{exc}") from None
        try:
            for values in wb.worksheets[0].iter_rows(values_only=True):
                yield [_cell_text(v) for v in values]
        finally:
            wb.close()
        return
    raw = path.read_bytes()
    # Chinese Excel saves “CSV” in GB18030 (GBK); UTF-8 is tried first, with or without BOM.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidInput("文件", "文件编码无法识别：请另存为 UTF-8 或 GB18030 编码的 CSV")
    for row in csv.reader(io.StringIO(text, newline="")):
        yield [cell.strip() for cell in row]


def _read_sheet(path: Path, columns: tuple[Column, ...], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as the spreadsheet shows it, {column key: cell text}) for every non-empty data row."""
    rows = _sheet_rows(path)
    header = next(rows, None)
    if header is None:
        raise InvalidInput("文件", f"{what}文件为空")
    index = {_norm_header(h): i for i, h in enumerate(header) if h}
    positions: dict[str, int] = {}
    for col in columns:
        pos = index.get(_norm_header(col.header))
        if pos is not None:
            positions[col.key] = pos
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing:
        raise RowErrors(what, [(1, f"表头缺少列：{'、'.join(missing)}（第一行应为列名）")])
    for number, row in enumerate(rows, start=2):
        if not any(row):
            continue
        yield number, {key: (row[pos] if pos < len(row) else "") for key, pos in positions.items()}


def _write_sheet(path: Path, headers: list[str], rows: Iterable[list[Any]], title: str) -> None:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInput("文件", f"只能导出为 .xlsx 或 .csv 文件，收到“{path.name}”")
    try:
        if suffix == ".xlsx":
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet(title)
            ws.append(headers)
            for row in rows:
                ws.append(row)
            wb.save(path)
        else:
            # With a BOM, so that Excel opens the UTF-8 file with its Chinese intact.
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(headers)
                writer.writerows([_cell_text(c) for c in row] for row in rows)
    except OSError as exc:
        raise InvalidInput("文件", f"无法写入文件“{path}”：{exc.strerror or exc}") from None


def _split_list(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _LIST_SPLIT_RE.split(text)) if s]


def _parse_bool(text: str, header: str) -> bool:
    value = _BOOL_WORDS.get(text.strip().lower())
    if value is None:
        raise ValueError(f"{header}须填“是”或“否”，收到“{text}”")
    return value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Items: import, export, confirm


def _parse_item_row(cells: dict[str, str], errors: list[str]) -> dict[str, Any]:
    headers = {c.key: c.header for c in ITEM_COLUMNS}
    out: dict[str, Any] = {}
    for col in ITEM_COLUMNS:
        value = cells.get(col.key, "")
        if col.required and not value:
            errors.append(f"“{col.header}”不能为空")
        elif col.key in _LENGTHS and len(value) > _LENGTHS[col.key]:
            errors.append(f"“{col.header}”不能超过 {_LENGTHS[col.key]} 个字符")
        out[col.key] = value
    code = out["code"].upper()
    if code and not _CODE_RE.match(code):
        errors.append(f"编码“{out['code']}”格式不对：应为字母、数字、“-”“_”“.”，不超过 20 个字符，如 DQ-01")
    out["code"] = code
    try:
        out["fines"] = parse_fines(out["fines"]) if out["fines"] else []
    except ValueError as exc:
        errors.append(str(exc))
        out["fines"] = []
    out["other_sanctions"] = _split_list(out["other_sanctions"])
    for key in ("major", "continuing"):
        try:
            out[key] = _parse_bool(out[key], headers[key]) if out[key] else False
        except ValueError as exc:
            errors.append(str(exc))
    years = out["limitation_years"] or "2"
    if not years.isdigit() or not 1 <= int(years) <= 30:
        errors.append(f"追责时效（年）须为 1 至 30 的整数（一般为 2，行政处罚法 第三十六条），收到“{years}”")
        out["limitation_years"] = 2
    else:
        out["limitation_years"] = int(years)
    return out


def import_items(ctx: AppContext, actor: Actor, path: Path, effective_from: date | None = None,
                 name: str | None = None) -> VersionInfo:
    """Import a township's list as a new version from effective_from (default today). Every row is
    checked; one bad row refuses the whole file (RowErrors names each) and the list stays unchanged.
    The new version is the township's own (not 示例) but unconfirmed until confirm_list."""
    actor.require([Role.ADMIN], "导入执法事项清单")
    day = effective_from or ctx.clock.today()
    with ctx.read() as session:
        _check_effective(session, day)
    errors: list[tuple[int, str]] = []
    parsed: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, cells in _read_sheet(path, ITEM_COLUMNS, "执法事项清单"):
        row_errors: list[str] = []
        item = _parse_item_row(cells, row_errors)
        if item["code"] and item["code"] in seen:
            row_errors.append(f"编码 {item['code']} 与第{seen[item['code']]}行重复")
        seen.setdefault(item["code"], number)
        errors.extend((number, e) for e in row_errors)
        parsed.append(item)
    if errors:
        raise RowErrors("执法事项清单", errors)
    if not parsed:
        raise InvalidInput("文件", "执法事项清单文件中没有事项")
    digest = _sha256(path)
    with ctx.write(actor) as uow:
        _check_effective(uow.session, day)
        number = (uow.session.scalar(select(func.max(ItemListVersion.number))) or 0) + 1
        version = ItemListVersion(
            number=number, name=(name or "").strip() or f"执法事项清单（{day.isoformat()}起施行）",
            effective_from=day, sample=False, source=f"导入自 {path.name}（SHA-256 {digest}）",
            created_at=uow.now)
        uow.session.add(version)
        uow.session.flush()
        for p in parsed:
            uow.session.add(EnforcementItem(
                version_id=version.id, code=p["code"], name=p["name"], category=p["category"],
                violation_law=p["violation_law"], violation_article=p["violation_article"],
                violation_text=p["violation_text"], penalty_law=p["penalty_law"],
                penalty_article=p["penalty_article"], penalty_text=p["penalty_text"],
                penalty_summary=p["penalty_summary"], fines=p["fines"],
                # An article that says only “可以处以罚款” has no range here (items.md).
                fine_amount_in_law=bool(p["fines"]), other_sanctions=p["other_sanctions"], major=p["major"],
                continuing=p["continuing"], limitation_years=p["limitation_years"], source=p["source"]))
        uow.session.flush()
        uow.audit("items.import", "item_list", version.id,
                  summary=f"导入执法事项清单第{number}版（{len(parsed)} 项，"
                          f"{day.isoformat()}起施行，待确认）",
                  after={"number": number, "effective_from": day.isoformat(), "items": len(parsed),
                         "codes": [p["code"] for p in parsed], "file": path.name, "sha256": digest})
        current = current_version(uow.session, ctx.clock.today())
        return _version_info(uow.session, version, current.id if current else None)


def _check_effective(session: Session, day: date) -> None:
    latest = _latest_version(session)
    if latest is not None and day < latest.effective_from:
        raise Refused(f"施行日期 {day.isoformat()} 早于现有清单第{latest.number}版的施行日期 "
                      f"{latest.effective_from.isoformat()}：新版本清单只能在其后施行（已立案的案件保留原事项）")


def export_items(ctx: AppContext, path: Path, on: date | None = None) -> int:
    """Write the list in force on a date (default today) with the import columns; returns the count."""
    items = list_items(ctx, on)

    def row(i: ItemInfo) -> list[Any]:
        fines = [{k: getattr(f, k) for k in ("party", "min", "max", "unit", "base", "mandatory",
                                             "precondition", "note", "source")} for f in i.fines]
        values: dict[str, Any] = {
            "code": i.code, "name": i.name, "category": i.category, "violation_law": i.violation_law,
            "violation_article": i.violation_article, "violation_text": i.violation_text,
            "penalty_law": i.penalty_law, "penalty_article": i.penalty_article,
            "penalty_text": i.penalty_text,
            "penalty_summary": i.penalty_summary, "fines": format_fines(fines),
            "other_sanctions": "\n".join(i.other_sanctions), "major": "是" if i.major else "否",
            "continuing": "是" if i.continuing else "否", "limitation_years": i.limitation_years,
            "source": i.source,
        }
        return [values[c.key] for c in ITEM_COLUMNS]

    _write_sheet(path, [c.header for c in ITEM_COLUMNS], (row(i) for i in items), "执法事项清单")
    return len(items)


def confirm_list(ctx: AppContext, actor: Actor, number: int | None = None) -> VersionInfo:
    """Mark a version (default: the one in force today) as the township's own confirmed, published list:
    from then on 立案 is possible for its items (seed 000 §8)."""
    actor.require([Role.ADMIN], "确认执法事项清单")
    with ctx.write(actor) as uow:
        today_version = current_version(uow.session, ctx.clock.today())
        if number is None:
            version = today_version
            if version is None:
                raise NotFound("尚无施行中的执法事项清单可确认")
        else:
            version = uow.session.scalar(select(ItemListVersion).where(ItemListVersion.number == number))
            if version is None:
                raise NotFound(f"执法事项清单第{number}版不存在")
        if version.confirmed_at is not None:
            when = local_date(version.confirmed_at).isoformat()
            raise Refused(f"执法事项清单第{version.number}版已于 {when} 由 {version.confirmed_by} 确认")
        before = {"sample": version.sample, "confirmed_at": None, "confirmed_by": None}
        version.sample = False
        version.confirmed_at = uow.now
        version.confirmed_by = actor.login
        uow.audit("items.confirm", "item_list", version.id,
                  summary=f"确认执法事项清单第{version.number}版为本乡镇公布的清单",
                  before=before, after={"sample": False, "confirmed_at": uow.now.isoformat(),
                                        "confirmed_by": actor.login})
        return _version_info(uow.session, version, today_version.id if today_version else None)


# ---------------------------------------------------------------------------------------------
# Benchmarks: import, export


def _parse_amount(text: str, header: str) -> float:
    try:
        value = _number(text.replace(",", ""))
    except ValueError:
        raise ValueError(f"{header}“{text}”应为不小于 0 的数") from None
    if value < 0:
        raise ValueError(f"{header}“{text}”应为不小于 0 的数")
    return value


def _check_tier_range(item: EnforcementItem, version: ItemListVersion, tier: dict[str, Any]) -> str | None:
    """Why the tier lies outside the item's own range for that party (None when it lies inside)."""
    code, party = item.code, tier["party"]
    if not item.fine_amount_in_law:
        if tier["fine_max"] > 0:
            return (f"事项 {code} 的处罚条文未规定罚款数额（只规定可以处以罚款），不设罚款档次；"
                    "数额须依省、市规定，并在裁量说明中引用")
        return None
    fines = [f for f in item.fines or [] if f.get("party") in (party, "any")]
    if not fines:
        if party == "any":
            return f"事项 {code} 对单位和个人分别规定了罚款幅度，当事人类型请填“单位”或“个人”"
        return f"事项 {code} 没有对“{PARTY_LABELS[party]}”的罚款幅度"
    same_unit = [f for f in fines if f.get("unit", "yuan") == tier["unit"]
                 and (f.get("base") or None) == tier["base"]]
    basis = f"{item.penalty_law}{item.penalty_article}"
    if not same_unit:
        ranges = "、".join(format_fine(f).split("|")[0] for f in fines)
        return f"单位或基数与事项 {code} 的罚款幅度（{ranges}，{basis}）不一致"
    if any(f["min"] <= tier["fine_min"] and tier["fine_max"] <= f["max"] for f in same_unit):
        return None
    unit = UNIT_LABELS[tier["unit"]]
    ranges = "、".join(f"{number_text(f['min'])}-{number_text(f['max'])}{unit}" for f in same_unit)
    return (f"罚款 {number_text(tier['fine_min'])}-{number_text(tier['fine_max'])}{unit} 超出事项 {code}"
            f"（现行清单第{version.number}版）对{PARTY_LABELS[party]}的法定幅度 {ranges}"
            f"（{basis}；裁量基准不得超出法定幅度）")


def _lookup(table: dict[str, str], text: str) -> str | None:
    return table.get(text.strip()) or table.get(text.strip().lower())


def _parse_tier_row(cells: dict[str, str], errors: list[str]) -> dict[str, Any]:
    """One 裁量基准 row → a BenchmarkTier's fields; problems go to errors (the item's range aside)."""
    for col in BENCHMARK_COLUMNS:
        if col.required and not cells.get(col.key):
            errors.append(f"“{col.header}”不能为空")
    party = _lookup(_PARTY_WORDS, cells.get("party", ""))
    if cells.get("party") and party is None:
        errors.append(f"当事人类型“{cells['party']}”应为 个人、单位 或 不限")
    tier = _lookup(_TIER_WORDS, cells.get("tier", ""))
    if cells.get("tier") and tier is None:
        errors.append(f"裁量档次“{cells['tier']}”应为 轻微、一般、较重 或 严重")
    unit_word = cells.get("unit", "")
    unit, factor = _UNIT_WORDS.get(unit_word, _UNIT_WORDS.get(unit_word.lower(), ("", 1)))
    if not unit:
        errors.append(f"单位“{unit_word}”应为 元、万元、元/平方米 或 倍")
    base = cells.get("base", "") or None
    if unit == "multiple" and base is None:
        errors.append("单位为“倍”时须填写基数，如 建设工程造价")
    elif unit and unit != "multiple" and base is not None:
        errors.append("只有单位为“倍”时才填写基数")
    amounts: list[float] = []
    for key, header in (("fine_min", "罚款下限"), ("fine_max", "罚款上限")):
        if cells.get(key):
            try:
                amounts.append(_number(str(_parse_amount(cells[key], header) * factor)))
            except ValueError as exc:
                errors.append(str(exc))
    if len(amounts) == 2 and amounts[0] > amounts[1]:
        errors.append(f"罚款下限 {number_text(amounts[0])} 大于上限 {number_text(amounts[1])}")
    return {"item_code": cells.get("item_code", "").upper(), "party": party, "tier": tier,
            "conditions": cells.get("conditions", ""), "fine_min": amounts[0] if len(amounts) == 2 else 0,
            "fine_max": amounts[1] if len(amounts) == 2 else 0, "unit": unit, "base": base,
            "other_sanctions": _split_list(cells.get("other_sanctions", ""))}


def import_benchmarks(ctx: AppContext, actor: Actor, path: Path) -> int:
    """Replace the discretion tiers with the file's (all or nothing; RowErrors names every bad row).
    Each tier must lie within its item's own range for that party in the list in force today."""
    actor.require([Role.ADMIN], "导入裁量基准")
    errors: list[tuple[int, str]] = []
    parsed: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, str], int] = {}
    with ctx.read() as session:
        version = current_version(session, ctx.clock.today())
        if version is None:
            raise Refused("尚无施行中的执法事项清单：请先导入执法事项清单，再导入裁量基准")
        items = {i.code: i for i in _version_items(session, version)}
        for number, cells in _read_sheet(path, BENCHMARK_COLUMNS, "裁量基准"):
            row_errors: list[str] = []
            code = cells.get("item_code", "").upper()
            item = items.get(code)
            if code and item is None:
                row_errors.append(f"事项编码 {code} 不在现行执法事项清单（第{version.number}版）中")
            row = _parse_tier_row(cells, row_errors)
            if code and row["party"] and row["tier"]:
                key = (code, row["party"], row["tier"])
                if key in seen:
                    row_errors.append(f"事项 {code} 的{PARTY_LABELS[key[1]]}“{TIER_LABELS[key[2]]}”档"
                                      f"与第{seen[key]}行重复")
                seen.setdefault(key, number)
            if not row_errors and item is not None:
                reason = _check_tier_range(item, version, row)
                if reason:
                    row_errors.append(reason)
            errors.extend((number, e) for e in row_errors)
            parsed.append(row)
    if errors:
        raise RowErrors("裁量基准", errors)
    if not parsed:
        raise InvalidInput("文件", "裁量基准文件中没有数据")
    digest = _sha256(path)
    with ctx.write(actor) as uow:
        before = uow.session.scalar(select(func.count()).select_from(BenchmarkTier)) or 0
        uow.session.execute(delete(BenchmarkTier))
        uow.session.flush()
        for p in parsed:
            uow.session.add(BenchmarkTier(**p, sample=False, updated_at=uow.now))
        uow.session.flush()
        codes = sorted({p["item_code"] for p in parsed})
        uow.audit("benchmarks.import", "benchmark", "all",
                  summary=f"导入裁量基准（{len(codes)} 个事项、{len(parsed)} 档），替换原有 {before} 档",
                  before={"tiers": before},
                  after={"tiers": len(parsed), "items": codes, "file": path.name, "sha256": digest})
    return len(parsed)


def export_benchmarks(ctx: AppContext, path: Path) -> int:
    tiers = list_benchmarks(ctx)
    rows = ([t.item_code, t.party_label, t.tier_label, t.conditions, t.fine_min, t.fine_max, t.unit_label,
             t.base or "", "\n".join(t.other_sanctions)] for t in tiers)
    _write_sheet(path, [c.header for c in BENCHMARK_COLUMNS], rows, "裁量基准")
    return len(tiers)


__all__ = [
    "BENCHMARK_COLUMNS", "ITEM_COLUMNS", "BenchmarkTierInfo", "FineRange", "ItemInfo", "NoPenaltyInfo",
    "VersionInfo", "benchmark_for", "confirm_list", "current_version", "export_benchmarks", "export_items",
    "fine_summary", "format_fines", "get_item", "import_benchmarks", "import_items", "item_by_id",
    "list_benchmarks", "list_items", "list_no_penalty", "list_versions", "load_default_benchmarks",
    "load_default_list", "no_penalty_rules", "number_text", "parse_fines", "require_confirmed_item",
]
