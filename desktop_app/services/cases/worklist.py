"""工作台: each user's work by role, the deadline warnings, and this week's and this month's counts
(每周一检点，每月一通报 — seed 000 §11). Every figure is a query over what the user may read
(`visible_cases`), never a loop over every case.

Queues by role (procedure.md, "The state machine" — who takes which step):
- officer: cases to investigate, documents issued but not yet served, notices whose periods run,
  fines to execute, draft documents, clues they registered that wait for acceptance;
- team lead: clues to accept, investigations to review (案件审核), reviewed cases to notify;
- legal reviewer: the 法制审核 queue;
- leader: cases to file, to decide (after 法制审核 or in 集体讨论), to close;
- archive clerk: closed cases to archive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.clock import SHANGHAI
from desktop_app.domain import deadlines as dl
from desktop_app.domain.case_states import CLOSED_STATES, CaseState, state_label
from desktop_app.domain.procedure import CaseRole
from desktop_app.domain.roles import Role
from desktop_app.domain.workdays import add_working_days, working_days_between
from desktop_app.services.actor import Actor
from desktop_app.services.cases.facts import PARTY_WINDOWS, calendar_for
from desktop_app.services.cases.queries import LARGE_SET, visible_cases
from desktop_app.services.context import AppContext
from desktop_app.store.hints import unindexed
from desktop_app.store.models import Case, CaseAssignment, CaseDeadline, Document
from desktop_app.store.models.cases import DESIGNATED_REVIEWER

ROWS_PER_QUEUE = 8
WARNING_ROWS = 30
_CLOSED = [s.value for s in CLOSED_STATES]


@dataclass(frozen=True)
class WorkItem:
    case_id: str
    number: str | None
    party: str
    item_code: str
    state: str
    state_label: str
    registered_on: date
    note: str = ""  # e.g. the document to serve


@dataclass(frozen=True)
class WorkQueue:
    key: str
    label: str
    role: str  # the role code the queue belongs to
    total: int
    items: list[WorkItem]
    hint: str  # what to do with these cases


@dataclass(frozen=True)
class DeadlineWarning:
    case_id: str
    number: str | None
    party: str
    kind: str
    label: str
    due: date
    status: str  # overdue | due_soon
    days: int  # overdue: calendar days past; due_soon: working days left (0 = today)
    article: str


@dataclass(frozen=True)
class PeriodCounts:
    label: str  # 本周 / 本月
    start: date
    end: date
    registered: int
    filed: int
    decided: int
    closed: int
    fines_decided_fen: int


@dataclass(frozen=True)
class Worklist:
    today: date
    queues: list[WorkQueue]
    overdue_total: int
    due_soon_total: int
    warnings: list[DeadlineWarning]
    week: PeriodCounts
    month: PeriodCounts
    open_total: int


def _local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in Asia/Shanghai, for instants stored in UTC."""
    return (datetime.combine(start, time(0, 0), tzinfo=SHANGHAI),
            datetime.combine(end + timedelta(days=1), time(0, 0), tzinfo=SHANGHAI))


def _mine(actor: Actor, role: CaseRole | None = CaseRole.HANDLER) -> ColumnElement[bool]:
    """Cases the actor handles (or registered, for clues). Tested per case (EXISTS on the assignments'
    unique index): every queue selects few cases first (a state, a document status), and building the
    set of all of an officer's cases for each queue cost far more at 100,000 cases."""
    conditions: list[ColumnElement[bool]] = [Case.registered_by == actor.login]
    if actor.user_id is not None:
        assigned = exists().where(CaseAssignment.case_id == Case.id, CaseAssignment.user_id == actor.user_id)
        if role is not None:
            assigned = assigned.where(CaseAssignment.role_in_case == role.value)
        conditions.append(assigned)
    return or_(*conditions)


def _count(s: Session, actor: Actor, *conditions: ColumnElement[bool]) -> int:
    return s.scalar(visible_cases(select(func.count()).select_from(Case), actor).where(*conditions)) or 0


