"""Demo cases in bulk (演示案件): realistic histories over every state, reproducible by seed.

Each case follows a script of the procedure (the same steps, roles and documents the services
write one by one), so closed and archived cases have complete, consistent histories: officers,
case review, notice and its service, legal review where the item requires it, decision with its
discretion, service with proof, payment, closing. Rows are inserted in bulk, in chunks, with the
audit chain computed here — 100,000 cases take minutes instead of hours."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.clock import SHANGHAI, local_date
from desktop_app.domain.case_states import STATE_LABELS, CaseState
from desktop_app.domain.numbering import format_case_number, format_document_number
from desktop_app.domain.procedure import ACTION_LABELS, CaseAction
from desktop_app.services import demo_data
from desktop_app.services.cases.documents import FORMS
from desktop_app.services.cases.facts import calendar_for, compute_deadlines, load_settings
from desktop_app.services.context import AppContext, write_audit_head
from desktop_app.store import audit_chain
from desktop_app.store.database import bulk_session
from desktop_app.store.models import (
    Approval,
    Attachment,
    AuditRecord,
    BenchmarkTier,
    Case,
    CaseAssignment,
    CaseDeadline,
    CaseEvent,
    CaseParty,
    Document,
    DocumentService,
    EnforcementItem,
    NumberSequence,
    Party,
    Township,
    User,
)

CHUNK = 2000

# Where demo cases end up (weights), so that lists, dashboards and statistics show every state.
FINAL_STATES: list[tuple[str, int]] = [
    ("clue", 5), ("accepted", 3), ("rejected", 3), ("not_filed", 2), ("filed", 4), ("investigating", 9),
    ("investigated", 5), ("notified", 6), ("hearing", 2), ("legal_review", 4), ("discussion", 2),
    ("decided", 3), ("served", 5), ("executing", 6), ("closed", 18), ("archived", 12), ("withdrawn", 2),
    ("transferred", 3), ("suspended", 2), ("simple_closed", 5),
]
ORDER = ["clue", "accepted", "filed", "investigating", "investigated", "notified", "legal_review", "decided",
         "served", "executing", "closed", "archived"]
FACTS = {
    "大气污染防治": "在{place}露天焚烧秸秆约{n}亩，产生大量烟尘",
    "固体废物": "在{place}路边随意倾倒生活垃圾、建筑垃圾约{n}立方米",
    "市容环境卫生": "未经批准在{place}街道两侧堆放物料，占用道路约{n}平方米",
    "畜禽养殖污染": "{place}养殖场未经无害化处理直接排放畜禽粪污，影响周边约{n}户群众",
    "噪声污染防治": "在{place}使用高音广播喇叭招揽生意，持续约{n}小时",
}


@dataclass
class _Users:
    ids: dict[str, str]
    officers: list[str]
    lead: str
    reviewer: str
    leader: str
    clerk: str


@dataclass
class _Ctx:
    rng: random.Random
    users: _Users
    prefix: str
    case_pattern: str
    doc_pattern: str
    now: datetime
    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    def uuid(self) -> str:
        return demo_data.demo_uuid(self.rng)

    def next(self, kind: str, year: int) -> int:
        n = self.counters.get((kind, year), 0) + 1
        self.counters[(kind, year)] = n
        return n


@dataclass
class _Script:
    """One case's rows as they accumulate."""

    case: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    approvals: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)


def _at(day: date, hour: int, rng: random.Random) -> datetime:
    return datetime.combine(day, time(hour, rng.randrange(0, 60)), tzinfo=SHANGHAI).astimezone(UTC)


def _workday_after(day: date, n: int) -> date:
    d = day
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


