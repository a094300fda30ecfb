"""The binding context of a document (documents/bindings.py names every path): the case as it stands,
the party as it stood for the case, the township, the item's legal bases, the officers with their
certificates, the notice, hearing, review, discussion, decision, execution, transfer, preservation
and service — read from the store in the caller's session, formatted as the documents write them.

A document the workflow issues carries its own options (penalty, amount, explanation, items …) in its
content; those win over the case's columns, which the action may set only after issuing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date, to_local
from desktop_app.documents.formatting import cn_date, money, money_words
from desktop_app.domain import deadlines as dl
from desktop_app.domain.case_states import state_label
from desktop_app.domain.discretion import (
    NO_PENALTY_GROUNDS,
    NO_PENALTY_VIOLATION_ESTABLISHED,
    PENALTY_LABELS,
    PenaltyKind,
)
from desktop_app.domain.evidence import RECORD_KIND_LABELS, RecordKind
from desktop_app.domain.identifiers import birth_date_of, mask_id, sex_of
from desktop_app.domain.procedure import CaseRole, legal_review_requirement
from desktop_app.services.cases.facts import load_settings, statement_days, yuan
from desktop_app.services.cases.queries import _surcharge
from desktop_app.services.cases.register import SOURCES
from desktop_app.services.item_sheets import TIER_LABELS
from desktop_app.store.models import (
    Approval,
    BenchmarkTier,
    Case,
    CaseDeadline,
    CaseEvent,
    Document,
    DocumentService,
    EnforcementItem,
    EvidenceItem,
    Officer,
    ProcessRecord,
    Setting,
    Township,
    User,
)

SERVICE_METHOD_LABELS = {"direct": "直接送达", "left": "留置送达", "post": "邮寄送达", "electronic": "电子送达",
                         "public": "公告送达"}
DECISION_KIND_LABELS = {"penalty": "行政处罚", "no_penalty": "不予行政处罚", "transfer": "移送"}
LEGAL_REVIEW_OUTCOMES = {"passed": "同意", "returned": "退回补充", "failed": "不同意"}
HEARING_OUTCOMES = {"held": "已举行听证", "absent": "当事人无正当理由未出席，视为放弃听证"}
PRESERVATION_DECISIONS = {"release": "解除先行登记保存，退还当事人", "confiscate": "依法予以没收",
                          "seize": "依法予以查封（扣押）", "transfer": "移送有关部门处理"}
TRANSFER_LABELS = {"department": "有管辖权的行政机关", "judicial": "司法机关"}
# Documents that go out of the office (to the party, a department, the court): 送达回证 covers these.
SERVED_FORMS = frozenset({"penalty_notice", "hearing_rights_notice", "hearing_notice", "penalty_decision",
                          "no_penalty_decision", "on_spot_decision", "reminder", "preservation_notice",
                          "preservation_decision", "seizure_decision", "rectification_notice"})
# Optional office details read from settings when present (documents leave a blank otherwise).
OFFICE_SETTINGS = {"address": "documents.office_address", "phone": "documents.office_phone",
                   "contact": "documents.office_contact", "payment_bank": "documents.payment_bank",
                   "payment_account_name": "documents.payment_account_name",
                   "payment_account_number": "documents.payment_account_number"}
# 保管期限 (documents.md §6, FM): ordinary procedure 永久, simple procedure 30年
RETENTION = {"ordinary": "永久", "simple": "30年"}


def _d(value: date | None) -> str:
    return cn_date(value)


def cause_of(item_name: str) -> str:
    """案由 from the item's name: 对露天焚烧秸秆的行政处罚 → 露天焚烧秸秆."""
    text = item_name.strip()
    text = re.sub(r"^对", "", text)
    text = re.sub(r"的(行政)?处罚$", "", text)
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；”" else text + "。"


def facts_sentence(act: str, body: str, party_name: str) -> str:
    """经查明 …: the act's date, then the facts with 当事人 as their subject unless they name one
    (2026年8月1日，当事人在保贤村南地块露天焚烧秸秆。). Facts that begin with their own date stand as written."""
    body = body.strip().rstrip("。")
    if not body or body[0].isdigit():
        return _sentence(body)
    # a sentence that names its subject, or tells how the act came to light (巡查发现当事人…,
    # 网格员上报：…), stands as written: "当事人巡查发现…" would make the party the inspector
    named = ("当事人" in body or (party_name and party_name in body)
             or body.startswith(("你", "该", "经", "巡查", "检查", "执法人员", "网格", "群众", "接", "据", "根据")))
    text = body if named else f"当事人{body}"
    return _sentence(f"{act}，{text}" if act else text)


