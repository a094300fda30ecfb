"""Reading cases: the list (paged, filtered and sorted in SQL), one case in full, and which actions
the acting user may take now (the answer the GUI enables its buttons from)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date
from desktop_app.domain import deadlines as dl
from desktop_app.domain.case_states import CLOSED_STATES, CaseState, state_label
from desktop_app.domain.discretion import no_penalty_suggestions
from desktop_app.domain.procedure import (
    ACTION_LABELS,
    CASE_ROLE_LABELS,
    CaseAction,
    CaseRole,
    allowed_actions,
)
from desktop_app.domain.roles import Role
from desktop_app.services import items as items_service
from desktop_app.services.actor import Actor
from desktop_app.services.cases.facts import (
    PARTY_WINDOWS,
    actor_facts,
    calendar_for,
    case_facts,
    find_case,
    limitation_expired,
    load_settings,
    yuan,
)
from desktop_app.services.context import AppContext
from desktop_app.services.errors import PermissionDenied
from desktop_app.services.evidence import case_evidence_rows
from desktop_app.services.records import case_record_rows
from desktop_app.store.models import (
    Approval,
    Attachment,
    Case,
    CaseAssignment,
    CaseDeadline,
    CaseEvent,
    Document,
    EnforcementItem,
    User,
)

SHORT_QUERY = 3  # UX.md: below 3 characters only the short indexed fields are searched


@dataclass(frozen=True)
class DeadlineInfo:
    kind: str
    label: str
    due: date
    counting: str
    article: str
    status: str
    provisional: bool
    met_on: date | None


@dataclass(frozen=True)
class PartyRef:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class CaseRow:
    id: str
    number: str | None
    state: str
    state_label: str
    item_code: str
    parties: list[PartyRef]
    opened_on: date
    overdue: bool
    deadlines: list[DeadlineInfo]


@dataclass(frozen=True)
class CasePage:
    total: int
    rows: list[CaseRow]
    short_search: bool = False


@dataclass
class CaseFilter:
    state: str | None = None
    search: str | None = None
    overdue: bool = False
    item_category: str | None = None
    officer: str | None = None  # login
    opened_from: date | None = None
    opened_to: date | None = None
    sort: str = "registered_at"
    descending: bool = True
    offset: int = 0
    limit: int | None = None


def _deadline_status(row: CaseDeadline, today: date, cal: Any) -> str:
    if row.kind in PARTY_WINDOWS and row.met_on is None and today > row.due:
        return dl.DeadlineStatus.MET.value  # the party's window lapsed unused: over, nobody is late
    d = dl.Deadline(dl.DeadlineKind(row.kind), row.due, dl.Counting(row.counting), row.article, row.provisional,
                    row.start, 0)
    return dl.status(d, row.met_on, today, cal).value


def _deadline_info(row: CaseDeadline, today: date, cal: Any) -> DeadlineInfo:
    return DeadlineInfo(row.kind, dl.DEADLINE_KINDS[dl.DeadlineKind(row.kind)].label, row.due, row.counting,
                        row.article, _deadline_status(row, today, cal), row.provisional, row.met_on)


def visible_cases(stmt: Select[Any], actor: Actor) -> Select[Any]:
    """What each role may read (procedure.md, Roles): officers their own cases; team leads, legal
    reviewers, leaders and county supervisors all; archive clerks closed ones; admins none."""
    if actor.has(Role.TEAM_LEAD, Role.LEADER, Role.LEGAL_REVIEWER, Role.COUNTY_SUPERVISOR):
        return stmt
    conditions = []
    if actor.has(Role.OFFICER) and actor.user_id is not None:
        conditions.append(or_(
            Case.registered_by == actor.login,
            exists().where(CaseAssignment.case_id == Case.id, CaseAssignment.user_id == actor.user_id)))
    if actor.has(Role.ARCHIVE_CLERK):
        conditions.append(Case.state.in_([CaseState.CLOSED.value, CaseState.ARCHIVED.value]))
    if not conditions:
        return stmt.where(False)  # type: ignore[arg-type]
    return stmt.where(or_(*conditions))


def _filtered(flt: CaseFilter, actor: Actor, today: date) -> tuple[Select[Any], bool]:
    stmt = visible_cases(select(Case), actor)
    short = False
    if flt.state:
        stmt = stmt.where(Case.state == flt.state)
    if flt.search and flt.search.strip():
        text = flt.search.strip()
        like = f"%{text}%"
        short_fields = or_(Case.number.like(like), Case.party_names.like(like),
                           Case.party_identifiers.like(f"%{text.upper()}%"))
        if len(text) < SHORT_QUERY:
            short = True
            stmt = stmt.where(short_fields)
        else:
            stmt = stmt.where(or_(short_fields, Case.facts.like(like), Case.place.like(like)))
    if flt.overdue:
        stmt = stmt.where(exists().where(CaseDeadline.case_id == Case.id, CaseDeadline.met_on.is_(None),
                                         CaseDeadline.due < today, CaseDeadline.kind.not_in(PARTY_WINDOWS)))
    if flt.item_category:
        stmt = stmt.where(exists().where(EnforcementItem.id == Case.item_id,
                                         EnforcementItem.category.like(f"%{flt.item_category}%")))
    if flt.officer:
        stmt = stmt.where(exists().where(and_(
            CaseAssignment.case_id == Case.id, CaseAssignment.user_id == User.id, User.login == flt.officer)))
    if flt.opened_from:
        stmt = stmt.where(Case.discovered_on >= flt.opened_from)
    if flt.opened_to:
        stmt = stmt.where(Case.discovered_on <= flt.opened_to)
    return stmt, short


SORTABLE = {"registered_at": Case.registered_at, "number": Case.number, "state": Case.state,
            "item_code": Case.item_code, "party": Case.party_names, "discovered_on": Case.discovered_on}


def list_cases(ctx: AppContext, actor: Actor, flt: CaseFilter | None = None,
               today: date | None = None) -> CasePage:
    flt = flt or CaseFilter()
    today = today or ctx.clock.today()
    with ctx.read() as s:
        cal = calendar_for(s)
        stmt, short = _filtered(flt, actor, today)
        total = s.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        column = SORTABLE.get(flt.sort, Case.registered_at)
        stmt = stmt.order_by(column.desc() if flt.descending else column.asc(), Case.id)
        if flt.offset:
            stmt = stmt.offset(flt.offset)
        if flt.limit is not None:
            stmt = stmt.limit(flt.limit)
        cases = list(s.scalars(stmt))
        ids = [c.id for c in cases]
        by_case: dict[str, list[CaseDeadline]] = {}
        for start in range(0, len(ids), 500):
            for d in s.scalars(select(CaseDeadline).where(CaseDeadline.case_id.in_(ids[start:start + 500]))):
                by_case.setdefault(d.case_id, []).append(d)
        rows = []
        for c in cases:
            infos = sorted((_deadline_info(d, today, cal) for d in by_case.get(c.id, [])), key=lambda i: i.due)
            rows.append(CaseRow(
                c.id, c.number, c.state, state_label(c.state), c.item_code,
                [PartyRef(p.party_id, p.snapshot.get("name", ""), p.snapshot.get("kind", "")) for p in c.parties],
                local_date(c.registered_at), any(i.status == "overdue" for i in infos), infos))
        return CasePage(total, rows, short)


@dataclass(frozen=True)
class OfficerInCase:
    login: str
    name: str
    role_in_case: str
    role_in_case_label: str


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: datetime
    recorded_at: datetime
    action: str
    action_label: str
    from_state: str
    to_state: str
    to_state_label: str
    actor: str
    officers: list[str]
    data: dict[str, Any]
    note: str


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    form: str
    title: str
    number: str | None
    status: str
    issued_at: datetime | None
    served_on: date | None


@dataclass(frozen=True)
class ApprovalInfo:
    what: str
    outcome: str
    reason: str
    until: date | None
    approver: str
    occurred_at: datetime


@dataclass(frozen=True)
class SuggestionInfo:
    kind: str
    reason: str


@dataclass(frozen=True)
class ExecutionInfo:
    fine: str | None
    paid: str
    outstanding: str | None
    surcharge: str | None
    surcharge_until: date | None


@dataclass(frozen=True)
class CaseDetail:
    id: str
    number: str | None
    state: str
    state_label: str
    procedure: str
    item_code: str
    item_name: str
    item_major: bool
    source: str
    facts: str
    place: str
    act_date: date | None
    continuing: bool
    discovered_on: date
    filed_on: date | None
    decided_on: date | None
    closed_on: date | None
    parties: list[dict[str, Any]]
    officers: list[OfficerInCase]
    documents: list[DocumentInfo]
    evidence: list[dict[str, Any]]
    records: list[dict[str, Any]]
    approvals: list[ApprovalInfo]
    deadlines: list[DeadlineInfo]
    timeline: list[TimelineEntry]
    suggestions: list[SuggestionInfo]
    execution: ExecutionInfo
    decision: dict[str, Any] = field(default_factory=dict)
    legal_review_required: bool = False
    legal_review_reason: str | None = None


def _check_visible(s: Session, actor: Actor, case: Case) -> None:
    visible = s.scalar(visible_cases(select(func.count()).select_from(Case), actor).where(Case.id == case.id))
    if not visible:
        raise PermissionDenied("您无权查看此案件")


def _surcharge(case: Case, payment_due: date | None, today: date) -> tuple[str | None, date | None]:
    """行政处罚法 第七十二条: 3 % of the fine a day after the payment deadline, never above the fine;
    none while a review or lawsuit is pending (第七十三条第三款)."""
    if not case.fine_fen or payment_due is None or case.paid_fen >= case.fine_fen:
        return None, None
    if case.appeal_outcome == "pending" or today <= payment_due:
        return None, None
    days = (today - payment_due).days
    outstanding = case.fine_fen - case.paid_fen
    amount = min(outstanding, outstanding * 3 * days // 100)
    # 3 % a day reaches the fine itself after 34 days; from then on it stays at the fine
    cap_day = payment_due + timedelta(days=34)
    return f"{amount / 100:.2f}", cap_day


def _first_violation(s: Session, case: Case) -> bool:
    """No earlier decided case of the same item against the same party identifier."""
    identifiers = case.party_identifiers.split(",") if case.party_identifiers else []
    if not identifiers:
        return True
    earlier = s.scalar(select(func.count()).select_from(Case).where(
        Case.id != case.id, Case.item_code == case.item_code, Case.party_identifiers == case.party_identifiers,
        Case.decision_kind == "penalty", Case.registered_at < case.registered_at))
    return not earlier


EXTRA_EVENT_LABELS = {"register": "登记线索", "receipt": "登记移送回执"}


def event_label(action: str) -> str:
    if action in EXTRA_EVENT_LABELS:
        return EXTRA_EVENT_LABELS[action]
    try:
        return ACTION_LABELS[CaseAction(action)]
    except ValueError:
        return action


def show_case(ctx: AppContext, actor: Actor, ref: str, today: date | None = None) -> CaseDetail:
    today = today or ctx.clock.today()
    with ctx.read() as s:
        case = find_case(s, ref)
        _check_visible(s, actor, case)
        settings = load_settings(s)
        cal = calendar_for(s)
        facts = case_facts(s, case, settings, cal, demo=ctx.is_demo)
        item = s.get(EnforcementItem, case.item_id)
        assert item is not None
        users = {u.id: u for u in s.scalars(select(User).where(
            User.id.in_([a.user_id for a in case.assignments])))}
        officers = [OfficerInCase(users[a.user_id].login, users[a.user_id].name, a.role_in_case,
                                  CASE_ROLE_LABELS.get(CaseRole(a.role_in_case), a.role_in_case)
                                  if a.role_in_case in CaseRole._value2member_map_ else a.role_in_case)
                    for a in sorted(case.assignments, key=lambda a: a.assigned_at) if a.user_id in users]
        deadline_rows = s.scalars(select(CaseDeadline).where(CaseDeadline.case_id == case.id))
        deadlines = sorted((_deadline_info(d, today, cal) for d in deadline_rows), key=lambda i: i.due)
        events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                           .order_by(CaseEvent.occurred_at, CaseEvent.recorded_at))
        timeline = [TimelineEntry(e.occurred_at, e.recorded_at, e.action, event_label(e.action),
                                  e.from_state, e.to_state, state_label(e.to_state), e.actor, list(e.officers),
                                  dict(e.data), e.note) for e in events]
        documents = [DocumentInfo(d.id, d.form, d.title, d.number, d.status, d.issued_at, d.served_on)
                     for d in s.scalars(select(Document).where(Document.case_id == case.id)
                                        .order_by(Document.drafted_at))]
        approvals = [ApprovalInfo(a.what, a.outcome, a.reason, a.until, a.approver, a.occurred_at)
                     for a in s.scalars(select(Approval).where(Approval.case_id == case.id)
                                        .order_by(Approval.occurred_at))]
        # The case's 证据清单 first, then the files kept with procedural acts (proofs of service …).
        evidence = case_evidence_rows(s, case.id) + [
            {"id": a.id, "kind": "attachment", "number": None, "type": None, "type_label": None,
             "title": a.original_name, "purpose": a.purpose, "name": a.original_name, "sha256": a.sha256,
             "size": a.size} for a in s.scalars(select(Attachment).where(Attachment.case_id == case.id))]
        records = case_record_rows(s, case.id)
        suggestions: list[SuggestionInfo] = []
        if case.decision_kind is None and case.state not in {st.value for st in CLOSED_STATES}:
            rules = [{"kind": r.kind, "conditions": r.conditions}
                     for r in items_service.no_penalty_rules(s, case.item_code)]
            for sug in no_penalty_suggestions(first_violation=_first_violation(s, case),
                                              harm_slight=case.harm_slight, corrected_in_time=case.corrected_in_time,
                                              minor=case.harm_slight, no_harm=case.no_harm, list_entries=rules):
                suggestions.append(SuggestionInfo(sug.kind, sug.reason))
            if limitation_expired(case, item):
                suggestions.append(SuggestionInfo("limitation", "违法行为已超过追责时效，不得给予行政处罚"
                                                                "（行政处罚法第三十六条）"))
        surcharge, until = _surcharge(case, facts.payment_due, today)
        fine = yuan(case.fine_fen)
        execution = ExecutionInfo(
            fine=f"{fine:.2f}" if fine is not None else None,
            paid=f"{case.paid_fen / 100:.2f}",
            outstanding=f"{(case.fine_fen - case.paid_fen) / 100:.2f}" if case.fine_fen else None,
            surcharge=surcharge, surcharge_until=until)
        decision: dict[str, Any] = {}
        if case.decision_kind:
            decision = {"kind": case.decision_kind, "penalty": case.penalty_kind,
                        "amount": f"{fine:.2f}" if fine is not None else None, "tier": case.tier,
                        "explanation": case.discretion_explanation, "decided_on": case.decided_on}
        return CaseDetail(
            id=case.id, number=case.number, state=case.state, state_label=state_label(case.state),
            procedure=case.procedure, item_code=case.item_code, item_name=item.name, item_major=item.major,
            source=case.source, facts=case.facts, place=case.place, act_date=case.act_date,
            continuing=case.continuing, discovered_on=case.discovered_on, filed_on=case.filed_on,
            decided_on=case.decided_on, closed_on=case.closed_on,
            parties=[{"id": p.party_id, **p.snapshot} for p in case.parties], officers=officers,
            documents=documents, evidence=evidence, records=records, approvals=approvals, deadlines=deadlines,
            timeline=timeline, suggestions=suggestions, execution=execution, decision=decision,
            legal_review_required=facts.legal_review_required, legal_review_reason=facts.legal_review_reason)


@dataclass(frozen=True)
class ActionAnswer:
    action: str
    action_label: str
    allowed: bool
    reason: str | None
    article: str | None


def case_actions(ctx: AppContext, actor: Actor, ref: str, today: date | None = None) -> list[ActionAnswer]:
    """Every action with whether this user may take it now, and the rule that refuses it."""
    today = today or ctx.clock.today()
    with ctx.read() as s:
        case = find_case(s, ref)
        _check_visible(s, actor, case)
        settings = load_settings(s)
        cal = calendar_for(s)
        facts = case_facts(s, case, settings, cal, demo=ctx.is_demo)
        answers = allowed_actions(facts, actor_facts(s, actor), today, settings=settings.procedure)
    return [ActionAnswer(a.value, ACTION_LABELS[a], v.allowed, v.reason, v.article) for a, v in answers]