class _Writer:
    def __init__(self, c: _Ctx, script: _Script, party_snapshot: dict[str, Any]) -> None:
        self.c = c
        self.s = script
        self.party = party_snapshot

    @property
    def case(self) -> dict[str, Any]:
        return self.s.case

    def event(self, action: str, day: date, actor: str, to_state: str, *, data: dict[str, Any] | None = None,
              officers: list[str] | None = None, hour: int = 10) -> datetime:
        at = _at(day, hour, self.c.rng)
        self.s.events.append({
            "id": self.c.uuid(), "case_id": self.case["id"], "action": action,
            "from_state": self.case["state"] if action != "register" else "", "to_state": to_state,
            "occurred_at": at, "recorded_at": at + timedelta(minutes=self.c.rng.randrange(1, 90)),
            "actor": actor, "via": "demo", "officers": officers or [], "data": data or {}, "note": ""})
        self.case["state"] = to_state
        return at

    def assign(self, login: str, role: str, at: datetime) -> None:
        uid = self.c.users.ids[login]
        if any(a["user_id"] == uid and a["role_in_case"] == role for a in self.s.assignments):
            return
        self.s.assignments.append({"id": self.c.uuid(), "case_id": self.case["id"],
                                   "user_id": self.c.users.ids[login], "role_in_case": role, "assigned_at": at})

    def document(self, form: str, at: datetime, by: str, content: dict[str, Any]) -> dict[str, Any]:
        title, type_code = FORMS[form]
        year = local_date(at).year
        doc: dict[str, Any] = {"id": self.c.uuid(), "case_id": self.case["id"], "form": form, "title": title,
                               "type_code": type_code, "number": None, "number_year": None, "number_seq": None,
                               "status": "issued", "content": {**content, "parties": [self.party]},
                               "drafted_at": at, "issued_at": at, "issued_by": by, "voided_at": None,
                               "void_reason": None, "replaces_id": None, "pdf_sha256": None, "served_on": None}
        if type_code is not None:
            n = self.c.next(f"doc:{type_code}", year)
            doc.update(number_year=year, number_seq=n,
                       number=format_document_number(self.c.prefix, type_code, year, n, self.c.doc_pattern))
        self.s.documents.append(doc)
        return doc

    def serve(self, doc: dict[str, Any], day: date, by: str, proof: tuple[str, int]) -> None:
        at = self.event("serve", day, by, self.case["state"] if doc["form"] not in (
            "penalty_decision", "no_penalty_decision") else "served",
            data={"document_id": doc["id"], "document_number": doc["number"], "method": "direct",
                  "served_on": day.isoformat()})
        doc["served_on"] = day
        self.s.services.append({"id": self.c.uuid(), "document_id": doc["id"], "case_id": self.case["id"],
                                "method": "direct", "handed_on": day, "served_on": day, "recipient": self.party["name"],
                                "proof_name": "送达回证.jpg", "proof_sha256": proof[0], "note": "",
                                "recorded_at": at})
        self.s.attachments.append({"id": self.c.uuid(), "case_id": self.case["id"], "purpose": "service_proof",
                                   "original_name": "送达回证.jpg", "sha256": proof[0], "size": proof[1],
                                   "added_at": at, "added_by": by})


