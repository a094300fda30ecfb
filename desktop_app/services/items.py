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

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date
from desktop_app.domain.roles import Role
from desktop_app.paths import resource
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext, UnitOfWork
from desktop_app.services.errors import InvalidInput, NotFound, Refused, RowErrors
from desktop_app.services.item_sheets import (
    _TIER_ORDER,
    CODE_RE,
    ITEM_COLUMNS,
    LENGTHS,
    LIST_RULE,
    NO_PENALTY_LABELS,
    NO_PENALTY_RULE,
    PARTY_LABELS,
    TIER_LABELS,
    UNIT_LABELS,
    FineRange,
    format_fines,
    parse_bool,
    parse_fines,
    read_sheet,
    sha256,
    split_list,
    write_sheet,
)
from desktop_app.store.models import BenchmarkTier, EnforcementItem, ItemListVersion, NoPenaltyRule

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# What the services return


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


def version_items(session: Session, version: ItemListVersion) -> list[EnforcementItem]:
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
        return [_item_info(i, version) for i in version_items(session, version)]


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
# Items: import, export, confirm


def _parse_item_row(cells: dict[str, str], errors: list[str]) -> dict[str, Any]:
    headers = {c.key: c.header for c in ITEM_COLUMNS}
    out: dict[str, Any] = {}
    for col in ITEM_COLUMNS:
        value = cells.get(col.key, "")
        if col.required and not value:
            errors.append(f"“{col.header}”不能为空")
        elif col.key in LENGTHS and len(value) > LENGTHS[col.key]:
            errors.append(f"“{col.header}”不能超过 {LENGTHS[col.key]} 个字符")
        out[col.key] = value
    code = out["code"].upper()
    if code and not CODE_RE.match(code):
        errors.append(f"编码“{out['code']}”格式不对：应为字母、数字、“-”“_”“.”，不超过 20 个字符，如 DQ-01")
    out["code"] = code
    try:
        out["fines"] = parse_fines(out["fines"]) if out["fines"] else []
    except ValueError as exc:
        errors.append(str(exc))
        out["fines"] = []
    out["other_sanctions"] = split_list(out["other_sanctions"])
    for key in ("major", "continuing"):
        try:
            out[key] = parse_bool(out[key], headers[key]) if out[key] else False
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
    for number, cells in read_sheet(path, ITEM_COLUMNS, "执法事项清单"):
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
    digest = sha256(path)
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

    write_sheet(path, [c.header for c in ITEM_COLUMNS], (row(i) for i in items), "执法事项清单")
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


