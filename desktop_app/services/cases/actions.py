"""Taking a step of the procedure: `perform` gathers the facts, asks the domain's state machine
(desktop_app.domain.procedure), adds the checks that need the store (certificates, the item list,
the discretion benchmark, proofs of service), then writes the change, its event, its audit record and
the recomputed deadlines in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date, to_local
from desktop_app.documents.formatting import cn_date
from desktop_app.domain import instalments
from desktop_app.domain.case_states import STATE_LABELS, CaseState
from desktop_app.domain.discretion import (
    NO_PENALTY_GROUNDS,
    PartyKind,
    PenaltyKind,
    check_discretion,
    check_fine_amount,
    check_penalty_kind,
    fine_measure,
)
from desktop_app.domain.numbering import format_case_number
from desktop_app.domain.procedure import (
    ACTION_LABELS,
    CASE_ROLE_LABELS,
    ActionOptions,
    CaseAction,
    CaseRole,
    evaluate,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.workdays import HolidayCalendar, add_working_days
from desktop_app.evidence.file_store import FileStore
from desktop_app.services import items as items_service
from desktop_app.services import officers as officers_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases import documents as docs
from desktop_app.services.cases.facts import (
    CaseSettings,
    actor_facts,
    calendar_for,
    case_facts,
    compute_deadlines,
    fen,
    find_case,
    handler_certificates,
    last_payment_on,
    last_published_on,
    load_settings,
    store_deadlines,
)
from desktop_app.services.cases.people import normal_login
from desktop_app.services.cases.queries import event_label
from desktop_app.services.context import AppContext, UnitOfWork
from desktop_app.services.errors import InvalidInput, Refused
from desktop_app.store.models import (
    Approval,
    Attachment,
    Case,
    CaseAssignment,
    CaseEvent,
    Document,
    DocumentService,
    EnforcementItem,
    Setting,
    Township,
    User,
)

logger = logging.getLogger(__name__)

SERVICE_METHODS = {"direct": "直接送达", "left": "留置送达", "post": "邮寄送达", "electronic": "电子送达",
                   "public": "公告送达"}
PUBLIC_NOTICE_DAYS = 30  # 民事诉讼法 第九十五条: 公告送达, 自发出公告之日起经过三十日视为送达


@dataclass
class ActionInput:
    """The options of one action as the CLI and the GUI pass them (CLI.md, "Cases")."""

    on: datetime | None = None
    officers: list[str] = field(default_factory=list)  # logins
    note: str = ""
    reason: str = ""
    findings: str = ""
    outcome: str | None = None
    opinion: str = ""
    to: str | None = None
    penalty: str | None = None
    amount: Decimal | None = None
    hearing_rights: bool | None = None
    document: str | None = None
    method: str | None = None
    proof: Path | None = None
    recipient: str = ""
    ground: str | None = None  # decide --kind no_penalty: the ground (discretion.NO_PENALTY_GROUNDS)
    instalments: str = ""  # defer: 分期缴纳计划 "2026-12-31:500，2027-01-31:500" (instead of --until)
    witness: str = ""  # serve, 留置送达: the 基层组织 or work unit's representative present
    consent: Path | None = None  # serve, 电子送达: the party's signed 确认书 (行政处罚法第六十一条第二款)
    receiver: str = ""  # transfer: 接收机关 (the authority the case is transferred to)
    what: str | None = None
    record: Path | None = None
    participants: list[str] = field(default_factory=list)
    views: Path | None = None
    conclusion: str = ""
    kind: str | None = None
    tier: str | None = None
    explanation: str = ""
    form_number: str | None = None
    until: date | None = None
    ruling: str | None = None
    host: str | None = None
    # approve --what hearing_host: when and where the hearing is held (the 听证通知书 names both)
    hearing_time: datetime | None = None
    hearing_place: str = ""
    person: str | None = None
    items: str = ""
    decision: str | None = None
    # decide, notify: the area (平方米) of a fine per 平方米, the base (元) of a fine as a multiple
    quantity: Decimal | None = None
    base_value: Decimal | None = None
    reviewer: str | None = None  # approve --what case_reviewer: the login designated
    channel: str = ""  # publish: where (政府网站、公示栏 …)
    url: str = ""  # publish: the web address, where there is one


@dataclass(frozen=True)
class ActionResult:
    case_id: str
    action: str
    from_state: str
    state: str
    state_label: str
    number: str | None
    document_id: str | None
    document_number: str | None
    warnings: list[str]


def parse_amount(text: str | None, field_name: str = "金额") -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        value = Decimal(str(text).replace(",", "").replace("元", "").strip())
    except InvalidOperation:
        raise InvalidInput(field_name, f"{field_name}应为数字（元），收到“{text}”") from None
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise InvalidInput(field_name, f"{field_name}应为不小于 0、最多两位小数的金额（元）")
    return value


def parse_quantity(value: Decimal | str | int | float | None, field_name: str) -> Decimal | None:
    """A positive number (an area in 平方米, a base value in 元), from the CLI or a dialog's text."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", "").replace("元", "").replace("平方米", "").strip())
    except InvalidOperation:
        raise InvalidInput(field_name, f"{field_name}应为数字，收到“{value}”") from None
    if not number.is_finite() or number <= 0:
        raise InvalidInput(field_name, f"{field_name}应为大于 0 的数字")
    return number


class _Step:
    """One action in progress: the session, the case, the actor, the time, what it produced."""

    def __init__(self, ctx: AppContext, uow: UnitOfWork, case: Case, action: CaseAction, inp: ActionInput,
                 settings: CaseSettings, cal: HolidayCalendar) -> None:
        self.ctx = ctx
        self.cal = cal
        self.uow = uow
        self.session: Session = uow.session
        self.case = case
        self.action = action
        self.inp = inp
        self.settings = settings
        self.at = inp.on or uow.now
        self.day = local_date(self.at)
        self.data: dict[str, Any] = {}
        self.document: Document | None = None
        self.target: CaseState | None = None
        self.warnings: list[str] = []
        self.decision_due: date | None = None  # the decision deadline before this step (extend)

    @property
    def actor(self) -> Actor:
        return self.uow.actor

    def user_id(self, login: str) -> str:
        user = self.session.scalar(select(User).where(User.login == login.strip().lower()))
        if user is None or user.disabled:
            raise InvalidInput("用户", f"用户“{login}”不存在或已停用")
        return user.id

    def assign(self, user_id: str | None, role: str) -> None:
        if user_id is None:
            return
        if any(a.user_id == user_id and a.role_in_case == role for a in self.case.assignments):
            return
        self.case.assignments.append(CaseAssignment(id=self.uow.new_id(), user_id=user_id, role_in_case=role,
                                                    assigned_at=self.uow.now))

    def attach(self, path: Path | None, purpose: str, field_name: str, *, required: bool = True) -> str | None:
        """Keep a file (proof of service, waiver, hearing record …) in the content-addressed store."""
        if path is None:
            if required:
                raise InvalidInput(field_name, f"须提供{field_name}文件")
            return None
        if not path.is_file():
            raise InvalidInput(field_name, f"{field_name}文件不存在：{path}")
        stored = FileStore(self.ctx.data_dir.evidence).add_file(path)
        self.session.add(Attachment(id=self.uow.new_id(), case_id=self.case.id, purpose=purpose,
                                    original_name=path.name, sha256=stored.sha256, size=stored.size,
                                    added_at=self.uow.now, added_by=self.actor.login))
        return stored.sha256

    def issue(self, form: str, **content: object) -> Document:
        doc = docs.issue_document(self.session, self.case, form, at=self.at, by=self.actor.login,
                                  content=content, new_id=self.uow.new_id(),
                                  pdf_dir=self.ctx.data_dir.documents)
        self.document = doc
        return doc

    def use_approval(self, what: str) -> None:
        row = self.session.scalar(select(Approval).where(
            Approval.case_id == self.case.id, Approval.what == what, Approval.outcome == "granted",
            Approval.used.is_(False)).order_by(Approval.occurred_at.desc()).limit(1))
        if row is not None:
            row.used = True
            self.data.setdefault("approval_until", row.until.isoformat() if row.until else None)


