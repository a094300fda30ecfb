"""统计 (services.statistics): the week's and the month's figures of cases walked through the services,
and the same figures recounted in Python over every row of a demo office (the SQL must agree)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from desktop_app.clock import SHANGHAI
from desktop_app.domain.case_states import CLOSED_STATES
from desktop_app.services import items as items_service
from desktop_app.services.archiving import archive_case, cases_to_archive
from desktop_app.services.cases.facts import PARTY_WINDOWS
from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.services.errors import Refused
from desktop_app.services.statistics import month_of, statistics, week_of
from desktop_app.services.users import resolve_actor
from desktop_app.store.models import Case, CaseDeadline, EnforcementItem
from tests.workflow.conftest import Walker
from tests.workflow.test_paths import HANDLERS, to_decided_fine

TODAY = date(2026, 11, 23)  # the fixed clock: a Monday


def test_week_and_month_of_cases_walked_through_the_services(walker: Walker) -> None:
    w = walker
    # this week: a fine on the spot (simple procedure), partly paid
    w.new(item="XF-01", on="2026-11-23 08:00")
    w.do("demo-officer1", "decide_on_spot", "2026-11-23 08:30", officers=list(HANDLERS), penalty="fine",
         amount=200, form_number="WS-0009001")
    w.do("demo-officer1", "pay", "2026-11-23 09:00", amount=150)
    # this month, not this week: filed on 11-02, decided (1000 元) on 11-15
    to_decided_fine(w, date(2026, 11, 2), amount=1000)
    # last month: a clue never accepted — its filing deadline is overdue now
    w.new(item="DQ-01", on="2026-10-05 09:00")

    leader = w.who("demo-leader")
    stats = statistics(w.ctx, leader, TODAY)
    assert (stats.week.start, stats.week.end) == (date(2026, 11, 23), date(2026, 11, 29))
    assert (stats.month.start, stats.month.end) == (date(2026, 11, 1), date(2026, 11, 30))
    week, month = stats.week, stats.month
    assert (week.registered, week.filed, week.decided, week.penalties, week.closed) == (1, 0, 1, 1, 0)
    assert (week.fines_decided_fen, week.fines_paid_fen) == (20000, 15000)
    assert (month.registered, month.filed, month.decided, month.penalties) == (2, 1, 2, 2)
    assert (month.fines_decided_fen, month.fines_paid_fen) == (120000, 15000)
    assert stats.outstanding_fen == 5000 + 100000
    states = {s.state: s.count for s in stats.by_state}
    assert states["clue"] == 1 and states["executing"] == 1 and states["decided"] == 1
    assert sum(states.values()) == 3 and stats.open_total == 3
    assert stats.overdue_deadlines >= 1 and stats.overdue_cases >= 1
    assert any(o.kind == "filing" for o in stats.overdue_by_kind)

    fire = items_service.get_item(w.ctx, "XF-01").category
    burning = items_service.get_item(w.ctx, "DQ-01").category
    week_cats = {c.category: c for c in week.by_category}
    month_cats = {c.category: c for c in month.by_category}
    assert set(week_cats) == {fire}
    assert (week_cats[fire].registered, week_cats[fire].decided, week_cats[fire].fines_decided_fen) == (1, 1, 20000)
    assert month_cats[burning].filed == 1 and month_cats[burning].fines_decided_fen == 100000

    # last month's 通报: the week and the month containing a day of October
    october = statistics(w.ctx, leader, TODAY, period_of=date(2026, 10, 5))
    assert (october.week.label, october.month.label) == ("当周", "当月")
    assert (october.month.start, october.month.end) == (date(2026, 10, 1), date(2026, 10, 31))
    assert (october.week.start, october.week.registered, october.month.registered) == (date(2026, 10, 5), 1, 1)
    assert october.overdue_deadlines == stats.overdue_deadlines  # still as of today
    assert (stats.week.label, stats.month.label) == ("本周", "本月")

    # an officer sees only their own cases; the archive clerk only closed ones (none yet)
    clerk = statistics(w.ctx, w.who("demo-clerk"), TODAY)
    assert clerk.month.registered == 0 and sum(s.count for s in clerk.by_state) == 0
    other = statistics(w.ctx, w.who("demo-officer4"), TODAY)
    assert other.month.registered == 0


def _recount(ctx: AppContext, today: date) -> dict[str, object]:
    """The figures recounted in Python over every case row (what the SQL must agree with)."""
    out: dict[str, object] = {}
    closed = {s.value for s in CLOSED_STATES}
    with ctx.read() as s:
        cases = list(s.scalars(select(Case)))
        categories = {i: c for i, c in s.execute(select(EnforcementItem.id, EnforcementItem.category))}
        deadlines = list(s.scalars(select(CaseDeadline)))
    out["states"] = Counter(c.state for c in cases)
    out["open"] = sum(1 for c in cases if c.state not in closed)
    for label, (start, end) in (("week", week_of(today)), ("month", month_of(today))):
        lo = datetime.combine(start, time(0), tzinfo=SHANGHAI)
        hi = datetime.combine(end + timedelta(days=1), time(0), tzinfo=SHANGHAI)

        def within(d: date | None, start: date = start, end: date = end) -> bool:
            return d is not None and start <= d <= end

        reg = [c for c in cases if lo <= c.registered_at < hi]
        dec = [c for c in cases if within(c.decided_on)]
        pen = [c for c in dec if c.decision_kind == "penalty"]
        out[label] = (len(reg), sum(1 for c in cases if within(c.filed_on)), len(dec), len(pen),
                      sum(1 for c in cases if within(c.closed_on) and c.state in ("closed", "archived")),
                      sum(c.fine_fen or 0 for c in pen), sum(c.paid_fen for c in pen))
        out[label + "_cat"] = Counter(categories[c.item_id] for c in reg)
    overdue = [d for d in deadlines if d.met_on is None and d.due < today and d.kind not in PARTY_WINDOWS]
    out["overdue"] = (len(overdue), len({d.case_id for d in overdue}), Counter(d.kind for d in overdue))
    out["outstanding"] = sum((c.fine_fen or 0) - c.paid_fen for c in cases if c.state not in closed
                             and c.decision_kind == "penalty" and (c.fine_fen or 0) > c.paid_fen)
    return out


def test_the_sql_agrees_with_a_recount_over_every_case(ctx: AppContext) -> None:
    create_demo(ctx, cases=150, seed=11, start=date(2026, 8, 3))
    leader = resolve_actor(ctx, "demo-leader", via="cli")
    with ctx.read() as s:
        decided = sorted(d for d in s.scalars(select(Case.decided_on)) if d is not None)
    # days where the demo has figures (its cases spread over some months), and the clock's own day
    days = [TODAY, decided[len(decided) // 2], decided[-1], decided[-1] + timedelta(days=3)]
    figures = 0
    for today in days:
        stats = statistics(ctx, leader, today)
        figures += stats.month.registered + stats.month.decided + stats.week.decided
        expected = _recount(ctx, today)
        assert {s.state: s.count for s in stats.by_state if s.count} == dict(expected["states"])  # type: ignore[call-overload]
        assert stats.open_total == expected["open"]
        for period, key in ((stats.week, "week"), (stats.month, "month")):
            assert (period.registered, period.filed, period.decided, period.penalties, period.closed,
                    period.fines_decided_fen, period.fines_paid_fen) == expected[key], (today, key)
            assert {c.category: c.registered for c in period.by_category if c.registered} == dict(
                expected[key + "_cat"])  # type: ignore[call-overload]
        n, cases, kinds = expected["overdue"]  # type: ignore[misc]
        assert (stats.overdue_deadlines, stats.overdue_cases) == (n, cases)
        assert {o.kind: o.count for o in stats.overdue_by_kind} == dict(kinds)
        assert stats.outstanding_fen == expected["outstanding"]
    assert figures > 0  # the periods compared were not all empty


def test_the_archive_queue_and_archiving_through_the_workflow(ctx: AppContext) -> None:
    create_demo(ctx, cases=120, seed=11, start=date(2026, 6, 1))
    clerk = resolve_actor(ctx, "demo-clerk", via="gui")
    page = cases_to_archive(ctx, clerk, limit=5)
    with ctx.read() as s:
        closed = s.scalars(select(Case).where(Case.state == "closed")).all()
        expected_first = min(closed, key=lambda c: (c.closed_on, c.number or "", c.id))
    assert page.total == len(closed) > 5 and len(page.rows) == 5
    assert page.rows[0].case_id == expected_first.id  # longest waiting first
    assert [r.closed_on for r in page.rows] == sorted(r.closed_on for r in page.rows)  # type: ignore[type-var]
    number = next(c.number for c in closed if c.number)  # simple-procedure cases have none
    assert cases_to_archive(ctx, clerk, search=number).total == 1

    result = archive_case(ctx, clerk, page.rows[0].case_id)
    assert result.state == "archived"
    assert cases_to_archive(ctx, clerk).total == page.total - 1
    # only the archive clerk archives (procedure.md, roles)
    leader = resolve_actor(ctx, "demo-leader", via="gui")
    try:
        archive_case(ctx, leader, page.rows[1].case_id)
    except Refused as exc:
        assert "档案" in str(exc) or "归档" in str(exc)
    else:
        raise AssertionError("a leader archived a case")
