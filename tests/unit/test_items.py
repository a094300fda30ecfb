"""The enforcement-item list (一乡镇一清单) and the discretion benchmarks: default data, versioned
all-or-nothing imports, export round trips, confirmation and the 立案 guard."""

from __future__ import annotations

import csv
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop_app.services import benchmarks as benchmarks_service
from desktop_app.services import item_sheets
from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, PermissionDenied, Refused, RowErrors
from desktop_app.store.models import AuditRecord, BenchmarkTier

HEADERS = [c.header for c in item_sheets.ITEM_COLUMNS]
BENCH_HEADERS = [c.header for c in item_sheets.BENCHMARK_COLUMNS]
TODAY = date(2026, 11, 23)


def item_row(code: str = "ZX-01", **over: str) -> list[str]:
    """A valid row in ITEM_COLUMNS order; keyword arguments override cells by column key."""
    cells = {
        "code": code, "name": f"对{code}违法行为的行政处罚", "category": "大气污染防治",
        "violation_law": "《中华人民共和国大气污染防治法》", "violation_article": "第七十七条",
        "violation_text": "禁止在人口集中地区露天焚烧秸秆、落叶等产生烟尘污染的物质。",
        "penalty_law": "《中华人民共和国大气污染防治法》", "penalty_article": "第一百一十九条第一款",
        "penalty_text": "……由县级人民政府确定的监督管理部门责令改正，并可以处五百元以上二千元以下的罚款。",
        "penalty_summary": "责令改正，并可以处五百元以上二千元以下的罚款", "fines": "不限:500-2000元|可以",
        "other_sanctions": "责令改正", "major": "否", "continuing": "否", "limitation_years": "2",
        "source": "本乡镇公布的清单",
    }
    cells.update(over)
    return [cells[c.key] for c in item_sheets.ITEM_COLUMNS]


