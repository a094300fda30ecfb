"""CLI commands: cases (the list), case new / show / actions / receipt (CLI.md, "Cases"); `case ACTION`
for every step of the procedure is in :mod:`desktop_app.cli.case_actions`, added here under `case`.
The rules live in the services and the domain; this module only reads options, calls them and prints
the answer."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from desktop_app.cli.case_actions import (
    APPROVAL_OUTCOMES,
    ON_HELP,
    VALUE_LABELS,
    add_action_commands,
    optional_date,
    parse_on,
    split_logins,
)
from desktop_app.cli.common import Invocation, add_json, table, to_jsonable
from desktop_app.clock import to_local
from desktop_app.domain.case_states import CaseState, state_label
from desktop_app.domain.discretion import PENALTY_LABELS, PenaltyKind
from desktop_app.domain.instalments import STATUS_LABELS as INSTALMENT_STATUS
from desktop_app.domain.procedure import OPTION_VALUE_LABELS
from desktop_app.services.cases import actions as actions_service
from desktop_app.services.cases import queries
from desktop_app.services.cases.register import SOURCES, NewCase, register_case
from desktop_app.services.errors import InvalidInput
from desktop_app.services.parties import KIND_LABELS, PartyInput

# parse_on and split_logins are used by other command modules (evidence) from here
__all__ = ["parse_on", "register", "split_logins"]

STATUS_WORDS = {"open": "进行中", "due_soon": "将到期", "overdue": "已逾期", "met": "已完成"}
PROCEDURE_LABELS = {"ordinary": "普通程序", "simple": "简易程序"}
COUNTING_LABELS = {"natural": "自然日", "working": "工作日"}
DOCUMENT_STATUS_LABELS = {"draft": "草稿", "issued": "已签发", "void": "已作废"}
SUGGESTION_LABELS = {"first_offence_no_penalty": "首违免罚", "minor_no_penalty": "轻微不罚",
                     "limitation": "超过追责时效"}
TIER_LABELS = {"minor": "轻微", "general": "一般", "serious": "较重", "severe": "严重"}
# what a file attached by a step is for (services/cases/actions.py: attach); the same words as the
# case screen's 证据 tab (ui/case_tabs.py PURPOSE_LABELS), which the CLI may not import (layers). An
# evidence row's purpose comes already in words (its evidence type) and is shown as it is.
PURPOSE_LABELS = {"service_proof": "送达凭证", "waiver_statement": "放弃陈述申辩的书面凭证",
                  "waiver_hearing": "放弃听证的书面凭证", "hearing_record": "听证笔录",
                  "discussion_views": "集体讨论意见记录"}
# a case without a 案号 in these states is still a clue (or a clue handed to another department);
# any other case without one was never filed: decided on the spot (简易程序), or transferred and closed
_CLUE_STATES = {CaseState.CLUE, CaseState.ACCEPTED, CaseState.REJECTED, CaseState.TRANSFERRED}


# ------------------------------------------------------------------------------------ register


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    lst = sub.add_parser("cases", help="案件列表（按登记时间倒序）")
    lst.add_argument("--state", choices=[s.value for s in CaseState], help="只列出此状态的案件")
    lst.add_argument("--search", help="检索：案号、当事人名称、证件号码；3 个字以上还检索违法事实和地点")
    lst.add_argument("--overdue", action="store_true", help="只列出有逾期期限的案件")
    lst.add_argument("--officer", help="只列出此执法人员（登录名）参与的案件")
    lst.add_argument("--limit", type=int, help="最多列出的条数")
    lst.add_argument("--offset", type=int, default=0, help="跳过的条数（分页）")
    add_json(lst)
    lst.set_defaults(handler=_cases)

    c = sub.add_parser("case", help="登记、查看和办理一件案件")
    cs = c.add_subparsers(dest="case_command", metavar="子命令")

    new = cs.add_parser("new", help="登记线索（案件来源、事项、当事人）")
    new.add_argument("--item", required=True, help="执法事项编码，如 DQ-01")
    new.add_argument("--source", required=True, choices=list(SOURCES),
                     help="案件来源：" + "、".join(f"{k}（{v}）" for k, v in SOURCES.items()))
    new.add_argument("--facts", required=True, help="线索内容或违法事实")
    new.add_argument("--place", default="", help="地点")
    new.add_argument("--act-date", help="违法行为发生日期 YYYY-MM-DD")
    new.add_argument("--continuing", action=argparse.BooleanOptionalAction, default=None,
                     help="违法行为是否处于连续或继续状态（默认：按事项）")
    new.add_argument("--discovered", help="发现日期 YYYY-MM-DD（默认：登记日期）")
    new.add_argument("--officers", metavar="LOGIN,LOGIN", help="执法人员登录名，逗号分隔")
    new.add_argument("--on", metavar="DATE[THH:MM]", help="登记时间；" + ON_HELP)
    who = new.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="ID_NO", help="自然人：居民身份证号码")
    who.add_argument("--org", metavar="CREDIT_CODE", help="法人或其他组织：统一社会信用代码")
    new.add_argument("--name", required=True, help="当事人姓名或名称")
    new.add_argument("--representative", default="", help="法定代表人（负责人）")
    new.add_argument("--address", default="", help="住址或地址")
    new.add_argument("--phone", default="", help="联系电话")
    new.add_argument("--complex", action="store_true", help="案情复杂（须集体讨论、法制审核）")
    new.add_argument("--harm-slight", action="store_true", help="危害后果轻微")
    new.add_argument("--no-harm", action="store_true", help="没有造成危害后果")
    new.add_argument("--corrected", action="store_true", help="已及时改正")
    add_json(new)
    new.set_defaults(handler=_new)

    show = cs.add_parser("show", help="查看案件：当事人、执法人员、文书、期限、时间线、建议、执行")
    show.add_argument("case", metavar="CASE", help="案件编号（id）或案号")
    add_json(show)
    show.set_defaults(handler=_show)

    acts = cs.add_parser("actions", help="当前用户现在可以进行的操作（不可进行的附理由）")
    acts.add_argument("case", metavar="CASE", help="案件编号（id）或案号")
    add_json(acts)
    acts.set_defaults(handler=_actions)

    rec = cs.add_parser("receipt", help="登记移送回执（已移送的案件）")
    rec.add_argument("case", metavar="CASE", help="案件编号（id）或案号")
    rec.add_argument("--on", metavar="DATE[THH:MM]", help=ON_HELP)
    rec.add_argument("--note", default="", help="备注")
    add_json(rec)
    rec.set_defaults(handler=_receipt)

    add_action_commands(cs)


# ------------------------------------------------------------------------------------ the list


def _deadline_words(d: queries.DeadlineInfo) -> str:
    provisional = "（暂定）" if d.provisional else ""
    return f"{d.label} {d.due.isoformat()}{provisional}"


def _pressing(deadlines: list[queries.DeadlineInfo]) -> str:
    """The deadline that matters most in a list row: overdue, then due soon, then the next one."""
    for status, lead in (("overdue", "逾期："), ("due_soon", "将到期："), ("open", "")):
        found = [d for d in deadlines if d.status == status]
        if found:
            return lead + _deadline_words(min(found, key=lambda d: d.due))
    return ""


def _number_or_placeholder(number: str | None, state: str, procedure: str | None = None) -> str:
    if number:
        return number
    if procedure == "simple":
        return "（简易程序，无案号）"
    return "（线索，未立案）" if state in _CLUE_STATES else "（未立案）"


def _row_json(row: queries.CaseRow) -> dict[str, Any]:
    data: dict[str, Any] = to_jsonable(row)
    for party in data["parties"]:
        party["kind_label"] = KIND_LABELS.get(party["kind"], party["kind"])
    for d in data["deadlines"]:
        d["status_label"] = STATUS_WORDS.get(d["status"], d["status"])
    return data


def _cases(inv: Invocation) -> int:
    a = inv.args
    if (a.limit is not None and a.limit < 0) or a.offset < 0:
        raise InvalidInput("--limit/--offset", "--limit 和 --offset 不能为负数")
    flt = queries.CaseFilter(state=a.state, search=a.search, overdue=a.overdue, officer=a.officer,
                             offset=a.offset, limit=a.limit)
    page = queries.list_cases(inv.ctx, inv.actor, flt, a.today_date)
    if inv.json:
        return inv.emit([_row_json(r) for r in page.rows])
    lines = []
    if page.short_search:
        lines.append("检索词不足 3 个字：只检索了案号、当事人名称、证件号码。")
    if not page.rows:
        lines.append("没有符合条件的案件。" if page.total == 0 else f"共 {page.total} 条，本页没有案件。")
        print("\n".join(lines))
        return 0
    rows = [[str(a.offset + n), _number_or_placeholder(r.number, r.state), r.state_label, r.item_code,
             "、".join(p.name for p in r.parties), r.opened_on.isoformat(), _pressing(r.deadlines)]
            for n, r in enumerate(page.rows, start=1)]
    text = table(rows, ["序号", "案号", "状态", "事项", "当事人", "登记日期", "期限"])
    if page.total != len(page.rows):
        body, _ = text.rsplit("\n", 1)
        text = f"{body}\n共 {page.total} 条，显示第 {a.offset + 1}–{a.offset + len(page.rows)} 条"
    lines.append(text)
    print("\n".join(lines))
    return 0


# ------------------------------------------------------------------------------------ new


def _new(inv: Invocation) -> int:
    a = inv.args
    actor = inv.writer()
    if a.person:
        party = PartyInput("person", a.person, a.name, a.address, a.phone, a.representative)
    else:
        party = PartyInput("organisation", a.org, a.name, a.address, a.phone, a.representative)
    new = NewCase(
        item_code=a.item, source=a.source, facts=a.facts, party=party, place=a.place,
        act_date=optional_date(a.act_date, "--act-date"), continuing=a.continuing,
        discovered_on=optional_date(a.discovered, "--discovered"), officers=split_logins(a.officers),
        on=parse_on(a.on, inv.ctx.clock), complex_case=a.complex, harm_slight=a.harm_slight,
        no_harm=a.no_harm, corrected_in_time=a.corrected)
    result = register_case(inv.ctx, actor, new)
    for warning in result.warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return inv.emit({"id": result.case_id, "party_id": result.party_id, "warnings": result.warnings},
                    result.case_id)


# ------------------------------------------------------------------------------------ show


def _label_detail(detail: queries.CaseDetail) -> dict[str, Any]:
    """The CaseDetail as JSON, with a *_label beside every code (CLI.md, Output)."""
    data: dict[str, Any] = to_jsonable(detail)
    data["procedure_label"] = PROCEDURE_LABELS.get(detail.procedure, detail.procedure)
    data["source_label"] = SOURCES.get(detail.source, detail.source)
    for party in data["parties"]:
        party["kind_label"] = KIND_LABELS.get(party.get("kind", ""), party.get("kind", ""))
    for d in data["deadlines"]:
        d["status_label"] = STATUS_WORDS.get(d["status"], d["status"])
        d["counting_label"] = COUNTING_LABELS.get(d["counting"], d["counting"])
    for t in data["timeline"]:
        t["from_state_label"] = state_label(t["from_state"]) if t["from_state"] else ""
    for e in data["evidence"]:
        e["purpose_label"] = PURPOSE_LABELS.get(str(e.get("purpose")), e.get("purpose"))
    for doc in data["documents"]:
        doc["status_label"] = DOCUMENT_STATUS_LABELS.get(doc["status"], doc["status"])
    for ap in data["approvals"]:
        ap["what_label"] = OPTION_VALUE_LABELS.get(ap["what"], ap["what"])
        ap["outcome_label"] = APPROVAL_OUTCOMES.get(ap["outcome"], ap["outcome"])
    for s in data["suggestions"]:
        s["kind_label"] = SUGGESTION_LABELS.get(s["kind"], s["kind"])
    decision = data.get("decision") or {}
    if decision:
        decision.update(_decision_measure(detail))
        decision["kind_label"] = OPTION_VALUE_LABELS.get(decision["kind"], decision["kind"])
        if decision.get("penalty"):
            decision["penalty_label"] = _penalty_label(decision["penalty"])
    return data


def _penalty_label(code: str) -> str:
    try:
        return PENALTY_LABELS[PenaltyKind(code)]
    except ValueError:
        return code


def _when(moment: datetime | None) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _detail_text(d: queries.CaseDetail) -> str:
    lines = [f"案号：{_number_or_placeholder(d.number, d.state, d.procedure)}    编号：{d.id}",
             f"状态：{d.state_label}    程序：{PROCEDURE_LABELS.get(d.procedure, d.procedure)}",
             f"事项：{d.item_code} {d.item_name}" + ("（重大执法决定法制审核目录事项）" if d.item_major else "")]
    for p in d.parties:
        kind = KIND_LABELS.get(str(p.get("kind", "")), "")
        extra = f"，法定代表人 {p['representative']}" if p.get("representative") else ""
        lines.append(f"当事人：{p.get('name', '')}（{kind}，{p.get('identifier', '')}{extra}）")
    dates = [f"来源：{SOURCES.get(d.source, d.source)}", f"发现日期：{d.discovered_on.isoformat()}"]
    for label, day in (("立案日期", d.filed_on), ("决定日期", d.decided_on), ("结案日期", d.closed_on)):
        if day is not None:
            dates.append(f"{label}：{day.isoformat()}")
    lines.append("    ".join(dates))
    if d.close_reason:
        lines.append(f"结案理由：{d.close_reason}")
    lines.append(f"违法事实：{d.facts}")
    if d.place:
        lines.append(f"地点：{d.place}")
    if d.legal_review_required:
        lines.append(f"须经法制审核：{d.legal_review_reason or '是'}")
    if d.deadlines:
        lines.append("期限：")
        for dl in d.deadlines:
            status = STATUS_WORDS.get(dl.status, dl.status)
            met = f" {dl.met_on.isoformat()}" if dl.met_on else ""
            provisional = "（暂定）" if dl.provisional else ""
            lines.append(f"  {dl.label} {dl.due.isoformat()}{provisional}  {status}{met}  {dl.article}")
    if d.officers:
        lines.append("执法人员：")
        lines += [f"  {o.name}（{o.login}）{o.role_in_case_label}" for o in d.officers]
    if d.documents:
        lines.append("文书：")
        for doc in d.documents:
            served = f"，{doc.served_on.isoformat()} 送达" if doc.served_on else "，未送达"
            lines.append(f"  {doc.title} {doc.number or ''}（文书编号 {doc.id}）"
                         f"{DOCUMENT_STATUS_LABELS.get(doc.status, doc.status)} {_when(doc.issued_at)}{served}")
    if d.evidence:
        lines.append("附件：")
        lines += [f"  {e['name']}（{PURPOSE_LABELS.get(str(e['purpose']), e['purpose'])}，{e['size']} 字节）"
                  for e in d.evidence]
    if d.approvals:
        lines.append("审批：")
        for ap in d.approvals:
            until = f"，期限至 {ap.until.isoformat()}" if ap.until else ""
            reason = f"：{ap.reason}" if ap.reason else ""
            lines.append(f"  {_when(ap.occurred_at)} {OPTION_VALUE_LABELS.get(ap.what, ap.what)} "
                         f"{APPROVAL_OUTCOMES.get(ap.outcome, ap.outcome)}（{ap.approver}）{until}{reason}")
    if d.decision:
        dec = {**d.decision, **_decision_measure(d)}
        parts = [OPTION_VALUE_LABELS.get(str(dec.get("kind")), str(dec.get("kind")))]
        if dec.get("penalty"):
            parts.append(_penalty_label(str(dec["penalty"])))
        if dec.get("amount"):
            parts.append(f"{dec['amount']} 元")
        parts += _measure_words(dec)
        if dec.get("tier"):
            parts.append(f"裁量档次：{TIER_LABELS.get(str(dec['tier']), dec['tier'])}")
        lines.append("决定：" + " ".join(parts))
        if dec.get("explanation"):
            lines.append(f"裁量说明：{dec['explanation']}")
    ex = d.execution
    if ex.fine is not None:
        text = f"执行：罚款 {ex.fine} 元，已缴 {ex.paid} 元，尚欠 {ex.outstanding} 元"
        if ex.surcharge:
            until = f"（至 {ex.surcharge_until.isoformat()} 达到上限）" if ex.surcharge_until else ""
            text += f"；加处罚款 {ex.surcharge} 元{until}"
        lines.append(text)
        for n, i in enumerate(ex.instalments, 1):  # 分期缴纳 (行政处罚法第六十六条第二款)
            state = INSTALMENT_STATUS.get(i.status, i.status)
            lines.append(f"  分期第{n}期：{i.due.isoformat()} {i.amount} 元，{state}"
                         + (f"（已缴 {i.paid} 元）" if i.status != "paid" and i.paid != "0.00" else ""))
        if ex.deferred_until is not None and not ex.instalments:
            lines.append(f"  暂缓缴纳至 {ex.deferred_until.isoformat()}")
    if d.timeline:
        lines.append("时间线：")
        for t in d.timeline:
            moved = f" → {t.to_state_label}" if t.from_state != t.to_state else ""
            details = _event_details(t.data)
            note = f"；备注：{t.note}" if t.note else ""
            lines.append(f"  {_when(t.occurred_at)} {t.action_label}（{t.actor}）{moved}{details}{note}")
    if d.suggestions:
        lines.append("建议：")
        lines += [f"  {SUGGESTION_LABELS.get(s.kind, s.kind)}：{s.reason}" for s in d.suggestions]
    return "\n".join(lines)


def _decision_measure(d: queries.CaseDetail) -> dict[str, Any]:
    """The area or base value the decided fine was computed on, as the decision's event stored it."""
    for t in reversed(d.timeline):
        if t.action == "decide":
            return {key: t.data[key] for key in ("quantity", "base", "base_value") if t.data.get(key)}
    return {}