def _require_text(value: str, field_name: str) -> str:
    if not value.strip():
        raise InvalidInput(field_name, f"须填写{field_name}")
    return value.strip()


# ------------------------------------------------------------------------------------ effects


def _accept(s: _Step) -> None:
    s.data["reason"] = s.inp.reason


def _reject(s: _Step) -> None:
    s.data["reason"] = _require_text(s.inp.reason, "不予受理的理由")
    s.case.closed_on = s.day


def _file(s: _Step) -> None:
    # 立案 only on the township's confirmed list (文司发〔2024〕4号 第八条): checked against the store,
    # not only the flag in the facts.
    items_service.require_confirmed_item(s.session, s.case.item_code, s.day, s.ctx.is_demo)
    township = s.session.scalar(select(Township).limit(1))
    prefix = township.doc_prefix if township else ""
    pattern_row = s.session.get(Setting, "numbering.case_pattern")
    pattern = str(pattern_row.value) if pattern_row else "{prefix}立字〔{year}〕第{n}号"
    from desktop_app.services.numbering import next_number

    n = next_number(s.session, "case", s.day.year)
    s.case.number = format_case_number(prefix, s.day.year, n, pattern)
    s.case.number_year, s.case.number_seq = s.day.year, n
    s.case.filed_on = s.day
    s.data["number"] = s.case.number
    s.data["reason"] = s.inp.reason


def _not_file(s: _Step) -> None:
    s.data["reason"] = _require_text(s.inp.reason, "不予立案的理由")
    s.case.closed_on = s.day


def _check_officers(s: _Step) -> list[str]:
    ids = [s.user_id(login) for login in s.inp.officers]
    # 行政处罚法 第四十二条: two or more officers holding a certificate valid that day
    officers_service.require_certified(s.session, s.inp.officers, s.day)
    recused = recused_logins(s.session, s.case)
    for login in s.inp.officers:
        if login.strip().lower() in recused:
            raise Refused(f"“{login}”已被批准回避，不能参与本案（行政处罚法第四十三条）",
                          article="行政处罚法第四十三条")
    return ids


def recused_logins(session: Session, case: Case) -> set[str]:
    """Who was withdrawn from the case by an approved recusal (回避, 行政处罚法 第四十三条)."""
    events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.action == "approve"))
    return {str(e.data["person"]) for e in events
            if e.data.get("what") == "recusal" and e.data.get("outcome") == "granted" and e.data.get("person")}


# 办、审、定三分离: who reviewed (审, 法制审核) or decided (定) the case does not become a handler (办)
_NOT_A_HANDLER = (CaseRole.CASE_REVIEWER, CaseRole.LEGAL_REVIEWER, CaseRole.DECIDER)


def _investigate(s: _Step) -> None:
    ids = _check_officers(s)
    for uid, login in zip(ids, s.inp.officers, strict=True):
        held = [role for role in _NOT_A_HANDLER
                if any(a.user_id == uid and a.role_in_case == role.value for a in s.case.assignments)]
        if held:
            raise Refused(f"办、审、定须由不同人员担任：“{login}”是本案{CASE_ROLE_LABELS[held[0]]}，"
                          "不能担任承办人")
    for uid in ids:
        s.assign(uid, CaseRole.HANDLER.value)
    if s.case.state != CaseState.FILED:
        # 补充调查: what was reviewed before must be reviewed again
        s.case.case_review_passed = False
        s.case.legal_review_outcome = None
        s.data["supplementary"] = True
    s.data["officers"] = s.inp.officers


def _conclude(s: _Step) -> None:
    s.case.findings = _require_text(s.inp.findings or s.inp.note, "调查终结报告（调查结论）")
    s.data["findings"] = s.case.findings  # the timeline shows what was concluded (F34)
    s.assign(s.actor.user_id, CaseRole.HANDLER.value)
    _warn_of_lapsed_certificates(s)


def _warn_of_lapsed_certificates(s: _Step) -> None:
    """行政处罚法 第四十二条: a handler whose certificate lapsed mid-case may not act any more. Each
    record already refuses such an officer on its day; the 调查终结 — where the handlers sign the
    report — says so aloud, and whether two certified handlers remain for what is still to be done.
    Refusing here would strand the case: the procedure adds handlers only at 补充调查."""
    left, problems = handler_certificates(s.session, s.case, s.day)  # as the decision's guard counts them
    if not problems:
        return
    lapsed = "；".join(problems)
    tail = (f"本案持有效执法证的承办人员只剩 {left} 名，后续执法活动须由执法队长经“调查取证”（补充调查）"
            "重新指派两名以上持证人员" if left < 2 else "其不得再以执法人员身份参与本案")
    s.warnings.append(f"{lapsed}：{tail}（行政处罚法第四十二条）")


def _review_case(s: _Step) -> None:
    s.data["outcome"] = s.inp.outcome
    s.data["opinion"] = _require_text(s.inp.opinion, "审核意见")
    s.case.case_review_passed = s.inp.outcome == "passed"
    s.assign(s.actor.user_id, CaseRole.CASE_REVIEWER.value)


def _notify(s: _Step) -> None:
    penalty = s.inp.penalty or ""
    if s.inp.hearing_rights is None:
        # 第四十四条、第六十三条: the notice must say whether the party may ask for a hearing; an
        # omitted answer must not pass as "no hearing rights".
        raise InvalidInput("听证权利", "须写明是否告知当事人听证权利（行政处罚法第四十四条、第六十三条）")
    measure = _measure(s, "告知拟罚款时" if penalty == "fine" else None, required=False)
    if penalty:
        _require_lawful_penalty(s, penalty, s.inp.amount, measure)
    # the notice states the period for 陈述申辩: a later change of the setting does not alter it
    s.case.notified_penalty = {"penalty": penalty,
                               "amount": str(s.inp.amount) if s.inp.amount is not None else None,
                               "statement_days": s.settings.statement_days, **measure}
    s.case.hearing_rights = bool(s.inp.hearing_rights)
    # a second notice restarts both windows (procedure.md)
    s.case.notice_served_on = None
    s.case.statement_waived = False
    s.case.hearing_waived = False
    s.data.update({k: v for k, v in s.case.notified_penalty.items() if k in _MEASURE_KEYS})
    s.data.update(penalty=penalty, amount=s.case.notified_penalty["amount"])  # for the timeline
    s.issue("penalty_notice", penalty=penalty, amount=s.case.notified_penalty["amount"],
            hearing_rights=s.case.hearing_rights, statement_days=s.settings.statement_days,
            **{k: v for k, v in s.case.notified_penalty.items() if k in _MEASURE_KEYS})


