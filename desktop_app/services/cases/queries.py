"""Reading cases: the list (paged, filtered and sorted in SQL), one case in full, and which actions
the acting user may take now (the answer the GUI enables its buttons from)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.clock import local_date
from desktop_app.domain import deadlines as dl
from desktop_app.domain import instalments
from desktop_app.domain.case_states import CLOSED_STATES, CaseState, state_label
from desktop_app.domain.discretion import PENALTY_LABELS, PenaltyKind, no_penalty_suggestions
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
    hearing_host,
    limitation_expired,
    load_settings,
    yuan,
)
from desktop_app.services.cases.people import logins_named
from desktop_app.services.context import AppContext
from desktop_app.services.errors import PermissionDenied
from desktop_app.services.evidence import case_evidence_rows
from desktop_app.services.records import case_record_rows
from desktop_app.store.hints import unindexed
from desktop_app.store.models import (
    Approval,
    Attachment,
    Case,
    CaseAssignment,
    CaseDeadline,
    CaseEvent,
    CaseParty,
    Document,
    EnforcementItem,
    User,
)
from desktop_app.store.models.cases import DESIGNATED_REVIEWER
from desktop_app.store.search import case_count_matching, case_ids_matching, search_ready

SHORT_QUERY = 3  # UX.md: below 3 characters only the short indexed fields are searched
# From this many matching cases on, a page is read by walking the sort column's index (it soon finds
# a page's worth) instead of starting from the matching set and sorting all of it.
LARGE_SET = 2000


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
class OfficerRef:
    login: str
    name: str


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
    handlers: list[OfficerRef] = field(default_factory=list)  # 承办人, in the order assigned
    procedure: str = "ordinary"  # ordinary | simple (简易程序: no 案号, the on-the-spot form's number)

    @property
    def number_text(self) -> str:
        """The 案号, or what stands in its place: a simple-procedure case never gets one (第五十一条),
        a clue not yet, a clue rejected or transferred before 立案 never."""
        if self.number:
            return self.number
        if self.procedure == "simple":
            return "（简易程序，无案号）"
        if self.state in (CaseState.CLUE.value, CaseState.ACCEPTED.value):
            return "（线索，未立案）"
        return "（未立案）"


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


def _deadline_status(row: Any, today: date, cal: Any) -> str:
    """`row`: a CaseDeadline, or a result row with its columns (the list reads no ORM objects)."""
    if row.kind in PARTY_WINDOWS and row.met_on is None and today > row.due:
        return dl.DeadlineStatus.MET.value  # the party's window lapsed unused: over, nobody is late
    d = dl.Deadline(dl.DeadlineKind(row.kind), row.due, dl.Counting(row.counting), row.article, row.provisional,
                    row.start, 0)
    return dl.status(d, row.met_on, today, cal).value


def _deadline_info(row: Any, today: date, cal: Any) -> DeadlineInfo:
    return DeadlineInfo(row.kind, dl.DEADLINE_KINDS[dl.DeadlineKind(row.kind)].label, row.due, row.counting,
                        row.article, _deadline_status(row, today, cal), row.provisional, row.met_on)


def visible_cases(stmt: Select[Any], actor: Actor, *, as_set: bool = False,
                  ordered_scan: bool = False) -> Select[Any]:
    """What each role may read (procedure.md, Roles): officers their own cases (registered, or held in
    any role — the 案件审核人 the leader designated too, as a DESIGNATED_REVIEWER assignment); team
    leads, legal reviewers, leaders and county supervisors all; archive clerks closed ones; admins none.

    An officer's assignments are tested per case (EXISTS, through the assignments' unique index on
    case and user): cheap where the other conditions select few cases first (a state, a search — the
    dashboard's queues). `as_set`: build the set of the officer's cases once instead (an uncorrelated
    IN, from the assignments' user index; registered_by has an index too), for the whole list.
    `ordered_scan`: for a page of many cases (see LARGE_SET), keep the planner off the indexes of the
    test so that it walks the sort order instead."""
    if actor.has(Role.TEAM_LEAD, Role.LEADER, Role.LEGAL_REVIEWER, Role.COUNTY_SUPERVISOR):
        return stmt
    conditions: list[ColumnElement[bool]] = []
    if actor.has(Role.OFFICER) and actor.user_id is not None:
        case_id = unindexed(Case.id) if ordered_scan else Case.id
        registered_by = unindexed(Case.registered_by) if ordered_scan else Case.registered_by
        # EXISTS of a column of the index, not `SELECT *`: SQLite then answers it from the assignments'
        # (user_id, case_id, role) index alone instead of reading each assignment row as well
        assigned = (case_id.in_(select(CaseAssignment.case_id).where(CaseAssignment.user_id == actor.user_id))
                    if as_set else
                    select(CaseAssignment.case_id).where(CaseAssignment.case_id == Case.id,
                                                         CaseAssignment.user_id == actor.user_id).exists())
        conditions.append(or_(registered_by == actor.login, assigned))
    if actor.has(Role.ARCHIVE_CLERK):
        conditions.append(Case.state.in_([CaseState.CLOSED.value, CaseState.ARCHIVED.value]))
    if not conditions:
        return stmt.where(False)  # type: ignore[arg-type]
    return stmt.where(or_(*conditions))


def _short_fields(text: str) -> ColumnElement[bool]:
    """The short fields (number, party names, identifiers) contain `text`, tested on the case itself:
    in the short fields' narrow index where it is scanned, on the row where the row is read anyway."""
    return or_(Case.number.contains(text, autoescape=True),
               Case.party_names.contains(text, autoescape=True),
               Case.party_identifiers.contains(text.upper(), autoescape=True))


def _search_condition(text: str, indexed: bool, ordered_scan: bool = False) -> ColumnElement[bool]:
    """UX.md, Search: below 3 characters the short fields only (number, party names, identifiers —
    scanned in their narrow index); from 3 on also place and facts, through the FTS5 trigram index
    where the store has it (`indexed`), else with LIKE (which finds the same cases). `ordered_scan`:
    a short query on a page walked in sort order (see LARGE_SET) tests each case's own short fields as
    it is met, instead of starting from the set of matches."""
    short_fields = _short_fields(text)
    if len(text) < SHORT_QUERY:
        if ordered_scan:
            return short_fields
        # the ids from the narrow index first, then only those rows: never every wide row in date order
        return Case.id.in_(select(Case.id).where(short_fields))
    if indexed:
        return Case.id.in_(case_ids_matching(text))
    return or_(short_fields, Case.facts.contains(text, autoescape=True), Case.place.contains(text, autoescape=True))


def _conditions(flt: CaseFilter, today: date, indexed: bool,
                ordered_scan: bool = False) -> tuple[list[ColumnElement[bool]], bool]:
    """The filter as conditions on Case. A condition on another table is an uncorrelated IN (the set
    built once from that table's index) where the set is what selects the cases, and a per-case
    EXISTS through the case's own rows where the cases come from elsewhere: the officer filter, and
    the overdue filter and the search on a page walked in sort order (`ordered_scan`)."""
    where: list[ColumnElement[bool]] = []
    short = False
    if flt.state:
        where.append(Case.state == flt.state)
    if flt.search and flt.search.strip():
        text = flt.search.strip()
        short = len(text) < SHORT_QUERY
        where.append(_search_condition(text, indexed, ordered_scan))
    if flt.overdue:
        # the party's lapsed windows are over, not overdue (facts.PARTY_WINDOWS)
        if ordered_scan:
            # per case while walking the sort order, through the case's own deadlines: kept off the
            # (met_on, due) index, which SQLite would otherwise pick and scan for every case
            where.append(exists().where(
                CaseDeadline.case_id == Case.id, unindexed(CaseDeadline.met_on).is_(None),
                unindexed(CaseDeadline.due) < today, CaseDeadline.kind.not_in(PARTY_WINDOWS)))
        else:
            where.append(Case.id.in_(select(CaseDeadline.case_id).where(
                CaseDeadline.met_on.is_(None), CaseDeadline.due < today, CaseDeadline.kind.not_in(PARTY_WINDOWS))))
    if flt.item_category:
        where.append(Case.item_id.in_(select(EnforcementItem.id).where(
            EnforcementItem.category.contains(flt.item_category, autoescape=True))))
    if flt.officer:
        # per case, through the assignments' unique index on (case, user): the officer's set would be
        # built from tens of thousands of rows
        officer_id = select(User.id).where(User.login == flt.officer.strip().lower()).scalar_subquery()
        where.append(select(CaseAssignment.case_id).where(CaseAssignment.case_id == Case.id,
                                                          CaseAssignment.user_id == officer_id).exists())
    if flt.opened_from:
        where.append(Case.discovered_on >= flt.opened_from)
    if flt.opened_to:
        where.append(Case.discovered_on <= flt.opened_to)
    return where, short


def _only(flt: CaseFilter, name: str) -> bool:
    """Whether `name` (search, overdue, officer) is the filter's only condition."""
    given = {"state": bool(flt.state), "search": bool(flt.search and flt.search.strip()), "overdue": flt.overdue,
             "item_category": bool(flt.item_category), "officer": bool(flt.officer),
             "opened": bool(flt.opened_from or flt.opened_to)}
    return given.pop(name) and not any(given.values())


def _walked(flt: CaseFilter) -> bool:
    """The filters whose count, for a user who sees some cases, walks the cases (see list_cases): the
    overdue and the officer filter, alone or together — nothing that selects few cases first."""
    return (flt.overdue or bool(flt.officer)) and not (
        flt.state or (flt.search and flt.search.strip()) or flt.item_category or flt.opened_from or flt.opened_to)


def _count_alone(s: Session, flt: CaseFilter, today: date, indexed: bool) -> int | None:
    """The total of a filter with one condition for a user who sees every case, from that condition's
    own index without reading the cases (None: not such a filter). Each case once: a case may have
    several overdue deadlines, a user several roles in a case."""
    text = flt.search.strip() if flt.search else ""
    if indexed and len(text) >= SHORT_QUERY and _only(flt, "search"):
        return int(s.scalar(case_count_matching(text)) or 0)
    if _only(flt, "overdue"):
        # in case id order (the case's open-deadline index), where DISTINCT only compares neighbours;
        # `case_id > ''` (UUIDs) lets the planner take that index, the + keeps it off the (met_on, due) one
        late = (select(CaseDeadline.case_id).distinct()
                .where(CaseDeadline.case_id > "", unindexed(CaseDeadline.met_on).is_(None),
                       unindexed(CaseDeadline.due) < today, CaseDeadline.kind.not_in(PARTY_WINDOWS)))
        return int(s.scalar(select(func.count()).select_from(late.subquery())) or 0)
    if _only(flt, "officer"):
        officer_id = select(User.id).where(User.login == (flt.officer or "").strip().lower()).scalar_subquery()
        return int(s.scalar(select(func.count(func.distinct(CaseAssignment.case_id)))
                            .where(CaseAssignment.user_id == officer_id)) or 0)
    return None


SORTABLE: dict[str, tuple[Any, ...]] = {
    "registered_at": (Case.registered_at,),
    # 案号 in number order (第9号 before 第10号), year by year: the text would sort 第9号 after 第99号
    "number": (Case.number_year, Case.number_seq),
    "state": (Case.state,), "item_code": (Case.item_code,),
    "party": (Case.party_sort_key,),  # pinyin order (domain.collation), as Excel and WPS sort names
    "discovered_on": (Case.discovered_on,)}


def list_cases(ctx: AppContext, actor: Actor, flt: CaseFilter | None = None,
               today: date | None = None) -> CasePage:
    flt = flt or CaseFilter()
    today = today or ctx.clock.today()
    with ctx.read() as s:
        cal = calendar_for(s)
        indexed = search_ready(s.get_bind())
        where, short = _conditions(flt, today, indexed)
        columns = SORTABLE.get(flt.sort, SORTABLE["registered_at"])
        order = (*(c.desc() if flt.descending else c.asc() for c in columns), Case.id)

        def paged(stmt: Select[Any]) -> Select[Any]:
            stmt = stmt.order_by(*order)
            if flt.offset:
                stmt = stmt.offset(flt.offset)
            return stmt.limit(flt.limit) if flt.limit is not None else stmt

        # An officer's whole list: the set of their cases, built once (measured at 100,000 cases: faster
        # than testing each case). With any other condition: tested per case of what that selects.
        whole_list = not where
        restricted = visible_cases(select(Case.id), actor).whereclause is not None

        def count() -> int:
            alone = None if restricted else _count_alone(s, flt, today, indexed)
            if alone is not None:
                return alone
            if restricted and _walked(flt):
                # the overdue or the officer filter of a user who sees some cases: walk the narrow index of
                # id, registered_by and state (`id > ''` holds for every case: UUIDs), testing each case's
                # visibility and the filter through the indexes keyed by case id — measured three to five
                # times faster at 100,000 cases than building the large sets and intersecting them
                walked = visible_cases(select(func.count()).select_from(Case).where(Case.id > ""), actor)
                return s.scalar(walked.where(*_conditions(flt, today, indexed, ordered_scan=True)[0])) or 0
            # over Case itself (not a subquery of the page's select): an index may answer alone
            counted = visible_cases(select(func.count()).select_from(Case), actor, as_set=whole_list)
            return s.scalar(counted.where(*where)) or 0

        # The page reads columns, never ORM objects: building ~900 mapped instances (cases with all their
        # columns, parties, assignments, deadlines) cost more than every query of the page together.
        shown = (Case.id, Case.number, Case.state, Case.item_code, Case.registered_at, Case.procedure)

        def by_ids(ids: list[str]) -> list[Any]:
            loaded: dict[str, Any] = {}
            for start in range(0, len(ids), 500):
                loaded.update((c.id, c) for c in s.execute(select(*shown).where(Case.id.in_(ids[start:start + 500]))))
            return [loaded[i] for i in ids]

        def short_search_page(text: str) -> tuple[int, list[Any]]:
            """A search of 1-2 characters and nothing else (UX.md: the short fields only), where a name's
            first character or the office's prefix of every 案号 (文水) is in most of the cases. Its
            matches are taken from the short fields' index in id order until LARGE_SET of them are found
            (`id > ''` holds for every case: UUIDs) — the index scanned to its end only where there
            are fewer: then those are every match, and the page and the total come from that set in one
            statement, as for any search. As many, and the total is counted walking that index (an
            officer's assignment looked up only for a case that matches, and in id order), and the
            page is found by walking the sort order, testing each case's own short fields as it is met:
            reading and sorting every one of 87,000 matches for a page of them took half a second at
            100,000 cases."""
            matching = visible_cases(select(Case.id).where(Case.id > "", _short_fields(text)), actor,
                                     ordered_scan=True)
            capped: Select[Any] = select(Case.id, func.count().over())  # type: ignore[assignment]
            found = s.execute(paged(capped.where(Case.id.in_(matching.limit(LARGE_SET))))).all()
            if found and found[0][1] < LARGE_SET:
                return int(found[0][1]), by_ids([row[0] for row in found])
            if not found and not flt.offset:
                return 0, []
            counted = visible_cases(select(func.count()).select_from(Case).where(Case.id > "", _short_fields(text)),
                                    actor, ordered_scan=True)
            total = int(s.scalar(counted) or 0)
            if total <= flt.offset:
                return total, []
            page: Select[Any] = select(*shown)  # type: ignore[assignment]
            walked = visible_cases(page, actor, ordered_scan=True).where(
                *_conditions(flt, today, indexed, ordered_scan=True)[0])
            return total, list(s.execute(paged(walked)))

        text_searched = flt.search.strip() if flt.search and flt.search.strip() else ""
        # A full-text search that nothing else filters, for a user who sees every case: the total from
        # the index alone (each case one row of it, a millisecond). Many cases (a word of the facts in
        # 12,000 of them) are then paged by walking the sort order testing each case against the
        # index's set — a page is soon found, where reading and sorting every match cost 60 ms more.
        fts_total = (count() if indexed and not restricted and len(text_searched) >= SHORT_QUERY
                     and _only(flt, "search") else None)
        if fts_total is not None and fts_total >= LARGE_SET:
            total = fts_total
            page_rows: Select[Any] = select(*shown)  # type: ignore[assignment]
            cases = list(s.execute(paged(page_rows.where(unindexed(Case.id).in_(
                case_ids_matching(text_searched)))))) if total > flt.offset else []
            ids: list[str] = [c.id for c in cases]
        elif 0 < len(text_searched) < SHORT_QUERY and _only(flt, "search") and not actor.has(Role.ARCHIVE_CLERK):
            # (an archive clerk's cases are told by their state, which the short fields' index lacks; with
            # other filters the search's set is intersected with theirs below, as before)
            total, cases = short_search_page(text_searched)
            ids = [c.id for c in cases]
        elif text_searched:
            # A search selects a set (FTS5 or the short fields' index): the page's ids and the total in
            # one statement, so that the set is built once; then the page's cases by id.
            window: Select[Any] = select(Case.id, func.count().over())  # type: ignore[assignment]
            found = s.execute(paged(visible_cases(window, actor).where(*where))).all()
            ids = [row[0] for row in found]
            total = int(found[0][1]) if found else (count() if flt.offset else 0)
            cases = by_ids(ids)
        if not text_searched:
            total = count()
            large = total >= LARGE_SET
            page_where = _conditions(flt, today, indexed, ordered_scan=True)[0] if large else where
            page: Select[Any] = select(*shown)  # type: ignore[assignment]
            # many cases: walk the sort order testing each (a page is found within a few hundred)
            cases = list(s.execute(paged(visible_cases(page, actor, as_set=whole_list and not large,
                                                       ordered_scan=large).where(*page_where))))
            ids = [c.id for c in cases]
        deadline_columns = (CaseDeadline.case_id, CaseDeadline.kind, CaseDeadline.start, CaseDeadline.due,
                            CaseDeadline.counting, CaseDeadline.article, CaseDeadline.provisional,
                            CaseDeadline.met_on)
        by_case: dict[str, list[Any]] = {}
        parties: dict[str, list[PartyRef]] = {}
        handlers: dict[str, list[OfficerRef]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for d in s.execute(select(*deadline_columns).where(CaseDeadline.case_id.in_(chunk))):
                by_case.setdefault(d.case_id, []).append(d)
            for case_id, party_id, snapshot in s.execute(
                    select(CaseParty.case_id, CaseParty.party_id, CaseParty.snapshot)
                    .where(CaseParty.case_id.in_(chunk)).order_by(CaseParty.case_id, CaseParty.position)):
                parties.setdefault(case_id, []).append(
                    PartyRef(party_id, snapshot.get("name", ""), snapshot.get("kind", "")))
            for case_id, login, name in s.execute(
                    select(CaseAssignment.case_id, User.login, User.name)
                    .join(User, User.id == CaseAssignment.user_id)
                    .where(CaseAssignment.case_id.in_(chunk), CaseAssignment.role_in_case == CaseRole.HANDLER.value)
                    .order_by(CaseAssignment.case_id, CaseAssignment.assigned_at)):
                handlers.setdefault(case_id, []).append(OfficerRef(login, name))
        rows = []
        for c in cases:
            infos = sorted((_deadline_info(d, today, cal) for d in by_case.get(c.id, [])), key=lambda i: i.due)
            rows.append(CaseRow(
                c.id, c.number, c.state, state_label(c.state), c.item_code, parties.get(c.id, []),
                local_date(c.registered_at), any(i.status == "overdue" for i in infos), infos,
                handlers.get(c.id, []), c.procedure))
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
    actor: str  # the login
    officers: list[str]
    data: dict[str, Any]
    note: str
    actor_name: str = ""  # the person's name (the login where no user has it, e.g. "system")


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
class InstalmentInfo:
    """One instalment of an approved 分期缴纳 plan and where it stands (paid | overdue | due)."""

    due: date
    amount: str
    paid: str
    status: str


@dataclass(frozen=True)
class ExecutionInfo:
    fine: str | None
    paid: str
    outstanding: str | None
    surcharge: str | None
    surcharge_until: date | None
    deferred_until: date | None = None
    instalments: list[InstalmentInfo] = field(default_factory=list)


@dataclass(frozen=True)
class NotifiedPenalty:
    """The penalty the 行政处罚事先告知书 announced (the latest notice): a decision may not be heavier
    without a new notice (第四十五条第二款)."""

    kind: str
    kind_label: str
    amount: str | None  # yuan, for a fine


def _notified_penalty(case: Case) -> NotifiedPenalty | None:
    notified = case.notified_penalty or {}
    kind = str(notified.get("penalty") or "")
    if not kind:
        return None
    label = PENALTY_LABELS[PenaltyKind(kind)] if kind in PenaltyKind._value2member_map_ else kind
    amount = notified.get("amount")
    return NotifiedPenalty(kind, label, f"{Decimal(str(amount)):.2f}" if amount not in (None, "") else None)


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
    notified_penalty: NotifiedPenalty | None = None
    close_reason: str | None = None
    people: dict[str, str] = field(default_factory=dict)  # login → name of everyone the timeline names


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
    plan, paid_before = instalments.from_record(case.instalments)
    if plan:  # 分期: only the instalments past due are late, not those still to come
        outstanding = instalments.late_fen(plan, case.paid_fen - paid_before, today)
    amount = min(outstanding, outstanding * 3 * days // 100)
    # 3 % a day reaches the fine itself after 34 days; from then on it stays at the fine
    cap_day = payment_due + timedelta(days=34)
    return f"{amount / 100:.2f}", cap_day


def _instalments(case: Case, today: date) -> list[InstalmentInfo]:
    plan, paid_before = instalments.from_record(case.instalments)
    return [InstalmentInfo(i.due, f"{i.fen / 100:.2f}", f"{i.covered_fen / 100:.2f}", i.status)
            for i in instalments.standing(plan, case.paid_fen - paid_before, today)]


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
# assignments that are not roles of the procedure (domain CaseRole)
EXTRA_ROLE_LABELS = {DESIGNATED_REVIEWER: "指定的案件审核人"}


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
        facts = case_facts(s, case, settings, cal, demo=ctx.is_demo, on=today)
        item = s.get(EnforcementItem, case.item_id)
        assert item is not None
        users = {u.id: u for u in s.scalars(select(User).where(
            User.id.in_([a.user_id for a in case.assignments])))}
        # the designated 案件审核人 who has reviewed is listed once, as 案件审核人
        reviewed = {a.user_id for a in case.assignments if a.role_in_case == CaseRole.CASE_REVIEWER.value}
        officers = [OfficerInCase(users[a.user_id].login, users[a.user_id].name, a.role_in_case,
                                  CASE_ROLE_LABELS.get(CaseRole(a.role_in_case), a.role_in_case)
                                  if a.role_in_case in CaseRole._value2member_map_
                                  else EXTRA_ROLE_LABELS.get(a.role_in_case, a.role_in_case))
                    for a in sorted(case.assignments, key=lambda a: a.assigned_at) if a.user_id in users
                    and not (a.role_in_case == DESIGNATED_REVIEWER and a.user_id in reviewed)]
        deadline_rows = s.scalars(select(CaseDeadline).where(CaseDeadline.case_id == case.id))
        deadlines = sorted((_deadline_info(d, today, cal) for d in deadline_rows), key=lambda i: i.due)
        events = list(s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                .order_by(CaseEvent.occurred_at, CaseEvent.recorded_at)))
        # Everyone who acted, not only the case's officers (a leader who decided, a reviewer): their
        # names in one query for the set of logins.
        logins: set[str] = set().union(*(logins_named(e.actor, e.officers, e.data) for e in events))
        names = {str(login): str(name) for login, name in
                 s.execute(select(User.login, User.name).where(User.login.in_(sorted(logins))))} if logins else {}
        timeline = [TimelineEntry(e.occurred_at, e.recorded_at, e.action, event_label(e.action),
                                  e.from_state, e.to_state, state_label(e.to_state), e.actor, list(e.officers),
                                  dict(e.data), e.note, names.get(e.actor) or e.actor) for e in events]
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
            surcharge=surcharge, surcharge_until=until, deferred_until=case.deferred_until,
            instalments=_instalments(case, today))
        decision: dict[str, Any] = {}
        if case.decision_kind:
            decision = {"kind": case.decision_kind, "penalty": case.penalty_kind,
                        "amount": f"{fine:.2f}" if fine is not None else None, "tier": case.tier,
                        "explanation": case.discretion_explanation, "decided_on": case.decided_on}
            if case.decision_kind == "no_penalty":  # its ground, as the decide event keeps it
                decide = next((e for e in reversed(timeline) if e.action == "decide"), None)
                decision["ground"] = decide.data.get("ground") if decide is not None else None
        return CaseDetail(
            id=case.id, number=case.number, state=case.state, state_label=state_label(case.state),
            procedure=case.procedure, item_code=case.item_code, item_name=item.name, item_major=item.major,
            source=case.source, facts=case.facts, place=case.place, act_date=case.act_date,
            continuing=case.continuing, discovered_on=case.discovered_on, filed_on=case.filed_on,
            decided_on=case.decided_on, closed_on=case.closed_on, close_reason=case.close_reason,
            parties=[{"id": p.party_id, **p.snapshot} for p in case.parties], officers=officers,
            documents=documents, evidence=evidence, records=records, approvals=approvals, deadlines=deadlines,
            timeline=timeline, suggestions=suggestions, execution=execution, decision=decision,
            legal_review_required=facts.legal_review_required, legal_review_reason=facts.legal_review_reason,
            notified_penalty=_notified_penalty(case), people=names)


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
        facts = case_facts(s, case, settings, cal, demo=ctx.is_demo, on=today)
        answers = allowed_actions(facts, actor_facts(s, actor), today, settings=settings.procedure)
    return [ActionAnswer(a.value, ACTION_LABELS[a], v.allowed, v.reason, v.article) for a, v in answers]



@dataclass(frozen=True)
class ActionCheck:
    """The workflow's answer for one step with its options, before it is taken (the dialogs ask,
    so that a refusal or a warning is shown before the user confirms, in the rules' own words)."""

    allowed: bool
    reason: str | None
    article: str | None
    warnings: tuple[str, ...]


def check_action(ctx: AppContext, actor: Actor, ref: str, action: str, options: Any = None,
                 today: date | None = None) -> ActionCheck:
    """procedure.evaluate for one action with its options (an ActionOptions; None = at all), as
    perform() will judge it — without taking the step."""
    from desktop_app.domain.procedure import evaluate  # local: keeps the import block untouched

    today = today or ctx.clock.today()
    with ctx.read() as s:
        case = find_case(s, ref)
        _check_visible(s, actor, case)
        settings = load_settings(s)
        cal = calendar_for(s)
        facts = case_facts(s, case, settings, cal, demo=ctx.is_demo, on=today)
        verdict = evaluate(CaseAction(action), facts, actor_facts(s, actor), today, options=options,
                           settings=settings.procedure)
    return ActionCheck(verdict.allowed, verdict.reason, verdict.article, tuple(verdict.warnings))


def open_duties(ctx: AppContext, login: str, limit: int = 10) -> list[str]:
    """What a user still has to do in cases not yet closed — 承办 a case, 主持 a hearing named for them,
    审核 a case designated to them — as lines "案号：角色", for the admin about to 停用 the account (the
    case would wait for someone who can no longer log in)."""
    with ctx.read() as s:
        user = s.scalar(select(User).where(User.login == login.strip().lower()))
        if user is None:
            return []
        open_states = [st.value for st in CaseState if st not in CLOSED_STATES]
        labels = {CaseRole.HANDLER.value: "承办人", DESIGNATED_REVIEWER: "指定的案件审核人"}
        rows = s.execute(select(Case.number, Case.id, CaseAssignment.role_in_case)
                         .join(CaseAssignment, CaseAssignment.case_id == Case.id)
                         .where(CaseAssignment.user_id == user.id, CaseAssignment.role_in_case.in_(list(labels)),
                                Case.state.in_(open_states))
                         .order_by(Case.number).limit(limit)).all()
        lines = [f"{number or '线索 ' + case_id[:8]}：{labels[role]}" for number, case_id, role in rows]
        # a hearing named for them and not yet held (the host is assigned only when it is held)
        named = select(Approval.case_id).where(Approval.what == "hearing_host", Approval.host_user_id == user.id)
        waiting = s.scalars(select(Case).where(Case.state == CaseState.HEARING.value, Case.id.in_(named))
                            .order_by(Case.number).limit(limit)).all()
        lines += [f"{case.number}：听证主持人（听证尚未举行）" for case in waiting if hearing_host(s, case) == user.id]
        return lines[:limit]