def penalty_phrase(penalty: str | None, amount: Any) -> str:
    """警告 / 罚款人民币800元（大写：捌佰元整）."""
    if not penalty:
        return ""
    try:
        label = PENALTY_LABELS[PenaltyKind(penalty)]
    except ValueError:
        label = penalty
    if penalty in ("fine", "confiscation") and amount not in (None, ""):
        prefix = "罚款" if penalty == "fine" else "没收违法所得、没收非法财物，计"
        return f"{prefix}人民币{money(amount)}元（大写：{money_words(amount)}）"
    return label


def _party(snapshot: dict[str, Any], on: date) -> dict[str, Any]:
    kind = snapshot.get("kind", "person")
    identifier = str(snapshot.get("identifier", ""))
    person = kind == "person"
    sex = birth = age = ""
    if person:
        try:
            sex = sex_of(identifier)
            born = birth_date_of(identifier)
            birth = _d(born)
            age = str(on.year - born.year - ((on.month, on.day) < (born.month, born.day)))
        except ValueError:
            pass
    name = str(snapshot.get("name", ""))
    return {
        "name": name, "kind_label": "个人" if person else "单位", "is_person": person, "is_organisation": not person,
        "you": "你" if person else "你单位",
        "id_label": "居民身份证号码" if person else "统一社会信用代码", "identifier": identifier, "sex": sex,
        "birth_date": birth, "age": age, "address": str(snapshot.get("address", "")),
        "phone": str(snapshot.get("phone", "")), "representative": str(snapshot.get("representative", "")),
        "public_name": (name[:1] + "某某") if person and name else name,
        "masked_id": mask_id(identifier) if identifier else "",
    }


def _basis(law: str, article: str) -> str:
    law = law.strip()
    if law and not law.startswith("《"):
        law = f"《{law}》"
    return f"{law}{article.strip()}"


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text or "").strip()


@dataclass
class _Events:
    by_action: dict[str, list[CaseEvent]]

    def last(self, action: str) -> CaseEvent | None:
        found = self.by_action.get(action)
        return found[-1] if found else None

    def data(self, action: str, key: str) -> Any:
        ev = self.last(action)
        return ev.data.get(key) if ev is not None else None

    def day(self, action: str) -> date | None:
        ev = self.last(action)
        return local_date(ev.occurred_at) if ev is not None else None


def _officer_names(s: Session, case: Case) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """(names by user id, certificate numbers by user id, user ids by role in case)."""
    ids = {a.user_id for a in case.assignments}
    names: dict[str, str] = {}
    certs: dict[str, str] = {}
    if ids:
        for u in s.scalars(select(User).where(User.id.in_(ids))):
            names[u.id] = u.name
        for o in s.scalars(select(Officer).where(Officer.user_id.in_(ids))):
            valid = [c for c in o.certificates if c.state == "valid"] or list(o.certificates)
            if valid and o.user_id is not None:
                certs[o.user_id] = valid[-1].number
    roles: dict[str, list[str]] = {}
    for a in sorted(case.assignments, key=lambda a: a.assigned_at):
        roles.setdefault(a.role_in_case, []).append(a.user_id)
    return names, certs, roles


def _login_names(s: Session, logins: list[str]) -> list[str]:
    if not logins:
        return []
    found = {u.login: u.name for u in s.scalars(select(User).where(User.login.in_(logins)))}
    return [found.get(login, login) for login in logins]


def _items_rows(text: str) -> list[dict[str, str]]:
    parts = [p.strip() for p in re.split(r"[；;\n]+", text or "") if p.strip()]
    rows = []
    for i, part in enumerate(parts, 1):
        m = re.match(r"^(.*?)[\s,，]*(\d+(?:\.\d+)?\s*[^\d\s，,。]{0,3})$", part)
        name, qty = (m.group(1), m.group(2)) if m and m.group(1) else (part, "")
        rows.append({"seq": str(i), "name": name, "spec": "", "quantity": qty, "place": ""})
    return rows