def _served_on(method: str, day: date) -> date:
    if method == "public":
        return day + timedelta(days=PUBLIC_NOTICE_DAYS)
    return day


def _require_issued_before(doc: Document, day: date, moment: datetime | None = None) -> None:
    """A document served before it existed would end the party's periods before they began: the day,
    and where the time of service is given, the time too (served 10:00, issued 10:30 the same day)."""
    if doc.issued_at is None:
        return
    if day < local_date(doc.issued_at):
        raise Refused(f"送达日期（{day.isoformat()}）不能早于文书签发日期（{local_date(doc.issued_at).isoformat()}）")
    if moment is not None and moment < doc.issued_at:
        raise Refused(f"送达时间（{to_local(moment):%Y-%m-%d %H:%M}）不能早于文书签发时间"
                      f"（{to_local(doc.issued_at):%Y-%m-%d %H:%M}）")


# 民事诉讼法 第八十九条: 留置送达 is witnessed, or the leaving of the document is photographed or filmed
_PHOTO_OR_VIDEO = frozenset({".jpg", ".jpeg", ".png", ".heic", ".webp", ".bmp", ".tif", ".tiff",
                             ".mp4", ".mov", ".avi", ".3gp", ".mkv", ".wmv"})


def _require_method_conditions(s: _Step, method: str) -> str:
    """What each way of service needs besides its proof (law-check.md 7; 民事诉讼法 第八十七条至第九十五条);
    returns the circumstances to keep with the service record."""
    if method == "left":
        reason = _require_text(s.inp.reason, "拒收事由（留置送达须写明当事人拒收的事由，民事诉讼法第八十九条）")
        witness = s.inp.witness.strip()
        if not witness and (s.inp.proof is None or s.inp.proof.suffix.lower() not in _PHOTO_OR_VIDEO):
            raise Refused("留置送达须有见证人（基层组织或者所在单位的代表）到场，或者以拍照、录像等方式记录送达过程："
                          "请填写见证人，或者以照片、录像作为送达凭证（民事诉讼法第八十九条）",
                          article="民事诉讼法第八十九条")
        return f"拒收事由：{reason}" + (f"；见证人：{witness}" if witness else "；以拍照、录像记录送达过程")
    if method == "electronic":
        given = s.attach(s.inp.consent, "service_consent", "电子送达确认书", required=False)
        on_file = s.session.scalar(select(Attachment.id).where(
            Attachment.case_id == s.case.id, Attachment.purpose == "service_consent").limit(1))
        if given is None and on_file is None:
            raise Refused("电子送达须经当事人同意并签订确认书：请附当事人签署的确认书"
                          "（行政处罚法第六十一条第二款）", article="行政处罚法第六十一条第二款")
        return ""
    if method == "public":
        # 第九十五条: only when the party cannot be found or other ways failed, the reasons on file
        reason = _require_text(s.inp.reason, "公告送达的原因（受送达人下落不明或者用其他方式无法送达，民事诉讼法第九十五条）")
        return f"公告原因：{reason}"
    return ""


def _serve(s: _Step) -> None:
    if not s.inp.document:
        raise InvalidInput("--document", "须指明送达的文书（文书编号或文号）")
    doc = docs.find_document(s.session, s.case, s.inp.document)
    if doc.status != "issued":
        raise Refused(f"文书“{doc.title}”尚未签发或已作废，不能送达")
    _require_issued_before(doc, s.day)
    method = s.inp.method or ""
    if method not in SERVICE_METHODS:
        raise InvalidInput("送达方式", "送达方式应为 direct（直接）、left（留置）、post（邮寄）、"
                                       "electronic（电子）或 public（公告）")
    if doc.form == "reminder" and method != "direct":
        # 行政强制法 第三十八条: 催告书 … 应当直接送达当事人
        raise Refused("催告书应当直接送达当事人（行政强制法第三十八条）", article="行政强制法第三十八条")
    circumstances = _require_method_conditions(s, method)
    # No document counts as served without its proof (送达回证, witness record, return slip, consent …)
    proof = s.attach(s.inp.proof, "service_proof", "送达凭证")
    assert proof is not None
    served = _served_on(method, s.day)
    note = "；".join(x for x in (circumstances, s.inp.note.strip()) if x)
    s.session.add(DocumentService(id=s.uow.new_id(), document_id=doc.id, case_id=s.case.id, method=method,
                                  handed_on=s.day, served_on=served, recipient=s.inp.recipient,
                                  proof_name=s.inp.proof.name if s.inp.proof else "", proof_sha256=proof,
                                  note=note, recorded_at=s.uow.now))
    doc.served_on = served
    s.data.update({"document_id": doc.id, "document_number": doc.number, "method": method,
                   "served_on": served.isoformat()})
    if circumstances:
        s.data["reason"] = s.inp.reason.strip()
    if s.inp.witness.strip():
        s.data["witness"] = s.inp.witness.strip()
    if doc.form in docs.DECISION_FORMS:
        s.case.decision_served_on = served
    elif doc.form == "penalty_notice":
        s.case.notice_served_on = served
    elif doc.form == "hearing_notice":
        s.case.hearing_notice_served_on = served
    elif doc.form == "reminder":
        s.case.reminder_served_on = served


def _waive(s: _Step) -> None:
    what = s.inp.what
    s.attach(s.inp.proof, f"waiver_{what}", "当事人书面放弃的凭证")
    if what == "statement":
        s.case.statement_waived = True
    elif what == "hearing":
        s.case.hearing_waived = True
    s.data["what"] = what


def _request_hearing(s: _Step) -> None:
    s.case.hearing_requested_on = s.day


def _hold_hearing(s: _Step) -> None:
    notice = docs.latest_document(s.session, s.case, {"hearing_notice"})
    scheduled = str((notice.content or {}).get("hearing_time") or "") if notice is not None else ""
    if notice is not None and scheduled:
        on = date.fromisoformat(scheduled[:10])
        # 第六十四条: the party was told when; a hearing before that day is held without them
        if s.day < on:
            raise Refused(f"听证通知书 {notice.number or ''} 载明的听证时间为 {scheduled.replace('T', ' ')}，"
                          "不能提前举行听证（行政处罚法第六十四条）", article="行政处罚法第六十四条")
        if s.day > on:
            s.warnings.append(f"听证在通知书载明的 {on.isoformat()} 之后举行，请在听证笔录中写明改期的原因")
    s.attach(s.inp.record, "hearing_record", "听证笔录")
    s.case.hearing_held_on = s.day
    s.case.hearing_outcome = s.inp.outcome
    s.data["outcome"] = s.inp.outcome
    if s.inp.outcome == "absent":
        # 第六十四条: the party absent without reason counts as giving up the hearing
        s.case.hearing_waived = True
    s.assign(s.actor.user_id, CaseRole.HEARING_HOST.value)


def _submit_review(s: _Step) -> None:
    s.case.legal_review_submitted_on = s.day
    s.case.legal_review_outcome = None
    s.case.legal_reviewed_on = None