def _seen(stmt: Select[Any], actor: Actor, own: bool) -> Select[Any]:
    """`stmt` limited to what the actor may read — unless `own`: the conditions hold `_mine(actor)` of
    an officer, which implies it (their cases are visible to them), and testing visibility again per
    case cost a second lookup in the assignments for each."""
    return stmt if own else visible_cases(stmt, actor)


def _party(case: Case) -> str:
    return case.party_names or "—"


def _item(case: Case, note: str = "") -> WorkItem:
    return WorkItem(case.id, case.number, _party(case), case.item_code, case.state, state_label(case.state),
                    case.registered_at.astimezone(SHANGHAI).date(), note)


def _queue(s: Session, actor: Actor, key: str, label: str, role: Role, hint: str,
           *conditions: ColumnElement[bool], oldest_first: bool = True, states: list[str] | None = None,
           own: bool = False) -> WorkQueue:
    """`states`: the queue's states where they are several (an IN, besides `conditions`). For many
    cases (LARGE_SET) the page walks the registration order testing each case instead — kept off the
    state index, from which SQLite would read and sort every case of those states for 8 rows."""
    if states:
        conditions = (*conditions, Case.state.in_(states))
    stmt: Select[Any] = _seen(select(Case), actor, own).where(*conditions)
    total = s.scalar(_seen(select(func.count()).select_from(Case), actor, own).where(*conditions)) or 0
    if states and total >= LARGE_SET:
        stmt = _seen(select(Case), actor, own).where(*conditions[:-1], unindexed(Case.state).in_(states))
    order = Case.registered_at.asc() if oldest_first else Case.registered_at.desc()
    rows = list(s.scalars(stmt.order_by(order, Case.id).limit(ROWS_PER_QUEUE))) if total else []
    return WorkQueue(key, label, role.value, total, [_item(c) for c in rows], hint)


def _document_queue(s: Session, actor: Actor, order: Any, *where: ColumnElement[bool], own: bool = False
                    ) -> tuple[int, list[Any]]:
    """(how many, the first rows as (case, document)). Counted apart from the page: the count reads
    the documents' index (status, served_on, issued_at, case_id) alone, where a total beside each row
    would read every matching document and case in full."""
    joined = (_seen(select(func.count()).select_from(Case), actor, own)
              .join(Document, Document.case_id == Case.id).where(*where))
    total = s.scalar(joined) or 0
    if not total:
        return 0, []
    stmt = (_seen(select(Case, Document), actor, own)  # type: ignore[arg-type]
            .join(Document, Document.case_id == Case.id).where(*where))
    return total, [(case, doc) for case, doc in s.execute(stmt.order_by(order, Document.id).limit(ROWS_PER_QUEUE))]


def _documents_to_serve(s: Session, actor: Actor) -> WorkQueue:
    total, rows = _document_queue(s, actor, Document.issued_at, Document.status == "issued",
                                  Document.served_on.is_(None), Case.state.not_in(_CLOSED), _mine(actor), own=True)
    items = [_item(case, f"{doc.title} {doc.number or ''}".strip()) for case, doc in rows]
    return WorkQueue("to_serve", "待送达文书", Role.OFFICER.value, total, items,
                     "文书已签发，尚未送达：送达后登记送达方式并上传送达回证。")


def _draft_documents(s: Session, actor: Actor) -> WorkQueue:
    total, rows = _document_queue(s, actor, Document.drafted_at, Document.status == "draft",
                                  Case.state.not_in(_CLOSED), _mine(actor), own=True)
    items = [_item(case, doc.title) for case, doc in rows]
    return WorkQueue("drafts", "待完成的文书草稿", Role.OFFICER.value, total, items,
                     "草稿尚未签发：完成后提交签发。")


