"""Full-process records (全过程记录): inspection (现场检查（勘验）笔录) and interview (询问（调查）笔录)
records entered in structured form; the 笔录 documents are rendered from them.

Rules (行政处罚法): at least two officers, each holding a 执法证 valid on the day (第四十二条), their
certificate numbers kept as they stood then; inspections and interviews produce a 笔录 and the officers
show their certificates (第五十五条); the whole process is recorded and archived (第四十七条). A person who
refuses to sign, or cannot, is noted with the circumstances."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.clock import SHANGHAI, local_date
from desktop_app.domain.evidence import (
    RECORD_KIND_LABELS,
    SIGNATURE_LABELS,
    RecordKind,
    SignatureStatus,
    parse_record_kind,
    parse_signature,
)
from desktop_app.services import officers as officers_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.facts import find_case
from desktop_app.services.context import AppContext
from desktop_app.services.errors import InvalidInput, Refused
from desktop_app.services.evidence import check_visible, require_case_officer, require_case_open
from desktop_app.store.models import EvidenceItem, ProcessRecord

logger = logging.getLogger(__name__)

PENALTY_ART42 = "行政处罚法第四十二条"
RECORD_ART55 = "行政处罚法第五十五条"
MAX_QUESTIONS = 500


@dataclass
class RecordInput:
    kind: str
    on: datetime | None
    officers: list[str]  # logins (or certificate numbers)
    place: str
    ended_at: datetime | None = None
    persons_present: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, str]] = field(default_factory=list)  # [{"q": 问, "a": 答}]
    text: str = ""  # 检查（勘验）情况 / free text
    signature: str = "signed"
    signature_note: str = ""
    certificates_shown: bool = True
    extra: dict[str, Any] = field(default_factory=dict)  # other fields the 笔录 forms may print (案由 …)


@dataclass(frozen=True)
class RecordOfficer:
    login: str | None
    name: str
    certificate_number: str | None


@dataclass(frozen=True)
class RecordInfo:
    id: str
    case_id: str
    kind: str
    kind_label: str
    occurred_at: datetime
    ended_at: datetime | None
    place: str
    officers: list[RecordOfficer]
    persons_present: list[dict[str, Any]]
    questions: list[dict[str, str]]
    text: str
    certificates_shown: bool
    signature: str
    signature_label: str
    signature_note: str
    extra: dict[str, Any]
    recorded_by: str
    recorded_at: datetime
    evidence: list[dict[str, Any]]


# ---------------------------------------------------------------------------------------------------
# The JSON of `record add --file`


_KNOWN_KEYS = {"persons_present", "questions", "text", "content", "findings", "signature", "signature_note",
               "ended_at", "certificates_shown"}


def _parse_time(value: Any, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).strip().replace(" ", "T", 1))
    except ValueError:
        raise InvalidInput(name, f"{name}格式应为 YYYY-MM-DDTHH:MM，收到“{value}”") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


def record_input_from_json(data: Any, *, kind: str, on: datetime | None, officers: list[str],
                           place: str) -> RecordInput:
    """The content of a 笔录 from its JSON document (CLI.md: questions and answers, persons present …):

        {"persons_present": [{"name": "王某某", "role": "被询问人", "id_number": "…"}],
         "questions": [{"q": "…", "a": "…"}],  "text": "现场检查情况…",
         "signature": "signed|refused|unable", "signature_note": "…",
         "ended_at": "2026-09-01T10:30", "certificates_shown": true}

    Other keys are kept as they are for the 笔录 forms (案由, 记录人 …)."""
    if not isinstance(data, Mapping):
        raise InvalidInput("笔录文件", "笔录文件应为一个 JSON 对象（{…}）")
    persons = data.get("persons_present", [])
    if not isinstance(persons, list) or not all(isinstance(p, Mapping) for p in persons):
        raise InvalidInput("笔录文件", "persons_present（在场人员）应为对象的列表，如 [{\"name\": \"王某某\", \"role\": \"当事人\"}]")
    questions_raw = data.get("questions", [])
    if not isinstance(questions_raw, list):
        raise InvalidInput("笔录文件", "questions（问答）应为列表，如 [{\"q\": \"问\", \"a\": \"答\"}]")
    questions: list[dict[str, str]] = []
    for i, entry in enumerate(questions_raw, start=1):
        if not isinstance(entry, Mapping):
            raise InvalidInput("笔录文件", f"questions 第 {i} 项应为对象 {{\"q\": …, \"a\": …}}")
        q = entry.get("q", entry.get("question", entry.get("问")))
        a = entry.get("a", entry.get("answer", entry.get("答")))
        if not isinstance(q, str) or not q.strip():
            raise InvalidInput("笔录文件", f"questions 第 {i} 项缺少“问”（q）")
        if not isinstance(a, str):
            raise InvalidInput("笔录文件", f"questions 第 {i} 项缺少“答”（a）；未回答的写空字符串并在答中注明")
        questions.append({"q": q.strip(), "a": a.strip()})
    text = data.get("text", data.get("content", data.get("findings", "")))
    if not isinstance(text, str):
        raise InvalidInput("笔录文件", "text（检查情况）应为文字")
    shown = data.get("certificates_shown", True)
    if not isinstance(shown, bool):
        raise InvalidInput("笔录文件", "certificates_shown（是否出示执法证件）应为 true 或 false")
    ended = data.get("ended_at")
    return RecordInput(
        kind=kind, on=on, officers=officers, place=place,
        ended_at=_parse_time(ended, "结束时间") if ended else None,
        persons_present=[dict(p) for p in persons], questions=questions, text=text.strip(),
        signature=str(data.get("signature", "signed")), signature_note=str(data.get("signature_note", "")).strip(),
        certificates_shown=shown, extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS})


# ---------------------------------------------------------------------------------------------------
# Writing and reading


def _validate(inp: RecordInput, now: datetime) -> tuple[RecordKind, SignatureStatus, datetime]:
    try:
        kind = parse_record_kind(inp.kind)
    except ValueError as exc:
        raise InvalidInput("笔录种类", str(exc)) from None
    try:
        signature = parse_signature(inp.signature)
    except ValueError as exc:
        raise InvalidInput("签名情况", str(exc)) from None
    on = inp.on or now
    if on > now:
        raise InvalidInput("时间", "笔录时间不能晚于现在")
    if inp.ended_at is not None and inp.ended_at < on:
        raise InvalidInput("结束时间", "结束时间不能早于开始时间")
    if not inp.place.strip():
        raise InvalidInput("地点", "须填写检查或询问的地点")
    if len(inp.place) > 500:
        raise InvalidInput("地点", "地点不能超过 500 个字符")
    for i, person in enumerate(inp.persons_present, start=1):
        if not str(person.get("name", "")).strip():
            raise InvalidInput("在场人员", f"在场人员第 {i} 项缺少姓名（name）")
    if len(inp.questions) > MAX_QUESTIONS:
        raise InvalidInput("问答", f"问答不能超过 {MAX_QUESTIONS} 项")
    if kind == RecordKind.INTERVIEW:
        if not inp.persons_present:
            raise InvalidInput("被询问人", "询问笔录须列明被询问人（persons_present 中的第一人）")
        if not inp.questions:
            raise InvalidInput("问答", "询问笔录须有问答（questions）")
    elif not inp.text.strip() and not inp.questions:
        raise InvalidInput("检查情况", "现场检查（勘验）笔录须填写检查（勘验）情况（text）")
    if signature != SignatureStatus.SIGNED and not inp.signature_note.strip():
        raise InvalidInput("签名情况说明",
                           f"当事人{SIGNATURE_LABELS[signature]}的，须在签名情况说明中注明情形（如见证人、录像）")
    officers = list(dict.fromkeys(o.strip().lower() for o in inp.officers if o.strip()))
    if len(officers) < 2:
        raise Refused("笔录须列明至少两名执法人员", article=PENALTY_ART42)
    inp.officers = officers
    return kind, signature, on


def add_record(ctx: AppContext, actor: Actor, case_ref: str, inp: RecordInput) -> RecordInfo:
    """Record an inspection or interview of a case (the officers' certificate numbers as of that day)."""
    kind, signature, on = _validate(inp, ctx.clock.now())
    day = local_date(on)
    with ctx.write(actor) as uow:
        s = uow.session
        case = find_case(s, case_ref)
        require_case_officer(s, actor, case, "录入笔录")
        require_case_open(case, "录入笔录")
        gaps = officers_service.certificate_gaps(s, inp.officers, day)
        if gaps:
            raise Refused(f"笔录所列执法人员须在 {day.isoformat()} 持有效执法证：" + "；".join(g.reason for g in gaps),
                          article=PENALTY_ART42)
        officers: list[dict[str, Any]] = []
        for ref in inp.officers:
            info = officers_service.resolve_officer(ctx, ref, on=day)
            officers.append({"login": info.login, "name": info.name, "certificate_number": info.certificate_number})
        content: dict[str, Any] = {"questions": inp.questions, "text": inp.text,
                                   "certificates_shown": inp.certificates_shown, **inp.extra}
        record = ProcessRecord(
            id=uow.new_id(), case_id=case.id, kind=kind.value, occurred_at=on, ended_at=inp.ended_at,
            place=inp.place.strip(), officers=officers, persons_present=inp.persons_present, content=content,
            signature=signature.value, signature_note=inp.signature_note.strip(), recorded_by=actor.login,
            recorded_at=uow.now)
        s.add(record)
        s.flush()
        uow.audit("record.add", "record", record.id, case_id=case.id, occurred_at=on,
                  summary=f"录入{RECORD_KIND_LABELS[kind]}（{local_date(on).isoformat()}，{record.place}）",
                  after={"kind": kind.value, "occurred_at": on.isoformat(), "place": record.place,
                         "officers": officers, "persons_present": inp.persons_present,
                         "questions": len(inp.questions), "signature": signature.value})
        if not inp.certificates_shown:
            logger.info("record %s notes that certificates were not shown", record.id)
        return _info(record, [])


def _info(r: ProcessRecord, evidence: list[dict[str, Any]]) -> RecordInfo:
    content = dict(r.content or {})
    kind_label = RECORD_KIND_LABELS.get(RecordKind(r.kind), r.kind) if r.kind in RecordKind._value2member_map_ \
        else r.kind
    sig_label = SIGNATURE_LABELS.get(SignatureStatus(r.signature), r.signature) \
        if r.signature in SignatureStatus._value2member_map_ else r.signature
    return RecordInfo(
        id=r.id, case_id=r.case_id, kind=r.kind, kind_label=kind_label, occurred_at=r.occurred_at,
        ended_at=r.ended_at, place=r.place,
        officers=[RecordOfficer(o.get("login"), str(o.get("name", "")), o.get("certificate_number"))
                  for o in r.officers],
        persons_present=list(r.persons_present), questions=list(content.pop("questions", [])),
        text=str(content.pop("text", "")), certificates_shown=bool(content.pop("certificates_shown", True)),
        signature=r.signature, signature_label=sig_label, signature_note=r.signature_note, extra=content,
        recorded_by=r.recorded_by, recorded_at=r.recorded_at, evidence=evidence)


def _linked(session: Session, record_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    linked: dict[str, list[dict[str, Any]]] = {}
    if not record_ids:
        return linked
    for e in session.scalars(select(EvidenceItem).where(EvidenceItem.record_id.in_(record_ids),
                                                        EvidenceItem.removed_at.is_(None))
                             .order_by(EvidenceItem.number)):
        assert e.record_id is not None
        linked.setdefault(e.record_id, []).append({"id": e.id, "number": e.number, "title": e.title,
                                                   "original_name": e.original_name, "sha256": e.sha256})
    return linked


def _records(session: Session, case_id: str) -> list[RecordInfo]:
    rows = list(session.scalars(select(ProcessRecord).where(ProcessRecord.case_id == case_id)
                                .order_by(ProcessRecord.occurred_at, ProcessRecord.recorded_at)))
    linked = _linked(session, [r.id for r in rows])
    return [_info(r, linked.get(r.id, [])) for r in rows]


def list_records(ctx: AppContext, actor: Actor, case_ref: str) -> list[RecordInfo]:
    with ctx.read() as session:
        case = find_case(session, case_ref)
        check_visible(session, actor, case)
        return _records(session, case.id)


def case_record_rows(session: Session, case_id: str) -> list[dict[str, Any]]:
    """The records of a case as `case show` lists them."""
    return [{"id": r.id, "kind": r.kind, "kind_label": r.kind_label, "occurred_at": r.occurred_at,
             "ended_at": r.ended_at, "place": r.place,
             "officers": [{"login": o.login, "name": o.name, "certificate_number": o.certificate_number}
                          for o in r.officers],
             "persons_present": r.persons_present, "signature": r.signature, "signature_label": r.signature_label,
             "evidence": r.evidence} for r in _records(session, case_id)]


__all__ = [
    "RecordInfo",
    "RecordInput",
    "RecordOfficer",
    "add_record",
    "case_record_rows",
    "list_records",
    "record_input_from_json",
]
