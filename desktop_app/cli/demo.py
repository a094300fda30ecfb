"""CLI command: demo."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import Invocation, add_json, parse_date
from desktop_app.services import demo as demo_service


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    d = sub.add_parser("demo", help="生成演示数据（演示用户、执法人员、当事人、案件），同一种子结果相同")
    d.add_argument("--cases", type=int, default=300, help="案件数")
    d.add_argument("--seed", type=int, default=1, help="随机种子")
    d.add_argument("--start", help="演示数据的起始日期 YYYY-MM-DD")
    d.add_argument("--officers", type=int, default=demo_service.DEFAULT_OFFICERS, help="演示执法人员数")
    add_json(d)
    d.set_defaults(handler=_demo)


def _demo(inv: Invocation) -> int:
    a = inv.args
    if a.cases < 0 or a.officers < 2:
        from desktop_app.services.errors import InvalidInput

        raise InvalidInput("--cases/--officers", "案件数不能为负，演示执法人员至少 2 名")
    start = parse_date(a.start, "--start") if a.start else None
    result = demo_service.create_demo(inv.ctx, cases=a.cases, seed=a.seed, start=start, officers=a.officers)

    def text(r: demo_service.DemoResult) -> str:
        lines = [f"演示数据已生成（种子 {r.seed}）：执法人员 {r.officers} 名，当事人 {r.parties} 个，案件 {r.cases} 件。"]
        if r.users:
            lines.append(f"演示用户：{'、'.join(r.users)}；密码均为 {demo_service.DEMO_PASSWORD}（首次登录须修改）。")
        return "\n".join(lines)

    return inv.emit(result, text)
