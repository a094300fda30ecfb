"""统计: this week's and this month's figures for the weekly check and the monthly report (每周一检点，
每月一通报 — seed 000 §11): cases by state now, cases filed, decided and closed in the period, fines
decided (and how much of them is paid), overdue deadlines, and the period's cases by item category.

Every figure is an aggregate query over what the user may read (`visible_cases`) — plain SQL
(SUM(CASE …), GROUP BY) that SQLite and a server database both run, a few passes whatever the
number of cases, never a loop over rows in Python."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from desktop_app.clock import SHANGHAI
from desktop_app.domain import deadlines as dl
from desktop_app.domain.case_states import CLOSED_STATES, CaseState, state_label
from desktop_app.services.actor import Actor
from desktop_app.services.cases.facts import PARTY_WINDOWS
from desktop_app.services.cases.queries import visible_cases
from desktop_app.services.context import AppContext
from desktop_app.store.hints import unindexed
from desktop_app.store.models import Case, CaseDeadline, EnforcementItem

_CLOSED = [s.value for s in CLOSED_STATES]
_ENDED = [CaseState.CLOSED.value, CaseState.ARCHIVED.value]


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


@dataclass(frozen=True)
class CategoryCount:
    category: str
    registered: int
    filed: int
    decided: int
    fines_decided_fen: int


@dataclass(frozen=True)
class PeriodFigures:
    label: str  # 本周 / 本月
    start: date
    end: date
    registered: int
    filed: int
    decided: int
    penalties: int  # decisions to punish (of `decided`)
    closed: int
    fines_decided_fen: int
    fines_paid_fen: int  # of the fines decided in the period, what has been paid so far
    by_category: list[CategoryCount]


@dataclass(frozen=True)
class OverdueCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Statistics:
    today: date
    by_state: list[StateCount]  # every state, in the procedure's order (zeros included)
    open_total: int
    overdue_deadlines: int
    overdue_cases: int
    overdue_by_kind: list[OverdueCount]
    outstanding_fen: int  # fines decided and not yet paid, in cases not closed
    week: PeriodFigures
    month: PeriodFigures


def week_of(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


def month_of(day: date) -> tuple[date, date]:
    start = day.replace(day=1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in Asia/Shanghai, for instants stored in UTC."""
    return (datetime.combine(start, time(0, 0), tzinfo=SHANGHAI),
            datetime.combine(end + timedelta(days=1), time(0, 0), tzinfo=SHANGHAI))


def _within(column: Any, start: date, end: date) -> ColumnElement[bool]:
    return and_(column >= start, column <= end)


_FIGURES = 7  # registered, filed, decided, penalties, closed, fines decided, of them paid


def _period_columns(start: date, end: date) -> list[Any]:
    """The SUM(CASE …) columns of one period (see _FIGURES)."""
    lo, hi = _bounds(start, end)
    registered = and_(Case.registered_at >= lo, Case.registered_at < hi)
    filed = _within(Case.filed_on, start, end)
    decided = _within(Case.decided_on, start, end)
    penalty = and_(decided, Case.decision_kind == "penalty")
    closed = and_(_within(Case.closed_on, start, end), Case.state.in_(_ENDED))

    def count(cond: ColumnElement[bool]) -> Any:
        return func.sum(case((cond, 1), else_=0))

    fines = func.sum(case((penalty, func.coalesce(Case.fine_fen, 0)), else_=0))
    paid = func.sum(case((penalty, Case.paid_fen), else_=0))
    return [count(registered), count(filed), count(decided), count(penalty), count(closed), fines, paid]


def _restricted(actor: Actor) -> bool:
    """Whether the user sees only some cases (an officer, the archive clerk)."""
    return visible_cases(select(Case.id), actor).whereclause is not None