def _legal_review(s: _Step) -> None:
    s.data["opinion"] = _require_text(s.inp.opinion, "法制审核意见")
    s.data["outcome"] = s.inp.outcome  # the 审核 tab shows each review's result (explore F40)
    s.case.legal_review_outcome = s.inp.outcome
    s.case.legal_reviewed_on = s.day
    s.assign(s.actor.user_id, CaseRole.LEGAL_REVIEWER.value)
    if s.inp.outcome != "passed":
        s.data["to"] = s.inp.to
        if s.inp.to == CaseState.INVESTIGATING.value:
            # 退回补充调查: as after `investigate` from a later step, the new findings are reviewed again
            s.case.case_review_passed = False


# 第六十四条 leaves the choice of host to the authority; someone of the township's enforcement (an
# officer not investigating the case, its legal staff or a leader) — not the county's supervisor,
# the archive clerk or the administrator of the software, who take no part in cases.
HEARING_HOST_ROLES = frozenset({Role.OFFICER.value, Role.TEAM_LEAD.value, Role.LEGAL_REVIEWER.value,
                                Role.LEADER.value})


def _roles_of(s: _Step, user_id: str) -> set[str]:
    user = s.session.get(User, user_id)
    return {r.role for r in user.roles} if user is not None else set()


def _discuss(s: _Step) -> None:
    # 第五十七条第二款: 行政机关的负责人应当集体讨论决定 — more than one 负责人, each of them a leader
    logins = list(dict.fromkeys(normal_login(p) for p in s.inp.participants if p.strip()))
    not_leaders = [p for p in logins if Role.LEADER.value not in _roles_of(s, s.user_id(p))]
    if not_leaders:
        raise Refused(f"参加集体讨论的应为本机关负责人，“{'、'.join(not_leaders)}”不是负责人"
                      "（行政处罚法第五十七条第二款）", article="行政处罚法第五十七条第二款")
    if len(logins) < 2:
        raise Refused("集体讨论须由两名以上负责人参加，一人不成“集体”（行政处罚法第五十七条第二款）",
                      article="行政处罚法第五十七条第二款")
    s.data["conclusion"] = _require_text(s.inp.conclusion, "集体讨论结论")
    s.attach(s.inp.views, "discussion_views", "与会人员意见记录")
    s.data["participants"] = s.inp.participants
    s.case.discussion_held_on = s.day
    s.assign(s.actor.user_id, CaseRole.DECIDER.value)


def _party_kind(case: Case) -> PartyKind:
    if case.parties and case.parties[0].snapshot.get("kind") == "organisation":
        return PartyKind.ORGANISATION
    return PartyKind.PERSON


def _item(s: _Step) -> EnforcementItem:
    item = s.session.get(EnforcementItem, s.case.item_id)
    assert item is not None
    return item


def _require_lawful_penalty(s: _Step, penalty: str, amount: Decimal | None, measure: dict[str, str]) -> None:
    """The kind of penalty is one the item's article provides (行政处罚法第四条) and a fine lies within
    its legal range — for the notice as for the decision: a notice may not announce what no decision
    could impose (第四十四条 tells the party the penalty intended under the law)."""
    if penalty not in _PENALTY_VALUES:
        return  # an unknown or missing kind is the input check's to refuse
    item = _item(s)
    party = _party_kind(s.case)
    basis = f"{item.penalty_law}{item.penalty_article}"
    verdict = check_penalty_kind(penalty, party, fines=item.fines, article_text=item.penalty_text,
                                 sanctions=item.other_sanctions or [], basis=basis or None)
    if not verdict.allowed:
        raise Refused(verdict.reason or "该事项的处罚依据没有规定这种处罚", article=verdict.article)
    s.warnings += [w for w in verdict.warnings if w not in s.warnings]
    if penalty != "fine" or amount is None:
        return
    need = fine_measure(item.fines, party)
    if (need.needs_quantity and "quantity" not in measure) or (need.base_name is not None
                                                               and "base_value" not in measure):
        return  # the notice may leave the area or base to the decision, which checks the range
    base_values = ({measure.get("base", need.base_name or "基数"): Decimal(measure["base_value"])}
                   if "base_value" in measure else None)
    verdict = check_fine_amount(item.fines, party, amount, basis=basis,
                                quantity=Decimal(measure["quantity"]) if "quantity" in measure else None,
                                base_values=base_values)
    if not verdict.allowed:
        raise Refused(verdict.reason or "罚款不在法定幅度内", article=verdict.article)
    s.warnings += [w for w in verdict.warnings if w not in s.warnings]


_MEASURE_KEYS = ("quantity", "base", "base_value")
_PENALTY_VALUES = frozenset(k.value for k in PenaltyKind)


def _measure(s: _Step, what: str | None, *, required: bool = True) -> dict[str, str]:
    """The area and the base value of a fine computed per 平方米 or as a multiple (倍) of a base,
    checked against what the item's fine ranges need; stored with the event and the document.

    ``what`` is None when no fine is at stake: then nothing is required and nothing is kept.
    ``required``: refuse when the item's ranges need a value that is missing (the decision); the
    notice states the intended amount and may leave them to the decision."""
    if what is None:
        return {}
    item = s.session.get(EnforcementItem, s.case.item_id)
    assert item is not None
    need = fine_measure(item.fines, _party_kind(s.case))
    basis = f"（{item.penalty_law}{item.penalty_article}）" if item.penalty_law else ""
    out: dict[str, str] = {}
    if s.inp.quantity is not None:
        out["quantity"] = str(s.inp.quantity)
    elif required and need.needs_quantity:
        raise InvalidInput("--quantity", f"该事项按面积计算罚款，{what}须填写违法面积（平方米）{basis}")
    if s.inp.base_value is not None:
        out["base_value"] = str(s.inp.base_value)
        if need.bases:
            out["base"] = need.bases[0]
    elif required and need.base_name is not None:
        raise InvalidInput("--base-value", f"该事项按{need.base_name}的倍数计算罚款，{what}须填写{need.base_name}"
                                           f"（元）{basis}")
    return out


def _decide(s: _Step) -> None:
    kind = s.inp.kind or "penalty"
    item = s.session.get(EnforcementItem, s.case.item_id)
    assert item is not None
    explanation = s.inp.explanation.strip()
    if kind == "penalty":
        measure = _measure(s, "决定罚款时" if s.inp.penalty == "fine" else None)
        _require_lawful_penalty(s, s.inp.penalty or "", None, measure)
        base_values = ({measure.get("base", "基数"): s.inp.base_value} if s.inp.base_value is not None
                       else None)
        party = _party_kind(s.case)
        tiers = [{"tier": t.tier, "fine_min": t.fine_min, "fine_max": t.fine_max, "party": t.party,
                  "unit": t.unit, "base": t.base, "label": t.tier_label}
                 for t in items_service.benchmark_for(s.session, s.case.item_code, party.value)]
        verdict = check_discretion(
            fines=item.fines, tiers=tiers, party=party, penalty=s.inp.penalty or "", amount=s.inp.amount,
            tier=s.inp.tier, explanation=explanation,
            basis=f"{item.penalty_law}{item.penalty_article}",
            quantity=s.inp.quantity if "quantity" in measure else None, base_values=base_values)
        if not verdict.allowed:
            raise Refused(verdict.reason or "裁量不符合基准", article=verdict.article)
        s.warnings += list(verdict.warnings)
        s.case.penalty_kind = s.inp.penalty
        s.case.fine_fen = fen(s.inp.amount) if s.inp.amount is not None and s.inp.penalty == "fine" else None
        s.case.tier = s.inp.tier
        s.data.update({"kind": kind, "penalty": s.inp.penalty,
                       "amount": str(s.inp.amount) if s.inp.amount is not None else None,
                       "tier": s.inp.tier, **measure})
        s.issue("penalty_decision", penalty=s.inp.penalty, amount=str(s.inp.amount) if s.inp.amount else None,
                tier=s.inp.tier, explanation=explanation, **measure)
    elif kind == "no_penalty":
        # the decision states why (第五十七条第一款第二、三项; 第三十三条; 第三十六条): never a canned reason
        if s.inp.ground not in NO_PENALTY_GROUNDS:
            raise InvalidInput("不予处罚的依据", "须选择不予处罚的依据：" + "、".join(
                f"{code}（{words}）" for code, (words, _) in NO_PENALTY_GROUNDS.items()))
        explanation = _require_text(explanation, "不予处罚的理由（本案的具体情节）")
        s.case.penalty_kind = None
        s.case.fine_fen = None
        s.data.update({"kind": kind, "ground": s.inp.ground})
        s.issue("no_penalty_decision", explanation=explanation, ground=s.inp.ground)
    else:
        _record_transfer(s, _require_text(s.inp.reason or explanation, "移送的理由"), s.inp.to or "department")
        s.use_approval("transfer")
        _issue_transfer_letter(s)
    s.case.decision_kind = kind
    s.case.discretion_explanation = explanation or None
    s.case.decided_on = s.day
    s.assign(s.actor.user_id, CaseRole.DECIDER.value)


