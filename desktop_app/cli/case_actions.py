"""CLI: `case ACTION CASE [options]` for every step of the procedure (CLI.md, "Cases", the table of
action options): the sub-commands and their options, reading them into the service's ActionInput,
and the line that answers. Split from :mod:`desktop_app.cli.cases` (the list, new, show, actions),
which adds these sub-commands under `case`; the rules live in the services and the domain."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from desktop_app.cli.common import Invocation, add_json, parse_date, to_jsonable
from desktop_app.clock import SHANGHAI, Clock
from desktop_app.domain.case_states import state_label
from desktop_app.domain.discretion import NO_PENALTY_GROUNDS, PENALTY_LABELS
from desktop_app.domain.procedure import (
    ACTION_LABELS,
    APPROVAL_LABELS,
    OPTION_VALUE_LABELS,
    CaseAction,
    action_label,
)
from desktop_app.services.cases import actions as actions_service
from desktop_app.services.errors import InvalidInput

ON_HELP = ("发生时间 YYYY-MM-DD[THH:MM]，按北京时间（Asia/Shanghai）；只写日期时：当天取当前时刻，"
           "其他日期取该日 12:00；不得晚于现在（默认：现在）")
APPROVAL_OUTCOMES = {"granted": "同意", "refused": "不同意"}
_PENALTIES = {k.value: v for k, v in PENALTY_LABELS.items()}
_TRANSFER_TO = {"department": "其他部门", "judicial": "司法机关"}
VALUE_LABELS = {**OPTION_VALUE_LABELS, **APPROVAL_OUTCOMES}
# "已" + the action's label reads badly for these
DONE_PHRASES = {
    CaseAction.INVESTIGATE: "已安排调查取证",
    CaseAction.REVIEW_CASE: "已完成案件审核",
    CaseAction.LEGAL_REVIEW: "已完成法制审核",
    CaseAction.APPEAL: "已登记复议诉讼情况",
    CaseAction.APPROVE: "已登记审批",
    CaseAction.RETURN: "已登记移送退回",
    CaseAction.DECIDE_ON_SPOT: "已当场作出处罚决定",
    CaseAction.HOLD_HEARING: "已登记听证",
    CaseAction.PUBLISH: "已登记公示",
}



# ------------------------------------------------------------------------------------ parsing


def parse_on(text: str | None, clock: Clock) -> datetime | None:
    """--on: when it happened, Asia/Shanghai. A date alone means now when it is today, else 12:00 of
    that day (a neutral time inside office hours); later than now is refused."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            day = date.fromisoformat(raw)
            now = clock.local_now()
            moment = now if day == now.date() else datetime.combine(day, time(12, 0), tzinfo=SHANGHAI)
        else:
            moment = datetime.fromisoformat(raw.replace(" ", "T", 1))
    except ValueError:
        raise InvalidInput("--on", f"--on 格式应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM，收到“{text}”") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SHANGHAI)
    if moment > clock.now() + timedelta(minutes=1):
        raise InvalidInput("--on", "发生时间不能晚于现在")
    return moment


def parse_moment(text: str | None, option: str) -> datetime | None:
    """A time to come (the hearing's): YYYY-MM-DDTHH:MM, Asia/Shanghai; a date alone is 09:00."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            moment = datetime.combine(date.fromisoformat(raw), time(9, 0))
        else:
            moment = datetime.fromisoformat(raw.replace(" ", "T", 1))
    except ValueError:
        raise InvalidInput(option, f"{option} 格式应为 YYYY-MM-DDTHH:MM，收到“{text}”") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


def split_logins(text: str | None) -> list[str]:
    """LOGIN,LOGIN — the Chinese comma and 、 are accepted too."""
    if not text:
        return []
    return [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]


def _path(text: str | None) -> Path | None:
    return Path(text).expanduser() if text else None


def _yes_no(text: str | None) -> bool | None:
    if text is None:
        return None
    return text in ("yes", "是")


def optional_date(text: str | None, field: str) -> date | None:
    return parse_date(text, field) if text else None



# ------------------------------------------------------------------------------------ sub-commands


def add_action_commands(cs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`case ACTION` for every action code, each with the options of its row in CLI.md."""
    for action in CaseAction:
        p = cs.add_parser(action.value, help=ACTION_LABELS[action])
        p.add_argument("case", metavar="CASE", help="案件编号（id）或案号")
        p.add_argument("--on", metavar="DATE[THH:MM]", help=ON_HELP)
        p.add_argument("--officers", metavar="LOGIN,LOGIN",
                       help="执法人员登录名，逗号分隔（调查取证、当场处罚须两人以上）")
        p.add_argument("--note", default="", help="备注")
        if action in _ACTION_OPTIONS:
            _ACTION_OPTIONS[action](p)
        add_json(p)
        p.set_defaults(handler=_action, case_action=action.value)