def _queues(s: Session, actor: Actor) -> list[WorkQueue]:
    S = CaseState
    out: list[WorkQueue] = []
    if actor.has(Role.OFFICER):
        out.append(_queue(s, actor, "investigating", "调查取证中", Role.OFFICER,
                          "制作笔录、收集证据；调查完毕后办理调查终结。",
                          Case.state == S.INVESTIGATING.value, _mine(actor), own=True))
        out.append(_documents_to_serve(s, actor))
        out.append(_queue(s, actor, "notice_periods", "告知后待处理", Role.OFFICER,
                          "陈述申辩、听证期间届满或当事人书面放弃后，提交法制审核或报请决定。",
                          _mine(actor), states=[S.NOTIFIED.value, S.HEARING.value], own=True))
        out.append(_queue(s, actor, "executing", "待执行", Role.OFFICER,
                          "登记缴款；逾期未缴的，催告后申请法院强制执行。",
                          Case.fine_fen.is_not(None), Case.paid_fen < Case.fine_fen, _mine(actor),
                          states=[S.SERVED.value, S.EXECUTING.value], own=True))
        out.append(_draft_documents(s, actor))
        out.append(_queue(s, actor, "my_clues", "我登记的线索（待受理）", Role.OFFICER,
                          "等待执法队长受理。", Case.state == S.CLUE.value, Case.registered_by == actor.login,
                          own=True))
        if actor.user_id is not None:
            # the cases the leader designated this officer to review (approve --what case_reviewer): the
            # few from the assignments' (user, case, role) index first, then their state (kept off the
            # state index, from which every investigated case would be read)
            designated = Case.id.in_(select(CaseAssignment.case_id).where(
                CaseAssignment.user_id == actor.user_id, CaseAssignment.role_in_case == DESIGNATED_REVIEWER))
            out.append(_queue(s, actor, "designated_review", "指定我审核的案件", Role.OFFICER,
                              "负责人已指定您为案件审核人：审核调查结果（办、审分离）。",
                              unindexed(Case.state) == S.INVESTIGATED.value, Case.case_review_passed.is_(False),
                              designated, own=True))
    if actor.has(Role.TEAM_LEAD):
        out.append(_queue(s, actor, "to_accept", "待受理的线索", Role.TEAM_LEAD,
                          "核查线索后受理或不予受理。", Case.state == S.CLUE.value))
        out.append(_queue(s, actor, "to_review", "待案件审核", Role.TEAM_LEAD,
                          "调查已终结：由非承办人审核调查结果（办、审分离）。",
                          Case.state == S.INVESTIGATED.value, Case.case_review_passed.is_(False)))
        out.append(_queue(s, actor, "to_notify", "待告知", Role.TEAM_LEAD,
                          "案件审核已通过：制作并送达行政处罚事先告知书。",
                          Case.state == S.INVESTIGATED.value, Case.case_review_passed.is_(True)))
    if actor.has(Role.LEGAL_REVIEWER):
        out.append(_queue(s, actor, "legal_review", "法制审核", Role.LEGAL_REVIEWER,
                          "审核主体资格、证据、程序、法律适用、裁量和文书，提出审核意见。",
                          Case.state == S.LEGAL_REVIEW.value, Case.legal_review_outcome.is_(None)))
    if actor.has(Role.LEADER):
        out.append(_queue(s, actor, "to_file", "待立案审批", Role.LEADER,
                          "已受理的线索：决定立案或不予立案。", Case.state == S.ACCEPTED.value))
        out.append(_queue(s, actor, "to_decide", "待决定", Role.LEADER,
                          "法制审核已通过或已集体讨论：作出决定。",
                          or_(and_(Case.state == S.LEGAL_REVIEW.value, Case.legal_review_outcome == "passed"),
                              Case.state == S.DISCUSSION.value)))
        out.append(_queue(s, actor, "to_close", "待结案", Role.LEADER,
                          "执行完毕、撤销立案或移送已回执的案件：审批结案。",
                          or_(and_(Case.state.in_([S.SERVED.value, S.EXECUTING.value]),
                                   or_(Case.fine_fen.is_(None), Case.paid_fen >= Case.fine_fen)),
                              Case.state == S.WITHDRAWN.value,
                              and_(Case.state == S.TRANSFERRED.value, Case.transfer_state == "received"))))
    if actor.has(Role.ARCHIVE_CLERK):
        out.append(_queue(s, actor, "to_archive", "待归档", Role.ARCHIVE_CLERK,
                          "已结案：整理案卷后归档。", Case.state == S.CLOSED.value))
    return out