def _decide_on_spot(s: _Step) -> None:
    ids = _check_officers(s)
    form_number = (s.inp.form_number or "").strip()
    if not form_number:
        raise InvalidInput("--form-number", "须填写预印当场处罚决定书的编号（行政处罚法第五十二条）")
    used = s.session.scalar(select(Document).where(Document.form == "on_spot_decision",
                                                   Document.number == form_number).limit(1))
    if used is not None:
        # a pre-printed form is one sheet of paper: its number serves once, even when that sheet was voided
        party = s.session.scalar(select(Case.party_names).where(Case.id == used.case_id)) or ""
        raise Refused(f"预印当场处罚决定书编号“{form_number}”已于 {local_date(used.drafted_at).isoformat()} "
                      f"用于{('对' + party + '的') if party else ''}当场处罚决定，一份预印决定书只能使用一次，"
                      "请核对手中决定书的编号（行政处罚法第五十二条）")
    items_service.require_confirmed_item(s.session, s.case.item_code, s.day, s.ctx.is_demo)
    _require_lawful_penalty(s, s.inp.penalty or "", None, {})
    if s.inp.penalty == "fine" and s.inp.amount is not None:
        # 第五十一条 caps the simple procedure; the fine must still lie within the item's legal range
        item = s.session.get(EnforcementItem, s.case.item_id)
        assert item is not None
        verdict = check_fine_amount(item.fines, _party_kind(s.case), s.inp.amount,
                                    basis=f"{item.penalty_law}{item.penalty_article}")
        if not verdict.allowed:
            raise Refused(verdict.reason or "罚款不在法定幅度内", article=verdict.article)
        s.warnings += list(verdict.warnings)
    s.case.procedure = "simple"
    s.case.penalty_kind = s.inp.penalty
    s.case.fine_fen = fen(s.inp.amount) if s.inp.amount is not None and s.inp.penalty == "fine" else None
    s.case.decision_kind = "penalty"
    s.case.decided_on = s.day
    s.case.decision_served_on = s.day  # handed over on the spot (第五十二条)
    for uid in ids:
        s.assign(uid, CaseRole.HANDLER.value)
        s.assign(uid, CaseRole.DECIDER.value)
    doc = docs.issue_document(s.session, s.case, "on_spot_decision", at=s.at, by=s.actor.login,
                              number=form_number,
                              content={"penalty": s.inp.penalty,
                                       "amount": str(s.inp.amount) if s.inp.amount else None},
                              new_id=s.uow.new_id(), pdf_dir=s.ctx.data_dir.documents)
    doc.served_on = s.day
    s.document = doc


def _pay(s: _Step) -> None:
    if s.inp.amount is None or s.inp.amount <= 0:
        raise InvalidInput("--amount", "须填写本次缴纳的金额（元）")
    paid = s.case.paid_fen + fen(s.inp.amount)
    if paid > (s.case.fine_fen or 0):
        raise Refused(f"缴纳金额超过尚欠罚款：尚欠 {((s.case.fine_fen or 0) - s.case.paid_fen) / 100:.2f} 元")
    s.case.paid_fen = paid
    s.data["amount"] = str(s.inp.amount)


def _within_approval(s: _Step, until: date, what: str, article: str) -> None:
    """The date taken stays within the period the leader approved (use_approval kept it)."""
    approved = s.data.get("approval_until")
    if approved and until > date.fromisoformat(str(approved)):
        raise Refused(f"{what} {until.isoformat()} 超出负责人批准的期限 {approved}（{article}）", article=article)


def _defer(s: _Step) -> None:
    """行政处罚法 第六十六条第二款: 暂缓 (one later date) or 分期 (a plan adding up to what is owed),
    on the party's application and with the approval; the court enforcement then counts from its end
    (第七十二条第二款 via facts)."""
    owed = (s.case.fine_fen or 0) - s.case.paid_fen
    if s.inp.instalments.strip():
        if s.inp.until is not None:
            raise InvalidInput("--until", "暂缓缴纳（--until）与分期缴纳（--instalments）只能选一种")
        try:
            plan = instalments.parse_plan(s.inp.instalments)
            instalments.check_plan(plan, owed, s.day)
        except instalments.PlanError as exc:
            raise InvalidInput("分期计划", str(exc)) from None
        s.case.instalments = instalments.to_record(plan, s.case.paid_fen)
        until = plan[-1].due
        s.data["instalments"] = s.case.instalments["plan"]
    else:
        if s.inp.until is None:
            raise InvalidInput("--until", "须填写暂缓缴纳的截止日期（--until），或者分期缴纳计划（--instalments）")
        if s.inp.until < s.day:
            raise InvalidInput("--until", f"暂缓缴纳的截止日期 {s.inp.until.isoformat()} 早于办理的日期")
        s.case.instalments = None  # a new deferral replaces an earlier plan
        until = s.inp.until
    s.case.deferred_until = until
    s.data["until"] = until.isoformat()
    s.use_approval("deferral")
    _within_approval(s, until, "缴纳期限", "行政处罚法第六十六条第二款")


def _remind(s: _Step) -> None:
    # 行政强制法 第三十五条: the 催告书 states the obligation, the time limit and the party's rights
    s.issue("reminder", outstanding=str(Decimal((s.case.fine_fen or 0) - s.case.paid_fen) / 100))


def _apply_court(s: _Step) -> None:
    s.case.court_applied_on = s.day
    s.case.court_ruling = s.inp.ruling
    s.use_approval("court_enforcement")
    s.issue("court_application")


def _appeal(s: _Step) -> None:
    s.case.appeal_kind = s.inp.kind
    s.case.appeal_outcome = s.inp.outcome
    if s.inp.outcome == "revoked":
        s.case.closed_on = s.day
        s.case.close_reason = "原处罚决定被撤销"
    if s.inp.outcome == "redo":
        s.case.decided_on = None
        s.case.decision_served_on = None
        s.case.decision_kind = None
        # the revoked decision's penalty goes with it; a new one is decided after the new procedure
        s.case.penalty_kind = None
        s.case.fine_fen = None
        s.case.tier = None
        s.case.discretion_explanation = None
        s.case.case_review_passed = False
        s.case.legal_review_outcome = None


