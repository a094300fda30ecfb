"""CLI commands: officers (执法人员、执法证) and training (培训记录) — CLI.md, "Reference data"."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import Invocation, add_json, parse_date, table
from desktop_app.services import officers as officers_service
from desktop_app.services import training as training_service
from desktop_app.services.officers import CERTIFICATE_STATES, DEFAULT_EXPIRY_WINDOW_DAYS
from desktop_app.services.training import TRAINING_KINDS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    o = sub.add_parser("officers", help="执法人员与执法证")
    os_ = o.add_subparsers(dest="officers_command", metavar="子命令")

    ol = os_.add_parser("list", help="列出执法人员及其执法证")
    ol.add_argument("--on", help="判断执法证是否有效的日期 YYYY-MM-DD（默认今天或 --today）")
    add_json(ol)
    ol.set_defaults(handler=_officers_list)

    osh = os_.add_parser("show", help="显示一名执法人员")
    osh.add_argument("officer", metavar="OFFICER", help="执法人员编号、执法证编号或关联的登录名")
    osh.add_argument("--on", help="判断执法证是否有效的日期 YYYY-MM-DD（默认今天或 --today）")
    add_json(osh)
    osh.set_defaults(handler=_officers_show)

    oa = os_.add_parser("add", help="登记执法人员")
    oa.add_argument("--name", required=True, help="姓名")
    oa.add_argument("--login", help="关联的用户登录名（一个账号只能关联一名执法人员）")
    oa.add_argument("--category", help="执法类别")
    oa.add_argument("--camera", help="执法记录仪编号（每人一部）")
    add_json(oa)
    oa.set_defaults(handler=_officers_add)

    oc = os_.add_parser("certificate", help="登记执法证")
    oc.add_argument("officer", metavar="OFFICER", help="执法人员编号、执法证编号或关联的登录名")
    oc.add_argument("--number", required=True, help="证件编号")
    oc.add_argument("--category", required=True, help="执法类别")
    oc.add_argument("--authority", required=True, help="发证机关")
    oc.add_argument("--from", dest="valid_from", required=True, help="有效期起 YYYY-MM-DD")
    oc.add_argument("--to", dest="valid_to", required=True, help="有效期至 YYYY-MM-DD")
    add_json(oc)
    oc.set_defaults(handler=_officers_certificate)

    ocs = os_.add_parser("certificate-state", help="收回、收缴、注销执法证，或重新发放已收回的证件")
    ocs.add_argument("officer", metavar="OFFICER", help="执法人员编号、执法证编号或关联的登录名")
    ocs.add_argument("--state", required=True, choices=CERTIFICATE_STATES,
                     help="valid（重新发放）、recalled（收回）、confiscated（收缴）、cancelled（注销）")
    ocs.add_argument("--on", required=True, help="变更日期 YYYY-MM-DD")
    ocs.add_argument("--reason", required=True, help="原因，如 调离执法岗位")
    add_json(ocs)
    ocs.set_defaults(handler=_officers_certificate_state)

    oe = os_.add_parser("expiring", help="即将到期的执法证")
    oe.add_argument("--days", type=int, default=DEFAULT_EXPIRY_WINDOW_DAYS,
                    help=f"多少天内到期（默认 {DEFAULT_EXPIRY_WINDOW_DAYS}）")
    add_json(oe)
    oe.set_defaults(handler=_officers_expiring)

    t = sub.add_parser("training", help="培训记录与年度学时")
    ts = t.add_subparsers(dest="training_command", metavar="子命令")

    tl = ts.add_parser("list", help="列出一年的培训记录")
    tl.add_argument("--year", type=int, help="年份（默认今年或 --today 的年份）")
    tl.add_argument("--officer", help="只列出这名执法人员")
    add_json(tl)
    tl.set_defaults(handler=_training_list)

    ta = ts.add_parser("add", help="登记培训记录")
    ta.add_argument("officer", metavar="OFFICER", help="执法人员编号、执法证编号或关联的登录名")
    ta.add_argument("--hours", required=True, type=float, help="学时（大于 0）")
    ta.add_argument("--kind", required=True, choices=TRAINING_KINDS,
                    help="legal（法律知识）或 skills（业务技能）")
    ta.add_argument("--on", required=True, help="培训日期 YYYY-MM-DD")
    ta.add_argument("--title", required=True, help="培训名称")
    add_json(ta)
    ta.set_defaults(handler=_training_add)

    tsf = ts.add_parser("shortfall", help="年度培训学时不足的情况")
    tsf.add_argument("--year", type=int, help="年份（默认今年或 --today 的年份）")
    add_json(tsf)
    tsf.set_defaults(handler=_training_shortfall)


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _hours(value: float) -> str:
    return f"{value:g}"


# --- officers ---------------------------------------------------------------------------------------


def _officers_list(inv: Invocation) -> int:
    day = parse_date(inv.args.on, "日期") if inv.args.on else inv.args.today_date
    rows = officers_service.list_officers(inv.ctx, day)

    def text(items: list[officers_service.OfficerInfo]) -> str:
        lines = [f"执法证有效性按 {day.isoformat()} 判断"]
        body = []
        for o in items:
            in_force = next((c for c in o.certificates if c.number == o.certificate_number), None)
            body.append([
                o.name,
                o.login or "",
                o.category or "",
                o.certificate_number or "",
                in_force.valid_to.isoformat() if in_force else "",
                "持有效证" if o.certified else (o.uncertified_reason or "无有效证"),
            ])
        lines.append(table(body, ["姓名", "登录名", "执法类别", "执法证号", "有效期至", "执法资格"]))
        return "\n".join(lines)

    return inv.emit(rows, text)


def _officer_text(o: officers_service.OfficerInfo) -> str:
    lines = [
        f"编号：{o.id}",
        f"姓名：{o.name}",
        f"登录名：{o.login or '（未关联）'}",
        f"执法类别：{o.category or ''}",
        f"执法记录仪：{o.body_camera_no or ''}",
        f"在执法岗位：{_yes(o.in_post)}",
        f"{o.as_of.isoformat()} 持有效执法证：{_yes(o.certified)}"
        + (f"（{o.uncertified_reason}）" if o.uncertified_reason else ""),
    ]
    for c in o.certificates:
        lines.append(_certificate_line(c))
        for e in c.events:
            lines.append(f"    {e.on.isoformat()} {e.state_label}：{e.reason}（{e.recorded_by}）")
    return "\n".join(lines)


def _certificate_line(c: officers_service.CertificateInfo) -> str:
    return (f"  执法证 {c.number}：{c.category}，{c.authority}，有效期 {c.valid_from.isoformat()} 至 "
            f"{c.valid_to.isoformat()}，{c.state_label}")


def _officers_show(inv: Invocation) -> int:
    day = parse_date(inv.args.on, "日期") if inv.args.on else inv.args.today_date
    return inv.emit(officers_service.resolve_officer(inv.ctx, inv.args.officer, day), _officer_text)


def _officers_add(inv: Invocation) -> int:
    a = inv.args
    info = officers_service.add_officer(inv.ctx, inv.writer(), a.name, login=a.login, category=a.category,
                                        body_camera_no=a.camera)
    return inv.emit(info, lambda o: f"已登记执法人员 {o.name}（编号 {o.id}）")


def _officers_certificate(inv: Invocation) -> int:
    a = inv.args
    actor = inv.writer()
    info = officers_service.add_certificate(
        inv.ctx, actor, a.officer, a.number, a.category, a.authority,
        parse_date(a.valid_from, "有效期起"), parse_date(a.valid_to, "有效期至"))
    return inv.emit(info, lambda c: f"已登记{c.officer_name}的执法证\n{_certificate_line(c)}")


def _officers_certificate_state(inv: Invocation) -> int:
    a = inv.args
    actor = inv.writer()
    info = officers_service.change_certificate_state(inv.ctx, actor, a.officer, a.state,
                                                     parse_date(a.on, "日期"), a.reason)
    return inv.emit(info, lambda c: f"{c.officer_name}的执法证（编号{c.number}）现为“{c.state_label}”")


def _officers_expiring(inv: Invocation) -> int:
    day = inv.args.today_date
    rows = officers_service.expiring_certificates(inv.ctx, day, inv.args.days)
    return inv.emit(rows, lambda items: table(
        [[e.officer_name, e.number, e.valid_to.isoformat(), str(e.days_left)] for e in items],
        ["姓名", "执法证号", "有效期至", "剩余天数"]))


# --- training ---------------------------------------------------------------------------------------


def _year(inv: Invocation) -> int:
    year = inv.args.year
    return int(year) if year is not None else int(inv.args.today_date.year)


def _training_list(inv: Invocation) -> int:
    rows = training_service.list_training(inv.ctx, _year(inv), inv.args.officer)
    return inv.emit(rows, lambda items: table(
        [[r.on.isoformat(), r.officer_name, r.kind_label, _hours(r.hours), r.title] for r in items],
        ["日期", "姓名", "类别", "学时", "培训名称"]))


def _training_add(inv: Invocation) -> int:
    a = inv.args
    actor = inv.writer()
    on = parse_date(a.on, "培训日期")
    info = training_service.add_training(inv.ctx, actor, a.officer, a.hours, a.kind, on, a.title)

    def text(r: training_service.TrainingInfo) -> str:
        return f"已登记{r.officer_name}的{r.kind_label}培训 {_hours(r.hours)} 学时：{r.title}"

    return inv.emit(info, text)


def _training_shortfall(inv: Invocation) -> int:
    year = _year(inv)
    rows = training_service.training_shortfall(inv.ctx, year)

    def text(items: list[training_service.TrainingShortfall]) -> str:
        head = ""
        if items:
            r = items[0]
            head = (f"{year} 年要求：法律知识 {_hours(r.legal_required)} 学时，业务技能 "
                    f"{_hours(r.skills_required)} 学时，合计 {_hours(r.total_required)} 学时\n")
        body = [[r.officer_name, _hours(r.legal_hours), _hours(r.skills_hours), _hours(r.total_hours),
                 _hours(r.legal_short), _hours(r.skills_short), _hours(r.total_short),
                 "已达标" if r.met else "未达标"] for r in items]
        return head + table(body, ["姓名", "法律知识", "业务技能", "合计", "法律知识尚缺", "业务技能尚缺",
                                   "合计尚缺", "结果"])

    return inv.emit(rows, text)
