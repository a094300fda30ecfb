"""CLI commands: calendar (法定节假日与调休)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.common import Invocation, add_json, parse_date, table
from desktop_app.services import calendar as calendar_service


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser("calendar", help="法定节假日与调休日历")
    cs = c.add_subparsers(dest="calendar_command", metavar="子命令")
    cl = cs.add_parser("list", help="列出节假日与调休上班日")
    cl.add_argument("--year", type=int)
    add_json(cl)
    cl.set_defaults(handler=_list)
    cy = cs.add_parser("years", help="已录入的年份")
    add_json(cy)
    cy.set_defaults(handler=_years)
    ci = cs.add_parser("import", help="导入某年放假安排（CSV/XLSX：日期, 类型 休/班, 名称）")
    ci.add_argument("file")
    add_json(ci)
    ci.set_defaults(handler=_import)
    cset = cs.add_parser("set", help="设置一天为节假日或调休上班日")
    cset.add_argument("date")
    cset.add_argument("kind", help="holiday（休）或 workday（班）")
    cset.add_argument("--name", default="")
    add_json(cset)
    cset.set_defaults(handler=_set)
    cc = cs.add_parser("clear", help="取消一天的特别安排")
    cc.add_argument("date")
    cc.set_defaults(handler=_clear)
    cconf = cs.add_parser("confirm-year", help="确认某年放假安排已录入完整")
    cconf.add_argument("year", type=int)
    add_json(cconf)
    cconf.set_defaults(handler=_confirm)
    cw = cs.add_parser("workday", help="查询某日是否工作日")
    cw.add_argument("date")
    add_json(cw)
    cw.set_defaults(handler=_workday)


def _list(inv: Invocation) -> int:
    year = inv.args.year or inv.args.today_date.year
    days = calendar_service.list_days(inv.ctx, year)
    return inv.emit(days, lambda rows: table(
        [[d.date.isoformat(), d.kind_label, d.name] for d in rows], ["日期", "类型", "名称"]))


def _years(inv: Invocation) -> int:
    years = calendar_service.list_years(inv.ctx)
    return inv.emit(years, lambda rows: table(
        [[str(y.year), y.source, str(y.holidays), str(y.workdays)] for y in rows],
        ["年份", "来源", "节假日天数", "调休上班天数"]))


def _import(inv: Invocation) -> int:
    years = calendar_service.import_days(inv.ctx, inv.writer(), Path(inv.args.file))
    return inv.emit({"years": years}, f"已导入 {'、'.join(map(str, years))} 年节假日安排")


def _set(inv: Invocation) -> int:
    day = parse_date(inv.args.date)
    entry = calendar_service.set_day(inv.ctx, inv.writer(), day, inv.args.kind, inv.args.name)
    known = calendar_service.year_is_known(inv.ctx, day.year)
    note = "" if known else (f"\n{day.year} 年尚未确认录入完整，该年期限仍为暂定；录入完毕后请运行："
                             f"calendar confirm-year {day.year}")
    return inv.emit(entry, f"已设置 {entry.date.isoformat()}：{entry.kind_label}{note}")


def _clear(inv: Invocation) -> int:
    day = parse_date(inv.args.date)
    calendar_service.clear_day(inv.ctx, inv.writer(), day)
    print(f"已取消 {day.isoformat()} 的特别安排")
    return 0


def _confirm(inv: Invocation) -> int:
    info = calendar_service.confirm_year(inv.ctx, inv.writer(), inv.args.year)
    return inv.emit(info, f"已确认 {info.year} 年节假日安排（节假日 {info.holidays} 天，调休上班 {info.workdays} 天）")


def _workday(inv: Invocation) -> int:
    answer = calendar_service.workday(inv.ctx, parse_date(inv.args.date))
    text = f"{answer.date.isoformat()}：{'工作日' if answer.workday else '休息日'}（{answer.note}）"
    return inv.emit(answer, text)