def _close(s: _Step) -> None:
    s.case.closed_on = s.day
    if s.inp.outcome == "terminated":
        # 行政强制法 第四十条 lists when execution ends unfinished; the file must say which applies
        reason = _require_text(s.inp.reason or "", "终结执行的理由（行政强制法第四十条所列情形）")
        owed = (s.case.fine_fen or 0) - s.case.paid_fen
        if owed > 0:
            s.data["owed"] = str(Decimal(owed) / 100)
    else:
        reason = s.inp.reason
    s.data["outcome"] = s.inp.outcome or "completed"
    s.case.close_reason = reason
    s.data["reason"] = reason
    s.use_approval("close")


def _withdraw(s: _Step) -> None:
    s.data["reason"] = _require_text(s.inp.reason, "撤销立案的理由")
    s.case.closed_on = s.day
    s.use_approval("withdraw")


def _suspend(s: _Step) -> None:
    s.data["reason"] = _require_text(s.inp.reason, "中止的理由")
    s.case.state_before_suspension = s.case.state
    s.use_approval("suspend")


def _resume(s: _Step) -> None:
    s.data["reason"] = s.inp.reason
    s.case.state_before_suspension = None


def _transfer(s: _Step) -> None:
    _record_transfer(s, _require_text(s.inp.reason, "移送的理由"), s.inp.to or "department")
    if s.inp.to == "judicial":
        s.use_approval("transfer")
    _issue_transfer_letter(s)


def _record_transfer(s: _Step, reason: str, to: str) -> None:
    """Where the case goes and why, the same from `transfer` and from `decide --kind transfer`. The
    receiving authority (接收机关) heads the 移送书; when it is not given the line stays blank for the
    officer to write in, and the step says so."""
    receiver = " ".join((s.inp.receiver or "").split())
    s.data.update(reason=reason, to=to, receiver=receiver)
    s.case.transfer_to = to
    s.case.transfer_state = "pending"
    if s.case.state not in (CaseState.DECIDED, CaseState.SERVED, CaseState.EXECUTING):
        s.case.state_before_transfer = s.case.state
    if not receiver:
        s.warnings.append("未填写接收机关：移送书的主送机关留空，请手写或更正文书后重新签发")


def _issue_transfer_letter(s: _Step) -> None:
    # 行政处罚法第二十七条 / 《行政执法机关移送涉嫌犯罪案件的规定》: a suspected crime goes with the
    # 涉嫌犯罪案件移送书; a matter of another authority's competence with the 案件移送书
    form = "criminal_transfer_letter" if s.case.transfer_to == "judicial" else "transfer_letter"
    s.issue(form, reason=s.data["reason"], receiver=s.data["receiver"])


def _return(s: _Step) -> None:
    s.case.transfer_state = "returned"
    s.data["outcome"] = s.inp.outcome
    if s.inp.outcome == "criminal_fine":
        # 行政处罚法 第三十五条第二款: where the court imposed 罚金, no fine may follow
        s.case.criminal_fine = True


def _approve(s: _Step) -> None:
    what = s.inp.what or ""
    outcome = s.inp.outcome or ""
    if outcome not in ("granted", "refused"):
        raise InvalidInput("--outcome", "审批结果应为 granted（同意）或 refused（不同意）")
    host_id = s.user_id(s.inp.host) if s.inp.host else None
    if what == "hearing_host" and outcome == "granted":
        if host_id is None:
            raise InvalidInput("--host", "须指定听证主持人")
        if not _roles_of(s, host_id) & HEARING_HOST_ROLES:
            raise Refused(f"“{s.inp.host}”不能主持听证：听证主持人应为本机关非本案调查人员的执法人员、"
                          "法制审核人员或负责人（行政处罚法第六十四条）", article="行政处罚法第六十四条")
    if what == "recusal" and outcome == "granted":
        if not s.inp.person:
            raise InvalidInput("--person", "须指定回避的人员")
        # 行政处罚法 第四十三条: the officer withdrawn from the case takes no further part in it
        person = s.user_id(s.inp.person)
        for a in list(s.case.assignments):
            if a.user_id == person:
                s.case.assignments.remove(a)
        s.data["person"] = s.inp.person
    if what == "case_reviewer":
        if not s.inp.reviewer and outcome == "granted":
            raise InvalidInput("--reviewer", "须指定案件审核人")
        if s.inp.reviewer:
            s.user_id(s.inp.reviewer)  # an existing, enabled user
            # the designation is read back from this event (facts.designated_case_reviewer)
            s.data["reviewer"] = s.inp.reviewer.strip().lower()
        _designate_reviewer(s, s.data.get("reviewer") if outcome == "granted" else None)
    s.session.add(Approval(id=s.uow.new_id(), case_id=s.case.id, what=what, outcome=outcome,
                           reason=s.inp.reason, until=s.inp.until, host_user_id=host_id,
                           approver=s.actor.login, occurred_at=s.at))
    s.data.update({"what": what, "outcome": outcome, "reason": s.inp.reason})
    if what == "hearing_host" and outcome == "granted":
        # 第六十四条: the party is notified of the time and place 7 days before the hearing
        s.issue("hearing_notice", host=s.inp.host, **_schedule_hearing(s))


def hearing_too_soon(day: date, earliest: date) -> str:
    return (f"听证时间 {day.isoformat()} 过早：听证通知书应在举行听证的七日（工作日）前送达当事人，"
            f"今天指定的，听证最早定于 {earliest.isoformat()}（行政处罚法第六十四条、第八十五条）")


def _earliest_hearing(cal: HolidayCalendar, designated_on: date) -> date:
    # 第六十四条: notified 7 days before; 第八十五条: working days
    return add_working_days(cal, designated_on, 7).due


def earliest_hearing_day(ctx: AppContext, designated_on: date) -> date:
    """The first day a hearing named on `designated_on` may be held: the 7th working day after it (行政
    处罚法第六十四条、第八十五条) — what the dialog checks before asking to issue the notice."""
    with ctx.read() as session:
        return _earliest_hearing(calendar_for(session), designated_on)


def check_date_order(ctx: AppContext, case_ref: str, action: str, inp: ActionInput) -> None:
    """Refuse, as perform() would, an action dated before the step it depends on or the case's latest
    event — what a dialog checks before asking to confirm an irreversible step (exploratory: the leader
    confirmed a decision, then heard its date was wrong)."""
    with ctx.read() as session:
        case = find_case(session, case_ref)
        _require_date_order(session, case, CaseAction(action), local_date(inp.on or ctx.clock.now()), inp)


