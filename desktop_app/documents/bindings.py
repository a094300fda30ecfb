"""The binding context: every dotted path a form may name, what kind of value it is, and what it means.

The services build the context (desktop_app.services.documents.build_context) as nested dicts of
strings, booleans and lists; forms refer to it as ``{case.facts}``, ``{party.name}``. A form that names
a path not listed here is refused when it is loaded, so a typo never prints as an empty blank.

Kinds: ``text`` may wrap anywhere a Chinese text may; ``keep`` never breaks across lines (names, ID
numbers, 文号, dates, amounts, telephone numbers); ``flag`` is a condition (``if = "..."``); ``list``
is a list of rows whose fields are named in LISTS.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TEXT, KEEP, FLAG, LIST = "text", "keep", "flag", "list"

FIELDS: dict[str, tuple[str, str]] = {
    # the township (the enforcement subject, 行政处罚法 第二十四条)
    "township.name": (KEEP, "乡镇名称"),
    "township.government_name": (KEEP, "乡镇人民政府全称（执法主体）"),
    "township.team_name": (KEEP, "综合行政执法队名称（办案机构）"),
    "township.county_name": (KEEP, "县名"),
    "township.review_body": (KEEP, "行政复议机关（县人民政府）"),
    "township.court": (KEEP, "有管辖权的人民法院"),
    "township.seal_text": (KEEP, "印章名称"),
    "township.address": (TEXT, "机关地址"),
    "township.phone": (KEEP, "联系电话"),
    "township.contact": (KEEP, "联系人"),
    "township.payment_account": (TEXT, "罚没款缴款银行及账户（银行、户名、账号合写）"),
    "township.payment_bank": (TEXT, "罚没款缴款银行"),
    "township.payment_account_name": (TEXT, "罚没款缴款账户名称"),
    "township.payment_account_number": (KEEP, "罚没款缴款账号"),
    # this document
    "doc.id": (KEEP, "文书编号（系统内）"),
    "doc.title": (KEEP, "文书名称"),
    "doc.number": (KEEP, "文号"),
    "doc.date": (KEEP, "成文日期（如 2026年11月23日）"),
    "doc.part": (KEEP, "联次（归档联/送达联）"),
    "doc.is_draft": (FLAG, "草稿"),
    "doc.is_service_copy": (FLAG, "送达联"),
    # the case
    "case.id": (KEEP, "案件编号（系统内）"),
    "case.number": (KEEP, "案号"),
    "case.name": (TEXT, "案件名称（当事人 + 违法行为 + 案）"),
    "case.cause": (TEXT, "案由"),
    "case.source_label": (KEEP, "案件来源"),
    "case.facts": (TEXT, "违法事实（线索登记）"),
    "case.findings": (TEXT, "调查结论"),
    "case.place": (TEXT, "地点"),
    "case.act_date": (KEEP, "违法行为发生日期"),
    "case.discovered_on": (KEEP, "发现日期"),
    "case.registered_on": (KEEP, "登记日期"),
    "case.filed_on": (KEEP, "立案日期"),
    "case.concluded_on": (KEEP, "调查终结日期"),
    "case.decided_on": (KEEP, "决定日期"),
    "case.closed_on": (KEEP, "结案日期"),
    "case.archived_on": (KEEP, "归档日期"),
    "case.close_reason": (TEXT, "结案理由"),
    "case.state": (KEEP, "案件状态代码"),
    "case.state_label": (KEEP, "案件状态"),
    "case.procedure": (KEEP, "程序代码（ordinary/simple）"),
    "case.procedure_label": (KEEP, "程序（普通/简易）"),
    "case.retention": (KEEP, "保管期限"),
    "case.is_simple": (FLAG, "简易程序"),
    "case.is_ordinary": (FLAG, "普通程序"),
    "case.major": (FLAG, "重大、复杂案件（须法制审核或集体讨论）"),
    "case.filed": (FLAG, "已立案"),
    "case.review_opinion": (TEXT, "案件审核意见"),
    "case.reviewed_on": (KEEP, "案件审核日期"),
    "case.filing_reason": (TEXT, "立案（不予立案）理由"),
    "case.filing_decision": (KEEP, "立案审批结果（同意立案/不予立案）"),
    "case.withdraw_reason": (TEXT, "撤销立案理由"),
    # the party, as it stood for this case
    "party.name": (KEEP, "当事人姓名或名称"),
    "party.you": (KEEP, "对当事人的称呼（个人“你”，单位“你单位”）"),
    "party.kind_label": (KEEP, "当事人类别（个人/单位）"),
    "party.is_person": (FLAG, "当事人是个人"),
    "party.is_organisation": (FLAG, "当事人是单位"),
    "party.id_label": (KEEP, "证件名称（居民身份证号码/统一社会信用代码）"),
    "party.identifier": (KEEP, "身份证号码或统一社会信用代码"),
    "party.sex": (KEEP, "性别"),
    "party.birth_date": (KEEP, "出生日期"),
    "party.age": (KEEP, "年龄"),
    "party.address": (TEXT, "住址或住所"),
    "party.phone": (KEEP, "联系电话"),
    "party.representative": (KEEP, "法定代表人（负责人）"),
    "party.public_name": (KEEP, "公示用名称（个人姓名隐去）"),
    "party.masked_id": (KEEP, "公示用证件号码（部分隐去）"),
    # the enforcement item and its legal bases (the item list)
    "item.code": (KEEP, "事项编码"),
    "item.name": (TEXT, "事项名称"),
    "item.category": (TEXT, "事项类别"),
    "item.violation_law": (KEEP, "违法依据：法律名称"),
    "item.violation_article": (KEEP, "违法依据：条款"),
    "item.violation_text": (TEXT, "违法依据：条文"),
    "item.penalty_law": (KEEP, "处罚依据：法律名称"),
    "item.penalty_article": (KEEP, "处罚依据：条款"),
    "item.penalty_text": (TEXT, "处罚依据：条文"),
    "item.penalty_summary": (TEXT, "处罚种类及幅度"),
    "item.violation_basis": (TEXT, "违法依据（法名 + 条款）"),
    "item.penalty_basis": (TEXT, "处罚依据（法名 + 条款）"),
    # officers of the case
    "officers.handlers": (TEXT, "承办人（姓名及执法证号）"),
    "officers.handler1": (KEEP, "第一承办人"),
    "officers.handler1_cert": (KEEP, "第一承办人执法证号"),
    "officers.handler2": (KEEP, "第二承办人"),
    "officers.handler2_cert": (KEEP, "第二承办人执法证号"),
    "officers.reviewer": (KEEP, "案件审核人"),
    "officers.legal_reviewer": (KEEP, "法制审核人员"),
    "officers.decider": (KEEP, "决定人（行政机关负责人）"),
    "officers.hearing_host": (KEEP, "听证主持人"),
    "officers.registered_by": (KEEP, "登记人"),
    # the notice (告知) and the party's statement
    "notice.number": (KEEP, "告知书文号"),
    "notice.date": (KEEP, "告知日期"),
    "notice.served_on": (KEEP, "告知书送达日期"),
    "notice.penalty": (TEXT, "拟作出的行政处罚"),
    "notice.statement_days": (KEEP, "陈述申辩期限（工作日）"),
    "notice.hearing_days": (KEEP, "听证申请期限（工作日）"),
    "notice.hearing_rights": (FLAG, "告知听证权利"),
    "notice.statement_due": (KEEP, "陈述申辩截止日期"),
    "notice.hearing_due": (KEEP, "听证申请截止日期"),
    "notice.statement_waived": (FLAG, "当事人书面放弃陈述申辩"),
    "notice.hearing_waived": (FLAG, "当事人放弃听证"),
    # hearing
    "hearing.requested": (FLAG, "当事人申请听证"),
    "hearing.requested_on": (KEEP, "申请听证日期"),
    "hearing.host": (KEEP, "听证主持人"),
    "hearing.held": (FLAG, "已举行听证"),
    "hearing.held_on": (KEEP, "听证日期"),
    "hearing.outcome_label": (KEEP, "听证情况"),
    "hearing.notice_number": (KEEP, "听证通知书文号"),
    # 法制审核
    "legal_review.required": (FLAG, "须法制审核"),
    "legal_review.required_reason": (TEXT, "须法制审核的理由"),
    "legal_review.done": (FLAG, "已法制审核"),
    "legal_review.submitted_on": (KEEP, "送审日期"),
    "legal_review.reviewed_on": (KEEP, "审核日期"),
    "legal_review.outcome_label": (KEEP, "审核结论"),
    "legal_review.opinion": (TEXT, "审核意见"),
    # 集体讨论
    "discussion.held": (FLAG, "已集体讨论"),
    "discussion.held_on": (KEEP, "讨论日期"),
    "discussion.participants": (TEXT, "参加人员"),
    "discussion.conclusion": (TEXT, "结论性意见"),
    # the decision
    "decision.kind_label": (KEEP, "决定类别"),
    "decision.is_penalty": (FLAG, "作出行政处罚决定"),
    "decision.is_no_penalty": (FLAG, "作出不予行政处罚决定"),
    "decision.has_fine": (FLAG, "处以罚款"),
    "decision.reasoned": (FLAG, "说理式决定书（重大、复杂案件）"),
    "decision.penalty_label": (KEEP, "处罚种类"),
    "decision.penalty_text": (TEXT, "处罚内容（含金额大写）"),
    "decision.amount": (KEEP, "罚款金额（元）"),
    "decision.amount_words": (KEEP, "罚款金额大写"),
    "decision.has_measure": (FLAG, "罚款按面积或基数计算"),
    "decision.measure": (TEXT, "罚款的计算基础（面积或基数）"),
    "decision.tier_label": (KEEP, "裁量阶次"),
    "decision.number": (KEEP, "处罚决定书文号"),
    "decision.date": (KEEP, "决定日期"),
    "decision.served_on": (KEEP, "决定书送达日期"),
    "decision.payment_days": (KEEP, "缴纳期限（日）"),
    "decision.no_penalty_ground": (TEXT, "不予处罚的情形（如 违法行为轻微并及时改正，没有造成危害后果）"),
    "decision.no_penalty_basis": (TEXT, "不予处罚的法律依据（如《中华人民共和国行政处罚法》第三十三条第一款）"),
    "decision.violation_established": (FLAG, "违法事实成立（不予处罚并非因违法事实不能成立）"),
    "decision.explanation": (TEXT, "决定人的说明（裁量说明、不予处罚的理由）"),
    # execution
    "execution.fine": (KEEP, "罚款金额"),
    "execution.paid": (KEEP, "已缴纳"),
    "execution.outstanding": (KEEP, "尚欠罚款"),
    "execution.outstanding_words": (KEEP, "尚欠罚款大写"),
    "execution.surcharge": (KEEP, "加处罚款（计至今日）"),
    "execution.payment_due": (KEEP, "缴纳期限届满日"),
    "execution.deferred_until": (KEEP, "暂缓（分期）缴纳至"),
    "execution.reminder_number": (KEEP, "催告书文号"),
    "execution.reminder_served_on": (KEEP, "催告书送达日期"),
    "execution.court_applied_on": (KEEP, "申请强制执行日期"),
    "execution.unpaid": (FLAG, "罚款未缴清"),
    "execution.enforceable": (FLAG, "罚款未缴清或已申请强制执行"),
    # transfer
    "transfer.to_label": (KEEP, "移送对象（部门/司法机关）"),
    "transfer.is_judicial": (FLAG, "移送司法机关"),
    "transfer.is_department": (FLAG, "移送其他部门"),
    "transfer.reason": (TEXT, "移送理由"),
    "transfer.date": (KEEP, "移送日期"),
    "transfer.receiver": (TEXT, "接收机关"),
    # preservation of evidence and seizure
    "preservation.done": (FLAG, "已先行登记保存"),
    "preservation.items": (TEXT, "先行登记保存的物品"),
    "preservation.rows": (LIST, "先行登记保存清单"),
    "preservation.preserved_on": (KEEP, "登记保存日期"),
    "preservation.until": (KEEP, "作出处理决定的期限"),
    "preservation.handled": (FLAG, "已作出处理决定"),
    "preservation.handled_on": (KEEP, "处理决定日期"),
    "preservation.decision_label": (KEEP, "处理决定"),
    "preservation.notice_number": (KEEP, "先行登记保存通知书文号"),
    "seizure.approved": (FLAG, "查封扣押已批准"),
    "seizure.approved_on": (KEEP, "批准日期"),
    "seizure.reason": (TEXT, "查封扣押理由"),
    "seizure.until": (KEEP, "查封扣押期限至"),
    "seizure.rows": (LIST, "查封（扣押）清单"),
    # service (送达回证): the document served
    "service.doc_title": (KEEP, "送达文书名称"),
    "service.doc_number": (KEEP, "送达文书文号"),
    "service.recipient": (KEEP, "受送达人"),
    "service.method_label": (KEEP, "送达方式"),
    "service.method_text": (TEXT, "送达方式（已登记的方式，未登记时列出各方式供划选）"),
    "service.served_on": (KEEP, "送达日期"),
    "service.place": (TEXT, "送达地点"),
    "service.server": (KEEP, "送达人"),
    # closing
    "closing.reason": (TEXT, "结案理由"),
    "closing.result": (TEXT, "处理结果"),
    "closing.execution": (TEXT, "执行情况"),
    # the case file (卷宗)
    "file.title": (TEXT, "案卷题名"),
    "file.decision_number": (KEEP, "处罚决定书文号"),
    "file.pieces": (KEEP, "卷内文件件数"),
    "file.pages": (KEEP, "卷内总页数"),
    "file.archive_no": (KEEP, "归档号"),
    "file.index": (LIST, "卷内目录"),
    "file.bound": (FLAG, "已装订（卷宗已生成）"),
    # publicity (行政处罚法 第四十八条)
    "publicity.content": (TEXT, "公示内容"),
    # editable texts of a draft (defaults from the case; the drafter may change them)
    "text.facts": (TEXT, "违法事实（可编辑）"),
    "text.evidence": (TEXT, "证据（可编辑）"),
    "text.reasons": (TEXT, "理由（可编辑）"),
    "text.discretion": (TEXT, "裁量说明（可编辑）"),
    "text.statement": (TEXT, "陈述申辩及采纳情况（可编辑）"),
    "text.reasoning": (TEXT, "说理：证据采信与当事人意见（可编辑）"),
    "text.opinion": (TEXT, "承办人意见（可编辑）"),
    "text.inspection": (TEXT, "检查（勘验）情况（可编辑）"),
    "text.interview": (TEXT, "询问内容（可编辑）"),
    "text.rectification": (TEXT, "责令改正的内容和期限（可编辑）"),
    "text.hearing": (TEXT, "听证内容（可编辑）"),
    "text.remarks": (TEXT, "说明（可编辑）"),
    "text.record": (TEXT, "笔录正文（可编辑）"),
    "text.other": (TEXT, "其他（可编辑）"),
    "text.time": (TEXT, "时间（可编辑）"),
    "text.place": (TEXT, "地点（可编辑）"),
    "text.persons": (TEXT, "在场人员（可编辑）"),
}

# The fields of the rows of each list.
LISTS: dict[str, dict[str, str]] = {
    "preservation.rows": {"seq": KEEP, "name": TEXT, "spec": TEXT, "quantity": KEEP, "place": TEXT},
    "seizure.rows": {"seq": KEEP, "name": TEXT, "spec": TEXT, "quantity": KEEP, "place": TEXT},
    "file.index": {"seq": KEEP, "number": KEEP, "author": TEXT, "title": TEXT, "date": KEEP, "page": KEEP,
                   "remarks": TEXT},
}

EDITABLE_PREFIX = "text."


def kind_of(path: str) -> str | None:
    spec = FIELDS.get(path)
    return spec[0] if spec else None


def lookup(context: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path; None when any part is missing."""
    node: Any = context
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def missing_paths(context: Mapping[str, Any]) -> list[str]:
    """Paths of FIELDS the context does not provide (a test keeps the services' builder complete)."""
    return [p for p in FIELDS if lookup(context, p) is None]