def _choice(p: argparse.ArgumentParser, flag: str, labels: dict[str, str], *, required: bool = False,
            lead: str = "", metavar: str | None = None, default: str | None = None) -> None:
    """An option with fixed codes; its help names each code with its Chinese."""
    p.add_argument(flag, required=required, choices=list(labels), metavar=metavar, default=default,
                   help=lead + "、".join(f"{code}（{label}）" for code, label in labels.items()))


def _opt_reason(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reason", default="", help="理由")


def _opts_conclude(p: argparse.ArgumentParser) -> None:
    p.add_argument("--findings", default="", help="调查结论（调查终结报告）")


def _opts_review_case(p: argparse.ArgumentParser) -> None:
    _choice(p, "--outcome", {"passed": "通过", "returned": "退回补充调查"}, required=True)
    p.add_argument("--opinion", default="", help="审核意见")


def _opts_measure(p: argparse.ArgumentParser) -> None:
    """A fine per 平方米 or as a multiple (倍) of a base: the area or the base it was computed on."""
    p.add_argument("--quantity", metavar="N", help="面积（平方米）：事项按面积计算罚款时填写")
    p.add_argument("--base-value", metavar="N",
                   help="基数（元）：事项按倍数计算罚款时填写，基数名称见事项的罚款幅度（如建设工程造价）")


def _opts_notify(p: argparse.ArgumentParser) -> None:
    _choice(p, "--penalty", _PENALTIES, metavar="KIND", lead="拟作出的行政处罚种类：")
    p.add_argument("--amount", help="拟罚款金额（元）")
    _opts_measure(p)
    _choice(p, "--hearing-rights", {"yes": "告知听证权利", "no": "不属于可以要求听证的情形"}, required=True)


def _opts_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--document", required=True, help="送达的文书：文书编号（id）或文号")
    _choice(p, "--method", actions_service.SERVICE_METHODS, required=True)
    p.add_argument("--proof", required=True, help="送达凭证文件（送达回证扫描件、邮寄回执等）")
    p.add_argument("--recipient", default="", help="受送达人或签收人")
    # what 留置、电子、公告送达 need besides the proof (民事诉讼法第八十九条、第九十五条; 行政处罚法第六十一条)
    p.add_argument("--reason", default="", help="留置送达：当事人拒收的事由；公告送达：下落不明等原因")
    p.add_argument("--witness", default="", help="留置送达的见证人（基层组织或所在单位的代表）；"
                                                 "无见证人的，以照片、录像作为 --proof")
    p.add_argument("--consent", help="电子送达：当事人签署的同意电子送达的确认书文件（本案已附的可省略）")


def _opts_waive(p: argparse.ArgumentParser) -> None:
    _choice(p, "--what", {"statement": "陈述申辩", "hearing": "听证"}, required=True)
    p.add_argument("--proof", required=True, help="当事人书面放弃的凭证文件")


def _opts_hold_hearing(p: argparse.ArgumentParser) -> None:
    _choice(p, "--outcome", {"held": "已举行", "absent": "当事人未到场"}, required=True)
    p.add_argument("--record", required=True, help="听证笔录文件")


def _opts_legal_review(p: argparse.ArgumentParser) -> None:
    _choice(p, "--outcome", {"passed": "同意", "returned": "退回补充", "failed": "不同意"}, required=True)
    p.add_argument("--opinion", default="", help="法制审核意见")
    _choice(p, "--to", {"investigating": "调查取证", "notified": "已告知"}, lead="退回到：")


def _opts_discuss(p: argparse.ArgumentParser) -> None:
    p.add_argument("--participants", required=True, help="参加讨论的负责人登录名，逗号分隔")
    p.add_argument("--views", required=True, help="与会人员意见记录文件")
    p.add_argument("--conclusion", default="", help="集体讨论结论")


def _opts_decide(p: argparse.ArgumentParser) -> None:
    _choice(p, "--kind", {"penalty": "行政处罚", "no_penalty": "不予行政处罚", "transfer": "移送"},
            default="penalty", lead="决定类型（默认 penalty）：")
    _choice(p, "--penalty", _PENALTIES, metavar="KIND", lead="处罚种类：")
    p.add_argument("--amount", help="罚款金额（元）")
    _opts_measure(p)
    p.add_argument("--tier", help="裁量档次，如 minor（轻微）、general（一般）、serious（较重）、severe（严重）")
    p.add_argument("--explanation", default="", help="裁量说明；不予行政处罚时为不予处罚的理由（本案的具体情节）")
    _choice(p, "--ground", {code: words for code, (words, _) in NO_PENALTY_GROUNDS.items()},
            lead="不予行政处罚的依据：")
    _choice(p, "--to", _TRANSFER_TO, lead="移送时：")
    _opt_receiver(p)
    _opt_reason(p)


def _opts_decide_on_spot(p: argparse.ArgumentParser) -> None:
    _choice(p, "--penalty", {"warning": "警告", "fine": "罚款"})
    p.add_argument("--amount", help="罚款金额（元）")
    p.add_argument("--form-number", help="预印当场处罚决定书的编号")


def _opts_pay(p: argparse.ArgumentParser) -> None:
    p.add_argument("--amount", help="本次缴纳的金额（元）")


def _opts_defer(p: argparse.ArgumentParser) -> None:
    # 行政处罚法第六十六条第二款: one later date (暂缓) or a plan (分期), within the approval
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument("--until", help="暂缓缴纳的截止日期 YYYY-MM-DD")
    way.add_argument("--instalments", metavar="PLAN",
                     help="分期缴纳计划：各期“日期:金额”，用逗号分隔，如 \"2026-12-31:500，2027-01-31:500\"；"
                          "合计应等于尚欠罚款")


def _opts_remind(p: argparse.ArgumentParser) -> None:
    p.add_argument("--document", help="（保留选项，目前不使用：催告书由本操作签发）")


def _opts_apply_court(p: argparse.ArgumentParser) -> None:
    _choice(p, "--ruling", {"granted": "准予执行", "refused": "不予执行"}, lead="法院裁定：")
    p.add_argument("--document", help="（保留选项，目前不使用：申请书由本操作签发）")


def _opts_appeal(p: argparse.ArgumentParser) -> None:
    _choice(p, "--kind", {"review": "行政复议", "litigation": "行政诉讼"}, required=True)
    _choice(p, "--outcome", {"pending": "已申请待审结", "upheld": "维持", "changed": "变更", "revoked": "撤销",
                             "redo": "责令重新作出"}, required=True, metavar="OUTCOME")


def _opts_close(p: argparse.ArgumentParser) -> None:
    _opt_reason(p)
    _choice(p, "--outcome", {"completed": "执行完毕", "terminated": "终结执行"},
            lead="结案方式（默认执行完毕；尚未执行完毕而须结案的，选终结执行并用 --reason 写明行政强制法第四十条所列情形）：")


def _opts_transfer(p: argparse.ArgumentParser) -> None:
    _choice(p, "--to", _TRANSFER_TO, required=True)
    _opt_receiver(p)
    _opt_reason(p)


def _opt_receiver(p: argparse.ArgumentParser) -> None:
    p.add_argument("--receiver", default="",
                   help="接收机关，如 文水县公安局、文水县自然资源局（移送书的主送机关；不填则留空待手写）")


def _opts_return(p: argparse.ArgumentParser) -> None:
    _choice(p, "--outcome", {"no_case": "不予立案", "not_prosecuted": "不起诉", "exempted": "免予刑事处罚",
                             "criminal_fine": "判处罚金"}, required=True, metavar="OUTCOME")


def _opts_approve(p: argparse.ArgumentParser) -> None:
    _choice(p, "--what", {k.value: v for k, v in APPROVAL_LABELS.items()}, required=True, metavar="WHAT")
    _choice(p, "--outcome", APPROVAL_OUTCOMES, required=True)
    _opt_reason(p)
    p.add_argument("--until", help="批准的期限 YYYY-MM-DD（延长、延期缴纳等）")
    p.add_argument("--host", help="听证主持人登录名（--what hearing_host）")
    p.add_argument("--hearing-time", metavar="YYYY-MM-DDTHH:MM",
                   help="听证时间（--what hearing_host；听证通知书载明，须在七个工作日之后）")
    p.add_argument("--hearing-place", metavar="PLACE", help="听证地点（--what hearing_host），如 镇政府三楼会议室")
    p.add_argument("--person", help="回避的人员登录名（--what recusal）")
    p.add_argument("--reviewer", help="指定的案件审核人登录名（--what case_reviewer；不得是本案承办人）")


def _opts_preserve(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--items", help="先行登记保存的物品清单")
    g.add_argument("--decision", choices=["release", "confiscate", "seize", "transfer"],
                   help="保存后的处理：release（解除保存）、confiscate（没收）、seize（查封、扣押）、transfer（移送）")


def _opts_extend(p: argparse.ArgumentParser) -> None:
    p.add_argument("--until", help="延长后的期限 YYYY-MM-DD")
    _opt_reason(p)


def _opts_publish(p: argparse.ArgumentParser) -> None:
    p.add_argument("--channel", required=True, help="公示渠道，如 政府网站、公示栏（行政处罚法第四十八条）")
    p.add_argument("--url", default="", help="公示的网址（如有）")


_ACTION_OPTIONS: dict[CaseAction, Callable[[argparse.ArgumentParser], None]] = {
    CaseAction.ACCEPT: _opt_reason,
    CaseAction.REJECT: _opt_reason,
    CaseAction.FILE: _opt_reason,
    CaseAction.NOT_FILE: _opt_reason,
    CaseAction.CONCLUDE: _opts_conclude,
    CaseAction.REVIEW_CASE: _opts_review_case,
    CaseAction.NOTIFY: _opts_notify,
    CaseAction.SERVE: _opts_serve,
    CaseAction.WAIVE: _opts_waive,
    CaseAction.HOLD_HEARING: _opts_hold_hearing,
    CaseAction.LEGAL_REVIEW: _opts_legal_review,
    CaseAction.DISCUSS: _opts_discuss,
    CaseAction.DECIDE: _opts_decide,
    CaseAction.DECIDE_ON_SPOT: _opts_decide_on_spot,
    CaseAction.PAY: _opts_pay,
    CaseAction.DEFER: _opts_defer,
    CaseAction.REMIND: _opts_remind,
    CaseAction.APPLY_COURT: _opts_apply_court,
    CaseAction.APPEAL: _opts_appeal,
    CaseAction.CLOSE: _opts_close,
    CaseAction.WITHDRAW: _opt_reason,
    CaseAction.SUSPEND: _opt_reason,
    CaseAction.RESUME: _opt_reason,
    CaseAction.TRANSFER: _opts_transfer,
    CaseAction.RETURN: _opts_return,
    CaseAction.APPROVE: _opts_approve,
    CaseAction.PRESERVE: _opts_preserve,
    CaseAction.EXTEND: _opts_extend,
    CaseAction.PUBLISH: _opts_publish,
}


# ------------------------------------------------------------------------------------ taking the step


def _action_input(inv: Invocation) -> actions_service.ActionInput:
    a = inv.args

    def get(name: str) -> Any:
        return getattr(a, name, None)

    return actions_service.ActionInput(
        on=parse_on(a.on, inv.ctx.clock),
        officers=split_logins(a.officers),
        note=a.note or "",
        reason=get("reason") or "",
        findings=get("findings") or "",
        outcome=get("outcome"),
        opinion=get("opinion") or "",
        to=get("to"),
        penalty=get("penalty"),
        amount=actions_service.parse_amount(get("amount"), "--amount"),
        hearing_rights=_yes_no(get("hearing_rights")),
        document=get("document"),
        method=get("method"),
        proof=_path(get("proof")),
        recipient=get("recipient") or "",
        witness=get("witness") or "",
        consent=_path(get("consent")),
        instalments=get("instalments") or "",
        ground=get("ground"),
        receiver=get("receiver") or "",
        what=get("what"),
        record=_path(get("record")),
        participants=split_logins(get("participants")),
        views=_path(get("views")),
        conclusion=get("conclusion") or "",
        kind=get("kind"),
        tier=get("tier"),
        explanation=get("explanation") or "",
        form_number=get("form_number"),
        until=optional_date(get("until"), "--until"),
        ruling=get("ruling"),
        host=get("host"),
        hearing_time=parse_moment(get("hearing_time"), "--hearing-time"),
        hearing_place=get("hearing_place") or "",
        person=get("person"),
        items=get("items") or "",
        decision=get("decision"),
        quantity=actions_service.parse_quantity(get("quantity"), "--quantity（面积，平方米）"),
        base_value=actions_service.parse_quantity(get("base_value"), "--base-value（基数，元）"),
        reviewer=get("reviewer"),
        channel=get("channel") or "",
        url=get("url") or "",
    )


def _branch_label(args: argparse.Namespace) -> str:
    """The option that chose the branch (outcome, what waived …), in words, for the result line."""
    values = [getattr(args, key, None) for key in ("what", "outcome", "decision")]
    words = [VALUE_LABELS.get(v, v) for v in values if v]
    return f"（{'：'.join(words)}）" if words else ""


def _result_text(r: actions_service.ActionResult, branch: str = "") -> str:
    action = CaseAction(r.action)
    done = DONE_PHRASES.get(action, f"已{ACTION_LABELS[action]}")
    lines = [f"{done}{branch}：{r.number or r.case_id}，状态：{r.state_label}"]
    if r.document_id:
        number = r.document_number or "（无文号）"
        lines.append(f"已签发 {number}（文书编号 {r.document_id}）")
    return "\n".join(lines)


def _action(inv: Invocation) -> int:
    actor = inv.writer()
    code = inv.args.case_action
    result = actions_service.perform(inv.ctx, actor, inv.args.case, code, _action_input(inv))
    for warning in result.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    if inv.json:
        data: dict[str, Any] = to_jsonable(result)
        data["action_label"] = action_label(result.action)
        data["from_state_label"] = state_label(result.from_state)
        return inv.emit(data)
    branch = _branch_label(inv.args)
    return inv.emit(result, lambda r: _result_text(r, branch))
