"""CLI commands: items (执法事项清单, 一乡镇一清单) and benchmarks (裁量基准, 轻微不罚/首违免罚)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.common import Invocation, add_json, parse_date, table
from desktop_app.services import benchmarks as benchmarks_service
from desktop_app.services import item_sheets
from desktop_app.services import items as items_service

_SHEET_HELP = (".xlsx（第一个工作表，首行为列名）或 .csv（UTF-8 或 GB18030）；列："
               + "、".join(c.header for c in item_sheets.ITEM_COLUMNS)
               + "。罚款幅度每行一个，如“个人:500-2000元”“单位:1万-10万元”"
                 "“不限:0.05-0.1倍（建设工程造价）|可以|条件:拒不改正”；未规定数额的留空。")
_BENCH_HELP = ".xlsx 或 .csv；列：" + "、".join(c.header for c in item_sheets.BENCHMARK_COLUMNS)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    i = sub.add_parser("items", help="执法事项清单（一乡镇一清单）")
    isub = i.add_subparsers(dest="items_command", metavar="子命令")
    il = isub.add_parser("list", help="列出某日施行的清单中的事项")
    il.add_argument("--on", help="日期 YYYY-MM-DD（默认今天）")
    add_json(il)
    il.set_defaults(handler=_items_list)
    ish = isub.add_parser("show", help="显示一个事项")
    ish.add_argument("code", help="事项编码，如 DQ-01")
    ish.add_argument("--on", help="日期 YYYY-MM-DD（默认今天）")
    add_json(ish)
    ish.set_defaults(handler=_items_show)
    ii = isub.add_parser("import", help="导入本乡镇清单为新版本（整表校验，有错则不导入）",
                         description=_SHEET_HELP)
    ii.add_argument("file")
    ii.add_argument("--from", dest="effective_from", help="施行日期 YYYY-MM-DD（默认今天）")
    ii.add_argument("--name", help="清单名称")
    add_json(ii)
    ii.set_defaults(handler=_items_import)
    ie = isub.add_parser("export", help="导出现行清单（.xlsx 或 .csv，可再导入）")
    ie.add_argument("file")
    ie.add_argument("--on", help="日期 YYYY-MM-DD（默认今天）")
    ie.set_defaults(handler=_items_export)
    iv = isub.add_parser("versions", help="清单的各个版本")
    add_json(iv)
    iv.set_defaults(handler=_items_versions)
    ic = isub.add_parser("confirm", help="确认现行清单为本乡镇公布的清单（不再是示例，可以立案）")
    ic.add_argument("--version", type=int, dest="number", help="版本号（默认今天施行的版本）")
    add_json(ic)
    ic.set_defaults(handler=_items_confirm)

    b = sub.add_parser("benchmarks", help="行政处罚裁量基准与轻微不罚、首违免罚清单")
    bsub = b.add_subparsers(dest="benchmarks_command", metavar="子命令")
    bl = bsub.add_parser("list", help="列出裁量档次")
    bl.add_argument("item", nargs="?", help="事项编码")
    add_json(bl)
    bl.set_defaults(handler=_bench_list)
    bi = bsub.add_parser("import", help="导入裁量基准（替换全部档次；整表校验，有错则不导入）",
                         description=_BENCH_HELP)
    bi.add_argument("file")
    add_json(bi)
    bi.set_defaults(handler=_bench_import)
    be = bsub.add_parser("export", help="导出裁量基准（.xlsx 或 .csv，可再导入）")
    be.add_argument("file")
    be.set_defaults(handler=_bench_export)
    bn = bsub.add_parser("no-penalty", help="轻微不罚、首违免罚清单（行政处罚法 第三十三条）")
    bn.add_argument("item", nargs="?", help="事项编码")
    add_json(bn)
    bn.set_defaults(handler=_no_penalty_list)


def _state(sample: bool, confirmed: bool) -> str:
    if confirmed:
        return "已确认"
    return "示例，未确认" if sample else "未确认"


def _items_list(inv: Invocation) -> int:
    on = parse_date(inv.args.on, "--on") if inv.args.on else None
    items = items_service.list_items(inv.ctx, on)

    def text(rows: list[items_service.ItemInfo]) -> str:
        if not rows:
            return "尚无施行中的执法事项清单（请先运行 init 或 items import）"
        first = rows[0]
        head = (f"执法事项清单 第{first.version_number}版（{first.effective_from.isoformat()}起施行）"
                f"【{_state(first.sample, first.confirmed)}】")
        body = table([[r.code, r.category, r.name, item_sheets.fine_summary(r.fines),
                       "是" if r.major else ""] for r in rows],
                     ["编码", "类别", "事项名称", "罚款幅度", "重大"])
        lines = [head, body]
        if first.sample:
            lines.append("示例清单：只能登记线索，不能立案。请核对后运行 items confirm 确认，"
                         "或用 items import 导入本乡镇公布的清单（文司发〔2024〕4号 第八条“一乡镇一清单”）。")
        elif not first.confirmed:
            lines.append("本清单尚未确认，确认前不能立案：核对后请运行 items confirm。")
        return "\n".join(lines)

    return inv.emit(items, text)


def _items_show(inv: Invocation) -> int:
    on = parse_date(inv.args.on, "--on") if inv.args.on else None
    item = items_service.get_item(inv.ctx, inv.args.code, on)

    def text(i: items_service.ItemInfo) -> str:
        return "\n".join([
            f"{i.code} {i.name}" + ("（示例）" if i.sample else ""),
            f"类别：{i.category}",
            f"清单：第{i.version_number}版，{i.effective_from.isoformat()}起施行，"
            f"{_state(i.sample, i.confirmed)}",
            f"违法依据：{i.violation_law}{i.violation_article}",
            f"处罚依据：{i.penalty_law}{i.penalty_article}",
            f"处罚种类及幅度：{i.penalty_summary}",
            f"罚款幅度：{item_sheets.fine_summary(i.fines)}",
            f"其他措施：{'；'.join(i.other_sanctions) or '无'}",
            f"重大执法决定：{'是' if i.major else '否'}；持续状态：{'是' if i.continuing else '否'}；"
            f"追责时效：{i.limitation_years} 年",
            f"来源：{i.source}",
        ])

    return inv.emit(item, text)


def _items_import(inv: Invocation) -> int:
    actor = inv.writer()
    day = parse_date(inv.args.effective_from, "--from") if inv.args.effective_from else None
    version = items_service.import_items(inv.ctx, actor, Path(inv.args.file), day, inv.args.name)
    return inv.emit(version, lambda v: (
        f"已导入执法事项清单第{v.number}版（{v.item_count} 项，{v.effective_from.isoformat()}起施行）。"
        f"该清单尚未确认，确认前不能立案：核对后请运行 items confirm"
        + ("" if v.current else f" --version {v.number}")))


def _items_export(inv: Invocation) -> int:
    on = parse_date(inv.args.on, "--on") if inv.args.on else None
    count = items_service.export_items(inv.ctx, Path(inv.args.file), on)
    print(f"已导出 {count} 个事项到 {inv.args.file}")
    return 0


def _items_versions(inv: Invocation) -> int:
    versions = items_service.list_versions(inv.ctx)
    return inv.emit(versions, lambda rows: table(
        [[str(v.number), v.name, v.effective_from.isoformat(), str(v.item_count),
          _state(v.sample, v.confirmed), v.confirmed_by or "", "现行" if v.current else ""] for v in rows],
        ["版本", "名称", "施行日期", "事项数", "状态", "确认人", ""]))


def _items_confirm(inv: Invocation) -> int:
    version = items_service.confirm_list(inv.ctx, inv.writer(), inv.args.number)
    return inv.emit(version, lambda v: (
        f"已确认执法事项清单第{v.number}版为本乡镇公布的清单，可以对其中事项立案。"))


def _tier_range(t: items_service.BenchmarkTierInfo) -> str:
    amounts = f"{item_sheets.number_text(t.fine_min)}-{item_sheets.number_text(t.fine_max)}"
    return f"{amounts}{t.unit_label}" + (f"（{t.base}）" if t.base else "")


def _bench_list(inv: Invocation) -> int:
    tiers = items_service.list_benchmarks(inv.ctx, inv.args.item)

    def text(rows: list[items_service.BenchmarkTierInfo]) -> str:
        if not rows:
            return "没有裁量基准" + (f"（事项 {inv.args.item}）" if inv.args.item else "")
        body = table([[t.item_code, t.party_label, t.tier_label,
                       _tier_range(t),
                       t.conditions] for t in rows],
                     ["事项", "当事人", "档次", "罚款", "情形"])
        sample = any(t.sample for t in rows)
        note = "\n示例裁量基准：须以本省、市、县公布的裁量基准替换或确认。" if sample else ""
        return body + note

    return inv.emit(tiers, text)


def _bench_import(inv: Invocation) -> int:
    count = benchmarks_service.import_benchmarks(inv.ctx, inv.writer(), Path(inv.args.file))
    return inv.emit({"tiers": count}, f"已导入裁量基准 {count} 档（原有档次已全部替换）")


def _bench_export(inv: Invocation) -> int:
    count = benchmarks_service.export_benchmarks(inv.ctx, Path(inv.args.file))
    print(f"已导出 {count} 档裁量基准到 {inv.args.file}")
    return 0


def _no_penalty_list(inv: Invocation) -> int:
    rules = items_service.list_no_penalty(inv.ctx, inv.args.item)
    return inv.emit(rules, lambda rows: table(
        [[r.item_code, r.kind_label, r.conditions, r.basis] for r in rows], ["事项", "类型", "情形", "依据"]))