def write_xlsx(path: Path, headers: list[str], rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[list[Any]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def audit_count(ctx: AppContext, action: str) -> int:
    with ctx.read() as session:
        return session.scalar(select(func.count()).select_from(AuditRecord)
                              .where(AuditRecord.action == action)) or 0


@pytest.fixture
def loaded(ctx: AppContext, system: Actor) -> AppContext:
    """A data directory with the shipped sample list and benchmarks, as init loads them."""
    with ctx.write(system) as uow:
        items_service.load_default_list(uow)
        items_service.load_default_benchmarks(uow)
    return ctx


def comparable(info: items_service.ItemInfo) -> dict[str, Any]:
    data = asdict(info)
    for key in ("id", "version_id", "version_number", "effective_from", "sample", "confirmed"):
        data.pop(key)
    return data


# --- the default (sample) data -------------------------------------------------------------------


def test_default_load_is_idempotent_and_audited_once(ctx: AppContext, system: Actor) -> None:
    with ctx.write(system) as uow:
        n_items = items_service.load_default_list(uow)
        n_tiers = items_service.load_default_benchmarks(uow)
    assert n_items >= 40
    assert n_tiers > 0
    with ctx.write(system) as uow:
        assert items_service.load_default_list(uow) == 0
        assert items_service.load_default_benchmarks(uow) == 0
    assert audit_count(ctx, "items.load_default") == 1
    assert audit_count(ctx, "benchmarks.load_default") == 1
    versions = items_service.list_versions(ctx)
    assert [(v.number, v.sample, v.confirmed, v.item_count) for v in versions] == [(1, True, False, n_items)]
    assert len(items_service.list_benchmarks(ctx)) == n_tiers


def test_default_item_maps_summary_basis_and_fines_by_party(loaded: AppContext) -> None:
    item = items_service.get_item(loaded, "dq-02")
    assert item.sample and item.version_number == 1
    assert item.penalty_summary.startswith("对单位处一万元以上十万元以下的罚款")
    assert "第一百一十九条" in item.penalty_article and item.penalty_text  # the article's own text
    assert {(f.party, f.min, f.max) for f in item.fines} == {("organisation", 10000, 100000),
                                                             ("person", 500, 2000)}
    no_amount = items_service.get_item(loaded, "GH-02")
    assert not no_amount.fine_amount_in_law and no_amount.fines == ()


def test_no_penalty_lists_cite_article_33(loaded: AppContext) -> None:
    rules = items_service.list_no_penalty(loaded)
    assert rules and {r.kind for r in rules} == {"minor_no_penalty", "first_offence_no_penalty"}
    assert all("第三十三条" in r.basis for r in rules)
    assert all(r.item_code == "DQ-01" for r in items_service.list_no_penalty(loaded, "dq-01"))


def test_benchmark_for_prefers_the_party_own_tiers(loaded: AppContext) -> None:
    with loaded.read() as session:
        person = items_service.benchmark_for(session, "DQ-02", "person")
        any_party = items_service.benchmark_for(session, "DQ-01", "organisation")
        none = items_service.benchmark_for(session, "GH-02", "person")
    assert [t.tier for t in person] == ["minor", "general", "serious", "severe"]
    assert {t.party for t in person} == {"person"} and person[-1].fine_max == 2000
    assert {t.party for t in any_party} == {"any"}
    assert none == []


# --- importing a list ----------------------------------------------------------------------------


def test_import_good_sheet_makes_a_new_version_and_leaves_the_old_untouched(
        loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    before = items_service.list_items(loaded)
    sheet = write_xlsx(tmp_path / "list.xlsx", HEADERS, [
        item_row("ZX-01"),
        item_row("ZX-02", fines="个人:500-2000元;单位:1万-10万元", major="是", continuing="是",
                 limitation_years=""),
    ])
    version = items_service.import_items(loaded, admin, sheet, date(2026, 11, 1))
    assert (version.number, version.item_count, version.sample, version.confirmed, version.current) == (
        2, 2, False, False, True)
    now = items_service.list_items(loaded)
    assert [i.code for i in now] == ["ZX-01", "ZX-02"]
    zx2 = now[1]
    assert zx2.major and zx2.continuing and zx2.limitation_years == 2
    assert [(f.party, f.min, f.max, f.mandatory) for f in zx2.fines] == [
        ("person", 500, 2000, True), ("organisation", 10000, 100000, True)]
    assert not now[0].fines[0].mandatory
    # The version in force earlier is unchanged, row for row.
    assert items_service.list_items(loaded, date(2026, 10, 31)) == before
    assert audit_count(loaded, "items.import") == 1


def test_bad_rows_are_all_named_and_nothing_is_imported(
        loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    before = items_service.list_versions(loaded)
    sheet = write_xlsx(tmp_path / "bad.xlsx", HEADERS, [
        item_row("ZX-01"),                                   # row 2: good
        item_row("ZX 02!"),                                  # row 3: code format
        item_row("ZX-03", fines="个人:2000-500元"),           # row 4: min > max
        item_row("ZX-04", major="可能"),                      # row 5: boolean
        item_row("ZX-05", name=""),                          # row 6: required cell
        item_row("ZX-01"),                                   # row 7: duplicate code
        item_row("ZX-07", fines="不限:1-3倍"),                # row 8: 倍 without base
        item_row("ZX-08", limitation_years="两年"),           # row 9: not a number
    ])
    with pytest.raises(RowErrors) as caught:
        items_service.import_items(loaded, admin, sheet, TODAY)
    rows = {row for row, _ in caught.value.errors}
    assert rows == {3, 4, 5, 6, 7, 8, 9}
    message = str(caught.value)
    for needle in ("第3行：编码", "第4行：罚款幅度", "下限大于上限", "第5行：是否重大",
                   "第6行：“事项名称”不能为空", "与第2行重复", "第8行：罚款幅度", "基数", "第9行：追责时效"):
        assert needle in message
    assert items_service.list_versions(loaded) == before
    assert audit_count(loaded, "items.import") == 0


def test_missing_required_column_is_refused_on_the_header_row(
        loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    headers = [h for h in HEADERS if h != "处罚依据条款"]
    rows = [[c for h, c in zip(HEADERS, item_row(), strict=True) if h != "处罚依据条款"]]
    with pytest.raises(RowErrors) as caught:
        items_service.import_items(loaded, admin, write_csv(tmp_path / "x.csv", headers, rows), TODAY)
    assert caught.value.errors == [(1, "表头缺少列：处罚依据条款（第一行应为列名）")]


def test_csv_saved_by_chinese_excel_in_gb18030_is_read(
        loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "gbk.csv", HEADERS,
                      [item_row("ZX-01", name="对露天焚烧秸秆的行政处罚", fines="个人:500-2000元")],
                      encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        sheet.read_bytes().decode("utf-8")
    items_service.import_items(loaded, admin, sheet, TODAY)
    item = items_service.get_item(loaded, "ZX-01")
    assert item.name == "对露天焚烧秸秆的行政处罚"
    assert item.category == "大气污染防治"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_gives_the_same_list(
        loaded: AppContext, admin: Actor, tmp_path: Path, suffix: str) -> None:
    original = items_service.list_items(loaded)
    path = tmp_path / f"export{suffix}"
    assert items_service.export_items(loaded, path) == len(original)
    items_service.import_items(loaded, admin, path, TODAY)
    again = items_service.list_items(loaded)
    assert again[0].version_number == 2
    assert [comparable(i) for i in again] == [comparable(i) for i in original]


def test_effective_date_before_the_current_version_is_refused(
        loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "x.csv", HEADERS, [item_row()])
    with pytest.raises(Refused, match="早于现有清单第1版的施行日期"):
        items_service.import_items(loaded, admin, sheet, date(2023, 12, 31))


def test_only_an_admin_imports(loaded: AppContext, tmp_path: Path) -> None:
    officer = Actor(login="li", name="李", user_id=None, roles=frozenset(), via="cli")
    with pytest.raises(PermissionDenied):
        items_service.import_items(loaded, officer, write_csv(tmp_path / "x.csv", HEADERS, [item_row()]))


def test_unsupported_file_type_is_refused(loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    path = tmp_path / "list.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InvalidInput, match=r"\.xlsx 或 \.csv"):
        items_service.import_items(loaded, admin, path, TODAY)


# --- confirmation and the 立案 guard ---------------------------------------------------------------


def test_sample_list_refuses_filing_until_confirmed(loaded: AppContext, admin: Actor) -> None:
    with loaded.read() as session, pytest.raises(Refused) as caught:
        items_service.require_confirmed_item(session, "DQ-01", TODAY, demo=False)
    assert "文司发〔2024〕4号 第八条" in str(caught.value) and "示例" in str(caught.value)
    with loaded.read() as session:
        demo_id = items_service.require_confirmed_item(session, "DQ-01", TODAY, demo=True)
    assert demo_id == items_service.get_item(loaded, "DQ-01").id

    confirmed = items_service.confirm_list(loaded, admin)
    assert (confirmed.number, confirmed.sample, confirmed.confirmed, confirmed.confirmed_by) == (
        1, False, True, "admin")
    assert audit_count(loaded, "items.confirm") == 1
    with loaded.read() as session:
        assert items_service.require_confirmed_item(session, "dq-01", TODAY, demo=False) == demo_id
        with pytest.raises(Refused, match="不在现行执法事项清单"):
            items_service.require_confirmed_item(session, "ZZ-99", TODAY, demo=True)
    with pytest.raises(Refused, match="已于"):
        items_service.confirm_list(loaded, admin)


def test_imported_list_is_unconfirmed_until_confirmed(
        loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    items_service.confirm_list(loaded, admin)
    items_service.import_items(loaded, admin, write_csv(tmp_path / "x.csv", HEADERS, [item_row()]), TODAY)
    with loaded.read() as session:
        with pytest.raises(Refused, match="尚未确认"):
            items_service.require_confirmed_item(session, "ZX-01", TODAY, demo=False)
        # A case filed under the old version keeps its item row.
        old_id = items_service.require_confirmed_item(session, "DQ-01", date(2026, 1, 1), demo=False)
        assert items_service.item_by_id(session, old_id).version_number == 1
    items_service.confirm_list(loaded, admin)
    with loaded.read() as session:
        assert items_service.require_confirmed_item(session, "ZX-01", TODAY, demo=False)


def test_no_list_refuses_filing(ctx: AppContext) -> None:
    with ctx.read() as session, pytest.raises(Refused, match="第八条"):
        items_service.require_confirmed_item(session, "DQ-01", TODAY, demo=True)


# --- the 罚款幅度 mini-syntax -------------------------------------------------------------------------


def test_fine_syntax_reads_parties_units_bases_and_flags() -> None:
    fines = item_sheets.parse_fines(
        "不限:0.05-0.1倍（建设工程造价）\n不限:0-0.1倍(建设工程造价)|可以|条件:无法拆除的|说明:并没收实物")
    assert fines[0] == {"party": "any", "min": 0.05, "max": 0.1, "unit": "multiple", "base": "建设工程造价",
                        "mandatory": True, "precondition": None, "note": None, "source": None}
    second = (fines[1]["mandatory"], fines[1]["precondition"], fines[1]["note"])
    assert second == (False, "无法拆除的", "并没收实物")
    assert item_sheets.parse_fines("any:0-20000")[0]["unit"] == "yuan"
    split = item_sheets.parse_fines("个人:10-50元/平方米|说明:按面积；不含附属设施；单位:1万-5万元")
    assert [(f["party"], f["unit"], f["note"]) for f in split] == [
        ("person", "yuan_per_sqm", "按面积；不含附属设施"), ("organisation", "yuan", None)]
    assert split[1]["max"] == 50000
    text = item_sheets.format_fines(split)
    assert item_sheets.parse_fines(text) == split


@pytest.mark.parametrize("text, needle", [
    ("游客:1-2元", "当事人"), ("1-2美元", "单位"), ("5-1元", "下限大于上限"), ("100元以下", "格式不对"),
    ("1-2元（造价）", "只有按倍数"), ("1-2元|也许", "无法识别"), ("不限:1-2元;个人:1-2元", "不能同时"),
])
def test_fine_syntax_errors_name_the_part(text: str, needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        item_sheets.parse_fines(text)


# --- benchmarks ----------------------------------------------------------------------------------


def bench_row(code: str, party: str, tier: str, low: Any, high: Any, unit: str = "元",
              base: str = "") -> list[Any]:
    return [code, party, tier, "违法情节一般的", low, high, unit, base, "责令改正"]


def test_default_benchmarks_round_trip_and_lie_within_their_items(
        loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    original = items_service.list_benchmarks(loaded)
    path = tmp_path / "bench.xlsx"
    assert benchmarks_service.export_benchmarks(loaded, path) == len(original)
    assert benchmarks_service.import_benchmarks(loaded, admin, path) == len(original)
    again = items_service.list_benchmarks(loaded)

    def key(t: items_service.BenchmarkTierInfo) -> tuple[Any, ...]:
        return (t.item_code, t.party, t.tier, t.conditions, t.fine_min, t.fine_max, t.unit, t.base,
                t.other_sanctions)

    assert [key(t) for t in again] == [key(t) for t in original]
    assert not any(t.sample for t in again)


def test_benchmark_import_refuses_bad_tiers_and_keeps_the_old(
        loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    before = items_service.list_benchmarks(loaded)
    sheet = write_csv(tmp_path / "bench.csv", BENCH_HEADERS, [
        bench_row("DQ-01", "不限", "轻微", 500, 1000),          # row 2: good
        bench_row("DQ-01", "不限", "严重", 1500, 5000),         # row 3: above the item's 2000
        bench_row("ZZ-99", "个人", "一般", 1, 2),               # row 4: unknown item
        bench_row("GH-02", "个人", "一般", 100, 200),           # row 5: the article states no amount
        bench_row("DQ-02", "不限", "一般", 500, 1000),          # row 6: the item splits by party
        bench_row("DQ-02", "个人", "很重", 500, 1000),          # row 7: unknown tier
        bench_row("GH-07", "不限", "一般", 0.05, 0.06, "倍", "土地价值"),  # row 8: another base
        bench_row("DQ-01", "minor", "minor", 500, 600),         # row 9: party code wrong
        bench_row("DQ-01", "any", "minor", 600, 700),           # row 10: duplicate of row 2
    ])
    with pytest.raises(RowErrors) as caught:
        benchmarks_service.import_benchmarks(loaded, admin, sheet)
    by_row: dict[int, str] = {}
    for row, reason in caught.value.errors:
        by_row[row] = by_row.get(row, "") + reason
    assert set(by_row) == {3, 4, 5, 6, 7, 8, 9, 10}
    assert "超出事项 DQ-01" in by_row[3] and "500-2000元" in by_row[3]
    assert "ZZ-99 不在现行执法事项清单" in by_row[4]
    assert "未规定罚款数额" in by_row[5]
    assert "分别规定" in by_row[6]
    assert "裁量档次" in by_row[7]
    assert "基数" in by_row[8]
    assert "当事人类型" in by_row[9]
    assert "与第2行重复" in by_row[10]
    assert items_service.list_benchmarks(loaded) == before
    with loaded.read() as session:
        assert session.scalar(select(func.count()).select_from(BenchmarkTier)
                              .where(BenchmarkTier.sample.is_(True))) == len(before)


def test_benchmark_import_replaces_all_tiers(loaded: AppContext, admin: Actor, tmp_path: Path) -> None:
    sheet = write_xlsx(tmp_path / "bench.xlsx", BENCH_HEADERS, [
        bench_row("DQ-02", "个人", "轻微", 500, 1000), bench_row("DQ-02", "单位", "severe", "五万", "10万"),
    ])
    with pytest.raises(RowErrors, match="第3行：罚款下限“五万”"):
        benchmarks_service.import_benchmarks(loaded, admin, sheet)
    sheet = write_xlsx(tmp_path / "bench.xlsx", BENCH_HEADERS, [
        bench_row("DQ-02", "个人", "轻微", 500, 1000), bench_row("DQ-02", "单位", "severe", 5, 10, "万元"),
        bench_row("DQ-02", "单位", "serious", "3万", "5万"),
    ])
    assert benchmarks_service.import_benchmarks(loaded, admin, sheet) == 3
    tiers = items_service.list_benchmarks(loaded)
    assert [(t.party, t.tier, t.fine_min, t.fine_max) for t in tiers] == [
        ("organisation", "serious", 30000, 50000), ("organisation", "severe", 50000, 100000),
        ("person", "minor", 500, 1000)]
    assert audit_count(loaded, "benchmarks.import") == 1


def test_the_shipped_list_states_its_sources_in_chinese() -> None:
    """The 来源 column of the list (screen and .xlsx export) once read “township assignment (recalled)”."""
    import json
    import re

    from desktop_app.paths import resource

    with resource("reference", "items.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    sources = [i.get("source") or "" for i in data["items"]]
    sources += [f.get("source") or "" for i in data["items"] for f in i.get("fines", [])]
    assert sources and all(not re.search(r"[A-Za-z]{3,}", s) for s in sources), \
        [s for s in sources if re.search(r"[A-Za-z]{3,}", s)]