def payment_account(office: dict[str, str]) -> str:
    """Where the fine is paid, as one phrase: 中国农业银行文水县支行（户名：…，账号：…）; empty when the
    bank is not set (the form then prints a blank to fill by hand)."""
    bank = office.get("payment_bank", "")
    if not bank:
        return ""
    details = [f"户名：{office['payment_account_name']}" if office.get("payment_account_name") else "",
               f"账号：{office['payment_account_number']}" if office.get("payment_account_number") else ""]
    details = [d for d in details if d]
    return f"{bank}（{'，'.join(details)}）" if details else bank


def _setting(s: Session, key: str) -> str:
    row = s.get(Setting, key)
    return str(row.value) if row is not None and row.value is not None else ""


RECORD_FORMS = {"inspection_record": "inspection", "interview_record": "interview"}


def _record_kind_label(kind: str) -> str:
    try:
        return RECORD_KIND_LABELS[RecordKind(kind)]
    except ValueError:
        return "笔录"


def _record_texts(s: Session, case: Case, form: str | None, content: dict[str, Any]) -> dict[str, str]:
    """The full-process record (全过程记录) a 笔录 document prints: the one the draft names, else the
    case's latest of its kind; its time, place, persons present, findings or questions and answers."""
    kind = RECORD_FORMS.get(form or "")
    if kind is None:
        return {}
    stmt = select(ProcessRecord).where(ProcessRecord.case_id == case.id, ProcessRecord.kind == kind)
    if content.get("record_id"):
        stmt = stmt.where(ProcessRecord.id == str(content["record_id"]))
    record = s.scalar(stmt.order_by(ProcessRecord.occurred_at.desc()).limit(1))
    if record is None:
        return {}
    start = to_local(record.occurred_at)
    end = to_local(record.ended_at) if record.ended_at else None
    time = f"{cn_date(start)}{start.hour}时{start.minute}分"
    if end is not None:
        time += f"至{'' if end.date() == start.date() else cn_date(end)}{end.hour}时{end.minute}分"
    persons = "、".join(f"{p.get('name', '')}（{p.get('role', '')}）" if p.get("role") else str(p.get("name", ""))
                       for p in record.persons_present)
    body = dict(record.content or {})
    out = {"time": time, "place": record.place, "persons": persons}
    if kind == "inspection":
        out["inspection"] = str(body.get("text") or "")
    else:
        turns = [f"问：{q.get('q', '')}\n答：{q.get('a', '')}" for q in body.get("questions") or []]
        text = str(body.get("text") or "")
        out["interview"] = "\n".join([*turns, text] if text else turns)
    if record.signature != "signed" and record.signature_note:
        key = "inspection" if kind == "inspection" else "interview"
        out[key] = (out.get(key, "") + f"\n（{record.signature_note}）").strip()
    return {k: v for k, v in out.items() if v}