def _schedule_hearing(s: _Step) -> dict[str, object]:
    """The time and place the 听证通知书 names (行政处罚法第六十四条): the hearing no earlier than the 7th
    working day (第八十五条) after today, since the notice is served 7 days before it at the soonest. A
    new designation replaces the notice not yet held: the earlier one is voided (its number kept) and
    has to be served again in its new form."""
    when = s.inp.hearing_time
    if when is None:
        raise InvalidInput("--hearing-time", "须填写听证时间（听证通知书应载明听证的时间、地点，行政处罚法第六十四条）")
    place = s.inp.hearing_place.strip()
    if not place:
        raise InvalidInput("--hearing-place", "须填写听证地点（听证通知书应载明听证的时间、地点，行政处罚法第六十四条）")
    local = to_local(when)
    earliest = _earliest_hearing(s.cal, s.day)
    if local.date() < earliest:
        raise Refused(hearing_too_soon(local.date(), earliest), article="行政处罚法第六十四条")
    earlier = s.session.scalars(select(Document).where(
        Document.case_id == s.case.id, Document.form == "hearing_notice", Document.status == "issued")).all()
    for doc in earlier:
        if doc.issued_at is not None and s.at < doc.issued_at:
            raise Refused(f"重新指定的时间（{to_local(s.at):%Y-%m-%d %H:%M}）早于它所取代的听证通知书 {doc.number or ''}"
                          f"的签发时间（{to_local(doc.issued_at):%Y-%m-%d %H:%M}）；办案环节须按发生的先后顺序登记")
        docs.void_issued(s.uow, doc, "重新指定听证主持人或变更听证时间、地点，以新的听证通知书为准",
                         occurred_at=s.at)
    if earlier:
        s.case.hearing_notice_served_on = None  # the new notice is the one to serve
        s.warnings.append(f"原听证通知书 {'、'.join(d.number or d.title for d in earlier)} 已作废，"
                          "请送达新的听证通知书")
    scheduled = {"hearing_time": local.isoformat(timespec="minutes"), "hearing_place": place}
    s.data.update(scheduled)
    return {**scheduled,
            "edits": {"text.time": f"{cn_date(local)}{local.hour}时{local.minute:02d}分", "text.place": place}}


def _designate_reviewer(s: _Step, login: str | None) -> None:
    """Record who is designated 案件审核人 as an assignment of its own role (DESIGNATED_REVIEWER), so
    that an officer designated sees the case (services.cases.queries.visible_cases reads assignments);
    the latest designation replaces an earlier one, a refusal takes it back. Not one of the separated
    roles: 三分离 reads the designation from the approve event (facts.designated_case_reviewer) and
    the roles held from the other assignments."""
    from desktop_app.store.models.cases import DESIGNATED_REVIEWER  # local: keeps the import block untouched

    user_id = s.user_id(login) if login else None
    before = sorted(a.user_id for a in s.case.assignments if a.role_in_case == DESIGNATED_REVIEWER)
    # the same person designated again keeps their row (a delete and an insert of the same key in one
    # flush would collide on the unique constraint)
    for a in [a for a in s.case.assignments if a.role_in_case == DESIGNATED_REVIEWER and a.user_id != user_id]:
        s.case.assignments.remove(a)
    s.assign(user_id, DESIGNATED_REVIEWER)
    after = [user_id] if user_id else []
    if before != after:
        s.uow.audit("case.designate_reviewer", "case_assignment", s.case.id, case_id=s.case.id, occurred_at=s.at,
                    summary=f"指定案件审核人：{login}" if login else "撤回案件审核人的指定",
                    before={"user_ids": before}, after={"user_ids": after, "login": login})


def _preserve(s: _Step) -> None:
    if s.inp.decision:
        s.case.preservation_handled_on = s.day
        s.data["decision"] = s.inp.decision
    else:
        s.data["items"] = _require_text(s.inp.items, "先行登记保存的物品清单")
        s.case.preserved_on = s.day
        s.case.preservation_handled_on = None
        s.use_approval("preservation")
        s.issue("preservation_notice", items=s.data["items"])


def _extend(s: _Step) -> None:
    if s.inp.until is None:
        raise InvalidInput("--until", "须填写延长后的期限")
    s.data["reason"] = _require_text(s.inp.reason, "延长的理由")
    if s.decision_due is not None and s.inp.until <= s.decision_due:
        raise InvalidInput("--until", f"延长后的期限 {s.inp.until.isoformat()} 应晚于现在的办案期限 "
                                      f"{s.decision_due.isoformat()}")
    s.data["rule"] = s.settings.procedure.decision_extension_rule
    s.case.extended_until = s.inp.until
    s.use_approval("extension")
    # 第六十条: the leader approves the new date, not an extension of any length
    _within_approval(s, s.inp.until, "延长后的期限", "行政处罚法第六十条")


def _publish(s: _Step) -> None:
    # 行政处罚法 第四十八条: where and when the decision was made public; meets the publicity deadline
    s.data["channel"] = _require_text(s.inp.channel, "公示渠道（如政府网站、公示栏）")
    s.data["url"] = s.inp.url.strip()
    s.data["published_on"] = s.day.isoformat()
    if s.case.decided_on is not None:
        s.data["decided_on"] = s.case.decided_on.isoformat()


def _archive(s: _Step) -> None:
    # Until binding exists (archive issue), archiving changes the state only.
    s.case.archived_on = s.day


EFFECTS: dict[CaseAction, Callable[[_Step], None]] = {
    CaseAction.ACCEPT: _accept, CaseAction.REJECT: _reject, CaseAction.FILE: _file,
    CaseAction.NOT_FILE: _not_file, CaseAction.INVESTIGATE: _investigate, CaseAction.CONCLUDE: _conclude,
    CaseAction.REVIEW_CASE: _review_case, CaseAction.NOTIFY: _notify, CaseAction.SERVE: _serve,
    CaseAction.WAIVE: _waive, CaseAction.REQUEST_HEARING: _request_hearing,
    CaseAction.HOLD_HEARING: _hold_hearing, CaseAction.SUBMIT_REVIEW: _submit_review,
    CaseAction.LEGAL_REVIEW: _legal_review, CaseAction.DISCUSS: _discuss, CaseAction.DECIDE: _decide,
    CaseAction.DECIDE_ON_SPOT: _decide_on_spot, CaseAction.PAY: _pay, CaseAction.DEFER: _defer,
    CaseAction.REMIND: _remind, CaseAction.APPLY_COURT: _apply_court, CaseAction.APPEAL: _appeal,
    CaseAction.CLOSE: _close, CaseAction.WITHDRAW: _withdraw, CaseAction.SUSPEND: _suspend,
    CaseAction.RESUME: _resume, CaseAction.TRANSFER: _transfer, CaseAction.RETURN: _return,
    CaseAction.APPROVE: _approve, CaseAction.PRESERVE: _preserve, CaseAction.EXTEND: _extend,
    CaseAction.ARCHIVE: _archive, CaseAction.PUBLISH: _publish,
}


def _options(s: _Step) -> ActionOptions:
    inp = s.inp
    document_kind = None
    if s.action is CaseAction.SERVE and inp.document:
        doc = docs.find_document(s.session, s.case, inp.document)
        document_kind = "decision" if doc.form in docs.DECISION_FORMS else "other"
    # 结案 is 执行完毕 unless 终结执行 is chosen: ending an execution unfinished is never a default
    outcome = (inp.outcome or "completed") if s.action is CaseAction.CLOSE else inp.outcome
    return ActionOptions(
        outcome=outcome,
        to=inp.to,
        what=inp.what,
        document=document_kind,
        kind=inp.kind or ("penalty" if s.action is CaseAction.DECIDE else None),
        penalty=inp.penalty,
        amount=inp.amount,
        hearing_rights=inp.hearing_rights,
        officers=tuple(s.user_id(o) for o in inp.officers),
        participants=tuple(s.user_id(p) for p in inp.participants),
        host=s.user_id(inp.host) if inp.host else None,
        reviewer=s.user_id(inp.reviewer) if inp.reviewer else None,
        decision=inp.decision,
    )