def statistics(ctx: AppContext, actor: Actor, today: date | None = None, *, period_of: date | None = None
               ) -> Statistics:
    """The figures of the week and the month containing `period_of` (default: `today`, e.g. last
    month's day for its 通报), as the actor may see them; states and overdue deadlines are as of today.

    Each figure from an index, never a pass over the wide case rows: the cases by state (the state
    index; an officer's cases in the narrow index of id, registered_by and state), the fines
    outstanding (the index of decision_kind, state and amounts), the period's cases through the
    indexes of the dates registered, filed, decided and closed (an OR of ranges), grouped by item —
    and the overdue deadlines through the open-deadline index (met_on, due)."""
    today = today or ctx.clock.today()
    day = period_of or today
    current = day == today or (week_of(day) == week_of(today) and month_of(day) == month_of(today))
    labels_now = ("本周", "本月") if current else ("当周", "当月")
    periods = [(labels_now[0], *week_of(day)), (labels_now[1], *month_of(day))]
    columns: list[Any] = []
    for _label, start, end in periods:
        columns += _period_columns(start, end)
    first, last = min(p[1] for p in periods), max(p[2] for p in periods)
    lo, hi = _bounds(first, last)
    touched = or_(and_(Case.registered_at >= lo, Case.registered_at < hi), _within(Case.filed_on, first, last),
                  _within(Case.decided_on, first, last), _within(Case.closed_on, first, last))
    restricted = _restricted(actor)
    with ctx.read() as s:
        by_state_stmt: Any = select(Case.state, func.count()).select_from(Case).group_by(Case.state)
        if restricted:
            # `id > ''` holds for every case (ids are UUIDs): it lets the planner walk the narrow index
            # that starts with id, where the per-case visibility lookups stay in order; grouped by the
            # unindexed state, else it walks the state index for its order (measured four times slower)
            by_state_stmt = (select(Case.state, func.count()).select_from(Case).where(Case.id > "")
                             .group_by(unindexed(Case.state)))
        state_counts = {str(st): int(n) for st, n in s.execute(visible_cases(by_state_stmt, actor))}
        # decided fines not yet paid in full, in open cases (the states listed, not "not closed": an IN
        # the index answers)
        open_states = [st.value for st in CaseState if st.value not in _CLOSED]
        owed = s.scalar(visible_cases(
            select(func.sum(func.coalesce(Case.fine_fen, 0) - Case.paid_fen)).select_from(Case), actor)
            .where(Case.decision_kind == "penalty", Case.state.in_(open_states), Case.fine_fen > Case.paid_fen))
        outstanding_fen = int(owed or 0)
        grouped: Any = (select(Case.item_id, *columns).select_from(Case).where(touched).group_by(Case.item_id))
        groups = s.execute(visible_cases(grouped, actor)).all()
        categories = {str(i): str(c) for i, c in s.execute(select(EnforcementItem.id, EnforcementItem.category))}

        # a lapsed party window (陈述申辩, 听证申请) is the party's right lapsing, not the office's work
        # overdue: left out as in the dashboard and the case list's overdue filter (facts.PARTY_WINDOWS)
        live = and_(CaseDeadline.met_on.is_(None), CaseDeadline.due < today, CaseDeadline.kind.not_in(PARTY_WINDOWS))
        labels = {k.value: spec.label for k, spec in dl.DEADLINE_KINDS.items()}
        if restricted:
            # only some cases are visible to this user: walk them in id order and read each case's
            # overdue deadlines in the index of its open deadlines (unindexed: kept off the office-wide
            # (met_on, due) index, from which every overdue deadline would be tested for visibility —
            # random lookups, three times slower; see worklist._overdue_and_open). One walk gives the
            # cases and the deadlines of each kind.
            known = [k for k in labels if k not in PARTY_WINDOWS]
            theirs = visible_cases(select(Case.id).where(Case.id > ""), actor)
            walk = (select(func.count(func.distinct(CaseDeadline.case_id)), func.count(),
                           *(func.sum(case((CaseDeadline.kind == k, 1), else_=0)) for k in known))
                    .where(CaseDeadline.case_id.in_(theirs), unindexed(CaseDeadline.met_on).is_(None),
                           unindexed(CaseDeadline.due) < today, CaseDeadline.kind.not_in(PARTY_WINDOWS)))
            walked = s.execute(walk).one()
            overdue_cases, n_late = int(walked[0] or 0), int(walked[1] or 0)
            kinds_rows = [(k, int(n or 0)) for k, n in zip(known, walked[2:], strict=True) if n]
            if sum(n for _k, n in kinds_rows) != n_late:  # a kind this version doesn't know: by kind
                per_kind: Any = (select(CaseDeadline.kind, func.count()).join(Case, Case.id == CaseDeadline.case_id)
                            .where(live).group_by(CaseDeadline.kind))
                kinds_rows = [(str(k), int(n)) for k, n in s.execute(visible_cases(per_kind, actor))]
        else:
            # every case: the open-deadline index (met_on, due, kind, case_id) answers alone
            kinds_rows = [(str(k), int(n)) for k, n in s.execute(
                select(CaseDeadline.kind, func.count()).where(live).group_by(CaseDeadline.kind))]
            overdue_cases = s.scalar(select(func.count(func.distinct(CaseDeadline.case_id))).where(live)) or 0

    totals = [[0] * _FIGURES for _ in periods]
    by_category: list[dict[str, list[int]]] = [{} for _ in periods]
    for row in groups:
        item_id = str(row[0])
        values = [int(v or 0) for v in row[1:]]
        category = categories.get(item_id, "—")
        for p in range(len(periods)):
            figures = values[p * _FIGURES:(p + 1) * _FIGURES]
            totals[p] = [a + b for a, b in zip(totals[p], figures, strict=True)]
            # by category: registered, filed, decided, fines decided
            picked = [figures[0], figures[1], figures[2], figures[5]]
            if any(picked):
                acc = by_category[p].setdefault(category, [0, 0, 0, 0])
                by_category[p][category] = [a + b for a, b in zip(acc, picked, strict=True)]

    by_state = [StateCount(st.value, state_label(st.value), state_counts.get(st.value, 0)) for st in CaseState]
    open_total = sum(n for st, n in state_counts.items() if st not in _CLOSED)
    kinds = Counter({str(kind): int(n) for kind, n in kinds_rows})
    overdue_by_kind = sorted((OverdueCount(kind, labels.get(kind, kind), n) for kind, n in kinds.items()),
                             key=lambda o: (-o.count, o.kind))
    out = []
    for p, (label, start, end) in enumerate(periods):
        t = totals[p]
        cats = [CategoryCount(c, v[0], v[1], v[2], v[3]) for c, v in sorted(by_category[p].items())]
        out.append(PeriodFigures(label, start, end, t[0], t[1], t[2], t[3], t[4], t[5], t[6], cats))
    return Statistics(today, by_state, open_total, sum(kinds.values()), int(overdue_cases),
                      overdue_by_kind, outstanding_fen, out[0], out[1])
