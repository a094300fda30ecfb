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

from sqlalchemy import ColumnElement, and_, case, func, select

from desktop_app.clock import SHANGHAI
from desktop_app.domain import deadlines as dl
from desktop_app.domain.case_states import CLOSED_STATES, CaseState, state_label
from desktop_app.services.actor import Actor
from desktop_app.services.cases.queries import visible_cases
from desktop_app.services.context import AppContext
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


def statistics(ctx: AppContext, actor: Actor, today: date | None = None, *, period_of: date | None = None
               ) -> Statistics:
    """The figures of the week and the month containing `period_of` (default: `today`, e.g. last
    month's day for its 通报), as the actor may see them; states and overdue deadlines are as of today.

    Two statements: one pass over the cases grouped by (item, state) — the dates filed, decided and
    closed have no index, so a pass is needed anyway, and grouping gives the states, the categories
    and the totals from that same pass (a few hundred groups, summed here) — and the overdue
    deadlines through the open-deadline index (met_on, due)."""
    today = today or ctx.clock.today()
    day = period_of or today
    current = day == today or (week_of(day) == week_of(today) and month_of(day) == month_of(today))
    labels_now = ("本周", "本月") if current else ("当周", "当月")
    periods = [(labels_now[0], *week_of(day)), (labels_now[1], *month_of(day))]
    columns: list[Any] = []
    for _label, start, end in periods:
        columns += _period_columns(start, end)
    outstanding = func.sum(case((and_(Case.decision_kind == "penalty", Case.fine_fen > Case.paid_fen),
                                 func.coalesce(Case.fine_fen, 0) - Case.paid_fen), else_=0))
    with ctx.read() as s:
        grouped: Any = (select(Case.item_id, Case.state, func.count(), outstanding, *columns)
                        .select_from(Case).group_by(Case.item_id, Case.state))
        groups = s.execute(visible_cases(grouped, actor)).all()
        categories = {str(i): str(c) for i, c in s.execute(select(EnforcementItem.id, EnforcementItem.category))}

        live = and_(CaseDeadline.met_on.is_(None), CaseDeadline.due < today)
        overdue: Any = select(CaseDeadline.case_id, CaseDeadline.kind).where(live)
        if visible_cases(select(Case.id), actor).whereclause is not None:
            # only some cases are visible to this user: through them (else the index answers alone)
            overdue = visible_cases(overdue.join(Case, Case.id == CaseDeadline.case_id), actor)
        overdue_rows = s.execute(overdue).all()

    state_counts: dict[str, int] = {}
    outstanding_fen = 0
    totals = [[0] * _FIGURES for _ in periods]
    by_category: list[dict[str, list[int]]] = [{} for _ in periods]
    for row in groups:
        item_id, state, n, owed = str(row[0]), str(row[1]), int(row[2]), int(row[3] or 0)
        state_counts[state] = state_counts.get(state, 0) + n
        if state not in _CLOSED:
            outstanding_fen += owed
        values = [int(v or 0) for v in row[4:]]
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
    labels = {k.value: spec.label for k, spec in dl.DEADLINE_KINDS.items()}
    kinds = Counter(str(kind) for _case, kind in overdue_rows)
    overdue_by_kind = sorted((OverdueCount(kind, labels.get(kind, kind), n) for kind, n in kinds.items()),
                             key=lambda o: (-o.count, o.kind))
    out = []
    for p, (label, start, end) in enumerate(periods):
        t = totals[p]
        cats = [CategoryCount(c, v[0], v[1], v[2], v[3]) for c, v in sorted(by_category[p].items())]
        out.append(PeriodFigures(label, start, end, t[0], t[1], t[2], t[3], t[4], t[5], t[6], cats))
    return Statistics(today, by_state, open_total, len(overdue_rows), len({c for c, _kind in overdue_rows}),
                      overdue_by_kind, outstanding_fen, out[0], out[1])