# The step an action presupposes, by the date it took effect (the case column and how it reads): an
# action dated before it would end or start periods before their cause existed.
_DEPENDS_ON: dict[CaseAction, tuple[str, str]] = {
    CaseAction.WAIVE: ("notice_served_on", "行政处罚事先告知书送达"),
    CaseAction.REQUEST_HEARING: ("notice_served_on", "行政处罚事先告知书送达"),
    CaseAction.SUBMIT_REVIEW: ("notice_served_on", "行政处罚事先告知书送达"),
    CaseAction.DISCUSS: ("notice_served_on", "行政处罚事先告知书送达"),
    CaseAction.DECIDE: ("notice_served_on", "行政处罚事先告知书送达"),
    CaseAction.HOLD_HEARING: ("hearing_notice_served_on", "听证通知书送达"),
    CaseAction.PAY: ("decided_on", "作出处罚决定"),
    CaseAction.DEFER: ("decided_on", "作出处罚决定"),
    CaseAction.REMIND: ("decision_served_on", "处罚决定书送达"),
    CaseAction.APPLY_COURT: ("reminder_served_on", "催告书送达"),
    CaseAction.APPEAL: ("decision_served_on", "处罚决定书送达"),
    CaseAction.PUBLISH: ("decided_on", "作出处罚决定"),
}


def _require_date_order(session: Session, case: Case, act: CaseAction, day: date, inp: ActionInput) -> None:
    """Events are entered in the order they happened: an action dated before the step it depends on,
    or before the case's latest recorded event, is refused, naming both dates. Entering paper work
    later (an earlier --on than today) stays possible as long as the order holds."""
    if act is CaseAction.SERVE and inp.document:
        _require_issued_before(docs.find_document(session, case, inp.document), day, inp.on)
    depends = _DEPENDS_ON.get(act)
    if depends is not None:
        column, label = depends
        since = getattr(case, column)
        if since is not None and day < since:
            raise Refused(f"{ACTION_LABELS[act]}的日期 {day.isoformat()} 早于{label}的日期（{since.isoformat()}）")
    _require_after_latest_event(session, case, day)


def _require_after_latest_event(session: Session, case: Case, day: date) -> None:
    latest = session.execute(select(CaseEvent.occurred_at, CaseEvent.action)
                             .where(CaseEvent.case_id == case.id)
                             .order_by(CaseEvent.occurred_at.desc()).limit(1)).first()
    if latest is not None and day < local_date(latest[0]):
        raise Refused(f"发生日期 {day.isoformat()} 早于本案最近一次登记的“{event_label(latest[1])}”"
                      f"（{local_date(latest[0]).isoformat()}）；办案环节须按发生的先后顺序登记")


def perform(ctx: AppContext, actor: Actor, case_ref: str, action: str, inp: ActionInput | None = None,
            *, ids: Callable[[], str] | None = None) -> ActionResult:
    """Take one step of the procedure on a case, or refuse it with the rule that forbids it."""
    try:
        act = CaseAction(action)
    except ValueError:
        raise InvalidInput("操作", f"未知的案件操作“{action}”") from None
    inp = inp or ActionInput()
    now = ctx.clock.now()
    if inp.on is not None and inp.on > now + timedelta(minutes=1):
        raise InvalidInput("--on", "发生时间不能晚于现在")
    if actor.is_anonymous:
        raise Refused(f"{ACTION_LABELS[act]}须指定操作用户（--as 登录名）")
    with ctx.write(actor, ids=ids) as uow:
        case = find_case(uow.session, case_ref)
        settings = load_settings(uow.session)
        cal = calendar_for(uow.session)
        step = _Step(ctx, uow, case, act, inp, settings, cal)
        if actor.login in recused_logins(uow.session, case):
            raise Refused("您已被批准回避，不能再办理本案（行政处罚法第四十三条）", article="行政处罚法第四十三条")
        inp.quantity = parse_quantity(inp.quantity, "面积（平方米）")
        inp.base_value = parse_quantity(inp.base_value, "基数（元）")
        _require_date_order(uow.session, case, act, step.day, inp)
        facts = case_facts(uow.session, case, settings, cal, demo=ctx.is_demo, on=step.day)
        verdict = evaluate(act, facts, actor_facts(uow.session, actor), step.day, options=_options(step),
                           settings=settings.procedure)
        if not verdict.allowed:
            raise Refused(verdict.reason or "不允许此操作", article=verdict.article)
        step.warnings += list(verdict.warnings)
        step.decision_due = facts.decision_due
        before = case.state
        EFFECTS[act](step)
        target = verdict.target
        if target is None:
            target = CaseState(before)
        case.state = target.value
        case.updated_at = uow.now
        event = CaseEvent(id=uow.new_id(), case_id=case.id, action=act.value, from_state=before,
                          to_state=case.state, occurred_at=step.at, recorded_at=uow.now, actor=actor.login,
                          via=actor.via, officers=list(inp.officers),
                          data={k: v for k, v in step.data.items() if v not in (None, "", [])},
                          note=inp.note)
        uow.session.add(event)
        uow.session.flush()
        store_deadlines(uow.session, case,
                        compute_deadlines(case, settings, cal, last_payment_on(uow.session, case),
                                          last_published_on(uow.session, case)))
        summary = f"{ACTION_LABELS[act]}：{STATE_LABELS[CaseState(before)]} → {STATE_LABELS[target]}"
        uow.audit(f"case.{act.value}", "case", case.id, case_id=case.id, occurred_at=step.at, summary=summary,
                  before={"state": before}, after={"state": case.state, **event.data,
                                                   "document": step.document.number if step.document else None})
        return ActionResult(case.id, act.value, before, case.state, STATE_LABELS[target], case.number,
                            step.document.id if step.document else None,
                            step.document.number if step.document else None, step.warnings)


def confirm_transfer_receipt(ctx: AppContext, actor: Actor, case_ref: str, on: datetime | None = None,
                             note: str = "") -> None:
    """The receiving department's or organ's receipt (回执) of a transferred case, which lets the
    leader close it (procedure.md: transferred (receipt confirmed) → closed)."""
    from desktop_app.domain.roles import Role

    actor.require([Role.OFFICER, Role.TEAM_LEAD, Role.LEADER], "登记移送回执")
    with ctx.write(actor) as uow:
        case = find_case(uow.session, case_ref)
        if case.state != CaseState.TRANSFERRED or case.transfer_state != "pending":
            raise Refused("只有已移送、尚未收到回执的案件才能登记移送回执")
        if on is not None and on > uow.now + timedelta(minutes=1):
            raise InvalidInput("--on", "发生时间不能晚于现在")
        at = on or uow.now
        _require_after_latest_event(uow.session, case, local_date(at))
        case.transfer_state = "received"
        case.updated_at = uow.now
        uow.session.add(CaseEvent(id=uow.new_id(), case_id=case.id, action="receipt", from_state=case.state,
                                  to_state=case.state, occurred_at=at, recorded_at=uow.now, actor=actor.login,
                                  via=actor.via, officers=[], data={}, note=note))
        uow.audit("case.receipt", "case", case.id, case_id=case.id, occurred_at=at, summary="登记移送回执")