def build_context(s: Session, case: Case, *, today: date, document: Document | None = None,
                  form: str | None = None) -> dict[str, Any]:
    """Everything a form may bind for this case (and this document, when given; ``form`` names the
    form when there is no document yet)."""
    content: dict[str, Any] = dict(document.content) if document is not None else {}
    form = document.form if document is not None else form
    township = s.scalar(select(Township).limit(1))
    item = s.get(EnforcementItem, case.item_id)
    assert item is not None
    settings = load_settings(s)
    # the deadlines as the workflow last stored them (computing them again needs the holiday calendar)
    due = {d.kind: d.due for d in s.scalars(select(CaseDeadline).where(CaseDeadline.case_id == case.id))}
    K = dl.DeadlineKind
    fine_for_review = yuan(case.fine_fen)
    if fine_for_review is None and (case.notified_penalty or {}).get("amount") not in (None, ""):
        fine_for_review = Decimal(str((case.notified_penalty or {})["amount"]))
    review_required, review_reason = legal_review_requirement(
        item_major=item.major, hearing_held=case.hearing_held_on is not None and case.hearing_outcome == "held",
        complex_case=case.complex_case, fine=fine_for_review, fine_threshold=settings.legal_review_fine_threshold)
    events = _Events({})
    for ev in s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.occurred_at)):
        events.by_action.setdefault(ev.action, []).append(ev)
    docs = list(s.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.drafted_at)))
    issued = [d for d in docs if d.status == "issued"]

    def latest(*forms: str) -> Document | None:
        found = [d for d in issued if d.form in forms]
        return found[-1] if found else None

    names, certs, roles = _officer_names(s, case)
    handlers = roles.get(CaseRole.HANDLER.value, [])

    def name(role: str) -> str:
        ids = roles.get(role, [])
        return names.get(ids[-1], "") if ids else ""

    doc_day = local_date(document.issued_at) if document is not None and document.issued_at else None
    on = doc_day or today
    snapshot = (content.get("parties") or [None])[0] or (case.parties[0].snapshot if case.parties else {})
    party = _party(dict(snapshot), on)
    gov = township.government_name if township else ""
    county = township.county_name if township else ""

    # -- the notice and the decision (a workflow document's own options first)
    notice = latest("penalty_notice")
    notified = dict(case.notified_penalty or {})
    if document is not None and document.form == "penalty_notice":
        notified = {**notified, **{k: content[k] for k in ("penalty", "amount") if k in content}}
    decision_doc = latest("penalty_decision", "no_penalty_decision", "on_spot_decision")
    is_decision_doc = document is not None and document.form in ("penalty_decision", "no_penalty_decision",
                                                                  "on_spot_decision")
    if is_decision_doc and document is not None:
        decision_doc = document
    penalty = case.penalty_kind
    amount: Any = yuan(case.fine_fen)
    explanation = case.discretion_explanation or ""
    tier = case.tier
    # 不予行政处罚: the ground chosen at the decision (the event keeps it; the document its own copy)
    ground = str(events.data("decide", "ground") or "")
    if is_decision_doc and document is not None:
        ground = str(content.get("ground") or ground)
    if is_decision_doc and document is not None and document.status != "draft":
        penalty = content.get("penalty", penalty)
        amount = content.get("amount", amount)
        explanation = content.get("explanation", explanation) or explanation
        tier = content.get("tier", tier)
    decision_kind = case.decision_kind or ("penalty" if is_decision_doc and document is not None
                                           and document.form != "no_penalty_decision" and document.status != "draft"
                                           else None)
    if decision_kind is None and penalty is None and notified.get("penalty"):
        # drafting the decision before deciding: what the notice proposed
        penalty, amount = notified.get("penalty"), notified.get("amount")
    penalty_text = penalty_phrase(penalty, amount) if decision_kind in (None, "penalty") else ""
    # the area or base value a fine per 平方米 or as a multiple was computed from: the decision's own,
    # else (drafting before the decision) what the notice proposed
    measure = measure_phrase(content if is_decision_doc and document is not None and document.status != "draft"
                             else notified)
    has_fine = penalty == "fine" and amount not in (None, "")
    decided_on = case.decided_on or (local_date(decision_doc.issued_at) if decision_doc is not None
                                      and decision_doc.issued_at else None)

    # -- discretion: the benchmark tier's conditions and range, then the decider's explanation
    discretion = ""
    if tier:
        row = s.scalar(select(BenchmarkTier).where(BenchmarkTier.item_code == case.item_code,
                                                    BenchmarkTier.tier == tier,
                                                    BenchmarkTier.party.in_(["any", snapshot.get("kind", "person")])))
        label = TIER_LABELS.get(tier, tier)
        discretion = f"依据本乡镇行政处罚裁量基准，本案属“{label}”情形"
        if row is not None:
            discretion += f"（{row.conditions.rstrip('。')}），该阶次罚款幅度为{money(row.fine_min)}元至{money(row.fine_max)}元"
        discretion += "。"
    if explanation:
        discretion += _sentence(explanation)

    # -- texts the drafter may edit (generic defaults; forms may give their own)
    act = _d(case.act_date)
    body = case.facts.strip().rstrip("。")
    facts_text = facts_sentence(act, body, party["name"])
    # the case's 证据清单 (evidence items, in their numbers' order), else the 笔录 documents made
    evidence_lines = [e.title for e in s.scalars(select(EvidenceItem).where(
        EvidenceItem.case_id == case.id, EvidenceItem.removed_at.is_(None)).order_by(EvidenceItem.number))]
    if not evidence_lines:
        evidence_lines = [d.title for d in docs if d.form in RECORD_FORMS and d.status != "void"]
    if not evidence_lines:  # the 笔录 on file are evidence too (行政处罚法第四十六条：勘验笔录、现场笔录)
        evidence_lines = [f"{cn_date(to_local(r.occurred_at))}{_record_kind_label(r.kind)}"
                          for r in s.scalars(select(ProcessRecord).where(ProcessRecord.case_id == case.id)
                                             .order_by(ProcessRecord.occurred_at))]
    evidence = "\n".join(f"{i}. {t}；" for i, t in enumerate(evidence_lines, 1)).rstrip("；")
    if evidence:
        evidence += "。"
    hearing_held = case.hearing_held_on is not None and case.hearing_outcome == "held"
    you = party["you"]
    if hearing_held:
        statement = (f"{you}要求举行听证，本机关于{_d(case.hearing_held_on)}依法举行了听证，"
                     f"充分听取了{you}的陈述、申辩意见。")
    elif case.statement_waived:
        statement = f"{you}书面放弃了陈述、申辩的权利" + ("和要求听证的权利。" if case.hearing_waived else "。")
    else:
        statement = f"{you}在规定期限内未提出陈述、申辩意见" + (
            "，也未要求举行听证。" if case.hearing_rights else "。")
    reasoning = ("上述证据来源合法，内容真实，与本案事实具有关联性，能够相互印证，形成完整的证据链，足以认定"
                 f"{you}的违法事实。")
    reasoning += (f"本机关对{you}在听证中提出的事实、理由和证据进行了复核，认为其不足以推翻上述事实认定。"
                  if hearing_held else f"{you}未提出新的事实、理由和证据。")

    # -- execution
    payment_due = due.get(K.PAYMENT.value)
    surcharge, _until = _surcharge(case, payment_due, today)
    outstanding = (case.fine_fen or 0) - case.paid_fen
    if document is not None and document.form == "reminder" and content.get("outstanding") not in (None, ""):
        outstanding_amount: Any = content["outstanding"]
    else:
        outstanding_amount = Decimal(outstanding) / 100 if case.fine_fen else None
    reminder = latest("reminder")

    # -- preservation and seizure
    items_text = str(content.get("items") or events.data("preserve", "items") or "")
    if not items_text:
        for ev in reversed(events.by_action.get("preserve", [])):
            if ev.data.get("items"):
                items_text = str(ev.data["items"])
                break
    preservation_decision = None
    for ev in events.by_action.get("preserve", []):
        if ev.data.get("decision"):
            preservation_decision = str(ev.data["decision"])
    seizure = s.scalar(select(Approval).where(Approval.case_id == case.id, Approval.what == "seizure",
                                              Approval.outcome == "granted").order_by(Approval.occurred_at.desc())
                       .limit(1))
    seizure_day = local_date(seizure.occurred_at) if seizure is not None else None
    preservation_notice = latest("preservation_notice")

    # -- transfer
    transfer_reason = str(content.get("reason") or events.data("transfer", "reason") or "")
    if not transfer_reason and case.decision_kind == "transfer":
        transfer_reason = case.discretion_explanation or ""

    hearing_notice = latest("hearing_notice")

    # -- hearing host
    host_login = content.get("host") if document is not None and document.form == "hearing_notice" else None
    host = _login_names(s, [str(host_login)])[0] if host_login else name(CaseRole.HEARING_HOST.value)
    if not host:
        approval = s.scalar(select(Approval).where(Approval.case_id == case.id, Approval.what == "hearing_host",
                                                   Approval.outcome == "granted")
                            .order_by(Approval.occurred_at.desc()).limit(1))
        if approval is not None and approval.host_user_id:
            user = s.get(User, approval.host_user_id)
            host = user.name if user is not None else ""

    # -- service (送达回证): the chosen document, else the latest one issued to the party and not yet served
    target = None
    wanted = content.get("for_document")
    if wanted:
        target = next((d for d in docs if d.id == wanted), None)
    if target is None:
        out = [d for d in issued if d.form in SERVED_FORMS]
        unserved = [d for d in out if d.served_on is None]
        target = (unserved or out)[-1] if out else None
    service_row = None
    if target is not None:
        service_row = s.scalar(select(DocumentService).where(DocumentService.document_id == target.id)
                               .order_by(DocumentService.recorded_at.desc()).limit(1))

    # -- closing
    if case.decision_kind == "penalty" and decision_doc is not None:
        result = f"给予{penalty_text or '行政处罚'}的行政处罚（{decision_doc.number or ''}）"
    elif case.decision_kind == "no_penalty":
        result = "不予行政处罚"
    elif case.transfer_to:
        result = f"移送{TRANSFER_LABELS.get(case.transfer_to, '')}处理"
    elif case.state == "withdrawn":
        result = "撤销立案"
    else:
        result = ""
    if case.fine_fen:
        if case.paid_fen >= case.fine_fen:
            execution = f"罚款人民币{money(yuan(case.fine_fen))}元已全部缴纳。"
        else:
            execution = (f"已缴纳罚款人民币{money(yuan(case.paid_fen))}元，"
                         f"尚欠人民币{money(Decimal(outstanding) / 100)}元。")
    elif case.decision_kind == "penalty":
        execution = "处罚决定已送达，执行完毕。" if case.decision_served_on else ""
    else:
        execution = ""

    # -- the case file: documents issued, in order
    index = []
    for n, d in enumerate([d for d in issued], 1):
        day = local_date(d.issued_at) if d.issued_at else None
        index.append({"seq": str(n), "number": d.number or "", "author": gov, "title": d.title,
                      "date": day.strftime("%Y%m%d") if day else "", "page": "", "remarks": ""})

    office = {k: _setting(s, key) for k, key in OFFICE_SETTINGS.items()}
    office["payment_account"] = payment_account(office)
    participants = _login_names(s, list(events.data("discuss", "participants") or []))
    legal_reviewed = case.legal_review_outcome is not None
    doc_number = document.number if document is not None and document.number else ""
    if document is not None and not doc_number and content.get("form_number"):
        doc_number = str(content["form_number"])
    return {
        "township": {
            "name": township.name if township else "", "government_name": gov,
            "team_name": township.team_name if township else "", "county_name": county,
            "review_body": township.review_body if township else "", "court": f"{county}人民法院" if county else "",
            "seal_text": township.seal_text if township else "", **office,
        },
        "doc": {
            "id": document.id if document is not None else "", "title": document.title if document is not None else "",
            "number": doc_number, "date": _d(doc_day), "part": "",
            "is_draft": document is None or document.status == "draft", "is_service_copy": False,
        },
        "case": {
            "id": case.id, "number": case.number or "", "cause": cause_of(item.name),
            "name": f"{party['name']}{cause_of(item.name)}案",
            "source_label": SOURCES.get(case.source, case.source), "facts": case.facts, "findings": case.findings,
            "place": case.place, "act_date": act, "discovered_on": _d(case.discovered_on),
            "registered_on": _d(local_date(case.registered_at)), "filed_on": _d(case.filed_on),
            "concluded_on": _d(events.day("conclude")), "decided_on": _d(decided_on),
            "closed_on": _d(case.closed_on), "archived_on": _d(case.archived_on),
            "close_reason": case.close_reason or "", "state": case.state, "state_label": state_label(case.state),
            "procedure": case.procedure, "procedure_label": "简易程序" if case.procedure == "simple" else "普通程序",
            "retention": RETENTION.get(case.procedure, "永久"), "is_simple": case.procedure == "simple",
            "is_ordinary": case.procedure != "simple",
            "major": bool(item.major or case.complex_case or case.discussion_held_on or case.state == "discussion"),
            "filed": case.filed_on is not None, "review_opinion": str(events.data("review_case", "opinion") or ""),
            "reviewed_on": _d(events.day("review_case")),
            "filing_reason": str(events.data("not_file", "reason") or events.data("file", "reason") or ""),
            "filing_decision": "同意立案。" if case.filed_on else ("不予立案。" if case.state == "not_filed" else ""),
            "withdraw_reason": str(events.data("withdraw", "reason") or ""),
        },
        "party": party,
        "item": {
            "code": item.code, "name": item.name, "category": item.category, "violation_law": item.violation_law,
            "violation_article": item.violation_article, "violation_text": _one_line(item.violation_text),
            "penalty_law": item.penalty_law, "penalty_article": item.penalty_article,
            "penalty_text": _one_line(item.penalty_text), "penalty_summary": _one_line(item.penalty_summary),
            "violation_basis": _basis(item.violation_law, item.violation_article),
            "penalty_basis": _basis(item.penalty_law, item.penalty_article),
        },
        "officers": {
            "handlers": "、".join(f"{names.get(h, '')}（执法证号：{certs.get(h, '')}）" for h in handlers[:2]),
            "handler1": names.get(handlers[0], "") if handlers else "",
            "handler1_cert": certs.get(handlers[0], "") if handlers else "",
            "handler2": names.get(handlers[1], "") if len(handlers) > 1 else "",
            "handler2_cert": certs.get(handlers[1], "") if len(handlers) > 1 else "",
            "reviewer": name(CaseRole.CASE_REVIEWER.value), "legal_reviewer": name(CaseRole.LEGAL_REVIEWER.value),
            "decider": name(CaseRole.DECIDER.value), "hearing_host": host,
            "registered_by": _login_names(s, [case.registered_by])[0] if case.registered_by else "",
        },
        "notice": {
            "number": notice.number or "" if notice is not None else "",
            "date": _d(local_date(notice.issued_at)) if notice is not None and notice.issued_at else "",
            "served_on": _d(case.notice_served_on),
            "penalty": penalty_phrase(notified.get("penalty"), notified.get("amount")),
            "statement_days": str(statement_days(case, settings)), "hearing_days": "5",
            "hearing_rights": bool(content.get("hearing_rights", case.hearing_rights)),
            "statement_due": _d(due.get(K.STATEMENT.value)), "hearing_due": _d(due.get(K.HEARING_REQUEST.value)),
            "statement_waived": case.statement_waived, "hearing_waived": case.hearing_waived,
        },
        "hearing": {
            "requested": case.hearing_requested_on is not None, "requested_on": _d(case.hearing_requested_on),
            "host": host, "held": case.hearing_held_on is not None, "held_on": _d(case.hearing_held_on),
            "outcome_label": HEARING_OUTCOMES.get(case.hearing_outcome or "", ""),
            "notice_number": hearing_notice.number or "" if hearing_notice is not None else "",
        },
        "legal_review": {
            "required": review_required, "required_reason": review_reason or "",
            "done": legal_reviewed, "submitted_on": _d(case.legal_review_submitted_on),
            "reviewed_on": _d(case.legal_reviewed_on),
            "outcome_label": LEGAL_REVIEW_OUTCOMES.get(case.legal_review_outcome or "", ""),
            "opinion": str(events.data("legal_review", "opinion") or "") if legal_reviewed else "",
        },
        "discussion": {
            "held": case.discussion_held_on is not None, "held_on": _d(case.discussion_held_on),
            "participants": "、".join(participants), "conclusion": str(events.data("discuss", "conclusion") or ""),
        },
        "decision": {
            "kind_label": DECISION_KIND_LABELS.get(decision_kind or "", ""),
            "is_penalty": decision_kind == "penalty", "is_no_penalty": decision_kind == "no_penalty",
            "has_fine": has_fine,
            "reasoned": bool(item.major or case.complex_case or review_required),
            "penalty_label": PENALTY_LABELS[PenaltyKind(penalty)]
            if penalty is not None and penalty in PenaltyKind._value2member_map_ else "",
            "penalty_text": penalty_text, "amount": money(amount) if has_fine else "",
            "measure": measure if has_fine else "", "has_measure": bool(measure and has_fine),
            "amount_words": money_words(amount) if has_fine else "",
            "tier_label": TIER_LABELS.get(tier or "", ""),
            "number": (decision_doc.number or "") if decision_doc is not None else "",
            "date": _d(decided_on), "served_on": _d(case.decision_served_on), "payment_days": "15",
            "no_penalty_ground": NO_PENALTY_GROUNDS.get(ground, ("", ""))[0],
            "no_penalty_basis": NO_PENALTY_GROUNDS.get(ground, ("", ""))[1],
            # (the kind is set on the case only after the decision's document is issued: the ground decides)
            "violation_established": ground not in NO_PENALTY_GROUNDS or ground in NO_PENALTY_VIOLATION_ESTABLISHED,
            "explanation": explanation.rstrip("。"),
        },
        "execution": {
            "fine": money(yuan(case.fine_fen)), "paid": money(yuan(case.paid_fen)),
            "outstanding": money(outstanding_amount), "outstanding_words": money_words(outstanding_amount),
            "surcharge": money(surcharge) if surcharge else "0", "payment_due": _d(payment_due),
            "deferred_until": _d(case.deferred_until),
            "reminder_number": (reminder.number or "") if reminder is not None else "",
            "reminder_served_on": _d(case.reminder_served_on), "court_applied_on": _d(case.court_applied_on),
            "unpaid": bool(case.fine_fen and outstanding > 0),
            "enforceable": bool(case.fine_fen and outstanding > 0) or case.court_applied_on is not None,
        },
        "transfer": {
            "to_label": TRANSFER_LABELS.get(case.transfer_to or "", ""),
            "is_judicial": case.transfer_to == "judicial", "is_department": case.transfer_to == "department",
            "reason": _one_line(transfer_reason).rstrip("。"), "date": _d(events.day("transfer")),
            "receiver": str(content.get("receiver") or events.data("transfer", "receiver")
                            or events.data("decide", "receiver") or ""),
        },
        "preservation": {
            "done": case.preserved_on is not None or bool(items_text), "items": items_text,
            "rows": _items_rows(items_text), "preserved_on": _d(case.preserved_on),
            "until": _d(due.get(K.PRESERVATION_DECISION.value)), "handled": case.preservation_handled_on is not None,
            "handled_on": _d(case.preservation_handled_on),
            "decision_label": PRESERVATION_DECISIONS.get(preservation_decision or "", ""),
            "notice_number": (preservation_notice.number or "") if preservation_notice is not None else "",
        },
        "seizure": {
            "approved": seizure is not None, "approved_on": _d(seizure_day),
            "reason": (seizure.reason or "").rstrip("。") if seizure is not None else "",
            "until": _d(seizure.until or (seizure_day + timedelta(days=30) if seizure_day else None))
            if seizure is not None else "",
            "rows": [],
        },
        "service": {
            "doc_title": target.title if target is not None else "",
            "doc_number": (target.number or "") if target is not None else "",
            "recipient": party["name"] if target is not None else "",
            "method_label": SERVICE_METHOD_LABELS.get(service_row.method, "") if service_row is not None else "",
            "method_text": SERVICE_METHOD_LABELS.get(service_row.method, "") if service_row is not None
            else "直接送达 / 留置送达 / 邮寄送达 / 电子送达 / 公告送达（划选）",
            "served_on": _d(service_row.served_on) if service_row is not None else "",
            "place": party["address"], "server": names.get(handlers[0], "") if handlers else "",
        },
        "closing": {"reason": case.close_reason or "", "result": result, "execution": execution},
        "file": {
            "title": f"{party['name']}{cause_of(item.name)}案",
            "decision_number": (decision_doc.number or "") if decision_doc is not None else "",
            "pieces": str(len(index)) if index else "", "pages": "", "archive_no": "", "index": index,
            "bound": False,
        },
        "publicity": {"content": ""},
        "text": {
            "facts": facts_text, "evidence": evidence, "reasons": "", "discretion": discretion,
            "statement": statement, "reasoning": reasoning, "opinion": "", "inspection": "", "interview": "",
            "rectification": "", "hearing": "", "remarks": "", "record": "", "other": "", "time": "", "place": "",
            "persons": "", **_record_texts(s, case, form, content),
        },
    }


__all__ = ["SERVED_FORMS", "build_context", "cause_of", "penalty_phrase"]


def measure_phrase(data: dict[str, Any] | None) -> str:
    """"违法面积 120 平方米" or "建设工程造价 100000 元" from a decision's or notice's stored
    quantity / base value (actions._measure); empty when the fine was a plain amount."""
    if not data:
        return ""
    parts = []
    if data.get("quantity"):
        parts.append(f"违法面积 {Decimal(str(data['quantity'])).normalize():f} 平方米")
    if data.get("base_value"):
        parts.append(f"{data.get('base') or '基数'} {money(data['base_value'])} 元")
    return "、".join(parts)