def _script(c: _Ctx, item: EnforcementItem, tiers: list[BenchmarkTier], party: Party, final: str,
            start: date, proof: tuple[str, int]) -> _Script:
    rng = c.rng
    u = c.users
    handlers = rng.sample(u.officers, 2)
    snapshot = {"kind": party.kind, "name": party.name, "identifier": party.identifier, "address": party.address,
                "phone": party.phone, "representative": party.representative}
    place = party.address.split("镇")[-1].rstrip("0123456789号") or "村口"
    facts = FACTS.get(item.category.split("（")[0], "{place}发现涉嫌" + item.name[1:40] + "的行为").format(
        place=place, n=rng.randrange(2, 30))
    registered = _at(start, 9, rng)
    case: dict[str, Any] = {
        "id": c.uuid(), "number": None, "number_year": None, "number_seq": None, "state": "clue",
        "state_before_suspension": None, "state_before_transfer": None, "procedure": "ordinary",
        "item_id": item.id, "item_code": item.code, "source": rng.choice(
            ["inspection", "inspection", "complaint", "grid_report", "county_assignment", "department_transfer",
             "media"]), "facts": facts, "place": place, "act_date": start - timedelta(days=rng.randrange(0, 20)),
        "continuing": item.continuing, "act_ended_on": None, "discovered_on": start,
        "complex_case": rng.random() < 0.1, "harm_slight": False, "no_harm": False, "corrected_in_time": False,
        "registered_at": registered, "registered_by": handlers[0], "filed_on": None, "findings": "",
        "case_review_passed": False, "notified_penalty": None, "notice_served_on": None, "hearing_rights": False,
        "statement_waived": False, "hearing_waived": False, "hearing_requested_on": None,
        "hearing_notice_served_on": None, "hearing_held_on": None, "hearing_outcome": None,
        "legal_review_submitted_on": None, "legal_review_outcome": None, "legal_reviewed_on": None,
        "discussion_held_on": None, "decision_kind": None, "penalty_kind": None, "fine_fen": None, "tier": None,
        "discretion_explanation": None, "decided_on": None, "decision_served_on": None, "paid_fen": 0,
        "deferred_until": None, "reminder_served_on": None, "court_applied_on": None, "court_ruling": None,
        "appeal_kind": None, "appeal_outcome": None, "transfer_to": None, "transfer_state": None,
        "criminal_fine": False, "preserved_on": None, "preservation_handled_on": None, "extended_until": None,
        "closed_on": None, "close_reason": None, "archived_on": None, "party_names": party.name,
        "party_identifiers": party.identifier, "updated_at": registered, "row_version": 1,
    }
    script = _Script(case)
    script_parties = {"id": c.uuid(), "case_id": case["id"], "party_id": party.id, "position": 0,
                      "snapshot": snapshot}
    script.case["_party"] = script_parties
    w = _Writer(c, script, snapshot)
    w.event("register", start, handlers[0], "clue", data={"source": case["source"]}, hour=9)

    # The fine: a tier of the benchmark for this party kind, a round amount inside it.
    tier = rng.choice(tiers) if tiers else None
    amount = None
    if tier is not None:
        low, high = int(tier.fine_min), int(tier.fine_max)
        step = 100 if high - low >= 1000 else 10
        amount = max(low, min(high, low + step * rng.randrange(0, max(1, (high - low) // step + 1))))

    if final == "simple_closed":
        day = start
        case["procedure"] = "simple"
        at = w.event("decide_on_spot", day, handlers[0], "served", officers=handlers,
                     data={"penalty": "warning"}, hour=11)
        for h in handlers:
            w.assign(h, "handler", at)
            w.assign(h, "decider", at)
        doc = w.document("on_spot_decision", at, handlers[0], {"penalty": "warning"})
        doc["number"] = f"晋当罚{start.year}{rng.randrange(10**6):06d}"
        doc["served_on"] = day
        case.update(penalty_kind="warning", decision_kind="penalty", decided_on=day, decision_served_on=day)
        w.event("close", _workday_after(day, 2), u.leader, "closed", data={"reason": "当场处罚已执行"})
        case.update(closed_on=_workday_after(day, 2), close_reason="当场处罚已执行")
        return script

    day = _workday_after(start, 1)
    if final == "rejected":
        w.event("reject", day, u.lead, "rejected", data={"reason": "经核查不属于本乡镇管辖事项"})
        case["closed_on"] = day
        return script
    if final == "clue":
        return script
    w.event("accept", day, u.lead, "accepted", data={"reason": "属于本乡镇清单事项"})
    if final == "accepted":
        return script
    day = _workday_after(day, rng.randrange(1, 4))
    if final == "not_filed":
        w.event("not_file", day, u.leader, "not_filed", data={"reason": "违法事实不能成立"})
        case["closed_on"] = day
        return script
    year = day.year
    n = c.next("case", year)
    case.update(number=format_case_number(c.prefix, year, n, c.case_pattern), number_year=year, number_seq=n,
                filed_on=day)
    w.event("file", day, u.leader, "filed", data={"number": case["number"]})
    if final == "filed":
        return script
    day = _workday_after(day, 1)
    at = w.event("investigate", day, u.lead, "investigating", officers=handlers, data={"officers": handlers})
    for h in handlers:
        w.assign(h, "handler", at)
    if final in ("withdrawn", "transferred", "suspended"):
        day = _workday_after(day, rng.randrange(3, 15))
        if final == "withdrawn":
            w.event("withdraw", day, u.leader, "withdrawn", data={"reason": "当事人已自行整改，违法事实不能成立"})
            case["closed_on"] = day
        elif final == "transferred":
            case.update(transfer_to="department", transfer_state="pending", state_before_transfer="investigating")
            at = w.event("transfer", day, u.leader, "transferred", data={"to": "department", "reason": "属自然资源部门管辖"})
            w.document("transfer_letter", at, u.leader, {"reason": "属自然资源部门管辖"})
        else:
            case["state_before_suspension"] = "investigating"
            w.event("suspend", day, u.leader, "suspended", data={"reason": "当事人下落不明"})
        return script
    if final == "investigating":
        return script
    day = _workday_after(day, rng.randrange(5, 15))
    case["findings"] = "违法事实清楚，证据确实充分"
    w.event("conclude", day, handlers[0], "investigated", data={})
    if final == "investigated":
        return script
    day = _workday_after(day, 1)
    at = w.event("review_case", day, u.lead, "investigated", data={"opinion": "同意调查结论"})
    w.assign(u.lead, "case_reviewer", at)
    case["case_review_passed"] = True
    penalty = "fine" if amount is not None else "warning"
    day = _workday_after(day, 1)
    case.update(notified_penalty={"penalty": penalty, "amount": str(amount) if amount is not None else None},
                hearing_rights=penalty == "fine")
    at = w.event("notify", day, u.lead, "notified", data={"penalty": penalty})
    notice = w.document("penalty_notice", at, u.lead, {"penalty": penalty, "amount": amount})
    w.serve(notice, day, handlers[0], proof)
    case["notice_served_on"] = day
    if final == "hearing":
        day = _workday_after(day, 2)
        case["hearing_requested_on"] = day
        w.event("request_hearing", day, handlers[0], "hearing")
        return script
    if final == "notified":
        return script
    day = _workday_after(day, 1)
    w.event("waive", day, handlers[0], "notified", data={"what": "statement"})
    w.event("waive", day, handlers[0], "notified", data={"what": "hearing"}, hour=11)
    case.update(statement_waived=True, hearing_waived=True)
    needs_review = item.major or case["complex_case"]
    if needs_review:
        day = _workday_after(day, 1)
        case["legal_review_submitted_on"] = day
        w.event("submit_review", day, handlers[0], "legal_review")
        if final == "legal_review":
            return script
        day = _workday_after(day, rng.randrange(1, 6))
        at = w.event("legal_review", day, u.reviewer, "legal_review", data={"opinion": "主体合法，事实清楚，同意"})
        w.assign(u.reviewer, "legal_reviewer", at)
        case.update(legal_review_outcome="passed", legal_reviewed_on=day)
    elif final == "legal_review":
        return script
    if case["complex_case"] or final == "discussion":
        case["complex_case"] = True
        day = _workday_after(day, 1)
        at = w.event("discuss", day, u.leader, "discussion", data={"participants": [u.leader], "conclusion": "同意"})
        w.assign(u.leader, "decider", at)
        case["discussion_held_on"] = day
        if final == "discussion":
            return script
    day = _workday_after(day, 1)
    explanation = f"综合违法情节，属{tier.tier if tier else 'general'}情形，依裁量基准确定"
    at = w.event("decide", day, u.leader, "decided", data={"kind": "penalty"})
    w.assign(u.leader, "decider", at)
    case.update(decision_kind="penalty", penalty_kind=penalty, fine_fen=amount * 100 if amount else None,
                tier=tier.tier if tier else None, discretion_explanation=explanation, decided_on=day)
    decision = w.document("penalty_decision", at, u.leader,
                          {"penalty": penalty, "amount": amount, "explanation": explanation})
    if final == "decided":
        return script
    day = _workday_after(day, rng.randrange(0, 3))
    w.serve(decision, day, handlers[0], proof)
    case["decision_served_on"] = day
    if final == "served":
        return script
    if penalty == "fine" and amount:
        day = day + timedelta(days=rng.randrange(1, 14))
        paid = amount if final != "executing" else amount // 2
        case["paid_fen"] = paid * 100
        w.event("pay", day, handlers[0], "executing", data={"amount": str(paid)})
    else:
        w.event("pay", day, handlers[0], "executing", data={"amount": "0"})
    if final == "executing":
        return script
    day = _workday_after(day, 1)
    case.update(closed_on=day, close_reason="执行完毕")
    w.event("close", day, u.leader, "closed", data={"reason": "执行完毕"})
    if final == "closed":
        return script
    day = _workday_after(day, rng.randrange(5, 20))
    case["archived_on"] = day
    w.event("archive", day, u.clerk, "archived")
    return script


LONGEST_SCRIPT_DAYS = 110


def _ends_before(script: _Script, now: datetime) -> bool:
    return bool(script.events) and max(e["recorded_at"] for e in script.events) <= now


def create_demo_cases(ctx: AppContext, *, count: int, seed: int, start: date,
                      progress: Callable[[int, int], None] | None = None) -> int:
    if count <= 0:
        return 0
    rng = random.Random(seed * 7919 + 17)
    with ctx.read() as s:
        if s.scalar(select(Case.id).limit(1)) is not None:
            from desktop_app.services.errors import Refused

            raise Refused("此数据目录中已有案件：演示案件只能在新的演示数据目录中生成")
        users = _load_users(s)
        township = s.scalar(select(Township).limit(1))
        assert township is not None
        items = _demo_items(s, start)
        parties = list(s.scalars(select(Party).order_by(Party.created_at, Party.id)))
        settings = load_settings(s)
        cal = calendar_for(s)
        from desktop_app.services.cases.documents import document_pattern
        from desktop_app.store.models import Setting

        case_pattern_row = s.get(Setting, "numbering.case_pattern")
        c = _Ctx(rng, users, township.doc_prefix,
                 str(case_pattern_row.value) if case_pattern_row else "{prefix}立字〔{year}〕第{n}号",
                 document_pattern(s), ctx.clock.now())
    from desktop_app.evidence.file_store import FileStore

    stored = FileStore(ctx.data_dir.evidence).add_bytes("演示用送达回证（扫描件）".encode())
    proof = (stored.sha256, stored.size)
    # The longest script (clue to archived) spans about 95 days: start every case early enough that
    # its whole history lies before now.
    latest = local_date(c.now) - timedelta(days=LONGEST_SCRIPT_DAYS)
    if start > latest - timedelta(days=30):
        start = latest - timedelta(days=365)
    span = (latest - start).days
    starts = sorted(start + timedelta(days=rng.randrange(0, span)) for _ in range(count))
    weights = [w for _, w in FINAL_STATES]
    finals = [f for f, _ in FINAL_STATES]
    done = 0
    # One transaction per chunk keeps the WAL small; the audit chain runs on across them.
    with bulk_session(ctx.db) as session:
        prev = audit_chain.last_hash(session)
        session.commit()
        for chunk in _chunks(list(range(count)), CHUNK):
            scripts: list[_Script] = []
            for i in chunk:
                final = rng.choices(finals, weights)[0]
                item, tiers = rng.choice(items)
                party = rng.choice(parties)
                script = _script(c, item, _tiers_for(tiers, party), party, final, starts[i], proof)
                assert _ends_before(script, c.now), "a demo history reaches into the future"
                scripts.append(script)
            prev = _insert(session, scripts, settings, cal, prev)
            session.commit()
            done += len(chunk)
            if progress is not None:
                progress(done, count)
        for (kind, year), last in sorted(c.counters.items()):
            session.add(NumberSequence(kind=kind, year=year, last=last))
        session.commit()
    write_audit_head(ctx)
    return count


def _chunks(seq: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _load_users(s: Session) -> _Users:
    ids = {u.login: u.id for u in s.scalars(select(User).where(User.login.like("demo-%")))}
    officers = sorted((login for login in ids if login.startswith("demo-officer")),
                      key=lambda x: int(x.removeprefix("demo-officer")))
    return _Users(ids, officers, "demo-lead", "demo-reviewer", "demo-leader", "demo-clerk")


def _demo_items(s: Session, on: date) -> list[tuple[EnforcementItem, list[BenchmarkTier]]]:
    from desktop_app.services.items import current_version

    version = current_version(s, on) or current_version(s, date.today())
    assert version is not None, "no item list"
    tiers_by_code: dict[str, list[BenchmarkTier]] = {}
    for t in s.scalars(select(BenchmarkTier).where(BenchmarkTier.unit == "yuan")):
        tiers_by_code.setdefault(t.item_code, []).append(t)
    out = []
    for item in s.scalars(select(EnforcementItem).where(EnforcementItem.version_id == version.id)
                          .order_by(EnforcementItem.code)):
        out.append((item, tiers_by_code.get(item.code, [])))
    return out


def _tiers_for(tiers: list[BenchmarkTier], party: Party) -> list[BenchmarkTier]:
    return [t for t in tiers if t.party in ("any", party.kind)]


def _insert(session: Session, scripts: list[_Script], settings: Any, cal: Any, prev: str) -> str:
    cases, parties, events, assignments, documents, services, approvals, attachments, deadlines = (
        [], [], [], [], [], [], [], [], [])
    audit_rows: list[dict[str, Any]] = []
    for sc in scripts:
        row = dict(sc.case)
        parties.append(row.pop("_party"))
        cases.append(row)
        events += sc.events
        assignments += sc.assignments
        documents += sc.documents
        services += sc.services
        approvals += sc.approvals
        attachments += sc.attachments
        # A plain namespace is enough for the deadline computation (it only reads attributes).
        transient = SimpleNamespace(**row, parties=[])
        for kind, (d, met) in compute_deadlines(transient, settings, cal).by_kind.items():  # type: ignore[arg-type]
            deadlines.append({"id": demo_data.demo_uuid(random.Random(row["id"] + kind)), "case_id": row["id"],
                              "kind": kind, "start": d.start, "due": d.due, "counting": d.counting.value,
                              "article": d.article, "provisional": d.provisional, "met_on": met,
                              "extended_from": None})
    for e in sorted(events, key=lambda e: (e["occurred_at"], e["id"])):
        action = e["action"]
        label = ("登记线索" if action == "register" else ACTION_LABELS[CaseAction(action)])
        to_label = STATE_LABELS[CaseState(e["to_state"])]
        fields = audit_chain.hashed_fields(
            id=demo_data.demo_uuid(random.Random(e["id"])), occurred_at=e["occurred_at"],
            recorded_at=e["recorded_at"], actor=e["actor"], via="demo", action=f"case.{action}", entity="case",
            entity_id=e["case_id"], case_id=e["case_id"], summary=f"{label}（演示）→ {to_label}",
            before=None, after={"state": e["to_state"], **e["data"]})
        digest = audit_chain.record_hash(prev, fields)
        audit_rows.append({**{k: v for k, v in fields.items() if k not in ("occurred_at", "recorded_at")},
                           "occurred_at": e["occurred_at"], "recorded_at": e["recorded_at"],
                           "prev_hash": prev, "hash": digest})
        prev = digest
    for model, rows in ((Case, cases), (CaseParty, parties), (CaseEvent, events), (CaseAssignment, assignments),
                        (Document, documents), (DocumentService, services), (Approval, approvals),
                        (Attachment, attachments), (CaseDeadline, deadlines), (AuditRecord, audit_rows)):
        if rows:
            # Core executemany: one statement per table, not the ORM's unit-of-work bookkeeping.
            session.connection().execute(model.__table__.insert(), rows)  # type: ignore[attr-defined]
    return prev
