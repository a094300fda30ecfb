"""CLI commands: init, township, settings, users."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop_app.cli.common import Invocation, add_json, table
from desktop_app.domain.roles import role_label
from desktop_app.services import settings as settings_service
from desktop_app.services import setup as setup_service
from desktop_app.services import township as township_service
from desktop_app.services import users as users_service


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="创建或升级数据目录，载入默认参考数据（可重复执行）")
    p.add_argument("--township", help="乡镇名称，如 刘胡兰镇")
    p.add_argument("--code", help="行政区划代码")
    p.add_argument("--prefix", help="文号前缀，如 文水刘")
    p.add_argument("--admin-password", help="首个管理员 admin 的密码（首次登录须修改）")
    add_json(p)
    p.set_defaults(handler=_init)

    t = sub.add_parser("township", help="乡镇信息")
    ts = t.add_subparsers(dest="township_command", metavar="子命令")
    show = ts.add_parser("show", help="显示乡镇信息")
    add_json(show)
    show.set_defaults(handler=_township_show)
    tset = ts.add_parser("set", help="修改乡镇信息")
    tset.add_argument("--name")
    tset.add_argument("--code")
    tset.add_argument("--prefix")
    tset.add_argument("--review-body", help="行政复议机关，如 文水县人民政府")
    tset.add_argument("--county")
    tset.add_argument("--seal-text")
    tset.add_argument("--team-name")
    add_json(tset)
    tset.set_defaults(handler=_township_set)

    s = sub.add_parser("settings", help="期限、数额与编号设置")
    ss = s.add_subparsers(dest="settings_command", metavar="子命令")
    sl = ss.add_parser("list", help="列出设置")
    add_json(sl)
    sl.set_defaults(handler=_settings_list)
    sset = ss.add_parser("set", help="修改设置")
    sset.add_argument("key")
    sset.add_argument("value")
    add_json(sset)
    sset.set_defaults(handler=_settings_set)

    u = sub.add_parser("users", help="用户与角色")
    us = u.add_subparsers(dest="users_command", metavar="子命令")
    ul = us.add_parser("list", help="列出用户")
    add_json(ul)
    ul.set_defaults(handler=_users_list)
    ua = us.add_parser("add", help="添加用户")
    ua.add_argument("login")
    ua.add_argument("--name", required=True)
    ua.add_argument("--roles", required=True, help="officer,team_lead,legal_reviewer,leader,archive_clerk,admin,"
                    "county_supervisor")
    ua.add_argument("--password")
    ua.add_argument("--legal-qualification", help="法律职业资格证书编号（法制审核人员）")
    add_json(ua)
    ua.set_defaults(handler=_users_add)
    ur = us.add_parser("roles", help="修改角色")
    ur.add_argument("login")
    ur.add_argument("roles")
    add_json(ur)
    ur.set_defaults(handler=_users_roles)
    uq = us.add_parser("qualification", help="登记法律职业资格证书编号")
    uq.add_argument("login")
    uq.add_argument("number")
    uq.set_defaults(handler=_users_qualification)
    ud = us.add_parser("disable", help="停用用户")
    ud.add_argument("login")
    ud.set_defaults(handler=_users_disable)
    ue = us.add_parser("enable", help="启用已停用的用户")
    ue.add_argument("login")
    add_json(ue)
    ue.set_defaults(handler=_users_enable)
    up = us.add_parser("passwd", help="重置密码（下次登录须修改）")
    up.add_argument("login")
    up.add_argument("--password")
    up.set_defaults(handler=_users_passwd)


def _init(inv: Invocation) -> int:
    a = inv.args
    result = setup_service.initialise(inv.ctx, township=a.township, code=a.code, prefix=a.prefix,
                                      admin_password=a.admin_password)

    def text(r: setup_service.InitResult) -> str:
        lines = [f"数据目录已就绪：{inv.ctx.data_dir.root}"]
        if r.township_created:
            lines.append("已创建乡镇信息。")
        if r.items_loaded:
            lines.append(f"已载入示例执法事项清单 {r.items_loaded} 项（示例，须由管理员确认后方可立案）。")
        if r.benchmark_tiers_loaded:
            lines.append(f"已载入示例裁量基准 {r.benchmark_tiers_loaded} 条。")
        if r.calendar_years_loaded:
            lines.append(f"已载入法定节假日数据 {r.calendar_years_loaded} 年。")
        if r.admin_created:
            if r.one_time_password:
                lines.append(f"已创建管理员账号 admin，一次性密码：{r.one_time_password}（仅显示这一次，首次登录须修改）")
            else:
                lines.append("已创建管理员账号 admin（首次登录须修改密码）。")
        if len(lines) == 1:
            lines.append("已是最新，无需改动。")
        return "\n".join(lines)

    return inv.emit(result, text)


def _township_text(t: township_service.TownshipInfo) -> str:
    return "\n".join([
        f"乡镇名称：{t.name}",
        f"执法主体：{t.government_name}",
        f"执法队：{t.team_name}",
        f"行政区划代码：{t.admin_code}",
        f"所属县：{t.county_name}",
        f"文号前缀：{t.doc_prefix}",
        f"印章文字：{t.seal_text}",
        f"行政复议机关：{t.review_body}",
    ])


def _township_show(inv: Invocation) -> int:
    return inv.emit(township_service.get_township(inv.ctx), _township_text)


def _township_set(inv: Invocation) -> int:
    a = inv.args
    info = township_service.update_township(
        inv.ctx, inv.writer(), name=a.name, code=a.code, prefix=a.prefix, review_body=a.review_body,
        county_name=a.county, seal_text=a.seal_text, team_name=a.team_name)
    return inv.emit(info, _township_text)


def _value_text(value: Any) -> str:
    if value is None:
        return "（未设置）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _settings_list(inv: Invocation) -> int:
    items = settings_service.list_settings(inv.ctx)
    return inv.emit(items, lambda rows: table(
        [[s.key, s.label, _value_text(s.value)] for s in rows], ["设置项", "名称", "值"]))


def _settings_set(inv: Invocation) -> int:
    info = settings_service.set_setting(inv.ctx, inv.writer(), inv.args.key, inv.args.value)
    return inv.emit(info, lambda s: f"已设置 {s.label}：{_value_text(s.value)}")


def _user_rows(users: list[users_service.UserInfo]) -> str:
    return table([[u.login, u.name, "、".join(role_label(r) for r in u.roles), "停用" if u.disabled else "正常"]
                  for u in users], ["登录名", "姓名", "角色", "状态"])


def _users_list(inv: Invocation) -> int:
    return inv.emit(users_service.list_users(inv.ctx, inv.actor), _user_rows)


def _warn(warnings: list[str]) -> None:
    """A rule the user may have a reason to pass by (e.g. 第五十八条第二款): said on stderr, as the
    GUI asks it before saving; the command itself goes through."""
    for warning in warnings:
        print(f"提示：{warning}", file=sys.stderr)


def _users_add(inv: Invocation) -> int:
    a = inv.args
    info, generated = users_service.add_user(inv.ctx, inv.writer(), a.login, name=a.name, roles=a.roles,
                                             password=a.password,
                                             legal_qualification_no=a.legal_qualification)
    warnings = users_service.user_warnings(info)
    _warn(warnings)
    data = {"user": info, "one_time_password": generated, "warnings": warnings}

    def text(_: object) -> str:
        line = f"已添加用户 {info.login}（{'、'.join(info.role_labels)}）"
        if generated:
            line += f"，一次性密码：{generated}（首次登录须修改）"
        return line

    return inv.emit(data, text)


def _users_roles(inv: Invocation) -> int:
    info = users_service.set_roles(inv.ctx, inv.writer(), inv.args.login, inv.args.roles)
    _warn(users_service.user_warnings(info))
    return inv.emit(info, lambda u: f"{u.login} 的角色：{'、'.join(u.role_labels)}")


def _users_qualification(inv: Invocation) -> int:
    info = users_service.set_legal_qualification(inv.ctx, inv.writer(), inv.args.login, inv.args.number)
    _warn(users_service.user_warnings(info))
    return inv.emit(info, lambda u: f"已登记 {u.login} 的法律职业资格证书编号")


def _users_disable(inv: Invocation) -> int:
    info = users_service.disable_user(inv.ctx, inv.writer(), inv.args.login)
    return inv.emit(info, lambda u: f"已停用用户 {u.login}")


def _users_enable(inv: Invocation) -> int:
    info = users_service.enable_user(inv.ctx, inv.writer(), inv.args.login)
    return inv.emit(info, lambda u: f"已启用用户 {u.login}")


def _users_passwd(inv: Invocation) -> int:
    generated = users_service.reset_password(inv.ctx, inv.writer(), inv.args.login, inv.args.password)
    if generated:
        print(f"已重置 {inv.args.login} 的密码，一次性密码：{generated}（下次登录须修改）")
    else:
        print(f"已重置 {inv.args.login} 的密码（下次登录须修改）")
    return 0