def _measure_words(data: dict[str, Any]) -> list[str]:
    """What a fine per 平方米 or as a multiple was computed on (decide/notify --quantity, --base-value)."""
    words = []
    if data.get("quantity"):
        words.append(f"面积 {data['quantity']} 平方米")
    if data.get("base_value"):
        words.append(f"{data.get('base') or '基数'} {data['base_value']} 元")
    return words


def _event_details(data: dict[str, Any]) -> str:
    """The few details of an event worth a line of the timeline (what was waived, the outcome …)."""
    parts = []
    for key in ("what", "outcome", "decision", "to"):
        if data.get(key):
            value = str(data[key])
            parts.append(VALUE_LABELS.get(value) or state_label(value))
    if data.get("document_number"):
        method = actions_service.SERVICE_METHODS.get(str(data.get("method")), "")
        parts.append(f"{data['document_number']} {method}".strip())
    if data.get("amount"):
        parts.append(f"{data['amount']} 元")
    parts += _measure_words(data)
    if data.get("reviewer"):
        parts.append(f"审核人 {data['reviewer']}")
    for key in ("channel", "url", "items", "reason", "opinion", "conclusion"):
        if data.get(key):
            parts.append(str(data[key]))
    return f"：{'，'.join(parts)}" if parts else ""