def _restricted(actor: Actor) -> bool:
    """Whether the user sees only some cases (an officer, the archive clerk)."""
    return visible_cases(select(Case.id), actor).whereclause is not None


def _overdue_and_open(s: Session, actor: Actor, late: tuple[ColumnElement[bool], ...]) -> tuple[int, int]:
    """The overdue deadlines and the open cases of a user who sees only some cases, in one walk over
    those cases (in the narrow index of id, registered_by and state, in id order) that counts each
    case's overdue deadlines in the index of its open deadlines. Starting from the overdue deadlines
    instead (the index on met_on and due) tests every office-wide overdue deadline for visibility —
    60,000 random lookups at 100,000 cases, three times slower."""
    per_case = (select(func.count()).select_from(CaseDeadline)
                .where(CaseDeadline.case_id == Case.id, *late).correlate(Case).scalar_subquery())
    # `id > ''` holds for every case (ids are UUIDs); it lets the planner walk the index that starts
    # with id, in id order, where the lookups into the assignments and deadlines (both keyed by case
    # id) stay local — walking the same cases in another index's order measured four times slower.
    stmt = visible_cases(select(func.sum(per_case), func.sum(case((Case.state.not_in(_CLOSED), 1), else_=0)))
                         .select_from(Case).where(Case.id > ""), actor)
    n_overdue, n_open = s.execute(stmt).one()
    return int(n_overdue or 0), int(n_open or 0)


def _warnings(s: Session, actor: Actor, today: date, soon_until: date,
              overdue_days: Callable[[date], int], working_left: Callable[[date], int]
              ) -> tuple[int, int, int, list[DeadlineWarning]]:
    """(overdue deadlines, deadlines due soon, open cases, the warnings shown)."""
    # A closed case's deadlines are met (services.cases.facts), so "not met" is enough to be live.
    live = CaseDeadline.met_on.is_(None)
    base = (visible_cases(select(Case, CaseDeadline), actor)  # type: ignore[arg-type]
            .join(CaseDeadline, CaseDeadline.case_id == Case.id).where(live))
    # A party's window (陈述申辩, 听证申请, 听证通知) that lapsed unused is over, not overdue work
    # (facts.PARTY_WINDOWS; the case list's overdue filter excludes them the same way).
    late = (live, CaseDeadline.due < today, CaseDeadline.kind.not_in(PARTY_WINDOWS))
    overdue = base.where(*late)
    soon = base.where(CaseDeadline.due >= today, CaseDeadline.due < soon_until)
    counted = select(func.count()).select_from(CaseDeadline).where(live)
    if _restricted(actor):
        # only some cases are visible to this user: count through them (the few due soon from the
        # due-date index, then their cases; the many overdue case by case, see _overdue_and_open)
        counted = visible_cases(counted.join(Case, Case.id == CaseDeadline.case_id), actor)
        n_overdue, n_open = _overdue_and_open(s, actor, late)
    else:
        # every case: the indexes answer alone
        n_overdue = s.scalar(select(func.count()).select_from(CaseDeadline).where(*late)) or 0
        n_open = _count(s, actor, Case.state.not_in(_CLOSED))
    n_soon = s.scalar(counted.where(CaseDeadline.due >= today, CaseDeadline.due < soon_until)) or 0
    labels = {k.value: spec.label for k, spec in dl.DEADLINE_KINDS.items()}
    out: list[DeadlineWarning] = []
    # the nearest first: what is due today or tomorrow matters more than a case long overdue
    # none to show, none to look for: listing them would test every office-wide open deadline's case
    # (the archive clerk, whose closed cases have none, waited for that)
    soon_rows: list[Any] = list(s.execute(soon.order_by(CaseDeadline.due, Case.id).limit(WARNING_ROWS))) if n_soon else []
    late_rows: list[Any] = (list(s.execute(overdue.order_by(CaseDeadline.due.desc(), Case.id).limit(WARNING_ROWS)))
                            if n_overdue else [])
    for c, d in soon_rows:
        out.append(DeadlineWarning(c.id, c.number, _party(c), d.kind, labels.get(d.kind, d.kind), d.due,
                                   "due_soon", working_left(d.due), d.article))
    for c, d in late_rows:
        out.append(DeadlineWarning(c.id, c.number, _party(c), d.kind, labels.get(d.kind, d.kind), d.due,
                                   "overdue", overdue_days(d.due), d.article))
    return n_overdue, n_soon, n_open, out


