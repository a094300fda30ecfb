"""Discretion benchmarks (裁量基准): import and export of the tiers, checked against each item's own
range in the list in force (an item whose article states no amount gets no fine tier)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from desktop_app.domain.roles import Role
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, Refused, RowErrors
from desktop_app.services.item_sheets import (
    BENCHMARK_COLUMNS,
    PARTY_LABELS,
    PARTY_WORDS,
    TIER_LABELS,
    TIER_WORDS,
    UNIT_LABELS,
    UNIT_WORDS,
    format_fine,
    number,
    number_text,
    read_sheet,
    sha256,
    split_list,
    write_sheet,
)
from desktop_app.services.items import (
    current_version,
    list_benchmarks,
    version_items,
)
from desktop_app.store.models import BenchmarkTier, EnforcementItem, ItemListVersion

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------
# Benchmarks: import, export


def _parse_amount(text: str, header: str) -> float:
    try:
        value = number(text.replace(",", ""))
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
    party = _lookup(PARTY_WORDS, cells.get("party", ""))
    if cells.get("party") and party is None:
        errors.append(f"当事人类型“{cells['party']}”应为 个人、单位 或 不限")
    tier = _lookup(TIER_WORDS, cells.get("tier", ""))
    if cells.get("tier") and tier is None:
        errors.append(f"裁量档次“{cells['tier']}”应为 轻微、一般、较重 或 严重")
    unit_word = cells.get("unit", "")
    unit, factor = UNIT_WORDS.get(unit_word, UNIT_WORDS.get(unit_word.lower(), ("", 1)))
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
                amounts.append(number(str(_parse_amount(cells[key], header) * factor)))
            except ValueError as exc:
                errors.append(str(exc))
    if len(amounts) == 2 and amounts[0] > amounts[1]:
        errors.append(f"罚款下限 {number_text(amounts[0])} 大于上限 {number_text(amounts[1])}")
    return {"item_code": cells.get("item_code", "").upper(), "party": party, "tier": tier,
            "conditions": cells.get("conditions", ""), "fine_min": amounts[0] if len(amounts) == 2 else 0,
            "fine_max": amounts[1] if len(amounts) == 2 else 0, "unit": unit, "base": base,
            "other_sanctions": split_list(cells.get("other_sanctions", ""))}


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
        items = {i.code: i for i in version_items(session, version)}
        for number, cells in read_sheet(path, BENCHMARK_COLUMNS, "裁量基准"):
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
    digest = sha256(path)
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
    write_sheet(path, [c.header for c in BENCHMARK_COLUMNS], rows, "裁量基准")
    return len(tiers)