def _show(inv: Invocation) -> int:
    detail = queries.show_case(inv.ctx, inv.actor, inv.args.case, inv.args.today_date)
    if inv.json:
        return inv.emit(_label_detail(detail))
    return inv.emit(detail, _detail_text)


# ------------------------------------------------------------------------------------ actions


def _answer_text(answers: list[queries.ActionAnswer]) -> str:
    lines = []
    for a in answers:
        if a.allowed:
            lines.append(f"✔ {a.action_label}（{a.action}）")
        else:
            reason = a.reason or "不可进行"
            if a.article and a.article not in reason:
                reason += f"（{a.article}）"
            lines.append(f"✘ {a.action_label}（{a.action}）：{reason}")
    return "\n".join(lines)


def _actions(inv: Invocation) -> int:
    answers = queries.case_actions(inv.ctx, inv.actor, inv.args.case, inv.args.today_date)
    return inv.emit(answers, _answer_text)


def _receipt(inv: Invocation) -> int:
    actor = inv.writer()
    ref = inv.args.case
    actions_service.confirm_transfer_receipt(inv.ctx, actor, ref, parse_on(inv.args.on, inv.ctx.clock),
                                             inv.args.note)
    return inv.emit({"case": ref, "action": "receipt", "action_label": "登记移送回执"},
                    f"已登记移送回执：{ref}")