def _between(column: Any, start: Any, end: Any) -> ColumnElement[bool]:
    return and_(column >= start, column <= end)


def _periods(s: Session, actor: Actor, periods: list[tuple[str, date, date]]) -> list[PeriodCounts]:
    """Every figure of every period in one statement over the cases registered, filed, decided or
    closed in any of the periods — found through the index of each date (an OR of ranges, which
    SQLite and a server database both answer by index), never a pass over every case."""
    columns: list[Any] = []
    first, last = min(p[1] for p in periods), max(p[2] for p in periods)
    lo_all, hi_all = _local_bounds(first, last)
    touched = or_(and_(Case.registered_at >= lo_all, Case.registered_at < hi_all), _between(Case.filed_on, first, last),
                  _between(Case.decided_on, first, last), _between(Case.closed_on, first, last))
    for _label, start, end in periods:
        lo, hi = _local_bounds(start, end)
        decided = _between(Case.decided_on, start, end)
        columns += [
            func.sum(case((and_(Case.registered_at >= lo, Case.registered_at < hi), 1), else_=0)),
            func.sum(case((_between(Case.filed_on, start, end), 1), else_=0)),
            func.sum(case((decided, 1), else_=0)),
            func.sum(case((and_(_between(Case.closed_on, start, end),
                                Case.state.in_([CaseState.CLOSED.value, CaseState.ARCHIVED.value])), 1), else_=0)),
            func.sum(case((and_(decided, Case.decision_kind == "penalty"), func.coalesce(Case.fine_fen, 0)),
                          else_=0)),
        ]
    row = s.execute(visible_cases(select(*columns).select_from(Case), actor).where(touched)).one()
    out = []
    for i, (label, start, end) in enumerate(periods):
        values = [int(v or 0) for v in row[i * 5:(i + 1) * 5]]
        out.append(PeriodCounts(label, start, end, *values))
    return out


def worklist(ctx: AppContext, actor: Actor, today: date | None = None) -> Worklist:
    """The dashboard of one user: queues for their roles, deadline warnings, week and month."""
    today = today or ctx.clock.today()
    with ctx.read() as s:
        cal = calendar_for(s)
        # due_soon (domain.deadlines.status): at most 3 working days left, i.e. before the day on
        # which the 4th working day after today is complete
        soon_until = add_working_days(cal, today, dl.DUE_SOON_WORKING_DAYS + 1).due

        def working_left(due: date) -> int:
            return working_days_between(cal, today, due).days

        queues = _queues(s, actor)
        n_overdue, n_soon, open_total, warnings = _warnings(s, actor, today, soon_until,
                                                            lambda due: (today - due).days, working_left)
        week_start = today - timedelta(days=today.weekday())
        month_start = today.replace(day=1)
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        week, month = _periods(s, actor, [("本周", week_start, week_start + timedelta(days=6)),
                                          ("本月", month_start, next_month - timedelta(days=1))])
        return Worklist(today, queues, n_overdue, n_soon, warnings, week, month, open_total)
